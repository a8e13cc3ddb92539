/** The Office.js reader against the fake Excel: bulk reads in few round trips, under the size limits. */
import { describe, expect, it } from "vitest";
import { createWorkbook, syncSummary } from "../../fakes/excel";
import { OfficeReader } from "../../../src/workbook/office/reader";
import { withExcel } from "./harness";
import { ledger } from "./sampleReport";
import { readSelection } from "../../../src/workbook/office/navigate";
import { EXCEL_LIMITS } from "../../fakes/excel";

describe("OfficeReader", () => {
  it("reads the used range with its origin, empty cells as null, hidden rows reported", async () => {
    const state = createWorkbook({
      Utfall: [[], [], [null, "Ansvar", "Belopp"], [null, "441", 1234.5], [null, "Summa", "=C4"], [null, "442", -12]],
    });
    const sheet = state.sheets[0]!;
    sheet.hiddenRows.add(4);
    sheet.cells.get(4 * 16_384 + 2)!.value = 1234.5; // the formula's cached result
    const data = await withExcel(state, () => new OfficeReader().readSheet("Utfall"));
    expect(data).toEqual({
      sheet: "Utfall",
      origin: { row: 2, column: 1 },
      values: [
        ["Ansvar", "Belopp"],
        [441, 1234.5],
        ["Summa", 1234.5],
        [442, -12],
      ],
      hiddenRows: [4],
    });
    expect(syncSummary(state).syncs).toBe(3); // size, values, hidden rows
  });

  it("reports merged areas where ExcelApi 1.13 exists", async () => {
    const seed = {
      "Rapport 2021": [
        ["Verksamhet", null, "Budget"],
        [null, null, 100],
      ],
    };
    const state = createWorkbook(seed);
    state.sheets[0]!.merged.push({ row: 0, column: 0, rowCount: 2, columnCount: 2 });
    expect((await withExcel(state, () => new OfficeReader().readSheet("Rapport 2021"))).merged).toEqual(["A1:B2"]);
    const old = createWorkbook(seed, { excelApiMinor: 12 });
    old.sheets[0]!.merged.push({ row: 0, column: 0, rowCount: 2, columnCount: 2 });
    expect((await withExcel(old, () => new OfficeReader().readSheet("Rapport 2021"))).merged).toBeUndefined();
  });

  it("lists sheets and tables and reads a table with its header; an empty sheet is empty", async () => {
    const state = createWorkbook({
      Tom: [],
      Budget: [
        ["Ansvar", "Budget"],
        ["441", 100],
        ["442", 200],
      ],
    });
    await withExcel(state, async () => {
      const reader = new OfficeReader();
      await Excel.run(async (context) => {
        const t = context.workbook.worksheets.getItem("Budget").tables.add("Budget!A1:B3", true);
        t.name = "Budget_2021";
      });
      expect(await reader.sheetNames()).toEqual(["Tom", "Budget"]);
      expect(await reader.tables()).toEqual([{ name: "Budget_2021", sheet: "Budget", range: "A1:B3" }]);
      expect((await reader.readTable("Budget_2021")).values).toEqual([
        ["Ansvar", "Budget"],
        [441, 100], // typed numbers become numbers, as in Excel
        [442, 200],
      ]);
      expect(await reader.readSheet("Tom")).toEqual({
        sheet: "Tom",
        origin: { row: 0, column: 0 },
        values: [],
        hiddenRows: [],
      });
      await expect(reader.readSheet("Saknas")).rejects.toThrow('Bladet "Saknas" finns inte i arbetsboken.');
      await expect(reader.readTable("Saknas")).rejects.toThrow('Tabellen "Saknas" finns inte i arbetsboken.');
    });
  });

  it("reads a 100,000-row ledger in row blocks, no response over the budget", async () => {
    const rows = ledger(100_000);
    const state = createWorkbook({ Huvudbok: rows });
    const data = await withExcel(state, () => new OfficeReader().readSheet("Huvudbok"));
    const s = syncSummary(state);
    console.log(`100000-row ledger: ${s.syncs} syncs, largest response ${s.maxResponseBytes} B`);
    expect(data.values).toHaveLength(100_001);
    // Ansvar and period were seeded as typed text, so Excel holds them as numbers.
    expect(data.values[100_000]).toEqual([435, 4099, 202104, 42_081.5, "Verifikation 99999"]);
    expect(data.values.slice(0, 2)).toEqual([rows[0], [400, 4000, 202101, -49_999.5, "Verifikation 0"]]);
    expect(s.syncs).toBeLessThanOrEqual(5);
    expect(s.maxResponseBytes).toBeLessThan(4_000_000);
  });

  it("never gets more cells at once than allowed", async () => {
    const state = createWorkbook({ Huvudbok: ledger(5_000) });
    state.limits.cellsPerGet = 10_000;
    const data = await withExcel(state, () => new OfficeReader({ maxCellsPerGet: 10_000 }).readSheet("Huvudbok"));
    expect(data.values).toHaveLength(5_001);
    expect(syncSummary(state).syncs).toBe(5); // size, the 1,000-row sample, then 2,000 + 2,000 + 1 rows of 5 columns
  });

  it("reads a sheet used down to Excel's last row in blocks under both limits", async () => {
    const state = createWorkbook({ Huvudbok: [["Ansvar", null, null, null, "Belopp"]] });
    state.sheets[0]!.cells.set(1_048_575 * 16_384 + 4, { value: 42 });
    const data = await withExcel(state, () => new OfficeReader().readSheet("Huvudbok"));
    const s = syncSummary(state);
    console.log(`1048576-row sheet: ${s.syncs} syncs, largest response ${s.maxResponseBytes} B`);
    expect(data.values).toHaveLength(1_048_576);
    expect(data.values[1_048_575]).toEqual([null, null, null, null, 42]);
    expect(s.maxResponseBytes).toBeLessThan(4_000_000);
  });

  it("takes more, smaller blocks under a smaller budget", async () => {
    const state = createWorkbook({ Huvudbok: ledger(5_000) });
    const data = await withExcel(state, () =>
      new OfficeReader({ budget: { request: 50_000, response: 50_000 }, sampleRows: 100 }).readSheet("Huvudbok"),
    );
    expect(data.values).toHaveLength(5_001);
    expect(syncSummary(state).maxResponseBytes).toBeLessThan(50_000);
    expect(syncSummary(state).syncs).toBeGreaterThan(5);
  });
});

