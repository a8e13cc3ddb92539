/**
 * WorkbookReader on the open workbook through Office.js. Used ranges and tables come back in bulk (`values` of
 * whole row blocks, never cell by cell) in few round trips: one to find the range, then one block per round trip,
 * each sized from the JSON length of a sample so that no response passes ~4 MB and no get passes 5 million cells.
 * Hidden rows are found by halving: one cheap `rowHidden` per block, split only where the rows are mixed.
 * Merged areas come with the first round trip where the host has ExcelApi 1.13.
 */
import type { CellValue } from "../../report/layout";
import type { SheetData, TableInfo, WorkbookReader } from "../types";
import { apiSupported, MAX_CELLS_PER_GET, SIZE_BUDGET, type SizeBudget } from "./requests";

export interface OfficeReaderOptions {
  readonly budget?: SizeBudget;
  /** Rows read in the first block, whose JSON length sizes the other blocks. */
  readonly sampleRows?: number;
  /** Cells one get may hold (Excel: 5 million). */
  readonly maxCellsPerGet?: number;
}

const RANGE_PROPS = "rowIndex,columnIndex,rowCount,columnCount,rowHidden";

interface Block {
  readonly row: number;
  readonly rowCount: number;
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
function mergedAreas(range: Excel.Range): Excel.RangeAreas | undefined {
  return apiSupported("1.13") ? range.getMergedAreasOrNullObject().load("address") : undefined;
}

export class OfficeReader implements WorkbookReader {
  private readonly budget: SizeBudget;
  private readonly sampleRows: number;
  private readonly maxCellsPerGet: number;

  constructor(options: OfficeReaderOptions = {}) {
    this.budget = options.budget ?? SIZE_BUDGET;
    this.sampleRows = options.sampleRows ?? 1000;
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
      return tables.items.map((t, i) => ({ name: t.name, sheet: t.worksheet.name, range: localAddress(ranges[i]!.address) }));
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

  /** The values of a range whose `RANGE_PROPS` are loaded: row blocks, the first a sample that sizes the others. */
  private async readRange(context: Excel.RequestContext, ws: Excel.Worksheet, range: Excel.Range, sheet: string, merged?: Excel.RangeAreas): Promise<SheetData> {
    const { rowIndex, columnIndex, rowCount, columnCount } = range;
    const values: CellValue[][] = [];
    const read = async (block: Block): Promise<number> => {
      const r = ws.getRangeByIndexes(block.row, columnIndex, block.rowCount, columnCount).load("values");
      await context.sync();
      const raw = r.values;
      for (const row of raw) values.push(row.map(plain));
      return JSON.stringify(raw).length;
    };
    const maxRowsByCells = Math.max(1, Math.floor(this.maxCellsPerGet / columnCount));
    const sample = Math.min(rowCount, this.sampleRows, maxRowsByCells);
    const sampleBytes = await read({ row: rowIndex, rowCount: sample });
    // A fifth more than the sample suggests: later rows may hold longer text.
    const bytesPerRow = Math.max(1, (sampleBytes / sample) * 1.2);
    const rowsPerBlock = Math.max(1, Math.min(maxRowsByCells, Math.floor(this.budget.response / bytesPerRow)));
    for (let r = sample; r < rowCount; r += rowsPerBlock) await read({ row: rowIndex + r, rowCount: Math.min(rowsPerBlock, rowCount - r) });
    const hiddenRows = range.rowHidden === false ? [] : await this.hiddenRows(context, ws, { row: rowIndex, rowCount }, columnIndex);
    const data: SheetData = { sheet, origin: { row: rowIndex, column: columnIndex }, values, hiddenRows };
    return merged && !merged.isNullObject ? { ...data, merged: localAreas(merged.address) } : data;
  }

  /** Hidden rows of a block: each round trip asks `rowHidden` of the mixed blocks split in 16. */
  private async hiddenRows(context: Excel.RequestContext, ws: Excel.Worksheet, all: Block, column: number): Promise<number[]> {
    const hidden: number[] = [];
    let mixed: Block[] = [all];
    while (mixed.length > 0) {
      const parts = mixed.flatMap((b) => {
        const size = Math.ceil(b.rowCount / 16);
        const out: Block[] = [];
        for (let r = 0; r < b.rowCount; r += size) out.push({ row: b.row + r, rowCount: Math.min(size, b.rowCount - r) });
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
