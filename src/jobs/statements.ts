/**
 * The resultaträkning by kostnadsslag from the ledger (seeds 000/004): the ledger rows of the year to
 * date (and of last year to the same month, when given) summed by konto into Intäkter, Personalkostnader,
 * Lokalkostnader, Övriga kostnader and Kapitalkostnad; the budget by konto beside them when there is one;
 * Kommunbidrag (a setting) and Resultat = Kommunbidrag - Nettokostnad under them. Then the checks: the
 * consistency checks on the table as it will be shown (whole tkr, cells named), the reconciliation (the
 * statement's net cost equals the ledger's total: nothing lost), and, when the printed table is given, every
 * difference against it. A konto outside every class is kept on an "Okänt kontoslag" line and named.
 * Also the organisational split per verksamhetsområde and the per-ansvar annex, with the bokslut of earlier
 * years beside this year's budget, utfall and prognos (seed 000's tables), and their cross-table checks.
 */
import {
  COST_TYPE_LABEL,
  COST_TYPES,
  DEFAULT_ACCOUNT_PLAN,
  sumByCostType,
  UNKNOWN_COST_TYPE_LABEL,
  type AccountRange,
  type CostTypeSums,
} from "../core/accountClasses";
import { checkCrossTotal, checkSubtotals, type Finding } from "../core/consistency";
import { formatNumber, formatTkr, roundOre } from "../core/amounts";
import { makePeriod, MONTH_NAMES_SV, periodMonth, periodYear } from "../core/periods";
import { fromInternal, type SignConvention } from "../core/signs";
import { isBooked, type ActualRow, type PrognosisResult, type PrognosisRow } from "../core/prognosis";
import {
  cellValue,
  columnHeaders,
  columnIds,
  compareWithPrinted,
  hierarchyStatement,
  incomeStatement,
  INCOME_STATEMENT_KEYS,
  shownTableLines,
  shownTkr,
  type HierarchyLine,
  type RawLine,
  type StatementColumn,
  type StatementTable,
  type VarianceColumn,
} from "../core/statements";
import { accountBudgetFromScan, accountPlanFromScan } from "../input/accountPlanInput";
import type { EarlierYearRow } from "../input/earlierYearsInput";
import type { CellRef } from "../input/sheetRows";
import type { InputError } from "../input/errors";
import type { SheetLayout } from "../report/layout";
import { shownSumNote, signConventionOf, type ReportMeta } from "../report/meta";
import {
  buildOrganisationalSplitSheet,
  buildStatementSheet,
  ledgerReconciliationText,
  statementCellAddresses,
  statementHeaderRow,
  type StatementSheetOptions,
} from "../report/statementSheets";
import type { JobRun, Step } from "./run";

/** The budget of one konto for the year, internal kronor (revenue negative). */
export interface AccountBudget {
  readonly account: string;
  readonly annual: number;
}

/** Kommunbidrag (the nämnd's ram) in kronor, per column: to date this year and last year, and for the year. */
export interface GrantSetting {
  readonly toDate?: number;
  readonly lastYearToDate?: number;
  readonly annual?: number;
}

export interface IncomeStatementJobInput {
  readonly year: number;
  /** Month of follow-up, 1-12: the utfall columns run from January to its end. */
  readonly month: number;
  /** This year's ledger; rows of other years or after the month are left out and counted in a warning. */
  readonly actuals: readonly ActualRow[];
  /** Last year's ledger: a column Utfall (year - 1) to the same month. */
  readonly lastYearActuals?: readonly ActualRow[];
  /** The prognosis's annual budget (the Budget sheet, kronor): the Budget column's net must equal it. */
  readonly budgetTotal?: number;
  /** The budget version of the Budget sheet, named where the Budget column is checked against it ("KF 2023"). */
  readonly budgetVersionLabel?: string;
  /** The budget by konto: a Budget column. Without it only utfall is shown. */
  readonly budgets?: readonly AccountBudget[];
  readonly grant?: GrantSetting;
  /** The kommun's Kontoplan; the Kommun-Bas default when absent. */
  readonly plan?: readonly AccountRange[];
  /** The same table as printed (tkr, by row key and column id): every difference is listed under the table. */
  readonly printed?: Readonly<Record<string, Readonly<Record<string, number | undefined>>>>;
}

