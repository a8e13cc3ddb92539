/**
 * The resultaträkning's model from the ledger (seeds 000/004): the rows of the year to date (and of last year to
 * the same month) summed by konto into the kostnadsslag, the budget by konto beside them, Kommunbidrag and
 * Resultat under them (`incomeStatement` in ./statements.ts), and the reconciliation: the statement's net cost
 * against the ledger's total per column (nothing lost). What it sets aside comes back as data: rows outside the
 * period, konton outside every class (kept on their own line), budget lines of an unknown version. Pure; the
 * sheet and the sentences are `src/report/statementSheets.ts`. Kronor, internal convention (revenue negative).
 */
import {
  DEFAULT_ACCOUNT_PLAN,
  DEFAULT_COST_LINES,
  sumByCostType,
  UNKNOWN_COST_TYPE_LABEL,
  type AccountRange,
  type CostLine,
  type CostTypeSums,
} from "./accountClasses";
import { roundOre } from "./amounts";
import {
  forecastByCostType,
  UNALLOCATED_LINE,
  UNALLOCATED_LINE_LABEL,
  type CostTypeForecastResult,
  type EnteredLineForecast,
} from "./costTypeForecast";
import { ownValue } from "./records";
import { makePeriod, periodMonth, periodYear } from "./periods";
import type { ActualRow } from "./prognosis";
import {
  cellValue,
  incomeStatement,
  INCOME_STATEMENT_KEYS,
  type RawLine,
  type StatementColumn,
  type StatementTable,
} from "./statements";

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

export interface IncomeStatementModelInput {
  readonly year: number;
  /** Month of follow-up, 1-12: the utfall columns run from January to its end. */
  readonly month: number;
  /** This year's ledger; rows of other years or after the month are left out and counted. */
  readonly actuals: readonly ActualRow[];
  /** Last year's ledger: a column Utfall (year - 1) to the same month. */
  readonly lastYearActuals?: readonly ActualRow[];
  /** The budget by konto: a Budget column. Without it only utfall is shown. */
  readonly budgets?: readonly AccountBudget[];
  readonly grant?: GrantSetting;
  /** The kommun's Kontoplan; the Kommun-Bas default when absent. */
  readonly plan?: readonly AccountRange[];
  /** The resultaträkning's lines (the Kontoplan's); the default's five when absent. */
  readonly lines?: readonly CostLine[];
  /**
   * During the year: the forecast per ansvar (each ansvar's own part) and what the units entered per kostnadsslag:
   * a column Prognos helår, and Avvikelse helår = budget - prognos beside the budget.
   */
  readonly forecast?: IncomeStatementForecast;
}

/** The forecast per ansvar the Prognos column is split from (./costTypeForecast.ts). */
export interface IncomeStatementForecast {
  readonly units: readonly { readonly key: string; readonly label: string; readonly forecast: number }[];
  readonly entered: readonly EnteredLineForecast[];
  /** The prognosis's total forecast: the Prognos column's net must equal it. */
  readonly total: number;
}

/** The statement's net cost against the ledger's total for one column, kronor. */
export interface Reconciliation {
  readonly column: string;
  readonly ledgerTotal: number;
  readonly statementNet: number;
}

/** Rows of a ledger outside January to the month of its year: counted and left out. */
export interface OutsidePeriod {
  /** "lastYear": last year's ledger; "thisYear": this year's. */
  readonly ledger: "lastYear" | "thisYear";
  readonly year: number;
  readonly rows: number;
  readonly amount: number;
}

/** A konto outside every kostnadsslag (a row without a konto is ""), with its amount in each column that has it. */
export interface UnknownAccount {
  readonly account: string;
  readonly amounts: readonly { readonly column: StatementColumn; readonly amount: number }[];
}

export interface IncomeStatementModel {
  readonly table: StatementTable;
  readonly columns: readonly StatementColumn[];
  readonly reconciliation: readonly Reconciliation[];
  readonly outsidePeriod: readonly OutsidePeriod[];
  readonly unknownAccounts: readonly UnknownAccount[];
  /** The Budget column's net cost, when there is one (checked against the budget per ansvar). */
  readonly budgetNet?: number;
  /** The forecast per ansvar and kostnadsslag and the Prognos column's net, when the table has that column. */
  readonly forecast?: CostTypeForecastResult;
  readonly forecastNet?: number;
}

const UNKNOWN_KEY = "okant-kontoslag";

/** The rows within January to `month` of `year`; the rest counted. */
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

