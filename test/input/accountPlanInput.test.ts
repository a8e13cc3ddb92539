import { describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_PLAN } from "../../src/core/accountClasses";
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
    expect(out.value).toEqual({
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
    expect(accountPlanFromScan(scan).value).toEqual({ source: "default", ranges: DEFAULT_ACCOUNT_PLAN });
  });

  it("names the cell of an unknown kostnadsslag, a konto that is none, and a range backwards", async () => {
    const scan = await scanWorkbook(
      memoryReader({
        Kontoplan: [
          ["Konto från", "Konto till", "Kostnadsslag"],
          [3000, 3999, "Skatter"],
          ["abc", null, "Intäkter"],
          [6299, 6100, "Lokalkostnader"],
        ],
      }),
    );
    const out = accountPlanFromScan(scan);
    expect(out.value).toBeUndefined();
    expect(out.errors.map(formatInputError)).toEqual([
      'Blad "Kontoplan", cell C2: "Skatter" är inget kostnadsslag: förväntade Intäkter, Personalkostnader, Lokalkostnader, energi, VA, Övriga kostnader, Kapitalkostnad.',
      'Blad "Kontoplan", cell A3: "abc" är inget konto: förväntade ett kontonummer eller en kontogrupp, t.ex. 5011 eller 61.',
      'Blad "Kontoplan", cell B4: konto till 6100 ligger före konto från 6299: förväntade det sista kontot i intervallet.',
    ]);
  });

  it("kostnadsslag by its words", () => {
    expect(costTypeFromText("Lokalkostnader, energi, VA")).toBe("premises");
    expect(costTypeFromText("övriga kostnader")).toBe("other");
    expect(costTypeFromText("Avskrivningar")).toBe("capital");
    expect(costTypeFromText("Skatter")).toBeUndefined();
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
