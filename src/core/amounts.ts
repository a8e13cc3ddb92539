/**
 * Amounts as they arrive from sheets: numbers, or text such as `1 234`, `- 1 102`, `(1 102)`, `1,8 mnkr`.
 * Everything here is pure: a cell value in, a parsed value (or a Swedish message) out.
 */

export type Parsed<T> =
  | { readonly kind: "value"; readonly value: T }
  | { readonly kind: "empty" }
  | { readonly kind: "error"; readonly message: string };

/** Money units, as factors of one krona. mkr and "miljoner" are mnkr (seed 000 writes both). */
export type MoneyUnit = "kr" | "tkr" | "mnkr";
const UNIT_EXPONENT: Record<MoneyUnit, number> = { kr: 0, tkr: 3, mnkr: 6 };

/** What a column holds, which decides what text is accepted and what a unit suffix means. */
export type AmountKind =
  { readonly type: "money"; readonly unit: MoneyUnit } | { readonly type: "volume" } | { readonly type: "percent" };

export const TKR: AmountKind = { type: "money", unit: "tkr" };
export const KR: AmountKind = { type: "money", unit: "kr" };
export const VOLUME: AmountKind = { type: "volume" };
export const PERCENT: AmountKind = { type: "percent" };

const SPACES = /[\s\u00a0\u202f\u2007\u2009]+/g;
/** Minus signs met in real sheets: hyphen, Unicode minus, en dash, em dash. */
const MINUS = /^[-\u2212\u2013\u2014]/;
/** Missing is not zero: a lone dash, "i.u." (ingen uppgift), "saknas", "ej tillämpligt". */
const MISSING = new Set([
  "-",
  "\u2212",
  "\u2013",
  "\u2014",
  "i.u.",
  "i.u",
  "iu",
  "saknas",
  "e.t.",
  "ej tillämpligt",
  "n/a",
]);
const APPROXIMATE = /^(ca\.?|cirka|drygt|knappt|ungefär|runt|nästan|över|under)\s/i;
const MONEY_SUFFIX: ReadonlyArray<[RegExp, MoneyUnit]> = [
  [/\s*(mnkr|mkr|miljoner kronor|miljoner)$/i, "mnkr"],
  [/\s*(tkr|tusen kronor)$/i, "tkr"],
  [/\s*(kr|kronor|sek)$/i, "kr"],
];
const VOLUME_SUFFIX =
  /\s*(timmar|tim|h|st|dygn|vårddygn|platser|hushåll|personer|pers|tjänster|tjänst|årsarbetare|åa)$/i;

export const UNIT_LABEL: Record<MoneyUnit, string> = { kr: "kronor", tkr: "tkr", mnkr: "mnkr" };

function describe(kind: AmountKind): string {
  switch (kind.type) {
    case "money":
      return `ett belopp i ${UNIT_LABEL[kind.unit]}, t.ex. 1 234 eller -1 102`;
    case "volume":
      return "en volym (ett tal som inte är negativt), t.ex. 2,5";
    case "percent":
      return "en andel i procent, t.ex. 12,5 %";
  }
}

function error(shown: string, kind: AmountKind, why?: string): Parsed<number> {
  const head = why
    ? `"${shown}" ${why}`
    : `"${shown}" är inte ${kind.type === "percent" ? "en andel" : kind.type === "volume" ? "en volym" : "ett belopp"}`;
  return { kind: "error", message: `${head}: förväntade ${describe(kind)}.` };
}

/** A decimal number as digits, so that unit conversion can move the decimal point exactly. */
interface Decimal {
  readonly negative: boolean;
  readonly integer: string;
  readonly fraction: string;
}

/** Parse the digits of an unsigned number with Swedish, or unambiguous foreign, separators. */
function parseDigits(text: string): { integer: string; fraction: string } | "ambiguous" | null {
  let m: RegExpMatchArray | null;
  // 1 234 or 1 234,5 (space grouping, decimal comma)
  if ((m = text.match(/^(\d{1,3}(?: \d{3})+)(?:,(\d+))?$/)))
    return { integer: m[1]!.replace(/ /g, ""), fraction: m[2] ?? "" };
  // 1234 or 1234,5
  if ((m = text.match(/^(\d+)(?:,(\d+))?$/))) return { integer: m[1]!, fraction: m[2] ?? "" };
  // 1.234,5 or 1.234.567 (dot grouping)
  if ((m = text.match(/^(\d{1,3}(?:\.\d{3})+),(\d+)$/))) return { integer: m[1]!.replace(/\./g, ""), fraction: m[2]! };
  if ((m = text.match(/^(\d{1,3}(?:\.\d{3}){2,})$/))) return { integer: m[1]!.replace(/\./g, ""), fraction: "" };
  // 1,234.5 (comma grouping, decimal point)
  if ((m = text.match(/^(\d{1,3}(?:,\d{3})+)\.(\d+)$/))) return { integer: m[1]!.replace(/,/g, ""), fraction: m[2]! };
  // 12.5: a decimal point, unless it could just as well be a thousands separator (1.234)
  if ((m = text.match(/^(\d+)\.(\d+)$/))) {
    if (m[1]!.length <= 3 && m[2]!.length === 3) return "ambiguous";
    return { integer: m[1]!, fraction: m[2]! };
  }
  return null;
}

