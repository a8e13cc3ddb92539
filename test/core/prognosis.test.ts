/** Hand-computed cases of the prognosis calculator. Amounts in kronor, costs positive. */
import { describe, expect, it } from "vitest";
import { pathKey, UNKNOWN_PARENT_KEY } from "../../src/core/hierarchy";
import {
  calculatePrognosis,
  FORECAST_METHOD_LABEL,
  type ActualRow,
  type PrognosisInput,
} from "../../src/core/prognosis";

const centres = [
  { key: "1", name: "Område" },
  { key: "10", name: "Enhet A", parentKey: "1" },
  { key: "11", name: "Enhet B", parentKey: "1" },
];
/** Utfall spread evenly over months 1..to. */
function ledger(costCentre: string, perMonth: number, to: number, year = 2021): ActualRow[] {
  return Array.from({ length: to }, (_, m) => ({
    costCentre,
    period: `${year}-${String(m + 1).padStart(2, "0")}`,
    amount: perMonth,
  }));
}
function input(over: Partial<PrognosisInput>): PrognosisInput {
  return { year: 2021, month: 8, costCentres: centres, budgets: [], actuals: [], proposalMethod: "runRate", ...over };
}
const row = (r: ReturnType<typeof calculatePrognosis>, key: string) => r.rows.find((x) => x.key === key)!;

describe("proposal methods", () => {
  it("run rate: utfall x 12 / months", () => {
    const r = calculatePrognosis(
      input({ budgets: [{ costCentre: "10", annual: 1200 }], actuals: ledger("10", 100, 8) }),
    );
    expect(row(r, "10")).toMatchObject({
      actual: 800,
      forecast: 1200,
      forecastMethod: "runRate",
      proposedMethod: "runRate",
      varianceFullYear: 0,
    });
    expect(row(r, "1").forecastMethod).toBe("sum");
    expect(FORECAST_METHOD_LABEL.runRate).toBe("Linjär uppräkning (utfall × 12 / månader)");
  });

  it("last year's profile: this year's utfall over last year's share to date", () => {
    // Last year: 100 a month Jan-Jun, 200 Jul-Dec: 1 000 of 1 800 by August (5/9 of the year).
    const lastYear = Array.from({ length: 12 }, (_, m) => ({
      costCentre: "10",
      period: `2020-${String(m + 1).padStart(2, "0")}`,
      amount: m < 6 ? 100 : 200,
    }));
    const r = calculatePrognosis(
      input({
        proposalMethod: "lastYearProfile",
        budgets: [{ costCentre: "10", annual: 2400 }],
        actuals: ledger("10", 187.5, 8),
        lastYearActuals: lastYear,
      }),
    );
    const a = row(r, "10");
    expect(a.actualLastYear).toBe(1000);
    expect(a.actual).toBe(1500);
    expect(a.forecast).toBeCloseTo(2700, 9);
    expect(a.forecastMethod).toBe("lastYearProfile");
    expect(a.varianceFullYear).toBeCloseTo(-300, 9);
    expect(a.flags).not.toContain("proposalFallback");
    expect(row(r, "1").actualLastYear).toBe(1000);
  });

  it("phased budget + variance to date, with the phasing given per month", () => {
    // 50 a month Jan-Jun, 150 Jul-Dec: phased to August 300 + 300 = 600 of 1 200.
    const monthly = [50, 50, 50, 50, 50, 50, 150, 150, 150, 150, 150, 150];
    const r = calculatePrognosis(
      input({
        proposalMethod: "phasedBudgetPlusVariance",
        budgets: [{ costCentre: "10", annual: 1200, monthly }],
        actuals: ledger("10", 87.5, 8),
      }),
    );
    expect(row(r, "10")).toMatchObject({
      phasedBudget: 600,
      actual: 700,
      varianceToDate: -100,
      forecast: 1300,
      varianceFullYear: -100,
      forecastMethod: "phasedBudgetPlusVariance",
    });
    expect(row(r, "10").flags).not.toContain("linearPhasing");
  });

  it("falls back to budget + variance when last year is missing, and says so", () => {
    const r = calculatePrognosis(
      input({
        proposalMethod: "lastYearProfile",
        budgets: [{ costCentre: "10", annual: 1200 }],
        actuals: ledger("10", 120, 8),
      }),
    );
    const a = row(r, "10");
    expect(a.phasedBudget).toBe(800);
    expect(a.forecast).toBe(1200 + (960 - 800));
    expect(a.forecastMethod).toBe("phasedBudgetPlusVariance");
    expect(a.flags).toEqual(expect.arrayContaining(["proposalFallback", "linearPhasing"]));
  });
});

