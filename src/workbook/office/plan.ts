/**
 * What the Office.js writer will send for a sheet, planned in full before anything is written (pure): the cell
 * grid as `Range.formulas` input (formulas as "=...", text guarded by `officeCellValue`), the formats as few
 * range operations as possible (runs of rows, whole columns), the tables, the charts and their data blocks, and
 * the fingerprint of the cells for the registry (`src/report/meta.ts`).
 */
import {
  DEFAULT_TABLE_STYLE,
  FONT,
  STYLE,
  isBoldRow,
  layoutCells,
  signColourThreshold,
  textRows,
  type DataValidation,
  type ReportRow,
  type SheetLayout,
  type TableLayout,
  type TextRole,
} from "../../report/layout";
import { layoutCharts, type ChartData } from "../../report/chartData";
import { fingerprintCells, type CellContent } from "../../report/meta";
import { numberFormat } from "../../report/numberFormats";
import { officeCellValue } from "../safeText";

/** A cell of a `Range.formulas` input: "" clears, "=..." is a formula, "'..." is text. */
export type CellInput = string | number | boolean;

export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

export interface FontSpec {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly color?: string;
  readonly size?: number;
  readonly name?: string;
}

export type FormatOp =
  | { readonly kind: "numberFormat"; readonly rect: Rect; readonly format: string }
  | { readonly kind: "font"; readonly rect: Rect; readonly font: FontSpec }
  | { readonly kind: "fill"; readonly rect: Rect; readonly color: string }
  | { readonly kind: "indent"; readonly rect: Rect; readonly level: number }
  | { readonly kind: "wrap"; readonly rect: Rect }
  | { readonly kind: "alignTop"; readonly rect: Rect }
  | { readonly kind: "unlock"; readonly rect: Rect }
  | { readonly kind: "columnWidth"; readonly rect: Rect; readonly points: number }
  | { readonly kind: "autofit"; readonly rect: Rect }
  | { readonly kind: "signColour"; readonly rect: Rect; readonly threshold: number }
  | { readonly kind: "validation"; readonly rect: Rect; readonly validation: DataValidation }
  | { readonly kind: "groupRows"; readonly rect: Rect };

export interface TablePlan {
  readonly name: string;
  readonly rect: Rect;
  readonly style: string;
}

/** Office chart types the writer uses. */
export type OfficeChartType = "ColumnClustered" | "ColumnStacked" | "BarClustered";

export interface ChartPlan {
  readonly title: string;
  readonly type: OfficeChartType;
  /** The chart's data block (header row + one row per category), under the chart. */
  readonly data: Rect;
  /**
   * Fill per series where the plan sets it ("#RRGGBB", or null = no fill: the invisible base of a bridge); empty
   * leaves Excel's colours.
   */
  readonly seriesFill: readonly (string | null)[];
  /** Whether the legend is shown (a bridge names its steps on the axis and shows none). */
  readonly legend: boolean;
  /** Top-left and bottom-right cells the chart covers. */
  readonly position: { readonly start: Rect; readonly end: Rect };
}

export interface SheetPlan {
  readonly layout: SheetLayout;
  /** Rows 0..n-1 of the sheet, all `width` wide. */
  readonly grid: readonly (readonly CellInput[])[];
  readonly width: number;
  readonly formats: readonly FormatOp[];
  readonly tables: readonly TablePlan[];
  readonly charts: readonly ChartPlan[];
  /** What the registry records; equal to the fingerprint of the written sheet read back. */
  readonly fingerprint: string;
}

/** Office colours are "#RRGGBB"; the layout's are ARGB. */
export function officeColour(argb: string): string {
  return `#${argb.slice(-6)}`;
}

/** Excel column width in points from a width in characters (Calibri 11: 7 px a character + 5 px, 0.75 pt a px). */
export function widthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

const TEXT_FONT: Record<TextRole, FontSpec> = {
  title: { bold: true, size: STYLE.titleSize },
  meta: { color: officeColour(STYLE.metaColour) },
  instruction: { bold: true, italic: true },
  note: {},
};

/** Runs of consecutive indices for which `key` gives the same defined value. */
function runs<T>(count: number, key: (i: number) => T | undefined): { start: number; length: number; value: T }[] {
  const out: { start: number; length: number; value: T }[] = [];
  for (let i = 0; i < count; i++) {
    const v = key(i);
    if (v === undefined) continue;
    const last = out[out.length - 1];
    if (last && last.value === v && last.start + last.length === i) last.length++;
    else out.push({ start: i, length: 1, value: v });
  }
  return out;
}

/** An Excel table needs at least one data row: an empty table gets one empty row (as in the exceljs writer). */
export function tableRows(table: TableLayout): readonly ReportRow[] {
  return table.rows.length > 0
    ? table.rows
    : [{ kind: "data", level: 0, cells: table.columns.map(() => ({ value: null })) }];
}

function cellInput(value: string | number | boolean | null, formula?: string): CellInput {
  if (formula !== undefined) return `=${formula}`;
  const v = officeCellValue(value);
  return v === null ? "" : v;
}