/** The statement's net cost against the ledger's total for one column, kronor. */
export interface Reconciliation {
  readonly column: string;
  readonly ledgerTotal: number;
  readonly statementNet: number;
}

export interface IncomeStatementReport {
  readonly table: StatementTable;
  readonly layout: SheetLayout;
  /** The consistency checks on the shown table, the reconciliation, and the differences against the printed table. */
  readonly findings: readonly Finding[];
  readonly reconciliation: readonly Reconciliation[];
  /** Swedish: each unknown konto with its amount, rows left out of the period. */
  readonly warnings: readonly string[];
}

export const INCOME_STATEMENT_SHEET = "Resultaträkning";
const UNKNOWN_KEY = "okant-kontoslag";

/** Kronor as tkr, the unit of the report's sheets and of their check lines: 0,4 kronor in 1 tkr is 0,0004 tkr. */
const inTkr = (kronor: number): number => roundOre(kronor) / 1000;

/** "1 193 830 tkr", "0,45 tkr": an amount in a check line of a tkr report, with its decimals when it has any. */
function tkrText(kronor: number): string {
  const tkr = inTkr(kronor);
  return `${formatNumber(tkr, Number.isInteger(tkr) ? 0 : Number.isInteger(tkr * 100) ? 2 : 3)} tkr`;
}

/** The rows within January to `month` of `year`; the rest counted for the warning. */
function toDate(
  rows: readonly ActualRow[],
  year: number,
  month: number,
): { rows: ActualRow[]; aside: number; asideAmount: number } {
  const kept: ActualRow[] = [];
  let aside = 0;
  let asideAmount = 0;
  for (const r of rows) {
    if (periodYear(r.period) === year && periodMonth(r.period) <= month) kept.push(r);
    else {
      aside++;
      asideAmount += r.amount;
    }
  }
  return { rows: kept, aside, asideAmount };
}

