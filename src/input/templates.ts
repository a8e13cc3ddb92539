/**
 * Reading filled templates back and consolidating them: the forecasts (and volumes, measures) of many returned
 * files become one set. Every error is named by file, sheet and cell. The volume and åtgärd templates go out whole to
 * every unit, so every copy holds every pre-filled line: a line left as it was sent says nothing and is set aside
 * before the copies are compared (a volume line left as sent, its Utfall volym still empty, before it is even
 * validated). The same ansvar, volume line or measure changed differently on two returned templates (two files, or
 * two template sheets of one file) is a conflict: neither is taken, the message names both and the cell of the
 * second. A volume line's Kommentar is no figure: it never makes a change or a conflict, and every one is kept.
 * The ansvar whose Prognos helår was not filled in, and the volume and åtgärd templates that have not come back, are
 * listed. In the task pane the returned templates are sheets of the workbook, one sheet standing for one file: the
 * messages then say "bladet", not "filen".
 * Nothing is lost: rows read = rows consolidated + rows rejected + rows not filled in, and amounts read =
 * consolidated (one per ansvar, line or measure) + rejected + set aside (the other copies) for the forecasts, the
 * volumes and costs of the volume lines and the effects of the measures. The templates pre-fill amounts in whole
 * tkr: an amount a unit leaves as pre-filled stands for the workbook's exact figure, so that every krona read in
 * stays in the report; only a changed amount replaces it.
 */
import type { CostCentre } from "../core/hierarchy";
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
import { KeyResolver } from "./keys";
import { scanErrors, scanWorkbook } from "./scan";
import type { ReadSettings } from "./settings";
import { parseAmount } from "../core/amounts";
import { toInternal } from "../core/signs";
import { costCentreKey, SheetRows, textOf, toKronor, type CellRef, type RowCounts } from "./sheetRows";
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
  /** The report's lines (key, code, name, parent): a returned Ansvar cell is resolved against them (keys.ts). */
  readonly lines?: readonly CostCentre[];
}

/** The templates that are not forecasts: the volume template and the åtgärd template. */
export type TemplateSheet = "volumes" | "measures";

const VOLUME_COMMENT_HEADER = VOLUME_TEMPLATE_HEADERS[8];

export const TEMPLATE_SHEET_LABEL: Record<TemplateSheet, string> = {
  volumes: "volymmallen",
  measures: "åtgärdsmallen",
};

/** Amounts (volumes, or rows) of the returned templates: read = consolidated + rejected + setAside. */
export interface Totals {
  readonly read: number;
  /** One per ansvar, volume line or measure taken: the changed copy, or one copy when all were left as sent. */
  readonly consolidated: number;
  /** The copies in conflict. */
  readonly rejected: number;
  /** The other copies: left as sent beside a changed one, or the same as the one taken. */
  readonly setAside: number;
}

/** The Kommentar a unit wrote on a volume line of the volume template. */
export interface VolumeComment {
  /** The volume line's key ("Vård och omsorg / Hemtjänst"). */
  readonly key: string;
  /**
   * The unit's text; when several templates returned the line, every comment followed by its template
   * ("(a.xlsx, Volymer)"), joined by " | ".
   */
  readonly comment: string;
}

export interface Conflict {
  /** The ansvar, volume line key or measure number met in more than one file. */
  readonly key: string;
  readonly files: readonly string[];
}

/**
 * Rows of returned templates: read = used (consolidated) + rejected + blank (not filled in: an ansvar without
 * Prognos helår, a volume line left as sent with Utfall volym empty).
 */
export interface TemplateRowCounts extends RowCounts {
  blank: number;
}

export interface FileSummary {
  readonly file: string;
  /** The ansvar this file gave a forecast for. */
  readonly costCentres: readonly string[];
  readonly rows: TemplateRowCounts;
}

