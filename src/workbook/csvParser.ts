/**
 * A small streaming CSV parser for ledger extracts: semicolon, comma or tab separated (the first line decides),
 * quoted fields with "" as an escaped quote, quoted line breaks, CRLF or LF. Pure: text chunks in, rows out.
 * Swedish exports use ";" because "," is the decimal comma; the fields stay text and are parsed by the readers.
 * Outside csv/ so that the task pane reads a picked file with it too (csv/csvFile.ts is its node side).
 *
 * Linear in every input. A quote opens a quoted field only at the start of a field (as Excel reads it): `24" Dell`
 * is text with an inch mark. A quoted field that does not close within `MAX_QUOTED_LINES` lines or
 * `MAX_FIELD_CHARS` characters (or by the end of the file) is a problem naming the line where the quote opened;
 * that line is then read with the quote as an ordinary character and reading goes on from the next line, so one
 * stray quote neither swallows the rest of the file nor makes the reading quadratic. A line longer than
 * `MAX_LINE_CHARS` is a problem too, and skipped.
 */

export type CsvDelimiter = ";" | "," | "\t";

export type CsvEncodingName = "utf-8" | "windows-1252";

export const utf8Fatal = (): TextDecoder => new TextDecoder("utf-8", { fatal: true });

export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The encoding of a CSV export from its first bytes: a UTF-8 byte-order mark or valid UTF-8 is UTF-8, else Windows-1252. */
export function pickEncoding(first: Uint8Array): CsvEncodingName {
  if (hasBom(first)) return "utf-8";
  // A multi-byte character may be cut at the chunk's end: check all but the last 3 bytes.
  const head = first.subarray(0, Math.max(0, first.length - 3));
  try {
    utf8Fatal().decode(head);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** Lines a quoted field may span (a comment with line breaks in an export); a ledger row has one. */
export const MAX_QUOTED_LINES = 100;
/** Characters a quoted field may hold: Excel's limit for a cell. */
export const MAX_FIELD_CHARS = 32_767;
/** Characters a line may hold: a ledger row is well under a kilobyte. */
export const MAX_LINE_CHARS = 1_048_576;

/** Something the parser could not read as written: the 1-based line and what was wrong, in Swedish. */
export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

/** The separator of a header line: the one of ; , tab that occurs most often outside quotes (ties: ";"). */
export function detectDelimiter(line: string): CsvDelimiter {
  const counts = new Map<string, number>([
    [";", 0],
    ["\t", 0],
    [",", 0],
  ]);
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const candidates: CsvDelimiter[] = [";", "\t", ","];
  let best: CsvDelimiter = ";";
  for (const d of candidates) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

const formatCount = (n: number): string => n.toLocaleString("sv-SE").replace(/\s/g, " ");

export class CsvParser {
  private delimiter: CsvDelimiter | undefined;
  /** Text after the last complete record of the previous chunk. */
  private rest = "";
  private first = true;
  /** 0-based line of the file where `rest` starts. */
  private line = 0;
  /** Inside a line longer than MAX_LINE_CHARS: text is dropped up to the next line break. */
  private skipping = false;
  /** The 1-based line of each row returned by the last `push` or `end`. */
  rowLines: number[] = [];
  /** Problems met so far (taken by `takeProblems`). */
  private problems: CsvProblem[] = [];

  constructor(delimiter?: CsvDelimiter) {
    this.delimiter = delimiter;
  }

  /** The problems met since the last call. */
  takeProblems(): CsvProblem[] {
    const out = this.problems;
    this.problems = [];
    return out;
  }

  /** Feed a chunk of text; returns the rows completed by it. */
  push(chunk: string): string[][] {
    this.rowLines = [];
    let text = chunk;
    if (this.skipping) {
      const nl = text.indexOf("\n");
      if (nl < 0) return [];
      this.skipping = false;
      this.line++;
      text = text.slice(nl + 1);
    }
    text = this.rest + text;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const rows: string[][] = [];
    const end = this.parse(text, rows, false);
    this.rest = text.slice(end);
    if (this.rest.length > MAX_LINE_CHARS + MAX_FIELD_CHARS + MAX_QUOTED_LINES) {
      // One line without end: it is not a ledger row.
      this.problems.push({
        line: this.line + 1,
        message: `raden är längre än ${formatCount(MAX_LINE_CHARS)} tecken och lästes inte: förväntade en rad per kontering.`,
      });
      this.rest = "";
      this.skipping = true;
    }
    return rows;
  }

  /** The last row when the text does not end with a line break. */
  end(): string[][] {
    this.rowLines = [];
    const rows: string[][] = [];
    if (this.rest.length > 0 && !this.skipping) this.parse(this.rest, rows, true);
    this.rest = "";
    this.skipping = false;
    return rows;
  }

  private emit(rows: string[][], row: string[], lines: number): void {
    rows.push(row);
    this.rowLines.push(this.line + 1);
    this.line += lines;
  }

  /** Parse complete records of `text` into `rows`; returns where the unfinished tail starts. */
  private parse(text: string, rows: string[][], final: boolean): number {
    let pos = 0;
    const n = text.length;
    if (this.delimiter !== undefined && text.indexOf('"') < 0) return this.parsePlain(text, rows, final);
    while (pos < n) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0) {
        if (!final) return pos;
        nl = n;
      }
      let line = text.slice(pos, nl);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      this.delimiter ??= detectDelimiter(line);
      if (line.indexOf('"') < 0) {
        // The common case: no quotes, a plain split.
        this.emit(rows, line.split(this.delimiter), 1);
        pos = nl + 1;
        continue;
      }
      const quoted = this.parseQuoted(text, pos, final);
      if (quoted === undefined) return pos; // a quoted field runs past this chunk
      if (quoted === "unclosed") {
        // Read the line with its quotes as ordinary characters, and go on from the next line.
        this.emit(rows, line.split(this.delimiter), 1);
        pos = nl + 1;
        continue;
      }
      this.emit(rows, quoted.row, quoted.lines);
      pos = quoted.next;
    }
    return n;
  }

  /**
   * A chunk without quotes (most chunks of an ERP extract): lines and fields cut out of the chunk by indexOf, each
   * character looked at once. The same rows as the line-by-line loop (a property test); returns where the
   * unfinished tail starts. Not `split("\n")` and then `split(";")` per line: that copies every line before its
   * fields, and the ledger phase of the 1,000,000-row bench took 0.1 s longer (docs/performance.md).
   */
  private parsePlain(text: string, rows: string[][], final: boolean): number {
    const d = this.delimiter!;
    const n = text.length;
    /** The next delimiter at or after the current field, -1 when there is none left in the chunk. */
    let delimiter = text.indexOf(d);
    for (let start = 0; start < n;) {
      let nl = text.indexOf("\n", start);
      if (nl < 0) {
        if (!final) return start;
        nl = n;
      }
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl; // CRLF
      const fields: string[] = [];
      let field = start;
      while (delimiter >= 0 && delimiter < end) {
        fields.push(text.slice(field, delimiter));
        field = delimiter + 1;
        delimiter = text.indexOf(d, field);
      }
      fields.push(text.slice(field, end));
      this.emit(rows, fields, 1);
      start = nl + 1;
    }
    return n;
  }

  /**
   * Character by character from `start` to the end of the record (which may span lines inside quotes).
   * Undefined: the record runs past this chunk (within the bounds); "unclosed": a quoted field passed a bound.
   */
  private parseQuoted(
    text: string,
    start: number,
    final: boolean,
  ): { row: string[]; next: number; lines: number } | "unclosed" | undefined {
    const d = this.delimiter!;
    const row: string[] = [];
    let field = "";
    let inQuotes = false;
    /** Whether the current field has had any character yet (a quote opens a quoted field only at its start). */
    let begun = false;
    /** Line breaks inside quotes so far in this record, and the 1-based line where the open quote opened. */
    let breaks = 0;
    let openedAt = this.line + 1;
    let quotedLines = 0;
    let quotedChars = 0;
    const unclosed = (): "unclosed" => {
      this.problems.push({
        line: openedAt,
        message: `citattecknet i ett fält på rad ${formatCount(openedAt)} stängs inte ${final && quotedLines <= MAX_QUOTED_LINES && quotedChars <= MAX_FIELD_CHARS ? "före filens slut" : `inom ${MAX_QUOTED_LINES} rader eller ${formatCount(MAX_FIELD_CHARS)} tecken`}: raden lästes med citattecknet som ett vanligt tecken. Ett " inuti ett fält inom citattecken skrivs "" i en CSV-fil.`,
      });
      return "unclosed";
    };
    let i = start;
    const n = text.length;
    while (i < n) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            quotedChars++;
            continue;
          }
          if (i + 1 >= n && !final) return undefined; // cannot tell "" from " yet
          inQuotes = false;
        } else {
          field += ch;
          if (ch === "\n") {
            breaks++;
            if (++quotedLines > MAX_QUOTED_LINES) return unclosed();
          }
          if (++quotedChars > MAX_FIELD_CHARS) return unclosed();
        }
        i++;
        continue;
      }
      if (ch === '"' && !begun) {
        inQuotes = true;
        begun = true;
        quotedLines = 0;
        quotedChars = 0;
        openedAt = this.line + 1 + breaks;
      } else if (ch === d) {
        row.push(field);
        field = "";
        begun = false;
      } else if (ch === "\n") {
        row.push(field.endsWith("\r") ? field.slice(0, -1) : field);
        return { row, next: i + 1, lines: 1 + breaks };
      } else {
        field += ch;
        begun = true;
      }
      i++;
    }
    if (!final) return undefined;
    if (inQuotes) return unclosed();
    row.push(field.endsWith("\r") ? field.slice(0, -1) : field);
    return { row, next: n, lines: 1 + breaks };
  }
}
