/** Excel's limits on output: 32 767 characters in a cell (cut the same in both writers, and named), rows and columns. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tableSheet } from "../../src/report/layout";
import { excelJsCellValue, fitCell, MAX_CELL_CHARS, officeCellValue } from "../../src/workbook/safeText";
import { layoutProblems, longCellWarnings, MAX_ROWS } from "../../src/workbook/writeChecks";
import { ExcelJsWriter } from "../../src/workbook/exceljs/writer";

const long = "å".repeat(40_000);

describe("Excel's output limits", () => {
  it("cuts a text to 32 767 characters, ending in …, in both writers alike", () => {
    expect(fitCell(long)).toHaveLength(MAX_CELL_CHARS);
    expect(fitCell(long).endsWith("…")).toBe(true);
    expect(excelJsCellValue(long)).toBe(fitCell(long));
    expect(officeCellValue(long)).toBe(`'${fitCell(long)}`);
    expect(fitCell("kort")).toBe("kort");
  });

  const layout = tableSheet({
    name: "Kommentarer",
    table: "Budgetkoll_Test",
    title: "Test",
    meta: [],
    columns: [{ id: "text", header: "Kommentar", type: "text", width: 40 }],
    rows: [
      { kind: "data", level: 0, cells: [{ value: long }] },
      { kind: "data", level: 0, cells: [{ value: "kort" }] },
    ],
    notes: [],
    frozenColumns: 0,
  } as unknown as Parameters<typeof tableSheet>[0]);

  it("names each cell it cut", () => {
    const warnings = longCellWarnings([layout]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.sheet).toBe("Kommentarer");
    expect(warnings[0]!.message).toBe(
      'texten har 40000 tecken, fler än de 32767 som ryms i en cell i Excel: den skrevs avkortad och slutar med "…". Korta texten i indata.',
    );
  });

  it("the exceljs writer writes the cut text", async () => {
    const wb = new ExcelJS.Workbook();
    await new ExcelJsWriter(wb).writeSheets([layout], { onEdited: "fail" });
    const cell = longCellWarnings([layout])[0]!.cell;
    expect(String(wb.getWorksheet("Kommentarer")!.getCell(cell).value)).toHaveLength(MAX_CELL_CHARS);
  });

  it("refuses a table of more rows than a sheet holds", () => {
    const big = {
      ...layout,
      tables: layout.tables.map((t) => ({
        ...t,
        rows: { length: MAX_ROWS, forEach: () => {} } as unknown as typeof t.rows,
      })),
    };
    expect(layoutProblems([big], new Set())).toEqual([
      `Tabellen "Budgetkoll_Test" har ${MAX_ROWS} rader: fler än Excels gräns ${MAX_ROWS} rader på ett blad.`,
    ]);
  });
});
