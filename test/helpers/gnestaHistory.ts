/**
 * Gnesta's forecasts per verksamhetsområde in April and August 2021 as forecast history rows (seed 002, forecast
 * variances in tkr, net cost negative): the fixture of the history's rule tests and of its reader's.
 */
import type { ForecastHistoryRow } from "../../src/core/forecastHistory";
import { forecastOutcome, toInternal } from "../../src/core/signs";
import { num, readGolden } from "../core/goldenCsv";

export const APRIL = "Prognos per April (helårsavvikelse, tkr)";
export const AUGUST = "Prognos per Augusti (helårsavvikelse, tkr)";

export const areas = readGolden("002_verksamhetsomraden.csv").filter((r) => r.Radtyp === "verksamhetsområde");

/** Internal annual budget in kronor (cost positive). */
export function budget(r: (typeof areas)[number]): number {
  return toInternal(num(r["Budget 2021 (tkr)"])! * 1000, "costNegative");
}

export function monthRows(column: string, month: number): ForecastHistoryRow[] {
  return areas.map((r) => ({
    year: 2021,
    month,
    costCentre: r["Verksamhetsområde"]!,
    forecast: forecastOutcome(num(r[column])! * 1000, "variance", budget(r), "costNegative"),
    method: "entered",
    savedAt: `2021-${String(month + 1).padStart(2, "0")}-10T09:00:00`,
  }));
}

/** April's and August's rows, as saved. */
export const gnestaHistory = [...monthRows(APRIL, 4), ...monthRows(AUGUST, 8)];
