/**
 * What a chart of a layout draws, for both writers: its data block (a header row and one row per category, at the
 * chart's anchor, under the chart), the series in that block with their colours, and the cells the chart covers.
 * The Office.js writer adds the chart over the block; the exceljs writer writes the block and the chart's parts
 * into the saved file (`src/workbook/exceljs/charts.ts`). One block, so both files hold the same cells.
 */
import { bridgeSeries } from "./bridgeChart";
import { columnLetter, type CellValue } from "../cells";
import { textRows, type ChartLayout, type PlacedCell, type SheetLayout } from "./layout";
import { numberFormat } from "./numberFormats";

/** A rectangle of cells, 0-based. */
export interface CellRect {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

export interface ChartSeriesData {
  readonly name: string;
  /** ARGB fill; null = no fill (the invisible base of a bridge); undefined = the program's own colour. */
  readonly colour?: string | null;
  /** The values as the block holds them (the cached values of its formulas). */
  readonly values: readonly number[];
}

export interface ChartData {
  readonly title: string;
  /** Columns (upwards) or bars (sideways). */
  readonly direction: "column" | "bar";
  /** Stacked: a bridge, whose base series lifts each step (see bridgeChart.ts). */
  readonly grouping: "clustered" | "stacked";
  /** The block: row 0 the category header and the series names, then one row per category; column 0 the categories. */
  readonly data: CellRect;
  /** The block's cells: formulas into the table where the chart follows the table, constants for a bridge. */
  readonly cells: readonly PlacedCell[];
  readonly categories: readonly string[];
  readonly series: readonly ChartSeriesData[];
  /** Number format of the values (the value axis): the table column's, tkr for every report chart. */
  readonly numberFormat: string;
  /** A bridge names its steps on the axis and shows no legend. */
  readonly legend: boolean;
  /** The first and the last cell the chart covers (the last included). */
  readonly start: { readonly row: number; readonly column: number };
  readonly end: { readonly row: number; readonly column: number };
}

/** The chart covers at least this many rows (more when its block is taller) and this many columns. */
const CHART_ROWS = 15;
const CHART_COLUMNS = 8;

/**
 * The data of a chart of `layout`: categories and values of the chosen rows as formulas pointing into the table,
 * so the chart follows a value the controller changes. A bridge gets a stacked-column block (`bridgeSeries`): an
 * invisible base, totals, and rises and falls in their colours, as constants. Throws a Swedish message when the
 * chart names a table or column the sheet does not have.
 */
export function chartData(layout: SheetLayout, chart: ChartLayout): ChartData {
  const table = layout.tables.find((t) => t.name === chart.table);
  if (!table)
    throw new Error(`Diagrammet "${chart.title}" hänvisar till tabellen "${chart.table}", som inte finns på bladet.`);
  const col = (id: string): number => {
    const j = table.columns.findIndex((c) => c.id === id);
    if (j < 0)
      throw new Error(
        `Diagrammet "${chart.title}" hänvisar till kolumnen "${id}", som inte finns i tabellen "${table.name}".`,
      );
    return j;
  };
  const categoryIndex = col(chart.categoryColumn);
  const valueIndexes = chart.valueColumns.map(col);
  const picked = table.rows.map((r, i) => ({ r, i })).filter(({ r }) => chart.rowKinds.includes(r.kind));
  const { row: top, column: left } = chart.anchor;
  const cells: PlacedCell[] = [];
  const put = (r: number, c: number, value: CellValue, formula?: string): void =>
    void cells.push({ row: top + r, column: left + c, value, ...(formula === undefined ? {} : { formula }) });
  const ref = (i: number, j: number): string => `${columnLetter(table.firstColumn + j)}${table.headerRow + 2 + i}`;
  const valueOf = (v: CellValue | undefined): number => (typeof v === "number" ? v : 0);

  const categories = picked.map(({ r }) => String(r.cells[categoryIndex]?.value ?? ""));
  put(0, 0, table.columns[categoryIndex]!.header);
  picked.forEach(({ i }, n) => put(n + 1, 0, categories[n]!, ref(i, categoryIndex)));

  let series: ChartSeriesData[];
  if (chart.kind === "waterfall") {
    // A bridge is stacked columns on every Excel (see bridgeChart.ts): the values are constants of the block.
    const j = valueIndexes[0]!;
    series = bridgeSeries(
      picked.map(({ r }) => ({
        value: valueOf(r.cells[j]?.value),
        total: r.kind === "total" || r.kind === "subtotal",
      })),
    );
    series.forEach((s, c) => {
      put(0, c + 1, s.name);
      s.values.forEach((v, n) => put(n + 1, c + 1, v));
    });
  } else {
    series = valueIndexes.map((j, c) => {
      put(0, c + 1, table.columns[j]!.header);
      picked.forEach(({ r, i }, n) => put(n + 1, c + 1, valueOf(r.cells[j]?.value), ref(i, j)));
      return { name: table.columns[j]!.header, values: picked.map(({ r }) => valueOf(r.cells[j]?.value)) };
    });
  }
  const data: CellRect = { row: top, column: left, rowCount: picked.length + 1, columnCount: series.length + 1 };
  const height = Math.max(CHART_ROWS, data.rowCount + 1);
  return {
    title: chart.title,
    direction: chart.kind === "bar" ? "bar" : "column",
    grouping: chart.kind === "waterfall" || chart.kind === "stackedColumn" ? "stacked" : "clustered",
    data,
    cells,
    categories,
    series,
    numberFormat: numberFormat(table.columns[valueIndexes[0] ?? categoryIndex]!.type),
    legend: chart.kind !== "waterfall",
    start: { row: top, column: left },
    end: { row: top + height - 1, column: left + CHART_COLUMNS - 1 },
  };
}

function overlaps(a: CellRect, b: CellRect): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}

/**
 * Every chart of `layout` with its data block; throws a Swedish message when a block would lie over a table (an
 * empty table holds one empty row), a text line or another chart's block.
 */
export function layoutCharts(layout: SheetLayout): ChartData[] {
  const taken: CellRect[] = [
    ...layout.tables.map((t) => ({
      row: t.headerRow,
      column: t.firstColumn,
      rowCount: Math.max(1, t.rows.length) + 1,
      columnCount: t.columns.length,
    })),
    ...textRows(layout).map((t) => ({ row: t.row, column: 0, rowCount: 1, columnCount: 1 })),
  ];
  const charts: ChartData[] = [];
  for (const chart of layout.charts ?? []) {
    const d = chartData(layout, chart);
    if (taken.some((r) => overlaps(r, d.data)))
      throw new Error(
        `Diagrammet "${chart.title}" på bladet "${layout.name}" ligger över tabellen eller texten; flytta dess ankare.`,
      );
    taken.push(d.data);
    charts.push(d);
  }
  return charts;
}
