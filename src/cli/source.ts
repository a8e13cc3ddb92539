/**
 * Opening the input of a run: the workbook (opened whole, or streamed when it is big), the settings (the
 * Inställningar sheet, overridden by the command line), and a ledger in a file of its own (`--utfall`), streamed.
 * A streamed ledger is aggregated per ansvar x period and handed to the sheet readers as a compact sheet, so the
 * input layer reads it like any Utfall sheet while the rows themselves are never held.
 */
import { statSync } from "node:fs";
import { basename } from "node:path";
import { formatNumber, formatTkr } from "../core/amounts";
import { formatInputError, type InputError } from "../input/errors";
import type { ColumnMapping } from "../input/headers";
import type { ActualRow } from "../core/prognosis";
import { ownValue, recordOf } from "../core/records";
import { toInternal } from "../core/signs";
import { isPreviousSheet } from "../input/scan";
import { toKronor } from "../input/sheetRows";
import { DEFAULT_SETTINGS, readSettings, type ReadSettings } from "../input/settings";
import type { JobRun } from "../jobs/run";
import { ledgerSheet, type LedgerStreamResult } from "../input/ledger";
import type { SieLedgerResult } from "../input/sieLedger";
import { streamLedgerSource, streamWorkbook } from "./ledgerFiles";
import { unpackedBytes } from "../workbook/exceljs/fileCheck";
import { NotDirect, readWorkbookDirect } from "../workbook/exceljs/directReader";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import type { SheetData, TableInfo, WorkbookReader } from "../workbook/types";
import type { CliOptions } from "./args";
import type { CliIO } from "./io";

/**
 * A workbook above this size is streamed rather than opened whole: exceljs holds a whole workbook at about
 * 130 bytes of memory per byte of file (a 6 MB file with a 200 000-row ledger took 800 MB); streamed, the
 * ledger is aggregated as it goes. Smaller files are opened whole, which also reports hidden rows and merges.
 * BUDGETKOLL_STREAM_ABOVE_MB sets another limit (0 streams every workbook).
 */
export function streamAboveBytes(): number {
  const mb = Number(process.env.BUDGETKOLL_STREAM_ABOVE_MB ?? 2);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 2) * 1024 * 1024;
}

/**
 * A workbook opened whole: read directly from its XML (directReader.ts, no exceljs objects) when it holds only
 * what that reader reads as exceljs does, else with exceljs.
 */
async function readWhole(path: string, skip: (sheet: string) => boolean): Promise<SheetsReader> {
  try {
    const direct = readWorkbookDirect(path);
    return new SheetsReader(
      direct.sheets.filter((s) => !skip(s.sheet)),
      direct.tables,
    );
  } catch (e) {
    if (!(e instanceof NotDirect)) throw e;
  }
  return SheetsReader.snapshot(await ExcelJsReader.fromFile(path), skip);
}

/** Sheets (and tables) held as values, e.g. a streamed workbook's, behind the reader interface. */
export class SheetsReader implements WorkbookReader {
  constructor(
    private readonly sheets: readonly SheetData[],
    private readonly tableData: readonly { readonly info: TableInfo; readonly data: SheetData }[] = [],
  ) {}

  /**
   * The values of every sheet and table of a reader, so the workbook object behind it can go: exceljs holds
   * a cell as an object of its own, many times the size of its value, for as long as the workbook lives.
   */
  static async snapshot(reader: WorkbookReader, skip: (sheet: string) => boolean = () => false): Promise<SheetsReader> {
    const sheets = await Promise.all(
      (await reader.sheetNames()).filter((n) => !skip(n)).map((n) => reader.readSheet(n)),
    );
    const tables = await Promise.all(
      (await reader.tables()).map(async (info) => ({ info, data: await reader.readTable(info.name) })),
    );
    return new SheetsReader(sheets, tables);
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.map((s) => s.sheet);
  }

  async tables(): Promise<TableInfo[]> {
    return this.tableData.map((t) => t.info);
  }

  async readSheet(sheet: string): Promise<SheetData> {
    const found = this.sheets.find((s) => s.sheet === sheet);
    if (!found) throw new Error(`Bladet "${sheet}" finns inte i arbetsboken.`);
    return found;
  }

