import type { CellValue } from "../../src/cells";
import { describe, expect, it } from "vitest";
import type { ActualRow } from "../../src/core/prognosis";
import { prognosisJob } from "../../src/jobs/calculators";
import { incomeStatementJob } from "../../src/jobs/statements";
import { buildIncomeStatement } from "../../src/report/incomeStatementReport";
import { startJob } from "../../src/jobs/run";
import { namndReport } from "../../src/jobs/namnd";
import { breakText, cellValue, shownTkr, type StatementCell, type StatementTable } from "../../src/core/statements";
import { memoryReader, settings } from "../input/helpers";
import { readGolden } from "../core/goldenCsv";
import { ANSVAR_OF_000_UNIT, AREA_OF_000 } from "../fixtures/herrljunga000";

const META = {
  runDate: "2021-09-10",
  source: "Herrljunga socialnämnd, delårsrapport 2021-08",
  signConventionLabel: "Kostnader positiva",
};
const TKR = 1000;

/** Seed 004's resultaträkning as printed, tkr, by line label and column. */
const golden = new Map(readGolden("004_resultatrakning.csv").map((r) => [r.rad!, r]));
const printed = (label: string, column: string): number => Number(golden.get(label)![column]);

/** Ledger rows on Kommun-Bas konton, spread over the months, summing per kostnadsslag to the given kronor. */
function ledger(year: number, byAccount: Record<string, number>): ActualRow[] {
  const rows: ActualRow[] = [];
  for (const [account, kronor] of Object.entries(byAccount)) {
    // Eight months: seven equal whole-krona parts and the rest in August.
    const part = Math.trunc(kronor / 8);
    for (let m = 1; m <= 8; m++)
      rows.push({
        costCentre: "410",
        account,
        period: `${year}-${String(m).padStart(2, "0")}`,
        amount: m === 8 ? kronor - 7 * part : part,
      });
  }
  return rows;
}

/** Utfall 2021-08 of seed 004 on several konton per kostnadsslag (kronor). */
const LEDGER_2021: Record<string, number> = {
  "3111": -12_876_000, // intäkter
  "3510": -50_000_000,
  "5011": 100_000_000, // personal
  "5611": 22_759_000,
  "6110": 6_000_000, // lokal- och markhyror
  "6211": 1_569_000, // fastighetskostnader, energi
  "4610": 40_000_000, // övriga: köp av verksamhet
  "6410": 10_000_000,
  "7010": 18_554_000,
  "6810": 300_000, // kapitalkostnad: avskrivningar
  "8410": 129_000, // internränta
};

/** Utfall 2020-08 fed as the printed parts (whole tkr). */
const LEDGER_2020_PRINTED: Record<string, number> = {
  "3510": printed("Intäkter", "utfall_2020_08") * TKR,
  "5011": printed("Personalkostnader", "utfall_2020_08") * TKR,
  "6110": printed("Lokalkostnader, energi, VA", "utfall_2020_08") * TKR,
  "4610": printed("Övriga kostnader", "utfall_2020_08") * TKR,
  "6810": printed("Kapitalkostnad", "utfall_2020_08") * TKR,
};

const shown = (report: ReturnType<typeof buildIncomeStatement>, column: string) =>
  Object.fromEntries(
    report.table.rows.map((r) => [
      r.label,
      r.cells[column]?.kind === "value" ? (r.cells[column] as { value: number }).value / TKR : undefined,
    ]),
  );

