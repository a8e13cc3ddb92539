/**
 * Read a CSV file in chunks, as batches of rows. ERP exports (Raindance, Visma) are often Windows-1252 rather
 * than UTF-8. The first chunk guesses (a UTF-8 byte-order mark or valid UTF-8 means UTF-8), and every later chunk
 * is checked against the guess: a byte that is not UTF-8 in a file read as UTF-8, or a UTF-8 Swedish letter in a
 * file read as Windows-1252, restarts the reading (`EncodingContradiction`: the caller reads again with
 * `encoding` set). A file that holds both is read line by line, each line in the encoding it is valid in, and
 * the caller is told which lines were read how (`CsvEncoding.mixed`).
 */
import { createReadStream } from "node:fs";
import {
  CsvParser,
  pickEncoding,
  utf8Fatal,
  type CsvDelimiter,
  type CsvEncodingName,
  type CsvProblem,
} from "../csvParser";

export { pickEncoding, type CsvEncodingName };

/** How a file is decoded: one encoding, or line by line ("mixed"). */
export type CsvEncodingChoice = CsvEncodingName | "mixed";

/** A batch of rows with the 1-based line each starts on, and the problems met while reading them. */
export interface CsvBatch {
  readonly rows: string[][];
  readonly lines: number[];
  readonly problems: CsvProblem[];
}

/** What a mixed file's lines were read as: counts and the first lines of each. */
export interface MixedEncoding {
  readonly utf8Lines: number[];
  readonly windows1252Lines: number[];
  utf8Count: number;
  windows1252Count: number;
}

/** Thrown by `readCsvRecords` when a later chunk contradicts the encoding guessed from the first. */
export class EncodingContradiction extends Error {
  constructor(
    /** What to read the file as again. */
    readonly encoding: CsvEncodingChoice,
    /** The 1-based line (approximately: of the chunk) where the contradiction showed. */
    readonly line: number,
  ) {
    super(`encoding contradicted at line ${line}: read again as ${encoding}`);
    this.name = "EncodingContradiction";
  }
}

/**
 * What makes a file read as Windows-1252 doubtful: bytes 0x80-0x9F that Windows-1252 leaves undefined (0x81,
 * 0x8D, 0x8F, 0x90, 0x9D) or that a Swedish ledger hardly holds as Windows-1252 but that are å ä ö Å Ä Ö é ü in
 * codepage 437 (PC8, the SIE files' and old DOS programs' encoding): 0x86 0x84 0x94 0x8F 0x8E 0x99 0x82 0x81.
 * Bytes 0x80 (€), 0x91-0x93 and 0x96-0x97 (quotes, dashes) are what Windows-1252 texts do hold.
 */
const DOUBTFUL_1252 = new Set([0x81, 0x82, 0x84, 0x86, 0x8d, 0x8e, 0x8f, 0x90, 0x94, 0x99, 0x9d]);

/** Where a file read as Windows-1252 first holds a doubtful byte (see `DOUBTFUL_1252`), and which bytes. */
export interface EncodingDoubt {
  line?: number;
  readonly bytes: number[];
}

/** The first doubtful byte of a chunk read as Windows-1252, with the line it is on (`line`: the chunk's first). */
function noteDoubt(bytes: Uint8Array, line: number, doubt: EncodingDoubt): void {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80 || b > 0x9f || !DOUBTFUL_1252.has(b)) continue;
    if (doubt.line === undefined) {
      let n = line;
      for (let j = bytes.indexOf(10); j >= 0 && j < i; j = bytes.indexOf(10, j + 1)) n++;
      doubt.line = n;
    }
    if (!doubt.bytes.includes(b)) doubt.bytes.push(b);
    if (doubt.bytes.length >= 5) return;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * A UTF-8 encoded letter of Swedish or a neighbouring language (å ä ö é ü ...: 0xC3 then 0x80-0xBF): read as
 * Windows-1252 it shows as "Ã¥". A Windows-1252 text has "Ã" followed by such a byte almost never.
 */
