/**
 * Charts in a saved .xlsx. exceljs writes no charts, so the writer remembers the charts of the sheets it wrote
 * (`rememberCharts`) and `addCharts` adds them to the finished file: per chart `xl/charts/chartN.xml` (DrawingML
 * bar chart over the chart's data block, see `src/report/chartData.ts`), per sheet a drawing with one
 * twoCellAnchor per chart, the relationships, the sheet's `<drawing r:id>` and the content types. It reads the
 * package's own parts (workbook, relationships, content types) rather than assuming exceljs's names, so it works
 * on any valid .xlsx; a sheet that already has a drawing gets the charts added to it.
 *
 * A bridge is a stacked column chart (overlap 100) whose base series has no fill: Excel and LibreOffice alike draw
 * totals from zero and the steps floating on the running level (see `src/report/bridgeChart.ts`).
 */
import { createRequire } from "node:module";
import type JSZipType from "jszip";
import type ExcelJS from "exceljs";
import type { ChartData } from "../../report/chartData";
import { cellAddress } from "../../cells";

/**
 * A chart kept from the file as it was before this save: its anchor in the sheet's drawing and its chart part
 * (only charts without relationships of their own, such as Budgetkoll's).
 */
export interface KeptChart {
  readonly anchor: string;
  readonly xml: string;
}

/** The charts of one sheet, by its name in the workbook: written by this run, or kept from the file. */
export interface SheetCharts {
  readonly sheet: string;
  readonly charts: readonly ChartData[];
  readonly kept?: readonly KeptChart[];
}

/** Per workbook, every sheet the writer wrote (with no charts too: its old charts are gone with it). */
const remembered = new WeakMap<ExcelJS.Workbook, Map<string, SheetCharts>>();

/** Record the charts of a sheet the writer has just written. */
export function rememberCharts(wb: ExcelJS.Workbook, sheet: string, charts: readonly ChartData[]): void {
  let bySheet = remembered.get(wb);
  if (!bySheet) remembered.set(wb, (bySheet = new Map()));
  bySheet.set(sheet.toLowerCase(), { sheet, charts });
}

/** The charts the writer has written into `wb`, per sheet. */
export function chartsOf(wb: ExcelJS.Workbook): SheetCharts[] {
  return [...(remembered.get(wb)?.values() ?? [])].filter((s) => s.charts.length > 0);
}

/** Whether the writer wrote the sheet `sheet` of `wb` (then its charts are the ones it remembered). */
export function writtenByWriter(wb: ExcelJS.Workbook, sheet: string): boolean {
  return remembered.get(wb)?.has(sheet.toLowerCase()) ?? false;
}

/** A chart ready to be placed: its part, and its anchor given a shape id and the relationship to the part. */
interface Placed {
  readonly xml: string;
  readonly anchor: (id: number, relId: string) => string;
}

function placed(s: SheetCharts): Placed[] {
  return [
    ...s.charts.map((chart) => ({
      xml: chartXml(s.sheet, chart),
      anchor: (id: number, relId: string) => chartAnchor(chart, id, relId),
    })),
    ...(s.kept ?? []).map((k) => ({
      xml: k.xml,
      anchor: (id: number, relId: string) =>
        k.anchor
          .replace(/(<c:chart\b[^>]*\br:id=")[^"]*"/, `$1${relId}"`)
          .replace(/(<xdr:cNvPr\b[^>]*?\bid=")\d+"/, `$1${id}"`),
    })),
  ];
}

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
} as const;
const REL_TYPE = {
  drawing: `${NS.r}/drawing`,
  chart: `${NS.r}/chart`,
} as const;
const CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    if (e === "amp") return "&";
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** The attributes of one start tag, unescaped. */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = unescapeXml(m[2] ?? m[3]!);
  return out;
}

