/**
 * Returned templates into the job: consolidate them (`consolidateTemplates`), then run the prognosis, the volume
 * budget and the åtgärdsplan on the workbook's input with the returned forecasts, volumes and measures merged in,
 * each report with the templates' reconciliation under it. Shared by the command line (`samla`: a folder of
 * returned files) and the task pane (Läs tillbaka: the template sheets in the workbook); each edge finds its
 * returned templates, picks its calculators (the command line's add terminal text) and adds its own text.
 */
import type { ActionPlanInput, ActionPlanResult, Measure } from "../core/actionPlan";
import { formatNumber, formatTkr } from "../core/amounts";
import type { ForecastEntry, PrognosisInput, PrognosisResult } from "../core/prognosis";
import type { VolumeInput, VolumeResult } from "../core/volume";
import { actionPlanFromScan } from "../input/actionPlanInput";
import type { InputError } from "../input/errors";
import type { SheetKind } from "../input/headers";
import { scanWorkbook, type Scan } from "../input/scan";
import type { ReadSettings } from "../input/settings";
import { volumeFromScan } from "../input/volumeInput";
import {
  consolidateTemplates,
  mergeMeasures,
  mergeVolumeLines,
  type Consolidation,
  type ExpectedTemplates,
  type Merged,
  type ReturnedTemplate,
  type TemplateSheet,
} from "../input/templates";
import type { SheetLayout } from "../report/layout";
import { shownTkr } from "../report/prognosisSheet";
import { actionPlanJob, prognosisJob, volumeJob, type Calculated } from "./calculators";
import { hasSheet, type JobRun, type Step } from "./run";

type Adjust<I> = (input: I) => I;

/** The calculators a consolidation runs: the jobs' own, or the command line's (which add the terminal text). */
export interface TemplateCalculators<R extends JobRun, P, V, A> {
  readonly prognosis: (run: R, adjust?: Adjust<PrognosisInput>) => Step<P>;
  readonly volume: (run: R, adjust?: Adjust<VolumeInput>) => Step<V>;
  readonly actionPlan: (run: R, adjust?: Adjust<ActionPlanInput>) => Step<A>;
}

export const JOB_CALCULATORS: TemplateCalculators<
  JobRun,
  Calculated<PrognosisInput, PrognosisResult>,
  Calculated<VolumeInput, VolumeResult>,
  Calculated<ActionPlanInput, ActionPlanResult>
> = {
  prognosis: prognosisJob,
  volume: volumeJob,
  actionPlan: actionPlanJob,
};

export interface Consolidated<P, V, A> {
  readonly consolidation: Consolidation;
  /** The prognosis with the returned forecasts in place of the workbook's for their ansvar. */
  readonly prognosis: P;
  /** The volume budget with the returned volumes; absent when neither the workbook nor a template has volumes. */
  readonly volume?: V;
  /** The åtgärdsplan with the returned measures; absent when neither the workbook nor a template has measures. */
  readonly actionPlan?: A;
  /** The lines written under the volume budget's table: the volume template's reconciliation, the units' comments. */
  readonly volumeNotes: readonly string[];
  /** The line written under the åtgärdsplan: the åtgärd template's reconciliation. */
  readonly actionPlanNotes: readonly string[];
}

type Layouted = { readonly layout: SheetLayout };

/** The layout with lines under its notes (after an empty row): how the returned templates went into it. */
function withNotes<T extends Layouted>(calculated: T, texts: readonly string[]): T {
  const { layout } = calculated;
  const next = Math.max(0, ...layout.notes.map((n) => n.row)) + 2;
  return {
    ...calculated,
    layout: { ...layout, notes: [...layout.notes, ...texts.map((text, i) => ({ row: next + i, text }))] },
  };
}

const volumeNumber = (x: number): string => formatNumber(x, Number.isInteger(x) ? 0 : 2);

/** Sum of `value` over `items`, an absent value counting 0. */
const sumOf = <T>(items: readonly T[], value: (item: T) => number | undefined): number =>
  items.reduce((a, x) => a + (value(x) ?? 0), 0);

/**
 * The run whose workbook has no sheet of `kind` but the returned templates do (the task pane's blank åtgärd
 * template, filled in with new measures): the first returned sheet of that kind stands in as the workbook's own, so
 * that the calculator has its sheet; the caller then puts the consolidated items in place of what it read.
 */
