import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calculateActionPlan, parseMeasureStatus, type Measure, type MeasureStatus } from "../../src/core/actionPlan";
import { actionPlanInputSchema, validate } from "../../src/core/schemas";
import { readGolden } from "./goldenCsv";

const tkr = (n: number) => n * 1000;

/** Seed 002 (Gnesta delårsrapport 2021): the 22 measures of the åtgärdsplan, none with an amount ("(anges ej)"). */
function seedMeasures(): Measure[] {
  return readGolden("002_atgardsplan.csv").map((r) => {
    const status = parseMeasureStatus(r["Status"]);
    if (status.kind !== "value") throw new Error(`status ${r["Status"]}`);
    expect(r["Belopp tkr"]).toBe("(anges ej)");
    return {
      id: r["Nr"]!,
      owner: r["Ansvar (prefix)"]!,
      description: r["Åtgärd (råtext)"]!,
      status: status.value,
      comment: r["Kommentar"],
      includedInForecast: false,
      yearFrom: Number(r["År från"]),
      yearTo: Number(r["År till"]),
    };
  });
}

/** Seed 002, 002_textbelopp.csv "Nämnden, Prognos helår (avvikelse)": -9 030 tkr. */
function seedForecastVariance(): number {
  const row = readGolden("002_textbelopp.csv").find(
    (r) => r["Avsnitt"] === "Nämnden" && r["Post"] === "Prognos helår (avvikelse)",
  );
  return tkr(Number(row!["Belopp (tkr, + = överskott/gynnsamt)"]));
}

describe("åtgärdsplan, seed 002 (Gnesta 2021)", () => {
  const measures = seedMeasures();
  const result = calculateActionPlan({ year: 2021, forecastVariance: seedForecastVariance(), measures });

  it("counts the 22 measures per status as the seed writes them", () => {
    expect(measures).toHaveLength(22);
    const counts = Object.fromEntries(result.byStatus.map((s) => [s.label, s.count]));
    // Påbörjat 11, Genomfört 5, Ej påbörjat 5, Ej genomfört 1.
    expect(counts).toEqual({ "Ej påbörjad": 5, Påbörjad: 11, Genomförd: 5, "Ej genomförd": 1 });
    expect(result.total.count).toBe(22);
  });

  it("counts per owner in the plan's order: FL 4, SOV 6, AoB 5, ÄFH 7", () => {
    expect(result.byOwner.map((o) => [o.owner, o.count])).toEqual([
      ["FL", 4],
      ["SOV", 6],
      ["AoB", 5],
      ["ÄFH", 7],
    ]);
  });

  it("lists all 22 measures as without a quantified effect: the seed's very gap", () => {
    expect(result.unquantified).toHaveLength(22);
    expect(result.unquantified[0]).toBe("1");
    expect(result.total.unquantified).toBe(22);
    expect(result.total.planned).toBe(0);
    expect(result.byOwner.find((o) => o.owner === "ÄFH")!.unquantified).toBe(7);
  });

  it("leaves the whole forecast deficit of -9 030 tkr as the gap to budget i balans", () => {
    expect(result.forecastVariance).toBe(-9_030_000);
    expect(result.effectNotInForecast).toBe(0);
    expect(result.varianceAfterMeasures).toBe(-9_030_000);
    expect(result.remainingGap).toBe(9_030_000);
  });

  it("keeps measure 13 (Ej genomfört: HAB-ersättningen kept) as notDone", () => {
    expect(measures.find((m) => m.id === "13")!.status).toBe("notDone");
  });
});

describe("åtgärdsplan, hand-computed effects", () => {
  const base = { description: "Åtgärd", includedInForecast: false } as const;
  const measures: Measure[] = [
    // Vakanshållning: 1 200 tkr planned, 700 realised, 1 000 forecast, already in the units' forecast.
    {
      ...base,
      id: "A",
      owner: "FL",
      status: "started",
      plannedEffect: tkr(1200),
      realisedEffect: tkr(700),
      forecastEffect: tkr(1000),
      includedInForecast: true,
    },
    // Hemmaplanslösningar: 2 000 planned, 0 realised, 1 500 forecast, not in the forecast yet.
    { ...base, id: "B", owner: "SOV", status: "notStarted", plannedEffect: tkr(2000), forecastEffect: tkr(1500) },
    // HAB-ersättningen: decided against, its 800 must not count.
    { ...base, id: "C", owner: "AoB", status: "notDone", plannedEffect: tkr(800), forecastEffect: tkr(800) },
    // Schemaläggning: done, 600 planned, 450 realised, 600 forecast, not in the forecast.
    {
      ...base,
      id: "D",
      owner: "ÄFH",
      status: "done",
      plannedEffect: tkr(600),
      realisedEffect: tkr(450),
      forecastEffect: tkr(600),
    },
    // Not quantified at all.
    { ...base, id: "E", owner: "ÄFH", status: "started" },
  ];
  const result = calculateActionPlan({ year: 2021, forecastVariance: tkr(-3000), measures });

  it("adds only the forecast effect of measures not in the forecast and not Ej genomförd", () => {
    // -3 000 + 1 500 (B) + 600 (D); A is in the forecast already, C is Ej genomförd.
    expect(result.effectInForecast).toBe(tkr(1000));
    expect(result.effectNotDone).toBe(tkr(800));
    expect(result.effectNotInForecast).toBe(tkr(2100));
    expect(result.varianceAfterMeasures).toBe(tkr(-900));
    expect(result.remainingGap).toBe(tkr(900));
  });

  it("sums planned, realised and forecast effects over all measures, unknown left out", () => {
    expect(result.total).toEqual({
      count: 5,
      planned: tkr(4600),
      realised: tkr(1150),
      forecast: tkr(3900),
      unquantified: 1,
    });
    expect(result.unquantified).toEqual(["E"]);
    const afh = result.byOwner.find((o) => o.owner === "ÄFH")!;
    expect(afh).toEqual({
      owner: "ÄFH",
      count: 2,
      planned: tkr(600),
      realised: tkr(450),
      forecast: tkr(600),
      unquantified: 1,
    });
    const started = result.byStatus.find((s) => s.status === "started")!;
    expect([started.count, started.planned, started.forecast]).toEqual([2, tkr(1200), tkr(1000)]);
  });

  it("reports no gap once the measures reach budget i balans", () => {
    const balanced = calculateActionPlan({ year: 2021, forecastVariance: tkr(-2000), measures });
    expect(balanced.varianceAfterMeasures).toBe(tkr(100));
    expect(balanced.remainingGap).toBe(0);
  });

  it("counts an effect marked as in the forecast only once, however large", () => {
    const inForecast = calculateActionPlan({
      year: 2021,
      forecastVariance: tkr(-500), // already includes A's 1 000
      measures: [measures[0]!],
    });
    expect(inForecast.varianceAfterMeasures).toBe(tkr(-500));
    expect(inForecast.remainingGap).toBe(tkr(500));
  });

  it("refuses a plan with the same id twice", () => {
    expect(() =>
      calculateActionPlan({ year: 2021, forecastVariance: 0, measures: [measures[0]!, measures[0]!] }),
    ).toThrow(expect.objectContaining({ problems: [{ code: "duplicateMeasure", id: "A" }] }));
  });
});

