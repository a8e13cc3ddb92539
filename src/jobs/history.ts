/**
 * The forecast history in a run: the saved forecasts are read from the hidden sheet
 * `Budgetkoll_prognoshistorik` (in Excel the workbook itself, on the command line the report file), give the
 * previous forecast when the workbook has no "Prognos föregående" sheet, and after the run the month's forecasts
 * replace that month's rows there. At month 12 (or when asked) each ansvar's forecast accuracy gets a sheet.
 */
import type { PrognosisInput, PrognosisResult } from "../core/prognosis";
import type { InputError } from "../input/errors";
import { ACCURACY_TOTAL, forecastAccuracy, previousForecasts, readForecastHistory, type ForecastAccuracy } from "../input/forecastHistory";
import { buildForecastHistorySheet, FORECAST_HISTORY_SHEET, historyRowsForMonth, mergeHistory, type ForecastHistoryRow } from "../report/forecastHistory";
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

const ACCURACY_COLUMNS: readonly ReportColumn[] = [
  { id: "costCentre", header: "Ansvar", type: "text" },
  { id: "name", header: "Benämning", type: "text" },
  { id: "months", header: "Prognosmånader", type: "text" },
  { id: "outcome", header: "Utfall helår", type: "tkr" },
  { id: "deviation", header: "Medelavvikelse prognos mot utfall", type: "tkr" },
  { id: "share", header: "Medelavvikelse i % av utfall", type: "percent" },
];

/** The accuracy sheet: one row per ansvar with forecasts, and the nämnd's total last. */
export function buildAccuracySheet(result: PrognosisResult, accuracy: readonly ForecastAccuracy[], meta: ReportMeta): SheetLayout {
  // A parent's accuracy is that of its own part, named as its own line on the prognosis sheet.
  const names = new Map(result.rows.map((r) => [r.key, r.isLeaf ? r.name : `${r.name} (bokat direkt på ansvaret)`]));
  const lines = [...metaLines(meta), "Medelavvikelse: medelvärdet av |prognos - utfall helår| över årets sparade prognoser."];
  const rows: ReportRow[] = accuracy.map((a) => ({
    kind: a.costCentre === ACCURACY_TOTAL ? "total" : "data",
    level: 0,
    cells: [
      a.costCentre === ACCURACY_TOTAL ? "Summa" : a.costCentre,
      a.costCentre === ACCURACY_TOTAL ? null : (names.get(a.costCentre) ?? null),
      a.months.join(", "),
      a.outcome,
      a.meanAbsoluteDeviation,
      a.share ?? null,
    ].map((value) => ({ value })),
  }));
  return {
    name: ACCURACY_SHEET,
    title: `Prognossäkerhet per ansvar ${result.year}`,
    meta: lines,
    tables: [{ name: ACCURACY_TABLE, headerRow: firstBodyRow(lines), firstColumn: 0, columns: ACCURACY_COLUMNS, rows }],
    notes: [],
  };
}

/**
 * The sheets the history adds to a prognosis run: the history with this month's forecasts (replacing what was
 * saved for the month), and at month 12 or when `accuracy` asks, the accuracy of each ansvar's forecasts
 * against the outcome so far (the full-year outcome at month 12).
 */
export function historySheets(result: PrognosisResult, saved: readonly ForecastHistoryRow[], meta: ReportMeta, options: { accuracy?: boolean } = {}): SheetLayout[] {
  const rows = mergeHistory(saved, historyRowsForMonth(result, meta.runDate));
  const layouts = [buildForecastHistorySheet(rows)];
  if (result.month === 12 || options.accuracy) {
    // Each saved forecast is of an ansvar's own part (a leaf's all, a parent's bookings on itself): so is its outcome.
    const outcomes = new Map(result.rows.flatMap((r) => (r.own === undefined ? [] : [[r.key, r.own.actual] as const])));
    layouts.push(buildAccuracySheet(result, forecastAccuracy(rows, result.year, outcomes), meta));
  }
  return layouts;
}
