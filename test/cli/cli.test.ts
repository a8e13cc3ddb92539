import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roundExcel } from "../../src/core/amounts";
import type { ActionPlanResult } from "../../src/core/actionPlan";
import type { PrognosisResult } from "../../src/core/prognosis";
import type { VolumeResult } from "../../src/core/volume";
import type { Totals } from "../../src/input/templates";
import { VOLUME_COLUMNS } from "../../src/report/volumeSheet";
import { parseArgs } from "../../src/cli/args";
import { parsePeriod } from "../../src/core/periods";
import type { ActualRow } from "../../src/core/prognosis";
import { sieBytes } from "../../bench/sie";
import { EXIT_INPUT, EXIT_OK, runCli } from "../../src/cli/main";

const EXAMPLE = join(__dirname, "../../examples/herrljunga-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(...args: string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** The golden table of seed 004 in tkr, by ansvar code. */
const GOLDEN: Record<string, { actual: number; budget: number; forecast: number; variance: number }> = {
  "42": { actual: 30097, budget: 44398, forecast: 46448, variance: -2050 },
  "422": { actual: 13185, budget: 16375, forecast: 19625, variance: -3250 },
  "44": { actual: 79165, budget: 128027, forecast: 125627, variance: 2400 },
  "461": { actual: 10611, budget: 14293, forecast: 16393, variance: -2100 },
};

describe("budgetkoll prognos on the bundled example", () => {
  let ran: Ran;
  const out = join(dir, "prognos.xlsx");
  beforeAll(async () => {
    ran = await cli("prognos", EXAMPLE, "--out", out, "--tyst");
  });

  it("prints the prognosis per ansvar in tkr with the seed's figures, subtotals and the total", () => {
    expect(ran.code).toBe(EXIT_OK);
    const lines = ran.stdout.split("\n");
    const line = (label: string): string => lines.find((l) => l.startsWith(label))!;
    // 42 Individ och familjeomsorg: utfall 30 097, budget 44 398, prognos 46 448, avvikelse -2 050 (seed 004).
    expect(line("42 Individ och familjeomsorg")).toMatch(/ 30 097 .* 44 398 +46 448 +-2 050$/);
    expect(line("  422 IFO BoF")).toMatch(/ 13 185 .* 16 375 +19 625 +-3 250$/);
    expect(line("44 Vård och omsorg")).toMatch(/ 128 027 +125 627 +2 400$/);
    // The seed prints Socialt stöd 20 890 and Summa 136 435 while its ansvar add up to 20 889 / 136 434: summing
    // the ledger in kronor and rounding only what is shown gives the printed figures (004_README.md).
    expect(line("46 Socialt stöd")).toMatch(/ 20 890 .* -1 800$/);
    expect(line("Summa")).toMatch(/ 146 392 .* 136 435 .* 216 123 +216 123 +0$/);
    expect(ran.stdout).toContain(
      "Avstämning: 1296 rader lästa, 1296 använda, 0 utanför perioden (0 tkr); utfall i indata 136 435 tkr = utfall i rapporten 136 435 tkr",
    );
    expect(ran.stderr).toContain(`Rapporten skrevs till ${out}`);
  });

  it("writes the report workbook with the prognosis sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toContain("Prognos per ansvar");
  });
});

describe("budgetkoll --json", () => {
  it("prints the calculators' results (kronor) as JSON on stdout", async () => {
    const ran = await cli("prognos", EXAMPLE, "--json", "--tyst", "--out", join(dir, "json.xlsx"));
    expect(ran.code).toBe(EXIT_OK);
    const json = JSON.parse(ran.stdout) as { command: string; report: string; prognosis: PrognosisResult };
    expect(json.command).toBe("prognos");
    expect(json.report).toBe(join(dir, "json.xlsx"));
    const byCode = new Map(json.prognosis.rows.map((r) => [r.code, r]));
    for (const [code, g] of Object.entries(GOLDEN)) {
      const r = byCode.get(code)!;
      // The example's kronor round to the printed tkr (utfall of 461: 10 611 250 kr, printed 10 611).
      expect([roundExcel(r.actual / 1000), r.annualBudget, r.forecast, r.varianceFullYear], code).toEqual([
        g.actual,
        g.budget * 1000,
        g.forecast * 1000,
        g.variance * 1000,
      ]);
    }
    expect(json.prognosis.total.annualBudget).toBe(216_123_000);
    expect(json.prognosis.reconciliation.unexplained).toBe(0);
  });

  it("runs the whole report with the volume budget and the åtgärdsplan", async () => {
    const ran = await cli("rapport", EXAMPLE, "--json", "--tyst", "--out", join(dir, "rapport.xlsx"));
    expect(ran.code).toBe(EXIT_OK);
    const json = JSON.parse(ran.stdout) as {
      actionPlan: { forecastVariance: number; remainingGap: number };
      volume: { lines: unknown[] };
    };
    // The gap follows from the workbook's own prognosis (total variance 0 tkr, the same as Sammanfattning), not a setting:
    // nothing is left to budget i balans and the 2 500 tkr of effects outside the forecast give an överskott.
    expect(json.actionPlan.forecastVariance).toBe(0);
    expect(json.actionPlan.remainingGap).toBe(0);
    expect(json.volume.lines.length).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "rapport.xlsx"));
    expect(wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name)).toEqual([
      "Sammanfattning",
      "Kontroller",
      "Prognos per ansvar",
      "Resultaträkning",
      "Kommentarer",
      "Organisatorisk fördelning",
      "Bilaga per ansvar",
      "Avvikelseförklaringar",
      "Investeringsuppföljning",
      "Volymbudget",
      "Åtgärdsplan",
    ]);
  });
});

