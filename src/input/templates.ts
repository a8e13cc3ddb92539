/**
 * Reading filled templates back and consolidating them: the forecasts (and volumes, measures) of many returned
 * files become one set. Every error is named by file, sheet and cell; the same ansvar in two files is a conflict
 * (neither is taken, the message names both files and the cell of the second); the ansvar, and the volume and åtgärd
 * templates, that have not come back are listed. In the task pane the returned templates are sheets of the workbook,
 * one sheet standing for one file: the messages then say "bladet", not "filen".
 * Nothing is lost: rows read = rows consolidated + rows rejected, and the same for the forecast amounts, the
 * volumes and costs of the volume lines and the effects of the measures. The templates pre-fill amounts in whole tkr:
 * an amount a unit leaves as pre-filled stands for the workbook's exact figure, so that every krona read in stays in
 * the report; only a changed amount replaces it.
 */
import type { Measure } from "../core/actionPlan";
import { pathKey } from "../core/hierarchy";
import type { ForecastEntry } from "../core/prognosis";
import type { VolumeLine } from "../core/volume";
import { prefilledKronor, VOLUME_TEMPLATE_HEADERS } from "../report/templates";
import type { WorkbookReader } from "../workbook/types";
import { inFile, type InputError } from "./errors";
import { normaliseHeader } from "./headers";
import { readMeasures } from "./actionPlanInput";
import { readForecasts } from "./prognosisInput";
import { scanErrors, scanWorkbook } from "./scan";
import type { ReadSettings } from "./settings";
import { costCentreKey, SheetRows, textOf, type CellRef, type RowCounts } from "./sheetRows";
import { readVolumeLines } from "./volumeInput";

/** What a returned template is to its caller: a file on the command line, a sheet of the workbook in the task pane. */
export type ReturnedUnit = "file" | "sheet";

export interface ReturnedTemplate {
  /** The file's name, or the sheet's when `unit` is "sheet". */
  readonly file: string;
  readonly reader: WorkbookReader;
  /** "file" unless said otherwise; the messages name the template by it ("filen X", "bladet X"). */
  readonly unit?: ReturnedUnit;
}

/** The Swedish words for a unit: one, several, and the advice to keep one. */
const UNIT_WORDS: Record<ReturnedUnit, { readonly one: string; readonly many: string; readonly keepOne: string }> = {
  file: { one: "i filen", many: "i filerna", keepOne: "alla filer utom en" },
  sheet: { one: "på bladet", many: "på bladen", keepOne: "alla blad utom ett" },
};

export interface ExpectedTemplates {
  /** The ansvar a template was sent out for. */
  readonly costCentres: readonly string[];
  /** Their names, for the list of missing templates ("441 Hemtjänst Herrljunga Landsbygd"). */
  readonly names?: Readonly<Record<string, string>>;
  /** The volume and åtgärd templates sent out besides the forecasts, each with its file ("volymer.xlsx"). */
  readonly sheets?: Partial<Readonly<Record<TemplateSheet, string>>>;
  /**
   * The workbook's volume lines and measures the volume and åtgärd templates were pre-filled from: a returned amount
   * left as pre-filled is consolidated as the workbook's exact figure (else the whole tkr of the template).
   */
  readonly sentFrom?: { readonly volumes?: readonly VolumeLine[]; readonly measures?: readonly Measure[] };
}

/** The templates that are not forecasts: the volume template and the åtgärd template. */
export type TemplateSheet = "volumes" | "measures";

const VOLUME_COMMENT_HEADER = VOLUME_TEMPLATE_HEADERS[8];

const TEMPLATE_SHEET_LABEL: Record<TemplateSheet, string> = { volumes: "volymmallen", measures: "åtgärdsmallen" };

/** Amounts (or volumes) of the returned templates: read = consolidated + rejected (conflicts). */
export interface Totals {
  readonly read: number;
  readonly consolidated: number;
  readonly rejected: number;
}

