import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildBudget } from "../../src/core/budgetBuilding";
import { budgetFromSheets } from "../../src/input/budgetBuildingInput";
import { bridgeSheet, driftSheet, phase, ramSheet, statementSheet } from "../../src/report/budgetBuildingSheets";
import { layoutCells } from "../../src/report/layout";
import { seed001Sheets } from "../helpers/seed001Budget";

const read = budgetFromSheets(seed001Sheets());
const built = buildBudget(read.input);
const meta = ["Körning: 2023-02-22.", "Tecken: kostnader positiva.", "Belopp i tkr."];
const cell = (cells: ReturnType<typeof layoutCells>, address: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return cells.find((c) => c.row === Number(m[2]) - 1 && c.column === m[1]!.charCodeAt(0) - 65);
};

describe("budget report sheets on seed 001", () => {
  it("lays out the driftbudget as the seed: the reserve first, Nettokostnad a SUM", () => {
    const cells = layoutCells(driftSheet(built, meta));
    expect(cell(cells, "A7")!.value).toBe("Socialnämndens reserv");
    expect(cell(cells, "D7")!.value).toBe(5_500_000);
    expect(cell(cells, "A14")!.value).toBe("Nettokostnad");
    expect(cell(cells, "D14")).toMatchObject({ value: 778_672_000, formula: "SUM(D7:D13)" });
    expect(cell(cells, "G14")).toMatchObject({ value: 21_732_000, formula: "D14-C14" });
    expect(cell(cells, "I14")).toMatchObject({ value: 45_311_000, formula: "F14-C14" });
  });

  it("writes the resultatbudget's sums and netto as formulas", () => {
    const cells = layoutCells(statementSheet(built, read.input.statement, meta));
    expect(cell(cells, "A12")!.value).toBe("Summa intäkter");
    expect(cell(cells, "D12")).toMatchObject({ value: 112_831_000, formula: "SUM(D7:D11)" });
    expect(cell(cells, "A19")!.value).toBe("Nettokostnader");
    expect(cell(cells, "D19")).toMatchObject({ value: 778_672_000, formula: "D18-D12" });
  });

  it("shows the ram table with the 2022 difference of 843 tkr", () => {
    const cells = layoutCells(ramSheet(built, meta));
    expect(cell(cells, "A9")!.value).toBe("Nämndram");
    expect(cell(cells, "B9")).toMatchObject({ value: 757_783_000, formula: "SUM(B7:B8)" });
    expect(cell(cells, "B11")).toMatchObject({ value: -843_000, formula: "B10-B9" });
    expect(cell(cells, "C11")!.value).toBe(0);
  });

  it("draws the bridge as a waterfall whose totals are SUMs of the previous total and the steps", () => {
    const sheet = bridgeSheet(built, meta);
    expect(sheet.charts![0]!.kind).toBe("waterfall");
    const cells = layoutCells(sheet);
    const totals = cells.filter((c) => c.column === 2 && c.formula?.startsWith("SUM"));
    expect(totals.map((c) => c.value)).toEqual([778_672_000, 798_456_000, 802_251_000]);
    expect(totals[0]!.formula).toBe(`SUM(C7:C${totals[0]!.row})`);
  });

  it("phases a year into months that add up to it exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }).map((o) => o / 100),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }),
        (annual, weights) => {
          const sum = weights.reduce((s, w) => s + w, 0) || 1;
          const months = phase(
            annual,
            weights.map((w) => w / sum),
          );
          expect(Math.round(months.reduce((s, m) => s + m * 100, 0))).toBe(Math.round(annual * 100));
        },
      ),
    );
  });
});
