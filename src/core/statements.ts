/**
 * The report tables of a verksamhetsberättelse or delårsrapport, built from raw lines: the resultaträkning by
 * cost type (intäkter negative, kostnader, nettokostnad, kommunbidrag, resultat), and hierarchical tables (the
 * organisational split per verksamhetsområde, the per-ansvar annex) with earlier years beside this year.
 * Amounts in kronor, net cost positive, revenue negative; avvikelse = budget - utfall (+ = överskott).
 * Lines start and end between years: outside its span a line shows "ny 2021" / "upphörd", never a 0; inside its
 * span a missing value stays missing ('-'), counted as 0 in sums (missing is not zero, 000 S53).
 */
import { emptyRecord } from "./records";
import { CoreError } from "./errors";
import { checkCrossTotal, type Finding, type TableLine } from "./consistency";
import { buildHierarchy, type CostCentre } from "./hierarchy";
import { roundExcel, roundOre } from "./amounts";

export interface StatementColumn {
  readonly id: string;
  readonly header: string;
  /** The year the column belongs to, named when a line starts there ("ny 2021"). */
  readonly year?: number;
}

/** The avvikelse column: budget column minus outcome column. */
export interface VarianceColumn {
  readonly id: string;
  readonly header: string;
  readonly budget: string;
  readonly outcome: string;
}

export type StatementCell =
  | { readonly kind: "value"; readonly value: number }
  /** No figure; `written` when the input says so ('-', i.u.): missing, not zero, so every sum over it is missing too. */
  | { readonly kind: "missing"; readonly written?: true }
  | { readonly kind: "notStarted"; readonly startsIn: string }
  | { readonly kind: "ended" };

export type StatementRole = "line" | "subtotal" | "total" | "memo";

export interface StatementRow {
  readonly key: string;
  readonly label: string;
  /** line: an input line; subtotal: the sum of its children; total: the sum of the top-level lines; memo: outside the sums (kommunbidrag, resultat). */
  readonly role: StatementRole;
  readonly parentKey?: string;
  readonly depth: number;
  readonly cells: Readonly<Record<string, StatementCell>>;
  /** How many input figures each value sums (for the rounding tolerance against a printed table). */
  readonly parts: number;
}

export interface StatementTable {
  readonly columns: readonly StatementColumn[];
  readonly variance?: VarianceColumn;
  readonly rows: readonly StatementRow[];
}

export interface RawLine {
  readonly key?: string;
  readonly label: string;
  readonly values: Readonly<Record<string, number | undefined>>;
  /** The first column the line exists in (it started that year); the first column when absent. */
  readonly starts?: string;
  /** The last column the line exists in (it ended after it); the last column when absent. */
  readonly ends?: string;
}

const MISSING: StatementCell = { kind: "missing" };
const WRITTEN_MISSING: StatementCell = { kind: "missing", written: true };
const ENDED: StatementCell = { kind: "ended" };

export function cellValue(cell: StatementCell | undefined): number | undefined {
  return cell?.kind === "value" ? cell.value : undefined;
}

/** Text for a cell outside a line's span: "ny 2021", "upphörd". */
export function breakText(cell: StatementCell): string | undefined {
  if (cell.kind === "notStarted") return `ny ${cell.startsIn}`;
  if (cell.kind === "ended") return "upphörd";
  return undefined;
}

function lineCells(line: RawLine, columns: readonly StatementColumn[]): Record<string, StatementCell> {
  const ids = columns.map((c) => c.id);
  const first = line.starts === undefined ? 0 : ids.indexOf(line.starts);
  const last = line.ends === undefined ? ids.length - 1 : ids.indexOf(line.ends);
  if (first < 0 || last < 0) throw new CoreError([{ code: "statementColumnMissing", label: line.label }]);
  const start = columns[first]!;
  const cells = emptyRecord<StatementCell>();
  columns.forEach((c, i) => {
    const v = line.values[c.id];
    if (i < first) cells[c.id] = { kind: "notStarted", startsIn: String(start.year ?? start.header) };
    else if (i > last) cells[c.id] = ENDED;
    // A column the line's values name without a figure is a '-' of the input; one they do not name, no figure.
    else
      cells[c.id] = v === undefined ? (c.id in line.values ? WRITTEN_MISSING : MISSING) : { kind: "value", value: v };
  });
  return cells;
}