  async readTable(name: string): Promise<SheetData> {
    const found = this.tableData.find((t) => t.info.name === name);
    if (!found) throw new Error(`Tabellen "${name}" finns inte i arbetsboken.`);
    return found.data;
  }
}

/** A reader with some sheets replaced or added (a streamed ledger in place of the workbook's Utfall). */
class OverlayReader implements WorkbookReader {
  constructor(
    private readonly base: WorkbookReader,
    private readonly overlay: ReadonlyMap<string, SheetData>,
  ) {}

  async sheetNames(): Promise<string[]> {
    const names = await this.base.sheetNames();
    return [...names, ...[...this.overlay.keys()].filter((n) => !names.includes(n))];
  }

  tables(): Promise<TableInfo[]> {
    return this.base.tables();
  }

  readSheet(sheet: string): Promise<SheetData> {
    const o = this.overlay.get(sheet);
    return o ? Promise.resolve(o) : this.base.readSheet(sheet);
  }

  readTable(name: string): Promise<SheetData> {
    return this.base.readTable(name);
  }
}

/**
 * A streamed ledger's konto sums converted as the input layer converts its compact sheet (`ledgerSheet`): kronor
 * already when the ledger's header named a unit, else in the setting Utfall i; then from the kommun's sign
 * convention to the internal one. The rows and the konto sums so come out alike.
 */
function kontoSums(ledger: LedgerStreamResult, settings: ReadSettings): ActualRow[] | undefined {
  if (!ledger.accountTotals) return undefined;
  if (ledger.signsInternal) return ledger.accountTotals;
  const toKr = (x: number) => (ledger.unit === undefined ? toKronor(x, settings.ledgerUnit) : x);
  return ledger.accountTotals.map((a) => ({ ...a, amount: toInternal(toKr(a.amount), settings.signConvention) }));
}

export interface RunSource {
  readonly reader: WorkbookReader;
  readonly settings: ReadSettings;
  /** The input file and the streamed ledgers, for the report's "Datakälla". */
  readonly source: string;
  /** Ledgers read by the streaming path, with their counts for the reconciliation. */
  readonly streamed: readonly LedgerStreamResult[];
  /** Errors that stop the run: settings missing, rows rejected by the streaming path. */
  readonly errors: InputError[];
  /** Warnings of the settings sheet (a name that is no setting): into the run's Kontroller. */
  readonly warnings?: readonly InputError[];
  /** The streamed ledgers summed per konto and month too (`rapport`: its resultaträkning). */
  readonly ledgerByAccount?: JobRun["ledgerByAccount"];
}

function progress(io: CliIO, options: CliOptions, what: string): ((rows: number) => void) | undefined {
  if (options.quiet) return undefined;
  return (rows) => io.stderr(`  ${what}: ${rows.toLocaleString("sv-SE")} rader lästa ...`);
}

/** The reconciliation of a streamed ledger, one line: rows read = used + rejected (+ totals rows), and its amount. */
export function streamedLine(l: LedgerStreamResult): string {
  const n = (x: number): string => formatNumber(x);
  return (
    `Utfall strömmat från ${l.sheet}: ${n(l.rowsRead)} rader lästa = ${n(l.rowsUsed)} använda + ${n(l.rowsRejected)} avvisade` +
    (l.rowsTotals > 0 ? ` + ${n(l.rowsTotals)} summarader` : "") +
    (l.rowsSetAside
      ? ` + ${n(l.rowsSetAside)} på balanskonton (motkonteringar, inte utfall: ${formatTkr(l.amountSetAside ?? 0)} tkr)`
      : "") +
    `; belopp ${formatTkr(l.amountUsed)} tkr på ${n(l.amountByCostCentre.size)} ansvar.`
  );
}

/** This year's Utfall sheet of the workbook: the one a ledger file (`--utfall`) takes the place of. */
const isUtfallSheet = (name: string): boolean => /^utfall$/i.test(name.trim());