describe("input errors", () => {
  it("lists every bad cell at once in Swedish, exits with 2 and writes nothing", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    wb.getWorksheet("Utfall")!.getCell("D3").value = "abc";
    wb.getWorksheet("Utfall")!.getCell("C5").value = "2021-13";
    wb.getWorksheet("Budget")!.getCell("B4").value = "ca 1,8 mnkr";
    const broken = join(dir, "trasig.xlsx");
    await wb.xlsx.writeFile(broken);
    const out = join(dir, "trasig-rapport.xlsx");
    const ran = await cli("prognos", broken, "--out", out, "--tyst");
    expect(ran.code).toBe(EXIT_INPUT);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toContain("Fel i indata (3); ingenting skrevs:");
    expect(ran.stderr).toContain('Blad "Budget", cell B4: "ca 1,8 mnkr" är ett ungefärligt belopp');
    expect(ran.stderr).toContain('Blad "Utfall", cell D3: "abc" är inte ett belopp');
    expect(ran.stderr).toContain('Blad "Utfall", cell C5: "2021-13" har månad 13, som inte finns');
    expect(existsSync(out)).toBe(false);
  });

  it("refuses wrong arguments with Swedish messages", async () => {
    const ran = await cli("prognos", EXAMPLE, "--manad", "13", "--tecken", "plus", "--okand");
    expect(ran.code).toBe(EXIT_INPUT);
    expect(ran.stderr.split("\n")).toEqual([
      "Okänt val --okand: se budgetkoll --help.",
      "--manad 13: förväntade en månad 1-12, t.ex. 8 för augusti.",
      "--tecken plus: välj kostnad-positiv eller kostnad-negativ.",
      "Se budgetkoll --help.",
    ]);
    expect((await cli("prognos", join(dir, "finns-inte.xlsx"))).stderr).toBe(
      `Filen eller mappen ${join(dir, "finns-inte.xlsx")} finns inte.`,
    );
  });

  it("shows the help in Swedish", async () => {
    const ran = await cli("--help");
    expect(ran.code).toBe(EXIT_OK);
    expect(ran.stdout).toContain("budgetkoll <kommando> <arbetsbok.xlsx> [val]");
    expect(ran.stdout).toContain("--tecken <konvention>");
  });

  it("parses the options", () => {
    const p = parseArgs([
      "prognos",
      "bok.xlsx",
      "--ar=2021",
      "--manad",
      "8",
      "--tecken",
      "kostnad-negativ",
      "--metod",
      "linjar",
      "--utfall",
      "hb.csv",
      "-o",
      "r.xlsx",
      "--json",
    ]);
    expect(p).toEqual({
      ok: true,
      options: {
        command: "prognos",
        inputs: ["bok.xlsx"],
        out: "r.xlsx",
        json: true,
        year: 2021,
        month: 8,
        sign: "costNegative",
        method: "runRate",
        ledger: "hb.csv",
        per: "ansvar",
        quiet: false,
      },
    });
  });
});

describe("settings: Inställningar, --budgetversion and --kolumn", () => {
  it("stops on a setting it does not understand, naming the cell, and warns about a name that is no setting", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const settings = wb.getWorksheet("Inställningar")!;
    settings.getCell("B3").value = "13";
    settings.addRow(["Färg", "blå"]);
    const path = join(dir, "installningar.xlsx");
    await wb.xlsx.writeFile(path);
    const ran = await cli("prognos", path, "--tyst", "--out", join(dir, "installningar-rapport.xlsx"));
    expect(ran.code).toBe(EXIT_INPUT);
    expect(ran.stderr).toContain(
      'Blad "Inställningar", cell B3: "13" är inte ett värde för Månad: förväntade en månad 1-12 eller ett månadsnamn, t.ex. 8 eller augusti.',
    );
    expect(ran.stderr).toContain(
      'Att kontrollera: Blad "Inställningar", cell A11: "Färg" är ingen känd inställning och lästes inte',
    );
    // --manad on the command line does not hide the bad cell: the sheet is still wrong.
    expect(
      (await cli("prognos", path, "--tyst", "--manad", "8", "--out", join(dir, "installningar-rapport.xlsx"))).code,
    ).toBe(EXIT_INPUT);
  });

  it("refuses a budget version the workbook does not have", async () => {
    const ran = await cli(
      "prognos",
      EXAMPLE,
      "--tyst",
      "--budgetversion",
      "KF 1999",
      "--out",
      join(dir, "version.xlsx"),
    );
    expect(ran.code).toBe(EXIT_INPUT);
    expect(ran.stderr).toContain('Blad "Inställningar": Budgetversion "KF 1999" finns inte i budgeten');
  });

  it("reads a header it does not recognise through --kolumn", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    wb.getWorksheet("Budget")!.getCell("A1").value = "Objekt X";
    const path = join(dir, "kolumn.xlsx");
    await wb.xlsx.writeFile(path);
    const unmapped = await cli("prognos", path, "--tyst", "--json", "--out", join(dir, "kolumn-rapport.xlsx"));
    expect(unmapped.code).toBe(EXIT_INPUT);
    const ran = await cli(
      "prognos",
      path,
      "--tyst",
      "--json",
      "--out",
      join(dir, "kolumn-rapport.xlsx"),
      "--kolumn",
      "Budget!Objekt X=Ansvar",
    );
    expect(ran.code).toBe(EXIT_OK);
    expect((JSON.parse(ran.stdout) as { prognosis: PrognosisResult }).prognosis.total.annualBudget).toBe(216_123_000);
  });

  it("parses --budgetversion and --kolumn, and refuses a mapping it cannot read", () => {
    const p = parseArgs([
      "rapport",
      "bok.xlsx",
      "--budgetversion",
      "KF 2020-11",
      "--kolumn",
      "Budget!Belopp 2021=Budget helår",
      "--kolumn=Utfall!Kst=costCentre",
    ]);
    expect(p.ok && p.options.budgetVersion).toBe("KF 2020-11");
    expect(p.ok && p.options.columnMapping).toEqual({
      Budget: { "Belopp 2021": "budget" },
      Utfall: { Kst: "costCentre" },
    });
    expect(parseArgs(["prognos", "bok.xlsx", "--kolumn", "Belopp=budget"])).toEqual({
      ok: false,
      problems: [
        '--kolumn Belopp=budget: förväntade "Blad!Rubrik=fält", t.ex. --kolumn "Budget!Belopp 2021=Budget helår".',
      ],
    });
  });
});

