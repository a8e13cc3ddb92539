/**
 * The forecast history's rules without a reader: Gnesta's forecasts per verksamhetsområde in April and August 2021
 * (seed 002, forecast variances in tkr, net cost negative) give the change since the previous forecast, -3 236 tkr
 * of variance in total, and the year-end accuracy of each area's forecasts.
 */
import { describe, expect, it } from "vitest";
import {
  accuracyOfRun,
  ACCURACY_TOTAL,
  forecastAccuracy,
  forecastsForMonth,
  historyAfterRun,
  previousForecasts,
  type ForecastHistoryRow,
} from "../../src/core/forecastHistory";
import { calculatePrognosis } from "../../src/core/prognosis";
import { areas, AUGUST, budget, gnestaHistory as history, monthRows } from "../helpers/gnestaHistory";

describe("forecast history", () => {
  it("gives April as the previous forecast of August, and the change in total is -3 236 tkr of variance", () => {
    const previous = previousForecasts(history, 2021, 8)!;
    expect(previous.month).toBe(4);
    const result = calculatePrognosis({
      year: 2021,
      month: 8,
      costCentres: areas.map((r) => ({ key: r["Verksamhetsområde"]!, name: r["Verksamhetsområde"]! })),
      budgets: areas.map((r) => ({ costCentre: r["Verksamhetsområde"]!, annual: budget(r) })),
      actuals: [],
      forecasts: forecastsForMonth(history, 2021, 8),
      previousForecasts: previous.forecasts,
      proposalMethod: "phasedBudgetPlusVariance",
    });
    // The forecast outcome rose by 3 236 tkr: the full-year variance fell from -5 794 to -9 030 tkr.
    expect(result.total.forecastChange).toBeCloseTo(3_236_000, 6);
    expect(result.total.varianceFullYear).toBeCloseTo(-9_030_000, 6);
    const change = (name: string) => result.rows.find((r) => r.key === name)!.forecastChange;
    expect(change("Stöd och vägledning")).toBeCloseTo(3_377_000, 6);
    expect(change("Förvaltningsledning")).toBeCloseTo(1_503_000, 6);
    expect(change("Äldre, funktionsstöd, hälso- och sjukvård")).toBeCloseTo(-1_467_000, 6);
    expect(previousForecasts(history, 2021, 4)).toBeUndefined();
  });

  it("measures each area's accuracy at year end against the outcome", () => {
    // Suppose the year ends at the August forecasts: April's deviation is its change, August's is 0.
    const outcomes = new Map(monthRows(AUGUST, 8).map((r) => [r.costCentre, r.forecast]));
    const accuracy = forecastAccuracy(history, 2021, outcomes);
    const sov = accuracy.find((a) => a.costCentre === "Stöd och vägledning")!;
    expect(sov.months).toEqual([4, 8]);
    expect(sov.meanAbsoluteDeviation).toBeCloseTo(1_688_500, 6);
    expect(sov.share).toBeCloseTo(1_688_500 / 53_002_000, 12);
    const total = accuracy.find((a) => a.costCentre === ACCURACY_TOTAL)!;
    expect(total.outcome).toBeCloseTo(248_356_000, 6);
    expect(total.meanAbsoluteDeviation).toBeCloseTo(1_618_000, 6);
    expect(accuracy).toHaveLength(areas.length + 1);
  });
});

describe("the accuracy and the history of a run", () => {
  // Äldreomsorg (1) books 10 tkr a month on itself, Hemtjänst (10) under it 50 tkr a month.
  const costCentres = [
    { key: "1", name: "Äldreomsorg" },
    { key: "10", name: "Hemtjänst", parentKey: "1" },
  ];
  const run = (month: number) =>
    calculatePrognosis({
      year: 2024,
      month,
      costCentres,
      budgets: [],
      actuals: Array.from({ length: month }, (_, i) => [
        { costCentre: "1", period: `2024-${String(i + 1).padStart(2, "0")}`, amount: 10_000 },
        { costCentre: "10", period: `2024-${String(i + 1).padStart(2, "0")}`, amount: 50_000 },
      ]).flat(),
      forecasts: [
        { costCentre: "1", forecast: 130_000 },
        { costCentre: "10", forecast: 580_000 },
      ],
      proposalMethod: "runRate",
    });
  const saved = (month: number, costCentre: string, forecast: number, method = "entered"): ForecastHistoryRow => ({
    year: 2024,
    month,
    costCentre,
    forecast,
    method: method as ForecastHistoryRow["method"],
    savedAt: `2024-${month}`,
  });
  const history = [
    saved(4, "1", 100_000),
    saved(4, "10", 700_000),
    saved(6, "10", 650_000, "runRate"),
    saved(8, "1", 130_000),
    saved(8, "10", 580_000),
    saved(12, "10", 600_000),
  ];

  it("the bokslut: each own part's submitted forecasts before December against its own outcome", () => {
    const accuracy = accuracyOfRun(run(12), history);
    expect(
      accuracy.map((a) => [a.costCentre, a.months, [...a.deviations], a.outcome, a.meanAbsoluteDeviation]),
    ).toEqual([
      // The parent's own part: 120 tkr booked on itself, not the 720 tkr of its row.
      [
        "1",
        [4, 8],
        [
          [4, -20_000],
          [8, 10_000],
        ],
        120_000,
        15_000,
      ],
      // The run rate of June and December's row are not the unit's forecasts.
      [
        "10",
        [4, 8],
        [
          [4, 100_000],
          [8, -20_000],
        ],
        600_000,
        60_000,
      ],
      [
        ACCURACY_TOTAL,
        [4, 8],
        [
          [4, 80_000],
          [8, -10_000],
        ],
        720_000,
        45_000,
      ],
    ]);
    expect(accuracy[0]!.share).toBeCloseTo(0.125, 12);
  });

  it("during the year: every saved forecast against the outcome so far", () => {
    const accuracy = accuracyOfRun(run(8), history);
    expect(accuracy.find((a) => a.costCentre === "10")).toMatchObject({ months: [4, 6, 8, 12], outcome: 400_000 });
    expect(accuracy.find((a) => a.costCentre === "1")).toMatchObject({ months: [4, 8], outcome: 80_000 });
  });

  it("a run's own forecasts replace its month's rows; the bokslut saves none", () => {
    const after = historyAfterRun(run(8), [saved(8, "10", 1), saved(4, "1", 100_000)], "2024-09-10");
    expect(after).toEqual([
      saved(4, "1", 100_000),
      { ...saved(8, "1", 130_000), savedAt: "2024-09-10", comment: undefined },
      { ...saved(8, "10", 580_000), savedAt: "2024-09-10", comment: undefined },
    ]);
    expect(historyAfterRun(run(12), history, "2025-01-10")).toEqual(history);
  });
});
