/**
 * What a file is, read from its first bytes and its zip directory before any library parses it: an .xlsx, or
 * something else named so (an encrypted workbook, an old .xls, an .ods, a truncated or empty file, not a
 * spreadsheet at all), each refused with a Swedish sentence naming the file. And the limits a controller's
 * workbook never meets and a hostile one always does, checked from the zip directory before any work: the
 * decompressed size, the packing ratio, and the rows a sheet says it has. docs/security.md lists them.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";
import * as zlib from "node:zlib";
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** zlib.crc32 (node 20.15 and later; the installed typings are older). */
const crc32 = (zlib as unknown as { crc32?(data: Uint8Array): number }).crc32 ?? softCrc32;

let crcTable: Uint32Array | undefined;
function softCrc32(data: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Everything decompressed: a 1,000,000-row ledger sheet is about 250 MB of XML. */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/** An entry larger than this is refused when it is packed more than MAX_PACKING_RATIO times. */
export const RATIO_CHECKED_ABOVE_BYTES = 32 * 1024 * 1024;
/** Excel's XML packs 5-30 times; a zip bomb thousands of times. */
export const MAX_PACKING_RATIO = 100;
/** Excel's own limit of rows on a sheet. */
export const MAX_SHEET_ROWS = 1_048_576;
/** Cells of a workbook (by the sheets' stated dimensions, and as streamed). */
export const MAX_CELLS = 50_000_000;

/** A file the program will not read, with the Swedish sentence saying why and what it seems to be. */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableFile";
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly crc: number;
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const fmt = (n: number): string => Math.round(n).toLocaleString("sv-SE").replace(/\s/g, " ");
const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024)} MB`;

/** Bytes of a file (Buffer's typings and this TypeScript's Uint8Array disagree: the casts say they are one). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const n = readSync(fd, buffer as unknown as Uint8Array, 0, length, position);
  return buffer.subarray(0, n);
}

const bytesOf = (b: Buffer): Uint8Array => b as unknown as Uint8Array;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The entries of a zip's central directory, or why there are none ("notZip", "truncated"). */
export function readZipDirectory(path: string): ZipEntry[] | "notZip" | "truncated" {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    if (!startsWith(bytesOf(readAt(fd, 0, 4)), [0x50, 0x4b, 0x03, 0x04])) return "notZip";
    // The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KiB.
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return "truncated";
    let count = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    // Zip64: the real figures are in the zip64 end record the locator points to.
    if (dirOffset === 0xffffffff || count === 0xffff) {
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) return "truncated";
      const zip64 = readAt(fd, Number(tail.readBigUInt64LE(locator + 8)), 56);
      if (zip64.length < 56 || zip64.readUInt32LE(0) !== 0x06064b50) return "truncated";
      count = Number(zip64.readBigUInt64LE(32));
      dirSize = Number(zip64.readBigUInt64LE(40));
      dirOffset = Number(zip64.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size || dirSize > 64 * 1024 * 1024) return "truncated";
    const dir = readAt(fd, dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) return "truncated";
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      let compressedSize = dir.readUInt32LE(p + 20);
      let uncompressed = dir.readUInt32LE(p + 24);
      const crc = dir.readUInt32LE(p + 16);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      let localOffset = dir.readUInt32LE(p + 42);
      const name = dir.toString("utf8", p + 46, p + 46 + nameLength);
      // Zip64 extra field: the 64-bit sizes, in this order, for the fields that are 0xffffffff.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = dir.readUInt16LE(e);
        const length = dir.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const next = (): number => {
            const v = q + 8 <= e + 4 + length ? Number(dir.readBigUInt64LE(q)) : 0;
            q += 8;
            return v;
          };
          if (uncompressed === 0xffffffff) uncompressed = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localOffset === 0xffffffff) localOffset = next();
        }
        e += 4 + length;
      }
      entries.push({
        name,
        method,
        encrypted: (flags & 1) === 1,
        compressedSize,
        size: uncompressed,
        localOffset,
        crc,
      });
      p = extraEnd + commentLength;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/** The first `max` bytes of an entry, decompressed (for a sheet's <dimension> or workbook.xml). */
export function readEntryHead(path: string, entry: ZipEntry, max: number): string {
  const fd = openSync(path, "r");
  try {
    const local = readAt(fd, entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return "";
    const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = readAt(fd, start, Math.min(entry.compressedSize, Math.max(max, 64 * 1024)));
    if (entry.method === 0) return data.subarray(0, max).toString("utf8");
    if (entry.method !== 8) return "";
    // Longer and longer prefixes of the packed data, each unpacked to at most `max` bytes (a cut stream gives
    // what it has): the last that fits is the head.
    let head = "";
    for (let length = 256; ; length *= 4) {
      const slice = data.subarray(0, Math.min(length, data.length));
      try {
        head = inflateRawSync(bytesOf(slice), { finishFlush: 2, maxOutputLength: max }).toString("utf8");
      } catch {
        break;
      }
      if (slice.length === data.length) break;
    }
    return head;
  } finally {
    closeSync(fd);
  }
}

/** What a file that is not a zip seems to be, by its first bytes. */
function notZipWhat(path: string): string {
  const fd = openSync(path, "r");
  try {
    const head = readAt(fd, 0, 8);
    if (startsWith(bytesOf(head), CFB_SIGNATURE)) {
      // An encrypted .xlsx is a compound file with an EncryptedPackage stream; an old .xls has a Workbook stream.
      const body = readAt(fd, 0, 4 * 1024 * 1024);
      if (body.includes("EncryptedPackage", 0, "utf16le"))
        return "en lösenordsskyddad (krypterad) arbetsbok: ta bort lösenordet i Excel (Arkiv > Info > Skydda arbetsbok) och spara igen";
      return "en äldre Excel-fil (.xls): öppna den i Excel och spara som Excel-arbetsbok (.xlsx)";
    }
    if (startsWith(bytesOf(head), [0x25, 0x50, 0x44, 0x46])) return "en PDF, inte ett kalkylblad";
    const text = readAt(fd, 0, 512).toString("latin1");
    if (/^\s*<(\?xml|html|!doctype)/i.test(text))
      return "en XML- eller HTML-fil, inte en Excel-arbetsbok: öppna den i Excel och spara som .xlsx";
    // eslint-disable-next-line no-control-regex -- control characters are what tells a binary file from text
    if (/[;,\t]/.test(text.split("\n")[0] ?? "") && !/[\x00-\x08]/.test(text))
      return "en textfil (CSV), inte en Excel-arbetsbok: ge den ändelsen .csv, eller spara den som .xlsx i Excel";
    return "inget kalkylblad";
  } finally {
    closeSync(fd);
  }
}

/** The rows and columns a sheet's <dimension ref="A1:D1000"> states, or undefined. */
export function statedDimension(head: string): { rows: number; columns: number } | undefined {
  const m = /<dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"/.exec(head);
  if (!m) return undefined;
  const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [, c1, r1, c2 = c1!, r2 = r1!] = m;
  return { rows: Math.abs(Number(r2) - Number(r1)) + 1, columns: Math.abs(col(c2) - col(c1!)) + 1 };
}

/** The checked directory of an .xlsx: its entries and what they decompress to. */
export interface CheckedWorkbook {
  readonly entries: readonly ZipEntry[];
  /** Bytes of all entries decompressed. */
  readonly uncompressed: number;
  /** The sheet names in workbook.xml (for the report file's own-check). */
  readonly workbookXml: string;
}

/**
 * Check that `path` is an .xlsx within the limits, before exceljs reads it: throws UnreadableFile with a Swedish
 * sentence naming the file and what it seems to be, or the limit it passes.
 */
export function checkWorkbookFile(path: string): CheckedWorkbook {
  const name = basename(path);
  const refuse = (what: string): never => {
    throw new UnreadableFile(
      `Filen ${name} går inte att läsa som en Excel-arbetsbok (.xlsx): den ser ut att vara ${what}.`,
    );
  };
  const size = statSync(path).size;
  if (size === 0) refuse("tom (0 byte): spara arbetsboken på nytt från Excel");
  const dir = readZipDirectory(path);
  if (dir === "notZip") refuse(notZipWhat(path));
  if (dir === "truncated")
    refuse("avkortad, t.ex. av en avbruten kopiering eller nedladdning: hämta eller spara filen på nytt");
  const entries = dir as ZipEntry[];
  const names = new Set(entries.map((e) => e.name));
  if (names.has("mimetype") && (names.has("content.xml") || [...names].some((n) => n.startsWith("META-INF/"))))
    refuse("ett OpenDocument-kalkylblad (.ods): spara det som Excel-arbetsbok (.xlsx) i LibreOffice eller Excel");
  if (names.has("xl/workbook.bin")) refuse("en binär Excel-arbetsbok (.xlsb): spara den som Excel-arbetsbok (.xlsx)");
  if (!names.has("xl/workbook.xml"))
    refuse(
      names.has("word/document.xml")
        ? "ett Word-dokument"
        : names.has("ppt/presentation.xml")
          ? "en PowerPoint-presentation"
          : "en zip-fil utan arbetsbok",
    );
  if (entries.some((e) => e.encrypted)) refuse("en lösenordsskyddad zip-fil: spara arbetsboken utan lösenord");
  const limit = (what: string): never => {
    throw new UnreadableFile(
      `Filen ${name} läses inte: ${what} Så stor blir ingen arbetsbok för budgetuppföljning; kontrollera att det är rätt fil.`,
    );
  };
  const uncompressed = entries.reduce((sum, e) => sum + e.size, 0);
  if (uncompressed > MAX_UNCOMPRESSED_BYTES)
    limit(`den packas upp till ${mb(uncompressed)}, mer än gränsen ${mb(MAX_UNCOMPRESSED_BYTES)}.`);
  for (const e of entries) {
    if (e.size > RATIO_CHECKED_ABOVE_BYTES && e.size > MAX_PACKING_RATIO * Math.max(1, e.compressedSize)) {
      limit(
        `delen ${e.name} packas upp ${fmt(e.size / Math.max(1, e.compressedSize))} gånger (till ${mb(e.size)}), mer än gränsen ${MAX_PACKING_RATIO} gånger som Excels filer håller sig långt under.`,
      );
    }
  }
  let cells = 0;
  for (const e of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
    const dim = statedDimension(readEntryHead(path, e, 4096));
    if (!dim) continue;
    if (dim.rows > MAX_SHEET_ROWS)
      limit(`bladet i ${e.name} säger sig ha ${fmt(dim.rows)} rader, fler än Excels gräns ${fmt(MAX_SHEET_ROWS)}.`);
    cells += dim.rows * dim.columns;
  }
  if (cells > MAX_CELLS) limit(`bladen säger sig ha ${fmt(cells)} celler, fler än gränsen ${fmt(MAX_CELLS)}.`);
  const workbook = entries.find((e) => e.name === "xl/workbook.xml")!;
  return { entries, uncompressed, workbookXml: readEntryHead(path, workbook, 1024 * 1024) };
}

/** The sheet names workbook.xml lists (entities decoded), in order. */
export function sheetNamesOf(workbookXml: string): string[] {
  const decode = (s: string): string =>
    s.replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e as "lt"],
    );
  return [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) => decode(m[1]!));
}

/** Whether a sheet's XML has a row or a cell without its `r` attribute (optional in the format; exceljs needs it). */
export function lacksCellRefs(xml: string): boolean {
  return /<row(?![^>]*\sr=")[\s>/]/.test(xml) || /<c(?![^>]*\sr=")[\s>/]/.test(xml);
}

const columnLetters = (n: number): string => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/**
 * The sheet's XML with every row and cell given its `r`: a row without one follows the row before it, a cell
 * without one the cell before it (as the format says). One pass over the tags.
 */
export function withCellRefs(xml: string): string {
  let row = 0;
  let column = 0;
  return xml.replace(
    /<(row|c)(\s[^>]*?)?(\/?)>/g,
    (tag: string, name: string, attrs: string | undefined, close: string) => {
      const a = attrs ?? "";
      const r = /\sr="([^"]*)"/.exec(a)?.[1];
      if (name === "row") {
        row = r !== undefined && /^\d+$/.test(r) ? Number(r) : row + 1;
        column = 0;
        return r !== undefined ? tag : `<row r="${row}"${a}${close}>`;
      }
      const m = r === undefined ? undefined : /^([A-Z]+)\d+$/.exec(r);
      column = m ? [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : column + 1;
      return r !== undefined ? tag : `<c r="${columnLetters(column)}${row}"${a}${close}>`;
    },
  );
}

/** A zip rebuilt from `path` with some entries' content replaced (the others copied packed as they are). */
function rebuildZip(path: string, entries: readonly ZipEntry[], replace: ReadonlyMap<string, Buffer>): Buffer {
  const fd = openSync(path, "r");
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  try {
    for (const e of entries) {
      const local = readAt(fd, e.localOffset, 30);
      const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const name = Buffer.from(e.name, "utf8");
      const replaced = replace.get(e.name);
      const data = replaced ? deflateRawSync(bytesOf(replaced)) : readAt(fd, start, e.compressedSize);
      const method = replaced ? 8 : e.method;
      const size = replaced ? replaced.length : e.size;
      const crc = replaced ? crc32(bytesOf(replaced)) : e.crc;
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(0x0800, 6);
      header.writeUInt16LE(method, 8);
      header.writeUInt32LE(crc >>> 0, 14);
      header.writeUInt32LE(data.length, 18);
      header.writeUInt32LE(size, 22);
      header.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(0x0800, 8);
      central.writeUInt16LE(method, 10);
      central.writeUInt32LE(crc >>> 0, 16);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      locals.push(header, name, data);
      centrals.push(central, name);
      offset += 30 + name.length + data.length;
    }
  } finally {
    closeSync(fd);
  }
  const dirSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end].map(bytesOf));
}

/** A whole entry, decompressed (for the sheets repaired by `withCellRefs`; they passed the size limits). */
export function readEntry(path: string, entry: ZipEntry): Buffer {
  const fd = openSync(path, "r");
  try {
    const local = readAt(fd, entry.localOffset, 30);
    const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = readAt(fd, start, entry.compressedSize);
    return entry.method === 8 ? inflateRawSync(bytesOf(data), { maxOutputLength: Math.max(1, entry.size) }) : data;
  } finally {
    closeSync(fd);
  }
}

/**
 * The workbook to hand to exceljs: checked (`checkWorkbookFile`), with the case-only duplicate sheet names
 * refused, and as a repaired copy in memory when a sheet's rows or cells lack their `r` attribute.
 */
export function workbookInput(path: string): { readonly checked: CheckedWorkbook; readonly repaired?: Buffer } {
  const checked = checkWorkbookFile(path);
  const names = sheetNamesOf(checked.workbookXml);
  const seen = new Map<string, string>();
  for (const n of names) {
    const first = seen.get(n.toLowerCase());
    if (first !== undefined)
      throw new UnreadableFile(
        `Filen ${basename(path)} går inte att läsa: bladen "${first}" och "${n}" har samma namn så när som på stora och små bokstäver, vilket Excel inte tillåter. Byt namn på det ena bladet i Excel (eller i programmet som skrev filen).`,
      );
    seen.set(n.toLowerCase(), n);
  }
  const sheets = checked.entries.filter(
    (e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name) && lacksCellRefs(readEntryHead(path, e, 64 * 1024)),
  );
  if (sheets.length === 0) return { checked };
  const replace = new Map(
    sheets.map((e) => [e.name, Buffer.from(withCellRefs(readEntry(path, e).toString("utf8")), "utf8")]),
  );
  return { checked, repaired: rebuildZip(path, checked.entries, replace) };
}

/** What the zip in `path` says its entries unpack to (0 when it is no zip: the checks say what it is). */
export function unpackedBytes(path: string): number {
  const dir = readZipDirectory(path);
  return typeof dir === "string" ? 0 : dir.reduce((sum, e) => sum + e.size, 0);
}
