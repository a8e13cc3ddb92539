/**
 * The forecast history in a run: month 7's forecasts are saved in the hidden history sheet of the
 * report workbook, month 8 reads them back as the previous forecast (the example workbook has no "Prognos
 * föregående" sheet), and at month 12 each ansvar's forecast accuracy gets its own sheet.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { exampleSeed } from "../e2e/seed";
import type { Seed } from "../fakes/excel";
import { prognosisJob } from "../../src/jobs/calculators";
import { historySheets, readHistory } from "../../src/jobs/history";
import { startJob } from "../../src/jobs/run";
import { DEFAULT_SETTINGS } from "../../src/input/settings";
import { ACCURACY_SHEET, buildForecastHistorySheet, FORECAST_HISTORY_SHEET } from "../../src/report/forecastHistory";
import { ExcelJsReader } from "../../src/workbook/exceljs/reader";
import { ExcelJsWriter } from "../../src/workbook/exceljs/writer";
import type { SheetLayout } from "../../src/report/layout";
import type { SheetData, WorkbookReader } from "../../src/workbook/types";

function reader(seed: Seed): WorkbookReader {
  const sheet = (name: string): SheetData => ({
    sheet: name,
    origin: { row: 0, column: 0 },
    values: seed[name]! as SheetData["values"],
  });
  return {
    sheetNames: async () => Object.keys(seed),
    tables: async () => [],
    readSheet: async (name) => sheet(name),
    readTable: async (name) => sheet(name),
  };
}

/** The example workbook with some forecasts (tkr, as entered) changed. */
function withForecasts(seed: Seed, changed: Record<string, number>): Seed {
  return {
    ...seed,
    Prognos: seed.Prognos!.map((r) =>
      typeof r[0] === "string" && r[0] in changed ? [r[0], changed[r[0]]!, ...r.slice(2)] : r,
    ),
  };
}

/** One month's run: the prognosis with the report workbook's history, then the history sheets written to it. */
async function runMonth(seed: Seed, month: number, report: ExcelJS.Workbook) {
  const saved = await readHistory(new ExcelJsReader(report));
  expect(saved.warnings).toEqual([]);
  const run = {
    ...(await startJob(reader(seed), { ...DEFAULT_SETTINGS, year: 2021, month }, "test")),
    history: saved.rows,
  };
  const p = prognosisJob(run);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("; "));
  const layouts = historySheets(p.value.result, saved.rows, run.meta);
  await new ExcelJsWriter(report).writeSheets(layouts, { onEdited: "fail" });
  return { result: p.value.result, prognosis: p.value.layout, layouts, meta: run.meta };
}

/** The example workbook with a forecast (tkr, as entered) on the parent ansvar 44 itself, beside its children's. */
function withOwnForecast(seed: Seed, sheet: string, forecast: number): Seed {
  return { ...seed, [sheet]: [...seed.Prognos!, ["44", forecast, "Gemensamma kostnader för vård och omsorg"]] };
}

/** The cells of a prognosis sheet row named `name` (the first of that kind). */
function prognosisCells(layout: SheetLayout, kind: string, name: string) {
  const table = layout.tables[0]!;
  const nameAt = table.columns.findIndex((c) => c.id === "name");
  const row = table.rows.find((r) => r.kind === kind && r.cells[nameAt]?.value === name)!;
  return (id: string) => row.cells[table.columns.findIndex((c) => c.id === id)]!.value;
}

let seed: Seed;
beforeAll(async () => {
  seed = await exampleSeed();
});

