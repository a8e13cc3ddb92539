/**
 * Reading the data rows under a recognised header: typed cell access that collects every error of the sheet at
 * once, each naming the cell, plus the sheet-level checks (blank rows, totals rows, hidden rows, merged cells).
 * Pure; rows are read in place from `SheetData` without copying them.
 */
import { cellAddress, decodeRange, type CellValue } from "../cells";
import {
  convertMoney,
  formatNumber,
  parseAmount,
  roundOre,
  UNIT_LABEL,
  VOLUME,
  type MoneyUnit,
  type Parsed,
} from "../core/amounts";
import { parsePeriod, type Period } from "../core/periods";
import type { SheetData } from "../workbook/types";
import { inputError, type InputError } from "./errors";
import type { Recognition } from "./headers";

/** Data rows met (blank rows not counted) = used + rejected; each rejected row is named in an error or warning. */
/** Where a value was read: for messages about duplicates, which may be on two sheets. */
export interface CellRef {
  readonly sheet: string;
  readonly cell: string;
}

export interface RowCounts {
  read: number;
  used: number;
  rejected: number;
}

/** More errors than this in one sheet are summed up in one line: a whole bad column should not flood the list. */
export const MAX_ERRORS_PER_SHEET = 500;

/** Labels of totals rows pasted in with the data (domain: "Summa", "Totalt"). */
const TOTALS = /^(summa|totalt|total|totals|totalsumma|delsumma|s:a)\b/i;

/** Whether a cell's trimmed text labels a totals row ("Summa", "Totalt", "S:a ..."): the one rule for every ledger. */
export function isTotalsText(text: string): boolean {
  return TOTALS.test(text);
}

/** An empty cell: nothing, or only spaces. */
export function isBlankValue(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

export function textOf(v: CellValue | undefined): string | undefined {
  if (isBlankValue(v)) return undefined;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "SANT" : "FALSKT";
  return String(v).replace(/\s+/g, " ").trim();
}

const CODED = /^(\d+)\s+[^\d\s].*$/;

/** The key of an ansvar cell's text: "410 Förvaltningsledning" is 410; a name without a code is its own key. */
export function costCentreKey(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const coded = CODED.exec(text);
  return coded ? coded[1]! : text;
}

/**
 * An amount of a sheet's unit in kronor, to the öre. 16 393,4 tkr is 16 393 400 kr, not 16 393 400.000000002, and a
 * number cell's own binary noise (3 025,0000000000005 tkr) goes too: `roundOre`, the one rule for money.
 */
export function toKronor(value: number, unit: MoneyUnit): number {
  return roundOre(unit === "kr" ? value : convertMoney(value, unit, "kr"));
}

/**
 * Plain digits with an optional decimal comma or point ("12345,67", "-40"; not three digits after a point: 1.234 is
 * ambiguous), read digit by digit: the digits as one integer divided by a power of ten is correctly rounded, as
 * Number("12345.67") is, while both are exact (up to 2^53). Undefined for anything else.
 */
function plainKronor(s: string): number | undefined {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const start = i;
  let m = 0;
  let c = 0;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  if (i === start) return undefined;
  let scale = 1;
  if (i < n) {
    if (c !== 44 && c !== 46) return undefined; // "," or "."
    const fraction = ++i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      scale *= 10;
      i++;
    }
    if (i < n || i === fraction || (s.charCodeAt(fraction - 1) === 46 && i - fraction === 3)) return undefined;
  }
  if (m > Number.MAX_SAFE_INTEGER) return Number(s.replace(",", ".")); // more digits than a double holds exactly
  const v = m / scale;
  return start === 1 ? -v : v;
}

/**
 * A belopp cell. Plain digits with an optional decimal comma or point (most rows of an ERP extract) take a
 * shortcut that gives exactly what parseAmount gives (a property test checks it); all else goes to parseAmount.
 */
export function ledgerAmount(raw: CellValue | undefined, unit: MoneyUnit): Parsed<number> {
  if (typeof raw === "number" && Number.isFinite(raw)) return { kind: "value", value: raw === 0 ? 0 : raw };
  if (unit === "kr" && typeof raw === "string") {
    const value = plainKronor(raw);
    if (value !== undefined) return { kind: "value", value: value === 0 ? 0 : value };
  }
  return parseAmount(raw, { type: "money", unit });
}

