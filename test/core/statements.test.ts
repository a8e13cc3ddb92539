import { describe, expect, it } from "vitest";
import {
  breakText,
  cellValue,
  compareWithPrinted,
  hierarchyStatement,
  incomeStatement,
  INCOME_STATEMENT_KEYS as K,
  shownTableLines,
  shownTkr,
  type StatementTable,
} from "../../src/core/statements";
import * as S from "./seedTables";

const tkr = (t: StatementTable, key: string, column: string): number | undefined => {
  const v = cellValue(t.rows.find((r) => r.key === key)!.cells[column]);
  return v === undefined ? undefined : shownTkr(v);
};

const brief = (f: { label: string; column: string; printed: number; computed: number; severity: string }): string =>
  `${f.label}|${f.column}|${f.printed}|${f.computed}|${f.severity}`;

describe("seed 000 resultaträkning from its lines", () => {
  const table = incomeStatement({ columns: S.COLUMNS_000, variance: S.VARIANCE_000, ...S.incomeInput000() });
  const printed = Object.fromEntries(
    table.rows.map((r) => [r.key, S.printedIncomeStatement000().get(r.label.toLowerCase())!.values]),
  );

  it("builds the rows in the report's order", () => {
    expect(table.rows.map((r) => r.label)).toEqual([
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
  });

  it("sums costs, net and result (S01-S07, S15)", () => {
    expect([
      tkr(table, K.costs, "budget"),
      tkr(table, K.costs, "utfall"),
      tkr(table, K.costs, "b2019"),
      tkr(table, K.costs, "b2020"),
    ]).toEqual([288634, 306299, 291767, 306043]);
    expect([
      tkr(table, K.net, "budget"),
      tkr(table, K.net, "utfall"),
      tkr(table, K.net, "b2019"),
      tkr(table, K.net, "b2020"),
    ]).toEqual([216175, 210037, 206147, 220127]);
    expect([tkr(table, K.result, "b2019"), tkr(table, K.result, "b2020"), tkr(table, K.result, "utfall")]).toEqual([
      -3383, -8012, 6138,
    ]);
  });

  it("computes the avvikelse with revenue negative (S08-S12), the kapitalkostnad as 0 not -0 (S11)", () => {
    expect(tkr(table, K.revenues, "avvikelse")).toBe(23803);
    expect(tkr(table, "kostnad-1", "avvikelse")).toBe(-9139);
    expect([tkr(table, "kostnad-2", "avvikelse"), tkr(table, "kostnad-3", "avvikelse")]).toEqual([-1051, -7475]);
    expect(Object.is(tkr(table, "kostnad-4", "avvikelse"), 0)).toBe(true);
    expect(tkr(table, K.costs, "avvikelse")).toBe(-17665);
  });

  it("matches the printed table but for the two 1 tkr rounding gaps, reported (S13, S14, S16)", () => {
    expect(compareWithPrinted(table, printed).map(brief)).toEqual([
      "Summa nettokostnader|avvikelse|6139|6138|rounding",
      "Resultat|utfall|6139|6138|rounding",
    ]);
  });
});

describe("seed 000 organisational split and annex from the enheter", () => {
  const annexInput = S.annexLines000("reconstructed");
  const split = hierarchyStatement({
    columns: S.COLUMNS_000,
    variance: S.VARIANCE_000,
    lines: annexInput.lines,
    totalLabel: "Summa verksamhet",
    maxDepth: 0,
  });
  const annex = hierarchyStatement({
    columns: S.COLUMNS_000,
    variance: S.VARIANCE_000,
    lines: annexInput.lines,
    totalLabel: "Totalsumma",
  });

  it("shows the verksamhetsområden with the earlier years beside 2021 (S17-S20)", () => {
    expect(split.rows.map((r) => r.label)).toEqual([
      "Nämnd",
      "Förvaltningsledning",
      "Individ och familjeomsorg",
      "Vård och omsorg",
      "Socialt stöd",
      "Summa verksamhet",
    ]);
    expect(split.rows.map((r) => tkr(split, r.key, "b2020"))).toEqual([511, 11575, 50137, 126317, 31588, 220128]);
  });

  it("finds only the 1-2 tkr rounding gaps against the printed split (S24, S25, S27, S28, S29, S33)", () => {
    const findings = compareWithPrinted(split, S.printedOrganisationalSplit000());
    expect(findings.every((f) => f.severity === "rounding")).toBe(true);
    expect(findings.map(brief)).toEqual([
      "Individ och familjeomsorg|utfall|45457|45458|rounding",
      "Individ och familjeomsorg|avvikelse|-1059|-1060|rounding",
      "Vård och omsorg|b2020|126316|126317|rounding",
      "Vård och omsorg|budget|128061|128062|rounding",
      "Socialt stöd|b2019|29389|29390|rounding",
      "Socialt stöd|utfall|32608|32609|rounding",
      "Socialt stöd|avvikelse|-1469|-1470|rounding",
      "Summa verksamhet|b2019|206147|206148|rounding",
      "Summa verksamhet|b2020|220127|220128|rounding",
      "Summa verksamhet|budget|216175|216176|rounding",
      "Summa verksamhet|utfall|210037|210039|rounding",
      "Summa verksamhet|avvikelse|6139|6137|rounding",
    ]);
  });

  it("prints the annex with each area above its enheter and the avvikelse per enhet (S22)", () => {
    expect(annex.rows.slice(2, 6).map((r) => `${r.label}:${r.role}`)).toEqual([
      "Individ och familjeomsorg:subtotal",
      "IFO övergripande:line",
      "IFO vuxen och bistånd***:line",
      "IFO barn och familj:line",
    ]);
    expect([
      tkr(annex, "Hemtjänst Hja tätort", "avvikelse"),
      tkr(annex, "Korttidsenhet och bemanning", "avvikelse"),
      tkr(annex, "Funktionshinder", "avvikelse"),
    ]).toEqual([935, 743, -2077]);
    const findings = compareWithPrinted(annex, annexInput.printed);
    expect(findings.every((f) => f.severity === "rounding")).toBe(true);
    expect(findings).toHaveLength(15);
  });

  it("puts subtotals under their children when asked (seed 004's layout)", () => {
    const below = hierarchyStatement({
      columns: S.COLUMNS_000,
      lines: annexInput.lines,
      totalLabel: "Totalsumma",
      subtotalsBelow: true,
    });
    expect(below.rows.slice(2, 6).map((r) => r.label)).toEqual([
      "IFO övergripande",
      "IFO vuxen och bistånd***",
      "IFO barn och familj",
      "Individ och familjeomsorg",
    ]);
  });
});

describe("seed 004 resultaträkning to August", () => {
  const table = incomeStatement({ columns: S.COLUMNS_004, variance: S.VARIANCE_004, ...S.incomeInput004() });
  const printed = Object.fromEntries(
    table.rows.map((r) => [r.key, S.printedIncomeStatement004().get(r.label.toLowerCase()) ?? {}]),
  );

  it("gives +19 234 on revenue and -19 234 on costs, result 4 793 to date", () => {
    expect(tkr(table, K.revenues, "avvikelse_helar")).toBe(19234);
    expect(tkr(table, K.costs, "avvikelse_helar")).toBe(-19234);
    expect(tkr(table, K.result, "utfall_2021_08")).toBe(4793);
  });

  it("reports the printed Summa kostnader and net gaps as rounding", () => {
    expect(compareWithPrinted(table, printed).map(brief)).toEqual([
      "Summa kostnader|utfall_2020_08|204736|204738|rounding",
      "Summa kostnader|budget_2021|288582|288581|rounding",
      "Summa kostnader|prognos_2021|307816|307815|rounding",
      "Summa nettokostnader|utfall_2020_08|146392|146393|rounding",
      "Summa nettokostnader|budget_2021|216123|216122|rounding",
      "Summa nettokostnader|prognos_2021|216123|216122|rounding",
      "Resultat|utfall_2020_08|-8722|-8723|rounding",
      "Resultat|prognos_2021|0|1|rounding",
    ]);
  });
});

describe("lines that start or end between years", () => {
  const columns = S.COLUMNS_000;
  const table = hierarchyStatement({
    columns,
    variance: S.VARIANCE_000,
    totalLabel: "Summa",
    lines: [
      { key: "A", label: "Område A", values: {} },
      { key: "a1", label: "Solhagen", parentKey: "A", values: { b2019: 1_446_000, b2020: 1_200_000 }, ends: "b2020" },
      {
        key: "a2",
        label: "Hagen demens",
        parentKey: "A",
        values: { budget: 500_000, utfall: 400_000 },
        starts: "budget",
      },
      { key: "B", label: "Område B", values: {} },
      {
        key: "b1",
        label: "Nytt boende",
        parentKey: "B",
        values: { budget: 300_000, utfall: undefined },
        starts: "budget",
      },
    ],
  });
  const cell = (key: string, column: string) => table.rows.find((r) => r.key === key)!.cells[column]!;

  it("shows 'ny 2021' before a line starts and 'upphörd' after it ends, never 0", () => {
    expect(breakText(cell("a2", "b2019"))).toBe("ny 2021");
    expect(breakText(cell("a1", "utfall"))).toBe("upphörd");
    expect(cellValue(cell("a1", "utfall"))).toBeUndefined();
  });

  it("keeps a missing value inside the span missing, and a subtotal of only new lines a break", () => {
    expect(cell("b1", "utfall").kind).toBe("missing");
    expect(breakText(cell("B", "b2019"))).toBe("ny 2021");
    expect(cellValue(cell("A", "b2019"))).toBe(1_446_000);
    expect(cellValue(cell("A", "budget"))).toBe(500_000);
    expect(cellValue(cell("totalsumma", "budget"))).toBe(800_000);
  });

  it("leaves breaks out of the shown lines for the checks", () => {
    const lines = shownTableLines(table);
    expect(lines.find((l) => l.key === "a2")!.values["b2019"]).toBeUndefined();
    expect(lines.find((l) => l.key === "A")!.values["budget"]).toBe(500);
  });
});
