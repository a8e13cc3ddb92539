/**
 * The nämnd's report beside the prognosis: the commentary (a forecast sentence for every line and for the
 * nämnd, keeping the sentences the controller edited), the variance explanations, the investment follow-up, the
 * share of units in balance, the organisational split and the per-ansvar annex with earlier years' bokslut; and
 * the full report with the summary for the nämnd first.
 */
import { ownValue, recordOf } from "../core/records";
import type { ActionPlanInput, ActionPlanResult } from "../core/actionPlan";
import { balanceShare, type BalanceShare } from "../core/balanceShare";
import {
  forecastCommentary,
  generateSentence,
  previousForecastLabel,
  planCommentaryUpdate,
  type CommentaryLine,
  type CommentaryUpdate,
} from "../core/commentary";
import { explainVariance, type ExplainedVariance } from "../core/explanations";
import { investmentFollowUp, type InvestmentFollowUp } from "../core/investments";
import {
  versionsInEffect,
  type ActualRow,
  type PrognosisInput,
  type PrognosisResult,
  type PrognosisRow,
} from "../core/prognosis";
import { UNKNOWN_PARENT_KEY } from "../core/hierarchy";
import type { VolumeInput, VolumeResult } from "../core/volume";
import type { StoredCommentary } from "../input/commentaryInput";
import { earlierYearsFromScan } from "../input/earlierYearsInput";
import type { InputError } from "../input/errors";
import { explanationsFromScan } from "../input/explanationsInput";
import { lineResolver as linesResolver, type LineResolver } from "../input/keys";
import { previousForecasts } from "../core/forecastHistory";
import { investmentsFromScan } from "../input/investmentsInput";
import { previousResultFromScan, TOTAL_KEY } from "../input/previousResultInput";
import { hierarchyCells } from "../input/prognosisInput";
import type { ReadOutcome } from "../input/settings";
import {
  buildCommentarySheets,
  buildExplanationSheet,
  commentaryReconciliationText,
  resolveCommentary,
  type ExplanationInputTotals,
} from "../report/commentarySheet";
import { buildInvestmentSheet, type InvestmentInput } from "../report/investmentSheet";
import type { SheetLayout } from "../report/layout";
import type { ReportMeta } from "../report/meta";
import { balanceShareText } from "../report/statementSheets";
import { buildSummarySheet } from "../report/summarySheet";
import { actionPlanJob, prognosisJob, volumeJob, type Calculated } from "./calculators";
import { budgetVersionLabel, dedupe, hasSheet, type JobRun, type Step } from "./run";
import {
  buildOrganisationalStatements,
  incomeStatementJob,
  lineLabel,
  type OrganisationalStatements,
} from "./statements";
import type { IncomeStatementReport } from "../report/incomeStatementReport";

/** The subject of the nämnd's own sentence ("Socialnämnden prognostiserar ..."). */
export const NAMND_NAME = "Socialnämnden";

export interface CommentaryOptions {
  /** The commentary of an earlier report, to keep the sentences the controller edited. */
  readonly stored?: StoredCommentary;
  /** Replace edited sentences with the generated ones (`--skriv-over-kommentarer`). */
  readonly overwriteEdited?: boolean;
  /** The month of the earlier forecast (e.g. from the forecast history); else the setting Föregående prognos. */
  readonly previousMonth?: number;
  /** Year end: each line's result of the previous year (kronor, + = överskott) by key, "total" for the nämnd. */
  readonly previousYear?: Readonly<Record<string, number>>;
}

/**
 * How the earlier forecast is named: by its month (the caller's, the setting Föregående prognos, or the forecast
 * history's when the workbook has no "Prognos föregående" sheet of its own), else only as the previous one.
 */