describe("resultaträkning from the ledger (seed 004)", () => {
  const report = buildIncomeStatement(
    { year: 2021, month: 8, actuals: ledger(2021, LEDGER_2021), grant: { toDate: 141_228_000 } },
    META,
  );

  it("gives the seed's Utfall 2021-08 column from konto sums", () => {
    expect(shown(report, "utfall")).toEqual({
      Intäkter: -62_876,
      "Summa intäkter": -62_876,
      Personalkostnader: 122_759,
      "Lokalkostnader, energi, VA": 7_569,
      "Övriga kostnader": 68_554,
      Kapitalkostnad: 429,
      "Summa kostnader": 199_311,
      "Summa nettokostnader": 136_435,
      Kommunbidrag: 141_228,
      Resultat: 4_793,
    });
    // The same figures as the golden table, line by line.
    for (const label of [
      "Intäkter",
      "Personalkostnader",
      "Övriga kostnader",
      "Kapitalkostnad",
      "Summa kostnader",
      "Kommunbidrag",
      "Resultat",
    ]) {
      expect(shown(report, "utfall")[label]).toBe(printed(label, "utfall_2021_08"));
    }
    expect(shown(report, "utfall")["Summa nettokostnader"]).toBe(printed("Summa Nettokostnader", "utfall_2021_08"));
  });

  it("fed kronor: the checks on the shown table, the reconciliation and the warnings find nothing", () => {
    expect(report.findings).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.reconciliation).toEqual([{ column: "utfall", ledgerTotal: 136_435_000, statementNet: 136_435_000 }]);
  });

  it("lays out the sheet as buildStatementSheet does: kronor, SUM on the sums, kommunbidrag - netto on the resultat", () => {
    const t = report.layout.tables[0]!;
    expect(report.layout.name).toBe("Resultaträkning");
    expect(t.columns.map((c) => c.header)).toEqual(["Resultaträkning", "Utfall 2021-08 (tkr)"]);
    const h = t.headerRow;
    expect(t.rows.map((r) => [r.cells[0]!.value, r.cells[1]!.value, r.cells[1]!.formula ?? null])).toEqual([
      ["Intäkter", -62_876_000, null],
      ["Summa intäkter", -62_876_000, `SUM(B${h + 2})`],
      ["Personalkostnader", 122_759_000, null],
      ["Lokalkostnader, energi, VA", 7_569_000, null],
      ["Övriga kostnader", 68_554_000, null],
      ["Kapitalkostnad", 429_000, null],
      ["Summa kostnader", 199_311_000, `SUM(B${h + 4}:B${h + 7})`],
      ["Summa nettokostnader", 136_435_000, `SUM(B${h + 3},B${h + 8})`],
      ["Kommunbidrag", 141_228_000, null],
      ["Resultat", 4_793_000, `B${h + 10}-B${h + 9}`],
    ]);
    // Only the reconciliation, stated whether or not the ledger and the net cost differ.
    expect(report.layout.notes.map((n) => n.text)).toEqual([
      "Avstämning: nettokostnad Utfall 2021-08 i indata 136 435 tkr = i rapporten 136 435 tkr.",
    ]);
  });

  it("fed the printed parts of Utfall 2020-08: the seed's own rounding gaps against the printed table", () => {
    const cols = { utfall_2020_08: "utfall-fg", utfall_2021_08: "utfall" } as const;
    const keyOf: Record<string, string> = {
      Intäkter: "revenue",
      "Summa intäkter": "summa-intakter",
      Personalkostnader: "personnel",
      "Lokalkostnader, energi, VA": "premises",
      "Övriga kostnader": "other",
      Kapitalkostnad: "capital",
      "Summa kostnader": "summa-kostnader",
      "Summa Nettokostnader": "summa-nettokostnader",
      Kommunbidrag: "kommunbidrag",
      Resultat: "resultat",
    };
    const printedTable = Object.fromEntries(
      [...golden.keys()].map((label) => [
        keyOf[label]!,
        Object.fromEntries(Object.entries(cols).map(([csv, id]) => [id, printed(label, csv)])),
      ]),
    );
    const r = buildIncomeStatement(
      {
        year: 2021,
        month: 8,
        actuals: ledger(2021, LEDGER_2021),
        lastYearActuals: ledger(2020, LEDGER_2020_PRINTED),
        grant: { toDate: 141_228_000, lastYearToDate: 137_670_000 },
        printed: printedTable,
      },
      META,
    );
    expect(r.table.columns.map((c) => c.header)).toEqual(["Utfall 2020-08", "Utfall 2021-08"]);
    expect(r.findings.map((f) => [f.label, f.column, f.printed, f.computed, f.severity])).toEqual([
      ["Summa kostnader", "utfall-fg", 204_736, 204_738, "rounding"],
      ["Summa nettokostnader", "utfall-fg", 146_392, 146_393, "rounding"],
      ["Resultat", "utfall-fg", -8_722, -8_723, "rounding"],
    ]);
    expect(r.findings[0]!.message).toBe(
      "Summa kostnader (tryckt), Utfall 2020-08: tryckt 204 736, men beräknat är 204 738 (avrundning, 2 tkr).",
    );
    // The 2021 column agrees with the printed one everywhere; the ledger reconciles in both.
    expect(r.reconciliation).toEqual([
      { column: "utfall-fg", ledgerTotal: 146_393_000, statementNet: 146_393_000 },
      { column: "utfall", ledgerTotal: 136_435_000, statementNet: 136_435_000 },
    ]);
  });

  it("the shown table's checks report a gap the kronor make: parts each 450 kr under their printed tkr", () => {
    const under = Object.fromEntries(
      Object.entries(LEDGER_2020_PRINTED).map(([a, v]) => [a, a.startsWith("3") ? v : v - 450]),
    );
    const r = buildIncomeStatement({ year: 2020, month: 8, actuals: ledger(2020, under) }, META);
    // 125 518.55 + 7 277.55 + 71 647.55 + 292.55 = 204 736.2: shown 204 736 against its shown parts 204 738. The net
    // (146 391.2, shown 146 391) agrees with its shown parts -58 345 + 204 736: checked one level at a time.
    const h = r.layout.tables[0]!.headerRow;
    expect(r.findings.map((f) => f.message)).toEqual([
      `Summa kostnader, Utfall 2020-08 (cell B${h + 8}): tryckt 204 736, summan av delarna 204 738 (avrundning, 2 tkr).`,
    ]);
    expect(r.layout.notes.map((n) => n.text)).toEqual([
      `Avrundning: Summa kostnader, Utfall 2020-08 (cell B${h + 8}): 204 736 tkr; de avrundade delarna summerar till 204 738 tkr (2 tkr avrundningsdifferens).`,
      "Avstämning: nettokostnad Utfall 2020-08 i indata 146 391 tkr = i rapporten 146 391 tkr.",
    ]);
  });

  it("keeps an unknown konto on its own line and names it; rows outside the period are counted, not used", () => {
    const rows: ActualRow[] = [
      ...ledger(2021, LEDGER_2021),
      { costCentre: "410", account: "8010", period: "2021-03", amount: 25_000 },
      { costCentre: "410", period: "2021-04", amount: 5_000 },
      { costCentre: "410", account: "5011", period: "2021-09", amount: 999_000 },
    ];
    const r = buildIncomeStatement({ year: 2021, month: 8, actuals: rows, grant: { toDate: 141_228_000 } }, META);
    const s = shown(r, "utfall");
    expect(s["Okänt kontoslag"]).toBe(30);
    expect(s["Summa kostnader"]).toBe(199_341);
    expect(s["Summa nettokostnader"]).toBe(136_465);
    expect(r.reconciliation).toEqual([{ column: "utfall", ledgerTotal: 136_465_000, statementNet: 136_465_000 }]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "1 rad i utfallet ligger utanför januari-augusti 2021, sammanlagt 999 tkr: de ingår inte i resultaträkningen.",
      "Konto 8010 hör inte till något kostnadsslag i standardkontoplanen (Kommun-Bas) (Utfall 2021-08 25 tkr): beloppet redovisas på raden Okänt kontoslag; ange kontot på bladet Kontoplan.",
      "Rader utan konto hör inte till något kostnadsslag i standardkontoplanen (Kommun-Bas) (Utfall 2021-08 5 tkr): beloppet redovisas på raden Okänt kontoslag; ange kontot på bladet Kontoplan.",
    ]);
    expect(r.layout.notes.map((n) => n.text)).toEqual([
      ...r.warnings.map((w) => w.message),
      "Avstämning: nettokostnad Utfall 2021-08 i indata 136 465 tkr = i rapporten 136 465 tkr.",
    ]);
  });

  it("a budget by konto gives a Budget column with the annual kommunbidrag", () => {
    const r = buildIncomeStatement(
      {
        year: 2021,
        month: 8,
        actuals: ledger(2021, LEDGER_2021),
        budgets: [
          { account: "3510", annual: -72_459_000 },
          { account: "5011", annual: 181_634_000 },
          { account: "6110", annual: 10_737_000 },
          { account: "4610", annual: 95_608_000 },
          { account: "6810", annual: 602_000 },
        ],
        grant: { toDate: 141_228_000, annual: 216_123_000 },
      },
      META,
    );
    const b = shown(r, "budget");
    expect([b["Summa kostnader"], b["Summa nettokostnader"], b.Kommunbidrag, b.Resultat]).toEqual([
      288_581, 216_122, 216_123, 1,
    ]);
    expect(r.findings).toEqual([]);
  });
});

