/**
 * A SIE file read as decoded lines, in chunks. SIE prescribes `#FORMAT PC8`: IBM PC 8-bit, codepage 437
 * (å = 0x86, ä = 0x84, ö = 0x94, Å = 0x8F, Ä = 0x8E, Ö = 0x99, é = 0x82). Some programs write UTF-8 or
 * Windows-1252 anyway, with or without saying so. The encoding is decided at the first byte above 0x7F (until
 * then every encoding reads the same): valid UTF-8 is UTF-8; else #FORMAT PC8 is codepage 437; a file that
 * names no format is read as whichever of codepage 437 and Windows-1252 its Swedish letters fit, with a warning.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { chooseEncoding, decodeCp437, FORMAT_LINE, type EncodingChoice } from "../sieText";

export { chooseEncoding, decodeCp437, encodeCp437, type EncodingChoice, type SieEncoding } from "../sieText";

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
