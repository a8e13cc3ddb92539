/**
 * What the readers of one sheet kind share (volumes, measures): read every sheet of that kind row by row, with
 * the scan's errors for the kind first, then build the input when nothing blocks and check it against its
 * schema. The outcome lists every error at once.
 */
import type { z } from "zod";
import type { InputError } from "./errors";
import type { SheetKind } from "./headers";
import { recognisedSheet, scanErrors, scanWorkbook, type Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import { SheetRows, type RowCounts } from "./sheetRows";
import { schemaErrors } from "./validation";
import type { WorkbookReader } from "../workbook/types";

/**
 * The items of every sheet of `kind` (read by `read`, which counts its rows), built into the input by `build`
 * and checked with `schema`; `missing` is the error when the workbook has no such sheet.
 */
export function readKind<T, I>(
  scan: Scan,
  kind: SheetKind,
  read: (rows: SheetRows, counts: RowCounts) => T[],
  missing: InputError,
  build: (items: T[], errors: InputError[]) => I | undefined,
  schema: z.ZodType,
): ReadOutcome<I> {
  const errors: InputError[] = scanErrors(scan, [kind]);
  const warnings: InputError[] = [...scan.warnings];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === kind);
  const items: T[] = [];
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    items.push(...read(rows, counts));
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  if (sheets.length === 0) errors.push(missing);
  const built = build(items, errors);
  const value = errors.length > 0 ? undefined : built;
  if (value) errors.push(...schemaErrors(schema, value, missing.sheet));
  return {
    value: errors.length > 0 ? undefined : value,
    errors,
    warnings,
    recognised: sheets.map(recognisedSheet),
    rows: counts,
  };
}

/** A reader of one kind on a whole workbook: scan it, then read. */
export const fromWorkbook =
  <I>(fromScan: (scan: Scan, settings: ReadSettings) => ReadOutcome<I>) =>
  async (reader: WorkbookReader, settings: ReadSettings): Promise<ReadOutcome<I>> =>
    fromScan(await scanWorkbook(reader, settings.columnMapping), settings);
