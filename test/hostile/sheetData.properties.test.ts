/**
 * A fast-check generator of malformed sheet data: workbooks of the usual sheets with any cells (prototype names,
 * long texts, parentheses, number-like text, formulas, booleans, empty rows) go through settings, scan and the
 * readers. Each gives values or Swedish errors naming a sheet, never an exception, a polluted prototype or a run
 * longer than bounded.
 */
import type { CellValue } from "../../src/cells";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { readActionPlanInput } from "../../src/input/actionPlanInput";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import { readSettings } from "../../src/input/settings";
import { readVolumeInput } from "../../src/input/volumeInput";
import { memoryReader, settings } from "../input/helpers";

const HOSTILE_TEXT = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "prototype",
  "(".repeat(5000),
  "x".repeat(40_000),
  '24" Dell',
  "=1+1",
  "-",
  "i.u.",
  "1 234,5",
  "(1 102)",
  "Belopp i",
  "Ansvar",
  "Summa",
];
const HEADERS = [
  "Ansvar",
  "Benämning",
  "Överordnad",
  "Budget helår",
  "Konto",
  "Period",
  "Belopp",
  "Prognos helår",
  "Kommentar",
  "Verksamhet",
  "Roll",
  "Nr",
  "Status",
  "Jan",
  "aug 2021",
  "Belopp (tkr)",
];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT, ...HEADERS),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.boolean(),
  fc.constant(null),
);
const rows = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 25 });
const SHEETS = [
  "Ansvar",
  "Budget",
  "Utfall",
  "Prognos",
  "Volymer",
  "Åtgärder",
  "Inställningar",
  "Kolumnmappning",
  "__proto__",
  "constructor",
];
const workbook = fc.dictionary(fc.constantFrom(...SHEETS), rows, { minKeys: 1, maxKeys: 6 });

const ORIGINAL = Object.getOwnPropertyNames(Object.prototype);
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(ORIGINAL);
  expect(({} as Record<string, unknown>).hidden).toBeUndefined();
});

describe("malformed sheet data (fast-check)", () => {
  it("gives values or Swedish errors naming a sheet, never an exception, in bounded time", async () => {
    await fc.assert(
      fc.asyncProperty(workbook, async (sheets) => {
        const reader = memoryReader(sheets as Record<string, CellValue[][]>);
        const started = performance.now();
        const read = await readSettings(reader);
        for (const e of [...read.errors, ...read.warnings]) expect(e.message).toMatch(/[a-zåäö]/);
        const s = settings({ ...(read.settings.columnMapping ? { columnMapping: read.settings.columnMapping } : {}) });
        for (const outcome of [
          await readPrognosisInput(reader, s),
          await readVolumeInput(reader, s),
          await readActionPlanInput(reader, s),
        ]) {
          for (const e of [...outcome.errors, ...outcome.warnings]) {
            expect(typeof e.sheet).toBe("string");
            expect(e.message).not.toMatch(/\bundefined\b|\[object Object\]|TypeError/);
          }
          if (outcome.errors.length === 0) expect(outcome.value).toBeDefined();
        }
        expect(performance.now() - started).toBeLessThan(2000);
        expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(ORIGINAL);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
