/**
 * A report layout: what a sheet of the add-in's output holds, cell by cell, independent of how it is written.
 * Built from calculator results by the pure modules in `src/report/`, written by `src/workbook/exceljs` (files)
 * and `src/workbook/office` (Excel). Positions are fixed here, so A1 formulas mean the same in both writers.
 */
import { cellAddress, type CellValue } from "../cells";

/**
 * Column types decide the number format. tkr columns hold kronor and are shown in tkr; `tkrEntered` columns of
 * templates hold whole tkr as people type them (see numberFormats.ts).
 */
export type ColumnType = "text" | "tkr" | "tkrEntered" | "kr" | "percent" | "volume" | "unitPrice" | "integer" | "date";

export interface ReportColumn {
  readonly id: string;
  readonly header: string;
  readonly type: ColumnType;
  /** Width in characters; the writer fits it to the content when absent. */
  readonly width?: number;
  /** Colour the cell red when negative (deficit) and green when positive (surplus): see `SIGN_COLOURS`. */
  readonly signColour?: boolean;
  /** An input column of a template: unlocked (and tinted) while the rest of a protected sheet is locked. */
  readonly input?: boolean;
  /** Data validation on the column's data cells (templates). */
  readonly validation?: DataValidation;
  /** Wrap long text (comments, instructions) instead of widening the column. */
  readonly wrap?: boolean;
  /** Indent the cell by the row's hierarchy level (the name column of a hierarchy). */
  readonly indent?: boolean;
}

/** Data validation of a template column; the messages are Swedish and shown by Excel on a wrong entry. */
export type DataValidation = (
  | { readonly kind: "list"; readonly values: readonly string[] }
  | { readonly kind: "wholeNumber" | "decimal"; readonly min?: number; readonly max?: number }
) & {
  /** Title and text of Excel's error box, e.g. "Fel värde" / "Skriv ett helt antal tkr, t.ex. 1250.". */
  readonly errorTitle: string;
  readonly error: string;
  /** Input message shown when the cell is selected. */
  readonly prompt?: string;
  /** Empty cells are allowed unless this is false (a template may be returned partly filled). */
  readonly allowBlank?: boolean;
};

export type RowKind = "data" | "subtotal" | "total" | "heading" | "note";

export interface ReportCell {
  /** The value, computed by the calculators: also the cached result of `formula`. */
  readonly value: CellValue;
  /** An A1 formula without the leading "=", e.g. "SUM(D5:D9)", written so a controller can audit the figure. */
  readonly formula?: string;
  /** Overrides the column's `input` for this cell (e.g. the blank rows of a template, editable in every column). */
  readonly input?: boolean;
}

export interface ReportRow {
  readonly kind: RowKind;
  /** Hierarchy depth, for indentation and outline grouping: 0 = top. */
  readonly level: number;
  readonly cells: readonly ReportCell[];
  /** Excel row outline (grouping) level 1-7, so a reader can fold the ansvar under their subtotal; none when absent. */
  readonly outline?: number;
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
  /** Excel table style; the writers default to `DEFAULT_TABLE_STYLE`. Banding is not drawn by LibreOffice. */
  readonly style?: string;
}

export const DEFAULT_TABLE_STYLE = "TableStyleLight9";

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
  /** A Swedish instruction line for the person filling in a template, on the row after the meta lines. */
  readonly instruction?: string;
  /** Protect the sheet (without password): only `input` columns are editable. Templates set this. */
  readonly protection?: SheetProtection;
  /** Outline summary rows below their detail (the seed prints each verksamhet under its ansvar). Default true. */
  readonly outlineSummaryBelow?: boolean;
}

export interface SheetProtection {
  /** What a user may still do on the protected sheet besides typing in unlocked cells. */
  readonly allowFormatColumns?: boolean;
  readonly allowSort?: boolean;
  readonly allowFilter?: boolean;
}

/** The role of a line of text in a sheet; it decides the font (see `textStyle`). */
export type TextRole = "title" | "meta" | "instruction" | "note";

/**
 * Where the text lines of a sheet go, 0-based rows: the title in row 0, the meta lines below it, then the
 * instruction, then the notes at their own rows. Both writers place text with this, never on their own.
 */
export function textRows(
  layout: SheetLayout,
): { readonly row: number; readonly text: string; readonly role: TextRole }[] {
  const rows: { row: number; text: string; role: TextRole }[] = [{ row: 0, text: layout.title, role: "title" }];
  layout.meta.forEach((text, i) => rows.push({ row: 1 + i, text, role: "meta" }));
  if (layout.instruction) rows.push({ row: 1 + layout.meta.length, text: layout.instruction, role: "instruction" });
  for (const n of layout.notes) rows.push({ row: n.row, text: n.text, role: "note" });
  return rows;
}

/** The first free 0-based row under the title, meta lines and instruction: where a layout may put its table. */
export function firstBodyRow(meta: readonly string[], instruction?: string): number {
  return 1 + meta.length + (instruction ? 1 : 0) + 1;
}

