import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundOre } from "../../src/core/amounts";
import {
  buildBudget,
  type BudgetBaseLine,
  type BudgetBuildingInput,
  type CostCategory,
} from "../../src/core/budgetBuilding";

/** Kronor with öre, as the readers hand amounts over. */
const money = fc.integer({ min: -50_000_000_000, max: 50_000_000_000 }).map((ore) => ore / 100);
const rate = fc.integer({ min: -500, max: 1500 }).map((bp) => bp / 10_000);
const volume = fc.integer({ min: 0, max: 1_000_000 }).map((v) => v / 100);
const AREAS = ["Äldreomsorg", "IFO", "Funktionsstöd", "Ledning"] as const;
const COST_TYPES: readonly [string, CostCategory][] = [
  ["Personalkostnader", "personnel"],
  ["Övriga kostnader", "other"],
  ["Avgifter", "revenue"],
  ["Netto", "net"],
];
const YEARS = [2024, 2025, 2026];
const perYear = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 3, maxLength: 3 });

const base = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...AREAS), fc.integer({ min: 0, max: 3 })), {
    minLength: 1,
    maxLength: 10,
    selector: ([a, c]) => `${a}/${c}`,
  })
  .chain((keys) =>
    fc.tuple(
      ...keys.map(([area, c]) =>
        money.map((amount): BudgetBaseLine => ({
          area,
          costType: COST_TYPES[c]![0],
          category: COST_TYPES[c]![1],
          amount,
        })),
      ),
    ),
  );

const indexation = perYear(
  fc.record({
    wageIncrease: rate,
    priceIndex: rate,
    revenueIndex: rate,
    onCost: fc.option(fc.record({ from: fc.constant(0.4), to: fc.constantFrom(0.4, 0.41, 0.3915) }), {
      nil: undefined,
    }),
  }),
).map((ixs) => ixs.map(({ onCost, ...ix }) => (onCost ? { ...ix, onCost } : ix)));

const input: fc.Arbitrary<BudgetBuildingInput> = fc
  .record({
    base,
    indexation,
    drivers: fc.array(
      fc.record({
        area: fc.constantFrom(...AREAS),
        volumes: fc.array(volume, { minLength: 4, maxLength: 4 }),
        unitPrices: perYear(money.map((m) => Math.abs(m) / 1000)),
      }),
      { maxLength: 3 },
    ),
    priorities: fc.array(fc.record({ area: fc.constantFrom(...AREAS), changes: perYear(money) }), { maxLength: 3 }),
    efficiency: fc.array(fc.record({ area: fc.constantFrom(...AREAS), rates: perYear(rate) }), { maxLength: 2 }),
    transfers: fc.array(
      fc.record({ from: fc.constantFrom(...AREAS), to: fc.constantFrom(...AREAS), amounts: perYear(money) }),
      { maxLength: 3 },
    ),
    targets: fc.array(
      fc.record({ area: fc.constantFrom(...AREAS), amounts: perYear(fc.option(money, { nil: undefined })) }),
      { maxLength: 2 },
    ),
    reserve: fc.option(perYear(money), { nil: undefined }),
  })
  .map((r) => ({
    years: YEARS,
    base: r.base,
    indexation: r.indexation,
    drivers: r.drivers.map((d, i) => ({
      id: `d${i}`,
      area: d.area,
      costType: "Övriga kostnader",
      name: `Volym ${i}`,
      unit: "timmar",
      basis: "annualFlow" as const,
      volumes: d.volumes,
      unitPrices: d.unitPrices,
    })),
    priorities: r.priorities.map((p, i) => ({
      id: `p${i}`,
      area: p.area,
      costType: "Övriga kostnader",
      name: `Prio ${i}`,
      changes: p.changes,
    })),
    efficiency: r.efficiency.map((e, i) => ({
      id: `e${i}`,
      area: e.area,
      name: `Effektivisering ${i}`,
      rates: e.rates,
    })),
    transfers: r.transfers
      .filter((t) => t.from !== t.to)
      .map((t, i) => ({
        id: `t${i}`,
        name: `Flytt ${i}`,
        fromArea: t.from,
        toArea: t.to,
        costType: "Netto",
        amounts: t.amounts,
      })),
    // One target per verksamhet (two targets on the same total would contradict each other).
    targets: r.targets
      .filter((t, i) => r.targets.findIndex((u) => u.area === t.area) === i)
      .map((t, i) => ({ id: `m${i}`, area: t.area, amounts: t.amounts })),
    ...(r.reserve ? { reserve: { name: "Reserv", amounts: r.reserve } } : {}),
  }));

