/**
 * Moving the user around the open workbook from the task pane: select the cell of an input error, show a written
 * sheet, and read the current selection as input. (Only `office/` touches `Excel`.)
 */
import type { CellValue } from "../../report/layout";
import type { SheetData } from "../types";

/** Activates the sheet and selects the cell (A1 address) so the user sees what an error is about. */
export function selectCell(sheet: string, cell: string): Promise<void> {
  return Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}

/** Shows a sheet the add-in has written. */
export function activateSheet(sheet: string): Promise<void> {
  return Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).activate();
    await context.sync();
  });
}

/** The values of the current selection, as a block of its sheet. */
export function readSelection(): Promise<SheetData> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange().load("values,rowIndex,columnIndex,address");
    await context.sync();
    // "Blad1!A1:C5" or "'Mitt blad'!A1:C5": the sheet is what comes before the last "!".
    const quoted = range.address.slice(0, range.address.lastIndexOf("!"));
    const sheet = quoted.startsWith("'") ? quoted.slice(1, -1).replace(/''/g, "'") : quoted;
    const values = (range.values as unknown[][]).map((row) => row.map((v): CellValue => (v === "" || v === null || v === undefined ? null : (v as CellValue))));
    return { sheet, origin: { row: range.rowIndex, column: range.columnIndex }, values };
  });
}
