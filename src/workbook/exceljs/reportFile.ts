/**
 * A new report file written directly as SpreadsheetML, without exceljs's per-cell objects: the command line's
 * report for 2,000 ansvar took 0.5-0.6 s through exceljs (its cell and style objects, its XML writer, its
 * JavaScript zip) against a few hundredths of a second here (docs/performance.md). Only for a file that does not
 * exist yet, so there is nothing of the user's to keep; a re-run into an existing report goes through exceljs
 * (`ExcelJsWriter`), which keeps the file's other sheets. The sheets are the same as `ExcelJsWriter` builds them
 * (writer.ts): the same cells, values, formulas with cached results, number formats, fonts, fills, tables,
 * frozen panes, outline levels, column widths, row heights and sign colours, and the same registry entry, so a
 * later run recognises the file as its own (a test writes both and compares). Layouts with sheet protection or
 * data validation (the templates) are left to exceljs: `directlyWritable` says which.
 */
import { createRequire } from "node:module";
import { deflateRawSync } from "node:zlib";
import { cellAddress, columnLetter, type CellValue } from "../../cells";
import { ownValue } from "../../core/records";
import {
  DEFAULT_TABLE_STYLE,
  FONT,
  SIGN_COLOURS,
  STYLE,
  isBoldRow,
  signColourThreshold,
  textRows,
  type ReportCell,
  type ReportRow,
  type SheetLayout,
  type TableLayout,
  type TextRole,
} from "../../report/layout";
import { REGISTRY_SHEET, fingerprintCells, registryValues, type CellContent } from "../../report/meta";
import { numberFormat } from "../../report/numberFormats";
import { excelJsCellValue } from "../safeText";
import { layoutProblems, WriteRefused } from "../writeChecks";
import { layoutCharts, type ChartData } from "../../report/chartData";
import { drawingElement, drawingParts } from "./charts";
import { columnWidths, headerLineCount, wrappedLineCount } from "./writer";

/** Whether the layouts can be written directly: no sheet protection and no data validation (the templates). */
export function directlyWritable(layouts: readonly SheetLayout[]): boolean {
  return layouts.every((l) => !l.protection && l.tables.every((t) => t.columns.every((c) => !c.validation)));
}

/** A cell's look, as the writer's style keys describe it. */
interface Look {
  readonly numFmt?: string;
  readonly bold?: boolean;
  readonly size?: number;
  readonly colour?: string;
  readonly italic?: boolean;
  readonly fill?: string;
  readonly vertical?: "top" | "middle";
  readonly wrap?: boolean;
  readonly indent?: number;
  readonly unlocked?: boolean;
}

interface Cell {
  readonly value: CellValue;
  readonly formula?: string;
  readonly style: number;
}

interface Row {
  readonly cells: Map<number, Cell>;
  height?: number;
  outline?: number;
}

/** Excel's built-in number formats the report uses (a custom format gets an id from 164 up). */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "@": 49 };

const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));

/** The workbook's styles: fonts, fills, number formats and cell formats, each written once. */
class Styles {
  private readonly fonts = new Map<string, number>();
  private readonly fills = new Map<string, number>([
    ['<patternFill patternType="none"/>', 0],
    ['<patternFill patternType="gray125"/>', 1],
  ]);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Map<string, number>();
  private readonly byLook = new Map<string, number>();

  constructor() {
    this.font({});
    this.id({});
  }

  private font(l: Look): number {
    const xml =
      `<font>${l.bold ? "<b/>" : ""}${l.italic ? "<i/>" : ""}<sz val="${l.size ?? FONT.size}"/>` +
      `${l.colour ? `<color rgb="${l.colour}"/>` : ""}<name val="${FONT.name}"/><family val="2"/></font>`;
    return intern(this.fonts, xml);
  }

  private format(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtIn = ownValue(BUILT_IN_FORMATS, code);
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }

