/**
 * The forecast history's sheets: each month's full-year forecast per ansvar, kept in a hidden sheet of the
 * workbook, so that the report can show the change since the previous forecast and, at year end, how accurate
 * each ansvar's forecasts were (the accuracy sheet). The rules (what is saved, the accuracy) are
 * `src/core/forecastHistory.ts`. Amounts in kronor, internal convention (net cost positive), as everywhere inside.
 */
import { ACCURACY_TOTAL, type ForecastAccuracy, type ForecastHistoryRow } from "../core/forecastHistory";
import { MONTH_NAMES_SV } from "../core/periods";
import { FORECAST_METHOD_LABEL, type PrognosisResult } from "../core/prognosis";
import { firstBodyRow, type ReportColumn, type ReportRow, type SheetLayout } from "./layout";
import { metaLines, type ReportMeta } from "./meta";

export const FORECAST_HISTORY_SHEET = "Budgetkoll_prognoshistorik";
export const FORECAST_HISTORY_TABLE = "Budgetkoll_Prognoshistorik";

export const FORECAST_HISTORY_COLUMNS: readonly ReportColumn[] = [
  { id: "year", header: "År", type: "integer" },
  { id: "month", header: "Månad", type: "integer" },
  { id: "costCentre", header: "Ansvar", type: "text" },
  { id: "forecast", header: "Prognos helår (kr)", type: "kr" },
  { id: "method", header: "Metod", type: "text" },
  { id: "comment", header: "Kommentar", type: "text" },
  { id: "savedAt", header: "Sparad", type: "text" },
];

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

export const ACCURACY_SHEET = "Prognossäkerhet";
export const ACCURACY_TABLE = "Budgetkoll_Prognossakerhet";

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
