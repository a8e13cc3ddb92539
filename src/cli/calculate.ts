/**
 * The calculator runs of the command line: the shared job pipeline (`src/jobs`) on the opened source, with the
 * tables and sentences printed in the terminal. Input errors of every sheet come back at once.
 */
import type { InputError } from "../input/errors";
import type { ActionPlanInput, ActionPlanResult } from "../core/actionPlan";
import { formatTkr } from "../core/amounts";
import type { Finding } from "../core/consistency";
import type { ExplainedVariance } from "../core/explanations";
import type { InvestmentFigures, InvestmentFollowUp } from "../core/investments";
import type { PrognosisInput, PrognosisResult } from "../core/prognosis";
import { SIGN_CONVENTION_LABEL, VARIANCE_RULE, YEAR_END_VARIANCE_RULE } from "../core/signs";
import type { VolumeInput, VolumeResult } from "../core/volume";
import { actionPlanJob, prognosisJob, volumeJob, type Calculated as Job } from "../jobs/calculators";
import {
  explanationTitle,
  fullReport as fullReportJob,
  type CommentaryOptions,
  type Commentary,
  type FullReport,
} from "../jobs/namnd";
import { startJob, type JobRun, type Step } from "../jobs/run";
import {
  ANNEX_SHEET,
  crossTableNotes,
  ORGANISATIONAL_SPLIT_SHEET,
  type OrganisationalStatements,
} from "../jobs/statements";
import { gapSentence } from "../report/actionPlanSheet";
import { reconciliationText } from "../report/prognosisSheet";
import { balanceShareText } from "../report/statementSheets";
import { resultSentence, unknownLinesSentence } from "../report/summarySheet";
import { streamedLine, type RunSource } from "./source";
import { actionPlanTable, prognosisTable, statementTable, volumeTable } from "./table";

export type { Step } from "../jobs/run";

export type Calculated<I, R> = Job<I, R> & {
  /** The table and the sentences printed in the terminal. */
  readonly text: string;
};

export interface Run extends JobRun {
  readonly source: RunSource;
}

export async function startRun(source: RunSource): Promise<Step<Run>> {
  if (source.errors.length > 0) return { ok: false, errors: [...source.errors, ...(await sheetErrors(source))] };
  const run = await startJob(source.reader, source.settings, source.source);
  return {
    ok: true,
    value: {
      ...run,
      source,
      ...(source.warnings?.length ? { warnings: source.warnings } : {}),
      ...(source.ledgerByAccount ? { ledgerByAccount: source.ledgerByAccount } : {}),
    },
    warnings: [],
  };
}

/**
 * The errors of the sheets a run reads (the prognosis's: every command reads its sheets), for a run that already
 * stops on the settings or the streamed ledger: all input errors are listed at once. None without a year and a
 * month (the periods could not be judged) or when the reading itself fails.
 */
async function sheetErrors(source: RunSource): Promise<readonly InputError[]> {
  if (!(source.settings.year > 0 && source.settings.month > 0)) return [];
  try {
    const run = await startJob(source.reader, source.settings, source.source);
    const p = prognosis({ ...run, source });
    return p.ok ? [] : p.errors;
  } catch {
    return [];
  }
}

/** A job's step with the terminal text added. */
function withText<T>(step: Step<T>, text: (value: T) => string): Step<T & { readonly text: string }> {
  return step.ok ? { ...step, value: { ...step.value, text: text(step.value) } } : step;
}

/** The prognosis in the terminal, in the user's sign convention as on the sheet. */
export const prognosisText = (run: Run, result: PrognosisResult): string => {
  const convention = run.settings.signConvention;
  return [
    result.yearEnd
      ? `Utfall per ansvar ${result.year}, bokslut (tkr)`
      : `Prognos per ansvar ${result.year}, utfall t.o.m. månad ${result.month} (tkr)`,
    `Tecken: ${SIGN_CONVENTION_LABEL[convention]}; ${(result.yearEnd ? YEAR_END_VARIANCE_RULE : VARIANCE_RULE)[convention]}.`,
    "",
    prognosisTable(result, convention),
    "",
    resultSentence(result),
    ...[unknownLinesSentence(result)].filter((t): t is string => t !== undefined),
    reconciliationText(result, convention),
    ...run.source.streamed.map(streamedLine),
  ].join("\n");
};

export const volumeText = (result: VolumeResult): string =>
  [`Volymbaserad budget ${result.year}, t.o.m. månad ${result.month} (tkr)`, "", volumeTable(result)].join("\n");

export const actionPlanText = (result: ActionPlanResult): string =>
  [`Åtgärdsplan ${result.year} (tkr)`, "", actionPlanTable(result), "", gapSentence(result)].join("\n");

/** The prognosis per ansvar; `adjust` changes the input first (e.g. the forecasts of returned templates). */
export function prognosis(
  run: Run,
  adjust?: (input: PrognosisInput) => PrognosisInput,
): Step<Calculated<PrognosisInput, PrognosisResult>> {
  return withText(prognosisJob(run, adjust), ({ result }) => prognosisText(run, result));
}

export function volume(
  run: Run,
  adjust?: (input: VolumeInput) => VolumeInput,
): Step<Calculated<VolumeInput, VolumeResult>> {
  return withText(volumeJob(run, adjust), ({ result }) => volumeText(result));
}

export function actionPlan(
  run: Run,
  adjust?: (input: ActionPlanInput) => ActionPlanInput,
): Step<Calculated<ActionPlanInput, ActionPlanResult>> {
  return withText(actionPlanJob(run, adjust), ({ result }) => actionPlanText(result));
}

