import { describe, expect, it } from "vitest";
import { formatTkr } from "../../src/core/amounts";
import { calculatePrognosis } from "../../src/core/prognosis";
import { prognosisTable } from "../../src/cli/table";
import type { SheetLayout } from "../../src/report/layout";
import { metaLines } from "../../src/report/meta";
import {
  buildPrognosisSheet,
  costCentreReconciliationText,
  PROGNOSIS_COLUMNS,
  reconciliationText,
} from "../../src/report/prognosisSheet";
import { buildSummarySheet } from "../../src/report/summarySheet";
import { formulaChecks } from "./evaluate";
import {
  HERRLJUNGA_META,
  HERRLJUNGA_META_COSTS_NEGATIVE,
  herrljungaGolden,
  herrljungaInput,
  herrljungaPrognosis,
} from "./herrljunga";

const col = (id: string) => PROGNOSIS_COLUMNS.findIndex((c) => c.id === id);
const layout = buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META);
const table = layout.tables[0]!;
const rowNamed = (l: SheetLayout, kind: string, name: string) => {
  const t = l.tables[0]!;
  const i = t.rows.findIndex((r) => r.kind === kind && r.cells[col("name")]!.value === name);
  expect(i).toBeGreaterThanOrEqual(0);
  return { row: t.rows[i]!, sheetRow: t.headerRow + 1 + i };
};

