import { describe, expect, it } from "vitest";
import { calculatePrognosis } from "../../src/core/prognosis";
import { historyRowsForMonth, mergeHistory, type ForecastHistoryRow } from "../../src/core/forecastHistory";
import { buildForecastHistorySheet, FORECAST_HISTORY_SHEET } from "../../src/report/forecastHistory";

const row = (month: number, costCentre: string, forecast: number): ForecastHistoryRow => ({
  year: 2021,
  month,
  costCentre,
  forecast,
  method: "runRate",
  savedAt: "2021-09-10",
});

describe("forecast history rows", () => {
  it("saves one row per ansvar at the lowest level, with its method and comment", () => {
    const result = calculatePrognosis({
      year: 2021,
      month: 8,
      costCentres: [
        { key: "44", code: "44", name: "Vård och omsorg" },
        { key: "441", code: "441", name: "Hemtjänst landsbygd", parentKey: "44" },
        { key: "442", code: "442", name: "Hemtjänst tätort", parentKey: "44" },
      ],
      budgets: [
        { costCentre: "441", annual: 12_000_000 },
        { costCentre: "442", annual: 6_000_000 },
      ],
      actuals: [{ costCentre: "442", period: "2021-08", amount: 4_400_000 }],
      forecasts: [{ costCentre: "441", forecast: 12_500_000, comment: "Fler brukare" }],
      proposalMethod: "runRate",
    });
    expect(historyRowsForMonth(result, "2021-09-10T08:00:00")).toEqual([
      {
        year: 2021,
        month: 8,
        costCentre: "441",
        forecast: 12_500_000,
        method: "entered",
        comment: "Fler brukare",
        savedAt: "2021-09-10T08:00:00",
      },
      {
        year: 2021,
        month: 8,
        costCentre: "442",
        forecast: 6_600_000,
        method: "runRate",
        comment: undefined,
        savedAt: "2021-09-10T08:00:00",
      },
    ]);
  });

  it("saves a parent's own part (what is booked and forecast on itself), never its sum", () => {
    const result = calculatePrognosis({
      year: 2021,
      month: 4,
      costCentres: [
        { key: "44", code: "44", name: "Vård och omsorg" },
        { key: "441", code: "441", name: "Hemtjänst landsbygd", parentKey: "44" },
      ],
      budgets: [{ costCentre: "441", annual: 1_000_000 }],
      actuals: [{ costCentre: "44", period: "2021-04", amount: 120_000 }],
      forecasts: [
        { costCentre: "44", forecast: 500_000, comment: "Gemensamma kostnader" },
        { costCentre: "441", forecast: 1_000_000 },
      ],
      proposalMethod: "runRate",
    });
    expect(historyRowsForMonth(result, "2021-05-10T08:00:00")).toEqual([
      {
        year: 2021,
        month: 4,
        costCentre: "44",
        forecast: 500_000,
        method: "entered",
        comment: "Gemensamma kostnader",
        savedAt: "2021-05-10T08:00:00",
      },
      {
        year: 2021,
        month: 4,
        costCentre: "441",
        forecast: 1_000_000,
        method: "entered",
        comment: undefined,
        savedAt: "2021-05-10T08:00:00",
      },
    ]);
  });

  it("replaces a month saved again and keeps the others in order", () => {
    const saved = [row(4, "441", 1), row(8, "441", 2), row(8, "442", 3)];
    expect(mergeHistory(saved, [row(8, "441", 5)])).toEqual([row(4, "441", 1), row(8, "441", 5)]);
    expect(mergeHistory(saved, [row(6, "441", 7)])).toEqual([
      row(4, "441", 1),
      row(6, "441", 7),
      row(8, "441", 2),
      row(8, "442", 3),
    ]);
  });

  it("lays the history out as a hidden sheet with a table", () => {
    const layout = buildForecastHistorySheet([row(4, "441", 1_250_000)]);
    expect(layout.name).toBe(FORECAST_HISTORY_SHEET);
    expect(layout.hidden).toBe(true);
    expect(layout.tables[0]!.columns.map((c) => c.header)).toEqual([
      "År",
      "Månad",
      "Ansvar",
      "Prognos helår (kr)",
      "Metod",
      "Kommentar",
      "Sparad",
    ]);
    expect(layout.tables[0]!.rows[0]!.cells.map((c) => c.value)).toEqual([
      2021,
      4,
      "441",
      1_250_000,
      "Linjär uppräkning (utfall × 12 / månader)",
      null,
      "2021-09-10",
    ]);
  });
});
