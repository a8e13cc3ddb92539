/** The bundled examples as plain sheets, and a job run over such sheets through nothing but the reader interface. */
import type { CellValue } from "../../src/cells";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { DEFAULT_SETTINGS, readSettings, type ReadSettings, type SettingsRead } from "../../src/input/settings";
import { startJob, type JobRun } from "../../src/jobs/run";
import type { SheetData, WorkbookReader } from "../../src/workbook/types";

export const EXAMPLES = join(__dirname, "../../examples");
export type Sheets = Record<string, CellValue[][]>;

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25_569;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return plain(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return null;
}

/** Every sheet of a bundled example, cell values as a reader gives them. */
export async function exampleSheets(file: string): Promise<Sheets> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(EXAMPLES, file));
  const out: Sheets = {};
  for (const ws of wb.worksheets) {
    const rows: CellValue[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row: CellValue[] = [];
      for (let c = 1; c <= ws.columnCount; c++) row.push(plain(ws.getCell(r, c).value));
      rows.push(row);
    }
    out[ws.name] = rows;
  }
  return out;
}

export function sheetsReader(sheets: Sheets): WorkbookReader {
  const sheet = (name: string): SheetData => {
    const values = sheets[name];
    if (!values) throw new Error(`Bladet "${name}" finns inte i arbetsboken.`);
    return { sheet: name, origin: { row: 0, column: 0 }, values };
  };
  return {
    sheetNames: async () => Object.keys(sheets),
    tables: async () => [],
    readSheet: async (name) => sheet(name),
    readTable: async (name) => sheet(name),
  };
}

/** A job run over the sheets with the settings of their Inställningar sheet, as the command line starts one. */
export async function runOf(
  sheets: Sheets,
): Promise<{ run: JobRun; settingsErrors: number; settingsRead: SettingsRead }> {
  const reader = sheetsReader(sheets);
  const read = await readSettings(reader);
  const settings: ReadSettings = { ...DEFAULT_SETTINGS, year: 2021, month: 8, ...read.settings };
  return { run: await startJob(reader, settings, "test"), settingsErrors: read.errors.length, settingsRead: read };
}
