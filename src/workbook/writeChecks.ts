/**
 * Checks both writers (exceljs and Office.js) make before they change a workbook, and the error they throw when
 * they refuse: the layouts' own problems (sheet and table names, duplicates, row widths), in Swedish; and the one
 * edited-sheet policy both follow (a sheet of the same name that is not ours, one of ours the user has edited, the
 * registry entries kept).
 */
import { cellAddress } from "../cells";
import { layoutCells, type SheetLayout } from "../report/layout";
import { REGISTRY_SHEET, type RegistryEntry } from "../report/meta";
import { MAX_CELL_CHARS } from "./safeText";
import type { WriteOptions } from "./types";

/** Excel's limits of a sheet: rows and columns. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

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

/** A sheet of an output's name that the registry does not list: the user's, never written over. */
export function notOurSheetProblem(sheet: string): string {
  return `Bladet "${sheet}" finns redan och är inte skapat av Budgetkoll; byt namn på ditt blad eller ta bort det, så skriver Budgetkoll sitt.`;
}

/** The answer for one of our sheets the user has edited: the caller's `onEdited`, or the user's when asked; none refuses. */
type EditedAnswer = WriteOptions["onEdited"] | "cancel" | undefined;

/**
 * The edited-sheet policy of both writers: an output sheet that is new or unedited is written; one the user has
 * edited is written over when the answer is "replace", left as it is (and named) on "keep", and otherwise refused
 * with a message naming it (nothing is written then). `edited` and `choice` take the sheet's name in lower case;
 * `shown` is the name the message uses (the sheet's name in the workbook).
 */
export function editedSheetDecision<T>(
  outputs: readonly T[],
  nameOf: (output: T) => string,
  edited: (key: string) => boolean,
  choice: (key: string) => EditedAnswer,
  shown: (output: T) => string = nameOf,
): { toWrite: T[]; keptEdited: string[]; problems: string[] } {
  const toWrite: T[] = [];
  const keptEdited: string[] = [];
  const problems: string[] = [];
  for (const output of outputs) {
    const key = nameOf(output).toLowerCase();
    const decision = edited(key) ? choice(key) : "replace";
    if (decision === "replace") toWrite.push(output);
    else if (decision === "keep") keptEdited.push(nameOf(output));
    else
      problems.push(
        `Bladet "${shown(output)}" har ändrats sedan Budgetkoll skrev det; spara dina ändringar på ett eget blad eller välj att ersätta det.`,
      );
  }
  return { toWrite, keptEdited, problems };
}

/**
 * The registry entries a write keeps, by sheet name in lower case: those of sheets still in the workbook. Entries of
 * sheets the user has deleted are dropped, so a later sheet of that name is not taken for ours.
 */
export function keptRegistryEntries(
  registry: readonly RegistryEntry[],
  sheetNames: readonly string[],
): Map<string, RegistryEntry> {
  const present = new Set(sheetNames.map((n) => n.toLowerCase()));
  return new Map(registry.filter((e) => present.has(e.sheet.toLowerCase())).map((e) => [e.sheet.toLowerCase(), e]));
}
