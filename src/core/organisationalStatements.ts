/**
 * The organisational statements' model (seed 000's "Organisatorisk fördelning" and "Bilaga 1"): the split per
 * verksamhetsområde and the per-ansvar annex, with the bokslut of earlier years (the sheet Bokslut tidigare år)
 * beside this year's budget, utfall and prognos from the prognosis; a middle level's own bookings, the lines that
 * have ended, and the checks on the tables (each shown sum against its parts, the split against the annex).
 * Pure: its warnings come back as data (`OrganisationalWarning`), worded in `src/report/statementSheets.ts`.
 */
import { roundOre } from "./amounts";
import { checkCrossTotal, checkSubtotals, type Finding } from "./consistency";
import { makePeriod } from "./periods";
import type { PrognosisResult, PrognosisRow } from "./prognosis";
import { isBooked } from "./prognosis";
import {
  cellValue,
  columnHeaders,
  columnIds,
  hierarchyStatement,
  shownTableLines,
  shownTkr,
  type HierarchyLine,
  type RawLine,
  type StatementColumn,
  type StatementTable,
  type VarianceColumn,
} from "./statements";

/** A cell of an input sheet: where a warning points. */
export interface CellPlace {
  readonly sheet: string;
  readonly cell: string;
}

/** A row of the sheet Bokslut tidigare år: one line's bokslut (and budget) of one earlier year. */
export interface EarlierYearRow {
  /** The line's key among this year's lines; for a line that has ended, its code (or name) as written. */
  readonly key: string;
  /** The ansvar as written, for a line that has ended (this year's lines are named by the prognosis). */
  readonly label: string;
  /** Whether the line is among this year's lines. */
  readonly current: boolean;
  /** For a line that has ended: the key of the verksamhet its Överordnad names. */
  readonly parentKey?: string;
  readonly year: number;
  /** Net cost in kronor, positive = cost; undefined when written '-' (missing, not zero). */
  readonly net: number | undefined;
  /** The Budget, kronor; null when the Budget column holds '-' or nothing for the row (missing, not zero). */
  readonly budget?: number | null;
  /** Where the Nettokostnad was read: a warning about the row names this cell. */
  readonly at: CellPlace;
  /** Where the Budget was read, when given: a warning about the budget names this cell. */
  readonly budgetAt?: CellPlace;
}

/**
 * What the model warns about, each naming the cell: a line's Budget written '-' in a year with a Budget column
 * (every sum over it is '-'), and a middle level's Nettokostnad or Budget that is not the sum of its lines' (the
 * difference is shown as booked directly on it). Amounts in kronor, internal convention.
 */
export type OrganisationalWarning =
  | { readonly kind: "budgetMissing"; readonly at: CellPlace; readonly label: string; readonly year: number }
  | {
      readonly kind: "ownDiffers";
      readonly figure: "net" | "budget";
      readonly at: CellPlace;
      readonly label: string;
      readonly year: number;
      readonly given: number;
      readonly parts: number;
      readonly own: number;
    };

type Values = Record<string, number | undefined>;

/** A line's label in lists: "422 IFO BoF". */
export const lineLabel = (r: PrognosisRow): string => (r.code && r.code !== r.name ? `${r.code} ${r.name}` : r.name);

/** This year's columns: budget, utfall to date and (during the year) prognos; the avvikelse against the prognos, at year end against the utfall. */
function thisYearColumns(result: PrognosisResult): { columns: StatementColumn[]; variance: VarianceColumn } {
  const y = result.year;
  const yearEnd = result.yearEnd;
  return {
    columns: [
      { id: "budget", header: `Budget ${y}`, year: y },
      { id: "utfall", header: yearEnd ? `Utfall ${y}` : `Utfall ${makePeriod(y, result.month)}`, year: y },
      ...(yearEnd ? [] : [{ id: "prognos", header: `Prognos ${y}`, year: y }]),
    ],
    variance: {
      id: "avvikelse",
      header: yearEnd ? "Avvikelse" : "Avvikelse helår",
      budget: "budget",
      outcome: yearEnd ? "utfall" : "prognos",
    },
  };
}

/** A Budget column for a year where any row gives one, and the Bokslut column, year by year. */
function earlierColumns(rows: readonly EarlierYearRow[], years: readonly number[]): StatementColumn[] {
  return years.flatMap((y) => [
    ...(rows.some((r) => r.year === y && typeof r.budget === "number")
      ? [{ id: `budget-${y}`, header: `Budget ${y}`, year: y }]
      : []),
    { id: `bokslut-${y}`, header: `Bokslut ${y}`, year: y },
  ]);
}