/** The resultaträkning, its sheet and its checks from ledger rows (pure). */
export function buildIncomeStatement(input: IncomeStatementJobInput, meta: ReportMeta): IncomeStatementReport {
  const plan = input.plan ?? DEFAULT_ACCOUNT_PLAN;
  const warnings: string[] = [];
  const sources: { column: StatementColumn; sums: CostTypeSums; grant?: number }[] = [];
  const ledgerColumn = (
    id: string,
    year: number,
    rows: readonly ActualRow[],
    grant: number | undefined,
    what: string,
  ): void => {
    const kept = toDate(rows, year, input.month);
    if (kept.aside > 0)
      warnings.push(
        `${kept.aside} ${kept.aside === 1 ? "rad" : "rader"} i ${what} ligger utanför januari-${MONTH_NAMES_SV[input.month - 1]} ${year}, sammanlagt ${tkrText(kept.asideAmount)}: de ingår inte i resultaträkningen.`,
      );
    sources.push({
      column: { id, header: `Utfall ${makePeriod(year, input.month)}`, year },
      sums: sumByCostType(kept.rows, plan),
      grant,
    });
  };
  if (input.lastYearActuals)
    ledgerColumn(
      "utfall-fg",
      input.year - 1,
      input.lastYearActuals,
      input.grant?.lastYearToDate,
      "föregående års utfall",
    );
  ledgerColumn("utfall", input.year, input.actuals, input.grant?.toDate, "utfallet");
  if (input.budgets) {
    const sums = sumByCostType(
      input.budgets.map((b) => ({ account: b.account, amount: b.annual })),
      plan,
    );
    sources.push({
      column: { id: "budget", header: `Budget ${input.year}`, year: input.year },
      sums,
      grant: input.grant?.annual,
    });
  }
  const columns = sources.map((s) => s.column);
  const values = (pick: (s: (typeof sources)[number]) => number | undefined): Record<string, number | undefined> =>
    Object.fromEntries(sources.map((s) => [s.column.id, pick(s)]));
  const line = (type: (typeof COST_TYPES)[number]): RawLine => ({
    key: type,
    label: COST_TYPE_LABEL[type],
    values: values((s) => s.sums.sums[type]),
  });

  // Unknown konton: one line among the costs, each konto named with its amount (never dropped).
  const unknownAccounts = new Set(sources.flatMap((s) => [...s.sums.unknown.keys()]));
  for (const account of unknownAccounts) {
    const amounts = sources
      .filter((s) => s.sums.unknown.has(account))
      .map((s) => `${s.column.header} ${tkrText(s.sums.unknown.get(account)!)}`);
    warnings.push(
      `${account === "" ? "Rader utan konto" : `Konto ${account}`} hör inte till något kostnadsslag i ${input.plan ? "kontoplanen" : "standardkontoplanen (Kommun-Bas)"} (${amounts.join(", ")}): beloppet redovisas på raden ${UNKNOWN_COST_TYPE_LABEL}; ange kontot på bladet Kontoplan.`,
    );
  }
  const unknownLine: RawLine[] =
    unknownAccounts.size === 0
      ? []
      : [
          {
            key: UNKNOWN_KEY,
            label: UNKNOWN_COST_TYPE_LABEL,
            values: values((s) => roundOre([...s.sums.unknown.values()].reduce((a, b) => a + b, 0))),
          },
        ];
  const grants = input.grant ? values((s) => s.grant) : undefined;
  const table = incomeStatement({
    columns,
    revenues: [line("revenue")],
    costs: [...(["personnel", "premises", "other", "capital"] as const).map(line), ...unknownLine],
    ...(grants && Object.values(grants).some((g) => g !== undefined) ? { grant: grants } : {}),
  });

  const findings: Finding[] = [];
  // Nothing lost: the statement's net cost equals the ledger's total, in kronor.
  const net = table.rows.find((r) => r.key === INCOME_STATEMENT_KEYS.net)!;
  const reconciliation = sources.map((s): Reconciliation => ({
    column: s.column.id,
    ledgerTotal: s.sums.total,
    statementNet: cellValue(net.cells[s.column.id]) ?? 0,
  }));
  for (const r of reconciliation) {
    const header = columns.find((c) => c.id === r.column)?.header ?? r.column;
    // In the report's unit, tkr (the figures are kronor; the difference is shown with decimals when under 1 tkr).
    const f = checkCrossTotal(
      { label: "Summa nettokostnader", value: inTkr(r.statementNet), column: header },
      { label: "summan av huvudboken", value: inTkr(r.ledgerTotal) },
      undefined,
      { unit: "tkr", own: true },
    );
    if (f) findings.push(f);
  }
  if (input.budgets && input.budgetTotal !== undefined) {
    // Cross-table: the budget per konto and the budget per ansvar are the same nämnd's budget.
    const sheet = `budget helår på bladet Budget${input.budgetVersionLabel ? ` (${input.budgetVersionLabel})` : ""}`;
    const f = checkCrossTotal(
      {
        label: "Summa nettokostnader",
        value: inTkr(cellValue(net.cells["budget"]) ?? 0),
        column: `Budget ${input.year}`,
      },
      { label: sheet, value: inTkr(input.budgetTotal) },
      undefined,
      { unit: "tkr", own: true },
    );
    if (f) findings.push(f);
  }
  if (input.printed) findings.push(...compareWithPrinted(table, input.printed));
  const options = sheetOptions(input, meta);
  // The checks on the table as it will be shown, cells named where the sheet puts them.
  const at = statementCellAddresses(table, statementHeaderRow(options));
  const shown = checkSubtotals(shownTableLines(table, at), columnIds(table));
  findings.push(...shown);
  // Against a printed table every difference is listed as such; otherwise the shown sums that differ from their
  // shown parts are named as in the other reports (summed from kronor, rounded only where shown).
  const ledger = ledgerReconciliationText(
    reconciliation.map((r) => ({ ...r, header: columns.find((c) => c.id === r.column)?.header ?? r.column })),
  );
  const layout = input.printed
    ? buildStatementSheet(table, { ...options, findings, notes: [...warnings, ledger] })
    : buildStatementSheet(table, {
        ...options,
        notes: [
          ...warnings,
          ...findings.filter((f) => !shown.includes(f)).map((f) => f.message),
          ...shown.map(shownSumNote),
          ledger,
        ],
      });
  return { table, layout, findings, reconciliation, warnings };
}