describe("budget versions", () => {
  const budgetVersions = [
    { id: "orig", kind: "original" as const, date: "2020-11-25", decision: "KF § 120" },
    { id: "omb", kind: "ombudgetering" as const, date: "2021-03-15", decision: "SN § 30" },
    { id: "tb", kind: "tillaggsbudget" as const, date: "2021-06-20", decision: "KF § 75" },
  ];
  const budgets = [
    { costCentre: "10", annual: 1000, version: "orig" },
    { costCentre: "10", annual: 200, version: "omb" },
    { costCentre: "11", annual: 50, version: "tb" },
  ];
  it("adds the changes up to the chosen version, and names it", () => {
    const r = calculatePrognosis(input({ budgets, budgetVersions, budgetVersion: "omb" }));
    expect(r.budgetVersion).toEqual(budgetVersions[1]);
    expect(row(r, "10").annualBudget).toBe(1200);
    expect(row(r, "11").annualBudget).toBe(0);
    expect(r.total.annualBudget).toBe(1200);
    expect(r.reconciliation.budgetRead).toBe(1200);
  });
  it("uses the latest version when none is chosen, and the original alone when asked", () => {
    expect(calculatePrognosis(input({ budgets, budgetVersions })).total.annualBudget).toBe(1250);
    expect(calculatePrognosis(input({ budgets, budgetVersions })).budgetVersion.id).toBe("tb");
    expect(calculatePrognosis(input({ budgets, budgetVersions, budgetVersion: "orig" })).total.annualBudget).toBe(1000);
  });
  it("refuses an unknown version", () => {
    expect(() => calculatePrognosis(input({ budgets, budgetVersions, budgetVersion: "x" }))).toThrow(
      expect.objectContaining({ problems: [{ code: "unknownBudgetVersion", version: "x" }] }),
    );
  });
});

describe("nothing is lost", () => {
  it("keeps a booked ansvar missing from the hierarchy under the synthetic parent, flagged", () => {
    const r = calculatePrognosis(
      input({
        budgets: [{ costCentre: "10", annual: 1200 }],
        actuals: [...ledger("10", 100, 8), ...ledger("999", 10, 8)],
      }),
    );
    const unknown = row(r, "999");
    expect(unknown).toMatchObject({
      parentKey: UNKNOWN_PARENT_KEY,
      name: "Okänt ansvar 999",
      actual: 80,
      annualBudget: 0,
    });
    expect(unknown.flags).toEqual(expect.arrayContaining(["unknownCostCentre", "noBudget"]));
    expect(row(r, UNKNOWN_PARENT_KEY)).toMatchObject({ actual: 80, depth: 0 });
    expect(r.total.actual).toBe(880);
    expect(r.reconciliation).toMatchObject({ amountRead: 880, amountUsed: 880, unexplained: 0 });
  });

  it("keeps a budget row with no utfall, flagged", () => {
    const r = calculatePrognosis(
      input({
        budgets: [
          { costCentre: "10", annual: 1200 },
          { costCentre: "11", annual: 600 },
        ],
        actuals: ledger("10", 100, 8),
      }),
    );
    expect(row(r, "11")).toMatchObject({
      actual: 0,
      annualBudget: 600,
      phasedBudget: 400,
      varianceToDate: 400,
      forecast: 0,
    });
    expect(row(r, "11").flags).toContain("noActual");
    expect(row(r, "10").flags).not.toContain("noActual");
  });

  it("counts rows outside the period in the reconciliation", () => {
    const actuals = [
      ...ledger("10", 100, 8),
      { costCentre: "10", period: "2021-09", amount: 55 },
      { costCentre: "11", period: "2020-12", amount: 7 },
    ];
    const r = calculatePrognosis(input({ budgets: [{ costCentre: "10", annual: 1200 }], actuals }));
    expect(r.reconciliation).toEqual({
      rowsRead: 10,
      rowsUsed: 8,
      rowsOutsidePeriod: 2,
      amountRead: 862,
      amountUsed: 800,
      amountOutsidePeriod: 62,
      budgetRead: 1200,
      budgetInReport: 1200,
      unexplained: 0,
    });
    expect(r.total.actual).toBe(800);
  });
});

