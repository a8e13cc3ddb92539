/**
 * Keeping Office.js requests under Excel's limits: Excel on the web rejects a request or a response over 5 MB
 * (`RequestPayloadSizeLimitExceeded`), and one get of a range may hold at most 5 million cells. Sizes are
 * estimated from the UTF-8 length of the values' JSON (å, ä and ö are two bytes), never from a fixed row count.
 */

export interface SizeBudget {
  /** UTF-8 bytes of JSON in one request (values written plus operations). */
  readonly request: number;
  /** UTF-8 bytes of JSON in one response (values read). */
  readonly response: number;
}

/** About 4 MB each: a margin under the 5 MB limit for the envelope and the estimate's error. */
export const SIZE_BUDGET: SizeBudget = { request: 4_000_000, response: 4_000_000 };

export const MAX_CELLS_PER_GET = 5_000_000;

/** UTF-8 bytes of a string (what Office sends), without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff)
      i++; // a surrogate pair: 4 bytes, counted 2 + 2
    else if (c >= 0x800) bytes += 2;
    else if (c >= 0x80) bytes += 1;
    if (c >= 0xd800 && c <= 0xdbff) bytes += 2;
  }
  return bytes;
}

/** Whether Excel refused a request or its response as too large (5 MB, or more cells than one get may hold). */
export function isTooLarge(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/** Whether the host has ExcelApi at this version ("1.9"); false outside Office. */
export function apiSupported(version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

/** Consecutive rows whose JSON stays under `budget` UTF-8 bytes (a row larger than the budget goes alone). */
export function rowBlocks<T>(
  rows: readonly (readonly T[])[],
  budget: number,
): { start: number; rows: readonly (readonly T[])[]; size: number }[] {
  const blocks: { start: number; rows: (readonly T[])[]; size: number }[] = [];
  let current: { start: number; rows: (readonly T[])[]; size: number } | undefined;
  rows.forEach((row, i) => {
    const size = utf8Length(JSON.stringify(row)) + 1;
    if (!current || current.size + size > budget) {
      current = { start: i, rows: [], size: 2 };
      blocks.push(current);
    }
    current.rows.push(row);
    current.size += size;
  });
  return blocks;
}
