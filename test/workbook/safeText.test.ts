import { describe, expect, it } from "vitest";
import { excelJsCellValue, isFormulaLike, officeCellValue } from "../../src/workbook/safeText";

const attacks = ['=HYPERLINK("http://example.com","Klicka")', "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"];

describe("formula injection guard", () => {
  it("recognises text that would start a formula", () => {
    for (const a of attacks) expect(isFormulaLike(a)).toBe(true);
    for (const ok of ["Nämnd", "IFO BoF", "Kostnad 1-2 tkr", ""]) expect(isFormulaLike(ok)).toBe(false);
  });

  it("gives Office.js an apostrophe before every text, so Excel parses none of it, and leaves other values alone", () => {
    expect(attacks.map(officeCellValue)).toEqual(attacks.map((a) => `'${a}`));
    expect(officeCellValue("1 234")).toBe("'1 234");
    expect(officeCellValue("2021-08")).toBe("'2021-08");
    expect(officeCellValue("'citat'")).toBe("''citat'");
    for (const t of ["TRUE", "1-2", "maj 21", "00123", "Hemtjänst Ljung"]) expect(officeCellValue(t)).toBe(`'${t}`);
    expect(officeCellValue("")).toBe("");
    expect(officeCellValue(-2_050_000)).toBe(-2_050_000);
    expect(officeCellValue(null)).toBeNull();
    expect(officeCellValue(true)).toBe(true);
  });

  it("keeps text for exceljs, with line breaks as \\n and XML-forbidden characters visible", () => {
    expect(attacks.slice(0, 5).map(excelJsCellValue)).toEqual(attacks.slice(0, 5));
    expect(excelJsCellValue("\r=1+1")).toBe("\n=1+1");
    expect(excelJsCellValue("rad 1\r\nrad 2")).toBe("rad 1\nrad 2");
    expect(excelJsCellValue("a\u0007b")).toBe("a\ufffdb");
    expect(excelJsCellValue(12.5)).toBe(12.5);
  });
});
