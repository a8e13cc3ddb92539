/**
 * Formula injection guard (issue 5): text from inputs (names, comments) that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return must reach the sheet as text, never as a formula.
 *
 * - exceljs (`excelJsCellValue`): a plain string value is stored as a shared string, which Excel and LibreOffice
 *   never evaluate; only `{ formula }` objects become formulas, and the writer makes those from layout formulas
 *   alone (built from cell addresses by `src/report`, never from input text). Text columns also get the text
 *   format `@`, so a cell stays text when a user re-enters it. Two things exceljs would get wrong are mended
 *   here: a carriage return is written raw and read back as a line feed (XML normalises it), so line breaks
 *   become Excel's own `\n`; and control characters that XML 1.0 forbids would make the file unreadable, so
 *   they become U+FFFD (visible, never silently dropped).
 * - Office.js (`officeCellValue`): `range.values` parses a string as if it were typed, so `=HYPERLINK(...)` would
 *   become a formula and `1 234` a number. We prefix such text with an apostrophe: Excel stores the rest as text
 *   (the cell's quotePrefix), shows it without the apostrophe and returns it without it in `values`. The
 *   apostrophe was chosen over number format `@` because it does not depend on the order in which format and
 *   values reach the batch.
 */
import type { CellValue } from "../report/layout";

const FORMULA_START = /^[=+\-@\t\r]/;
/** Text Excel's entry parser would turn into something else: a formula, a number, a date, or eat an apostrophe. */
const COERCED_START = /^[=+\-@\t\r'\d.,(%$€£\u2212]/;

/** True when a text would start a formula if typed into a cell. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** The value for an exceljs cell: text stays text; line breaks as `\n`, XML-forbidden characters as U+FFFD. */
export function excelJsCellValue(value: CellValue): CellValue {
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n").replace(XML_FORBIDDEN, "\ufffd") : value;
}

/** The value for Office.js `range.values`: text that Excel would parse gets a leading apostrophe (kept as text). */
export function officeCellValue(value: CellValue): CellValue {
  return typeof value === "string" && COERCED_START.test(value) ? `'${value}` : value;
}