async function withReturnedSheet<R extends JobRun>(
  run: R,
  kind: SheetKind,
  files: readonly ReturnedTemplate[],
): Promise<R> {
  if (hasSheet(run, kind)) return run;
  const scans = await Promise.all(
    files.map((f) => scanWorkbook(f.reader, run.settings.columnMapping, { skipOwnOutput: false })),
  );
  const scan: Scan = {
    ...run.scan,
    sheets: [
      ...run.scan.sheets,
      ...scans.flatMap((s) => s.sheets.filter((x) => x.header.spec.kind === kind)).slice(0, 1),
    ],
  };
  return { ...run, scan };
}

/** The workbook's items with the returned ones merged in; without the workbook's own sheet, the returned ones alone (all new). */
function mergedOrReturned<T>(
  run: JobRun,
  kind: SheetKind,
  own: readonly T[],
  returned: readonly T[],
  merge: (own: readonly T[], returned: readonly T[]) => Merged<T>,
): Merged<T> {
  return merge(hasSheet(run, kind) ? own : [], returned);
}

/**
 * A warning for each returned item the workbook did not have, when it has the sheet: the item is taken, but the
 * controller should know. A workbook without the sheet sent a blank template: every item in it is new.
 */
function addedWarnings(
  run: JobRun,
  kind: SheetKind,
  sheet: string,
  added: readonly string[],
  what: (key: string) => string,
): InputError[] {
  if (!hasSheet(run, kind)) return [];
  return added.map((key) => ({
    sheet,
    message: `${what(key)} finns inte i arbetsboken men tas med från den inlämnade mallen.`,
  }));
}

/**
 * The workbook's volume lines and measures, as the volume and åtgärd templates were pre-filled from them. `settings`
 * carry the prognosis variance already calculated, so that reading the measures calculates no prognosis of its own.
 */
function sentFrom(run: JobRun, settings: ReadSettings): ExpectedTemplates["sentFrom"] {
  const volumes = hasSheet(run, "volumes") ? volumeFromScan(run.scan, settings).value?.lines : undefined;
  const measures = hasSheet(run, "measures") ? actionPlanFromScan(run.scan, settings).value?.measures : undefined;
  return { ...(volumes ? { volumes } : {}), ...(measures ? { measures } : {}) };
}

const none = <T>(): Step<T | undefined> => ({ ok: true, value: undefined, warnings: [] });

/**
 * The volume budget on the consolidated volume lines (the returned actual volume and cost replace the workbook's),
 * with the reconciliation of the volume template and the units' comments under its table.
 */
async function consolidatedVolume<R extends JobRun, V extends Calculated<VolumeInput, VolumeResult>>(
  run: R,
  c: Consolidation,
  files: readonly ReturnedTemplate[],
  calculate: TemplateCalculators<R, unknown, V, unknown>["volume"],
): Promise<Step<{ calculated: V; notes: string[] } | undefined>> {
  if (!hasSheet(run, "volumes") && c.volumes.length === 0) return none();
  let added: string[] = [];
  const v = calculate(await withReturnedSheet(run, "volumes", files), (input) => {
    const merged = mergedOrReturned(run, "volumes", input.lines, c.volumes, mergeVolumeLines);
    added = merged.added;
    return { ...input, lines: merged.items };
  });
  if (!v.ok) return v;
  const read = c.asRead.volumes;
  if (read.length === 0) return { ...v, value: { calculated: v.value, notes: [] } };
  // Nothing lost, checked on independent figures: the template cells as read against the calculator's result lines.
  const keys = new Set(read.map((l) => l.key));
  const inReport = v.value.result.lines.filter((l) => keys.has(l.key));
  const reconciliation =
    `Volymmallen: inlämnade volymmått ${read.length} (ändrade: ${c.volumes.length}, oförändrade: ${read.length - c.volumes.length}); i mallarna utfall volym ${volumeNumber(sumOf(read, (l) => l.actualVolume))} och kostnad t.o.m. perioden ${formatTkr(sumOf(read, (l) => l.actualCost))} tkr (hela tkr), ` +
    `i Volymbudget för samma volymmått utfall volym ${volumeNumber(sumOf(inReport, (l) => l.actualVolume))} och kostnad ${formatTkr(sumOf(inReport, (l) => l.actualCost))} tkr.`;
  const comments =
    c.volumeComments.length === 0
      ? []
      : ["Kommentarer i volymmallen:", ...c.volumeComments.map((k) => `${k.key}: ${k.comment}`)];
  const notes = [reconciliation, ...comments];
  return {
    ...v,
    value: { calculated: withNotes(v.value, notes), notes },
    warnings: [...v.warnings, ...addedWarnings(run, "volumes", "Volymer", added, (k) => `Volymmåttet ${k}`)],
  };
}

