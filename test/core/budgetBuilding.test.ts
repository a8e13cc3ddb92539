import { describe, expect, it } from "vitest";
import {
  buildBudget,
  buildRam,
  changeAnalysis,
  compareScenarios,
  sensitivity,
  type BudgetBuildingInput,
} from "../../src/core/budgetBuilding";
import { CoreError } from "../../src/core/errors";

const tkr = (n: number): number => n * 1000;

/** A small nämnd: two verksamheter, personal, övrigt and intäkter, a driver, a priority, a transfer, a reserve. */
const input: BudgetBuildingInput = {
  years: [2024, 2025, 2026],
  base: [
    { area: "Äldreomsorg", costType: "Personalkostnader", category: "personnel", amount: tkr(100_000) },
    { area: "Äldreomsorg", costType: "Övriga kostnader", category: "other", amount: tkr(20_000) },
    { area: "Äldreomsorg", costType: "Avgifter", category: "revenue", amount: tkr(-10_000) },
    { area: "IFO", costType: "Övriga kostnader", category: "other", amount: tkr(30_000) },
  ],
  indexation: [
    { wageIncrease: 0.03, priceIndex: 0.02, revenueIndex: 0.01, onCost: { from: 0.4, to: 0.42 } },
    { wageIncrease: 0.025, priceIndex: 0.02, revenueIndex: 0.01 },
    { wageIncrease: 0.025, priceIndex: 0.015, revenueIndex: 0 },
  ],
  drivers: [
    {
      id: "Volymplan!A2",
      area: "Äldreomsorg",
      costType: "Övriga kostnader",
      name: "Särskilt boende",
      unit: "platser",
      basis: "stockYearEnd",
      volumes: [100, 102, 102, 105],
      unitPrices: [365 * 0.95 * 2000, 365 * 0.95 * 2050, 365 * 0.95 * 2100],
      conversion: { factor: 1, unit: "platser", assumption: "pris per plats och år (365 dygn x 95 % x 2 000 kr)" },
    },
  ],
  priorities: [
    {
      id: "Prioriteringar!A2",
      area: "IFO",
      costType: "Övriga kostnader",
      name: "Våld i nära relationer",
      changes: [tkr(1000), 0, 0],
      condition: { decision: "SN 2024-02-08 § 32" },
    },
  ],
  efficiency: [{ id: "Prioriteringar!A3", area: "IFO", name: "Effektivisering 1 %", rates: [0.01, 0, 0] }],
  transfers: [
    {
      id: "Prioriteringar!A4",
      name: "Personlig assistans",
      fromArea: "IFO",
      toArea: "Äldreomsorg",
      costType: "Övriga kostnader",
      amounts: [tkr(5000), 0, 0],
    },
  ],
  reserve: { name: "Nämndens reserv", amounts: [tkr(2000), tkr(2000), tkr(1000)] },
  ram: [{ year: 2024, kfRam: tkr(150_000), adjustments: [{ name: "PO", amount: tkr(500) }] }],
};

describe("ram build-up", () => {
  it("adds the justeringar to the KF-ram (seed 001's ram table)", () => {
    const ram = buildRam([
      {
        year: 2022,
        kfRam: tkr(757_238),
        adjustments: [{ name: "Justering po och helårseffekt lönerevision", amount: tkr(545) }],
      },
      {
        year: 2023,
        kfRam: tkr(763_441),
        adjustments: [{ name: "Justering po och helårseffekt lönerevision", amount: tkr(15_231) }],
      },
      {
        year: 2024,
        kfRam: tkr(782_693),
        adjustments: [{ name: "Justering po och helårseffekt lönerevision", amount: tkr(15_763) }],
      },
      {
        year: 2025,
        kfRam: tkr(786_353),
        adjustments: [{ name: "Justering po och helårseffekt lönerevision", amount: tkr(15_898) }],
      },
    ]);
    expect(ram.map((r) => r.total)).toEqual([tkr(757_783), tkr(778_672), tkr(798_456), tkr(802_251)]);
  });
});

