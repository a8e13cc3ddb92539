/**
 * Numbers as the task pane shows them: never broken across lines. The reports group thousands with a normal space
 * ("216 123 tkr", formatNumber in core/amounts.ts); in the narrow pane a line may break there ("216 / 123 tkr"),
 * so every text the pane shows has its thousands separators and the space before a unit made no-break (U+00A0).
 */
import { convertMoney, formatNumber } from "../core/amounts";
import type { Dictionary } from "./i18n";

const NBSP = "\u00a0";

/** The text with no-break spaces inside numbers ("216 123") and between a number and its unit ("123 tkr"). */
export function unbreakable(text: string): string {
  return text
    .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NBSP}`)
    .replace(/(\d) (?=(tkr|kr|mnkr|%)(?![\p{L}\d]))/gu, `$1${NBSP}`);
}

/** Kronor as whole tkr with no-break spaces, "-3 250". */
export function tkrText(kronor: number): string {
  return unbreakable(formatNumber(convertMoney(kronor, "kr", "tkr")));
}

/** The follow-up period in words, "augusti 2021" ("August 2021"). */
export function periodText(t: Dictionary, year: number, month: number): string {
  return `${t.months[month - 1] ?? month} ${year}`;
}