/**
 * Sum cells column by column. Missing is not zero (domain.md): a part written '-' makes the sum '-'; a part with no
 * figure given (a verksamhet's own part of a year given as its total), or a line that had not started or had ended,
 * counts as none; a column where no part has a value stays missing.
 */
function sumCells(
  parts: readonly Readonly<Record<string, StatementCell>>[],
  columns: readonly StatementColumn[],
): Record<string, StatementCell> {
  const cells = emptyRecord<StatementCell>();
  for (const c of columns) {
    const cell = (p: Readonly<Record<string, StatementCell>>) => p[c.id];
    if (parts.some((p) => cell(p)?.kind === "missing" && (cell(p) as { written?: true }).written)) {
      cells[c.id] = WRITTEN_MISSING;
      continue;
    }
    const values = parts.map((p) => cellValue(p[c.id])).filter((v): v is number => v !== undefined);
    cells[c.id] = values.length === 0 ? MISSING : { kind: "value", value: roundOre(values.reduce((a, b) => a + b, 0)) };
  }
  return cells;
}

function withVariance(
  cells: Record<string, StatementCell>,
  variance: VarianceColumn | undefined,
): Record<string, StatementCell> {
  if (!variance) return cells;
  const b = cellValue(cells[variance.budget]);
  const o = cellValue(cells[variance.outcome]);
  // Avvikelse = budget - utfall; a side that is missing counts as 0 unless both are (000: Kommunbidrag '-').
  const v =
    b === undefined && o === undefined ? MISSING : ({ kind: "value", value: roundOre((b ?? 0) - (o ?? 0)) } as const);
  return { ...cells, [variance.id]: v };
}

export interface IncomeStatementInput {
  readonly columns: readonly StatementColumn[];
  readonly variance?: VarianceColumn;
  /** Revenue lines, negative (more revenue = a larger negative number). */
  readonly revenues: readonly RawLine[];
  /** Cost lines, positive: personal, lokaler, övriga, kapitalkostnad. */
  readonly costs: readonly RawLine[];
  /** Kommunbidrag (the nämnd's ram) per column, when the table shows the result. */
  readonly grant?: Readonly<Record<string, number | undefined>>;
}

export const INCOME_STATEMENT_KEYS = {
  revenues: "summa-intakter",
  costs: "summa-kostnader",
  net: "summa-nettokostnader",
  grant: "kommunbidrag",
  result: "resultat",
} as const;

/** The resultaträkning: lines, Summa intäkter, Summa kostnader, Summa nettokostnader, Kommunbidrag, Resultat. */
export function incomeStatement(input: IncomeStatementInput): StatementTable {
  const { columns, variance } = input;
  const K = INCOME_STATEMENT_KEYS;
  const rows: StatementRow[] = [];
  const group = (lines: readonly RawLine[], key: string, label: string, prefix: string): StatementRow => {
    const children = lines.map((l, i): StatementRow => ({
      key: l.key ?? `${prefix}-${i + 1}`,
      label: l.label,
      role: "line",
      parentKey: key,
      depth: 1,
      cells: withVariance(lineCells(l, columns), variance),
      parts: 1,
    }));
    rows.push(...children);
    const sum: StatementRow = {
      key,
      label,
      role: "subtotal",
      depth: 0,
      cells: withVariance(
        sumCells(
          children.map((c) => c.cells),
          columns,
        ),
        variance,
      ),
      parts: children.length,
    };
    rows.push(sum);
    return sum;
  };
  const revenues = group(input.revenues, K.revenues, "Summa intäkter", "intakt");
  const costs = group(input.costs, K.costs, "Summa kostnader", "kostnad");
  const net: StatementRow = {
    key: K.net,
    label: "Summa nettokostnader",
    role: "total",
    depth: 0,
    cells: withVariance(sumCells([revenues.cells, costs.cells], columns), variance),
    parts: revenues.parts + costs.parts,
  };
  rows.push(net);
  if (input.grant) {
    const grantCells = withVariance(lineCells({ label: "Kommunbidrag", values: input.grant }, columns), variance);
    rows.push({ key: K.grant, label: "Kommunbidrag", role: "memo", depth: 0, cells: grantCells, parts: 1 });
    // Resultat = kommunbidrag - nettokostnad; no avvikelse cell at all (its sign is already + = överskott).
    const result = emptyRecord<StatementCell>();
    for (const c of columns) {
      const g = cellValue(grantCells[c.id]);
      const n = cellValue(net.cells[c.id]);
      result[c.id] = g === undefined || n === undefined ? MISSING : { kind: "value", value: roundOre(g - n) };
    }
    rows.push({ key: K.result, label: "Resultat", role: "memo", depth: 0, cells: result, parts: net.parts + 1 });
  }
  return { columns, variance, rows };
}

