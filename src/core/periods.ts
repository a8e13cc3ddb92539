/**
 * Periods are months, written `YYYY-MM` inside the product. Sheets give them as 202308, 2023-08, 2023-08-31,
 * "aug 2023", "Augusti 2023", an Excel date serial or a Date.
 */
import type { Parsed } from "./amounts";

/** A month as `YYYY-MM`. */
export type Period = string;

const MONTHS: ReadonlyArray<readonly string[]> = [
  ["jan", "januari", "january"],
  ["feb", "februari", "february"],
  ["mar", "mars", "march"],
  ["apr", "april"],
  ["maj", "may"],
  ["jun", "juni", "june"],
  ["jul", "juli", "july"],
  ["aug", "augusti", "august"],
  ["sep", "sept", "september"],
  ["okt", "oktober", "oct", "october"],
  ["nov", "november"],
  ["dec", "december"],
];

/** Swedish month names, for headers and text ("augusti"). */
export const MONTH_NAMES_SV = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
] as const;

export function monthFromName(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, "");
  const index = MONTHS.findIndex((names) => names.includes(n));
  return index < 0 ? undefined : index + 1;
}

export function makePeriod(year: number, month: number): Period {
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function periodYear(p: Period): number {
  return Number(p.slice(0, 4));
}

export function periodMonth(p: Period): number {
  return Number(p.slice(5, 7));
}

/** Excel's date serial (1900 system, with its phantom 29 Feb 1900) to a UTC date. */
export function excelSerialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000));
}

const EXPECTED = "förväntade en månad, t.ex. 2023-08, 202308 eller aug 2023";

function fail(shown: string, why = "är ingen månad"): Parsed<Period> {
  return { kind: "error", message: `"${shown}" ${why}: ${EXPECTED}.` };
}

function ok(year: number, month: number, shown: string): Parsed<Period> {
  if (month < 1 || month > 12) return fail(shown, `har månad ${month}, som inte finns`);
  if (year < 1900 || year > 2999) return fail(shown, `har året ${year}`);
  return { kind: "value", value: makePeriod(year, month) };
}

/**
 * Parse a period cell. `defaultYear` is the follow-up year, used when a sheet names only the month ("aug").
 */
export function parsePeriod(raw: unknown, defaultYear?: number): Parsed<Period> {
  if (raw === null || raw === undefined) return { kind: "empty" };
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail("ogiltigt datum");
    return ok(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.toISOString().slice(0, 10));
  }
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return fail(String(raw));
    if (Number.isInteger(raw) && raw >= 190001 && raw <= 299912)
      return ok(Math.floor(raw / 100), raw % 100, String(raw));
    // A month number 1-12 in a sheet with a known year; as a date serial it would be January 1900.
    if (Number.isInteger(raw) && raw >= 1 && raw <= 12 && defaultYear !== undefined)
      return ok(defaultYear, raw, String(raw));
    if (raw >= 1 && raw < 2_958_466) {
      const d = excelSerialToDate(raw);
      return ok(d.getUTCFullYear(), d.getUTCMonth() + 1, String(raw));
    }
    return fail(String(raw));
  }
  if (typeof raw !== "string") return fail(String(raw));
  const text = raw.replace(/[\s\u00a0]+/g, " ").trim();
  if (text === "") return { kind: "empty" };
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(\d{4})(\d{2})$/))) return ok(Number(m[1]), Number(m[2]), text);
  if ((m = text.match(/^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T].*)?$/)))
    return ok(Number(m[1]), Number(m[2]), text);
  if ((m = text.match(/^(\d{1,2})[-/.](\d{4})$/))) return ok(Number(m[2]), Number(m[1]), text);
  if ((m = text.match(/^([a-zåäö]+)\.?[ -]?(\d{4}|\d{2})$/i))) {
    const month = monthFromName(m[1]!);
    if (month === undefined) return fail(text);
    const y = Number(m[2]);
    return ok(m[2]!.length === 2 ? 2000 + y : y, month, text);
  }
  if ((m = text.match(/^(\d{4}) ([a-zåäö]+)$/i))) {
    const month = monthFromName(m[2]!);
    return month === undefined ? fail(text) : ok(Number(m[1]), month, text);
  }
  const monthOnly = monthFromName(text) ?? (/^\d{1,2}$/.test(text) ? Number(text) : undefined);
  if (monthOnly !== undefined) {
    if (defaultYear === undefined) return fail(text, "saknar år");
    return ok(defaultYear, monthOnly, text);
  }
  return fail(text);
}