describe("incomeStatementJob on a workbook", () => {
  it("reads Utfall with Konto and a Kontoplan sheet that overrides the default", async () => {
    const reader = memoryReader({
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        [410, "Förvaltning", null],
      ],
      Budget: [
        ["Ansvar", "Budget helår"],
        [410, 1000],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        [410, 3510, "2021-01", -2000],
        [410, 5011, "2021-02", 10000],
        [410, 6410, "2021-03", 700],
      ],
      Kontoplan: [
        ["Konto från", "Konto till", "Kostnadsslag"],
        [3000, 3999, "Intäkter"],
        [5000, 5999, "Personalkostnader"],
        [6100, 6499, "Lokalkostnader, energi, VA"],
      ],
    });
    const run = await startJob(reader, settings(), "test.xlsx");
    const p = prognosisJob(run);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    const step = incomeStatementJob(run, p.value.input, { grant: { toDate: 9000 } });
    expect(step.ok).toBe(true);
    if (!step.ok) return;
    const rows = Object.fromEntries(step.value.table.rows.map((r) => [r.label, r.cells["utfall"]]));
    expect(rows["Lokalkostnader, energi, VA"]).toEqual({ kind: "value", value: 700 });
    expect(rows["Summa nettokostnader"]).toEqual({ kind: "value", value: 8700 });
    expect(rows["Resultat"]).toEqual({ kind: "value", value: 300 });
    expect(step.value.findings).toEqual([]);
  });
});

describe("the Budget column against the Budget sheet (cross-table)", () => {
  it("names a budget per konto that does not add up to the nämnd's budget per ansvar", () => {
    const actuals: ActualRow[] = [{ costCentre: "421", period: "2021-03", account: "5110", amount: 1000 }];
    const budgets = [
      { account: "5110", annual: 5000 },
      { account: "3510", annual: -1000 },
    ];
    expect(buildIncomeStatement({ year: 2021, month: 8, actuals, budgets, budgetTotal: 4000 }, META).findings).toEqual(
      [],
    );
    const off = buildIncomeStatement({ year: 2021, month: 8, actuals, budgets, budgetTotal: 4500 }, META);
    expect(off.findings.map((f) => f.message)).toEqual([
      "Summa nettokostnader, Budget 2021: 4 tkr, men budget helår på bladet Budget är 4,50 tkr (fel, 0,50 tkr).",
    ]);
    expect(off.layout.notes.map((n) => n.text)).toContain(
      "Summa nettokostnader, Budget 2021: 4 tkr, men budget helår på bladet Budget är 4,50 tkr (fel, 0,50 tkr).",
    );
  });
});

