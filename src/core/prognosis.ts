/**
 * Calculator 1: prognosis versus outcome per ansvar, for every ansvar and every level above it.
 * Amounts are in kronor, internal convention (net cost positive; variance = budget - outcome, + = överskott).
 */
import { roundExcel, roundOre } from "./amounts";
import { CoreError } from "./errors";
import { buildHierarchy, rollUp, type CostCentre, type Hierarchy } from "./hierarchy";
import { periodMonth, periodYear, type Period } from "./periods";
import { varianceShare } from "./signs";

/**
 * How a forecast came about. `entered` = the unit's own template; `outcome` = the bokslut, where the year's
 * outcome is the outcome (no forecast); the others are proposals by a method.
 */
export type ForecastMethod = "entered" | "outcome" | "runRate" | "lastYearProfile" | "phasedBudgetPlusVariance";
export type ProposalMethod = Exclude<ForecastMethod, "entered" | "outcome">;

export const FORECAST_METHOD_LABEL: Record<ForecastMethod | "sum", string> = {
  entered: "Inlämnad prognos",
  outcome: "Utfall helår (bokslut)",
  runRate: "Linjär uppräkning (utfall × 12 / månader)",
  lastYearProfile: "Fjolårets månadsprofil",
  phasedBudgetPlusVariance: "Budget + avvikelse hittills",
  sum: "Summa av underliggande ansvar",
};

export type BudgetVersionKind = "original" | "ombudgetering" | "tillaggsbudget";

/** A budget decision. Versions after the original are changes (deltas) to the budget before them. */
export interface BudgetVersion {
  readonly id: string;
  readonly kind: BudgetVersionKind;
  readonly date?: string;
  readonly decision?: string;
}

export interface BudgetLine {
  readonly costCentre: string;
  readonly annual: number;
  /** Budget per month (12 values) when the budget is phased; otherwise the phasing is linear and flagged. */
  readonly monthly?: readonly number[];
  /** The version this line belongs to; the original when absent. */
  readonly version?: string;
}

export interface ActualRow {
  readonly costCentre: string;
  readonly period: Period;
  readonly amount: number;
  readonly account?: string;
}

export interface ForecastEntry {
  readonly costCentre: string;
  /** Full-year forecast outcome, internal convention. */
  readonly forecast: number;
  readonly comment?: string;
}

/**
 * A key a sheet names that the hierarchy does not have: its rows stay in the totals on a line of their own
 * ("Okänt ansvar ..."), and the levels it was probably meant for cannot be stated as matched.
 */
export interface UnmatchedKey {
  /** The key as written (the unknown line's key). */
  readonly key: string;
  readonly sheet: string;
  /** Its first cell on the sheet. */
  readonly cell: string;
  readonly rows: number;
  /** Its money, internal kronor (signed). */
  readonly amount: number;
  /** The closest known key, when one is close ("menade du ..."). */
  readonly suggestedKey?: string;
}

export interface PrognosisInput {
  readonly year: number;
  /** The month of follow-up, 1-12: utfall and phased budget are accumulated to its end. */
  readonly month: number;
  readonly costCentres: readonly CostCentre[];
  readonly budgets: readonly BudgetLine[];
  readonly budgetVersions?: readonly BudgetVersion[];
  /** The version the variance uses (its deltas and all before it); the latest when absent. */
  readonly budgetVersion?: string;
  /** This year's ledger rows. Rows of other periods are kept aside and reported, never silently dropped. */
  readonly actuals: readonly ActualRow[];
  /** Last year's ledger rows (all months), for the comparison column and the last-year-profile method. */
  readonly lastYearActuals?: readonly ActualRow[];
  readonly forecasts?: readonly ForecastEntry[];
  readonly previousForecasts?: readonly ForecastEntry[];
  /** The method that proposes a forecast where none is entered. */
  readonly proposalMethod: ProposalMethod;
  /**
   * The bokslut (year-end report): the year's outcome is the outcome, so every ansvar's "forecast" is its utfall
   * and nothing is proposed or entered. Month 12 when absent (a setting may say Delår at month 12, or Bokslut).
   */
  readonly yearEnd?: boolean;
  /** An entered forecast further than this (kronor) from the proposal must carry a comment. Default 100 000 kr. */
  readonly commentThreshold?: number;
  /** Keys the input sheets name that the hierarchy does not have (one per sheet and key). */
  readonly unmatched?: readonly UnmatchedKey[];
}

