/**
 * WorkbookReader on the open workbook through Office.js. Used ranges, tables and the selection (cut to the used
 * range: a whole-column selection is a million rows) come back in bulk (`values` of whole row blocks, never cell by
 * cell) in few round trips: one to find the range, then one block per round trip. The first block is a sample of at
 * most `sampleCells` cells (a wide sheet gives fewer rows); the others are sized from its UTF-8 length so that no
 * response passes ~4 MB and no get passes 5 million cells. A response Excel still refuses (later rows with longer
 * text) is split in two and read again: by rows, and a single row by columns.
 * Hidden rows are found by halving: one cheap `rowHidden` per block, split only where the rows are mixed.
 * Merged areas come with the first round trip where the host has ExcelApi 1.13.
 */
import type { CellValue } from "../../cells";
import type { SheetData, TableInfo, WorkbookReader } from "../types";
import { apiSupported, isTooLarge, MAX_CELLS_PER_GET, SIZE_BUDGET, utf8Length, type SizeBudget } from "./requests";

export interface OfficeReaderOptions {
  readonly budget?: SizeBudget;
  /** Rows read in the first block, whose UTF-8 length sizes the other blocks. */
  readonly sampleRows?: number;
  /** Cells read at most in the first block (a wide sheet's sample has fewer rows). */
  readonly sampleCells?: number;
  /** Cells one get may hold (Excel: 5 million). */
  readonly maxCellsPerGet?: number;
}

const RANGE_PROPS = "rowIndex,columnIndex,rowCount,columnCount,rowHidden";

interface Block {
  readonly row: number;
  readonly rowCount: number;
}

/** A rectangle of a sheet, 0-based. */
interface Area {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

/** The common part of two areas, or undefined. */
function intersect(a: Area, b: Area): Area | undefined {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const columnEnd = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  return rowEnd > row && columnEnd > column
    ? { row, column, rowCount: rowEnd - row, columnCount: columnEnd - column }
    : undefined;
}

/** `Range.values` to sheet values: "" is an empty cell. */
function plain(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : String(v);
}

/** "Blad1!A1:C5" or "'Mitt blad'!A1:C5" to "A1:C5". */
function localAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}

/** The areas of a multi-area address ("Blad1!A1:B2,Blad1!D4:E5"), local; commas inside a quoted sheet name kept. */
function localAreas(address: string): string[] {
  return (address.match(/(?:'(?:[^']|'')*'|[^,'])+/g) ?? []).map((a) => localAddress(a.trim()));
}

/** Merged areas are read where ExcelApi 1.13 exists (Range.getMergedAreasOrNullObject); none otherwise. */
function mergedAreas(range: Excel.Range): () => string[] | undefined {
  if (!apiSupported("1.13")) return () => undefined;
  const areas = range.getMergedAreasOrNullObject().load("address");
  // Read after the sync: the merged areas as local addresses, or none.
  return () => (areas.isNullObject ? undefined : localAreas(areas.address));
}

export class OfficeReader implements WorkbookReader {
  private readonly budget: SizeBudget;
  private readonly sampleRows: number;
  private readonly sampleCells: number;
  private readonly maxCellsPerGet: number;

  constructor(options: OfficeReaderOptions = {}) {
    this.budget = options.budget ?? SIZE_BUDGET;
    this.sampleRows = options.sampleRows ?? 1000;
    this.sampleCells = options.sampleCells ?? 20_000;
    this.maxCellsPerGet = options.maxCellsPerGet ?? MAX_CELLS_PER_GET;
  }

  sheetNames(): Promise<string[]> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  tables(): Promise<TableInfo[]> {
    return Excel.run(async (context) => {
      const tables = context.workbook.tables.load("items/name,items/worksheet/name");
      await context.sync();
      const ranges = tables.items.map((t) => t.getRange().load("address"));
      if (ranges.length > 0) await context.sync();
      return tables.items.map((t, i) => ({
        name: t.name,
        sheet: t.worksheet.name,
        range: localAddress(ranges[i]!.address),
      }));
    });
  }

