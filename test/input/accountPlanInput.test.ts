import { describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_PLAN } from "../../src/core/accountClasses";
import { accountPlanFromScan, costTypeFromText } from "../../src/input/accountPlanInput";
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
    const scan = await scanWorkbook(memoryReader({ Utfall: [["Ansvar", "Konto", "Period", "Belopp"], [410, 5011, "2021-01", 100]] }));
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