/** A line's earlier values; a column is present (possibly undefined: '-') for each year the line has a row. */
function earlierValues(rows: readonly EarlierYearRow[]): Values {
  const values: Values = {};
  for (const r of rows) {
    values[`bokslut-${r.year}`] = r.net;
    if (r.budget !== undefined) values[`budget-${r.year}`] = r.budget ?? undefined;
  }
  return values;
}

/** This year's columns and the prognosis figure each shows. */
const THIS_YEAR_FIELDS = { budget: "annualBudget", utfall: "actual", prognos: "forecast" } as const;

const thisYearValues = (r: PrognosisRow): Values =>
  Object.fromEntries(Object.entries(THIS_YEAR_FIELDS).map(([id, field]) => [id, r[field]]));

/** The key of a parent's own line: no ansvar's key holds the control character. */
const ownLineKey = (key: string): string => `${key}\u0001eget`;

/** The lines under each line of the prognosis, in its order. */
function childrenOf(result: PrognosisResult): Map<string, PrognosisRow[]> {
  const children = new Map<string, PrognosisRow[]>();
  for (const r of result.rows)
    if (r.parentKey !== undefined) children.set(r.parentKey, [...(children.get(r.parentKey) ?? []), r]);
  return children;
}

/**
 * A verksamhet (a top line with ansvar under it): its Bokslut row is the verksamhet's total, shown on the split
 * (seed 000's Organisatorisk fördelning), while the annex sums its ansvar's rows. A middle level's own bookings
 * (see ownBookings) go on its own line in the annex.
 */
function verksamhetKeys(result: PrognosisResult): Set<string> {
  const children = childrenOf(result);
  return new Set(result.rows.filter((r) => r.parentKey === undefined && children.has(r.key)).map((r) => r.key));
}

/** A line starts in the first column where it has a row (when that is not the first column); a line that has ended ends in the last. */
function span(values: Values, columns: readonly StatementColumn[], ended: boolean): Pick<RawLine, "starts" | "ends"> {
  const present = columns.map((c) => c.id in values);
  const first = present.indexOf(true);
  const last = present.lastIndexOf(true);
  return {
    ...(first > 0 ? { starts: columns[first]!.id } : {}),
    ...(ended && last >= 0 && last < columns.length - 1 ? { ends: columns[last]!.id } : {}),
  };
}

/** Sum the present values of several lines: absent when none is present, '-' when all present ones are. */
function sumValues(parts: readonly Values[], ids: readonly string[]): Values {
  const out: Values = {};
  for (const id of ids) {
    const present = parts.filter((p) => id in p).map((p) => p[id]);
    if (present.length === 0) continue;
    // Missing is not zero: a sum over a part that is '-' is '-' too.
    out[id] = present.some((v) => v === undefined)
      ? undefined
      : roundOre((present as number[]).reduce((a, b) => a + b, 0));
  }
  return out;
}

interface EndedLine {
  readonly key: string;
  readonly label: string;
  readonly parentKey?: string;
  readonly values: Values;
}

function endedLines(rows: readonly EarlierYearRow[]): EndedLine[] {
  const keys = [...new Set(rows.filter((r) => !r.current).map((r) => r.key))];
  return keys.map((key) => {
    const own = rows.filter((r) => r.key === key);
    const parentKey = own.find((r) => r.parentKey !== undefined)?.parentKey;
    return { key, label: own[0]!.label, ...(parentKey ? { parentKey } : {}), values: earlierValues(own) };
  });
}

/**
 * The annex: every ansvar with its verksamheter as subtotals (seed 000's Bilaga 1), earlier years' bokslut from
 * the rows given per ansvar; lines that have ended under the verksamhet their Överordnad names. What is booked
 * directly on a parent (this year, or in a Bokslut row of a middle level) is its own line under it, so that each
 * subtotal is the sum of the lines shown and equals the split's (nothing lost).
 */