/** The Kommentar a unit wrote on a volume line of the volume template. */
export interface VolumeComment {
  /** The volume line's key ("Vård och omsorg / Hemtjänst"). */
  readonly key: string;
  readonly comment: string;
}

export interface Conflict {
  /** The ansvar, volume line key or measure number met in more than one file. */
  readonly key: string;
  readonly files: readonly string[];
}

export interface FileSummary {
  readonly file: string;
  /** The ansvar this file gave a forecast for. */
  readonly costCentres: readonly string[];
  readonly rows: RowCounts;
}

export interface Consolidation {
  readonly forecasts: ForecastEntry[];
  readonly volumes: VolumeLine[];
  readonly measures: Measure[];
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly conflicts: Conflict[];
  /** Kommentar of the consolidated volume lines, where the unit wrote one. */
  readonly volumeComments: VolumeComment[];
  /** Expected ansvar on no returned template (an ansvar whose forecast is bad or empty has its own message). */
  readonly missing: string[];
  /** Volume or åtgärd templates sent out and not returned (no returned file has their sheet). */
  readonly missingSheets: TemplateSheet[];
  /** "saknas: 441 Hemtjänst Herrljunga Landsbygd, volymmallen (volymer.xlsx)", or undefined when all came back. */
  readonly missingText: string | undefined;
  readonly files: FileSummary[];
  /** All files: read = used (consolidated) + rejected. */
  readonly rows: RowCounts;
  /** Forecast amounts, internal kronor: read = consolidated + rejected (conflicts). */
  readonly totals: Totals;
  /** The volume lines' actual volume (all units together, a checksum) and actual cost (internal kronor). */
  readonly volumeTotals: { readonly actualVolume: Totals; readonly actualCost: Totals };
  /** The measures' planned and forecast effects, kronor. */
  readonly measureTotals: { readonly plannedEffect: Totals; readonly forecastEffect: Totals };
}

interface Found<T> {
  readonly file: string;
  readonly unit: ReturnedUnit;
  readonly key: string;
  readonly item: T;
  /** The cell that names the item (its Ansvar, Volymmått or Nr). */
  readonly at: CellRef;
}

/** Where a conflicting item was met: `"444.xlsx" (blad "Prognos", cell A5)`, or `"Prognos (2)" (cell A5)` for a sheet. */
function foundAt(f: Found<unknown>): string {
  const where = f.unit === "sheet" ? `cell ${f.at.cell}` : `blad "${f.at.sheet}", cell ${f.at.cell}`;
  return `"${f.file}" (${where})`;
}

/**
 * The error of a key met in several files (or sheets): at the cell of the second one met, naming the others, e.g.
 * `Fil "444.xlsx", blad "Prognos", cell A5: Ansvar 441 finns också i filen "441.xlsx" (blad "Prognos", cell A4): ...`.
 */
function conflictError(list: readonly Found<unknown>[], what: string): InputError {
  const second = list.find((f) => f.file !== list[0]!.file)!;
  const others = list.filter((f, i) => f.file !== second.file && list.findIndex((g) => g.file === f.file) === i);
  const words = UNIT_WORDS[second.unit];
  const message = `${what} finns också ${others.length === 1 ? words.one : words.many} ${others.map(foundAt).join(" och ")}: ingen av dem tas med; ta bort raden från ${words.keepOne}.`;
  return { file: second.file, sheet: second.at.sheet, cell: second.at.cell, message };
}

/** Items met in one file only are kept; a key met in several files is a conflict and none of them is kept. */
function resolve<T>(found: readonly Found<T>[], what: (key: string) => string, errors: InputError[]): { kept: T[]; rejected: Found<T>[]; conflicts: Conflict[] } {
  const byKey = new Map<string, Found<T>[]>();
  for (const f of found) byKey.set(f.key, [...(byKey.get(f.key) ?? []), f]);
  const kept: T[] = [];
  const rejected: Found<T>[] = [];
  const conflicts: Conflict[] = [];
  for (const [key, list] of byKey) {
    const files = [...new Set(list.map((f) => f.file))];
    if (files.length === 1) {
      kept.push(...list.map((f) => f.item));
      continue;
    }
    rejected.push(...list);
    conflicts.push({ key, files });
    errors.push(conflictError(list, what(key)));
  }
  return { kept, rejected, conflicts };
}

