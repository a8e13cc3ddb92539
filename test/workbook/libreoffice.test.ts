/**
 * The written workbook as a person and another spreadsheet see it: LibreOffice (Swedish locale) prints the
 * Herrljunga 2021 report to PDF, whose text must show the seed's figures in Swedish format, and recalculates
 * every formula, whose values must equal the calculators'.
 */
import { cellAddress } from "../../src/cells";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layoutCells, type SheetLayout } from "../../src/report/layout";
import { buildPrognosisSheet, PROGNOSIS_SHEET } from "../../src/report/prognosisSheet";
import { buildForecastTemplate } from "../../src/report/templates";
import { buildSummarySheet } from "../../src/report/summarySheet";
import { buildVolumeSheet } from "../../src/report/volumeSheet";
import { buildActionPlanSheet } from "../../src/report/actionPlanSheet";
import { calculateActionPlan } from "../../src/core/actionPlan";
import { calculateVolumeBudget, type VolumeLine } from "../../src/core/volume";
import { GNESTA_FORECAST_VARIANCE, gnestaMeasures } from "../report/gnesta";
import { ExcelJsWriter } from "../../src/workbook/exceljs/writer";
import { saveWorkbook } from "../../src/workbook/exceljs/file";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { BRIDGE_COLOURS } from "../../src/report/bridgeChart";
import { convert, pdfColourCounts, pdfText, removeProfile } from "../helpers/libreoffice";
import { HERRLJUNGA_META, herrljungaPrognosis } from "../report/herrljunga";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-lo-test-"));
const report = buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META);
const template = buildForecastTemplate(herrljungaPrognosis(), { key: "44" });
const measures = gnestaMeasures();
const plan = calculateActionPlan({ year: 2021, forecastVariance: GNESTA_FORECAST_VARIANCE, measures });
const hemtjanst: VolumeLine = {
  key: "h",
  area: "Vård och omsorg",
  name: "Hemtjänst",
  unit: "timmar",
  budgetVolume: 65_669,
  unitPrice: 9_518_000 / 65_669,
  fixedBudget: 0,
  actualVolume: 64_932,
  actualCost: 7_759_000,
};
const others: SheetLayout[] = [
  buildSummarySheet(herrljungaPrognosis(), HERRLJUNGA_META),
  buildVolumeSheet(calculateVolumeBudget({ year: 2021, month: 12, lines: [hemtjanst] }), HERRLJUNGA_META),
  buildActionPlanSheet(plan, measures, HERRLJUNGA_META),
];
/** Variances under half a tkr either way, and the edges around them: a deficit of 300 kr is shown as 0, never "-0". */
const rounding: SheetLayout = {
  name: "Avrundning",
  title: "Avrundning till tkr",
  meta: [],
  tables: [
    {
      name: "Budgetkoll_Avrundning",
      headerRow: 2,
      firstColumn: 0,
      columns: [
        { id: "name", header: "Rad", type: "text", width: 16 },
        { id: "budget", header: "Budget", type: "tkr", width: 12 },
        { id: "forecast", header: "Prognos", type: "tkr", width: 12 },
        { id: "variance", header: "Avvikelse", type: "tkr", width: 12 },
      ],
      rows: (
        [
          ["Brist300", 1_000_000, 1_000_300],
          ["Brist499", 1_000_000, 1_000_499],
          ["Brist500", 1_000_000, 1_000_500],
          ["Brist2050", 44_398_000, 46_448_000],
          ["Over300", 1_000_300, 1_000_000],
          ["Over500", 1_000_500, 1_000_000],
          ["Noll", 1_000_000, 1_000_000],
        ] as const
      ).map(([name, budget, forecast], i) => ({
        kind: "data" as const,
        level: 0,
        cells: [
          { value: name },
          { value: budget },
          { value: forecast },
          { value: budget - forecast, formula: `B${4 + i}-C${4 + i}` },
        ],
      })),
    },
  ],
  notes: [],
};
const file = join(dir, "herrljunga-2021.xlsx");
/** A report with every formula's cached value left out, so only a recalculation can give the values. */
const uncached = (layout: SheetLayout): SheetLayout => ({
  ...layout,
  tables: layout.tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      cells: r.cells.map((c) => (c.formula ? { formula: c.formula, value: null } : c)),
    })),
  })),
});
const uncachedFile = join(dir, "herrljunga-2021-uncached.xlsx");
/** The same report as exceljs alone writes it: no charts. */
const chartlessFile = join(dir, "herrljunga-2021-utan-diagram.xlsx");