function annexLines(
  result: PrognosisResult,
  rows: readonly EarlierYearRow[],
  ended: readonly EndedLine[],
  columns: readonly StatementColumn[],
): HierarchyLine[] {
  const children = childrenOf(result);
  const verksamheter = verksamhetKeys(result);
  const rowsOf = (key: string): EarlierYearRow[] => rows.filter((x) => x.key === key);
  const current: HierarchyLine[] = [];
  const own: HierarchyLine[] = [];
  for (const r of result.rows) {
    const placed = { key: r.key, label: lineLabel(r), ...(r.parentKey ? { parentKey: r.parentKey } : {}) };
    const kids = children.get(r.key);
    if (!kids) {
      const values = { ...earlierValues(rowsOf(r.key)), ...thisYearValues(r) };
      current.push({ ...placed, values, ...span(values, columns, false) });
      continue;
    }
    // A subtotal: the sum of the lines under it (hierarchyStatement uses no values given on it).
    current.push({ ...placed, values: {} });
    const line = ownLine(r, verksamheter.has(r.key) ? undefined : rowsOf(r.key), columns);
    if (line) own.push(line);
  }
  const endedLines = ended.map((e): HierarchyLine => ({
    key: e.key,
    label: e.label,
    ...(e.parentKey ? { parentKey: e.parentKey } : {}),
    values: e.values,
    ...span(e.values, columns, true),
  }));
  // Each own line last among its parent's lines, as the prognosis sheet puts it.
  return [...current, ...endedLines, ...own];
}

/**
 * The bookings directly on a parent ansvar, not on a line under it: this year's its own part (`PrognosisRow.own`), and its
 * own Bokslut rows; worded as on the prognosis sheet. None when nothing is booked on it. `earlier` is undefined
 * for a verksamhet, whose rows are its total: its own bookings of earlier years are unknown ('-'), not 'ny 2021'.
 */
function ownLine(
  r: PrognosisRow,
  earlier: readonly EarlierYearRow[] | undefined,
  columns: readonly StatementColumn[],
): HierarchyLine | undefined {
  const thisYear: Values = {};
  for (const [id, field] of Object.entries(THIS_YEAR_FIELDS)) thisYear[id] = r.own?.[field] ?? 0;
  if (!earlier?.length && !Object.values(thisYear).some(isBooked)) return undefined;
  const values = { ...earlierValues(earlier ?? []), ...thisYear };
  return {
    key: ownLineKey(r.key),
    label: `${lineLabel(r)} (bokat direkt på ansvaret)`,
    parentKey: r.key,
    values,
    ...(earlier ? span(values, columns, false) : {}),
  };
}

/**
 * The split: each verksamhetsområde (a top line of the hierarchy). An earlier year's figure given for the
 * verksamhet itself is shown as given; otherwise the sum of its ansvar's (the cross-table check compares both).
 */
function splitLines(
  result: PrognosisResult,
  rows: readonly EarlierYearRow[],
  ended: readonly EndedLine[],
  columns: readonly StatementColumn[],
): HierarchyLine[] {
  const parent = new Map(result.rows.map((r) => [r.key, r.parentKey]));
  const rootOf = (key: string): string => {
    let k = key;
    while (parent.get(k) !== undefined) k = parent.get(k)!;
    return k;
  };
  const earlierIds = columns.map((c) => c.id).filter((id) => !(id in thisYearValues(result.total)));
  // Every line under the verksamhet (an ansvar, or a middle level's own bookings) and its lines that have ended.
  const under = result.rows.filter((l) => l.parentKey !== undefined);
  const roots = result.rows
    .filter((r) => r.depth === 0)
    .map((r): HierarchyLine => {
      const fromParts = sumValues(
        [
          ...under
            .filter((l) => rootOf(l.key) === r.key)
            .map((l) => earlierValues(rows.filter((x) => x.key === l.key))),
          ...ended.filter((e) => e.parentKey !== undefined && rootOf(e.parentKey) === r.key).map((e) => e.values),
        ],
        earlierIds,
      );
      const values = { ...fromParts, ...earlierValues(rows.filter((x) => x.key === r.key)), ...thisYearValues(r) };
      return { key: r.key, label: lineLabel(r), values, ...span(values, columns, false) };
    });
  const topEnded = ended
    .filter((e) => e.parentKey === undefined)
    .map((e): HierarchyLine => ({ key: e.key, label: e.label, values: e.values, ...span(e.values, columns, true) }));
  return [...roots, ...topEnded];
}

/** The Bokslut rows by line and year, and the lines under each line (this year's and those that have ended). */
interface EarlierTree {
  readonly rowOf: (key: string, year: number) => EarlierYearRow | undefined;
  readonly under: (key: string) => readonly string[];
}

/** A figure a row gives: a number, null when written '-', undefined when the row does not give it. */
type Figure = (r: EarlierYearRow) => number | null | undefined;
const NET: Figure = (r) => r.net ?? null;
const BUDGET: Figure = (r) => r.budget;

