/**
 * `mall`: templates for förvaltning staff, one file per ansvar or verksamhet (plus the volume and åtgärd
 * templates when the workbook has those sheets). `samla`: read a folder of returned templates, consolidate them
 * into the prognosis, the volume budget and the åtgärdsplan, and list who has not returned theirs.
 */
import { readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ActionPlanInput, ActionPlanResult } from "../core/actionPlan";
import { formatNumber, formatTkr } from "../core/amounts";
import type { ForecastEntry, PrognosisInput, PrognosisResult, PrognosisRow } from "../core/prognosis";
import type { VolumeInput, VolumeResult } from "../core/volume";
import type { InputError } from "../input/errors";
import { consolidateTemplates, mergeMeasures, mergeVolumeLines, type Consolidation, type TemplateSheet, type Totals } from "../input/templates";
import type { SheetLayout } from "../report/layout";
import { buildActionPlanTemplate, buildForecastTemplate, buildVolumeTemplate } from "../report/templates";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import { hasSheet } from "../jobs/run";
import { actionPlan, prognosis, volume, type Calculated, type Run, type Step } from "./calculate";

/** The files of the volume and åtgärd templates, as `mall` writes them and `samla` expects them back. */
export const TEMPLATE_SHEET_FILE: Readonly<Record<TemplateSheet, string>> = { volumes: "volymer.xlsx", measures: "atgarder.xlsx" };

export interface TemplateFile {
  readonly file: string;
  readonly layout: SheetLayout;
}

/** A file name from an ansvar's code and name: ASCII letters, digits and dashes ("prognos-422-IFO-BoF.xlsx"). */
export function templateFileName(prefix: string, row: Pick<PrognosisRow, "code" | "key" | "name">): string {
  const slug = `${row.code ?? ""} ${row.name}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${prefix}-${slug || row.key.replace(/[^A-Za-z0-9]+/g, "-")}.xlsx`;
}

/** The units a template goes to: the ansvar (leaves), or the verksamheter (top level) of the hierarchy. */
export function templateScopes(result: PrognosisResult, per: "ansvar" | "verksamhet"): PrognosisRow[] {
  return result.rows.filter((r) => (per === "ansvar" ? r.isLeaf : r.depth === 0));
}

export function buildTemplates(run: Run, per: "ansvar" | "verksamhet"): Step<TemplateFile[]> {
  const p = prognosis(run);
  if (!p.ok) return p;
  const result = p.value.result;
  const files: TemplateFile[] = templateScopes(result, per).map((r) => ({ file: templateFileName("prognos", r), layout: buildForecastTemplate(result, { key: r.key }) }));
  const warnings = [...p.warnings];
  if (hasSheet(run, "volumes")) {
    const v = volume(run);
    if (!v.ok) return v;
    files.push({ file: TEMPLATE_SHEET_FILE.volumes, layout: buildVolumeTemplate(result.year, result.month, v.value.input.lines) });
  }
  if (hasSheet(run, "measures")) {
    const a = actionPlan(run);
    if (!a.ok) return a;
    files.push({ file: TEMPLATE_SHEET_FILE.measures, layout: buildActionPlanTemplate(result.year, a.value.input.measures) });
  }
  return { ok: true, value: files, warnings };
}

/** The returned templates of a folder: its .xlsx files, without Excel's lock files (~$...) and hidden files. */
export function returnedFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => extname(f).toLowerCase() === ".xlsx" && !f.startsWith("~$") && !f.startsWith("."))
    .sort()
    .map((f) => join(folder, f));
}

export interface Collected {
  readonly consolidation: Consolidation;
  readonly prognosis: Calculated<PrognosisInput, PrognosisResult>;
  /** The volume budget on the workbook's volume lines with the returned ones; absent without volumes. */
  readonly volume?: Calculated<VolumeInput, VolumeResult>;
  /** The åtgärdsplan on the workbook's measures with the returned ones; absent without measures. */
  readonly actionPlan?: Calculated<ActionPlanInput, ActionPlanResult>;
  /** The volume and åtgärd template files that were sent out (`mall`) and have not come back. */
  readonly missingFiles: string[];
  readonly text: string;
}

