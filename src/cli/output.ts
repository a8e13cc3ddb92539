/**
 * Where a run's report goes: `--out`, or out/<workbook>-rapport.xlsx. The whole report is built before the
 * file is touched; an existing file keeps its other sheets (only Budgetkoll's own are replaced).
 */
import { mkdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { SIGN_CONVENTION_LABEL } from "../core/signs";
import type { ReadSettings } from "../input/settings";
import type { SheetLayout } from "../report/layout";
import type { ReportMeta } from "../report/meta";
import { openWorkbook, saveWorkbook } from "../workbook/exceljs/file";
import { ExcelJsWriter } from "../workbook/exceljs/writer";

export function defaultOutPath(input: string): string {
  return join("out", `${basename(input, extname(input))}-rapport.xlsx`);
}

export function reportMeta(source: string, settings: ReadSettings, budgetVersion?: string): ReportMeta {
  return { runDate: new Date().toISOString().slice(0, 10), source, budgetVersion, signConventionLabel: SIGN_CONVENTION_LABEL[settings.signConvention] };
}

/** Write the layouts into the report file; returns the sheets written. */
export async function writeReport(layouts: readonly SheetLayout[], path: string): Promise<readonly string[]> {
  mkdirSync(dirname(path) || ".", { recursive: true });
  const wb = await openWorkbook(path);
  // A sheet of ours that the user edited in the report file is not overwritten: the run stops and says so.
  const report = await new ExcelJsWriter(wb).writeSheets(layouts, { onEdited: "fail" });
  await saveWorkbook(wb, path);
  return report.written;
}
