/** The sheets of the example workbook (examples/herrljunga-2021.xlsx) as a seed for the Excel fake. */
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Seed } from "../fakes/excel";
import { ROOT } from "./build";

type Scalar = string | number | boolean | null;

/** A cell of the example as the fake holds it: numbers, text, booleans; a formula's cached result; dates as serials. */
function plain(value: ExcelJS.CellValue): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25_569;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return plain(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return null;
}

/** The sheets of a workbook file (by default the example) as a seed for the Excel fake. */
export async function exampleSeed(path: string = join(ROOT, "examples/herrljunga-2021.xlsx")): Promise<Seed> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const seed: Record<string, Scalar[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: Scalar[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row: Scalar[] = [];
      for (let c = 1; c <= ws.columnCount; c++) row.push(plain(ws.getCell(r, c).value));
      rows.push(row);
    }
    seed[ws.name] = rows;
  }
  return seed;
}

/** The sheets the pane's Prognos per ansvar writes on the example, as the command line's rapport does. */
export const PROGNOSIS_REPORT_SHEETS = [
  "Sammanfattning",
  "Kontroller",
  "Prognos per ansvar",
  "Resultaträkning",
  "Kommentarer",
  "Budgetkoll_kommentarer_gen",
  "Organisatorisk fördelning",
  "Bilaga per ansvar",
  "Avvikelseförklaringar",
  "Investeringsuppföljning",
  "Volymbudget",
  "Åtgärdsplan",
  "Budgetkoll_prognoshistorik",
];
