/**
 * A SIE 4 file as a ledger source: its lines (decoded by src/workbook/sie/sieFile.ts), read by the SIE rules
 * (sie.ts) and aggregated per ansvar x period as a ledger sheet's rows are (`LedgerAggregator`), so the rest of
 * the run cannot tell a SIE file from a .csv. Verifikationer (#VER/#TRANS) are the utfall of a year when the file
 * has them for it; otherwise its period balances (#PSALDO). Year 0 (#RAR 0) is this year's utfall, year -1 last
 * year's; #PBUDGET rows of year 0 are a budget per ansvar and month. Counter-entries on balance-sheet accounts
 * are counted and set aside, never utfall.
 */
import { formatNumber } from "../core/amounts";
import type { InputError } from "./errors";
import { LedgerAggregator, type LedgerStreamOptions, type LedgerStreamResult } from "./ledger";
import { SieReader, type SieEntry, type SieFacts, type SieReadOptions } from "./sie";

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

/** The encodings a SIE file is read in (see src/workbook/sie/sieFile.ts). */
export type SieEncodingName = keyof typeof ENCODING_LABEL;

/** A SIE file's lines, pushed in order, into this year's and last year's utfall per ansvar x period and its budget. */
export class SieLedger {
  private readonly aggregators: Record<"ver0" | "ps0" | "ver1" | "ps1" | "pb0", LedgerAggregator>;
  private readonly reader: SieReader;

  constructor(
    private readonly file: string,
    options: LedgerStreamOptions & Pick<SieReadOptions, "dimension"> = {},
  ) {
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
    this.aggregators = aggregators;
    const target = (e: SieEntry): LedgerAggregator | undefined => {
      if (e.source === "pbudget") return e.year === 0 ? aggregators.pb0 : undefined;
      if (e.source === "ver") return e.year === 0 ? aggregators.ver0 : aggregators.ver1;
      return e.year === 0 ? aggregators.ps0 : aggregators.ps1;
    };
    this.reader = new SieReader(
      file,
      (e) => {
        const agg = target(e);
        if (!agg) return;
        if (e.balanceSheet) agg.addSetAside(e.amount);
        else agg.addBooking(e.costCentre, e.period, e.account, e.amount);
      },
      { dimension: options.dimension, maxErrors: options.maxErrors },
    );
  }

  /** A decoded line of the file; `line` is its 1-based number. */
  push(text: string, line: number): void {
    this.reader.push(text, line);
  }

  /** The file's end: the utfall, with the encoding it was read in and why, when the file did not say. */
  result(encoding: { readonly encoding: SieEncodingName; readonly doubt?: string } | undefined): SieLedgerResult {
    const file = this.file;
    const reader = this.reader;
    reader.end();
    const a = this.aggregators;
    const [ver0, ps0, ver1, ps1, pb0] = [a.ver0, a.ps0, a.ver1, a.ps1, a.pb0].map((x) => x.result()) as [
      LedgerStreamResult,
      LedgerStreamResult,
      LedgerStreamResult,
      LedgerStreamResult,
      LedgerStreamResult,
    ];
    const fromVer = ver0.rowsRead > 0 || ps0.rowsRead === 0;
    const main = fromVer ? ver0 : ps0;
    const warnings: InputError[] = [...main.warnings, ...reader.warnings];
    if (encoding?.doubt) warnings.push({ sheet: file, message: encoding.doubt });
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
        encoding: ENCODING_LABEL[encoding?.encoding ?? "cp437"],
      },
      ...(previous ? { previousYear: { ...previous, signsInternal: true } } : {}),
      ...(pb0.rowsRead > 0 ? { budget: { ...pb0, signsInternal: true } } : {}),
    };
  }
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
