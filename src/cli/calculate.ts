/**
 * The calculator runs of the command line: read the workbook once (one scan of its sheets), then the prognosis,
 * the volume budget and the åtgärdsplan, each with its report sheet, and for `rapport` the nämnd's report: the
 * commentary, the variance explanations, the investment follow-up and the share of units in balance. Input
 * errors of every sheet come back at once.
 */
import { calculateActionPlan, type ActionPlanResult, type Measure } from "../core/actionPlan";
import { formatTkr } from "../core/amounts";
import { balanceShare, type BalanceShare } from "../core/balanceShare";
import { forecastCommentary, generateSentence, planCommentaryUpdate, type CommentaryUpdate } from "../core/commentary";
import { explainVariance, type ExplainedVariance } from "../core/explanations";
import { investmentFollowUp, type InvestmentFollowUp } from "../core/investments";
import { calculatePrognosis, type BudgetVersion, type PrognosisInput, type PrognosisResult, type PrognosisRow } from "../core/prognosis";
import { calculateVolumeBudget, type VolumeLine, type VolumeResult } from "../core/volume";
import { actionPlanFromScan } from "../input/actionPlanInput";
import type { StoredCommentary } from "../input/commentaryInput";
import type { InputError } from "../input/errors";
import { explanationsFromScan } from "../input/explanationsInput";
import type { SheetKind } from "../input/headers";
import { investmentsFromScan } from "../input/investmentsInput";
import { prognosisFromScan } from "../input/prognosisInput";
import { scanWorkbook, type Scan } from "../input/scan";
import { volumeFromScan } from "../input/volumeInput";
import { buildActionPlanSheet, gapSentence } from "../report/actionPlanSheet";
import { buildCommentarySheets, buildExplanationSheet, resolveCommentary } from "../report/commentarySheet";
import { buildInvestmentSheet } from "../report/investmentSheet";
import type { SheetLayout } from "../report/layout";
import type { ReportMeta } from "../report/meta";
import { buildPrognosisSheet, reconciliationText } from "../report/prognosisSheet";
import { balanceShareText } from "../report/statementSheets";
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

