/**
 * Read a CSV file in chunks, as batches of rows. ERP exports (Raindance, Visma) are often Windows-1252 rather
 * than UTF-8: the first chunk decides (a UTF-8 byte-order mark or valid UTF-8 means UTF-8).
 */
import { createReadStream } from "node:fs";
import { CsvParser, type CsvDelimiter } from "./csvParser";

function pickEncoding(first: Uint8Array): "utf-8" | "windows-1252" {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return "utf-8";
  // A multi-byte character may be cut at the chunk's end: check all but the last 3 bytes.
  const head = first.subarray(0, Math.max(0, first.length - 3));
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

export async function* readCsvFile(path: string, delimiter?: CsvDelimiter): AsyncGenerator<string[][]> {
  const parser = new CsvParser(delimiter);
  let decoder: TextDecoder | undefined;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    const bytes = new Uint8Array((chunk as Buffer).buffer, (chunk as Buffer).byteOffset, (chunk as Buffer).length);
    decoder ??= new TextDecoder(pickEncoding(bytes));
    const rows = parser.push(decoder.decode(bytes, { stream: true }));
    if (rows.length > 0) yield rows;
  }
  const tail = parser.push(decoder?.decode() ?? "");
  const last = parser.end();
  if (tail.length + last.length > 0) yield [...tail, ...last];
}
