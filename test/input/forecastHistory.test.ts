/**
 * The forecast history read back: Gnesta's forecasts per verksamhetsområde in April and August 2021 (seed 002,
 * forecast variances in tkr, net cost negative) give the change since the previous forecast, -3 236 tkr of
 * variance in total, and the year-end accuracy of each area's forecasts.
 */
import { describe, expect, it } from "vitest";
import { calculatePrognosis } from "../../src/core/prognosis";
import { forecastOutcome, toInternal } from "../../src/core/signs";
import {
  ACCURACY_TOTAL,
  forecastAccuracy,
  forecastsForMonth,
  previousForecasts,
  readForecastHistory,
} from "../../src/input/forecastHistory";
import { buildForecastHistorySheet, type ForecastHistoryRow } from "../../src/report/forecastHistory";
import { layoutCells } from "../../src/report/layout";
import type { SheetData } from "../../src/workbook/types";
import { num, readGolden } from "../core/goldenCsv";

const APRIL = "Prognos per April (helårsavvikelse, tkr)";
const AUGUST = "Prognos per Augusti (helårsavvikelse, tkr)";

const areas = readGolden("002_verksamhetsomraden.csv").filter((r) => r.Radtyp === "verksamhetsområde");

/** Internal annual budget in kronor (cost positive). */
function budget(r: (typeof areas)[number]): number {
  return toInternal(num(r["Budget 2021 (tkr)"])! * 1000, "costNegative");
}

function monthRows(column: string, month: number): ForecastHistoryRow[] {
  return areas.map((r) => ({
    year: 2021,
    month,
    costCentre: r["Verksamhetsområde"]!,
    forecast: forecastOutcome(num(r[column])! * 1000, "variance", budget(r), "costNegative"),
    method: "entered",
    savedAt: `2021-${String(month + 1).padStart(2, "0")}-10T09:00:00`,
  }));
}

const history = [...monthRows(APRIL, 4), ...monthRows(AUGUST, 8)];

/** The history sheet's cells as a reader returns them. */
function sheetData(rows: readonly ForecastHistoryRow[]): SheetData {
  const cells = layoutCells(buildForecastHistorySheet(rows));
  const height = Math.max(...cells.map((c) => c.row)) + 1;
  const values = Array.from({ length: height }, () => new Array(7).fill(null));
  for (const c of cells) values[c.row]![c.column] = c.value;
  return { sheet: "Budgetkoll_prognoshistorik", origin: { row: 0, column: 0 }, values };
}

describe("forecast history read back", () => {
  it("reads back every saved row", () => {
    const { rows, errors } = readForecastHistory(sheetData(history));
    expect(errors).toEqual([]);
    expect(rows).toEqual(history);
    // Stöd och vägledning: budget -44 000 tkr, August forecast variance -9 002 tkr: outcome 53 002 tkr.
    expect(rows.find((r) => r.month === 8 && r.costCentre === "Stöd och vägledning")!.forecast).toBe(53_002_000);
  });

  it("gives April as the previous forecast of August, and the change in total is -3 236 tkr of variance", () => {
    const previous = previousForecasts(history, 2021, 8)!;
    expect(previous.month).toBe(4);
    const result = calculatePrognosis({
      year: 2021,
      month: 8,
      costCentres: areas.map((r) => ({ key: r["Verksamhetsområde"]!, name: r["Verksamhetsområde"]! })),
      budgets: areas.map((r) => ({ costCentre: r["Verksamhetsområde"]!, annual: budget(r) })),
      actuals: [],
      forecasts: forecastsForMonth(history, 2021, 8),
      previousForecasts: previous.forecasts,
      proposalMethod: "phasedBudgetPlusVariance",
    });
    // The forecast outcome rose by 3 236 tkr: the full-year variance fell from -5 794 to -9 030 tkr.
    expect(result.total.forecastChange).toBeCloseTo(3_236_000, 6);
    expect(result.total.varianceFullYear).toBeCloseTo(-9_030_000, 6);
    const change = (name: string) => result.rows.find((r) => r.key === name)!.forecastChange;
    expect(change("Stöd och vägledning")).toBeCloseTo(3_377_000, 6);
    expect(change("Förvaltningsledning")).toBeCloseTo(1_503_000, 6);
    expect(change("Äldre, funktionsstöd, hälso- och sjukvård")).toBeCloseTo(-1_467_000, 6);
    expect(previousForecasts(history, 2021, 4)).toBeUndefined();
  });

  it("measures each area's accuracy at year end against the outcome", () => {
    // Suppose the year ends at the August forecasts: April's deviation is its change, August's is 0.
    const outcomes = new Map(monthRows(AUGUST, 8).map((r) => [r.costCentre, r.forecast]));
    const accuracy = forecastAccuracy(history, 2021, outcomes);
    const sov = accuracy.find((a) => a.costCentre === "Stöd och vägledning")!;
    expect(sov.months).toEqual([4, 8]);
    expect(sov.meanAbsoluteDeviation).toBeCloseTo(1_688_500, 6);
    expect(sov.share).toBeCloseTo(1_688_500 / 53_002_000, 12);
    const total = accuracy.find((a) => a.costCentre === ACCURACY_TOTAL)!;
    expect(total.outcome).toBeCloseTo(248_356_000, 6);
    expect(total.meanAbsoluteDeviation).toBeCloseTo(1_618_000, 6);
    expect(accuracy).toHaveLength(areas.length + 1);
  });

  it("reports a row it cannot read, naming the cell, and a sheet without its header", () => {
    const data = sheetData(history.slice(0, 2));
    const values = data.values.map((r) => [...r]);
    values[4]![1] = 13;
    values[5]![3] = "abc";
    const { rows, errors } = readForecastHistory({ ...data, values });
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.cell)).toEqual(["B5", "D6"]);
    expect(errors[0]!.message).toBe('"13" är inte en månad 1-12.');
    expect(readForecastHistory({ ...data, values: [["x"]] }).errors[0]!.message).toContain("saknar sin rubrikrad");
  });
});
