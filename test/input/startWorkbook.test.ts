import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActualRow } from "../../src/core/prognosis";
import {
  costCentreList,
  inferMonth,
  inferSignConvention,
  inferYear,
  startPlan,
  UNPLACED,
} from "../../src/input/startWorkbook";

const row = (costCentre: string, period: string, amount: number, account?: string): ActualRow => ({
  costCentre,
  period,
  amount,
  ...(account ? { account } : {}),
});

describe("inferYear and inferMonth", () => {
  it("takes SIE's #RAR 0 before the periods", () => {
    expect(inferYear([row("1", "2023-12", 5)], "20240101")?.value).toBe(2024);
  });
  it("takes the latest year with bookings, and its last month with bookings (zeros are not bookings)", () => {
    const rows = [row("1", "2023-12", 5), row("1", "2024-03", 10), row("2", "2024-07", -4), row("2", "2024-09", 0)];
    expect(inferYear(rows)?.value).toBe(2024);
    expect(inferYear(rows)?.how).toContain("2023, 2024");
    expect(inferMonth(rows, 2024)?.value).toBe(7);
    expect(inferMonth(rows, 2024)?.how).toContain("juli 2024");
  });
  it("says nothing for a ledger without bookings", () => {
    expect(inferYear([row("1", "2024-01", 0)])).toBeUndefined();
    expect(startPlan({ actuals: [] })).toBeUndefined();
  });
});

describe("inferSignConvention", () => {
  it("is costs positive for a SIE file (debit positive)", () => {
    expect(inferSignConvention({ actuals: [row("1", "2024-01", -100)], signsInternal: true }).value).toBe(
      "costPositive",
    );
  });
  it("follows the sign of the cost accounts (4-7) against the revenue accounts (3)", () => {
    const herrljunga = [row("", "2024-01", 1000, "5110"), row("", "2024-01", -300, "3510")];
    const gnesta = [row("", "2024-01", -1000, "5110"), row("", "2024-01", 300, "3510")];
    expect(inferSignConvention({ actuals: [], accountTotals: herrljunga }).value).toBe("costPositive");
    expect(inferSignConvention({ actuals: [], accountTotals: gnesta })).toEqual({
      value: "costNegative",
      how: "kostnadskontona (klass 4-7) summerar till -1 000 kr och intäktskontona (klass 3) till 300 kr",
    });
    // Only revenue booked: its sign is the opposite of the costs'.
    expect(inferSignConvention({ actuals: [], accountTotals: [row("", "2024-01", 300, "3510")] }).value).toBe(
      "costNegative",
    );
  });
  it("without konto, takes the net as a cost", () => {
    expect(inferSignConvention({ actuals: [row("1", "2024-01", -500), row("2", "2024-01", 100)] }).value).toBe(
      "costNegative",
    );
    expect(inferSignConvention({ actuals: [row("1", "2024-01", 500)] }).value).toBe("costPositive");
  });
});

describe("costCentreList", () => {
  it("puts every ansvar under Ej placerade when the export tells no parent, named where it names them", () => {
    const r = costCentreList({
      actuals: [row("420", "2024-01", 1), row("41", "2024-01", 1), row("420", "2024-02", 1)],
      names: new Map([["41", "Förvaltningsledning"]]),
    });
    expect(r.unplaced).toBe(true);
    expect(r.costCentres).toEqual([
      { code: UNPLACED.code, name: "Ej placerade" },
      { code: "41", name: "Förvaltningsledning", parent: UNPLACED.code },
      { code: "420", name: "420", parent: UNPLACED.code },
    ]);
  });
  it("takes the parents the export gives, adding a parent without bookings as a line", () => {
    const r = costCentreList({
      actuals: [row("421", "2024-01", 1), row("441", "2024-01", 1)],
      parents: new Map([
        ["421", "42"],
        ["441", "44"],
        ["42", "4"],
      ]),
    });
    expect(r.unplaced).toBe(false);
    expect(r.costCentres.map((c) => [c.code, c.parent])).toEqual([
      ["4", undefined],
      ["42", "4"],
      ["44", undefined],
      ["421", "42"],
      ["441", "44"],
    ]);
  });
  it("lists every ansvar with bookings exactly once", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.stringMatching(/^[1-9]\d{0,3}$/),
            fc.integer({ min: 1, max: 12 }),
            fc.integer({ min: -1e6, max: 1e6 }),
          ),
        ),
        (rows) => {
          const actuals = rows.map(([c, m, a]) => row(c, `2024-${String(m).padStart(2, "0")}`, a));
          const codes = costCentreList({ actuals })
            .costCentres.map((c) => c.code)
            .filter((c) => c !== UNPLACED.code);
          expect(codes).toHaveLength(new Set(codes).size);
          expect(new Set(codes)).toEqual(new Set(actuals.map((a) => a.costCentre)));
        },
      ),
    );
  });
});
