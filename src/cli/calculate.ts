/**
 * The calculator runs of the command line: read the workbook once (one scan of its sheets), then the prognosis,
 * the volume budget and the åtgärdsplan, each with its report sheet. Input errors of every sheet come back at once.
 */
import { calculateActionPlan, type ActionPlanResult, type Measure } from "../core/actionPlan";
import { calculatePrognosis, type BudgetVersion, type PrognosisInput, type PrognosisResult } from "../core/prognosis";
import { calculateVolumeBudget, type VolumeLine, type VolumeResult } from "../core/volume";
import { actionPlanFromScan } from "../input/actionPlanInput";
import type { InputError } from "../input/errors";
import { prognosisFromScan } from "../input/prognosisInput";
import { scanWorkbook, type Scan } from "../input/scan";
import { volumeFromScan } from "../input/volumeInput";
import { buildActionPlanSheet, gapSentence } from "../report/actionPlanSheet";
import type { SheetLayout } from "../report/layout";
import type { ReportMeta } from "../report/meta";
import { buildPrognosisSheet, reconciliationText } from "../report/prognosisSheet";
import { buildSummarySheet, resultSentence } from "../report/summarySheet";
import { buildVolumeSheet } from "../report/volumeSheet";
import { reportMeta } from "./output";
import { streamedLine, type RunSource } from "./source";
import { actionPlanTable, prognosisTable, volumeTable } from "./table";

const VERSION_KIND: Record<BudgetVersion["kind"], string> = { original: "ursprunglig budget", ombudgetering: "ombudgetering", tillaggsbudget: "tilläggsbudget" };

export function budgetVersionLabel(v: BudgetVersion): string {
  return v.id === "original" ? VERSION_KIND.original : `${v.id} (${VERSION_KIND[v.kind]}${v.date ? ` ${v.date}` : ""})`;
}

export type Step<T> = { readonly ok: true; readonly value: T; readonly warnings: InputError[] } | { readonly ok: false; readonly errors: InputError[] };

export interface Calculated<R> {
  readonly result: R;
  readonly layout: SheetLayout;
  /** The table and the sentences printed in the terminal. */
  readonly text: string;
}

export interface Run {
  readonly source: RunSource;
  readonly scan: Scan;
  readonly meta: ReportMeta;
}

export async function startRun(source: RunSource): Promise<Step<Run>> {
  if (source.errors.length > 0) return { ok: false, errors: source.errors };
  const scan = await scanWorkbook(source.reader, source.settings.columnMapping);
  return { ok: true, value: { source, scan, meta: reportMeta(source.source, source.settings) }, warnings: [] };
}

export function hasSheet(run: Run, kind: "volumes" | "measures"): boolean {
  return run.scan.sheets.some((s) => s.header.spec.kind === kind) || run.scan.errors.some((e) => e.kind === kind);
}

/** The prognosis per ansvar; `adjust` changes the input first (e.g. the forecasts of returned templates). */
export function prognosis(run: Run, adjust: (input: PrognosisInput) => PrognosisInput = (i) => i): Step<Calculated<PrognosisResult>> {
  const read = prognosisFromScan(run.scan, run.source.settings);
  if (read.errors.length > 0 || !read.value) return { ok: false, errors: read.errors };
  const result = calculatePrognosis(adjust(read.value));
  const layout = buildPrognosisSheet(result, { ...run.meta, budgetVersion: budgetVersionLabel(result.budgetVersion) });
  const text = [
    `Prognos per ansvar ${result.year}, utfall t.o.m. månad ${result.month} (tkr)`,
    "",
    prognosisTable(result),
    "",
    resultSentence(result),
    reconciliationText(result),
    ...run.source.streamed.map(streamedLine),
  ].join("\n");
  return { ok: true, value: { result, layout, text }, warnings: read.warnings };
}

export function volume(run: Run): Step<Calculated<VolumeResult> & { readonly lines: readonly VolumeLine[] }> {
  const read = volumeFromScan(run.scan, run.source.settings);
  if (read.errors.length > 0 || !read.value) return { ok: false, errors: read.errors };
  const result = calculateVolumeBudget(read.value);
  const text = [`Volymbaserad budget ${result.year}, t.o.m. månad ${result.month} (tkr)`, "", volumeTable(result)].join("\n");
  return { ok: true, value: { result, lines: read.value.lines, layout: buildVolumeSheet(result, run.meta), text }, warnings: read.warnings };
}

export function actionPlan(run: Run): Step<Calculated<ActionPlanResult> & { readonly measures: readonly Measure[] }> {
  const read = actionPlanFromScan(run.scan, run.source.settings);
  if (read.errors.length > 0 || !read.value) return { ok: false, errors: read.errors };
  const result = calculateActionPlan(read.value);
  const text = [`Åtgärdsplan ${result.year} (tkr)`, "", actionPlanTable(result), "", gapSentence(result)].join("\n");
  return { ok: true, value: { result, measures: read.value.measures, layout: buildActionPlanSheet(result, read.value.measures, run.meta), text }, warnings: read.warnings };
}

export interface FullReport {
  readonly prognosis: Calculated<PrognosisResult>;
  readonly volume?: Calculated<VolumeResult>;
  readonly actionPlan?: Calculated<ActionPlanResult>;
  readonly layouts: SheetLayout[];
  readonly text: string;
}

/** `rapport`: every calculator whose sheets the workbook has, and the summary for the nämnd first. */
export function fullReport(run: Run): Step<FullReport> {
  const p = prognosis(run);
  const v = hasSheet(run, "volumes") ? volume(run) : undefined;
  const a = hasSheet(run, "measures") ? actionPlan(run) : undefined;
  const errors = [p, v, a].flatMap((s) => (s && !s.ok ? s.errors : []));
  if (errors.length > 0 || !p.ok || (v && !v.ok) || (a && !a.ok)) return { ok: false, errors: dedupe(errors) };
  const summary = buildSummarySheet(p.value.result, run.meta, a?.value.result);
  return {
    ok: true,
    value: {
      prognosis: p.value,
      volume: v?.value,
      actionPlan: a?.value,
      layouts: [summary, p.value.layout, ...(v ? [v.value.layout] : []), ...(a ? [a.value.layout] : [])],
      text: [p.value.text, ...(v ? [v.value.text] : []), ...(a ? [a.value.text] : [])].join("\n\n"),
    },
    warnings: dedupe([p, v, a].flatMap((s) => (s?.ok ? s.warnings : []))),
  };
}

/** The same message from two calculators reading the same sheet is shown once. */
function dedupe(list: InputError[]): InputError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.sheet}|${e.cell ?? ""}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
