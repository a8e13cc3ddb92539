/**
 * The bad-input corpus (test/fixtures/badinput/cells.json) through the sheet readers: every value is placed in a
 * column of its kind on a sheet, all of them at once, and each gives its number, stays missing (never 0), or
 * gives an error naming sheet and cell.
 */
import type { CellValue } from "../../src/cells";
import { describe, expect, it } from "vitest";
import { parseAmount, VOLUME, type MoneyUnit } from "../../src/core/amounts";
import { parsePeriod } from "../../src/core/periods";
import { formatInputError } from "../../src/input/errors";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import { readVolumeInput } from "../../src/input/volumeInput";
import { allCases, corpus, CORPUS_YEAR, expectCorpusThroughInput } from "../helpers/corpus";
import { memoryReader, settings } from "./helpers";

const cases = allCases;
const YEAR = CORPUS_YEAR;

describe("the bad-input corpus through the readers", () => {
  it("has every kind of the corpus", () => {
    expect(corpus.filter((c) => c.kind === "tkr").length).toBeGreaterThanOrEqual(36);
    expect(new Set(corpus.map((c) => c.kind))).toEqual(new Set(["tkr", "volume", "percent", "period"]));
  });

  it("tkr values in the Prognos helår column of a Prognos sheet", async () => {
    const tkr = cases.filter((c) => c.kind === "tkr");
    const values: CellValue[][] = [
      ["Ansvar", "Prognos helår", "Kommentar"],
      ...tkr.map((c, i) => [1000 + i, c.value, c.note]),
    ];
    const out = await readPrognosisInput(memoryReader({ Prognos: values }), settings({ year: YEAR }));
    const errors = out.errors.map(formatInputError);
    const warnings = out.warnings.map(formatInputError);
    tkr.forEach((c, i) => {
      const cell = `B${i + 2}`;
      const code = String(1000 + i);
      const mine = errors.filter((e) => e.includes(`cell ${cell}:`));
      if (c.expect.number !== undefined) expect(mine, c.note).toEqual([]);
      else if (c.expect.empty) {
        expect(mine, c.note).toEqual([]);
        // Missing is not zero: no forecast is entered (a method will propose one), and the user is told.
        expect(warnings, c.note).toContain(
          `Blad "Prognos", cell ${cell}: ansvar ${code} har ingen prognos ifylld: en prognos föreslås med vald metod.`,
        );
      } else {
        const parsed = parseAmount(c.value, { type: "money", unit: "tkr" as MoneyUnit });
        expect(parsed.kind, c.note).toBe("error");
        if (parsed.kind === "error") expect(mine, c.note).toEqual([`Blad "Prognos", cell ${cell}: ${parsed.message}`]);
      }
    });
    expect(out.rows.read).toBe(tkr.length);
    expect(out.rows.used).toBe(tkr.filter((c) => c.expect.number !== undefined).length);
    expect(out.rows.rejected).toBe(tkr.filter((c) => c.expect.number === undefined).length);
    // The same sheet without its bad cells gives the values themselves.
    const good = tkr.filter((c) => c.expect.number !== undefined);
    const clean = await readPrognosisInput(
      memoryReader({ Prognos: [["Ansvar", "Prognos helår"], ...good.map((c, i) => [1000 + i, c.value])] }),
      settings({ year: YEAR }),
    );
    expect(clean.errors).toEqual([]);
    expect(clean.value!.forecasts!.map((f) => f.forecast)).toEqual(good.map((c) => c.expect.number! * 1000));
    expect(clean.value!.forecasts!.every((f) => !Object.is(f.forecast, -0) && Number.isFinite(f.forecast))).toBe(true);
  });

  it("volume values in the Budgeterad volym column of a Volymer sheet", async () => {
    const volume = cases.filter((c) => c.kind === "volume");
    const header = [
      "Verksamhet",
      "Volymmått",
      "Enhet",
      "Budgeterad volym",
      "Á-pris (kr)",
      "Utfall volym",
      "Kostnad t.o.m. period (tkr)",
    ];
    const out = await readVolumeInput(
      memoryReader({
        Volymer: [header, ...volume.map((c, i) => ["Hemtjänst", `Mått ${i}`, "timmar", c.value, 450, 10, 5])],
      }),
      settings({ year: YEAR }),
    );
    const errors = out.errors.map(formatInputError);
    volume.forEach((c, i) => {
      const cell = `D${i + 2}`;
      if (c.expect.number !== undefined)
        expect(
          errors.filter((e) => e.includes(`cell ${cell}:`)),
          c.note,
        ).toEqual([]);
      else if (c.expect.empty)
        expect(errors, c.note).toContain(
          `Blad "Volymer", cell ${cell}: en budgeterad volym saknas: förväntade en budgeterad volym på raden.`,
        );
      else {
        const parsed = parseAmount(c.value, VOLUME);
        if (parsed.kind === "error")
          expect(errors, c.note).toContain(`Blad "Volymer", cell ${cell}: ${parsed.message}`);
        else expect.unreachable(c.note);
      }
    });
    const good = volume.filter((c) => c.expect.number !== undefined);
    const clean = await readVolumeInput(
      memoryReader({
        Volymer: [header, ...good.map((c, i) => ["Hemtjänst", `Mått ${i}`, "timmar", c.value, 450, 10, 5])],
      }),
      settings({ year: YEAR }),
    );
    expect(clean.value!.lines.map((l) => l.budgetVolume)).toEqual(good.map((c) => c.expect.number));
  });

  it("period values in the Period column of an Utfall sheet", async () => {
    const period = cases.filter((c) => c.kind === "period");
    const out = await readPrognosisInput(
      memoryReader({
        Utfall: [["Ansvar", "Konto", "Period", "Belopp"], ...period.map((c, i) => [1000 + i, 4010, c.value, 100])],
      }),
      settings({ year: YEAR, month: 12 }),
    );
    const errors = out.errors.map(formatInputError);
    period.forEach((c, i) => {
      const cell = `C${i + 2}`;
      const mine = errors.filter((e) => e.includes(`cell ${cell}:`));
      // The corpus's "aug" is an error when the sheet gives no year; a reader always knows the follow-up year.
      const expected = c.value === "aug" ? { period: `${YEAR}-08` } : c.expect;
      if (expected.period !== undefined) expect(mine, c.note).toEqual([]);
      else {
        const parsed = parsePeriod(c.value, YEAR);
        if (parsed.kind === "error") expect(mine, c.note).toEqual([`Blad "Utfall", cell ${cell}: ${parsed.message}`]);
        else expect.unreachable(c.note);
      }
    });
    expect(parsePeriod("aug").kind).toBe("error");
    const good = period.filter((c) => c.expect.period !== undefined || c.value === "aug");
    const clean = await readPrognosisInput(
      memoryReader({
        Utfall: [["Ansvar", "Konto", "Period", "Belopp"], ...good.map((c, i) => [1000 + i, 4010, c.value, 100])],
      }),
      settings({ year: YEAR, month: 12 }),
    );
    expect(clean.value!.actuals.map((a) => a.period)).toEqual(
      good.map((c) => (c.value === "aug" ? `${YEAR}-08` : c.expect.period)),
    );
  });

  it("the corpus ledger and volumes, as every reader is held to them (test/helpers/corpus.ts)", async () => {
    // The same checks the exceljs and Office.js readers are held to, on the sheets as values.
    await expectCorpusThroughInput(async (sheets, use) => use(memoryReader(sheets((c) => c.value))));
  });

  it("percent values: no input sheet has a percent column", () => {
    // The canonical sheets hold amounts, volumes and periods only; percent text is covered by parseAmount's tests.
    expect(corpus.filter((c) => c.kind === "percent").map((c) => c.value)).toEqual(["12,5 %", "8,81%", 0.125]);
  });
});