  /** The cell format (`s`) of a look. */
  id(l: Look): number {
    const key = JSON.stringify(l);
    const known = this.byLook.get(key);
    if (known !== undefined) return known;
    const numFmtId = this.format(l.numFmt);
    const fontId = this.font(l);
    const fillId = l.fill
      ? intern(this.fills, `<patternFill patternType="solid"><fgColor rgb="${l.fill}"/></patternFill>`)
      : 0;
    const alignment =
      l.vertical || l.wrap || l.indent
        ? `<alignment${l.vertical ? ` vertical="${l.vertical === "middle" ? "center" : "top"}"` : ""}${l.wrap ? ' wrapText="1"' : ""}${l.indent ? ` indent="${l.indent}"` : ""}/>`
        : "";
    const protection = l.unlocked ? '<protection locked="0"/>' : "";
    const xml =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}` +
      `${alignment ? ' applyAlignment="1"' : ""}${protection ? ' applyProtection="1"' : ""}` +
      `${alignment || protection ? `>${alignment}${protection}</xf>` : "/>"}`;
    const id = intern(this.xfs, xml);
    this.byLook.set(key, id);
    return id;
  }

  xml(dxfs: readonly string[]): string {
    const list = (tag: string, items: Iterable<string>, count: number): string =>
      `<${tag} count="${count}">${[...items].join("")}</${tag}>`;
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
      (numFmts.length ? list("numFmts", numFmts, numFmts.length) : "") +
      list("fonts", this.fonts.keys(), this.fonts.size) +
      list(
        "fills",
        [...this.fills.keys()].map((f) => `<fill>${f}</fill>`),
        this.fills.size,
      ) +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs.keys(), this.xfs.size) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list("dxfs", dxfs, dxfs.length) +
      `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`
    );
  }
}

function intern(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size));
  return id;
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const TEXT_LOOK: Record<TextRole, Look> = {
  title: { size: STYLE.titleSize, bold: true },
  meta: { colour: STYLE.metaColour },
  instruction: { bold: true, italic: true },
  note: {},
};

/** One sheet as it will be written: its cells by row, column widths, conditional formats, tables. */
interface BuiltSheet {
  readonly layout: SheetLayout;
  readonly rows: Map<number, Row>;
  readonly widths: Map<number, number>;
  readonly conditional: string[];
  readonly tables: { readonly table: TableLayout; readonly rows: number; readonly id: number }[];
  /** The charts, drawn over their data blocks (src/report/chartData.ts), as in the exceljs writer's file. */
  readonly charts: readonly ChartData[];
}

class Book {
  readonly styles = new Styles();
  readonly strings = new Map<string, number>();
  readonly dxfs: string[] = [];
  tableCount = 0;

  string(text: string): number {
    return intern(this.strings, text);
  }

  dxf(colours: { font: string; fill: string }): number {
    this.dxfs.push(
      `<dxf><font><color rgb="${colours.font}"/></font><fill><patternFill patternType="solid"><bgColor rgb="${colours.fill}"/></patternFill></fill></dxf>`,
    );
    return this.dxfs.length - 1;
  }
}

function rowOf(sheet: { rows: Map<number, Row> }, r: number): Row {
  let row = sheet.rows.get(r);
  if (!row) sheet.rows.set(r, (row = { cells: new Map() }));
  return row;
}

/** The cell value as exceljs's writer stores it (text mended by safeText; a formula with its cached result). */
function cellOf(cell: ReportCell | undefined, style: number): Cell {
  if (cell?.formula !== undefined) return { value: cell.value, formula: cell.formula, style };
  return { value: excelJsCellValue(cell?.value ?? null), style };
}

function buildSheet(book: Book, layout: SheetLayout): BuiltSheet {
  const charts = layoutCharts(layout);
  const sheet: BuiltSheet = { layout, rows: new Map(), widths: new Map(), conditional: [], tables: [], charts };
  for (const t of textRows(layout))
    rowOf(sheet, t.row).cells.set(0, { value: excelJsCellValue(t.text), style: book.styles.id(TEXT_LOOK[t.role]) });
  for (const table of layout.tables) buildTable(book, sheet, table);
  // Each chart's data block, under the chart, in the sheets' font (as writer.ts).
  for (const chart of charts)
    for (const c of chart.cells) rowOf(sheet, c.row).cells.set(c.column, cellOf(c, book.styles.id(TEXT_LOOK.note)));
  return sheet;
}

function buildTable(book: Book, sheet: BuiltSheet, table: TableLayout): void {
  const rows: readonly ReportRow[] =
    table.rows.length > 0
      ? table.rows
      : [{ kind: "data", level: 0, cells: table.columns.map(() => ({ value: null })) }];
  const left = table.firstColumn;
  const header = rowOf(sheet, table.headerRow);
  const headerStyle = book.styles.id({
    bold: true,
    colour: STYLE.headerFont,
    fill: STYLE.headerFill,
    vertical: "middle",
    wrap: true,
  });
  const widths = columnWidths(table, rows);
  widths.forEach((w, j) => sheet.widths.set(left + j, Math.max(w, sheet.widths.get(left + j) ?? 0)));
  table.columns.forEach((c, j) => header.cells.set(left + j, { value: c.header, style: headerStyle }));
  header.height = 15 * headerLineCount(table, widths);
  const widthOf = (j: number): number => sheet.widths.get(left + j) ?? 10;
  // The cells of one look share their style id, found once per look (as writer.ts shares its style objects).
  const looks = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = rowOf(sheet, table.headerRow + 1 + i);
    if (r.outline) row.outline = r.outline;
    const lines = wrappedLineCount(table, r, widthOf);
    if (lines > 1) row.height = 15 * lines;
    const fill = r.kind === "total" ? STYLE.totalFill : r.kind === "subtotal" ? STYLE.subtotalFill : undefined;
    const bold = isBoldRow(r.kind);
    table.columns.forEach((c, j) => {
      const input = (r.cells[j]?.input ?? c.input) === true;
      const indent = c.indent && r.level > 0 ? r.level * STYLE.indentPerLevel : 0;
      const key = `${j}|${bold}|${indent}|${input}|${input ? "" : (fill ?? "")}`;
      let style = looks.get(key);
      if (style === undefined) {
        const fillArgb = input ? STYLE.inputFill : fill;
        style = book.styles.id({
          numFmt: numberFormat(c.type),
          bold,
          vertical: "top",
          ...(c.wrap ? { wrap: true } : {}),
          ...(indent > 0 ? { indent } : {}),
          ...(input ? { unlocked: true } : {}),
          ...(fillArgb ? { fill: fillArgb } : {}),
        });
        looks.set(key, style);
      }
      row.cells.set(left + j, cellOf(r.cells[j], style));
    });
  });
  const top = table.headerRow + 1; // 0-based first data row
  table.columns.forEach((c, j) => {
    if (!c.signColour) return;
    const letter = columnLetter(left + j);
    const t = signColourThreshold(c.type);
    // As writer.ts: "< -499.999999" is "<= -500" for amounts in whole kronor and öre.
    const limit = t > 0 ? t - 1e-6 : 0;
    sheet.conditional.push(
      `<conditionalFormatting sqref="${letter}${top + 1}:${letter}${top + rows.length}">` +
        `<cfRule type="cellIs" dxfId="${book.dxf(SIGN_COLOURS.deficit)}" priority="1" operator="lessThan"><formula>${String(-limit)}</formula></cfRule>` +
        `<cfRule type="cellIs" dxfId="${book.dxf(SIGN_COLOURS.surplus)}" priority="2" operator="greaterThan"><formula>${String(limit)}</formula></cfRule>` +
        `</conditionalFormatting>`,
    );
  });
  sheet.tables.push({ table, rows: rows.length, id: ++book.tableCount });
}

function valueXml(book: Book, ref: string, cell: Cell): string {
  const s = cell.style ? ` s="${cell.style}"` : "";
  const v = cell.value;
  if (cell.formula !== undefined) {
    const f = `<f>${escapeXml(cell.formula)}</f>`;
    if (v === null) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof v === "number") return `<c r="${ref}"${s}>${f}<v>${String(v)}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(v)}</v></c>`;
  }
  if (v === null || v === "") return `<c r="${ref}"${s}/>`;
  if (typeof v === "number")
    return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${String(v)}</v></c>` : `<c r="${ref}"${s}/>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${book.string(v)}</v></c>`;
}

