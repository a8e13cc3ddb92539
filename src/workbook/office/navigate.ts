/**
 * Moving the user around the open workbook from the task pane: select the cell of an input error, show a written
 * sheet, and read the current selection as input. (Only `office/` touches `Excel`.)
 */
import type { SheetData } from "../types";
import { OfficeReader } from "./reader";

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

/** The values of the current selection, cut to its sheet's used range, as a block of its sheet. */
export function readSelection(): Promise<SheetData> {
  return new OfficeReader().readSelection();
}