export function hasSheet(run: Run, kind: SheetKind): boolean {
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

/** The subject of the nämnd's own sentence ("Socialnämnden prognostiserar ..."). */
export const NAMND_NAME = "Socialnämnden";

export interface ReportOptions {
  /** The commentary of an earlier run's report file, to keep the sentences the controller edited. */
  readonly stored?: StoredCommentary;
  /** Replace edited sentences with the generated ones (`--skriv-over-kommentarer`). */
  readonly overwriteEdited?: boolean;
}

export interface Commentary {
  /** The sentences in the sheet after this run, by key. */
  readonly texts: Readonly<Record<string, string>>;
  /** Edited sentences kept as the controller wrote them (the generated text differs). */
  readonly kept: readonly CommentaryUpdate[];
  readonly balance: BalanceShare;
}

export interface NamndReport {
  readonly commentary: Commentary;
  readonly explanations?: readonly ExplainedVariance[];
  readonly investments?: InvestmentFollowUp;
  /** The commentary sheet and its hidden state sheet: written over even when edited, since the edits are merged in. */
  readonly commentaryLayouts: readonly SheetLayout[];
  readonly layouts: readonly SheetLayout[];
  readonly text: string;
}

/** A line's label in lists: "422 IFO BoF". */
const rowLabel = (r: PrognosisRow): string => (r.code && r.code !== r.name ? `${r.code} ${r.name}` : r.name);

const differs = (u: CommentaryUpdate): boolean => u.current !== undefined && u.current.trim() !== "" && u.current.trim() !== (u.proposed ?? "").trim();

/**
 * The commentary: a forecast sentence for every line of the prognosis and for the nämnd. An edited sentence is
 * kept (the command line cannot ask) unless `overwriteEdited`; the share of units in balance goes under it.
 */
function commentary(run: Run, result: PrognosisResult, options: ReportOptions): { commentary: Commentary; layouts: SheetLayout[]; text: string } {
  const previous = result.rows.some((r) => r.previousForecast !== undefined) ? "i föregående prognos" : undefined;
  const lines = forecastCommentary(result, NAMND_NAME, previous);
  const proposed = Object.fromEntries(lines.map((l) => [l.key, generateSentence(l)]));
  const stored = options.stored ?? { current: {}, generated: {} };
  const plan = planCommentaryUpdate(stored.generated, stored.current, proposed);
  const kept = options.overwriteEdited ? [] : plan.filter((u) => u.action !== "replace" && differs(u));
  const forced = options.overwriteEdited ? plan.map((u): CommentaryUpdate => (u.action === "keep" && differs(u) ? { ...u, action: "replace" } : u)) : plan;
  const { texts, generated } = resolveCommentary(forced, new Set(options.overwriteEdited ? plan.map((u) => u.key) : []));
  const [visible, state] = buildCommentarySheets(lines, texts, generated, run.meta);
  const balance = balanceShare(result.rows.filter((r) => r.isLeaf).map((r) => ({ key: r.key, label: rowLabel(r), variance: r.varianceFullYear })));
  const table = visible.tables[0]!;
  const withBalance: SheetLayout = { ...visible, notes: [...visible.notes, { row: table.headerRow + table.rows.length + 2, text: balanceShareText(balance) }] };
  // "42 Individ och familjeomsorg": the verksamhet 42 and its ansvar 420 share the name.
  const names = new Map(lines.map((l) => [l.key, l.role === "total" || l.key === l.name ? l.name : `${l.key} ${l.name}`]));
  const shown = lines.filter((l) => l.role !== "line").map((l) => `  ${texts[l.key] ?? ""}`);
  const text = [
    `Kommentarer ${result.year} (per verksamhet och för nämnden)`,
    ...shown,
    ...(kept.length > 0 ? [`Ändrade kommentarer behålls (${kept.length}; skriv över med --skriv-over-kommentarer): ${kept.map((u) => names.get(u.key) ?? u.key).join(", ")}.`] : []),
    "",
    balanceShareText(balance),
  ].join("\n");
  return { commentary: { texts, kept, balance }, layouts: [withBalance, state], text };
}

/** The lines a "Förklaringar" row may name: each ansvar and verksamhet by code or by name. */
function lineResolver(result: PrognosisResult): (ansvar: string) => string | undefined {
  const keys = new Map<string, string>();
  for (const r of result.rows) {
    keys.set(r.key.toLowerCase(), r.key);
    if (r.code) keys.set(r.code.toLowerCase(), r.key);
    if (!keys.has(r.name.toLowerCase())) keys.set(r.name.toLowerCase(), r.key);
  }
  return (ansvar) => keys.get(ansvar.trim().toLowerCase());
}

function explanationsText(explained: readonly ExplainedVariance[]): string {
  return [
    "Förklaringar till avvikelser mot helårsprognosen (tkr)",
    ...explained.map((e) => `  ${e.label}: avvikelse ${formatTkr(e.variance)}, förklarat ${formatTkr(e.explained)}, ej förklarat ${formatTkr(e.unexplained)}${e.flagged ? " (flaggad: för stor del är inte förklarad)" : ""}`),
  ].join("\n");
}

function investmentsText(i: InvestmentFollowUp, year: number): string {
  const t = i.total;
  return [
    `Investeringar ${year} (tkr)`,
    ...i.groups.map((g) => `  ${g.label}: budget ${formatTkr(g.subtotal.totalBudget)}, utfall ${formatTkr(g.subtotal.actual ?? 0)}, avvikelse ${formatTkr(g.subtotal.variance)}`),
    `  Totalt: budget ${formatTkr(t.totalBudget)}, utfall ${formatTkr(t.actual ?? 0)}, avvikelse ${formatTkr(t.variance)}`,
    ...(i.carryOvers.length > 0 ? [`  Ombudgetering begärs: ${i.carryOvers.map((c) => `${c.name} ${formatTkr(c.amount)}`).join(", ")}; totalt ${formatTkr(i.carryOverTotal)}`] : []),
    ...i.notes.map((n) => `  ${n}`),
  ].join("\n");
}

/** The nämnd's report beside the prognosis: commentary always, explanations and investments when the workbook has their sheets. */
export function namndReport(run: Run, result: PrognosisResult, options: ReportOptions = {}): Step<NamndReport> {
  const settings = run.source.settings;
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  let explanations: ExplainedVariance[] | undefined;
  if (hasSheet(run, "explanations")) {
    const read = explanationsFromScan(run.scan, settings, lineResolver(result));
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    if (read.value) {
      const given = new Map(read.value.map((e) => [e.key, e.components]));
      explanations = result.rows
        .filter((r) => given.has(r.key))
        .map((r) => explainVariance({ key: r.key, label: rowLabel(r), variance: r.varianceFullYear, components: given.get(r.key)! }));
    }
  }
  let investments: InvestmentFollowUp | undefined;
  if (hasSheet(run, "investments")) {
    const read = investmentsFromScan(run.scan, settings);
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    if (read.value) investments = investmentFollowUp(read.value);
  }
  if (errors.length > 0) return { ok: false, errors };
  const c = commentary(run, result, options);
  const layouts = [
    ...(explanations ? [buildExplanationSheet(explanations, run.meta)] : []),
    ...(investments ? [buildInvestmentSheet(investments, run.meta, settings.year)] : []),
  ];
  const text = [c.text, ...(explanations ? [explanationsText(explanations)] : []), ...(investments ? [investmentsText(investments, settings.year)] : [])].join("\n\n");
  return { ok: true, value: { commentary: c.commentary, explanations, investments, commentaryLayouts: c.layouts, layouts, text }, warnings };
}

export interface FullReport {
  readonly prognosis: Calculated<PrognosisResult>;
  readonly volume?: Calculated<VolumeResult>;
  readonly actionPlan?: Calculated<ActionPlanResult>;
  readonly namnd: NamndReport;
  readonly layouts: SheetLayout[];
  readonly text: string;
}

/** `rapport`: every calculator whose sheets the workbook has, and the summary for the nämnd first. */
export function fullReport(run: Run, options: ReportOptions = {}): Step<FullReport> {
  const p = prognosis(run);
  const v = hasSheet(run, "volumes") ? volume(run) : undefined;
  const a = hasSheet(run, "measures") ? actionPlan(run) : undefined;
  const n = p.ok ? namndReport(run, p.value.result, options) : undefined;
  const errors = [p, v, a, n].flatMap((s) => (s && !s.ok ? s.errors : []));
  if (errors.length > 0 || !p.ok || !n?.ok || (v && !v.ok) || (a && !a.ok)) return { ok: false, errors: dedupe(errors) };
  const summary = buildSummarySheet(p.value.result, run.meta, a?.value.result);
  return {
    ok: true,
    value: {
      prognosis: p.value,
      volume: v?.value,
      actionPlan: a?.value,
      namnd: n.value,
      layouts: [summary, p.value.layout, ...n.value.commentaryLayouts, ...n.value.layouts, ...(v ? [v.value.layout] : []), ...(a ? [a.value.layout] : [])],
      text: [p.value.text, n.value.text, ...(v ? [v.value.text] : []), ...(a ? [a.value.text] : [])].join("\n\n"),
    },
    warnings: dedupe([p, v, a, n].flatMap((s) => (s?.ok ? s.warnings : []))),
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