function sheetXml(book: Book, sheet: BuiltSheet): string {
  const { layout } = sheet;
  const parts: string[] = [XML_HEAD, `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  // The registry sheet is plain (no page setup, no view), as exceljs writes it.
  const report = layout.name !== REGISTRY_SHEET;
  if (report)
    parts.push(
      `<sheetPr><outlinePr summaryBelow="${layout.outlineSummaryBelow === false ? 0 : 1}" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr>`,
    );
  const f = layout.freeze;
  if (f && (f.rows > 0 || f.columns > 0)) {
    const pane = f.rows > 0 && f.columns > 0 ? "bottomRight" : f.rows > 0 ? "bottomLeft" : "topRight";
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${f.columns > 0 ? ` xSplit="${f.columns}"` : ""}${f.rows > 0 ? ` ySplit="${f.rows}"` : ""}` +
        ` topLeftCell="${cellAddress(f.rows, f.columns)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`,
    );
  } else if (report) parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  let outline = 0;
  for (const r of sheet.rows.values()) outline = Math.max(outline, r.outline ?? 0);
  parts.push(`<sheetFormatPr defaultRowHeight="15"${outline ? ` outlineLevelRow="${outline}"` : ""}/>`);
  if (sheet.widths.size > 0)
    parts.push(
      `<cols>${[...sheet.widths]
        .sort((a, b) => a[0] - b[0])
        .map(([c, w]) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`)
        .join("")}</cols>`,
    );
  parts.push("<sheetData>");
  const letters: string[] = [];
  const letter = (c: number): string => (letters[c] ??= columnLetter(c));
  for (const r of [...sheet.rows.keys()].sort((a, b) => a - b)) {
    const row = sheet.rows.get(r)!;
    const n = r + 1;
    let xml = `<row r="${n}"`;
    if (row.height) xml += ` ht="${row.height}" customHeight="1"`;
    if (row.outline) xml += ` outlineLevel="${row.outline}"`;
    xml += ">";
    for (const c of [...row.cells.keys()].sort((a, b) => a - b))
      xml += valueXml(book, `${letter(c)}${n}`, row.cells.get(c)!);
    parts.push(`${xml}</row>`);
  }
  parts.push("</sheetData>", ...sheet.conditional);
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (report) parts.push('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  // The drawing's relationship follows the tables' (see reportFile).
  if (sheet.charts.length > 0) parts.push(drawingElement(`rId${sheet.tables.length + 1}`));
  if (sheet.tables.length > 0)
    parts.push(
      `<tableParts count="${sheet.tables.length}">${sheet.tables.map((_, i) => `<tablePart r:id="rId${i + 1}"/>`).join("")}</tableParts>`,
    );
  parts.push("</worksheet>");
  return parts.join("");
}

function tableXml(t: BuiltSheet["tables"][number]): string {
  const { table } = t;
  const ref = `${cellAddress(table.headerRow, table.firstColumn)}:${cellAddress(table.headerRow + t.rows, table.firstColumn + table.columns.length - 1)}`;
  const name = escapeXml(table.name);
  return (
    `${XML_HEAD}<table xmlns="${MAIN_NS}" id="${t.id}" name="${name}" displayName="${name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${table.columns.length}">` +
    table.columns.map((c, j) => `<tableColumn id="${j + 1}" name="${escapeXml(c.header)}"/>`).join("") +
    `</tableColumns><tableStyleInfo name="${escapeXml(table.style ?? DEFAULT_TABLE_STYLE)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** The fingerprint of a sheet as `ExcelJsWriter` takes it: of the cells as written (values and formulas). */