function previousLabel(run: JobRun, result: PrognosisResult, options: CommentaryOptions): string | undefined {
  if (!result.rows.some((r) => r.previousForecast !== undefined)) return undefined;
  const ownSheet = run.scan.sheets.some((s) => s.header.spec.kind === "forecast" && s.previous);
  const fromHistory = ownSheet ? undefined : previousForecasts(run.history ?? [], result.year, result.month)?.month;
  const month = options.previousMonth ?? run.settings.previousForecastMonth ?? fromHistory;
  return month !== undefined ? previousForecastLabel(month) : "i föregående prognos";
}

/** The commentary and the explanations speak of the prognosis's variances: they name its budget version. */
function prognosisMeta(run: JobRun, result: PrognosisResult): ReportMeta {
  return { ...run.meta, budgetVersion: budgetVersionLabel(result.budgetVersion) };
}

export interface Commentary {
  /** The lines commented, in the sheet's order. */
  readonly lines: readonly CommentaryLine[];
  /** The sentences in the sheet after this run, by key. */
  readonly texts: Readonly<Record<string, string>>;
  /** Edited sentences kept as the controller wrote them (the generated text differs). */
  readonly kept: readonly CommentaryUpdate[];
  readonly balance: BalanceShare;
  /** The commentary sheet (with the share in balance under it) and its hidden state sheet. */
  readonly layouts: readonly SheetLayout[];
}

const differs = (u: CommentaryUpdate): boolean =>
  u.current !== undefined && u.current.trim() !== "" && u.current.trim() !== (u.proposed ?? "").trim();

/**
 * Every ansvar's full-year variance summed one by one, not through the hierarchy's subtotals: each leaf's, and a
 * parent's own part (`PrognosisRow.own`: its own budget less its own forecast, the prognosis sheet's own line).
 */
function ansvarVariance(result: PrognosisResult): number {
  const own = (r: PrognosisRow): number => (r.own ? r.own.annualBudget - r.own.forecast : 0);
  return result.rows.reduce((sum, r) => sum + (r.isLeaf ? r.varianceFullYear : own(r)), 0);
}

/**
 * The commentary: a forecast sentence for every line of the prognosis and for the nämnd. An edited sentence is
 * kept unless `overwriteEdited`; the share of units in balance and the reconciliation go under it.
 */
export function commentaryJob(run: JobRun, result: PrognosisResult, options: CommentaryOptions = {}): Commentary {
  // At month 12 the year-end form with the previous year's result; during the year the forecast, compared with the earlier one.
  const lines = forecastCommentary(result, NAMND_NAME, {
    previous: previousLabel(run, result, options),
    previousYear: options.previousYear,
  });
  const proposed = Object.fromEntries(lines.map((l) => [l.key, generateSentence(l)]));
  const stored = options.stored ?? { current: {}, generated: {} };
  const plan = planCommentaryUpdate(stored.generated, stored.current, proposed);
  const kept = options.overwriteEdited ? [] : plan.filter((u) => u.action !== "replace" && differs(u));
  const forced = options.overwriteEdited
    ? plan.map((u): CommentaryUpdate => (u.action === "keep" && differs(u) ? { ...u, action: "replace" } : u))
    : plan;
  const { texts, generated } = resolveCommentary(
    forced,
    new Set(options.overwriteEdited ? plan.map((u) => u.key) : []),
  );
  // The bokslut speaks of the year's outcome: "Kommentarer till årets resultat", no prognos.
  const [visible, state] = buildCommentarySheets(
    lines,
    texts,
    generated,
    prognosisMeta(run, result),
    result.yearEnd ? `Kommentarer till årets resultat ${result.year}` : undefined,
  );
  const balance = balanceShare(
    result.rows.filter((r) => r.isLeaf).map((r) => ({ key: r.key, label: lineLabel(r), variance: r.varianceFullYear })),
  );
  const table = visible.tables[0]!;
  const below = table.headerRow + table.rows.length + 2;
  // Counted in the prognosis apart from the commentary: its verksamheter, and the ansvar's variances summed one by one.
  const counted = { areas: result.rows.filter((r) => r.depth === 0).length, ansvarVariance: ansvarVariance(result) };
  const notes = [
    ...visible.notes,
    { row: below, text: balanceShareText(balance) },
    { row: below + 1, text: commentaryReconciliationText(counted, lines) },
  ];
  return { lines, texts, kept, balance, layouts: [{ ...visible, notes }, state] };
}