describe("buildPrognosisSheet (Herrljunga 2021, seed 004)", () => {
  it("has Herrljunga's columns in order, title and meta in the sheet", () => {
    expect(table.columns.map((c) => c.header)).toEqual([
      "Ansvar",
      "Benämning",
      "Utfall fg år t.o.m. period",
      "Periodiserad budget",
      "Utfall t.o.m. period",
      "Avvikelse t.o.m. period",
      "Budget helår",
      "Prognos helår",
      "Avvikelse helår",
      "Förändring mot föregående prognos (+ bättre, - sämre)",
      "Prognosmetod",
      "Kommentar",
      "Flaggor",
    ]);
    expect(layout.title).toBe("Prognos per ansvar 2021, utfall t.o.m. augusti (tkr)");
    expect(layout.meta.join(" ")).toContain("Datakälla: Herrljunga socialnämnd");
    expect(layout.meta.join(" ")).toContain("Budgetversion: Budget 2021");
    expect(layout.meta.join(" ")).toContain("Kostnader positiva");
    expect(table.headerRow).toBe(5);
    expect(layout.freeze).toEqual({ rows: 6, columns: 2 });
  });

  it("prints each verksamhet under its ansvar with SUM formulas, and Individ och familjeomsorg -2 050", () => {
    const ifo = rowNamed(layout, "subtotal", "Individ och familjeomsorg");
    expect(ifo.sheetRow).toBe(13); // Excel row 14, under 420, 421, 422 in rows 11-13
    expect(ifo.row.cells[col("annualBudget")]).toEqual({ value: 44_398_000, formula: "SUM(G11:G13)" });
    expect(ifo.row.cells[col("forecast")]).toEqual({ value: 46_448_000, formula: "SUM(H11:H13)" });
    expect(ifo.row.cells[col("varianceFullYear")]).toEqual({ value: -2_050_000, formula: "G14-H14" });
    expect(formatTkr(ifo.row.cells[col("varianceFullYear")]!.value as number)).toBe("-2 050");
    const prev = table.rows[ifo.sheetRow - table.headerRow - 2]!;
    expect(prev.cells[col("code")]!.value).toBe("422");
    expect(prev.outline).toBe(1);
    expect(ifo.row.outline).toBeUndefined();
  });

  it("ends with the grand total SUMMA 216 123 over the verksamheter", () => {
    const last = table.rows[table.rows.length - 1]!;
    expect(last.kind).toBe("total");
    expect(last.cells[col("annualBudget")]).toEqual({ value: 216_123_000, formula: "SUM(G8,G10,G14,G24,G29)" });
    expect(last.cells[col("forecast")]!.value).toBe(216_123_000);
    expect(last.cells[col("varianceFullYear")]).toEqual({ value: 0, formula: "G30-H30" });
    expect(formatTkr(last.cells[col("actualLastYear")]!.value as number)).toBe("146 392");
  });

  it("matches every verksamhet of the seed on budget, prognos and avvikelse helår", () => {
    for (const g of herrljungaGolden().filter((r) => r.level === "verksamhet")) {
      const { row } = rowNamed(layout, "subtotal", g.name);
      expect([
        row.cells[col("annualBudget")]!.value,
        row.cells[col("forecast")]!.value,
        row.cells[col("varianceFullYear")]!.value,
      ]).toEqual([g.budget * 1000, g.forecast * 1000, g.variance * 1000]);
    }
  });

  it("computes every formula's cached value from the cells it refers to", () => {
    const checks = formulaChecks(layout);
    expect(checks.length).toBe(6 * 5 + 24 * 2);
    for (const c of checks) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 4);
  });

  it("explains flags in Swedish and reconciles utfall in with utfall in the report", () => {
    const notes = layout.notes.map((n) => n.text);
    expect(notes[0]).toBe(
      "Avstämning: 18 rader lästa, 18 använda, 0 utanför perioden (0 tkr); utfall i indata 136 434 tkr = utfall i rapporten 136 434 tkr; budget i indata 216 123 tkr = budget i rapporten 216 123 tkr.",
    );
    expect(notes).toContain(
      "Linjär periodisering: ingen månadsbudget: periodiserad budget är helårsbudget × månader / 12.",
    );
    expect(layout.notes[0]!.row).toBe(table.headerRow + table.rows.length + 2);
  });

  it("shows rows outside the period and gives bookings on a parent a row of their own", () => {
    const input = herrljungaInput();
    const result = calculatePrognosis({
      ...input,
      actuals: [
        ...input.actuals,
        { costCentre: "42", period: "2021-05", amount: 7_000 },
        { costCentre: "421", period: "2021-10", amount: 5_000 },
      ],
      previousForecasts: input.forecasts!.map((f) => ({ costCentre: f.costCentre, forecast: f.forecast - 1_000 })),
    });
    const l = buildPrognosisSheet(result, HERRLJUNGA_META);
    expect(reconciliationText(result)).toBe(
      "Avstämning: 20 rader lästa, 19 använda, 1 utanför perioden (5 tkr); utfall i indata 136 441 tkr = utfall i rapporten 136 441 tkr; budget i indata 216 123 tkr = budget i rapporten 216 123 tkr.",
    );
    const own = rowNamed(l, "data", "Individ och familjeomsorg (bokat direkt på ansvaret)");
    expect(own.row.cells[col("actual")]!.value).toBe(7_000);
    expect(own.row.cells[col("flags")]!.value).toContain("Saknar budget");
    const ifo = rowNamed(l, "subtotal", "Individ och familjeomsorg");
    expect(ifo.row.cells[col("actual")]).toEqual({ value: 30_104_000, formula: `SUM(E11:E${own.sheetRow + 1})` });
    // 42's own booking has no previous forecast: no change (blank, not its 7 tkr), and the sums leave it out.
    expect(own.row.cells[col("forecastChange")]).toEqual({ value: null });
    expect(rowNamed(l, "data", "IFO BoF").row.cells[col("forecastChange")]!.value).toBe(-1_000);
    expect(ifo.row.cells[col("forecastChange")]).toEqual({ value: -3_000, formula: `SUM(J11:J${own.sheetRow + 1})` });
    const total = l.tables[0]!.rows[l.tables[0]!.rows.length - 1]!;
    // 18 ansvar, each 1 tkr above its previous forecast: 1 tkr worse each, in the avvikelse sense.
    expect(total.cells[col("forecastChange")]!.value).toBe(-18_000);
    expect(total.cells[col("forecastChange")]!.formula).toMatch(/^SUM\(/);
    for (const c of formulaChecks(l)) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 4);
  });
});

