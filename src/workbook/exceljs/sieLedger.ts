/**
 * A SIE 4 file as a ledger source: its lines decoded (../sie/sieFile.ts), read by the SIE rules
 * (src/input/sie.ts) and aggregated per ansvar x period as a ledger sheet's rows are (LedgerAggregator), so the
 * rest of the run cannot tell a SIE file from a .csv. Verifikationer (#VER/#TRANS) are the utfall of a year when
 * the file has them for it; otherwise its period balances (#PSALDO). Year 0 (#RAR 0) is this year's utfall,
 * year -1 last year's; #PBUDGET rows of year 0 are a budget per ansvar and month. Counter-entries on
 * balance-sheet accounts are counted and set aside, never utfall.
 */
import { basename, extname } from "node:path";
import { formatNumber } from "../../core/amounts";
import type { InputError } from "../../input/errors";
import { SieReader, type SieEntry, type SieFacts, type SieReadOptions } from "../../input/sie";
import { isSieFile, readSieLines } from "../sie/sieFile";
import { LedgerAggregator, streamLedgerFile, type LedgerStreamOptions, type LedgerStreamResult } from "./ledgerStream";

export interface SieLedgerResult extends LedgerStreamResult {
  /** What the file said of itself (program, company, years, dimensions, konto names and kontotyp). */
  readonly sie: SieFacts & {
    /** "verifikationer" or "periodsaldon": what this year's utfall was read from. */
    readonly source: "verifikationer" | "periodsaldon";
    readonly encoding: string;
  };
  /** Last year's utfall (#RAR -1), when the file has it. */
  readonly previousYear?: LedgerStreamResult;
  /** The period budgets (#PBUDGET) of year 0 per ansvar x period, when the file has them. */
  readonly budget?: LedgerStreamResult;
}

const ENCODING_LABEL = { cp437: "PC8 (teckentabell 437)", "utf-8": "UTF-8", "windows-1252": "Windows-1252" } as const;

/** Stream a SIE file into this year's and last year's utfall per ansvar x period, and its period budget. */
export async function streamSieFile(
  path: string,
  options: LedgerStreamOptions & Pick<SieReadOptions, "dimension"> = {},
): Promise<SieLedgerResult> {
  const file = basename(path);
  // Amounts stay in the internal convention (debit positive): the run converts them to the user's, see `signsInternal`.
  const base: LedgerStreamOptions = { ...options, bookings: true, convention: "costPositive", unit: "kr" };
  const quiet: LedgerStreamOptions = { ...base, onProgress: undefined };
  const aggregators = {
    ver0: new LedgerAggregator(file, base),
    ps0: new LedgerAggregator(file, base),
    ver1: new LedgerAggregator(`${file} (#RAR -1)`, quiet),
    ps1: new LedgerAggregator(`${file} (#RAR -1)`, quiet),
    pb0: new LedgerAggregator(`${file} (#PBUDGET)`, { ...quiet, accountTotals: false }),
  };
  const target = (e: SieEntry): LedgerAggregator | undefined => {
    if (e.source === "pbudget") return e.year === 0 ? aggregators.pb0 : undefined;
    if (e.source === "ver") return e.year === 0 ? aggregators.ver0 : aggregators.ver1;
    return e.year === 0 ? aggregators.ps0 : aggregators.ps1;
  };
  const reader = new SieReader(
    file,
    (e) => {
      const agg = target(e);
      if (!agg) return;
      if (e.balanceSheet) agg.addSetAside(e.amount);
      else agg.addBooking(e.costCentre, e.period, e.account, e.amount);
    },
    { dimension: options.dimension, maxErrors: options.maxErrors },
  );
  const lines = readSieLines(path);
  let n = 0;
  for await (const batch of lines.batches) for (const line of batch) reader.push(line, ++n);
  reader.end();

  const [ver0, ps0, ver1, ps1, pb0] = [
    aggregators.ver0,
    aggregators.ps0,
    aggregators.ver1,
    aggregators.ps1,
    aggregators.pb0,
  ].map((a) => a.result()) as [
    LedgerStreamResult,
    LedgerStreamResult,
    LedgerStreamResult,
    LedgerStreamResult,
    LedgerStreamResult,
  ];
  const fromVer = ver0.rowsRead > 0 || ps0.rowsRead === 0;
  const main = fromVer ? ver0 : ps0;
  const warnings: InputError[] = [...main.warnings, ...reader.warnings];
  const choice = lines.encoding();
  if (choice?.doubt) warnings.push({ sheet: file, message: choice.doubt });
  if (fromVer && ps0.rowsRead > 0) warnings.push(...disagreements(file, ver0, ps0));
  const previous = ver1.rowsRead > 0 ? ver1 : ps1.rowsRead > 0 ? ps1 : undefined;
  const errors = reader.errors;
  return {
    ...main,
    // Rows the SIE rules rejected are rows read: rows read = used + rejected + set aside.
    rowsRead: main.rowsRead + reader.errorCount,
    rowsRejected: main.rowsRejected + reader.errorCount,
    errors: [...errors, ...main.errors],
    errorCount: reader.errorCount + main.errorCount,
    warnings,
    signsInternal: true,
    sie: {
      ...reader.facts,
      source: fromVer ? "verifikationer" : "periodsaldon",
      encoding: ENCODING_LABEL[choice?.encoding ?? "cp437"],
    },
    ...(previous ? { previousYear: { ...previous, signsInternal: true } } : {}),
    ...(pb0.rowsRead > 0 ? { budget: { ...pb0, signsInternal: true } } : {}),
  };
}

/** Where a file's verifikationer and its period balances of the same year disagree per ansvar: warnings. */
function disagreements(file: string, ver: LedgerStreamResult, balances: LedgerStreamResult): InputError[] {
  const out: InputError[] = [];
  const keys = new Set([...ver.amountByCostCentre.keys(), ...balances.amountByCostCentre.keys()]);
  for (const key of keys) {
    const a = ver.amountByCostCentre.get(key) ?? 0;
    const b = balances.amountByCostCentre.get(key) ?? 0;
    if (Math.abs(a - b) >= 0.005) {
      out.push({
        sheet: file,
        message: `ansvar ${key}: verifikationerna summerar till ${formatNumber(a, 2)} kr men periodsaldona (#PSALDO) till ${formatNumber(b, 2)} kr; utfallet räknas från verifikationerna.`,
        amount: Math.abs(a - b),
      });
    }
  }
  return out;
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
