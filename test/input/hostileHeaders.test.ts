/** Header recognition is linear in what it reads: no backtracking regular expression on a cell, a cut on length. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classifySheet,
  MAX_HEADER_CHARS,
  monthHeader,
  normaliseHeader,
  withoutParentheses,
} from "../../src/input/headers";
import type { SheetData } from "../../src/workbook/types";

describe("header recognition on hostile cells", () => {
  it("withoutParentheses gives what the regular expressions gave (fast-check)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[()a t]{0,40}$/), (text) => {
        const parts = withoutParentheses(text, " ");
        expect(parts.outside).toBe(text.replace(/\([^)]*\)/g, " "));
        expect(parts.first).toBe(/\(([^)]*)\)/.exec(text)?.[1]);
        expect(withoutParentheses(text, "").outside).toBe(text.replace(/\([^)]*\)/g, ""));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads headers as before: units in parentheses, Unit4's (T), a trailing year, month headers", () => {
    expect(normaliseHeader("Budget helår (tkr)")).toEqual({ key: "budgethelar", unit: "tkr" });
    expect(normaliseHeader("Ansvar(T)")).toEqual({ key: "ansvartext" });
    expect(normaliseHeader("Belopp 2021")).toEqual({ key: "belopp" });
    expect(monthHeader("aug 2023 (tkr)")).toEqual({ month: 8, year: 2023 });
    expect(monthHeader("Jan")).toEqual({ month: 1 });
  });

  it("looks at no more than MAX_HEADER_CHARS characters of a cell", () => {
    expect(normaliseHeader("Ansvar" + " ".repeat(MAX_HEADER_CHARS)).key).toBe("ansvar");
    expect(normaliseHeader("x".repeat(40_000)).key).toHaveLength(MAX_HEADER_CHARS);
  });

  it("20 cells of 32 KiB of '(' in the first rows are classified in well under a second", () => {
    const hostile = "(".repeat(32 * 1024);
    const values = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: 20 }, (_, c) => (c === r ? hostile : c === 0 ? "Ansvar" : `(${"a(".repeat(5000)}`)),
    );
    const data: SheetData = { sheet: "Budget", origin: { row: 0, column: 0 }, values };
    const t0 = performance.now();
    expect(classifySheet(data)).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