describe("the change against the previous forecast on subtotals", () => {
  it("sums the changes of the units that have a previous forecast: +50, not 1 900 - 1 250 = 650", () => {
    // Hand case: 10 moves from 1 250 to 1 300 tkr; 11 has no previous forecast and forecasts 600 tkr.
    const result = calculatePrognosis({
      year: 2021,
      month: 8,
      costCentres: [
        { key: "1", code: "1", name: "Område" },
        { key: "10", code: "10", name: "Enhet A", parentKey: "1" },
        { key: "11", code: "11", name: "Enhet B", parentKey: "1" },
      ],
      budgets: [
        { costCentre: "10", annual: 1_200_000 },
        { costCentre: "11", annual: 600_000 },
      ],
      actuals: [],
      forecasts: [
        { costCentre: "10", forecast: 1_300_000, comment: "Fler placeringar." },
        { costCentre: "11", forecast: 600_000 },
      ],
      previousForecasts: [{ costCentre: "10", forecast: 1_250_000 }],
      proposalMethod: "runRate",
    });
    const l = buildPrognosisSheet(result, HERRLJUNGA_META);
    const change = (kind: string, name: string) => rowNamed(l, kind, name).row.cells[col("forecastChange")];
    expect(change("data", "Enhet A")).toEqual({ value: -50_000 });
    expect(change("data", "Enhet B")).toEqual({ value: null });
    // Excel rows 7-8 hold the units (table header in row 6); SUM skips the blank of Enhet B.
    expect(change("subtotal", "Område")).toEqual({ value: -50_000, formula: "SUM(J7:J8)" });
    expect(change("total", "Summa")).toEqual({ value: -50_000, formula: "SUM(J9)" });
    for (const c of formulaChecks(l)) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 4);
  });

  it("leaves the change blank, without a formula, where no unit has a previous forecast", () => {
    const l = buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META);
    expect(
      l.tables[0]!.rows.every(
        (r) => r.cells[col("forecastChange")]!.value === null && r.cells[col("forecastChange")]!.formula === undefined,
      ),
    ).toBe(true);
  });
});

