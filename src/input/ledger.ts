/**
 * The streamed ledger: rows of a big ledger (an .xlsx streamed, a .csv, a SIE file's bookings) aggregated as they
 * go by into one ActualRow per ansvar x period (and konto sums per konto x period where the resultaträkning needs
 * them), so the calculators never hold a million row objects. The row rules are the sheet readers' own
 * (sheetRows.ts: totals rows, ansvar keys, amounts; headers.ts: the header search): the adapters in
 * src/workbook only stream rows. Every row is counted: rows read = rows used + rows rejected (+ totals rows
 * skipped, + rows set aside), and the amount of the used rows is kept for the reconciliation. Rejected rows
 * name their cell.
 */
import type { CellValue } from "../cells";
import { roundOre, type MoneyUnit } from "../core/amounts";
import { parsePeriod, type Period } from "../core/periods";
import type { ActualRow } from "../core/prognosis";
import { fromInternal, toInternal, type SignConvention } from "../core/signs";
import type { SheetData, SheetVisitor } from "../workbook/types";
import { inputError, type InputError } from "./errors";
import { classifySheet, describeRequired, recogniseHeader, SCAN_ROWS, SPECS, type ColumnMapping } from "./headers";
import { costCentreKey, isBlankValue, isTotalsText, ledgerAmount, toKronor } from "./sheetRows";

export interface LedgerStreamOptions {
  /** The sheet of an .xlsx to read; the first sheet whose header is a ledger's when absent. */
  readonly sheet?: string;
  /** Keep konto in the aggregate (one row per ansvar x period x konto). */
  readonly byAccount?: boolean;
  /** Also sum per konto x period, over all ansvar (`accountTotals`): the resultaträkning of a streamed ledger. */
  readonly accountTotals?: boolean;
  /** The unit of the belopp column (a unit in its header wins); without one, amounts are kronor as written. */
  readonly unit?: MoneyUnit;
  readonly convention?: SignConvention;
  /** The follow-up year, for periods written as a month only ("aug"). */
  readonly defaultYear?: number;
  /** The user's mapping of headers that are not recognised (see headers.ts). */
  readonly mapping?: ColumnMapping;
  /** Errors kept by cell; the rest are counted. */
  readonly maxErrors?: number;
  /** Called every `progressEvery` rows with the rows read so far. */
  readonly onProgress?: (rowsRead: number) => void;
  readonly progressEvery?: number;
  /** The aggregator is fed bookings read by a reader of their own (`addBooking`), not a sheet's rows. */
  readonly bookings?: boolean;
}

export interface LedgerTotals {
  /** Data rows met below the header (blank rows not counted): rowsUsed + rowsRejected + rowsTotals. */
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsRejected: number;
  /** Totals rows ("Summa", "Totalt") pasted in with the data: skipped, each named in `warnings`. */
  readonly rowsTotals: number;
  /** Rows set aside by a rule, not utfall (a SIE file's counter-entries on balance-sheet accounts), and their kronor. */
  readonly rowsSetAside?: number;
  readonly amountSetAside?: number;
  /** Sum of the used rows, kronor, internal convention. */
  readonly amountUsed: number;
  readonly amountByCostCentre: ReadonlyMap<string, number>;
}

export interface LedgerStreamResult extends LedgerTotals {
  /** The sheet (or file name, for .csv) the rows came from: what error messages name. */
  readonly sheet: string;
  readonly actuals: ActualRow[];
  /** The first `maxErrors` rejected cells; `errorCount` counts all of them. */
  readonly errors: InputError[];
  readonly errorCount: number;
  readonly warnings: InputError[];
  /** The unit the amounts were read in (header or option); undefined: none was given and kronor were assumed. */
  readonly unit: MoneyUnit | undefined;
  /** With `accountTotals`: the used rows summed per konto x period (costCentre ""), the same kronor as `amountUsed`. */
  readonly accountTotals?: ActualRow[];
  /**
   * The amounts are in the internal sign convention whatever the kommun's (a SIE file: debit positive), not as a
   * sheet's belopp in the kommun's own: the run converts them to the kommun's before its sheet readers read them.
   */
  readonly signsInternal?: boolean;
}