/** An absolute reference to a block of cells of `sheet`: 'Sammanfattning'!$H$6:$H$12. */
export function sheetRange(
  sheet: string,
  from: { row: number; column: number },
  to: { row: number; column: number },
): string {
  const abs = (r: number, c: number) => cellAddress(r, c).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const a = abs(from.row, from.column);
  const b = abs(to.row, to.column);
  return `'${sheet.replace(/'/g, "''")}'!${a === b ? a : `${a}:${b}`}`;
}

/** "FF1F4E78" -> "1F4E78". */
function rgb(argb: string): string {
  return argb.slice(-6).toUpperCase();
}

function strCache(values: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`)
    .join("")}</c:strCache>`;
}

function numCache(values: readonly number[], format: string): string {
  return `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)
    .join("")}</c:numCache>`;
}

/** Text properties: Calibri (as the sheets) at `size` hundredths of a point. */
function textProperties(size: number, bold = false): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="Calibri"/></a:defRPr></a:pPr><a:endParaRPr lang="sv-SE"/></a:p></c:txPr>`;
}

/**
 * The chart part (`c:chartSpace`) of one chart on `sheet`: a bar chart (columns or bars, clustered or stacked)
 * whose series take their names, categories and values from the chart's data block, with the values cached.
 */
export function chartXml(sheet: string, chart: ChartData): string {
  const { data } = chart;
  const first = data.row + 1;
  const last = data.row + data.rowCount - 1;
  const categories = sheetRange(sheet, { row: first, column: data.column }, { row: last, column: data.column });
  const stacked = chart.grouping === "stacked";
  const series = chart.series
    .map((s, i) => {
      const column = data.column + 1 + i;
      const fill =
        s.colour === undefined
          ? ""
          : s.colour === null
            ? "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            : `<c:spPr><a:solidFill><a:srgbClr val="${rgb(s.colour)}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${escapeXml(sheetRange(sheet, { row: data.row, column }, { row: data.row, column }))}</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
        `${fill}<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${escapeXml(categories)}</c:f>${strCache(chart.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeXml(sheetRange(sheet, { row: first, column }, { row: last, column }))}</c:f>${numCache(s.values, chart.numberFormat)}</c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join("");
  const column = chart.direction === "column";
  const [catPos, valPos] = column ? ["b", "l"] : ["l", "b"];
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="sv-SE" sz="1200" b="1"><a:latin typeface="Calibri"/></a:rPr><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:date1904 val="0"/><c:lang val="sv-SE"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${column ? "col" : "bar"}"/><c:grouping val="${chart.grouping}"/><c:varyColors val="0"/>` +
    series +
    `<c:gapWidth val="${stacked ? 50 : 150}"/>${stacked ? `<c:overlap val="100"/>` : ""}` +
    `<c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    // Category labels at the low end, so they stay readable under negative bars.
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="${column ? "minMax" : "maxMin"}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="low"/>${textProperties(900)}<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${valPos}"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${escapeXml(chart.numberFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/>${textProperties(900)}<c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    (chart.legend ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProperties(900)}</c:legend>` : "") +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    // A white chart area: the data block under the chart stays hidden.
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>` +
    `${textProperties(1000)}</c:chartSpace>`
  );
}

/** One chart's anchor in a drawing: from its first cell to the end of its last, pointing at the chart by `relId`. */
export function chartAnchor(chart: ChartData, id: number, relId: string): string {
  const marker = (tag: string, row: number, column: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor>${marker("from", chart.start.row, chart.start.column)}${marker("to", chart.end.row + 1, chart.end.column + 1)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="Diagram ${id}" descr="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/**
 * The parts of a new drawing `xl/drawings/drawing<drawing>.xml` holding `charts` of `sheet`, the charts numbered
 * from `firstChart`: the drawing, its relationships and the chart parts, each with its content type.
 */
export function drawingParts(
  sheet: string,
  charts: readonly ChartData[],
  drawing: number,
  firstChart: number,
): { path: string; files: [string, string][]; contentTypes: { part: string; type: string }[] } {
  return drawingPartsOf(placed({ sheet, charts }), drawing, firstChart);
}

function drawingPartsOf(
  charts: readonly Placed[],
  drawing: number,
  firstChart: number,
): { path: string; files: [string, string][]; contentTypes: { part: string; type: string }[] } {
  const path = `xl/drawings/drawing${drawing}.xml`;
  const files: [string, string][] = [];
  const contentTypes: { part: string; type: string }[] = [{ part: path, type: CONTENT_TYPE.drawing }];
  const rels: string[] = [];
  const anchors = charts.map((chart, i) => {
    const chartPath = `xl/charts/chart${firstChart + i}.xml`;
    files.push([chartPath, chart.xml]);
    contentTypes.push({ part: chartPath, type: CONTENT_TYPE.chart });
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_TYPE.chart}" Target="${relativePart(path, chartPath)}"/>`);
    return chart.anchor(i + 2, `rId${i + 1}`);
  });
  files.push(
    [path, emptyDrawing().replace("</xdr:wsDr>", `${anchors.join("")}</xdr:wsDr>`)],
    [relsPath(path), emptyRels().replace("</Relationships>", `${rels.join("")}</Relationships>`)],
  );
  return { path, files, contentTypes };
}