describe("a ledger in a file of its own (--utfall)", () => {
  it("streams a .csv ledger in place of the Utfall sheet and gives the same prognosis", async () => {
    // The example's utfall as an ERP export: semicolon, decimal comma, one row per ansvar and month.
    const sheet = await cli("prognos", EXAMPLE, "--json", "--tyst", "--out", join(dir, "a.xlsx"));
    const result = (JSON.parse(sheet.stdout) as { prognosis: PrognosisResult }).prognosis;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const lines = ["Ansvar;Konto;Period;Belopp"];
    wb.getWorksheet("Utfall")!.eachRow((row, r) => {
      if (r > 1)
        lines.push(
          `${row.getCell(1).text};${row.getCell(2).text};${row.getCell(3).text};${String(row.getCell(4).value).replace(".", ",")}`,
        );
    });
    lines.push("Summa;;;136435000");
    const csv = join(dir, "huvudbok.csv");
    writeFileSync(csv, lines.join("\n"));
    const ran = await cli("prognos", EXAMPLE, "--utfall", csv, "--json", "--tyst", "--out", join(dir, "b.xlsx"));
    expect(ran.code).toBe(EXIT_OK);
    const json = JSON.parse(ran.stdout) as {
      prognosis: PrognosisResult;
      ledgers: { rowsRead: number; rowsUsed: number; rowsRejected: number; rowsTotals: number; amountUsed: number }[];
    };
    expect(json.ledgers).toEqual([
      {
        source: "huvudbok.csv",
        rowsRead: 1297,
        rowsUsed: 1296,
        rowsRejected: 0,
        rowsTotals: 1,
        amountUsed: 136_435_000,
      },
    ]);
    expect(json.prognosis.rows.map((r) => [r.key, r.actual, r.forecast])).toEqual(
      result.rows.map((r) => [r.key, r.actual, r.forecast]),
    );
    const text = await cli("prognos", EXAMPLE, "--utfall", csv, "--tyst", "--out", join(dir, "b.xlsx"));
    expect(text.stdout).toContain(
      "Utfall strömmat från huvudbok.csv: 1 297 rader lästa = 1 296 använda + 0 avvisade + 1 summarader; belopp 136 435 tkr på 18 ansvar.",
    );
    // The rapport sums the streamed ledger per konto too: its resultaträkning is the one of the workbook's own Utfall
    // (seed 004: Intäkter -62 876 tkr, Summa nettokostnader 136 435 tkr in 2021; 2020 from the sheet Utfall fg år).
    const rapport = await cli("rapport", EXAMPLE, "--utfall", csv, "--tyst", "--out", join(dir, "rapport-csv.xlsx"));
    expect(rapport.code).toBe(EXIT_OK);
    expect(rapport.stderr).not.toContain("ingen resultaträkning");
    expect(rapport.stdout).toMatch(/\nIntäkter +-58 345 +-62 876 +-72 459 +-91 693 +19 234\n/);
    expect(rapport.stdout).toMatch(/\nSumma nettokostnader +146 392 +136 435 +216 123 +216 123 +0\n/);
  });

  it("streams a SIE 4 file (verifikationer, last year as #RAR -1) and gives the same prognosis as the workbook's sheets", async () => {
    const sheet = await cli("prognos", EXAMPLE, "--json", "--tyst", "--out", join(dir, "sie-a.xlsx"));
    const result = (JSON.parse(sheet.stdout) as { prognosis: PrognosisResult }).prognosis;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const rows = (name: string): ActualRow[] => {
      const out: ActualRow[] = [];
      wb.getWorksheet(name)!.eachRow((row, r) => {
        const period = parsePeriod(row.getCell(3).value);
        if (r > 1 && period.kind === "value")
          out.push({
            costCentre: row.getCell(1).text,
            account: row.getCell(2).text,
            period: period.value,
            amount: Number(row.getCell(4).value),
          });
      });
      return out;
    };
    const thisYear = rows("Utfall");
    const lastYear = rows("Utfall fg år");
    // Both years as verifikationer: one SIE file, #RAR 0 2021 and #RAR -1 2020.
    const path = join(dir, "huvudbok.se");
    writeFileSync(path, sieBytes([...lastYear, ...thisYear], { kind: "ver", year: 2021 }));
    const ran = await cli("prognos", EXAMPLE, "--utfall", path, "--json", "--tyst", "--out", join(dir, "sie-b.xlsx"));
    expect(ran.stderr).not.toContain("Att kontrollera");
    expect(ran.code).toBe(EXIT_OK);
    const json = JSON.parse(ran.stdout) as {
      prognosis: PrognosisResult;
      ledgers: {
        source: string;
        rowsRead: number;
        rowsUsed: number;
        rowsRejected: number;
        rowsSetAside: number;
        amountUsed: number;
        amountSetAside: number;
      }[];
    };
    expect(json.ledgers.map((l) => [l.source, l.rowsUsed])).toEqual([
      ["huvudbok.se", thisYear.length],
      ["huvudbok.se (#RAR -1)", lastYear.length],
    ]);
    // Nothing lost: rows read = used + rejected + set aside, and the counter-entries carry the utfall's kronor back.
    for (const l of json.ledgers) {
      expect(l.rowsRead).toBe(l.rowsUsed + l.rowsRejected + l.rowsSetAside);
      expect(Math.round(l.amountUsed + l.amountSetAside)).toBe(0);
    }
    expect(json.prognosis.rows.map((r) => [r.key, Math.round(r.actual), Math.round(r.forecast)])).toEqual(
      result.rows.map((r) => [r.key, Math.round(r.actual), Math.round(r.forecast)]),
    );
    // Seed 004: 42 Individ och familjeomsorg, utfall 30 097 tkr.
    expect(roundExcel(json.prognosis.rows.find((r) => r.key === "42")!.actual / 1000)).toBe(30097);
    // Kostnader negativa (Gnesta): a SIE file's debit-positive amounts are turned, not read as the kommun's own.
    const negative = await cli(
      "prognos",
      EXAMPLE,
      "--utfall",
      path,
      "--tecken",
      "kostnad-negativ",
      "--json",
      "--tyst",
      "--out",
      join(dir, "sie-c.xlsx"),
    );
    const inSheets = await cli(
      "prognos",
      EXAMPLE,
      "--tecken",
      "kostnad-negativ",
      "--json",
      "--tyst",
      "--out",
      join(dir, "sie-d.xlsx"),
    );
    const actual = (r: Ran) =>
      (JSON.parse(r.stdout) as { prognosis: PrognosisResult }).prognosis.rows.find((x) => x.key === "42")!.actual;
    // The workbook's own sheets are costs positive, so read as costs negative they turn; the SIE file does not.
    expect(roundExcel(actual(negative) / 1000)).toBe(30097);
    expect(roundExcel(actual(inSheets) / 1000)).toBe(-30097);
    const text = await cli("prognos", EXAMPLE, "--utfall", path, "--out", join(dir, "sie-b.xlsx"));
    expect(text.stderr).toContain(
      "SIE-fil (Budgetkoll testgenerator, Socialnämnden i Exempelkommun), PC8 (teckentabell 437): utfallet från verifikationer, ansvar = dimension 1 Kostnadsställe; fjolårets utfall (#RAR -1) som Utfall fg år.",
    );
    expect(text.stdout).toMatch(
      /Utfall strömmat från huvudbok\.se: [\d ]+ rader lästa = [\d ]+ använda \+ 0 avvisade \+ [\d ]+ på balanskonton \(motkonteringar, inte utfall: -136 435 tkr\); belopp 136 435 tkr på 18 ansvar\./,
    );
  });

  it("takes a SIE file's period budget (#PBUDGET) as the Budget when the workbook has none", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const budgetRows: { key: string; months: number[] }[] = [];
    wb.getWorksheet("Budget")!.eachRow((row, r) => {
      if (r > 1)
        budgetRows.push({
          key: row.getCell(1).text,
          months: Array.from({ length: 12 }, (_, m) => Number(row.getCell(3 + m).value)),
        });
    });
    const utfall: ActualRow[] = [];
    wb.getWorksheet("Utfall")!.eachRow((row, r) => {
      const period = parsePeriod(row.getCell(3).value);
      if (r > 1 && period.kind === "value")
        utfall.push({
          costCentre: row.getCell(1).text,
          account: row.getCell(2).text,
          period: period.value,
          amount: Number(row.getCell(4).value),
        });
    });
    // The example's monthly budget (tkr) as period budgets in kronor on one cost account per ansvar.
    const pbudget = budgetRows.flatMap((b) =>
      b.months.map((tkr, m) => `#PBUDGET 0 2021${String(m + 1).padStart(2, "0")} 4010 {1 "${b.key}"} ${tkr * 1000}.00`),
    );
    const path = join(dir, "budget.se");
    writeFileSync(path, sieBytes(utfall, { kind: "ver", year: 2021 }));
    appendFileSync(path, pbudget.join("\r\n") + "\r\n");
    wb.removeWorksheet(wb.getWorksheet("Budget")!.id);
    wb.removeWorksheet(wb.getWorksheet("Budget per konto")!.id);
    const book = join(dir, "utan-budget.xlsx");
    await wb.xlsx.writeFile(book);

    const withSheet = await cli("prognos", EXAMPLE, "--json", "--tyst", "--out", join(dir, "pb-a.xlsx"));
    const ran = await cli("prognos", book, "--utfall", path, "--json", "--out", join(dir, "pb-b.xlsx"));
    expect(ran.code).toBe(EXIT_OK);
    expect(ran.stderr).toContain("periodbudgeten (#PBUDGET) som Budget");
    const rows = (r: Ran) =>
      (JSON.parse(r.stdout) as { prognosis: PrognosisResult }).prognosis.rows.map((x) => [
        x.key,
        Math.round(x.annualBudget),
        Math.round(x.phasedBudget),
        Math.round(x.actual),
      ]);
    expect(rows(ran)).toEqual(rows(withSheet));
    // Seed 004: 42 Individ och familjeomsorg, budget 44 398 tkr.
    expect(rows(ran).find((r) => r[0] === "42")![1]).toBe(44_398_000);
  });

  it("shows its progress on a long run, every 100 000 rows, and counts every row", async () => {
    // 250 000 bookings of 1 kr on ansvar 422 in March: progress after 100 000 and 200 000 rows, nothing lost.
    const csv = join(dir, "huvudbok-stor.csv");
    writeFileSync(
      csv,
      ["Ansvar;Konto;Period;Belopp", ...Array.from({ length: 250_000 }, () => "422;4010;2021-03;1,00")].join("\n"),
    );
    const ran = await cli("prognos", EXAMPLE, "--utfall", csv, "--out", join(dir, "stor.xlsx"));
    expect(ran.code).toBe(EXIT_OK);
    const progress = ran.stderr.split("\n").filter((l) => l.includes("rader lästa ..."));
    expect(progress.map((l) => l.trim().replace(/\s/g, " "))).toEqual([
      "huvudbok-stor.csv: 100 000 rader lästa ...",
      "huvudbok-stor.csv: 200 000 rader lästa ...",
    ]);
    expect(ran.stdout).toContain(
      "Utfall strömmat från huvudbok-stor.csv: 250 000 rader lästa = 250 000 använda + 0 avvisade; belopp 250 tkr på 1 ansvar.",
    );
  });

  it("streams a big workbook (here: every workbook) and gives the same prognosis as opening it whole", async () => {
    const whole = await cli("prognos", EXAMPLE, "--json", "--tyst", "--out", join(dir, "d.xlsx"));
    process.env.BUDGETKOLL_STREAM_ABOVE_MB = "0";
    try {
      const streamed = await cli("prognos", EXAMPLE, "--json", "--tyst", "--out", join(dir, "e.xlsx"));
      expect(streamed.code).toBe(EXIT_OK);
      const a = JSON.parse(whole.stdout) as { prognosis: PrognosisResult };
      const b = JSON.parse(streamed.stdout) as {
        prognosis: PrognosisResult;
        ledgers: { source: string; rowsRead: number; amountUsed: number }[];
      };
      expect(b.prognosis.rows).toEqual(a.prognosis.rows);
      expect(b.ledgers.map((l) => [l.source, l.rowsRead, l.amountUsed])).toEqual([
        ["Utfall", 1296, 136_435_000],
        ["Utfall fg år", 1944, 217_109_249],
      ]);
      // Both ledgers streamed: the rapport's resultaträkning comes from their konto sums, to the same figures.
      const rapport = await cli("rapport", EXAMPLE, "--tyst", "--out", join(dir, "rapport-strommad.xlsx"));
      expect(rapport.code).toBe(EXIT_OK);
      expect(rapport.stdout).toMatch(/\nIntäkter +-58 345 +-62 876 +-72 459 +-91 693 +19 234\n/);
      expect(rapport.stdout).toMatch(/\nResultat +-8 722 +4 793 +0 +0\n/);
    } finally {
      delete process.env.BUDGETKOLL_STREAM_ABOVE_MB;
    }
  });

  it("sums a streamed ledger split over two sheets whole, in the prognosis and in the resultaträkning", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const utfall = wb.getWorksheet("Utfall")!;
    const second = wb.addWorksheet("Utfall del 2");
    second.addRow(["Ansvar", "Konto", "Period", "Belopp"]);
    // Every other booking moves to the second sheet.
    const rows: unknown[][] = [];
    utfall.eachRow((row, r) => r > 1 && r % 2 === 0 && rows.push((row.values as unknown[]).slice(1)));
    for (const r of rows) second.addRow(r);
    for (let r = utfall.rowCount; r > 1; r--) if (r % 2 === 0) utfall.spliceRows(r, 1);
    const path = join(dir, "delad.xlsx");
    await wb.xlsx.writeFile(path);
    process.env.BUDGETKOLL_STREAM_ABOVE_MB = "0";
    try {
      const ran = await cli("rapport", path, "--tyst", "--out", join(dir, "delad-rapport.xlsx"));
      expect(ran.code).toBe(EXIT_OK);
      expect(ran.stdout).toMatch(/\nSumma nettokostnader +146 392 +136 435 +216 123 +216 123 +0\n/);
      expect(ran.stdout).toContain("utfall i indata 136 435 tkr = utfall i rapporten 136 435 tkr");
      // 648 + 648 = 1 296 rows, 66 805 + 69 630 = 136 435 tkr.
      expect(ran.stdout).toContain(
        "Utfall strömmat från Utfall: 648 rader lästa = 648 använda + 0 avvisade; belopp 66 805 tkr på 18 ansvar.",
      );
      expect(ran.stdout).toContain(
        "Utfall strömmat från Utfall del 2: 648 rader lästa = 648 använda + 0 avvisade; belopp 69 630 tkr på 18 ansvar.",
      );
    } finally {
      delete process.env.BUDGETKOLL_STREAM_ABOVE_MB;
    }
  });

  it("converts a streamed ledger's konto sums like its rows: Gnesta's negative costs and a ledger in tkr", async () => {
    // The example's Utfall as Gnesta would export it: costs negative, revenue positive, belopp in tkr.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const lines = ["Ansvar;Konto;Period;Belopp"];
    wb.getWorksheet("Utfall")!.eachRow((row, r) => {
      if (r > 1)
        lines.push(
          `${row.getCell(1).text};${row.getCell(2).text};${row.getCell(3).text};${String(-Number(row.getCell(4).value) / 1000).replace(".", ",")}`,
        );
    });
    const csv = join(dir, "gnesta-tkr.csv");
    writeFileSync(csv, lines.join("\n"));
    const settings = wb.getWorksheet("Inställningar")!;
    settings.addRow(["Utfall i", "tkr"]);
    settings.eachRow((row) => {
      if (row.getCell(1).value === "Teckenkonvention") row.getCell(2).value = "Kostnader negativa";
    });
    // The other sheets in Gnesta's convention too: budget and forecasts negative, last year's ledger likewise (in tkr).
    for (const name of ["Budget", "Prognos", "Budget per konto", "Prognos per kostnadsslag"]) {
      wb.getWorksheet(name)!.eachRow((row, r) => {
        if (r > 1) row.eachCell((cell, c) => c > 1 && typeof cell.value === "number" && (cell.value = -cell.value));
      });
    }
    wb.getWorksheet("Utfall fg år")!.eachRow((row, r) => {
      if (r > 1) row.getCell(4).value = -Number(row.getCell(4).value) / 1000;
    });
    const book = join(dir, "gnesta-bok.xlsx");
    await wb.xlsx.writeFile(book);
    const ran = await cli("rapport", book, "--utfall", csv, "--tyst", "--out", join(dir, "gnesta-rapport.xlsx"));
    expect(ran.code).toBe(EXIT_OK);
    // Inside, one convention: the same resultaträkning as the example's (seed 004), whatever the kommun writes.
    expect(ran.stdout).toMatch(/\nIntäkter +-58 345 +-62 876 +-72 459 +-91 693 +19 234\n/);
    expect(ran.stdout).toMatch(/\nSumma nettokostnader +146 392 +136 435 +216 123 +216 123 +0\n/);
  });

  it("stops on a bad ledger row, naming file and cell, and writes nothing", async () => {
    const csv = join(dir, "trasig.csv");
    writeFileSync(csv, "Ansvar;Konto;Period;Belopp\n422;4610;2021-03;1 000\n422;4610;2021-03;tusen\n");
    const out = join(dir, "c.xlsx");
    const ran = await cli("prognos", EXAMPLE, "--utfall", csv, "--tyst", "--out", out);
    expect(ran.code).toBe(EXIT_INPUT);
    expect(ran.stderr).toContain('Blad "trasig.csv", cell D3: "tusen" är inte ett belopp');
    expect(existsSync(out)).toBe(false);
  });
});

