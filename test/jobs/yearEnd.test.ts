/**
 * The bokslut (year-end report): at Månad 12, or with Rapporttyp = Bokslut, every sheet and sentence speaks of
 * the year's outcome ("redovisade", "Utfall helår", "Årets resultat", explanations "mot budget"), nothing is
 * forecast (the outcome is the year), and the accuracy sheet compares each month's submitted forecast, from the
 * forecast history, with the year's outcome. Rapporttyp = Delår at month 12 keeps the forecast's wording.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { historySheets } from "../../src/jobs/history";
import { fullReport } from "../../src/jobs/namnd";
import { startJob } from "../../src/jobs/run";
import { DEFAULT_SETTINGS, readSettings, type ReadSettings } from "../../src/input/settings";
import type { ForecastHistoryRow } from "../../src/core/forecastHistory";
import { ACCURACY_SHEET } from "../../src/report/forecastHistory";
import { layoutCells, type SheetLayout } from "../../src/report/layout";
import { SheetsReader } from "../../src/cli/source";
import { ExcelJsReader } from "../../src/workbook/exceljs/reader";
import { parseArgs } from "../../src/cli/args";
import { memoryReader } from "../input/helpers";

const SJOBACKA = fileURLToPath(new URL("../../examples/sjobacka-bokslut-2023.xlsx", import.meta.url));
const HERRLJUNGA = fileURLToPath(new URL("../../examples/herrljunga-2021.xlsx", import.meta.url));

async function report(
  file: string,
  overrides: Partial<ReadSettings> = {},
  history: readonly ForecastHistoryRow[] = [],
) {
  const reader = await SheetsReader.snapshot(await ExcelJsReader.fromFile(file));
  const read = await readSettings(reader);
  const run = {
    ...(await startJob(reader, { ...DEFAULT_SETTINGS, ...read.settings, ...overrides } as ReadSettings, "test")),
    history,
  };
  const r = fullReport(run);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return {
    ...r.value,
    all: [...r.value.layouts, ...historySheets(r.value.prognosis.result, history, r.value.prognosis.meta)],
  };
}

/** Every text a reader of a visible sheet sees: title, meta lines, headers, text cells and notes. */
const visibleTexts = (l: SheetLayout): string[] => [
  l.title,
  ...layoutCells(l).flatMap((c) => (typeof c.value === "string" ? [c.value] : [])),
];

/** The forecast's wording, which a bokslut must not use (the accuracy sheet speaks of the forecasts it measures). */
const FORECAST_WORDING =
  /prognos(tiserar|en för helåret)|prognos helår|helårsprognos|avvikelse helår|utfall\/prognos|prognosmetod/i;

describe("the bokslut: Månad 12 of the names-only example (Sjöbacka 2023)", () => {
  let r: Awaited<ReturnType<typeof report>>;
  beforeAll(async () => {
    r = await report(SJOBACKA);
  });

  it("is the year end: every ansvar's figure for the year is its outcome, nothing is forecast or proposed", () => {
    const { result } = r.prognosis;
    expect(result.yearEnd).toBe(true);
    for (const row of result.rows) expect(row.forecast, row.name).toBe(row.actual);
    expect(result.rows.filter((x) => x.isLeaf).every((x) => x.forecastMethod === "outcome")).toBe(true);
  });

  it("uses the bokslut's wording on every visible sheet: no forecast, no 'Prognosen för helåret'", () => {
    const leaks = r.all
      .filter((l) => !l.hidden && l.name !== ACCURACY_SHEET)
      .flatMap((l) =>
        visibleTexts(l)
          .filter((t) => FORECAST_WORDING.test(t))
          .map((t) => `${l.name}: ${t}`),
      );
    expect(leaks).toEqual([]);
    const sheet = (name: string) => r.all.find((l) => l.name === name)!;
    expect(sheet("Prognos per ansvar").title).toBe("Utfall per ansvar 2023, bokslut (tkr)");
    expect(sheet("Prognos per ansvar").tables[0]!.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(["Utfall helår", "Årets resultat"]),
    );
    expect(sheet("Sammanfattning").title).toBe("Sammanfattning för nämnden: bokslut 2023");
    expect(sheet("Sammanfattning").notes[0]!.text).toMatch(
      /^Årets resultat är ett (underskott|överskott) på [\d ]+ tkr/,
    );
    expect(sheet("Avvikelseförklaringar").title).toBe("Förklaringar till avvikelser mot budget 2023 (bokslut)");
    expect(sheet("Kommentarer").title).toBe("Kommentarer till årets resultat 2023");
    expect(Object.values(r.namnd.commentary.texts).every((t) => t.includes(" redovisade "))).toBe(true);
  });

  it("Rapporttyp = Delår at month 12 keeps the forecast's wording", async () => {
    const interim = await report(SJOBACKA, { reportKind: "interim" });
    expect(interim.prognosis.result.yearEnd).toBe(false);
    expect(interim.namnd.commentary.texts.total).toMatch(/^Socialnämnden prognostiserar /);
  });
});

