/**
 * The task pane's jobs, free of React: read the workbook (all of it, or with one block replaced by the current
 * selection or a named table), calculate, build the report sheets, write them, and sum up the result in a few
 * lines. The components only call `runJob` and show what it returns.
 */
import { calculateActionPlan } from "../core/actionPlan";
import { formatTkr } from "../core/amounts";
import { calculatePrognosis, type PrognosisResult } from "../core/prognosis";
import { SIGN_CONVENTION_LABEL } from "../core/signs";
import { calculateVolumeBudget } from "../core/volume";
import { actionPlanFromScan } from "../input/actionPlanInput";
import type { InputError } from "../input/errors";
import { prognosisFromScan } from "../input/prognosisInput";
import { recognisedSheet, scanWorkbook, type Scan } from "../input/scan";
import { volumeFromScan } from "../input/volumeInput";
import { DEFAULT_SETTINGS, type ReadOutcome, type ReadSettings, type RecognisedSheet } from "../input/settings";
import type { RowCounts } from "../input/sheetRows";
import { ACTION_PLAN_SHEET, buildActionPlanSheet, gapSentence } from "../report/actionPlanSheet";
import { OUTPUT_MARK, type SheetLayout } from "../report/layout";
import type { ReportMeta } from "../report/meta";
import { buildPrognosisSheet, PROGNOSIS_SHEET, reconciliationText } from "../report/prognosisSheet";
import { buildSummarySheet, LARGEST_DEFICITS, resultSentence, SUMMARY_SHEET } from "../report/summarySheet";
import { buildActionPlanTemplate, buildForecastTemplate, buildVolumeTemplate, FORECAST_TEMPLATE_SHEET } from "../report/templates";
import { buildVolumeSheet, VOLUME_SHEET } from "../report/volumeSheet";
import type { SheetData, TableInfo, WorkbookReader, WorkbookWriter, WriteOptions } from "../workbook/types";

export type JobKind = "prognosis" | "volume" | "actionPlan" | "templates" | "readTemplates";

/** Where a job's input comes from: every sheet as detected, or one sheet's block replaced by a selection or a table. */
export type InputSource = { readonly kind: "auto" } | { readonly kind: "selection" } | { readonly kind: "table"; readonly table: string };

export type Settings = ReadSettings;

export function defaultSettings(today: Date = new Date()): Settings {
  // The follow-up month is the last closed month: in September the books are closed for August.
  const month = today.getMonth() === 0 ? 12 : today.getMonth();
  const year = today.getMonth() === 0 ? today.getFullYear() - 1 : today.getFullYear();
  return { ...DEFAULT_SETTINGS, year, month };
}

/** What the task pane needs from Excel; the real ones are in `src/workbook/office`, tests pass fakes. */
export interface JobHost {
  readonly reader: WorkbookReader;
  readonly writer: WorkbookWriter;
  readSelection(): Promise<SheetData>;
}

export interface JobSummary {
  /** Sentences: the result, the gap to budget i balans, the reconciliation. */
  readonly lines: readonly string[];
  /** The largest deficits, "Individ och familjeomsorg -2 050" (tkr). */
  readonly deficits: readonly { readonly name: string; readonly tkr: string }[];
}

export interface JobOutcome {
  readonly ok: boolean;
  readonly errors: readonly InputError[];
  readonly warnings: readonly InputError[];
  readonly recognised: readonly RecognisedSheet[];
  readonly rows?: RowCounts;
  readonly summary?: JobSummary;
  /** The sheet to show first, and all sheets written. */
  readonly sheet?: string;
  readonly written: readonly string[];
}

export type Progress = (step: "read" | "calculate" | "write" | "done") => void;

/** A reader whose one sheet block (by sheet name) is the given data; the other sheets are read as they are. */
export function overrideReader(reader: WorkbookReader, block: SheetData): WorkbookReader {
  return {
    sheetNames: () => reader.sheetNames(),
    tables: () => reader.tables(),
    readSheet: (sheet) => (sheet === block.sheet ? Promise.resolve(block) : reader.readSheet(sheet)),
    readTable: (name) => reader.readTable(name),
  };
}

/** A reader that leaves out some sheets (the add-in's reports, when templates are read back). */
function withoutSheets(reader: WorkbookReader, left: readonly string[]): WorkbookReader {
  const out = new Set(left.map((s) => s.toLowerCase()));
  return { sheetNames: async () => (await reader.sheetNames()).filter((s) => !out.has(s.toLowerCase())), tables: () => reader.tables(), readSheet: (s) => reader.readSheet(s), readTable: (n) => reader.readTable(n) };
}

async function sourceReader(host: JobHost, source: InputSource): Promise<WorkbookReader> {
  if (source.kind === "selection") return overrideReader(host.reader, await host.readSelection());
  if (source.kind === "table") return overrideReader(host.reader, await host.reader.readTable(source.table));
  return host.reader;
}

export function tableNames(tables: readonly TableInfo[]): string[] {
  return tables.map((t) => t.name).filter((n) => !n.startsWith(`${OUTPUT_MARK}_`)); // our own report tables are output, not input
}

function meta(settings: Settings, source: InputSource, budgetVersion?: string): ReportMeta {
  const from = source.kind === "auto" ? "arbetsbokens blad" : source.kind === "selection" ? "markeringen" : `tabellen ${source.table}`;
  return { runDate: new Date().toISOString().slice(0, 10), source: `Excel, ${from}`, budgetVersion, signConventionLabel: SIGN_CONVENTION_LABEL[settings.signConvention] };
}

