/**
 * The rules of a SIE 4 file (the Swedish standard export of accounting data, "SIE filformat, version 4B", sie.se)
 * as a ledger: one record per line, read in order. Pure: decoded lines in, bookings and Swedish errors naming
 * their line out. What a socialnämnd's follow-up needs of the format:
 * - `#VER` verifikationer with their `#TRANS` rows, and `#PSALDO` period balances: utfall per ansvar, konto, month;
 * - `#PBUDGET` period budgets (the same fields as #PSALDO);
 * - `#RAR 0` is the financial year followed up, `#RAR -1` the year before (last year's utfall);
 * - the ansvar is one dimension of the object lists (`{1 "410" 6 "P12"}`), chosen by the name of its `#DIM`
 *   (Ansvar, Kostnadsställe, Resultatenhet) or by a setting; dimension 1 is reserved for kostnadsställe;
 * - rows on balance-sheet accounts (the counter-entries of each verifikation) are never utfall;
 * - `#RTRANS`/`#BTRANS` are the added and removed rows of a corrected verifikation: the #TRANS rows count, not them.
 * Amounts are written with a decimal point and debit positive: costs positive, revenue negative, the internal
 * sign convention. Records this reader has no use for (#IB, #UB, #RES, #SRU, #ADRESS, #KSUMMA, ...) are passed
 * over, as the specification asks of a reader (a label it does not know is not an error).
 */
import { isBalanceSheetAccount, type AccountKind } from "../core/accountClasses";
import { formatNumber } from "../core/amounts";
import type { Period } from "../core/periods";
import type { InputError } from "./errors";

/** One object of an object list: dimension number and object code, as written. */
export interface SieObject {
  readonly dimension: string;
  readonly code: string;
}

export type SieField = string | readonly SieObject[];

export interface SieRecord {
  /** Upper case, with its "#"; "{" and "}" for the lines that open and close a verifikation. */
  readonly label: string;
  readonly fields: readonly SieField[];
}

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;

const isSpace = (c: number): boolean => c === SPACE || c === TAB;

/**
 * One line as a record: a label and its fields, separated by spaces or tabs. A field with spaces is in double
 * quotes, `\"` being a quote inside it; `{...}` is an object list of dimension and code pairs. Undefined for a
 * blank line; a string says what is malformed (in Swedish).
 */
