/**
 * The controller's workbook read without exceljs: its sheets' values straight from the zip's XML, as
 * `ExcelJsReader` gives them (the same values, used ranges, hidden rows, merged ranges and tables; a test reads
 * the same files both ways). exceljs builds an object per cell with its style first, which made reading a
 * 2,000-ansvar workbook of 0.3 MB cost more CPU than streaming a million ledger rows (docs/performance.md).
 * Only the plain cases are read here: a workbook with anything this reader does not know the way exceljs
 * reads it (the 1904 date system, a formula without a cached result, inline dates, escaped characters,
 * phonetic runs) throws `NotDirect`, and the caller reads it with exceljs instead.
 */
import { decodeRange, type CellValue } from "../../cells";
import { ownValue } from "../../core/records";
import type { SheetData, TableInfo } from "../types";
import { readEntry, workbookInput, type ZipEntry } from "./fileCheck";

/** The workbook holds something only exceljs reads as `ExcelJsReader` does. */
export class NotDirect extends Error {}

export interface DirectWorkbook {
  readonly sheets: readonly SheetData[];
  readonly tables: readonly { readonly info: TableInfo; readonly data: SheetData }[];
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (s.includes("_x")) throw new NotDirect("escaped character");
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ownValue(ENTITY, e) ?? m;
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

/** exceljs's test for a date format (utils.isDateFmt): any of y m d h M s b outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** Excel's built-in number formats that are dates or times (exceljs's default codes for these ids are). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** The cell formats (`s`) whose number format is a date, as exceljs decides it. */
function dateStyles(xml: string | undefined): Set<number> {
  const dates = new Set<number>();
  if (!xml) return dates;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g))
    custom.set(Number(attr(m[0], "numFmtId")), attr(m[0], "formatCode") ?? "");
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  let i = 0;
  for (const m of cellXfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], "numFmtId") ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id)) dates.add(i);
    i++;
  }
  return dates;
}

/** A 1900-system serial through a Date and back, as exceljs and `dateToExcelSerial` take it (to the millisecond). */
function viaDate(serial: number): number {
  return (Math.round((serial - 25569) * 86_400_000) + 25569 * 86_400_000) / 86_400_000;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  if (xml.includes("<rPh")) throw new NotDirect("phonetic runs");
  const out: string[] = [];
  for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
    let text = "";
    for (const t of (si[1] ?? "").matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += decodeXml(t[1]!);
    out.push(text);
  }
  return out;
}

/** The column (0-based) of a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    c = c * 26 + code - 64;
  }
  return c - 1;
}

interface ParsedSheet {
  /** Cells by 0-based row, then column. */
  readonly rows: Map<number, Map<number, CellValue>>;
  readonly hidden: Set<number>;
  readonly merged: string[];
}