/** The lines a "Förklaringar", "Resultat fg år" or "Bokslut tidigare år" row may name: the one key rule (keys.ts). */
function lineResolver(run: JobRun, result: PrognosisResult): LineResolver {
  return linesResolver(result.rows, hierarchyCells(run.scan));
}

/** The nämnd's last-year result: as given, or the sum of its verksamheter when every one of them is given. */
function withNamndTotal(byKey: Record<string, number>, result: PrognosisResult): Record<string, number> {
  if (ownValue(byKey, TOTAL_KEY) !== undefined) return byKey;
  const tops = result.rows.filter((r) => r.depth === 0);
  if (tops.length === 0 || !tops.every((r) => ownValue(byKey, r.key) !== undefined)) return byKey;
  return recordOf([...Object.entries(byKey), [TOTAL_KEY, tops.reduce((sum, r) => sum + byKey[r.key]!, 0)]]);
}

/** The explanations of the sheet Förklaringar, and what the reader read, for the reconciliation under the sheet. */
function explanationsRead(
  run: JobRun,
  result: PrognosisResult,
): ReadOutcome<{ explained: ExplainedVariance[]; totals: ExplanationInputTotals }> {
  const read = explanationsFromScan(run.scan, run.settings, lineResolver(run, result));
  if (!read.value) return { ...read, value: undefined };
  const given = new Map(read.value.map((e) => [e.key, e.components]));
  const explained = result.rows
    .filter((r) => given.has(r.key))
    .map((r) =>
      explainVariance(
        { key: r.key, label: lineLabel(r), variance: r.varianceFullYear, components: given.get(r.key)! },
        { maxUnexplainedShare: run.settings.maxUnexplainedShare },
      ),
    );
  const components = read.value.flatMap((e) => e.components);
  return {
    ...read,
    value: {
      explained,
      totals: {
        rows: read.rows,
        components: components.length,
        amount: components.reduce((sum, c) => sum + c.amount, 0),
      },
    },
  };
}

/** What the variances explained are measured against: the forecast during the year, the budget in the bokslut. */
export function explanationTitle(result: PrognosisResult): string {
  return result.yearEnd
    ? `Förklaringar till avvikelser mot budget ${result.year} (bokslut)`
    : "Förklaringar till avvikelser mot helårsprognosen";
}

export interface NamndReport {
  readonly commentary: Commentary;
  readonly explanations?: readonly ExplainedVariance[];
  readonly investments?: InvestmentFollowUp;
  /** The organisational split and the annex, when the workbook has the sheet Bokslut tidigare år. */
  readonly statements?: OrganisationalStatements;
  /** The explanation, investment, organisational split and annex sheets, when the workbook has their input. */
  readonly layouts: readonly SheetLayout[];
}

/**
 * The nämnd's report beside the prognosis: commentary always; explanations, investments, and the organisational
 * split with the annex (from Bokslut tidigare år) when the workbook has their sheets.
 */
