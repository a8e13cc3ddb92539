/**
 * The two writers agree cell for cell: the same layouts written by the exceljs writer (saved as .xlsx and read
 * back with exceljs) and by the Office.js writer (read back from the fake Excel) hold the same values, formulas
 * and number formats in every cell of the layout, and each recognises the other's registry.
 */
import { columnLetter, type CellValue } from "../../../src/cells";
import ExcelJS from "exceljs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkbook, readCell } from "../../fakes/excel";
import { newSheet, setCell } from "../../fakes/excel/state";
import { compareWithPrinted, incomeStatement } from "../../../src/core/statements";
import { buildStatementSheet } from "../../../src/report/statementSheets";
import * as S from "../../core/seedTables";
import { layoutCells, type SheetLayout } from "../../../src/report/layout";
import { REGISTRY_SHEET } from "../../../src/report/meta";
import { layoutCharts } from "../../../src/report/chartData";
import { buildForecastHistorySheet } from "../../../src/report/forecastHistory";
import { ExcelJsWriter } from "../../../src/workbook/exceljs/writer";
import { OfficeWriter } from "../../../src/workbook/office/writer";
import { calculateActionPlan } from "../../../src/core/actionPlan";
import { calculateVolumeBudget } from "../../../src/core/volume";
import { buildActionPlanSheet } from "../../../src/report/actionPlanSheet";
import { buildSummarySheet } from "../../../src/report/summarySheet";
import { buildVolumeSheet } from "../../../src/report/volumeSheet";
import { GNESTA_FORECAST_VARIANCE, gnestaMeasures } from "../../report/gnesta";
import { HERRLJUNGA_META, herrljungaPrognosis } from "../../report/herrljunga";
import { DEFAULT_SETTINGS, readSettings } from "../../../src/input/settings";
import { prognosisJob } from "../../../src/jobs/calculators";
import { namndReport } from "../../../src/jobs/namnd";
import { ANNEX_SHEET, ORGANISATIONAL_SPLIT_SHEET } from "../../../src/jobs/statements";
import { EXPLANATION_SHEET } from "../../../src/report/commentarySheet";
import { INVESTMENT_SHEET } from "../../../src/report/investmentSheet";
import { startJob } from "../../../src/jobs/run";
import { ExcelJsReader } from "../../../src/workbook/exceljs/reader";
import { withExcel } from "./harness";
import { coercibleText, prognosisReport, template } from "./sampleReport";

interface Seen {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
}

const EXAMPLE = fileURLToPath(new URL("../../../examples/herrljunga-2021.xlsx", import.meta.url));

/** The nämnd's sheets from the bundled Herrljunga example: Avvikelseförklaringar, Investeringsuppföljning, Organisatorisk fördelning, Bilaga per ansvar. */
async function namndSheetsOfExample(): Promise<SheetLayout[]> {
  const reader = await ExcelJsReader.fromFile(EXAMPLE);
  const read = await readSettings(reader);
  const run = await startJob(
    reader,
    { ...DEFAULT_SETTINGS, year: 2021, month: 8, ...read.settings },
    "herrljunga-2021.xlsx",
  );
  const p = prognosisJob(run);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
  const n = namndReport(run, p.value.result);
  if (!n.ok) throw new Error(n.errors.map((e) => e.message).join("\n"));
  return [...n.value.layouts];
}

let example: SheetLayout[] = [];
beforeAll(async () => {
  example = await namndSheetsOfExample();
});

