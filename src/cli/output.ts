/**
 * Where a run's report goes: `--out`, or out/<workbook>-rapport.xlsx. The whole report is built before the
 * file is touched; an existing file keeps its other sheets (only Budgetkoll's own are replaced).
 */
import { existsSync, mkdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { readHistory, type SavedHistory } from "../jobs/history";
import { readStoredCommentary, type StoredCommentary } from "../input/commentaryInput";
import type { ReadOutcome } from "../input/settings";
import type { SheetLayout } from "../report/layout";
import { openWorkbook, saveWorkbook } from "../workbook/exceljs/file";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import { ExcelJsWriter } from "../workbook/exceljs/writer";
import { WriteRefused } from "../workbook/writeChecks";

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
  // A sheet of ours that the user edited in the report file is not overwritten: the run stops, names every such
  // sheet, and nothing is saved.
  const edited = await writer.editedSheets(layouts.map((l) => l.name).filter((n) => !merged.includes(n)));
  if (edited.length > 0) throw new WriteRefused([editedMessage(edited, path)]);
  const report = await writer.writeSheets(layouts, { onEdited: "fail", merged });
  await saveWorkbook(wb, path);
  return report.written;
}

/** The command line's refusal: which sheets were edited, and what to do (there is no option to overwrite them). */
export function editedMessage(sheets: readonly string[], path: string): string {
  const list = sheets.map((s) => `"${s}"`).join(", ");
  return `${sheets.length === 1 ? "Bladet" : "Bladen"} ${list} i ${path} har ändrats sedan Budgetkoll skrev ${sheets.length === 1 ? "det" : "dem"}. Flytta dina ändringar till ett eget blad (eller ta bort ${sheets.length === 1 ? "bladet" : "bladen"}), eller skriv rapporten till en annan fil med --out.`;
}

/** The forecast history of an earlier report in `path` (none when the file does not exist yet). */
export async function readReportHistory(path: string): Promise<SavedHistory> {
  if (!existsSync(path)) return { rows: [], warnings: [] };
  return readHistory(new ExcelJsReader(await openWorkbook(path)));
}

/** The commentary of an earlier report in `path` (nothing when the file does not exist yet). */
export async function readReportCommentary(path: string): Promise<ReadOutcome<StoredCommentary>> {
  if (!existsSync(path)) return { value: { current: {}, generated: {} }, errors: [], warnings: [], recognised: [], rows: { read: 0, used: 0, rejected: 0 } };
  return readStoredCommentary(new ExcelJsReader(await openWorkbook(path)));
}
