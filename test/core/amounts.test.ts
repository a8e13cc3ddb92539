import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  convertMoney,
  formatNumber,
  formatPercent,
  formatTkr,
  parseAmount,
  PERCENT,
  roundExcel,
  TKR,
  VOLUME,
  type AmountKind,
} from "../../src/core/amounts";

interface Case {
  kind: "tkr" | "volume" | "percent" | "period";
  value: unknown;
  expect: { number?: number; empty?: boolean; error?: boolean; period?: string };
  note: string;
}
const corpus = JSON.parse(readFileSync(new URL("../fixtures/badinput/cells.json", import.meta.url), "utf8")) as Case[];
const KINDS: Record<string, AmountKind> = { tkr: TKR, volume: VOLUME, percent: PERCENT };

/** Every error names the value it refused and says, in Swedish, what was expected. */
function expectSwedishError(result: ReturnType<typeof parseAmount>, shown: string): void {
  expect(result.kind).toBe("error");
  if (result.kind !== "error") return;
  expect(result.message).toContain("förväntade");
  expect(result.message).toContain(`"${shown}"`);
  expect(result.message).toMatch(/t\.ex\./);
}

describe("parseAmount on the whole bad-input corpus", () => {
  const cases = corpus.filter((c) => c.kind !== "period");
  it("covers every amount kind of the corpus", () => {
    expect(cases.length).toBeGreaterThanOrEqual(41);
  });
  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify(c.value)}: ${c.note}`, () => {
      const r = parseAmount(c.value, KINDS[c.kind]!);
      if (c.expect.number !== undefined) {
        expect(r).toEqual({ kind: "value", value: c.expect.number });
        if (r.kind === "value") expect(Object.is(r.value, -0)).toBe(false);
      } else if (c.expect.empty) expect(r).toEqual({ kind: "empty" });
      else {
        expect(c.expect.error).toBe(true);
        const shown = typeof c.value === "boolean" ? (c.value ? "SANT" : "FALSKT") : String(c.value).trim();
        expectSwedishError(r, shown);
      }
    });
  }
});

describe("parseAmount on the seeds' own cells (000 S52-S57, 002 G44-G45)", () => {
  const numbers: Array<[unknown, AmountKind, number, string]> = [
    ["-85 620", TKR, -85620, "S52"],
    ["-1 263", TKR, -1263, "S52"],
    ["206 147", TKR, 206147, "S52"],
    ["1402", TKR, 1402, "S52: without grouping"],
    ["-0", TKR, 0, "S54: negative zero"],
    ["9,5 %", PERCENT, 0.095, "S55"],
    ["90,1%", PERCENT, 0.901, "S55"],
    ["51,4%", PERCENT, 0.514, "S55"],
    ["12 mkr", TKR, 12000, "S57: mkr = mnkr"],
    ["13,0 mnkr", TKR, 13000, "S57"],
    ["6 139 tkr", TKR, 6139, "S57"],
    [
      "1 488 kr",
      TKR,
      1.488,
      "S57: kr in a tkr column is converted (the text meant tkr: the reader must show the unit)",
    ],
    ["-2 800", TKR, -2800, "G44"],
    ["- 1 102", TKR, -1102, "G44: space after the minus"],
    ["2000", TKR, 2000, "G44"],
    ["18 908", TKR, 18908, "G44"],
    ["+18 908 tkr", TKR, 18908, "G44"],
    ["8,81 %", PERCENT, 0.0881, "G45"],
    ["1,5 tjänst", VOLUME, 1.5, "G45: tjänster are a volume"],
    ["1 500 timmar", VOLUME, 1500, "volume with its unit"],
  ];
  for (const [raw, kind, value, note] of numbers) {
    it(`${JSON.stringify(raw)} is ${value} (${note})`, () => {
      expect(parseAmount(raw, kind)).toEqual({ kind: "value", value });
    });
  }
  it("'-' is missing, not zero and not a minus (S53)", () => {
    expect(parseAmount("-", TKR)).toEqual({ kind: "empty" });
  });
  it("refuses an approximate amount, a ratio and bold markup with a Swedish message (G45, S56, G44)", () => {
    expectSwedishError(parseAmount("ca 1,8 mnkr", TKR), "ca 1,8 mnkr");
    expectSwedishError(parseAmount("5/17", TKR), "5/17");
    expectSwedishError(parseAmount("<b>-239 326</b>", TKR), "<b>-239 326</b>");
  });
  it("names what each kind expects", () => {
    const tkr = parseAmount("abc", TKR);
    const vol = parseAmount("-3", VOLUME);
    const pct = parseAmount("hälften", PERCENT);
    expect(tkr.kind === "error" && tkr.message).toBe(
      '"abc" är inte ett belopp: förväntade ett belopp i tkr, t.ex. 1 234 eller -1 102.',
    );
    expect(vol.kind === "error" && vol.message).toBe(
      '"-3" är negativ: förväntade en volym (ett tal som inte är negativt), t.ex. 2,5.',
    );
    expect(pct.kind === "error" && pct.message).toBe(
      '"hälften" är inte en andel: förväntade en andel i procent, t.ex. 12,5 %.',
    );
  });
});

describe("roundExcel", () => {
  it("rounds half away from zero like Excel's ROUND (002 G27, G28, G31)", () => {
    expect(Math.round(-3725.5)).toBe(-3725);
    expect(roundExcel(-3725.5)).toBe(-3726);
    expect(roundExcel(1205.5)).toBe(1206);
    expect(roundExcel(-24886.5)).toBe(-24887);
    expect(roundExcel(2.675, 2)).toBe(2.68);
    expect(roundExcel(-2.675, 2)).toBe(-2.68);
    expect(roundExcel(1.005, 2)).toBe(1.01);
    expect(roundExcel(1234.4)).toBe(1234);
    expect(roundExcel(-1234.4)).toBe(-1234);
    expect(roundExcel(0.5)).toBe(1);
    expect(roundExcel(-0.5)).toBe(-1);
    expect(roundExcel(1250, -2)).toBe(1300);
  });
  it("never returns negative zero (000 S11, S54: '-0' is 0)", () => {
    expect(Object.is(roundExcel(-0.4), 0)).toBe(true);
    expect(Object.is(roundExcel(-0), 0)).toBe(true);
  });
});

describe("formatting", () => {
  it("prints Swedish number text as the reports do", () => {
    expect(formatNumber(-2050)).toBe("-2 050");
    expect(formatNumber(216123)).toBe("216 123");
    expect(formatNumber(1234567.891, 2)).toBe("1 234 567,89");
    expect(formatNumber(-3725.5)).toBe("-3 726");
    expect(formatNumber(-0.4)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(0.125, 3)).toBe("0,125");
  });
  it("shows kronor as tkr: Herrljunga's IFO variance -2 050 tkr, Gnesta's HSE -3 726", () => {
    expect(formatTkr(-2_050_000)).toBe("-2 050");
    expect(formatTkr(-3_725_500)).toBe("-3 726");
    expect(formatTkr(1_205_500)).toBe("1 206");
    expect(formatTkr(136_434_600)).toBe("136 435");
  });
  it("shows shares as percent (000 S36: 13 of 18 = 72 %)", () => {
    expect(formatPercent(13 / 18)).toBe("72 %");
    expect(formatPercent(0.6694, 2)).toBe("66,94 %");
  });
  it("converts between kr, tkr and mnkr", () => {
    expect(convertMoney(1.8, "mnkr", "tkr")).toBe(1800);
    expect(convertMoney(2500, "kr", "tkr")).toBe(2.5);
    expect(convertMoney(216123, "tkr", "kr")).toBe(216_123_000);
  });
});