/** The sheet Kolumnmappning's mappings with the command line's (`--kolumn`) over them. */
function mergeMappings(sheet: ColumnMapping | undefined, cli: ColumnMapping | undefined): ColumnMapping | undefined {
  if (!sheet || !cli) return cli ?? sheet;
  const out = recordOf(
    Object.entries(sheet).map(([name, headers]) => [name, recordOf(Object.entries(headers))] as const),
  );
  for (const [name, headers] of Object.entries(cli))
    out[name] = recordOf([...Object.entries(ownValue(out, name) ?? {}), ...Object.entries(headers)]);
  return out;
}

export async function openSource(options: CliOptions, io: CliIO): Promise<RunSource> {
  const path = options.inputs[0]!;
  // Decided on what the file unpacks to as well: exceljs holds a workbook opened whole at about 8 bytes per byte
  // of its XML, so a small file that unpacks large is streamed (or refused, above the limits: fileCheck.ts).
  const size = Math.max(statSync(path).size, unpackedBytes(path) / 20);
  const streamed: LedgerStreamResult[] = [];
  const errors: InputError[] = [];
  // The rapport's resultaträkning needs the konto: streamed ledgers are summed per konto and month as well.
  const accountTotals = options.command === "rapport";
  /** Streamed ledgers by the sheet they stand for, for their konto sums. */
  const byAccount = new Map<string, LedgerStreamResult>();
  let base: WorkbookReader;
  // With a ledger file, the workbook's Utfall sheet is replaced: it is not read (streamed) or not kept (opened whole).
  const replaced: string[] = [];
  const skip = (name: string): boolean =>
    options.ledger !== undefined && isUtfallSheet(name) && replaced.push(name) > 0;

  if (size > streamAboveBytes()) {
    if (!options.quiet) io.stderr(`Läser ${basename(path)} strömmande (${Math.round(size / 1024 / 1024)} MB) ...`);
    // The settings sheet may come after the ledger: a month without a year ("aug") needs --ar here.
    const wb = await streamWorkbook(path, {
      defaultYear: options.year,
      onProgress: progress(io, options, basename(path)),
      skipSheet: skip,
      accountTotals,
    });
    streamed.push(...wb.ledgers);
    for (const l of wb.ledgers) byAccount.set(l.sheet, l);
    base = new SheetsReader([...wb.sheets, ...wb.ledgers.map((l) => ledgerSheet(l.sheet, l))]);
  } else {
    if (!options.quiet) io.stderr(`Läser ${basename(path)} ...`);
    base = await readWhole(path, skip);
  }

  // Settings not understood stop the run, with their cell; names that are no setting are warned about.
  const read = await readSettings(base);
  const fromSheet = read.settings;
  errors.push(...read.errors);
  // They go into the run's Kontroller; printed here only when the run stops before it has one.
  const settingsWarnings = read.warnings;
  const columnMapping = mergeMappings(fromSheet.columnMapping, options.columnMapping);
  const year = options.year ?? fromSheet.year;
  const month = options.month ?? fromSheet.month;
  if (year === undefined)
    errors.push({
      sheet: "Inställningar",
      message: "uppföljningsår saknas: ange --ar, t.ex. --ar 2021, eller År på bladet Inställningar.",
    });
  if (month === undefined)
    errors.push({
      sheet: "Inställningar",
      message: "uppföljningsmånad saknas: ange --manad, t.ex. --manad 8, eller Månad på bladet Inställningar.",
    });
  const settings: ReadSettings = {
    ...DEFAULT_SETTINGS,
    ...fromSheet,
    year: year ?? 0,
    month: month ?? 0,
    ...(options.sign ? { signConvention: options.sign } : {}),
    ...(options.method ? { proposalMethod: options.method } : {}),
    ...(options.budgetVersion ? { budgetVersion: options.budgetVersion } : {}),
    ...(options.reportKind ? { reportKind: options.reportKind } : {}),
    ...(columnMapping ? { columnMapping } : {}),
    ...(options.strict ? { strict: true } : {}),
  };

  let reader = base;
  const sources = [basename(path)];
  if (options.ledger) {
    if (!options.quiet) io.stderr(`Läser utfallet i ${basename(options.ledger)} strömmande ...`);
    // The sign and the unit are left to the sheet reader (the compact sheet says "kr"), so both paths convert alike.
    const ledger = await streamLedgerSource(options.ledger, {
      defaultYear: settings.year || undefined,
      onProgress: progress(io, options, basename(options.ledger)),
      accountTotals,
      // The command line's --dimension over the setting Ansvarsdimension.
      ...((options.dimension ?? settings.costCentreDimension)
        ? { dimension: options.dimension ?? settings.costCentreDimension }
        : {}),
    });
    streamed.push(ledger);
    byAccount.set(replaced[0] ?? "Utfall", ledger);
    sources.push(basename(options.ledger));
    // The ledger file takes the place of this year's Utfall sheet (under its own name); last year's stays.
    const target = replaced[0] ?? "Utfall";
    const overlay = new Map([[target, ledgerSheet(target, ledger, settings.signConvention)]]);
    if ("sie" in ledger) await sieOverlay(ledger, base, overlay, settings, io, options, streamed, byAccount);
    reader = new OverlayReader(base, overlay);
  }
  for (const l of streamed)
    for (const w of l.warnings.slice(0, 20)) io.stderr(`Att kontrollera: ${formatInputError(w)}`);
  for (const l of streamed) errors.push(...l.errors);
  if (errors.length > 0) for (const w of settingsWarnings) io.stderr(`Att kontrollera: ${formatInputError(w)}`);
  // Every streamed ledger of the year (or of last year) counts: a ledger split over two sheets is summed whole.
  const sums = (previous: boolean) => {
    const ledgers = [...byAccount]
      .filter(([sheet]) => isPreviousSheet(sheet) === previous)
      .map(([, l]) => kontoSums(l, settings));
    return ledgers.length > 0 && ledgers.every((t) => t !== undefined) ? ledgers.flatMap((t) => t!) : undefined;
  };
  const thisYear = sums(false);
  const lastYear = sums(true);
  const ledgerByAccount =
    thisYear || lastYear
      ? { ...(thisYear ? { actuals: thisYear } : {}), ...(lastYear ? { lastYearActuals: lastYear } : {}) }
      : undefined;
  return {
    reader,
    settings,
    source: sources.join(" + "),
    streamed,
    errors,
    warnings: settingsWarnings,
    ...(ledgerByAccount ? { ledgerByAccount } : {}),
  };
}