function sheetOptions(input: IncomeStatementJobInput, meta: ReportMeta): StatementSheetOptions {
  // Without a budget column the sheet names no budget version.
  const { budgetVersion, ...rest } = meta;
  const shownMeta = input.budgets && budgetVersion !== undefined ? { ...rest, budgetVersion } : rest;
  return {
    sheetName: INCOME_STATEMENT_SHEET,
    tableName: "Budgetkoll_Resultatrakning",
    title: `Resultaträkning januari-${MONTH_NAMES_SV[input.month - 1]} ${input.year} (tkr)`,
    labelHeader: "Resultaträkning",
    meta: shownMeta,
  };
}

const sum = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((a, x) => a + f(x), 0);

export interface IncomeStatementJobOptions {
  readonly grant?: GrantSetting;
  readonly budgets?: readonly AccountBudget[];
  /** The prognosis's annual budget, which the Budget column (from the sheet Budget per konto) must equal. */
  readonly budgetTotal?: number;
  /**
   * The run's budget version: the ids of the versions in effect (the chosen one and those before it), all ids the
   * Budget sheet knows, and the label its checks name. A line of Budget per konto with a Version is taken when its
   * version is in effect; one without is the sheet's only budget.
   */
  readonly budgetVersion?: {
    readonly inEffect: ReadonlySet<string>;
    readonly known: ReadonlySet<string>;
    readonly label?: string;
  };
}

/** The ledger the resultaträkning sums: the prognosis's, as read, or a streamed ledger's konto sums. */
export type IncomeStatementLedger = Pick<IncomeStatementJobInput, "year" | "month" | "actuals" | "lastYearActuals">;

/**
 * The resultaträkning of a job run from its ledger (read once, by the prognosis), the Kontoplan sheet if any, and
 * the Budget column from the sheet Budget per konto (or `options.budgets`).
 */
export function incomeStatementJob(
  run: JobRun,
  ledger: IncomeStatementLedger,
  options: IncomeStatementJobOptions = {},
): Step<IncomeStatementReport> {
  const plan = accountPlanFromScan(run.scan);
  const accountBudget = accountBudgetFromScan(run.scan, run.settings);
  const reads = [plan, accountBudget];
  const errors: InputError[] = reads.flatMap((r) => r.errors);
  const read = {
    errors,
    warnings: reads.flatMap((r) => r.warnings),
    recognised: reads.flatMap((r) => r.recognised),
    rows: {
      read: sum(reads, (r) => r.rows.read),
      used: sum(reads, (r) => r.rows.used),
      rejected: sum(reads, (r) => r.rows.rejected),
    },
  };
  if (errors.length > 0 || !plan.value) return { ok: false, errors, read };
  const versioned = versionedBudgets(options.budgets ?? accountBudget.value, options.budgetVersion);
  const budgets = versioned?.lines;
  if (versioned) read.warnings.push(...versioned.warnings);
  const report = buildIncomeStatement(
    {
      year: ledger.year,
      month: ledger.month,
      actuals: ledger.actuals,
      ...(ledger.lastYearActuals && ledger.lastYearActuals.length > 0
        ? { lastYearActuals: ledger.lastYearActuals }
        : {}),
      ...(budgets ? { budgets } : {}),
      ...(options.budgetTotal !== undefined ? { budgetTotal: options.budgetTotal } : {}),
      ...(options.budgetVersion?.label ? { budgetVersionLabel: options.budgetVersion.label } : {}),
      ...(options.grant ? { grant: options.grant } : {}),
      ...(plan.value.source === "sheet" ? { plan: plan.value.ranges } : {}),
    },
    run.meta,
  );
  return { ok: true, value: report, warnings: read.warnings, read };
}

