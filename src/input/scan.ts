/**
 * Finding the input sheets of a workbook: each sheet is recognised by its headers first, its name second, and
 * whether it is last year's (utfall) or last month's (prognos) by its name ("Utfall fg år", "Prognos föregående").
 */
import { decodeRange } from "../cells";
import type { SheetData, WorkbookReader } from "../workbook/types";
import { inputError, type InputError } from "./errors";
import {
  classifySheet,
  describeRequired,
  normaliseHeader,
  recogniseHeader,
  SPECS,
  type ColumnMapping,
  type Recognition,
  type SheetKind,
} from "./headers";
import { MAPPING_SHEET, SETTINGS_SHEET, type RecognisedSheet } from "./settings";
import { parseRegistry, REGISTRY_SHEET } from "../report/meta";
import { textOf } from "./sheetRows";

export interface ScannedSheet {
  readonly data: SheetData;
  readonly header: Recognition;
  /** Last year's ledger, or last month's forecast, by the sheet's name. */
  readonly previous: boolean;
}

export interface Scan {
  readonly sheets: readonly ScannedSheet[];
  /** Errors of a sheet of a kind (by its headers or its name): only the readers of that kind report them. */
  readonly errors: readonly { readonly kind: SheetKind; readonly error: InputError }[];
  /** Sheets that are not recognised at all. */
  readonly warnings: InputError[];
}

/** The scan's errors of sheets of these kinds. */
export function scanErrors(scan: Scan, kinds: readonly SheetKind[]): InputError[] {
  return scan.errors.filter((e) => kinds.includes(e.kind)).map((e) => e.error);
}

const PREVIOUS = /(fg|foregaende|fjol|forra|previous|lastyear|lastmonth)/;

/** Whether a sheet's name says it holds last year's (or month's) figures: "Utfall fg år", "Prognos föregående". */
export const isPreviousSheet = (name: string): boolean => PREVIOUS.test(normaliseHeader(name).key);

function isEmpty(data: SheetData): boolean {
  return data.values.every((row) => row.every((v) => textOf(v) === undefined));
}

/** The kind a sheet's name stands for, if any. */
function kindByName(sheet: string): SheetKind | undefined {
  const key = normaliseHeader(sheet).key;
  return (Object.keys(SPECS) as SheetKind[]).find((k) => SPECS[k].sheetNames.includes(key));
}

export interface ScanOptions {
  /**
   * Pass over the add-in's own output sheets (listed in its registry sheet), as by default: a report "Prognos per
   * ansvar" has the headers of a forecast sheet. False for returned templates: they are the add-in's own sheets.
   */
  readonly skipOwnOutput?: boolean;
}

/** The add-in's registry sheet and the output sheets it lists. */
export async function ownSheets(reader: WorkbookReader, names: readonly string[]): Promise<Set<string>> {
  const own = new Set<string>();
  const registry = names.find((n) => n.toLowerCase() === REGISTRY_SHEET.toLowerCase());
  if (registry === undefined) return own;
  own.add(registry.toLowerCase());
  for (const e of parseRegistry((await reader.readSheet(registry)).values)) own.add(e.sheet.toLowerCase());
  return own;
}

/** Rows of a sheet outside its recognised tables, below the first of them, that hold data: read, they are not. */
function rowsOutsideTables(
  sheet: SheetData,
  boxes: readonly { top: number; bottom: number; left: number; right: number; name: string }[],
): InputError[] {
  const warnings: InputError[] = [];
  const first = Math.min(...boxes.map((b) => b.top));
  sheet.values.forEach((row, i) => {
    const r = sheet.origin.row + i;
    if (r <= first || boxes.some((b) => r >= b.top && r <= b.bottom)) return;
    const box = boxes.find((b) => b.top < r) ?? boxes[0]!;
    let filled = 0;
    row.forEach((v, j) => {
      const c = sheet.origin.column + j;
      if (c >= box.left && c <= box.right && textOf(v) !== undefined) filled++;
    });
    if (filled >= 2)
      warnings.push(
        inputError(
          sheet.sheet,
          r,
          box.left,
          `raden ${r + 1} ligger utanför tabellen "${box.name}" och läses inte: flytta in den i tabellen om den ska med.`,
        ),
      );
  });
  return warnings;
}

export async function scanWorkbook(
  reader: WorkbookReader,
  mapping?: ColumnMapping,
  options: ScanOptions = {},
): Promise<Scan> {
  const skipOwnOutput = options.skipOwnOutput ?? true;
  const sheets: ScannedSheet[] = [];
  const errors: { kind: SheetKind; error: InputError }[] = [];
  const warnings: InputError[] = [];
  const names = await reader.sheetNames();
  const own = await ownSheets(reader, names);
  const tables = await reader.tables();
  for (const name of names) {
    // The settings and the column mapping are read by `readSettings`, not as data.
    if ([SETTINGS_SHEET, MAPPING_SHEET].some((n) => normaliseHeader(name).key === normaliseHeader(n).key)) continue;
    if (own.has(name.toLowerCase()) && (skipOwnOutput || name.toLowerCase() === REGISTRY_SHEET.toLowerCase())) continue;
    const previous = isPreviousSheet(name);
    // Inputs in Excel tables (the templates are tables) are read as tables: a note under one is not a data row.
    const inTables: {
      data: SheetData;
      header: Recognition;
      box: { top: number; bottom: number; left: number; right: number; name: string };
    }[] = [];
    for (const t of tables.filter((x) => x.sheet === name)) {
      const data = await reader.readTable(t.name);
      const header = classifySheet(data, mapping);
      const box = decodeRange(t.range);
      if (header && header.headerIndex === 0 && box) inTables.push({ data, header, box: { ...box, name: t.name } });
    }
    const data = await reader.readSheet(name);
    if (inTables.length > 0) {
      for (const t of inTables) {
        for (const error of t.header.errors) errors.push({ kind: t.header.spec.kind, error });
        warnings.push(...t.header.warnings);
        sheets.push({ data: t.data, header: t.header, previous });
      }
      warnings.push(
        ...rowsOutsideTables(
          data,
          inTables.map((t) => t.box),
        ),
      );
      continue;
    }
    const named = kindByName(name);
    if (isEmpty(data)) {
      if (named)
        errors.push({
          kind: named,
          error: inputError(
            name,
            undefined,
            undefined,
            `bladet är tomt: förväntade en rubrikrad med ${describeRequired(SPECS[named])} och rader under den.`,
          ),
        });
      continue;
    }
    const header = classifySheet(data, mapping);
    if (!header) {
      if (named) {
        const partial = recogniseHeader(data, SPECS[named], mapping);
        for (const error of partial?.errors ?? []) errors.push({ kind: named, error });
        errors.push({
          kind: named,
          error: inputError(
            name,
            undefined,
            undefined,
            `hittar ingen rubrikrad med ${describeRequired(SPECS[named])} bland de första 20 raderna: förväntade de rubrikerna (eller koppla kolumnerna till fälten).`,
          ),
        });
      } else
        warnings.push(
          inputError(name, undefined, undefined, "bladet känns inte igen som ett indatablad och läses inte."),
        );
      continue;
    }
    for (const error of header.errors) errors.push({ kind: header.spec.kind, error });
    warnings.push(...header.warnings);
    sheets.push({ data, header, previous });
  }
  return { sheets, errors, warnings };
}

export function recognisedSheet(s: ScannedSheet): RecognisedSheet {
  return { sheet: s.data.sheet, headerRow: s.header.headerRow + 1, fields: { ...s.header.cells } };
}