function fingerprintOf(sheet: { rows: Map<number, Row> }): string {
  const cells: CellContent[] = [];
  for (const [r, row] of sheet.rows)
    for (const [c, cell] of row.cells)
      if (cell.formula !== undefined) cells.push({ row: r, column: c, value: null, formula: cell.formula });
      else if (cell.value !== null) cells.push({ row: r, column: c, value: cell.value });
  return fingerprintCells(cells);
}

function registrySheet(book: Book, values: readonly (readonly CellValue[])[]): { rows: Map<number, Row> } {
  const sheet = { rows: new Map<number, Row>() };
  const text = book.styles.id({ numFmt: "@" });
  values.forEach((row, i) =>
    row.forEach((v, j) => rowOf(sheet, i).cells.set(j, { value: excelJsCellValue(v), style: text })),
  );
  return sheet;
}

let themeXml: string | undefined;

/** exceljs's default Office theme, which its own files carry: the table styles' colours come from it. */
function theme(): string {
  themeXml ??= (createRequire(import.meta.url)("exceljs/lib/xlsx/xml/theme1.js") as string) ?? "";
  return themeXml;
}

/**
 * The report file of `layouts` (a new .xlsx, zipped), with the registry of its sheets stamped `stamp`. Refuses,
 * like `ExcelJsWriter`, layouts Excel cannot take (`WriteRefused`).
 */
