/**
 * Number formats of the report columns, as invariant (en-US) codes: Excel and LibreOffice show them with the
 * user's locale separators, so a Swedish Excel shows `#,##0` as `-2 050`. Never `numberFormatLocal`.
 *
 * tkr columns hold **kronor** and are shown in tkr: the trailing comma of `#,##0,` divides by 1000 for display.
 * Why kronor in the cells: the core sums unrounded kronor and only what is shown is rounded (domain rule), so
 * the SUM formulas of subtotals give exactly the calculators' totals (Socialt stöd's 20 890, not 20 889 from
 * rounded parts), and Excel rounds the display half away from zero like `roundExcel`. A controller who needs tkr
 * values divides by 1000; the headers say "(tkr)" and the meta lines say the cells hold kronor.
 * Templates are the exception: people type tkr there, so their `tkrEntered` cells hold whole tkr with
 * `#,##0`, and the reader multiplies by 1000.
 *
 * No "-0" (seed S11 printed one): with `#,##0,;-#,##0,` a deficit of 1-499 kr takes the negative section and
 * shows as "-0". The tkr format has three conditional sections instead, `[>=0]#,##0,;[<=-500]-#,##0,;#,##0,`:
 * zero and surpluses; deficits of at least 500 kr (which round to -1 tkr or less), written with their minus;
 * the rest, deficits under 500 kr, shown as 0. Chosen so Excel and LibreOffice agree although they place the
 * sign differently: Excel leaves the sign out of a section that only negative numbers reach (the second and the
 * third here), LibreOffice out of every section but the first; the first here never sees a negative number.
 * Checked in LibreOffice by test/workbook/libreoffice.test.ts (-300 kr prints 0, -500 kr -1, -2 050 000 kr
 * -2 050).
 */
import type { ColumnType } from "./layout";

export const NUMBER_FORMAT: Record<ColumnType, string> = {
  text: "@",
  tkr: "[>=0]#,##0,;[<=-500]-#,##0,;#,##0,",
  tkrEntered: "#,##0",
  kr: "#,##0",
  percent: "0.0%",
  volume: "#,##0",
  unitPrice: "#,##0",
  integer: "0",
  date: "yyyy-mm-dd",
};

export function numberFormat(type: ColumnType): string {
  return NUMBER_FORMAT[type];
}
