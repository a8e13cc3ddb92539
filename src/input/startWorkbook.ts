/**
 * What a controller's first input workbook can be started from, read off a ledger export alone (`budgetkoll ny`):
 * the year, the month, the sign convention and the ansvar, each with the reason it was chosen, so the workbook
 * can show every inferred setting as inferred. Pure: aggregated ledger rows in, a plan out.
 */
import { formatNumber } from "../core/amounts";
import { periodMonth, periodYear, MONTH_NAMES_SV } from "../core/periods";
import type { ActualRow } from "../core/prognosis";
import type { SignConvention } from "../core/signs";

/** A value read off the export, with the Swedish sentence saying how. */
export interface Inferred<T> {
  readonly value: T;
  readonly how: string;
}

export interface StartCostCentre {
  readonly code: string;
  readonly name: string;
  /** The code of the level above, when the export tells it. */
  readonly parent?: string;
}

/** The level every ansvar is put under when nothing in the export tells the hierarchy. */
export const UNPLACED = { code: "EJPL", name: "Ej placerade" } as const;

export interface StartPlan {
  readonly year: Inferred<number>;
  readonly month: Inferred<number>;
  readonly signConvention: Inferred<SignConvention>;
  /** The ansvar with bookings, by code; with `UNPLACED` first when the export tells no hierarchy. */
  readonly costCentres: readonly StartCostCentre[];
  /** Whether the hierarchy is left for the controller (every ansvar under `UNPLACED`). */
  readonly unplaced: boolean;
  /** Where the hierarchy was read from, when the export tells it (a sentence for the Ansvar sheet). */
  readonly hierarchyHow?: string;
}

export interface LedgerFacts {
  /** The ledger per ansvar x period (periods "YYYY-MM"), amounts as the export writes them. */
  readonly actuals: readonly ActualRow[];
  /** The ledger per konto x period, when the export has konto. */
  readonly accountTotals?: readonly ActualRow[];
  /** The amounts are debit positive whatever the kommun's convention (a SIE file). */
  readonly signsInternal?: boolean;
  /** The first day of this financial year as YYYYMMDD (SIE `#RAR 0`). */
  readonly yearStart?: string;
  /** Names of the ansvar codes (SIE `#OBJEKT`, a name column). */
  readonly names?: ReadonlyMap<string, string>;
  /** The level above each ansvar code (a parent column). */
  readonly parents?: ReadonlyMap<string, string>;
}

/** The year: SIE's `#RAR 0`, else the latest year the periods have bookings in. */
export function inferYear(actuals: readonly ActualRow[], yearStart?: string): Inferred<number> | undefined {
  if (yearStart && /^\d{8}$/.test(yearStart))
    return { value: Number(yearStart.slice(0, 4)), how: `från räkenskapsåret i exporten (#RAR 0 börjar ${yearStart})` };
  const years = [...new Set(actuals.filter((a) => a.amount !== 0).map((a) => periodYear(a.period)))].sort(
    (a, b) => a - b,
  );
  const last = years.at(-1);
  if (last === undefined) return undefined;
  return {
    value: last,
    how:
      years.length > 1
        ? `det senaste året med bokningar (exporten har ${years.join(", ")})`
        : "året som perioderna med bokningar ligger i",
  };
}

/** The month: the last period of the year with bookings (a month of only zeros is not booked). */
export function inferMonth(actuals: readonly ActualRow[], year: number): Inferred<number> | undefined {
  const months = actuals
    .filter((a) => a.amount !== 0 && periodYear(a.period) === year)
    .map((a) => periodMonth(a.period));
  if (months.length === 0) return undefined;
  const m = Math.max(...months);
  return { value: m, how: `den sista perioden med bokningar (${MONTH_NAMES_SV[m - 1]} ${year})` };
}

/** Kommun-Bas: konto class 3 is revenue, classes 4-7 costs (domain: the kommun's kontoplan). */
const isRevenue = (account: string): boolean => /^3/.test(account);
const isCost = (account: string): boolean => /^[4-7]/.test(account);

