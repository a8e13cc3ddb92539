/**
 * The budgetberedning as a job: the budget workbook's sheets read, the budget built, scenarios and sensitivity
 * computed, and the report sheets with their Kontroller, for the command line (and the task pane).
 */
import { SIGN_CONVENTION_LABEL } from "../core/signs";
import {
  buildBudget,
  compareScenarios,
  sensitivity,
  type BudgetBuildingResult,
  type ScenarioResult,
  type Sensitivity,
} from "../core/budgetBuilding";
import { CoreError } from "../core/errors";
import {
  BASIS_LABEL,
  budgetFindingWarning,
  budgetFromSheets,
  type BudgetBuildingRead,
} from "../input/budgetBuildingInput";
import { coreProblemText } from "../input/coreProblems";
import { inputError, type InputError } from "../input/errors";
import {
  BUDGET_UNIT_NOTE,
  bridgeSheet,
  driftSheet,
  nextBudgetSheets,
  ramSheet,
  scenarioSheet,
  statementSheet,
  volumePlanSheet,
} from "../report/budgetBuildingSheets";
import { buildKontrollerSheet, rankChecks, type Check } from "../report/kontroller";
import type { SheetLayout } from "../report/layout";
import { metaLines, type ReportMeta } from "../report/meta";
import type { SheetData } from "../workbook/types";
import type { Step } from "./run";

export interface BudgetJob {
  readonly read: BudgetBuildingRead;
  readonly result: BudgetBuildingResult;
  readonly scenarios: readonly ScenarioResult[];
  readonly sensitivity: readonly Sensitivity[];
  readonly layouts: readonly SheetLayout[];
  readonly checks: readonly Check[];
}

export interface BudgetJobOptions {
  /** The input file as named in the report (and linked from Kontroller). */
  readonly source: string;
  readonly inputFile?: string;
  readonly runDate?: string;
}

export function budgetJob(sheets: readonly SheetData[], options: BudgetJobOptions): Step<BudgetJob> {
  const read = budgetFromSheets(sheets);
  if (read.errors.length > 0) return { ok: false, errors: [...read.errors] };
  let result: BudgetBuildingResult;
  let scenarios: ScenarioResult[];
  let sens: Sensitivity[];
  try {
    result = buildBudget(read.input);
    scenarios = compareScenarios(read.input, read.scenarios);
    sens = sensitivity(read.input);
  } catch (e) {
    if (e instanceof CoreError)
      return {
        ok: false,
        errors: e.problems.map((p) => inputError("Budgetunderlag", undefined, undefined, coreProblemText(p))),
      };
    throw e;
  }
  const meta: ReportMeta = {
    runDate: options.runDate ?? new Date().toISOString().slice(0, 10),
    source: options.source,
    signConventionLabel: SIGN_CONVENTION_LABEL.costPositive,
  };
  const lines = metaLines(meta, BUDGET_UNIT_NOTE);
  const next = nextBudgetSheets(result, read.profiles, read.settings.decision, lines);
  const warnings: InputError[] = [
    ...read.warnings,
    ...result.findings.map((f) => budgetFindingWarning(f, read.cells)),
    ...(next.evenly.length > 0
      ? [
          inputError(
            "Periodisering",
            undefined,
            undefined,
            `${next.evenly.join(", ")} periodiseras jämnt per månad (ingen profil på bladet Periodisering för verksamheten eller kostnadsslaget).`,
          ),
        ]
      : []),
  ];
  const checks = rankChecks(warnings);
  const drivers = read.input.drivers ?? [];
  const layouts: SheetLayout[] = [
    driftSheet(result, lines),
    statementSheet(result, read.input.statement, lines),
    ...(result.ram.length > 0 ? [ramSheet(result, lines)] : []),
    bridgeSheet(result, lines),
    ...(drivers.length > 0 ? [volumePlanSheet(result, drivers, (d) => BASIS_LABEL[d.basis], lines)] : []),
    scenarioSheet(result, scenarios, sens, lines),
    next.budget,
    next.versions,
    buildKontrollerSheet(checks, meta, options.inputFile !== undefined ? { inputFile: options.inputFile } : {}),
  ];
  return {
    ok: true,
    value: { read, result, scenarios, sensitivity: sens, layouts, checks },
    warnings,
  };
}
