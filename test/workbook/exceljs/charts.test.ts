/**
 * The charts in the .xlsx the exceljs writer saves (exceljs writes none; src/workbook/exceljs/charts.ts adds them to
 * the finished file): the Herrljunga 2021 bridge as stacked columns over an invisible base, the variance per
 * verksamhet as clustered columns, each series reading the cells of its data block, the package well formed
 * (xmllint) and consistent (every relationship and content type pointing at a part that is there), and the file
 * opened again by exceljs.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIDGE_COLOURS } from "../../../src/report/bridgeChart";
import { buildPrognosisSheet, PROGNOSIS_SHEET } from "../../../src/report/prognosisSheet";
import { buildSummarySheet, SUMMARY_SHEET } from "../../../src/report/summarySheet";
import { addCharts, keptCharts } from "../../../src/workbook/exceljs/charts";
import { reportFile } from "../../../src/workbook/exceljs/reportFile";
import { openWorkbook, saveWorkbook, workbookBuffer } from "../../../src/workbook/exceljs/file";
import { ExcelJsWriter } from "../../../src/workbook/exceljs/writer";
import { HERRLJUNGA_META, herrljungaPrognosis } from "../../report/herrljunga";
import { chartData } from "../../../src/report/chartData";

const layouts = () => [
  buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META),
  buildSummarySheet(herrljungaPrognosis(), HERRLJUNGA_META),
];

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-charts-"));
let zip: JSZip;
let bytes: Uint8Array;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Indata").getCell("A1").value = "indata";
  await new ExcelJsWriter(wb, () => "2021-09-10T08:00:00").writeSheets(layouts(), { onEdited: "fail" });
  bytes = await workbookBuffer(wb);
  zip = await JSZip.loadAsync(bytes);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = async (path: string): Promise<string> => {
  const file = zip.file(path);
  if (!file) throw new Error(`${path} saknas`);
  return file.async("string");
};

/** The relationships of a part: Id -> absolute target. */
async function rels(part: string): Promise<Map<string, { type: string; target: string }>> {
  const i = part.lastIndexOf("/");
  const xml = await text(`${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`);
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<Relationship Id="([^"]+)" Type="([^"]+)" Target="([^"]+)"/g)) {
    const base = part.split("/").slice(0, -1);
    for (const p of m[3]!.split("/")) {
      if (p === "..") base.pop();
      else base.push(p);
    }
    out.set(m[1]!, { type: m[2]!.split("/").pop()!, target: base.join("/") });
  }
  return out;
}

/** The chart parts of a sheet, following workbook -> sheet -> drawing -> chart. */
async function chartsOfSheet(sheet: string): Promise<{ drawing: string; charts: string[] }> {
  const workbook = await text("xl/workbook.xml");
  const id = new RegExp(`<sheet [^>]*name="${sheet}"[^>]* r:id="([^"]+)"`).exec(workbook)![1]!;
  const sheetPart = (await rels("xl/workbook.xml")).get(id)!.target;
  const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(await text(sheetPart))![1]!;
  const drawing = (await rels(sheetPart)).get(drawingId)!;
  expect(drawing.type).toBe("drawing");
  const charts = [...(await rels(drawing.target)).values()];
  expect(charts.every((c) => c.type === "chart")).toBe(true);
  return { drawing: drawing.target, charts: await Promise.all(charts.map((c) => text(c.target))) };
}

interface Series {
  name: string;
  nameRef: string;
  fill: string;
  categoriesRef: string;
  valuesRef: string;
  values: number[];
}

function series(chartXml: string): Series[] {
  return [...chartXml.matchAll(/<c:ser>(.*?)<\/c:ser>/g)].map(([, s]) => ({
    name: /<c:tx><c:strRef><c:f>[^<]*<\/c:f><c:strCache><c:ptCount val="1"\/><c:pt idx="0"><c:v>([^<]*)</.exec(s!)![1]!,
    nameRef: /<c:tx><c:strRef><c:f>([^<]*)</.exec(s!)![1]!.replace(/&apos;/g, "'"),
    fill: /<c:spPr>(.*?)<\/c:spPr>/.exec(s!)?.[1] ?? "",
    categoriesRef: /<c:cat><c:strRef><c:f>([^<]*)</.exec(s!)![1]!.replace(/&apos;/g, "'"),
    valuesRef: /<c:val><c:numRef><c:f>([^<]*)</.exec(s!)![1]!.replace(/&apos;/g, "'"),
    values: [.../<c:numCache>(.*?)<\/c:numCache>/.exec(s!)![1]!.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) =>
      Number(m[1]),
    ),
  }));
}

