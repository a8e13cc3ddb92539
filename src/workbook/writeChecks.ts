/**
 * Checks both writers (exceljs and Office.js) make before they change a workbook, and the error they throw when
 * they refuse: the layouts' own problems (sheet and table names, duplicates, row widths), in Swedish.
 */
import { cellAddress } from "../cells";
import { layoutCells, type SheetLayout } from "../report/layout";
import { MAX_CELL_CHARS } from "./safeText";

/** Excel's limits of a sheet: rows and columns. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
import { REGISTRY_SHEET } from "../report/meta";

/** Thrown when the output cannot be written; nothing has been changed in the workbook. */
export class WriteRefused extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Inget skrevs: ${problems.join(" ")}`);
    this.name = "WriteRefused";
  }
}

export const INVALID_SHEET_CHARS = /[\\/?*[\]:]/;
export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** Problems of the layouts themselves (names, duplicates): checked before anything else. */
export function layoutProblems(layouts: readonly SheetLayout[], otherTables: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const tables = new Set<string>();
  for (const l of layouts) {
    const key = l.name.toLowerCase();
    if (l.name.length === 0 || l.name.length > 31 || INVALID_SHEET_CHARS.test(l.name))
      problems.push(`Bladnamnet "${l.name}" går inte att använda i Excel (högst 31 tecken, inte \\ / ? * [ ] :).`);
    if (names.has(key)) problems.push(`Bladet "${l.name}" finns två gånger i utdata.`);
    if (key === REGISTRY_SHEET.toLowerCase()) problems.push(`Bladnamnet "${l.name}" är reserverat för Budgetkoll.`);
    names.add(key);
    for (const t of l.tables) {
      const tkey = t.name.toLowerCase();
      if (!TABLE_NAME.test(t.name)) problems.push(`Tabellnamnet "${t.name}" går inte att använda i Excel.`);
      if (tables.has(tkey) || otherTables.has(tkey)) problems.push(`Tabellen "${t.name}" finns redan i arbetsboken.`);
      tables.add(tkey);
      const headers = new Set(t.columns.map((c) => c.header.toLowerCase()));
      if (headers.size !== t.columns.length) problems.push(`Tabellen "${t.name}" har två kolumner med samma rubrik.`);
      if (t.headerRow + 1 + t.rows.length > MAX_ROWS)
        problems.push(
          `Tabellen "${t.name}" har ${t.rows.length} rader: fler än Excels gräns ${MAX_ROWS} rader på ett blad.`,
        );
      if (t.firstColumn + t.columns.length > MAX_COLUMNS)
        problems.push(`Tabellen "${t.name}" har ${t.columns.length} kolumner: fler än Excels gräns ${MAX_COLUMNS}.`);
      t.rows.forEach((r, i) => {
        if (r.cells.length !== t.columns.length)
          problems.push(`Tabellen "${t.name}" rad ${i + 1} har ${r.cells.length} celler, inte ${t.columns.length}.`);
      });
    }
  }
  return problems;
}

/** The cells whose text passes Excel's limit of 32 767 characters: each is cut (safeText.ts), and named here. */
export function longCellWarnings(layouts: readonly SheetLayout[]): { sheet: string; cell: string; message: string }[] {
  return layouts.flatMap((l) =>
    layoutCells(l)
      .filter((c) => typeof c.value === "string" && c.value.length > MAX_CELL_CHARS)
      .map((c) => ({
        sheet: l.name,
        cell: cellAddress(c.row, c.column),
        message: `texten har ${(c.value as string).length} tecken, fler än de ${MAX_CELL_CHARS} som ryms i en cell i Excel: den skrevs avkortad och slutar med "…". Korta texten i indata.`,
      })),
  );
}
