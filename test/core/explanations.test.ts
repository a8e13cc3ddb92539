import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainVariance, UNEXPLAINED_LABEL } from "../../src/core/explanations";

const k = (tkr: number): number => tkr * 1000;

describe("variance explanations", () => {
  it("Gnesta ÄFH SoL ÄO: the text's components leave +3 001 tkr unexplained, flagged (002 G33)", () => {
    const e = explainVariance({
      key: "ÄFH/SoL ÄO",
      label: "SoL ÄO",
      variance: k(-9112),
      components: [
        { label: "Hemtjänsten", amount: k(-9600) },
        { label: "SÄBO", amount: k(600) },
        { label: "Korttidsboendet", amount: k(-2021) },
        { label: "Dagverksamheten", amount: k(-1092) },
      ],
    });
    expect(e.explained).toBe(k(-12113));
    expect(e.unexplained).toBe(k(3001));
    expect(e.lines.at(-1)).toEqual({ label: UNEXPLAINED_LABEL, amount: k(3001), unexplained: true });
    expect(e.unexplainedShare).toBeCloseTo(3001 / 9112, 10);
    expect(e.flagged).toBe(true);
  });

  it("Gnesta SoV: the four enheter explain the -9 002 exactly (002 G34)", () => {
    const e = explainVariance({
      key: "SoV",
      label: "Stöd och vägledning",
      variance: k(-9002),
      components: [
        { label: "Placeringar, främst HVB", amount: k(-6902) },
        { label: "Vuxenutbildning", amount: k(-1686) },
        { label: "Stöd till arbete", amount: k(-1543) },
        { label: "Verksamhetschef", amount: k(1129) },
      ],
    });
    expect(e.unexplained).toBe(0);
    expect(e.lines).toHaveLength(5);
    expect(e.lines[4]!.amount).toBe(0);
    expect(e.flagged).toBe(false);
  });

  it("Förvaltningsledning bridge from August to the full year leaves -645 tkr (002 G35)", () => {
    const e = explainVariance({
      key: "FL",
      label: "Förvaltningsledning",
      variance: k(-503),
      components: [
        { label: "Avvikelse t.o.m. augusti", amount: k(-458) },
        { label: "Vakans verksamhetschef SoV sep-dec", amount: k(350) },
        { label: "Sjuklöneersättning, ytterligare", amount: k(250) },
      ],
    });
    expect(e.unexplained).toBe(k(-645));
    expect(e.flagged).toBe(true);
  });

  it("Herrljunga's texts: BoF rest -578, HSV +100, Korttid -9 (000 S51)", () => {
    const bof = explainVariance({
      key: "BoF",
      label: "IFO barn och familj",
      variance: k(-3897),
      components: [
        { label: "Handläggning och öppna insatser", amount: k(-96) },
        { label: "Barn och ungdomsvård", amount: k(-3223) },
      ],
    });
    const hsv = explainVariance({
      key: "HSV",
      label: "Hälso- och sjukvård",
      variance: k(694),
      components: [
        { label: "Sjuksköterskor", amount: k(30) },
        { label: "Fotvården", amount: k(167) },
        { label: "Rehab", amount: k(397) },
      ],
    });
    const kort = explainVariance({
      key: "Korttid",
      label: "Korttidsenhet och bemanning",
      variance: k(742),
      components: [428, 342, 216, -335, 100].map((a, i) => ({ label: `del ${i + 1}`, amount: k(a) })),
    });
    expect([bof.unexplained, hsv.unexplained, kort.unexplained]).toEqual([k(-578), k(100), k(-9)]);
    expect([bof.flagged, hsv.flagged, kort.flagged]).toEqual([false, false, false]);
  });

  it("flags by the share set, and any remainder on a zero variance", () => {
    const input = { key: "x", label: "x", variance: k(1000), components: [{ label: "a", amount: k(850) }] };
    expect(explainVariance(input).flagged).toBe(false);
    expect(explainVariance(input, { maxUnexplainedShare: 0.1 }).flagged).toBe(true);
    const zero = explainVariance({ key: "z", label: "z", variance: 0, components: [{ label: "a", amount: k(5) }] });
    expect(zero.unexplainedShare).toBeUndefined();
    expect(zero.unexplained).toBe(k(-5));
    expect(zero.flagged).toBe(true);
  });

  it("always adds up to the variance", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.integer({ min: -1e8, max: 1e8 }), { maxLength: 8 }),
        (variance, amounts) => {
          const e = explainVariance({
            key: "p",
            label: "p",
            variance,
            components: amounts.map((amount, i) => ({ label: String(i), amount })),
          });
          expect(e.lines.reduce((s, l) => s + l.amount, 0)).toBe(variance);
        },
      ),
    );
  });
});