/** 0-based columns of a ledger's fields. */
interface LedgerColumns {
  readonly costCentre: number;
  readonly period: number;
  readonly amount: number;
  readonly account?: number;
}

interface Cell {
  amount: number;
  readonly period: Period;
  readonly account?: string;
}

interface Centre {
  readonly key: string;
  /** By period, or period and konto. */
  readonly cells: Map<string, Cell>;
  total: number;
}

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

/** Aggregates ledger rows as they stream by: the per-row work of the streaming path, kept small. */
export class LedgerAggregator {
  private columns: LedgerColumns | undefined;
  /** The first rows, by 0-based sheet row, until the header is decided. */
  private readonly head: CellValue[][] = [];
  private decided = false;
  private unit: MoneyUnit | undefined;
  /** Ansvar by key, in the order met, and by the raw cell value that named them. */
  private readonly byKey = new Map<string, Centre>();
  private readonly centres = new Map<CellValue, Centre>();
  /** Per raw konto cell: its text and its sums per period (with `accountTotals`). */
  private readonly accountSums: Map<CellValue, { account: string; byPeriod: Map<Period, number> }> | undefined;
  /** Periods repeat on every row: parse each distinct cell value once. */
  private readonly periodCache = new Map<CellValue, ReturnType<typeof parsePeriod>>();
  private readonly errors: InputError[] = [];
  private readonly warnings: InputError[] = [];
  private errorCount = 0;
  private rowsRead = 0;
  private rowsUsed = 0;
  private rowsTotals = 0;
  private rowsSetAside = 0;
  private amountSetAside = 0;
  private amountUsed = 0;
  private readonly maxErrors: number;
  private readonly progressEvery: number;
  private readonly convention: SignConvention;
  /** Fed bookings (`addBooking`) rather than the rows of a sheet: there is no header to look for. */
  private readonly bookings: boolean;

  constructor(
    readonly sheet: string,
    private readonly options: LedgerStreamOptions = {},
  ) {
    this.unit = options.unit;
    this.convention = options.convention ?? "costPositive";
    this.maxErrors = options.maxErrors ?? 50;
    this.progressEvery = options.progressEvery ?? 100_000;
    this.accountSums = options.accountTotals ? new Map() : undefined;
    this.bookings = options.bookings ?? false;
  }

  /** Whether a ledger header was found (after the first rows, or at the end of a short sheet). */
  get hasHeader(): boolean {
    return this.columns !== undefined;
  }

  /** Whether the header search is over: past the first rows, a sheet without a header is not a ledger. */
  get headerDecided(): boolean {
    return this.decided;
  }

  /** One row of the sheet, in order; `row` is its 0-based sheet row (for the error's cell). */
  push(values: readonly CellValue[], row: number): void {
    if (this.decided) {
      if (this.columns) this.add(values, row);
      return;
    }
    if (row < SCAN_ROWS) {
      this.head[row] = values as CellValue[];
      return;
    }
    this.decide();
    this.push(values, row);
  }

  /** End the header search now (the sheet is shorter than the search). */
  decideHeader(): void {
    if (!this.decided && !this.bookings) this.decide();
  }

  /** Recognise the header among the first rows (headers.ts), then replay the rows under it. */
  private decide(): void {
    this.decided = true;
    const values = Array.from(this.head, (r) => r ?? []);
    const rec = recogniseHeader(
      { sheet: this.sheet, origin: { row: 0, column: 0 }, values },
      SPECS.actuals,
      this.options.mapping,
    );
    if (!rec || !rec.complete) {
      this.errorCount++;
      this.errors.push(
        inputError(
          this.sheet,
          undefined,
          undefined,
          `hittade ingen rubrikrad bland de första ${SCAN_ROWS} raderna: förväntade ${describeRequired(SPECS.actuals)}.`,
        ),
      );
      return;
    }
    for (const e of rec.errors) {
      this.errorCount++;
      this.errors.push(e);
    }
    const col = (id: string): number | undefined => rec.columns.get(id);
    this.columns = {
      costCentre: col("costCentre")!,
      period: col("period")!,
      amount: col("amount")!,
      account: col("account"),
    };
    this.unit = rec.units.get("amount") ?? this.unit;
    for (let r = rec.headerIndex + 1; r < values.length; r++) this.add(values[r]!, r);
  }