/** Each row as the sheet shows it: whole tkr, "ny 2021" / "upphörd" outside a line's span, "-" for a missing value. */
const shownRows = (t: StatementTable) => {
  const ids = [...t.columns.map((c) => c.id), t.variance!.id];
  const show = (cell: StatementCell): number | string =>
    cellValue(cell) === undefined ? (breakText(cell) ?? "-") : shownTkr(cellValue(cell)!);
  return Object.fromEntries(t.rows.map((r) => [r.label, ids.map((id) => show(r.cells[id]!))]));
};

/**
 * Seed 000 (Herrljunga verksamhetsberättelse 2021) as a workbook at month 12: its annex units as the ansvar of
 * seed 004 (codes 400-467 under 40-46), Budget and Utfall 2021 per ansvar, and Bokslut tidigare år with 2019 and
 * 2020 per verksamhet as the Organisatorisk fördelning prints them and per ansvar as Bilaga 1 prints them (2020 from
 * the reconstruction of the column the source misplaced).
 */
describe("the organisational split and the annex from Bokslut tidigare år (seed 000)", () => {
  const AREAS = AREA_OF_000;
  const UNITS = ANSVAR_OF_000_UNIT;
  const annex = readGolden("000_ansvarsniva_bilaga1.csv");
  const split = readGolden("000_organisatorisk_fordelning.csv");
  const name = (r: Record<string, string>) => r["Enhet (som tryckt, med fotnotstecken)"]!;
  const units = annex.filter((r) => UNITS[name(r)] !== undefined);
  let area = "";
  const parentOf = new Map<string, string>();
  for (const r of annex) {
    if (r["nivå"] === "verksamhetsområde") area = AREAS[name(r)]!;
    if (UNITS[name(r)]) parentOf.set(UNITS[name(r)]!, area);
  }
  const workbook = memoryReader({
    Ansvar: [
      ["Ansvar", "Benämning", "Överordnad"],
      ...Object.entries(AREAS).flatMap(([n, code]): CellValue[][] => [
        [code, n, null],
        ...units
          .filter((u) => parentOf.get(UNITS[name(u)]!) === code)
          .map((u): CellValue[] => [UNITS[name(u)]!, name(u).replace(/\*+$/, ""), code]),
      ]),
    ],
    Budget: [
      ["Ansvar", "Budget helår (tkr)"],
      ...units.map((u): CellValue[] => [UNITS[name(u)]!, Number(u["Budget 2021"])]),
    ],
    Utfall: [
      ["Ansvar", "Konto", "Period", "Belopp"],
      ...units.map((u): CellValue[] => [UNITS[name(u)]!, "4010", "2021-12", Number(u["Utfall 2021"]) * TKR]),
    ],
    "Bokslut tidigare år": [
      ["Ansvar", "År", "Nettokostnad (tkr)"],
      ...split
        .filter((r) => AREAS[r.rad!])
        .flatMap((r): CellValue[][] => [
          [AREAS[r.rad!]!, 2019, r["Bokslut 2019"]!],
          [AREAS[r.rad!]!, 2020, r["Bokslut 2020"]!],
        ]),
      ...units.flatMap((u): CellValue[][] => [
        [UNITS[name(u)]!, 2019, u["Bokslut 2019"]!],
        [UNITS[name(u)]!, "2020", u["Bokslut 2020 rekonstruerad (härledd, se kommentar)"]!],
      ]),
    ],
  });

  it("writes both sheets beside the prognosis, earlier years beside this year, with the cross-table checks under them", async () => {
    const run = await startJob(workbook, settings({ month: 12 }), "test");
    const p = prognosisJob(run);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    const n = namndReport(run, p.value.result);
    if (!n.ok) throw new Error(n.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`).join("\n"));
    const st = n.value.statements!;
    expect(n.value.layouts.map((l) => l.name)).toEqual(["Organisatorisk fördelning", "Bilaga per ansvar"]);
    expect(st.split.columns.map((c) => c.header)).toEqual([
      "Bokslut 2019",
      "Bokslut 2020",
      "Budget 2021",
      "Utfall 2021",
    ]);
    // The Bokslut columns as the seed prints them; this year's budget and utfall are the sums of the ansvar
    // (whole tkr each in the seed, so 1 tkr off the printed area where the source rounded from kronor).
    expect(shownRows(st.split)).toEqual({
      "40 Nämnd": [498, 511, 559, 489, 70],
      "41 Förvaltningsledning": [10_937, 11_575, 12_018, 11_411, 607],
      "42 Individ och familjeomsorg": [44_177, 50_137, 44_398, 45_458, -1_060],
      "44 Vård och omsorg": [121_146, 126_316, 128_062, 120_072, 7_990],
      "46 Socialt stöd": [29_389, 31_588, 31_139, 32_609, -1_470],
      "Summa verksamhet": [206_147, 220_127, 216_176, 210_039, 6_137],
    });
    const annexShown = shownRows(st.annex);
    expect(annexShown["420 IFO övergripande"]).toEqual([-1_311, 541, 2_062, 1_765, 297]);
    expect(annexShown["44 Vård och omsorg"]).toEqual([121_146, 126_317, 128_062, 120_072, 7_990]);
    expect(annexShown["Totalsumma"]).toEqual([206_148, 220_128, 216_176, 210_039, 6_137]);
    // The seed's own ±1 tkr gaps between its two tables, each cell named on both sheets.
    expect(st.crossTable.map((f) => [f.severity, f.message])).toEqual([
      [
        "rounding",
        "44 Vård och omsorg på bladet Organisatorisk fördelning, Bokslut 2020 (cell C10): 126 316 tkr, men 44 Vård och omsorg på bladet Bilaga per ansvar, Bokslut 2020 (cell C15) är 126 317 tkr (avrundning, 1 tkr).",
      ],
      [
        "rounding",
        "46 Socialt stöd på bladet Organisatorisk fördelning, Bokslut 2019 (cell B11): 29 389 tkr, men 46 Socialt stöd på bladet Bilaga per ansvar, Bokslut 2019 (cell B25) är 29 390 tkr (avrundning, 1 tkr).",
      ],
      [
        "rounding",
        "Summa verksamhet på bladet Organisatorisk fördelning, Bokslut 2019 (cell B12): 206 147 tkr, men Totalsumma på bladet Bilaga per ansvar, Bokslut 2019 (cell B30) är 206 148 tkr (avrundning, 1 tkr).",
      ],
      [
        "rounding",
        "Summa verksamhet på bladet Organisatorisk fördelning, Bokslut 2020 (cell C12): 220 127 tkr, men Totalsumma på bladet Bilaga per ansvar, Bokslut 2020 (cell C30) är 220 128 tkr (avrundning, 1 tkr).",
      ],
    ]);
    const [splitSheet, annexSheet] = n.value.layouts;
    for (const sheet of [splitSheet!, annexSheet!])
      expect(sheet.notes.map((x) => x.text)).toEqual(expect.arrayContaining(st.crossTable.map((f) => f.message)));
    // The annex's subtotals and total are formulas over the rows the sheet shows.
    const table = annexSheet!.tables[0]!;
    expect(table.headerRow).toBe(5);
    const row = (label: string) => table.rows.find((r) => r.cells[0]!.value === label)!;
    expect(row("44 Vård och omsorg").cells[2]).toEqual({ value: 126_317_000, formula: "SUM(C16:C24)" });
    expect(row("Totalsumma").cells[1]!.formula).toBe("SUM(B7,B9,B11,B15,B25)");
    expect(row("Totalsumma").cells[5]).toEqual({ value: 6_137_000, formula: "D30-E30" });
    // The annex's own sums agree with their shown parts (seed 000 per ansvar in whole tkr): no note of that kind.
    expect(annexSheet!.notes.some((x) => x.text.startsWith("Avrundning:") || x.text.startsWith("Summeringsfel:"))).toBe(
      false,
    );
  });

  it("shows a line that ends ('upphörd') and one that starts ('ny 2021'), a '-' for a missing year, and a year given only per verksamhet", async () => {
    const small = memoryReader({
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        ["44", "Vård och omsorg", null],
        ["445", "Hagen säbo", "44"],
        ["449", "Hagen demenscentrum", "44"],
      ],
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        ["445", 14_885],
        ["449", 500],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["445", "4010", "2021-08", 9_731_000],
        ["449", "4010", "2021-08", 200_000],
      ],
      Prognos: [
        ["Ansvar", "Prognos helår (tkr)"],
        ["445", 14_835],
        ["449", 450],
      ],
      "Bokslut tidigare år": [
        ["Ansvar", "År", "Nettokostnad (tkr)", "Överordnad"],
        ["445", 2020, 16_699, null],
        ["445", 2019, "-", null],
        ["Solhagen", 2019, 1_446, "44"],
        ["44", 2018, 120_000, null],
      ],
    });
    const run = await startJob(small, settings(), "test");
    const p = prognosisJob(run);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    const n = namndReport(run, p.value.result);
    if (!n.ok) throw new Error(n.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`).join("\n"));
    const st = n.value.statements!;
    expect(st.annex.columns.map((c) => c.header)).toEqual([
      "Bokslut 2019",
      "Bokslut 2020",
      "Budget 2021",
      "Utfall 2021-08",
      "Prognos 2021",
    ]);
    // Missing is not zero: 445's Bokslut 2019 is '-', so 44's and the total's are '-' too, not Solhagen's 1 446 alone.
    expect(shownRows(st.annex)).toEqual({
      "44 Vård och omsorg": ["-", 16_699, 15_385, 9_931, 15_285, 100],
      "445 Hagen säbo": ["-", 16_699, 14_885, 9_731, 14_835, 50],
      "449 Hagen demenscentrum": ["ny 2021", "ny 2021", 500, 200, 450, 50],
      Solhagen: [1_446, "upphörd", "upphörd", "upphörd", "upphörd", "-"],
      Totalsumma: ["-", 16_699, 15_385, 9_931, 15_285, 100],
    });
    expect(shownRows(st.split)["44 Vård och omsorg"]).toEqual([120_000, "-", 16_699, 15_385, 9_931, 15_285, 100]);
    expect(n.value.layouts[0]!.notes.map((x) => x.text)).toContain(
      "Bokslut 2018 finns bara per verksamhet, inte per ansvar: året visas inte på bladet Bilaga per ansvar.",
    );
    expect(st.crossTable).toEqual([]);
    expect(n.warnings.map((w) => `${w.sheet}!${w.cell}: ${w.message}`)).toContain(
      'Bokslut tidigare år!A4: "Solhagen" finns inte bland årets ansvar: raden visas som upphörd.',
    );
  });
});

