/**
 * The task pane's jobs, free of React: read the workbook (all of it, or with one block replaced by the current
 * selection or a named table), run the shared job pipeline (`src/jobs`), write its sheets, and sum up the result
 * in a few lines. The components only call `runJob` and show what it returns.
 */
import type { CellValue } from "../cells";
import { formatTkr } from "../core/amounts";
import { unmatchedByLine } from "../core/commentary";
import type { ActionPlanResult } from "../core/actionPlan";
import type { PrognosisResult } from "../core/prognosis";
import { readStoredCommentary } from "../input/commentaryInput";
import { budgetSheets } from "../input/budgetBuildingInput";
import type { InputError } from "../input/errors";
import type { TemplateSheet } from "../input/templates";
import { ownSheets, recognisedSheet } from "../input/scan";
import {
  DEFAULT_SETTINGS,
  readSettings,
  SETTINGS_SHEET,
  type ReadSettings,
  type RecognisedSheet,
} from "../input/settings";
import type { RowCounts } from "../input/sheetRows";
import { actionPlanJob, prognosisJob, volumeJob } from "../jobs/calculators";
import { budgetJob } from "../jobs/budgetBuilding";
import { readHistory } from "../jobs/history";
import { collectedSheets, missingChecks, reportSheets, type ReportSheets } from "../jobs/reportSheets";
import { hasSheet, startJob, type JobRun, type ReadReport, type Step } from "../jobs/run";
import { lineLabel } from "../jobs/statements";
import { consolidateReturned, JOB_CALCULATORS, missingSentence, returnedSentence } from "../jobs/templates";
import { gapSentence } from "../report/actionPlanSheet";
import { rankChecks, type Check } from "../report/kontroller";
import { OUTPUT_MARK, type SheetLayout } from "../report/layout";
import { reconciliationText } from "../report/prognosisSheet";
import { LARGEST_DEFICITS, largestDeficitRows, resultSentence, unknownLinesSentence } from "../report/summarySheet";
import {
  ACTION_PLAN_TEMPLATE_SHEET,
  buildActionPlanTemplate,
  buildForecastTemplate,
  noForecastTemplateAtYearEnd,
  buildVolumeTemplate,
  FORECAST_TEMPLATE_SHEET,
  TEMPLATE_TABLES,
  VOLUME_TEMPLATE_SHEET,
} from "../report/templates";
import type { AskEdited, OfficeWriteOptions, OfficeWriteReport } from "../workbook/office/writer";
import type { SheetData, TableInfo, WorkbookReader } from "../workbook/types";
import { HEADER_ROWS, mappingProblems, type SheetHeads } from "./mapping";

/** The answer to "you have edited these sheets of ours", and the question (the task pane shows a dialog). */
export type { AskEdited, EditedChoice } from "../workbook/office/writer";

export type JobKind = "prognosis" | "volume" | "actionPlan" | "templates" | "readTemplates" | "budget";

/** Where a job's input comes from: every sheet as detected, or one sheet's block replaced by a selection or a table. */
export type InputSource =
  { readonly kind: "auto" } | { readonly kind: "selection" } | { readonly kind: "table"; readonly table: string };

export type Settings = ReadSettings;

export function defaultSettings(today: Date = new Date()): Settings {
  // The follow-up month is the last closed month: in September the books are closed for August.
  const month = today.getMonth() === 0 ? 12 : today.getMonth();
  const year = today.getMonth() === 0 ? today.getFullYear() - 1 : today.getFullYear();
  return { ...DEFAULT_SETTINGS, year, month };
}

/**
 * Writes a job's sheets, asking about our sheets the user has edited in the same pass (the Office writer: one read
 * of those sheets serves both the question and the write).
 */
export interface JobWriter {
  writeSheets(layouts: readonly SheetLayout[], options: OfficeWriteOptions): Promise<OfficeWriteReport>;
}