  /** A problem of the file itself (a CSV line the parser could not read as written): an error at its line. */
  fileError(line: number, message: string): void {
    this.reject(line - 1, 0, message);
  }

  /** A warning about the whole file (e.g. mixed encodings). */
  warn(message: string): void {
    this.warnings.push(inputError(this.sheet, undefined, undefined, message));
  }

  private reject(row: number, column: number, message: string): void {
    this.errorCount++;
    if (this.errors.length < this.maxErrors) this.errors.push(inputError(this.sheet, row, column, message));
  }

  /** The ansvar of a raw cell value, cached: the same few thousand codes repeat on every row. */
  private centreOf(raw: CellValue | undefined, row: number, column: number): Centre | "totals" | undefined {
    const cached = this.centres.get(raw ?? null);
    if (cached !== undefined) return cached;
    const t = text(raw);
    if (isTotalsText(t)) return "totals";
    if (t === "") {
      this.reject(row, column, "Ansvar saknas: förväntade ett ansvar på raden, t.ex. 422.");
      return undefined;
    }
    if (typeof raw === "number" && !Number.isInteger(raw)) {
      this.reject(row, column, `"${raw}" är inget ansvar: förväntade en ansvarskod, t.ex. 441, eller ett namn.`);
      return undefined;
    }
    const key = costCentreKey(t)!;
    let centre = this.byKey.get(key);
    if (centre === undefined) {
      centre = { key, cells: new Map(), total: 0 };
      this.byKey.set(key, centre);
    }
    if (this.centres.size < 100_000) this.centres.set(raw ?? null, centre);
    return centre;
  }

  private add(values: readonly CellValue[], row: number): void {
    const c = this.columns!;
    const rawCentre = values[c.costCentre];
    const rawPeriod = values[c.period];
    const rawAmount = values[c.amount];
    const rawAccount = c.account === undefined ? undefined : values[c.account];
    const blankCentre = isBlankValue(rawCentre);
    if (blankCentre && isBlankValue(rawPeriod) && isBlankValue(rawAmount) && isBlankValue(rawAccount)) return;
    this.rowsRead++;
    if (this.options.onProgress && this.rowsRead % this.progressEvery === 0) this.options.onProgress(this.rowsRead);

    const centre =
      blankCentre && isTotalsText(text(rawAccount)) ? "totals" : this.centreOf(rawCentre, row, c.costCentre);
    if (centre === "totals") {
      const label = text(rawCentre) || text(rawAccount);
      this.rowsTotals++;
      this.warnings.push(
        inputError(this.sheet, row, c.costCentre, `raden ${row + 1} är en summarad ("${label}") och räknas inte.`),
      );
      return;
    }
    if (centre === undefined) return;
    let period = this.periodCache.get(rawPeriod ?? null);
    if (period === undefined) {
      period = parsePeriod(rawPeriod, this.options.defaultYear);
      if (this.periodCache.size < 10_000) this.periodCache.set(rawPeriod ?? null, period);
    }
    if (period.kind === "empty")
      return this.reject(row, c.period, "Period saknas: förväntade en månad på raden, t.ex. 2023-08 eller 202308.");
    if (period.kind === "error") return this.reject(row, c.period, period.message);
    const unit = this.unit ?? "kr";
    const amount = ledgerAmount(rawAmount, unit);
    if (amount.kind === "empty")
      return this.reject(row, c.amount, "Belopp saknas: ett tomt belopp är inte 0; skriv 0 eller ta bort raden.");
    if (amount.kind === "error") return this.reject(row, c.amount, amount.message);

    const kronor = toInternal(toKronor(amount.value, unit), this.convention);
    this.sum(centre, period.value, rawAccount, kronor);
  }