/** The returned amount, or the workbook's exact one where the unit left the pre-filled whole tkr unchanged. */
function unlessUnchanged(own: number | undefined, back: number | undefined): number | undefined {
  return own !== undefined && back !== undefined && back === prefilledKronor(own) ? own : back;
}

/** A returned volume line with the workbook's exact cost where the unit left the pre-filled cost (whole tkr). */
function exactVolume(own: VolumeLine, back: VolumeLine): VolumeLine {
  return { ...back, actualCost: unlessUnchanged(own.actualCost, back.actualCost)! };
}

/** A returned measure with the workbook's exact effects where the unit left the pre-filled ones (whole tkr). */
function exactMeasure(own: Measure, back: Measure): Measure {
  const effect = (field: "plannedEffect" | "realisedEffect" | "forecastEffect") => {
    const value = unlessUnchanged(own[field], back[field]);
    return value === undefined ? {} : { [field]: value };
  };
  return { ...back, ...effect("plannedEffect"), ...effect("realisedEffect"), ...effect("forecastEffect") };
}

/** `exact(own, back)` for a returned item the workbook has (by key), else the item as returned. */
function withExact<T>(own: readonly T[] | undefined, key: (item: T) => string, exact: (own: T, back: T) => T): (back: T) => T {
  const byKey = new Map((own ?? []).map((item) => [key(item), item]));
  return (back) => (byKey.has(key(back)) ? exact(byKey.get(key(back))!, back) : back);
}

/** Sum of `value` over what was read, kept and rejected. */
function totalsOf<T>(found: readonly Found<T>[], resolved: { kept: readonly T[]; rejected: readonly Found<T>[] }, value: (item: T) => number | undefined): Totals {
  const sum = (list: readonly T[]): number => list.reduce((a, x) => a + (value(x) ?? 0), 0);
  return { read: sum(found.map((f) => f.item)), consolidated: sum(resolved.kept), rejected: sum(resolved.rejected.map((f) => f.item)) };
}

/**
 * The Kommentar cells of a volume sheet, by line key (a row without verksamhet or volymmått has no line). The
 * comment is the template's, not a field of the volume calculator: its column is found by its header.
 */
function volumeCommentsOf(rows: SheetRows): Map<string, string> {
  const out = new Map<string, string>();
  const wanted = normaliseHeader(VOLUME_COMMENT_HEADER).key;
  const col = (rows.data.values[rows.header.headerIndex] ?? []).findIndex((v) => typeof v === "string" && normaliseHeader(v).key === wanted);
  if (col < 0) return out;
  for (let r = rows.first; r < rows.end; r++) {
    const area = rows.text(r, "area");
    const name = rows.text(r, "name");
    const comment = textOf(rows.data.values[r]?.[col]);
    if (area !== undefined && name !== undefined && comment !== undefined) out.set(pathKey([area, name]), comment);
  }
  return out;
}

/** A returned template with no template in it: a file without the sheet, or a template sheet without its header row. */
const NOTHING_FILLED: Record<ReturnedUnit, string> = {
  file: "filen har inget ifyllt underlag: förväntade bladet Prognos, Volymer eller Åtgärder med sin rubrikrad.",
  sheet: "bladet har inget ifyllt underlag: förväntade en mall (Prognos, Volymer eller Åtgärder) med sin rubrikrad.",
};

