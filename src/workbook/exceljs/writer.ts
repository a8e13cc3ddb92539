/**
 * The workbook writer on exceljs (CLI, tests): turns report layouts into formatted sheets with real Excel tables,
 * formulas with cached results, sign colours, frozen panes, outline levels, and for templates protection and
 * data validation. It writes only its own sheets (listed in the hidden registry sheet, see `src/report/meta.ts`)
 * and checks everything before it changes the workbook, so a refusal leaves the workbook as it was.
 */
import { cellAddress, columnLetter, type CellValue } from "../../cells";
import type ExcelJS from "exceljs";
import { convertMoney, formatNumber } from "../../core/amounts";
import {
  DEFAULT_TABLE_STYLE,
  FONT,
  SIGN_COLOURS,
  STYLE,
  isBoldRow,
  signColourThreshold,
  textRows,
  type DataValidation,
  type ReportCell,
  type ReportColumn,
  type ReportRow,
  type SheetLayout,
  type TableLayout,
  type TextRole,
} from "../../report/layout";
import {
  REGISTRY_SHEET,
  fingerprintCells,
  parseRegistry,
  registryValues,
  type CellContent,
  type RegistryEntry,
} from "../../report/meta";
import { numberFormat } from "../../report/numberFormats";
import { layoutCharts, type ChartData } from "../../report/chartData";
import { excelJsCellValue } from "../safeText";
import type { WorkbookWriter, WriteOptions, WriteReport } from "../types";
import {
  editedSheetDecision,
  keptRegistryEntries,
  layoutProblems,
  notOurSheetProblem,
  WriteRefused,
} from "../writeChecks";
import { rememberCharts } from "./charts";

/** A worksheet's contents as the fingerprint sees them (values and formulas, not formatting). */
export function sheetContents(ws: ExcelJS.Worksheet): CellContent[] {
  const cells: CellContent[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const content = contentOf(cell);
      if (content) cells.push({ row: rowNumber - 1, column: colNumber - 1, ...content });
    });
  });
  return cells;
}

function contentOf(cell: ExcelJS.Cell): { value: CellValue; formula?: string } | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === "object" && "formula" in v && v.formula) return { value: null, formula: v.formula };
  if (typeof v === "object" && "sharedFormula" in v) return { value: null, formula: cell.formula };
  if (typeof v === "object" && "richText" in v) return { value: v.richText.map((r) => r.text).join("") };
  if (v instanceof Date) return { value: v.toISOString() };
  if (typeof v === "object" && "error" in v) return { value: v.error };
  if (typeof v === "object" && "text" in v) return { value: String(v.text) };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v };
  return { value: String(v) };
}

function readRegistry(wb: ExcelJS.Workbook): RegistryEntry[] {
  const ws = wb.getWorksheet(REGISTRY_SHEET);
  if (!ws) return [];
  const values: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    values.push([1, 2, 3].map((c) => contentOf(row.getCell(c))?.value ?? null));
  });
  return parseRegistry(values);
}

export class ExcelJsWriter implements WorkbookWriter {
  constructor(
    readonly workbook: ExcelJS.Workbook,
    /** The time stamp written to the registry; injectable for tests. */
    private readonly now: () => string = () => new Date().toISOString().slice(0, 19),
  ) {}

  async editedSheets(names: readonly string[]): Promise<string[]> {
    const own = new Map(readRegistry(this.workbook).map((e) => [e.sheet.toLowerCase(), e]));
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    return this.workbook.worksheets
      .filter((ws) => wanted.has(ws.name.toLowerCase()) && own.has(ws.name.toLowerCase()))
      .filter((ws) => fingerprintCells(sheetContents(ws)) !== own.get(ws.name.toLowerCase())!.fingerprint)
      .map((ws) => ws.name);
  }