const none = <T>(): Step<T | undefined> => ({ ok: true, value: undefined, warnings: [] });

/** The layout with lines under its notes (after an empty row): how the returned templates went into it. */
function withNotes<T extends { readonly layout: SheetLayout }>(calculated: T, texts: readonly string[]): T {
  const { layout } = calculated;
  const next = Math.max(0, ...layout.notes.map((n) => n.row)) + 2;
  return { ...calculated, layout: { ...layout, notes: [...layout.notes, ...texts.map((text, i) => ({ row: next + i, text }))] } };
}

const volumeNumber = (x: number): string => formatNumber(x, Number.isInteger(x) ? 0 : 2);

/** "X tkr = Y tkr sammanställda + Z tkr avvisade" for an amount or a volume of the returned templates. */
function totalsText(t: Totals, format: (x: number) => string): string {
  return `${format(t.read)} = ${format(t.consolidated)} sammanställda + ${format(t.rejected)} avvisade`;
}

const tkrText = (kronor: number): string => `${formatTkr(kronor)} tkr`;

/** A warning for each returned item the workbook did not have: it is taken, but the controller should know. */
function addedWarnings(sheet: string, added: readonly string[], what: (key: string) => string): InputError[] {
  return added.map((key) => ({ sheet, message: `${what(key)} finns inte i arbetsboken men tas med från den inlämnade mallen.` }));
}

/**
 * The volume budget on the consolidated volume lines (the returned actual volume and cost replace the workbook's),
 * with the reconciliation of the volume template and the units' comments under its table.
 */
function consolidatedVolume(run: Run, c: Consolidation): Step<Calculated<VolumeInput, VolumeResult> | undefined> {
  if (!hasSheet(run, "volumes") && c.volumes.length === 0) return none();
  let added: string[] = [];
  const v = volume(run, (input) => {
    const merged = mergeVolumeLines(input.lines, c.volumes);
    added = merged.added;
    return { ...input, lines: merged.items };
  });
  if (!v.ok || c.volumes.length === 0) return v;
  const keys = new Set(c.volumes.map((l) => l.key));
  const inReport = v.value.result.lines.filter((l) => keys.has(l.key));
  const t = c.volumeTotals;
  const reconciliation =
    `Volymmallen: ${c.volumes.length} rader sammanställda; utfall volym ${totalsText(t.actualVolume, volumeNumber)}; kostnad t.o.m. perioden ${totalsText(t.actualCost, tkrText)}. ` +
    `I rapporten har samma rader utfall volym ${volumeNumber(inReport.reduce((a, l) => a + l.actualVolume, 0))} och kostnad ${formatTkr(inReport.reduce((a, l) => a + l.actualCost, 0))} tkr.`;
  const comments = c.volumeComments.length === 0 ? [] : ["Kommentarer i volymmallen:", ...c.volumeComments.map((k) => `${k.key}: ${k.comment}`)];
  const notes = [reconciliation, ...comments];
  return { ...v, value: { ...withNotes(v.value, notes), text: [v.value.text, "", ...notes].join("\n") }, warnings: [...v.warnings, ...addedWarnings("Volymer", added, (k) => `Volymmåttet ${k}`)] };
}

/**
 * The åtgärdsplan on the consolidated measures (a returned measure replaces the workbook's of the same Nr, new ones
 * are added), measured against the consolidated prognosis: the remaining gap to budget i balans is the forecast
 * deficit with the units' returned forecasts, less the effect of the measures not yet in them (domain.md).
 */
