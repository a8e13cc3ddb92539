/**
 * The workbook read directly (directReader.ts) gives what ExcelJsReader gives, sheet for sheet and table for table:
 * the same values, used ranges, hidden rows and merged ranges, on the bundled examples and on a workbook written
 * with the cases that differ between readers (dates, formulas with a cached 0, rich text, errors, merges, hidden
 * rows and sheets, text with & < > and leading spaces). What it does not read as exceljs does, it leaves to it.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SheetsReader } from "../../../src/cli/source";
import { NotDirect, readWorkbookDirect } from "../../../src/workbook/exceljs/directReader";
import { ExcelJsReader } from "../../../src/workbook/exceljs/reader";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-direct-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectSameAsExcelJs(path: string): Promise<void> {
  const viaExcelJs = await SheetsReader.snapshot(await ExcelJsReader.fromFile(path));
  const direct = readWorkbookDirect(path);
  expect(direct.sheets.map((s) => s.sheet)).toEqual(await viaExcelJs.sheetNames());
  for (const s of direct.sheets) expect(s).toEqual(await viaExcelJs.readSheet(s.sheet));
  expect(direct.tables.map((t) => t.info)).toEqual(await viaExcelJs.tables());
  for (const t of direct.tables) expect(t.data).toEqual(await viaExcelJs.readTable(t.info.name));
}

describe("readWorkbookDirect", () => {
  for (const example of ["herrljunga-2021.xlsx", "sjobacka-bokslut-2023.xlsx"])
    it(`reads ${example} as ExcelJsReader does`, async () => {
      await expectSameAsExcelJs(fileURLToPath(new URL(`../../../examples/${example}`, import.meta.url)));
    });

  it("reads dates, formulas, rich text, errors, merges and hidden rows as ExcelJsReader does", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Budget & utfall");
    ws.addRow(["Ansvar", "Datum", "Belopp", "Summa", "Ja", "Fel"]);
    ws.addRow([
      "  420 <IFO>",
      new Date(Date.UTC(2021, 7, 31, 13, 45, 12, 345)),
      1234.5,
      { formula: "C2-C2", result: 0 },
      true,
      { error: "#REF!" },
    ]);
    ws.addRow([
      { richText: [{ text: "Rik " }, { font: { bold: true }, text: "text" }] },
      44197,
      -0.1,
      { formula: "C3*2", result: -0.2 },
      false,
      null,
    ]);
    ws.getCell("B3").numFmt = "yyyy-mm-dd";
    ws.getCell("A5").value = "Sammanslagen";
    ws.mergeCells("A5:C6");
    ws.getRow(4).hidden = true;
    ws.getCell("A4").value = "dold";
    ws.getCell("H8").value = { formula: '"text"', result: "text" } as ExcelJS.CellFormulaValue;
    ws.addTable({
      name: "Tabell1",
      ref: "J1",
      headerRow: true,
      columns: [{ name: "Kod" }, { name: "Värde" }],
      rows: [
        ["a", 1],
        ["b", 2],
      ],
    });
    wb.addWorksheet("Dold", { state: "hidden" }).getCell("B2").value = "x";
    wb.addWorksheet("Tom");
    const path = join(dir, "cases.xlsx");
    await wb.xlsx.writeFile(path);
    await expectSameAsExcelJs(path);
  });

  it("leaves a formula without a cached result to exceljs", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Blad").getCell("A1").value = { formula: "1+1" } as ExcelJS.CellFormulaValue;
    const path = join(dir, "formula.xlsx");
    await wb.xlsx.writeFile(path);
    expect(() => readWorkbookDirect(path)).toThrow(NotDirect);
  });
});
