/**
 * The directly written report file (reportFile.ts) holds what the exceljs writer would have written: the same
 * sheets in the same order and state, and in every cell the same value, formula, number format, font, fill and
 * alignment; the same tables, frozen panes, outline levels, row heights, column widths and sign colours; and a
 * registry whose fingerprints exceljs's writer accepts as its own on the next run.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { SheetLayout } from "../../../src/report/layout";
import { REGISTRY_SHEET } from "../../../src/report/meta";
import { buildForecastHistorySheet } from "../../../src/report/forecastHistory";
import { buildPrognosisSheet } from "../../../src/report/prognosisSheet";
import { buildForecastTemplate } from "../../../src/report/templates";
import { openWorkbook } from "../../../src/workbook/exceljs/file";
import { directlyWritable, reportFile } from "../../../src/workbook/exceljs/reportFile";
import { ExcelJsWriter } from "../../../src/workbook/exceljs/writer";
import { WriteRefused } from "../../../src/workbook/writeChecks";
import { runCli } from "../../../src/cli/main";
import { HERRLJUNGA_META, herrljungaPrognosis } from "../../report/herrljunga";
import { coercibleText, prognosisReport } from "../office/sampleReport";

const STAMP = "2021-09-10T08:00:00";
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-reportfile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function history(): SheetLayout {
  return buildForecastHistorySheet([
    {
      year: 2021,
      month: 4,
      costCentre: "441",
      forecast: 49_625_000,
      method: "entered",
      comment: "=1+1 är ingen formel\r\nmed radbrytning",
      savedAt: "2021-05-10T09:00:00",
    },
  ]);
}

async function direct(layouts: readonly SheetLayout[], name: string): Promise<ExcelJS.Workbook> {
  const path = join(dir, name);
  writeFileSync(path, reportFile(layouts, STAMP));
  return openWorkbook(path);
}

async function viaExcelJs(layouts: readonly SheetLayout[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await new ExcelJsWriter(wb, () => STAMP).writeSheets(layouts, { onEdited: "fail" });
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back;
}

/** What the test compares of a cell: its value and its look (the font without exceljs's defaults). */
function seen(cell: ExcelJS.Cell): object {
  const f = cell.font ?? {};
  return {
    value: cell.value,
    numFmt: cell.numFmt ?? "General",
    font: { bold: f.bold ?? false, italic: f.italic ?? false, size: f.size ?? 11, color: f.color?.argb },
    fill: cell.fill?.type === "pattern" && cell.fill.pattern === "solid" ? cell.fill.fgColor?.argb : undefined,
    alignment: {
      vertical: cell.alignment?.vertical,
      wrapText: cell.alignment?.wrapText ?? false,
      indent: cell.alignment?.indent ?? 0,
    },
    locked: cell.protection?.locked ?? true,
  };
}

function sheetOf(ws: ExcelJS.Worksheet): object {
  const rows: object[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Record<string, object> = {};
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.value !== null || cell.style?.fill || cell.numFmt) cells[cell.address] = seen(cell);
    });
    rows.push({ r, height: row.height, outline: row.outlineLevel ?? 0, cells });
  });
  const tables = ws.getTables().map((t) => {
    const table = (t as unknown as { table: { name: string; tableRef?: string; ref: string } }).table;
    return { name: table.name, ref: table.tableRef ?? table.ref };
  });
  const view = ws.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
  const conditional = (ws as unknown as { conditionalFormattings: { ref: string; rules: object[] }[] })
    .conditionalFormattings;
  return {
    name: ws.name,
    state: ws.state,
    rows,
    tables,
    frozen: view?.state === "frozen" ? [view.xSplit ?? 0, view.ySplit ?? 0] : undefined,
    // exceljs leaves out a column of width 9, its own default; the direct file writes it.
    widths: ws.columns?.map((c) => c.width ?? 9) ?? [],
    conditional: conditional.map((c) => ({
      ref: c.ref,
      rules: c.rules.map((r) => {
        const rule = r as { operator: string; formulae: string[]; style: { font?: { color?: { argb?: string } } } };
        return { operator: rule.operator, formulae: rule.formulae.map(Number), font: rule.style.font?.color?.argb };
      }),
    })),
  };
}

async function expectSame(layouts: readonly SheetLayout[], name: string): Promise<ExcelJS.Workbook> {
  const a = await direct(layouts, name);
  const b = await viaExcelJs(layouts);
  expect(a.worksheets.map((w) => w.name)).toEqual(b.worksheets.map((w) => w.name));
  for (const ws of b.worksheets) expect(sheetOf(a.getWorksheet(ws.name)!)).toEqual(sheetOf(ws));
  return a;
}

describe("reportFile: a new report written directly", () => {
  it("writes the Herrljunga prognosis as the exceljs writer does, cell for cell", async () => {
    const wb = await expectSame(
      [buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META), history()],
      "herrljunga.xlsx",
    );
    const ws = wb.getWorksheet("Prognos per ansvar")!;
    expect(ws.getCell("G14").value).toEqual({ formula: "SUM(G11:G13)", result: 44_398_000 });
    expect(wb.getWorksheet(REGISTRY_SHEET)!.state).toBe("veryHidden");
  });

  it("writes a larger report and text that looks like numbers, dates or formulas as the exceljs writer does", async () => {
    await expectSame([prognosisReport(120), coercibleText()], "sample.xlsx");
  });

  it("registers its sheets so the next run's exceljs writer takes them for its own, unedited", async () => {
    const layouts = [buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META), history()];
    const wb = await direct(layouts, "rerun.xlsx");
    const writer = new ExcelJsWriter(wb, () => STAMP);
    expect(await writer.editedSheets(layouts.map((l) => l.name))).toEqual([]);
    const again = await writer.writeSheets(layouts, { onEdited: "fail" });
    expect(again.written).toEqual(layouts.map((l) => l.name));
  });

  it("refuses layouts Excel cannot take, and leaves templates with protection to exceljs", () => {
    const bad = { ...prognosisReport(2), name: "a/b" };
    expect(() => reportFile([bad], STAMP)).toThrow(WriteRefused);
    expect(directlyWritable([prognosisReport(2)])).toBe(true);
    expect(directlyWritable([buildForecastTemplate(herrljungaPrognosis(), { key: "42" })])).toBe(false);
  });

  it("is what the command line writes to a new file, and a re-run replaces its sheets", async () => {
    const example = fileURLToPath(new URL("../../../examples/herrljunga-2021.xlsx", import.meta.url));
    const out = join(dir, "cli.xlsx");
    const io = { stdout: () => undefined, stderr: () => undefined };
    expect(await runCli(["prognos", example, "--out", out], io)).toBe(0);
    expect(await runCli(["prognos", example, "--out", out], io)).toBe(0);
    const wb = await openWorkbook(out);
    expect(wb.getWorksheet("Prognos per ansvar")).toBeDefined();
  });
});
