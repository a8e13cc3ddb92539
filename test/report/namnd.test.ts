import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { roundExcel } from "../../src/core/amounts";
import { forecastCommentary, generateSentence, planCommentaryUpdate } from "../../src/core/commentary";
import { calculatePrognosis } from "../../src/core/prognosis";
import { investmentFollowUp, releasedBudgetFollowUp } from "../../src/core/investments";
import { compareWithPrinted, hierarchyStatement, incomeStatement, shownTableLines } from "../../src/core/statements";
import { checkSubtotals } from "../../src/core/consistency";
import { balanceShare } from "../../src/core/balanceShare";
import { explainVariance } from "../../src/core/explanations";
import {
  buildCommentarySheets,
  buildExplanationSheet,
  COMMENTARY_SHEET,
  COMMENTARY_STATE_SHEET,
  commentaryReconciliationText,
  commentaryTextsFrom,
  resolveCommentary,
} from "../../src/report/commentarySheet";
import { buildInvestmentSheet, buildReleasedBudgetSheet } from "../../src/report/investmentSheet";
import type { SheetLayout } from "../../src/report/layout";
import {
  balanceShareText,
  buildOrganisationalSplitSheet,
  buildStatementSheet,
  statementCellAddresses,
} from "../../src/report/statementSheets";
import { ExcelJsWriter } from "../../src/workbook/exceljs/writer";
import { convert, pdfText } from "../helpers/libreoffice";
import { readGolden } from "../core/goldenCsv";
import * as S from "../core/seedTables";
import { HERRLJUNGA_META, herrljungaPrognosis } from "./herrljunga";

const META_000 = {
  runDate: "2022-02-10",
  source: "Herrljunga socialnämnd, verksamhetsberättelse 2021",
  budgetVersion: "Budget 2021 inkl. tilläggsanslag",
  signConventionLabel: "Kostnader positiva (nettokostnad som positivt tal)",
};

const values = (layout: SheetLayout, table = 0) => layout.tables[table]!.rows.map((r) => r.cells.map((c) => c.value));
const formulas = (layout: SheetLayout, table = 0) =>
  layout.tables[table]!.rows.map((r) => r.cells.map((c) => c.formula ?? null));

