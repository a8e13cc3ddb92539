/**
 * exceljs's parts, each loaded when first used. `import "exceljs"` loads all of it at start (0.3 s on the 2-core
 * bench machine, docs/performance.md): its streaming reader and writer with their zip libraries too, which a run
 * that opens its workbook whole never uses. The Workbook class with its enums is a third of that, and a command that
 * reads no workbook (`--help`) loads nothing. The classes are exceljs's own (one module cache): a Workbook made
 * here is the `ExcelJS.Workbook` of `import "exceljs"`.
 */
import { createRequire } from "node:module";
import type ExcelJS from "exceljs";

const load = createRequire(import.meta.url);

let workbookClass: typeof ExcelJS.Workbook | undefined;
let valueTypes: typeof ExcelJS.ValueType | undefined;

/** A new, empty exceljs workbook. */
export function newWorkbook(): ExcelJS.Workbook {
  workbookClass ??= load("exceljs/lib/doc/workbook.js") as typeof ExcelJS.Workbook;
  return new workbookClass();
}

/** exceljs's cell types (`ExcelJS.ValueType`). */
export function valueType(): typeof ExcelJS.ValueType {
  valueTypes ??= (load("exceljs/lib/doc/enums.js") as { ValueType: typeof ExcelJS.ValueType }).ValueType;
  return valueTypes;
}