describe("edge amounts", () => {
  it("zero budget: the variance share is undefined, not a division by zero", () => {
    const r = calculatePrognosis(input({ budgets: [{ costCentre: "10", annual: 0 }], actuals: ledger("10", 10, 8) }));
    expect(row(r, "10")).toMatchObject({
      annualBudget: 0,
      forecast: 120,
      varianceFullYear: -120,
      varianceShare: undefined,
    });
  });

  it("negative net cost (a revenue-heavy line): more revenue than budgeted is an överskott", () => {
    const r = calculatePrognosis(
      input({ budgets: [{ costCentre: "10", annual: -500 }], actuals: ledger("10", -50, 8) }),
    );
    // The linear share of the year to the öre: -333,33 kr, not -333,3333...
    expect(row(r, "10")).toMatchObject({
      actual: -400,
      phasedBudget: -333.33,
      forecast: -600,
      varianceFullYear: 100,
      varianceShare: 0.2,
    });
    expect(row(r, "10").varianceToDate).toBe(66.67);
  });

  it("flags an entered forecast far from the proposal when it has no comment", () => {
    const base = {
      budgets: [
        { costCentre: "10", annual: 1_200_000 },
        { costCentre: "11", annual: 1_200_000 },
      ],
      actuals: [...ledger("10", 100_000, 8), ...ledger("11", 100_000, 8)],
    };
    const r = calculatePrognosis(
      input({
        ...base,
        forecasts: [
          { costCentre: "10", forecast: 1_500_000 },
          { costCentre: "11", forecast: 1_500_000, comment: "Ny placering från september." },
        ],
      }),
    );
    expect(row(r, "10")).toMatchObject({
      forecast: 1_500_000,
      forecastMethod: "entered",
      proposedForecast: 1_200_000,
      proposedMethod: "runRate",
    });
    expect(row(r, "10").flags).toContain("uncommentedDeviation");
    expect(row(r, "11").flags).not.toContain("uncommentedDeviation");
    expect(row(r, "11").comment).toBe("Ny placering från september.");
    const near = calculatePrognosis(
      input({ ...base, forecasts: [{ costCentre: "10", forecast: 1_250_000, comment: " " }] }),
    );
    expect(row(near, "10").flags).not.toContain("uncommentedDeviation");
    const strict = calculatePrognosis(
      input({
        ...base,
        commentThreshold: 10_000,
        forecasts: [{ costCentre: "10", forecast: 1_250_000, comment: " " }],
      }),
    );
    expect(row(strict, "10").flags).toContain("uncommentedDeviation");
  });

  it("change since the previous forecast, on the rows that have one", () => {
    const r = calculatePrognosis(
      input({
        budgets: [
          { costCentre: "10", annual: 1200 },
          { costCentre: "11", annual: 600 },
        ],
        actuals: ledger("10", 100, 8),
        forecasts: [{ costCentre: "10", forecast: 1300, comment: "x" }],
        previousForecasts: [{ costCentre: "10", forecast: 1250 }],
      }),
    );
    expect(row(r, "10")).toMatchObject({ previousForecast: 1250, forecastChange: 50 });
    expect(row(r, "11")).toMatchObject({ previousForecast: undefined, forecastChange: undefined });
    expect(row(r, "1")).toMatchObject({ previousForecast: 1250, forecastChange: 1300 + 0 - 1250 });
    expect(r.total.forecastChange).toBe(50);
  });

  it("a subtotal's change is the sum of the changes of its units that have a previous forecast", () => {
    // 10 moves from 1 250 to 1 300 (+50); 11 has no previous forecast and now forecasts 600: it has no change.
    const r = calculatePrognosis(
      input({
        budgets: [
          { costCentre: "10", annual: 1200 },
          { costCentre: "11", annual: 600 },
        ],
        forecasts: [
          { costCentre: "10", forecast: 1300, comment: "x" },
          { costCentre: "11", forecast: 600 },
        ],
        previousForecasts: [{ costCentre: "10", forecast: 1250 }],
      }),
    );
    expect(row(r, "10")).toMatchObject({
      forecast: 1300,
      previousForecast: 1250,
      forecastChange: 50,
      ownForecastChange: 50,
    });
    expect(row(r, "11")).toMatchObject({
      forecast: 600,
      previousForecast: undefined,
      forecastChange: undefined,
      ownForecastChange: undefined,
    });
    // Not 1 900 - 1 250 = 650: 11 counts as unchanged, at its current 600.
    expect(row(r, "1")).toMatchObject({
      forecast: 1900,
      previousForecast: 1850,
      forecastChange: 50,
      ownForecastChange: undefined,
    });
    expect(r.total).toMatchObject({ forecast: 1900, previousForecast: 1850, forecastChange: 50 });
    // No unit with a previous forecast: no change anywhere, blank rather than 0.
    const none = calculatePrognosis(input({ forecasts: [{ costCentre: "11", forecast: 600 }], previousForecasts: [] }));
    expect([row(none, "1").forecastChange, none.total.forecastChange, none.total.previousForecast]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("a parent's own part is a unit of its own: its previous forecast gives its change, also in the total", () => {
    // Område 1 forecasts 500 tkr on itself in April and 900 tkr in May; Enhet A stays at 1 000 tkr.
    const month = (m: number, ownForecast: number, previousForecasts?: PrognosisInput["previousForecasts"]) =>
      calculatePrognosis(
        input({
          month: m,
          budgets: [
            { costCentre: "1", annual: 600_000 },
            { costCentre: "10", annual: 1_000_000 },
          ],
          actuals: [...ledger("1", 40_000, m), ...ledger("10", 80_000, m)],
          forecasts: [
            { costCentre: "1", forecast: ownForecast, comment: "Gemensamma kostnader" },
            { costCentre: "10", forecast: 1_000_000 },
          ],
          previousForecasts,
        }),
      );
    const april = month(4, 500_000);
    // Its own part has its own budget too, phased as months / 12 (no monthly budget).
    const none = { actualLastYear: undefined };
    expect(row(april, "1").own).toEqual({
      ...none,
      phasedBudget: 200_000,
      annualBudget: 600_000,
      actual: 160_000,
      forecast: 500_000,
      forecastMethod: "entered",
    });
    expect(row(april, "10").own).toEqual({
      ...none,
      phasedBudget: 333_333.33,
      annualBudget: 1_000_000,
      actual: 320_000,
      forecast: 1_000_000,
      forecastMethod: "entered",
    });
    // 11 has nothing booked or forecast: as a leaf its own part is all of it, the run rate of nothing.
    expect(row(april, "11").own).toEqual({
      ...none,
      phasedBudget: 0,
      annualBudget: 0,
      actual: 0,
      forecast: 0,
      forecastMethod: "runRate",
    });
    expect(april.total.own).toBeUndefined();
    // May's previous forecasts are April's own parts, as the forecast history saves them.
    const saved = april.rows.flatMap((r) => (r.own ? [{ costCentre: r.key, forecast: r.own.forecast }] : []));
    const may = month(5, 900_000, saved);
    expect(row(may, "1")).toMatchObject({
      forecast: 1_900_000,
      previousForecast: 1_500_000,
      forecastChange: 400_000,
      ownForecastChange: 400_000,
    });
    expect(row(may, "10")).toMatchObject({ forecastChange: 0, ownForecastChange: 0 });
    expect(may.total).toMatchObject({ forecast: 1_900_000, previousForecast: 1_500_000, forecastChange: 400_000 });
    // A previous forecast of the leaves only (a history saved before parents' own parts were): the parent's own
    // part counts as unchanged, at its current 900 tkr.
    const leavesOnly = month(
      5,
      900_000,
      saved.filter((e) => e.costCentre !== "1"),
    );
    expect(row(leavesOnly, "1")).toMatchObject({
      previousForecast: 1_900_000,
      forecastChange: 0,
      ownForecastChange: undefined,
    });
  });

  it("names that repeat under different areas stay apart, keyed on the path", () => {
    const costCentres = [
      { key: "Vård", name: "Vård" },
      { key: "Stöd", name: "Stöd" },
      { key: pathKey(["Vård", "Stab"]), name: "Stab", parentKey: "Vård" },
      { key: pathKey(["Stöd", "Stab"]), name: "Stab", parentKey: "Stöd" },
    ];
    const r = calculatePrognosis(
      input({
        costCentres,
        budgets: [
          { costCentre: "Vård / Stab", annual: 120 },
          { costCentre: "Stöd / Stab", annual: 240 },
        ],
        actuals: [
          { costCentre: "Vård / Stab", period: "2021-08", amount: 80 },
          { costCentre: "Stöd / Stab", period: "2021-03", amount: 8 },
        ],
      }),
    );
    expect(r.rows.map((x) => [x.key, x.name, x.depth, x.actual])).toEqual([
      ["Vård", "Vård", 0, 80],
      ["Vård / Stab", "Stab", 1, 80],
      ["Stöd", "Stöd", 0, 8],
      ["Stöd / Stab", "Stab", 1, 8],
    ]);
  });

  it("refuses a follow-up month outside 1-12", () => {
    expect(() => calculatePrognosis(input({ month: 13 }))).toThrow(
      expect.objectContaining({ problems: [{ code: "monthOutOfRange", month: 13 }] }),
    );
  });
});
