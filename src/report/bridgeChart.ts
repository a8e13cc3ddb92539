/**
 * A bridge (waterfall) as stacked columns, the one form every Excel draws right (ExcelApi 1.1, and LibreOffice):
 * an invisible base series lifts each step to the running level; totals stand on the axis. Excel's own Waterfall
 * type cannot be used: Office.js has no member to mark a point as a total, so a total would float on the running
 * sum. Excel stacks positive values upwards from zero and negative ones downwards, in series order, so a step
 * wholly below zero hangs from a negative base, and a step that crosses zero is drawn in two parts.
 */
import { STYLE } from "./layout";

export interface BridgeStep {
  readonly value: number;
  /** A total (or subtotal): drawn from zero to its own value, and the running level restarts there. */
  readonly total: boolean;
}

export interface BridgeSeries {
  readonly name: string;
  /** ARGB fill; null = no fill (the base). */
  readonly colour: string | null;
  readonly values: readonly number[];
}

/**
 * In a bridge of net costs (budget -> forecast) a rise is a cost increase: an underskott, red; a fall is an
 * överskott, green. Totals in the header blue.
 */
export const BRIDGE_COLOURS = { total: STYLE.headerFill, rise: "FFC0504D", fall: "FF70AD47" } as const;

/** The columns of the stacked-column bridge; the two "under noll" series only when a step crosses zero. */
export function bridgeSeries(steps: readonly BridgeStep[]): BridgeSeries[] {
  const base: number[] = [];
  const total: number[] = [];
  const rise: number[] = [];
  const fall: number[] = [];
  const riseBelow: number[] = [];
  const fallBelow: number[] = [];
  let level = 0;
  for (const step of steps) {
    const row = { base: 0, total: 0, main: 0, below: 0 };
    if (step.total) {
      row.total = step.value;
      level = step.value;
    } else {
      const next = level + step.value;
      const lo = Math.min(level, next);
      const hi = Math.max(level, next);
      if (lo >= 0) Object.assign(row, { base: lo, main: hi - lo });
      else if (hi <= 0) Object.assign(row, { base: hi, main: lo - hi });
      else Object.assign(row, { main: hi, below: lo });
      level = next;
    }
    const up = !step.total && step.value >= 0;
    base.push(row.base);
    total.push(row.total);
    rise.push(up ? row.main : 0);
    fall.push(!step.total && !up ? row.main : 0);
    riseBelow.push(up ? row.below : 0);
    fallBelow.push(!step.total && !up ? row.below : 0);
  }
  const series: BridgeSeries[] = [
    { name: "Bas", colour: null, values: base },
    { name: "Summa", colour: BRIDGE_COLOURS.total, values: total },
    { name: "Ökning", colour: BRIDGE_COLOURS.rise, values: rise },
    { name: "Minskning", colour: BRIDGE_COLOURS.fall, values: fall },
  ];
  if (riseBelow.some((v) => v !== 0) || fallBelow.some((v) => v !== 0)) {
    series.push({ name: "Ökning under noll", colour: BRIDGE_COLOURS.rise, values: riseBelow });
    series.push({ name: "Minskning under noll", colour: BRIDGE_COLOURS.fall, values: fallBelow });
  }
  return series;
}
