import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculateVolumeBudget, type VolumeLine } from "../../src/core/volume";

/** Kronor with öre, as the readers hand amounts over (money stays exact: `toKronor` rounds to the öre). */
const money = fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }).map((ore) => ore / 100);
/** Volumes as sheets hold them: hours, days or households with at most two decimals. */
const volume = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 10_000_000 }).map((h) => h / 100),
);
const price = fc.integer({ min: -300_000, max: 300_000 }).map((ore) => ore / 100);
const month = fc.integer({ min: 1, max: 12 });

const line = (key: string) =>
  fc
    .record({
      area: fc.constantFrom("Vård och omsorg", "IFO", "Socialt stöd"),
      budgetVolume: volume,
      budgetVolumeMonthly: fc.option(fc.array(volume, { minLength: 12, maxLength: 12 }), { nil: undefined }),
      unitPrice: price,
      fixedBudget: money,
      actualVolume: volume,
      actualVolumeMonthly: fc.option(fc.array(volume, { minLength: 12, maxLength: 12 }), { nil: undefined }),
      actualCost: money,
    })
    .map((l): VolumeLine => ({ ...l, key, name: key, unit: "timmar" }));

const lines = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => line(`L${i}`))));

/** Tolerance for sums of amounts up to some 10^9 kr: a few ulps, far below an öre. */
const close = (a: number, b: number, scale = 1) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, scale));
/** The same, relative to the size of the figures (a trend forecast over a tiny volume can reach 10^14 kr). */
const closeRelative = (a: number, b: number) => close(a, b, Math.max(Math.abs(a), Math.abs(b)) / 1e6);
/**
 * The calculator rounds every amount it derives to the öre (volume x price, the fixed part to date, the
 * difference): against the definitions in exact arithmetic a line may differ by a few half öre.
 */
const LINE_ORE = 0.03;

describe("volume budget properties", () => {
  /**
   * The effects as domain.md defines them, computed here from the line's own inputs and not from the calculator's
   * figures: volume effect = (budget volume to date - actual volume) x budget price; price/efficiency effect =
   * (budget price - actual cost per unit) x actual volume, where the cost per unit is the cost beyond the fixed part
   * to date; both signed like the variance (+ = överskott). With no volume delivered there is no cost per unit: the
   * whole cost beyond the fixed part is the price effect.
   */
  function definedEffects(l: VolumeLine, month: number) {
    const budgetVolumeToDate = l.budgetVolumeMonthly
      ? l.budgetVolumeMonthly.slice(0, month).reduce((s, v) => s + v, 0)
      : (l.budgetVolume * month) / 12;
    const fixedToDate = (l.fixedBudget * month) / 12;
    const budgetToDate = budgetVolumeToDate * l.unitPrice + fixedToDate;
    const volumeEffect = (budgetVolumeToDate - l.actualVolume) * l.unitPrice;
    const unitCost = l.actualVolume === 0 ? undefined : (l.actualCost - fixedToDate) / l.actualVolume;
    const priceEffect = unitCost === undefined ? fixedToDate - l.actualCost : (l.unitPrice - unitCost) * l.actualVolume;
    return { budgetToDate, volumeEffect, priceEffect, unitCost, budgetMinusCost: budgetToDate - l.actualCost };
  }

  /** Equal up to the rounding of the largest term (values up to some 10^9 kr) and the öre roundings (`slack`). */
  const nearWithin =
    (slack: number) =>
    (a: number, b: number, ...terms: number[]) =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(
        1e-12 * Math.max(1e6, ...terms.map(Math.abs)) * (terms.length + 2) + slack,
      );

  it("volume and price effects follow their definitions and together give budget - cost, per line and in total", () => {
    fc.assert(
      fc.property(lines, month, (ls, m) => {
        const r = calculateVolumeBudget({ year: 2021, month: m, lines: ls });
        const near = nearWithin(LINE_ORE);
        // The forecast carries the cost per unit from the fixed part to date rounded to the öre, over 12 / month.
        const nearForecast = nearWithin(LINE_ORE + 0.005 * 12);
        const nearTotal = nearWithin(LINE_ORE * ls.length);
        const defined = ls.map((l) => definedEffects(l, m));
        ls.forEach((l, i) => {
          const d = defined[i]!;
          const got = r.lines[i]!;
          const terms = [d.budgetToDate, l.actualCost, l.actualVolume * l.unitPrice];
          near(d.volumeEffect + d.priceEffect, d.budgetMinusCost, ...terms);
          near(got.volumeEffect, d.volumeEffect, ...terms);
          near(got.priceEffect, d.priceEffect, ...terms);
          near(got.variance, d.budgetMinusCost, ...terms);
          if (d.unitCost !== undefined) {
            // Full year: the forecast volume at budget price against the plan, and at the cost per unit to date.
            const forecastTerms = [
              got.forecastCost,
              got.annualBudget,
              got.forecastVolume * l.unitPrice,
              got.forecastVolume * d.unitCost,
            ];
            nearForecast(
              got.forecastVolumeEffect,
              (l.budgetVolume - got.forecastVolume) * l.unitPrice,
              ...forecastTerms,
            );
            nearForecast(got.forecastPriceEffect, (l.unitPrice - d.unitCost) * got.forecastVolume, ...forecastTerms);
          }
        });
        // No purchaser-provider pairs here: the total is the plain sum of the lines.
        const all = ls.flatMap((l, i) => [defined[i]!.budgetToDate, l.actualCost, l.actualVolume * l.unitPrice]);
        for (const t of [r.grossTotal, r.total]) {
          nearTotal(
            t.volumeEffect,
            defined.reduce((s, d) => s + d.volumeEffect, 0),
            ...all,
          );
          nearTotal(
            t.priceEffect,
            defined.reduce((s, d) => s + d.priceEffect, 0),
            ...all,
          );
          nearTotal(
            t.variance,
            defined.reduce((s, d) => s + d.budgetMinusCost, 0),
            ...all,
          );
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
          for (const f of [
            "annualBudget",
            "budgetToDate",
            "actualCost",
            "variance",
            "volumeEffect",
            "priceEffect",
            "forecastCost",
          ] as const) {
            closeRelative(
              a[f],
              own.reduce((s, l) => s + l[f], 0),
            );
          }
        }
        closeRelative(
          r.areas.reduce((s, a) => s + a.actualCost, 0),
          r.total.actualCost,
        );
        expect(r.lines.reduce((s, l) => s + l.actualCost, 0)).toBeCloseTo(r.grossTotal.actualCost, 6);
      }),
    );
  });

  const pairs = fc.tuple(
    fc.array(fc.tuple(line("p"), line("u")), { minLength: 1, maxLength: 4 }),
    fc.array(line("o"), { maxLength: 3 }),
  );

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
        close(
          r.total.variance,
          r.pairs.reduce((s, p) => s + p.netted.variance, 0) +
            r.lines.filter((l) => l.role === "own").reduce((s, l) => s + l.variance, 0),
        );
      }),
    );
  });
});
