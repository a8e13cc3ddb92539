import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BalanceShare } from "../../src/core/balanceShare";
import type { ExplainedVariance } from "../../src/core/explanations";
import type { InvestmentFollowUp } from "../../src/core/investments";
import { EXIT_INPUT, EXIT_OK, runCli } from "../../src/cli/main";
import { roundExcel } from "../../src/core/amounts";
import { readGolden } from "../core/goldenCsv";

const EXAMPLE = join(__dirname, "../../examples/herrljunga-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-namnd-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The row of a sheet whose column A holds `key` (the commentary's Nyckel, the report's labels). */
function rowOf(ws: ExcelJS.Worksheet, key: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (found === undefined && row.getCell(1).value === key) found = row;
  });
  if (!found) throw new Error(`no row ${key} on ${ws.name}`);
  return found;
}

const IFO = "Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret.";
const EDIT = "IFO prognostiserar ett underskott på 2 050 tkr, främst institutionsplaceringar inom barn och familj.";

describe("budgetkoll rapport: the nämnd's report on the bundled example (Herrljunga 2021)", () => {
  const out = join(dir, "rapport.xlsx");
  let ran: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    ran = await cli("rapport", EXAMPLE, "--out", out, "--tyst");
  });

  it("reproduces seed 004's resultaträkning from the ledger by konto: both utfall columns, the budget, prognos helår, avvikelse helår, kommunbidrag and resultat", async () => {
    // 004_resultatrakning.csv, utfall_2020_08 and utfall_2021_08 (tkr); the ledger is in kronor, summed by
    // Kommun-Bas konto class and rounded only where shown (Excel ROUND on the cached kronor).
    const ws = (await workbook(out)).getWorksheet("Resultaträkning")!;
    const tkr = (row: string, column: number) => {
      // cell.result, not cell.value: exceljs's value drops a cached result of 0.
      const cell = rowOf(ws, row).getCell(column);
      const kronor = typeof cell.value === "number" ? cell.value : cell.result;
      return roundExcel(Number(kronor) / 1000, 0);
    };
    const golden = readGolden("004_resultatrakning.csv").filter(
      (r) => r["rad"] !== "Resultat" || r["utfall_2021_08"] !== "",
    );
    const shownRow: Record<string, string> = { "Summa Nettokostnader": "Summa nettokostnader" };
    for (const g of golden) {
      const row = shownRow[g["rad"]!] ?? g["rad"]!;
      // The Budget column from the sheet Budget per konto (the seed's Resultat prints no budget: 0 here); the
      // Prognos column from the sheet Prognos per kostnadsslag (each ansvar's lines add up to its forecast);
      // Avvikelse helår = budget - prognos.
      expect([row, tkr(row, 2), tkr(row, 3), tkr(row, 4), tkr(row, 5)]).toEqual([
        row,
        Number(g["utfall_2020_08"]),
        Number(g["utfall_2021_08"]),
        Number(g["budget_2021"]),
        Number(g["prognos_2021"]),
      ]);
      // The Resultat row has no avvikelse cell (its sign is already + = överskott); the seed prints 0 there.
      if (row !== "Resultat") expect([row, tkr(row, 6)]).toEqual([row, Number(g["avvikelse_helar"])]);
    }
    expect(ws.getRow(rowOf(ws, "Intäkter").number - 1).values).toContain("Avvikelse helår (tkr)");
    expect(tkr("Resultat", 2)).toBe(-8722);
    expect(tkr("Resultat", 3)).toBe(4793);
    // The seed's own rounding gaps (2020: Summa kostnader 204 736 over parts that print 204 738; budget: 288 582
    // over 288 581) are shown, not hidden.
    const notes: string[] = [];
    ws.eachRow((r) => typeof r.getCell(1).value === "string" && notes.push(r.getCell(1).value as string));
    expect(notes).toContain(
      "Avrundning: Summa kostnader, Utfall 2020-08 (cell B13): 204 736 tkr; de avrundade delarna summerar till 204 738 tkr (2 tkr avrundningsdifferens).",
    );
    expect(notes).toContain(
      "Avrundning: Summa kostnader, Budget 2021 (cell D13): 288 582 tkr; de avrundade delarna summerar till 288 581 tkr (1 tkr avrundningsdifferens).",
    );
    // The forecast's: Summa kostnader 307 816 over parts that print 307 815 (004_README.md).
    expect(notes).toContain(
      "Avrundning: Summa kostnader, Prognos 2021 (cell E13): 307 816 tkr; de avrundade delarna summerar till 307 815 tkr (1 tkr avrundningsdifferens).",
    );
    expect(notes).toContain(
      "Avrundning: Summa nettokostnader, Utfall 2020-08 (cell B14): 146 392 tkr; de avrundade delarna summerar till 146 391 tkr (1 tkr avrundningsdifferens).",
    );
  });

  it("prints the sentences per verksamhet and for the nämnd, the units in balance and the investment totals", () => {
    expect(ran.code).toBe(EXIT_OK);
    expect(ran.stdout).toContain(`  ${IFO}`);
    expect(ran.stdout).toContain("  Förvaltningsledning prognostiserar ett överskott på 1 450 tkr för helåret.");
    // The resultaträkning as a terminal table too (seed 004: Resultat -8 722 and 4 793 tkr).
    expect(ran.stdout).toContain("Resultaträkning januari-augusti 2021 (tkr)");
    expect(ran.stdout).toMatch(/\nSumma nettokostnader +146 392 +136 435 +216 123 +216 123 +0\n/);
    expect(ran.stdout).toMatch(/\nIntäkter +-58 345 +-62 876 +-72 459 +-91 693 +19 234\n/);
    expect(ran.stdout).toMatch(/\nResultat +-8 722 +4 793 +0 +0\n/);
    expect(ran.stdout).toContain("  Socialnämnden prognostiserar en budget i balans för helåret.");
    expect(ran.stdout).toContain(
      "Enheter med budget i balans (avvikelse ≥ 0): 13 av 18 (72 %). Underskott: 422 IFO BoF -3 250 tkr,",
    );
    expect(ran.stdout).toContain("  422 IFO BoF: avvikelse -3 250, förklarat -3 135, ej förklarat -115");
    expect(ran.stdout).toContain(
      "  444 Korttidsenhet och bemanning: avvikelse 500, förklarat 0, ej förklarat 500 (flaggad: för stor del är inte förklarad)",
    );
    // August: seed 004's investments with utfall to date and prognos; no ombudgetering (a bokslut decision).
    expect(ran.stdout).toContain(
      "  genom tekniska nämnden: budget 11 402, utfall t.o.m. 2 946, prognos 12 202, avvikelse helår -800",
    );
    expect(ran.stdout).toContain("  Totalt: budget 13 789, utfall t.o.m. 3 062, prognos 14 089, avvikelse helår -300");
    expect(ran.stdout).not.toContain("Ombudgetering begärs");
  });

  it("writes the commentary, the explanations with the Övrigt/ej förklarat line and the investment sheet", async () => {
    const wb = await workbook(out);
    expect(wb.getWorksheet("Budgetkoll_kommentarer_gen")!.state).toBe("hidden");
    const commentary = wb.getWorksheet("Kommentarer")!;
    expect(rowOf(commentary, "42").getCell(4).value).toBe(IFO);
    expect(rowOf(commentary, "42").getCell(3).value).toBe(-2_050_000);
    expect(rowOf(commentary, "total").getCell(4).value).toBe(
      "Socialnämnden prognostiserar en budget i balans för helåret.",
    );

    const explanations = wb.getWorksheet("Avvikelseförklaringar")!;
    const bof = rowOf(explanations, "422 IFO BoF").number;
    const cell = (r: number, c: number) =>
      explanations.getRow(r).getCell(c).value as ExcelJS.CellFormulaValue | number | string | null;
    expect(cell(bof, 2)).toBe(-3_250_000);
    expect([cell(bof + 1, 1), cell(bof + 1, 2)]).toEqual([
      "Personal- och konsultkostnader, med tillkommande statsbidrag",
      -635_000,
    ]);
    expect(cell(bof + 3, 1)).toBe("Övrigt/ej förklarat");
    // The remainder is a formula: the variance less the components, so the lines always add up.
    expect(cell(bof + 3, 2)).toMatchObject({ formula: `B${bof}-SUM(B${bof + 1},B${bof + 2})`, result: -115_000 });
    const korttid = rowOf(explanations, "444 Korttidsenhet och bemanning").number;
    expect(cell(korttid + 3, 4)).toBe("Mer än 20 % av avvikelsen är inte förklarad.");

    const investments = wb.getWorksheet("Investeringsuppföljning")!;
    const total = rowOf(investments, "Totala investeringar");
    const result = (c: number) => (total.getCell(c).value as ExcelJS.CellFormulaValue).result;
    // Ursprungsbudget, tillägg, summa budget, utfall t.o.m. augusti, prognos helår, avvikelse helår (seed 004).
    expect([2, 3, 4, 5, 6, 7].map(result)).toEqual([
      11_400_000, 2_389_000, 13_789_000, 3_062_000, 14_089_000, -300_000,
    ]);
    expect(rowOf(investments, "S:a investeringar genom tekniska nämnden").getCell(4).value).toMatchObject({
      result: 11_402_000,
    });
  });

  it("prints that the organisational split and the annex were written, with their checks (seed 000's bokslut 2019-2020)", () => {
    // The example's Bokslut tidigare år carries seed 000's bokslut: the split and the annex differ by 1 tkr of
    // rounding in four cells, and one annex subtotal by 1 tkr from its shown parts.
    expect(ran.stdout).toContain(
      [
        "Bladen Organisatorisk fördelning och Bilaga per ansvar skrevs (från bladet Bokslut tidigare år); kontroller: 1 summa som skiljer sig från sina delar (avrundning), 4 skillnader mellan bladen (avrundning).",
        "  44 Vård och omsorg på bladet Organisatorisk fördelning, Bokslut 2020 (cell C10): 126 316 tkr, men 44 Vård och omsorg på bladet Bilaga per ansvar, Bokslut 2020 (cell C15) är 126 317 tkr (avrundning, 1 tkr).",
        "  46 Socialt stöd på bladet Organisatorisk fördelning, Bokslut 2019 (cell B11): 29 389 tkr, men 46 Socialt stöd på bladet Bilaga per ansvar, Bokslut 2019 (cell B25) är 29 390 tkr (avrundning, 1 tkr).",
        "  Summa verksamhet på bladet Organisatorisk fördelning, Bokslut 2019 (cell B12): 206 147 tkr, men Totalsumma på bladet Bilaga per ansvar, Bokslut 2019 (cell B30) är 206 148 tkr (avrundning, 1 tkr).",
        "  Summa verksamhet på bladet Organisatorisk fördelning, Bokslut 2020 (cell C12): 220 127 tkr, men Totalsumma på bladet Bilaga per ansvar, Bokslut 2020 (cell C30) är 220 128 tkr (avrundning, 1 tkr).",
      ].join("\n"),
    );
  });

  it("shows the reconciliation under every sheet: seed 004's budget and utfall, the example's explanations and seed 004's investments", async () => {
    const wb = await workbook(out);
    const reconciliation = (sheet: string) => {
      const found: string[] = [];
      wb.getWorksheet(sheet)!.eachRow((r) => {
        const v = r.getCell(1).value;
        if (typeof v === "string" && v.startsWith("Avstämning")) found.push(v);
      });
      return found;
    };
    // 004: budget 2021 216 123 tkr, utfall 2021-08 136 435 tkr; 2020-08 146 392 tkr (004_resultatrakning.csv).
    expect(reconciliation("Sammanfattning")).toEqual([
      "Avstämning: 3299 rader lästa = 3299 använda + 0 avvisade; budget helår i indata 216 123 tkr = i rapporten 216 123 tkr; utfall t.o.m. perioden i indata 136 435 tkr = i rapporten 136 435 tkr.",
    ]);
    const ledger =
      "Avstämning: nettokostnad Utfall 2020-08 i indata 146 392 tkr = i rapporten 146 392 tkr; nettokostnad Utfall 2021-08 i indata 136 435 tkr = i rapporten 136 435 tkr; nettokostnad Budget 2021 i indata 216 123 tkr = i rapporten 216 123 tkr.";
    expect(reconciliation("Resultaträkning")).toEqual([ledger]);
    expect(ran.stdout).toContain(ledger);
    expect(reconciliation("Kommentarer")).toEqual([
      "Avstämning: 5 verksamheter i prognosen = 5 här; avvikelse helår summerad per ansvar 0 tkr = nämndens rad 0 tkr.",
    ]);
    // The explained parts printed per line above: 1 450 - 100 + 1 250 - 3 135 + 1 150 + 200 + 500 + 50 + 0 - 2 100 - 450 + 750 = -435.
    expect(reconciliation("Avvikelseförklaringar")).toEqual([
      "Avstämning: 20 förklaringsposter i indata = 20 i rapporten; 20 rader lästa = 20 använda + 0 avvisade; förklarat belopp i indata -435 tkr = i rapporten -435 tkr.",
    ]);
    expect(reconciliation("Investeringsuppföljning")).toEqual([
      "Avstämning: 9 projekt; 9 rader lästa = 9 använda + 0 avvisade; summa budget i indata 13 789 tkr = i rapporten 13 789 tkr; utfall i indata 3 062 tkr = i rapporten 3 062 tkr.",
    ]);
  });

  it("gives the figures as JSON", async () => {
    const json = JSON.parse(
      (await cli("rapport", EXAMPLE, "--json", "--tyst", "--out", join(dir, "json.xlsx"))).stdout,
    ) as {
      commentary: { texts: Record<string, string>; keptEdited: string[] };
      balanceShare: BalanceShare;
      explanations: ExplainedVariance[];
      investments: InvestmentFollowUp;
    };
    expect(json.commentary.texts["42"]).toBe(IFO);
    expect(json.commentary.keptEdited).toEqual([]);
    expect([json.balanceShare.inBalance, json.balanceShare.units]).toEqual([13, 18]);
    const bof = json.explanations.find((e) => e.key === "422")!;
    expect([bof.variance, bof.explained, bof.unexplained, bof.flagged]).toEqual([
      -3_250_000,
      -3_135_000,
      -115_000,
      false,
    ]);
    expect(json.explanations.find((e) => e.key === "421")!.unexplained).toBe(50_000);
    expect(json.explanations.find((e) => e.key === "444")!.flagged).toBe(true);
    expect([
      json.investments.total.totalBudget,
      json.investments.total.actual,
      json.investments.total.forecast,
      json.investments.total.variance,
    ]).toEqual([13_789_000, 3_062_000, 14_089_000, -300_000]);
    expect(json.investments.carryOverTotal).toBe(0);
  });
});

