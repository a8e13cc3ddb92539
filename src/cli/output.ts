/**
 * Where a run's report goes: `--out`, or out/<workbook>-rapport.xlsx. The whole report is built before the
 * file is touched; an existing file keeps its other sheets (only Budgetkoll's own are replaced).
 */
import { existsSync, mkdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { readStoredCommentary, type StoredCommentary } from "../input/commentaryInput";
import type { ReadOutcome } from "../input/settings";
import type { SheetLayout } from "../report/layout";
import { openWorkbook, saveWorkbook } from "../workbook/exceljs/file";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import { ExcelJsWriter } from "../workbook/exceljs/writer";

export function defaultOutPath(input: string): string {
  return join("out", `${basename(input, extname(input))}-rapport.xlsx`);
}

/**
 * Write the layouts into the report file; returns the sheets written. `merged` names sheets whose edits the
 * run has read back and merged into its layout (the commentary): they are written over even when edited.
 */
export async function writeReport(layouts: readonly SheetLayout[], path: string, merged: readonly string[] = []): Promise<readonly string[]> {
  mkdirSync(dirname(path) || ".", { recursive: true });
  const wb = await openWorkbook(path);
  const writer = new ExcelJsWriter(wb);
  // Runs of layouts in their order (new sheets are added as tabs in this order). A sheet of ours that the user
  // edited in the report file is not overwritten: the run stops and says so, and nothing is saved.
  const written: string[] = [];
  for (let i = 0; i < layouts.length; ) {
    const isMerged = merged.includes(layouts[i]!.name);
    let j = i;
    while (j < layouts.length && merged.includes(layouts[j]!.name) === isMerged) j++;
    const report = await writer.writeSheets(layouts.slice(i, j), { onEdited: isMerged ? "replace" : "fail" });
    written.push(...report.written);
    i = j;
  }
  await saveWorkbook(wb, path);
  return written;
}

/** The commentary of an earlier report in `path` (nothing when the file does not exist yet). */
export async function readReportCommentary(path: string): Promise<ReadOutcome<StoredCommentary>> {
  if (!existsSync(path)) return { value: { current: {}, generated: {} }, errors: [], warnings: [], recognised: [], rows: { read: 0, used: 0, rejected: 0 } };
  return readStoredCommentary(new ExcelJsReader(await openWorkbook(path)));
}