function tableFormats(table: TableLayout): FormatOp[] {
  const rows = tableRows(table);
  const top = table.headerRow;
  const left = table.firstColumn;
  const width = table.columns.length;
  const body = (j: number, start = 0, length = rows.length): Rect => ({
    row: top + 1 + start,
    column: left + j,
    rowCount: length,
    columnCount: 1,
  });
  const ops: FormatOp[] = [
    {
      kind: "font",
      rect: { row: top, column: left, rowCount: 1, columnCount: width },
      font: { bold: true, color: officeColour(STYLE.headerFont) },
    },
    {
      kind: "fill",
      rect: { row: top, column: left, rowCount: 1, columnCount: width },
      color: officeColour(STYLE.headerFill),
    },
    { kind: "wrap", rect: { row: top, column: left, rowCount: 1, columnCount: width } },
  ];
  for (const run of runs(rows.length, (i) => (isBoldRow(rows[i]!.kind) ? true : undefined))) {
    ops.push({
      kind: "font",
      rect: { row: top + 1 + run.start, column: left, rowCount: run.length, columnCount: width },
      font: { bold: true },
    });
  }
  const fillOf = (r: ReportRow): string | undefined =>
    r.kind === "total" ? STYLE.totalFill : r.kind === "subtotal" ? STYLE.subtotalFill : undefined;
  for (const run of runs(rows.length, (i) => fillOf(rows[i]!))) {
    ops.push({
      kind: "fill",
      rect: { row: top + 1 + run.start, column: left, rowCount: run.length, columnCount: width },
      color: officeColour(run.value),
    });
  }
  ops.push({ kind: "alignTop", rect: { row: top + 1, column: left, rowCount: rows.length, columnCount: width } });
  table.columns.forEach((c, j) => {
    ops.push({ kind: "numberFormat", rect: body(j), format: numberFormat(c.type) });
    if (c.wrap) ops.push({ kind: "wrap", rect: body(j) });
    // Input cells (the column's, or a cell's own override) are unlocked and tinted over the row fills.
    for (const run of runs(rows.length, (i) => ((rows[i]!.cells[j]?.input ?? c.input) ? true : undefined))) {
      ops.push({ kind: "unlock", rect: body(j, run.start, run.length) });
      ops.push({ kind: "fill", rect: body(j, run.start, run.length), color: officeColour(STYLE.inputFill) });
    }
    if (c.validation) ops.push({ kind: "validation", rect: body(j), validation: c.validation });
    if (c.signColour) ops.push({ kind: "signColour", rect: body(j), threshold: signColourThreshold(c.type) });
    if (c.indent) {
      for (const run of runs(rows.length, (i) =>
        rows[i]!.level > 0 ? rows[i]!.level * STYLE.indentPerLevel : undefined,
      )) {
        ops.push({ kind: "indent", rect: body(j, run.start, run.length), level: run.value });
      }
    }
    const column: Rect = { row: top, column: left + j, rowCount: rows.length + 1, columnCount: 1 };
    ops.push(
      c.width !== undefined
        ? { kind: "columnWidth", rect: column, points: widthPoints(c.width) }
        : { kind: "autofit", rect: column },
    );
  });
  // Outline: a row at level k is inside k nested groups; each maximal run of rows at level >= k is one group.
  // Office.js cannot set where summary rows go; Excel's default (below) is the layouts' default too.
  for (let k = 1; k <= 7; k++) {
    for (const run of runs(rows.length, (i) => ((rows[i]!.outline ?? 0) >= k ? true : undefined))) {
      ops.push({
        kind: "groupRows",
        rect: { row: top + 1 + run.start, column: left, rowCount: run.length, columnCount: 1 },
      });
    }
  }
  return ops;
}

/** The chart over its data block (`layoutCharts`, shared with the exceljs writer), in Office's terms. */
function chartPlan(d: ChartData): ChartPlan {
  const cell = (c: { row: number; column: number }): Rect => ({ ...c, rowCount: 1, columnCount: 1 });
  return {
    title: d.title,
    type: d.direction === "bar" ? "BarClustered" : d.grouping === "stacked" ? "ColumnStacked" : "ColumnClustered",
    data: d.data,
    // A bridge sets every series' fill; other charts leave Excel's colours.
    seriesFill: d.series.some((s) => s.colour !== undefined)
      ? d.series.map((s) => (s.colour ? officeColour(s.colour) : null))
      : [],
    legend: d.legend,
    position: { start: cell(d.start), end: cell(d.end) },
  };
}

/** The whole plan of one sheet; throws a Swedish message when the layout cannot be written as it stands. */
export function planSheet(layout: SheetLayout): SheetPlan {
  const cells: CellContent[] = layoutCells(layout).map((c) => ({ ...c }));
  const tables: TablePlan[] = layout.tables.map((t) => ({
    name: t.name,
    rect: { row: t.headerRow, column: t.firstColumn, rowCount: tableRows(t).length + 1, columnCount: t.columns.length },
    style: t.style ?? DEFAULT_TABLE_STYLE,
  }));
  const charts: ChartPlan[] = [];
  for (const d of layoutCharts(layout)) {
    charts.push(chartPlan(d));
    cells.push(...d.cells.map((c) => ({ ...c })));
  }

  let height = 0;
  let width = 1;
  for (const c of cells) {
    height = Math.max(height, c.row + 1);
    width = Math.max(width, c.column + 1);
  }
  for (const t of tables) height = Math.max(height, t.rect.row + t.rect.rowCount);
  const grid: CellInput[][] = Array.from({ length: height }, () => new Array<CellInput>(width).fill(""));
  for (const c of cells) grid[c.row]![c.column] = cellInput(c.value, c.formula);

  const formats: FormatOp[] = [
    {
      kind: "font",
      rect: { row: 0, column: 0, rowCount: height, columnCount: width },
      font: { name: FONT.name, size: FONT.size },
    },
  ];
  for (const t of textRows(layout)) {
    const font = TEXT_FONT[t.role];
    if (Object.keys(font).length > 0)
      formats.push({ kind: "font", rect: { row: t.row, column: 0, rowCount: 1, columnCount: 1 }, font });
  }
  for (const t of layout.tables) formats.push(...tableFormats(t));
  return { layout, grid, width, formats, tables, charts, fingerprint: fingerprintCells(cells) };
}