async function write(layouts: SheetLayout[], name: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "budgetkoll-namnd-"));
  const wb = new ExcelJS.Workbook();
  await new ExcelJsWriter(wb, () => "2021-09-10T08:00:00").writeSheets(layouts, { onEdited: "fail" });
  const path = join(dir, `${name}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("commentary sheet", () => {
  const lines = forecastCommentary(herrljungaPrognosis(), "Socialnämnden");
  const generated = Object.fromEntries(lines.map((l) => [l.key, generateSentence(l)]));

  it("writes one sentence per ansvar and level, with the word from the sign", () => {
    expect(generated["42"]).toBe("Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret.");
    expect(generated["41"]).toBe("Förvaltningsledning prognostiserar ett överskott på 1 450 tkr för helåret.");
    expect(generated["40"]).toBe("Nämnd prognostiserar en budget i balans för helåret.");
    expect(generated["total"]).toBe("Socialnämnden prognostiserar en budget i balans för helåret.");
    expect(lines).toHaveLength(24);
  });

  it("reconciles the verksamheter and the ansvar's variances with the nämnd's line (004: 5 verksamheter, avvikelse 0)", () => {
    const result = herrljungaPrognosis();
    const leaves = result.rows.filter((r) => r.isLeaf).reduce((sum, r) => sum + r.varianceFullYear, 0);
    expect(commentaryReconciliationText({ areas: 5, ansvarVariance: leaves }, lines)).toBe(
      "Avstämning: 5 verksamheter i prognosen = 5 här; avvikelse helår summerad per ansvar 0 tkr = nämndens rad 0 tkr.",
    );
    // A verksamhet without its row, or an ansvar's variance the nämnd's line does not carry, is a difference.
    expect(
      commentaryReconciliationText(
        { areas: 5, ansvarVariance: leaves },
        lines.filter((l) => l.key !== "40"),
      ),
    ).toBe(
      "Avstämning: 5 verksamheter i prognosen ≠ 4 här; avvikelse helår summerad per ansvar 0 tkr = nämndens rad 0 tkr. AVVIKELSE: kontrollera indata, något saknas i rapporten.",
    );
    expect(commentaryReconciliationText({ areas: 5, ansvarVariance: leaves - 1_200_000 }, lines)).toBe(
      "Avstämning: 5 verksamheter i prognosen = 5 här; avvikelse helår summerad per ansvar -1 200 tkr ≠ nämndens rad 0 tkr. AVVIKELSE: kontrollera indata, något saknas i rapporten.",
    );
  });

  it("stores what was generated in a hidden sheet and reads both back", () => {
    const [visible, state] = buildCommentarySheets(lines, generated, generated, HERRLJUNGA_META);
    expect(visible.name).toBe(COMMENTARY_SHEET);
    expect(state).toMatchObject({ name: COMMENTARY_STATE_SHEET, hidden: true });
    const table = visible.tables[0]!;
    expect(table.columns.find((c) => c.id === "text")).toMatchObject({ input: true, wrap: true });
    const row42 = values(visible).find((r) => r[0] === "42")!;
    expect(row42).toEqual(["42", "Individ och familjeomsorg", -2_050_000, generated["42"]]);
    const back = (l: SheetLayout) => commentaryTextsFrom([l.tables[0]!.columns.map((c) => c.header), ...values(l)]);
    expect(back(visible)).toEqual(generated);
    expect(back(state)).toEqual(generated);
  });

  it("regenerates without overwriting the controller's edit, and stores the new generated text", () => {
    const edited = { ...generated, "42": "IFO prognostiserar ett underskott på 2 050 tkr, främst placeringar." };
    const changed = {
      ...generated,
      "42": "Individ och familjeomsorg prognostiserar ett underskott på 2 500 tkr för helåret.",
      "41": "Förvaltningsledning prognostiserar ett överskott på 1 000 tkr för helåret.",
    };
    const plan = planCommentaryUpdate(generated, edited, changed);
    expect(plan.filter((p) => p.action !== "keep").map((p) => `${p.key}:${p.action}`)).toEqual([
      "41:replace",
      "42:ask",
    ]);
    const declined = resolveCommentary(plan, new Set());
    expect(declined.texts["42"]).toBe(edited["42"]);
    expect(declined.texts["41"]).toBe(changed["41"]);
    expect(declined.generated["42"]).toBe(changed["42"]);
    expect(resolveCommentary(plan, new Set(["42"])).texts["42"]).toBe(changed["42"]);
  });

  it("reads correctly in the LibreOffice PDF, with the right word for every sign: all 24 forecast sentences", async () => {
    const path = await write(buildCommentarySheets(lines, generated, generated, HERRLJUNGA_META), "kommentarer");
    const pdf = convert(path, "pdf", join(path, "..", "pdf"));
    const text = pdfText(pdf).replace(/\s+/g, " ");
    // Seed 004's sentences (the first seven printed in the seed), then every line the sheet has.
    const printed = [
      "Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret.",
      "Förvaltningsledning prognostiserar ett överskott på 1 450 tkr för helåret.",
      "Vård och omsorg prognostiserar ett överskott på 2 400 tkr för helåret.",
      "Socialt stöd prognostiserar ett underskott på 1 800 tkr för helåret.",
      "Nämnd prognostiserar en budget i balans för helåret.",
      "Hemgården omvårdnad prognostiserar ett underskott på 1 100 tkr för helåret.",
      "Socialnämnden prognostiserar en budget i balans för helåret.",
    ];
    expect(Object.values(generated)).toEqual(expect.arrayContaining(printed));
    for (const l of lines) {
      const sentence = generated[l.key]!;
      // The word from the sign of the variance as shown (whole tkr), never the other way round.
      const tkr = roundExcel(l.variance / 1000, 0);
      expect(sentence, l.key).toContain(
        tkr > 0 ? "ett överskott på" : tkr < 0 ? "ett underskott på" : "en budget i balans",
      );
      expect(text, l.key).toContain(sentence);
    }
    expect(lines.filter((l) => roundExcel(l.variance / 1000, 0) > 0).length).toBeGreaterThan(0);
    expect(lines.filter((l) => roundExcel(l.variance / 1000, 0) < 0).length).toBeGreaterThan(0);
    expect(text).not.toMatch(/skott på -/);
    // The avvikelse column shows tkr with Swedish separators.
    expect(text).toMatch(/-2 050/);
  });
});

/**
 * Seed 000 (Herrljunga bokslut 2021, 000_organisatorisk_fordelning.csv) at month 12: budget and utfall 2021 of the
 * five verksamheter, booked in December; Vård och omsorg's utfall 1 tkr lower, so its variance is the printed
 * 7 990 (B - U = 7 989, 000 testfall) and the nämnd's the printed 6 139 tkr.
 */
function yearEnd000() {
  const rows = readGolden("000_organisatorisk_fordelning.csv")
    .slice(0, 5)
    .map((r) => ({
      name: r["rad"]!,
      budget: Number(r["Budget 2021 (inkl. tilläggsanslag, fotnot *)"]) * 1000,
      actual: (Number(r["Utfall 2021"]) - (r["rad"] === "Vård och omsorg" ? 1 : 0)) * 1000,
    }));
  return calculatePrognosis({
    year: 2021,
    month: 12,
    costCentres: rows.map((r) => ({ key: r.name, name: r.name })),
    budgets: rows.map((r) => ({ costCentre: r.name, annual: r.budget })),
    actuals: rows.map((r) => ({ costCentre: r.name, period: "2021-12", amount: r.actual })),
    forecasts: rows.map((r) => ({ costCentre: r.name, forecast: r.actual, method: "entered" as const })),
    proposalMethod: "phasedBudgetPlusVariance",
  });
}

describe("year-end commentary of seed 000 in the LibreOffice PDF", () => {
  it("every sentence reads correctly, with överskott, underskott or i balans from the sign", async () => {
    // Last year's results are hand-made (the seed prints none per verksamhet): an underskott and a balance.
    const lines = forecastCommentary(yearEnd000(), "Socialnämnden", {
      previousYear: { "Vård och omsorg": -1_607_000, "Individ och familjeomsorg": 0 },
    });
    const generated = Object.fromEntries(lines.map((l) => [l.key, generateSentence(l)]));
    const expected = [
      "Nämnd redovisade ett överskott på 70 tkr.",
      "Förvaltningsledning redovisade ett överskott på 607 tkr.",
      "Individ och familjeomsorg redovisade ett underskott på 1 059 tkr (i balans föregående år).",
      "Vård och omsorg redovisade ett överskott på 7 990 tkr (underskott 1 607 tkr föregående år).",
      "Socialt stöd redovisade ett underskott på 1 469 tkr.",
      "Socialnämnden redovisade ett överskott på 6 139 tkr.",
    ];
    expect(Object.values(generated)).toEqual(expected);
    const path = await write(buildCommentarySheets(lines, generated, generated, META_000), "bokslut");
    const text = pdfText(convert(path, "pdf", join(path, "..", "pdf"))).replace(/\s+/g, " ");
    for (const sentence of expected) expect(text).toContain(sentence);
    expect(text).not.toMatch(/skott på -/);
  });
});

describe("statement sheets of seed 000", () => {
  const income = incomeStatement({ columns: S.COLUMNS_000, variance: S.VARIANCE_000, ...S.incomeInput000() });
  const printed = Object.fromEntries(
    income.rows.map((r) => [r.key, S.printedIncomeStatement000().get(r.label.toLowerCase())!.values]),
  );
  const incomeSheet = buildStatementSheet(income, {
    sheetName: "Resultaträkning",
    tableName: "Budgetkoll_Resultatrakning",
    title: "Resultaträkning 2021 (tkr)",
    labelHeader: "Resultaträkning",
    meta: META_000,
    findings: compareWithPrinted(income, printed),
  });

  it("resultaträkning: values in kronor, SUM formulas on the sums, B - U on the avvikelse, kommunbidrag - netto on the resultat", () => {
    const v = values(incomeSheet);
    expect(v.map((r) => r[0])).toEqual([
      "Intäkter",
      "Summa intäkter",
      "Personalkostnader",
      "Lokalkostnader, energi, VA",
      "Övriga kostnader",
      "Kapitalkostnad",
      "Summa kostnader",
      "Summa nettokostnader",
      "Kommunbidrag",
      "Resultat",
    ]);
    expect(v[6]).toEqual(["Summa kostnader", 291_767_000, 306_043_000, 288_634_000, 306_299_000, -17_665_000]);
    expect(v[5]![5]).toBe(0);
    expect(v[9]).toEqual(["Resultat", -3_383_000, -8_012_000, 0, 6_138_000, null]);
    const h = incomeSheet.tables[0]!.headerRow;
    const f = formulas(incomeSheet);
    expect(f[6]![3]).toBe(`SUM(D${h + 4}:D${h + 7})`);
    expect(f[7]![3]).toBe(`SUM(D${h + 3},D${h + 8})`);
    expect(f[9]![4]).toBe(`E${h + 10}-E${h + 9}`);
    expect(f[0]![5]).toBe(`D${h + 2}-E${h + 2}`);
  });

  it("lists the rounding gaps against the printed source under the table", () => {
    expect(incomeSheet.notes.map((n) => n.text)).toEqual([
      "Avstämning mot tryckt källa (summorna här är av oavrundade belopp):",
      "Summa nettokostnader (tryckt), Avvikelse: tryckt 6 139, men beräknat är 6 138 (avrundning, 1 tkr).",
      "Resultat (tryckt), Utfall 2021: tryckt 6 139, men beräknat är 6 138 (avrundning, 1 tkr).",
    ]);
  });

  it("organisational split with the resultaträkning below; the annex with its subtotals", () => {
    const lines = S.annexLines000("reconstructed").lines;
    const split = hierarchyStatement({
      columns: S.COLUMNS_000,
      variance: S.VARIANCE_000,
      lines,
      totalLabel: "Summa verksamhet",
      maxDepth: 0,
    });
    const sheet = buildOrganisationalSplitSheet(split, income, {
      sheetName: "Organisatorisk fördelning",
      tableName: "Budgetkoll_OrgFordelning",
      title: "Organisatorisk fördelning (tkr)",
      labelHeader: "Verksamhetsområde",
      meta: META_000,
    });
    expect(sheet.tables).toHaveLength(2);
    expect(values(sheet, 1).map((r) => r.slice(0, 5))).toEqual([
      ["Intäkter", -85_620_000, -85_916_000, -72_459_000, -96_262_000],
      ["Kostnader", 291_767_000, 306_043_000, 288_634_000, 306_299_000],
      ["Nettokostnad", 206_147_000, 220_127_000, 216_175_000, 210_037_000],
    ]);
    const annex = hierarchyStatement({
      columns: S.COLUMNS_000,
      variance: S.VARIANCE_000,
      lines,
      totalLabel: "Totalsumma",
    });
    const annexSheet = buildStatementSheet(annex, {
      sheetName: "Bilaga 1",
      tableName: "Budgetkoll_Bilaga1",
      title: "Bilaga 1: fördelning per ansvarsnivå (tkr)",
      labelHeader: "Enhet",
      meta: META_000,
    });
    const rows = annexSheet.tables[0]!.rows;
    expect(rows[2]).toMatchObject({ kind: "subtotal", level: 0 });
    expect(rows[3]).toMatchObject({ kind: "data", level: 1, outline: 1 });
    const h = annexSheet.tables[0]!.headerRow;
    expect(rows[2]!.cells[3]!.formula).toBe(`SUM(D${h + 5}:D${h + 7})`);
    // The sheet's own shown tkr: the consistency checks pass, cells named.
    const at = statementCellAddresses(annex, h);
    const shown = shownTableLines(annex, at);
    expect(shown.find((l) => l.key === "Vård och omsorg")!.cells!["budget"]).toBe(`D${h + 2 + 6}`);
    expect(checkSubtotals(shown, ["b2019", "b2020", "budget", "utfall"]).every((f) => f.severity === "rounding")).toBe(
      true,
    );
  });

  it("shows 'ny 2021' and 'upphörd' for lines that start or end between years", () => {
    const t = hierarchyStatement({
      columns: S.COLUMNS_000,
      totalLabel: "Summa",
      lines: [
        { key: "a", label: "Solhagen", values: { b2019: 1_446_000 }, ends: "b2019" },
        { key: "b", label: "Hagen demenscentrum", values: { budget: 500_000, utfall: 400_000 }, starts: "budget" },
      ],
    });
    const sheet = buildStatementSheet(t, {
      sheetName: "x",
      tableName: "x",
      title: "x",
      labelHeader: "Enhet",
      meta: META_000,
    });
    expect(values(sheet)).toEqual([
      ["Solhagen", 1_446_000, "upphörd", "upphörd", "upphörd"],
      ["Hagen demenscentrum", "ny 2021", "ny 2021", 500_000, 400_000],
      ["Summa", 1_446_000, "-", 500_000, 400_000],
    ]);
  });
});

describe("investment sheets", () => {
  const sheet = buildInvestmentSheet(investmentFollowUp(S.investmentProjects000()), META_000, 2021, {
    projects: S.investmentProjects000(),
  });

  it("seed 000: TN apart with its subtotal, the own under their areas, the total, '-' for missing, the carry-over note", () => {
    const v = values(sheet);
    expect(v.map((r) => r[0])).toEqual([
      "Investeringar genom tekniska nämnden",
      "Förstudie Hagen demenscentra",
      "Hagen ombyggnad + nybyggnad",
      "S:a investeringar genom tekniska nämnden",
      "Egna investeringar",
      "Förvaltningsledning",
      "Inventarier",
      "Infrastruktur IT",
      "Vård och omsorg",
      "Hjälpmedel",
      "Inventarier Hagen",
      "Hemgården Iarm (sic, = Hemgården larm)",
      "Hotellås",
      "Förstudie ombyggnad Hemgården",
      "S:a investeringar egna",
      "Totala investeringar",
    ]);
    expect(v[6]).toEqual(["Inventarier", 500_000, "-", 500_000, 417_000, 83_000, null]);
    expect(v[10]).toEqual(["Inventarier Hagen", 500_000, 0, 500_000, "-", 500_000, 500_000]);
    expect(v[15]).toEqual(["Totala investeringar", 11_400_000, 2_389_000, 13_789_000, 8_679_000, 5_110_000, 830_000]);
    const h = sheet.tables[0]!.headerRow;
    expect(formulas(sheet)[10]![5]).toBe(`D${h + 12}-SUM(E${h + 12})`);
    expect(sheet.notes[0]!.text).toBe(
      "Nämnden begär ombudgetering till 2022 av ej förbrukade medel: Inventarier Hagen 500 tkr, Hotellås 263 tkr, Förstudie ombyggnad Hemgården 67 tkr; totalt 830 tkr.",
    );
  });

  it("reconciles the input's budget and utfall with the total under the table, and calls out a lost project", () => {
    // Seed 000: 11 400 + 2 389 = 13 789 tkr budget and 8 679 tkr utfall over its nine projects.
    expect(sheet.notes.at(-1)!.text).toBe(
      "Avstämning: 9 projekt; summa budget i indata 13 789 tkr = i rapporten 13 789 tkr; utfall i indata 8 679 tkr = i rapporten 8 679 tkr.",
    );
    const rows = { read: 10, used: 9, rejected: 1 };
    const counted = buildInvestmentSheet(investmentFollowUp(S.investmentProjects000()), META_000, 2021, {
      rows,
      projects: S.investmentProjects000(),
    });
    expect(counted.notes.at(-1)!.text).toBe(
      "Avstämning: 9 projekt; 10 rader lästa = 9 använda + 1 avvisade; summa budget i indata 13 789 tkr = i rapporten 13 789 tkr; utfall i indata 8 679 tkr = i rapporten 8 679 tkr.",
    );
    // Inventarier (500 budget, 417 utfall) read but not in the report.
    const lost = buildInvestmentSheet(
      investmentFollowUp(S.investmentProjects000().filter((p) => p.name !== "Inventarier")),
      META_000,
      2021,
      { projects: S.investmentProjects000() },
    );
    expect(lost.notes.at(-1)!.text).toBe(
      "Avstämning: 8 projekt; summa budget i indata 13 789 tkr ≠ i rapporten 13 289 tkr; utfall i indata 8 679 tkr ≠ i rapporten 8 262 tkr. AVVIKELSE: kontrollera indata, något saknas i rapporten.",
    );
  });
});

const k = (tkr: number): number => tkr * 1000;

/** The eight components of `explanations()` as a reader would count them: -12 113 - 9 002 = -21 115 tkr, one totals row rejected. */
const EXPLANATIONS_READ = { rows: { read: 9, used: 8, rejected: 1 }, components: 8, amount: k(-21_115) };

function explanations() {
  return [
    explainVariance({
      key: "SoL ÄO",
      label: "ÄFH SoL ÄO",
      variance: k(-9112),
      components: [
        { label: "Hemtjänsten", amount: k(-9600) },
        { label: "SÄBO", amount: k(600) },
        { label: "Korttidsboendet", amount: k(-2021) },
        { label: "Dagverksamheten", amount: k(-1092) },
      ],
    }),
    explainVariance({
      key: "SoV",
      label: "Stöd och vägledning",
      variance: k(-9002),
      components: [
        { label: "Placeringar, främst HVB", amount: k(-6902) },
        { label: "Vuxenutbildning", amount: k(-1686) },
        { label: "Stöd till arbete", amount: k(-1543) },
        { label: "Verksamhetschef", amount: k(1129) },
      ],
    }),
  ];
}

describe("explanation sheet", () => {
  it("shows the components and the Övrigt/ej förklarat line as a formula, flagged above 20 %", () => {
    const sheet = buildExplanationSheet(explanations(), META_000, EXPLANATIONS_READ);
    const v = values(sheet);
    expect(v.slice(0, 6)).toEqual([
      ["ÄFH SoL ÄO", -9_112_000, null, null],
      ["Hemtjänsten", -9_600_000, -9600 / -9112, null],
      ["SÄBO", 600_000, 600 / -9112, null],
      ["Korttidsboendet", -2_021_000, -2021 / -9112, null],
      ["Dagverksamheten", -1_092_000, -1092 / -9112, null],
      ["Övrigt/ej förklarat", 3_001_000, 3001 / -9112, "Mer än 20 % av avvikelsen är inte förklarad."],
    ]);
    expect(v[11]).toEqual(["Övrigt/ej förklarat", 0, 0, null]);
    const h = sheet.tables[0]!.headerRow;
    expect(formulas(sheet)[5]![1]).toBe(`B${h + 2}-SUM(B${h + 3},B${h + 4},B${h + 5},B${h + 6})`);
  });

  it("reconciles the components read with the components shown, and calls out a difference", () => {
    const text = (read: typeof EXPLANATIONS_READ) =>
      buildExplanationSheet(explanations(), META_000, read).notes.at(-1)!.text;
    expect(text(EXPLANATIONS_READ)).toBe(
      "Avstämning: 8 förklaringsposter i indata = 8 i rapporten; 9 rader lästa = 8 använda + 1 avvisade; förklarat belopp i indata -21 115 tkr = i rapporten -21 115 tkr.",
    );
    // A component read for a line the report does not show.
    expect(text({ ...EXPLANATIONS_READ, components: 9, amount: k(-21_615) })).toBe(
      "Avstämning: 9 förklaringsposter i indata ≠ 8 i rapporten; 9 rader lästa = 8 använda + 1 avvisade; förklarat belopp i indata -21 615 tkr ≠ i rapporten -21 115 tkr. AVVIKELSE: kontrollera indata, något saknas i rapporten.",
    );
  });
});

describe("balance share under the annex", () => {
  it("13 of 18 enheter, 72 %, with the units in deficit named", () => {
    const lines = S.annexLines000("reconstructed");
    const leaves = Object.entries(lines.printed).filter(
      ([key]) => key !== "totalsumma" && !lines.lines.some((l) => l.parentKey === key),
    );
    const share = balanceShare(leaves.map(([key, v]) => ({ key, label: key, variance: k(v["avvikelse"]!) })));
    expect(balanceShareText(share)).toBe(
      "Enheter med budget i balans (avvikelse ≥ 0): 13 av 18 (72 %). Underskott: IFO barn och familj -3 897 tkr, Funktionshinder -2 076 tkr, Hemgården omvårdnad -780 tkr, Stöd och resurs -285 tkr, Socialt stöd gem -35 tkr.",
    );
  });
});

describe("the sheets' formulas, recalculated by LibreOffice, give the computed figures", () => {
  it("investments (000, 002), resultaträkning (000, 004), annex (000), explanations", async () => {
    const investments = buildInvestmentSheet(investmentFollowUp(S.investmentProjects000()), META_000, 2021, {
      projects: S.investmentProjects000(),
    });
    const released = releasedBudgetFollowUp(S.investmentProjects002(), "spendingNegative");
    const sheet002 = buildReleasedBudgetSheet(
      released,
      "spendingNegative",
      { ...META_000, source: "Gnesta delårsrapport 2021" },
      "Investeringar per augusti 2021 (tkr)",
    );
    expect(values(sheet002).at(-1)).toEqual([
      null,
      "Summa investeringar",
      3_940_000,
      500_000,
      3_440_000,
      -426_000,
      74_000,
    ]);
    const opts = (sheetName: string, tableName: string) => ({
      sheetName,
      tableName,
      title: sheetName,
      labelHeader: "Rad",
      meta: META_000,
    });
    const income000 = buildStatementSheet(
      incomeStatement({ columns: S.COLUMNS_000, variance: S.VARIANCE_000, ...S.incomeInput000() }),
      opts("RR 2021", "Budgetkoll_RR2021"),
    );
    const income004 = buildStatementSheet(
      incomeStatement({ columns: S.COLUMNS_004, variance: S.VARIANCE_004, ...S.incomeInput004() }),
      opts("RR 2021-08", "Budgetkoll_RR202108"),
    );
    const annex = buildStatementSheet(
      hierarchyStatement({
        columns: S.COLUMNS_000,
        variance: S.VARIANCE_000,
        lines: S.annexLines000("reconstructed").lines,
        totalLabel: "Totalsumma",
      }),
      opts("Bilaga 1", "Budgetkoll_Bilaga1"),
    );
    const explained = buildExplanationSheet(explanations(), META_000, EXPLANATIONS_READ);
    const layouts = [investments, sheet002, income000, income004, annex, explained];

    const path = await write(layouts, "namnd");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(convert(path, "xlsx", join(path, "..", "recalc")));
    let checked = 0;
    for (const layout of layouts) {
      const table = layout.tables[0]!;
      const ws = wb.getWorksheet(layout.name)!;
      table.rows.forEach((row, i) =>
        row.cells.forEach((cell, j) => {
          if (cell.formula === undefined) return;
          const v = ws.getCell(table.headerRow + 2 + i, table.firstColumn + j + 1).value as unknown;
          // exceljs reads a cached 0 (LibreOffice writes <v>0</v>) as a formula without result.
          const result =
            typeof v === "object" && v !== null && "formula" in v ? ((v as { result?: unknown }).result ?? 0) : v;
          expect(result, `${layout.name} ${cell.formula}`).toBeCloseTo(cell.value as number, 6);
          checked++;
        }),
      );
    }
    expect(checked).toBeGreaterThan(150);
  });
});
