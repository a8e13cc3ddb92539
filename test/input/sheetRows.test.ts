import { decodeRange } from "../../src/cells";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costCentreKey, toKronor } from "../../src/input/sheetRows";

describe("sheet row helpers", () => {
  it("converts tkr with up to three decimals to exact kronor", () => {
    expect(toKronor(16393.4, "tkr")).toBe(16_393_400);
    expect(toKronor(-0.001, "tkr")).toBe(-1);
    expect(toKronor(1.8, "mnkr")).toBe(1_800_000);
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999, max: 999_999_999 }),
        fc.integer({ min: 0, max: 999 }),
        (whole, thousandths) => {
          const tkr = whole + Math.sign(whole || 1) * (thousandths / 1000);
          expect(toKronor(tkr, "tkr")).toBe(whole * 1000 + Math.sign(whole || 1) * thousandths);
        },
      ),
    );
  });

  it("reads an ansvar code with its name in the cell as the code", () => {
    expect(costCentreKey("441 Hemtjänst Herrljunga Landsbygd")).toBe("441");
    expect(costCentreKey("Stöd och vägledning")).toBe("Stöd och vägledning");
    expect(costCentreKey("441")).toBe("441");
    expect(costCentreKey(undefined)).toBeUndefined();
  });

  it("decodes A1 ranges", () => {
    expect(decodeRange("B3:C5")).toEqual({ top: 2, left: 1, bottom: 4, right: 2 });
    expect(decodeRange("$AA$10")).toEqual({ top: 9, left: 26, bottom: 9, right: 26 });
    expect(decodeRange("nej")).toBeUndefined();
  });
});