beforeAll(async () => {
  for (const [layouts, path] of [
    [[report, template, ...others, rounding], file],
    [[report, ...others].map(uncached), uncachedFile],
  ] as const) {
    const wb = new ExcelJS.Workbook();
    await new ExcelJsWriter(wb).writeSheets(layouts, { onEdited: "fail" });
    await saveWorkbook(wb, path);
    if (path === file) await wb.xlsx.writeFile(chartlessFile);
  }
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeProfile();
});

describe("LibreOffice reads the written report (Swedish locale)", () => {
  it("prints the title and the seed's figures in tkr with Swedish separators", () => {
    const text = pdfText(convert(file, "pdf", join(dir, "pdf")));
    expect(text).toContain("Prognos per ansvar 2021, utfall t.o.m. augusti (tkr)");
    expect(text).toContain("Datakälla: Herrljunga socialnämnd");
    // Individ och familjeomsorg (subtotal 42): utfall fg år, periodiserad budget, utfall, avvikelse, budget, prognos, avvikelse helår.
    expect(text).toMatch(
      /^\s*42\s+Individ och familjeomsorg\s+33 739\s+29 599\s+30 097\s+-498\s+44 398\s+46 448\s+-2 050\s/m,
    );
    expect(text).toMatch(/^\s*46\s+Socialt stöd\s+22 219\s+20 764\s+20 889\s+-125\s+31 146\s+32 946\s+-1 800\s/m);
    expect(text).toMatch(/^\s*422\s+IFO BoF\s+16 747\s+10 917\s+13 185\s+-2 268\s+16 375\s+19 625\s+-3 250\s/m);
    expect(text).toMatch(/^\s*Summa\s+146 392\s+144 082\s+136 434\s+7 648\s+216 123\s+216 123\s+0\s/m);
    expect(text).toContain(
      "Avstämning: 18 rader lästa, 18 använda, 0 utanför perioden (0 tkr); utfall i indata 136 434 tkr = utfall i rapporten 136 434 tkr;",
    );
    // The template prints too: its title, header and pre-filled tkr.
    expect(text).toContain("Prognos 2021 efter augusti: Vård och omsorg (44)");
    expect(text).toMatch(/^\s*448\s+Hemgården omvårdnad\s+8 223\s+5 532\s/m);
    expect(text).toContain("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
    // A variance between -499 and -1 kr rounds to 0 tkr and is shown as 0, not "-0"; every other figure as before.
    expect(text).toMatch(/^\s*Brist300\s+1 000\s+1 000\s+0\s*$/m);
    expect(text).toMatch(/^\s*Brist499\s+1 000\s+1 000\s+0\s*$/m);
    expect(text).toMatch(/^\s*Brist500\s+1 000\s+1 001\s+-1\s*$/m);
    expect(text).toMatch(/^\s*Brist2050\s+44 398\s+46 448\s+-2 050\s*$/m);
    expect(text).toMatch(/^\s*Over300\s+1 000\s+1 000\s+0\s*$/m);
    expect(text).toMatch(/^\s*Over500\s+1 001\s+1 000\s+1\s*$/m);
    expect(text).toMatch(/^\s*Noll\s+1 000\s+1 000\s+0\s*$/m);
    expect(text).not.toMatch(/(^|\s)[-\u2212]0(\s|$)/m);
  }, 180_000);

  it("recalculates every formula to the calculators' value", async () => {
    const recalculated = convert(uncachedFile, "xlsx", join(dir, "xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const ws = wb.getWorksheet(PROGNOSIS_SHEET)!;
    const formulas = layoutCells(report).filter((c) => c.formula !== undefined);
    expect(formulas.length).toBe(6 * 5 + 24 * 2); // SUM on 5 columns of 5 subtotals and the total; 2 variances on each of 24 rows
    for (const c of formulas) {
      const cell = ws.getCell(cellAddress(c.row, c.column));
      expect(cell.formula, cellAddress(c.row, c.column)).toBe(c.formula);
      // exceljs leaves a result of 0 out of the value object; `cell.result` has it.
      const result = cell.result;
      expect(typeof result, cellAddress(c.row, c.column)).toBe("number");
      expect(result as number).toBeCloseTo(c.value as number, 3);
    }
    expect((ws.getCell("I14").value as ExcelJS.CellFormulaValue).result).toBe(-2_050_000);
    expect((ws.getCell("G30").value as ExcelJS.CellFormulaValue).result).toBe(216_123_000);
    // The summary, volume and åtgärdsplan sheets: every formula recalculated to the calculators' value.
    for (const layout of others) {
      const sheet = wb.getWorksheet(layout.name)!;
      const cells = layoutCells(layout).filter((c) => c.formula !== undefined);
      expect(cells.length).toBeGreaterThan(5);
      for (const c of cells) {
        const address = `${layout.name}!${cellAddress(c.row, c.column)}`;
        expect(sheet.getCell(cellAddress(c.row, c.column)).formula, address).toBe(c.formula);
        expect(sheet.getCell(cellAddress(c.row, c.column)).result as number, address).toBeCloseTo(c.value as number, 3);
      }
    }
  }, 180_000);

  it("draws the charts the writer adds to the file: the bridge's columns in their colours, the titles", async () => {
    const pdf = convert(file, "pdf", join(dir, "pdf-diagram"));
    const chartless = convert(chartlessFile, "pdf", join(dir, "pdf-utan-diagram"));
    const text = pdfText(pdf, "raw");
    expect(text).toContain("Från budget till prognos (tkr)");
    expect(text).toContain("Avvikelse helår per verksamhet (tkr)");
    expect(pdfText(chartless, "raw")).not.toContain("Från budget till prognos (tkr)");
    // The bridge's steps, as LibreOffice renders them (200 dpi, the exact colours): the rises (IFO +2 050,
    // Socialt stöd +1 800 tkr) red, the falls (Förvaltningsledning -1 450, Vård och omsorg -2 400 tkr) green, a
    // few pixels high on an axis up to 250 000 tkr. Neither colour is drawn anywhere else in the report.
    const colours = { rise: BRIDGE_COLOURS.rise.slice(2), fall: BRIDGE_COLOURS.fall.slice(2) };
    const drawn = pdfColourCounts(pdf, colours, { dpi: 200, tolerance: 6 });
    const without = pdfColourCounts(chartless, colours, { dpi: 200, tolerance: 6 });
    expect(without).toEqual({ rise: 0, fall: 0 });
    expect(drawn.rise).toBeGreaterThan(40);
    expect(drawn.fall).toBeGreaterThan(40);

    // LibreOffice read the charts as charts (no repair, nothing dropped): saved again as .xlsx, the bridge is
    // still stacked columns over a base without fill, and the variance chart clustered columns.
    const again = await JSZip.loadAsync(new Uint8Array(readFileSync(convert(file, "xlsx", join(dir, "lo-xlsx")))));
    const charts = await Promise.all(
      Object.keys(again.files)
        .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
        .map((p) => again.file(p)!.async("string")),
    );
    expect(charts).toHaveLength(2);
    const bridge = charts.find((c) => c.includes("Från budget till prognos (tkr)"))!;
    expect(bridge).toMatch(/<c:grouping val="stacked"\/>/);
    expect(bridge).toMatch(/<c:overlap val="100"\/>/);
    expect(bridge.match(/<c:ser>/g)).toHaveLength(4);
    expect(bridge).toMatch(/<c:ser>.*?<c:spPr><a:noFill\/>/);
    const variance = charts.find((c) => c.includes("Avvikelse helår per verksamhet (tkr)"))!;
    expect(variance).toMatch(/<c:grouping val="clustered"\/>/);
  }, 180_000);
});