/** The top levels of the hierarchy with a deficit, largest first, in tkr as shown in the reports. */
export function largestDeficits(result: PrognosisResult): { name: string; tkr: string }[] {
  return result.rows
    .filter((r) => r.depth === 0 && r.varianceFullYear < 0)
    .sort((a, b) => a.varianceFullYear - b.varianceFullYear)
    .slice(0, LARGEST_DEFICITS)
    .map((r) => ({ name: r.name, tkr: formatTkr(r.varianceFullYear) }));
}

function failed(read: Pick<ReadOutcome<unknown>, "errors" | "warnings" | "recognised" | "rows">): JobOutcome {
  return { ok: false, errors: read.errors, warnings: read.warnings, recognised: read.recognised, rows: read.rows, written: [] };
}

const WRITE: WriteOptions = { onEdited: "replace" };

/** The recognised sheets of a scan, for jobs whose reader gives none. */
function scanned(scan: Scan): RecognisedSheet[] {
  return scan.sheets.map(recognisedSheet);
}

export async function runJob(kind: JobKind, host: JobHost, settings: Settings, source: InputSource, progress: Progress = () => {}): Promise<JobOutcome> {
  progress("read");
  const reader = kind === "readTemplates" ? withoutSheets(host.reader, [PROGNOSIS_SHEET, SUMMARY_SHEET, VOLUME_SHEET, ACTION_PLAN_SHEET]) : await sourceReader(host, source);
  const scan = await scanWorkbook(reader, settings.columnMapping, { skipOwnOutput: kind !== "readTemplates" });
  const write = async (layouts: SheetLayout[], lines: string[], deficits: JobSummary["deficits"], read: ReadOutcome<unknown>): Promise<JobOutcome> => {
    progress("write");
    const report = await host.writer.writeSheets(layouts, WRITE);
    progress("done");
    const recognised = read.recognised.length > 0 ? read.recognised : scanned(scan);
    return { ok: true, errors: [], warnings: [...scan.warnings, ...read.warnings], recognised, rows: read.rows, summary: { lines, deficits }, sheet: layouts[0]?.name, written: report.written };
  };

  if (kind === "volume") {
    const read = volumeFromScan(scan, settings);
    if (!read.value || read.errors.length > 0) return failed(read);
    progress("calculate");
    const result = calculateVolumeBudget(read.value);
    const t = result.total;
    const lines = [
      `Avvikelse t.o.m. månad ${result.month}: ${formatTkr(t.variance)} tkr, varav volymeffekt ${formatTkr(t.volumeEffect)} tkr och pris-/effektivitetseffekt ${formatTkr(t.priceEffect)} tkr.`,
      `Prognos helår: avvikelse ${formatTkr(t.forecastVariance)} tkr.`,
    ];
    const deficits = result.areas.filter((a) => a.forecastVariance < 0).sort((a, b) => a.forecastVariance - b.forecastVariance).slice(0, LARGEST_DEFICITS).map((a) => ({ name: a.area, tkr: formatTkr(a.forecastVariance) }));
    return write([buildVolumeSheet(result, meta(settings, source))], lines, deficits, read);
  }

  if (kind === "actionPlan") {
    const read = actionPlanFromScan(scan, settings);
    if (!read.value || read.errors.length > 0) return failed(read);
    progress("calculate");
    const result = calculateActionPlan(read.value);
    const lines = [gapSentence(result), ...(result.unquantified.length > 0 ? [`${result.unquantified.length} åtgärder saknar beräknad effekt: ${result.unquantified.join(", ")}.`] : [])];
    return write([buildActionPlanSheet(result, read.value.measures, meta(settings, source))], lines, [], read);
  }

  const read = prognosisFromScan(scan, settings);
  if (!read.value || read.errors.length > 0) return failed(read);
  progress("calculate");
  const result = calculatePrognosis(read.value);
  const m = meta(settings, source, result.budgetVersion.id === "original" ? undefined : result.budgetVersion.id);
  const deficits = largestDeficits(result);
  const gap = result.total.varianceFullYear < 0 ? [`Till budget i balans fattas ${formatTkr(-result.total.varianceFullYear)} tkr.`] : [];

  if (kind === "templates") {
    const layouts = [buildForecastTemplate(result)];
    const volumes = volumeFromScan(scan, settings);
    if (volumes.value) layouts.push(buildVolumeTemplate(result.year, result.month, volumes.value.lines));
    const measures = actionPlanFromScan(scan, settings);
    layouts.push(buildActionPlanTemplate(result.year, measures.value?.measures ?? []));
    const names = layouts.map((l) => l.name).join(", ");
    return write(layouts, [`Mallarna är skrivna till bladen ${names}. Skicka dem till enheterna och läs tillbaka dem när de är ifyllda.`], [], read);
  }

  const entered = read.value.forecasts?.length ?? 0;
  const lines = [
    resultSentence(result),
    ...gap,
    ...(kind === "readTemplates" ? [`${entered} prognoser lästes från ${FORECAST_TEMPLATE_SHEET}.`] : []),
    reconciliationText(result),
  ];
  const layouts = [buildPrognosisSheet(result, m), buildSummarySheet(result, m)];
  return write(layouts, lines, deficits, read);
}