export type PrognosisFlag =
  | "noBudget" // utfall or forecast but no budget row
  | "noActual" // budget but nothing booked
  | "unknownCostCentre" // booked on an ansvar missing from the hierarchy
  | "linearPhasing" // no monthly budget: phased as months/12
  | "uncommentedDeviation" // entered forecast departs from the proposal without a comment
  | "proposalFallback"; // the chosen method could not be used (e.g. no last year): budget + variance used

/** The figures of a row that are sums over the lines under it, and so have an own part on a parent. */
export const OWN_FIELDS = ["actualLastYear", "phasedBudget", "actual", "annualBudget", "forecast"] as const;
export type OwnField = (typeof OWN_FIELDS)[number];

/**
 * What is budgeted, booked and forecast on an ansvar itself: a leaf's whole figures, on a parent its row less the
 * rows under it (the bookings directly on the parent). Every figure to the öre.
 */
export interface OwnPart extends Readonly<Record<Exclude<OwnField, "actualLastYear">, number>> {
  /** Missing (not 0) when the input holds no previous-year outcome for the ansvar. */
  readonly actualLastYear: number | undefined;
  readonly forecastMethod: ForecastMethod;
}

/**
 * Domain: an own figure (a parent's row less its lines') below half an öre is the rounding of the sums, not a
 * booking: no own line is shown for it, on the prognosis sheet or in the statements.
 */
export const BOOKED_THRESHOLD = 0.005;

/** Whether an amount is booked (not the rounding of sums): at least `BOOKED_THRESHOLD`. Missing is not booked. */
export const isBooked = (amount: number | null | undefined): boolean => Math.abs(amount ?? 0) >= BOOKED_THRESHOLD;

/** Whether an ansvar has an own part with something booked, budgeted or forecast on it (any figure `isBooked`). */
export const hasOwnBookings = (own: OwnPart | undefined): own is OwnPart =>
  own !== undefined && OWN_FIELDS.some((f) => isBooked(own[f]));

export interface PrognosisRow {
  readonly key: string;
  readonly code?: string;
  readonly name: string;
  readonly parentKey?: string;
  readonly depth: number;
  readonly isLeaf: boolean;
  /**
   * The previous year's outcome to the same month, summed over the units below that have one. Missing is not zero:
   * undefined when the input holds no previous-year outcome for any unit below.
   */
  readonly actualLastYear: number | undefined;
  readonly phasedBudget: number;
  readonly actual: number;
  readonly varianceToDate: number;
  readonly annualBudget: number;
  readonly forecast: number;
  /** For a leaf, where its forecast came from; for a subtotal, `sum`. */
  readonly forecastMethod: ForecastMethod | "sum";
  readonly proposedForecast: number;
  readonly proposedMethod: ProposalMethod | "outcome" | "sum";
  readonly varianceFullYear: number;
  /** varianceFullYear / |annualBudget|; undefined for a zero budget. */
  readonly varianceShare: number | undefined;
  /**
   * The previous forecast. On a subtotal: the previous forecasts of the units below that have one, plus the
   * current forecast of those that have none (they count as unchanged), so forecast - previousForecast is the
   * change. Undefined when no unit below has a previous forecast.
   */
  readonly previousForecast: number | undefined;
  /**
   * Forecast minus previous forecast, summed over the units below that have a previous forecast: a unit without
   * one has no change (never 0), and a row none of whose units has one has none either.
   */
  readonly forecastChange: number | undefined;
  /** The change of the ansvar's own forecast (a parent's bookings on itself); undefined without a previous forecast. */
  readonly ownForecastChange: number | undefined;
  /**
   * The ansvar's own part, the unit whose forecast the history saves and whose previous forecast the change uses:
   * on a leaf all of it; on a parent what is budgeted, booked or forecast on itself; undefined on a parent with none.
   */
  readonly own: OwnPart | undefined;
  readonly comment?: string;
  readonly flags: readonly PrognosisFlag[];
}

