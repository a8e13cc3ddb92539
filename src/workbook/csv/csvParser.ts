/**
 * A small streaming CSV parser for ledger extracts: semicolon, comma or tab separated (the first line decides),
 * quoted fields with "" as an escaped quote, quoted line breaks, CRLF or LF. Pure: text chunks in, rows out.
 * Swedish exports use ";" because "," is the decimal comma; the fields stay text and are parsed by the readers.
 */

export type CsvDelimiter = ";" | "," | "\t";

/** The separator of a header line: the one of ; , tab that occurs most often outside quotes (ties: ";"). */
export function detectDelimiter(line: string): CsvDelimiter {
  const outside = line.replace(/"[^"]*"/g, "");
  const count = (d: string): number => outside.split(d).length - 1;
  const candidates: CsvDelimiter[] = [";", "\t", ","];
  let best: CsvDelimiter = ";";
  for (const d of candidates) if (count(d) > count(best)) best = d;
  return best;
}

export class CsvParser {
  private delimiter: CsvDelimiter | undefined;
  /** Text after the last complete line of the previous chunk. */
  private rest = "";
  private first = true;

  constructor(delimiter?: CsvDelimiter) {
    this.delimiter = delimiter;
  }

  /** Feed a chunk of text; returns the rows completed by it. */
  push(chunk: string): string[][] {
    let text = this.rest + chunk;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const rows: string[][] = [];
    const end = this.parse(text, rows, false);
    this.rest = text.slice(end);
    return rows;
  }

  /** The last row when the text does not end with a line break. */
  end(): string[][] {
    const rows: string[][] = [];
    if (this.rest.length > 0) this.parse(this.rest, rows, true);
    this.rest = "";
    return rows;
  }

  /** Parse complete lines of `text` into `rows`; returns where the unfinished tail starts. */
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
        rows.push(line.split(this.delimiter));
        pos = nl + 1;
        continue;
      }
      const quoted = this.parseQuoted(text, pos, final);
      if (quoted === undefined) return pos; // a quoted field runs past this chunk
      rows.push(quoted.row);
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
    for (let start = 0; start < n; ) {
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
      rows.push(fields);
      start = nl + 1;
    }
    return n;
  }

  /** Character by character from `start` to the end of the record (which may span lines inside quotes). */
  private parseQuoted(text: string, start: number, final: boolean): { row: string[]; next: number } | undefined {
    const d = this.delimiter!;
    const row: string[] = [];
    let field = "";
    let inQuotes = false;
    let i = start;
    const n = text.length;
    while (i < n) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= n && !final) return undefined; // cannot tell "" from " yet
          inQuotes = false;
        } else field += ch;
        i++;
        continue;
      }
      if (ch === '"') inQuotes = true;
      else if (ch === d) {
        row.push(field);
        field = "";
      } else if (ch === "\n") {
        row.push(field.endsWith("\r") ? field.slice(0, -1) : field);
        return { row, next: i + 1 };
      } else field += ch;
      i++;
    }
    if (!final) return undefined;
    row.push(field.endsWith("\r") ? field.slice(0, -1) : field);
    return { row, next: n };
  }
}