  /** A used row's kronor into its ansvar x period (x konto), and its konto's sums. */
  private sum(centre: Centre, period: Period, rawAccount: CellValue | undefined, kronor: number): void {
    const account = this.options.byAccount ? text(rawAccount) : undefined;
    const key = account === undefined ? period : `${period}\u0001${account}`;
    const cell = centre.cells.get(key);
    if (cell === undefined) centre.cells.set(key, { amount: kronor, period, account: account || undefined });
    else cell.amount += kronor;
    centre.total += kronor;
    if (this.accountSums) {
      let sums = this.accountSums.get(rawAccount ?? null);
      if (sums === undefined)
        this.accountSums.set(rawAccount ?? null, (sums = { account: text(rawAccount), byPeriod: new Map() }));
      sums.byPeriod.set(period, (sums.byPeriod.get(period) ?? 0) + kronor);
    }
    this.rowsUsed++;
    this.amountUsed += kronor;
  }

  /**
   * A booking already read and checked by a reader of its own (a SIE file's #TRANS or #PSALDO): counted and summed
   * as a row of the sheet would be. `kronor` is in the convention of the options' `convention`, as a row's belopp.
   */
  addBooking(costCentre: string, period: Period, account: string, kronor: number): void {
    this.decided = true;
    this.rowsRead++;
    if (this.options.onProgress && this.rowsRead % this.progressEvery === 0) this.options.onProgress(this.rowsRead);
    let centre = this.byKey.get(costCentre);
    if (centre === undefined) this.byKey.set(costCentre, (centre = { key: costCentre, cells: new Map(), total: 0 }));
    this.sum(centre, period, account, toInternal(kronor, this.convention));
  }

  /** A row rejected by a reader of its own, its error already reported there: counted as read and rejected. */
  addRejected(): void {
    this.decided = true;
    this.rowsRead++;
  }

  /** A row read and set aside, not utfall by a rule (a SIE file's counter-entry on a balance-sheet account). */
  addSetAside(kronor: number): void {
    this.decided = true;
    this.rowsRead++;
    this.rowsSetAside++;
    this.amountSetAside += kronor;
  }

  /** The konto sums as ledger rows; the same konto written as a number and as text is one konto. */
  private accountTotalRows(): ActualRow[] {
    const merged = new Map<string, Map<Period, number>>();
    for (const { account, byPeriod } of this.accountSums!.values()) {
      const into = merged.get(account) ?? new Map<Period, number>();
      for (const [period, amount] of byPeriod) into.set(period, (into.get(period) ?? 0) + amount);
      merged.set(account, into);
    }
    return [...merged].flatMap(([account, byPeriod]) =>
      [...byPeriod].map(([period, amount]) => ({ costCentre: "", period, amount, ...(account ? { account } : {}) })),
    );
  }

  /** Close the stream: decide the header of a short sheet, and sum up. */
  result(): LedgerStreamResult {
    this.decideHeader();
    const actuals: ActualRow[] = [];
    const byCostCentre = new Map<string, number>();
    for (const centre of this.byKey.values()) {
      if (centre.cells.size > 0) byCostCentre.set(centre.key, roundOre(centre.total));
      for (const c of centre.cells.values()) {
        actuals.push(
          c.account === undefined
            ? { costCentre: centre.key, period: c.period, amount: roundOre(c.amount) }
            : { costCentre: centre.key, period: c.period, amount: roundOre(c.amount), account: c.account },
        );
      }
    }
    const errors = [...this.errors];
    if (this.errorCount > errors.length) {
      errors.push(
        inputError(
          this.sheet,
          undefined,
          undefined,
          `ytterligare ${this.errorCount - errors.length} fel visas inte; rätta felen ovan och läs in igen.`,
        ),
      );
    }
    return {
      sheet: this.sheet,
      actuals,
      rowsRead: this.rowsRead,
      rowsUsed: this.rowsUsed,
      rowsRejected: this.rowsRead - this.rowsUsed - this.rowsTotals - this.rowsSetAside,
      rowsTotals: this.rowsTotals,
      ...(this.rowsSetAside > 0 ? { rowsSetAside: this.rowsSetAside, amountSetAside: this.amountSetAside } : {}),
      amountUsed: this.amountUsed,
      amountByCostCentre: byCostCentre,
      errors,
      errorCount: this.errorCount,
      warnings: this.warnings,
      unit: this.unit,
      ...(this.accountSums ? { accountTotals: this.accountTotalRows() } : {}),
    };
  }
}