/** Bookings directly on a parent ansvar (not on an ansvar under it), this year and in Bokslut tidigare år. */
describe("a parent's own bookings in the annex", () => {
  it("shows a parent's own bookings and its own Bokslut row on a line of its own under it (4 > 44 > 441, 45)", async () => {
    const book = memoryReader({
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        ["4", "Socialtjänst", null],
        ["44", "Vård och omsorg", "4"],
        ["441", "Hemtjänst landsbygd", "44"],
        ["45", "Socialt stöd", "4"],
      ],
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        ["441", 800],
        ["44", 500],
        ["45", 400],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["441", "4010", "2021-08", 500_000],
        ["44", "4010", "2021-08", 300_000],
        ["45", "4010", "2021-08", 250_000],
      ],
      Prognos: [
        ["Ansvar", "Prognos helår (tkr)"],
        ["441", 780],
        ["44", 480],
        ["45", 390],
      ],
      "Bokslut tidigare år": [
        ["Ansvar", "År", "Nettokostnad (tkr)"],
        ["44", 2020, 1_400],
      ],
    });
    const run = await startJob(book, settings(), "test");
    const p = prognosisJob(run);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    const n = namndReport(run, p.value.result);
    if (!n.ok) throw new Error(n.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`).join("\n"));
    const st = n.value.statements!;
    expect(shownRows(st.split)).toEqual({
      "4 Socialtjänst": [1_400, 1_700, 1_050, 1_650, 50],
      "Summa verksamhet": [1_400, 1_700, 1_050, 1_650, 50],
    });
    // The 2020 row on 44 (a middle level) is 44's own: on its own line, in the sums of 44, 4 and the total.
    expect(st.annex.columns.map((c) => c.header)).toEqual([
      "Bokslut 2020",
      "Budget 2021",
      "Utfall 2021-08",
      "Prognos 2021",
    ]);
    expect(shownRows(st.annex)).toEqual({
      "4 Socialtjänst": [1_400, 1_700, 1_050, 1_650, 50],
      "44 Vård och omsorg": [1_400, 1_300, 800, 1_260, 40],
      "441 Hemtjänst landsbygd": ["ny 2021", 800, 500, 780, 20],
      "44 Vård och omsorg (bokat direkt på ansvaret)": [1_400, 500, 300, 480, 20],
      "45 Socialt stöd": ["ny 2021", 400, 250, 390, 10],
      Totalsumma: [1_400, 1_700, 1_050, 1_650, 50],
    });
    expect(st.crossTable).toEqual([]);
    expect(st.findings).toEqual([]);
    // On the sheet the own line is the last under 44, and 44's formula sums it with 441.
    const [splitSheet, annexSheet] = n.value.layouts;
    const table = annexSheet!.tables[0]!;
    const h = table.headerRow;
    expect(table.rows.map((r) => [r.cells[0]!.value, r.level, r.cells[2]!.formula ?? null])).toEqual([
      ["4 Socialtjänst", 0, `SUM(C${h + 3},C${h + 6})`],
      ["44 Vård och omsorg", 1, `SUM(C${h + 4}:C${h + 5})`],
      ["441 Hemtjänst landsbygd", 2, null],
      ["44 Vård och omsorg (bokat direkt på ansvaret)", 2, null],
      ["45 Socialt stöd", 1, null],
      ["Totalsumma", 0, `SUM(C${h + 2})`],
    ]);
    const agree =
      "Avstämning: summorna per verksamhet och totalsumman stämmer mellan bladen Organisatorisk fördelning och Bilaga per ansvar.";
    expect(annexSheet!.notes.map((x) => x.text)).toEqual([agree]);
    expect(splitSheet!.notes.map((x) => x.text)).toEqual([agree]);
    // The commentary counts 44's own bookings as an ansvar: 441's 20 + 44's own 500 - 480 + 45's 10 = 50 tkr, the nämnd's line.
    expect(n.value.commentary.layouts[0]!.notes.at(-1)!.text).toBe(
      "Avstämning: 1 verksamhet i prognosen = 1 här; avvikelse helår summerad per ansvar 50 tkr = nämndens rad 50 tkr.",
    );
  });

  /**
   * 40 > 44 > 441, 442 with a ledger export's Bokslut 2020: 44's row is its total, not its own bookings. With
   * `budgets` (44, 441, 442) a Budget column beside the Nettokostnad; with costs negative every amount is written negated.
   */
  const middleLevel = async (
    total44: number,
    options: { budgets?: readonly [number, number, number]; signConvention?: "costNegative" } = {},
  ) => {
    const sign = options.signConvention === "costNegative" ? -1 : 1;
    const b = options.budgets;
    const earlier = (code: string, net: number, i: number): CellValue[] => [
      code,
      2020,
      sign * net,
      ...(b ? [sign * b[i]!] : []),
    ];
    const book = memoryReader({
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        ["40", "Socialtjänst", null],
        ["44", "Vård och omsorg", "40"],
        ["441", "Hemtjänst landsbygd", "44"],
        ["442", "Hemtjänst tätort", "44"],
      ],
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        ["441", sign * 800],
        ["442", sign * 400],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["441", "4010", "2021-08", sign * 500_000],
        ["442", "4010", "2021-08", sign * 250_000],
      ],
      Prognos: [
        ["Ansvar", "Prognos helår (tkr)"],
        ["441", sign * 780],
        ["442", sign * 390],
      ],
      "Bokslut tidigare år": [
        ["Ansvar", "År", "Nettokostnad (tkr)", ...(b ? ["Budget (tkr)"] : [])],
        earlier("44", total44, 0),
        earlier("441", 100, 1),
        earlier("442", 200, 2),
      ],
    });
    const run = await startJob(
      book,
      settings(options.signConvention ? { signConvention: options.signConvention } : {}),
      "test",
    );
    const p = prognosisJob(run);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    const n = namndReport(run, p.value.result);
    if (!n.ok) throw new Error(n.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`).join("\n"));
    return { st: n.value.statements!, warnings: n.warnings.map((w) => `${w.sheet}!${w.cell}: ${w.message}`) };
  };

  it("a middle level's Bokslut row equal to its ansvar's rows is their total: counted once, no own line, no warning", async () => {
    const { st, warnings } = await middleLevel(300);
    expect(shownRows(st.split)).toEqual({
      "40 Socialtjänst": [300, 1_200, 750, 1_170, 30],
      "Summa verksamhet": [300, 1_200, 750, 1_170, 30],
    });
    expect(shownRows(st.annex)).toEqual({
      "40 Socialtjänst": [300, 1_200, 750, 1_170, 30],
      "44 Vård och omsorg": [300, 1_200, 750, 1_170, 30],
      "441 Hemtjänst landsbygd": [100, 800, 500, 780, 20],
      "442 Hemtjänst tätort": [200, 400, 250, 390, 10],
      Totalsumma: [300, 1_200, 750, 1_170, 30],
    });
    expect(st.findings).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("a middle level's Bokslut row above its ansvar's rows: the difference on its own line, with a warning naming the cell", async () => {
    const { st, warnings } = await middleLevel(350);
    expect(shownRows(st.split)["40 Socialtjänst"]).toEqual([350, 1_200, 750, 1_170, 30]);
    expect(shownRows(st.annex)).toEqual({
      "40 Socialtjänst": [350, 1_200, 750, 1_170, 30],
      "44 Vård och omsorg": [350, 1_200, 750, 1_170, 30],
      "441 Hemtjänst landsbygd": [100, 800, 500, 780, 20],
      "442 Hemtjänst tätort": [200, 400, 250, 390, 10],
      "44 Vård och omsorg (bokat direkt på ansvaret)": [50, 0, 0, 0, 0],
      Totalsumma: [350, 1_200, 750, 1_170, 30],
    });
    expect(st.findings).toEqual([]);
    expect(warnings).toEqual([
      "Bokslut tidigare år!C2: Bokslut 2020 för 44 Vård och omsorg är 350 tkr, men raderna för ansvaren under det summerar till 300 tkr: skillnaden 50 tkr visas som bokat direkt på ansvaret.",
    ]);
  });

  it("a middle level's Budget equal to its ansvar's Budgets is their total: no own line, 44's Budget 2020 is 320", async () => {
    const { st, warnings } = await middleLevel(300, { budgets: [320, 110, 210] });
    // Budget 2020, Bokslut 2020, then this year's columns.
    expect(shownRows(st.annex)).toEqual({
      "40 Socialtjänst": [320, 300, 1_200, 750, 1_170, 30],
      "44 Vård och omsorg": [320, 300, 1_200, 750, 1_170, 30],
      "441 Hemtjänst landsbygd": [110, 100, 800, 500, 780, 20],
      "442 Hemtjänst tätort": [210, 200, 400, 250, 390, 10],
      Totalsumma: [320, 300, 1_200, 750, 1_170, 30],
    });
    expect(shownRows(st.split)["40 Socialtjänst"]).toEqual([320, 300, 1_200, 750, 1_170, 30]);
    expect(st.findings).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("a middle level's Budget above its ansvar's: the difference is its own budget (kept though its own Bokslut is 0), with a warning naming the Budget cell", async () => {
    const { st, warnings } = await middleLevel(300, { budgets: [350, 110, 210] });
    expect(shownRows(st.annex)).toEqual({
      "40 Socialtjänst": [350, 300, 1_200, 750, 1_170, 30],
      "44 Vård och omsorg": [350, 300, 1_200, 750, 1_170, 30],
      "441 Hemtjänst landsbygd": [110, 100, 800, 500, 780, 20],
      "442 Hemtjänst tätort": [210, 200, 400, 250, 390, 10],
      "44 Vård och omsorg (bokat direkt på ansvaret)": [30, 0, 0, 0, 0, 0],
      Totalsumma: [350, 300, 1_200, 750, 1_170, 30],
    });
    expect(shownRows(st.split)["40 Socialtjänst"]).toEqual([350, 300, 1_200, 750, 1_170, 30]);
    expect(st.findings).toEqual([]);
    expect(warnings).toEqual([
      "Bokslut tidigare år!D2: Budget 2020 för 44 Vård och omsorg är 350 tkr, men raderna för ansvaren under det summerar till 320 tkr: skillnaden 30 tkr visas som budget direkt på ansvaret.",
    ]);
  });

  it("a '-' in a Budget column is missing, not 0: shown '-', named in a warning, never summed into a check that fails", async () => {
    const book = memoryReader({
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        ["40", "Socialtjänst", null],
        ["44", "Vård och omsorg", "40"],
        ["441", "Hemtjänst landsbygd", "44"],
        ["442", "Hemtjänst tätort", "44"],
      ],
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        ["441", 800],
        ["442", 400],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["441", "4010", "2021-08", 500_000],
        ["442", "4010", "2021-08", 250_000],
      ],
      Prognos: [
        ["Ansvar", "Prognos helår (tkr)"],
        ["441", 780],
        ["442", 390],
      ],
      "Bokslut tidigare år": [
        ["Ansvar", "År", "Nettokostnad (tkr)", "Budget (tkr)"],
        ["44", 2020, 300, 4_320],
        ["441", 2020, 100, 4_320],
        ["442", 2020, 200, "-"],
      ],
    });
    const run = await startJob(book, settings(), "test");
    const p = prognosisJob(run);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    const n = namndReport(run, p.value.result);
    if (!n.ok) throw new Error(n.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`).join("\n"));
    const st = n.value.statements!;
    const budget2020 = (table: StatementTable, label: string) => shownRows(table)[label]![0];
    // 442's Budget 2020 is missing: '-', and so is every sum over it; 441's 4 320 stays its own.
    expect(budget2020(st.annex, "442 Hemtjänst tätort")).toBe("-");
    expect(budget2020(st.annex, "441 Hemtjänst landsbygd")).toBe(4_320);
    expect(budget2020(st.annex, "44 Vård och omsorg")).toBe("-");
    // No check sums the '-' as 0 ("(fel, 4 000 tkr)"); the line without a budget is named, with its cell.
    expect(st.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(n.warnings.map((w) => `${w.sheet}!${w.cell}: ${w.message}`)).toContain(
      "Bokslut tidigare år!D4: budget saknas för 442 Hemtjänst tätort 2020 ('-'): summorna över raden visas som '-', inte som om budgeten vore 0.",
    );
  });

  it("with costs negative the warning shows the kronor as the user writes them: negative", async () => {
    const { warnings } = await middleLevel(350, { signConvention: "costNegative" });
    expect(warnings).toEqual([
      "Bokslut tidigare år!C2: Bokslut 2020 för 44 Vård och omsorg är -350 tkr, men raderna för ansvaren under det summerar till -300 tkr: skillnaden -50 tkr visas som bokat direkt på ansvaret.",
    ]);
  });

  it("a verksamhet's Bokslut row is its total (split); its own line in the annex shows '-' for those years, not 'ny 2021'", async () => {
    const book = memoryReader({
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        ["4", "Socialtjänst", null],
        ["44", "Vård och omsorg", "4"],
        ["441", "Hemtjänst landsbygd", "44"],
        ["45", "Socialt stöd", "4"],
      ],
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        ["441", 800],
        ["45", 400],
        ["4", 100],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["441", "4010", "2021-08", 500_000],
        ["45", "4010", "2021-08", 250_000],
        ["4", "4010", "2021-08", 50_000],
      ],
      Prognos: [
        ["Ansvar", "Prognos helår (tkr)"],
        ["441", 780],
        ["45", 390],
        ["4", 90],
      ],
      "Bokslut tidigare år": [
        ["Ansvar", "År", "Nettokostnad (tkr)"],
        ["4", 2020, 2_000],
        ["441", 2020, 600],
        ["45", 2020, 1_400],
      ],
    });
    const run = await startJob(book, settings(), "test");
    const p = prognosisJob(run);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    const n = namndReport(run, p.value.result);
    if (!n.ok) throw new Error(n.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`).join("\n"));
    const st = n.value.statements!;
    expect(shownRows(st.split)["4 Socialtjänst"]).toEqual([2_000, 1_300, 800, 1_260, 40]);
    // 44 has nothing booked on itself: no own line; 4's own line is the last under it.
    expect(shownRows(st.annex)).toEqual({
      "4 Socialtjänst": [2_000, 1_300, 800, 1_260, 40],
      "44 Vård och omsorg": [600, 800, 500, 780, 20],
      "441 Hemtjänst landsbygd": [600, 800, 500, 780, 20],
      "45 Socialt stöd": [1_400, 400, 250, 390, 10],
      "4 Socialtjänst (bokat direkt på ansvaret)": ["-", 100, 50, 90, 10],
      Totalsumma: [2_000, 1_300, 800, 1_260, 40],
    });
    expect(st.findings).toEqual([]);
  });
});

describe("the resultaträkning's warning on last year's later months", () => {
  it("is an info note (data, not its text) in whole tkr", () => {
    const r = buildIncomeStatement(
      {
        year: 2021,
        month: 8,
        actuals: [{ costCentre: "410", account: "5011", period: "2021-08", amount: 1_000_000 }],
        lastYearActuals: [{ costCentre: "410", account: "5011", period: "2020-10", amount: 70_717_349 }],
      },
      META,
    );
    expect(r.warnings).toEqual([
      {
        message:
          "1 rad i föregående års utfall ligger utanför januari-augusti 2020, sammanlagt 70 717 tkr: de ingår inte i resultaträkningen.",
        info: true,
      },
    ]);
  });
});