describe("buildBudget", () => {
  const r = buildBudget(input);
  const year1 = r.steps.filter((s) => s.year === 2024);

  it("names every step of the first year, to the öre", () => {
    const of = (kind: string, area: string, costType: string) =>
      year1.filter((s) => s.kind === kind && s.area === area && s.costType === costType).map((s) => s.amount);
    expect(of("wage", "Äldreomsorg", "Personalkostnader")).toEqual([3_000_000]);
    // 103 000 000 / 1,40 x 0,02 = 1 471 428,571... kr
    expect(of("onCost", "Äldreomsorg", "Personalkostnader")).toEqual([1_471_428.57]);
    expect(of("price", "Äldreomsorg", "Övriga kostnader")).toEqual([400_000]);
    expect(of("revenue", "Äldreomsorg", "Avgifter")).toEqual([-100_000]);
    expect(of("volume", "Äldreomsorg", "Övriga kostnader")).toEqual([2 * 365 * 0.95 * 2000]);
    expect(of("efficiency", "IFO", "Övriga kostnader")).toEqual([-300_000]);
    expect(of("transfer", "IFO", "Övriga kostnader")).toEqual([-5_000_000]);
    expect(of("transfer", "Äldreomsorg", "Övriga kostnader")).toEqual([5_000_000]);
    expect(of("reserve", "Nämndens reserv", "Reserv")).toEqual([2_000_000]);
  });

  it("bridges each year from last year's total to this year's exactly", () => {
    for (const b of r.bridges) {
      const sum = b.rows.reduce((s, x) => s + x.amount, b.from);
      expect(Math.round(sum * 100)).toBe(Math.round(b.to * 100));
    }
    expect(r.bridges[0]!.from).toBe(tkr(140_000));
    expect(r.bridges[1]!.from).toBe(r.bridges[0]!.to);
    expect(r.total.amounts[2]).toBe(r.bridges[2]!.to);
    // The transfer's two sides cancel in the nämnd's bridge.
    expect(r.bridges[0]!.rows.find((x) => x.kind === "transfer")!.amount).toBe(0);
  });

  it("gives the same total by verksamhet and by kostnadsslag", () => {
    for (let i = 0; i < 3; i++) {
      const a = r.byArea.reduce((s, t) => s + t.amounts[i]!, 0);
      const c = r.byCostType.reduce((s, t) => s + t.amounts[i]!, 0);
      expect(Math.round(a * 100)).toBe(Math.round(c * 100));
      expect(Math.round(a * 100)).toBe(Math.round(r.total.amounts[i]! * 100));
    }
  });

  it("flags the conditional funds and the difference from the ram", () => {
    expect(r.findings).toContainEqual({
      code: "conditionalFunds",
      year: 2024,
      area: "IFO",
      name: "Våld i nära relationer",
      amount: 1_000_000,
      decision: "SN 2024-02-08 § 32",
      source: "Prioriteringar!A2",
    });
    expect(r.findings.find((f) => f.code === "ramDifference")).toMatchObject({ year: 2024, ram: tkr(150_500) });
  });

  it("lands a target's rest on a step of its own, flagged", () => {
    const t = buildBudget({
      ...input,
      targets: [{ id: "Budgetunderlag!F3", area: "IFO", amounts: [tkr(26_000), undefined, undefined] }],
    });
    const step = t.steps.find((s) => s.kind === "unexplained")!;
    // IFO: 30 000 + 600 price + 1 000 priority - 300 efficiency - 5 000 transfer = 26 300 tkr.
    expect(step).toMatchObject({ year: 2024, area: "IFO", costType: "Övriga kostnader", amount: -300_000 });
    expect(t.byArea.find((a) => a.key === "IFO")!.amounts[0]).toBe(tkr(26_000));
    expect(t.findings.filter((f) => f.code === "unexplainedChange")).toHaveLength(1);
  });

  it("analyses the change per year and over the plan period", () => {
    const c = changeAnalysis(
      { key: "N", base: tkr(756_940), amounts: [tkr(778_672), tkr(798_456), tkr(802_251)] },
      [2023, 2024, 2025],
    );
    expect(c.yearly.map((y) => y.amount)).toEqual([tkr(21_732), tkr(19_784), tkr(3_795)]);
    expect(c.yearly.map((y) => Math.round(y.percent! * 10000) / 100)).toEqual([2.87, 2.54, 0.48]);
    expect(c.period).toBe(tkr(45_311));
  });

  it("refuses a transfer without two sides and a conversion without its assumption", () => {
    const bad: BudgetBuildingInput = {
      ...input,
      transfers: [{ ...input.transfers![0]!, toArea: "IFO" }],
      drivers: [{ ...input.drivers![0]!, conversion: { factor: 365, unit: "dygn", assumption: " " } }],
    };
    try {
      buildBudget(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CoreError);
      expect((e as CoreError).problems.map((p) => p.code).sort()).toEqual([
        "conversionWithoutAssumption",
        "transferSides",
      ]);
    }
  });
});

describe("scenarios and sensitivity", () => {
  it("puts the base and two alternatives side by side", () => {
    const s = compareScenarios(input, [
      { name: "Högre löner", indexation: [{ wageIncrease: 0.04 }] },
      { name: "Fler platser", volumes: new Map([["Volymplan!A2", [100, 110, 110, 110]]]) },
    ]);
    expect(s.map((x) => x.name)).toEqual(["Bas", "Högre löner", "Fler platser"]);
    expect(s[0]!.difference).toEqual([0, 0, 0]);
    // One more percentage point on 100 000 tkr personal, with the PO change on top: 1 000 000 + (104 000 000 -
    // 103 000 000) / 1,4 x 0,02, each step rounded to the öre: 1 485 714,29 - 1 471 428,57.
    expect(s[1]!.difference[0]).toBe(1_014_285.72);
    expect(s[2]!.difference[0]).toBe(8 * 365 * 0.95 * 2000);
    expect(s[0]!.toRam[1]).toBeUndefined();
  });

  it("prices one percentage point of löneökning and of prisindex", () => {
    const sens = sensitivity(input);
    expect(sens[1]!.year).toBe(2025);
    // Year two: 1 % of the personalkostnader at the start of 2025.
    const personnel2024 = buildBudget(input).lines.find((l) => l.costType === "Personalkostnader")!.amounts[0]!;
    expect(sens[1]!.wagePoint[1]).toBe(Math.round(personnel2024 * 0.01 * 100) / 100);
    expect(sens[1]!.wagePoint[0]).toBe(0);
    expect(sens[0]!.pricePoint[0]).toBeGreaterThan(0);
  });
});
