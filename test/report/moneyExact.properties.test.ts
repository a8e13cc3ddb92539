/**
 * Money stays exact: every money cell (kronor, tkr, á-pris) of every sheet the report writes holds kronor with at
 * most two decimals (öre), whether the amounts came as kronor with öre, as tkr with decimals, or with the binary
 * noise a number cell may carry (3 025,0000000000005 tkr). Both paths that produce layouts are covered: the
 * command line's `rapport` (src/jobs) and the task pane's jobs (src/taskpane/jobs.ts), on the bundled example and
 * on randomised workbooks. Percent, volume and integer cells are not money and are left out.
 */
import type { CellValue } from "../../src/cells";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { roundOre } from "../../src/core/amounts";
import { calculateVolumeBudget } from "../../src/core/volume";
import { DEFAULT_SETTINGS, readSettings, type ReadSettings } from "../../src/input/settings";
import { historySheets } from "../../src/jobs/history";
import { fullReport } from "../../src/jobs/namnd";
import { startJob } from "../../src/jobs/run";
import type { ColumnType, SheetLayout } from "../../src/report/layout";
import { runJob, type JobHost, type JobKind } from "../../src/taskpane/jobs";
import { SheetsReader } from "../../src/cli/source";
import { ExcelJsReader } from "../../src/workbook/exceljs/reader";
import type { SheetData, WorkbookReader } from "../../src/workbook/types";

const EXAMPLE = fileURLToPath(new URL("../../examples/herrljunga-2021.xlsx", import.meta.url));
const MONEY: ReadonlySet<ColumnType> = new Set(["tkr", "kr", "unitPrice", "tkrEntered"]);

/** At most two decimals: the number is its own value rounded to öre (3,3 yes; 3,3000000000000003 no). */
const exact = (x: number): boolean => Number(x.toFixed(2)) === x;

/** Every money cell with more than two decimals: "Volymbudget!Budget helår: 3025000.0000000005". */
function noisyMoneyCells(layouts: readonly SheetLayout[]): string[] {
  const found: string[] = [];
  for (const layout of layouts)
    for (const table of layout.tables)
      for (const row of table.rows)
        row.cells.forEach((cell, j) => {
          const column = table.columns[j];
          if (column && MONEY.has(column.type) && typeof cell.value === "number" && !exact(cell.value))
            found.push(`${layout.name}!${column.header}: ${cell.value}`);
        });
  return found;
}

async function cliLayouts(reader: WorkbookReader, overrides: Partial<ReadSettings> = {}): Promise<SheetLayout[]> {
  const read = await readSettings(reader);
  const run = await startJob(
    reader,
    { ...DEFAULT_SETTINGS, year: 2021, month: 8, ...read.settings, ...overrides } as ReadSettings,
    "test",
  );
  const report = fullReport(run);
  if (!report.ok) throw new Error(report.errors.map((e) => `${e.sheet} ${e.cell ?? ""} ${e.message}`).join("\n"));
  return [
    ...report.value.layouts,
    ...historySheets(report.value.prognosis.result, [], report.value.prognosis.meta, { accuracy: true }),
  ];
}

/** The task pane's jobs on a reader, the layouts its writer is given captured. */
async function taskPaneLayouts(reader: WorkbookReader, kinds: readonly JobKind[]): Promise<SheetLayout[]> {
  const read = await readSettings(reader);
  const settings = { ...DEFAULT_SETTINGS, year: 2021, month: 8, ...read.settings } as ReadSettings;
  const captured: SheetLayout[] = [];
  const host: JobHost = {
    reader,
    writer: {
      writeSheets: async (layouts) => (
        captured.push(...layouts),
        { written: layouts.map((l) => l.name), keptEdited: [], cancelled: false }
      ),
    },
    readSelection: async () => {
      throw new Error("no selection");
    },
  };
  for (const kind of kinds) {
    const out = await runJob(kind, host, settings, { kind: "auto" });
    if (!out.ok) throw new Error(`${kind}: ${out.errors.map((e) => e.message).join("\n")}`);
  }
  return captured;
}

let example: SheetsReader;
beforeAll(async () => {
  example = await SheetsReader.snapshot(await ExcelJsReader.fromFile(EXAMPLE));
});