describe("mall and samla", () => {
  async function fill(path: string, forecasts: Record<string, string | number>): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet("Prognos")!;
    let forecastCol = 0;
    ws.eachRow((row) => {
      row.eachCell((cell, c) => {
        if (cell.value === "Prognos helår (tkr)") forecastCol = c;
      });
    });
    ws.eachRow((row) => {
      const code = String(row.getCell(1).value ?? "");
      if (code in forecasts) {
        row.getCell(forecastCol).value = forecasts[code]!;
        row.getCell(forecastCol + 1).value = "Ifylld av enhetschefen.";
      }
    });
    await wb.xlsx.writeFile(path);
  }

  /** Fill cells of a returned template's sheet by A1 address, as the unit would type them. */
  async function fillCells(path: string, sheet: string, cells: Record<string, ExcelJS.CellValue>): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet(sheet)!;
    for (const [address, value] of Object.entries(cells)) ws.getCell(address).value = value;
    await wb.xlsx.writeFile(path);
  }

  /** The numbers of a column of a template's data rows (from row 4, under the header), summed. */
  async function columnSum(path: string, sheet: string, column: string): Promise<number> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    let sum = 0;
    wb.getWorksheet(sheet)!.eachRow((row, r) => {
      const v = row.getCell(column).value;
      if (r > 3 && typeof v === "number") sum += v;
    });
    return sum;
  }

  /** A written report sheet's rows as plain values (a formula cell gives its cached result). */
  async function sheetRows(path: string, sheet: string): Promise<unknown[][]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const rows: unknown[][] = [];
    wb.getWorksheet(sheet)!.eachRow((row) => {
      rows.push(
        (row.values as ExcelJS.CellValue[])
          .slice(1)
          .map((v) => (v !== null && typeof v === "object" && "result" in v ? v.result : v)),
      );
    });
    return rows;
  }

  it("makes no forecast template at the bokslut, and says why", async () => {
    const folder = join(dir, "mallar-bokslut");
    const bokslut = join(__dirname, "../../examples/sjobacka-bokslut-2023.xlsx");
    const made = await cli("mall", bokslut, "--per", "ansvar", "--out", folder);
    expect(made.code).toBe(EXIT_OK);
    expect(readdirSync(folder).filter((f) => f.startsWith("prognos-"))).toEqual([]);
    expect(made.stderr).toContain(
      'Blad "Inställningar": rapporten är bokslutet för 2023: utfallet är årets, så ingen prognosmall skapas',
    );
  });

  it("writes one template per ansvar, reads them back with their errors, and lists who has not returned", async () => {
    const folder = join(dir, "mallar");
    const made = await cli("mall", EXAMPLE, "--per", "ansvar", "--out", folder, "--tyst");
    expect(made.code).toBe(EXIT_OK);
    const files = readdirSync(folder).sort();
    expect(files).toContain("prognos-422-IFO-BoF.xlsx");
    expect(files.filter((f) => f.startsWith("prognos-"))).toHaveLength(18);
    expect(files).toEqual(expect.arrayContaining(["volymer.xlsx", "atgarder.xlsx"]));

    // The units return theirs: 443 and 445 never come back, 421 writes text in the forecast cell, the volume
    // template has text in a volume cell and the åtgärd template a status that is not one.
    const returned = join(dir, "inlamnat");
    cpSync(folder, returned, { recursive: true });
    for (const f of ["prognos-443-Hemtjanst-Ljung.xlsx", "prognos-445-Hagen-sabo.xlsx"]) rmSync(join(returned, f));
    await fill(join(returned, "prognos-422-IFO-BoF.xlsx"), { "422": 19625 });
    await fill(join(returned, "prognos-421-IFO-vuxen-och-bistand.xlsx"), { "421": "ungefär 24 miljoner" });
    // Volymer: rows 4-9 are Myndighet och bistånd / Hemtjänst, Vård och omsorg / Hemtjänst and Särskilt boende,
    // Socialt stöd / LSS, Individ och familjeomsorg / Försörjningsstöd and Institutionsplaceringar barn.
    const volumes = join(returned, "volymer.xlsx");
    await fillCells(volumes, "Volymer", {
      G4: 41_200,
      G5: 999_999,
      G6: "många",
      G7: 150,
      G8: 540,
      G9: 1_010.5,
      H5: 19_300,
      I5: "Fler beviljade timmar än budgeterat.",
    });
    // Åtgärder: measure 5 (row 8) has started and brings more; a new measure on the first blank row (26).
    const measures = join(returned, "atgarder.xlsx");
    await fillCells(measures, "Åtgärder", { E8: "Påbörjad", G8: 300, H8: 900, L8: "Två placeringar hemtagna." });
    await fillCells(measures, "Åtgärder", {
      A26: "23",
      B26: "ÄFH",
      C26: "Samordna hemtjänstens planering",
      D26: "Kim Ek",
      E26: "Snart",
      F26: 400,
      G26: 0,
      H26: 200,
      I26: "Nej",
      J26: "Låg",
    });

    const out = join(dir, "samlat.xlsx");
    const bad = await cli("samla", EXAMPLE, returned, "--out", out, "--tyst");
    expect(bad.code).toBe(EXIT_INPUT);
    expect(bad.stderr).toMatch(
      /Fil "prognos-421-IFO-vuxen-och-bistand.xlsx", blad "Prognos", cell E\d+: "ungefär 24 miljoner"/,
    );
    expect(bad.stderr).toContain(
      'Fil "volymer.xlsx", blad "Volymer", cell G6: "många" är inte en volym: förväntade en volym (ett tal som inte är negativt), t.ex. 2,5.',
    );
    expect(bad.stderr).toContain(
      'Fil "atgarder.xlsx", blad "Åtgärder", cell E26: "Snart" är ingen status för en åtgärd: förväntade Ej påbörjad, Påbörjad, Genomförd, Ej genomförd eller Avslagen.',
    );
    expect(existsSync(out)).toBe(false);

    await fill(join(returned, "prognos-421-IFO-vuxen-och-bistand.xlsx"), { "421": 24661 });
    await fillCells(volumes, "Volymer", { G6: 15_800 });
    await fillCells(measures, "Åtgärder", { E26: "Påbörjad" });
    const good = await cli("samla", EXAMPLE, returned, "--out", out, "--json", "--tyst");
    expect(good.code).toBe(EXIT_OK);
    const json = JSON.parse(good.stdout) as {
      prognosis: PrognosisResult;
      volume: VolumeResult;
      actionPlan: ActionPlanResult;
      missing: string[];
      missingTemplates: string[];
      templates: {
        rows: { read: number; used: number; rejected: number };
        totals: Totals;
        volumeTotals: { actualVolume: Totals; actualCost: Totals };
        measureTotals: { plannedEffect: Totals; forecastEffect: Totals };
        volumeComments: { key: string; comment: string }[];
      };
    };
    // The files of 443 and 445 never came back; the 14 other files came back without a Prognos helår: not returned.
    const unfilled = ["400", "410", "420", "440", "441", "442", "444", "446", "447", "448", "460", "461", "463", "467"];
    expect(json.missing).toEqual([...unfilled, "443", "445"].sort());
    expect(json.missingTemplates).toEqual([]);
    const r422 = json.prognosis.rows.find((r) => r.key === "422")!;
    expect([r422.forecast, r422.forecastMethod, r422.comment]).toEqual([
      19_625_000,
      "entered",
      "Ifylld av enhetschefen.",
    ]);
    expect(json.templates.totals).toEqual({ read: 44_286_000, consolidated: 44_286_000, rejected: 0, setAside: 0 });
    // 16 forecast rows returned (14 left blank: not rejected, not returned), 6 volume lines, 22 measures and the new one.
    expect(json.templates.rows).toEqual({ read: 45, used: 31, rejected: 0, blank: 14 });

    // The volumes: the returned actual volume and cost replace the workbook's; the plan stays the workbook's.
    const care = json.volume.lines.find((l) => l.key === "Vård och omsorg / Hemtjänst")!;
    expect([care.actualVolume, care.actualCost, care.budgetVolume, care.unitPrice]).toEqual([
      999_999, 19_300_000, 66_000, 430,
    ]);
    expect(json.templates.volumeComments).toEqual([
      { key: "Vård och omsorg / Hemtjänst", comment: "Fler beviljade timmar än budgeterat." },
    ]);
    // Nothing lost: the templates' volumes and costs are the report's, line for line and in total.
    const typedVolume = await columnSum(volumes, "Volymer", "G");
    const typedCost = (await columnSum(volumes, "Volymer", "H")) * 1000;
    expect(typedVolume).toBe(41_200 + 999_999 + 15_800 + 150 + 540 + 1_010.5);
    expect(json.templates.volumeTotals.actualVolume).toEqual({
      read: typedVolume,
      consolidated: typedVolume,
      rejected: 0,
      setAside: 0,
    });
    expect(json.templates.volumeTotals.actualCost).toEqual({
      read: typedCost,
      consolidated: typedCost,
      rejected: 0,
      setAside: 0,
    });
    expect(json.volume.lines.reduce((a, l) => a + l.actualVolume, 0)).toBe(typedVolume);
    expect(json.volume.grossTotal.actualCost).toBe(typedCost);

    // The measures: measure 5 as returned, the new one added; the report's effects are the template's.
    expect(json.actionPlan.total.count).toBe(23);
    const typedPlanned = (await columnSum(measures, "Åtgärder", "F")) * 1000;
    const typedForecast = (await columnSum(measures, "Åtgärder", "H")) * 1000;
    expect(json.templates.measureTotals.plannedEffect).toEqual({
      read: typedPlanned,
      consolidated: typedPlanned,
      rejected: 0,
      setAside: 0,
    });
    expect(json.templates.measureTotals.forecastEffect).toEqual({
      read: typedForecast,
      consolidated: typedForecast,
      rejected: 0,
      setAside: 0,
    });
    expect([json.actionPlan.total.planned, json.actionPlan.total.forecast]).toEqual([typedPlanned, typedForecast]);
    // The gap is measured against the consolidated prognosis.
    expect(json.actionPlan.forecastVariance).toBe(json.prognosis.total.varianceFullYear);

    // The written workbook: Volymbudget and Åtgärdsplan beside Prognos per ansvar, with the returned figures.
    const volumeSheet = await sheetRows(out, "Volymbudget");
    const at = (id: string): number => VOLUME_COLUMNS.findIndex((c) => c.id === id);
    const careRow = volumeSheet.find(
      (r) => r[at("area")] === "Vård och omsorg" && r[at("name")] === "Hemtjänst (utförare)",
    )!;
    expect([careRow[at("actualVolume")], careRow[at("actualCost")]]).toEqual([999_999, 19_300_000]);
    const notes = volumeSheet.map((r) => r[0]).filter((v): v is string => typeof v === "string");
    // The template's cells as typed beside the written report's lines (every line was returned, costs in whole tkr).
    expect(typedCost).toBe(80_218_000);
    expect(notes).toContain(
      "Volymmallen: inlämnade volymmått 6 (ändrade: 6, oförändrade: 0); i mallarna utfall volym 1 058 699,50 och kostnad t.o.m. perioden 80 218 tkr (hela tkr), i Volymbudget för samma volymmått utfall volym 1 058 699,50 och kostnad 80 218 tkr.",
    );
    expect(notes).toContain("Vård och omsorg / Hemtjänst: Fler beviljade timmar än budgeterat.");
    const planSheet = await sheetRows(out, "Åtgärdsplan");
    const measureRow = (id: string): unknown[] => planSheet.find((r) => r[1] === id && r[2] !== undefined)!;
    expect(measureRow("5").slice(0, 8)).toEqual([
      "(SOV) Satsa på hemmaplanslösningar.",
      "5",
      "SOV",
      2_000_000,
      300_000,
      900_000,
      "Påbörjad",
      "Nej",
    ]);
    expect(measureRow("5")[11]).toBe("Två placeringar hemtagna.");
    expect(measureRow("23").slice(0, 9)).toEqual([
      "Samordna hemtjänstens planering",
      "23",
      "ÄFH",
      400_000,
      0,
      200_000,
      "Påbörjad",
      "Nej",
      "Kim Ek",
    ]);

    // The åtgärd template does not come back: it is named with the ansvar that are missing.
    rmSync(measures);
    const text = await cli("samla", EXAMPLE, returned, "--out", out, "--tyst");
    expect(text.code).toBe(EXIT_OK);
    expect(text.stdout).toContain(
      "Ej inlämnade (17): 400 Nämnd, 410 Förvaltningsledning, 420 Individ och familjeomsorg, 440 Vård och omsorg, 441 Hemtjänst Herrljunga Landsbygd, 442 Hemtjänst Herrljunga tätort, 443 Hemtjänst Ljung, 444 Korttidsenhet och bemanning, 445 Hagen säbo, 446 Hemgården demens, 447 Hälso och sjukvård, 448 Hemgården omvårdnad, 460 Socialt stöd, 461 Funktionshinder, 463 Stöd och resurs, 467 Sysselsättning, åtgärdsmallen (atgarder.xlsx)",
    );
    expect(text.stdout).toContain(
      "Inlämnade mallar: 17 filer, 22 rader lästa = 8 sammanställda + 0 avvisade + 14 ej ifyllda; prognoser i mallarna 44 286 tkr på 2 rader = 44 286 tkr för 2 ansvar + 0 tkr avvisade (0 rader) + 0 tkr i likadana kopior (0 rader); i Prognos per ansvar för samma ansvar 44 286 tkr.",
    );
    const partial = await cli("samla", EXAMPLE, returned, "--out", out, "--json", "--tyst");
    expect((JSON.parse(partial.stdout) as { missingTemplates: string[] }).missingTemplates).toEqual(["atgarder.xlsx"]);
    expect(existsSync(out)).toBe(true);
  });
});