export function parseSieLine(line: string): SieRecord | string | undefined {
  const n = line.length;
  let i = 0;
  while (i < n && (isSpace(line.charCodeAt(i)) || line.charCodeAt(i) === 13)) i++;
  if (i >= n) return undefined;
  const start = i;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  const label = line.slice(start, i).replace(/\r$/, "").toUpperCase();
  if (label !== "{" && label !== "}" && (label.length < 2 || label.charCodeAt(0) !== 35)) {
    return `"${line.trim().slice(0, 40)}" är ingen SIE-post: förväntade en etikett som #VER eller #TRANS först på raden.`;
  }
  const fields: SieField[] = [];
  let list: SieObject[] | undefined;
  let pending: string | undefined; // a dimension waiting for its code, inside an object list
  while (true) {
    while (i < n && (isSpace(line.charCodeAt(i)) || line.charCodeAt(i) === 13)) i++;
    if (i >= n) break;
    const c = line.charCodeAt(i);
    if (list === undefined && c === OPEN) {
      list = [];
      i++;
      continue;
    }
    if (list !== undefined && c === CLOSE) {
      if (pending !== undefined)
        return `objektlistan har dimensionen ${pending} utan objekt: förväntade par av dimension och objekt, t.ex. {1 "410"}.`;
      fields.push(list);
      list = undefined;
      i++;
      continue;
    }
    let value: string;
    if (c === QUOTE) {
      let text = "";
      let from = ++i;
      let closed = false;
      while (i < n) {
        const d = line.charCodeAt(i);
        if (d === BACKSLASH && line.charCodeAt(i + 1) === QUOTE) {
          text += line.slice(from, i) + '"';
          i += 2;
          from = i;
          continue;
        }
        if (d === QUOTE) {
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) return 'ett fält inom citattecken avslutas inte: förväntade ett avslutande ".';
      value = text + line.slice(from, i);
      i++;
    } else {
      const from = i;
      while (i < n) {
        const d = line.charCodeAt(i);
        if (isSpace(d) || d === 13 || (list !== undefined && d === CLOSE)) break;
        if (d === OPEN || (list === undefined && d === CLOSE))
          return `"${line.slice(from, from + 20)}": oväntat ${String.fromCharCode(d)} inne i ett fält.`;
        i++;
      }
      value = line.slice(from, i);
    }
    if (list === undefined) fields.push(value);
    else if (pending === undefined) pending = value;
    else {
      list.push({ dimension: pending, code: value });
      pending = undefined;
    }
  }
  if (list !== undefined) return "en objektlista avslutas inte: förväntade } efter objekten.";
  return { label, fields };
}

/** A booking read from the file: kronor, debit positive (the internal sign convention). */
export interface SieEntry {
  /** Verifikation row, period balance or period budget. */
  readonly source: "ver" | "psaldo" | "pbudget";
  /** The financial year: 0 the year followed up, -1 the year before (other years are not passed on). */
  readonly year: number;
  /** The ansvar's object code; "" on a balance-sheet account without one. */
  readonly costCentre: string;
  readonly account: string;
  readonly period: Period;
  readonly amount: number;
  /** 1-based line number in the file. */
  readonly line: number;
  /** A balance-sheet account (a counter-entry): not utfall, counted apart. */
  readonly balanceSheet: boolean;
}

export interface SieReadOptions {
  /** The ansvar dimension: its number ("1") or the name of its #DIM ("Kostnadsställe"); found by name when absent. */
  readonly dimension?: string;
  /** Errors kept; the rest are counted. */
  readonly maxErrors?: number;
}

/** What a file said about itself, for the report and the task pane. */
export interface SieFacts {
  readonly program?: string;
  readonly company?: string;
  readonly format?: string;
  readonly type?: string;
  /** Financial years by number (0, -1, ...): first and last day as YYYYMMDD. */
  readonly years: ReadonlyMap<number, { readonly start: string; readonly end: string }>;
  readonly dimensions: ReadonlyMap<string, string>;
  /** The ansvar dimension used, with its name ("1 Kostnadsställe"). */
  readonly costCentreDimension?: string;
  /** Object names per dimension (`#OBJEKT`). */
  readonly objects: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Konto names (`#KONTO`) and kontotyp (`#KTYP`). */
  readonly accounts: ReadonlyMap<string, { name?: string; kind?: AccountKind }>;
}

/** Names an ansvar dimension goes by in a kommun's #DIM (domain: kostnadsställe / resultatenhet = ansvar). */
const COST_CENTRE_DIMENSION = /^(ansvar|kostnadsst|resultatenhet|resultatst|kst\b)/i;

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH = /^(\d{4})(\d{2})$/;
const AMOUNT = /^-?\d+(\.\d+)?$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const ore = (kr: number): number => Math.round(kr * 100);

/** The verifikation being read: its line, what names it, its date ("" when invalid), the sum of its rows in öre. */
interface OpenVer {
  readonly line: number;
  readonly name: string;
  readonly date: string;
  sumOre: number;
  open: boolean;
  /** Its financial year (undefined: outside every #RAR) and period, found at its first row. */
  year?: number;
  period?: Period;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** "-1234.50", "0", "12": the amount SIE writes (AMOUNT), checked without a regular expression. */
function plainAmount(s: string, from: number, to: number): boolean {
  let i = from;
  if (s.charCodeAt(i) === 45) i++;
  const digits = i;
  while (i < to && isDigit(s.charCodeAt(i))) i++;
  if (i === digits) return false;
  if (i === to) return true;
  if (s.charCodeAt(i) !== 46) return false;
  const fraction = ++i;
  while (i < to && isDigit(s.charCodeAt(i))) i++;
  return i === to && i > fraction;
}

/** "{" or "}" for a line that holds only one of them (and spaces), as a verifikation's block is written; else undefined. */
function braceLine(s: string): "{" | "}" | undefined {
  let i = 0;
  const n = s.length;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  const c = s.charCodeAt(i);
  if (c !== OPEN && c !== CLOSE) return undefined;
  for (let j = i + 1; j < n; j++) if (!isSpace(s.charCodeAt(j)) && s.charCodeAt(j) !== 13) return undefined;
  return c === OPEN ? "{" : "}";
}

/** The `{}` balance of an account and period, against the sum of its per-ansvar balances. */
interface AccountBalance {
  readonly line: number;
  totalOre: number;
  perCentreOre: number;
  perCentre: boolean;
}

/**
 * Reads the records of a SIE file in order and passes each booking to `sink`. Every malformed line is an error
 * naming its line; a verifikation that does not balance is a warning.
 */
export class SieReader {
  private readonly errorList: InputError[] = [];
  private readonly warningList: InputError[] = [];
  private errorTotal = 0;
  private readonly maxErrors: number;
  private program?: string;
  private company?: string;
  private format?: string;
  private type?: string;
  private readonly years = new Map<number, { start: string; end: string }>();
  private readonly dimensions = new Map<string, string>();
  private readonly objects = new Map<string, Map<string, string>>();
  private readonly accounts = new Map<string, { name?: string; kind?: AccountKind }>();
  private dimension: string | undefined;
  private dimensionDecided = false;
  /** The open verifikation: its line, what names it, its date and the sum of its rows in öre. */
  private ver: OpenVer | undefined;
  /** Whether each konto met is a balance-sheet account (see `isBalanceSheetAccount`); cleared by a #KTYP. */
  private readonly balanceSheetAccounts = new Map<string, boolean>();
  private readonly balances = new Map<string, AccountBalance>();
  /** Period balances and budgets that are not per ansvar: the account totals checked above, other dimensions. */
  private otherBreakdowns = 0;
  /** Bookings of a financial year other than 0 and -1. */
  private otherYears = 0;
  private lastLine = 0;

  constructor(
    readonly file: string,
    private readonly sink: (entry: SieEntry) => void,
    private readonly options: SieReadOptions = {},
  ) {
    this.maxErrors = options.maxErrors ?? 50;
  }

  get errors(): readonly InputError[] {
    return this.errorTotal > this.errorList.length
      ? [
          ...this.errorList,
          {
            sheet: this.file,
            message: `ytterligare ${this.errorTotal - this.errorList.length} fel visas inte; rätta felen ovan och läs in igen.`,
          },
        ]
      : this.errorList;
  }

  get errorCount(): number {
    return this.errorTotal;
  }

  get warnings(): readonly InputError[] {
    return this.warningList;
  }

  /** Period balances and budgets passed over because they are not per ansvar (account totals, other dimensions). */
  get skippedBreakdowns(): number {
    return this.otherBreakdowns;
  }

  /** Bookings of years other than 0 and -1, passed over. */
  get skippedYears(): number {
    return this.otherYears;
  }

  get facts(): SieFacts {
    const costCentreDimension =
      this.dimension === undefined
        ? undefined
        : `${this.dimension}${this.dimensions.has(this.dimension) ? ` ${this.dimensions.get(this.dimension)}` : ""}`;
    return {
      program: this.program,
      company: this.company,
      format: this.format,
      type: this.type,
      years: this.years,
      dimensions: this.dimensions,
      objects: this.objects,
      accounts: this.accounts,
      ...(costCentreDimension ? { costCentreDimension } : {}),
    };
  }

  private error(line: number, message: string, amount?: number): void {
    this.errorTotal++;
    if (this.errorList.length < this.maxErrors)
      this.errorList.push({
        sheet: this.file,
        message: `rad ${line}: ${message}`,
        ...(amount ? { amount: Math.abs(amount) } : {}),
      });
  }

  /** One line of the file; `line` is its 1-based number. */
  push(text: string, line: number): void {
    this.lastLine = line;
    if (this.ver?.open && this.fastTrans(text, line)) return;
    const brace = braceLine(text);
    const record = brace === undefined ? parseSieLine(text) : { label: brace, fields: [] };
    if (record === undefined) return;
    if (typeof record === "string") return this.error(line, record);
    const f = record.fields;
    switch (record.label) {
      case "#TRANS":
        return this.trans(f, line);
      case "#RTRANS":
      case "#BTRANS":
        // A corrected verifikation lists its added (RTRANS, followed by the same row as #TRANS) and removed
        // (BTRANS) rows: only the #TRANS rows are the verifikation.
        if (!this.ver?.open)
          this.error(line, `${record.label} utanför en verifikation: förväntade raden mellan { och } efter en #VER.`);
        return;
      case "#VER":
        return this.openVer(f, line);
      case "{":
        if (!this.ver || this.ver.open)
          return this.error(line, "{ utan en #VER före: förväntade { direkt efter en #VER-rad.");
        this.ver.open = true;
        return;
      case "}":
        return this.closeVer(line);
      case "#PSALDO":
      case "#PBUDGET":
        return this.periodBalance(record.label, f, line);
      case "#RAR": {
        const [no, start, end] = f;
        if (
          typeof no !== "string" ||
          !/^-?\d+$/.test(no) ||
          typeof start !== "string" ||
          !validDate(start) ||
          typeof end !== "string" ||
          !validDate(end)
        ) {
          return this.error(line, "#RAR ska ha årsnummer, första och sista dag, t.ex. #RAR 0 20240101 20241231.");
        }
        this.years.set(Number(no), { start, end });
        return;
      }
      case "#DIM": {
        const [no, name] = f;
        if (typeof no !== "string" || !/^\d+$/.test(no) || typeof name !== "string")
          return this.error(line, '#DIM ska ha dimensionsnummer och namn, t.ex. #DIM 1 "Kostnadsställe".');
        this.dimensions.set(no, name);
        return;
      }
      case "#OBJEKT": {
        const [dim, code, name] = f;
        if (typeof dim !== "string" || typeof code !== "string")
          return this.error(
            line,
            '#OBJEKT ska ha dimension, objektkod och namn, t.ex. #OBJEKT 1 "410" "Förvaltningsledning".',
          );
        let names = this.objects.get(dim);
        if (!names) this.objects.set(dim, (names = new Map()));
        names.set(code, typeof name === "string" ? name : "");
        return;
      }
      case "#KONTO": {
        const [account, name] = f;
        if (typeof account !== "string" || account === "")
          return this.error(line, '#KONTO ska ha kontonummer och namn, t.ex. #KONTO 4020 "Löner".');
        this.accounts.set(account, { ...this.accounts.get(account), name: typeof name === "string" ? name : "" });
        return;
      }
      case "#KTYP": {
        const [account, kind] = f;
        const k = typeof kind === "string" ? kind.toUpperCase() : "";
        if (typeof account !== "string" || !/^[TSKI]$/.test(k))
          return this.error(line, "#KTYP ska ha konto och kontotyp T, S, K eller I, t.ex. #KTYP 4020 K.");
        this.accounts.set(account, { ...this.accounts.get(account), kind: k as AccountKind });
        this.balanceSheetAccounts.clear();
        return;
      }
      case "#FORMAT":
        this.format = typeof f[0] === "string" ? f[0] : undefined;
        return;
      case "#SIETYP":
        this.type = typeof f[0] === "string" ? f[0] : undefined;
        return;
      case "#PROGRAM":
        this.program = typeof f[0] === "string" ? f[0] : undefined;
        return;
      case "#FNAMN":
        this.company = typeof f[0] === "string" ? f[0] : undefined;
        return;
      default:
        return;
    }
  }

  /** The end of the file: an open verifikation, and period balances without ansvar. */
  end(): void {
    if (this.ver)
      this.error(
        this.ver.line,
        `verifikationen ${this.ver.name} avslutas aldrig: förväntade } efter dess #TRANS-rader.`,
      );
    this.ver = undefined;
    for (const [key, b] of this.balances) {
      const [label, , account, period] = key.split("\u0001");
      if (b.totalOre === 0 || isBalanceSheetAccount(account!, this.accounts.get(account!)?.kind)) continue;
      if (!b.perCentre) {
        this.error(
          b.line,
          `${label} för konto ${account} period ${period} (${formatNumber(b.totalOre / 100, 2)} kr) står inte på något ansvar: förväntade saldon per ansvar (dimension ${this.costCentreDimension()}) för kontot.`,
          b.totalOre / 100,
        );
      } else if (b.totalOre !== b.perCentreOre) {
        const diff = (b.totalOre - b.perCentreOre) / 100;
        this.error(
          b.line,
          `${label} för konto ${account} period ${period} är ${formatNumber(b.totalOre / 100, 2)} kr men saldona per ansvar summerar till ${formatNumber(b.perCentreOre / 100, 2)} kr (skillnad ${formatNumber(diff, 2)} kr).`,
          diff,
        );
      }
    }
  }

  /** The ansvar dimension: the setting, else the first #DIM named as an ansvar, else 1 (reserved for kostnadsställe). */
  private costCentreDimension(): string {
    if (this.dimensionDecided) return this.dimension!;
    this.dimensionDecided = true;
    const wanted = this.options.dimension?.trim();
    if (wanted && /^\d+$/.test(wanted)) this.dimension = wanted;
    else if (wanted) {
      const key = wanted.toLowerCase();
      this.dimension = [...this.dimensions].find(([, name]) => name.trim().toLowerCase() === key)?.[0];
      if (this.dimension === undefined) {
        this.error(
          this.lastLine,
          `ansvarsdimensionen "${wanted}" finns inte bland filens #DIM (${[...this.dimensions].map(([no, name]) => `${no} ${name}`).join(", ") || "inga"}): ange dess nummer eller namn.`,
        );
        this.dimension = "1";
      }
    } else
      this.dimension = [...this.dimensions].find(([, name]) => COST_CENTRE_DIMENSION.test(name.trim()))?.[0] ?? "1";
    return this.dimension;
  }

  /** The financial year of a date, by the #RAR records; 0 when the file names none. */
  private yearOf(date: string): number | undefined {
    if (this.years.size === 0) return 0;
    for (const [no, y] of this.years) if (date >= y.start && date <= y.end) return no;
    return undefined;
  }

  private openVer(f: readonly SieField[], line: number): void {
    if (this.ver) {
      this.error(
        this.ver.line,
        `verifikationen ${this.ver.name} avslutas inte före nästa #VER: förväntade } efter dess #TRANS-rader.`,
      );
      this.ver = undefined;
    }
    const [series, number, date] = f;
    const name = [series, number].filter((x) => typeof x === "string" && x !== "").join(" ") || "utan nummer";
    if (typeof date !== "string" || !validDate(date)) {
      this.error(
        line,
        `verifikationen ${name} har inget giltigt datum ("${typeof date === "string" ? date : "{...}"}"): förväntade ÅÅÅÅMMDD, t.ex. 20240815.`,
      );
      // Its rows are still read and rejected one by one, so they are counted.
      this.ver = { line, name, date: "", sumOre: 0, open: false };
      return;
    }
    this.ver = { line, name, date, sumOre: 0, open: false };
  }

  private closeVer(line: number): void {
    const ver = this.ver;
    if (!ver?.open) return this.error(line, "} utan en öppen verifikation: förväntade { och #VER före.");
    if (ver.sumOre !== 0 && ver.date !== "") {
      this.warningList.push({
        sheet: this.file,
        message: `rad ${ver.line}: verifikationen ${ver.name} balanserar inte: dess rader summerar till ${formatNumber(ver.sumOre / 100, 2)} kr (förväntade 0). Raderna på resultatkonton räknas ändå som utfall.`,
        amount: Math.abs(ver.sumOre / 100),
      });
    }
    this.ver = undefined;
  }

  /** The ansvar of an object list: the code of the ansvar dimension's object, "" when there is none. */
  private centreOf(objects: readonly SieObject[]): string {
    if (objects.length === 0) return "";
    const dim = this.costCentreDimension();
    for (const o of objects) if (o.dimension === dim) return o.code.trim();
    return "";
  }

  private trans(f: readonly SieField[], line: number): void {
    const ver = this.ver;
    if (!ver?.open)
      return this.error(line, "#TRANS utanför en verifikation: förväntade raden mellan { och } efter en #VER.");
    const [account, objects, amountText] = f;
    if (typeof account !== "string" || !/^\d+$/.test(account))
      return this.error(
        line,
        `#TRANS har inget giltigt konto ("${typeof account === "string" ? account : "{...}"}"): förväntade ett kontonummer, t.ex. 4020.`,
      );
    if (typeof objects === "string" || objects === undefined)
      return this.error(
        line,
        `#TRANS på konto ${account} saknar objektlista: förväntade {} eller t.ex. {1 "410"} efter kontot.`,
      );
    if (typeof amountText !== "string" || !AMOUNT.test(amountText))
      return this.error(
        line,
        `#TRANS på konto ${account}: "${typeof amountText === "string" ? amountText : "{...}"}" är inget belopp: förväntade t.ex. 1234.50 (decimalpunkt, minus före).`,
      );
    const amount = Number(amountText);
    ver.sumOre += ore(amount);
    if (ver.date === "")
      return this.error(
        line,
        `#TRANS på konto ${account} (${amountText} kr) hör till en verifikation utan giltigt datum (rad ${ver.line}).`,
        amount,
      );
    this.bookVer(ver, account, this.centreOf(objects), amount, line);
  }

  /**
   * The common #TRANS row (`#TRANS 4020 {1 "410"} -1234.50 20240815 "text"`: digits for the konto, an object list
   * of plain or quoted codes without escapes, a plain amount, no brace after it) read without building its fields,
   * for the million rows of a file of verifikationer: the same outcome as `parseSieLine` and `trans` (a property
   * test checks it). False: not such a row, and nothing done; the general path reads it and names what is wrong.
   */
  private fastTrans(s: string, line: number): boolean {
    const ver = this.ver!;
    if (ver.date === "") return false;
    const n = s.length;
    let i = 0;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (!s.startsWith("#TRANS", i) || !isSpace(s.charCodeAt(i + 6))) return false;
    i += 7;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    const a0 = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === a0 || !isSpace(s.charCodeAt(i))) return false;
    const account = s.slice(a0, i);
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== OPEN) return false;
    i++;
    const dim = this.costCentreDimension();
    let centre: string | undefined;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return false;
      if (s.charCodeAt(i) === CLOSE) {
        i++;
        break;
      }
      const d0 = i;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
      const d1 = i;
      if (d1 === d0 || !isSpace(s.charCodeAt(i))) return false;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      let code: string;
      if (s.charCodeAt(i) === QUOTE) {
        const q = s.indexOf('"', i + 1);
        if (q < 0) return false;
        code = s.slice(i + 1, q);
        if (code.includes("\\")) return false;
        i = q + 1;
      } else {
        const c0 = i;
        for (
          let c = s.charCodeAt(i);
          i < n && !isSpace(c) && c !== CLOSE && c !== OPEN && c !== QUOTE && c !== 13;
          c = s.charCodeAt(++i)
        );
        if (i === c0) return false;
        code = s.slice(c0, i);
      }
      if (centre === undefined && d1 - d0 === dim.length && s.startsWith(dim, d0)) centre = code.trim();
    }
    if (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 13) return false;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    const m0 = i;
    while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 13) i++;
    const m1 = i;
    if (!plainAmount(s, m0, m1)) return false;
    // The rest (transdat, transtext, kvantitet, sign) is not read, but must be fields the general path accepts:
    // quoted ones closed, no braces.
    for (;;) {
      while (i < n && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === 13)) i++;
      if (i >= n) break;
      if (s.charCodeAt(i) === QUOTE) {
        for (i++; i < n && s.charCodeAt(i) !== QUOTE; i++)
          if (s.charCodeAt(i) === BACKSLASH && s.charCodeAt(i + 1) === QUOTE) i++;
        if (i >= n) return false;
        i++;
        continue;
      }
      for (let c = s.charCodeAt(i); i < n && !isSpace(c) && c !== 13; c = s.charCodeAt(++i))
        if (c === OPEN || c === CLOSE) return false;
    }
    const amount = Number(s.slice(m0, m1));
    ver.sumOre += ore(amount);
    this.bookVer(ver, account, centre ?? "", amount, line);
    return true;
  }

  /** A verifikation's row: its year and period are the verifikation's, found once. */
  private bookVer(ver: OpenVer, account: string, costCentre: string, amount: number, line: number): void {
    if (ver.period === undefined) {
      ver.year = this.yearOf(ver.date);
      ver.period = `${ver.date.slice(0, 4)}-${ver.date.slice(4, 6)}`;
    }
    this.book("ver", ver.date, account, costCentre, amount, line, ver.year, ver.period);
  }

  /** A booking of a verifikation or a period balance, its year and ansvar found. */
  private book(
    source: SieEntry["source"],
    date: string,
    account: string,
    costCentre: string,
    amount: number,
    line: number,
    year: number | undefined,
    period: Period = `${date.slice(0, 4)}-${date.slice(4, 6)}`,
  ): void {
    if (year === undefined) {
      return this.error(
        line,
        `datumet ${date} ligger utanför filens räkenskapsår (${[...this.years].map(([no, y]) => `#RAR ${no} ${y.start}-${y.end}`).join(", ")}): förväntade ett datum inom ett av dem.`,
        amount,
      );
    }
    if (year !== 0 && year !== -1) {
      this.otherYears++;
      return;
    }
    let balanceSheet = this.balanceSheetAccounts.get(account);
    if (balanceSheet === undefined) {
      balanceSheet = isBalanceSheetAccount(account, this.accounts.get(account)?.kind);
      this.balanceSheetAccounts.set(account, balanceSheet);
    }
    if (!balanceSheet && costCentre === "") {
      const dim = this.costCentreDimension();
      return this.error(
        line,
        `konto ${account} (${formatNumber(amount, 2)} kr) saknar ansvar: förväntade ett objekt i dimension ${dim}${this.dimensions.has(dim) ? ` (${this.dimensions.get(dim)})` : ""} i objektlistan, t.ex. {${dim} "410"}.`,
        amount,
      );
    }
    this.sink({ source, year, costCentre, account, period, amount, line, balanceSheet });
  }

  private periodBalance(label: "#PSALDO" | "#PBUDGET", f: readonly SieField[], line: number): void {
    const [yearText, periodText, account] = f;
    // The object list is required in SIE 4; SIE 2 writes none.
    const withList = typeof f[3] !== "string";
    const objects = withList ? ((f[3] as readonly SieObject[] | undefined) ?? []) : [];
    const amountText = f[withList ? 4 : 3];
    const example = `${label} 0 202408 4020 {1 "410"} 1234.50`;
    if (typeof yearText !== "string" || !/^-?\d+$/.test(yearText))
      return this.error(line, `${label} har inget årsnummer: förväntade t.ex. ${example}.`);
    if (
      typeof periodText !== "string" ||
      !MONTH.test(periodText) ||
      Number(periodText.slice(4)) < 1 ||
      Number(periodText.slice(4)) > 12
    ) {
      return this.error(
        line,
        `${label}: "${typeof periodText === "string" ? periodText : "{...}"}" är ingen period: förväntade ÅÅÅÅMM, t.ex. ${example}.`,
      );
    }
    if (typeof account !== "string" || !/^\d+$/.test(account))
      return this.error(line, `${label} har inget giltigt konto: förväntade t.ex. ${example}.`);
    if (typeof amountText !== "string" || !AMOUNT.test(amountText))
      return this.error(
        line,
        `${label} på konto ${account}: "${typeof amountText === "string" ? amountText : ""}" är inget belopp: förväntade t.ex. ${example}.`,
      );
    const amount = Number(amountText);
    const year = Number(yearText);
    const dim = this.costCentreDimension();
    const onlyCentre = objects.length === 1 && objects[0]!.dimension === dim;
    // A period balance is given per account over all objects ({}) and per object: only the per-ansvar balances are
    // bookings; the account totals check them (end()), balances per other dimensions are other cuts of the same money.
    if (objects.length === 0 || onlyCentre) {
      const key = `${label}\u0001${year}\u0001${account}\u0001${periodText}`;
      let b = this.balances.get(key);
      if (!b) this.balances.set(key, (b = { line, totalOre: 0, perCentreOre: 0, perCentre: false }));
      if (objects.length === 0) {
        b.totalOre += ore(amount);
        this.otherBreakdowns++;
        return;
      }
      b.perCentreOre += ore(amount);
      b.perCentre = true;
      this.book(
        label === "#PSALDO" ? "psaldo" : "pbudget",
        `${periodText}01`,
        account,
        this.centreOf(objects),
        amount,
        line,
        year,
      );
      return;
    }
    this.otherBreakdowns++;
  }
}
