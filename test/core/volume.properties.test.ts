import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculateVolumeBudget, type VolumeFigures, type VolumeLine } from "../../src/core/volume";

const money = fc.double({ min: -50_000_000, max: 50_000_000, noNaN: true, noDefaultInfinity: true });
/** Volumes as sheets hold them: hours, days or households with at most two decimals. */
const volume = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000 }).map((h) => h / 100));
const price = fc.double({ min: -3_000, max: 3_000, noNaN: true, noDefaultInfinity: true });
const month = fc.integer({ min: 1, max: 12 });

const line = (key: string) =>
  fc.record({
    area: fc.constantFrom("Vård och omsorg", "IFO", "Socialt stöd"),
    budgetVolume: volume,
    budgetVolumeMonthly: fc.option(fc.array(volume, { minLength: 12, maxLength: 12 }), { nil: undefined }),
    unitPrice: price,
    fixedBudget: money,
    actualVolume: volume,
    actualVolumeMonthly: fc.option(fc.array(volume, { minLength: 12, maxLength: 12 }), { nil: undefined }),
    actualCost: money,
  }).map((l): VolumeLine => ({ ...l, key, name: key, unit: "timmar" }));

const lines = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => line(`L${i}`))));

/** Tolerance for sums of amounts up to some 10^9 kr: a few ulps, far below an öre. */
const close = (a: number, b: number, scale = 1) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, scale));

describe("volume budget properties", () => {
  it("volume effect + price effect = variance on every line, subtotal and total", () => {
    fc.assert(
      fc.property(lines, month, (ls, m) => {
        const r = calculateVolumeBudget({ year: 2021, month: m, lines: ls });
        for (const l of r.lines) close(l.volumeEffect + l.priceEffect, l.variance);
        // A subtotal adds n lines: each addition may round once more.
        const sums: VolumeFigures[] = [...r.areas, r.grossTotal, r.total];
        for (const f of sums) close(f.volumeEffect + f.priceEffect, f.variance, ls.length);
        // The forecast may be far from the plan (a trend from a cost per unit over a tiny volume can reach 10^14 kr):
        // tolerance relative to the largest term, i.e. a few ulps of it.
        for (const f of [...r.lines, ...sums]) {
          const magnitude = Math.max(Math.abs(f.forecastVolumeEffect), Math.abs(f.forecastPriceEffect), Math.abs(f.forecastVariance));
          close(f.forecastVolumeEffect + f.forecastPriceEffect, f.forecastVariance, magnitude / 1e3 + ls.length);
        }
        // In exact arithmetic the price effect is also volumeAdjustedBudget - actualCost: equal up to rounding of the terms.
        for (const l of r.lines) {
          const magnitude = Math.max(Math.abs(l.budgetToDate), Math.abs(l.volumeAdjustedBudget), Math.abs(l.actualCost));
          close(l.priceEffect, l.volumeAdjustedBudget - l.actualCost, magnitude / 1e3);
        }
      }),
    );
  });

  it("area subtotals are the sums of their lines, and the areas add up to the total", () => {
    fc.assert(
      fc.property(lines, month, (ls, m) => {
        const r = calculateVolumeBudget({ year: 2021, month: m, lines: ls });
        for (const a of r.areas) {
          const own = r.lines.filter((l) => l.area === a.area);
          expect(a.lineKeys).toEqual(own.map((l) => l.key));
          for (const f of ["annualBudget", "budgetToDate", "actualCost", "variance", "volumeEffect", "priceEffect", "forecastCost"] as const) {
            close(a[f], own.reduce((s, l) => s + l[f], 0));
          }
        }
        close(r.areas.reduce((s, a) => s + a.actualCost, 0), r.total.actualCost);
        expect(r.lines.reduce((s, l) => s + l.actualCost, 0)).toBeCloseTo(r.grossTotal.actualCost, 6);
      }),
    );
  });

  const pairs = fc.tuple(fc.array(fc.tuple(line("p"), line("u")), { minLength: 1, maxLength: 4 }), fc.array(line("o"), { maxLength: 3 }));

  it("the netted total is own costs + providers' gross costs + purchasers' external costs: no double count", () => {
    fc.assert(
      fc.property(pairs, month, ([ps, owns], m) => {
        const input: VolumeLine[] = [];
        ps.forEach(([p, u], i) => {
          input.push({ ...p, key: `B${i}`, role: "purchaser", counterpartKey: `U${i}` });
          input.push({ ...u, key: `U${i}`, role: "provider" });
        });
        owns.forEach((o, i) => input.push({ ...o, key: `E${i}` }));
        const r = calculateVolumeBudget({ year: 2021, month: m, lines: input });
        const byKey = new Map(r.lines.map((l) => [l.key, l]));
        const own = r.lines.filter((l) => l.role === "own").reduce((s, l) => s + l.actualCost, 0);
        const providersGross = r.lines.filter((l) => l.role === "provider").reduce((s, l) => s + l.actualCost, 0);
        const external = r.pairs.reduce((s, p) => s + p.purchaserExternalCost, 0);
        close(r.total.actualCost, own + providersGross + external);
        close(r.total.actualCost, r.grossTotal.actualCost - r.internalPayments.actual);
        for (const p of r.pairs) {
          const provider = byKey.get(p.providerKey)!;
          // The provider's net budget is its fixed part; its net result is its price/efficiency effect.
          close(p.providerNet.annualBudget, provider.fixedBudget);
          close(p.providerNet.variance, provider.priceEffect);
          close(p.netted.actualCost, p.purchaserExternalCost + provider.actualCost);
        }
        close(r.total.variance, r.pairs.reduce((s, p) => s + p.netted.variance, 0) + r.lines.filter((l) => l.role === "own").reduce((s, l) => s + l.variance, 0));
      }),
    );
  });
});
