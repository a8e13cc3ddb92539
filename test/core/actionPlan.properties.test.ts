/**
 * Property tests (fast-check) of the åtgärdsplan: the per-owner and per-status totals add up to the plan's totals,
 * unquantified measures are counted, and the remaining gap counts an effect "ingår i prognos" once. Amounts are
 * whole kronor, so every sum is exact.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculateActionPlan, type Measure, type MeasureStatus, type MeasureTotals } from "../../src/core/actionPlan";

const STATUSES: readonly MeasureStatus[] = ["notStarted", "started", "done", "notDone"];
/** An effect in whole kronor, up to ±50 mnkr (a measure may cost: negative), or not quantified. */
const effect = fc.option(fc.integer({ min: -50_000_000, max: 50_000_000 }), { nil: undefined });

const measure = (id: string) =>
  fc
    .record({
      owner: fc.constantFrom("FL", "SOV", "AoB", "ÄFH"),
      status: fc.constantFrom(...STATUSES),
      plannedEffect: effect,
      realisedEffect: effect,
      forecastEffect: effect,
      includedInForecast: fc.boolean(),
    })
    .map((m): Measure => ({ ...m, id, description: `Åtgärd ${id}` }));

const measures = fc
  .integer({ min: 0, max: 25 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => measure(String(i + 1)))));
const plan = fc.record({ forecastVariance: fc.integer({ min: -100_000_000, max: 100_000_000 }), measures });

const FIELDS = [
  "count",
  "planned",
  "realised",
  "forecast",
  "unquantified",
] as const satisfies readonly (keyof MeasureTotals)[];
const added = (groups: readonly MeasureTotals[]) =>
  Object.fromEntries(FIELDS.map((f) => [f, groups.reduce((s, g) => s + g[f], 0)]));
const only = (t: MeasureTotals) => Object.fromEntries(FIELDS.map((f) => [f, t[f]]));

describe("åtgärdsplan properties", () => {
  it("per-owner totals and per-status totals each add up to the plan's totals", () => {
    fc.assert(
      fc.property(plan, ({ forecastVariance, measures }) => {
        const r = calculateActionPlan({ year: 2021, forecastVariance, measures });
        expect(added(r.byOwner)).toEqual(only(r.total));
        expect(added(r.byStatus)).toEqual(only(r.total));
        // Every owner once, in the order of first appearance; every status, zero counts kept.
        expect(r.byOwner.map((o) => o.owner)).toEqual([...new Set(measures.map((m) => m.owner))]);
        expect(r.byStatus.map((s) => s.status)).toEqual(STATUSES);
      }),
    );
  });

  it("sums the quantified effects and counts the unquantified measures, undefined never read as 0", () => {
    fc.assert(
      fc.property(plan, ({ forecastVariance, measures }) => {
        const r = calculateActionPlan({ year: 2021, forecastVariance, measures });
        const sum = (f: (m: Measure) => number | undefined) => measures.reduce((s, m) => s + (f(m) ?? 0), 0);
        expect(r.total).toEqual({
          count: measures.length,
          planned: sum((m) => m.plannedEffect),
          realised: sum((m) => m.realisedEffect),
          forecast: sum((m) => m.forecastEffect),
          unquantified: measures.filter((m) => m.plannedEffect === undefined).length,
        });
        expect(r.unquantified).toEqual(measures.filter((m) => m.plannedEffect === undefined).map((m) => m.id));
      }),
    );
  });

  it("splits the forecast effect into in the forecast, not yet in it and Ej genomförd; only the second closes the gap", () => {
    fc.assert(
      fc.property(plan, ({ forecastVariance, measures }) => {
        const r = calculateActionPlan({ year: 2021, forecastVariance, measures });
        expect(r.effectInForecast + r.effectNotInForecast + r.effectNotDone).toBe(r.total.forecast);
        const notYet = measures
          .filter((m) => m.status !== "notDone" && !m.includedInForecast)
          .reduce((s, m) => s + (m.forecastEffect ?? 0), 0);
        expect(r.effectNotInForecast).toBe(notYet);
        expect(r.varianceAfterMeasures).toBe(forecastVariance + notYet);
        expect(r.remainingGap).toBe(Math.max(0, -r.varianceAfterMeasures));
      }),
    );
  });

  it("counts an effect once: moving a measure into the forecast (and its effect into the forecast variance) leaves the gap", () => {
    fc.assert(
      fc.property(plan, fc.nat(), ({ forecastVariance, measures }, pick) => {
        const open = measures.filter((m) => m.status !== "notDone" && !m.includedInForecast);
        fc.pre(open.length > 0);
        const moved = open[pick % open.length]!;
        const before = calculateActionPlan({ year: 2021, forecastVariance, measures });
        // The units now forecast with the measure: its effect is in the variance and marked "ingår i prognos".
        const after = calculateActionPlan({
          year: 2021,
          forecastVariance: forecastVariance + (moved.forecastEffect ?? 0),
          measures: measures.map((m) => (m === moved ? { ...m, includedInForecast: true } : m)),
        });
        expect(after.varianceAfterMeasures).toBe(before.varianceAfterMeasures);
        expect(after.remainingGap).toBe(before.remainingGap);
        expect(after.effectInForecast).toBe(before.effectInForecast + (moved.forecastEffect ?? 0));
      }),
    );
  });

  it("leaves the gap alone whatever the effect of a measure already in the forecast or Ej genomförd", () => {
    fc.assert(
      fc.property(
        plan,
        fc.nat(),
        fc.integer({ min: -50_000_000, max: 50_000_000 }),
        ({ forecastVariance, measures }, pick, other) => {
          const counted = measures.filter((m) => m.status === "notDone" || m.includedInForecast);
          fc.pre(counted.length > 0);
          const changed = counted[pick % counted.length]!;
          const before = calculateActionPlan({ year: 2021, forecastVariance, measures });
          const after = calculateActionPlan({
            year: 2021,
            forecastVariance,
            measures: measures.map((m) => (m === changed ? { ...m, forecastEffect: other } : m)),
          });
          expect(after.varianceAfterMeasures).toBe(before.varianceAfterMeasures);
          expect(after.remainingGap).toBe(before.remainingGap);
        },
      ),
    );
  });
});