describe("roundOre: kronor to öre, Excel's ROUND (half away from zero)", () => {
  it("rounds binary noise and half öre away from zero", () => {
    expect(roundOre(3_025_000.0000000005)).toBe(3_025_000);
    expect(roundOre(229_825.99999999953)).toBe(229_826);
    expect(roundOre(1.1 * 3)).toBe(3.3);
    expect(roundOre(-0.005)).toBe(-0.01);
    expect(roundOre(0.125)).toBe(0.13);
    expect(roundOre(-0)).toBe(0);
  });
});

describe("money stays exact in every written cell", () => {
  it("volume budget: 1,10 kr x 3 units is 3,30 kr, not 3,3000000000000003 (the calculator rounds what it derives)", () => {
    const r = calculateVolumeBudget({
      year: 2021,
      month: 8,
      lines: [
        {
          key: "A",
          area: "A",
          name: "A",
          unit: "timmar",
          budgetVolume: 3,
          unitPrice: 1.1,
          fixedBudget: 0,
          actualVolume: 3,
          actualCost: 3.3,
        },
      ],
    });
    expect(r.lines[0]!.annualBudget).toBe(3.3);
    expect(r.total.annualBudget).toBe(3.3);
  });

  it("the bundled example's report (command line), every sheet", async () => {
    expect(noisyMoneyCells(await cliLayouts(example))).toEqual([]);
  });

  it("the names-only bokslut example's report (command line), every sheet", async () => {
    const bokslut = await SheetsReader.snapshot(
      await ExcelJsReader.fromFile(
        fileURLToPath(new URL("../../examples/sjobacka-bokslut-2023.xlsx", import.meta.url)),
      ),
    );
    expect(noisyMoneyCells(await cliLayouts(bokslut))).toEqual([]);
  });

  it("the bundled example in the task pane, every job", async () => {
    const layouts = await taskPaneLayouts(example, ["prognosis", "volume", "actionPlan", "templates"]);
    expect(layouts.length).toBeGreaterThan(8);
    expect(noisyMoneyCells(layouts)).toEqual([]);
  });

  /** The example's sheets with its amounts replaced: kronor with öre, tkr with up to three decimals and noise. */
  const randomised = fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    noise: fc.constantFrom(0, 5e-13, -4.7e-13),
  });

  function randomise(sheets: readonly SheetData[], seed: number, noise: number): SheetsReader {
    let state = seed;
    const next = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    // tkr with up to three decimals (whole kronor) plus a number cell's binary noise; kronor with öre.
    const tkr = (v: number) => Math.round(v * (0.5 + next()) * 1000) / 1000 + noise * v;
    const kronor = (v: number) => Math.round(v * (0.5 + next()) * 100) / 100;
    const money = (name: string, header: readonly CellValue[], value: number, j: number): number => {
      const h = String(header[j] ?? "").toLowerCase();
      if (name === "Utfall" || name === "Utfall fg år") return j === 3 ? kronor(value) : value;
      if (name === "Budget") return j === 1 ? tkr(value) : value;
      if (name === "Prognos" || name === "Förklaringar" || name === "Åtgärder" || name === "Investeringar")
        return /tkr|prognos|belopp|effekt|budget|utfall/.test(h) ? tkr(value) : value;
      if (name === "Volymer")
        return h.includes("á-pris")
          ? kronor(value)
          : h.includes("tkr")
            ? tkr(value)
            : h.includes("volym")
              ? Math.round(value * (0.5 + next()) * 100) / 100
              : value;
      return value;
    };
    return new SheetsReader(
      sheets
        // The monthly budget must add up to the year's: randomised, the budget is the year's alone.
        .map((s) => (s.sheet === "Budget" ? { ...s, values: s.values.map((r) => r.slice(0, 2)) } : s))
        // Budget per konto must equal the Budget sheet: left out, the resultaträkning shows utfall only.
        .filter((s) => s.sheet !== "Budget per konto")
        .map((s) => ({
          ...s,
          values: s.values.map((row, i) =>
            i === 0 ? row : row.map((v, j) => (typeof v === "number" ? money(s.sheet, s.values[0]!, v, j) : v)),
          ),
        })),
    );
  }

  it("randomised workbooks (kronor with öre, tkr with decimals and noise): every money cell of every sheet, both paths", async () => {
    const sheets = await Promise.all((await example.sheetNames()).map((n) => example.readSheet(n)));
    await fc.assert(
      fc.asyncProperty(randomised, async ({ seed, noise }) => {
        const reader = randomise(sheets, seed, noise);
        expect(noisyMoneyCells(await cliLayouts(reader))).toEqual([]);
        expect(noisyMoneyCells(await taskPaneLayouts(reader, ["prognosis", "volume", "actionPlan"]))).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