export class SheetRows {
  readonly errors: InputError[] = [];
  readonly warnings: InputError[] = [];
  private errorCount = 0;
  /** Merged ranges below the header, as boxes in `values` indexes (looked up only for an empty cell). */
  private readonly merges: { range: string; top: number; left: number; bottom: number; right: number }[] = [];
  /** Used amount since the last totals row, per field, in kronor: to check a totals row against. */
  private readonly runningSums = new Map<string, number>();

  constructor(
    readonly data: SheetData,
    readonly header: Pick<Recognition, "headerIndex" | "columns" | "units" | "months">,
  ) {
    for (const range of data.merged ?? []) {
      const box = decodeRange(range);
      if (!box) continue;
      const top = box.top - data.origin.row;
      const bottom = box.bottom - data.origin.row;
      if (bottom > header.headerIndex)
        this.merges.push({
          range,
          top,
          bottom,
          left: box.left - data.origin.column,
          right: box.right - data.origin.column,
        });
    }
  }

  /** The merge a cell is covered by (not its top-left cell), if any. */
  private mergeOver(row: number, col: number): { range: string; row: number; col: number } | undefined {
    for (const m of this.merges) {
      if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right && (row !== m.top || col !== m.left))
        return { range: m.range, row: m.top, col: m.left };
    }
    return undefined;
  }

  /** Indexes of the data rows: those under the header. */
  get first(): number {
    return this.header.headerIndex + 1;
  }

  get end(): number {
    return this.data.values.length;
  }

  /** Sheet A1 address of a cell by row index and column index into `values`. */
  address(row: number, col: number): string {
    return cellAddress(this.data.origin.row + row, this.data.origin.column + col);
  }

  /** Sheet and A1 address of a field's cell on a row. */
  ref(row: number, field: string): CellRef {
    return { sheet: this.data.sheet, cell: this.address(row, this.column(field)!) };
  }

  /**
   * The first time `key` is met it is noted in `seen` with the cell of `field` in `row`, and true is returned; the
   * next time that cell gets the error `message(first, cell)` and false: the same ansvar, konto or version twice
   * is refused with both cells named (also across sheets, when `seen` is shared).
   */
  firstTime(
    row: number,
    field: string,
    seen: Map<string, CellRef>,
    key: string,
    message: (first: CellRef, cell: CellRef) => string,
  ): boolean {
    const cell = this.ref(row, field);
    const first = seen.get(key);
    if (first !== undefined) {
      this.fieldError(row, field, message(first, cell));
      return false;
    }
    seen.set(key, cell);
    return true;
  }

  /** Sheet row number (1-based, as Excel shows it). */
  rowNumber(row: number): number {
    return this.data.origin.row + row + 1;
  }

  column(field: string): number | undefined {
    return this.header.columns.get(field);
  }

  has(field: string): boolean {
    return this.header.columns.has(field);
  }

  /** The unit of a money column: the one written in its header, or the setting. */
  unit(field: string, fallback: MoneyUnit): MoneyUnit {
    return this.header.units.get(field) ?? fallback;
  }

  private raw(row: number, col: number): CellValue | undefined {
    return this.data.values[row]?.[col];
  }

  /** A key or text cell; a vertical merge (ansvar written once for several rows) gives its value to every row. */
  private keyValue(row: number, col: number): CellValue | undefined {
    const v = this.raw(row, col);
    if (!isBlankValue(v)) return v;
    const master = this.mergeOver(row, col);
    return master ? this.raw(master.row, master.col) : v;
  }

  isBlank(row: number): boolean {
    const line = this.data.values[row];
    if (!line) return true;
    for (const v of line) if (!isBlankValue(v)) return false;
    return true;
  }

  error(row: number, col: number | undefined, message: string): void {
    this.errorCount++;
    if (this.errorCount <= MAX_ERRORS_PER_SHEET) {
      this.errors.push(
        col === undefined
          ? inputError(this.data.sheet, undefined, undefined, message)
          : inputError(this.data.sheet, this.data.origin.row + row, this.data.origin.column + col, message),
      );
    }
  }

  fieldError(row: number, field: string, message: string): void {
    this.error(row, this.column(field), message);
  }

  warn(row: number | undefined, col: number | undefined, message: string): void {
    this.warnings.push(
      row === undefined || col === undefined
        ? inputError(this.data.sheet, undefined, undefined, message)
        : inputError(this.data.sheet, this.data.origin.row + row, this.data.origin.column + col, message),
    );
  }

  /** Close the sheet's error list: one line for the errors beyond the cap. */
  finish(): void {
    if (this.errorCount > MAX_ERRORS_PER_SHEET) {
      this.errors.push(
        inputError(
          this.data.sheet,
          undefined,
          undefined,
          `ytterligare ${this.errorCount - MAX_ERRORS_PER_SHEET} fel på bladet visas inte; rätta felen ovan och läs in igen.`,
        ),
      );
    }
  }

  text(row: number, field: string): string | undefined {
    const col = this.column(field);
    return col === undefined ? undefined : textOf(this.keyValue(row, col));
  }

  /** An ansvar code: 410 or "410"; "410 Förvaltningsledning" gives "410". A decimal number is refused. */
  costCentre(row: number, field = "costCentre"): string | undefined | null {
    const col = this.column(field);
    if (col === undefined) return undefined;
    const v = this.keyValue(row, col);
    if (typeof v === "number" && !Number.isInteger(v)) {
      this.error(row, col, `"${v}" är inget ansvar: förväntade en ansvarskod, t.ex. 441, eller ett namn.`);
      return null;
    }
    return costCentreKey(textOf(v));
  }

  /** Errors met so far (also those beyond the cap): a row whose reading raised this count is rejected. */
  get errorTotal(): number {
    return this.errorCount;
  }

  /**
   * Whether a row is a totals row pasted in with the data ("Summa", "Totalt"), by its first filled cell or its
   * key columns (not by a comment that happens to start with "Totalt").
   */
  totalsLabel(row: number, keyFields: readonly string[]): { label: string; col: number } | undefined {
    const line = this.data.values[row];
    if (!line) return undefined;
    const first = line.findIndex((v) => !isBlankValue(v));
    const cols = [first, ...keyFields.map((f) => this.column(f)).filter((c): c is number => c !== undefined)];
    for (const c of cols) {
      const v = line[c];
      if (typeof v === "string" && isTotalsText(v.trim())) return { label: v.trim(), col: c };
    }
    return undefined;
  }

  private parsed<T>(row: number, col: number, result: Parsed<T>): T | undefined | null {
    if (result.kind === "error") {
      this.error(row, col, result.message);
      return null;
    }
    return result.kind === "value" ? result.value : undefined;
  }

  /** Complain about an empty required cell; a cell under a merge says so. */
  missing(row: number, field: string, what: string): void {
    const col = this.column(field);
    if (col === undefined) return;
    const slave = this.mergeOver(row, col);
    if (slave)
      this.error(
        row,
        col,
        `cellen ingår i den sammanslagna cellen ${slave.range}: förväntade ${what} på varje rad; dela upp den sammanslagna cellen.`,
      );
    else this.error(row, col, `${what} saknas: förväntade ${what} på raden.`);
  }

  /**
   * A money cell in kronor. `undefined` = empty (missing, never 0), `null` = an error (already reported).
   * The column's unit is the one in its header, else `unit`.
   */
  money(row: number, field: string, unit: MoneyUnit): number | undefined | null {
    const col = this.column(field);
    if (col === undefined) return undefined;
    const inUnit = this.unit(field, unit);
    const v = this.parsed(row, col, ledgerAmount(this.raw(row, col), inUnit));
    return typeof v === "number" ? toKronor(v, inUnit) : v;
  }

  /** A money cell of a month column (wide budget), in kronor. */
  moneyAt(row: number, col: number, unit: MoneyUnit): number | undefined | null {
    const v = this.parsed(row, col, ledgerAmount(this.raw(row, col), unit));
    return typeof v === "number" ? toKronor(v, unit) : v;
  }

  volume(row: number, field: string): number | undefined | null {
    const col = this.column(field);
    return col === undefined ? undefined : this.parsed(row, col, parseAmount(this.raw(row, col), VOLUME));
  }

  period(row: number, field: string, defaultYear: number): Period | undefined | null {
    const col = this.column(field);
    return col === undefined ? undefined : this.parsed(row, col, parsePeriod(this.raw(row, col), defaultYear));
  }

  /** Add a used amount to the running sum a later totals row is checked against. */
  count(field: string, kronor: number): void {
    this.runningSums.set(field, (this.runningSums.get(field) ?? 0) + kronor);
  }

  /**
   * A totals row: skipped with a warning naming the row, its amount checked against the used rows above it
   * (since the previous totals row). The check is on the figures as shown, in the column's unit.
   */
  skipTotalsRow(row: number, label: { label: string; col: number }, field: string, unit: MoneyUnit): void {
    const col = this.column(field);
    const inUnit = this.unit(field, unit);
    const head = `raden ${this.rowNumber(row)} är en summarad ("${label.label}") och räknas inte`;
    const sum = this.runningSums.get(field) ?? 0;
    this.runningSums.set(field, 0);
    const parsed = col === undefined ? undefined : parseAmount(this.raw(row, col), { type: "money", unit: inUnit });
    if (!parsed || parsed.kind !== "value") {
      this.warn(row, label.col, `${head}.`);
      return;
    }
    const shown = parsed.value;
    const above = convertMoney(sum, "kr", inUnit);
    const unitText = UNIT_LABEL[inUnit];
    // A printed total may differ by one unit from the sum of its printed parts (rounding), not more.
    if (Math.abs(shown - above) <= 1)
      this.warn(
        row,
        label.col,
        `${head}; dess belopp ${formatNumber(shown, 2).replace(/,00$/, "")} ${unitText} stämmer med summan av raderna ovanför.`,
      );
    else {
      this.warn(
        row,
        label.col,
        `${head}; dess belopp ${formatNumber(shown, 2).replace(/,00$/, "")} ${unitText} stämmer inte med summan av raderna ovanför, ${formatNumber(above, 2).replace(/,00$/, "")} ${unitText}: kontrollera att inga rader saknas eller finns två gånger.`,
      );
    }
  }

  /**
   * Visit the data rows: blank rows are passed over, totals rows skipped (warned and checked against the rows
   * above on `totalsField`), every other row read by `read`, which returns whether the row was used. A row is
   * rejected when it raised an error or was not used: rows read = used + rejected, always.
   */
  eachRow(
    counts: RowCounts,
    keyFields: readonly string[],
    totals: { field: string; unit: MoneyUnit } | undefined,
    read: (row: number) => boolean,
  ): void {
    const before = counts.read;
    for (let r = this.first; r < this.end; r++) {
      if (this.isBlank(r)) continue;
      counts.read++;
      const label = this.totalsLabel(r, keyFields);
      if (label) {
        if (totals) this.skipTotalsRow(r, label, totals.field, totals.unit);
        else this.warn(r, label.col, `raden ${this.rowNumber(r)} är en summarad ("${label.label}") och räknas inte.`);
        counts.rejected++;
        continue;
      }
      const errorsBefore = this.errorCount;
      const used = read(r);
      if (used && this.errorCount === errorsBefore) counts.used++;
      else counts.rejected++;
    }
    if (counts.read === before)
      this.warn(
        undefined,
        undefined,
        `bladet har en rubrikrad (rad ${this.rowNumber(this.header.headerIndex)}) men inga rader under den.`,
      );
    this.warnHidden();
    this.finish();
  }

  /** One warning for the hidden rows among the data rows: they are read, but the user should know. */
  warnHidden(): void {
    const hidden = (this.data.hiddenRows ?? []).filter(
      (r) => r - this.data.origin.row > this.header.headerIndex && r - this.data.origin.row < this.end,
    );
    if (hidden.length === 0) return;
    const shown = hidden
      .slice(0, 10)
      .map((r) => r + 1)
      .join(", ");
    this.warn(
      undefined,
      undefined,
      `${hidden.length} dolda rader läses in som alla andra (rad ${shown}${hidden.length > 10 ? " ..." : ""}): visa dem och kontrollera att de ska vara med.`,
    );
  }
}
