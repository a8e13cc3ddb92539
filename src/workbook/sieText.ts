/**
 * The encodings of a SIE file, pure (bytes in, text out): read by the command line's file reader (sie/sieFile.ts)
 * and by the task pane on a file the user picks. SIE prescribes `#FORMAT PC8`: IBM PC 8-bit, codepage 437
 * (å = 0x86, ä = 0x84, ö = 0x94, Å = 0x8F, Ä = 0x8E, Ö = 0x99, é = 0x82); some programs write UTF-8 or
 * Windows-1252 anyway, with or without saying so.
 */
export type SieEncoding = "cp437" | "utf-8" | "windows-1252";

/** Codepage 437, bytes 0x80-0xFF. */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

const UTF16 = new TextDecoder("utf-16le");
const CP437_CODES = Uint16Array.from(CP437_HIGH, (c) => c.charCodeAt(0));

/** Bytes as codepage 437 text. */
export function decodeCp437(bytes: Uint8Array): string {
  // Each byte to its UTF-16 code unit, then one decode (fast in node and the browser alike).
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = b < 0x80 ? b : CP437_CODES[b - 0x80]!;
  }
  return UTF16.decode(codes);
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

/** The #FORMAT a file declares, among its first (ASCII) lines. */
export const FORMAT_LINE = /^[ \t]*#FORMAT[ \t]+"?([^\s"]+)/im;

/**
 * A whole SIE file's bytes as text (a file the user picks in the task pane), in the encoding `chooseEncoding`
 * finds from the bytes and the file's #FORMAT; `choice` is undefined when the file is all ASCII.
 */
export function decodeSieBytes(bytes: Uint8Array): { text: string; choice?: EncodingChoice } {
  const high = bytes.findIndex((b) => b >= 0x80);
  if (high < 0) return { text: decodeCp437(bytes) };
  const declared = FORMAT_LINE.exec(decodeCp437(bytes.subarray(0, high)))?.[1];
  const choice = chooseEncoding(bytes, declared);
  const text =
    choice.encoding === "cp437"
      ? decodeCp437(bytes)
      : new TextDecoder(choice.encoding, { ignoreBOM: false }).decode(bytes);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, choice };
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
