/**
 * `mall`: templates for förvaltning staff, one file per ansvar or verksamhet (plus the volume and åtgärd
 * templates when the workbook has those sheets). `samla`: read a folder of returned templates, consolidate them
 * into the prognosis, and list who has not returned theirs.
 */
import { readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { formatTkr } from "../core/amounts";
import type { ForecastEntry, PrognosisInput, PrognosisResult, PrognosisRow } from "../core/prognosis";
import { consolidateTemplates, type Consolidation } from "../input/templates";
import type { SheetLayout } from "../report/layout";
import { buildActionPlanTemplate, buildForecastTemplate, buildVolumeTemplate } from "../report/templates";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import { hasSheet } from "../jobs/run";
import { actionPlan, prognosis, volume, type Calculated, type Run, type Step } from "./calculate";

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
    files.push({ file: "volymer.xlsx", layout: buildVolumeTemplate(result.year, result.month, v.value.input.lines) });
  }
  if (hasSheet(run, "measures")) {
    const a = actionPlan(run);
    if (!a.ok) return a;
    files.push({ file: "atgarder.xlsx", layout: buildActionPlanTemplate(result.year, a.value.input.measures) });
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
  readonly text: string;
}

/** Consolidate the returned forecasts; a returned forecast replaces the workbook's own for its ansvar. */
export async function collectTemplates(run: Run, folder: string): Promise<Step<Collected>> {
  const base = prognosis(run);
  if (!base.ok) return base;
  const leaves = base.value.result.rows.filter((r) => r.isLeaf && !r.flags.includes("unknownCostCentre"));
  const files = await Promise.all(returnedFiles(folder).map(async (path) => ({ file: basename(path), reader: await ExcelJsReader.fromFile(path) })));
  const consolidation = await consolidateTemplates(
    files,
    { costCentres: leaves.map((r) => r.key), names: Object.fromEntries(leaves.map((r) => [r.key, r.name])) },
    run.source.settings,
  );
  if (consolidation.errors.length > 0) return { ok: false, errors: consolidation.errors };
  const returned = new Map(consolidation.forecasts.map((f) => [f.costCentre, f]));
  const merge = (own: readonly ForecastEntry[] | undefined): ForecastEntry[] => [...(own ?? []).filter((f) => !returned.has(f.costCentre)), ...returned.values()];
  const p = prognosis(run, (input) => ({ ...input, forecasts: merge(input.forecasts) }));
  if (!p.ok) return p;
  const c = consolidation;
  const text = [
    p.value.text,
    "",
    `Inlämnade mallar: ${files.length} filer, ${c.rows.read} rader lästa = ${c.rows.used} sammanställda + ${c.rows.rejected} avvisade; ` +
      `prognoser ${formatTkr(c.totals.read)} tkr = ${formatTkr(c.totals.consolidated)} sammanställda + ${formatTkr(c.totals.rejected)} avvisade.`,
    c.missing.length === 0 ? "Alla mallar har kommit in." : `Ej inlämnade (${c.missing.length}): ${c.missingText!.replace(/^saknas: /, "")}`,
  ].join("\n");
  return { ok: true, value: { consolidation, prognosis: p.value, text }, warnings: [...p.warnings, ...c.warnings] };
}
