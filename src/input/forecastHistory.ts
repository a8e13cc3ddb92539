/**
 * Reads the hidden forecast history sheet back (see `src/report/forecastHistory.ts`): the saved forecasts of a
 * month as `ForecastEntry[]` (the previous forecast of the change column), and at year end each ansvar's
 * forecast accuracy: the mean absolute deviation of its monthly forecasts from the final outcome.
 */
import type { CellValue } from "../cells";
import { KR, parseAmount, roundOre } from "../core/amounts";
import { FORECAST_METHOD_LABEL, type ForecastEntry, type ForecastMethod } from "../core/prognosis";
import { FORECAST_HISTORY_COLUMNS, type ForecastHistoryRow } from "../report/forecastHistory";
import type { SheetData } from "../workbook/types";
import { inputError, type InputError } from "./errors";

const METHOD_BY_LABEL = new Map(Object.entries(FORECAST_METHOD_LABEL).map(([method, label]) => [label, method]));

function integer(v: CellValue): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** The saved rows of the history sheet; a row that cannot be read is reported, never silently dropped. */
export function readForecastHistory(data: SheetData): { rows: ForecastHistoryRow[]; errors: InputError[] } {
  const headers = FORECAST_HISTORY_COLUMNS.map((c) => c.header);
  const headerAt = data.values.findIndex((row) => headers.every((h, j) => row[j] === h));
  if (headerAt < 0) {
    return {
      rows: [],
      errors: [
        inputError(
          data.sheet,
          undefined,
          undefined,
          "Prognoshistoriken saknar sin rubrikrad (År, Månad, Ansvar, ...); bladet har ändrats.",
        ),
      ],
    };
  }
  const rows: ForecastHistoryRow[] = [];
  const errors: InputError[] = [];
  for (let i = headerAt + 1; i < data.values.length; i++) {
    const row = data.values[i]!;
    if (row.every((v) => v === null || v === "")) continue;
    const at = (j: number, message: string) =>
      errors.push(inputError(data.sheet, data.origin.row + i, data.origin.column + j, message));
    const [yearCell, monthCell, centreCell, forecastCell, methodCell, commentCell, savedCell] = row;
    const year = integer(yearCell ?? null);
    const month = integer(monthCell ?? null);
    const forecast = parseAmount(forecastCell, KR);
    const method = METHOD_BY_LABEL.get(String(methodCell ?? ""));
    if (year === undefined) at(0, `"${yearCell ?? ""}" är inte ett årtal.`);
    else if (month === undefined || month < 1 || month > 12) at(1, `"${monthCell ?? ""}" är inte en månad 1-12.`);
    else if (centreCell === null || centreCell === undefined || centreCell === "") at(2, "Ansvar saknas.");
    else if (forecast.kind !== "value") at(3, forecast.kind === "error" ? forecast.message : "Prognosen saknas.");
    else if (method === undefined || method === "sum") at(4, `"${methodCell ?? ""}" är ingen känd prognosmetod.`);
    else {
      rows.push({
        year,
        month,
        costCentre: String(centreCell),
        forecast: forecast.value,
        method: method as ForecastMethod,
        comment:
          commentCell === null || commentCell === undefined || commentCell === "" ? undefined : String(commentCell),
        savedAt: String(savedCell ?? ""),
      });
    }
  }
  return { rows, errors };
}

/** The forecasts saved for a year and month. */
export function forecastsForMonth(rows: readonly ForecastHistoryRow[], year: number, month: number): ForecastEntry[] {
  return rows
    .filter((r) => r.year === year && r.month === month)
    .map((r) => ({ costCentre: r.costCentre, forecast: r.forecast, comment: r.comment }));
}

/**
 * The previous forecast before a month: the latest earlier month of the same year with saved forecasts (a
 * kommun that follows up per tertial compares August with April), or undefined when there is none. A parent's
 * row is the previous forecast of its own part; a sheet saved before those rows were has the lowest level only,
 * and a parent's own part then counts as unchanged.
 */