export interface HierarchyLine extends RawLine {
  readonly key: string;
  readonly parentKey?: string;
}

export interface HierarchyStatementInput {
  readonly columns: readonly StatementColumn[];
  readonly variance?: VarianceColumn;
  /** Every node: areas (with or without values of their own) and ansvar/enheter under them. */
  readonly lines: readonly HierarchyLine[];
  readonly totalLabel: string;
  /** Show only the nodes down to this depth (0: the organisational split per verksamhetsområde). */
  readonly maxDepth?: number;
  /** Print each subtotal under its children (seed 004) instead of above them (seed 000). */
  readonly subtotalsBelow?: boolean;
}

/**
 * A hierarchical table: a node with children is a subtotal, the unrounded sum of its children (values given on
 * it are not used: they are a printed subtotal at most, checked elsewhere); a node without children is a line
 * with its own values; the total is the sum of the top-level nodes, one level at a time (000 S29). Amounts booked
 * on a node that has children are given as a line under it (the annex's "bokat direkt på ansvaret"), or lost.
 */
export function hierarchyStatement(input: HierarchyStatementInput): StatementTable {
  const { columns, variance } = input;
  const centres: CostCentre[] = input.lines.map((l) => ({ key: l.key, name: l.label, parentKey: l.parentKey }));
  const hierarchy = buildHierarchy(centres);
  const byKey = new Map(input.lines.map((l) => [l.key, l]));
  const built = new Map<string, StatementRow>();
  const build = (key: string): StatementRow => {
    const node = hierarchy.nodes.get(key)!;
    const line = byKey.get(key)!;
    const own = lineCells(line, columns);
    const children = node.childKeys.map(build);
    const cells =
      children.length === 0
        ? own
        : spanOfChildren(
            sumCells(
              children.map((c) => c.cells),
              columns,
            ),
            children,
            columns,
          );
    const row: StatementRow = {
      key,
      label: line.label,
      role: children.length === 0 ? "line" : "subtotal",
      parentKey: line.parentKey,
      depth: node.depth,
      cells: withVariance(cells, variance),
      parts: children.length === 0 ? 1 : children.reduce((s, c) => s + c.parts, 0),
    };
    built.set(key, row);
    return row;
  };
  const top = hierarchy.rootKeys.map(build);
  const rows: StatementRow[] = [];
  const maxDepth = input.maxDepth ?? Number.POSITIVE_INFINITY;
  const emit = (key: string): void => {
    const row = built.get(key)!;
    if (row.depth > maxDepth) return;
    const shown = row.depth === maxDepth && row.role === "subtotal" ? { ...row, role: "line" as const } : row;
    if (!input.subtotalsBelow || shown.role !== "subtotal") rows.push(shown);
    for (const child of hierarchy.nodes.get(key)!.childKeys) emit(child);
    if (input.subtotalsBelow && shown.role === "subtotal") rows.push(shown);
  };
  for (const r of hierarchy.rootKeys) emit(r);
  rows.push({
    key: "totalsumma",
    label: input.totalLabel,
    role: "total",
    depth: 0,
    cells: withVariance(
      sumCells(
        top.map((t) => t.cells),
        columns,
      ),
      variance,
    ),
    parts: top.reduce((s, t) => s + t.parts, 0),
  });
  return { columns, variance, rows };
}