/**
 * The Budget per konto lines of the run's budget version: those of the versions in effect when the sheet has a
 * Version column. A version the Budget sheet does not know is named in a warning with its amount, never summed.
 */
function versionedBudgets(
  lines: readonly (AccountBudget & { readonly version?: string })[] | undefined,
  version: IncomeStatementJobOptions["budgetVersion"],
): { lines: AccountBudget[]; warnings: InputError[] } | undefined {
  if (!lines) return undefined;
  if (!version || lines.every((l) => l.version === undefined)) return { lines: [...lines], warnings: [] };
  const unknown = new Map<string, number>();
  for (const l of lines)
    if (l.version !== undefined && !version.known.has(l.version))
      unknown.set(l.version, (unknown.get(l.version) ?? 0) + l.annual);
  const warnings = [...unknown].map(([id, amount]): InputError => ({
    sheet: "Budget per konto",
    message: `versionen "${id}" finns inte på bladet Budget (${[...version.known].join(", ")}): dess rader, sammanlagt ${formatTkr(amount)} tkr, ingår inte i resultaträkningens budget.`,
    amount: Math.abs(amount),
  }));
  return { lines: lines.filter((l) => l.version === undefined || version.inEffect.has(l.version)), warnings };
}

// The organisational split and the per-ansvar annex (seed 000's "Organisatorisk fördelning" and
// "Bilaga 1"): the bokslut of earlier years beside this year, from the prognosis and the sheet Bokslut tidigare år.

export const ORGANISATIONAL_SPLIT_SHEET = "Organisatorisk fördelning";
export const ANNEX_SHEET = "Bilaga per ansvar";

export interface OrganisationalStatements {
  readonly split: StatementTable;
  readonly annex: StatementTable;
  /** Each table's sums against its shown parts, then each verksamhet and the total of the split against the annex. */
  readonly findings: readonly Finding[];
  /** The cross-table findings alone (the split against the annex). */
  readonly crossTable: readonly Finding[];
  readonly layouts: readonly SheetLayout[];
  /** Swedish, naming the cell: each middle level's Nettokostnad or Budget that differs from the sum of its lines'. */
  readonly warnings: readonly InputError[];
}

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

