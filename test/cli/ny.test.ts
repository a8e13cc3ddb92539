import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { ActualRow, PrognosisResult } from "../../src/core/prognosis";
import type { Check } from "../../src/report/kontroller";
import { EXIT_INPUT, EXIT_OK, runCli } from "../../src/cli/main";
import { generateLedger } from "../../bench/ledger";
import { sieBytes } from "../../bench/sie";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-ny-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** 30 ansvar under 4 verksamheter, January to August 2024, 2 000 rows with öre, revenue negative. */
const ledger = generateLedger({ rows: 2000, costCentres: 30, areas: 4, year: 2024, months: 8 });
const total = ledger.actuals.reduce((s, a) => s + a.amount, 0);
/** What the aggregated warning puts at stake: the utfall of the ansvar without budget, each taken whole. */
function unbudgetedKronor(rows: readonly ActualRow[]): number {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.costCentre, (by.get(r.costCentre) ?? 0) + r.amount);
  return [...by.values()].reduce((s, x) => s + Math.abs(x), 0);
}

function csvExport(path: string, withParent: boolean): void {
  const lines = [`Ansvar;Ansvar text;${withParent ? "Överordnad;" : ""}Konto;Period;Belopp`];
  for (const a of ledger.actuals)
    lines.push(
      `${a.costCentre};Enhet ${a.costCentre};${withParent ? `${a.costCentre.slice(0, 2)};` : ""}${a.account};${a.period.replace("-", "")};${String(a.amount).replace(".", ",")}`,
    );
  writeFileSync(path, lines.join("\r\n"));
}

