/**
 * Opening and saving .xlsx files for the CLI and tests. Saving goes through a temporary file in the same folder
 * and a rename, so a failed save never leaves a half-written workbook in place of the old one.
 */
import { existsSync, rmSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type ExcelJS from "exceljs";
import { addCharts, chartsOf, keptCharts, writtenByWriter, type SheetCharts } from "./charts";
import { UnreadableFile, workbookInput } from "./fileCheck";
import { newWorkbook } from "./load";

/**
 * Read the .xlsx in `path` into `wb`: checked first (what the file is, the limits, case-only duplicate sheet
 * names; rows and cells without their `r` repaired), and an error of the library said in Swedish, naming the file.
 */
export async function readWorkbookFile(wb: ExcelJS.Workbook, path: string): Promise<void> {
  const input = workbookInput(path);
  try {
    if (input.repaired) await wb.xlsx.load(input.repaired as unknown as ArrayBuffer);
    else await wb.xlsx.readFile(path);
  } catch (e) {
    throw libraryError(path, e);
  }
}

/** An error of exceljs or its zip library on a file that passed the checks: a Swedish sentence naming the file. */
export function libraryError(path: string, e: unknown): Error {
  if (e instanceof UnreadableFile) return e;
  return new UnreadableFile(
    `Filen ${basename(path)} går inte att läsa som en Excel-arbetsbok (.xlsx): den ser ut att vara skadad eller skriven av ett program som inte följer formatet. Öppna den i Excel och spara den på nytt.`,
  );
}

/** The workbook in `path`, or a new empty workbook when the file does not exist yet. */
export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = newWorkbook();
  if (existsSync(path)) await readWorkbookFile(wb, path);
  return wb;
}

/** Temporary files being written: removed on every way out, Ctrl+C and kill included (not kill -9). */
const temps = new Set<string>();
let cleanupInstalled = false;

function removeTemps(): void {
  for (const t of temps) rmSync(t, { force: true });
  temps.clear();
}

/** On SIGINT, SIGTERM and SIGHUP: remove the temporary files, then end as the signal would (128 + its number). */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on("exit", removeTemps);
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.on(signal, () => {
      removeTemps();
      process.exit(code);
    });
  }
}

/** Deflate level 1 (JSZip's default is 6): a few per cent larger, the zipping about twice as fast. */
const ZIP_OPTIONS = { zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } } as const;

/**
 * The workbook as an .xlsx file in memory, with the charts its writer wrote (exceljs alone writes none) and
 * `kept`, charts carried over from the file as it was.
 */
export async function workbookBuffer(wb: ExcelJS.Workbook, kept: readonly SheetCharts[] = []): Promise<Uint8Array> {
  const buffer = (await wb.xlsx.writeBuffer(
    ZIP_OPTIONS as unknown as Partial<ExcelJS.XlsxWriteOptions>,
  )) as ArrayBuffer;
  const charts = [...chartsOf(wb), ...kept];
  return charts.length === 0 ? new Uint8Array(buffer) : addCharts(buffer, charts);
}

/**
 * Save through a temporary file, with the charts the writer wrote into `wb` (see charts.ts). exceljs drops the
 * charts of the file it opened: those of the sheets this run did not write again are carried over from `path`.
 */
export async function saveWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  const kept = existsSync(path)
    ? await keptCharts(
        new Uint8Array(await readFile(path)),
        (sheet) => wb.getWorksheet(sheet) !== undefined && !writtenByWriter(wb, sheet),
      )
    : [];
  await saveFile(path, async (temp) => {
    if (chartsOf(wb).length === 0 && kept.length === 0) await wb.xlsx.writeFile(temp, ZIP_OPTIONS);
    else await writeFile(temp, await workbookBuffer(wb, kept));
  });
}

/** Save a file through a temporary file (`write` writes it) and a rename; a failed save leaves the old file. */
export async function saveFile(path: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.~${basename(path)}.${process.pid}.tmp`);
  installCleanup();
  temps.add(temp);
  try {
    await write(temp);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new Error(`Arbetsboken kunde inte sparas till ${path}: ${(e as Error).message}`);
  } finally {
    temps.delete(temp);
  }
}
