import { describe, expect, it } from "vitest";
import { investmentAmountIn, investmentFollowUp, releasedBudgetFollowUp } from "../../src/core/investments";
import { readGolden } from "./goldenCsv";
import { investmentProjects000, investmentProjects002, printedTkr } from "./seedTables";

const toTkr = (x: number | undefined): number | undefined => (x === undefined ? undefined : x / 1000);
const figures = (f: { originalBudget: number | undefined; addition: number | undefined; totalBudget: number; actual: number | undefined; variance: number }) =>
  [f.originalBudget, f.addition, f.totalBudget, f.actual, f.variance].map(toTkr);

describe("seed 000 investment follow-up", () => {
  const result = investmentFollowUp(investmentProjects000());

  it("per project: total budget = original + tillägg, avvikelse = total - utfall, '-' missing but 0 in sums (S37, S38, S53)", () => {
    const row = (name: string) => result.groups.flatMap((g) => g.rows).find((r) => r.name === name)!;
    expect(figures(row("Förstudie Hagen demenscentra"))).toEqual([0, 1402, 1402, 2665, -1263]);
    expect(figures(row("Inventarier"))).toEqual([500, undefined, 500, 417, 83]);
    expect(figures(row("Inventarier Hagen"))).toEqual([500, 0, 500, undefined, 500]);
  });

  it("shows the projects run by tekniska nämnden apart, then the own, then the total (S39, S40)", () => {
    expect(result.groups.map((g) => g.label)).toEqual(["genom tekniska nämnden", "egna"]);
    expect(figures(result.groups[0]!.subtotal)).toEqual([10000, 1402, 11402, 7236, 4166]);
    expect(figures(result.groups[1]!.subtotal)).toEqual([1400, 987, 2387, 1443, 944]);
    expect(figures(result.total)).toEqual([11400, 2389, 13789, 8679, 5110]);
  });

  it("lists the carry-overs the nämnd asks for: 500 + 263 + 67 = 830 tkr (§ 25, S41)", () => {
    expect(result.carryOvers.map((c) => `${c.name} ${c.amount / 1000}`)).toEqual(["Inventarier Hagen 500", "Hotellås 263", "Förstudie ombyggnad Hemgården 67"]);
    expect(result.carryOverTotal).toBe(830_000);
    expect(result.notes).toEqual([]);
  });

  it("notes a carry-over asked for on an overspent project", () => {
    const r = investmentFollowUp([{ name: "Förstudie", originalBudget: 0, addition: 1_402_000, actual: 2_665_000, carryOverRequested: true }]);
    expect(r.carryOverTotal).toBe(0);
    expect(r.notes).toEqual(["Förstudie: ombudgetering begärd, men inget av budgeten återstår (avvikelse -1 263 tkr)."]);
  });
});

describe("seed 002 investment table (framskrivet / ej framskrivet, utfall negative)", () => {
  const rows = readGolden("002_investeringar.csv").filter((r) => r["Radtyp"]!.startsWith("projekt"));
  const result = releasedBudgetFollowUp(investmentProjects002(), "spendingNegative");
  const sum = readGolden("002_investeringar.csv").find((r) => r["Radtyp"] === "summa")!;

  it("budget = framskrivet + ej framskrivet per row and in total: 3 940 = 500 + 3 440 (G38, G40)", () => {
    for (const [i, r] of rows.entries()) expect(toTkr(result.rows[i]!.budget)).toEqual(printedTkr(r["Investeringsbudget 2021"]));
    expect([result.total.budget, result.total.released, result.total.notReleased].map(toTkr)).toEqual([3940, 500, 3440]);
    expect(printedTkr(sum["Investeringsbudget 2021"])).toBe(3940);
  });

  it("kvarvarande framskrivet = framskrivet + utfall in Gnesta's sign: 75, -1, 74 (G39)", () => {
    const digital = result.rows.find((r) => r.projectNumber === "IV80031")!;
    const akervagen = result.rows.find((r) => r.projectNumber === "IV80028")!;
    expect([toTkr(digital.remainingReleased), toTkr(akervagen.remainingReleased), toTkr(result.total.remainingReleased)]).toEqual([75, -1, 74]);
    expect(toTkr(investmentAmountIn("spendingNegative", result.total.actual))).toBe(-426);
    expect(printedTkr(sum["Kvarvarande budget augusti framskrivet"])).toBe(74);
  });

  it("keeps the empty project lines empty", () => {
    const empty = result.rows.find((r) => r.name === "Reinvesteringar")!;
    expect([empty.budget, empty.actual, empty.remainingReleased]).toEqual([undefined, undefined, undefined]);
  });
});
