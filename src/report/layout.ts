/**
 * A report layout: what a sheet of the add-in's output holds, cell by cell, independent of how it is written.
 * Built from calculator results by the pure modules in `src/report/`, written by `src/workbook/exceljs` (files)
 * and `src/workbook/office` (Excel). Positions are fixed here, so A1 formulas mean the same in both writers.
 */

export type CellValue = string | number | boolean | null;

/** Column types decide the number format. tkr columns hold kronor and are shown in tkr (see numberFormats.ts). */
export type ColumnType = "text" | "tkr" | "kr" | "percent" | "volume" | "unitPrice" | "integer" | "date";

export interface ReportColumn {
  readonly id: string;
  readonly header: string;
  readonly type: ColumnType;
  /** Width in characters; the writer fits it to the content when absent. */
  readonly width?: number;
  /** Colour the cell red when negative (deficit) and green when positive (surplus). */
  readonly signColour?: boolean;
}

export type RowKind = "data" | "subtotal" | "total" | "heading" | "note";

export interface ReportCell {
  /** The value, computed by the calculators: also the cached result of `formula`. */
  readonly value: CellValue;
  /** An A1 formula without the leading "=", e.g. "SUM(D5:D9)", written so a controller can audit the figure. */
  readonly formula?: string;
}

export interface ReportRow {
  readonly kind: RowKind;
  /** Hierarchy depth, for indentation and outline grouping: 0 = top. */
  readonly level: number;
  readonly cells: readonly ReportCell[];
}

export interface TableLayout {
  /** Excel table name: letters, digits and underscores, unique in the workbook. */
  readonly name: string;
  /** 0-based sheet row of the header; data follows directly below. */
  readonly headerRow: number;
  /** 0-based sheet column of the first column. */
  readonly firstColumn: number;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
}

export type ChartKind = "clusteredColumn" | "stackedColumn" | "waterfall" | "bar";

export interface ChartLayout {
  readonly title: string;
  readonly kind: ChartKind;
  /** The table and columns the chart draws: categories from one column, one series per value column. */
  readonly table: string;
  readonly categoryColumn: string;
  readonly valueColumns: readonly string[];
  /** Only these row kinds are drawn (e.g. subtotals for the variance per area). */
  readonly rowKinds: readonly RowKind[];
  /** 0-based anchor cell (top-left). */
  readonly anchor: { readonly row: number; readonly column: number };
}

export interface SheetLayout {
  /** Sheet name, at most 31 characters. Output sheets are the add-in's own: see `OUTPUT_MARK`. */
  readonly name: string;
  readonly title: string;
  /** Lines under the title: date of the run, data source, budget version, sign convention. */
  readonly meta: readonly string[];
  readonly tables: readonly TableLayout[];
  /** Text lines after the last table (reconciliation, notes, flags), each at its own 0-based row. */
  readonly notes: readonly { readonly row: number; readonly text: string }[];
  readonly charts?: readonly ChartLayout[];
  /** Freeze panes below this many rows and right of this many columns. */
  readonly freeze?: { readonly rows: number; readonly columns: number };
  /** Hidden sheets hold state (e.g. the forecast history), not a report. */
  readonly hidden?: boolean;
}

/** Every output sheet carries this text in its cell A1's note/name registry so a re-run recognises its own sheets. */
export const OUTPUT_MARK = "Budgetkoll";

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
