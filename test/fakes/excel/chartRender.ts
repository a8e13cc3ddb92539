/**
 * What Excel draws for a stacked-column chart of the fake: per category, the visible segments of the stacked
 * series (positive values stacked upwards from zero, negative ones downwards, in series order; a series without
 * fill is not seen). Category names are the first column of the source, as Excel takes them with seriesBy Columns.
 */
import { readValues, type FakeChart, type WorkbookState } from "./state";

export interface Segment {
  readonly series: string;
  readonly from: number;
  readonly to: number;
  readonly fill?: string;
}

export function stackedBars(state: WorkbookState, chart: FakeChart): { category: string; segments: Segment[] }[] {
  if (chart.type !== "ColumnStacked") throw new Error(`not a stacked column chart: ${chart.type}`);
  const [header, ...rows] = readValues(state, chart.source);
  return rows.map((row, i) => {
    let up = 0;
    let down = 0;
    const segments: Segment[] = [];
    for (let s = 1; s < row.length; s++) {
      const v = Number(row[s] || 0);
      if (v === 0) continue;
      const from = v > 0 ? up : down;
      const to = from + v;
      if (v > 0) up = to;
      else down = to;
      if (!chart.noFillSeries.includes(s - 1))
        segments.push({
          series: String(header![s]),
          from,
          to,
          ...(chart.seriesFill[s - 1] ? { fill: chart.seriesFill[s - 1] } : {}),
        });
    }
    return { category: String(row[0] === "" ? `#${i}` : row[0]), segments };
  });
}