/** The number times 10^shift, computed on the digits so that 1,8 mnkr is exactly 1800 tkr. */
function shifted(d: Decimal, shift: number): number {
  let integer = d.integer;
  let fraction = d.fraction;
  if (shift > 0) {
    fraction = fraction.padEnd(shift, "0");
    integer += fraction.slice(0, shift);
    fraction = fraction.slice(shift);
  } else if (shift < 0) {
    integer = integer.padStart(-shift + 1, "0");
    fraction = integer.slice(shift) + fraction;
    integer = integer.slice(0, shift);
  }
  const value = Number(`${integer}.${fraction || "0"}`);
  return d.negative && value !== 0 ? -value : value;
}

/** Normalise a finite number: -0 becomes 0. */
function clean(n: number): number {
  return n === 0 ? 0 : n;
}

/**
 * Parse one cell value into a number of the column's kind (tkr column: tkr; kr column: kronor; percent: a fraction).
 * Missing values come back as `empty`, never as 0.
 */
export function parseAmount(raw: unknown, kind: AmountKind): Parsed<number> {
  if (raw === null || raw === undefined) return { kind: "empty" };
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return error(String(raw), kind);
    if (kind.type === "volume" && raw < 0) return error(String(raw), kind, "är negativ");
    return { kind: "value", value: clean(raw) };
  }
  if (typeof raw === "boolean") return error(raw ? "SANT" : "FALSKT", kind, "är ett sanningsvärde");
  if (raw instanceof Date) return error(raw.toISOString().slice(0, 10), kind, "är ett datum");
  if (typeof raw !== "string") return error(String(raw), kind);

  const shown = raw.trim();
  let text = raw.replace(SPACES, " ").trim();
  if (text === "" || MISSING.has(text.toLowerCase())) return { kind: "empty" };
  if (text.startsWith("#")) return error(shown, kind, "är ett felvärde från en formel");
  if (text.startsWith("=")) return error(shown, kind, "är en formel som text");
  if (APPROXIMATE.test(text)) return error(shown, kind, "är ett ungefärligt belopp");

  let exponent = 0; // power of ten from the text's unit to the column's unit
  if (kind.type === "money") {
    for (const [pattern, unit] of MONEY_SUFFIX) {
      if (pattern.test(text)) {
        text = text.replace(pattern, "");
        exponent = UNIT_EXPONENT[unit] - UNIT_EXPONENT[kind.unit];
        break;
      }
    }
  } else if (kind.type === "percent") {
    text = text.replace(/\s*%$/, "");
    exponent = -2; // 12,5 % is 0.125; text without a sign is read as percent too
  } else {
    text = text.replace(VOLUME_SUFFIX, "");
  }

  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  } else if (MINUS.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  } else if (text.startsWith("+")) {
    text = text.slice(1).trim();
  } else if (/\d-$/.test(text)) {
    negative = true; // trailing minus from ERP exports: "1 102-"
    text = text.slice(0, -1).trim();
  }

  const digits = parseDigits(text);
  if (digits === "ambiguous") return error(shown, kind, "är tvetydigt (decimalpunkt eller tusentalsavgränsare?)");
  if (digits === null) return error(shown, kind);
  const value = shifted({ negative, ...digits }, exponent);
  if (kind.type === "volume" && value < 0) return error(shown, kind, "är negativ");
  return { kind: "value", value: clean(value) };
}

/** Excel ROUND: half away from zero (Math.round(-3725.5) is -3725; the seeds print -3726). */
export function roundExcel(x: number, digits = 0): number {
  const factor = 10 ** digits;
  // toPrecision(15) removes binary noise first, as Excel does: ROUND(2.675; 2) is 2.68.
  const scaled = Number((Math.abs(x) * factor).toPrecision(15));
  const rounded = (Math.sign(x) * Math.round(scaled)) / factor;
  return clean(rounded);
}

/**
 * Kronor to öre, the one rule for money (domain: amounts are kronor with at most two decimals, from input to
 * output): Excel's ROUND to two decimals, half away from zero, which also removes binary noise (3 025 000,0000000005
 * is 3 025 000). Applied where an amount is read (`toKronor`) and where a calculator derives one (a product, a
 * quotient, a sum), so that no written cell carries noise. Whole kronor pass unchanged (the ledger's fast path).
 */
export function roundOre(kronor: number): number {
  return Number.isInteger(kronor) ? clean(kronor) : roundExcel(kronor, 2);
}

/** Convert an amount between money units (kr, tkr, mnkr). */
export function convertMoney(value: number, from: MoneyUnit, to: MoneyUnit): number {
  return value * 10 ** (UNIT_EXPONENT[from] - UNIT_EXPONENT[to]);
}

/** Swedish number text: space as thousands separator, decimal comma, ASCII minus (as the reports print it). */
export function formatNumber(x: number, decimals = 0): string {
  const r = roundExcel(x, decimals);
  const [int, frac] = Math.abs(r).toFixed(decimals).split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${r < 0 ? "-" : ""}${grouped}${frac ? `,${frac}` : ""}`;
}

/** An amount in kronor shown in tkr without decimals, the reports' own format: -2 050. */
export function formatTkr(kronor: number): string {
  return formatNumber(convertMoney(kronor, "kr", "tkr"));
}

/** A share shown as Swedish percent text: 0.722 gives "72 %". */
export function formatPercent(fraction: number, decimals = 0): string {
  return `${formatNumber(fraction * 100, decimals)} %`;
}