/** The values of the cells a reference like 'Sammanfattning'!$M$9:$M$15 names, read back by exceljs. */
function cellsOf(wb: ExcelJS.Workbook, ref: string): (string | number)[] {
  const m = /^'(.+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref)!;
  const ws = wb.getWorksheet(m[1]!.replace(/''/g, "'"))!;
  const out: (string | number)[] = [];
  for (let r = Number(m[3]); r <= Number(m[5] ?? m[3]); r++) {
    const cell = ws.getCell(`${m[2]}${r}`);
    // exceljs leaves a result of 0 out of the value object; `cell.result` has it.
    out.push((cell.formula ? cell.result : cell.value) as string | number);
  }
  return out;
}

describe("the exceljs writer's file has the report's charts", () => {
  it("the bridge on Sammanfattning: stacked columns, overlap 100, an invisible base, totals from zero", async () => {
    const { charts } = await chartsOfSheet(SUMMARY_SHEET);
    expect(charts).toHaveLength(1);
    const xml = charts[0]!;
    expect(xml).toContain('<c:barDir val="col"/><c:grouping val="stacked"/>');
    expect(xml).toContain('<c:overlap val="100"/>');
    expect(xml).toContain("<a:t>Från budget till prognos (tkr)</a:t>");
    // A bridge names its steps on the axis: no legend.
    expect(xml).not.toContain("<c:legend>");
    const s = series(xml);
    expect(s.map((x) => x.name)).toEqual(["Bas", "Summa", "Ökning", "Minskning"]);
    expect(s[0]!.fill).toBe("<a:noFill/><a:ln><a:noFill/></a:ln>");
    const solid = (argb: string) => `<a:solidFill><a:srgbClr val="${argb.slice(2)}"/></a:solidFill>`;
    expect(s[1]!.fill).toContain(solid(BRIDGE_COLOURS.total));
    expect(s[2]!.fill).toContain(solid(BRIDGE_COLOURS.rise));
    expect(s[3]!.fill).toContain(solid(BRIDGE_COLOURS.fall));
    // Herrljunga 2021: budget 216 123 tkr; Förvaltningsledning -1 450, IFO +2 050, Vård och omsorg -2 400,
    // Socialt stöd +1 800 (prognos - budget); the forecast 216 123 tkr. Totals stand on zero (base 0).
    expect(s.map((x) => x.values)).toEqual([
      [0, 216_123_000, 214_673_000, 214_673_000, 214_323_000, 214_323_000, 0],
      [216_123_000, 0, 0, 0, 0, 0, 216_123_000],
      [0, 0, 0, 2_050_000, 0, 1_800_000, 0],
      [0, 0, 1_450_000, 0, 2_400_000, 0, 0],
    ]);
    // The data block right of the bridge table (K:O from row 8), the chart over it.
    expect(s.map((x) => x.nameRef)).toEqual([
      "'Sammanfattning'!$L$8",
      "'Sammanfattning'!$M$8",
      "'Sammanfattning'!$N$8",
      "'Sammanfattning'!$O$8",
    ]);
    expect(s.map((x) => x.valuesRef)).toEqual([
      "'Sammanfattning'!$L$9:$L$15",
      "'Sammanfattning'!$M$9:$M$15",
      "'Sammanfattning'!$N$9:$N$15",
      "'Sammanfattning'!$O$9:$O$15",
    ]);
    expect(new Set(s.map((x) => x.categoriesRef))).toEqual(new Set(["'Sammanfattning'!$K$9:$K$15"]));

    // The references name the cells that hold these values, in the file as exceljs reads it back.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(cellsOf(back, s[0]!.categoriesRef)).toEqual([
      "Budget helår",
      "Nämnd",
      "Förvaltningsledning",
      "Individ och familjeomsorg",
      "Vård och omsorg",
      "Socialt stöd",
      "Prognos helår",
    ]);
    for (const x of s) {
      expect(cellsOf(back, x.nameRef)).toEqual([x.name]);
      expect(cellsOf(back, x.valuesRef)).toEqual(x.values);
    }
    // The categories follow the bridge table: formulas into its step column.
    expect(back.getWorksheet(SUMMARY_SHEET)!.getCell("K9").value).toMatchObject({
      formula: "H9",
      result: "Budget helår",
    });
  });

  it("the variance per verksamhet on Prognos per ansvar: clustered columns reading the table's subtotals", async () => {
    const { charts, drawing } = await chartsOfSheet(PROGNOSIS_SHEET);
    expect(charts).toHaveLength(1);
    const xml = charts[0]!;
    expect(xml).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(xml).toContain("<a:t>Avvikelse helår per verksamhet (tkr)</a:t>");
    expect(xml).toContain('<c:legend><c:legendPos val="b"/>');
    const [s] = series(xml);
    expect(s!.name).toBe("Avvikelse helår");
    // The five verksamheter of Herrljunga 2021, full-year variance (budget - prognos) in kronor.
    expect(s!.values).toEqual([0, 1_450_000, -2_050_000, 2_400_000, -1_800_000]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(cellsOf(back, s!.categoriesRef)).toEqual([
      "Nämnd",
      "Förvaltningsledning",
      "Individ och familjeomsorg",
      "Vård och omsorg",
      "Socialt stöd",
    ]);
    expect(cellsOf(back, s!.valuesRef)).toEqual(s!.values);
    // The block's values are formulas into the table's "Avvikelse helår" column (I): the subtotal rows.
    const block = /^'.+'!\$([A-Z]+)\$(\d+)/.exec(s!.valuesRef)!;
    expect(back.getWorksheet(PROGNOSIS_SHEET)!.getCell(`${block[1]}${block[2]}`).value).toMatchObject({
      formula: "I8",
    });
    // Anchored from its first cell over 8 columns and 15 rows.
    const anchor = await text(drawing);
    expect(anchor).toMatch(
      /<xdr:from><xdr:col>14<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>5<\/xdr:row><xdr:rowOff>0<\/xdr:rowOff><\/xdr:from><xdr:to><xdr:col>22<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>20<\/xdr:row>/,
    );
  });

  it("a well-formed, consistent package: xmllint accepts every part, every target and content type is there", async () => {
    const parts = Object.keys(zip.files).filter((p) => !zip.files[p]!.dir);
    for (const p of parts.filter((x) => /\.(xml|rels)$/.test(x))) {
      const file = join(dir, "part.xml");
      writeFileSync(file, await text(p));
      expect(() => execFileSync("xmllint", ["--noout", file], { stdio: "pipe" }), p).not.toThrow();
    }
    const types = await text("[Content_Types].xml");
    const overrides = [...types.matchAll(/<Override PartName="\/([^"]+)" ContentType="([^"]+)"/g)];
    for (const [, part] of overrides) expect(parts, part).toContain(part);
    const typeOf = new Map(overrides.map(([, p, t]) => [p!, t!]));
    for (const p of parts.filter((x) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(x)))
      expect(typeOf.get(p), p).toBe(
        p.startsWith("xl/charts/")
          ? "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
          : "application/vnd.openxmlformats-officedocument.drawing+xml",
      );
    for (const p of parts.filter((x) => x.endsWith(".rels") && x !== "_rels/.rels")) {
      const part = p.replace(/_rels\/([^/]+)\.rels$/, "$1");
      for (const r of (await rels(part)).values()) expect(parts, `${p} -> ${r.target}`).toContain(r.target);
    }
    // The worksheet's elements in the schema's order: <drawing> after pageSetup, before tableParts.
    const summaryXml = await text("xl/worksheets/sheet3.xml");
    expect(summaryXml).toMatch(/<pageSetup [^>]*\/><drawing r:id="rId\d+"\/><tableParts /);
  });

  it("re-opens with exceljs, unedited, and a second save writes the charts once", async () => {
    const path = join(dir, "report.xlsx");
    writeFileSync(path, bytes);
    const wb = await openWorkbook(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Indata", PROGNOSIS_SHEET, SUMMARY_SHEET, "Budgetkoll_meta"]);
    const writer = new ExcelJsWriter(wb);
    await expect(writer.editedSheets([PROGNOSIS_SHEET, SUMMARY_SHEET])).resolves.toEqual([]);
    await writer.writeSheets(layouts(), { onEdited: "fail" });
    await saveWorkbook(wb, path);
    const again = await JSZip.loadAsync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(again.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(2);
    expect(Object.keys(again.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))).toHaveLength(2);
  });

  it("adds a chart to any valid file: a sheet whose name needs quoting, a sheet with a drawing of its own", async () => {
    const wb = new ExcelJS.Workbook();
    const layout = { ...layouts()[1]!, name: "Bo's sammanfattning" };
    await new ExcelJsWriter(wb).writeSheets([layout], { onEdited: "fail" });
    // A picture on the sheet: exceljs writes a drawing of its own, to which the chart is added.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const image = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
    wb.getWorksheet(layout.name)!.addImage(image, "A30:B32");
    const plain = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
    const withCharts = await addCharts(plain, [
      { sheet: layout.name, charts: [chartData(layout, layout.charts![0]!)] },
    ]);
    const z = await JSZip.loadAsync(withCharts);
    const drawings = Object.keys(z.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p));
    expect(drawings).toHaveLength(1);
    const drawing = await z.file(drawings[0]!)!.async("string");
    expect(drawing.match(/<xdr:pic>/g)).toHaveLength(1);
    expect(drawing.match(/<xdr:graphicFrame /g)).toHaveLength(1);
    const chart = await z.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:f>&apos;Bo&apos;&apos;s sammanfattning&apos;!$K$9:$K$15</c:f>");
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(withCharts as unknown as ArrayBuffer);
    expect(back.getWorksheet(layout.name)!.getImages()).toHaveLength(1);
  });

  it("the report file the command line writes directly has the same charts, data blocks and drawing", async () => {
    const direct = await JSZip.loadAsync(reportFile(layouts(), "2021-09-10T08:00:00"));
    const partsOf = async (z: JSZip, pattern: RegExp): Promise<string[]> =>
      Promise.all(
        Object.keys(z.files)
          .filter((p) => pattern.test(p))
          .sort()
          .map((p) => z.file(p)!.async("string")),
      );
    const charts = /^xl\/charts\/chart\d+\.xml$/;
    expect(await partsOf(direct, charts)).toEqual(await partsOf(zip, charts));
    const drawings = /^xl\/drawings\/drawing\d+\.xml$/;
    expect(await partsOf(direct, drawings)).toEqual(await partsOf(zip, drawings));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await direct.generateAsync({ type: "arraybuffer" }));
    expect(back.getWorksheet(SUMMARY_SHEET)!.getCell("M9").value).toBe(216_123_000);
    expect(back.getWorksheet(SUMMARY_SHEET)!.getCell("K15").value).toMatchObject({
      formula: "H15",
      result: "Prognos helår",
    });
    // The next run's exceljs writer takes the sheets, their data blocks included, for its own and unedited.
    await expect(new ExcelJsWriter(back).editedSheets([PROGNOSIS_SHEET, SUMMARY_SHEET])).resolves.toEqual([]);
    const types = await direct.file("[Content_Types].xml")!.async("string");
    for (const p of Object.keys(direct.files).filter((x) => charts.test(x) || drawings.test(x)))
      expect(types).toContain(`<Override PartName="/${p}"`);
  });

  it("keeps no chart of an old file that is no .xlsx: the save replaces it whole", async () => {
    expect(await keptCharts(new TextEncoder().encode("den gamla rapporten"), () => true)).toEqual([]);
  });

  it("keeps the charts of the sheets a later run does not write again (exceljs drops them when it opens a file)", async () => {
    const path = join(dir, "later-run.xlsx");
    writeFileSync(path, bytes);
    const before = await chartParts(new Uint8Array(readFileSync(path)));
    // A later run writes only the summary into the report: Prognos per ansvar keeps its chart.
    const wb = await openWorkbook(path);
    await new ExcelJsWriter(wb).writeSheets([layouts()[1]!], { onEdited: "fail" });
    await saveWorkbook(wb, path);
    const after = await chartParts(new Uint8Array(readFileSync(path)));
    expect([...after.values()].sort()).toEqual([...before.values()].sort());
    expect(after.size).toBe(2);
    // And again, once more through exceljs: still both, each once.
    const again = await openWorkbook(path);
    await saveWorkbook(again, path);
    expect([...(await chartParts(new Uint8Array(readFileSync(path)))).values()].sort()).toEqual(
      [...before.values()].sort(),
    );
  });
});

/** The chart parts of a file: path -> XML. */
async function chartParts(file: Uint8Array): Promise<Map<string, string>> {
  const z = await JSZip.loadAsync(file);
  const out = new Map<string, string>();
  for (const p of Object.keys(z.files).filter((x) => /^xl\/charts\/chart\d+\.xml$/.test(x)))
    out.set(p, await z.file(p)!.async("string"));
  return out;
}