/** What the task pane needs from Excel; the real ones are in `src/workbook/office`, tests pass fakes. */
export interface JobHost {
  readonly reader: WorkbookReader;
  readonly writer: JobWriter;
  readSelection(): Promise<SheetData>;
}

export interface JobSummary {
  /** Sentences: the result, the gap to budget i balans, the reconciliation. */
  readonly lines: readonly string[];
  /** The largest deficits, "Individ och familjeomsorg -2 050" (tkr), with the variance in kronor for their bars. */
  readonly deficits: readonly Deficit[];
  /** The headline of the first screen, in kronor: the full-year variance (+ = överskott) and what is missing. */
  readonly headline?: Headline;
}

export interface Deficit {
  readonly name: string;
  readonly tkr: string;
  /** The full-year variance in kronor (negative: an underskott). */
  readonly kronor: number;
}

export interface Headline {
  /** Prognostiserad avvikelse helår (the bokslut: the year's variance), kronor, + = överskott. */
  readonly variance: number;
  readonly budget: number;
  /** The bokslut: the year's outcome, no forecast. */
  readonly yearEnd: boolean;
  /** What is missing to budget i balans (after the åtgärdsplan's measures not in the forecast, when there is one). */
  readonly gap: number;
  /** The result is not stated (input not matched to the hierarchy): the sentence says why. */
  readonly unstated?: boolean;
}

export interface JobOutcome {
  readonly ok: boolean;
  readonly errors: readonly InputError[];
  readonly warnings: readonly InputError[];
  /** The run's Kontroller: every warning, ranked by money at stake (the sheet Kontroller lists the same). */
  readonly checks: readonly Check[];
  readonly recognised: readonly RecognisedSheet[];
  readonly rows?: RowCounts;
  readonly summary?: JobSummary;
  /** The sheet to show first, and all sheets written. */
  readonly sheet?: string;
  readonly written: readonly string[];
  /** Our sheets the user had edited and chose to keep: not written, so they may disagree with the written ones. */
  readonly kept?: readonly string[];
  /** The user chose not to replace the sheets they had edited, and not to write at all: nothing was written. */
  readonly cancelled?: boolean;
}

export type Progress = (step: "read" | "calculate" | "write" | "done") => void;

/**
 * The sentences the pane words itself, in its display language (i18n.ts gives them in Swedish and English). The
 * sentences of the report layer (the result, the reconciliation, the returned templates) are the report sheets' own
 * and stay Swedish.
 */
export interface JobWords {
  cancelled: string;
  kept: (sheets: readonly string[]) => string;
  templatesWritten: (sheets: readonly string[]) => string;
  volumeVariance: (month: number, variance: string, volume: string, price: string) => string;
  volumeForecast: (variance: string) => string;
  unquantified: (ids: readonly string[]) => string;
  gap: (tkr: string) => string;
  commentsKept: (names: readonly string[]) => string;
}

/** The Swedish words (the command line's language, and the pane's first). */
export const SWEDISH_WORDS: JobWords = {
  cancelled: "Avbrutet: ingenting skrevs.",
  kept: (sheets) =>
    `Dina ändringar i ${sheets.join(", ")} behölls; ${sheets.length === 1 ? "bladet" : "bladen"} skrevs inte om.`,
  templatesWritten: (sheets) =>
    `Mallarna är skrivna till bladen ${sheets.join(", ")}. Skicka dem till enheterna och läs tillbaka dem när de är ifyllda.`,
  volumeVariance: (month, variance, volume, price) =>
    `Avvikelse t.o.m. månad ${month}: ${variance} tkr, varav volymeffekt ${volume} tkr och pris-/effektivitetseffekt ${price} tkr.`,
  volumeForecast: (variance) => `Prognos helår: avvikelse ${variance} tkr.`,
  unquantified: (ids) => `${ids.length} åtgärder saknar beräknad effekt: ${ids.join(", ")}.`,
  gap: (tkr) => `Till budget i balans fattas ${tkr} tkr.`,
  commentsKept: (names) =>
    `${names.length} ${names.length === 1 ? "kommentar som du har ändrat behölls" : "kommentarer som du har ändrat behölls"}: ${names.join(", ")}.`,
};