async function sheetRows(path: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const rows: unknown[][] = [];
  wb.getWorksheet(sheet)!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

interface ReportJson {
  readonly prognosis: PrognosisResult;
  readonly kontroller: readonly Check[];
}

describe("budgetkoll ny: from an ERP export to the first report", () => {
  it("starts a workbook from a SIE 4 export and runs the report: utfall to the krona, the missing budget in one ranked warning", async () => {
    const sie = join(dir, "huvudbok.se");
    writeFileSync(sie, sieBytes(ledger.actuals, { kind: "ver", year: 2024 }));
    const book = join(dir, "sie-bok.xlsx");
    const r = await cli("ny", sie, "--out", book, "--json", "--tyst");
    expect(r.code, r.stderr).toBe(EXIT_OK);
    expect(r.stderr).toContain(`budgetkoll rapport ${book} --utfall ${sie} --out ${join(dir, "sie-bok-rapport.xlsx")}`);
    const json = JSON.parse(r.stdout) as ReportJson;
    expect(Math.round(json.prognosis.total.actual)).toBe(Math.round(total));
    expect(Math.round(json.prognosis.total.actual)).toBe(117_606_685);
    const missing = json.kontroller.find((c) =>
      c.message.startsWith("budget saknas för 30 ansvar med 117,6 mnkr utfall"),
    );
    expect(missing?.amount).toBeCloseTo(unbudgetedKronor(ledger.actuals), 2);
    // Ranked by money: nothing is at stake more than all the utfall without budget.
    expect(json.kontroller[0]!.amount).toBeCloseTo(unbudgetedKronor(ledger.actuals), 2);
    expect(existsSync(join(dir, "sie-bok-rapport.xlsx"))).toBe(true);

    const settings = await sheetRows(book, "Inställningar");
    expect(settings.find((row) => row[0] === "År")?.[1]).toBe(2024);
    expect(settings.find((row) => row[0] === "Månad")?.[1]).toBe(8);
    expect(String(settings.find((row) => row[0] === "Månad")?.[2])).toContain(
      "Härlett: den sista perioden med bokningar (augusti 2024)",
    );
    const ansvar = await sheetRows(book, "Ansvar");
    // Names from #OBJEKT, every ansvar under Ej placerade with the instruction above the table.
    expect(ansvar.find((row) => row[0] === "100000")).toEqual(["100000", 'Äldreomsorg "Östra" 100000', "EJPL"]);
    expect(ansvar.some((row) => String(row[0]).startsWith("Att göra: exporten säger inte vilken verksamhet"))).toBe(
      true,
    );
    const budget = await sheetRows(book, "Budget");
    expect(budget.filter((row) => /^\d+$/.test(String(row[0])))).toHaveLength(30);
  });

  it("starts a workbook from an ERP CSV with names and a parent column, and its report's utfall is the export's", async () => {
    const csv = join(dir, "raindance.csv");
    csvExport(csv, true);
    const book = join(dir, "csv-bok.xlsx");
    const r = await cli("ny", csv, "--out", book, "--json", "--tyst");
    expect(r.code, r.stderr).toBe(EXIT_OK);
    expect(r.stderr).toContain("Teckenkonvention: Kostnader positiva");
    const json = JSON.parse(r.stdout) as ReportJson;
    expect(Math.round(json.prognosis.total.actual)).toBe(Math.round(total));
    expect(json.kontroller.some((c) => c.message.startsWith("budget saknas för 30 ansvar med 117,6 mnkr utfall"))).toBe(
      true,
    );
    // The hierarchy from Överordnad: the four verksamheter carry their ansvar's utfall.
    const areas = json.prognosis.rows.filter((row) => row.depth === 0);
    expect(areas.map((row) => row.code)).toEqual(["10", "11", "12", "13"]);
    expect(Math.round(areas.reduce((s, row) => s + row.actual, 0))).toBe(Math.round(total));
    const ansvar = await sheetRows(book, "Ansvar");
    expect(ansvar.find((row) => row[0] === "100000")).toEqual(["100000", "Enhet 100000", "10"]);
  });

  it("takes the budget from the export's budget column: summed per ansvar, each ansvar without one in Kontroller", async () => {
    // Budget: each row's budget column, so that an ansvar's budget is the sum of its rows; ansvar 1000xx ending in 0
    // get none.
    const lines = ["Ansvar;Konto;Period;Belopp;Budget"];
    const budget = new Map<string, number>();
    for (const a of ledger.actuals) {
      const b = a.costCentre.endsWith("0") ? "" : String(Math.round(a.amount * 1.1));
      if (b) budget.set(a.costCentre, (budget.get(a.costCentre) ?? 0) + Number(b));
      lines.push(
        `${a.costCentre};${a.account};${a.period.replace("-", "")};${String(a.amount).replace(".", ",")};${b}`,
      );
    }
    const csv = join(dir, "med-budget.csv");
    writeFileSync(csv, lines.join("\n"));
    const book = join(dir, "budget-bok.xlsx");
    const r = await cli("ny", csv, "--out", book, "--json", "--tyst");
    expect(r.code, r.stderr).toBe(EXIT_OK);
    const json = JSON.parse(r.stdout) as ReportJson;
    expect(Math.round(json.prognosis.total.actual)).toBe(Math.round(total));
    const rows = (await sheetRows(book, "Budget")).filter((row) => /^\d+$/.test(String(row[0])));
    expect(rows).toHaveLength(budget.size);
    for (const row of rows) expect(row[2]).toBe(budget.get(String(row[0])));
    const withBudget = [...budget.values()].reduce((a, b) => a + b, 0);
    expect(Math.round(json.prognosis.total.annualBudget)).toBe(Math.round(withBudget));
    const missing = [...new Set(ledger.actuals.map((a) => a.costCentre))].filter((c) => !budget.has(c));
    expect(missing.length).toBeGreaterThan(0);
    // With the budget partly filled, each ansvar without one is its own Kontroller entry, with its utfall.
    for (const code of missing)
      expect(json.kontroller.map((c) => c.message)).toContainEqual(expect.stringMatching(`^Saknar budget: ${code} `));
  });

  it("never writes over an existing file without --skriv-over, nor over the export", async () => {
    const csv = join(dir, "export.csv");
    csvExport(csv, false);
    const book = join(dir, "finns.xlsx");
    writeFileSync(book, "mitt eget");
    const r = await cli("ny", csv, "--out", book, "--tyst");
    expect(r.code).toBe(EXIT_INPUT);
    expect(r.stderr).toContain("filen finns redan");
    expect(readFileSync(book, "utf8")).toBe("mitt eget");
    const again = await cli("ny", csv, "--out", book, "--tyst", "--skriv-over", "--json");
    expect(again.code, again.stderr).toBe(EXIT_OK);
    expect(statSync(book).size).toBeGreaterThan(1000);
    expect((await cli("ny", "--tyst")).stderr).toContain("ny behöver en export");
  });
});

describe("budgetkoll ny --fran: next month from last month's workbook", () => {
  it("carries the bundled example (August) over to September with a new ledger: the forecast history shows the change since August", async () => {
    const example = join(__dirname, "../../examples/herrljunga-2021.xlsx");
    const rows = (await sheetRows(example, "Utfall")).slice(1) as [
      string | number,
      string | number,
      string | number,
      number,
    ][];
    // September's ledger: the year so far, and each August booking booked again in September.
    const lines = ["Ansvar;Konto;Period;Belopp"];
    let sum = 0;
    for (const [a, k, p, b] of rows) {
      const period = String(p).replace("-", "").slice(0, 6);
      lines.push(`${a};${k};${period};${b}`);
      sum += b;
      if (period === "202108") {
        lines.push(`${a};${k};202109;${b}`);
        sum += b;
      }
    }
    const csv = join(dir, "huvudbok-2021-09.csv");
    writeFileSync(csv, lines.join("\n"));
    const book = join(dir, "bok-2021-09.xlsx");
    const r = await cli("ny", csv, "--fran", example, "--out", book, "--json", "--tyst");
    expect(r.code, r.stderr).toBe(EXIT_OK);
    const json = JSON.parse(r.stdout) as ReportJson;
    expect(json.prognosis.month).toBe(9);
    expect(Math.round(json.prognosis.total.actual)).toBe(Math.round(sum));
    // Last month's forecasts are this month's previous ones: Individ och familjeomsorg forecast 46 448 tkr in August.
    const area42 = json.prognosis.rows.find((row) => row.code === "42")!;
    expect(Math.round((area42.previousForecast ?? 0) / 1000)).toBe(46448);
    expect(area42.forecastChange).toBeDefined();
    const settings = await sheetRows(book, "Inställningar");
    expect(settings.find((row) => row[0] === "Månad")?.[1]).toBe(9);
    expect(settings.find((row) => row[0] === "Föregående prognos")?.[1]).toBe(8);
    // What persists came along: the budget, the volumes and the åtgärder.
    expect((await sheetRows(book, "Budget")).length).toBe((await sheetRows(example, "Budget")).length);
    expect((await sheetRows(book, "Åtgärder")).length).toBe((await sheetRows(example, "Åtgärder")).length);
  });
});