function parseSheet(xml: string, strings: readonly string[], dates: ReadonlySet<number>): ParsedSheet {
  const rows = new Map<number, Map<number, CellValue>>();
  const hidden = new Set<number>();
  const rowRe = /<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;
  for (const row of xml.matchAll(rowRe)) {
    const r = attr(row[1]!, "r");
    if (r === undefined) throw new NotDirect("row without r");
    const n = Number(r) - 1;
    const h = attr(row[1]!, "hidden");
    if (h === "1" || h === "true") hidden.add(n);
    const cells = new Map<number, CellValue>();
    rows.set(n, cells);
    for (const cell of (row[3] ?? "").matchAll(cellRe)) {
      const a = cell[1]!;
      const ref = attr(a, "r");
      if (ref === undefined) throw new NotDirect("cell without r");
      const body = cell[3] ?? "";
      const t = attr(a, "t") ?? "n";
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const formula = body.includes("<f");
      let value: CellValue = null;
      if (t === "inlineStr") {
        let text = "";
        for (const x of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += decodeXml(x[1]!);
        value = text;
      } else if (v === undefined) {
        if (formula) throw new NotDirect("formula without a cached result");
        continue;
      } else if (t === "s") value = strings[Number(v)] ?? null;
      else if (t === "str" || t === "e") value = decodeXml(v);
      else if (t === "b") value = v === "1" || v === "true";
      else if (t === "n") {
        value = parseFloat(v);
        if (dates.has(Number(attr(a, "s") ?? 0))) value = viaDate(value);
      } else throw new NotDirect(`cell type ${t}`);
      if (value === null) continue;
      cells.set(columnOf(ref), value);
    }
  }
  const merged = [...xml.matchAll(/<mergeCell\b[^>]*>/g)].map((m) => attr(m[0], "ref") ?? "");
  return { rows, hidden, merged };
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The box of a range, 0-based. */
function boxOf(range: string): Box {
  const b = decodeRange(range);
  if (!b) throw new NotDirect(`range ${range}`);
  return b;
}

function overlaps(range: string, box: Box): boolean {
  const r = boxOf(range);
  return r.top <= box.bottom && r.bottom >= box.top && r.left <= box.right && r.right >= box.left;
}

function readBox(name: string, sheet: ParsedSheet, box: Box): SheetData {
  const width = box.right - box.left + 1;
  const values: CellValue[][] = [];
  const hiddenRows: number[] = [];
  // Cells under a merge (all but its top left) are null, as in Excel.
  const under = new Set<string>();
  for (const m of sheet.merged) {
    const b = boxOf(m);
    for (let r = b.top; r <= b.bottom; r++)
      for (let c = b.left; c <= b.right; c++) if (r !== b.top || c !== b.left) under.add(`${r},${c}`);
  }
  for (let r = box.top; r <= box.bottom; r++) {
    const line = new Array<CellValue>(width).fill(null);
    const cells = sheet.rows.get(r);
    if (cells) {
      if (sheet.hidden.has(r)) hiddenRows.push(r);
      for (const [c, v] of cells)
        if (c >= box.left && c <= box.right && !under.has(`${r},${c}`)) line[c - box.left] = v;
    } else if (sheet.hidden.has(r)) hiddenRows.push(r);
    values.push(line);
  }
  return {
    sheet: name,
    origin: { row: box.top, column: box.left },
    values,
    hiddenRows,
    merged: sheet.merged.filter((m) => overlaps(m, box)),
  };
}

/** The used range: every cell with a value, and every cell under a merge (exceljs counts those as cells). */
function usedBox(sheet: ParsedSheet): Box | undefined {
  let box: Box | undefined;
  const add = (r: number, c: number): void => {
    if (!box) box = { top: r, left: c, bottom: r, right: c };
    else {
      box.top = Math.min(box.top, r);
      box.bottom = Math.max(box.bottom, r);
      box.left = Math.min(box.left, c);
      box.right = Math.max(box.right, c);
    }
  };
  for (const [r, cells] of sheet.rows) for (const c of cells.keys()) add(r, c);
  for (const m of sheet.merged) {
    const b = boxOf(m);
    if (b.right > b.left) add(b.top, b.left + 1);
    if (b.bottom > b.top) add(b.top + 1, b.left);
    if (b.right > b.left || b.bottom > b.top) add(b.bottom, b.right);
  }
  return box;
}

/** A relationship file's targets by id, resolved against `base` (the folder of the part that has them). */
function relationships(xml: string | undefined, base: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of (xml ?? "").matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], "Target") ?? "";
    const parts = (target.startsWith("/") ? target.slice(1) : `${base}${target}`).split("/");
    const path: string[] = [];
    for (const p of parts)
      if (p === "..") path.pop();
      else if (p !== ".") path.push(p);
    out.set(attr(m[0], "Id") ?? "", { type: attr(m[0], "Type") ?? "", target: path.join("/") });
  }
  return out;
}

/** Every worksheet of the workbook in `path` as values, with its tables; throws `NotDirect` (see above). */
export function readWorkbookDirect(path: string): DirectWorkbook {
  // The checks exceljs's path makes (file, limits, case-only duplicate sheet names); rows or cells without their
  // `r` attribute are repaired for exceljs, and left to it.
  const { checked, repaired } = workbookInput(path);
  if (repaired) throw new NotDirect("cells without r");
  const entries = new Map<string, ZipEntry>(checked.entries.map((e) => [e.name, e]));
  const text = (name: string): string | undefined => {
    const e = entries.get(name);
    return e ? readEntry(path, e).toString("utf8") : undefined;
  };
  const workbook = checked.workbookXml;
  if (/<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook)) throw new NotDirect("1904 dates");
  const rels = relationships(text("xl/_rels/workbook.xml.rels"), "xl/");
  const part = (type: string): string | undefined => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(type));
    return rel ? text(rel.target) : undefined;
  };
  const strings = sharedStrings(part("/sharedStrings"));
  const dates = dateStyles(part("/styles"));
  const sheets: SheetData[] = [];
  const tables: { info: TableInfo; data: SheetData }[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name") ?? "";
    const rel = rels.get(attr(m[0], "r:id") ?? "");
    if (!rel || !rel.type.endsWith("/worksheet")) continue;
    const xml = text(rel.target);
    if (xml === undefined) throw new NotDirect(`sheet ${name} missing`);
    const parsed = parseSheet(xml, strings, dates);
    const box = usedBox(parsed);
    sheets.push(
      box
        ? readBox(name, parsed, box)
        : { sheet: name, origin: { row: 0, column: 0 }, values: [], hiddenRows: [], merged: parsed.merged },
    );
    const folder = rel.target.slice(0, rel.target.lastIndexOf("/") + 1);
    const file = rel.target.slice(rel.target.lastIndexOf("/") + 1);
    const sheetRels = relationships(text(`${folder}_rels/${file}.rels`), folder);
    for (const part of xml.matchAll(/<tablePart\b[^>]*>/g)) {
      const t = sheetRels.get(attr(part[0], "r:id") ?? "");
      const tableXml = t ? text(t.target) : undefined;
      const head = tableXml ? /<table\b[^>]*>/.exec(tableXml)?.[0] : undefined;
      const ref = head ? attr(head, "ref") : undefined;
      const tableName = head ? attr(head, "name") : undefined;
      if (!ref || !tableName) throw new NotDirect(`table of ${name}`);
      tables.push({ info: { name: tableName, sheet: name, range: ref }, data: readBox(name, parsed, boxOf(ref)) });
    }
  }
  return { sheets, tables };
}