export function reportFile(layouts: readonly SheetLayout[], stamp: string): Uint8Array {
  const problems = layoutProblems(layouts, new Set());
  for (const l of layouts) {
    try {
      layoutCharts(l);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) throw new WriteRefused(problems);
  const book = new Book();
  const sheets = layouts.map((l) => buildSheet(book, l));
  const registry = registrySheet(
    book,
    registryValues(sheets.map((s) => ({ sheet: s.layout.name, fingerprint: fingerprintOf(s), written: stamp }))),
  );
  const registryLayout: SheetLayout = { name: REGISTRY_SHEET, title: "", meta: [], tables: [], notes: [] };
  const all: BuiltSheet[] = [
    ...sheets,
    { layout: registryLayout, rows: registry.rows, widths: new Map(), conditional: [], tables: [], charts: [] },
  ];
  const files: [string, string][] = [];
  const overrides: string[] = [];
  const sheetEntries: string[] = [];
  const workbookRels: string[] = [];
  let drawings = 0;
  let charts = 0;
  all.forEach((s, i) => {
    const n = i + 1;
    files.push([`xl/worksheets/sheet${n}.xml`, sheetXml(book, s)]);
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    const state = s.layout.name === REGISTRY_SHEET ? "veryHidden" : s.layout.hidden ? "hidden" : "visible";
    sheetEntries.push(
      `<sheet name="${escapeXml(s.layout.name)}" sheetId="${n}"${state === "visible" ? "" : ` state="${state}"`} r:id="rId${n}"/>`,
    );
    workbookRels.push(`<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    if (s.tables.length > 0 || s.charts.length > 0) {
      const rels = s.tables.map(
        (t, k) => `<Relationship Id="rId${k + 1}" Type="${REL_NS}/table" Target="../tables/table${t.id}.xml"/>`,
      );
      if (s.charts.length > 0) {
        const parts = drawingParts(s.layout.name, s.charts, ++drawings, charts + 1);
        charts += s.charts.length;
        files.push(...parts.files);
        for (const c of parts.contentTypes) overrides.push(`<Override PartName="/${c.part}" ContentType="${c.type}"/>`);
        rels.push(
          `<Relationship Id="rId${s.tables.length + 1}" Type="${REL_NS}/drawing" Target="../drawings/drawing${drawings}.xml"/>`,
        );
      }
      files.push([
        `xl/worksheets/_rels/sheet${n}.xml.rels`,
        `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`,
      ]);
      for (const t of s.tables) {
        files.push([`xl/tables/table${t.id}.xml`, tableXml(t)]);
        overrides.push(
          `<Override PartName="/xl/tables/table${t.id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
        );
      }
    }
  });
  const k = all.length;
  workbookRels.push(
    `<Relationship Id="rId${k + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rId${k + 2}" Type="${REL_NS}/theme" Target="theme/theme1.xml"/>`,
    `<Relationship Id="rId${k + 3}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
  );
  const strings = [...book.strings.keys()]
    .map((s) =>
      /^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${escapeXml(s)}</t></si>` : `<si><t>${escapeXml(s)}</t></si>`,
    )
    .join("");
  files.push(
    [
      "xl/sharedStrings.xml",
      `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${book.strings.size}" uniqueCount="${book.strings.size}">${strings}</sst>`,
    ],
    ["xl/styles.xml", book.styles.xml(book.dxfs)],
    ["xl/theme/theme1.xml", theme()],
    [
      "xl/workbook.xml",
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr defaultThemeVersion="164011"/><bookViews><workbookView/></bookViews><sheets>${sheetEntries.join("")}</sheets><calcPr calcId="171027"/></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${workbookRels.join("")}</Relationships>`,
    ],
    [
      "_rels/.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "[Content_Types].xml",
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
        `<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
        `${overrides.join("")}</Types>`,
    ],
  );
  // [Content_Types].xml first, as Office writes it.
  files.unshift(files.pop()!);
  return zip(files);
}

