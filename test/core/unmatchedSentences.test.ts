/**
 * A sentence never states a level's result when that level's input was not matched to the hierarchy: it says why
 * (how many rows, on which sheet, how much money) and points to Kontroller. The other levels keep their sentences.
 */
import { describe, expect, it } from "vitest";
import { forecastCommentary, generateSentence } from "../../src/core/commentary";
import { calculatePrognosis, type PrognosisInput } from "../../src/core/prognosis";
import { makePeriod } from "../../src/core/periods";
import { resultSentence } from "../../src/report/summarySheet";

/** Two verksamheter by name only; Hemtjänst's utfall written as "Hemtjanst", which matched nothing. */
const input: PrognosisInput = {
  year: 2023,
  month: 12,
  costCentres: [
    { key: "Äldreomsorg", name: "Äldreomsorg" },
    { key: "Äldreomsorg / Hemtjänst", name: "Hemtjänst", parentKey: "Äldreomsorg" },
    { key: "Individ och familj", name: "Individ och familj" },
    { key: "Individ och familj / Försörjningsstöd", name: "Försörjningsstöd", parentKey: "Individ och familj" },
  ],
  budgets: [
    { costCentre: "Äldreomsorg / Hemtjänst", annual: 1_000_000 },
    { costCentre: "Individ och familj / Försörjningsstöd", annual: 2_000_000 },
  ],
  actuals: [
    { costCentre: "Individ och familj / Försörjningsstöd", period: makePeriod(2023, 3), amount: 2_500_000 },
    ...[400_000, 500_000, 334_000].map((amount, i) => ({
      costCentre: "Hemtjanst",
      period: makePeriod(2023, i + 1),
      amount,
    })),
  ],
  proposalMethod: "phasedBudgetPlusVariance",
  unmatched: [
    {
      key: "Hemtjanst",
      sheet: "Utfall",
      cell: "A2",
      rows: 3,
      amount: 1_234_000,
      suggestedKey: "Äldreomsorg / Hemtjänst",
    },
  ],
};

describe("a level whose input was not matched", () => {
  const result = calculatePrognosis(input);
  const sentences = Object.fromEntries(
    forecastCommentary(result, "Socialnämnden").map((l) => [l.key, generateSentence(l)]),
  );

  it("says why instead of a result, for the level the rows were meant for, the levels above it and the nämnd", () => {
    const why =
      "3 rader på bladet Utfall (1 234 tkr) kunde inte knytas till ansvar, se Kontroller; resultatet anges inte förrän de är rättade.";
    expect(sentences["Äldreomsorg"]).toBe(`Äldreomsorg: ${why}`);
    expect(sentences["Äldreomsorg / Hemtjänst"]).toBe(`Hemtjänst: ${why}`);
    expect(sentences["total"]).toBe(`Socialnämnden: ${why}`);
    expect(resultSentence(result)).toBe(`Årets resultat anges inte: ${why}`);
    for (const s of [sentences["Äldreomsorg"], sentences["total"], resultSentence(result)])
      expect(s).not.toMatch(/i balans|överskott|underskott/);
  });

  it("keeps the result of a level whose input all matched", () => {
    expect(sentences["Individ och familj"]).toBe("Individ och familj redovisade ett underskott på 500 tkr.");
  });

  it("states every result when every key matched", () => {
    const matched = calculatePrognosis({
      ...input,
      actuals: input.actuals.map((a) =>
        a.costCentre === "Hemtjanst" ? { ...a, costCentre: "Äldreomsorg / Hemtjänst" } : a,
      ),
      unmatched: [],
    });
    const lines = forecastCommentary(matched, "Socialnämnden");
    expect(lines.every((l) => l.unmatched === undefined)).toBe(true);
    expect(generateSentence(lines.find((l) => l.key === "Äldreomsorg")!)).toBe(
      "Äldreomsorg redovisade ett underskott på 234 tkr.",
    );
    expect(resultSentence(matched)).toBe("Årets resultat är ett underskott på 734 tkr (24,5 % av budget).");
  });
});
