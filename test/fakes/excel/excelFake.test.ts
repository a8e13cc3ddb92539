/** The fake itself keeps Office's semantics: load + sync before reading, queued writes, real addresses, limits. */
import { describe, expect, it } from "vitest";
import { createWorkbook, installExcelFake, readCell, readValues, syncSummary, tableAddress } from ".";
import { FakeRequestContext, run } from ".";

describe("load and sync", () => {
  it("throws PropertyNotLoaded before load + sync, and not after", async () => {
    const state = createWorkbook({ Blad1: [[1, 2]] });
    await run(state, async (context) => {
      const range = context.workbook.worksheets.getItem("Blad1").getRange("A1:B1");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([[1, 2]]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("queues writes and applies them at sync, in order", async () => {
    const state = createWorkbook({ Blad1: [] });
    const context = new FakeRequestContext(state);
    const ws = context.workbook.worksheets.getItem("Blad1");
    ws.getRange("A1:B2").values = [
      [1, "text"],
      ["=A1*2", "'=not a formula"],
    ];
    expect(readCell(state, "Blad1!A1")).toBeUndefined();
    const read = ws.getRange("A1:B2").load("values,formulas");
    await context.sync();
    expect(readValues(state, "Blad1!A1:A1")).toEqual([[1]]);
    expect(readCell(state, "Blad1!A2")).toEqual({ value: 2, formula: "A1*2" }); // calculated: not suspended
    expect(readCell(state, "Blad1!B2")).toEqual({ value: "=not a formula", quotePrefix: true });
    // Excel drops the apostrophe in `formulas`.
    expect(read.formulas).toEqual([
      [1, "text"],
      ["=A1*2", "=not a formula"],
    ]);
    expect(syncSummary(state).syncs).toBe(1);
  });

  it("fails a wrongly sized array at sync, after the operations before it", async () => {
    const state = createWorkbook({ Blad1: [] });
    await expect(
      run(state, async (context) => {
        const ws = context.workbook.worksheets.getItem("Blad1");
        ws.getRange("A1").values = [[1]];
        ws.getRange("A2:B2").values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(readValues(state, "A1:A2")).toEqual([[1], [""]]);
  });

  it("reports a missing item at sync; OrNullObject gives isNullObject", async () => {
    const state = createWorkbook({ Blad1: [] });
    await run(state, async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Finns inte");
      const used = context.workbook.worksheets.getItem("Blad1").getUsedRangeOrNullObject(true);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
      context.workbook.worksheets.getItem("Finns inte").load("name");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });
});

describe("addresses", () => {
  it("gives real addresses for ranges, whole rows and columns, derived ranges and quoted sheet names", async () => {
    const state = createWorkbook({
      "Mitt blad": [],
      Data: [
        [null, null],
        [null, "x", 1],
      ],
    });
    await run(state, async (context) => {
      const ws = context.workbook.worksheets.getItem("Mitt blad");
      const base = ws.getRange("B2:C3");
      const got = [
        base,
        ws.getRange("A:C"),
        ws.getRange("3:4"),
        base.getCell(1, 1),
        base.getResizedRange(2, 0),
        base.getOffsetRange(1, 2),
        ws.getRangeByIndexes(9, 26, 2, 2),
        context.workbook.worksheets.getItem("Data").getUsedRange(true),
      ].map((r) => r.load("address"));
      await context.sync();
      expect(got.map((r) => r.address)).toEqual([
        "'Mitt blad'!B2:C3",
        "'Mitt blad'!A:C",
        "'Mitt blad'!3:4",
        "'Mitt blad'!C3",
        "'Mitt blad'!B2:C5",
        "'Mitt blad'!D3:E4",
        "'Mitt blad'!AA10:AB11",
        "Data!B2:C2",
      ]);
    });
  });
});

describe("limits and counters", () => {
  it("counts round trips and payload, and rejects a request over the limit without applying it", async () => {
    const state = createWorkbook({ Blad1: [] });
    state.limits.requestBytes = 10_000;
    const rows = Array.from({ length: 2000 }, (_, i) => [i]);
    await run(state, async (context) => {
      const ws = context.workbook.worksheets.getItem("Blad1");
      ws.getRange("A1:A100").values = rows.slice(0, 100);
      await context.sync();
      ws.getRange("A1:A2000").values = rows;
      await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(state.syncs).toHaveLength(2);
    expect(state.syncs[0]!.requestBytes).toBeGreaterThan(400);
    expect(state.syncs[1]!.requestBytes).toBeGreaterThan(10_000);
    expect(readValues(state, "A101:A101")).toEqual([[""]]);
  });

  it("rejects a get of more cells than allowed and a response over the limit", async () => {
    const state = createWorkbook({ Blad1: [[1]] });
    await run(state, async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("A:Z").load("values");
      await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    });
    state.limits.responseBytes = 100;
    await run(state, async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("A1:J10").load("values");
      await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    });
  });

  it("syncs what a batch left queued when Excel.run ends", async () => {
    const state = createWorkbook({ Blad1: [] });
    await run(state, async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("C3").values = [["sist"]];
    });
    expect(readCell(state, "C3")?.value).toBe("sist");
    expect(state.syncs).toHaveLength(1);
  });
});

describe("tables, sheets and protection", () => {
  it("adds a table over a range with unique text headers, lists it, and refuses an overlapping one", async () => {
    const state = createWorkbook({
      Blad1: [
        ["Namn", "Namn", null],
        ["a", 1, 2],
      ],
    });
    await run(state, async (context) => {
      const ws = context.workbook.worksheets.getItem("Blad1");
      const t = ws.tables.add("Blad1!A1:C2", true);
      t.name = "Min_tabell";
      const tables = context.workbook.tables.load("items/name,items/worksheet/name");
      await context.sync();
      expect(tables.items.map((x) => [x.name, x.worksheet.name])).toEqual([["Min_tabell", "Blad1"]]);
      ws.tables.add(ws.getRange("B2:D5"), true);
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    expect(readValues(state, "A1:C1")).toEqual([["Namn", "Namn2", "Column3"]]);
    expect(tableAddress(state, state.tables[0]!)).toBe("Blad1!A1:C2");
  });

  it("keeps one sheet visible, and refuses writes to locked cells of a protected sheet", async () => {
    const state = createWorkbook({ Blad1: [] });
    await run(state, async (context) => {
      const ws = context.workbook.worksheets.getItem("Blad1");
      ws.visibility = "Hidden";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      ws.getRange("B1").format.protection.locked = false;
      ws.protection.protect({ allowSort: false });
      ws.getRange("B1").values = [["ok"]];
      await context.sync();
      ws.getRange("A1").values = [["nej"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    });
    expect(readCell(state, "B1")?.value).toBe("ok");
  });

  it("installs Excel and Office on a global object, with the host's requirement sets", async () => {
    const g: Record<string, unknown> = {};
    const state = createWorkbook({ Blad1: [[7]] }, { excelApiMinor: 8 });
    const uninstall = installExcelFake(g, state);
    const office = g.Office as { context: { requirements: { isSetSupported(n: string, v: string): boolean } } };
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    const excel = g.Excel as {
      run: typeof run extends (s: never, b: infer B) => unknown ? (b: B) => Promise<unknown> : never;
    };
    const value = await excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Blad1").getRange("A1").load("values");
      await context.sync();
      return r.values[0]![0];
    });
    expect(value).toBe(7);
    uninstall();
    expect(g.Excel).toBeUndefined();
  });
});

describe("where Office is strict", () => {
  it("measures a request in UTF-8 bytes: three million å pass as characters, not as bytes", async () => {
    const state = createWorkbook({ Blad1: [] });
    const text = "å".repeat(1000);
    await expect(
      run(state, async (context) => {
        context.workbook.worksheets.getItem("Blad1").getRange("A1:A3000").values = Array.from({ length: 3000 }, () => [
          text,
        ]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(state.syncs[0]!.requestBytes).toBeGreaterThan(6_000_000);
  });

  it("counts each operation as Office sends it: 25,000 small format settings pass 5 MB", async () => {
    const state = createWorkbook({ Blad1: [] });
    await expect(
      run(state, async (context) => {
        const ws = context.workbook.worksheets.getItem("Blad1");
        for (let r = 0; r < 25_000; r++) ws.getRangeByIndexes(r, 0, 1, 3).format.font.bold = true;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  it("calculates formulas at sync, but not while calculation is suspended: a chart or autofit over them then fails", async () => {
    const state = createWorkbook({ Blad1: [] });
    const chartOver = (suspend: boolean) =>
      run(state, async (context) => {
        const ws = context.workbook.worksheets.getItem("Blad1");
        if (suspend) context.workbook.application.suspendApiCalculationUntilNextSync();
        ws.getRange("A1:B3").formulas = [
          ["Namn", "Belopp"],
          ['="x"', 5],
          ["=D1", "=B2*2"],
        ];
        ws.charts.add("ColumnClustered", ws.getRange("A1:B3"), "Columns");
        await context.sync();
      });
    await expect(chartOver(true)).rejects.toMatchObject({ code: "InvalidOperation" });
    // The sync ended: what was written is calculated now.
    expect(readCell(state, "Blad1!B3")).toEqual({ value: 10, formula: "B2*2" });
    await expect(chartOver(false)).resolves.toBeUndefined();
    const autofit = run(state, async (context) => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      const range = context.workbook.worksheets.getItem("Blad1").getRange("C1:C2");
      range.formulas = [["=B2"], ["=B3"]];
      range.format.autofitColumns();
      await context.sync();
    });
    await expect(autofit).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  it("refuses to freeze panes on a hidden sheet", async () => {
    const state = createWorkbook({ Blad1: [], Dold: [] });
    state.sheets[1]!.visibility = "Hidden";
    const freeze = (sheet: string) =>
      run(state, async (context) => {
        context.workbook.worksheets.getItem(sheet).freezePanes.freezeRows(2);
        await context.sync();
      });
    await expect(freeze("Dold")).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(freeze("Blad1")).resolves.toBeUndefined();
    expect(state.sheets[0]!.frozen).toEqual({ rows: 2, columns: 0 });
  });

  it("returns numbers with 15 significant digits, as Excel does", async () => {
    const state = createWorkbook({ Blad1: [[1 / 3, 0.1 + 0.2, 216_123_000]] });
    const values = await run(state, async (context) => {
      const range = context.workbook.worksheets.getItem("Blad1").getRange("A1:C1").load("values");
      await context.sync();
      return range.values;
    });
    expect(values).toEqual([[0.333333333333333, 0.3, 216_123_000]]);
  });
});
