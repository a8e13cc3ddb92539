/** The forecast history through Excel: written as a hidden sheet by the Office writer, read back by the reader. */
import { describe, expect, it } from "vitest";
import { createWorkbook } from "../../fakes/excel";
import { mergeHistory, previousForecasts, type ForecastHistoryRow } from "../../../src/core/forecastHistory";
import { readForecastHistory } from "../../../src/input/forecastHistory";
import { buildForecastHistorySheet, FORECAST_HISTORY_SHEET } from "../../../src/report/forecastHistory";
import { OfficeReader } from "../../../src/workbook/office/reader";
import { OfficeWriter } from "../../../src/workbook/office/writer";
import { withExcel } from "./harness";

const row = (month: number, costCentre: string, forecast: number, comment?: string): ForecastHistoryRow => ({
  year: 2021,
  month,
  costCentre,
  forecast,
  method: "entered",
  comment,
  savedAt: `2021-${String(month + 1).padStart(2, "0")}-10T09:00:00`,
});

describe("forecast history in the workbook", () => {
  it("keeps each month's forecasts across runs in a hidden sheet", async () => {
    const state = createWorkbook({ Indata: [["indata"]] });
    const writer = new OfficeWriter({ now: () => "2021-09-10T09:00:00" });
    const reader = new OfficeReader();
    await withExcel(state, async () => {
      // April: Stöd och vägledning 49 625 tkr; August: 53 002 tkr (Gnesta 2021, seed 002), and a comment that looks like a formula.
      await writer.writeSheets(
        [buildForecastHistorySheet([row(4, "SoV", 49_625_000), row(4, "441", 1_000_000, "=fler brukare")])],
        { onEdited: "fail" },
      );
      const saved = readForecastHistory(await reader.readSheet(FORECAST_HISTORY_SHEET));
      expect(saved.errors).toEqual([]);
      const merged = mergeHistory(saved.rows, [row(8, "SoV", 53_002_000), row(8, "441", 1_100_000)]);
      await writer.writeSheets([buildForecastHistorySheet(merged)], { onEdited: "fail" });
      const back = readForecastHistory(await reader.readSheet(FORECAST_HISTORY_SHEET));
      expect(back.rows).toEqual(merged);
      expect(previousForecasts(back.rows, 2021, 8)).toEqual({
        month: 4,
        forecasts: [
          { costCentre: "SoV", forecast: 49_625_000, comment: undefined },
          { costCentre: "441", forecast: 1_000_000, comment: "=fler brukare" },
        ],
      });
    });
    expect(state.sheets.find((s) => s.name === FORECAST_HISTORY_SHEET)!.visibility).toBe("Hidden");
  });
});