/** The resultaträkning from ledger rows, its reconciliation, and what it set aside. */
export function incomeStatementModel(input: IncomeStatementModelInput): IncomeStatementModel {
  const plan = input.plan ?? DEFAULT_ACCOUNT_PLAN;
  const costLines = input.lines ?? DEFAULT_COST_LINES;
  let thisYearRows: readonly ActualRow[] = [];
  const outsidePeriod: OutsidePeriod[] = [];
  const sources: { column: StatementColumn; sums: CostTypeSums; grant?: number }[] = [];
  const ledgerColumn = (
    id: string,
    year: number,
    rows: readonly ActualRow[],
    grant: number | undefined,
    ledger: OutsidePeriod["ledger"],
  ): void => {
    const kept = toDate(rows, year, input.month);
    if (kept.aside > 0) outsidePeriod.push({ ledger, year, rows: kept.aside, amount: kept.asideAmount });
    if (id === "utfall") thisYearRows = kept.rows;
    sources.push({
      column: { id, header: `Utfall ${makePeriod(year, input.month)}`, year },
      sums: sumByCostType(kept.rows, plan),
      grant,
    });
  };
  if (input.lastYearActuals)
    ledgerColumn("utfall-fg", input.year - 1, input.lastYearActuals, input.grant?.lastYearToDate, "lastYear");
  ledgerColumn("utfall", input.year, input.actuals, input.grant?.toDate, "thisYear");
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
  const hasUnknown = sources.some((s) => s.sums.unknown.size > 0);
  // The Prognos column: the forecast per ansvar split by kostnadsslag (entered, or proposed from the utfall).
  const forecast = input.forecast
    ? forecastByCostType({
        lines: [...costLines.map((l) => l.key), ...(hasUnknown ? [UNKNOWN_KEY] : [])],
        units: input.forecast.units.map((u) => ({ ...u, actualByLine: actualByLine(thisYearRows, u.key, plan) })),
        entered: input.forecast.entered,
        months: input.month,
      })
    : undefined;
  const forecastColumn: StatementColumn = { id: "prognos", header: `Prognos ${input.year}`, year: input.year };
  const columns = [...sources.map((s) => s.column), ...(forecast ? [forecastColumn] : [])];
  const values = (
    pick: (s: (typeof sources)[number]) => number | undefined,
    key?: string,
  ): Record<string, number | undefined> =>
    Object.fromEntries([
      ...sources.map((s) => [s.column.id, pick(s)]),
      ...(forecast && key !== undefined ? [["prognos", ownValue(forecast.byLine, key) ?? 0]] : []),
    ]);
  const line = (l: CostLine): RawLine => ({
    key: l.key,
    label: l.label,
    values: values((s) => ownValue(s.sums.sums, l.key), l.key),
  });

  // Unknown konton: one line among the costs, each konto named with its amount (never dropped).
  const unknownAccounts = [...new Set(sources.flatMap((s) => [...s.sums.unknown.keys()]))].map(
    (account): UnknownAccount => ({
      account,
      amounts: sources
        .filter((s) => s.sums.unknown.has(account))
        .map((s) => ({ column: s.column, amount: s.sums.unknown.get(account)! })),
    }),
  );
  const unknownLine: RawLine[] =
    unknownAccounts.length === 0
      ? []
      : [
          {
            key: UNKNOWN_KEY,
            label: UNKNOWN_COST_TYPE_LABEL,
            values: values((s) => roundOre([...s.sums.unknown.values()].reduce((a, b) => a + b, 0)), UNKNOWN_KEY),
          },
        ];
  // A forecast no line could take (an ansvar without utfall on the lines not entered): its own line, named.
  const unallocatedLine: RawLine[] =
    forecast && forecast.unallocated.length > 0
      ? [
          {
            key: UNALLOCATED_LINE,
            label: UNALLOCATED_LINE_LABEL,
            values: { prognos: ownValue(forecast.byLine, UNALLOCATED_LINE) ?? 0 },
          },
        ]
      : [];
  const grants = input.grant
    ? { ...values((s) => s.grant), ...(forecast ? { prognos: input.grant.annual } : {}) }
    : undefined;
  const hasBudget = sources.some((s) => s.column.id === "budget");
  const table = incomeStatement({
    columns,
    // Avvikelse helår = budget - prognos (seed 004): more revenue than budgeted is +, more cost is -.
    ...(forecast && hasBudget
      ? { variance: { id: "avvikelse", header: "Avvikelse helår", budget: "budget", outcome: "prognos" } }
      : {}),
    revenues: costLines.filter((l) => l.revenue).map(line),
    costs: [...costLines.filter((l) => !l.revenue).map(line), ...unknownLine, ...unallocatedLine],
    ...(grants && Object.values(grants).some((g) => g !== undefined) ? { grant: grants } : {}),
  });

  // Nothing lost: the statement's net cost equals the ledger's total, in kronor.
  const net = table.rows.find((r) => r.key === INCOME_STATEMENT_KEYS.net)!;
  const reconciliation = sources.map((s): Reconciliation => ({
    column: s.column.id,
    ledgerTotal: s.sums.total,
    statementNet: cellValue(net.cells[s.column.id]) ?? 0,
  }));
  return {
    table,
    columns,
    reconciliation,
    outsidePeriod,
    unknownAccounts,
    ...(input.budgets ? { budgetNet: cellValue(net.cells["budget"]) ?? 0 } : {}),
    ...(forecast ? { forecast, forecastNet: cellValue(net.cells["prognos"]) ?? 0 } : {}),
  };
}

/** An ansvar's utfall to date per line of the plan (the unknown konton on their line), kronor. */
function actualByLine(rows: readonly ActualRow[], unit: string, plan: readonly AccountRange[]): Record<string, number> {
  const sums = sumByCostType(
    rows.filter((r) => r.costCentre === unit),
    plan,
  );
  const out = { ...sums.sums };
  if (sums.unknown.size > 0) out[UNKNOWN_KEY] = roundOre([...sums.unknown.values()].reduce((a, b) => a + b, 0));
  return out;
}

/**
 * The Budget per konto lines of the run's budget version: those of the versions in effect when the sheet has a
 * Version column. A version the Budget sheet does not know is returned with its amount, never summed.
 */
export function budgetLinesInEffect(
  lines: readonly (AccountBudget & { readonly version?: string })[],
  version: { readonly inEffect: ReadonlySet<string>; readonly known: ReadonlySet<string> } | undefined,
): { lines: AccountBudget[]; unknownVersions: { id: string; amount: number }[] } {
  if (!version || lines.every((l) => l.version === undefined)) return { lines: [...lines], unknownVersions: [] };
  const unknown = new Map<string, number>();
  for (const l of lines)
    if (l.version !== undefined && !version.known.has(l.version))
      unknown.set(l.version, (unknown.get(l.version) ?? 0) + l.annual);
  return {
    lines: lines.filter((l) => l.version === undefined || version.inEffect.has(l.version)),
    unknownVersions: [...unknown].map(([id, amount]) => ({ id, amount })),
  };
}
