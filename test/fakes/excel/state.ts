/**
 * The workbook behind the fake Excel: plain data a test seeds and reads back. No Node APIs (the fake is also
 * bundled for the browser as a stub office.js).
 */
import { formatAddress, parseLocal, splitSheet, type Rect } from "./address";

export type Scalar = string | number | boolean;

export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  fill?: string;
  wrapText?: boolean;
  indentLevel?: number;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  /** Cells are locked unless unlocked (Excel's default). */
  locked?: boolean;
}

export interface FakeCell {
  /** Constant value, or the cached value of a formula (null until calculated, or when the fake cannot: calc.ts). */
  value: Scalar | null;
  /** Formula without the leading "=". */
  formula?: string;
  /** Text typed with a leading apostrophe (Excel's prefix character): shown as text, never a formula. */
  quotePrefix?: boolean;
  /** A formula written and not calculated yet (calculation suspended): see calc.ts. */
  dirty?: boolean;
  numberFormat?: string;
  format?: CellFormat;
}

export interface FakeTable {
  readonly id: number;
  name: string;
  sheetId: number;
  rect: Rect;
  style: string;
  showBandedRows: boolean;
}

export interface FakeChart {
  readonly id: number;
  name: string;
  type: string;
  /** Address of the source data, with its sheet. */
  source: string;
  seriesBy: string;
  title?: string;
  /** Top-left and bottom-right cells (local A1) after setPosition. */
  position?: { start: string; end?: string };
  /** Series without fill (the invisible base of a stacked-column bridge). */
  noFillSeries: number[];
  /** Solid fills set on series ("#RRGGBB"), by series index. */
  seriesFill: Record<number, string>;
  legendVisible: boolean;
  seriesNames: Record<number, string>;
}

export interface FakeConditionalFormat {
  rect: Rect;
  type: string;
  rule?: { formula1: string; formula2?: string; operator: string };
  fontColor?: string;
  fill?: string;
}

export interface FakeValidation {
  rect: Rect;
  rule?: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
  ignoreBlanks?: boolean;
}

export interface FakeSheet {
  readonly id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<number, FakeCell>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  hiddenRows: Set<number>;
  /** Merged areas (a test may push to it: the fake does not clear the hidden cells of a merge). */
  merged: Rect[];
  outline: Map<number, number>;
  frozen: { rows: number; columns: number };
  protection?: Record<string, boolean>;
  charts: FakeChart[];
  conditionalFormats: FakeConditionalFormat[];
  validations: FakeValidation[];
}

export interface SyncRecord {
  /** UTF-8 bytes of the request (shaped like Office's: actions and object paths) and of the response. */
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly operations: number;
}

export interface WorkbookState {
  sheets: FakeSheet[];
  tables: FakeTable[];
  activeSheetId?: number;
  selection?: { sheetId: number; rect: Rect };
  /** Highest minor version of ExcelApi the fake host supports, e.g. 12 for 1.12. */
  excelApiMinor: number;
  limits: { requestBytes: number; responseBytes: number; cellsPerGet: number };
  syncs: SyncRecord[];
  suspended: { calculation: number; screenUpdating: number };
  /** Formula cells written and not calculated yet. */
  dirty: { sheet: FakeSheet; key: number }[];
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual";
  /** Test hook: an operation for which this returns true fails at sync, after the operations before it ran. */
  failOn?: (operation: { readonly o: string; readonly p: string }) => boolean;
  nextId: number;
}

/** Excel on the web rejects a request or a response over 5 MB; a get is limited to 5 million cells. */
export const EXCEL_LIMITS = {
  requestBytes: 5 * 1024 * 1024,
  responseBytes: 5 * 1024 * 1024,
  cellsPerGet: 5_000_000,
} as const;

export type Seed = Record<string, readonly (readonly (Scalar | null)[])[]>;

export function cellKey(row: number, column: number): number {
  return row * 16_384 + column;
}

export function newSheet(state: WorkbookState, name: string): FakeSheet {
  const sheet: FakeSheet = {
    id: state.nextId++,
    name,
    visibility: "Visible",
    cells: new Map(),
    columnWidths: new Map(),
    rowHeights: new Map(),
    hiddenRows: new Set(),
    merged: [],
    outline: new Map(),
    frozen: { rows: 0, columns: 0 },
    charts: [],
    conditionalFormats: [],
    validations: [],
  };
  state.sheets.push(sheet);
  return sheet;
}

/**
 * A workbook with sheets seeded from 2-D arrays (row 0 = sheet row 1). A string starting with "=" is a formula;
 * "'" keeps it text. Defaults: ExcelApi 1.14, Excel on the web's limits.
 */