  readSheet(sheet: string): Promise<SheetData> {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      const used = ws.getUsedRangeOrNullObject(true).load(RANGE_PROPS);
      const merged = mergedAreas(used);
      await context.sync();
      if (ws.isNullObject) throw new Error(`Bladet "${sheet}" finns inte i arbetsboken.`);
      if (used.isNullObject) return { sheet, origin: { row: 0, column: 0 }, values: [], hiddenRows: [] };
      return this.readRange(context, ws, used, sheet, merged);
    });
  }

  readTable(name: string): Promise<SheetData> {
    return Excel.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(name);
      const sheet = table.worksheet.load("name");
      const range = table.getRange().load(RANGE_PROPS);
      const merged = mergedAreas(range);
      await context.sync();
      if (table.isNullObject) throw new Error(`Tabellen "${name}" finns inte i arbetsboken.`);
      return this.readRange(context, sheet, range, sheet.name, merged);
    });
  }

  /**
   * The current selection as a block of its sheet, cut to the sheet's used range (Excel returns every cell of a
   * selection, so columns A:B would be two million cells), read like a sheet. Nothing selected that holds a value
   * gives no rows.
   */
  readSelection(): Promise<SheetData> {
    return Excel.run(async (context) => {
      const selection = context.workbook.getSelectedRange().load("rowIndex,columnIndex,rowCount,columnCount");
      const ws = selection.worksheet.load("name");
      const used = ws.getUsedRangeOrNullObject(true).load(RANGE_PROPS);
      await context.sync();
      const box = (r: Excel.Range): Area => ({
        row: r.rowIndex,
        column: r.columnIndex,
        rowCount: r.rowCount,
        columnCount: r.columnCount,
      });
      const area = used.isNullObject ? undefined : intersect(box(selection), box(used));
      if (!area)
        return {
          sheet: ws.name,
          origin: { row: selection.rowIndex, column: selection.columnIndex },
          values: [],
          hiddenRows: [],
        };
      return this.readArea(context, ws, area, ws.name);
    });
  }

  /** The values of a range whose `RANGE_PROPS` are loaded. */
  private async readRange(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    range: Excel.Range,
    sheet: string,
    merged?: () => string[] | undefined,
  ): Promise<SheetData> {
    const { rowIndex, columnIndex, rowCount, columnCount } = range;
    const data = await this.readArea(
      context,
      ws,
      { row: rowIndex, column: columnIndex, rowCount, columnCount },
      sheet,
      range.rowHidden === false,
    );
    const areas = merged?.();
    return areas ? { ...data, merged: areas } : data;
  }

  /** The values of an area in row blocks, the first a sample that sizes the others; each split again if refused. */
  private async readArea(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    area: Area,
    sheet: string,
    noneHidden = false,
  ): Promise<SheetData> {
    const { row: rowIndex, column: columnIndex, rowCount, columnCount } = area;
    const values: CellValue[][] = [];
    const read = async (block: Block): Promise<number> => {
      const rows = await this.readValues(context, ws, {
        row: block.row,
        column: columnIndex,
        rowCount: block.rowCount,
        columnCount,
      });
      for (const row of rows) values.push(row.map(plain));
      return utf8Length(JSON.stringify(rows));
    };
    const maxRowsByCells = Math.max(1, Math.floor(this.maxCellsPerGet / columnCount));
    const sample = Math.min(
      rowCount,
      this.sampleRows,
      maxRowsByCells,
      Math.max(1, Math.floor(this.sampleCells / columnCount)),
    );
    const sampleBytes = await read({ row: rowIndex, rowCount: sample });
    // A fifth more than the sample suggests: later rows may hold longer text (and are split if they do).
    const bytesPerRow = Math.max(1, (sampleBytes / sample) * 1.2);
    const rowsPerBlock = Math.max(1, Math.min(maxRowsByCells, Math.floor(this.budget.response / bytesPerRow)));
    for (let r = sample; r < rowCount; r += rowsPerBlock)
      await read({ row: rowIndex + r, rowCount: Math.min(rowsPerBlock, rowCount - r) });
    const hiddenRows = noneHidden ? [] : await this.hiddenRows(context, ws, { row: rowIndex, rowCount }, columnIndex);
    return { sheet, origin: { row: rowIndex, column: columnIndex }, values, hiddenRows };
  }

  /** `values` of an area in one get, or, when Excel refuses the response as too large, of its halves. */
  private async readValues(context: Excel.RequestContext, ws: Excel.Worksheet, a: Area): Promise<unknown[][]> {
    const range = ws.getRangeByIndexes(a.row, a.column, a.rowCount, a.columnCount).load("values");
    try {
      await context.sync();
      return range.values;
    } catch (e) {
      if (!isTooLarge(e) || (a.rowCount === 1 && a.columnCount === 1)) throw e;
    }
    if (a.rowCount > 1) {
      const top = Math.ceil(a.rowCount / 2);
      const upper = await this.readValues(context, ws, { ...a, rowCount: top });
      const lower = await this.readValues(context, ws, { ...a, row: a.row + top, rowCount: a.rowCount - top });
      return [...upper, ...lower];
    }
    const left = Math.ceil(a.columnCount / 2);
    const [l] = await this.readValues(context, ws, { ...a, columnCount: left });
    const [r] = await this.readValues(context, ws, {
      ...a,
      column: a.column + left,
      columnCount: a.columnCount - left,
    });
    return [[...l!, ...r!]];
  }

  /** Hidden rows of a block: each round trip asks `rowHidden` of the mixed blocks split in 16. */
  private async hiddenRows(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    all: Block,
    column: number,
  ): Promise<number[]> {
    const hidden: number[] = [];
    let mixed: Block[] = [all];
    while (mixed.length > 0) {
      const parts = mixed.flatMap((b) => {
        const size = Math.ceil(b.rowCount / 16);
        const out: Block[] = [];
        for (let r = 0; r < b.rowCount; r += size)
          out.push({ row: b.row + r, rowCount: Math.min(size, b.rowCount - r) });
        return out;
      });
      const ranges = parts.map((p) => ws.getRangeByIndexes(p.row, column, p.rowCount, 1).load("rowHidden"));
      await context.sync();
      mixed = [];
      parts.forEach((p, i) => {
        const h = ranges[i]!.rowHidden;
        if (h === true) for (let r = p.row; r < p.row + p.rowCount; r++) hidden.push(r);
        else if (h !== false) mixed.push(p);
      });
    }
    return hidden.sort((a, b) => a - b);
  }
}
