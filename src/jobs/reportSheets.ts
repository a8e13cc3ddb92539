/**
 * What a run writes, decided once for the command line and the task pane: the sheets of a kind of report, in
 * their order, and the run's Kontroller (every warning, ranked by money at stake) as a list and as a sheet. With the
 * setting Strikt a warning stops the run: its warnings come back as errors and nothing is written.
 */
import { roundOre } from "../core/amounts";
import type { ActionPlanInput, ActionPlanResult } from "../core/actionPlan";
import type { Finding } from "../core/consistency";
import type { PrognosisInput, PrognosisResult } from "../core/prognosis";
import type { SignConvention } from "../core/signs";
import type { VolumeInput, VolumeResult } from "../core/volume";
import type { InputError } from "../input/errors";
import { TEMPLATE_SHEET_LABEL, type Consolidation } from "../input/templates";
import {
  buildKontrollerSheet,
  faults,
  missingTemplateChecks,
  prognosisChecks,
  rankChecks,
  type Check,
} from "../report/kontroller";
import type { SheetLayout } from "../report/layout";
import { shownSumNote } from "../report/meta";
import { FORECAST_HISTORY_SHEET } from "../report/forecastHistory";
import { buildSummarySheet, SUMMARY_SHEET } from "../report/summarySheet";
import { actionPlanJob, prognosisJob, volumeJob, type Calculated } from "./calculators";
import { historySheets } from "./history";
import { fullReport, type CommentaryOptions, type FullReport } from "./namnd";
import { longCellWarnings } from "../workbook/writeChecks";
import type { JobRun, Step } from "./run";
import { ANNEX_SHEET, lineLabel, ORGANISATIONAL_SPLIT_SHEET, type OrganisationalStatements } from "./statements";
import { INCOME_STATEMENT_SHEET } from "../report/incomeStatementReport";

/**
 * prognosis: the prognosis per ansvar (`prognos`); volume, actionPlan: their sheet alone; report: the nämnd's whole
 * report, the summary first (`rapport`, and the task pane's Prognos per ansvar).
 */
export type ReportKind = "prognosis" | "volume" | "actionPlan" | "report";

export interface ReportSheetsOptions extends CommentaryOptions {
  /** The input workbook's path relative to the report, when the report is a file of its own (the command line). */
  readonly inputFile?: string;
}

export interface ReportSheets {
  readonly kind: ReportKind;
  readonly prognosis?: Calculated<PrognosisInput, PrognosisResult>;
  readonly volume?: Calculated<VolumeInput, VolumeResult>;
  readonly actionPlan?: Calculated<ActionPlanInput, ActionPlanResult>;
  /** The whole report's parts (kind report). */
  readonly report?: FullReport;
  /** Every sheet to write, in order: Kontroller first, or right after Sammanfattning; the forecast history last. */
  readonly layouts: SheetLayout[];
  /** Sheets whose edits the run read back and merged (the commentary, the forecast history): written over. */
  readonly merged: string[];
  /** The sheet of the kind's own calculator (the one to show after a run). */
  readonly main: string;
  /** Every warning of the run, ranked: what the Kontroller sheet lists. */
  readonly checks: Check[];
}

/** A consistency finding on a sheet the report writes; `tkr`: its figures are whole tkr as shown (else kronor). */
function findingCheck(sheet: string, f: Finding, tkr: boolean): Check {
  const shownSum = tkr && f.cell !== undefined && !f.message.includes(" på bladet ");
  return {
    sheet,
    ...(f.cell ? { cell: f.cell } : {}),
    // The check names its cell itself: the note does not repeat it.
    message: shownSum ? shownSumNote({ ...f, cell: undefined }) : f.message,
    // Kronor to the öre: a difference of 10,813882 tkr is 10 813,88 kr, not 10 813,882000000012.
    amount: roundOre(Math.abs(f.difference) * (tkr ? 1000 : 1)),
    inReport: true,
    ...(f.severity === "rounding" ? { info: true } : {}),
  };
}