describe("Rapporttyp = Bokslut switches a report of another month to the bokslut", () => {
  it("Herrljunga's August with Rapporttyp Bokslut: 'redovisade', no forecast", async () => {
    const r = await report(HERRLJUNGA, { reportKind: "yearEnd" });
    expect(r.prognosis.result.yearEnd).toBe(true);
    expect(r.namnd.commentary.texts.total).toMatch(/^Socialnämnden redovisade /);
    expect(r.prognosis.result.total.forecast).toBe(r.prognosis.result.total.actual);
  });
});

describe("the bokslut of a workbook with volumes (Herrljunga's at Månad 12)", () => {
  it("words every visible sheet for the bokslut, the volume sheet too", async () => {
    const r = await report(HERRLJUNGA, { month: 12 });
    const volume = r.all.find((l) => l.name === "Volymbudget")!;
    expect(volume.title).toBe("Volymbudget 2021, bokslut (belopp i tkr)");
    expect(volume.tables[0]!.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(["Kostnad helår", "Årets resultat"]),
    );
    const leaks = r.all
      .filter((l) => !l.hidden && l.name !== ACCURACY_SHEET && l.name !== "Åtgärdsplan")
      .flatMap((l) =>
        visibleTexts(l)
          .filter((t) => FORECAST_WORDING.test(t))
          .map((t) => `${l.name}: ${t}`),
      );
    expect(leaks).toEqual([]);
  });
});

describe("forecast accuracy in the bokslut: each month's submitted forecast against the year's outcome", () => {
  it("compares the units' own forecasts month by month, never a method's proposal", async () => {
    const plain = await report(SJOBACKA);
    const outcome = (name: string) => plain.prognosis.result.rows.find((x) => x.name === name)!;
    const barn = outcome("Barn och unga");
    const ek = outcome("Ekonomiskt bistånd");
    const saved = (
      month: number,
      key: string,
      forecast: number,
      method: ForecastHistoryRow["method"],
    ): ForecastHistoryRow => ({ year: 2023, month, costCentre: key, forecast, method, savedAt: `2023-${month}-10` });
    const history = [
      saved(4, barn.key, barn.actual - 4_000_000, "entered"),
      saved(8, barn.key, barn.actual - 1_000_000, "entered"),
      saved(4, ek.key, ek.actual + 500_000, "entered"),
      // A method's proposal is not the unit's forecast: left out.
      saved(8, ek.key, 1, "runRate"),
    ];
    const r = await report(SJOBACKA, {}, history);
    const sheet = r.all.find((l) => l.name === ACCURACY_SHEET)!;
    const table = sheet.tables[0]!;
    expect(table.columns.map((c) => c.header)).toEqual([
      "Ansvar",
      "Benämning",
      "Prognosmånader",
      "Utfall helår",
      "Prognos april - utfall",
      "Prognos augusti - utfall",
      "Medelavvikelse prognos mot utfall",
      "Medelavvikelse i % av utfall",
    ]);
    const row = (key: string) => table.rows.find((x) => x.cells[0]!.value === key)!.cells.map((c) => c.value);
    expect(row(barn.key).slice(2, 7)).toEqual(["4, 8", barn.actual, -4_000_000, -1_000_000, 2_500_000]);
    expect(row(ek.key).slice(2, 7)).toEqual(["4", ek.actual, 500_000, null, 500_000]);
    // The history keeps the units' forecasts; the bokslut adds none of its own.
    const saved12 = r.all.find((l) => l.name === "Budgetkoll_prognoshistorik")!.tables[0]!.rows;
    expect(saved12).toHaveLength(4);
  });
});

describe("the setting Rapporttyp and --rapporttyp", () => {
  it("reads Bokslut and Delår from Inställningar, and names a value it does not know", async () => {
    const kind = async (value: string) => {
      const out = await readSettings(
        memoryReader({
          Inställningar: [
            ["Inställning", "Värde"],
            ["Rapporttyp", value],
          ],
        }),
      );
      return { kind: out.settings.reportKind, errors: out.errors.map((e) => e.message) };
    };
    expect(await kind("Bokslut")).toEqual({ kind: "yearEnd", errors: [] });
    expect(await kind("Delårsrapport")).toEqual({ kind: "interim", errors: [] });
    expect((await kind("Kvartal")).errors).toEqual([
      '"Kvartal" är inte ett värde för Rapporttyp: förväntade Bokslut eller Delår.',
    ]);
  });

  it("takes --rapporttyp bokslut or delar on the command line", () => {
    const parsed = parseArgs(["rapport", "bok.xlsx", "--rapporttyp", "bokslut"]);
    expect(parsed.ok && parsed.options.reportKind).toBe("yearEnd");
    const bad = parseArgs(["rapport", "bok.xlsx", "--rapporttyp", "kvartal"]);
    expect(!bad.ok && bad.problems).toEqual(["--rapporttyp kvartal: välj bokslut eller delar."]);
  });
});