function layouts(): SheetLayout[] {
  const report = prognosisReport(120);
  const history = buildForecastHistorySheet([
    {
      year: 2021,
      month: 4,
      costCentre: "441",
      forecast: 49_625_000,
      method: "entered",
      comment: "=1+1 är ingen formel",
      savedAt: "2021-05-10T09:00:00",
    },
    {
      year: 2021,
      month: 8,
      costCentre: "441",
      forecast: 53_002_000,
      method: "runRate",
      savedAt: "2021-09-10T09:00:00",
    },
  ]);
  // The namnd reports from the seeds' data: Gnesta's åtgärdsplan, the summary with its bridge and chart, a volume budget.
  const measures = gnestaMeasures();
  const plan = calculateActionPlan({ year: 2021, forecastVariance: GNESTA_FORECAST_VARIANCE, measures });
  const volume = calculateVolumeBudget({
    year: 2021,
    month: 12,
    lines: [
      {
        key: "hemtjanst",
        area: "Vård och omsorg",
        name: "Hemtjänst",
        unit: "timmar",
        budgetVolume: 65_669,
        unitPrice: 9_518_000 / 65_669,
        fixedBudget: 0,
        actualVolume: 64_932,
        actualCost: 7_759_000,
      },
      {
        key: "lss",
        area: "Socialt stöd",
        name: "Gruppbostad LSS",
        unit: "platser",
        budgetVolume: 30,
        unitPrice: 900_000,
        fixedBudget: 0,
        actualVolume: 31,
        actualCost: 28_500_000,
      },
    ],
  });
  // Seed 000's resultaträkning, with the differences against its printed table listed under it.
  const income = incomeStatement({ columns: S.COLUMNS_000, variance: S.VARIANCE_000, ...S.incomeInput000() });
  const printed = Object.fromEntries(
    income.rows.map((r) => [r.key, S.printedIncomeStatement000().get(r.label.toLowerCase())!.values]),
  );
  const namnd = [
    buildSummarySheet(herrljungaPrognosis(), HERRLJUNGA_META, plan),
    buildActionPlanSheet(plan, measures, HERRLJUNGA_META),
    buildVolumeSheet(volume, HERRLJUNGA_META),
    buildStatementSheet(income, {
      sheetName: "Resultaträkning",
      tableName: "Budgetkoll_Resultatrakning",
      title: "Resultaträkning 2021 (tkr)",
      labelHeader: "Resultaträkning",
      meta: HERRLJUNGA_META,
      findings: compareWithPrinted(income, printed),
    }),
  ];
  return [report, history, template(), coercibleText(), ...namnd, ...example];
}

/** The cells a layout defines (its charts' data blocks too), plus for table body cells whether the number format is compared. */
function positions(layout: SheetLayout): { row: number; column: number; body: boolean }[] {
  const out = [...layoutCells(layout), ...layoutCharts(layout).flatMap((c) => c.cells)].map((c) => ({
    row: c.row,
    column: c.column,
    body: false,
  }));
  for (const t of layout.tables) {
    t.rows.forEach((_, i) =>
      t.columns.forEach((_, j) => out.push({ row: t.headerRow + 1 + i, column: t.firstColumn + j, body: true })),
    );
  }
  return out;
}

