/** A parent's own part (its row less the rows under it): one rule in the core, with its budget and one threshold. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundOre } from "../../src/core/amounts";
import type { CostCentre } from "../../src/core/hierarchy";
import { makePeriod } from "../../src/core/periods";
import {
  BOOKED_THRESHOLD,
  calculatePrognosis,
  hasOwnBookings,
  isBooked,
  OWN_FIELDS,
  type OwnPart,
} from "../../src/core/prognosis";

describe("isBooked and hasOwnBookings", () => {
  it("half an öre is booked, less is the rounding of sums, missing is not booked", () => {
    expect(BOOKED_THRESHOLD).toBe(0.005);
    expect(isBooked(0.01)).toBe(true);
    expect(isBooked(-0.005)).toBe(true);
    expect(isBooked(0.004)).toBe(false);
    expect(isBooked(1e-10)).toBe(false);
    expect(isBooked(undefined)).toBe(false);
    expect(isBooked(null)).toBe(false);
  });

  it("an own part counts when any of its figures is booked, its budget alone too", () => {
    const zero: OwnPart = {
      actualLastYear: 0,
      phasedBudget: 0,
      actual: 0,
      annualBudget: 0,
      forecast: 0,
      forecastMethod: "runRate",
    };
    expect(hasOwnBookings(undefined)).toBe(false);
    expect(hasOwnBookings(zero)).toBe(false);
    expect(hasOwnBookings({ ...zero, actual: 0.001 })).toBe(false);
    expect(hasOwnBookings({ ...zero, annualBudget: 120_000 })).toBe(true);
    expect(hasOwnBookings({ ...zero, phasedBudget: -0.01 })).toBe(true);
  });
});

describe("the own part of a prognosis row", () => {
  const centres: CostCentre[] = [
    { key: "1", name: "Äldreomsorg" },
    { key: "10", name: "Hemtjänst", parentKey: "1" },
    { key: "11", name: "Särskilt boende", parentKey: "1" },
  ];
  const ledger = (costCentre: string, amount: number, months: number, year = 2024) =>
    Array.from({ length: months }, (_, i) => ({ costCentre, period: makePeriod(year, i + 1), amount }));

  it("a parent's own budget, phased budget, utfall and prognos: its row less its lines'", () => {
    const result = calculatePrognosis({
      year: 2024,
      month: 6,
      costCentres: centres,
      budgets: [
        // Äldreomsorg budgets 240 tkr on itself, monthly 10 tkr then 30 tkr.
        {
          costCentre: "1",
          annual: 240_000,
          monthly: [10, 10, 10, 10, 10, 10, 30, 30, 30, 30, 30, 30].map((t) => t * 1000),
        },
        { costCentre: "10", annual: 1_200_000 },
        { costCentre: "11", annual: 2_400_000 },
      ],
      actuals: [...ledger("1", 12_500, 6), ...ledger("10", 100_000, 6), ...ledger("11", 205_000.5, 6)],
      lastYearActuals: ledger("1", 9_000, 12, 2023),
      proposalMethod: "runRate",
    });
    const parent = result.rows.find((r) => r.key === "1")!;
    expect(parent.own).toEqual({
      actualLastYear: 54_000,
      phasedBudget: 60_000,
      annualBudget: 240_000,
      actual: 75_000,
      forecast: 150_000,
      forecastMethod: "runRate",
    });
    expect(parent).toMatchObject({ annualBudget: 3_840_000, phasedBudget: 1_860_000, actual: 1_905_003 });
    expect(result.total.own).toBeUndefined();
  });

  it("on every row, the row is its own part plus the rows under it, to the öre (any tree, any bookings)", () => {
    const tree = fc
      .array(
        fc.record({
          parent: fc.option(fc.nat(), { nil: undefined }),
          budget: fc.option(fc.integer({ min: -1e8, max: 1e8 }), { nil: undefined }),
          actual: fc.option(fc.integer({ min: -1e8, max: 1e8 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 25 },
      )
      .map((nodes) =>
        nodes.map((n, i) => ({
          ...n,
          centre: {
            key: `k${i}`,
            name: `Ansvar ${i}`,
            parentKey: i > 0 && n.parent !== undefined ? `k${n.parent % i}` : undefined,
          } as CostCentre,
        })),
      );
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 12 }), (nodes, month) => {
        const result = calculatePrognosis({
          year: 2024,
          month,
          costCentres: nodes.map((n) => n.centre),
          budgets: nodes.flatMap((n) =>
            n.budget === undefined ? [] : [{ costCentre: n.centre.key, annual: n.budget / 100 }],
          ),
          actuals: nodes.flatMap((n) =>
            n.actual === undefined ? [] : ledger(n.centre.key, n.actual / 100, 1).map((a) => ({ ...a })),
          ),
          proposalMethod: "runRate",
        });
        for (const r of result.rows) {
          const kids = result.rows.filter((k) => k.parentKey === r.key);
          for (const f of OWN_FIELDS) {
            const own = r.own?.[f] ?? 0;
            expect(roundOre((r[f] ?? 0) - kids.reduce((a, k) => a + (k[f] ?? 0), 0))).toBeCloseTo(own, 6);
          }
          if (kids.length === 0) expect(r.own).toBeDefined();
        }
      }),
      { numRuns: 200 },
    );
  });
});
