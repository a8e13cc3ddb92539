/**
 * Calculation in the fake: a formula written through a Range is "dirty" until Excel calculates it, which it does
 * at once unless `suspendApiCalculationUntilNextSync` holds it until the end of the sync (or the workbook is in
 * manual mode). Plain references (`=B7`, text too) and the arithmetic of test/report/evaluate.ts (SUM, MIN, MAX,
 * ABS, IF, + - * /) are computed; any other formula gets no value (null), as before. A chart or an autofit over a
 * dirty cell is an error, as drawing or measuring what is not calculated yet is in Excel.
 */
import { evaluate } from "../../report/evaluate";
import { OfficeError } from "./context";
import { cellKey, type FakeSheet, type Scalar, type WorkbookState } from "./state";
import type { Rect } from "./address";

const REF = /^\$?([A-Z]{1,3})\$?(\d+)$/;

function keyOf(address: string): number | undefined {
  const m = REF.exec(address);
  if (!m) return undefined;
  const column = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return cellKey(Number(m[2]) - 1, column);
}

/** Marks a formula cell as written and not calculated. */
export function markDirty(state: WorkbookState, sheet: FakeSheet, key: number): void {
  const cell = sheet.cells.get(key);
  if (cell?.formula === undefined) return;
  cell.dirty = true;
  state.dirty.push({ sheet, key });
}

/** Whether Excel calculates now (automatic mode, calculation not suspended). */
export function calculating(state: WorkbookState): boolean {
  return state.suspended.calculation === 0 && state.calculationMode !== "Manual";
}

/** Calculates every dirty formula cell. */
export function calculate(state: WorkbookState): void {
  if (state.dirty.length === 0) return;
  const pending = state.dirty;
  state.dirty = [];
  for (const { sheet, key } of pending) valueOf(sheet, key, new Set());
}

function valueOf(sheet: FakeSheet, key: number, seen: Set<number>): Scalar | null {
  const cell = sheet.cells.get(key);
  if (!cell) return null;
  if (cell.formula === undefined || !cell.dirty) return cell.value;
  if (seen.has(key)) return null; // a circular reference: no value
  seen.add(key);
  const formula = cell.formula;
  let value: Scalar | null = null;
  const ref = keyOf(formula);
  if (ref !== undefined) value = valueOf(sheet, ref, seen);
  else {
    try {
      const cells = {
        get: (address: string) => (keyOf(address) === undefined ? undefined : valueOf(sheet, keyOf(address)!, seen)),
      };
      const n = evaluate(formula, cells as unknown as ReadonlyMap<string, unknown>);
      value = Number.isFinite(n) ? n : null;
    } catch {
      value = null;
    }
  }
  cell.value = value;
  delete cell.dirty;
  return value;
}

/** Throws when a range holds a formula not calculated yet (a chart's source, an autofit). */
export function requireCalculated(state: WorkbookState, sheet: FakeSheet, rect: Rect, what: string): void {
  for (const d of state.dirty) {
    if (d.sheet !== sheet || !sheet.cells.get(d.key)?.dirty) continue;
    const r = Math.floor(d.key / 16_384);
    const c = d.key % 16_384;
    if (r >= rect.row && r < rect.row + rect.rowCount && c >= rect.column && c < rect.column + rect.columnCount) {
      throw new OfficeError(
        "InvalidOperation",
        `${what}: the range holds formulas that are not calculated (calculation is suspended).`,
      );
    }
  }
}
