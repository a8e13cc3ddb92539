/**
 * The forecast history in a run: the saved forecasts are read from the hidden sheet
 * `Budgetkoll_prognoshistorik` (in Excel the workbook itself, on the command line the report file), give the
 * previous forecast when the workbook has no "Prognos föregående" sheet, and after the run the month's forecasts
 * replace that month's rows there. At month 12 (or when asked) each ansvar's forecast accuracy gets a sheet.
 */
import { accuracyOfRun, historyAfterRun, type ForecastHistoryRow } from "../core/forecastHistory";
import type { PrognosisResult } from "../core/prognosis";
import type { InputError } from "../input/errors";
import { readForecastHistory } from "../input/forecastHistory";
import { buildAccuracySheet, buildForecastHistorySheet, FORECAST_HISTORY_SHEET } from "../report/forecastHistory";
import type { SheetLayout } from "../report/layout";
import type { ReportMeta } from "../report/meta";
import type { WorkbookReader } from "../workbook/types";

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
  const rows = historyAfterRun(result, saved, meta.runDate);
  const layouts = [buildForecastHistorySheet(rows)];
  if (result.yearEnd || options.accuracy) layouts.push(buildAccuracySheet(result, accuracyOfRun(result, rows), meta));
  return layouts;
}