export function namndReport(run: JobRun, result: PrognosisResult, options: CommentaryOptions = {}): Step<NamndReport> {
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  let explanations: { explained: ExplainedVariance[]; totals: ExplanationInputTotals } | undefined;
  if (hasSheet(run, "explanations")) {
    const read = explanationsRead(run, result);
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    explanations = read.value;
  }
  let investments: { result: InvestmentFollowUp; input: InvestmentInput } | undefined;
  if (hasSheet(run, "investments")) {
    const read = investmentsFromScan(run.scan, run.settings);
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    if (read.value)
      investments = {
        result: investmentFollowUp(read.value, undefined, result.yearEnd),
        input: { rows: read.rows, projects: read.value },
      };
  }
  // Last year's result per line, for the year-end sentences ("(överskott 5 000 tkr föregående år)").
  let previousYear = options.previousYear;
  if (previousYear === undefined && hasSheet(run, "previousResult")) {
    const read = previousResultFromScan(
      run.scan,
      run.settings,
      lineResolver(run, result),
      (text) => /^(social)?nämnden?$/i.test(text.trim()) || text.trim().toLowerCase() === NAMND_NAME.toLowerCase(),
    );
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    if (read.value) {
      previousYear = withNamndTotal(read.value, result);
      // A verksamhet left out among those given (a row deleted or named otherwise) is said, not skipped silently.
      const tops = result.rows.filter(
        (r) => r.depth === 0 && !r.flags.includes("unknownCostCentre") && r.key !== UNKNOWN_PARENT_KEY,
      );
      const given = tops.filter((r) => read.value![r.key] !== undefined);
      const sheet =
        run.scan.sheets.find((s) => s.header.spec.kind === "previousResult")?.data.sheet ?? "Resultat fg år";
      if (given.length > 0)
        for (const r of tops.filter((t) => read.value![t.key] === undefined))
          warnings.push({
            sheet,
            message: `"${lineLabel(r)}" har inget resultat på bladet ${sheet}, men andra verksamheter har det: kommentaren nämner inget föregående år för det.`,
          });
    }
  }
  let statements: OrganisationalStatements | undefined;
  if (hasSheet(run, "earlierYears")) {
    const byKey = new Map(result.rows.map((r) => [r.key, r]));
    const read = earlierYearsFromScan(run.scan, run.settings, result.year, {
      resolve: lineResolver(run, result),
      hasChildren: (key) => byKey.get(key)?.isLeaf === false,
    });
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    if (read.value) statements = buildOrganisationalStatements(result, read.value, prognosisMeta(run, result));
    if (statements) warnings.push(...statements.warnings);
  }
  if (errors.length > 0) return { ok: false, errors };
  const layouts = [
    ...(statements ? statements.layouts : []),
    ...(explanations
      ? [
          buildExplanationSheet(
            explanations.explained,
            prognosisMeta(run, result),
            explanations.totals,
            explanationTitle(result),
            run.settings.maxUnexplainedShare,
          ),
        ]
      : []),
    ...(investments
      ? [buildInvestmentSheet(investments.result, run.meta, run.settings.year, investments.input, result.month)]
      : []),
  ];
  const commentary = commentaryJob(run, result, { ...options, ...(previousYear ? { previousYear } : {}) });
  return {
    ok: true,
    value: { commentary, explanations: explanations?.explained, investments: investments?.result, statements, layouts },
    warnings,
  };
}

export interface FullReport {
  readonly prognosis: Calculated<PrognosisInput, PrognosisResult>;
  readonly volume?: Calculated<VolumeInput, VolumeResult>;
  readonly actionPlan?: Calculated<ActionPlanInput, ActionPlanResult>;
  /** The resultaträkning by kostnadsslag, when every ledger row has its konto. */
  readonly incomeStatement?: IncomeStatementReport;
  readonly namnd: NamndReport;
  /** Summary, prognosis, resultaträkning, commentary (2), organisational split, annex, explanations, investments, volumes, åtgärdsplan: the sheets present. */
  readonly layouts: SheetLayout[];
}

/**
 * The resultaträkning beside a prognosis, with the Kommunbidrag of the settings: from the ledger rows when every
 * one has its konto, or from a streamed ledger's konto sums (it is summed per ansvar and month, without konto).
 */