/** The budget sheets a SIE file's #PBUDGET stands in for when the workbook has none. */
const BUDGET_SHEET = /^(budget|budget per ansvar|månadsbudget)$/i;

/**
 * What a SIE file brings besides this year's utfall: last year's (#RAR -1) in place of the workbook's Utfall fg år,
 * its period budget (#PBUDGET) as the Budget when the workbook has none; and a line saying what was read.
 */
async function sieOverlay(
  ledger: SieLedgerResult,
  base: WorkbookReader,
  overlay: Map<string, SheetData>,
  settings: ReadSettings,
  io: CliIO,
  options: CliOptions,
  streamed: LedgerStreamResult[],
  byAccount: Map<string, LedgerStreamResult>,
): Promise<void> {
  const names = await base.sheetNames();
  const said: string[] = [];
  if (ledger.previousYear) {
    const previous = names.find((n) => isPreviousSheet(n) && /utfall/i.test(n)) ?? "Utfall fg år";
    overlay.set(previous, ledgerSheet(previous, ledger.previousYear, settings.signConvention));
    streamed.push(ledger.previousYear);
    byAccount.set(previous, ledger.previousYear);
    said.push(`fjolårets utfall (#RAR -1) som ${previous}`);
  }
  if (ledger.budget) {
    const own = names.find((n) => BUDGET_SHEET.test(n.trim()));
    if (own) said.push(`periodbudgeten (#PBUDGET) används inte: arbetsboken har bladet ${own}`);
    else {
      overlay.set("Budget", ledgerSheet("Budget", ledger.budget, settings.signConvention, "Budget"));
      said.push("periodbudgeten (#PBUDGET) som Budget");
    }
  }
  if (options.quiet) return;
  const f = ledger.sie;
  const who = [f.program, f.company].filter(Boolean).join(", ");
  io.stderr(
    `SIE-fil${who ? ` (${who})` : ""}, ${f.encoding}: utfallet från ${f.source}, ansvar = dimension ${f.costCentreDimension ?? "1"}` +
      (said.length > 0 ? `; ${said.join("; ")}.` : "."),
  );
}