/** A column's 0-based index by its id, for the rows and formulas of a table whose first column is A. */
export function columnIndex(columns: readonly ReportColumn[]): (id: string) => number {
  return (id) => columns.findIndex((c) => c.id === id);
}

/** A report sheet of one table under its title and meta lines (the table's header at `firstBodyRow(meta)`). */
export interface TableSheet {
  readonly name: string;
  readonly title: string;
  readonly meta: readonly string[];
  readonly table: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  readonly notes: SheetLayout["notes"];
  /** The header row is frozen, and this many columns on the left (the names). */
  readonly frozenColumns: number;
  readonly outlineSummaryBelow?: boolean;
}

export function tableSheet(s: TableSheet): SheetLayout {
  const headerRow = firstBodyRow(s.meta);
  return {
    name: s.name,
    title: s.title,
    meta: s.meta,
    tables: [{ name: s.table, headerRow, firstColumn: 0, columns: s.columns, rows: s.rows }],
    notes: s.notes,
    freeze: { rows: headerRow + 1, columns: s.frozenColumns },
    ...(s.outlineSummaryBelow ? { outlineSummaryBelow: true } : {}),
  };
}

/**
 * The look shared by both writers (ARGB colours). Explicit font and fill, since LibreOffice does not draw table
 * styles, and a full font, since LibreOffice falls back to a serif font without one.
 */
export const FONT = { name: "Calibri", size: 11 } as const;
export const STYLE = {
  titleSize: 14,
  metaColour: "FF595959",
  headerFill: "FF1F4E78",
  headerFont: "FFFFFFFF",
  subtotalFill: "FFDDEBF7",
  totalFill: "FFBDD7EE",
  inputFill: "FFFFF2CC",
  /** Indentation (Excel indent steps) per hierarchy level in the first text column. */
  indentPerLevel: 1,
} as const;

/**
 * Sign colours of `signColour` columns, written as conditional formats (cell value < 0 / > 0) so that a value
 * the controller changes is recoloured: red for underskott, green for överskott.
 */
export const SIGN_COLOURS = {
  deficit: { font: "FF9C0006", fill: "FFFFC7CE" },
  surplus: { font: "FF006100", fill: "FFC6EFCE" },
} as const;

/**
 * A signColour cell is coloured when it is shown as non-zero: tkr cells hold kronor, so -499 kr shows as 0 and
 * stays uncoloured, -500 kr shows as -1 (Excel rounds half away from zero) and is red.
 */
export function signColourThreshold(type: ColumnType): number {
  return type === "tkr" ? 500 : 0;
}

/** Row kinds drawn bold. */
export function isBoldRow(kind: RowKind): boolean {
  return kind === "subtotal" || kind === "total" || kind === "heading";
}

/**
 * The add-in's mark: its registry sheet is `${OUTPUT_MARK}_meta` (see `REGISTRY_SHEET` in meta.ts), listing every
 * output sheet with a fingerprint, so a re-run recognises its own sheets and notices a user's edit.
 */
export const OUTPUT_MARK = "Budgetkoll";

/** A cell of a sheet as a layout places it: value, and formula (without "=") where the value is derived. */
export interface PlacedCell {
  readonly row: number;
  readonly column: number;
  readonly value: CellValue;
  readonly formula?: string;
}

/** Every non-empty cell a layout writes (text lines, table headers, table cells), in row order. */
export function layoutCells(layout: SheetLayout): PlacedCell[] {
  const cells: PlacedCell[] = textRows(layout).map((t) => ({ row: t.row, column: 0, value: t.text }));
  for (const table of layout.tables) {
    table.columns.forEach((c, j) =>
      cells.push({ row: table.headerRow, column: table.firstColumn + j, value: c.header }),
    );
    table.rows.forEach((r, i) =>
      r.cells.forEach((cell, j) => {
        if (cell.value === null && cell.formula === undefined) return;
        cells.push({
          row: table.headerRow + 1 + i,
          column: table.firstColumn + j,
          value: cell.value,
          formula: cell.formula,
        });
      }),
    );
  }
  return cells.sort((a, b) => a.row - b.row || a.column - b.column);
}

/**
 * `SUM(D6:D8,D12)`: a sum over 0-based sheet rows of one column, contiguous rows joined into ranges.
 * Empty rows give `0` (a subtotal of nothing).
 */
export function sumFormula(column: number, rows: readonly number[]): string {
  if (rows.length === 0) return "0";
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0]!;
  let end = start;
  const flush = () =>
    parts.push(
      start === end ? cellAddress(start, column) : `${cellAddress(start, column)}:${cellAddress(end, column)}`,
    );
  for (const r of sorted.slice(1)) {
    if (r === end + 1) end = r;
    else {
      flush();
      start = end = r;
    }
  }
  flush();
  return `SUM(${parts.join(",")})`;
}