/**
 * The ledger of a workbook streamed sheet by sheet (`eachSheet`): the sheet named in the options, or the first
 * whose header is a ledger's. `file` names the workbook in messages.
 */
export async function ledgerOfSheets(
  file: string,
  eachSheet: (visit: SheetVisitor) => Promise<void>,
  options: LedgerStreamOptions,
): Promise<LedgerStreamResult> {
  let current: LedgerAggregator | undefined;
  await eachSheet((name) => {
    current?.decideHeader(); // a short sheet decides its header only at its end
    if (current?.hasHeader || (options.sheet !== undefined && name !== options.sheet)) return undefined;
    const agg = new LedgerAggregator(name, options);
    current = agg;
    return (values, row) => {
      agg.push(values, row);
      // A sheet without a ledger header in its first rows is not the ledger: leave it.
      return !agg.headerDecided || agg.hasHeader;
    };
  });
  const last = current as LedgerAggregator | undefined;
  last?.decideHeader();
  if (last && (last.hasHeader || options.sheet !== undefined)) return last.result();
  const sheet = options.sheet ?? file;
  const message = options.sheet
    ? `bladet finns inte i ${file}.`
    : `inget blad i ${file} har en rubrikrad med ${describeRequired(SPECS.actuals)} bland de första ${SCAN_ROWS} raderna.`;
  return {
    ...new LedgerAggregator(sheet, options).result(),
    errors: [inputError(sheet, undefined, undefined, message)],
    errorCount: 1,
  };
}

export interface StreamedWorkbook {
  /** The sheets that are not ledgers, values as `ExcelJsReader.readSheet` gives them (origin A1). */
  readonly sheets: SheetData[];
  /** The ledger sheets (recognised by their header), aggregated as they streamed by. */
  readonly ledgers: LedgerStreamResult[];
}

/**
 * A whole workbook in one streaming pass, for a file too big to open: ledger sheets (utfall, by their header)
 * are aggregated on the fly, every other sheet is kept as values. `eachSheet` streams the workbook's sheets.
 */
export async function ledgerWorkbook(
  eachSheet: (visit: SheetVisitor) => Promise<void>,
  options: LedgerStreamOptions & { readonly skipSheet?: (name: string) => boolean } = {},
): Promise<StreamedWorkbook> {
  const sheets: SheetData[] = [];
  const ledgers: LedgerAggregator[] = [];
  /** Each sheet is closed after the pass: a short sheet decides whether it is a ledger only at its end. */
  const pending: (() => void)[] = [];
  await eachSheet((name) => {
    // A sheet the caller replaces (the Utfall sheet when the ledger comes in a file of its own) is not read.
    if (options.skipSheet?.(name)) return undefined;
    const values: CellValue[][] = [];
    let ledger: LedgerAggregator | undefined;
    let decided = false;
    const decide = (): void => {
      decided = true;
      const head: SheetData = {
        sheet: name,
        origin: { row: 0, column: 0 },
        values: Array.from(values, (r) => r ?? []),
      };
      if (classifySheet(head, options.mapping)?.spec.kind !== "actuals") return;
      ledger = new LedgerAggregator(name, options);
      values.forEach((v, r) => ledger!.push(v, r));
      values.length = 0;
    };
    sheets.push({ sheet: name, origin: { row: 0, column: 0 }, values });
    const finish = (): void => {
      if (!decided) decide();
      if (ledger) {
        ledgers.push(ledger);
        sheets.splice(
          sheets.findIndex((s) => s.sheet === name),
          1,
        );
      } else for (let r = 0; r < values.length; r++) values[r] ??= [];
    };
    pending.push(finish);
    return (row, r) => {
      if (!decided && r >= SCAN_ROWS) decide();
      if (ledger) ledger.push(row, r);
      else values[r] = row;
      return true;
    };
  });
  for (const finish of pending.splice(0)) finish();
  return { sheets, ledgers: ledgers.map((l) => l.result()) };
}

