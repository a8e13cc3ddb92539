import { describe, expect, it } from "vitest";
import { calculateActionPlan } from "../../src/core/actionPlan";
import { calculatePrognosis } from "../../src/core/prognosis";
import { buildSummarySheet, resultSentence } from "../../src/report/summarySheet";
import { formulaChecks } from "./evaluate";
import { HERRLJUNGA_META, herrljungaInput, herrljungaPrognosis } from "./herrljunga";

describe("buildSummarySheet (Herrljunga 2021)", () => {
  const prognosis = herrljungaPrognosis();
  const layout = buildSummarySheet(prognosis, HERRLJUNGA_META);
  const table = (name: string) => layout.tables.find((t) => t.name === name)!;

  it("shows the result per verksamhet with the seed's figures and a SUM total", () => {
    const rows = table("Budgetkoll_Sammanfattning").rows;
    expect(rows.map((r) => [r.cells[0]!.value, r.cells[1]!.value, r.cells[3]!.value, r.cells[4]!.value])).toEqual([
      ["Nämnd", 559_000, 559_000, 0],
      ["Förvaltningsledning", 11_993_000, 10_543_000, 1_450_000],
      ["Individ och familjeomsorg", 44_398_000, 46_448_000, -2_050_000],
      ["Vård och omsorg", 128_027_000, 125_627_000, 2_400_000],
      ["Socialt stöd", 31_146_000, 32_946_000, -1_800_000],
      ["Summa", 216_123_000, 216_123_000, 0],
    ]);
    const h = table("Budgetkoll_Sammanfattning").headerRow + 1;
    expect(rows[5]!.cells[1]!.formula).toBe(`SUM(B${h + 1}:B${h + 5})`);
    expect(rows[2]!.cells[5]!.formula).toBe(`IF(B${h + 3}=0,"",E${h + 3}/ABS(B${h + 3}))`);
    expect(rows[2]!.cells[5]!.value).toBeCloseTo(-2050 / 44398, 10);
    for (const c of formulaChecks(layout)) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 6);
  });

  it("lists the five largest deficits per ansvar, largest first", () => {
    expect(table("Budgetkoll_Underskott").rows.map((r) => [r.cells[1]!.value, r.cells[4]!.value])).toEqual([
      ["422", -3_250_000],
      ["461", -2_100_000],
      ["448", -1_100_000],
      ["463", -450_000],
      ["420", -100_000],
    ]);
  });

  it("says budget i balans in words, and a deficit when there is one", () => {
    expect(layout.notes[0]!.text).toBe("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
    const input = herrljungaInput();
    const worse = calculatePrognosis({
      ...input,
      forecasts: input.forecasts!.map((f) => (f.costCentre === "422" ? { ...f, forecast: f.forecast + 1_800_000 } : f)),
    });
    expect(resultSentence(worse)).toBe("Prognosen för helåret visar ett underskott på 1 800 tkr (0,8 % av budget).");
  });

  it("adds the gap to budget i balans when an åtgärdsplan is given", () => {
    const plan = calculateActionPlan({
      year: 2021,
      forecastVariance: -1_800_000,
      measures: [
        {
          id: "1",
          owner: "46",
          description: "Minska köpta platser",
          status: "started",
          plannedEffect: 1_000_000,
          forecastEffect: 700_000,
          includedInForecast: false,
        },
      ],
    });
    const l = buildSummarySheet(prognosis, HERRLJUNGA_META, plan);
    const balance = l.tables.find((t) => t.name === "Budgetkoll_Sammanfattning_Balans")!;
    expect(balance.rows.map((r) => r.cells[1]!.value)).toEqual([-1_800_000, 0, 700_000, 0, -1_100_000, 1_100_000]);
    expect(l.notes.map((n) => n.text)).toContain(
      "Prognosen visar ett underskott på 1 800 tkr; efter åtgärder som inte ingår i prognosen (700 tkr) återstår 1 100 tkr till budget i balans.",
    );
  });
});

describe("the budget-to-forecast bridge of the summary (Herrljunga 2021)", () => {
  const layout = buildSummarySheet(herrljungaPrognosis(), HERRLJUNGA_META);
  const area = layout.tables.find((t) => t.name === "Budgetkoll_Sammanfattning")!;
  const bridge = layout.tables.find((t) => t.name === "Budgetkoll_Brygga")!;

  it("goes from budget 216 123 through each verksamhet's change to the forecast 216 123", () => {
    expect(bridge.firstColumn).toBe(area.firstColumn + area.columns.length + 1);
    expect(bridge.headerRow).toBe(area.headerRow);
    const first = bridge.rows[0]!;
    const last = bridge.rows[bridge.rows.length - 1]!;
    expect(first.cells.map((c) => c.value)).toEqual(["Budget helår", 216_123_000]);
    expect(last.cells[1]!.value).toBe(216_123_000);
    const socialt = bridge.rows.find((r) => r.cells[0]!.value === "Socialt stöd")!;
    expect(socialt.cells[1]!.value).toBe(1_800_000); // underskott 1 800 raises the bar
    expect(bridge.rows.slice(1, -1).reduce((s, r) => s + (r.cells[1]!.value as number), 0)).toBe(0);
  });

  it("draws it as a waterfall anchored right of the bridge", () => {
    expect(layout.charts).toHaveLength(1);
    const chart = layout.charts![0]!;
    expect(chart).toMatchObject({
      kind: "waterfall",
      table: "Budgetkoll_Brygga",
      categoryColumn: "step",
      valueColumns: ["amount"],
    });
    expect(chart.anchor.row).toBe(bridge.headerRow);
    expect(chart.anchor.column).toBeGreaterThan(bridge.firstColumn + bridge.columns.length - 1);
  });
});