export interface Reconciliation {
  readonly rowsRead: number;
  readonly rowsUsed: number;
  /** Rows of another year or after the follow-up month: counted here, shown to the user. */
  readonly rowsOutsidePeriod: number;
  readonly amountRead: number;
  readonly amountUsed: number;
  readonly amountOutsidePeriod: number;
  readonly budgetRead: number;
  readonly budgetInReport: number;
  /** amountRead - amountUsed - amountOutsidePeriod: zero unless something was lost. */
  readonly unexplained: number;
}

export interface PrognosisResult {
  readonly year: number;
  readonly month: number;
  /** The bokslut: every sheet and sentence speaks of the year's outcome ("redovisade", "Utfall helår"), not a forecast. */
  readonly yearEnd: boolean;
  readonly budgetVersion: BudgetVersion;
  /** Report order: each parent before its children. */
  readonly rows: readonly PrognosisRow[];
  readonly total: PrognosisRow;
  readonly reconciliation: Reconciliation;
  /** Keys of the input not found in the hierarchy (see UnmatchedKey); empty when every key matched. */
  readonly unmatched: readonly UnmatchedKey[];
}

/**
 * The lines whose figures rest on input that was not matched to the hierarchy: the line an unknown key most
 * likely meant (its closest known key) and every level above it, the unknown lines and, whenever any key is
 * unmatched, the total. A sentence must not state these lines' result as if their input were complete.
 */
export function linesWithUnmatchedInput(result: PrognosisResult): Set<string> {
  const out = new Set<string>();
  if (result.unmatched.length === 0 && !result.rows.some((r) => r.flags.includes("unknownCostCentre"))) return out;
  out.add(result.total.key);
  const byKey = new Map(result.rows.map((r) => [r.key, r]));
  const up = (key: string | undefined): void => {
    for (
      let at = key === undefined ? undefined : byKey.get(key);
      at !== undefined && !out.has(at.key);
      at = at.parentKey === undefined ? undefined : byKey.get(at.parentKey)
    )
      out.add(at.key);
  };
  for (const u of result.unmatched) up(u.suggestedKey);
  for (const r of result.rows) if (r.flags.includes("unknownCostCentre")) up(r.key);
  return out;
}

/** The part of the total's figures that sits on lines of unknown ansvar ("Okänt ansvar ..."). */
export function unknownShare(result: PrognosisResult): {
  readonly lines: number;
  readonly annualBudget: number;
  readonly actual: number;
  readonly forecast: number;
} {
  const unknown = result.rows.filter((r) => r.isLeaf && r.flags.includes("unknownCostCentre"));
  const sum = (f: (r: PrognosisRow) => number) => unknown.reduce((a, r) => a + f(r), 0);
  return {
    lines: unknown.length,
    annualBudget: sum((r) => r.annualBudget),
    actual: sum((r) => r.actual),
    forecast: sum((r) => r.forecast),
  };
}

const FIELDS = [
  "actualLastYear",
  "phasedBudget",
  "actual",
  "annualBudget",
  "forecast",
  "proposedForecast",
  "previousForecast",
  "forecastChange",
] as const;
type Field = (typeof FIELDS)[number];

/** Each figure to the öre (`roundOre`). */
function toOre(figures: Record<Field, number>): Record<Field, number> {
  const out = {} as Record<Field, number>;
  for (const f of FIELDS) out[f] = roundOre(figures[f]);
  return out;
}

const ORIGINAL: BudgetVersion = { id: "original", kind: "original" };

/**
 * The versions whose lines make up the chosen budget: the original and every change up to the chosen one (the
 * latest when none is chosen). Domain: one budget version per run, in every sheet that shows a budget.
 */
export function versionsInEffect(input: Pick<PrognosisInput, "budgetVersions" | "budgetVersion">): {
  used: BudgetVersion;
  ids: Set<string>;
} {
  const versions = input.budgetVersions?.length ? input.budgetVersions : [ORIGINAL];
  const index =
    input.budgetVersion === undefined ? versions.length - 1 : versions.findIndex((v) => v.id === input.budgetVersion);
  if (index < 0) throw new CoreError([{ code: "unknownBudgetVersion", version: input.budgetVersion ?? "" }]);
  return { used: versions[index]!, ids: new Set(versions.slice(0, index + 1).map((v) => v.id)) };
}

