/**
 * A job run, shared by the command line and the task pane: the workbook read once through the reader interface
 * (one scan of its sheets), the settings and the lines under every report title. The edges open the workbook
 * (a file, or Excel) and write the layouts; everything in between is here.
 */
import { SIGN_CONVENTION_LABEL } from "../core/signs";
import { isYearEnd, type BudgetVersion } from "../core/prognosis";
import type { InputError } from "../input/errors";
import type { SheetKind } from "../input/headers";
import { scanWorkbook, type Scan, type ScanOptions } from "../input/scan";
import type { ReadOutcome, ReadSettings } from "../input/settings";
import type { ActualRow } from "../core/prognosis";
import type { ForecastHistoryRow } from "../core/forecastHistory";
import type { ReportMeta } from "../report/meta";
import type { WorkbookReader } from "../workbook/types";

/** What reading a calculator's input found besides its value: the sheets recognised and the rows counted. */
export type ReadReport = Omit<ReadOutcome<unknown>, "value">;

/** A step of a job: its value and warnings, or the input errors of every sheet at once (nothing is written). */
export type Step<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: InputError[]; readonly read?: ReadReport }
  | { readonly ok: false; readonly errors: InputError[]; readonly read?: ReadReport };

export interface JobRun {
  readonly scan: Scan;
  readonly settings: ReadSettings;
  readonly meta: ReportMeta;
  /** The saved forecasts of earlier months (`src/jobs/history.ts`); none when the run has no history. */
  readonly history?: readonly ForecastHistoryRow[];
  /**
   * Ledgers that were streamed (summed per ansvar and month, so without konto) summed per konto and month too,
   * for the resultaträkning: this year's and last year's, each when it was streamed.
   */
  readonly ledgerByAccount?: {
    readonly actuals?: readonly ActualRow[];
    readonly lastYearActuals?: readonly ActualRow[];
  };
  /**
   * Warnings the edges found before the run (settings not known, the forecast history, a column mapping that does
   * nothing): they go into the run's Kontroller with the rest (`src/jobs/reportSheets.ts`).
   */
  readonly warnings?: readonly InputError[];
}

/** The lines under a report's title: the run date, where the data came from, the sign convention. */
export function reportMeta(source: string, settings: ReadSettings, budgetVersion?: string): ReportMeta {
  return {
    runDate: new Date().toISOString().slice(0, 10),
    source,
    budgetVersion,
    signConventionLabel: SIGN_CONVENTION_LABEL[settings.signConvention],
    signConvention: settings.signConvention,
    ...(isYearEnd(settings.month, settings.reportKind) ? { yearEnd: true } : {}),
  };
}

export async function startJob(
  reader: WorkbookReader,
  settings: ReadSettings,
  source: string,
  options: ScanOptions = {},
): Promise<JobRun> {
  const scan = await scanWorkbook(reader, settings.columnMapping, options);
  return { scan, settings, meta: reportMeta(source, settings) };
}

export function hasSheet(run: JobRun, kind: SheetKind): boolean {
  return run.scan.sheets.some((s) => s.header.spec.kind === kind) || run.scan.errors.some((e) => e.kind === kind);
}

const VERSION_KIND: Record<BudgetVersion["kind"], string> = {
  original: "ursprunglig budget",
  ombudgetering: "ombudgetering",
  tillaggsbudget: "tilläggsbudget",
};

/**
 * The budget a sheet measures against, named: "KF 2023 (ursprunglig budget 2022-11-20)". Without versions the
 * Budget sheet holds the budget in force, whatever was decided on the way: "gällande budget" (domain: the seed's
 * 216 123 tkr is the revised budget, not KF's 211 322), never "ursprunglig".
 */
export function budgetVersionLabel(v: BudgetVersion): string {
  return v.id === "original" ? "gällande budget" : `${v.id} (${VERSION_KIND[v.kind]}${v.date ? ` ${v.date}` : ""})`;
}

/** The same message from two calculators reading the same sheet is shown once. */
export function dedupe(list: readonly InputError[]): InputError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.sheet}|${e.cell ?? ""}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
