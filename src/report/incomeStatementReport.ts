/**
 * The resultaträkning as the report shows it: its model (`incomeStatementModel`, src/core/incomeStatement.ts), its
 * checks on the shown table in tkr (each cross-table total against the sheet it must equal, the printed table) and
 * its sheet.
 */
import { UNKNOWN_COST_TYPE_LABEL, type AccountRange, type CostLine } from "../core/accountClasses";
import { roundOre } from "../core/amounts";
import { UNALLOCATED_LINE, UNALLOCATED_LINE_LABEL, type CostTypeForecastResult } from "../core/costTypeForecast";
import {
  incomeStatementModel,
  type AccountBudget,
  type GrantSetting,
  type IncomeStatementForecast,
  type Reconciliation,
} from "../core/incomeStatement";
import { checkCrossTotal, checkSubtotals, type Finding } from "../core/consistency";
import { MONTH_NAMES_SV } from "../core/periods";
import type { ActualRow } from "../core/prognosis";
import { columnIds, compareWithPrinted, shownTableLines, type StatementTable } from "../core/statements";
import type { SheetLayout } from "./layout";
import { shownSumNote, type ReportMeta } from "./meta";
import {
  buildStatementSheet,
  forecastNotes,
  incomeStatementWarningTexts,
  type IncomeStatementWarning,
  inTkr,
  ledgerReconciliationText,
  partialForecastNote,
  statementCellAddresses,
  statementHeaderRow,
  type StatementSheetOptions,
} from "./statementSheets";

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
  /** The resultaträkning's lines (the Kontoplan's); the default's five when absent. */
  readonly lines?: readonly CostLine[];
  /** During the year: the forecast per ansvar and per kostnadsslag entered (a Prognos helår column). */
  readonly forecast?: IncomeStatementForecast;
  /** The same table as printed (tkr, by row key and column id): every difference is listed under the table. */
  readonly printed?: Readonly<Record<string, Readonly<Record<string, number | undefined>>>>;
}

export interface IncomeStatementReport {
  readonly table: StatementTable;
  readonly layout: SheetLayout;
  /** The consistency checks on the shown table, the reconciliation, and the differences against the printed table. */
  readonly findings: readonly Finding[];
  readonly reconciliation: readonly Reconciliation[];
  /** Swedish: each unknown konto with its amount, rows left out of the period. */
  readonly warnings: readonly IncomeStatementWarning[];
  /** The forecast per ansvar and kostnadsslag, when the table has a Prognos column. */
  readonly forecast?: CostTypeForecastResult;
}

export const INCOME_STATEMENT_SHEET = "Resultaträkning";
/** The resultaträkning, its sheet and its checks from ledger rows (pure). */
export function buildIncomeStatement(input: IncomeStatementJobInput, meta: ReportMeta): IncomeStatementReport {
  const model = incomeStatementModel(input);
  const { table, columns, reconciliation } = model;
  const warnings = incomeStatementWarningTexts(model, input.month, input.plan !== undefined);
  const findings: Finding[] = [];
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
  if (model.budgetNet !== undefined && input.budgetTotal !== undefined) {
    // Cross-table: the budget per konto and the budget per ansvar are the same nämnd's budget.
    const sheet = `budget helår på bladet Budget${input.budgetVersionLabel ? ` (${input.budgetVersionLabel})` : ""}`;
    const f = checkCrossTotal(
      { label: "Summa nettokostnader", value: inTkr(model.budgetNet), column: `Budget ${input.year}` },
      { label: sheet, value: inTkr(input.budgetTotal) },
      undefined,
      { unit: "tkr", own: true },
    );
    if (f) findings.push(f);
  }
  if (model.forecastNet !== undefined && input.forecast) {
    // Cross-table: the Prognos column is the forecast per ansvar, split; its net equals the prognosis's total.
    const f = checkCrossTotal(
      { label: "Summa nettokostnader", value: inTkr(model.forecastNet), column: `Prognos ${input.year}` },
      { label: "prognos helår på bladet Prognos per ansvar", value: inTkr(input.forecast.total) },
      undefined,
      { unit: "tkr", own: true },
    );
    if (f) findings.push(f);
  }
  // Under the table; the Kontroller gets them from the step, with their cells and money.
  const forecastLines = model.forecast ? forecastNotes(model.forecast) : [];
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
    ? buildStatementSheet(table, {
        ...options,
        findings,
        notes: [...warnings.map((w) => w.message), ...forecastLines, ledger],
      })
    : buildStatementSheet(table, {
        ...options,
        notes: [
          ...warnings.map((w) => w.message),
          ...forecastLines,
          ...findings.filter((f) => !shown.includes(f)).map((f) => f.message),
          ...shown.map(shownSumNote),
          ledger,
        ],
      });
  return { table, layout, findings, reconciliation, warnings, ...(model.forecast ? { forecast: model.forecast } : {}) };
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

/** The input sheet of the forecast per kostnadsslag, named when a check has no cell of its own. */
const COST_TYPE_FORECAST_SHEET = "Prognos per kostnadsslag";

/** A check of the forecast per kostnadsslag for the Kontroller: its sheet and cell, its words, the money at stake. */
export interface CostTypeForecastWarning {
  readonly sheet: string;
  readonly cell?: string;
  readonly message: string;
  readonly amount: number;
}

/** Each ansvar whose entered lines do not add up, each partial entry, each forecast not split on kostnadsslag. */
export function costTypeForecastWarnings(
  forecast: CostTypeForecastResult,
  lines: readonly CostLine[],
): CostTypeForecastWarning[] {
  const at = (ref: string | undefined): { sheet: string; cell?: string } => {
    const [sheet, cell] = (ref ?? "").split("!");
    return { sheet: sheet || COST_TYPE_FORECAST_SHEET, ...(cell ? { cell } : {}) };
  };
  const labelOf = (key: string): string =>
    lines.find((l) => l.key === key)?.label ??
    (key === UNALLOCATED_LINE ? UNALLOCATED_LINE_LABEL : UNKNOWN_COST_TYPE_LABEL);
  return [
    ...forecast.differences.map((d) => ({
      ...at(d.cells[0]),
      message: forecastNotes({ ...forecast, differences: [d], unallocated: [] })[0]!,
      amount: Math.abs(d.difference),
    })),
    ...forecast.partial.map((p) => ({
      ...at(p.cell),
      message: partialForecastNote(p, labelOf),
      amount: roundOre(p.proposed.reduce((a, x) => a + Math.abs(x.forecast), 0)),
    })),
    ...forecast.unallocated.map((u) => ({
      sheet: INCOME_STATEMENT_SHEET,
      message: forecastNotes({ ...forecast, differences: [], unallocated: [u] })[0]!,
      amount: Math.abs(u.amount),
    })),
  ];
}
