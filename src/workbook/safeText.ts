/**
 * Formula injection guard: text from inputs (names, comments) that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return must reach the sheet as text, never as a formula.
 *
 * - exceljs (`excelJsCellValue`): a plain string value is stored as a shared string, which Excel and LibreOffice
 *   never evaluate; only `{ formula }` objects become formulas, and the writer makes those from layout formulas
 *   alone (built from cell addresses by `src/report`, never from input text). Text columns also get the text
 *   format `@`, so a cell stays text when a user re-enters it. Two things exceljs would get wrong are mended
 *   here: a carriage return is written raw and read back as a line feed (XML normalises it), so line breaks
 *   become Excel's own `\n`; and control characters that XML 1.0 forbids would make the file unreadable, so
 *   they become U+FFFD (visible, never silently dropped).
 * - Office.js (`officeCellValue`): `range.values` and `range.formulas` parse a string as if it were typed, so
 *   `=HYPERLINK(...)` would become a formula, `1 234` and `00123` numbers, `1-2` and `maj 21` dates (in a Swedish
 *   Excel), `TRUE` a boolean. The rule: **every** non-empty string the writer puts in a layout's grid gets a
 *   leading apostrophe. Excel stores the rest as text (the cell's quotePrefix), shows it without the apostrophe
 *   and returns it without it in `values`, so the cell holds exactly the text the exceljs writer stores as a
 *   shared string: the two writers agree cell for cell. Every string, not only those that look parseable: what
 *   Excel parses depends on the user's locale (month names, separators), which the writer cannot know. The
 *   apostrophe, not number format `@`, because header, title and note cells sit in number columns too and the
 *   exceljs writer gives them the General format; the grid goes to a fresh sheet before any format, so the
 *   apostrophe never meets a text format. The registry sheet is the one range the other way round: it is all
 *   text, gets `@` in the same batch before its values, and so needs no apostrophe.
 */

/** Excel's limit of characters in a cell: a longer text is cut to it, ending in "…" (`longCellWarnings` says where). */
export const MAX_CELL_CHARS = 32_767;

/** A text cut to Excel's cell limit (the same cut in both writers, so they agree cell for cell). */
export function fitCell(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** True when a text would start a formula if typed into a cell. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

// eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids are what this finds
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** The value for an exceljs cell: text stays text; line breaks as `\n`, XML-forbidden characters as U+FFFD. */
export function excelJsCellValue(value: CellValue): CellValue {
  return typeof value === "string" ? fitCell(value.replace(/\r\n?/g, "\n").replace(XML_FORBIDDEN, "\ufffd")) : value;
}

/** The value for Office.js `range.values`/`formulas`: every text gets a leading apostrophe (kept as text); "" clears. */
export function officeCellValue(value: CellValue): CellValue {
  return typeof value === "string" && value !== "" ? `'${fitCell(value)}` : value;
}
import type { CellValue } from "../cells";