describe("parseMeasureStatus", () => {
  const cases: Array<[string, MeasureStatus]> = [
    ["Påbörjat", "started"],
    ["Påbörjad", "started"],
    ["Genomfört", "done"],
    ["Genomförd", "done"],
    ["Ej påbörjat", "notStarted"],
    [" ej  Påbörjad ", "notStarted"],
    ["Ej genomfört", "notDone"],
    ["Ej genomförd", "notDone"],
    ["Avslagen", "notDone"],
  ];
  it.each(cases)("reads %s", (text, status) => {
    expect(parseMeasureStatus(text)).toEqual({ kind: "value", value: status });
  });

  it("gives empty for a blank cell and a Swedish error otherwise", () => {
    expect(parseMeasureStatus("  ")).toEqual({ kind: "empty" });
    expect(parseMeasureStatus(undefined)).toEqual({ kind: "empty" });
    expect(parseMeasureStatus("Klar snart")).toEqual({
      kind: "error",
      message:
        '"Klar snart" är ingen status för en åtgärd: förväntade Ej påbörjad, Påbörjad, Genomförd, Ej genomförd eller Avslagen.',
    });
  });
});

describe("åtgärdsplan, the bundled example (examples/data/atgardsplan-gnesta-2021.json)", () => {
  type Row = Record<string, string | number | null>;
  const doc = JSON.parse(
    readFileSync(new URL("../../examples/data/atgardsplan-gnesta-2021.json", import.meta.url), "utf8"),
  ) as {
    forecastVarianceTkr: number;
    rows: Row[];
  };
  const amount = (v: string | number | null | undefined) => (typeof v === "number" ? tkr(v) : undefined);
  const measures: Measure[] = doc.rows.map((r) => {
    const status = parseMeasureStatus(r["Status"]);
    if (status.kind !== "value") throw new Error(String(r["Status"]));
    return {
      id: String(r["Nr"]),
      owner: String(r["Ägare"]),
      description: String(r["Åtgärd"]),
      status: status.value,
      plannedEffect: amount(r["Planerad effekt helår (tkr)"]),
      realisedEffect: amount(r["Realiserad effekt hittills (tkr)"]),
      forecastEffect: amount(r["Prognos effekt helår (tkr)"]),
      includedInForecast: r["Ingår i prognos"] === "Ja",
      comment: r["Kommentar"] ?? undefined,
    } as Measure;
  });

  it("keeps the seed's 22 measures, owners, statuses and comments", () => {
    const seed = seedMeasures();
    expect(measures.map((m) => [m.id, m.owner, m.status, m.comment])).toEqual(
      seed.map((m) => [m.id, m.owner, m.status, m.comment]),
    );
    expect(
      validate(actionPlanInputSchema, { year: 2021, forecastVariance: tkr(doc.forecastVarianceTkr), measures }).ok,
    ).toBe(true);
  });

  it("leaves 6 530 tkr to budget i balans with the example's effects", () => {
    const r = calculateActionPlan({ year: 2021, forecastVariance: tkr(doc.forecastVarianceTkr), measures });
    expect(r.unquantified).toEqual(["3", "7", "14", "15", "19"]);
    expect(r.total.planned).toBe(tkr(17_750));
    expect(r.total.realised).toBe(tkr(4_040));
    expect(r.total.forecast).toBe(tkr(8_650)); // 6 150 in the forecast + 2 500 not yet + 0 Ej genomförd
    expect(r.effectInForecast).toBe(tkr(6_150));
    expect(r.effectNotInForecast).toBe(tkr(2_500));
    expect(r.effectNotDone).toBe(0);
    expect(r.remainingGap).toBe(tkr(6_530));
  });
});
