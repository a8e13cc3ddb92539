/**
 * The bad-input corpus through the whole-workbook readers, then the input layer, as the CLI and the task pane read
 * (the streaming ledger readers run it in ledgerStream.test.ts, the sheets as values in test/input/corpus.test.ts):
 * the exceljs reader on an .xlsx written with exceljs, and the Office.js reader on the fake Excel. The checks are
 * the shared ones of test/helpers/corpus.ts.
 */
import type { CellValue } from "../../src/cells";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { SheetsReader } from "../../src/cli/source";
import { ExcelJsReader } from "../../src/workbook/exceljs/reader";
import { OfficeReader } from "../../src/workbook/office/reader";
import { createWorkbook } from "../fakes/excel";
import { cellKey, type Scalar } from "../fakes/excel/state";
import {
  allCases,
  corpusLedger,
  corpusVolumes,
  expectCorpusThroughInput,
  fileErrorCode,
  isErrorValue,
  type CorpusCase,
} from "../helpers/corpus";
import { addRows } from "../input/helpers";
import { withExcel } from "./office/harness";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-corpus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the ledger holds every amount and period case, the Volymer sheet every volume case", () => {
  const kinds = (k: string): number => allCases.filter((c) => c.kind === k).length;
  expect(corpusLedger().length).toBe(kinds("tkr") + kinds("period"));
  expect(corpusVolumes().length).toBe(kinds("volume"));
});

describe("ExcelJsReader (whole file, as the CLI opens a workbook)", () => {
  /**
   * How an .xlsx holds a corpus cell: numbers as numbers, text as text, booleans as booleans, null as no cell;
   * an error value as an error cell by its English code (.xlsx stores those whatever Excel's language; the Swedish
   * "#DIVISION/0!" is how Swedish Excel shows #DIV/0!); the formula without a cached result as that formula.
   */
  const xlsxCell = (c: CorpusCase): unknown =>
    isErrorValue(c) ? { error: fileErrorCode(c.value) } : c.formula ? { formula: String(c.value).slice(1) } : c.value;
  const asRead = (c: CorpusCase): CellValue => (isErrorValue(c) ? fileErrorCode(c.value) : c.value);

  it("every corpus case gives its number or an error naming sheet and cell", async () => {
    let n = 0;
    await expectCorpusThroughInput(async (sheets, use) => {
      const wb = new ExcelJS.Workbook();
      for (const [name, rows] of Object.entries(sheets(xlsxCell))) addRows(wb, name, rows);
      const path = join(dir, `korpus-${n++}.xlsx`);
      await wb.xlsx.writeFile(path);
      // As the CLI reads a workbook that is not streamed (src/cli/source.ts).
      return use(await SheetsReader.snapshot(await ExcelJsReader.fromFile(path)));
    }, asRead);
  });
});

describe("OfficeReader (the task pane) on the fake Excel", () => {
  /**
   * How Excel holds a corpus cell: numbers, booleans as themselves, null as an empty cell; text as text (a
   * leading apostrophe, as a text cell is typed or pasted: without it Excel would turn " 1234 " into a number);
   * an error value as a formula whose result is that error, which Range.values gives as its text. Excel computes
   * every formula, so a formula without a cached result (the exceljs reader's case) does not exist here: that
   * case is left out.
   */
  const seed = (c: CorpusCase): Scalar | null | { error: string } =>
    isErrorValue(c) ? { error: c.value } : typeof c.value === "string" ? `'${c.value}` : c.value;

  it("every corpus case but the uncalculated formula gives its number or an error naming sheet and cell", async () => {
    expect(allCases.filter((c) => c.formula).length).toBe(1);
    await expectCorpusThroughInput(
      async (sheets, use) => {
        const built = sheets(seed);
        const errors: { sheet: string; row: number; column: number; error: string }[] = [];
        const plainRows = Object.fromEntries(
          Object.entries(built).map(([name, rows]) => [
            name,
            rows.map((row, r) =>
              row.map((v, column) => {
                if (v !== null && typeof v === "object") {
                  errors.push({ sheet: name, row: r, column, error: v.error });
                  return null;
                }
                return v;
              }),
            ),
          ]),
        );
        const state = createWorkbook(plainRows);
        for (const e of errors)
          state.sheets
            .find((s) => s.name === e.sheet)!
            .cells.set(cellKey(e.row, e.column), { value: e.error, formula: "1/0" });
        return withExcel(state, () => use(new OfficeReader()));
      },
      undefined,
      (c) => !c.formula,
    );
  });
});