export function previousForecasts(
  rows: readonly ForecastHistoryRow[],
  year: number,
  month: number,
): { month: number; forecasts: ForecastEntry[] } | undefined {
  const earlier = rows.filter((r) => r.year === year && r.month < month).map((r) => r.month);
  if (earlier.length === 0) return undefined;
  const previous = Math.max(...earlier);
  return { month: previous, forecasts: forecastsForMonth(rows, year, previous) };
}

export interface ForecastAccuracy {
  readonly costCentre: string;
  /** The months with a forecast, in order. */
  readonly months: readonly number[];
  /** Each month's forecast less the outcome, kronor, by month (+ = the forecast was above the outcome). */
  readonly deviations: ReadonlyMap<number, number>;
  readonly outcome: number;
  /** Mean of |forecast - outcome| over those months, kronor. */
  readonly meanAbsoluteDeviation: number;
  /** The deviation as a share of |outcome|; undefined for an outcome of zero. */
  readonly share: number | undefined;
}

/** Key of the row for the whole nämnd in `forecastAccuracy`: the sum of the ansvar's forecasts each month. */
export const ACCURACY_TOTAL = "SUMMA";

/**
 * Year-end accuracy per ansvar (and for the total): each month's forecast against the final outcome, both of the
 * ansvar's own part (`outcomes` holds a parent's bookings on itself, not its sum). An ansvar
 * with forecasts but no outcome is compared with 0 (nothing was booked); one with an outcome but no forecast
 * has no accuracy and is left out. The total covers the months in which every ansvar has a forecast.
 */
export function forecastAccuracy(
  rows: readonly ForecastHistoryRow[],
  year: number,
  outcomes: ReadonlyMap<string, number>,
  options: { readonly submittedOnly?: boolean; readonly before?: number } = {},
): ForecastAccuracy[] {
  const byCentre = new Map<string, Map<number, number>>();
  for (const r of rows) {
    if (r.year !== year) continue;
    // The bokslut measures the units' own forecasts: a method's proposal (a run rate) says nothing of how well a
    // unit forecast, and the year-end month's row is the outcome itself.
    if (options.submittedOnly && r.method !== "entered") continue;
    if (options.before !== undefined && r.month >= options.before) continue;
    const months = byCentre.get(r.costCentre) ?? new Map<number, number>();
    months.set(r.month, r.forecast);
    byCentre.set(r.costCentre, months);
  }
  const measure = (costCentre: string, forecasts: ReadonlyMap<number, number>, outcome: number): ForecastAccuracy => {
    const months = [...forecasts.keys()].sort((a, b) => a - b);
    const mad = roundOre(months.reduce((s, m) => s + Math.abs(forecasts.get(m)! - outcome), 0) / months.length);
    const deviations = new Map(months.map((m) => [m, roundOre(forecasts.get(m)! - outcome)]));
    return {
      costCentre,
      months,
      deviations,
      outcome,
      meanAbsoluteDeviation: mad,
      share: outcome === 0 ? undefined : mad / Math.abs(outcome),
    };
  };
  const result = [...byCentre.keys()].sort().map((c) => measure(c, byCentre.get(c)!, outcomes.get(c) ?? 0));
  if (result.length === 0) return result;
  // The total only for months in which every ansvar has a forecast: a partial sum would look like a deviation.
  const totals = new Map<number, number>();
  const complete = [...byCentre.values()].reduce(
    (ms, months) => ms.filter((m) => months.has(m)),
    [...byCentre.values().next().value!.keys()],
  );
  for (const m of complete)
    totals.set(m, roundOre([...byCentre.values()].reduce((s, months) => s + months.get(m)!, 0)));
  if (totals.size === 0) return result;
  const totalOutcome = roundOre([...byCentre.keys()].reduce((s, c) => s + (outcomes.get(c) ?? 0), 0));
  return [...result, measure(ACCURACY_TOTAL, totals, totalOutcome)];
}
