/**
 * Cell primitives every layer shares: a cell's value as a reader gives it and a writer takes it, and A1 addresses.
 * They import nothing, so the readers (src/input), the report layouts (src/report) and the workbook adapters
 * (src/workbook) use them without importing one another.
 */

export type CellValue = string | number | boolean | null;

/** Spreadsheet column letters: 0 = A, 25 = Z, 26 = AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based (row, column). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** An A1 range ("B3:F20", "$B$3", "B3") as a 0-based box; undefined when it is not one. */
export function decodeRange(range: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(range.trim());
  if (!m) return undefined;
  const col = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const a = { row: Number(m[2]) - 1, col: col(m[1]!) };
  const b = m[3] ? { row: Number(m[4]) - 1, col: col(m[3]) } : a;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}