export interface Consolidation {
  readonly forecasts: ForecastEntry[];
  /** The volume lines a unit changed (or the workbook lacks), with the workbook's exact kronor where left pre-filled. */
  readonly volumes: VolumeLine[];
  /** The measures a unit changed or added, with the workbook's exact kronor where left pre-filled. */
  readonly measures: Measure[];
  /**
   * One per volume line and measure that came back and was not rejected, changed or left as sent, as its cells were
   * read (pre-filled amounts in whole tkr): the templates' own figures, to check the written report against.
   */
  readonly asRead: { readonly volumes: VolumeLine[]; readonly measures: Measure[] };
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly conflicts: Conflict[];
  /** Kommentar of the consolidated volume lines, where a unit wrote one (every copy's, joined). */
  readonly volumeComments: VolumeComment[];
  /** Expected ansvar whose Prognos helår is filled in on no returned template (a bad one has its own error). */
  readonly missing: string[];
  /** Volume or åtgärd templates sent out and not returned (no returned file has their sheet). */
  readonly missingSheets: TemplateSheet[];
  /** "saknas: 441 Hemtjänst Herrljunga Landsbygd, volymmallen (volymer.xlsx)", or undefined when all came back. */
  readonly missingText: string | undefined;
  readonly files: FileSummary[];
  /** All files: read = used (consolidated) + rejected + blank. */
  readonly rows: TemplateRowCounts;
  /** Forecast amounts, internal kronor: read = consolidated + rejected (conflicts) + set aside (identical copies). */
  readonly totals: Totals;
  /** The forecasts read, counted the same way: consolidated is the number of ansvar taken. */
  readonly forecastCount: Totals;
  /** The volume lines' actual volume (all units together, a checksum) and actual cost (internal kronor). */
  readonly volumeTotals: { readonly actualVolume: Totals; readonly actualCost: Totals };
  /** The measures' planned and forecast effects, kronor. */
  readonly measureTotals: { readonly plannedEffect: Totals; readonly forecastEffect: Totals };
}

interface Found<T> {
  readonly file: string;
  readonly unit: ReturnedUnit;
  /** The returned template the item is on: its file and sheet (two template sheets of one file are two templates). */
  readonly source: string;
  readonly key: string;
  /** The item with the workbook's exact amounts where the unit left the pre-filled ones. */
  readonly item: T;
  /** The item as its cells were read. */
  readonly read: T;
  /** False when the unit left the item as it was sent: it then says nothing and conflicts with nothing. */
  readonly changed: boolean;
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
  const second = list.find((f) => f.source !== list[0]!.source)!;
  const others = list.filter(
    (f, i) => f.source !== second.source && list.findIndex((g) => g.source === f.source) === i,
  );
  const words = UNIT_WORDS[second.unit];
  const message = `${what} finns också ${others.length === 1 ? words.one : words.many} ${others.map(foundAt).join(" och ")}: ingen av dem tas med; ta bort raden från ${words.keepOne}.`;
  return { file: second.file, sheet: second.at.sheet, cell: second.at.cell, message };
}

/** Two items read alike: the same fields with the same (plain) values. */
function sameItem(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.is(x[k], y[k]));
}

interface Resolved<T> {
  /** One per key not rejected: the changed copy, or the first one when every copy was left as sent. */
  readonly taken: Found<T>[];
  /** The taken items a unit changed. */
  readonly kept: Found<T>[];
  readonly rejected: Found<T>[];
  /** The other copies: left as sent beside a changed one, or the same as the one taken. */
  readonly setAside: Found<T>[];
  readonly conflicts: Conflict[];
}

/**
 * One item per key: the items left as sent are set aside (every copy of a template holds them); of the changed ones
 * the copies that agree give one item, and copies that differ are a conflict, none of them kept.
 */