/**
 * The sign convention: a SIE file is debit positive, so its costs are positive. Otherwise the sign of what is
 * booked on cost accounts (classes 4-7) against revenue accounts (class 3): costs written positive are
 * "kostnader positiva" (Herrljunga), negative "kostnader negativa" (Gnesta). Without konto, the sign of the net
 * sum: a socialnämnd's net cost is a cost.
 */
export function inferSignConvention(
  facts: Pick<LedgerFacts, "actuals" | "accountTotals" | "signsInternal">,
): Inferred<SignConvention> {
  if (facts.signsInternal)
    return { value: "costPositive", how: "SIE-filer bokför kostnader i debet, som positiva tal" };
  const kr = (x: number): string => `${formatNumber(x, 0)} kr`;
  if (facts.accountTotals && facts.accountTotals.length > 0) {
    let cost = 0;
    let revenue = 0;
    for (const a of facts.accountTotals) {
      if (a.account === undefined) continue;
      if (isCost(a.account)) cost += a.amount;
      else if (isRevenue(a.account)) revenue += a.amount;
    }
    if (cost !== 0 || revenue !== 0) {
      // Costs outweigh revenue in a socialnämnd; when costs net to zero, revenue's sign decides (it is the opposite).
      const positive = cost !== 0 ? cost > 0 : revenue < 0;
      return {
        value: positive ? "costPositive" : "costNegative",
        how: `kostnadskontona (klass 4-7) summerar till ${kr(cost)} och intäktskontona (klass 3) till ${kr(revenue)}`,
      };
    }
  }
  const net = facts.actuals.reduce((s, a) => s + a.amount, 0);
  return {
    value: net >= 0 ? "costPositive" : "costNegative",
    how: `exporten har inga konton i klass 3-7; nettot av alla rader är ${kr(net)} (nämndens nettokostnad antas vara en kostnad)`,
  };
}

const byCode = (a: string, b: string): number => a.localeCompare(b, "sv", { numeric: true });

/**
 * The ansvar of the ledger, in code order, named from the export where it names them (else by their code). A
 * parent named by the export but without bookings of its own becomes a line too. With no parent known at all,
 * every ansvar goes under `UNPLACED` for the controller to place.
 */
export function costCentreList(facts: Pick<LedgerFacts, "actuals" | "names" | "parents">): {
  costCentres: StartCostCentre[];
  unplaced: boolean;
} {
  const codes = new Set(facts.actuals.map((a) => a.costCentre));
  const parents = facts.parents ?? new Map<string, string>();
  const known = [...codes].some((c) => parents.get(c));
  const name = (c: string): string => facts.names?.get(c)?.trim() || c;
  if (!known) {
    const list = [...codes].sort(byCode).map((code) => ({ code, name: name(code), parent: UNPLACED.code }));
    return { costCentres: [{ code: UNPLACED.code, name: UNPLACED.name }, ...list], unplaced: true };
  }
  const all = new Set(codes);
  const queue = [...codes];
  while (queue.length > 0) {
    const p = parents.get(queue.pop()!);
    if (p && !all.has(p)) {
      all.add(p);
      queue.push(p);
    }
  }
  const list = [...all].sort(byCode).map((code) => {
    const parent = parents.get(code);
    return { code, name: name(code), ...(parent && parent !== code ? { parent } : {}) };
  });
  return { costCentres: list, unplaced: false };
}

/** Everything `ny` infers from a ledger; undefined when the ledger has no booking at all. */
export function startPlan(facts: LedgerFacts): StartPlan | undefined {
  const year = inferYear(facts.actuals, facts.yearStart);
  if (!year) return undefined;
  const month = inferMonth(facts.actuals, year.value) ?? {
    value: 12,
    how: `exporten har inga bokningar under ${year.value}`,
  };
  const { costCentres, unplaced } = costCentreList(facts);
  return { year, month, signConvention: inferSignConvention(facts), costCentres, unplaced };
}
