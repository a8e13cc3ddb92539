/**
 * The forecast history in a run: the saved forecasts are read from the hidden sheet
 * `Budgetkoll_prognoshistorik` (in Excel the workbook itself, on the command line the report file), give the
 * previous forecast when the workbook has no "Prognos föregående" sheet, and after the run the month's forecasts
 * replace that month's rows there. At month 12 (or when asked) each ansvar's forecast accuracy gets a sheet.
 */
import type { PrognosisInput, PrognosisResult } from "../core/prognosis";
import type { InputError } from "../input/errors";
import {
  ACCURACY_TOTAL,
  forecastAccuracy,
  previousForecasts,
  readForecastHistory,
  type ForecastAccuracy,
} from "../input/forecastHistory";
import {
  buildForecastHistorySheet,
  FORECAST_HISTORY_SHEET,
  historyRowsForMonth,
  mergeHistory,
  type ForecastHistoryRow,
} from "../report/forecastHistory";
import { MONTH_NAMES_SV } from "../core/periods";
import { firstBodyRow, type ReportColumn, type ReportRow, type SheetLayout } from "../report/layout";
import { metaLines, type ReportMeta } from "../report/meta";
import type { WorkbookReader } from "../workbook/types";

export const ACCURACY_SHEET = "Prognossäkerhet";
export const ACCURACY_TABLE = "Budgetkoll_Prognossakerhet";

export interface SavedHistory {
  readonly rows: readonly ForecastHistoryRow[];
  /** Rows of the history sheet that could not be read: reported, never silently dropped. */
  readonly warnings: readonly InputError[];
}

/** The saved forecasts of a workbook (none when it has no history sheet yet). */
export async function readHistory(reader: WorkbookReader): Promise<SavedHistory> {
  const name = (await reader.sheetNames()).find((n) => n.toLowerCase() === FORECAST_HISTORY_SHEET.toLowerCase());
  if (name === undefined) return { rows: [], warnings: [] };
  const { rows, errors } = readForecastHistory(await reader.readSheet(name));
  return { rows, warnings: errors };
}

/** The previous forecasts from the history, unless the workbook has its own "Prognos föregående" sheet. */
export function withPreviousFromHistory(input: PrognosisInput, history: readonly ForecastHistoryRow[]): PrognosisInput {
  if ((input.previousForecasts?.length ?? 0) > 0) return input;
  const previous = previousForecasts(history, input.year, input.month);
  return previous ? { ...input, previousForecasts: previous.forecasts } : input;
}

/**
 * The accuracy sheet: one row per ansvar with forecasts, and the nämnd's total last; in the bokslut a column per
 * month with the unit's submitted forecast less the year's outcome, so the nämnd sees who forecast well, and when.
 */
export function buildAccuracySheet(
  result: PrognosisResult,
  accuracy: readonly ForecastAccuracy[],
  meta: ReportMeta,
): SheetLayout {
  // A parent's accuracy is that of its own part, named as its own line on the prognosis sheet.
  const names = new Map(result.rows.map((r) => [r.key, r.isLeaf ? r.name : `${r.name} (bokat direkt på ansvaret)`]));
  const months = [...new Set(accuracy.flatMap((a) => a.months))].sort((a, b) => a - b);
  const columns: ReportColumn[] = [
    { id: "costCentre", header: "Ansvar", type: "text" },
    { id: "name", header: "Benämning", type: "text" },
    { id: "months", header: "Prognosmånader", type: "text" },
    { id: "outcome", header: "Utfall helår", type: "tkr" },
    ...months.map((m): ReportColumn => ({
      id: `month-${m}`,
      header: `Prognos ${MONTH_NAMES_SV[m - 1]} - utfall`,
      type: "tkr",
    })),
    { id: "deviation", header: "Medelavvikelse prognos mot utfall", type: "tkr" },
    { id: "share", header: "Medelavvikelse i % av utfall", type: "percent" },
  ];
  const lines = [
    ...metaLines(meta),
    result.yearEnd
      ? "Enheternas inlämnade prognoser månad för månad mot årets utfall (metodernas förslag räknas inte): prognos - utfall helår, + = prognosen var högre än utfallet. Medelavvikelse: medelvärdet av |prognos - utfall helår|."
      : "Medelavvikelse: medelvärdet av |prognos - utfall helår| över årets sparade prognoser.",
  ];
  const rows: ReportRow[] = accuracy.map((a) => ({
    kind: a.costCentre === ACCURACY_TOTAL ? "total" : "data",
    level: 0,
    cells: [
      a.costCentre === ACCURACY_TOTAL ? "Summa" : a.costCentre,
      a.costCentre === ACCURACY_TOTAL ? null : (names.get(a.costCentre) ?? null),
      a.months.join(", "),
      a.outcome,
      ...months.map((m) => a.deviations.get(m) ?? null),
      a.meanAbsoluteDeviation,
      a.share ?? null,
    ].map((value) => ({ value })),
  }));
  return {
    name: ACCURACY_SHEET,
    title: result.yearEnd
      ? `Prognossäkerhet per ansvar ${result.year}: inlämnade prognoser mot årets utfall`
      : `Prognossäkerhet per ansvar ${result.year}`,
    meta: lines,
    tables: [{ name: ACCURACY_TABLE, headerRow: firstBodyRow(lines), firstColumn: 0, columns, rows }],
    notes: [],
  };
}

/**
 * The sheets the history adds to a prognosis run: the history with this month's forecasts (replacing what was
 * saved for the month), and at month 12 or when `accuracy` asks, the accuracy of each ansvar's forecasts
 * against the outcome so far (the full-year outcome at month 12).
 */
export function historySheets(
  result: PrognosisResult,
  saved: readonly ForecastHistoryRow[],
  meta: ReportMeta,
  options: { accuracy?: boolean } = {},
): SheetLayout[] {
  // The bokslut saves no forecast of its own: the outcome is the year (the units' forecasts stay as saved).
  const rows = result.yearEnd ? [...saved] : mergeHistory(saved, historyRowsForMonth(result, meta.runDate));
  const layouts = [buildForecastHistorySheet(rows)];
  if (result.yearEnd || options.accuracy) {
    // Each saved forecast is of an ansvar's own part (a leaf's all, a parent's bookings on itself): so is its outcome.
    const outcomes = new Map(result.rows.flatMap((r) => (r.own === undefined ? [] : [[r.key, r.own.actual] as const])));
    // The bokslut: each month's submitted forecast (not a method's proposal) against the year's outcome.
    const accuracy = forecastAccuracy(
      rows,
      result.year,
      outcomes,
      result.yearEnd ? { submittedOnly: true, before: result.month } : {},
    );
    layouts.push(buildAccuracySheet(result, accuracy, meta));
  }
  return layouts;
}
