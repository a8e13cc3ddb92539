/** Test helpers for the input readers: workbooks in memory, as SheetData or through exceljs. */
import type { CellValue } from "../../src/cells";
import ExcelJS from "exceljs";
import { formatInputError, type InputError } from "../../src/input/errors";
import { DEFAULT_SETTINGS, type ReadSettings } from "../../src/input/settings";
import { ExcelJsReader } from "../../src/workbook/exceljs/reader";
import type { SheetData, TableInfo, WorkbookReader } from "../../src/workbook/types";

export function settings(overrides: Partial<ReadSettings> = {}): ReadSettings {
  return { ...DEFAULT_SETTINGS, year: 2021, month: 8, ...overrides };
}

/** A reader over sheets given as values from A1 (or as whole SheetData). */
export function memoryReader(sheets: Record<string, readonly (readonly CellValue[])[] | SheetData>): WorkbookReader {
  const data = (name: string): SheetData => {
    const s = sheets[name];
    if (s === undefined) throw new Error(`no sheet ${name}`);
    return Array.isArray(s) ? { sheet: name, origin: { row: 0, column: 0 }, values: s } : (s as SheetData);
  };
  return {
    sheetNames: async () => Object.keys(sheets),
    tables: async (): Promise<TableInfo[]> => [],
    readSheet: async (name) => data(name),
    readTable: async (name) => {
      throw new Error(`no table ${name}`);
    },
  };
}

/** Build a workbook with exceljs, write it to a buffer and read it back: the real file path. */
export async function excelReader(build: (wb: ExcelJS.Workbook) => void): Promise<ExcelJsReader> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buffer = await wb.xlsx.writeBuffer();
  return ExcelJsReader.fromBuffer(buffer as ArrayBuffer);
}

/** Add a sheet with rows from A1 (null leaves a cell empty). */
export function addRows(wb: ExcelJS.Workbook, name: string, rows: readonly (readonly unknown[])[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }),
  );
  return ws;
}

export function messages(errors: readonly InputError[]): string[] {
  return errors.map(formatInputError);
}
