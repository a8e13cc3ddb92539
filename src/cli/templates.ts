/**
 * `mall`: templates for förvaltning staff, one file per ansvar or verksamhet (plus the volume and åtgärd
 * templates when the workbook has those sheets). `samla`: read a folder of returned templates, consolidate them
 * into the prognosis, the volume budget and the åtgärdsplan, and list who has not returned theirs.
 */
import { readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ActionPlanInput, ActionPlanResult } from "../core/actionPlan";
import type { PrognosisInput, PrognosisResult, PrognosisRow } from "../core/prognosis";
import type { VolumeInput, VolumeResult } from "../core/volume";
import type { Consolidation, TemplateSheet } from "../input/templates";
import { SETTINGS_SHEET } from "../input/settings";
import type { SheetLayout } from "../report/layout";
import {
  buildActionPlanTemplate,
  buildForecastTemplate,
  buildVolumeTemplate,
  noForecastTemplateAtYearEnd,
} from "../report/templates";
import type { InputError } from "../input/errors";
import { UnreadableFile } from "../workbook/exceljs/fileCheck";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import { hasSheet } from "../jobs/run";
import { consolidateReturned, missingSentence, returnedSentence } from "../jobs/templates";
import { actionPlan, prognosis, volume, type Calculated, type Run, type Step } from "./calculate";

/** The files of the volume and åtgärd templates, as `mall` writes them and `samla` expects them back. */
export const TEMPLATE_SHEET_FILE: Readonly<Record<TemplateSheet, string>> = {
  volumes: "volymer.xlsx",
  measures: "atgarder.xlsx",
};

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
  const files: TemplateFile[] = result.yearEnd
    ? []
    : templateScopes(result, per).map((r) => ({
        file: templateFileName("prognos", r),
        layout: buildForecastTemplate(result, { key: r.key }, run.settings.signConvention),
      }));
  const warnings = [
    ...p.warnings,
    ...(result.yearEnd ? [{ sheet: SETTINGS_SHEET, message: noForecastTemplateAtYearEnd(result.year) }] : []),
  ];
  if (hasSheet(run, "volumes")) {
    const v = volume(run);
    if (!v.ok) return v;
    files.push({
      file: TEMPLATE_SHEET_FILE.volumes,
      layout: buildVolumeTemplate(result.year, result.month, v.value.input.lines, run.settings.signConvention),
    });
  }
  if (hasSheet(run, "measures")) {
    const a = actionPlan(run);
    if (!a.ok) return a;
    files.push({
      file: TEMPLATE_SHEET_FILE.measures,
      layout: buildActionPlanTemplate(result.year, a.value.input.measures),
    });
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

/** The command line's calculators: the shared jobs with the terminal text. */
const CLI_CALCULATORS = { prognosis, volume, actionPlan };

/** A report's terminal text with the lines written under its table (the templates' reconciliation). */
const withNotes = (text: string, notes: readonly string[]): string =>
  [text, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");

/**
 * Consolidate the returned templates: a returned forecast replaces the workbook's own for its ansvar, returned
 * volumes and measures go into the volume budget and the åtgärdsplan.
 */
export async function collectTemplates(run: Run, folder: string): Promise<Step<Collected>> {
  // A template that cannot be read (encrypted, truncated, not a workbook) is named and skipped: the others are
  // consolidated, and its unit is listed among those missing.
  const skipped: InputError[] = [];
  const opened = await Promise.all(
    returnedFiles(folder).map(async (path) => {
      try {
        return { file: basename(path), reader: await ExcelJsReader.fromFile(path) };
      } catch (e) {
        const reason = e instanceof UnreadableFile ? e.message : `Filen ${basename(path)} gick inte att läsa.`;
        skipped.push({
          file: basename(path),
          sheet: "",
          message: `${reason} Mallen hoppades över; de andra mallarna samlades.`,
        });
        return undefined;
      }
    }),
  );
  const files = opened.filter((f): f is NonNullable<typeof f> => f !== undefined);
  // `mall` writes the volume and åtgärd templates when the workbook has those sheets: they are expected back.
  const sent = Object.fromEntries(
    (["volumes", "measures"] as const).filter((k) => hasSheet(run, k)).map((k) => [k, TEMPLATE_SHEET_FILE[k]]),
  );
  const step = await consolidateReturned(run, files, sent, CLI_CALCULATORS);
  if (!step.ok) return { ...step, errors: [...skipped, ...step.errors] };
  const { consolidation: c, prognosis: p, volume: v, actionPlan: a } = step.value;
  const text = [
    p.text,
    ...(v ? ["", withNotes(v.text, step.value.volumeNotes)] : []),
    ...(a ? ["", withNotes(a.text, step.value.actionPlanNotes)] : []),
    "",
    returnedSentence(run, c, p.result, `${files.length} filer`),
    missingSentence(c),
  ].join("\n");
  return {
    ok: true,
    value: {
      consolidation: c,
      prognosis: p,
      volume: v,
      actionPlan: a,
      missingFiles: c.missingSheets.map((k) => TEMPLATE_SHEET_FILE[k]),
      text,
    },
    warnings: [...skipped, ...step.warnings],
  };
}