function commentaryText(c: Commentary, year: number): string {
  // "42 Individ och familjeomsorg": the verksamhet 42 and its ansvar 420 share the name.
  const names = new Map(
    c.lines.map((l) => [l.key, l.role === "total" || l.key === l.name ? l.name : `${l.key} ${l.name}`]),
  );
  const shown = c.lines.filter((l) => l.role !== "line").map((l) => `  ${c.texts[l.key] ?? ""}`);
  return [
    `Kommentarer ${year} (per verksamhet och för nämnden)`,
    ...shown,
    ...(c.kept.length > 0
      ? [
          `Ändrade kommentarer behålls (${c.kept.length}; skriv över med --skriv-over-kommentarer): ${c.kept.map((u) => names.get(u.key) ?? u.key).join(", ")}.`,
        ]
      : []),
    "",
    balanceShareText(c.balance),
  ].join("\n");
}

function explanationsText(explained: readonly ExplainedVariance[], result: PrognosisResult): string {
  return [
    `${explanationTitle(result)} (tkr)`,
    ...explained.map(
      (e) =>
        `  ${e.label}: avvikelse ${formatTkr(e.variance)}, förklarat ${formatTkr(e.explained)}, ej förklarat ${formatTkr(e.unexplained)}${e.flagged ? " (flaggad: för stor del är inte förklarad)" : ""}`,
    ),
  ].join("\n");
}

function investmentsText(i: InvestmentFollowUp, year: number): string {
  const t = i.total;
  // Mid-year: utfall to date, prognos and avvikelse helår (budget - prognos).
  const figures = (f: InvestmentFigures): string =>
    i.yearEnd
      ? `budget ${formatTkr(f.totalBudget)}, utfall ${formatTkr(f.actual ?? 0)}, avvikelse ${formatTkr(f.variance)}`
      : `budget ${formatTkr(f.totalBudget)}, utfall t.o.m. ${formatTkr(f.actual ?? 0)}, prognos ${formatTkr(f.forecast ?? 0)}, avvikelse helår ${formatTkr(f.variance)}`;
  return [
    `Investeringar ${year} (tkr)`,
    ...i.groups.map((g) => `  ${g.label}: ${figures(g.subtotal)}`),
    `  Totalt: ${figures(t)}`,
    ...(i.carryOvers.length > 0
      ? [
          `  Ombudgetering begärs: ${i.carryOvers.map((c) => `${c.name} ${formatTkr(c.amount)}`).join(", ")}; totalt ${formatTkr(i.carryOverTotal)}`,
        ]
      : []),
    ...i.notes.map((n) => `  ${n}`),
  ].join("\n");
}

/** "4 skillnader mellan bladen (avrundning)": how many findings, of which kind; undefined for none. */
function findingsPhrase(findings: readonly Finding[], one: string, many: string): string | undefined {
  if (findings.length === 0) return undefined;
  const errors = findings.filter((f) => f.severity === "error").length;
  const kind =
    errors === 0
      ? "avrundning"
      : errors === findings.length
        ? "fel"
        : `${errors} fel, ${findings.length - errors} avrundning`;
  return `${findings.length} ${findings.length === 1 ? one : many} (${kind})`;
}

/** The organisational split and the annex: that they were written, their checks counted, the cross-table lines. */
function statementsText(st: OrganisationalStatements): string {
  const ownSums = findingsPhrase(
    st.findings.filter((f) => !st.crossTable.includes(f)),
    "summa som skiljer sig från sina delar",
    "summor som skiljer sig från sina delar",
  );
  const cross = findingsPhrase(st.crossTable, "skillnad mellan bladen", "skillnader mellan bladen");
  const checks = [ownSums, cross].filter((x) => x !== undefined);
  return [
    `Bladen ${ORGANISATIONAL_SPLIT_SHEET} och ${ANNEX_SHEET} skrevs (från bladet Bokslut tidigare år); kontroller: ${checks.length > 0 ? checks.join(", ") : "inga avvikelser"}.`,
    ...crossTableNotes(st.crossTable).map((t) => `  ${t}`),
  ].join("\n");
}

/** `rapport`'s terminal text: every report's table or sentences, in the order of the sheets. */
export function fullReportText(
  run: Run,
  { prognosis: p, volume: v, actionPlan: a, incomeStatement: s, namnd }: FullReport,
): string {
  return [
    prognosisText(run, p.result),
    ...(s
      ? [
          [
            s.layout.title,
            "",
            statementTable(s.table, "Resultaträkning"),
            "",
            ...s.layout.notes.map((n) => n.text),
          ].join("\n"),
        ]
      : []),
    commentaryText(namnd.commentary, p.result.year),
    ...(namnd.statements ? [statementsText(namnd.statements)] : []),
    ...(namnd.explanations ? [explanationsText(namnd.explanations, p.result)] : []),
    ...(namnd.investments ? [investmentsText(namnd.investments, run.settings.year)] : []),
    ...(v ? [volumeText(v.result)] : []),
    ...(a ? [actionPlanText(a.result)] : []),
  ].join("\n\n");
}

/** `rapport`: every calculator whose sheets the workbook has, the summary for the nämnd first, and the terminal text. */
export function fullReport(run: Run, options: CommentaryOptions = {}): Step<FullReport & { readonly text: string }> {
  return withText(fullReportJob(run, options), (report) => fullReportText(run, report));
}
