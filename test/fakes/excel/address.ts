/**
 * A1 addresses for the fake Excel: cells, ranges, whole columns ("A:C") and whole rows ("2:4"), with or without
 * a sheet name ("'Mitt blad'!A1:B2"). Rows and columns are 0-based inside, as in getRangeByIndexes.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Splits "Blad1!A1:B2" into the sheet name (unquoted) and the local address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

function parsePart(part: string): { row?: number; column?: number } {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(part);
  if (!m || (m[1] === "" && m[2] === "")) throw new Error(`bad address part ${part}`);
  return { column: m[1] ? columnIndex(m[1]) : undefined, row: m[2] ? Number(m[2]) - 1 : undefined };
}

/** The rectangle of a local address ("A1", "A1:C5", "A:C", "2:4"); throws on anything else. */
export function parseLocal(local: string): Rect {
  const [a, b = a] = local.split(":");
  const p = parsePart(a!);
  const q = parsePart(b!);
  const wholeColumns = p.row === undefined && q.row === undefined;
  const wholeRows = p.column === undefined && q.column === undefined;
  if (!wholeColumns && (p.row === undefined || q.row === undefined)) throw new Error(`bad address ${local}`);
  if (!wholeRows && (p.column === undefined || q.column === undefined)) throw new Error(`bad address ${local}`);
  const r0 = wholeColumns ? 0 : Math.min(p.row!, q.row!);
  const r1 = wholeColumns ? MAX_ROWS - 1 : Math.max(p.row!, q.row!);
  const c0 = wholeRows ? 0 : Math.min(p.column!, q.column!);
  const c1 = wholeRows ? MAX_COLUMNS - 1 : Math.max(p.column!, q.column!);
  if (r1 >= MAX_ROWS || c1 >= MAX_COLUMNS) throw new Error(`address outside the sheet ${local}`);
  return { row: r0, column: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1 };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The local A1 address of a rectangle, as Excel writes it (whole columns and rows shortened). */
export function formatLocal(r: Rect): string {
  const lastRow = r.row + r.rowCount - 1;
  const lastColumn = r.column + r.columnCount - 1;
  if (r.row === 0 && r.rowCount === MAX_ROWS) return `${columnLetter(r.column)}:${columnLetter(lastColumn)}`;
  if (r.column === 0 && r.columnCount === MAX_COLUMNS) return `${r.row + 1}:${lastRow + 1}`;
  const first = `${columnLetter(r.column)}${r.row + 1}`;
  return r.rowCount === 1 && r.columnCount === 1 ? first : `${first}:${columnLetter(lastColumn)}${lastRow + 1}`;
}

export function formatAddress(sheet: string, r: Rect): string {
  return `${quoteSheet(sheet)}!${formatLocal(r)}`;
}

export function intersects(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}
import { columnLetter } from "../../../src/cells";
