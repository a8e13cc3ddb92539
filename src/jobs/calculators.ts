/**
 * The three calculators of a job, each from its sheets to its result and report sheet: the prognosis per
 * ansvar, the volume budget and the åtgärdsplan. The input read is handed back too (the templates need the
 * volume lines and the measures, the task pane the number of forecasts entered).
 */
import { calculateActionPlan, type ActionPlanInput, type ActionPlanResult } from "../core/actionPlan";
import { periodMonth, periodYear } from "../core/periods";
import { calculatePrognosis, type PrognosisInput, type PrognosisResult } from "../core/prognosis";
import { calculateVolumeBudget, type VolumeInput, type VolumeResult } from "../core/volume";
import { actionPlanFromScan } from "../input/actionPlanInput";
import { prognosisFromScan } from "../input/prognosisInput";
import type { ReadOutcome } from "../input/settings";
import { volumeFromScan } from "../input/volumeInput";
import { buildActionPlanSheet } from "../report/actionPlanSheet";
import type { SheetLayout } from "../report/layout";
import type { ReadCounts, ReportMeta } from "../report/meta";
import { buildPrognosisSheet } from "../report/prognosisSheet";
import { buildVolumeSheet } from "../report/volumeSheet";
import { withPreviousFromHistory } from "../core/forecastHistory";
import { budgetVersionLabel, type JobRun, type Step } from "./run";

export interface Calculated<I, R> {
  readonly input: I;
  readonly result: R;
  readonly layout: SheetLayout;
  /** The lines under the titles of this result's sheets (with the budget version for the prognosis). */
  readonly meta: ReportMeta;
}

/** Read, calculate and lay out: a failed read gives its errors, with what it recognised. */
function calculated<I, R>(
  read: ReadOutcome<I>,
  meta: (result: R) => ReportMeta,
  calculate: (input: I) => R,
  build: (result: R, input: I, meta: ReportMeta, rows: ReadCounts) => SheetLayout,
): Step<Calculated<I, R>> {
  const { value: input, ...report } = read;
  if (read.errors.length > 0 || input === undefined) return { ok: false, errors: read.errors, read: report };
  const result = calculate(input);
  const m = meta(result);
  return {
    ok: true,
    value: { input, result, layout: build(result, input, m, read.rows), meta: m },
    warnings: read.warnings,
    read: report,
  };
}

/**
 * Each ansvar's utfall in the input rows, kronor, within January to the month of follow-up: summed here, apart from
 * the calculator, so the report can show that every ansvar's utfall arrived on its own row.
 */
function actualsByCostCentre(input: PrognosisInput): Map<string, number> {
  const sums = new Map<string, number>();
  for (const a of input.actuals) {
    if (periodYear(a.period) !== input.year || periodMonth(a.period) > input.month) continue;
    sums.set(a.costCentre, (sums.get(a.costCentre) ?? 0) + a.amount);
  }
  return sums;
}

/**
 * The prognosis per ansvar; `adjust` changes the input first (e.g. the forecasts of returned templates). Without
 * a "Prognos föregående" sheet the previous forecasts come from the run's forecast history.
 */
export function prognosisJob(
  run: JobRun,
  adjust: (input: PrognosisInput) => PrognosisInput = (i) => i,
): Step<Calculated<PrognosisInput, PrognosisResult>> {
  const read = prognosisFromScan(run.scan, run.settings);
  return calculated(
    read,
    (result: PrognosisResult) => ({ ...run.meta, budgetVersion: budgetVersionLabel(result.budgetVersion) }),
    (input) => calculatePrognosis(withPreviousFromHistory(adjust(input), run.history ?? [])),
    (result, input, meta) => buildPrognosisSheet(result, meta, actualsByCostCentre(input)),
  );
}

/** The volume budget; `adjust` changes the input first (e.g. the volumes of a returned template). */
export function volumeJob(
  run: JobRun,
  adjust: (input: VolumeInput) => VolumeInput = (i) => i,
): Step<Calculated<VolumeInput, VolumeResult>> {
  return calculated(
    adjusted(volumeFromScan(run.scan, run.settings), adjust),
    () => run.meta,
    calculateVolumeBudget,
    (result, input, meta, rows) => buildVolumeSheet(result, meta, input, rows),
  );
}

/** The åtgärdsplan; `adjust` changes the input first (e.g. the measures of a returned template). */
export function actionPlanJob(
  run: JobRun,
  adjust: (input: ActionPlanInput) => ActionPlanInput = (i) => i,
): Step<Calculated<ActionPlanInput, ActionPlanResult>> {
  return calculated(
    adjusted(actionPlanFromScan(run.scan, run.settings), adjust),
    () => run.meta,
    calculateActionPlan,
    (result, input, meta, rows) => buildActionPlanSheet(result, input.measures, meta, rows),
  );
}

/** A read input changed by `adjust` (the layout shows it, so the change goes before the calculator). */
function adjusted<I>(read: ReadOutcome<I>, adjust: (input: I) => I): ReadOutcome<I> {
  return read.value === undefined ? read : { ...read, value: adjust(read.value) };
}
