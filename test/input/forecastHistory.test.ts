/**
 * The forecast history read back: Gnesta's forecasts per verksamhetsområde in April and August 2021 (seed 002,
 * forecast variances in tkr, net cost negative), every row as saved; a row that cannot be read is named by its
 * cell. The rules on the rows are tested in test/core/forecastHistory.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { ForecastHistoryRow } from "../../src/core/forecastHistory";
import { readForecastHistory } from "../../src/input/forecastHistory";
import { buildForecastHistorySheet } from "../../src/report/forecastHistory";
import { layoutCells } from "../../src/report/layout";
import type { SheetData } from "../../src/workbook/types";
import { gnestaHistory as history } from "../helpers/gnestaHistory";

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
