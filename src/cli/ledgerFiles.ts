/**
 * Ledger files as the command line takes them (`--utfall`, a big workbook): each file's rows streamed by its
 * adapter (src/workbook/exceljs, csv, sie) into the one ledger path of src/input (ledger.ts, sieLedger.ts).
 */
import { basename, extname } from "node:path";
import {
  ledgerOfSheets,
  ledgerWorkbook,
  LedgerAggregator,
  encodingDoubtWarning,
  mixedEncodingWarning,
  type LedgerStreamOptions,
  type LedgerStreamResult,
  type StreamedWorkbook,
} from "../input/ledger";
import type { SieReadOptions } from "../input/sie";
import { SieLedger, type SieLedgerResult } from "../input/sieLedger";
import {
  EncodingContradiction,
  readCsvRecords,
  type EncodingDoubt,
  type CsvEncodingChoice,
  type MixedEncoding,
} from "../workbook/csv/csvFile";
import { eachSheetRow } from "../workbook/exceljs/ledgerStream";
import { isSieFile, readSieLines } from "../workbook/sie/sieFile";

/**
 * A .csv ledger. The encoding is guessed from the first chunk and checked over the whole file: when a later byte
 * contradicts the guess, the file is read again in the right encoding (or line by line, when it mixes two, with a
 * warning naming lines of each). The parser's problems (a quote that never closes, a line without end) are errors
 * naming their line.
 */
async function streamCsv(path: string, options: LedgerStreamOptions): Promise<LedgerStreamResult> {
  let encoding: CsvEncodingChoice | undefined;
  const mixed: MixedEncoding = { utf8Lines: [], windows1252Lines: [], utf8Count: 0, windows1252Count: 0 };
  for (;;) {
    const agg = new LedgerAggregator(basename(path), options);
    const doubt: EncodingDoubt = { bytes: [] };
    let r = 0;
    try {
      for await (const batch of readCsvRecords(path, { encoding, mixed, doubt })) {
        for (const p of batch.problems) agg.fileError(p.line, p.message);
        for (const values of batch.rows) agg.push(values, r++);
      }
    } catch (e) {
      if (e instanceof EncodingContradiction && encoding === undefined) {
        encoding = e.encoding;
        continue;
      }
      throw e;
    }
    if (encoding === "mixed" && mixed.utf8Count > 0 && mixed.windows1252Count > 0)
      agg.warn(mixedEncodingWarning(mixed));
    // Read as Windows-1252 with bytes that make it doubtful (codepage 437's å ä ö): never a silent guess.
    if (doubt.line !== undefined) agg.warn(encodingDoubtWarning(doubt.line, doubt.bytes));
    return agg.result();
  }
}

/** Stream a ledger file (.xlsx, or .csv/.txt) into aggregated actuals with counts and totals. */
export function streamLedgerFile(path: string, options: LedgerStreamOptions = {}): Promise<LedgerStreamResult> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return streamCsv(path, options);
  return ledgerOfSheets(basename(path), (visit) => eachSheetRow(path, visit), options);
}

/**
 * A whole workbook in one streaming pass, for a file too big to open: ledger sheets (utfall, by their header)
 * are aggregated on the fly, every other sheet is kept as values.
 */
export function streamWorkbook(
  path: string,
  options: LedgerStreamOptions & { readonly skipSheet?: (name: string) => boolean } = {},
): Promise<StreamedWorkbook> {
  return ledgerWorkbook((visit) => eachSheetRow(path, visit), options);
}

/** Stream a SIE file into this year's and last year's utfall per ansvar x period, and its period budget. */
export async function streamSieFile(
  path: string,
  options: LedgerStreamOptions & Pick<SieReadOptions, "dimension"> = {},
): Promise<SieLedgerResult> {
  const ledger = new SieLedger(basename(path), options);
  const lines = readSieLines(path);
  let n = 0;
  for await (const batch of lines.batches) for (const line of batch) ledger.push(line, ++n);
  return ledger.result(lines.encoding());
}

/** The extensions SIE files go by (.se for SIE 1-4 exports, .si for SIE 4 import files). */
const SIE_EXTENSIONS = new Set([".se", ".si", ".sie"]);

/**
 * A ledger file of any kind the command line takes: SIE by its extension or by its content (#FLAGGA, #SIETYP
 * among its first records, whatever its name), else .csv/.txt or .xlsx (`streamLedgerFile`).
 */
export async function streamLedgerSource(
  path: string,
  options: LedgerStreamOptions & Pick<SieReadOptions, "dimension"> = {},
): Promise<LedgerStreamResult | SieLedgerResult> {
  const ext = extname(path).toLowerCase();
  if (SIE_EXTENSIONS.has(ext) || (ext !== ".xlsx" && ext !== ".xlsm" && (await isSieFile(path))))
    return streamSieFile(path, options);
  return streamLedgerFile(path, options);
}
