/**
 * The forecast history: each month's full-year forecast per ansvar, kept in a hidden sheet of the
 * workbook, so that the report can show the change since the previous forecast and, at year end, how accurate
 * each ansvar's forecasts were. Pure: rows to save for a month, the merge with what is saved, the sheet layout.
 * Amounts in kronor, internal convention (net cost positive), as everywhere inside.
 */
import { FORECAST_METHOD_LABEL, type ForecastMethod, type PrognosisResult } from "../core/prognosis";
import { firstBodyRow, type ReportColumn, type ReportRow, type SheetLayout } from "./layout";

export const FORECAST_HISTORY_SHEET = "Budgetkoll_prognoshistorik";
export const FORECAST_HISTORY_TABLE = "Budgetkoll_Prognoshistorik";

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

export const FORECAST_HISTORY_COLUMNS: readonly ReportColumn[] = [
  { id: "year", header: "År", type: "integer" },
  { id: "month", header: "Månad", type: "integer" },
  { id: "costCentre", header: "Ansvar", type: "text" },
  { id: "forecast", header: "Prognos helår (kr)", type: "kr" },
  { id: "method", header: "Metod", type: "text" },
  { id: "comment", header: "Kommentar", type: "text" },
  { id: "savedAt", header: "Sparad", type: "text" },
];

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

const META = [
  "Budgetkolls sparade prognoser per ansvar och månad (kronor, kostnad positiv). Ändra inte: bladet skrivs om vid varje körning.",
];

/** The hidden history sheet: a title, one line on what it is, and the table. */
export function buildForecastHistorySheet(rows: readonly ForecastHistoryRow[]): SheetLayout {
  const headerRow = firstBodyRow(META);
  const tableRows: ReportRow[] = rows.map((r) => ({
    kind: "data",
    level: 0,
    cells: [
      r.year,
      r.month,
      r.costCentre,
      r.forecast,
      FORECAST_METHOD_LABEL[r.method],
      r.comment ?? null,
      r.savedAt,
    ].map((value) => ({ value })),
  }));
  return {
    name: FORECAST_HISTORY_SHEET,
    title: "Prognoshistorik",
    meta: META,
    tables: [
      { name: FORECAST_HISTORY_TABLE, headerRow, firstColumn: 0, columns: FORECAST_HISTORY_COLUMNS, rows: tableRows },
    ],
    notes: [],
    hidden: true,
  };
}