/** The organisational split's and the annex's checks: each shown sum against its parts, the split against the annex. */
function statementChecks(st: OrganisationalStatements): Check[] {
  const cross = new Set(st.crossTable);
  return st.findings.map((f) =>
    findingCheck(
      cross.has(f)
        ? ORGANISATIONAL_SPLIT_SHEET
        : st.annex.rows.some((r) => r.key === f.key) && !st.split.rows.some((r) => r.key === f.key)
          ? ANNEX_SHEET
          : ORGANISATIONAL_SPLIT_SHEET,
      f,
      true,
    ),
  );
}

/** The whole report's checks beyond its steps' warnings: the resultaträkning's and the statements', the prognosis's flags. */
function reportChecks(r: FullReport, convention: SignConvention): Check[] {
  const s = r.incomeStatement;
  return [
    ...prognosisChecks(r.prognosis.result, r.prognosis.layout, convention),
    // The resultaträkning's checks: against the ledger and the budget per konto (kronor, no cell), its shown sums (tkr, a cell).
    // Last year's rows after the month of follow-up are left out of its column by design (the prognosis uses them).
    ...(s
      ? [
          ...s.warnings.map((w): Check => ({
            sheet: INCOME_STATEMENT_SHEET,
            message: w.message,
            inReport: true,
            ...(w.info ? { info: true } : {}),
          })),
          ...s.findings.map((f) => findingCheck(INCOME_STATEMENT_SHEET, f, f.cell !== undefined)),
        ]
      : []),
    ...(r.namnd.statements ? statementChecks(r.namnd.statements) : []),
  ];
}

/**
 * The sheets a run of this kind writes and its Kontroller. Every warning of the run is in the list: the edges'
 * (`run.warnings`: settings, forecast history, column mapping), every read's and every check's.
 */
export function reportSheets(run: JobRun, kind: ReportKind, options: ReportSheetsOptions = {}): Step<ReportSheets> {
  const built = build(run, kind, options);
  if (!built.ok) return built;
  const { layouts, merged, main, checks: own, ...parts } = built.value;
  const checks = rankChecks<Check>([...(run.warnings ?? []), ...built.warnings, ...own, ...cutTexts(layouts)]);
  // Strikt: every warning is an error (rounding gaps are shown, not faults); nothing is written.
  const stopping = faults(checks);
  if (run.settings.strict && stopping.length > 0) {
    return { ok: false, errors: strictErrors(stopping), read: built.read };
  }
  const kontroller = buildKontrollerSheet(checks, run.meta, { inputFile: options.inputFile });
  const at = layouts[0]?.name === SUMMARY_SHEET ? 1 : 0;
  const history =
    parts.prognosis && (kind === "prognosis" || kind === "report")
      ? historySheets(parts.prognosis.result, run.history ?? [], run.meta)
      : [];
  return {
    ok: true,
    value: {
      kind,
      ...parts,
      layouts: [...layouts.slice(0, at), kontroller, ...layouts.slice(at), ...history],
      merged: [...merged, ...(history.length > 0 ? [FORECAST_HISTORY_SHEET] : [])],
      main,
      checks,
    },
    warnings: built.warnings,
    read: built.read,
  };
}

/** The report cells whose text passes Excel's limit: cut when written, named in the Kontroller. */
function cutTexts(layouts: readonly SheetLayout[]): Check[] {
  return longCellWarnings(layouts).map((w) => ({ ...w, inReport: true }));
}

/** Strikt: the warnings as errors, after one line that says why the run stopped. */
function strictErrors(stopping: readonly Check[]): InputError[] {
  const why: InputError = {
    sheet: "Inställningar",
    message: `Strikt: ${stopping.length} ${stopping.length === 1 ? "varning räknas" : "varningar räknas"} som fel och ingenting skrevs; rätta dem, eller kör utan Strikt (--strikt).`,
  };
  return [
    why,
    ...stopping.map(({ file, sheet, cell, message, amount }): InputError => ({
      sheet,
      message,
      ...(file ? { file } : {}),
      ...(cell ? { cell } : {}),
      ...(amount !== undefined ? { amount } : {}),
    })),
  ];
}