export function incomeStatementFor(
  run: JobRun,
  input: PrognosisInput,
  result: PrognosisResult,
): Step<IncomeStatementReport> | undefined {
  const withKonto = (rows: readonly ActualRow[] | undefined) =>
    rows && rows.length > 0 && rows.every((r) => r.account) ? rows : undefined;
  const actuals = run.ledgerByAccount?.actuals ?? withKonto(input.actuals);
  if (!actuals) return undefined;
  const lastYearActuals = run.ledgerByAccount?.lastYearActuals ?? withKonto(input.lastYearActuals);
  // One budget version per run: the Budget column takes the prognosis's version and names it, as every sheet does.
  const { ids } = versionsInEffect(input);
  const budgetVersion = {
    inEffect: ids,
    known: new Set((input.budgetVersions ?? []).map((v) => v.id)),
    label: result.budgetVersion.id === "original" ? undefined : result.budgetVersion.id,
  };
  return incomeStatementJob(
    { ...run, meta: prognosisMeta(run, result) },
    { year: input.year, month: input.month, actuals, ...(lastYearActuals ? { lastYearActuals } : {}) },
    {
      ...(run.settings.grant ? { grant: run.settings.grant } : {}),
      budgetTotal: result.total.annualBudget,
      budgetVersion,
      // During the year the resultaträkning has Prognos helår and Avvikelse helår: each ansvar's own forecast, split.
      ...(result.yearEnd
        ? {}
        : {
            forecast: {
              units: result.rows.flatMap((r) =>
                r.own ? [{ key: r.key, label: lineLabel(r), forecast: r.own.forecast }] : [],
              ),
              total: result.total.forecast,
              resolve: lineResolver(run, result),
            },
          }),
    },
  );
}

/** Why the rapport has no resultaträkning, when the ledger has rows but not every one has its konto. */
function noStatementWarning(input: PrognosisInput, written: boolean): InputError[] {
  const without = input.actuals.filter((r) => !r.account).length;
  if (written || without === 0) return [];
  const why =
    without === input.actuals.length
      ? "utfallet har inga konton"
      : `${without} av ${input.actuals.length} rader i utfallet saknar konto`;
  return [{ sheet: "Utfall", message: `ingen resultaträkning: ${why}; den kräver Konto på varje rad.` }];
}

/** `rapport`: every calculator whose sheets the workbook has, and the summary for the nämnd first. */
export function fullReport(run: JobRun, options: CommentaryOptions = {}): Step<FullReport> {
  const p = prognosisJob(run);
  const v = hasSheet(run, "volumes") ? volumeJob(run) : undefined;
  const a = hasSheet(run, "measures") ? actionPlanJob(run) : undefined;
  const n = p.ok ? namndReport(run, p.value.result, options) : undefined;
  const errors = [p, v, a, n].flatMap((s) => (s && !s.ok ? s.errors : []));
  if (errors.length > 0 || !p.ok || !n?.ok || (v && !v.ok) || (a && !a.ok))
    return { ok: false, errors: dedupe(errors) };
  const summary = buildSummarySheet(p.value.result, p.value.meta, a?.value.result, p.read?.rows);
  const s = incomeStatementFor(run, p.value.input, p.value.result);
  if (s && !s.ok) return { ok: false, errors: dedupe(s.errors) };
  return {
    ok: true,
    value: {
      prognosis: p.value,
      volume: v?.value,
      actionPlan: a?.value,
      incomeStatement: s?.value,
      namnd: n.value,
      layouts: [
        summary,
        p.value.layout,
        ...(s ? [s.value.layout] : []),
        ...n.value.commentary.layouts,
        ...n.value.layouts,
        ...(v ? [v.value.layout] : []),
        ...(a ? [a.value.layout] : []),
      ],
    },
    warnings: dedupe([
      // The resultaträkning's reads too: Kontoplan, Budget per konto, Prognos per kostnadsslag (cells named).
      ...[p, v, a, n, s].flatMap((x) => (x?.ok ? x.warnings : [])),
      ...noStatementWarning(p.value.input, s !== undefined),
    ]),
    read: p.read,
  };
}