async function viaExcelJs(all: readonly SheetLayout[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Indata").getCell("A1").value = "indata";
  await new ExcelJsWriter(wb, () => "2021-09-10T08:00:00").writeSheets(all, { onEdited: "fail" });
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return copy;
}

function fromExcelJs(wb: ExcelJS.Workbook, sheet: string, row: number, column: number): Seen {
  const cell = wb.getWorksheet(sheet)!.getCell(row + 1, column + 1);
  const v = cell.value;
  const numberFormat = cell.numFmt || "General";
  if (v && typeof v === "object" && "formula" in v) return { value: null, formula: v.formula, numberFormat };
  return { value: (v ?? null) as CellValue, numberFormat };
}

describe("the exceljs and the Office.js writer agree", () => {
  it("on the nämnd's sheets of the bundled example too: explanations, investments, organisational split and annex", () => {
    expect(example.map((l) => l.name)).toEqual([
      ORGANISATIONAL_SPLIT_SHEET,
      ANNEX_SHEET,
      EXPLANATION_SHEET,
      INVESTMENT_SHEET,
    ]);
    expect(example.every((l) => l.tables.length > 0 && l.tables[0]!.rows.length > 0)).toBe(true);
  });

  it("on values, formulas and number formats of every cell", async () => {
    const all = layouts();
    const file = await viaExcelJs(all);
    const state = createWorkbook({ Indata: [["indata"]] });
    await withExcel(state, () =>
      new OfficeWriter({ now: () => "2021-09-10T08:00:00" }).writeSheets(all, { onEdited: "fail" }),
    );

    let compared = 0;
    for (const layout of all) {
      for (const { row, column, body } of positions(layout)) {
        const office = readCell(state, `'${layout.name}'!${columnLetter(column)}${row + 1}`);
        const fromOffice: Seen =
          office?.formula !== undefined ? { value: null, formula: office.formula } : { value: office?.value ?? null };
        const fromFile = fromExcelJs(file, layout.name, row, column);
        const where = `${layout.name}!R${row + 1}C${column + 1}`;
        expect({ where, value: fromOffice.value, formula: fromOffice.formula }).toEqual({
          where,
          value: fromFile.value,
          formula: fromFile.formula,
        });
        if (body)
          expect({ where, format: office?.numberFormat ?? "General" }).toEqual({
            where,
            format: fromFile.numberFormat,
          });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it("on the registry: each writer recognises the other's sheets as its own and unedited", async () => {
    const all = layouts();
    const state = createWorkbook({ Indata: [["indata"]] });
    await withExcel(state, () =>
      new OfficeWriter({ now: () => "2021-09-10T08:00:00" }).writeSheets(all, { onEdited: "fail" }),
    );
    const file = await viaExcelJs(all);
    const registry = file.getWorksheet(REGISTRY_SHEET)!;
    // Both writers write a chart's data block under the chart (src/report/chartData.ts), so the charted sheets
    // agree too.
    const fromFile = all.map((_, i) => registry.getCell(i + 2, 2).value);
    expect(fromFile.every((f) => typeof f === "string" && f.length > 0)).toBe(true);
    expect(all.map((_, i) => readCell(state, `${REGISTRY_SHEET}!B${i + 2}`)?.value)).toEqual(fromFile);

    // The file opened in Excel: the Office.js writer takes the exceljs writer's sheets for its own, unedited.
    const opened = createWorkbook({});
    for (const ws of file.worksheets) {
      const sheet = newSheet(opened, ws.name);
      sheet.visibility = ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible";
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          const v = cell.value;
          const input =
            v && typeof v === "object" && "formula" in v
              ? `=${v.formula}`
              : typeof v === "string"
                ? `'${v}`
                : (v as number | boolean);
          setCell(sheet, r - 1, c - 1, input);
        }),
      );
    }
    await expect(withExcel(opened, () => new OfficeWriter().writeSheets(all, { onEdited: "fail" }))).resolves.toEqual({
      written: all.map((l) => l.name),
      keptEdited: [],
    });
  });

  it("the Office.js writer draws the report charts: the variance per verksamhet and the bridge", async () => {
    const all = layouts();
    const state = createWorkbook({ Indata: [["indata"]] });
    await withExcel(state, () =>
      new OfficeWriter({ now: () => "2021-09-10T08:00:00" }).writeSheets(all, { onEdited: "fail" }),
    );
    const charts = (name: string) => state.sheets.find((s) => s.name === name)!.charts;
    expect(charts(all[0]!.name)).toMatchObject([
      { type: "ColumnClustered", title: "Avvikelse helår per verksamhet (tkr)" },
    ]);
    // The bridge is stacked columns over an invisible base on every Excel, never Excel's Waterfall type (Office.js
    // cannot mark its total, which would float on the running sum).
    expect(charts("Sammanfattning")).toMatchObject([
      { type: "ColumnStacked", title: "Från budget till prognos (tkr)", noFillSeries: [0] },
    ]);
  });
});
