/**
 * A SIE file read as decoded lines, in chunks. SIE prescribes `#FORMAT PC8`: IBM PC 8-bit, codepage 437
 * (å = 0x86, ä = 0x84, ö = 0x94, Å = 0x8F, Ä = 0x8E, Ö = 0x99, é = 0x82). Some programs write UTF-8 or
 * Windows-1252 anyway, with or without saying so. The encoding is decided at the first byte above 0x7F (until
 * then every encoding reads the same): valid UTF-8 is UTF-8; else #FORMAT PC8 is codepage 437; a file that
 * names no format is read as whichever of codepage 437 and Windows-1252 its Swedish letters fit, with a warning.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";

export type SieEncoding = "cp437" | "utf-8" | "windows-1252";

/** Codepage 437, bytes 0x80-0xFF. */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

/** Bytes as codepage 437 text. */
export function decodeCp437(bytes: Uint8Array): string {
  const latin = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  return /[\x80-\xff]/.test(latin) ? latin.replace(/[\x80-\xff]/g, (c) => CP437_HIGH[c.charCodeAt(0) - 0x80]!) : latin;
}

/** Whether the bytes are valid UTF-8 (the last 3 are left out: a character may be cut at a chunk's end). */
function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/** Swedish letters as codepage 437 bytes, and as Windows-1252 bytes. */
const CP437_LETTERS = new Set([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82, 0x81, 0x9a]);
const CP1252_LETTERS = new Set([0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9, 0xfc, 0xdc]);

export interface EncodingChoice {
  readonly encoding: SieEncoding;
  /** Why, in Swedish, when the file's own #FORMAT did not decide it: for a warning. */
  readonly doubt?: string;
}

/**
 * The encoding of a SIE file from the bytes of its first chunk with a byte above 0x7F, and the #FORMAT it
 * declared (undefined: none). Pure.
 */
export function chooseEncoding(bytes: Uint8Array, declared: string | undefined): EncodingChoice {
  const pc8 = declared?.toUpperCase() === "PC8";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      encoding: "utf-8",
      ...(pc8 ? { doubt: "filen anger #FORMAT PC8 men börjar med en UTF-8-markering: läst som UTF-8." } : {}),
    };
  }
  let high = false;
  for (let i = 0; i < bytes.length && !high; i++) high = bytes[i]! >= 0x80;
  if (high && validUtf8(bytes)) {
    return {
      encoding: "utf-8",
      ...(pc8
        ? {
            doubt: "filen anger #FORMAT PC8 men dess tecken är UTF-8: läst som UTF-8; kontrollera å, ä och ö i namnen.",
          }
        : {}),
    };
  }
  if (pc8) return { encoding: "cp437" };
  let cp437 = 0;
  let cp1252 = 0;
  for (const b of bytes) {
    if (CP437_LETTERS.has(b)) cp437++;
    else if (CP1252_LETTERS.has(b)) cp1252++;
  }
  const encoding: SieEncoding = cp1252 > cp437 ? "windows-1252" : "cp437";
  const what =
    declared === undefined
      ? "filen anger ingen teckenkodning (#FORMAT)"
      : `filen anger #FORMAT ${declared}, som inte är SIE:s PC8`;
  return {
    encoding,
    doubt: `${what}: läst som ${encoding === "cp437" ? "PC8 (teckentabell 437)" : "Windows-1252"} efter dess å, ä och ö; kontrollera namnen.`,
  };
}

const FORMAT_LINE = /^[ \t]*#FORMAT[ \t]+"?([^\s"]+)/im;

export interface SieLines {
  /** Lines in order; the first has number 1. */
  readonly batches: AsyncGenerator<string[]>;
  /** The encoding used and any doubt about it, known once the batches are read. */
  readonly encoding: () => EncodingChoice | undefined;
}

/** The lines of a SIE file, decoded, in batches (64 KB chunks). */
export function readSieLines(path: string): SieLines {
  let choice: EncodingChoice | undefined;
  let declared: string | undefined;
  async function* batches(): AsyncGenerator<string[]> {
    let rest = "";
    let utf8: TextDecoder | undefined;
    let first = true;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
      const buffer = chunk as Buffer;
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
      let text: string;
      if (choice === undefined) {
        // ASCII reads the same in every encoding: decide at the first byte above 0x7F (or a UTF-8 BOM).
        const ascii = bytes.every((b) => b < 0x80);
        if (ascii) {
          text = buffer.toString("latin1");
          declared ??= FORMAT_LINE.exec(rest + text)?.[1];
        } else {
          declared ??= FORMAT_LINE.exec(rest + buffer.toString("latin1"))?.[1];
          choice = chooseEncoding(bytes, declared);
          if (choice.encoding !== "cp437")
            utf8 = new TextDecoder(choice.encoding === "utf-8" ? "utf-8" : "windows-1252");
          text = utf8 ? utf8.decode(bytes, { stream: true }) : decodeCp437(bytes);
        }
      } else text = utf8 ? utf8.decode(bytes, { stream: true }) : decodeCp437(bytes);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const lines = (rest + text).split("\n");
      rest = lines.pop()!;
      if (lines.length > 0) yield lines;
    }
    rest += utf8?.decode() ?? "";
    if (rest.length > 0) yield [rest];
  }
  return { batches: batches(), encoding: () => choice };
}

/**
 * Whether a file is SIE by its content: its first record is a SIE label and #FLAGGA or #SIETYP is among the
 * first records (a .txt or .csv export may be SIE under another name).
 */
export async function isSieFile(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = Buffer.from(head.buffer, 0, bytesRead)
      .toString("latin1")
      .replace(/^\ufeff|^\xef\xbb\xbf/, "");
    return /^\s*#[A-Z]+/.test(text) && /^[ \t]*#(FLAGGA|SIETYP)\b/m.test(text);
  } finally {
    await handle.close();
  }
}

/** Text as codepage 437 bytes (a SIE file as `#FORMAT PC8` prescribes); a character outside it becomes "?". */
export function encodeCp437(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else {
      const at = CP437_HIGH.indexOf(text[i]!);
      out[i] = at < 0 ? 0x3f : 0x80 + at;
    }
  }
  return out;
}
