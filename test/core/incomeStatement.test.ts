/** The resultaträkning's model without a reader: sums by kostnadsslag, what it sets aside as data, nothing lost. */
import { describe, expect, it } from "vitest";
import { budgetLinesInEffect, incomeStatementModel } from "../../src/core/incomeStatement";
import { cellValue } from "../../src/core/statements";

describe("incomeStatementModel", () => {
  const model = incomeStatementModel({
    year: 2021,
    month: 8,
    actuals: [
      { costCentre: "1", account: "3010", period: "2021-03", amount: -120_000 },
      { costCentre: "1", account: "5011", period: "2021-08", amount: 400_000.25 },
      { costCentre: "1", account: "6110", period: "2021-05", amount: 50_000 },
      { costCentre: "1", account: "9999", period: "2021-06", amount: 7_000 },
      // After August, and of another year: counted, left out.
      { costCentre: "1", account: "5011", period: "2021-09", amount: 30_000 },
      { costCentre: "1", account: "5011", period: "2020-08", amount: 20_000 },
    ],
    budgets: [
      { account: "3010", annual: -200_000 },
      { account: "5011", annual: 900_000 },
    ],
    grant: { toDate: 350_000, annual: 700_000 },
  });
  const row = (key: string) => model.table.rows.find((r) => r.key === key)!;

  it("sums each kostnadsslag per column, an unknown konto on its own line", () => {
    expect(model.columns.map((c) => c.header)).toEqual(["Utfall 2021-08", "Budget 2021"]);
    expect(cellValue(row("revenue").cells["utfall"])).toBe(-120_000);
    expect(cellValue(row("personnel").cells["utfall"])).toBe(400_000.25);
    expect(cellValue(row("premises").cells["utfall"])).toBe(50_000);
    expect(cellValue(row("okant-kontoslag").cells["utfall"])).toBe(7_000);
    expect(cellValue(row("personnel").cells["budget"])).toBe(900_000);
    expect(model.budgetNet).toBe(700_000);
  });

  it("returns what it set aside as data, and the net cost equals the ledger's total", () => {
    expect(model.outsidePeriod).toEqual([{ ledger: "thisYear", year: 2021, rows: 2, amount: 50_000 }]);
    expect(model.unknownAccounts).toEqual([
      { account: "9999", amounts: [{ column: model.columns[0], amount: 7_000 }] },
    ]);
    expect(model.reconciliation).toEqual([
      { column: "utfall", ledgerTotal: 337_000.25, statementNet: 337_000.25 },
      { column: "budget", ledgerTotal: 700_000, statementNet: 700_000 },
    ]);
  });
});

describe("budgetLinesInEffect", () => {
  it("takes the versions in effect and returns an unknown version with its amount, never summed", () => {
    const lines = [
      { account: "5011", annual: 900_000, version: "KF" },
      { account: "5011", annual: 50_000, version: "TB1" },
      { account: "5011", annual: 10_000, version: "Okänd" },
      { account: "5012", annual: 5_000, version: "Okänd" },
    ];
    const known = new Set(["KF", "TB1", "TB2"]);
    expect(budgetLinesInEffect(lines, { inEffect: new Set(["KF"]), known })).toEqual({
      lines: [lines[0]],
      unknownVersions: [{ id: "Okänd", amount: 15_000 }],
    });
    expect(budgetLinesInEffect(lines.slice(0, 2), undefined).lines).toHaveLength(2);
  });
});