/** A line's figure for a year: its own row's, else the sum of its lines'; undefined when none gives it. */
function yearTotal(key: string, year: number, figure: Figure, tree: EarlierTree): number | null | undefined {
  const row = tree.rowOf(key, year);
  const given = row ? figure(row) : undefined;
  return given !== undefined ? given : partsTotal(key, year, figure, tree);
}

/** The sum of a figure of the lines under `key` for a year: null when one is '-', undefined when none gives it. */
function partsTotal(key: string, year: number, figure: Figure, tree: EarlierTree): number | null | undefined {
  const totals = tree
    .under(key)
    .map((k) => yearTotal(k, year, figure, tree))
    .filter((t) => t !== undefined);
  if (totals.length === 0) return undefined;
  return totals.some((t) => t === null) ? null : roundOre(totals.reduce((a: number, b) => a + b!, 0));
}

/** A middle level's own part of a figure on its row; `total` when the row gave its lines' total, `differs` when the own part is not 0. */
interface OwnFigure {
  readonly value: number | undefined;
  readonly total: boolean;
  readonly differs?: { readonly given: number; readonly parts: number; readonly own: number };
}

/** The row's figure less its lines' when they give one for the year ('-' when one of theirs is); else the row's own. */
function ownFigure(given: number | undefined, parts: number | null | undefined): OwnFigure {
  if (given === undefined || parts === undefined) return { value: given, total: false };
  if (parts === null) return { value: undefined, total: true };
  const own = roundOre(given - parts);
  return !isBooked(own) ? { value: 0, total: true } : { value: own, total: true, differs: { given, parts, own } };
}

/**
 * A middle level's Bokslut rows as its own bookings. A ledger export gives a middle level's total, like the
 * budget's subtotal rows: when lines under it give a Nettokostnad (a Budget) for the same year, its own is its
 * row's less theirs, with a warning naming the cell when that is not 0. A figure whose lines under it give none
 * for the year stays its own. A row is left out only when both its figures were totals with nothing of its own
 * (a Budget of its own is never dropped). A verksamhet's rows are left as they are (the split shows them).
 */
function ownBookings(
  result: PrognosisResult,
  rows: readonly EarlierYearRow[],
  ended: readonly EndedLine[],
): { rows: EarlierYearRow[]; warnings: OrganisationalWarning[] } {
  const verksamheter = verksamhetKeys(result);
  const children = childrenOf(result);
  const labels = new Map(result.rows.map((r) => [r.key, lineLabel(r)]));
  const byKeyYear = new Map(rows.map((r) => [`${r.key}\u0001${r.year}`, r]));
  const tree: EarlierTree = {
    rowOf: (key, year) => byKeyYear.get(`${key}\u0001${year}`),
    under: (key) => [
      ...(children.get(key) ?? []).map((c) => c.key),
      ...ended.filter((e) => e.parentKey === key).map((e) => e.key),
    ],
  };
  const warnings: OrganisationalWarning[] = [];
  const out: EarlierYearRow[] = [];
  // The years with a Budget column on the sheets: a row of such a year without its budget lacks a figure.
  const budgetYears = new Set(rows.filter((r) => typeof r.budget === "number").map((r) => r.year));
  for (const r of rows) {
    // Missing is not zero: the line whose Budget is '-' is named, with its cell; every sum over it shows '-'.
    if (r.budget === null && r.budgetAt && budgetYears.has(r.year)) {
      warnings.push({ kind: "budgetMissing", at: r.budgetAt, label: labels.get(r.key) ?? r.label, year: r.year });
    }
    if (!r.current || verksamheter.has(r.key) || !children.has(r.key)) {
      out.push(r);
      continue;
    }
    const net = ownFigure(r.net, partsTotal(r.key, r.year, NET, tree));
    const budget =
      r.budget === null
        ? { value: undefined, total: false }
        : ownFigure(r.budget, partsTotal(r.key, r.year, BUDGET, tree));
    const label = labels.get(r.key)!;
    if (net.differs)
      warnings.push({ kind: "ownDiffers", figure: "net", year: r.year, label, at: r.at, ...net.differs });
    if (budget.differs && r.budgetAt)
      warnings.push({ kind: "ownDiffers", figure: "budget", year: r.year, label, at: r.budgetAt, ...budget.differs });
    const nothingOwn =
      net.total && net.value === 0 && (budget.value === undefined || (budget.total && budget.value === 0));
    if (!nothingOwn)
      out.push({
        ...r,
        net: net.value,
        ...(r.budget === null ? {} : budget.value === undefined ? { budget: undefined } : { budget: budget.value }),
      });
  }
  return { rows: out, warnings };
}