function resolve<T extends object>(
  found: readonly Found<T>[],
  what: (key: string) => string,
  errors: InputError[],
): Resolved<T> {
  const byKey = new Map<string, Found<T>[]>();
  for (const f of found) byKey.set(f.key, [...(byKey.get(f.key) ?? []), f]);
  const out: Resolved<T> = { taken: [], kept: [], rejected: [], setAside: [], conflicts: [] };
  for (const [key, list] of byKey) {
    const changed = list.filter((f) => f.changed);
    if (changed.some((f) => !sameItem(f.read, changed[0]!.read))) {
      out.rejected.push(...changed);
      out.setAside.push(...list.filter((f) => !f.changed));
      out.conflicts.push({ key, files: [...new Set(changed.map((f) => f.file))] });
      errors.push(conflictError(changed, what(key)));
      continue;
    }
    const taken = changed[0] ?? list[0]!;
    out.taken.push(taken);
    if (taken.changed) out.kept.push(taken);
    out.setAside.push(...list.filter((f) => f !== taken));
  }
  return out;
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

/** The measure as the åtgärd template pre-fills it: its columns only, the effects in whole tkr. */
function measureAsSent(m: Measure): Measure {
  const { plannedEffectMonthly: _monthly, yearFrom: _from, yearTo: _to, ...carried } = m;
  const effect = (field: "plannedEffect" | "realisedEffect" | "forecastEffect") =>
    m[field] === undefined ? {} : { [field]: prefilledKronor(m[field]) };
  return { ...carried, ...effect("plannedEffect"), ...effect("realisedEffect"), ...effect("forecastEffect") };
}

/**
 * A returned item beside what the workbook sent for its key: `exact` is the item with the workbook's exact amounts
 * where left pre-filled, `changed` whether the unit changed any input cell.
 */
function againstSent<T>(
  own: readonly T[] | undefined,
  key: (item: T) => string,
  exact: (own: T, back: T) => T,
  unchanged: (own: T, back: T) => boolean,
): (back: T) => { exact: T; changed: boolean } {
  const byKey = new Map((own ?? []).map((item) => [key(item), item]));
  return (back) => {
    const sent = byKey.get(key(back));
    return sent === undefined
      ? { exact: back, changed: true }
      : { exact: exact(sent, back), changed: !unchanged(sent, back) };
  };
}

/** A volume line back as sent: the template's input cells Utfall volym and Kostnad t.o.m. period as pre-filled. */
const volumeUnchanged = (sent: VolumeLine, back: VolumeLine): boolean =>
  back.actualVolume === sent.actualVolume && back.actualCost === prefilledKronor(sent.actualCost);

/** Sum of `value` over what was read, and over the items taken (one per key), rejected and set aside. */
function totalsOf<T>(
  found: readonly Found<T>[],
  resolved: Resolved<T>,
  value: (item: T) => number | undefined,
): Totals {
  const sum = (list: readonly Found<T>[]): number => list.reduce((a, f) => a + (value(f.item) ?? 0), 0);
  return {
    read: sum(found),
    consolidated: sum(resolved.taken),
    rejected: sum(resolved.rejected),
    setAside: sum(resolved.setAside),
  };
}

/**
 * The measures typed on blank rows without a Nr: their reader names them by their row ("rad 26"). Every copy of the
 * template has the same blank rows, so such a measure is named by its template as well ("rad 26 (atgarder.xlsx,
 * Åtgärder)"): two units' new measures on the same row are two measures.
 */
function unnamedMeasureIds(rows: SheetRows): Set<string> {
  const out = new Set<string>();
  for (let r = rows.first; r < rows.end; r++)
    if (!rows.isBlank(r) && rows.text(r, "id") === undefined) out.add(`rad ${rows.rowNumber(r)}`);
  return out;
}

/** A returned template by name: its sheet in the task pane, its file and sheet on the command line. */
const templateName = (file: string, sheet: string, unit: ReturnedUnit): string =>
  unit === "sheet" ? sheet : `${file}, ${sheet}`;

function namedByTemplate(m: Measure, file: string, sheet: string, unit: ReturnedUnit): Measure {
  return { ...m, id: `${m.id} (${templateName(file, sheet, unit)})` };
}

/**
 * The forecast rows of a template sheet: the ansvar whose Prognos helår is filled in (well or not: a bad one has its
 * error), and the number of rows left blank (the unit has not sent a forecast for that ansvar).
 */
function forecastCells(rows: SheetRows): { filled: string[]; blank: number } {
  const filled: string[] = [];
  let blank = 0;
  for (let r = rows.first; r < rows.end; r++) {
    const code = costCentreKey(rows.text(r, "costCentre"));
    if (code === undefined || rows.totalsLabel(r, ["costCentre", "name"])) continue;
    if (rows.text(r, "forecast") === undefined) blank++;
    else filled.push(code);
  }
  return { filled, blank };
}

/**
 * The Kommentar cells of a volume sheet, by line key (a row without verksamhet or volymmått has no line). The
 * comment is the template's, not a field of the volume calculator: its column is found by its header.
 */
function volumeCommentsOf(rows: SheetRows): Map<string, string> {
  const out = new Map<string, string>();
  const col = volumeCommentColumn(rows);
  if (col === undefined) return out;
  for (let r = rows.first; r < rows.end; r++) {
    const key = volumeKeyAt(rows, r);
    const comment = textOf(rows.data.values[r]?.[col]);
    if (key !== undefined && comment !== undefined) out.set(key, comment);
  }
  return out;
}

/** A volume row's line key ("Vård och omsorg / Hemtjänst"), if it has a verksamhet and a volymmått. */
function volumeKeyAt(rows: SheetRows, r: number): string | undefined {
  const area = rows.text(r, "area");
  const name = rows.text(r, "name");
  return area === undefined || name === undefined ? undefined : pathKey([area, name]);
}

/** The Kommentar column of a volume sheet: the template's, found by its header. */
function volumeCommentColumn(rows: SheetRows): number | undefined {
  const wanted = normaliseHeader(VOLUME_COMMENT_HEADER).key;
  const col = (rows.data.values[rows.header.headerIndex] ?? []).findIndex(
    (v) => typeof v === "string" && normaliseHeader(v).key === wanted,
  );
  return col < 0 ? undefined : col;
}

/**
 * Whether a volume row is as the template sent it: Utfall volym empty (the template sends it empty), Kostnad t.o.m.
 * period as pre-filled (whole tkr) and no Kommentar (`comments`, by line key). Every unit gets every line, so such a
 * row says nothing: it is set aside before it is validated (its empty Utfall volym is no error). A row of a line the
 * workbook did not send is always read.
 */
function volumeRowAsSent(
  rows: SheetRows,
  settings: ReadSettings,
  sent: ReadonlyMap<string, VolumeLine>,
  comments: ReadonlyMap<string, string>,
): (r: number) => boolean {
  const costUnit = rows.unit("actualCost", settings.amountUnit);
  const cell = (r: number, field: string) => {
    const col = rows.column(field);
    return col === undefined ? undefined : rows.data.values[r]?.[col];
  };
  return (r) => {
    const key = volumeKeyAt(rows, r);
    const line = key === undefined ? undefined : sent.get(key);
    if (key === undefined || line === undefined || textOf(cell(r, "actualVolume")) !== undefined || comments.has(key))
      return false;
    const cost = parseAmount(cell(r, "actualCost"), { type: "money", unit: costUnit });
    return (
      cost.kind === "value" &&
      toInternal(toKronor(cost.value, costUnit), settings.signConvention) === prefilledKronor(line.actualCost)
    );
  };
}

/** A returned template with no template in it: a file without the sheet, or a template sheet without its header row. */
const NOTHING_FILLED: Record<ReturnedUnit, string> = {
  file: "filen har inget ifyllt underlag: förväntade bladet Prognos, Volymer eller Åtgärder med sin rubrikrad.",
  sheet: "bladet har inget ifyllt underlag: förväntade en mall (Prognos, Volymer eller Åtgärder) med sin rubrikrad.",
};

/** A returned template: a file's sheet (one file may hold two template sheets of a kind). */
const sourceOf = (file: string, sheet: string): string => `${file}\u0000${sheet}`;

/** What the returned templates hold, gathered sheet by sheet before the copies are compared. */
interface Gathered {
  readonly forecasts: Found<ForecastEntry>[];
  readonly volumes: Found<VolumeLine>[];
  readonly measures: Found<Measure>[];
  /** The Kommentar of a volume line, by its source and key. */
  readonly comments: Map<string, string>;
  /** The volume and åtgärd sheets met in the returned files, read well or not. */
  readonly sheetsReturned: Set<TemplateSheet>;
  /** Every ansvar whose Prognos helår is filled in on a returned forecast template. */
  readonly filledIn: Set<string>;
}

interface SheetContext {
  readonly file: string;
  readonly unit: ReturnedUnit;
  readonly rows: SheetRows;
  readonly counts: TemplateRowCounts;
  readonly warnings: InputError[];
}

/** How the sheets are read, and what the workbook sent to compare the returned items with. */
interface Readers {
  readonly forecastSettings: ReadSettings;
  readonly settings: ReadSettings;
  readonly expectedSet: ReadonlySet<string>;
  readonly lines: readonly CostCentre[];
  /** The workbook's volume lines the volume template was pre-filled from, by key. */
  readonly volumesSent: ReadonlyMap<string, VolumeLine>;
  readonly volumeAgainstSent: (back: VolumeLine) => { exact: VolumeLine; changed: boolean };
  readonly measureAgainstSent: (back: Measure) => { exact: Measure; changed: boolean };
}

function gatherForecasts(g: Gathered, x: SheetContext, r: Readers, mine: string[]): void {
  const { filled, blank } = forecastCells(x.rows);
  for (const code of filled) g.filledIn.add(code);
  const cells = new Map<string, CellRef>();
  // The same key rule as the workbook's sheets: a unit may write its ansvar by code, name or path.
  const keys = r.lines.length > 0 ? new KeyResolver(r.lines) : undefined;
  const read = readForecasts(x.rows, r.forecastSettings, x.counts, new Map(), cells, false, keys);
  if (keys) x.warnings.push(...keys.warnings());
  for (const f of read) {
    g.forecasts.push({
      file: x.file,
      unit: x.unit,
      source: sourceOf(x.file, x.rows.data.sheet),
      key: f.costCentre,
      item: f,
      read: f,
      changed: true,
      at: cells.get(f.costCentre)!,
    });
    mine.push(f.costCentre);
    if (r.expectedSet.size > 0 && !r.expectedSet.has(f.costCentre))
      x.warnings.push({
        sheet: x.rows.data.sheet,
        message: `ansvar ${f.costCentre} ingår inte i utskicket men tas med.`,
      });
  }
  // A row left without Prognos helår is no forecast sent: counted as blank, not as rejected; its ansvar is missing.
  x.counts.rejected -= blank;
  x.counts.blank += blank;
}

function gatherVolumes(g: Gathered, x: SheetContext, r: Readers): void {
  const sheet = x.rows.data.sheet;
  const source = sourceOf(x.file, sheet);
  const cells = new Map<string, string>();
  const comments = volumeCommentsOf(x.rows);
  const asSent = volumeRowAsSent(x.rows, r.settings, r.volumesSent, comments);
  let leftAsSent = 0;
  const setAside = (row: number): boolean => {
    if (!asSent(row)) return false;
    leftAsSent++;
    return true;
  };
  for (const v of readVolumeLines(x.rows, r.settings, x.counts, cells, setAside)) {
    const back = r.volumeAgainstSent(v);
    const comment = comments.get(v.key);
    if (comment !== undefined) g.comments.set(`${source}\u0000${v.key}`, comment);
    // A Kommentar is no figure: only the figures say whether the unit changed the line (and can conflict).
    g.volumes.push({
      file: x.file,
      unit: x.unit,
      source,
      key: v.key,
      item: back.exact,
      read: v,
      changed: back.changed,
      at: { sheet, cell: cells.get(v.key)! },
    });
  }
  // A line left as sent was not filled in: counted as such, not as rejected.
  x.counts.rejected -= leftAsSent;
  x.counts.blank += leftAsSent;
}

function gatherMeasures(g: Gathered, x: SheetContext, r: Readers): void {
  const sheet = x.rows.data.sheet;
  const cells = new Map<string, string>();
  const unnamed = unnamedMeasureIds(x.rows);
  for (const read of readMeasures(x.rows, r.settings, x.counts, cells)) {
    const at = { sheet, cell: cells.get(read.id)! };
    const m = unnamed.has(read.id) ? namedByTemplate(read, x.file, sheet, x.unit) : read;
    const back = r.measureAgainstSent(m);
    g.measures.push({
      file: x.file,
      unit: x.unit,
      source: sourceOf(x.file, sheet),
      key: m.id,
      item: back.exact,
      read: m,
      changed: back.changed,
      at,
    });
  }
}

/** Read one returned template (a file, or a sheet in the task pane) into `g`: its summary, errors and warnings. */
async function gatherFile(
  g: Gathered,
  template: ReturnedTemplate,
  r: Readers,
): Promise<{ summary: FileSummary; errors: InputError[]; warnings: InputError[] }> {
  const { file, reader, unit = "file" } = template;
  const scan = await scanWorkbook(reader, r.settings.columnMapping, { skipOwnOutput: false });
  const counts: TemplateRowCounts = { read: 0, used: 0, rejected: 0, blank: 0 };
  const errors: InputError[] = scanErrors(scan, ["forecast", "volumes", "measures"]);
  // The scan's warnings too: rows typed below a template's table are not read, and each is named with its cell.
  const warnings: InputError[] = [...scan.warnings];
  const mine: string[] = [];
  let templates = 0;
  for (const s of scan.sheets) {
    const x: SheetContext = { file, unit, rows: new SheetRows(s.data, s.header), counts, warnings };
    const kind = s.header.spec.kind;
    if (kind === "forecast" && !s.previous) gatherForecasts(g, x, r, mine);
    else if (kind === "volumes") gatherVolumes(g, x, r);
    else if (kind === "measures") gatherMeasures(g, x, r);
    else continue;
    if (kind !== "forecast") g.sheetsReturned.add(kind);
    templates++;
    errors.push(...x.rows.errors);
    warnings.push(...x.rows.warnings);
  }
  if (templates === 0 && errors.length === 0)
    errors.push({ sheet: (await reader.sheetNames())[0] ?? "", message: NOTHING_FILLED[unit] });
  return {
    summary: { file, costCentres: mine, rows: counts },
    errors: errors.map((e) => inFile(file, e)),
    warnings: warnings.map((e) => inFile(file, e)),
  };
}

/**
 * The Kommentar of each taken volume line, from every template that returned it (a comment on figures left as sent
 * still explains them); when several templates returned the line, each comment names its template.
 */
function commentsOf(g: Gathered, taken: readonly Found<VolumeLine>[]): VolumeComment[] {
  return taken.flatMap((t) => {
    const copies = g.volumes.filter((f) => f.key === t.key);
    const texts = copies.flatMap((f) => {
      const comment = g.comments.get(`${f.source}\u0000${f.key}`);
      if (comment === undefined) return [];
      return [copies.length === 1 ? comment : `${comment} (${templateName(f.file, f.at.sheet, f.unit)})`];
    });
    return texts.length === 0 ? [] : [{ key: t.key, comment: texts.join(" | ") }];
  });
}

export async function consolidateTemplates(
  files: readonly ReturnedTemplate[],
  expected: ExpectedTemplates,
  settings: ReadSettings,
): Promise<Consolidation> {
  const g: Gathered = {
    forecasts: [],
    volumes: [],
    measures: [],
    comments: new Map(),
    sheetsReturned: new Set(),
    filledIn: new Set(),
  };
  const readers: Readers = {
    settings,
    // The template's Prognos helår is a full-year outcome in the user's sign convention, whatever the workbook's own
    // forecast column holds (Gnesta's are variances): read it as an outcome.
    forecastSettings: { ...settings, forecastColumnKind: "outcome" },
    expectedSet: new Set(expected.costCentres),
    lines: expected.lines ?? [],
    volumesSent: new Map((expected.sentFrom?.volumes ?? []).map((l) => [l.key, l])),
    volumeAgainstSent: againstSent(expected.sentFrom?.volumes, (l) => l.key, exactVolume, volumeUnchanged),
    measureAgainstSent: againstSent(
      expected.sentFrom?.measures,
      (m) => m.id,
      exactMeasure,
      (own, back) => sameItem(measureAsSent(own), back),
    ),
  };
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const summaries: FileSummary[] = [];
  const all: TemplateRowCounts = { read: 0, used: 0, rejected: 0, blank: 0 };
  for (const template of files) {
    const one = await gatherFile(g, template, readers);
    errors.push(...one.errors);
    warnings.push(...one.warnings);
    summaries.push(one.summary);
    for (const k of ["read", "used", "rejected", "blank"] as const) all[k] += one.summary.rows[k];
  }

  const f = resolve(g.forecasts, (k) => `Ansvar ${k}`, errors);
  const v = resolve(g.volumes, (k) => `Volymmåttet ${k}`, errors);
  const m = resolve(g.measures, (k) => `Åtgärd nr ${k}`, errors);
  const conflictRows = f.rejected.length + v.rejected.length + m.rejected.length;
  const rows: TemplateRowCounts = {
    read: all.read,
    used: all.used - conflictRows,
    rejected: all.rejected + conflictRows,
    blank: all.blank,
  };

  // An ansvar counts as returned when its Prognos helår is filled in somewhere; a bad one has its own error.
  const missing = expected.costCentres.filter((c) => !g.filledIn.has(c));
  const sentSheets = expected.sheets ?? {};
  const missingSheets = (["volumes", "measures"] as const).filter(
    (s) => sentSheets[s] !== undefined && !g.sheetsReturned.has(s),
  );
  const label = (c: string): string => (expected.names?.[c] ? `${c} ${expected.names[c]}` : c);
  const missingLabels = [
    ...missing.map(label),
    ...missingSheets.map((s) => `${TEMPLATE_SHEET_LABEL[s]} (${sentSheets[s]})`),
  ];
  return {
    forecasts: f.kept.map((x) => x.item),
    volumes: v.kept.map((x) => x.item),
    measures: m.kept.map((x) => x.item),
    asRead: { volumes: v.taken.map((x) => x.read), measures: m.taken.map((x) => x.read) },
    volumeComments: commentsOf(g, v.taken),
    errors,
    warnings,
    conflicts: [...f.conflicts, ...v.conflicts, ...m.conflicts],
    missing,
    missingSheets,
    missingText: missingLabels.length > 0 ? `saknas: ${missingLabels.join(", ")}` : undefined,
    files: summaries,
    rows,
    totals: totalsOf(g.forecasts, f, (x) => x.forecast),
    forecastCount: totalsOf(g.forecasts, f, () => 1),
    volumeTotals: {
      actualVolume: totalsOf(g.volumes, v, (x) => x.actualVolume),
      actualCost: totalsOf(g.volumes, v, (x) => x.actualCost),
    },
    measureTotals: {
      plannedEffect: totalsOf(g.measures, m, (x) => x.plannedEffect),
      forecastEffect: totalsOf(g.measures, m, (x) => x.forecastEffect),
    },
  };
}

/** Items of the workbook with the returned ones merged in by key, and the keys of the returned items it lacked. */
export interface Merged<T> {
  readonly items: T[];
  readonly added: string[];
}

function mergeByKey<T>(
  own: readonly T[],
  returned: readonly T[],
  key: (item: T) => string,
  take: (own: T, back: T) => T,
): Merged<T> {
  const back = new Map(returned.map((item) => [key(item), item]));
  const ownKeys = new Set(own.map(key));
  const added = returned.filter((item) => !ownKeys.has(key(item)));
  return {
    items: [...own.map((item) => (back.has(key(item)) ? take(item, back.get(key(item))!) : item)), ...added],
    added: added.map(key),
  };
}

/**
 * The workbook's volume lines with the returned ones. The volume template's input cells are Utfall volym and
 * Kostnad t.o.m. period: a returned line gives those, but a cost left as pre-filled (whole tkr) keeps the workbook's
 * exact figure. Its plan (budgeterad volym, á-pris, fast del) is locked in
 * the template and rounded there to whole tkr, and it has no Roll or Motpart: those stay the workbook's. A returned
 * line the workbook lacks is added as it was read.
 */
export function mergeVolumeLines(own: readonly VolumeLine[], returned: readonly VolumeLine[]): Merged<VolumeLine> {
  return mergeByKey(
    own,
    returned,
    (l) => l.key,
    (line, back) => ({
      ...line,
      actualVolume: back.actualVolume,
      actualCost: unlessUnchanged(line.actualCost, back.actualCost)!,
    }),
  );
}

/**
 * The workbook's measures with the returned ones: every column of the åtgärd template but Nr and Ägare is an input
 * cell, so a returned measure replaces the workbook's of the same Nr (an effect left as pre-filled, whole tkr, keeps
 * the workbook's exact figure); a new measure (a blank row filled in) is added.
 */
export function mergeMeasures(own: readonly Measure[], returned: readonly Measure[]): Merged<Measure> {
  return mergeByKey(own, returned, (m) => m.id, exactMeasure);
}
