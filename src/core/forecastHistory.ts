/**
 * The forecast history's rules: which forecast of a month is saved (each ansvar's own part), how a month's rows
 * replace what was saved, which saved month is the previous forecast, and at year end how accurate each ansvar's
 * forecasts were against the outcome. Pure; the sheet is read in `src/input/forecastHistory.ts` and laid out in
 * `src/report/forecastHistory.ts`. Amounts in kronor, internal convention (net cost positive).
 */
import { roundOre } from "./amounts";
import type { ForecastEntry, ForecastMethod, PrognosisInput, PrognosisResult } from "./prognosis";

export interface ForecastHistoryRow {
  readonly year: number;
  /** The month of follow-up the forecast was made at, 1-12. */
  readonly month: number;
  readonly costCentre: string;
  /** Full-year forecast outcome in kronor, internal convention. */
  readonly forecast: number;
  readonly method: ForecastMethod;
  readonly comment?: string;
  /** When it was saved, e.g. "2021-09-10T08:15:00". */
  readonly savedAt: string;
}

/**
 * The month's forecasts: one row per ansvar with figures of its own, with its own forecast: every ansvar at the
 * lowest level, and a parent with bookings or a forecast on itself (its children's are on their own rows, the
 * levels above are their sums). Without the parent's own part its change next month would count as none.
 */
export function historyRowsForMonth(result: PrognosisResult, savedAt: string): ForecastHistoryRow[] {
  return result.rows.flatMap((r) =>
    r.own === undefined
      ? []
      : [
          {
            year: result.year,
            month: result.month,
            costCentre: r.key,
            forecast: r.own.forecast,
            method: r.own.forecastMethod,
            comment: r.comment,
            savedAt,
          },
        ],
  );
}

/** The saved history with a month's rows replacing whatever was saved for that year and month; ordered by time. */
export function mergeHistory(
  saved: readonly ForecastHistoryRow[],
  month: readonly ForecastHistoryRow[],
): ForecastHistoryRow[] {
  const replaced = new Set(month.map((r) => `${r.year}-${r.month}`));
  const kept = saved.filter((r) => !replaced.has(`${r.year}-${r.month}`));
  return [...kept, ...month].sort((a, b) => a.year - b.year || a.month - b.month);
}

/**
 * The history after a run: the month's forecasts replace what was saved for the month; the bokslut saves no
 * forecast of its own (its outcome is the year), the units' forecasts stay as saved.
 */
export function historyAfterRun(
  result: PrognosisResult,
  saved: readonly ForecastHistoryRow[],
  savedAt: string,
): ForecastHistoryRow[] {
  return result.yearEnd ? [...saved] : mergeHistory(saved, historyRowsForMonth(result, savedAt));
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

/** The previous forecasts from the history, unless the workbook has its own "Prognos föregående" sheet. */
export function withPreviousFromHistory(input: PrognosisInput, history: readonly ForecastHistoryRow[]): PrognosisInput {
  if ((input.previousForecasts?.length ?? 0) > 0) return input;
  const previous = previousForecasts(history, input.year, input.month);
  return previous ? { ...input, previousForecasts: previous.forecasts } : input;
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

/**
 * The accuracy a run reports from its history: each saved forecast is of an ansvar's own part (a leaf's all, a
 * parent's bookings on itself), and so is the outcome it is measured against (`PrognosisRow.own`). In the bokslut
 * each month's submitted forecast (not a method's proposal), before the year-end month, against the year's outcome;
 * during the year every saved forecast against the outcome so far.
 */
export function accuracyOfRun(result: PrognosisResult, history: readonly ForecastHistoryRow[]): ForecastAccuracy[] {
  const outcomes = new Map(result.rows.flatMap((r) => (r.own === undefined ? [] : [[r.key, r.own.actual] as const])));
  return forecastAccuracy(
    history,
    result.year,
    outcomes,
    result.yearEnd ? { submittedOnly: true, before: result.month } : {},
  );
}
