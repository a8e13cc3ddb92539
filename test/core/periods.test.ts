import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  excelSerialToDate,
  makePeriod,
  monthFromName,
  parsePeriod,
  periodMonth,
  periodYear,
} from "../../src/core/periods";

interface Case {
  kind: string;
  value: unknown;
  expect: { period?: string; error?: boolean; empty?: boolean };
  note: string;
}
const corpus = (
  JSON.parse(readFileSync(new URL("../fixtures/badinput/cells.json", import.meta.url), "utf8")) as Case[]
).filter((c) => c.kind === "period");

describe("parsePeriod on the bad-input corpus", () => {
  it("has period cases", () => expect(corpus.length).toBeGreaterThanOrEqual(8));
  for (const c of corpus) {
    it(`${JSON.stringify(c.value)}: ${c.note}`, () => {
      const r = parsePeriod(c.value);
      if (c.expect.period !== undefined) expect(r).toEqual({ kind: "value", value: c.expect.period });
      else if (c.expect.empty) expect(r).toEqual({ kind: "empty" });
      else {
        expect(r.kind).toBe("error");
        if (r.kind === "error") {
          expect(r.message).toContain(`"${String(c.value)}"`);
          expect(r.message).toContain("förväntade en månad, t.ex. 2023-08, 202308 eller aug 2023");
        }
      }
    });
  }
});

describe("parsePeriod, more forms", () => {
  const ok: Array<[unknown, string, number?]> = [
    [202108, "2021-08"],
    ["2021/08", "2021-08"],
    ["08-2021", "2021-08"],
    ["aug. 2021", "2021-08"],
    ["maj-21", "2021-05"],
    ["2021 december", "2021-12"],
    [new Date(Date.UTC(2021, 7, 31)), "2021-08"],
    ["aug", "2021-08", 2021],
    ["Augusti", "2021-08", 2021],
    [8, "2021-08", 2021],
    ["8", "2021-08", 2021],
  ];
  for (const [raw, period, year] of ok) {
    it(`${String(raw)} is ${period}`, () => expect(parsePeriod(raw, year)).toEqual({ kind: "value", value: period }));
  }
  it("says why a value is refused, in Swedish", () => {
    expect(parsePeriod("aug")).toEqual({
      kind: "error",
      message: '"aug" saknar år: förväntade en månad, t.ex. 2023-08, 202308 eller aug 2023.',
    });
    expect(parsePeriod("2023-13")).toEqual({
      kind: "error",
      message: '"2023-13" har månad 13, som inte finns: förväntade en månad, t.ex. 2023-08, 202308 eller aug 2023.',
    });
    const r = parsePeriod("snart");
    expect(r.kind === "error" && r.message).toBe(
      '"snart" är ingen månad: förväntade en månad, t.ex. 2023-08, 202308 eller aug 2023.',
    );
    expect(parsePeriod(new Date(Number.NaN)).kind).toBe("error");
    expect(parsePeriod(true).kind).toBe("error");
  });
  it("treats an empty cell as missing", () => {
    expect(parsePeriod(null)).toEqual({ kind: "empty" });
    expect(parsePeriod("  ")).toEqual({ kind: "empty" });
  });
  it("has helpers that agree with each other", () => {
    expect(makePeriod(2021, 8)).toBe("2021-08");
    expect(periodYear("2021-08")).toBe(2021);
    expect(periodMonth("2021-08")).toBe(8);
    expect(monthFromName("Okt")).toBe(10);
    expect(monthFromName("foo")).toBeUndefined();
    expect(excelSerialToDate(45139).toISOString().slice(0, 10)).toBe("2023-08-01");
  });
});
