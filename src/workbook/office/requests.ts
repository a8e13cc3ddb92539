/**
 * Keeping Office.js requests under Excel's limits: Excel on the web rejects a request or a response over 5 MB
 * (`RequestPayloadSizeLimitExceeded`), and one get of a range may hold at most 5 million cells. Sizes are
 * estimated from the JSON length of the values themselves, never from a fixed row count.
 */

export interface SizeBudget {
  /** Characters of JSON in one request (values written plus operations). */
  readonly request: number;
  /** Characters of JSON in one response (values read). */
  readonly response: number;
}

/** About 4 MB each: a margin under the 5 MB limit for the envelope and the estimate's error. */
export const SIZE_BUDGET: SizeBudget = { request: 4_000_000, response: 4_000_000 };

export const MAX_CELLS_PER_GET = 5_000_000;

/** Whether the host has ExcelApi at this version ("1.9"); false outside Office. */
export function apiSupported(version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

/** Consecutive rows whose JSON stays under `budget` characters (a row larger than the budget goes alone). */
export function rowBlocks<T>(rows: readonly (readonly T[])[], budget: number): { start: number; rows: readonly (readonly T[])[]; size: number }[] {
  const blocks: { start: number; rows: (readonly T[])[]; size: number }[] = [];
  let current: { start: number; rows: (readonly T[])[]; size: number } | undefined;
  rows.forEach((row, i) => {
    const size = JSON.stringify(row).length + 1;
    if (!current || current.size + size > budget) {
      current = { start: i, rows: [], size: 2 };
      blocks.push(current);
    }
    current.rows.push(row);
    current.size += size;
  });
  return blocks;
}
