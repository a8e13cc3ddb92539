/**
 * Consistency checks on a table, as printed (a seed, a sheet read back) or as computed: every subtotal equals its
 * children, every total the sum of its top-level lines, an identity holds on every line (avvikelse = budget -
 * utfall), and two tables agree on a shared total. A printed figure rounded from kronor may differ from the sum of
 * its printed parts by rounding: that is reported as "rounding", never hidden; anything larger is an "error".
 */
import { formatNumber } from "./amounts";

export interface TableLine {
  readonly key: string;
  readonly label: string;
  readonly parentKey?: string;
  readonly role: "line" | "subtotal" | "total";
  readonly values: Readonly<Record<string, number | undefined>>;
  /** A1 address per column, to name the cell in a finding. */
  readonly cells?: Readonly<Record<string, string>>;
  /**
   * The column's header as the table shows it ("Bokslut 2020"), per column id, to name the column in a finding's
   * message: a user never sees the id. Without it the message names the column by its id.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Finding {
  readonly key: string;
  readonly label: string;
  /** The column's id, for code (matching, sorting). */
  readonly column: string;
  /** The column as the table's header names it (the id when the table gave no header): what the message says. */
  readonly columnHeader: string;
  readonly printed: number;
  readonly computed: number;
  /** printed - computed */
  readonly difference: number;
  readonly severity: "rounding" | "error";
  readonly cell?: string;
  /** Swedish, naming label, column (by its header) and cell. */
  readonly message: string;
}

export interface CheckOptions {
  /** The unit the values are printed in, named in messages. Default tkr. */
  readonly unit?: string;
  /** The first figure is the product's own (not a printed source's): the message does not call it "tryckt". */
  readonly own?: boolean;
  /**
   * The smallest printed step, in the unit of the values: 1 (whole tkr, the default), 0.1 for a percentage printed
   * with one decimal. The rounding tolerance is counted in steps (000 S43: 51,4 % printed against 51,2 % computed
   * is 2 steps of 0,1, an error, not rounding).
   */
  readonly step?: number;
}

/** Below this, two figures are the same (values may carry binary noise from decimal sums). */
const EPSILON = 1e-6;

/**
 * Rounding of each of n printed parts and of the printed total moves the difference by at most (n + 1) / 2
 * units: within that it is rounding, beyond it an error (000 S30: 99 733 against 42 817 is no rounding).
 */
export function roundingTolerance(partsCount: number): number {
  return (partsCount + 1) / 2;
}

function severityOf(difference: number, partsCount: number, step: number): Finding["severity"] {
  return Math.abs(difference) <= roundingTolerance(partsCount) * step + EPSILON ? "rounding" : "error";
}

/** A figure as the message shows it: as many decimals as the printed step has (whole numbers without, else 2). */
function show(x: number, step = 1): string {
  if (step < 1) return formatNumber(x, Math.ceil(-Math.log10(step) - EPSILON));
  return formatNumber(x, Number.isInteger(x) ? 0 : 2);
}

function where(label: string, column: string | undefined, cell: string | undefined): string {
  const head = column ? `${label}, ${column}` : label;
  return cell ? `${head} (cell ${cell})` : head;
}

function verdict(difference: number, severity: Finding["severity"], unit: string, step = 1): string {
  return `(${severity === "rounding" ? "avrundning" : "fel"}, ${show(Math.abs(difference), step)} ${unit})`;
}

function finding(
  line: TableLine,
  column: string,
  printed: number,
  computed: number,
  partsCount: number,
  what: string,
  options: CheckOptions,
): Finding | undefined {
  const unit = options.unit ?? "tkr";
  const step = options.step ?? 1;
  const difference = printed - computed;
  if (Math.abs(difference) < EPSILON) return undefined;
  const severity = severityOf(difference, partsCount, step);
  const cell = line.cells?.[column];
  const columnHeader = line.headers?.[column] ?? column;
  return {
    key: line.key,
    label: line.label,
    column,
    columnHeader,
    printed,
    computed,
    difference,
    severity,
    cell,
    message: `${where(line.label, columnHeader, cell)}: tryckt ${show(printed, step)}, ${what} ${show(computed, step)} ${verdict(difference, severity, unit, step)}.`,
  };
}