describe("forecast history", () => {
  it("gives month 8 the change against month 7's forecasts, per ansvar and summed", async () => {
    const report = new ExcelJS.Workbook();
    const july = await runMonth(seed, 7, report);
    expect(july.result.rows.every((r) => r.previousForecast === undefined)).toBe(true);
    expect(july.layouts.map((l) => l.name)).toEqual([FORECAST_HISTORY_SHEET]);
    // 461 raises its forecast by 500 tkr, 421 lowers it by 300 tkr.
    const august = await runMonth(withForecasts(seed, { "461": 16_893, "421": 24_361 }), 8, report);
    const change = new Map(august.result.rows.map((r) => [r.key, r.forecastChange]));
    const previous = new Map(august.result.rows.map((r) => [r.key, r.previousForecast]));
    expect(previous.get("461")).toBe(16_393_000);
    expect(change.get("461")).toBe(500_000);
    expect(change.get("421")).toBe(-300_000);
    expect(change.get("440")).toBe(0);
    expect(change.get("46")).toBe(500_000);
    expect(change.get("42")).toBe(-300_000);
    expect(august.result.total.forecastChange).toBe(200_000);

    // The history keeps month 7 and adds month 8: 18 ansvar each; running month 8 again replaces its rows.
    const saved = await readHistory(new ExcelJsReader(report));
    expect(saved.rows.filter((r) => r.month === 7)).toHaveLength(18);
    expect(saved.rows.filter((r) => r.month === 8)).toHaveLength(18);
    expect(saved.rows.find((r) => r.month === 8 && r.costCentre === "461")?.forecast).toBe(16_893_000);
    await runMonth(seed, 8, report);
    const again = await readHistory(new ExcelJsReader(report));
    expect(again.rows).toHaveLength(36);
    expect(again.rows.find((r) => r.month === 8 && r.costCentre === "461")?.forecast).toBe(16_393_000);
    expect(report.getWorksheet(FORECAST_HISTORY_SHEET)?.state).toBe("hidden");
  });

  it("saves a parent's own forecast, so next month its change counts in the parent and the total", async () => {
    const report = new ExcelJS.Workbook();
    // 44 forecasts 500 tkr on itself in April and 900 tkr in May; every other ansvar is unchanged.
    await runMonth(withOwnForecast(seed, "Prognos", 500), 4, report);
    const saved = await readHistory(new ExcelJsReader(report));
    expect(saved.rows.filter((r) => r.month === 4)).toHaveLength(19);
    expect(saved.rows.find((r) => r.costCentre === "44")).toMatchObject({
      month: 4,
      forecast: 500_000,
      method: "entered",
      comment: "Gemensamma kostnader för vård och omsorg",
    });
    const may = await runMonth(withOwnForecast(seed, "Prognos", 900), 5, report);
    expect(may.result.rows.find((r) => r.key === "44")).toMatchObject({
      forecastChange: 400_000,
      ownForecastChange: 400_000,
    });
    expect(may.result.rows.find((r) => r.key === "440")?.forecastChange).toBe(0);
    expect(may.result.total.forecastChange).toBe(400_000);
    // On the sheet: the parent's own line and its subtotal show 400 tkr worse (-400, the avvikelse sense).
    expect(prognosisCells(may.prognosis, "data", "Vård och omsorg (bokat direkt på ansvaret)")("forecastChange")).toBe(
      -400_000,
    );
    expect(prognosisCells(may.prognosis, "subtotal", "Vård och omsorg")("forecastChange")).toBe(-400_000);
    // Its accuracy is that of its own part: nothing is booked on 44 itself, so 500 and 900 tkr (month by month) miss by 700 tkr.
    const history = await readHistory(new ExcelJsReader(report));
    const accuracy = historySheets(may.result, history.rows, may.meta, { accuracy: true })[1]!.tables[0]!.rows.map(
      (r) => r.cells.map((c) => c.value),
    );
    expect(accuracy.find((r) => r[0] === "44")).toEqual([
      "44",
      "Vård och omsorg (bokat direkt på ansvaret)",
      "4, 5",
      0,
      500_000,
      900_000,
      700_000,
      null,
    ]);
  });

  it("still reads a history saved with the lowest level only: a parent's own part then counts as unchanged", async () => {
    const report = new ExcelJS.Workbook();
    await runMonth(withOwnForecast(seed, "Prognos", 500), 4, report);
    // April's sheet as it was written before: its 18 ansvar at the lowest level, 44's own 500 tkr not saved.
    const leavesOnly = (await readHistory(new ExcelJsReader(report))).rows.filter((r) => r.costCentre !== "44");
    expect(leavesOnly).toHaveLength(18);
    await new ExcelJsWriter(report).writeSheets([buildForecastHistorySheet(leavesOnly)], { onEdited: "replace" });
    expect((await readHistory(new ExcelJsReader(report))).rows).toEqual(leavesOnly);
    const may = await runMonth(withOwnForecast(seed, "Prognos", 900), 5, report);
    expect(may.result.rows.find((r) => r.key === "44")).toMatchObject({
      forecastChange: 0,
      ownForecastChange: undefined,
    });
    expect(may.result.total.forecastChange).toBe(0);
  });

  it("takes a parent's own previous forecast from a 'Prognos föregående' sheet the same way", async () => {
    const report = new ExcelJS.Workbook();
    const may = await runMonth(
      {
        ...withOwnForecast(seed, "Prognos", 900),
        "Prognos föregående": withOwnForecast(seed, "Prognos", 500).Prognos!,
      },
      5,
      report,
    );
    expect(may.result.rows.find((r) => r.key === "44")).toMatchObject({
      forecastChange: 400_000,
      ownForecastChange: 400_000,
    });
    expect(may.result.total.forecastChange).toBe(400_000);
  });

  it("takes the previous forecast from a 'Prognos föregående' sheet when the workbook has one", async () => {
    const report = new ExcelJS.Workbook();
    await runMonth(seed, 7, report);
    const own = { ...seed, "Prognos föregående": seed.Prognos!.map((r) => (r[0] === "461" ? ["461", 15_000, ""] : r)) };
    const august = await runMonth(own, 8, report);
    expect(august.result.rows.find((r) => r.key === "461")?.forecastChange).toBe(1_393_000);
  });

  it("shows each ansvar's forecast accuracy at month 12: the submitted forecasts of each month against the year's outcome", async () => {
    const report = new ExcelJS.Workbook();
    await runMonth(seed, 7, report);
    await runMonth(withForecasts(seed, { "461": 16_893 }), 8, report);
    const december = await runMonth(seed, 12, report);
    expect(december.layouts.map((l) => l.name)).toEqual([FORECAST_HISTORY_SHEET, ACCURACY_SHEET]);
    const table = december.layouts[1]!.tables[0]!;
    const rows = table.rows.map((r) => r.cells.map((c) => c.value));
    // The bokslut is the outcome, no forecast: the accuracy is of July's and August's submitted forecasts, and
    // the history keeps those (no row of its own for December).
    expect(table.columns.map((c) => c.header).slice(3, 7)).toEqual([
      "Utfall helår",
      "Prognos juli - utfall",
      "Prognos augusti - utfall",
      "Medelavvikelse prognos mot utfall",
    ]);
    expect(december.layouts[0]!.tables[0]!.rows.every((r) => r.cells[1]!.value !== 12)).toBe(true);
    // The example ledger ends in August, so the "full-year" outcome is January-August: 300 tkr for 400.
    expect(rows[0]).toEqual(["400", "Nämnd", "7, 8", 300_000, 259_000, 259_000, 259_000, 259_000 / 300_000]);
    // 461: forecasts 16 393 and 16 893 tkr against 10 611.25 tkr: 5 781.75 and 6 281.75 tkr over, mean 6 031.75 tkr.
    const ifo = rows.find((r) => r[0] === "461")!;
    expect(ifo.slice(3, 7)).toEqual([10_611_250, 5_781_750, 6_281_750, 6_031_750]);
    expect(rows.at(-1)?.[0]).toBe("Summa");
    expect(rows).toHaveLength(19);
  });
});