export async function consolidateTemplates(files: readonly ReturnedTemplate[], expected: ExpectedTemplates, settings: ReadSettings): Promise<Consolidation> {
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const summaries: FileSummary[] = [];
  const forecasts: Found<ForecastEntry>[] = [];
  const volumes: Found<VolumeLine>[] = [];
  const measures: Found<Measure>[] = [];
  const all: RowCounts = { read: 0, used: 0, rejected: 0 };
  const expectedSet = new Set(expected.costCentres);
  const comments = new Map<string, string>();
  /** The volume and åtgärd sheets met in the returned files, read well or not. */
  const sheetsReturned = new Set<TemplateSheet>();
  /** Every ansvar on a returned forecast template, with or without a usable forecast. */
  const inTemplates = new Set<string>();
  // The template's Prognos helår is a full-year outcome in the user's sign convention, whatever the workbook's own
  // forecast column holds (Gnesta's are variances): read it as an outcome.
  const forecastSettings: ReadSettings = { ...settings, forecastColumnKind: "outcome" };
  const exactVolumeOf = withExact(expected.sentFrom?.volumes, (l) => l.key, exactVolume);
  const exactMeasureOf = withExact(expected.sentFrom?.measures, (m) => m.id, exactMeasure);

  for (const { file, reader, unit = "file" } of files) {
    const scan = await scanWorkbook(reader, settings.columnMapping, { skipOwnOutput: false });
    const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
    const fileErrors: InputError[] = scanErrors(scan, ["forecast", "volumes", "measures"]);
    const fileWarnings: InputError[] = [];
    const mine: string[] = [];
    let templates = 0;
    for (const s of scan.sheets) {
      const rows = new SheetRows(s.data, s.header);
      const kind = s.header.spec.kind;
      if (kind === "forecast" && !s.previous) {
        for (let r = rows.first; r < rows.end; r++) {
          const code = costCentreKey(rows.text(r, "costCentre"));
          if (code !== undefined && !rows.totalsLabel(r, ["costCentre", "name"])) inTemplates.add(code);
        }
        const cells = new Map<string, CellRef>();
        for (const f of readForecasts(rows, forecastSettings, counts, new Map(), cells)) {
          forecasts.push({ file, unit, key: f.costCentre, item: f, at: cells.get(f.costCentre)! });
          mine.push(f.costCentre);
          if (expectedSet.size > 0 && !expectedSet.has(f.costCentre)) fileWarnings.push({ sheet: s.data.sheet, message: `ansvar ${f.costCentre} ingår inte i utskicket men tas med.` });
        }
      } else if (kind === "volumes") {
        sheetsReturned.add(kind);
        const cells = new Map<string, string>();
        for (const v of readVolumeLines(rows, settings, counts, cells)) volumes.push({ file, unit, key: v.key, item: exactVolumeOf(v), at: { sheet: s.data.sheet, cell: cells.get(v.key)! } });
        for (const [key, comment] of volumeCommentsOf(rows)) comments.set(key, comment);
      } else if (kind === "measures") {
        sheetsReturned.add(kind);
        const cells = new Map<string, string>();
        for (const m of readMeasures(rows, settings, counts, cells)) measures.push({ file, unit, key: m.id, item: exactMeasureOf(m), at: { sheet: s.data.sheet, cell: cells.get(m.id)! } });
      } else continue;
      templates++;
      fileErrors.push(...rows.errors);
      fileWarnings.push(...rows.warnings);
    }
    if (templates === 0 && fileErrors.length === 0) {
      fileErrors.push({ sheet: (await reader.sheetNames())[0] ?? "", message: NOTHING_FILLED[unit] });
    }
    errors.push(...fileErrors.map((e) => inFile(file, e)));
    warnings.push(...fileWarnings.map((e) => inFile(file, e)));
    summaries.push({ file, costCentres: mine, rows: counts });
    all.read += counts.read;
    all.used += counts.used;
    all.rejected += counts.rejected;
  }

  const f = resolve(forecasts, (k) => `Ansvar ${k}`, errors);
  const v = resolve(volumes, (k) => `Volymmåttet ${k}`, errors);
  const m = resolve(measures, (k) => `Åtgärd nr ${k}`, errors);
  const conflictRows = f.rejected.length + v.rejected.length + m.rejected.length;
  const rows: RowCounts = { read: all.read, used: all.used - conflictRows, rejected: all.rejected + conflictRows };

  // An ansvar on a returned template with a bad or empty forecast is not missing: its error or warning says why.
  const missing = expected.costCentres.filter((c) => !inTemplates.has(c));
  const sentSheets = expected.sheets ?? {};
  const missingSheets = (["volumes", "measures"] as const).filter((s) => sentSheets[s] !== undefined && !sheetsReturned.has(s));
  const label = (c: string): string => (expected.names?.[c] ? `${c} ${expected.names[c]}` : c);
  const missingLabels = [...missing.map(label), ...missingSheets.map((s) => `${TEMPLATE_SHEET_LABEL[s]} (${sentSheets[s]})`)];
  return {
    forecasts: f.kept,
    volumes: v.kept,
    measures: m.kept,
    volumeComments: v.kept.flatMap((line) => (comments.has(line.key) ? [{ key: line.key, comment: comments.get(line.key)! }] : [])),
    errors,
    warnings,
    conflicts: [...f.conflicts, ...v.conflicts, ...m.conflicts],
    missing,
    missingSheets,
    missingText: missingLabels.length > 0 ? `saknas: ${missingLabels.join(", ")}` : undefined,
    files: summaries,
    rows,
    totals: totalsOf(forecasts, f, (x) => x.forecast),
    volumeTotals: { actualVolume: totalsOf(volumes, v, (x) => x.actualVolume), actualCost: totalsOf(volumes, v, (x) => x.actualCost) },
    measureTotals: { plannedEffect: totalsOf(measures, m, (x) => x.plannedEffect), forecastEffect: totalsOf(measures, m, (x) => x.forecastEffect) },
  };
}