  async writeSheets(layouts: readonly SheetLayout[], options: WriteOptions): Promise<WriteReport> {
    const wb = this.workbook;
    const merged = new Set((options.merged ?? []).map((n) => n.toLowerCase()));
    const registry = readRegistry(wb);
    const own = new Map(registry.map((e) => [e.sheet.toLowerCase(), e]));
    const replacing = new Set(layouts.map((l) => l.name.toLowerCase()));

    const otherTables = new Set<string>();
    for (const ws of wb.worksheets) {
      if (replacing.has(ws.name.toLowerCase())) continue;
      for (const t of ws.getTables()) otherTables.add(tableName(t).toLowerCase());
    }
    const problems = layoutProblems(layouts, otherTables);

    const existing = new Map<string, ExcelJS.Worksheet>();
    const notOurs = new Set<string>();
    // The charts' data blocks, checked with the rest: a block over a table or text refuses the write.
    const charts = new Map<SheetLayout, ChartData[]>();
    for (const layout of layouts) {
      try {
        charts.set(layout, layoutCharts(layout));
      } catch (e) {
        problems.push((e as Error).message);
      }
      const key = layout.name.toLowerCase();
      const ws = wb.worksheets.find((w) => w.name.toLowerCase() === key);
      if (!ws) continue;
      if (own.has(key)) existing.set(key, ws);
      else {
        notOurs.add(key);
        problems.push(notOurSheetProblem(ws.name));
      }
    }
    const decided = editedSheetDecision(
      layouts.filter((l) => !notOurs.has(l.name.toLowerCase())),
      (l) => l.name,
      (key) =>
        existing.has(key) &&
        !merged.has(key) &&
        fingerprintCells(sheetContents(existing.get(key)!)) !== own.get(key)!.fingerprint,
      () => options.onEdited,
      (l) => existing.get(l.name.toLowerCase())?.name ?? l.name,
    );
    const { toWrite, keptEdited } = decided;
    problems.push(...decided.problems);
    if (problems.length > 0) throw new WriteRefused(problems);

    // Build every new sheet under a temporary name first; only then remove the old ones and rename.
    const built: { layout: SheetLayout; ws: ExcelJS.Worksheet }[] = [];
    try {
      toWrite.forEach((layout, i) =>
        built.push({ layout, ws: buildSheet(wb, `~budgetkoll_${i}`, layout, charts.get(layout) ?? []) }),
      );
    } catch (e) {
      for (const b of built) wb.removeWorksheet(b.ws.id);
      throw e;
    }
    const stamp = this.now();
    const entries = keptRegistryEntries(
      registry,
      wb.worksheets.map((w) => w.name),
    );
    for (const { layout, ws } of built) {
      const old = wb.worksheets.find((w) => w.name.toLowerCase() === layout.name.toLowerCase());
      if (old) {
        // exceljs orders sheets by orderNo (untyped): the new sheet takes the old one's place among the tabs.
        (ws as unknown as { orderNo: number }).orderNo = (old as unknown as { orderNo: number }).orderNo;
        wb.removeWorksheet(old.id);
      }
      ws.name = layout.name;
      // exceljs writes no charts: the file's charts are added when it is saved (see charts.ts).
      rememberCharts(wb, layout.name, charts.get(layout) ?? []);
      // The fingerprint of what the sheet holds as written (text mended by safeText included), not of the layout.
      entries.set(layout.name.toLowerCase(), {
        sheet: layout.name,
        fingerprint: fingerprintCells(sheetContents(ws)),
        written: stamp,
      });
    }
    writeRegistry(wb, [...entries.values()]);
    return { written: built.map((b) => b.layout.name), keptEdited };
  }
}

function tableName(t: unknown): string {
  const table = t as { name?: string; table?: { name?: string } };
  return table.table?.name ?? table.name ?? "";
}