/** The years given per ansvar (on any line but a verksamhet with ansvar under it): the annex's earlier years. */
function yearsPerAnsvar(result: PrognosisResult, rows: readonly EarlierYearRow[]): Set<number> {
  const verksamheter = verksamhetKeys(result);
  return new Set(rows.filter((r) => !verksamheter.has(r.key)).map((r) => r.year));
}

/** Where a table's cells land on its sheet: the A1 address of (row key, column id). */
export type CellAt = (key: string, column: string) => string | undefined;

/** A table named by its sheet, with where its cells land there. */
export interface PlacedTable {
  readonly table: StatementTable;
  readonly sheet: string;
  readonly at: CellAt;
}

/** A table's shown sums against their shown parts, cells named where the sheet puts them. */
function shownSumFindings(table: StatementTable, at: CellAt): Finding[] {
  return checkSubtotals(shownTableLines(table, at), columnIds(table));
}

/** Each verksamhet and the total of the split against the same line of the annex, on the columns both show (000 S31). */
function crossTableFindings(placedSplit: PlacedTable, placedAnnex: PlacedTable): Finding[] {
  const { table: split, at: splitAt } = placedSplit;
  const { table: annex, at: annexAt } = placedAnnex;
  const annexRows = new Map(annex.rows.map((r) => [r.key, r]));
  const shared = columnIds(split).filter((id) => columnIds(annex).includes(id));
  const headers = columnHeaders(split);
  const findings: Finding[] = [];
  for (const row of split.rows) {
    const other = annexRows.get(row.key);
    if (!other) continue;
    for (const id of shared) {
      const a = cellValue(row.cells[id]);
      const b = cellValue(other.cells[id]);
      if (a === undefined || b === undefined) continue;
      const f = checkCrossTotal(
        {
          label: `${row.label} på bladet ${placedSplit.sheet}`,
          value: shownTkr(a),
          column: headers[id],
          cell: splitAt(row.key, id),
        },
        {
          label: `${other.label} på bladet ${placedAnnex.sheet}`,
          value: shownTkr(b),
          column: headers[id],
          cell: annexAt(other.key, id),
        },
        other.parts,
        { own: true },
      );
      if (f) findings.push({ ...f, key: row.key, column: id, columnHeader: headers[id] ?? id });
    }
  }
  return findings;
}

/** The two tables of the organisational statements, and what the model found on the way. */
export interface OrganisationalTables {
  /** The split per verksamhetsområde ("Summa verksamhet"). */
  readonly split: StatementTable;
  /** The annex per ansvar, verksamheter as subtotals ("Totalsumma"). */
  readonly annex: StatementTable;
  /** Earlier years given per verksamhet only: shown on the split, not in the annex. */
  readonly onlySplit: readonly number[];
  readonly warnings: readonly OrganisationalWarning[];
}

/**
 * The organisational split and the annex from the prognosis (this year) and the rows of Bokslut tidigare år: a
 * middle level's rows as its own bookings, the lines that have ended under the verksamhet they name, each
 * earlier year in the annex only where it is given per ansvar.
 */
export function organisationalTables(result: PrognosisResult, rows: readonly EarlierYearRow[]): OrganisationalTables {
  const { columns: thisYear, variance } = thisYearColumns(result);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const ended = endedLines(rows);
  const own = ownBookings(result, rows, ended);
  const perAnsvar = yearsPerAnsvar(result, own.rows);
  const splitColumns = [...earlierColumns(rows, years), ...thisYear];
  const annexColumns = [
    ...earlierColumns(
      rows,
      years.filter((y) => perAnsvar.has(y)),
    ),
    ...thisYear,
  ];
  const split = hierarchyStatement({
    columns: splitColumns,
    variance,
    lines: splitLines(result, own.rows, ended, splitColumns),
    totalLabel: "Summa verksamhet",
  });
  const annex = hierarchyStatement({
    columns: annexColumns,
    variance,
    lines: annexLines(result, own.rows, ended, annexColumns),
    totalLabel: "Totalsumma",
  });
  return { split, annex, onlySplit: years.filter((y) => !perAnsvar.has(y)), warnings: own.warnings };
}

/** The checks on both tables as placed on their sheets: each shown sum against its parts, the split against the annex. */
export function organisationalFindings(
  split: PlacedTable,
  annex: PlacedTable,
): { splitSums: Finding[]; annexSums: Finding[]; crossTable: Finding[] } {
  return {
    splitSums: shownSumFindings(split.table, split.at),
    annexSums: shownSumFindings(annex.table, annex.at),
    crossTable: crossTableFindings(split, annex),
  };
}