function consolidatedActionPlan(run: Run, c: Consolidation, prognosisResult: PrognosisResult): Step<Calculated<ActionPlanInput, ActionPlanResult> | undefined> {
  if (!hasSheet(run, "measures") && c.measures.length === 0) return none();
  let added: string[] = [];
  const a = actionPlan(run, (input) => {
    const merged = mergeMeasures(input.measures, c.measures);
    added = merged.added;
    return { ...input, forecastVariance: run.settings.forecastVariance ?? prognosisResult.total.varianceFullYear, measures: merged.items };
  });
  if (!a.ok || c.measures.length === 0) return a;
  const ids = new Set(c.measures.map((m) => m.id));
  const inReport = a.value.input.measures.filter((m) => ids.has(m.id));
  const sum = (f: (m: (typeof inReport)[number]) => number | undefined): string => formatTkr(inReport.reduce((s, m) => s + (f(m) ?? 0), 0));
  const t = c.measureTotals;
  const reconciliation =
    `Åtgärdsmallen: ${c.measures.length} åtgärder sammanställda (nya: ${added.length}); planerad effekt ${totalsText(t.plannedEffect, tkrText)}; prognos effekt ${totalsText(t.forecastEffect, tkrText)}. ` +
    `I rapporten har samma åtgärder planerad effekt ${sum((m) => m.plannedEffect)} och prognos effekt ${sum((m) => m.forecastEffect)} tkr.`;
  return { ...a, value: { ...withNotes(a.value, [reconciliation]), text: [a.value.text, "", reconciliation].join("\n") }, warnings: [...a.warnings, ...addedWarnings("Åtgärder", added, (k) => `Åtgärd nr ${k}`)] };
}

/**
 * Consolidate the returned templates: a returned forecast replaces the workbook's own for its ansvar, returned
 * volumes and measures go into the volume budget and the åtgärdsplan.
 */
export async function collectTemplates(run: Run, folder: string): Promise<Step<Collected>> {
  const base = prognosis(run);
  if (!base.ok) return base;
  const leaves = base.value.result.rows.filter((r) => r.isLeaf && !r.flags.includes("unknownCostCentre"));
  const files = await Promise.all(returnedFiles(folder).map(async (path) => ({ file: basename(path), reader: await ExcelJsReader.fromFile(path) })));
  // `mall` writes the volume and åtgärd templates when the workbook has those sheets: they are expected back.
  const sent = (["volumes", "measures"] as const).filter((k) => hasSheet(run, k));
  const consolidation = await consolidateTemplates(
    files,
    { costCentres: leaves.map((r) => r.key), names: Object.fromEntries(leaves.map((r) => [r.key, r.name])), sheets: Object.fromEntries(sent.map((k) => [k, TEMPLATE_SHEET_FILE[k]])) },
    run.source.settings,
  );
  if (consolidation.errors.length > 0) return { ok: false, errors: consolidation.errors };
  const returned = new Map(consolidation.forecasts.map((f) => [f.costCentre, f]));
  const merge = (own: readonly ForecastEntry[] | undefined): ForecastEntry[] => [...(own ?? []).filter((f) => !returned.has(f.costCentre)), ...returned.values()];
  const p = prognosis(run, (input) => ({ ...input, forecasts: merge(input.forecasts) }));
  if (!p.ok) return p;
  const v = consolidatedVolume(run, consolidation);
  const a = consolidatedActionPlan(run, consolidation, p.value.result);
  if (!v.ok || !a.ok) return { ok: false, errors: [...(v.ok ? [] : v.errors), ...(a.ok ? [] : a.errors)] };
  const c = consolidation;
  const missingCount = c.missing.length + c.missingSheets.length;
  const text = [
    p.value.text,
    ...(v.value ? ["", v.value.text] : []),
    ...(a.value ? ["", a.value.text] : []),
    "",
    `Inlämnade mallar: ${files.length} filer, ${c.rows.read} rader lästa = ${c.rows.used} sammanställda + ${c.rows.rejected} avvisade; ` +
      `prognoser ${formatTkr(c.totals.read)} tkr = ${formatTkr(c.totals.consolidated)} sammanställda + ${formatTkr(c.totals.rejected)} avvisade.`,
    missingCount === 0 ? "Alla mallar har kommit in." : `Ej inlämnade (${missingCount}): ${c.missingText!.replace(/^saknas: /, "")}`,
  ].join("\n");
  return {
    ok: true,
    value: { consolidation, prognosis: p.value, volume: v.value, actionPlan: a.value, missingFiles: c.missingSheets.map((k) => TEMPLATE_SHEET_FILE[k]), text },
    warnings: [...p.warnings, ...v.warnings, ...a.warnings, ...c.warnings],
  };
}
