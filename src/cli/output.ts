/**
 * Where a run's report goes: `--out`, or out/<workbook>-rapport.xlsx. The whole report is built before the
 * file is touched; an existing file keeps its other sheets (only Budgetkoll's own are replaced).
 */
import { existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { readHistory, type SavedHistory } from "../jobs/history";
import { readStoredCommentary, type StoredCommentary } from "../input/commentaryInput";
import type { ReadOutcome } from "../input/settings";
import type { SheetLayout } from "../report/layout";
import { REGISTRY_SHEET } from "../report/meta";
import { openWorkbook, saveFile, saveWorkbook } from "../workbook/exceljs/file";
import { directlyWritable, reportFile } from "../workbook/exceljs/reportFile";
import { checkWorkbookFile, sheetNamesOf } from "../workbook/exceljs/fileCheck";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import { ExcelJsWriter } from "../workbook/exceljs/writer";
import { WriteRefused } from "../workbook/writeChecks";

/** Whether two paths name one file: the same inode when both exist (links, another spelling), else the same path. */
export function sameFile(a: string, b: string): boolean {
  if (existsSync(a) && existsSync(b)) {
    const x = statSync(a);
    const y = statSync(b);
    if (x.ino !== 0 && y.ino !== 0) return x.dev === y.dev && x.ino === y.ino;
    return realpathSync(a) === realpathSync(b);
  }
  return resolve(a) === resolve(b);
}

/** Whether `path` is a workbook Budgetkoll wrote (it has the add-in's registry sheet). */
export function isOwnReport(path: string): boolean {
  try {
    return sheetNamesOf(checkWorkbookFile(path).workbookXml).includes(REGISTRY_SHEET);
  } catch {
    return false;
  }
}

/**
 * Why the run may not write `out`: it is a file the run reads (never overwritten, whatever the options), or an
 * existing file Budgetkoll did not write (only with --skriv-over). Empty when it may.
 */
export function outProblems(out: string, reads: readonly string[], overwrite: boolean): string[] {
  const input = reads.find((r) => sameFile(out, r));
  if (input !== undefined)
    return [
      `--out ${out} är samma fil som indata ${input}: Budgetkoll skriver aldrig över en fil som körningen läser. Välj en annan fil med --out, t.ex. --out ${defaultOutPath(input)}.`,
    ];
  if (existsSync(out) && !overwrite && !isOwnReport(out)) {
    return [
      `--out ${out}: filen finns redan och är ingen rapport som Budgetkoll har skrivit. Välj en annan fil, eller lägg till --skriv-over för att skriva rapportens blad i den (filens övriga blad behålls, men diagram och bilder kan gå förlorade).`,
    ];
  }
  return [];
}

export function defaultOutPath(input: string): string {
  return join("out", `${basename(input, extname(input))}-rapport.xlsx`);
}

/**
 * Write the layouts into the report file; returns the sheets written. `merged` names sheets whose edits the
 * run has read back and merged into its layout (the commentary): they are written over even when edited.
 */
export async function writeReport(
  layouts: readonly SheetLayout[],
  path: string,
  merged: readonly string[] = [],
): Promise<readonly string[]> {
  mkdirSync(dirname(path) || ".", { recursive: true });
  // A new file holds nothing of the user's: written directly, without exceljs's per-cell objects (reportFile.ts).
  if (!existsSync(path) && directlyWritable(layouts)) {
    const bytes = reportFile(layouts, new Date().toISOString().slice(0, 19));
    await saveFile(path, (temp) => writeFile(temp, bytes));
    return layouts.map((l) => l.name);
  }
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
  if (!existsSync(path))
    return {
      value: { current: {}, generated: {} },
      errors: [],
      warnings: [],
      recognised: [],
      rows: { read: 0, used: 0, rejected: 0 },
    };
  return readStoredCommentary(new ExcelJsReader(await openWorkbook(path)));
}