/** A reader whose one sheet block (by sheet name) is the given data; the other sheets are read as they are. */
export function overrideReader(reader: WorkbookReader, block: SheetData): WorkbookReader {
  return {
    sheetNames: () => reader.sheetNames(),
    tables: () => reader.tables(),
    readSheet: (sheet) => (sheet === block.sheet ? Promise.resolve(block) : reader.readSheet(sheet)),
    readTable: (name) => reader.readTable(name),
  };
}

/** A reader that leaves out some sheets (the returned templates, when the workbook's own input is read). */
function withoutSheets(reader: WorkbookReader, left: readonly string[]): WorkbookReader {
  const out = new Set(left.map((s) => s.toLowerCase()));
  return {
    sheetNames: async () => (await reader.sheetNames()).filter((s) => !out.has(s.toLowerCase())),
    tables: () => reader.tables(),
    readSheet: (s) => reader.readSheet(s),
    readTable: (n) => reader.readTable(n),
  };
}

/**
 * The template sheets Skapa mallar writes in the workbook. They are named apart from the input sheets they are made
 * from (Prognos, Volymer, Åtgärder), so that a workbook with its own input can have its templates too.
 */
export const PANE_TEMPLATE_SHEETS = {
  forecast: `Mall ${FORECAST_TEMPLATE_SHEET}`,
  volumes: `Mall ${VOLUME_TEMPLATE_SHEET}`,
  measures: `Mall ${ACTION_PLAN_TEMPLATE_SHEET}`,
} as const;

/** A template's table, or a copy's (Excel numbers a table copied in beside its original: "Budgetkoll_Prognosmall2"). */
const TEMPLATE_TABLE = new RegExp(`^(${TEMPLATE_TABLES.join("|")})\\d*$`, "i");

/**
 * A free name for a template sheet: the plain name, or with a number when a sheet of that name is the user's own
 * ("Mall Prognos 2"). A sheet of ours (in the registry) is replaced, as every report sheet is.
 */