/** What a CSV file read line by line in two encodings held: counts and the first lines of each. */
export interface EncodingMix {
  readonly utf8Lines: readonly number[];
  readonly windows1252Lines: readonly number[];
  readonly utf8Count: number;
  readonly windows1252Count: number;
}

/** The warning for a file that mixes UTF-8 and Windows-1252 lines, naming lines of each. */
export function mixedEncodingWarning(mixed: EncodingMix): string {
  const lines = (l: readonly number[], count: number): string =>
    `${count} ${count === 1 ? "rad" : "rader"} (${l.join(", ")}${count > l.length ? " ..." : ""})`;
  return `filen blandar teckenkodningar: ${lines(mixed.utf8Lines, mixed.utf8Count)} lästes som UTF-8 och ${lines(mixed.windows1252Lines, mixed.windows1252Count)} som Windows-1252. Kontrollera å, ä och ö i de raderna, och exportera filen på nytt med en kodning.`;
}

/** Codepage 437's Swedish letters by byte: what a doubtful byte of a file read as Windows-1252 may have meant. */
const CP437_LETTER: Readonly<Record<number, string>> = {
  0x81: "ü",
  0x82: "é",
  0x84: "ä",
  0x86: "å",
  0x8e: "Ä",
  0x8f: "Å",
  0x94: "ö",
  0x99: "Ö",
};

/**
 * The warning for a file read as Windows-1252 that holds bytes Windows-1252 leaves undefined or that are Swedish
 * letters in codepage 437 (PC8): the encoding is then not sure, and the user is told where to look.
 */
export function encodingDoubtWarning(line: number, bytes: readonly number[]): string {
  const shown = bytes.map((b) => {
    const hex = `0x${b.toString(16).toUpperCase()}`;
    const letter = CP437_LETTER[b];
    return letter ? `${hex} (${letter} i PC8)` : hex;
  });
  return `filen lästes som Windows-1252, men den har tecken som Windows-1252 inte brukar ha (första på rad ${line}: ${shown.join(", ")}), så teckenkodningen är osäker: kontrollera å, ä och ö i namnen, och exportera filen på nytt som UTF-8 eller Windows-1252.`;
}

/**
 * The aggregated ledger as a canonical Utfall sheet: one row per ansvar x period. Its amounts are kronor when the
 * ledger named a unit (the header says so); otherwise they are the numbers as written and the setting decides.
 */
export function ledgerSheet(
  sheet: string,
  ledger: LedgerStreamResult,
  convention: SignConvention = "costPositive",
  amountHeader = "Belopp",
): SheetData {
  const values: CellValue[][] = [
    ["Ansvar", "Period", ledger.unit === undefined ? amountHeader : `${amountHeader} (kr)`],
  ];
  // Amounts in the internal convention (a SIE file's) go to the sheet in the kommun's, as its sheets are read.
  const sign = ledger.signsInternal ? (x: number) => fromInternal(x, convention) : (x: number) => x;
  for (const a of ledger.actuals) values.push([a.costCentre, a.period, sign(a.amount)]);
  return { sheet, origin: { row: 0, column: 0 }, values };
}