/** The warning naming the cell of a middle level's figure that is more than its lines' (amounts in the user's convention). */
function differenceWarning(
  what: string,
  label: string,
  at: CellRef,
  d: NonNullable<OwnFigure["differs"]>,
  convention: SignConvention,
  shownAs: string,
): InputError {
  const shown = (x: number): string => tkrText(fromInternal(x, convention));
  return {
    sheet: at.sheet,
    cell: at.cell,
    message: `${what} för ${label} är ${shown(d.given)}, men raderna för ansvaren under det summerar till ${shown(d.parts)}: skillnaden ${shown(d.own)} visas som ${shownAs} direkt på ansvaret.`,
  };
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
  convention: SignConvention,
): { rows: EarlierYearRow[]; warnings: InputError[] } {
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
  const warnings: InputError[] = [];
  const out: EarlierYearRow[] = [];
  // The years with a Budget column on the sheets: a row of such a year without its budget lacks a figure.
  const budgetYears = new Set(rows.filter((r) => typeof r.budget === "number").map((r) => r.year));
  for (const r of rows) {
    // Missing is not zero: the line whose Budget is '-' is named, with its cell; every sum over it shows '-'.
    if (r.budget === null && r.budgetAt && budgetYears.has(r.year)) {
      warnings.push({
        sheet: r.budgetAt.sheet,
        cell: r.budgetAt.cell,
        message: `budget saknas för ${labels.get(r.key) ?? r.label} ${r.year} ('-'): summorna över raden visas som '-', inte som om budgeten vore 0.`,
      });
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
      warnings.push(differenceWarning(`Bokslut ${r.year}`, label, r.at, net.differs, convention, "bokat"));
    if (budget.differs && r.budgetAt)
      warnings.push(differenceWarning(`Budget ${r.year}`, label, r.budgetAt, budget.differs, convention, "budget"));
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
type CellAt = ReturnType<typeof statementCellAddresses>;

/** A table's shown sums against their shown parts, cells named where the sheet puts them. */
function shownSumFindings(table: StatementTable, at: CellAt): Finding[] {
  return checkSubtotals(shownTableLines(table, at), columnIds(table));
}

/** Each verksamhet and the total of the split against the same line of the annex, on the columns both show (000 S31). */
function crossTableFindings(split: StatementTable, annex: StatementTable, splitAt: CellAt, annexAt: CellAt): Finding[] {
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
          label: `${row.label} på bladet ${ORGANISATIONAL_SPLIT_SHEET}`,
          value: shownTkr(a),
          column: headers[id],
          cell: splitAt(row.key, id),
        },
        {
          label: `${other.label} på bladet ${ANNEX_SHEET}`,
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

/** The cross-table checks under both tables (each names the cells of both sheets), or that they agree. */
export function crossTableNotes(crossTable: readonly Finding[]): string[] {
  return crossTable.length > 0
    ? crossTable.map((f) => f.message)
    : [
        `Avstämning: summorna per verksamhet och totalsumman stämmer mellan bladen ${ORGANISATIONAL_SPLIT_SHEET} och ${ANNEX_SHEET}.`,
      ];
}

/**
 * The organisational split and the annex from the prognosis (this year) and the rows of Bokslut tidigare år, with
 * their checks under them: every shown sum against its shown parts, and the split against the annex. Pure.
 */
export function buildOrganisationalStatements(
  result: PrognosisResult,
  rows: readonly EarlierYearRow[],
  meta: ReportMeta,
): OrganisationalStatements {
  const { columns: thisYear, variance } = thisYearColumns(result);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const ended = endedLines(rows);
  const own = ownBookings(result, rows, ended, signConventionOf(meta));
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
  const splitOptions: StatementSheetOptions = {
    sheetName: ORGANISATIONAL_SPLIT_SHEET,
    tableName: "Budgetkoll_OrgFordelning",
    title: `Organisatorisk fördelning ${result.year} (tkr)`,
    labelHeader: "Verksamhetsområde",
    meta,
  };
  const annexOptions: StatementSheetOptions = {
    sheetName: ANNEX_SHEET,
    tableName: "Budgetkoll_Bilaga",
    title: `Bilaga: fördelning per ansvarsnivå ${result.year} (tkr)`,
    labelHeader: "Ansvar",
    meta,
  };
  const splitAt = statementCellAddresses(split, statementHeaderRow(splitOptions));
  const annexAt = statementCellAddresses(annex, statementHeaderRow(annexOptions));
  const splitSums = shownSumFindings(split, splitAt);
  const annexSums = shownSumFindings(annex, annexAt);
  const crossTable = crossTableFindings(split, annex, splitAt, annexAt);
  const onlySplit = years.filter((y) => !perAnsvar.has(y));
  const cross = crossTableNotes(crossTable);
  const splitNotes = [
    ...splitSums.map(shownSumNote),
    ...(onlySplit.length > 0
      ? [
          `Bokslut ${onlySplit.join(" och ")} finns bara per verksamhet, inte per ansvar: ${onlySplit.length === 1 ? "året visas" : "åren visas"} inte på bladet ${ANNEX_SHEET}.`,
        ]
      : []),
    ...cross,
  ];
  const annexNotes = [...annexSums.map(shownSumNote), ...cross];
  return {
    split,
    annex,
    findings: [...splitSums, ...annexSums, ...crossTable],
    crossTable,
    layouts: [
      buildOrganisationalSplitSheet(split, undefined, { ...splitOptions, notes: splitNotes }),
      buildStatementSheet(annex, { ...annexOptions, notes: annexNotes }),
    ],
    warnings: own.warnings,
  };
}
