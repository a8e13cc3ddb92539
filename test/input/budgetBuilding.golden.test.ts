/**
 * Seed 001 (Härryda socialnämnd, budget 2023 med plan 2024-2025) rebuilt from its own figures: the driftbudget per
 * verksamhet, the ram table and the resultatbudget, with their identities checked and their gaps reported.
 */
import { describe, expect, it } from "vitest";
import { buildBudget } from "../../src/core/budgetBuilding";
import { budgetFindingWarning, budgetFromSheets } from "../../src/input/budgetBuildingInput";
import type { CellValue } from "../../src/cells";
import { num, readGolden } from "../core/goldenCsv";
import { seed001Sheets, sheet } from "../helpers/seed001Budget";

const tkr = (n: number): number => n * 1000;
const drift = readGolden("001_driftbudget_verksamhet.csv");
const result = readGolden("001_resultatbudget.csv");

describe("seed 001: budget 2023 med plan 2024-2025", () => {
  const read = budgetFromSheets(seed001Sheets());
  const built = buildBudget(read.input);

  it("reads the workbook without errors, every row in a figure", () => {
    expect(read.errors).toEqual([]);
    expect(read.counts.read).toBe(read.counts.used + read.counts.rejected);
    expect(read.input.years).toEqual([2023, 2024, 2025]);
  });

  it("reproduces the driftbudget per verksamhet, every column", () => {
    for (const row of drift) {
      const t = row.radtyp === "summa" ? built.total : built.byArea.find((a) => a.key === row.verksamhet)!;
      expect([t.outturn, t.base, ...t.amounts], row.verksamhet).toEqual(
        ["Bokslut 2021", "Budget 2022", "Budget 2023", "Plan 2024", "Plan 2025"].map((c) => tkr(num(row[c])!)),
      );
    }
  });

  it("reproduces the ram table: KF-ram + justering = Summa SOCN", () => {
    expect(built.ram.map((r) => [r.year, r.kfRam, r.total])).toEqual([
      [2022, tkr(757_238), tkr(757_783)],
      [2023, tkr(763_441), tkr(778_672)],
      [2024, tkr(782_693), tkr(798_456)],
      [2025, tkr(786_353), tkr(802_251)],
    ]);
    // The printed Summa SOCN rows agree with the sum: no warning on them.
    expect(read.warnings.filter((w) => w.sheet === "Ramar")).toEqual([]);
  });

  it("reproduces the resultatbudget's sums and ties its netto to the driftbudget every year", () => {
    const s = built.statement!;
    const printed = (rad: string) =>
      ["Bokslut 2021", "Budget 2022", "Budget 2023", "Plan 2024", "Plan 2025"].map((c) =>
        tkr(num(result.find((r) => r.rad === rad)![c])!),
      );
    expect(s.revenue).toEqual(printed("Summa intäkter"));
    expect(s.costs).toEqual(printed("Summa kostnader"));
    expect(s.net).toEqual(printed("Nettokostnader"));
    expect(built.findings.filter((f) => f.code === "viewsDiffer")).toEqual([]);
  });

  it("checks Σ verksamheter + reserv = nämndram each plan year, and reports the 843 tkr gap of 2022", () => {
    const gaps = built.findings.filter((f) => f.code === "ramDifference");
    expect(gaps).toEqual([{ code: "ramDifference", year: 2022, budget: tkr(756_940), ram: tkr(757_783) }]);
    const w = budgetFindingWarning(gaps[0]!, read.cells);
    expect(w.amount).toBe(tkr(843));
    expect(w.message).toContain("skillnad -843 tkr");
  });

  it("bridges 2022 to 2023 by the seed's named changes, the rest reported per verksamhet", () => {
    const b = built.bridges[0]!;
    expect(b.from).toBe(tkr(756_940));
    expect(b.to).toBe(tkr(778_672));
    const unexplained = built.findings.flatMap((f) =>
      f.code === "unexplainedChange" && f.year === 2023 ? [[f.area, f.amount / 1000]] : [],
    );
    // The seed's own changes (H40-H45) less the named tillskott of its text.
    expect(unexplained).toEqual([
      ["Ledning", 2403],
      ["Vård och omsorg", 914 - 2500],
      ["Hälsa och bistånd", 25_646],
      ["Funktionsstöd", -20_860],
      ["Härryda framtid", 23 - 600],
      ["Barn och familj", 8106 - 1000],
    ]);
    // Vård och omsorg 2024: +10 167 against the text's 9,9 mnkr (H46): 267 tkr without a named cause.
    expect(built.findings).toContainEqual(
      expect.objectContaining({ code: "unexplainedChange", year: 2024, area: "Vård och omsorg", amount: tkr(267) }),
    );
  });

  it("flags the conditional funds with their decision", () => {
    const c = built.findings.filter((f) => f.code === "conditionalFunds");
    expect(c).toHaveLength(1);
    expect(budgetFindingWarning(c[0]!, read.cells)).toMatchObject({
      sheet: "Prioriteringar",
      cell: "A6",
      amount: tkr(1000),
    });
  });
});

describe("the budget workbook's errors name sheet and cell", () => {
  it("lists every error at once, in Swedish", () => {
    const sheets = seed001Sheets().map((s) => {
      if (s.sheet === "Uppräkning")
        return sheet(s.sheet, [s.values[0]! as CellValue[], [2023, "tre", 0, 0], [2024, 0, 0, 0], [2026, 0, 0, 0]]);
      if (s.sheet === "Budgetunderlag")
        return sheet(s.sheet, [...(s.values as CellValue[][]), ["Ledning", "Lön", "löner", 1, 2]]);
      if (s.sheet === "Prioriteringar")
        return sheet(s.sheet, [
          ...(s.values as CellValue[][]),
          ["Omfördelning", "Flytt", "Ledning", "Netto", null, 1, 1, 1],
        ]);
      return s;
    });
    const read = budgetFromSheets(sheets);
    expect(read.errors.map((e) => [e.sheet, e.cell, e.message])).toEqual([
      ["Uppräkning", "B2", '"tre" är inte en andel: förväntade en andel i procent, t.ex. 12,5 %.'],
      ["Uppräkning", "A4", "året 2026 följer inte på 2024: förväntade budgetåret och planåren i ordning."],
      ["Budgetunderlag", "C11", '"löner" är ingen kategori: förväntade personal, övrigt, intäkt, netto eller reserv.'],
      [
        "Prioriteringar",
        "C7",
        "en omfördelning behöver två olika verksamheter: Verksamhet (från) och Till verksamhet.",
      ],
    ]);
  });
});