export function createWorkbook(seed: Seed = { Blad1: [] }, options: { excelApiMinor?: number } = {}): WorkbookState {
  const state: WorkbookState = {
    sheets: [],
    tables: [],
    excelApiMinor: options.excelApiMinor ?? 14,
    limits: { ...EXCEL_LIMITS },
    syncs: [],
    suspended: { calculation: 0, screenUpdating: 0 },
    dirty: [],
    calculationMode: "Automatic",
    nextId: 1,
  };
  for (const [name, rows] of Object.entries(seed)) {
    const sheet = newSheet(state, name);
    rows.forEach((row, r) => row.forEach((v, c) => setCell(sheet, r, c, v)));
  }
  state.activeSheetId = state.sheets[0]?.id;
  return state;
}

const DATE_LIKE =
  /^(\d{1,2}[-/]\d{1,2}([-/]\d{2,4})?|(jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*[ -]\d{1,4})$/i;
const DATE_SERIAL = 44_197;

/**
 * Writes one cell as Excel does on `values`/`formulas`: "=..." a formula, "'..." text, "" or null clears. `entry`
 * (the Range setters) also parses booleans and dates as Excel's entry parser does; a seed keeps such text.
 */
export function setCell(sheet: FakeSheet, row: number, column: number, input: Scalar | null, entry = false): void {
  const key = cellKey(row, column);
  const old = sheet.cells.get(key);
  const keep = old ? { numberFormat: old.numberFormat, format: old.format } : {};
  if (input === null || input === "") {
    if (old && (old.numberFormat || old.format)) sheet.cells.set(key, { value: null, ...keep });
    else sheet.cells.delete(key);
    return;
  }
  if (typeof input === "string") {
    const isText = old?.numberFormat === "@";
    if (input.startsWith("'")) return void sheet.cells.set(key, { value: input.slice(1), quotePrefix: true, ...keep });
    if (!isText && input.startsWith("=") && input.length > 1)
      return void sheet.cells.set(key, { value: null, formula: input.slice(1), ...keep });
    const asNumber = !isText && /^\s*-?\d+(\.\d+)?(E[+-]?\d+)?\s*$/i.test(input) ? Number(input) : undefined;
    if (entry && !isText && /^(true|false|sant|falskt)$/i.test(input))
      return void sheet.cells.set(key, { value: /^(true|sant)$/i.test(input), ...keep });
    // A date as Excel's entry parser sees one ("1-2", "maj 21"): a serial number (the fake does not compute which).
    if (entry && !isText && asNumber === undefined && DATE_LIKE.test(input.trim()))
      return void sheet.cells.set(key, { value: DATE_SERIAL, ...keep });
    return void sheet.cells.set(key, { value: asNumber ?? input, ...keep });
  }
  sheet.cells.set(key, { value: input, ...keep });
}

export function findSheet(state: WorkbookState, name: string): FakeSheet | undefined {
  const lower = name.toLowerCase();
  return state.sheets.find((s) => s.name.toLowerCase() === lower);
}

function locate(state: WorkbookState, address: string): { sheet: FakeSheet; rect: Rect } {
  const { sheet: name, local } = splitSheet(address);
  const sheet = name === undefined ? state.sheets[0] : findSheet(state, name);
  if (!sheet) throw new Error(`no sheet in ${address}`);
  return { sheet, rect: parseLocal(local) };
}

/** What a cell holds, for assertions: "Blad1!B3". */
export function readCell(state: WorkbookState, address: string): FakeCell | undefined {
  const { sheet, rect } = locate(state, address);
  return sheet.cells.get(cellKey(rect.row, rect.column));
}

/** Values of a block as `Range.values` returns them ("" for empty). */
export function readValues(state: WorkbookState, address: string): (Scalar | "")[][] {
  const { sheet, rect } = locate(state, address);
  const out: (Scalar | "")[][] = [];
  for (let r = 0; r < rect.rowCount; r++) {
    const row: (Scalar | "")[] = [];
    for (let c = 0; c < rect.columnCount; c++)
      row.push(sheet.cells.get(cellKey(rect.row + r, rect.column + c))?.value ?? "");
    out.push(row);
  }
  return out;
}

export function tableAddress(state: WorkbookState, table: FakeTable): string {
  const sheet = state.sheets.find((s) => s.id === table.sheetId)!;
  return formatAddress(sheet.name, table.rect);
}

/** Round trips so far and their sizes. */
export function syncSummary(state: WorkbookState): {
  syncs: number;
  maxRequestBytes: number;
  totalRequestBytes: number;
  maxResponseBytes: number;
} {
  return {
    syncs: state.syncs.length,
    maxRequestBytes: Math.max(0, ...state.syncs.map((s) => s.requestBytes)),
    totalRequestBytes: state.syncs.reduce((a, s) => a + s.requestBytes, 0),
    maxResponseBytes: Math.max(0, ...state.syncs.map((s) => s.responseBytes)),
  };
}
