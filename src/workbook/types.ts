/**
 * The one reader/writer interface of the workbook layer. `exceljs/` implements it on .xlsx files (CLI, tests),
 * `office/` on the open workbook in Excel (Office.js). Only `office/` may touch `Excel` or `Office`.
 */
import type { CellValue } from "../cells";
import type { SheetLayout } from "../report/layout";

/** A block of cells as read, values only (numbers, text, booleans, null for empty; dates as Excel serials). */
export interface SheetData {
  readonly sheet: string;
  /** 0-based sheet row and column of values[0][0]. */
  readonly origin: { readonly row: number; readonly column: number };
  readonly values: readonly (readonly CellValue[])[];
  /** 0-based sheet rows that are hidden in the sheet (read, but reported). */
  readonly hiddenRows?: readonly number[];
  /** Merged ranges in A1 notation. */
  readonly merged?: readonly string[];
}

export interface TableInfo {
  readonly name: string;
  readonly sheet: string;
  /** A1 range of the table including its header. */
  readonly range: string;
}

export interface WorkbookReader {
  sheetNames(): Promise<string[]>;
  tables(): Promise<TableInfo[]>;
  /** The used range of a sheet. */
  readSheet(sheet: string): Promise<SheetData>;
  /** A named table, header row included. */
  readTable(name: string): Promise<SheetData>;
}

export interface WriteOptions {
  /** What to do when an output sheet of ours has been edited by the user since we wrote it. */
  readonly onEdited: "replace" | "keep" | "fail";
  /**
   * Our sheets whose edits the caller has read back and merged into its layout (the commentary, the forecast
   * history): written over even when edited, whatever `onEdited` says.
   */
  readonly merged?: readonly string[];
}

export interface WriteReport {
  readonly written: readonly string[];
  /** Our sheets the user had edited, kept because onEdited said so. */
  readonly keptEdited: readonly string[];
  /** Swedish notices for the user, e.g. that this Excel could not add data validation to a template. */
  readonly notices?: readonly string[];
}

export interface WorkbookWriter {
  /**
   * Write whole sheets. The whole output is built before anything is written; a sheet that exists and is not
   * the add-in's own is never touched (the call fails with a Swedish message instead).
   */
  writeSheets(layouts: readonly SheetLayout[], options: WriteOptions): Promise<WriteReport>;
  /**
   * Which of these sheets are the add-in's own and edited by the user since it wrote them (their names as in the
   * workbook), so that the edge can ask before it writes. Writes nothing.
   */
  editedSheets(names: readonly string[]): Promise<string[]>;
}

/**
 * A streaming reader's visitor: called with each sheet's name, it returns what to do with the sheet's rows (each
 * with its 0-based sheet row; false stops the sheet), or undefined to pass the sheet over.
 */
export type SheetVisitor = (sheet: string) => ((values: CellValue[], row: number) => boolean) | undefined;
