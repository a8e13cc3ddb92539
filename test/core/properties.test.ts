/** Property tests (fast-check) of the core: parse(format(x)) = x, subtotals = sum of children, nothing lost. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber, parseAmount, TKR } from "../../src/core/amounts";
import { checkSubtotals, type TableLine } from "../../src/core/consistency";
import { buildHierarchy, rollUp, type CostCentre } from "../../src/core/hierarchy";
import { makePeriod } from "../../src/core/periods";
import { calculatePrognosis, type ActualRow } from "../../src/core/prognosis";
import { costCentreReconciliationText } from "../../src/report/prognosisSheet";

describe("amounts", () => {
  it("parseAmount(formatNumber(x, d)) = x for amounts with d decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 3 }), (n, d) => {
        const x = n / 10 ** d;
        const parsed = parseAmount(formatNumber(x, d), TKR);
        expect(parsed).toEqual({ kind: "value", value: x === 0 ? 0 : x });
      }),
      { numRuns: 2000 },
    );
  });
});

/** A random forest: node i's parent is an earlier node, or none. */
const forest = fc
  .array(fc.record({ parent: fc.option(fc.nat(), { nil: undefined }), value: fc.integer({ min: -1e9, max: 1e9 }) }), {
    minLength: 1,
    maxLength: 60,
  })
  .map((nodes) =>
    nodes.map((n, i) => ({
      centre: {
        key: `k${i}`,
        name: `Ansvar ${i}`,
        parentKey: i > 0 && n.parent !== undefined ? `k${n.parent % i}` : undefined,
      } as CostCentre,
      value: n.value,
    })),
  );

describe("hierarchy", () => {
  it("every subtotal equals its own value plus the sum of its children, at every level", () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const h = buildHierarchy(nodes.map((n) => n.centre));
        const sums = rollUp(h, new Map(nodes.map((n) => [n.centre.key, { v: n.value }])), ["v"]);
        for (const n of nodes) {
          const node = h.nodes.get(n.centre.key)!;
          expect(sums.get(node.key)!.v).toBe(n.value + node.childKeys.reduce((a, c) => a + sums.get(c)!.v, 0));
        }
        expect(h.rootKeys.reduce((a, r) => a + sums.get(r)!.v, 0)).toBe(nodes.reduce((a, n) => a + n.value, 0));
        expect(h.order).toHaveLength(nodes.length);
      }),
    );
  });

  it("the consistency checks pass a table built from the sums (values only on leaves)", () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const h = buildHierarchy(nodes.map((n) => n.centre));
        const own = new Map(
          nodes
            .filter((n) => h.nodes.get(n.centre.key)!.childKeys.length === 0)
            .map((n) => [n.centre.key, { v: n.value }]),
        );
        const sums = rollUp(h, own, ["v"]);
        const lines: TableLine[] = h.order.map((key) => {
          const node = h.nodes.get(key)!;
          return {
            key,
            label: node.name,
            parentKey: node.parentKey,
            role: node.childKeys.length ? "subtotal" : "line",
            values: { v: sums.get(key)!.v },
          };
        });
        lines.push({
          key: "T",
          label: "Summa",
          role: "total",
          values: { v: [...own.values()].reduce((a, o) => a + o.v, 0) },
        });
        expect(checkSubtotals(lines, ["v"])).toEqual([]);
      }),
    );
  });
});

describe("prognosis: change against the previous forecast", () => {
  it("every row's change is the sum of the changes of the units below it that have a previous forecast, none if none has", () => {
    const units = forest.chain((nodes) =>
      fc.tuple(
        fc.constant(nodes),
        fc.array(fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: undefined }), {
          minLength: nodes.length,
          maxLength: nodes.length,
        }),
      ),
    );
    fc.assert(
      fc.property(units, ([nodes, previous]) => {
        const result = calculatePrognosis({
          year: 2021,
          month: 8,
          costCentres: nodes.map((n) => n.centre),
          budgets: [],
          actuals: [],
          // Every ansvar (parents too) forecasts on its own; some had a previous forecast.
          forecasts: nodes.map((n) => ({ costCentre: n.centre.key, forecast: n.value })),
          previousForecasts: nodes.flatMap((n, i) =>
            previous[i] === undefined ? [] : [{ costCentre: n.centre.key, forecast: previous[i] }],
          ),
          proposalMethod: "runRate",
        });
        const parentOf = new Map(nodes.map((n) => [n.centre.key, n.centre.parentKey]));
        const under = (key: string, ancestor: string): boolean =>
          key === ancestor || (parentOf.get(key) !== undefined && under(parentOf.get(key)!, ancestor));
        const expected = (inside: (key: string) => boolean): number | undefined => {
          const changes = nodes.flatMap((n, i) =>
            inside(n.centre.key) && previous[i] !== undefined ? [n.value - previous[i]] : [],
          );
          return changes.length === 0 ? undefined : changes.reduce((a, c) => a + c, 0);
        };
        for (const r of result.rows) expect(r.forecastChange).toBe(expected((key) => under(key, r.key)));
        expect(result.total.forecastChange).toBe(expected(() => true));
      }),
      { numRuns: 300 },
    );
  });
});