const ore = (kr: number): number => Math.round(kr * 100);

describe("budget building properties", () => {
  it("the bridge adds up: each year's total = last year's + its steps, on every line and in total", () => {
    fc.assert(
      fc.property(input, (inp) => {
        const r = buildBudget(inp);
        for (const [i, year] of YEARS.entries()) {
          const b = r.bridges[i]!;
          expect(ore(b.from) + b.rows.reduce((s, x) => s + ore(x.amount), 0)).toBe(ore(b.to));
          expect(ore(b.to)).toBe(ore(r.total.amounts[i]!));
          for (const l of r.lines) {
            const before = i === 0 ? l.base : l.amounts[i - 1]!;
            const own = r.steps.filter((s) => s.year === year && s.area === l.area && s.costType === l.costType);
            expect(ore(before) + own.reduce((s, x) => s + ore(x.amount), 0)).toBe(ore(l.amounts[i]!));
          }
        }
        // Every amount is whole öre.
        for (const s of r.steps) expect(roundOre(s.amount)).toBe(s.amount);
      }),
      { numRuns: 200 },
    );
  });

  it("organisational transfers sum to zero, both sides named", () => {
    fc.assert(
      fc.property(input, (inp) => {
        const r = buildBudget(inp);
        const transfers = r.steps.filter((s) => s.kind === "transfer");
        for (const year of YEARS)
          expect(transfers.filter((s) => s.year === year).reduce((s, x) => s + ore(x.amount), 0)).toBe(0);
        for (const t of inp.transfers ?? []) {
          const sides = transfers.filter((s) => s.source === t.id && s.amount !== 0);
          expect(sides.every((s) => s.area === t.fromArea || s.area === t.toArea)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a zero change in every driver gives last year's budget x uppräkning exactly", () => {
    fc.assert(
      fc.property(base, indexation, (lines, ixs) => {
        const flat = ixs.map(({ wageIncrease, priceIndex, revenueIndex }) => ({
          wageIncrease,
          priceIndex,
          revenueIndex,
        }));
        const r = buildBudget({
          years: YEARS,
          base: lines,
          indexation: flat,
          drivers: [
            {
              id: "d",
              area: lines[0]!.area,
              costType: lines[0]!.costType,
              name: "Oförändrad",
              unit: "timmar",
              basis: "annualAverage",
              volumes: [120, 120, 120, 120],
              unitPrices: [500, 510, 520],
            },
          ],
          demography: [
            {
              id: "g",
              area: lines[0]!.area,
              costType: lines[0]!.costType,
              ageGroup: "80+",
              population: [900, 900, 900, 900],
              costPerPerson: [1000, 1000, 1000],
            },
          ],
        });
        for (const l of lines) {
          const built = r.lines.find((x) => x.area === l.area && x.costType === l.costType)!;
          let expected = l.amount;
          flat.forEach((ix, i) => {
            const k =
              l.category === "personnel"
                ? ix.wageIncrease
                : l.category === "other"
                  ? ix.priceIndex
                  : l.category === "revenue"
                    ? ix.revenueIndex
                    : 0;
            expected = roundOre(expected + roundOre(expected * k));
            expect(built.amounts[i]).toBe(expected);
          });
        }
        expect(r.steps.filter((s) => s.kind === "volume" || s.kind === "demography")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
