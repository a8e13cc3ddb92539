/**
 * The streaming reader of big .xlsx files: the rows of every sheet as they stream by, each as plain values, and
 * nothing kept. What the rows mean (a ledger's header, totals rows, amounts) is src/input/ledger.ts's business.
 */
import { basename } from "node:path";
import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import type { CellValue } from "../../cells";
import type { SheetVisitor } from "../types";
import { libraryError } from "./file";
import { MAX_CELLS, MAX_SHEET_ROWS, UnreadableFile, workbookInput } from "./fileCheck";
import { plain } from "./reader";

/** The rows of every sheet of an .xlsx, streamed: `visit` gets each sheet's name and then its rows in order. */
export async function eachSheetRow(path: string, visit: SheetVisitor): Promise<void> {
  // exceljs is loaded when a workbook is first read (a .csv ledger never needs it to be read). The reader keeps
  // nothing: shared strings are cached (cells refer to them by index), styles and hyperlinks are not parsed,
  // each sheet is emitted as it streams by and its rows die young.
  const input = workbookInput(path);
  const { default: Excel } = await import("exceljs");
  const source = input.repaired ? Readable.from([input.repaired]) : path;
  const reader = new Excel.stream.xlsx.WorkbookReader(source as string, {
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
    worksheets: "emit",
  });
  let cells = 0;
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      const onRow = visit(name);
      if (!onRow) continue;
      for await (const row of ws) {
        // The limits hold as the rows stream by too (a zip directory may understate the sizes).
        if (row.number > MAX_SHEET_ROWS)
          throw new UnreadableFile(
            `Filen ${basename(path)} läses inte: bladet "${name}" har fler rader än Excels gräns ${MAX_SHEET_ROWS.toLocaleString("sv-SE")}.`,
          );
        cells += row.cellCount;
        if (cells > MAX_CELLS)
          throw new UnreadableFile(
            `Filen ${basename(path)} läses inte: den har fler än ${MAX_CELLS.toLocaleString("sv-SE")} celler, gränsen för en arbetsbok.`,
          );
        const raw = row.values as unknown[];
        const values: CellValue[] = new Array<CellValue>(Math.max(0, raw.length - 1));
        for (let i = 1; i < raw.length; i++) {
          const v = raw[i] as ExcelJS.CellValue;
          // A cached result of 0 is dropped by exceljs's cell.value (see reader.ts): take it from cell.result.
          const formula =
            v !== null &&
            typeof v === "object" &&
            ("formula" in v || "sharedFormula" in v) &&
            (v as ExcelJS.CellFormulaValue).result === undefined;
          values[i - 1] = plain(
            formula
              ? ({ ...(v as ExcelJS.CellFormulaValue), result: row.getCell(i).result } as ExcelJS.CellFormulaValue)
              : v,
          );
        }
        // false: the rest of this sheet is not wanted.
        if (!onRow(values, row.number - 1)) break;
      }
    }
  } catch (e) {
    throw libraryError(path, e);
  }
}