const KNOWN = ["100", "101", "102", "200", "201"];
const centres: CostCentre[] = [
  { key: "1", name: "Område 1" },
  { key: "2", name: "Område 2" },
  ...KNOWN.map((key) => ({ key, name: `Ansvar ${key}`, parentKey: key[0] })),
];
/** Rows over known and unknown ansvar, this year, last year and next year, all months. */
const ledgerRow = (amount: fc.Arbitrary<number>) =>
  fc.record({
    costCentre: fc.oneof(fc.constantFrom(...KNOWN), fc.constantFrom("999", "300", "1")),
    period: fc
      .tuple(fc.integer({ min: 2020, max: 2022 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => makePeriod(y, m)),
    amount,
  });

function inPeriod(r: ActualRow, month: number): boolean {
  return r.period.startsWith("2021-") && Number(r.period.slice(5)) <= month;
}

describe("prognosis: totals reconcile with the input, nothing is dropped", () => {
  it("for ledgers in whole kronor, exactly", () => {
    fc.assert(
      fc.property(
        fc.array(ledgerRow(fc.integer({ min: -5e6, max: 5e6 })), { maxLength: 200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom("runRate", "lastYearProfile", "phasedBudgetPlusVariance") as fc.Arbitrary<
          "runRate" | "lastYearProfile" | "phasedBudgetPlusVariance"
        >,
        (actuals, month, proposalMethod) => {
          const result = calculatePrognosis({
            year: 2021,
            month,
            costCentres: centres,
            budgets: [
              { costCentre: "100", annual: 1_200_000 },
              { costCentre: "201", annual: 0 },
            ],
            actuals,
            lastYearActuals: actuals.filter((a) => a.period.startsWith("2020-")),
            proposalMethod,
          });
          const used = actuals.filter((a) => inPeriod(a, month));
          const r = result.reconciliation;
          expect(result.total.actual).toBe(used.reduce((a, x) => a + x.amount, 0));
          expect(r.rowsRead).toBe(actuals.length);
          expect(r.rowsRead).toBe(r.rowsUsed + r.rowsOutsidePeriod);
          expect(r.rowsUsed).toBe(used.length);
          expect(r.amountRead).toBe(r.amountUsed + r.amountOutsidePeriod);
          expect(r.unexplained).toBe(0);
          // Every ansvar booked in period has its own row, with exactly its utfall (unknown ones too).
          for (const key of new Set(used.map((a) => a.costCentre))) {
            const row = result.rows.find((x) => x.key === key)!;
            const own = used.filter((a) => a.costCentre === key).reduce((a, x) => a + x.amount, 0);
            const children = result.rows.filter((x) => x.parentKey === key).reduce((a, x) => a + x.actual, 0);
            expect(row.actual).toBe(own + children);
            if (!KNOWN.includes(key) && key !== "1") expect(row.flags).toContain("unknownCostCentre");
          }
          // The sum over the leaves and over the top level both give the total.
          expect(result.rows.filter((x) => x.depth === 0).reduce((a, x) => a + x.actual, 0)).toBe(result.total.actual);
          expect(result.total.annualBudget).toBe(r.budgetRead);
          // And the report's own reconciliation per ansvar says so.
          const byCentre = new Map<string, number>();
          for (const a of used) byCentre.set(a.costCentre, (byCentre.get(a.costCentre) ?? 0) + a.amount);
          expect(costCentreReconciliationText(result, byCentre)).toMatch(
            /^Avstämning per ansvar: utfall i indata = utfall i rapporten/,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("for ledgers in kronor and öre, to the öre", () => {
    fc.assert(
      fc.property(
        fc.array(ledgerRow(fc.integer({ min: -5e8, max: 5e8 }).map((o) => o / 100)), { maxLength: 200 }),
        fc.integer({ min: 1, max: 12 }),
        (actuals, month) => {
          const result = calculatePrognosis({
            year: 2021,
            month,
            costCentres: centres,
            budgets: [],
            actuals,
            proposalMethod: "runRate",
          });
          const r = result.reconciliation;
          const expected = actuals.filter((a) => inPeriod(a, month)).reduce((a, x) => a + x.amount, 0);
          expect(Math.abs(result.total.actual - expected)).toBeLessThan(1e-6);
          expect(Math.abs(r.amountRead - r.amountUsed - r.amountOutsidePeriod)).toBeLessThan(1e-6);
          expect(r.unexplained).toBe(0);
          expect(r.rowsRead).toBe(r.rowsUsed + r.rowsOutsidePeriod);
        },
      ),
      { numRuns: 300 },
    );
  });
});
