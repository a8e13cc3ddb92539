import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { dateToExcelSerial, ExcelJsReader } from "../../../src/workbook/exceljs/reader";
import { excelReader } from "../../input/helpers";
import { streamLedgerFile } from "../../../src/cli/ledgerFiles";

describe("ExcelJsReader", () => {
  it("reads values in bulk: numbers, text, rich text, booleans, empty, formulas, errors and dates", async () => {
    const reader = await excelReader((wb) => {
      const ws = wb.addWorksheet("Värden");
      ws.getCell("B2").value = 1234.5;
      ws.getCell("C2").value = "Hemtjänst";
      ws.getCell("D2").value = { richText: [{ text: "Vård " }, { text: "och omsorg", font: { bold: true } }] };
      ws.getCell("E2").value = true;
      ws.getCell("B3").value = { formula: "B2*2", result: 2469 };
      ws.getCell("C3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
      ws.getCell("D3").value = { error: "#REF!" };
      ws.getCell("E3").value = new Date(Date.UTC(2023, 7, 1));
      ws.getCell("B4").value = { text: "länk", hyperlink: "https://example.org" };
      ws.getCell("C4").value = { formula: "SUM(B2:B3)" };
      ws.getCell("E4").value = { formula: '"x"&"y"', result: "xy" };
    });
    expect(await reader.sheetNames()).toEqual(["Värden"]);
    const data = await reader.readSheet("Värden");
    expect(data.origin).toEqual({ row: 1, column: 1 });
    expect(data.values).toEqual([
      [1234.5, "Hemtjänst", "Vård och omsorg", true],
      [2469, "#DIV/0!", "#REF!", 45139],
      ["länk", "=SUM(B2:B3)", null, "xy"],
    ]);
    expect(data.hiddenRows).toEqual([]);
    expect(data.merged).toEqual([]);
  });

  it("gives dates as Excel serials (1900 system)", () => {
    expect(dateToExcelSerial(new Date(Date.UTC(2023, 7, 1)))).toBe(45139);
    expect(dateToExcelSerial(new Date(Date.UTC(2021, 7, 31, 12)))).toBe(44439.5);
  });

  it("reports hidden rows and merged ranges; a cell under a merge is empty, as in Excel", async () => {
    const reader = await excelReader((wb) => {
      const ws = wb.addWorksheet("Utfall");
      ws.getCell("A1").value = "Ansvar";
      ws.getCell("B1").value = "Belopp";
      ws.getCell("A2").value = 441;
      ws.mergeCells("A2:A3");
      ws.getCell("B2").value = 100;
      ws.getCell("B3").value = 200;
      ws.getCell("A4").value = 442;
      ws.getCell("B4").value = 300;
      ws.getRow(3).hidden = true;
    });
    const data = await reader.readSheet("Utfall");
    expect(data.values).toEqual([
      ["Ansvar", "Belopp"],
      [441, 100],
      [null, 200],
      [442, 300],
    ]);
    expect(data.hiddenRows).toEqual([2]);
    expect(data.merged).toEqual(["A2:A3"]);
  });

  it("lists tables and reads one with its header", async () => {
    const reader = await excelReader((wb) => {
      const ws = wb.addWorksheet("Budget");
      ws.getCell("A1").value = "Budget 2021";
      ws.addTable({
        name: "BudgetTabell",
        ref: "B3",
        headerRow: true,
        columns: [{ name: "Ansvar" }, { name: "Budget helår" }],
        rows: [
          [441, 2003],
          [442, 5362],
        ],
      });
    });
    expect(await reader.tables()).toEqual([{ name: "BudgetTabell", sheet: "Budget", range: "B3:C5" }]);
    const table = await reader.readTable("BudgetTabell");
    expect(table.origin).toEqual({ row: 2, column: 1 });
    expect(table.values).toEqual([
      ["Ansvar", "Budget helår"],
      [441, 2003],
      [442, 5362],
    ]);
    await expect(reader.readTable("Saknas")).rejects.toThrow('Tabellen "Saknas" finns inte i arbetsboken.');
  });

  it("reads an empty sheet as no values, and refuses a sheet that does not exist", async () => {
    const reader = await excelReader((wb) => void wb.addWorksheet("Tom"));
    expect((await reader.readSheet("Tom")).values).toEqual([]);
    await expect(reader.readSheet("Nej")).rejects.toThrow('Bladet "Nej" finns inte i arbetsboken.');
  });

  it("opens a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "budgetkoll-reader-"));
    try {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Ansvar").addRow(["Ansvar", "Benämning"]);
      await wb.xlsx.writeFile(join(dir, "in.xlsx"));
      const reader = await ExcelJsReader.fromFile(join(dir, "in.xlsx"));
      expect((await reader.readSheet("Ansvar")).values).toEqual([["Ansvar", "Benämning"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a formula whose cached result is 0 (exceljs's cell.value drops it)", () => {
  const write = async (path: string) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Utfall");
    ws.addRow(["Ansvar", "Konto", "Period", "Belopp"]);
    ws.addRow(["421", "4010", 202103, 1500]);
    ws.addRow(["421", "4010", 202104, { formula: "D2-D2", result: 0 }]);
    ws.addRow(["421", "4010", 202105, { formula: "D2*2", result: 3000 }]);
    await wb.xlsx.writeFile(path);
  };

  it("reads as 0, in the whole-file reader and in the streaming one, not as a formula without a result", async () => {
    const dir = mkdtempSync(join(tmpdir(), "budgetkoll-zero-"));
    try {
      const path = join(dir, "noll.xlsx");
      await write(path);
      const data = await (await ExcelJsReader.fromFile(path)).readSheet("Utfall");
      expect(data.values.map((r) => r[3])).toEqual(["Belopp", 1500, 0, 3000]);
      const streamed = await streamLedgerFile(path);
      expect([streamed.rowsRead, streamed.rowsUsed, streamed.errors, streamed.amountUsed]).toEqual([3, 3, [], 4500]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