describe("the prognosis sheet in the user's sign convention", () => {
  const negative = buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META_COSTS_NEGATIVE);
  const AMOUNTS = ["actualLastYear", "phasedBudget", "actual", "annualBudget", "forecast"];
  const VARIANCES = ["varianceToDate", "varianceFullYear"];

  it("shows Herrljunga with costs negative: IFO budget -44 398, prognos -46 448, avvikelse helår still -2 050", () => {
    const ifo = rowNamed(negative, "subtotal", "Individ och familjeomsorg");
    expect(ifo.row.cells[col("annualBudget")]).toEqual({ value: -44_398_000, formula: "SUM(G11:G13)" });
    expect(ifo.row.cells[col("forecast")]).toEqual({ value: -46_448_000, formula: "SUM(H11:H13)" });
    // Positive = överskott in both conventions: prognos - budget of the shown amounts, -46 448 - (-44 398).
    expect(ifo.row.cells[col("varianceFullYear")]).toEqual({ value: -2_050_000, formula: "H14-G14" });
    expect(ifo.row.cells[col("varianceToDate")]!.formula).toBe("E14-D14");
    expect(negative.meta[1]).toBe(
      "Budgetversion: Budget 2021. Tecken: Kostnader negativa (nettokostnad som negativt tal); avvikelse = utfall/prognos - budget, positiv = överskott.",
    );
    expect(layout.meta[1]).toBe(
      "Budgetversion: Budget 2021. Tecken: Kostnader positiva (nettokostnad som positivt tal); avvikelse = budget - utfall/prognos, positiv = överskott.",
    );
  });

  it("negates every amount and keeps every variance of the cost-positive sheet, and its formulas compute what they show", () => {
    const positive = layout.tables[0]!.rows;
    const rows = negative.tables[0]!.rows;
    expect(rows).toHaveLength(positive.length);
    rows.forEach((r, i) => {
      for (const id of AMOUNTS)
        expect(r.cells[col(id)]!.value).toBe(0 - (positive[i]!.cells[col(id)]!.value as number));
      for (const id of VARIANCES) expect(r.cells[col(id)]!.value).toBe(positive[i]!.cells[col(id)]!.value);
    });
    const total = rows[rows.length - 1]!;
    expect([
      total.cells[col("annualBudget")]!.value,
      total.cells[col("forecast")]!.value,
      total.cells[col("varianceFullYear")]!.value,
    ]).toEqual([-216_123_000, -216_123_000, 0]);
    const checks = formulaChecks(negative);
    expect(checks.length).toBe(6 * 5 + 24 * 2);
    for (const c of checks) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 4);
    expect(negative.charts).toEqual(layout.charts);
  });

  it("writes the reconciliation and the change in the same convention", () => {
    expect(negative.notes[0]!.text).toBe(
      "Avstämning: 18 rader lästa, 18 använda, 0 utanför perioden (0 tkr); utfall i indata -136 434 tkr = utfall i rapporten -136 434 tkr; budget i indata -216 123 tkr = budget i rapporten -216 123 tkr.",
    );
    const input = herrljungaInput();
    const raised = calculatePrognosis({
      ...input,
      previousForecasts: input.forecasts!.map((f) => ({ costCentre: f.costCentre, forecast: f.forecast - 1_000 })),
    });
    const l = buildPrognosisSheet(raised, HERRLJUNGA_META_COSTS_NEGATIVE);
    // Each ansvar's cost rose by 1 tkr: -1 tkr each (worse, in the avvikelse sense, whatever the convention), -18 tkr in all.
    expect(rowNamed(l, "data", "IFO BoF").row.cells[col("forecastChange")]!.value).toBe(-1_000);
    expect(l.tables[0]!.rows.at(-1)!.cells[col("forecastChange")]!.value).toBe(-18_000);
  });

  it("prints the same figures in the terminal table", () => {
    const text = prognosisTable(herrljungaPrognosis(), "costNegative");
    // Utfall fg år, budget t.o.m., utfall, avv. t.o.m., budget helår, prognos helår, avv. helår (tkr).
    expect(text).toMatch(/\n42 Individ och familjeomsorg +-33 739 +-29 599 +-30 097 +-498 +-44 398 +-46 448 +-2 050\n/);
    expect(text).toMatch(/\nSumma +-146 392 +-144 082 +-136 434 +7 648 +-216 123 +-216 123 +0$/);
  });

  it("says on the other sheets that they show costs positive, whatever the setting", () => {
    const line =
      "Tecken: Kostnader positiva (nettokostnad som positivt tal); bladet följer inte inställningen Kostnader negativa (nettokostnad som negativt tal); avvikelse = budget - utfall/prognos, positiv = överskott.";
    expect(metaLines(HERRLJUNGA_META_COSTS_NEGATIVE)[1]).toBe(`Budgetversion: Budget 2021. ${line}`);
    expect(buildSummarySheet(herrljungaPrognosis(), HERRLJUNGA_META_COSTS_NEGATIVE).meta[1]).toBe(
      `Budgetversion: Budget 2021. ${line}`,
    );
    expect(metaLines(HERRLJUNGA_META)[1]).toBe(layout.meta[1]);
  });
});