type Built = Omit<ReportSheets, "kind" | "checks"> & { readonly checks: Check[] };

function build(run: JobRun, kind: ReportKind, options: CommentaryOptions): Step<Built> {
  if (kind === "report") {
    const r = fullReport(run, options);
    if (!r.ok) return r;
    const { prognosis, volume, actionPlan } = r.value;
    return {
      ...r,
      value: {
        prognosis,
        volume,
        actionPlan,
        report: r.value,
        layouts: r.value.layouts,
        merged: r.value.namnd.commentary.layouts.map((l) => l.name),
        main: prognosis.layout.name,
        checks: reportChecks(r.value, run.settings.signConvention),
      },
    };
  }
  if (kind === "prognosis") {
    const p = prognosisJob(run);
    if (!p.ok) return p;
    return {
      ...p,
      value: {
        prognosis: p.value,
        layouts: [p.value.layout],
        merged: [],
        main: p.value.layout.name,
        checks: prognosisChecks(p.value.result, p.value.layout, run.settings.signConvention),
      },
    };
  }
  const step = kind === "volume" ? volumeJob(run) : actionPlanJob(run);
  if (!step.ok) return step;
  const value =
    kind === "volume"
      ? { volume: step.value as Calculated<VolumeInput, VolumeResult> }
      : { actionPlan: step.value as Calculated<ActionPlanInput, ActionPlanResult> };
  return {
    ...step,
    value: { ...value, layouts: [step.value.layout], merged: [], main: step.value.layout.name, checks: [] },
  };
}

/** The templates not returned, as checks: each ansvar with its budget, each volume or åtgärd template by its name. */
export function missingChecks(c: Consolidation, result: PrognosisResult): Check[] {
  const rows = new Map(result.rows.map((r) => [r.key, r]));
  return missingTemplateChecks(
    c.missing.map((key) => ({
      label: rows.get(key) ? lineLabel(rows.get(key)!) : key,
      budget: rows.get(key)?.annualBudget ?? 0,
    })),
    c.missingSheets.map((s) => `${TEMPLATE_SHEET_LABEL[s]}`),
  );
}

/**
 * What a consolidation of returned templates writes (`samla`, the task pane's Läs tillbaka): the summary with the
 * åtgärdsplan, the Kontroller (`extra`: the templates' warnings and those not returned), the consolidated prognosis,
 * volume budget and åtgärdsplan (their `layouts`, with the templates' reconciliation under them), the forecast history.
 */
export function collectedSheets(
  run: JobRun,
  parts: {
    readonly prognosis: Calculated<PrognosisInput, PrognosisResult>;
    readonly volume?: Calculated<VolumeInput, VolumeResult>;
    readonly actionPlan?: Calculated<ActionPlanInput, ActionPlanResult>;
  },
  extra: readonly Check[],
  options: Pick<ReportSheetsOptions, "inputFile"> = {},
): Step<ReportSheets> {
  const { prognosis: p, volume: v, actionPlan: a } = parts;
  const summary = buildSummarySheet(p.result, p.meta, a?.result);
  const written = [p.layout, ...(v ? [v.layout] : []), ...(a ? [a.layout] : [])];
  const checks = rankChecks<Check>([
    ...(run.warnings ?? []),
    ...extra,
    ...prognosisChecks(p.result, p.layout, run.settings.signConvention),
    ...cutTexts(written),
  ]);
  const stopping = faults(checks);
  if (run.settings.strict && stopping.length > 0) return { ok: false, errors: strictErrors(stopping) };
  const history = historySheets(p.result, run.history ?? [], run.meta);
  const layouts = [
    summary,
    buildKontrollerSheet(checks, run.meta, { inputFile: options.inputFile }),
    ...written,
    ...history,
  ];
  return {
    ok: true,
    value: {
      kind: "prognosis",
      prognosis: p,
      volume: v,
      actionPlan: a,
      layouts,
      merged: [FORECAST_HISTORY_SHEET],
      main: p.layout.name,
      checks,
    },
    warnings: [],
  };
}