describe("re-running rapport into the same file keeps the controller's edited sentence", () => {
  const out = join(dir, "omkorning.xlsx");

  it("keeps the edit and says so; --skriv-over-kommentarer replaces it", async () => {
    expect((await cli("rapport", EXAMPLE, "--out", out, "--tyst")).code).toBe(EXIT_OK);
    const wb = await workbook(out);
    rowOf(wb.getWorksheet("Kommentarer")!, "42").getCell(4).value = EDIT;
    await wb.xlsx.writeFile(out);

    const again = await cli("rapport", EXAMPLE, "--out", out, "--tyst");
    expect(again.code).toBe(EXIT_OK);
    expect(again.stdout).toContain(
      "Ändrade kommentarer behålls (1; skriv över med --skriv-over-kommentarer): 42 Individ och familjeomsorg.",
    );
    expect(again.stdout).toContain(`  ${EDIT}`);
    const kept = await workbook(out);
    expect(rowOf(kept.getWorksheet("Kommentarer")!, "42").getCell(4).value).toBe(EDIT);
    // What was generated is still stored, so the next run still tells the edit from its own text.
    expect(rowOf(kept.getWorksheet("Budgetkoll_kommentarer_gen")!, "42").getCell(2).value).toBe(IFO);
    expect(rowOf(kept.getWorksheet("Kommentarer")!, "41").getCell(4).value).toBe(
      "Förvaltningsledning prognostiserar ett överskott på 1 450 tkr för helåret.",
    );

    const replaced = await cli("rapport", EXAMPLE, "--out", out, "--tyst", "--skriv-over-kommentarer");
    expect(replaced.code).toBe(EXIT_OK);
    expect(replaced.stdout).not.toContain("Ändrade kommentarer behålls");
    expect(rowOf((await workbook(out)).getWorksheet("Kommentarer")!, "42").getCell(4).value).toBe(IFO);
  });
});

describe("rapport with bad explanations", () => {
  it("names the cell of an ansvar that is not in the prognosis, exits with 2 and writes nothing", async () => {
    const wb = await workbook(EXAMPLE);
    wb.getWorksheet("Förklaringar")!.getCell("A3").value = "499";
    const broken = join(dir, "fel-forklaring.xlsx");
    await wb.xlsx.writeFile(broken);
    const out = join(dir, "fel-rapport.xlsx");
    const ran = await cli("rapport", broken, "--out", out, "--tyst");
    expect(ran.code).toBe(EXIT_INPUT);
    expect(ran.stderr).toContain(
      'Blad "Förklaringar", cell A3: "499" finns inte i prognosen: förväntade ett ansvar eller en verksamhet från bladet Ansvar (kod, namn eller väg), t.ex. 422.',
    );
    expect(existsSync(out)).toBe(false);
  });
});
