/**
 * The bad-input corpus (test/fixtures/badinput/cells.json, also ../shared/badinput/cells.json), shared by the
 * tests that run it through every reader: the in-memory input layer, the streaming .xlsx and .csv ledger readers,
 * the whole-file exceljs reader and the Office.js reader. Each reader writes the same ledger its own way
 * (`corpusLedger`) and is held to the same expectations (`expectCorpusLedger`): every amount and period gives the
 * corpus's number, or exactly one error naming the sheet and the right cell with a Swedish message; no NaN, no
 * negative zero, and no row dropped silently (rows read = rows used + rows rejected).
 */
import type { CellValue } from "../../src/cells";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { parseAmount, VOLUME } from "../../src/core/amounts";
import type { PrognosisInput } from "../../src/core/prognosis";
import type { VolumeInput } from "../../src/core/volume";
import { excelSerialToDate, parsePeriod } from "../../src/core/periods";
import { formatInputError, type InputError } from "../../src/input/errors";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import type { ReadOutcome } from "../../src/input/settings";
import { readVolumeInput } from "../../src/input/volumeInput";
import type { WorkbookReader } from "../../src/workbook/types";
import { settings } from "../input/helpers";

export interface CorpusCase {
  readonly kind: "tkr" | "volume" | "percent" | "period";
  readonly value: CellValue;
  readonly expect: {
    readonly number?: number;
    readonly empty?: boolean;
    readonly error?: boolean;
    readonly period?: string;
  };
  readonly note: string;
  /**
   * The value is what a reader gives for a formula without a cached result ("=B2-C2"): a workbook file holds it as
   * that formula, not as text.
   */
  readonly formula?: boolean;
}

export const corpus = JSON.parse(
  readFileSync(new URL("../fixtures/badinput/cells.json", import.meta.url), "utf8"),
) as CorpusCase[];

/** Cases met while building the readers, beyond the shared corpus. */
export const extraCases: readonly CorpusCase[] = [
  { kind: "tkr", value: "#DIVIDE/0!", expect: { error: true }, note: "formula error value as the issue spells it" },
  { kind: "tkr", value: "#DIV/0!", expect: { error: true }, note: "formula error value, English Excel" },
  { kind: "tkr", value: "#SAKNAS!", expect: { error: true }, note: "formula error value, Swedish #N/A" },
  {
    kind: "tkr",
    value: "=B2-C2",
    expect: { error: true },
    note: "formula without a cached result, as the exceljs reader gives it",
    formula: true,
  },
  { kind: "period", value: 44439, expect: { period: "2021-08" }, note: "date serial of 2021-08-31" },
  { kind: "period", value: "31 aug", expect: { error: true }, note: "day and month: not a period" },
];

export const allCases: readonly CorpusCase[] = [...corpus, ...extraCases];

/** The follow-up year the sheet readers are given (a streaming reader may be given none). */
export const CORPUS_YEAR = 2023;

/** A formula error value as a cell holds it ("#REF!", Swedish "#DIVISION/0!"), not text that happens to start with "#". */
export function isErrorValue(c: CorpusCase): c is CorpusCase & { value: string } {
  return typeof c.value === "string" && /^#[A-ZÅÄÖ0-9/]+[!?]$/i.test(c.value);
}

/**
 * The code a workbook file stores for an error value: .xlsx holds the English codes whatever the language of the
 * Excel that wrote it; the Swedish "#DIVISION/0!" and "#SAKNAS!" are how Swedish Excel shows #DIV/0! and #N/A.
 */