/**
 * The åtgärdsplan on the consolidated measures (a returned measure replaces the workbook's of the same Nr, new ones
 * are added), measured against the consolidated prognosis: the remaining gap to budget i balans is the forecast
 * deficit with the units' returned forecasts, less the effect of the measures not yet in them (domain.md). The
 * consolidated prognosis' variance goes in through the settings, in place of a Prognosavvikelse left empty.
 */
async function consolidatedActionPlan<R extends JobRun, A extends Calculated<ActionPlanInput, ActionPlanResult>>(
  run: R,
  c: Consolidation,
  files: readonly ReturnedTemplate[],
  prognosis: PrognosisResult,
  calculate: TemplateCalculators<R, unknown, unknown, A>["actionPlan"],
): Promise<Step<{ calculated: A; notes: string[] } | undefined>> {
  if (!hasSheet(run, "measures") && c.measures.length === 0) return none();
  let added: string[] = [];
  const measured: R = {
    ...run,
    settings: { ...run.settings, forecastVariance: run.settings.forecastVariance ?? prognosis.total.varianceFullYear },
  };
  const a = calculate(await withReturnedSheet(measured, "measures", files), (input) => {
    const merged = mergedOrReturned(run, "measures", input.measures, c.measures, mergeMeasures);
    added = merged.added;
    return { ...input, measures: merged.items };
  });
  if (!a.ok) return a;
  const read = c.asRead.measures;
  if (read.length === 0) return { ...a, value: { calculated: a.value, notes: [] } };
  // Nothing lost, checked on independent figures: the template cells as read against the measures the plan was
  // calculated on (its result keeps no measure by itself).
  const ids = new Set(read.map((m) => m.id));
  const inReport = a.value.input.measures.filter((m) => ids.has(m.id));
  const effects = (list: readonly Measure[]): string =>
    `planerad effekt ${formatTkr(sumOf(list, (m) => m.plannedEffect))} tkr och prognos effekt ${formatTkr(sumOf(list, (m) => m.forecastEffect))} tkr`;
  const changed = c.measures.length - added.length;
  const reconciliation =
    `Åtgärdsmallen: inlämnade åtgärder ${read.length} (ändrade: ${changed}, nya: ${added.length}, oförändrade: ${read.length - c.measures.length}); i mallarna ${effects(read)} (hela tkr), ` +
    `i Åtgärdsplan för samma åtgärder ${effects(inReport)}.`;
  const notes = [reconciliation];
  return {
    ...a,
    value: { calculated: withNotes(a.value, notes), notes },
    warnings: [...a.warnings, ...addedWarnings(run, "measures", "Åtgärder", added, (k) => `Åtgärd nr ${k}`)],
  };
}

/**
 * Consolidate the returned templates into the job: a returned forecast replaces the workbook's own for its ansvar,
 * returned volumes and measures go into the volume budget and the åtgärdsplan. The templates expected back are a
 * forecast for every ansvar of the workbook (a leaf of its hierarchy) and the volume and åtgärd templates `sent`
 * (by kind, with the file or sheet they went out as). Any error of any template: nothing but the errors.
 */
export async function consolidateReturned<
  R extends JobRun,
  P extends Calculated<PrognosisInput, PrognosisResult>,
  V extends Calculated<VolumeInput, VolumeResult>,
  A extends Calculated<ActionPlanInput, ActionPlanResult>,