interface LeafFigures {
  annual: number;
  phased: number;
  hasBudget: boolean;
  linear: boolean;
  actual: number;
  hasActual: boolean;
  lastYearToDate: number;
  lastYearFull: number;
  /** Whether the input holds any previous-year outcome for the ansvar (otherwise its figure is missing, not 0). */
  hasLastYear: boolean;
}

function proposeForecast(
  method: ProposalMethod,
  f: LeafFigures,
  month: number,
): { value: number; method: ProposalMethod; fallback: boolean } {
  const budgetPlusVariance = f.annual + (f.actual - f.phased);
  if (method === "runRate") return { value: (f.actual * 12) / month, method, fallback: false };
  if (method === "lastYearProfile") {
    const share = f.lastYearFull === 0 ? 0 : f.lastYearToDate / f.lastYearFull;
    if (share > 0 && share <= 1.5) return { value: f.actual / share, method, fallback: false };
    return { value: budgetPlusVariance, method: "phasedBudgetPlusVariance", fallback: true };
  }
  return { value: budgetPlusVariance, method, fallback: false };
}

interface ActualTotals {
  rowsUsed: number;
  amountRead: number;
  amountUsed: number;
  rowsOutside: number;
  amountOutside: number;
}

/**
 * Adds this year's ledger rows to each ansvar's utfall; rows of another year or after the follow-up month are
 * counted aside. A small function of its own so the engine optimises this loop early (1,000,000 rows, bench/).
 */
function readActuals(
  rows: readonly ActualRow[],
  year: number,
  month: number,
  figures: (key: string) => LeafFigures,
): ActualTotals {
  const t: ActualTotals = { rowsUsed: 0, amountRead: 0, amountUsed: 0, rowsOutside: 0, amountOutside: 0 };
  // Whether a period is in the follow-up year up to its month, worked out once per distinct period, not per row.
  const inPeriod = new Map<Period, boolean>();
  let lastKey: string | undefined;
  let last: LeafFigures | undefined;
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    t.amountRead += a.amount;
    let inside = inPeriod.get(a.period);
    if (inside === undefined) {
      inside = periodYear(a.period) === year && periodMonth(a.period) <= month;
      inPeriod.set(a.period, inside);
    }
    if (!inside) {
      t.rowsOutside++;
      t.amountOutside += a.amount;
      continue;
    }
    // ERP extracts come sorted by ansvar: consecutive rows skip the map lookup.
    if (a.costCentre !== lastKey || last === undefined) {
      lastKey = a.costCentre;
      last = figures(lastKey);
    }
    last.actual += a.amount;
    last.hasActual = true;
    t.rowsUsed++;
    t.amountUsed += a.amount;
  }
  return t;
}

/**
 * Whether a report is the bokslut: as the setting Rapporttyp says, else at month 12 (the outcome is the year's).
 * The one rule, for the calculator and for every sheet's wording.
 */
export function isYearEnd(month: number, reportKind?: "yearEnd" | "interim"): boolean {
  return reportKind === undefined ? month === 12 : reportKind === "yearEnd";
}