export function fileErrorCode(shown: string): "#REF!" | "#DIV/0!" | "#N/A" {
  if (/^#REF/i.test(shown)) return "#REF!";
  if (/^#DIV/i.test(shown)) return "#DIV/0!";
  if (/^#(SAKNAS|N\/A)/i.test(shown)) return "#N/A";
  throw new Error(`no file code for ${shown}`);
}

/** Which period a case must give, or undefined for an error. A month without a year ("aug") needs a known year. */
export function expectedPeriod(c: CorpusCase, year: number | undefined): string | undefined {
  if (c.expect.period !== undefined) return c.expect.period;
  return c.value === "aug" && year !== undefined ? `${year}-08` : undefined;
}

/** Whether a case gives a value in a ledger (amount or period), not an error or a missing amount. */
export function isValidInLedger(c: CorpusCase, year: number | undefined): boolean {
  return c.kind === "tkr" ? c.expect.number !== undefined : expectedPeriod(c, year) !== undefined;
}

/** The ledger's header: a tkr unit in the header, so the corpus's tkr values are read as tkr. */
export const LEDGER_HEADER = ["Ansvar", "Period", "Belopp (tkr)"] as const;
/** The period of the rows that test an amount (any month of the year works; May is before any follow-up month). */
export const AMOUNT_PERIOD = `${CORPUS_YEAR}-05`;

export interface LedgerRow {
  readonly case: CorpusCase;
  /** The column the case is in: Belopp (tkr) for amounts, Period for periods. */
  readonly field: "amount" | "period";
  /** An ansvar of its own, so that every used row can be found among the actuals (streamed ledgers aggregate). */
  readonly costCentre: string;
  /** 1-based sheet row. */
  readonly row: number;
  /** The cell of the case, e.g. "C7". */
  readonly cell: string;
}

/**
 * The corpus as one ledger below LEDGER_HEADER at A1: a row per tkr case (amount in column C, period AMOUNT_PERIOD),
 * then a row per period case (period in column B, amount 1 tkr).
 */
export function corpusLedger(cases: readonly CorpusCase[] = allCases): LedgerRow[] {
  const used = [...cases.filter((c) => c.kind === "tkr"), ...cases.filter((c) => c.kind === "period")];
  return used.map((c, i) => {
    const field = c.kind === "tkr" ? "amount" : "period";
    return {
      case: c,
      field,
      costCentre: String(1000 + i),
      row: i + 2,
      cell: `${field === "amount" ? "C" : "B"}${i + 2}`,
    };
  });
}

/** The cells of a ledger row, in header order, with the case's cell given by `cell` (how the reader's file holds it). */
export function ledgerCells<T>(r: LedgerRow, cell: (c: CorpusCase) => T): (T | string | number)[] {
  return r.field === "amount" ? [r.costCentre, AMOUNT_PERIOD, cell(r.case)] : [r.costCentre, cell(r.case), 1];
}

/** What a reader gave for the corpus ledger. */
export interface LedgerOutcome {
  readonly errors: readonly InputError[];
  /** The used rows (or their aggregate per ansvar x period), kronor; undefined when the reader gives none on errors. */
  readonly actuals?: readonly { readonly costCentre: string; readonly period: string; readonly amount: number }[];
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsRejected: number;
}

export interface LedgerExpectations {
  /** The sheet the errors must name (a .csv: its file name). */
  readonly sheet: string;
  /** The follow-up year the reader was given; undefined: none, and "aug" is an error as the corpus says. */
  readonly year: number | undefined;
  /** The reader's message for an empty belopp (the streaming and the sheet readers word it differently). */
  readonly emptyAmount: string;
  /**
   * The value the reader sees for a case, where the file cannot hold the corpus's value as it is (a CSV holds text
   * only; an .xlsx holds error values by their English code). The corpus's value when absent.
   */
  readonly asRead?: (c: CorpusCase) => CellValue;
}

/** Every case of the ledger gives its number or period, or one error naming its sheet and cell; counts add up. */
export function expectCorpusLedger(rows: readonly LedgerRow[], out: LedgerOutcome, x: LedgerExpectations): void {
  const asRead = x.asRead ?? ((c: CorpusCase) => c.value);
  const expectedErrors: string[] = [];
  const expectedActuals: { costCentre: string; period: string; amount: number }[] = [];
  for (const r of rows) {
    const c = r.case;
    const label = `${r.cell} ${JSON.stringify(c.value)} (${c.note})`;
    const where = `Blad "${x.sheet}", cell ${r.cell}: `;
    if (r.field === "amount") {
      if (c.expect.number !== undefined)
        expectedActuals.push({ costCentre: r.costCentre, period: AMOUNT_PERIOD, amount: c.expect.number * 1000 });
      else if (c.expect.empty) expectedErrors.push(where + x.emptyAmount);
      else {
        const parsed = parseAmount(asRead(c), { type: "money", unit: "tkr" });
        expect(parsed.kind, label).toBe("error");
        if (parsed.kind === "error") expectedErrors.push(where + parsed.message);
      }
    } else {
      const period = expectedPeriod(c, x.year);
      if (period !== undefined) expectedActuals.push({ costCentre: r.costCentre, period, amount: 1000 });
      else {
        const parsed = parsePeriod(asRead(c), x.year);
        expect(parsed.kind, label).toBe("error");
        if (parsed.kind === "error") expectedErrors.push(where + parsed.message);
      }
    }
  }
  // The errors one by one, in row order: each names the sheet and the case's own cell, in Swedish.
  expect(out.errors.map(formatInputError)).toEqual(expectedErrors);
  for (const e of out.errors) expect(e.message).toMatch(/(förväntade|saknas)/);
  // No row is dropped silently: every row is used or rejected, and a rejected row has its error.
  expect(out.rowsRead).toBe(rows.length);
  expect(out.rowsUsed).toBe(expectedActuals.length);
  expect(out.rowsRejected).toBe(rows.length - expectedActuals.length);
  expect(out.rowsUsed + out.rowsRejected).toBe(out.rowsRead);
  expect(out.rowsRejected).toBe(expectedErrors.length);
  if (out.actuals === undefined) return;
  const actuals = [...out.actuals].sort((a, b) => a.costCentre.localeCompare(b.costCentre));
  expect(actuals.map((a) => [a.costCentre, a.period])).toEqual(expectedActuals.map((a) => [a.costCentre, a.period]));
  actuals.forEach((a, i) => {
    const e = expectedActuals[i]!;
    const label = rows.find((r) => r.costCentre === e.costCentre)!.case.note;
    expect(Number.isFinite(a.amount), label).toBe(true);
    expect(Object.is(a.amount, -0), label).toBe(false);
    expect(a.amount, label).toBeCloseTo(e.amount, 6);
  });
}

/** An Excel date serial as the date a Swedish Excel shows and exports, "2023-08-01". */
export function serialAsDateText(serial: number): string {
  return excelSerialToDate(serial).toISOString().slice(0, 10);
}

/** A volume case's place in a Volymer sheet: column D of its row. */
export interface VolumeRow {
  readonly case: CorpusCase;
  readonly row: number;
  readonly cell: string;
}

export const VOLUME_HEADER = [
  "Verksamhet",
  "Volymmått",
  "Enhet",
  "Budgeterad volym",
  "Á-pris (kr)",
  "Utfall volym",
  "Kostnad t.o.m. period (tkr)",
] as const;

export function corpusVolumes(cases: readonly CorpusCase[] = allCases): VolumeRow[] {
  return cases.filter((c) => c.kind === "volume").map((c, i) => ({ case: c, row: i + 2, cell: `D${i + 2}` }));
}

export function volumeCells<T>(r: VolumeRow, cell: (c: CorpusCase) => T): (T | string | number)[] {
  return ["Hemtjänst", `Mått ${r.row}`, "timmar", cell(r.case), 450, 10, 5];
}

/** The corpus sheets a whole-workbook reader is given, the corpus's cells as the reader's file holds them. */
export function corpusSheets<T>(
  cell: (c: CorpusCase) => T,
  ledger = corpusLedger(),
  volumes = corpusVolumes(),
): Record<"Utfall" | "Volymer", (T | string | number)[][]> {
  return {
    Utfall: [[...LEDGER_HEADER], ...ledger.map((r) => ledgerCells(r, cell))],
    Volymer: [[...VOLUME_HEADER], ...volumes.map((r) => volumeCells(r, cell))],
  };
}

/** Builds the corpus sheets with the case cells as `cell` makes them (how the reader's file holds a corpus value). */
export type CorpusSheets = <T>(cell: (c: CorpusCase) => T) => Record<"Utfall" | "Volymer", (T | string | number)[][]>;

/** The sheet readers' message for an empty belopp in a ledger (sheetRows.ts `missing`). */
export const INPUT_EMPTY_AMOUNT = "ett belopp saknas: förväntade ett belopp på raden.";

/**
 * A whole-workbook reader (memory, exceljs, Office.js) through the input layer, as the CLI and the task pane read:
 * the corpus ledger on an Utfall sheet (readPrognosisInput) and the volumes on a Volymer sheet (readVolumeInput).
 * The input layer gives no values when a sheet has errors, so the sheets are read twice: all cases (errors and
 * counts), then the valid cases alone (their values). `withReader` writes the sheets into the reader's kind of
 * workbook (the cells through its own mapping) and runs `use` on a reader over it.
 */
export async function expectCorpusThroughInput(
  withReader: <T>(sheets: CorpusSheets, use: (reader: WorkbookReader) => Promise<T>) => Promise<T>,
  asRead?: (c: CorpusCase) => CellValue,
  /** The cases the reader's kind of workbook can hold (all of them unless said). */
  include: (c: CorpusCase) => boolean = () => true,
): Promise<void> {
  const cases = allCases.filter(include);
  const s = settings({ year: CORPUS_YEAR, month: 12 });
  const read = (
    ledger: LedgerRow[],
    volumes: VolumeRow[],
  ): Promise<[ReadOutcome<PrognosisInput>, ReadOutcome<VolumeInput>]> =>
    withReader(
      (cell) => corpusSheets(cell, ledger, volumes),
      async (reader) => [await readPrognosisInput(reader, s), await readVolumeInput(reader, s)],
    );
  const expectations = { sheet: "Utfall", year: CORPUS_YEAR, emptyAmount: INPUT_EMPTY_AMOUNT, asRead };
  const outcome = (o: ReadOutcome<PrognosisInput>): LedgerOutcome => ({
    errors: o.errors,
    actuals: o.value?.actuals,
    rowsRead: o.rows.read,
    rowsUsed: o.rows.used,
    rowsRejected: o.rows.rejected,
  });

  const ledger = corpusLedger(cases);
  const volumes = corpusVolumes(cases);
  const [all, allVolumes] = await read(ledger, volumes);
  expectCorpusLedger(ledger, outcome(all), expectations);
  const volumeErrors = volumes.flatMap((r) => {
    if (r.case.expect.number !== undefined) return [];
    if (r.case.expect.empty)
      return [`Blad "Volymer", cell ${r.cell}: en budgeterad volym saknas: förväntade en budgeterad volym på raden.`];
    const parsed = parseAmount((asRead ?? ((c) => c.value))(r.case), VOLUME);
    expect(parsed.kind, r.case.note).toBe("error");
    return parsed.kind === "error" ? [`Blad "Volymer", cell ${r.cell}: ${parsed.message}`] : [];
  });
  expect(allVolumes.errors.map(formatInputError)).toEqual(volumeErrors);

  const validLedger = corpusLedger(cases.filter((c) => isValidInLedger(c, CORPUS_YEAR)));
  const validVolumes = corpusVolumes(cases.filter((c) => c.expect.number !== undefined));
  const [clean, cleanVolumes] = await read(validLedger, validVolumes);
  expect(clean.value, "the valid cases alone give a ledger").toBeDefined();
  expectCorpusLedger(validLedger, outcome(clean), expectations);
  expect(cleanVolumes.errors).toEqual([]);
  expect(cleanVolumes.value!.lines.map((l) => l.budgetVolume)).toEqual(validVolumes.map((r) => r.case.expect.number));
}