describe("charts and rounding notes of the prognosis sheet", () => {
  it("draws Avvikelse helår per verksamhet as a clustered column chart right of the table", () => {
    expect(layout.charts).toEqual([
      {
        title: "Avvikelse helår per verksamhet (tkr)",
        kind: "clusteredColumn",
        table: "Budgetkoll_Prognos",
        categoryColumn: "name",
        valueColumns: ["varianceFullYear"],
        rowKinds: ["subtotal"],
        anchor: { row: table.headerRow, column: PROGNOSIS_COLUMNS.length + 1 },
      },
    ]);
    expect(layout.charts![0]!.anchor.column).toBeGreaterThan(table.firstColumn + table.columns.length - 1);
  });

  it("lists Socialt stöd's 1 tkr rounding gap when its ansvar carry 250 kr each", () => {
    const input = herrljungaInput();
    const socialt = new Set(["460", "461", "463", "467"]);
    const shifted = {
      ...input,
      actuals: input.actuals.map((a) => (socialt.has(a.costCentre) ? { ...a, amount: a.amount + 250 } : a)),
    };
    const sheet = buildPrognosisSheet(calculatePrognosis(shifted), HERRLJUNGA_META);
    const texts = sheet.notes.map((n) => n.text).filter((t) => t.startsWith("Avrundning"));
    const phased =
      "Avrundning: Vård och omsorg, Periodiserad budget: 85 351 tkr; de avrundade delarna summerar till 85 350 tkr (1 tkr avrundningsdifferens).";
    expect(texts).toEqual([
      phased,
      "Avrundning: Socialt stöd, Utfall t.o.m. period: 20 890 tkr; de avrundade delarna summerar till 20 889 tkr (1 tkr avrundningsdifferens).",
    ]);
    // The seed's whole-tkr figures: only the phased budget (budget × 8/12 per ansvar) leaves a gap, and it is shown.
    expect(layout.notes.map((n) => n.text).filter((t) => t.startsWith("Avrundning"))).toEqual([phased]);
  });
});

describe("the per-ansvar reconciliation under the prognosis (every krona on its own ansvar)", () => {
  // A hand-made case: 410 and 420 under 41, an ansvar 999 with utfall but no budget row, bookings on 41 itself.
  const result = calculatePrognosis({
    year: 2021,
    month: 8,
    costCentres: [
      { key: "41", code: "41", name: "Förvaltning" },
      { key: "410", code: "410", name: "Ledning", parentKey: "41" },
      { key: "420", code: "420", name: "Stab", parentKey: "41" },
    ],
    budgets: [
      { costCentre: "410", annual: 1_200_000 },
      { costCentre: "420", annual: 600_000 },
    ],
    actuals: [
      { costCentre: "410", period: "2021-03", amount: 500_000 },
      { costCentre: "420", period: "2021-04", amount: 250_000 },
      { costCentre: "41", period: "2021-05", amount: 10_000 },
      { costCentre: "999", period: "2021-06", amount: 7_000 },
    ],
    proposalMethod: "runRate",
  });
  const input = new Map([
    ["410", 500_000],
    ["420", 250_000],
    ["41", 10_000],
    ["999", 7_000],
  ]);

  it("finds every ansvar's utfall on its own row, the one without a budget and the parent's own bookings too", () => {
    expect(costCentreReconciliationText(result, input)).toBe(
      "Avstämning per ansvar: utfall i indata = utfall i rapporten för vart och ett av de 4 ansvar som har utfall.",
    );
    expect(buildPrognosisSheet(result, HERRLJUNGA_META, input).notes.map((n) => n.text)).toContain(
      costCentreReconciliationText(result, input),
    );
  });

  it("names the ansvar whose utfall did not arrive, with both amounts", () => {
    const lost = new Map([...input, ["420", 251_000], ["888", 3_000]]);
    expect(costCentreReconciliationText(result, lost)).toBe(
      "Avstämning per ansvar: AVVIKELSE för 2 ansvar: 420 (indata 251 tkr, rapporten 250 tkr), 888 (indata 3 tkr, rapporten saknas). Kontrollera indata.",
    );
  });
});
