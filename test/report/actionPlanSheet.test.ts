import { describe, expect, it } from "vitest";
import { calculateActionPlan } from "../../src/core/actionPlan";
import { buildActionPlanSheet, gapSentence } from "../../src/report/actionPlanSheet";
import { formulaChecks } from "./evaluate";
import { GNESTA_FORECAST_VARIANCE, gnestaMeasures } from "./gnesta";
import { HERRLJUNGA_META } from "./herrljunga";

const measures = gnestaMeasures();
const result = calculateActionPlan({ year: 2021, forecastVariance: GNESTA_FORECAST_VARIANCE, measures });
const layout = buildActionPlanSheet(result, measures, {
  ...HERRLJUNGA_META,
  source: "Gnesta socialnämnd, åtgärdsplan 2021 (delårsrapport)",
});
const table = (name: string) => layout.tables.find((t) => t.name === name)!;
const column = (name: string, row: number) => table(name).rows[row]!.cells.map((c) => c.value);

describe("buildActionPlanSheet (Gnesta 2021, seed 002, effects added to measures 6, 10 and 12)", () => {
  it("sums planned, realised and forecast effect per owner with a SUM total", () => {
    expect(table("Budgetkoll_Atgard_Agare").rows.map((r) => r.cells.slice(0, 4).map((c) => c.value))).toEqual([
      ["FL", 4, 4, 0],
      ["SOV", 6, 4, 2_100_000],
      ["AoB", 5, 4, 2_000_000],
      ["ÄFH", 7, 7, 0],
      ["Summa", 22, 19, 4_100_000],
    ]);
    const headerRow = table("Budgetkoll_Atgard_Agare").headerRow;
    expect(table("Budgetkoll_Atgard_Agare").rows[4]!.cells[3]!.formula).toBe(
      `SUM(D${headerRow + 2}:D${headerRow + 5})`,
    );
  });

  it("counts the measures per status as the plan prints them", () => {
    expect(table("Budgetkoll_Atgard_Status").rows.map((r) => [r.cells[0]!.value, r.cells[1]!.value])).toEqual([
      ["Ej påbörjad", 5],
      ["Påbörjad", 11],
      ["Genomförd", 5],
      ["Ej genomförd", 1],
      ["Summa", 22],
    ]);
  });

  it("shows the way to budget i balans without counting an effect in the forecast twice", () => {
    const balance = table("Budgetkoll_Atgard_Balans");
    expect(balance.rows.map((r) => r.cells[1]!.value)).toEqual([
      -9_030_000, 1_400_000, 2_300_000, 0, -6_730_000, 6_730_000,
    ]);
    const top = balance.headerRow + 2;
    expect(balance.rows[4]!.cells[1]!.formula).toBe(`B${top}+B${top + 2}`);
    expect(balance.rows[5]!.cells[1]!.formula).toBe(`MAX(0,-B${top + 4})`);
    expect(gapSentence(result)).toBe(
      "Prognosen visar ett underskott på 9 030 tkr; efter åtgärder som inte ingår i prognosen (2 300 tkr) återstår 6 730 tkr till budget i balans.",
    );
  });

  it("names the measures without an amount and without a risk analysis", () => {
    const notes = layout.notes.map((n) => n.text);
    expect(notes).toContain(
      "Åtgärder utan planerad effekt i kronor (19 st): 1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22. Utan belopp går det inte att visa vägen till budget i balans.",
    );
    expect(notes.find((n) => n.startsWith("Pågående eller ej påbörjade åtgärder utan riskanalys"))).toBe(
      "Pågående eller ej påbörjade åtgärder utan riskanalys (14 st): 1, 3, 5, 7, 8, 9, 14, 15, 17, 18, 19, 20, 21, 22.",
    );
  });

  it("lists every measure with status and effects", () => {
    expect(table("Budgetkoll_Atgarder").rows).toHaveLength(22);
    expect(column("Budgetkoll_Atgarder", 11).slice(0, 9)).toEqual([
      "(AoB) Se över externa avtal och köp av plats.",
      "12",
      "AoB",
      2_000_000,
      1_100_000,
      1_800_000,
      "Genomförd",
      "Nej",
      null,
    ]);
  });

  it("places tables and notes without overlap, and every formula caches its value", () => {
    const used = new Set<number>();
    for (const t of layout.tables)
      for (let r = t.headerRow; r <= t.headerRow + t.rows.length; r++) {
        expect(used.has(r)).toBe(false);
        used.add(r);
      }
    for (const n of layout.notes) expect(used.has(n.row), `note at ${n.row}`).toBe(false);
    for (const c of formulaChecks(layout)) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 3);
  });
});

describe("the åtgärdsplan's reconciliation (nothing lost)", () => {
  // Effects added to measures 6, 10 and 12 (test/report/gnesta.ts): planned 600 + 1 500 + 2 000 = 4 100 tkr,
  // realised 250 + 900 + 1 100 = 2 250 tkr, forecast 500 + 1 400 + 1 800 = 3 700 tkr.
  it("shows rows read = used + rejected and every effect of the input = the report's total", () => {
    const withRows = buildActionPlanSheet(result, measures, HERRLJUNGA_META, { read: 23, used: 22, rejected: 1 });
    expect(withRows.notes.map((n) => n.text)).toContain(
      "Avstämning: 22 åtgärder; 23 rader lästa = 22 använda + 1 avvisade; planerad effekt i indata 4 100 tkr = i rapporten 4 100 tkr; " +
        "realiserad effekt i indata 2 250 tkr = i rapporten 2 250 tkr; prognos effekt i indata 3 700 tkr = i rapporten 3 700 tkr.",
    );
  });

  it("calls out a difference rather than hiding it", () => {
    const lost = buildActionPlanSheet(
      { ...result, total: { ...result.total, planned: result.total.planned - 1_000 } },
      measures,
      HERRLJUNGA_META,
    );
    const text = lost.notes.map((n) => n.text).find((t) => t.startsWith("Avstämning"))!;
    expect(text).toContain("planerad effekt i indata 4 100 tkr ≠ i rapporten 4 099 tkr");
    expect(text).toMatch(/AVVIKELSE: kontrollera indata/);
  });
});

describe("the Åtgärdsplan at the bokslut", () => {
  it("speaks of the year's outcome, not of a forecast", () => {
    const closed = buildActionPlanSheet(result, measures, { ...HERRLJUNGA_META, yearEnd: true });
    const text = [
      ...closed.notes.map((n) => n.text),
      ...closed.tables.flatMap((t) => t.rows.map((r) => String(r.cells[0]!.value))),
    ];
    // The measures keep their column "Prognos effekt helår"; the nämnd's result is no forecast.
    expect(text.filter((t) => /prognosen|prognostiserad/i.test(t))).toEqual([]);
    expect(text).toContain("Årets resultat (+ = överskott)");
    expect(gapSentence(result, true)).toBe(
      "Bokslutet visar ett underskott på 9 030 tkr; efter åtgärder som inte ingår i utfallet (2 300 tkr) återstår 6 730 tkr till budget i balans.",
    );
  });
});
