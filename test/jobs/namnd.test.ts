/**
 * The commentary job: at month 12 the year-end sentence, during the year the forecast compared with the earlier
 * forecast named by its month. Seed 000 (Herrljunga bokslut 2021, 000_organisatorisk_fordelning.csv).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calculatePrognosis, type PrognosisInput } from "../../src/core/prognosis";
import { DEFAULT_SETTINGS, type ReadSettings } from "../../src/input/settings";
import { prognosisJob } from "../../src/jobs/calculators";
import { commentaryJob, fullReport, namndReport } from "../../src/jobs/namnd";
import { reportMeta, startJob, type JobRun } from "../../src/jobs/run";
import { memoryReader } from "../input/helpers";

/** Budget and utfall 2021 (tkr) of the areas of seed 000, by row name. */
const seed000 = new Map(
  readFileSync(new URL("../fixtures/golden/000_organisatorisk_fordelning.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","))
    .map((c) => [c[0]!, { budget: Number(c[3]), actual: Number(c[4]) }] as const),
);
const AREAS = ["Vård och omsorg", "Individ och familjeomsorg"];

function input(month: number, withPrevious: boolean): PrognosisInput {
  const rows = AREAS.map((name) => ({ name, ...seed000.get(name)! }));
  return {
    year: 2021,
    month,
    costCentres: rows.map((r) => ({ key: r.name, name: r.name })),
    budgets: rows.map((r) => ({ costCentre: r.name, annual: r.budget * 1000 })),
    // The year's outcome booked in the months so far (all of it at month 12); the printed variance is B - U,
    // except Vård och omsorg, printed 7 990 where B - U = 7 989 (000 testfall): the sentence uses the printed figure.
    actuals: rows.map((r) => ({
      costCentre: r.name,
      period: `2021-${String(month).padStart(2, "0")}`,
      amount: (r.actual - (r.name === "Vård och omsorg" ? 1 : 0)) * 1000,
    })),
    forecasts: rows.map((r) => ({
      costCentre: r.name,
      forecast: (r.actual - (r.name === "Vård och omsorg" ? 1 : 0)) * 1000,
      method: "entered" as const,
    })),
    ...(withPrevious
      ? {
          previousForecasts: rows.map((r) => ({
            costCentre: r.name,
            forecast: r.budget * 1000 - 500_000,
            method: "entered" as const,
          })),
        }
      : {}),
    proposalMethod: "phasedBudgetPlusVariance",
  };
}

function run(overrides: Partial<ReadSettings> = {}): JobRun {
  const settings: ReadSettings = { ...DEFAULT_SETTINGS, year: 2021, month: 12, ...overrides };
  return { scan: { sheets: [], errors: [], warnings: [] }, settings, meta: reportMeta("test", settings) };
}

describe("commentary job at year end (seed 000)", () => {
  it("writes the year-end sentence at month 12", () => {
    const { texts } = commentaryJob(run(), calculatePrognosis(input(12, false)));
    expect(texts["Vård och omsorg"]).toBe("Vård och omsorg redovisade ett överskott på 7 990 tkr.");
    expect(texts["Individ och familjeomsorg"]).toBe(
      "Individ och familjeomsorg redovisade ett underskott på 1 059 tkr.",
    );
    expect(texts.total).toBe("Socialnämnden redovisade ett överskott på 6 931 tkr.");
  });

  it("reconciles the verksamheter and the ansvar's variances, summed one by one, with the nämnd's line under the sheet", () => {
    const result = calculatePrognosis(input(12, false));
    const [sheet] = commentaryJob(run(), result).layouts;
    // Two verksamheter, each an ansvar: 7 990 - 1 059 = 6 931 tkr, the nämnd's line.
    expect(sheet!.notes.at(-1)!.text).toBe(
      "Avstämning: 2 verksamheter i utfallet = 2 här; årets resultat summerad per ansvar 6 931 tkr = nämndens rad 6 931 tkr.",
    );
    // An ansvar (500 tkr överskott) that the nämnd's total does not carry is called out: the check can fail.
    const lost = {
      ...result,
      rows: [...result.rows, { ...result.rows[0]!, key: "Ny enhet", name: "Ny enhet", varianceFullYear: 500_000 }],
    };
    expect(commentaryJob(run(), lost).layouts[0]!.notes.at(-1)!.text).toBe(
      "Avstämning: 3 verksamheter i utfallet = 3 här; årets resultat summerad per ansvar 7 431 tkr ≠ nämndens rad 6 931 tkr. AVVIKELSE: kontrollera indata, något saknas i rapporten.",
    );
  });

  it("names the previous year's result when it is known, and not the previous forecast", () => {
    const previousYear = { "Vård och omsorg": 3_200_000, "Individ och familjeomsorg": -5_600_000 };
    const { texts } = commentaryJob(run({ previousForecastMonth: 8 }), calculatePrognosis(input(12, true)), {
      previousYear,
    });
    expect(texts["Vård och omsorg"]).toBe(
      "Vård och omsorg redovisade ett överskott på 7 990 tkr (överskott 3 200 tkr föregående år).",
    );
    expect(texts["Individ och familjeomsorg"]).toBe(
      "Individ och familjeomsorg redovisade ett underskott på 1 059 tkr (underskott 5 600 tkr föregående år).",
    );
    expect(texts.total).toBe("Socialnämnden redovisade ett överskott på 6 931 tkr.");
  });
});

describe("commentary job during the year", () => {
  it("names the month of the earlier forecast from the setting Föregående prognos", () => {
    const { texts } = commentaryJob(run({ month: 8, previousForecastMonth: 7 }), calculatePrognosis(input(8, true)));
    expect(texts["Individ och familjeomsorg"]).toBe(
      "Individ och familjeomsorg prognostiserar ett underskott på 1 059 tkr för helåret (överskott 500 tkr i prognosen i juli).",
    );
  });

  it("takes the month from the caller (the forecast history) before the setting", () => {
    const { texts } = commentaryJob(run({ month: 8, previousForecastMonth: 7 }), calculatePrognosis(input(8, true)), {
      previousMonth: 4,
    });
    expect(texts["Vård och omsorg"]).toBe(
      "Vård och omsorg prognostiserar ett överskott på 7 990 tkr för helåret (överskott 500 tkr i prognosen i april).",
    );
  });
});

describe("the setting Gräns oförklarat", () => {
  /** IFO's variance -100 tkr, of which -85 tkr explained: 15 % unexplained. */
  const workbook = memoryReader({
    Budget: [
      ["Ansvar", "Benämning", "Budget helår (tkr)"],
      ["42", "Individ och familjeomsorg", 1000],
    ],
    Utfall: [
      ["Ansvar", "Konto", "Period", "Belopp"],
      ["42", 4010, "2021-08", 700_000],
    ],
    Prognos: [
      ["Ansvar", "Prognos helår (tkr)"],
      ["42", 1100],
    ],
    Förklaringar: [
      ["Ansvar", "Förklaring", "Belopp (tkr)"],
      ["42", "Placeringar barn och unga", -85],
    ],
  });

  it("flags the unexplained part above the share the settings give (default 20 %)", async () => {
    const flagged = async (overrides: Partial<ReadSettings>) => {
      const s: ReadSettings = { ...DEFAULT_SETTINGS, year: 2021, month: 8, ...overrides };
      const run = await startJob(workbook, s, "test");
      const p = prognosisJob(run);
      if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
      const report = namndReport(run, p.value.result);
      if (!report.ok) throw new Error(report.errors.map((e) => e.message).join("\n"));
      const e = report.value.explanations![0]!;
      return [e.unexplained, e.unexplainedShare, e.flagged];
    };
    expect(await flagged({})).toEqual([-15_000, 0.15, false]);
    expect(await flagged({ maxUnexplainedShare: 0.1 })).toEqual([-15_000, 0.15, true]);
  });
});

describe("the earlier forecast's month from the forecast history", () => {
  it("names the latest saved month before this one when no month is given", () => {
    const history = AREAS.map((name) => ({
      year: 2021,
      month: 4,
      costCentre: name,
      forecast: 0,
      method: "entered" as const,
      savedAt: "2021-05-10T08:00:00",
    }));
    const r: JobRun = { ...run({ month: 8 }), history };
    const { texts } = commentaryJob(r, calculatePrognosis(input(8, true)));
    expect(texts["Vård och omsorg"]).toBe(
      "Vård och omsorg prognostiserar ett överskott på 7 990 tkr för helåret (överskott 500 tkr i prognosen i april).",
    );
  });
});

describe("the sheet Resultat fg år at year end", () => {
  // Seed 000's areas at month 12; last year's results typed by a controller (tkr, + = överskott).
  const sheets = (previous: (string | number | null)[][]) =>
    memoryReader({
      Budget: [["Ansvar", "Budget helår (tkr)"], ...AREAS.map((name) => [name, seed000.get(name)!.budget])],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ...AREAS.map((name) => [
          name,
          4010,
          "2021-12",
          (seed000.get(name)!.actual - (name === "Vård och omsorg" ? 1 : 0)) * 1000,
        ]),
      ],
      "Resultat fg år": [["Ansvar", "Resultat fg år (tkr)"], ...previous],
    });
  const report = async (previous: (string | number | null)[][]) => {
    const s: ReadSettings = { ...DEFAULT_SETTINGS, year: 2021, month: 12 };
    const r = await startJob(sheets(previous), s, "test");
    const p = prognosisJob(r);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
    return namndReport(r, p.value.result);
  };

  it("names each line's result of last year, and the nämnd's as the sum of its verksamheter", async () => {
    const n = await report([
      ["Vård och omsorg", "3 200"],
      ["Individ och familjeomsorg", -5600],
    ]);
    if (!n.ok) throw new Error(n.errors.map((e) => e.message).join("\n"));
    const { texts } = n.value.commentary;
    expect(texts["Vård och omsorg"]).toBe(
      "Vård och omsorg redovisade ett överskott på 7 990 tkr (överskott 3 200 tkr föregående år).",
    );
    expect(texts["Individ och familjeomsorg"]).toBe(
      "Individ och familjeomsorg redovisade ett underskott på 1 059 tkr (underskott 5 600 tkr föregående år).",
    );
    // 3 200 - 5 600 = -2 400 tkr.
    expect(texts.total).toBe(
      "Socialnämnden redovisade ett överskott på 6 931 tkr (underskott 2 400 tkr föregående år).",
    );
  });

  it("takes the nämnd's own line when given, and refuses an ansvar the prognosis does not have, naming its cell", async () => {
    const given = await report([
      ["Vård och omsorg", 3200],
      ["Socialnämnden", -1000],
    ]);
    if (!given.ok) throw new Error(given.errors.map((e) => e.message).join("\n"));
    expect(given.value.commentary.texts.total).toBe(
      "Socialnämnden redovisade ett överskott på 6 931 tkr (underskott 1 000 tkr föregående år).",
    );
    const bad = await report([
      ["Vård och omsorg", 3200],
      ["Hemtjänst", 100],
    ]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`)).toEqual([
      'Resultat fg år!A3: "Hemtjänst" finns inte i prognosen: förväntade ett ansvar eller en verksamhet från bladet Ansvar (kod, namn eller väg), eller Nämnden.',
    ]);
    const twice = await report([
      ["Vård och omsorg", 3200],
      ["Vård och omsorg", 100],
    ]);
    expect(twice.ok ? [] : twice.errors.map((e) => `${e.sheet}!${e.cell}: ${e.message}`)).toEqual([
      'Resultat fg år!A3: "Vård och omsorg" står två gånger (också i cell A2): förväntade ett resultat per ansvar.',
    ]);
  });
});

describe("the rapport without konton", () => {
  it("says why there is no resultaträkning", async () => {
    const workbook = memoryReader({
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        ["42", 1000],
      ],
      Utfall: [
        ["Ansvar", "Period", "Belopp"],
        ["42", "2021-08", 700_000],
      ],
    });
    const r = await startJob(workbook, { ...DEFAULT_SETTINGS, year: 2021, month: 8 }, "test");
    const report = fullReport(r);
    if (!report.ok) throw new Error(report.errors.map((e) => e.message).join("\n"));
    expect(report.value.incomeStatement).toBeUndefined();
    expect(report.warnings.map((w) => `${w.sheet}: ${w.message}`)).toContain(
      "Utfall: ingen resultaträkning: utfallet har inga konton; den kräver Konto på varje rad.",
    );
  });
});

describe("the reconciliation under every sheet of the rapport", () => {
  /** Hand-made: two ansvar with konton, two explanations and two projects, each input sheet with a pasted Summa row. */
  const workbook = memoryReader({
    Budget: [
      ["Ansvar", "Benämning", "Budget helår (tkr)"],
      ["41", "Förvaltningsledning", 1000],
      ["42", "Individ och familjeomsorg", 3000],
    ],
    Utfall: [
      ["Ansvar", "Konto", "Period", "Belopp"],
      ["41", 4010, "2021-08", 500_000],
      ["42", 4010, "2021-08", 2_400_000],
      ["42", 3010, "2021-08", -150_000],
    ],
    Prognos: [
      ["Ansvar", "Prognos helår (tkr)"],
      ["41", 900],
      ["42", 3400],
    ],
    Förklaringar: [
      ["Ansvar", "Förklaring", "Belopp (tkr)"],
      ["42", "Placeringar barn och unga", -300],
      ["42", "Vakanser", 50],
      ["Summa", null, -250],
    ],
    Investeringar: [
      [
        "Projekt",
        "Utförs av (egen/annan nämnd)",
        "Ursprungsbudget (tkr)",
        "Tillägg/ombudgetering (tkr)",
        "Utfall (tkr)",
      ],
      ["Inventarier", "egen", 500, "-", 417],
      ["Hotellås", "egen", 300, 63, 100],
      ["Summa", null, 800, 63, 517],
    ],
  });

  const notes = async () => {
    const r = await startJob(workbook, { ...DEFAULT_SETTINGS, year: 2021, month: 8 }, "test");
    const report = fullReport(r);
    if (!report.ok) throw new Error(report.errors.map((e) => e.message).join("\n"));
    return Object.fromEntries(
      report.value.layouts.map((l) => [l.name, l.notes.map((n) => n.text).filter((t) => t.startsWith("Avstämning"))]),
    );
  };

  it("states rows read = used + rejected and the input's totals = the report's, sheet by sheet", async () => {
    const bySheet = await notes();
    // Budget 1 000 + 3 000; utfall 500 + 2 400 - 150 = 2 750 tkr; 2 + 3 + 2 rows of Budget, Utfall and Prognos.
    expect(bySheet["Sammanfattning"]).toEqual([
      "Avstämning: 7 rader lästa = 7 använda + 0 avvisade; budget helår i indata 4 000 tkr = i rapporten 4 000 tkr; utfall t.o.m. perioden i indata 2 750 tkr = i rapporten 2 750 tkr.",
    ]);
    expect(bySheet["Resultaträkning"]).toEqual([
      "Avstämning: nettokostnad Utfall 2021-08 i indata 2 750 tkr = i rapporten 2 750 tkr.",
    ]);
    // Two ansvar, each a verksamhet: 1 000 - 900 + 3 000 - 3 400 = -300 tkr, the nämnd's line.
    expect(bySheet["Kommentarer"]).toEqual([
      "Avstämning: 2 verksamheter i prognosen = 2 här; avvikelse helår summerad per ansvar -300 tkr = nämndens rad -300 tkr.",
    ]);
    // The Summa rows are read and rejected (with a warning), never counted twice.
    expect(bySheet["Avvikelseförklaringar"]).toEqual([
      "Avstämning: 2 förklaringsposter i indata = 2 i rapporten; 3 rader lästa = 2 använda + 1 avvisade; förklarat belopp i indata -250 tkr = i rapporten -250 tkr.",
    ]);
    expect(bySheet["Investeringsuppföljning"]).toEqual([
      "Avstämning: 2 projekt; 3 rader lästa = 2 använda + 1 avvisade; summa budget i indata 863 tkr = i rapporten 863 tkr; utfall i indata 517 tkr = i rapporten 517 tkr.",
    ]);
  });
});
