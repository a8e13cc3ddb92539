import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber, roundExcel } from "../../src/core/amounts";
import {
  generateSentence,
  outcomeOf,
  outcomePhrase,
  planCommentaryUpdate,
  PREVIOUS_YEAR_LABEL,
  previousForecastLabel,
} from "../../src/core/commentary";
import { readGolden } from "./goldenCsv";

const k = (tkr: number): number => tkr * 1000;

describe("the word comes from the sign of the shown amount", () => {
  it("S60: 70 → överskott 70 tkr; -1 059 → underskott 1 059 tkr; 0 → i balans", () => {
    expect([outcomePhrase(k(70)), outcomePhrase(k(-1059)), outcomePhrase(0)]).toEqual([
      "överskott 70 tkr",
      "underskott 1 059 tkr",
      "i balans",
    ]);
  });

  it("-0,4 tkr is shown as 0: i balans; -0,5 tkr rounds away from zero to an underskott of 1 tkr", () => {
    expect(outcomeOf(-400)).toBe("balance");
    expect(outcomeOf(400)).toBe("balance");
    expect(outcomePhrase(-500)).toBe("underskott 1 tkr");
    expect(outcomePhrase(k(-1607))).toBe("underskott 1 607 tkr");
  });
});

describe("sentences", () => {
  it("forecast, every sign (seed 004)", () => {
    const f = (name: string, tkr: number) => generateSentence({ key: name, name, kind: "forecast", variance: k(tkr) });
    expect(f("Individ och familjeomsorg", -2050)).toBe(
      "Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret.",
    );
    expect(f("Förvaltningsledning", 1450)).toBe(
      "Förvaltningsledning prognostiserar ett överskott på 1 450 tkr för helåret.",
    );
    expect(f("Nämnd", 0)).toBe("Nämnd prognostiserar en budget i balans för helåret.");
    expect(f("Nämnd", -0.4)).toBe("Nämnd prognostiserar en budget i balans för helåret.");
  });

  it("year end with the comparison period named (seed 000)", () => {
    expect(
      generateSentence({
        key: "44",
        name: "Vård och omsorg",
        kind: "yearEnd",
        variance: k(7990),
        comparison: { variance: k(-1607), label: "föregående år" },
      }),
    ).toBe("Vård och omsorg redovisade ett överskott på 7 990 tkr (underskott 1 607 tkr föregående år).");
    expect(
      generateSentence({
        key: "42",
        name: "Individ och familjeomsorg",
        kind: "yearEnd",
        variance: k(-1059),
        comparison: { variance: 0, label: "2020" },
      }),
    ).toBe("Individ och familjeomsorg redovisade ett underskott på 1 059 tkr (i balans 2020).");
  });

  it("to date, and balance", () => {
    expect(
      generateSentence({ key: "SN", name: "Socialnämnden", kind: "toDate", variance: k(4793), period: "augusti 2021" }),
    ).toBe("Socialnämnden visar ett överskott på 4 793 tkr per augusti 2021.");
    expect(generateSentence({ key: "447", name: "Hälso och sjukvård", kind: "toDate", variance: 0 })).toBe(
      "Hälso och sjukvård visar en budget i balans.",
    );
  });

  it("never writes a negative amount after a word, for every line of seed 004", () => {
    for (const r of readGolden("004_prognos_per_ansvar.csv")) {
      const sentence = generateSentence({
        key: r["ansvar"]!,
        name: r["benamning"]!,
        kind: "forecast",
        variance: k(Number(r["avvikelse_helar"])),
      });
      expect(sentence).not.toMatch(/skott på -/);
      expect(sentence).not.toMatch(/skott på 0 tkr/);
    }
  });
});

describe("for any amount", () => {
  it("the word matches the sign of the shown tkr and the amount after it is never negative or zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5e9, max: 5e9 }),
        fc.constantFrom("forecast", "yearEnd", "toDate") as fc.Arbitrary<"forecast" | "yearEnd" | "toDate">,
        (kronor, kind) => {
          const sentence = generateSentence({ key: "x", name: "X", kind, variance: kronor });
          const shown = roundExcel(kronor / 1000);
          if (shown > 0) expect(sentence).toContain(`ett överskott på ${formatNumber(shown)} tkr`);
          else if (shown < 0) expect(sentence).toContain(`ett underskott på ${formatNumber(-shown)} tkr`);
          else expect(sentence).toContain("en budget i balans");
          expect(sentence).not.toMatch(/på -|på 0 tkr/);
        },
      ),
    );
  });
});

describe("regeneration does not overwrite an edited sentence without asking", () => {
  const prev = {
    a: "A prognostiserar ett underskott på 100 tkr för helåret.",
    b: "B prognostiserar en budget i balans för helåret.",
    c: "C old.",
    d: "D old.",
  };

  it("replaces our own text, keeps an edit when the data did not change, asks when they did", () => {
    const current = {
      a: prev.a, // untouched
      b: "B prognostiserar en budget i balans för helåret, tack vare vakanser.", // edited
      c: "C edited by the controller.", // edited
      d: prev.d,
    };
    const next = {
      a: "A prognostiserar ett underskott på 250 tkr för helåret.",
      b: prev.b, // same data as before
      c: "C new.",
      e: "E new line.",
    };
    const plan = planCommentaryUpdate(prev, current, next);
    expect(plan.map((p) => `${p.key}:${p.action}`)).toEqual(["a:replace", "b:keep", "c:ask", "e:replace", "d:replace"]);
    expect(plan.find((p) => p.key === "d")!.proposed).toBeNull();
    expect(plan.find((p) => p.key === "c")).toMatchObject({
      current: "C edited by the controller.",
      proposed: "C new.",
    });
  });

  it("keeps a text already equal to the new one, asks about an edited line that is no longer generated", () => {
    const plan = planCommentaryUpdate({ x: "X old." }, { x: "X new.", y: "Y typed by hand." }, { x: "X new." });
    expect(plan.map((p) => `${p.key}:${p.action}`)).toEqual(["x:keep", "y:ask"]);
  });
});

describe("the comparison period is named", () => {
  it("names the earlier forecast by its month, and the previous year at year end", () => {
    expect(previousForecastLabel(7)).toBe("i prognosen i juli");
    expect(PREVIOUS_YEAR_LABEL).toBe("föregående år");
    expect(
      generateSentence({
        key: "42",
        name: "Individ och familjeomsorg",
        kind: "forecast",
        variance: k(-2050),
        comparison: { variance: k(-1200), label: previousForecastLabel(4) },
      }),
    ).toBe(
      "Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret (underskott 1 200 tkr i prognosen i april).",
    );
  });
});