/** Items of the workbook with the returned ones merged in by key, and the keys of the returned items it lacked. */
export interface Merged<T> {
  readonly items: T[];
  readonly added: string[];
}

function mergeByKey<T>(own: readonly T[], returned: readonly T[], key: (item: T) => string, take: (own: T, back: T) => T): Merged<T> {
  const back = new Map(returned.map((item) => [key(item), item]));
  const ownKeys = new Set(own.map(key));
  const added = returned.filter((item) => !ownKeys.has(key(item)));
  return { items: [...own.map((item) => (back.has(key(item)) ? take(item, back.get(key(item))!) : item)), ...added], added: added.map(key) };
}

/**
 * The workbook's volume lines with the returned ones. The volume template's input cells are Utfall volym and
 * Kostnad t.o.m. period: a returned line gives those, but a cost left as pre-filled (whole tkr) keeps the workbook's
 * exact figure. Its plan (budgeterad volym, á-pris, fast del) is locked in
 * the template and rounded there to whole tkr, and it has no Roll or Motpart: those stay the workbook's. A returned
 * line the workbook lacks is added as it was read.
 */
export function mergeVolumeLines(own: readonly VolumeLine[], returned: readonly VolumeLine[]): Merged<VolumeLine> {
  return mergeByKey(own, returned, (l) => l.key, (line, back) => ({ ...line, actualVolume: back.actualVolume, actualCost: unlessUnchanged(line.actualCost, back.actualCost)! }));
}

/**
 * The workbook's measures with the returned ones: every column of the åtgärd template but Nr and Ägare is an input
 * cell, so a returned measure replaces the workbook's of the same Nr (an effect left as pre-filled, whole tkr, keeps
 * the workbook's exact figure); a new measure (a blank row filled in) is added.
 */
export function mergeMeasures(own: readonly Measure[], returned: readonly Measure[]): Merged<Measure> {
  return mergeByKey(own, returned, (m) => m.id, exactMeasure);
}