>(
  run: R,
  files: readonly ReturnedTemplate[],
  sent: Partial<Readonly<Record<TemplateSheet, string>>>,
  calculators: TemplateCalculators<R, P, V, A>,
): Promise<Step<Consolidated<P, V, A>>> {
  const base = calculators.prognosis(run);
  if (!base.ok) return base;
  const leaves = base.value.result.rows.filter((r) => r.isLeaf && !r.flags.includes("unknownCostCentre"));
  // The measures were sent against the workbook's own prognosis, when Inställningar gives no Prognosavvikelse.
  const settings: ReadSettings = {
    ...run.settings,
    forecastVariance: run.settings.forecastVariance ?? base.value.result.total.varianceFullYear,
  };
  const expected = {
    costCentres: leaves.map((r) => r.key),
    names: Object.fromEntries(leaves.map((r) => [r.key, r.name])),
    sheets: sent,
    sentFrom: sentFrom(run, settings),
    lines: base.value.result.rows,
  };
  const c = await consolidateTemplates(files, expected, run.settings);
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  const returned = new Map(c.forecasts.map((f) => [f.costCentre, f]));
  const merge = (own: readonly ForecastEntry[] | undefined): ForecastEntry[] => [
    ...(own ?? []).filter((f) => !returned.has(f.costCentre)),
    ...returned.values(),
  ];
  const p = calculators.prognosis(run, (input) => ({ ...input, forecasts: merge(input.forecasts) }));
  if (!p.ok) return p;
  const v = await consolidatedVolume(run, c, files, calculators.volume);
  const a = await consolidatedActionPlan(run, c, files, p.value.result, calculators.actionPlan);
  if (!v.ok || !a.ok) return { ok: false, errors: [...(v.ok ? [] : v.errors), ...(a.ok ? [] : a.errors)] };
  return {
    ok: true,
    value: {
      consolidation: c,
      prognosis: p.value,
      volume: v.value?.calculated,
      actionPlan: a.value?.calculated,
      volumeNotes: v.value?.notes ?? [],
      actionPlanNotes: a.value?.notes ?? [],
    },
    warnings: [...p.warnings, ...v.warnings, ...a.warnings, ...c.warnings],
    read: p.read,
  };
}

/**
 * "Inlämnade mallar: 20 filer, 45 rader lästa = 31 sammanställda + 0 avvisade + 14 ej ifyllda; prognoser i mallarna
 * 44 286 tkr på 2 rader = 44 286 tkr för 2 ansvar + 0 tkr avvisade (0 rader) + 0 tkr i likadana kopior (0 rader); i
 * Prognos per ansvar för samma ansvar 44 286 tkr": nothing lost, the forecasts as read (every copy, before the copies
 * were compared) against those taken, those rejected as conflicts and the identical copies set aside, by count and
 * amount; then the ansvar taken against the prognosis' rows, that they reached the report. `returned` counts what came
 * back ("20 filer", "3 blad"); the forecasts in the user's sign convention, as the units typed them.
 */
export function returnedSentence(run: JobRun, c: Consolidation, prognosis: PrognosisResult, returned: string): string {
  const tkr = (kronor: number): string => shownTkr(kronor, run.settings.signConvention);
  const [amount, count] = [c.totals, c.forecastCount];
  const rows = (n: number): string => `${n} ${n === 1 ? "rad" : "rader"}`;
  const codes = new Set(c.forecasts.map((f) => f.costCentre));
  const inReport = prognosis.rows.filter((r) => r.isLeaf && codes.has(r.key));
  return (
    `Inlämnade mallar: ${returned}, ${c.rows.read} rader lästa = ${c.rows.used} sammanställda + ${c.rows.rejected} avvisade + ${c.rows.blank} ej ifyllda; ` +
    `prognoser i mallarna ${tkr(amount.read)} tkr på ${rows(count.read)} = ${tkr(amount.consolidated)} tkr för ${count.consolidated} ansvar + ` +
    `${tkr(amount.rejected)} tkr avvisade (${rows(count.rejected)}) + ${tkr(amount.setAside)} tkr i likadana kopior (${rows(count.setAside)}); ` +
    `i Prognos per ansvar för samma ansvar ${tkr(sumOf(inReport, (r) => r.forecast))} tkr.`
  );
}

/** "Alla mallar har kommit in.", or "Ej inlämnade (3): 443 Hemtjänst Ljung, 445 Hagen säbo, åtgärdsmallen (...)". */
export function missingSentence(c: Consolidation): string {
  const count = c.missing.length + c.missingSheets.length;
  return count === 0 || c.missingText === undefined
    ? "Alla mallar har kommit in."
    : `Ej inlämnade (${count}): ${c.missingText.replace(/^saknas: /, "")}`;
}
