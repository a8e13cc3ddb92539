/**
 * Reads the hidden forecast history sheet back (laid out by `src/report/forecastHistory.ts`): its saved rows, each
 * row that cannot be read named by its cell. What the rows mean (the previous forecast, the accuracy) is
 * `src/core/forecastHistory.ts`.
 */
import type { CellValue } from "../cells";
import { KR, parseAmount } from "../core/amounts";
import type { ForecastHistoryRow } from "../core/forecastHistory";
import { FORECAST_METHOD_LABEL, type ForecastMethod } from "../core/prognosis";
import { FORECAST_HISTORY_COLUMNS } from "../report/forecastHistory";
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