/** The worksheet's reference to its drawing; a worksheet has at most one, after its page setup. */
export function drawingElement(relId: string): string {
  return `<drawing r:id="${relId}"/>`;
}

function emptyDrawing(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`;
}

function emptyRels(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rels}"></Relationships>`;
}

/** The relationships of a part: Id -> { type, target }. */
function relationships(xml: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id) out.set(a.Id, { type: a.Type ?? "", target: a.Target ?? "" });
  }
  return out;
}

function addRelationship(xml: string, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  if (/<Relationships\b[^>]*\/>/.test(xml))
    return xml.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
  return xml.replace("</Relationships>", `${rel}</Relationships>`);
}

function freeId(used: Iterable<string>): string {
  const taken = new Set(used);
  let n = 1;
  while (taken.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** `target` of a relationship of the part `from` (a package path without leading slash) as a package path. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const p of target.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

/** `to` relative to the folder of the part `from`. */
function relativePart(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** Top-level children of <worksheet> that follow <drawing> (ECMA-376 CT_Worksheet's sequence). */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

/**
 * The worksheet's existing `<drawing r:id>` (its relationship id), or where a new one goes: scans the top-level
 * elements after `</sheetData>` (the cells, the bulk of the part, are never scanned).
 */
function drawingPlace(sheetXml: string): { existing?: string; insertAt: number } {
  const close = sheetXml.lastIndexOf("</sheetData>");
  const from =
    close >= 0 ? close + "</sheetData>".length : sheetXml.indexOf(">", sheetXml.search(/<(\w+:)?worksheet\b/)) + 1;
  let depth = 1;
  // A tag, its attribute values quoted (they may hold ">").
  const tag = /<(\/?)(?:[\w.-]+:)?([A-Za-z_][\w.-]*)((?:[^>"'/]|"[^"]*"|'[^']*'|\/(?!>))*)(\/?)>/g;
  tag.lastIndex = from;
  for (let m = tag.exec(sheetXml); m; m = tag.exec(sheetXml)) {
    const [text, closing, name, , selfClosing] = m;
    if (closing) {
      depth--;
      if (depth === 0) return { insertAt: m.index };
      continue;
    }
    if (depth === 1) {
      if (name === "drawing") return { existing: attributes(text)["r:id"], insertAt: m.index };
      if (AFTER_DRAWING.has(name!)) return { insertAt: m.index };
    }
    if (!selfClosing) depth++;
  }
  throw new Error("Bladets XML saknar sitt slut (</worksheet>).");
}

function nextNumber(zip: JSZipType, pattern: RegExp): () => number {
  let n = 0;
  zip.forEach((path) => {
    const m = pattern.exec(path);
    if (m) n = Math.max(n, Number(m[1]));
  });
  return () => ++n;
}

const load = createRequire(import.meta.url);
let jszip: typeof JSZipType | undefined;

/**
 * Add the charts to the .xlsx in `xlsx` (as exceljs wrote it, or any valid .xlsx); returns the new file. A sheet
 * named in `sheets` that the file does not hold is passed over (it was removed after it was written).
 */
export async function addCharts(xlsx: Uint8Array | ArrayBuffer, sheets: readonly SheetCharts[]): Promise<Uint8Array> {
  jszip ??= load("jszip") as typeof JSZipType;
  const zip = await jszip.loadAsync(xlsx);
  const read = async (path: string): Promise<string | undefined> => zip.file(path)?.async("string");
  let types = await read("[Content_Types].xml");
  const sheetPaths = await sheetPartsOf(zip);
  if (types === undefined || sheetPaths.size === 0)
    throw new Error("Filen saknar arbetsbokens delar (xl/workbook.xml, dess relationer eller [Content_Types].xml).");
  const nextChart = nextNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  const nextDrawing = nextNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
  const overrides: { part: string; type: string }[] = [];

  for (const entry of sheets) {
    const charts = placed(entry);
    const sheetPath = sheetPaths.get(entry.sheet.toLowerCase())?.path;
    const sheetXml = sheetPath === undefined ? undefined : await read(sheetPath);
    if (sheetPath === undefined || sheetXml === undefined || charts.length === 0) continue;
    const sheetRelsPath = relsPath(sheetPath);
    let sheetRels = (await read(sheetRelsPath)) ?? emptyRels();
    const place = drawingPlace(sheetXml);
    const existing = place.existing === undefined ? undefined : relationships(sheetRels).get(place.existing);
    if (!existing) {
      const parts = drawingPartsOf(charts, nextDrawing(), nextChart());
      for (let i = 1; i < charts.length; i++) nextChart();
      for (const [path, xml] of parts.files) zip.file(path, xml);
      overrides.push(...parts.contentTypes);
      const id = freeId(relationships(sheetRels).keys());
      sheetRels = addRelationship(sheetRels, id, REL_TYPE.drawing, relativePart(sheetPath, parts.path));
      let xml = `${sheetXml.slice(0, place.insertAt)}${drawingElement(id)}${sheetXml.slice(place.insertAt)}`;
      // The r: prefix is declared on the root by exceljs and Excel; declared here when a writer left it out.
      if (!/<(\w+:)?worksheet\b[^>]*xmlns:r=/.test(xml))
        xml = xml.replace(/<((\w+:)?worksheet)\b/, `<$1 xmlns:r="${NS.r}"`);
      zip.file(sheetPath, xml);
      zip.file(sheetRelsPath, sheetRels);
      continue;
    }
    // The sheet has a drawing already (a picture): the charts are added to it.
    const drawingPath = resolvePart(sheetPath, existing.target);
    let drawingXml = (await read(drawingPath)) ?? emptyDrawing();
    const drawingRelsPath = relsPath(drawingPath);
    let drawingRels = (await read(drawingRelsPath)) ?? emptyRels();
    let shapeId = Math.max(1, ...[...drawingXml.matchAll(/cNvPr\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1])));
    const anchors: string[] = [];
    for (const chart of charts) {
      const chartPath = `xl/charts/chart${nextChart()}.xml`;
      zip.file(chartPath, chart.xml);
      overrides.push({ part: chartPath, type: CONTENT_TYPE.chart });
      const id = freeId(relationships(drawingRels).keys());
      drawingRels = addRelationship(drawingRels, id, REL_TYPE.chart, relativePart(drawingPath, chartPath));
      anchors.push(chart.anchor(++shapeId, id));
    }
    drawingXml = /<(\w+:)?wsDr\b[^>]*\/>/.test(drawingXml)
      ? drawingXml.replace(/<((\w+:)?wsDr)\b([^>]*)\/>/, `<$1$3>${anchors.join("")}</$1>`)
      : drawingXml.replace(/<\/((\w+:)?wsDr)>/, `${anchors.join("")}</$1>`);
    zip.file(drawingPath, drawingXml);
    zip.file(drawingRelsPath, drawingRels);
  }
  if (overrides.length === 0) return xlsx instanceof ArrayBuffer ? new Uint8Array(xlsx) : xlsx;
  const entries = overrides.map((o) => `<Override PartName="/${escapeXml(o.part)}" ContentType="${o.type}"/>`);
  // Every part above has its relationships: their content type is declared by extension (exceljs always does).
  if (!/<Default\b[^>]*Extension="rels"/i.test(types))
    entries.unshift(`<Default Extension="rels" ContentType="${CONTENT_TYPE.rels}"/>`);
  types = types.replace("</Types>", `${entries.join("")}</Types>`);
  zip.file("[Content_Types].xml", types);
  // Deflate level 1, as the writer saves (parts that did not change keep their compressed bytes).
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

/** The package's sheets: name (lower case) -> the path of its part. */
async function sheetPartsOf(zip: JSZipType): Promise<Map<string, { name: string; path: string }>> {
  const workbookPath = "xl/workbook.xml";
  const workbook = await zip.file(workbookPath)?.async("string");
  const workbookRels = await zip.file(relsPath(workbookPath))?.async("string");
  const out = new Map<string, { name: string; path: string }>();
  if (workbook === undefined || workbookRels === undefined) return out;
  const rels = relationships(workbookRels);
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = rels.get(a["r:id"] ?? "")?.target;
    if (a.name && target) out.set(a.name.toLowerCase(), { name: a.name, path: resolvePart(workbookPath, target) });
  }
  return out;
}

/**
 * The charts of the sheets `keep` names in the file `xlsx` (the file as it was before this save): exceljs drops
 * every chart of a file it opens, so the charts of the sheets a run does not write again are carried over from
 * the old file. Only twoCellAnchor charts whose chart part has no relationships of its own are kept.
 */
export async function keptCharts(xlsx: Uint8Array, keep: (sheet: string) => boolean): Promise<SheetCharts[]> {
  jszip ??= load("jszip") as typeof JSZipType;
  // An old file that is no .xlsx (the save replaces it whole) has no charts to keep.
  const zip = await jszip.loadAsync(xlsx).catch(() => undefined);
  if (!zip || !Object.keys(zip.files).some((p) => p.startsWith("xl/charts/"))) return [];
  const read = async (path: string): Promise<string | undefined> => zip.file(path)?.async("string");
  const out: SheetCharts[] = [];
  for (const { name, path } of (await sheetPartsOf(zip)).values()) {
    if (!keep(name)) continue;
    const sheetXml = await read(path);
    const sheetRels = await read(relsPath(path));
    if (sheetXml === undefined || sheetRels === undefined) continue;
    const drawingId = drawingPlace(sheetXml).existing;
    const drawing = drawingId === undefined ? undefined : relationships(sheetRels).get(drawingId);
    if (!drawing) continue;
    const drawingPath = resolvePart(path, drawing.target);
    const drawingXml = await read(drawingPath);
    const drawingRels = relationships((await read(relsPath(drawingPath))) ?? emptyRels());
    if (drawingXml === undefined) continue;
    const kept: KeptChart[] = [];
    for (const [anchor] of drawingXml.matchAll(/<xdr:twoCellAnchor\b.*?<\/xdr:twoCellAnchor>/gs)) {
      const relId = /<c:chart\b[^>]*\br:id="([^"]+)"/.exec(anchor)?.[1];
      const target = relId === undefined ? undefined : drawingRels.get(relId)?.target;
      if (target === undefined) continue;
      const chartPath = resolvePart(drawingPath, target);
      const xml = await read(chartPath);
      if (xml !== undefined && !zip.file(relsPath(chartPath))) kept.push({ anchor, xml });
    }
    if (kept.length > 0) out.push({ sheet: name, charts: [], kept });
  }
  return out;
}