let crcTable: Int32Array | undefined;

/** CRC-32 of the zip format. */
function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** A zip header of `size` bytes and its writer (little-endian fields at byte offsets). */
function header(size: number): {
  bytes: Uint8Array;
  u16: (at: number, v: number) => void;
  u32: (at: number, v: number) => void;
} {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  return { bytes, u16: (at, v) => view.setUint16(at, v, true), u32: (at, v) => view.setUint32(at, v, true) };
}

/**
 * A zip of the files (deflate at level 1, as `saveWorkbook` asks of exceljs), names in UTF-8, every entry dated
 * 1980-01-01 (the format's first day: the same layouts give the same bytes).
 */
function zip(files: readonly (readonly [string, string])[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const date = (1 << 5) | 1;
  for (const [name, text] of files) {
    const data = encoder.encode(text);
    const deflated = deflateRawSync(data, { level: 1 });
    const packed = new Uint8Array(deflated.buffer, deflated.byteOffset, deflated.length);
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = header(30);
    local.u32(0, 0x04034b50);
    local.u16(4, 20);
    local.u16(6, 0x0800); // names in UTF-8
    local.u16(8, 8); // deflate
    local.u16(12, date);
    local.u32(14, crc);
    local.u32(18, packed.length);
    local.u32(22, data.length);
    local.u16(26, nameBytes.length);
    const entry = header(46);
    entry.u32(0, 0x02014b50);
    entry.u16(4, 20);
    entry.u16(6, 20);
    entry.u16(8, 0x0800);
    entry.u16(10, 8);
    entry.u16(14, date);
    entry.u32(16, crc);
    entry.u32(20, packed.length);
    entry.u32(24, data.length);
    entry.u16(28, nameBytes.length);
    entry.u32(42, offset);
    central.push(entry.bytes, nameBytes);
    chunks.push(local.bytes, nameBytes, packed);
    offset += 30 + nameBytes.length + packed.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = header(22);
  end.u32(0, 0x06054b50);
  end.u16(8, files.length);
  end.u16(10, files.length);
  end.u32(12, centralSize);
  end.u32(16, offset);
  const parts = [...chunks, ...central, end.bytes];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