export function calculatePrognosis(input: PrognosisInput): PrognosisResult {
  const { year, month } = input;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new CoreError([{ code: "monthOutOfRange", month }]);
  const { used, ids } = versionsInEffect(input);
  const threshold = input.commentThreshold ?? 100_000;
  const yearEnd = input.yearEnd ?? isYearEnd(month);

  const leaf = new Map<string, LeafFigures>();
  const figures = (key: string): LeafFigures => {
    let f = leaf.get(key);
    if (!f) {
      f = {
        annual: 0,
        phased: 0,
        hasBudget: false,
        linear: false,
        actual: 0,
        hasActual: false,
        lastYearToDate: 0,
        lastYearFull: 0,
        hasLastYear: false,
      };
      leaf.set(key, f);
    }
    return f;
  };

  let budgetRead = 0;
  for (const b of input.budgets) {
    if (b.version !== undefined && !ids.has(b.version)) continue;
    const f = figures(b.costCentre);
    budgetRead += b.annual;
    f.annual += b.annual;
    f.hasBudget = true;
    if (b.monthly && b.monthly.length === 12) {
      for (let m = 0; m < month; m++) f.phased += b.monthly[m]!;
    } else {
      f.phased += (b.annual * month) / 12;
      f.linear = true;
    }
  }

  const read = readActuals(input.actuals, year, month, figures);
  for (const a of input.lastYearActuals ?? []) {
    if (periodYear(a.period) !== year - 1) continue;
    const f = figures(a.costCentre);
    f.lastYearFull += a.amount;
    f.hasLastYear = true;
    if (periodMonth(a.period) <= month) f.lastYearToDate += a.amount;
  }
  const entered = new Map((input.forecasts ?? []).map((e) => [e.costCentre, e]));
  const previous = new Map((input.previousForecasts ?? []).map((e) => [e.costCentre, e.forecast]));
  for (const key of [...entered.keys(), ...previous.keys()]) figures(key);

  const known = new Set(input.costCentres.map((c) => c.key));
  const hierarchy: Hierarchy = buildHierarchy(
    input.costCentres,
    [...leaf.keys()].filter((k) => !known.has(k)),
  );

  const own = new Map<string, Record<Field, number>>();
  const leafInfo = new Map<
    string,
    {
      method: ForecastMethod;
      proposedMethod: ProposalMethod | "outcome";
      comment?: string;
      flags: PrognosisFlag[];
      ownChange?: number;
    }
  >();
  for (const [key, f] of leaf) {
    // At year end the outcome is the year: no proposal, no entered forecast (a December template's figure is not
    // the bokslut).
    const proposal = yearEnd
      ? { value: f.actual, method: "outcome" as const, fallback: false }
      : proposeForecast(input.proposalMethod, f, month);
    const entry = yearEnd ? undefined : entered.get(key);
    const forecast = entry ? entry.forecast : proposal.value;
    const flags: PrognosisFlag[] = [];
    const prev = previous.get(key);
    if (!known.has(key)) flags.push("unknownCostCentre");
    if (!f.hasBudget && (f.hasActual || entry)) flags.push("noBudget");
    if (f.hasBudget && !f.hasActual) flags.push("noActual");
    if (f.linear) flags.push("linearPhasing");
    if (proposal.fallback) flags.push("proposalFallback");
    if (entry && Math.abs(entry.forecast - proposal.value) > threshold && !entry.comment?.trim())
      flags.push("uncommentedDeviation");
    // Every figure to the öre: a sum of ledger rows, a linear share of the year and a proposal (x 12 / months)
    // carry binary noise or fractions of an öre otherwise (money stays exact from input to output).
    own.set(
      key,
      toOre({
        actualLastYear: f.lastYearToDate,
        phasedBudget: f.phased,
        actual: f.actual,
        annualBudget: f.annual,
        forecast,
        proposedForecast: proposal.value,
        // A unit (a leaf, or a parent's own part, keyed on the parent) without a previous forecast counts as
        // unchanged, so a subtotal compares like with like.
        previousForecast: prev ?? forecast,
        forecastChange: prev === undefined ? 0 : forecast - prev,
      }),
    );
    const ownChange = prev === undefined ? undefined : roundOre(forecast - prev);
    leafInfo.set(key, {
      method: entry ? "entered" : proposal.method,
      proposedMethod: proposal.method,
      comment: entry?.comment,
      flags,
      ownChange,
    });
  }
  const sums = rollUp(hierarchy, own, FIELDS);

  const withPrevious = new Set<string>();
  const withLastYear = new Set<string>();
  for (const key of [...hierarchy.order].reverse()) {
    const node = hierarchy.nodes.get(key)!;
    if (previous.has(key) || node.childKeys.some((c) => withPrevious.has(c))) withPrevious.add(key);
    if (leaf.get(key)?.hasLastYear || node.childKeys.some((c) => withLastYear.has(c))) withLastYear.add(key);
  }
  const ownPart = (key: string, isLeaf: boolean, s: Record<Field, number>): OwnPart | undefined => {
    const figures = isLeaf ? s : own.get(key);
    return (
      figures && {
        actualLastYear: leaf.get(key)?.hasLastYear ? figures.actualLastYear : undefined,
        phasedBudget: figures.phasedBudget,
        actual: figures.actual,
        annualBudget: figures.annualBudget,
        forecast: figures.forecast,
        forecastMethod: leafInfo.get(key)?.method ?? (yearEnd ? "outcome" : input.proposalMethod),
      }
    );
  };
  const makeRow = (
    sums: Record<Field, number>,
    base: CostCentre & { depth: number; isLeaf: boolean },
    hasPrevious: boolean,
    hasLastYear: boolean,
  ): PrognosisRow => {
    const info = leafInfo.get(base.key);
    // A sum of öre amounts rounded to the öre: the same amount without the noise of the additions.
    const s = toOre(sums);
    const varianceFullYear = roundOre(s.annualBudget - s.forecast);
    return {
      key: base.key,
      code: base.code,
      name: base.name,
      parentKey: base.parentKey,
      depth: base.depth,
      isLeaf: base.isLeaf,
      actualLastYear: hasLastYear ? s.actualLastYear : undefined,
      phasedBudget: s.phasedBudget,
      actual: s.actual,
      varianceToDate: roundOre(s.phasedBudget - s.actual),
      annualBudget: s.annualBudget,
      forecast: s.forecast,
      forecastMethod: base.isLeaf ? (info?.method ?? (yearEnd ? "outcome" : input.proposalMethod)) : "sum",
      proposedForecast: s.proposedForecast,
      proposedMethod: base.isLeaf ? (info?.proposedMethod ?? (yearEnd ? "outcome" : input.proposalMethod)) : "sum",
      varianceFullYear,
      varianceShare: varianceShare(varianceFullYear, s.annualBudget),
      previousForecast: hasPrevious ? s.previousForecast : undefined,
      forecastChange: hasPrevious ? s.forecastChange : undefined,
      ownForecastChange: info?.ownChange,
      own: ownPart(base.key, base.isLeaf, s),
      comment: info?.comment,
      // A parent with bookings of its own keeps their flags (e.g. noBudget) beside the sum of its children.
      flags: info?.flags ?? [],
    };
  };

  const rows = hierarchy.order.map((key) => {
    const node = hierarchy.nodes.get(key)!;
    return makeRow(
      sums.get(key)!,
      { ...node, isLeaf: node.childKeys.length === 0 },
      withPrevious.has(key),
      withLastYear.has(key),
    );
  });
  const totalSums = {} as Record<Field, number>;
  for (const f of FIELDS) totalSums[f] = hierarchy.rootKeys.reduce((acc, r) => acc + sums.get(r)![f], 0);
  const total = makeRow(
    totalSums,
    { key: "SUMMA", name: "Summa", depth: -1, isLeaf: false },
    hierarchy.rootKeys.some((r) => withPrevious.has(r)),
    hierarchy.rootKeys.some((r) => withLastYear.has(r)),
  );

  return {
    year,
    month,
    yearEnd,
    budgetVersion: used,
    rows,
    total,
    reconciliation: {
      rowsRead: input.actuals.length,
      rowsUsed: read.rowsUsed,
      rowsOutsidePeriod: read.rowsOutside,
      amountRead: read.amountRead,
      amountUsed: read.amountUsed,
      amountOutsidePeriod: read.amountOutside,
      budgetRead,
      budgetInReport: total.annualBudget,
      // To the öre: sums of the same rows in another order may differ in the last binary digits.
      unexplained: roundExcel(read.amountRead - read.amountUsed - read.amountOutside, 2),
    },
    unmatched: input.unmatched ?? [],
  };
}

/**
 * The change since the previous forecast as the report shows it: in the avvikelse sense (the change of avvikelse
 * helår, + = better, - = worse), whatever the sign convention, so that it reads and is coloured as a variance is.
 * The internal change is forecast - previous forecast (net cost positive: + = a larger cost, worse).
 */
export function forecastChangeAsVariance(change: number): number;
export function forecastChangeAsVariance(change: number | undefined): number | undefined;
export function forecastChangeAsVariance(change: number | undefined): number | undefined {
  return change === undefined ? undefined : roundOre(0 - change);
}
