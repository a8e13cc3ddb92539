import { describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_PLAN, DEFAULT_COST_LINES } from "../../src/core/accountClasses";
import { accountBudgetFromScan, accountPlanFromScan, costTypeFromText } from "../../src/input/accountPlanInput";
import { DEFAULT_SETTINGS } from "../../src/input/settings";
import { formatInputError } from "../../src/input/errors";
import { scanWorkbook } from "../../src/input/scan";
import { memoryReader } from "./helpers";

describe("Kontoplan sheet", () => {
  it("reads Konto från | Konto till | Kostnadsslag; Konto till may be left out", async () => {
    const scan = await scanWorkbook(
      memoryReader({
        Kontoplan: [
          ["Konto från", "Konto till", "Kostnadsslag"],
          [3000, 3999, "Intäkter"],
          [5, null, "Personalkostnader"],
          ["61", "64", "Lokalkostnader, energi, VA"],
          [4000, 4999, "Övriga kostnader"],
          ["6810", "6899", "Kapitalkostnad"],
        ],
      }),
    );
    const out = accountPlanFromScan(scan);
    expect(out.errors).toEqual([]);
    expect(out.value).toMatchObject({
      source: "sheet",
      ranges: [
        { from: "3000", to: "3999", costType: "revenue" },
        { from: "5", to: "5", costType: "personnel" },
        { from: "61", to: "64", costType: "premises" },
        { from: "4000", to: "4999", costType: "other" },
        { from: "6810", to: "6899", costType: "capital" },
      ],
    });
    expect(out.rows).toEqual({ read: 5, used: 5, rejected: 0 });
  });

  it("without the sheet: the Kommun-Bas default", async () => {
    const scan = await scanWorkbook(
      memoryReader({
        Utfall: [
          ["Ansvar", "Konto", "Period", "Belopp"],
          [410, 5011, "2021-01", 100],
        ],
      }),
    );
    expect(accountPlanFromScan(scan).value).toEqual({
      source: "default",
      ranges: DEFAULT_ACCOUNT_PLAN,
      lines: DEFAULT_COST_LINES,
    });
  });

  it("takes any number of lines of the kommun's own, revenue split apart: Härryda's ten (seed 001's resultatbudget)", async () => {
    const scan = await scanWorkbook(
      memoryReader({
        Kontoplan: [
          ["Konto från", "Konto till", "Kostnadsslag", "Typ"],
          [31, 33, "Taxor och avgifter", null],
          [34, 35, "Hyror och arrenden", null],
          [36, 36, "Bidrag", "Intäkt"],
          [37, 38, "Fsg av verksamhet och entreprenad", null],
          [39, null, "Övriga intäkter", null],
          [5, null, "Lönekostnader", null],
          [46, null, "Köp av huvudverksamhet", null],
          [61, null, "Lokalhyror och markhyror", null],
          [68, null, "Avskrivningar och internränta", null],
          [84, null, "Avskrivningar och internränta", null],
          [40, 45, "Övriga kostnader", null],
          [62, 67, "Övriga kostnader", "Kostnad"],
          [69, 79, "Övriga kostnader", null],
        ],
      }),
    );
    const out = accountPlanFromScan(scan);
    expect(out.errors).toEqual([]);
    const lines = out.value!.lines;
    expect(lines.map((l) => [l.label, l.revenue])).toEqual([
      ["Taxor och avgifter", true],
      ["Hyror och arrenden", true],
      ["Bidrag", true],
      ["Fsg av verksamhet och entreprenad", true],
      // Not Övriga kostnader: a line of its own, revenue by its konton (klass 3).
      ["Övriga intäkter", true],
      ["Lönekostnader", false],
      ["Köp av huvudverksamhet", false],
      ["Lokalhyror och markhyror", false],
      ["Avskrivningar och internränta", false],
      ["Övriga kostnader", false],
    ]);
    // The default's name is the default's line.
    expect(lines.find((l) => l.label === "Övriga kostnader")!.key).toBe("other");
    expect(out.value!.ranges.filter((r) => r.costType === lines[8]!.key).map((r) => r.from)).toEqual(["68", "84"]);
  });

  it("names the cell of a line given as revenue and as cost, a konto that is none, and a range backwards", async () => {
    const scan = await scanWorkbook(
      memoryReader({
        Kontoplan: [
          ["Konto från", "Konto till", "Kostnadsslag", "Typ"],
          [3000, 3999, "Skatter", null],
          [4000, 4099, "Skatter", "Kostnad"],
          ["abc", null, "Intäkter", null],
          [6299, 6100, "Lokalkostnader", null],
        ],
      }),
    );
    const out = accountPlanFromScan(scan);
    expect(out.value).toBeUndefined();
    expect(out.errors.map(formatInputError)).toEqual([
      'Blad "Kontoplan", cell D3: Skatter är en intäkt i cell C2 men en kostnad här: ange Typ (Intäkt eller Kostnad) så att raden är samma överallt.',
      'Blad "Kontoplan", cell A4: "abc" är inget konto: förväntade ett kontonummer eller en kontogrupp, t.ex. 5011 eller 61.',
      'Blad "Kontoplan", cell B5: konto till 6100 ligger före konto från 6299: förväntade det sista kontot i intervallet.',
    ]);
  });

  it("kostnadsslag by its words", () => {
    expect(costTypeFromText("Lokalkostnader, energi, VA")).toBe("premises");
    expect(costTypeFromText("övriga kostnader")).toBe("other");
    expect(costTypeFromText("Avskrivningar")).toBe("capital");
    expect(costTypeFromText("Skatter")).toBeUndefined();
    // A name is the default's line only whole: "Övriga intäkter" is not Övriga kostnader.
    expect(costTypeFromText("Övriga intäkter")).toBeUndefined();
  });
});

describe("Budget per konto sheet", () => {
  const settings = { ...DEFAULT_SETTINGS, year: 2021, month: 8 };

  it("reads Konto | Budget helår in the settings' unit and sign convention, kronor inside", async () => {
    const scan = await scanWorkbook(
      memoryReader({
        "Budget per konto": [
          ["Konto", "Budget helår (tkr)"],
          ["3510", "-1 200"],
          [5110, 4000.5],
        ],
      }),
    );
    expect(accountBudgetFromScan(scan, settings).value).toEqual([
      { account: "3510", annual: -1_200_000 },
      { account: "5110", annual: 4_000_500 },
    ]);
    // Gnesta's convention (costs negative) is turned around at the edge.
    expect(accountBudgetFromScan(scan, { ...settings, signConvention: "costNegative" }).value).toEqual([
      { account: "3510", annual: 1_200_000 },
      { account: "5110", annual: -4_000_500 },
    ]);
  });

  it("names the cell of a konto that is none, and of one given twice; no value without the sheet", async () => {
    const scan = await scanWorkbook(
      memoryReader({
        "Budget per konto": [
          ["Konto", "Budget helår"],
          ["Löner", 100],
          ["5110", 200],
          ["5110", 300],
        ],
      }),
    );
    const out = accountBudgetFromScan(scan, settings);
    expect(out.value).toBeUndefined();
    expect(out.errors.map(formatInputError)).toEqual([
      'Blad "Budget per konto", cell A2: "Löner" är inget konto: förväntade ett kontonummer, t.ex. 5110.',
      'Blad "Budget per konto", cell A4: konto 5110 står två gånger: cell A3 och A4. Lämna en rad per konto.',
    ]);
    expect(accountBudgetFromScan(await scanWorkbook(memoryReader({})), settings)).toMatchObject({
      value: undefined,
      errors: [],
    });
  });
});
