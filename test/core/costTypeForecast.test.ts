import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastByCostType, UNALLOCATED_LINE } from "../../src/core/costTypeForecast";

const LINES = ["revenue", "personnel", "premises", "other", "capital"];

describe("the forecast per kostnadsslag", () => {
  it("carries a run-rate forecast down to each line's run rate when the unit enters nothing", () => {
    // Utfall January-August: -80 + 800 + 40 + 200 = 960 tkr; run rate 960 x 12 / 8 = 1 440 tkr.
    const r = forecastByCostType({
      lines: LINES,
      months: 8,
      entered: [],
      units: [
        {
          key: "441",
          label: "441 Hemtjänst",
          forecast: 1_440_000,
          actualByLine: { revenue: -80_000, personnel: 800_000, premises: 40_000, other: 200_000 },
        },
      ],
    });
    expect(r.byLine).toEqual({ revenue: -120_000, personnel: 1_200_000, premises: 60_000, other: 300_000, capital: 0 });
    expect(r.cells.every((c) => c.source === "proposed")).toBe(true);
    expect(r.total).toBe(1_440_000);
    expect(r.differences).toEqual([]);
  });

  it("keeps what the unit entered and spreads the rest by the size of the other lines' utfall", () => {
    // Forecast 1 500; personnel entered 1 300, so 200 tkr for revenue, premises and other: run rates -120 + 60 + 300
    // = 240, 40 tkr less, spread -40 x 80/320, -40 x 40/320, -40 x 200/320.
    const r = forecastByCostType({
      lines: LINES,
      months: 8,
      entered: [{ unit: "441", line: "personnel", forecast: 1_300_000, cell: "Prognos per kostnadsslag!C2" }],
      units: [
        {
          key: "441",
          label: "441 Hemtjänst",
          forecast: 1_500_000,
          actualByLine: { revenue: -80_000, personnel: 800_000, premises: 40_000, other: 200_000 },
        },
      ],
    });
    expect(r.byLine).toEqual({ revenue: -130_000, personnel: 1_300_000, premises: 55_000, other: 275_000, capital: 0 });
    expect(r.total).toBe(1_500_000);
    expect(r.cells.find((c) => c.line === "personnel")?.source).toBe("entered");
    // Said: the lines proposed beside the one entered, with its cell.
    expect(r.partial).toEqual([
      {
        unit: "441",
        label: "441 Hemtjänst",
        cell: "Prognos per kostnadsslag!C2",
        proposed: [
          { line: "revenue", forecast: -130_000 },
          { line: "premises", forecast: 55_000 },
          { line: "other", forecast: 275_000 },
        ],
      },
    ]);
  });

  it("names the cells of a unit whose lines, all entered, differ from its forecast per ansvar", () => {
    const r = forecastByCostType({
      lines: ["revenue", "personnel"],
      months: 8,
      entered: [
        { unit: "422", line: "revenue", forecast: -500_000, cell: "Prognos per kostnadsslag!C5" },
        { unit: "422", line: "personnel", forecast: 2_000_000, cell: "Prognos per kostnadsslag!C6" },
      ],
      units: [{ key: "422", label: "422 IFO BoF", forecast: 1_600_000, actualByLine: { personnel: 900_000 } }],
    });
    expect(r.differences).toEqual([
      {
        unit: "422",
        label: "422 IFO BoF",
        forecast: 1_600_000,
        lines: 1_500_000,
        difference: 100_000,
        cells: ["Prognos per kostnadsslag!C5", "Prognos per kostnadsslag!C6"],
      },
    ]);
    expect(r.total).toBe(1_500_000);
  });

  it("keeps a forecast with no utfall to carry it on a line of its own, named, never dropped", () => {
    const r = forecastByCostType({
      lines: LINES,
      months: 8,
      entered: [],
      units: [{ key: "450", label: "450 Nytt boende", forecast: 300_000, actualByLine: {} }],
    });
    expect(r.unallocated).toEqual([{ unit: "450", label: "450 Nytt boende", amount: 300_000 }]);
    expect(r.byLine[UNALLOCATED_LINE]).toBe(300_000);
    expect(r.total).toBe(300_000);
  });

  it("the lines of every unit add up to its forecast to the öre, unless all are entered or none has utfall", () => {
    const amount = fc.integer({ min: -5_000_000_00, max: 5_000_000_00 }).map((x) => x / 100);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            forecast: amount,
            actual: fc.array(fc.option(amount, { nil: undefined }), { minLength: 5, maxLength: 5 }),
            entered: fc.array(fc.option(amount, { nil: undefined }), { minLength: 5, maxLength: 5 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 12 }),
        (units, months) => {
          const r = forecastByCostType({
            lines: LINES,
            months,
            units: units.map((u, i) => ({
              key: String(i),
              label: String(i),
              forecast: u.forecast,
              actualByLine: Object.fromEntries(
                LINES.flatMap((l, j) => (u.actual[j] === undefined ? [] : [[l, u.actual[j]!]])),
              ),
            })),
            entered: units.flatMap((u, i) =>
              LINES.flatMap((l, j) =>
                u.entered[j] === undefined ? [] : [{ unit: String(i), line: l, forecast: u.entered[j]! }],
              ),
            ),
          });
          units.forEach((u, i) => {
            const sum = r.cells.filter((c) => c.unit === String(i)).reduce((s, c) => s + c.forecast, 0);
            const difference = r.differences.find((d) => d.unit === String(i))?.difference ?? 0;
            expect(Math.abs(sum + difference - u.forecast)).toBeLessThan(0.01);
          });
        },
      ),
    );
  });
});