/**
 * Subtotals against their children (the lines whose parentKey is the subtotal's key) and totals against the
 * top-level lines (no parentKey, not a total). One level at a time, never across levels (000 S29: the leaves of
 * Herrljunga's annex give 216 176, the level-0 lines the printed 216 175). Missing values are skipped, not zero.
 */
export function checkSubtotals(
  lines: readonly TableLine[],
  columns: readonly string[],
  options: CheckOptions = {},
): Finding[] {
  const children = new Map<string, TableLine[]>();
  const topLevel: TableLine[] = [];
  for (const line of lines) {
    if (line.parentKey !== undefined) {
      const list = children.get(line.parentKey) ?? [];
      list.push(line);
      children.set(line.parentKey, list);
    } else if (line.role !== "total") topLevel.push(line);
  }
  const findings: Finding[] = [];
  for (const line of lines) {
    if (line.role === "line") continue;
    const parts = line.role === "total" ? topLevel : (children.get(line.key) ?? []);
    if (parts.length === 0) continue;
    for (const column of columns) {
      const printed = line.values[column];
      if (printed === undefined) continue;
      const present = parts.map((p) => p.values[column]).filter((v): v is number => v !== undefined);
      if (present.length === 0) continue;
      const computed = present.reduce((a, b) => a + b, 0);
      const f = finding(line, column, printed, computed, present.length, "summan av delarna", options);
      if (f) findings.push(f);
    }
  }
  return findings;
}

/**
 * An identity on every line, e.g. Avvikelse = Budget - Utfall: `expected` computes the column from the line's
 * other values (undefined skips the line); `rule` names it in the message. `partsCount` is the number of printed
 * figures the identity combines (two for budget - utfall).
 */
export function checkIdentity(
  lines: readonly TableLine[],
  column: string,
  expected: (v: TableLine["values"]) => number | undefined,
  rule: string,
  options: CheckOptions & { readonly partsCount?: number } = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const line of lines) {
    const printed = line.values[column];
    const computed = expected(line.values);
    if (printed === undefined || computed === undefined) continue;
    const f = finding(line, column, printed, computed, options.partsCount ?? 2, `${rule} ger`, options);
    if (f) findings.push(f);
  }
  return findings;
}

/**
 * The same total in two tables (the annex's Totalsumma against the organisational split, 000 S31). `partsCount`
 * is how many printed parts `a` sums, for the rounding tolerance; without it any difference is an error.
 */
export function checkCrossTotal(
  a: { label: string; value: number; cell?: string; column?: string },
  b: { label: string; value: number; cell?: string; column?: string },
  partsCount?: number,
  options: CheckOptions = {},
): Finding | undefined {
  const unit = options.unit ?? "tkr";
  const step = options.step ?? 1;
  const difference = a.value - b.value;
  if (Math.abs(difference) < EPSILON) return undefined;
  const severity = partsCount === undefined ? "error" : severityOf(difference, partsCount, step);
  return {
    key: a.label,
    label: a.label,
    column: a.column ?? "",
    columnHeader: a.column ?? "",
    printed: a.value,
    computed: b.value,
    difference,
    severity,
    cell: a.cell,
    message:
      `${where(a.label, a.column, a.cell)}: ${options.own ? "" : "tryckt "}${show(a.value, step)}${options.own ? ` ${unit}` : ""}, ` +
      `men ${where(b.label, b.column, b.cell)} är ${show(b.value, step)}${options.own ? ` ${unit}` : ""} ${verdict(difference, severity, unit, step)}.`,
  };
}