/** A subtotal whose children have all not started (or all ended) in a column shows that break, not a 0. */
function spanOfChildren(
  cells: Record<string, StatementCell>,
  children: readonly StatementRow[],
  columns: readonly StatementColumn[],
): Record<string, StatementCell> {
  const out = { ...cells };
  for (const c of columns) {
    const kinds = children.map((ch) => ch.cells[c.id]!);
    if (kinds.every((k) => k.kind === "notStarted")) out[c.id] = kinds[0]!;
    else if (kinds.every((k) => k.kind === "ended")) out[c.id] = ENDED;
  }
  return out;
}

/** All column ids of a table, the avvikelse last. */
export function columnIds(table: StatementTable): string[] {
  return [...table.columns.map((c) => c.id), ...(table.variance ? [table.variance.id] : [])];
}

/** Column id -> the header the table shows, the avvikelse included: findings name a column by its header. */
export function columnHeaders(table: StatementTable): Record<string, string> {
  return Object.fromEntries([
    ...table.columns.map((c) => [c.id, c.header] as const),
    ...(table.variance ? [[table.variance.id, table.variance.header] as const] : []),
  ]);
}

/**
 * The table as the report shows it, for the consistency checks: whole tkr (Excel ROUND, no negative zero),
 * breaks and missing cells left out. `cells` gives the A1 address of a (row key, column) when the table has been
 * laid out on a sheet.
 */
export function shownTableLines(
  table: StatementTable,
  cells?: (key: string, column: string) => string | undefined,
): TableLine[] {
  const ids = columnIds(table);
  const headers = columnHeaders(table);
  return table.rows
    .filter((r) => r.role !== "memo")
    .map((r) => {
      const values = emptyRecord<number | undefined>();
      const addresses = emptyRecord<string>();
      for (const id of ids) {
        const v = cellValue(r.cells[id]);
        values[id] = v === undefined ? undefined : shownTkr(v);
        const a = cells?.(r.key, id);
        if (a) addresses[id] = a;
      }
      return {
        key: r.key,
        label: r.label,
        parentKey: r.role === "total" ? undefined : r.parentKey,
        role: r.role === "memo" ? "line" : r.role,
        values,
        cells: addresses,
        headers,
      };
    });
}

/** Kronor as the whole tkr the report shows, without a negative zero (000 S11: the source's '-0' is 0). */
export function shownTkr(kronor: number): number {
  const r = roundExcel(kronor / 1000);
  return r === 0 ? 0 : r;
}

/**
 * Compare a table computed from raw lines with the same table as printed (tkr): every cell that differs is a
 * finding, "rounding" when within what rounding the printed parts explains (000 S13: netto avvikelse 6 138
 * from the parts, printed 6 139), "error" beyond. Rows are matched on key.
 */
export function compareWithPrinted(
  table: StatementTable,
  printed: Readonly<Record<string, Readonly<Record<string, number | undefined>>>>,
  printedLabel = "tryckt",
): Finding[] {
  const findings: Finding[] = [];
  const headers = columnHeaders(table);
  for (const row of table.rows) {
    const p = printed[row.key];
    if (!p) continue;
    for (const id of columnIds(table)) {
      const value = cellValue(row.cells[id]);
      const printedValue = p[id];
      if (value === undefined || printedValue === undefined) continue;
      // The avvikelse combines two printed figures more than the columns it is computed from.
      const parts = id === table.variance?.id ? row.parts + 1 : row.parts === 1 ? 0 : row.parts;
      const f = checkCrossTotal(
        { label: `${row.label} (${printedLabel})`, value: printedValue, column: headers[id] },
        { label: "beräknat", value: shownTkr(value) },
        parts === 0 ? undefined : parts,
      );
      if (f) findings.push({ ...f, key: row.key, label: row.label, column: id, columnHeader: headers[id] ?? id });
    }
  }
  return findings;
}
