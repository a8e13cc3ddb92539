/**
 * One ledger path: the same ledger rows read by the sheet reader (an Utfall sheet of a workbook opened whole) and
 * by the streaming path (`LedgerAggregator`, as an .xlsx, .csv or SIE file feeds it) give the same utfall per
 * ansvar, to the öre, whatever the title rows above the header, the totals and blank rows among the data, the
 * ansvar written as a number, as text or with its name, the period's form, the amount as a number or text with
 * a decimal comma, and the sign convention.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/cells";
import type { SignConvention } from "../../src/core/signs";
import { LedgerAggregator } from "../../src/input/ledger";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import { memoryReader, messages, settings } from "./helpers";

const CENTRES: readonly CellValue[] = ["410", 422, "441 Hemtjänst Östra", "510"];
/** The key each form of ansvar stands for. */
const KEY = (v: CellValue): string => String(v).split(" ")[0]!;

interface Row {
  readonly centre: number;
  readonly month: number;
  readonly periodForm: number;
  readonly ore: number;
  readonly asText: boolean;
}

const row = fc.record({
  centre: fc.integer({ min: 0, max: CENTRES.length - 1 }),
  month: fc.integer({ min: 1, max: 8 }),
  periodForm: fc.integer({ min: 0, max: 2 }),
  ore: fc.integer({ min: -5_000_000, max: 5_000_000 }),
  asText: fc.boolean(),
});

const kronorText = (ore: number): string => {
  const a = Math.abs(ore);
  return `${ore < 0 ? "-" : ""}${Math.floor(a / 100)},${String(a % 100).padStart(2, "0")}`;
};

function cells(r: Row): CellValue[] {
  const month = String(r.month).padStart(2, "0");
  const period = [`2021-${month}`, `2021${month}`, Number(`2021${month}`)][r.periodForm]!;
  return [CENTRES[r.centre]!, "4010", period, r.asText ? kronorText(r.ore) : r.ore / 100];
}

describe("one ledger path: the sheet reader and the streamed aggregator agree", () => {
  it("gives the same utfall per ansvar to the öre", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 3 }),
        fc.constantFrom<SignConvention>("costPositive", "costNegative"),
        async (rows, titles, totalsAt, blankAt, convention) => {
          const sheet: CellValue[][] = [];
          for (let t = 0; t < titles; t++) sheet.push(t === 0 ? ["Huvudbok, utdrag ur ekonomisystemet"] : []);
          sheet.push(["Ansvar", "Konto", "Period", "Belopp"]);
          rows.forEach((r, i) => {
            if (totalsAt.includes(i)) sheet.push(["Summa", null, null, 1]);
            if (blankAt.includes(i)) sheet.push([null, null, null, null]);
            sheet.push(cells(r));
          });
          const read = await readPrognosisInput(
            memoryReader({
              Budget: [["Ansvar", "Budget helår"], ...CENTRES.map((c) => [KEY(c), 1000])],
              Utfall: sheet,
            }),
            settings({ signConvention: convention }),
          );
          expect(messages(read.errors)).toEqual([]);
          const agg = new LedgerAggregator("Utfall", { convention, defaultYear: 2021 });
          sheet.forEach((values, r) => agg.push(values, r));
          const streamed = agg.result();
          expect(messages(streamed.errors)).toEqual([]);

          const zero = (m: Map<string, number>) => new Map([...m].map(([k, v]) => [k, v === 0 ? 0 : v]));
          const bySheet = new Map<string, number>();
          for (const a of read.value!.actuals)
            bySheet.set(a.costCentre, (bySheet.get(a.costCentre) ?? 0) + Math.round(a.amount * 100));
          const byStream = new Map([...streamed.amountByCostCentre].map(([k, v]) => [k, Math.round(v * 100)]));
          expect(zero(byStream)).toEqual(zero(bySheet));
          // And both are the rows' own sums, in the internal convention (net cost positive).
          const expected = new Map<string, number>();
          for (const r of rows) {
            const key = KEY(CENTRES[r.centre]!);
            expected.set(key, (expected.get(key) ?? 0) + (convention === "costNegative" ? -r.ore : r.ore));
          }
          expect(zero(bySheet)).toEqual(zero(expected));
          expect(zero(byStream)).toEqual(zero(expected));
          expect(streamed.rowsUsed).toBe(rows.length);
          expect(streamed.rowsTotals).toBe(new Set(totalsAt.filter((i) => i < rows.length)).size);
        },
      ),
      { numRuns: 60 },
    );
  });
});