function templateSheetName(base: string, names: readonly string[], own: ReadonlySet<string>): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base} ${i}`;
    if (!taken.has(name.toLowerCase()) || own.has(name.toLowerCase())) return name;
  }
}

/**
 * The returned templates in the workbook, found by the add-in's registry and the templates' tables, never by a sheet
 * name: the template sheets Skapa mallar wrote (listed in the registry, holding a template table), filled in where
 * they are, and copies the controller moved in from the units' workbooks (Flytta eller kopiera), which this
 * workbook's registry does not list but which keep their template table. The user's own input sheet "Prognos" holds
 * no template table and is never a template.
 */
async function templateSheets(reader: WorkbookReader): Promise<TemplateSheets> {
  const tables = await reader.tables();
  const names = await reader.sheetNames();
  const own = await ownSheets(reader, names);
  const holding = new Set(tables.filter((t) => TEMPLATE_TABLE.test(t.name)).map((t) => t.sheet.toLowerCase()));
  const registered = names.filter((s) => own.has(s.toLowerCase()) && holding.has(s.toLowerCase()));
  const movedIn = names.filter((s) => !own.has(s.toLowerCase()) && holding.has(s.toLowerCase()));
  return { sheets: [...registered, ...movedIn], tables };
}

interface TemplateSheets {
  readonly sheets: readonly string[];
  /** The workbook's tables, the templates' among them. */
  readonly tables: readonly TableInfo[];
}

/** A reader of one sheet of the workbook and its tables: a returned template, as a file is on the command line. */
function sheetReader(reader: WorkbookReader, sheet: string, tables: readonly TableInfo[]): WorkbookReader {
  const own = tables.filter((t) => t.sheet === sheet);
  return {
    sheetNames: async () => [sheet],
    tables: async () => own,
    readSheet: (s) => reader.readSheet(s),
    readTable: (n) => reader.readTable(n),
  };
}

/** A returned template's error or warning: its sheet names it (the file the consolidation adds is the same sheet). */
const onSheet = ({ file: _sheet, ...e }: InputError): InputError => e;

/**
 * The volume and åtgärd templates Skapa mallar sends out: the volume template when the workbook has volumes, the
 * åtgärd template always (with blank rows for new measures).
 */
function sentTemplates(run: JobRun): Partial<Record<TemplateSheet, string>> {
  return {
    ...(hasSheet(run, "volumes") ? { volumes: PANE_TEMPLATE_SHEETS.volumes } : {}),
    measures: PANE_TEMPLATE_SHEETS.measures,
  };
}

const NO_TEMPLATES: InputError = {
  sheet: PANE_TEMPLATE_SHEETS.forecast,
  message: `arbetsboken har inga ifyllda mallar att läsa tillbaka: skapa mallarna med Skapa mallar, eller flytta in de inlämnade mallbladen (${Object.values(PANE_TEMPLATE_SHEETS).join(", ")}) i arbetsboken.`,
};

interface Written {
  readonly sheets: ReportSheets;
  readonly lines: string[];
  readonly deficits: JobSummary["deficits"];
  readonly headline: Headline;
}

/**
 * Läs tillbaka: the template sheets consolidated as the command line's samla consolidates returned files (each
 * sheet a returned template), into the prognosis, the volume budget and the åtgärdsplan with the templates'
 * reconciliation under them, written as `collectedSheets` decides; the summary says what came back and which
 * templates have not.
 */
async function readBack(
  run: JobRun,
  reader: WorkbookReader,
  found: TemplateSheets,
  words: JobWords,
): Promise<Step<Written>> {
  if (found.sheets.length === 0) return { ok: false, errors: [NO_TEMPLATES] };
  const files = found.sheets.map((sheet) => ({
    file: sheet,
    unit: "sheet" as const,
    reader: sheetReader(reader, sheet, found.tables),
  }));
  const back = await consolidateReturned(run, files, sentTemplates(run), JOB_CALCULATORS);
  if (!back.ok) return { ...back, errors: back.errors.map(onSheet) };
  const { prognosis, actionPlan, consolidation, volumeNotes, actionPlanNotes } = back.value;
  const { result } = prognosis;
  const warnings = back.warnings.map(onSheet);
  const sheets = collectedSheets(run, back.value, [...warnings, ...missingChecks(consolidation, result)]);
  if (!sheets.ok) return sheets;
  const lines = [
    ...resultLines(result, actionPlan?.result, words),
    returnedSentence(run, consolidation, result, `${found.sheets.length} mallblad`),
    missingSentence(consolidation),
    ...volumeNotes,
    ...actionPlanNotes,
    reconciliationText(result, run.settings.signConvention),
  ];
  const headline = headlineOf(result, actionPlan?.result);
  return { ...back, value: { sheets: sheets.value, lines, deficits: largestDeficits(result), headline }, warnings };
}

/** A reader that keeps the sheet names and the first rows of every sheet read, for checking the column mapping. */
function recordingHeads(reader: WorkbookReader): { reader: WorkbookReader; read: SheetHeads } {
  const read: { names: string[]; heads: Map<string, readonly (readonly CellValue[])[]> } = {
    names: [],
    heads: new Map(),
  };
  const keep = (data: SheetData): SheetData => (read.heads.set(data.sheet, data.values.slice(0, HEADER_ROWS)), data);
  return {
    read,
    reader: {
      sheetNames: async () => (read.names = await reader.sheetNames()),
      tables: () => reader.tables(),
      readSheet: async (sheet) => keep(await reader.readSheet(sheet)),
      readTable: (name) => reader.readTable(name),
    },
  };
}

async function sourceReader(host: JobHost, source: InputSource): Promise<WorkbookReader> {
  if (source.kind === "selection") return overrideReader(host.reader, await host.readSelection());
  if (source.kind === "table") return overrideReader(host.reader, await host.reader.readTable(source.table));
  return host.reader;
}

export function tableNames(tables: readonly TableInfo[]): string[] {
  return tables.map((t) => t.name).filter((n) => !n.startsWith(`${OUTPUT_MARK}_`)); // our own report tables are output, not input
}

/** Where the report says its data came from. */
function sourceLabel(source: InputSource): string {
  return `Excel, ${source.kind === "auto" ? "arbetsbokens blad" : source.kind === "selection" ? "markeringen" : `tabellen ${source.table}`}`;
}

/** The largest deficits as the summary sheet lists them (per ansvar, by the shown tkr), in tkr as shown. */
export function largestDeficits(result: PrognosisResult): Deficit[] {
  return largestDeficitRows(result).map((r) => ({
    name: lineLabel(r),
    tkr: formatTkr(r.varianceFullYear),
    kronor: r.varianceFullYear,
  }));
}

/** The first screen's headline: the nämnd's full-year variance and the gap to budget i balans. */
function headlineOf(result: PrognosisResult, actionPlan?: ActionPlanResult): Headline {
  const variance = result.total.varianceFullYear;
  return {
    variance,
    budget: result.total.annualBudget,
    yearEnd: result.yearEnd === true,
    gap: actionPlan ? actionPlan.remainingGap : Math.max(0, -variance),
    ...(unmatchedByLine(result).has(result.total.key) ? { unstated: true } : {}),
  };
}

/** The prognosis's result and what is missing to budget i balans (with the åtgärdsplan: after its measures). */
function resultLines(result: PrognosisResult, actionPlan: ActionPlanResult | undefined, words: JobWords): string[] {
  // At the bokslut the year is closed: its result is said, no road to budget i balans (as on Sammanfattning).
  const gap = result.yearEnd
    ? []
    : actionPlan
      ? [gapSentence(actionPlan)]
      : result.total.varianceFullYear < 0
        ? [words.gap(formatTkr(-result.total.varianceFullYear))]
        : [];
  return [
    resultSentence(result),
    ...[unknownLinesSentence(result)].filter((t): t is string => t !== undefined),
    ...gap,
  ];
}

function failed(
  step: { readonly errors: InputError[]; readonly read?: ReadReport },
  warnings: readonly InputError[],
): JobOutcome {
  const all = [...warnings, ...(step.read?.warnings ?? [])];
  return {
    ok: false,
    errors: step.errors,
    warnings: all,
    checks: rankChecks(all),
    recognised: step.read?.recognised ?? [],
    rows: step.read?.rows,
    written: [],
  };
}

/**
 * The budgetberedning on the open workbook (its sheets Uppräkning, Budgetunderlag, Ramar ...): the same job as
 * `budgetkoll budget`, its sheets written beside the input.
 */
async function runBudgetJob(host: JobHost, progress: Progress, ask: AskEdited): Promise<JobOutcome> {
  progress("read");
  const sheets = await budgetSheets(host.reader);
  progress("calculate");
  const job = budgetJob(sheets, { source: "den öppna arbetsboken" });
  if (!job.ok) return failed(job, []);
  const { result, layouts, checks } = job.value;
  progress("write");
  const report = await host.writer.writeSheets(layouts, { onEdited: ask, merged: [] });
  progress("done");
  const base = { errors: [], warnings: job.warnings, checks, recognised: [] };
  if (report.cancelled)
    return {
      ...base,
      ok: false,
      cancelled: true,
      summary: { lines: ["Avbrutet: ingenting skrevs."], deficits: [] },
      written: [],
    };
  const lines = result.bridges.map(
    (b) =>
      `Budget ${b.year}: ${formatTkr(b.to)} tkr (${formatTkr(b.to - b.from)} tkr mot året före, ${b.rows.length} namngivna steg).`,
  );
  return { ...base, ok: true, summary: { lines, deficits: [] }, sheet: layouts[0]?.name, written: report.written };
}

/** Without a dialog (tests, scripts): an edited sheet is kept as the user left it. */
const KEEP_EDITED: AskEdited = async () => "keep";

/**
 * Runs a job and writes its sheets. Before writing, our sheets the user has edited since we wrote them are
 * found, and `ask` decides: replace them, keep them (the other sheets are written), or write nothing. A sheet
 * edited while the question was open is asked about in a further question, never replaced unasked.
 */
export async function runJob(
  kind: JobKind,
  host: JobHost,
  settings: Settings,
  source: InputSource,
  progress: Progress = () => {},
  ask: AskEdited = KEEP_EDITED,
  words: JobWords = SWEDISH_WORDS,
): Promise<JobOutcome> {
  if (kind === "budget") return runBudgetJob(host, progress, ask);
  progress("read");
  // Reading templates back, the workbook's own input is every sheet but the templates (and, as always, our reports).
  const templates = kind === "readTemplates" ? await templateSheets(host.reader) : undefined;
  const { reader, read } = recordingHeads(
    templates ? withoutSheets(host.reader, templates.sheets) : await sourceReader(host, source),
  );
  const started = await startJob(reader, settings, sourceLabel(source));
  // A mapping entry that does nothing (no such field, sheet or header) is said, not silently ignored.
  const unmapped = settings.columnMapping ? mappingProblems(settings.columnMapping, read) : [];
  // The forecast history is the workbook's own hidden sheet: it gives the previous forecasts.
  const saved =
    kind === "prognosis" || kind === "readTemplates" ? await readHistory(host.reader) : { rows: [], warnings: [] };
  // A name on the sheet Inställningar that is no setting: into the Kontroller, as on the command line.
  const settingsWarnings = (await readSettings(host.reader)).warnings;
  const run: JobRun = {
    ...started,
    history: saved.rows,
    warnings: [...settingsWarnings, ...unmapped, ...saved.warnings],
  };
  const edgeWarnings = run.warnings ?? [];
  progress("calculate");
  /** Writes the sheets `reportSheets` decided (or the templates); `checks` is the run's Kontroller. */
  const write = async (
    sheets: Pick<ReportSheets, "layouts" | "merged" | "checks"> & { main?: string },
    lines: string[],
    deficits: JobSummary["deficits"],
    step: Step<unknown> & { ok: true },
    headline?: Headline,
  ): Promise<JobOutcome> => {
    progress("write");
    const { layouts, merged, checks } = sheets;
    // The recognised sheets of the scan, for jobs whose reader gives none.
    const recognised = step.read?.recognised.length ? step.read.recognised : run.scan.sheets.map(recognisedSheet);
    const warnings = [...edgeWarnings, ...step.warnings];
    // The writer asks about our edited sheets (not the merged ones) between reading them and writing.
    const report = await host.writer.writeSheets(layouts, { onEdited: ask, merged });
    progress("done");
    if (report.cancelled) {
      return {
        ok: false,
        cancelled: true,
        errors: [],
        warnings,
        checks,
        recognised,
        rows: step.read?.rows,
        summary: { lines: [words.cancelled], deficits: [] },
        written: [],
      };
    }
    const kept = report.keptEdited.length > 0 ? [words.kept(report.keptEdited)] : [];
    return {
      ok: true,
      errors: [],
      warnings,
      checks,
      recognised,
      rows: step.read?.rows,
      summary: { lines: [...lines, ...kept, ...(report.notices ?? [])], deficits, ...(headline ? { headline } : {}) },
      sheet: sheets.main ?? layouts[0]?.name,
      written: report.written,
      kept: report.keptEdited,
    };
  };

  if (kind === "volume") {
    const r = reportSheets(run, "volume");
    if (!r.ok) return failed(r, edgeWarnings);
    const t = r.value.volume!.result.total;
    const lines = [
      words.volumeVariance(
        r.value.volume!.result.month,
        formatTkr(t.variance),
        formatTkr(t.volumeEffect),
        formatTkr(t.priceEffect),
      ),
      words.volumeForecast(formatTkr(t.forecastVariance)),
    ];
    const deficits = r.value
      .volume!.result.areas.filter((a) => a.forecastVariance < 0)
      .sort((a, b) => a.forecastVariance - b.forecastVariance)
      .slice(0, LARGEST_DEFICITS)
      .map((a) => ({ name: a.area, tkr: formatTkr(a.forecastVariance), kronor: a.forecastVariance }));
    return write(r.value, lines, deficits, r);
  }

  if (kind === "actionPlan") {
    const r = reportSheets(run, "actionPlan");
    if (!r.ok) return failed(r, edgeWarnings);
    const result = r.value.actionPlan!.result;
    const lines = [
      gapSentence(result, run.meta.yearEnd === true),
      ...(result.unquantified.length > 0 ? [words.unquantified(result.unquantified)] : []),
    ];
    return write(r.value, lines, [], r);
  }

  if (templates) {
    const back = await readBack(run, host.reader, templates, words);
    if (!back.ok) return failed(back, edgeWarnings);
    const { sheets, lines, deficits, headline } = back.value;
    return write(sheets, lines, deficits, back, headline);
  }

  if (kind === "templates") {
    const p = prognosisJob(run);
    if (!p.ok) return failed(p, edgeWarnings);
    const { result } = p.value;
    const names = await host.reader.sheetNames();
    const own = await ownSheets(host.reader, names);
    const named = (layout: SheetLayout, base: string): SheetLayout => ({
      ...layout,
      name: templateSheetName(base, names, own),
    });
    const layouts = result.yearEnd
      ? []
      : [named(buildForecastTemplate(result, {}, settings.signConvention), PANE_TEMPLATE_SHEETS.forecast)];
    const yearEndNote = result.yearEnd
      ? [{ sheet: SETTINGS_SHEET, message: noForecastTemplateAtYearEnd(result.year) }]
      : [];
    const volumes = volumeJob(run);
    if (volumes.ok)
      layouts.push(
        named(
          buildVolumeTemplate(result.year, result.month, volumes.value.input.lines, settings.signConvention),
          PANE_TEMPLATE_SHEETS.volumes,
        ),
      );
    const measures = actionPlanJob(run);
    layouts.push(
      named(
        buildActionPlanTemplate(result.year, measures.ok ? measures.value.input.measures : []),
        PANE_TEMPLATE_SHEETS.measures,
      ),
    );
    const step = { ...p, warnings: [...p.warnings, ...yearEndNote] };
    return write(
      { layouts, merged: [], checks: rankChecks([...edgeWarnings, ...step.warnings]) },
      [words.templatesWritten(layouts.map((l) => l.name))],
      [],
      step,
    );
  }

  // The commentary sheet, as the command line's rapport writes it: sentences the controller edited in the
  // workbook's own commentary sheet are kept.
  const stored = await readStoredCommentary(host.reader);
  if (!stored.value) return failed(stored, edgeWarnings);
  // The nämnd's whole report, as the command line's rapport writes it (`reportSheets`).
  const r = reportSheets(run, "report", { stored: stored.value });
  if (!r.ok) return failed(r, edgeWarnings);
  const { prognosis, actionPlan, report } = r.value;
  const result = prognosis!.result;
  // The reconciliation's amounts in the user's sign convention, as the prognosis sheet shows them.
  const lines = [
    ...resultLines(result, actionPlan?.result, words),
    reconciliationText(result, settings.signConvention),
  ];
  const { commentary } = report!.namnd;
  if (commentary.kept.length > 0) {
    const names = new Map(
      commentary.lines.map((l) => [l.key, l.role === "total" || l.key === l.name ? l.name : `${l.key} ${l.name}`]),
    );
    lines.push(words.commentsKept(commentary.kept.map((u) => names.get(u.key) ?? u.key)));
  }
  return write(r.value, lines, largestDeficits(result), r, headlineOf(result, actionPlan?.result));
}
