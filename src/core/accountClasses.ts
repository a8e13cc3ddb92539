/**
 * Konto to kostnadsslag: which line of the resultaträkning (seeds 000/004: Intäkter, Personalkostnader,
 * Lokalkostnader energi VA, Övriga kostnader, Kapitalkostnad) a ledger account belongs to. The default follows
 * the kontoklasser of Kommun-Bas 13 (SKR's kontoplan for kommuner): klass 3 intäkter, klass 4 kostnader för
 * material, entreprenader och köp av verksamhet, klass 5 kostnader för arbetskraft, klass 6 och 7 övriga
 * verksamhetskostnader, klass 8 finansiella poster (checked against kommuners published Kommun-Bas kontoplaner,
 * e.g. Heby's konteringshandbok "Kommun-Bas 13", and the Kommun-Bas 21 kontoplaner on handlingar.se).
 * Not verified against SKR's own text, so a kommun should check and, where it differs, give its own Kontoplan
 * sheet (which replaces this default whole, with lines of its own: any number, e.g. Härryda's ten with Bidrag apart
 * from the other revenue and Köp av huvudverksamhet apart from the other costs, seed 001's resultatbudget):
 * - kontogrupp 61 (lokal- och markhyror) and 62 (fastighetskostnader, energi, vatten) as Lokalkostnader; a kommun
 *   that books energi or VA elsewhere (some use 64) must say so;
 * - kontogrupp 68 (avskrivningar) and 84 (finansiella kostnader: internränta) as Kapitalkostnad; the 78 of the
 *   companies' BAS is an ordinary övrig kostnad in Kommun-Bas;
 * - 83 (finansiella intäkter) as Intäkter; 80-82 (skatter, generella statsbidrag) and 85-89 are no nämnd's
 *   operating lines and fall outside every class.
 * An account outside every class is never dropped: it is summed on its own line and named in a warning.
 */
import { roundOre } from "./amounts";
import { emptyRecord } from "./records";

/** A line of the resultaträkning (a kostnadsslag): its key; the default's five or a kommun's own. */
export type CostType = string;

/** The default lines' keys. */
export type DefaultCostType = "revenue" | "personnel" | "premises" | "other" | "capital";

/** The default lines in the order the seeds print them (004_resultatrakning.csv). */
export const COST_TYPES: readonly DefaultCostType[] = ["revenue", "personnel", "premises", "other", "capital"];

/** A line of the resultaträkning: revenue lines are summed in Summa intäkter, the others in Summa kostnader. */
export interface CostLine {
  readonly key: CostType;
  readonly label: string;
  readonly revenue: boolean;
}

export const COST_TYPE_LABEL: Record<DefaultCostType, string> = {
  revenue: "Intäkter",
  personnel: "Personalkostnader",
  premises: "Lokalkostnader, energi, VA",
  other: "Övriga kostnader",
  capital: "Kapitalkostnad",
};

/** The default plan's lines, in the seeds' order. */
export const DEFAULT_COST_LINES: readonly CostLine[] = COST_TYPES.map((key) => ({
  key,
  label: COST_TYPE_LABEL[key],
  revenue: key === "revenue",
}));

/** The line for accounts outside every class. */
export const UNKNOWN_COST_TYPE_LABEL = "Okänt kontoslag";

/**
 * A range of accounts: an account belongs when its leading digits, cut to each bound's length, lie between the
 * bounds ("61"-"62" holds 6110 and 62999; "4000"-"4999" holds 40110).
 */
export interface AccountRange {
  readonly from: string;
  readonly to: string;
  readonly costType: CostType;
}

const r = (from: string, to: string, costType: CostType): AccountRange => ({ from, to, costType });

/** The default grouping of Kommun-Bas 13 (see the comment at the top for what is uncertain). */
export const DEFAULT_ACCOUNT_PLAN: readonly AccountRange[] = [
  r("3", "3", "revenue"),
  r("83", "83", "revenue"),
  r("4", "4", "other"),
  r("5", "5", "personnel"),
  r("61", "62", "premises"),
  r("63", "67", "other"),
  r("68", "68", "capital"),
  r("69", "79", "other"),
  r("84", "84", "capital"),
];

/** The digits of an account ("5011", "5011 Löner", " 50110 "), or undefined when it has none at the start. */
export function accountDigits(account: string | undefined): string | undefined {
  const m = /^\s*(\d+)/.exec(account ?? "");
  return m?.[1];
}

function inRange(digits: string, range: AccountRange): boolean {
  const head = (bound: string): number => Number(digits.slice(0, bound.length).padEnd(bound.length, "0"));
  return head(range.from) >= Number(range.from) && head(range.to) <= Number(range.to);
}

/** The kostnadsslag of an account: the first range of the plan that holds it, undefined when none does. */
export function classifyAccount(
  account: string | undefined,
  plan: readonly AccountRange[] = DEFAULT_ACCOUNT_PLAN,
): CostType | undefined {
  const digits = accountDigits(account);
  if (digits === undefined) return undefined;
  return plan.find((range) => inRange(digits, range))?.costType;
}

export interface CostTypeSums {
  /** Kronor per kostnadsslag (every line of the plan, 0 when nothing is booked on it), internal convention (revenue negative). */
  readonly sums: Record<CostType, number>;
  /** Kronor per account outside every class (a row without an account is ""), in the order met. */
  readonly unknown: ReadonlyMap<string, number>;
  /** The sum of every row given: the sums and the unknown together. */
  readonly total: number;
}

/** Sum amounts by kostnadsslag; what no class holds is kept per account. */
export function sumByCostType(
  rows: Iterable<{ readonly account?: string; readonly amount: number }>,
  plan: readonly AccountRange[] = DEFAULT_ACCOUNT_PLAN,
): CostTypeSums {
  const sums = emptyRecord<number>();
  for (const range of plan) sums[range.costType] = 0;
  const unknown = new Map<string, number>();
  const cache = new Map<string, CostType | undefined>();
  let total = 0;
  for (const row of rows) {
    const account = row.account?.trim() ?? "";
    if (!cache.has(account)) cache.set(account, classifyAccount(account, plan));
    const type = cache.get(account);
    if (type !== undefined) sums[type] = sums[type]! + row.amount;
    else unknown.set(account, (unknown.get(account) ?? 0) + row.amount);
    total += row.amount;
  }
  // Sums of öre amounts, to the öre (no binary noise of the additions).
  for (const type of Object.keys(sums)) sums[type] = roundOre(sums[type]!);
  for (const [account, amount] of unknown) unknown.set(account, roundOre(amount));
  return { sums, unknown, total: roundOre(total) };
}

/**
 * The kontotyp a ledger export states for an account (SIE's #KTYP): T tillgång, S skuld (eget kapital och
 * skulder), K kostnad, I intäkt.
 */
export type AccountKind = "T" | "S" | "K" | "I";

/**
 * Whether an account is a balance-sheet account (tillgång, skuld, eget kapital) rather than a result account:
 * the kontotyp when the export states it, else kontoklass 1 (tillgångar) and 2 (eget kapital och skulder) of
 * Kommun-Bas, as of BAS. Such rows are never utfall: they are the counter-entries of a verifikation (the bank,
 * the leverantörsskuld), and the money a nämnd follows up lies on its result accounts (klass 3-8).
 */
export function isBalanceSheetAccount(account: string, kind?: AccountKind): boolean {
  if (kind === "T" || kind === "S") return true;
  if (kind === "K" || kind === "I") return false;
  const first = accountDigits(account)?.charCodeAt(0);
  return first === 49 || first === 50; // "1", "2"
}
