/**
 * WorkbookReader on an .xlsx file through exceljs. Values come back in bulk per sheet as the core expects them:
 * numbers, text (rich text flattened), booleans, null for empty; a formula gives its cached result (or its error
 * text such as "#REF!"), dates come back as Excel serial numbers. Cells hidden under a merge are null (as in
 * Excel), the merged ranges and hidden rows are reported beside the values.
 */
import { decodeRange, type CellValue } from "../../cells";
import type ExcelJS from "exceljs";
import type { SheetData, TableInfo, WorkbookReader } from "../types";
import { readWorkbookFile } from "./file";
import { newWorkbook, valueType } from "./load";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A Date as Excel's 1900 date serial (exceljs dates are UTC). */
export function dateToExcelSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86_400_000;
}

type Raw = ExcelJS.CellValue | undefined;

function flattenRichText(v: ExcelJS.CellRichTextValue): string {
  return v.richText.map((r) => r.text).join("");
}

/** One exceljs value to a sheet value (also used by the streaming reader in ledgerStream.ts). */
export function plain(value: Raw, formulaText?: string): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return dateToExcelSerial(value);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return flattenRichText(value);
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    // No cached result (written by a tool that does not compute): give the formula text, which the input
    // layer refuses with a message, rather than an empty cell that would be silently missing.
    if (result === undefined || result === null)
      return `=${formulaText ?? (value as ExcelJS.CellFormulaValue).formula ?? ""}`;
    return plain(result as Raw);
  }
  if ("hyperlink" in value) {
    const text = (value as ExcelJS.CellHyperlinkValue).text as unknown;
    return typeof text === "string"
      ? text
      : text && typeof text === "object" && "richText" in text
        ? flattenRichText(text as ExcelJS.CellRichTextValue)
        : null;
  }
  return null;
}

function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === valueType().Merge) return null;
  if (cell.type !== valueType().Formula) return plain(cell.value);
  // exceljs's cell.value drops a cached result that is falsy (0, "", false): a formula summing to 0 would read as
  // one without a result and be refused. cell.result keeps it.
  return plain({ formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue, cell.formula);
}

/** exceljs keeps merges privately; the worksheet model would copy every row to get at them. */
function mergedRanges(ws: ExcelJS.Worksheet): string[] {
  const merges = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {};
  return Object.values(merges)
    .filter(Boolean)
    .map((m) => m.range);
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B3:F20" (or "B3") as a 1-based box, as exceljs counts rows and columns. */
function decode(range: string): Box {
  const b = decodeRange(range);
  if (!b) throw new Error(`Ogiltigt område: ${range}`);
  return { top: b.top + 1, left: b.left + 1, bottom: b.bottom + 1, right: b.right + 1 };
}

function overlaps(range: string, box: Box): boolean {
  const r = decode(range);
  return r.top <= box.bottom && r.bottom >= box.top && r.left <= box.right && r.right >= box.left;
}

interface ExcelTable {
  table: { name: string; ref?: string; tableRef?: string };
}

export class ExcelJsReader implements WorkbookReader {
  constructor(private readonly workbook: ExcelJS.Workbook) {}

  static async fromFile(path: string): Promise<ExcelJsReader> {
    const wb = newWorkbook();
    await readWorkbookFile(wb, path);
    return new ExcelJsReader(wb);
  }

  static async fromBuffer(buffer: ArrayBuffer | Uint8Array): Promise<ExcelJsReader> {
    const wb = newWorkbook();
    await wb.xlsx.load(buffer as ArrayBuffer);
    return new ExcelJsReader(wb);
  }

  async sheetNames(): Promise<string[]> {
    return this.workbook.worksheets.map((ws) => ws.name);
  }

  async tables(): Promise<TableInfo[]> {
    const out: TableInfo[] = [];
    for (const ws of this.workbook.worksheets) {
      for (const t of ws.getTables() as unknown as ExcelTable[])
        out.push({ name: t.table.name, sheet: ws.name, range: this.tableRange(t) });
    }
    return out;
  }

  async readSheet(sheet: string): Promise<SheetData> {
    const ws = this.worksheet(sheet);
    let top = 0;
    let bottom = 0;
    let left = 0;
    let right = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === valueType().Null) return;
        if (top === 0 || r < top) top = r;
        if (r > bottom) bottom = r;
        if (left === 0 || c < left) left = c;
        if (c > right) right = c;
      });
    });
    if (top === 0)
      return { sheet: ws.name, origin: { row: 0, column: 0 }, values: [], hiddenRows: [], merged: mergedRanges(ws) };
    return this.readBox(ws, { top, left, bottom, right });
  }

  async readTable(name: string): Promise<SheetData> {
    for (const ws of this.workbook.worksheets) {
      const t = (ws.getTables() as unknown as ExcelTable[]).find((x) => x.table.name === name);
      if (t) return this.readBox(ws, decode(this.tableRange(t)));
    }
    throw new Error(`Tabellen "${name}" finns inte i arbetsboken.`);
  }

  private worksheet(sheet: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`Bladet "${sheet}" finns inte i arbetsboken.`);
    return ws;
  }

  private tableRange(t: ExcelTable): string {
    return t.table.tableRef ?? t.table.ref ?? "";
  }

  private readBox(ws: ExcelJS.Worksheet, box: Box): SheetData {
    const width = box.right - box.left + 1;
    const values: CellValue[][] = [];
    const hiddenRows: number[] = [];
    for (let r = box.top; r <= box.bottom; r++) {
      const line: CellValue[] = new Array<CellValue>(width).fill(null);
      const row = ws.findRow(r);
      if (row) {
        if (row.hidden) hiddenRows.push(r - 1);
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          if (c >= box.left && c <= box.right) line[c - box.left] = cellValue(cell);
        });
      }
      values.push(line);
    }
    return {
      sheet: ws.name,
      origin: { row: box.top - 1, column: box.left - 1 },
      values,
      hiddenRows,
      merged: mergedRanges(ws).filter((m) => overlaps(m, box)),
    };
  }
}
