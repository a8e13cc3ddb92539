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
import { formatTkr, roundOre } from "../core/amounts";
import { makePeriod, MONTH_NAMES_SV, periodMonth, periodYear } from "../core/periods";
import type { ActualRow, PrognosisResult } from "../core/prognosis";
import {
  cellValue,
  columnIds,
  compareWithPrinted,
  incomeStatement,
  INCOME_STATEMENT_KEYS,
  shownTableLines,
  type RawLine,
  type StatementColumn,
  type StatementTable,
} from "../core/statements";
import { accountBudgetFromScan, accountPlanFromScan } from "../input/accountPlanInput";
import {
  lineLabel,
  organisationalFindings,
  organisationalTables,
  type EarlierYearRow,
} from "../core/organisationalStatements";
import type { InputError } from "../input/errors";
import type { SheetLayout } from "../report/layout";
import { shownSumNote, signConventionOf, type ReportMeta } from "../report/meta";
import {
  buildOrganisationalSplitSheet,
  buildStatementSheet,
  inTkr,
  ledgerReconciliationText,
  tkrText,
  organisationalWarningText,
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

export { lineLabel };

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
  const { split, annex, onlySplit, warnings } = organisationalTables(result, rows);
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
  const { splitSums, annexSums, crossTable } = organisationalFindings(
    {
      table: split,
      sheet: ORGANISATIONAL_SPLIT_SHEET,
      at: statementCellAddresses(split, statementHeaderRow(splitOptions)),
    },
    { table: annex, sheet: ANNEX_SHEET, at: statementCellAddresses(annex, statementHeaderRow(annexOptions)) },
  );
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
    warnings: warnings.map((w) => organisationalWarningText(w, signConventionOf(meta))),
  };
}