describe("reads bounded by what is there", () => {
  const MAX_ROW = 1_048_576;

  it("reads a whole-column selection (A:B, A:H) as the used part of it, every response under 5 MB", async () => {
    const rows = ledger(300);
    for (const columns of [2, 8]) {
      const state = createWorkbook({ Huvudbok: rows.map((r) => [...r, "extra", 1, 2, 3].slice(0, columns)) });
      state.selection = {
        sheetId: state.sheets[0]!.id,
        rect: { row: 0, column: 0, rowCount: MAX_ROW, columnCount: columns },
      };
      const data = await withExcel(state, () => readSelection());
      expect(data.sheet).toBe("Huvudbok");
      expect(data.origin).toEqual({ row: 0, column: 0 });
      expect(data.values).toHaveLength(301);
      expect(data.values[0]).toHaveLength(columns);
      expect(syncSummary(state).maxResponseBytes).toBeLessThan(EXCEL_LIMITS.responseBytes);
    }
  });

  it("reads a selection inside the used range from where it starts, and an empty one as no rows", async () => {
    const state = createWorkbook({
      Blad1: [
        ["Ansvar", "Belopp"],
        ["441", 10],
        ["442", 20],
      ],
    });
    state.selection = {
      sheetId: state.sheets[0]!.id,
      rect: { row: 1, column: 1, rowCount: MAX_ROW - 1, columnCount: 1 },
    };
    expect(await withExcel(state, () => readSelection())).toMatchObject({
      origin: { row: 1, column: 1 },
      values: [[10], [20]],
    });
    state.selection = { sheetId: state.sheets[0]!.id, rect: { row: 10, column: 5, rowCount: 3, columnCount: 3 } };
    expect((await withExcel(state, () => readSelection())).values).toEqual([]);
  });

  it("reads a wide sheet (1,000 rows of 200 text cells, 8 MB) in blocks under 5 MB", async () => {
    const text = (r: number, c: number) => `Förklaring rad ${r} kolumn ${c}: överskott`.padEnd(40, "ä");
    const rows = Array.from({ length: 1000 }, (_, r) => Array.from({ length: 200 }, (_, c) => text(r, c)));
    const state = createWorkbook({ Bred: rows });
    const data = await withExcel(state, () => new OfficeReader().readSheet("Bred"));
    expect(data.values).toEqual(rows);
    const s = syncSummary(state);
    console.log(`1000 x 200 text cells: ${s.syncs} syncs, largest response ${s.maxResponseBytes} B`);
    expect(s.maxResponseBytes).toBeLessThan(EXCEL_LIMITS.responseBytes);
  });

  it("splits and reads again a block whose later rows are longer than the sample said, down to part of a row", async () => {
    const long = "å".repeat(30_000);
    const rows: string[][] = [
      ...Array.from({ length: 1000 }, (_, r) => [`rad ${r}`, "kort"]),
      ...Array.from({ length: 200 }, () => [long, long]),
    ];
    const state = createWorkbook({ Kommentarer: rows });
    state.limits.responseBytes = 100_000; // one row of two 60 kB cells is over it: split by columns
    const data = await withExcel(state, () =>
      new OfficeReader({ budget: { request: 80_000, response: 80_000 } }).readSheet("Kommentarer"),
    );
    expect(data.values).toEqual(rows);
  });
});