function writeRegistry(wb: ExcelJS.Workbook, entries: readonly RegistryEntry[]): void {
  const old = wb.getWorksheet(REGISTRY_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(REGISTRY_SHEET, { state: "veryHidden" });
  registryValues(entries).forEach((row, i) => {
    row.forEach((v, j) => {
      const cell = ws.getCell(i + 1, j + 1);
      cell.value = excelJsCellValue(v);
      cell.numFmt = "@";
    });
  });
}

const TEXT_FONT: Record<TextRole, Partial<ExcelJS.Font>> = {
  title: { ...FONT, size: STYLE.titleSize, bold: true },
  meta: { ...FONT, color: { argb: STYLE.metaColour } },
  instruction: { ...FONT, bold: true, italic: true },
  note: { ...FONT },
};

const BLOCK_FONT: Partial<ExcelJS.Font> = { ...FONT };

function toExcelValue(cell: ReportCell): ExcelJS.CellValue {
  if (cell.formula !== undefined) {
    const result = cell.value === null ? undefined : cell.value;
    return { formula: cell.formula, result } as ExcelJS.CellFormulaValue;
  }
  return excelJsCellValue(cell.value);
}

function buildSheet(
  wb: ExcelJS.Workbook,
  tempName: string,
  layout: SheetLayout,
  charts: readonly ChartData[],
): ExcelJS.Worksheet {
  const firstFrozen = layout.freeze;
  const ws = wb.addWorksheet(tempName, {
    state: layout.hidden ? "hidden" : "visible",
    views: firstFrozen ? [{ state: "frozen", xSplit: firstFrozen.columns, ySplit: firstFrozen.rows }] : [{}],
    properties: {
      outlineProperties: { summaryBelow: layout.outlineSummaryBelow ?? true, summaryRight: true },
    } as Partial<ExcelJS.WorksheetProperties>,
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  for (const t of textRows(layout)) {
    const cell = ws.getCell(t.row + 1, 1);
    cell.value = excelJsCellValue(t.text);
    cell.font = TEXT_FONT[t.role];
  }
  const widths = new Map<number, number>();
  for (const table of layout.tables) writeTable(ws, table, widths);
  for (const [column, width] of widths) ws.getColumn(column + 1).width = width;
  // Each chart's data block, under the chart (as the Office.js writer writes it).
  for (const chart of charts) {
    for (const c of chart.cells) {
      const cell = ws.getCell(c.row + 1, c.column + 1);
      cell.value = toExcelValue(c);
      cell.font = BLOCK_FONT;
    }
  }
  if (layout.protection) {
    // Without a password (the brief: protection guides, it is not security); input cells were unlocked above.
    void ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: layout.protection.allowFormatColumns ?? true,
      sort: layout.protection.allowSort ?? false,
      autoFilter: layout.protection.allowFilter ?? true,
    });
  }
  return ws;
}

function displayLength(value: CellValue, column: ReportColumn): number {
  if (value === null) return 0;
  if (typeof value === "number") {
    if (column.type === "tkr") return formatNumber(convertMoney(value, "kr", "tkr")).length;
    if (column.type === "percent") return formatNumber(value * 100, 1).length + 1;
    return formatNumber(value).length;
  }
  return String(value).length;
}

/**
 * The widest shown value of a column. A number's shown length only grows with its size, so of the numbers only the
 * largest and the most negative are formatted (formatting every cell of a 2,000-row report took 30-70 ms).
 */
function contentLength(rows: readonly ReportRow[], j: number, column: ReportColumn): number {
  let widest = 0;
  let largest = 0;
  let mostNegative = 0;
  for (const r of rows) {
    const value = r.cells[j]?.value ?? null;
    const indent = column.indent ? r.level * 2 : 0;
    if (typeof value === "number" && indent === 0) {
      if (value > largest) largest = value;
      else if (value < mostNegative) mostNegative = value;
    } else widest = Math.max(widest, displayLength(value, column) + indent);
  }
  return Math.max(widest, displayLength(largest, column), displayLength(mostNegative, column));
}

/** The width of each column of a table: its own, or from its widest shown content (8 to 60 characters). */
export function columnWidths(table: TableLayout, rows: readonly ReportRow[]): number[] {
  return table.columns.map(
    (c, j) => c.width ?? Math.min(60, Math.max(8, Math.max(c.header.length, contentLength(rows, j, c)) + 2)),
  );
}

/** The lines of the table's header row: its headers wrapped in their columns' own widths. */
export function headerLineCount(table: TableLayout, widths: readonly number[]): number {
  return Math.max(1, ...table.columns.map((c, j) => Math.ceil(c.header.length / Math.max(1, widths[j]! - 2))));
}

/**
 * The lines of a row: rows with wrapped text get the height of their longest wrap (neither exceljs nor
 * LibreOffice sizes them); `widthOf` gives a column's width on the sheet.
 */
export function wrappedLineCount(table: TableLayout, r: ReportRow, widthOf: (j: number) => number): number {
  return Math.max(
    1,
    ...table.columns.map((c, j) =>
      c.wrap ? Math.ceil(displayLength(r.cells[j]?.value ?? null, c) / Math.max(1, widthOf(j) - 1)) : 1,
    ),
  );
}

function writeTable(ws: ExcelJS.Worksheet, table: TableLayout, widths: Map<number, number>): void {
  const top = table.headerRow + 1; // 1-based row of the header
  const left = table.firstColumn + 1;
  // An Excel table needs at least one data row.
  const rows: readonly ReportRow[] =
    table.rows.length > 0
      ? table.rows
      : [{ kind: "data", level: 0, cells: table.columns.map(() => ({ value: null })) }];
  ws.addTable({
    name: table.name,
    ref: cellAddress(table.headerRow, table.firstColumn),
    headerRow: true,
    totalsRow: false,
    style: {
      theme: (table.style ?? DEFAULT_TABLE_STYLE) as ExcelJS.TableStyleProperties["theme"],
      showRowStripes: true,
    },
    columns: table.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: rows.map((r) => r.cells.map(toExcelValue)),
  });

  const headerCells = ws.getRow(top);
  const own = columnWidths(table, rows);
  table.columns.forEach((_c, j) => {
    const cell = headerCells.getCell(left + j);
    cell.font = { ...FONT, bold: true, color: { argb: STYLE.headerFont } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: STYLE.headerFill } };
    cell.alignment = { wrapText: true, vertical: "middle" };
    // Tables stacked on one sheet share its columns: the widest need wins.
    widths.set(table.firstColumn + j, Math.max(own[j]!, widths.get(table.firstColumn + j) ?? 0));
  });
  headerCells.height = 15 * headerLineCount(table, own);
  const widthOf = (j: number) => widths.get(table.firstColumn + j) ?? 10;

  // One style object per distinct look, shared by its cells: exceljs renders a cell's style to XML to find its
  // id unless it has met that very object before (a WeakMap), so per-cell objects cost a render per cell.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (key: string, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> => {
    let style = styles.get(key);
    if (!style) styles.set(key, (style = make()));
    return style;
  };
  rows.forEach((r, i) => {
    const row = ws.getRow(top + 1 + i);
    if (r.outline) row.outlineLevel = r.outline;
    const lines = wrappedLineCount(table, r, widthOf);
    if (lines > 1) row.height = 15 * lines;
    const fill = r.kind === "total" ? STYLE.totalFill : r.kind === "subtotal" ? STYLE.subtotalFill : undefined;
    table.columns.forEach((c, j) => {
      const cell = row.getCell(left + j);
      const input = (r.cells[j]?.input ?? c.input) === true;
      const indent = c.indent && r.level > 0 ? r.level * STYLE.indentPerLevel : 0;
      const bold = isBoldRow(r.kind);
      cell.style = styleOf(`${j}|${bold}|${indent}|${input}|${input ? "" : (fill ?? "")}`, () => {
        const alignment: Partial<ExcelJS.Alignment> = { vertical: "top" };
        if (c.wrap) alignment.wrapText = true;
        if (indent > 0) alignment.indent = indent;
        const fillArgb = input ? STYLE.inputFill : fill;
        return {
          numFmt: numberFormat(c.type),
          font: { ...FONT, bold },
          alignment,
          ...(input ? { protection: { locked: false } } : {}),
          ...(fillArgb ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: fillArgb } } } : {}),
        };
      });
      if (c.validation) cell.dataValidation = validationOf(c.validation);
    });
  });

  table.columns.forEach((c, j) => {
    if (!c.signColour) return;
    const letter = columnLetter(table.firstColumn + j);
    const t = signColourThreshold(c.type);
    ws.addConditionalFormatting({
      ref: `${letter}${top + 1}:${letter}${top + rows.length}`,
      rules: [
        // exceljs knows only strict operators: "< -499.999999" is "<= -500" for amounts in whole kronor and öre.
        signRule("lessThan", t > 0 ? -(t - 1e-6) : 0, SIGN_COLOURS.deficit, 1),
        signRule("greaterThan", t > 0 ? t - 1e-6 : 0, SIGN_COLOURS.surplus, 2),
      ],
    });
  });
}

function signRule(
  operator: ExcelJS.CellIsOperators,
  limit: number,
  colours: { font: string; fill: string },
  priority: number,
): ExcelJS.ConditionalFormattingRule {
  return {
    type: "cellIs",
    operator,
    priority,
    formulae: [String(limit)],
    style: {
      font: { color: { argb: colours.font } },
      fill: { type: "pattern", pattern: "solid", bgColor: { argb: colours.fill } },
    },
  };
}

function validationOf(v: DataValidation): ExcelJS.DataValidation {
  const common = {
    allowBlank: v.allowBlank ?? true,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: v.errorTitle,
    error: v.error,
    showInputMessage: v.prompt !== undefined,
    prompt: v.prompt,
  };
  if (v.kind === "list") return { ...common, type: "list", formulae: [`"${v.values.join(",")}"`] };
  const type = v.kind === "wholeNumber" ? "whole" : "decimal";
  const min = v.min ?? -1e12;
  const max = v.max ?? 1e12;
  return { ...common, type, operator: "between", formulae: [min, max] };
}
