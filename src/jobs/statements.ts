/**
 * Wiring of the statements: the resultaträkning by kostnadsslag (its model, `incomeStatementModel` in
 * src/core/incomeStatement.ts) and the organisational split and annex (`organisationalTables` in
 * src/core/organisationalStatements.ts) are read, calculated there, checked against their shown tables and each
 * other (src/core/consistency.ts), worded and laid out by src/report (incomeStatementReport.ts, statementSheets.ts).
 */
import { costTypeForecastFromScan } from "../input/costTypeForecastInput";
import type { LineResolver } from "../input/keys";
import {
  budgetLinesInEffect,
  type AccountBudget,
  type GrantSetting,
  type IncomeStatementForecast,
  type Reconciliation,
} from "../core/incomeStatement";
import type { Finding } from "../core/consistency";
import type { PrognosisResult } from "../core/prognosis";
import type { StatementTable } from "../core/statements";
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
  unknownBudgetVersionWarning,
  organisationalWarningText,
  statementCellAddresses,
  statementHeaderRow,
  type StatementSheetOptions,
} from "../report/statementSheets";
import {
  buildIncomeStatement,
  costTypeForecastWarnings,
  type IncomeStatementJobInput,
  type IncomeStatementReport,
} from "../report/incomeStatementReport";
import type { JobRun, Step } from "./run";

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
  /**
   * During the year: each ansvar's own forecast, the prognosis's total, and how the sheet Prognos per kostnadsslag
   * names an ansvar. Without it the table has no Prognos column.
   */
  readonly forecast?: Omit<IncomeStatementForecast, "entered"> & { readonly resolve: LineResolver };
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
  const entered = options.forecast
    ? costTypeForecastFromScan(run.scan, run.settings, options.forecast.resolve, plan.value.lines)
    : undefined;
  if (entered) {
    read.warnings.push(...entered.warnings);
    read.recognised.push(...entered.recognised);
    read.rows.read += entered.rows.read;
    read.rows.used += entered.rows.used;
    read.rows.rejected += entered.rows.rejected;
    if (entered.errors.length > 0) return { ok: false, errors: entered.errors, read };
  }
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
      ...(plan.value.source === "sheet" ? { plan: plan.value.ranges, lines: plan.value.lines } : {}),
      ...(options.forecast
        ? {
            forecast: {
              units: options.forecast.units,
              total: options.forecast.total,
              entered: entered?.value ?? [],
            },
          }
        : {}),
    },
    run.meta,
  );
  // Each ansvar whose lines do not add up, a partial entry, and one not split, in the Kontroller too.
  if (report.forecast) read.warnings.push(...costTypeForecastWarnings(report.forecast, plan.value.lines));
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
  const inEffect = budgetLinesInEffect(lines, version);
  return {
    lines: inEffect.lines,
    warnings: inEffect.unknownVersions.map((u) => unknownBudgetVersionWarning(u, [...(version?.known ?? [])])),
  };
}

// The organisational split and the per-ansvar annex (seed 000's "Organisatorisk fördelning" and
// "Bilaga 1"): the bokslut of earlier years beside this year, from the prognosis and the sheet Bokslut tidigare år.

export const ORGANISATIONAL_SPLIT_SHEET = "Organisatorisk fördelning";
export const ANNEX_SHEET = "Bilaga per ansvar";

export { lineLabel };
export type { AccountBudget, GrantSetting, Reconciliation };

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