function hasUtf8Letter(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xc3); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0xc3, i + 1)) {
    const next = bytes[i + 1]!;
    if (next >= 0x80 && next <= 0xbf) return true;
  }
  return false;
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** Decodes a file line by line, each line as UTF-8 when it is valid UTF-8 with a non-ASCII letter, else as Windows-1252. */
class LineDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private line = 0;
  private readonly cp1252 = new TextDecoder("windows-1252");

  constructor(readonly mixed: MixedEncoding) {}

  decode(bytes: Uint8Array, final: boolean): string {
    const all = this.pending.length > 0 ? concat(this.pending, bytes) : bytes;
    const parts: string[] = [];
    let start = 0;
    for (let nl = all.indexOf(10); nl >= 0; nl = all.indexOf(10, start)) {
      parts.push(this.one(all.subarray(start, nl + 1)));
      start = nl + 1;
    }
    this.pending = all.slice(start);
    if (final && this.pending.length > 0) {
      parts.push(this.one(this.pending));
      this.pending = new Uint8Array(0);
    }
    return parts.join("");
  }

  private one(line: Uint8Array): string {
    this.line++;
    if (!hasHighBytes(line)) return this.cp1252.decode(line);
    try {
      const text = utf8Fatal().decode(line);
      this.mixed.utf8Count++;
      if (this.mixed.utf8Lines.length < 5) this.mixed.utf8Lines.push(this.line);
      return text;
    } catch {
      this.mixed.windows1252Count++;
      if (this.mixed.windows1252Lines.length < 5) this.mixed.windows1252Lines.push(this.line);
      return this.cp1252.decode(line);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The rows of a CSV file in batches, with their lines and the parser's problems. `encoding` unset: guessed from
 * the first chunk and checked on every later one (`EncodingContradiction` when contradicted); "mixed": line by
 * line, what each line was read as counted in `mixed`.
 */
export async function* readCsvRecords(
  path: string,
  options: {
    readonly delimiter?: CsvDelimiter;
    readonly encoding?: CsvEncodingChoice;
    readonly mixed?: MixedEncoding;
    /** Filled in when the file is read as Windows-1252 and holds bytes that make that doubtful. */
    readonly doubt?: EncodingDoubt;
  } = {},
): AsyncGenerator<CsvBatch> {
  const parser = new CsvParser(options.delimiter);
  let encoding: CsvEncodingChoice | undefined = options.encoding;
  /** Whether the encoding was only guessed (so a later chunk may contradict it). */
  const guessed = encoding === undefined;
  let decoder: TextDecoder | undefined;
  let lineDecoder: LineDecoder | undefined;
  let sawUtf8Letters = false;
  let line = 1;
  /** Lines counted for the doubt's line number when the encoding was given (the guess counts them anyway). */
  let doubtLine = 1;
  const check = utf8Fatal();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    const bytes = new Uint8Array((chunk as Buffer).buffer, (chunk as Buffer).byteOffset, (chunk as Buffer).length);
    if (encoding === undefined) encoding = pickEncoding(bytes);
    if (guessed && encoding === "utf-8") {
      try {
        check.decode(bytes, { stream: true });
      } catch {
        throw new EncodingContradiction(sawUtf8Letters ? "mixed" : "windows-1252", line);
      }
      if (!sawUtf8Letters && hasHighBytes(bytes)) sawUtf8Letters = true;
    } else if (guessed && encoding === "windows-1252" && hasUtf8Letter(bytes)) {
      throw new EncodingContradiction("mixed", line);
    }
    let text: string;
    if (encoding === "mixed") {
      lineDecoder ??= new LineDecoder(
        options.mixed ?? { utf8Lines: [], windows1252Lines: [], utf8Count: 0, windows1252Count: 0 },
      );
      text = lineDecoder.decode(bytes, false);
    } else {
      decoder ??= new TextDecoder(encoding);
      text = decoder.decode(bytes, { stream: true });
      if (encoding === "windows-1252" && options.doubt && options.doubt.bytes.length < 5) {
        noteDoubt(bytes, guessed ? line : doubtLine, options.doubt);
        if (!guessed) doubtLine += countLines(bytes);
      }
    }
    if (guessed) line += countLines(bytes);
    const rows = parser.push(text);
    const lines = parser.rowLines;
    const problems = parser.takeProblems();
    if (rows.length > 0 || problems.length > 0) yield { rows, lines, problems };
  }
  if (guessed && encoding === "utf-8") {
    try {
      check.decode();
    } catch {
      throw new EncodingContradiction(sawUtf8Letters ? "mixed" : "windows-1252", line);
    }
  }
  const tail = parser.push(lineDecoder ? lineDecoder.decode(new Uint8Array(0), true) : (decoder?.decode() ?? ""));
  const tailLines = parser.rowLines;
  const last = parser.end();
  const lastLines = parser.rowLines;
  const problems = parser.takeProblems();
  if (tail.length + last.length + problems.length > 0)
    yield { rows: [...tail, ...last], lines: [...tailLines, ...lastLines], problems };
}
