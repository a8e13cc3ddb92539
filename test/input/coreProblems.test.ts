import { describe, expect, it } from "vitest";
import { calculateActionPlan, type Measure } from "../../src/core/actionPlan";
import { CoreError, type CoreProblem } from "../../src/core/errors";
import { buildHierarchy } from "../../src/core/hierarchy";
import { calculatePrognosis } from "../../src/core/prognosis";
import { calculateVolumeBudget, type VolumeLine } from "../../src/core/volume";
import { coreProblemText, failureText } from "../../src/input/coreProblems";

/** What the command line and the task pane show when the calculator refuses. */
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return failureText(e);
  }
  return expect.fail("the calculator did not refuse");
};

const line: VolumeLine = {
  key: "L",
  area: "Vård och omsorg",
  name: "Hemtjänst",
  unit: "timmar",
  budgetVolume: 1,
  unitPrice: 1,
  fixedBudget: 0,
  actualVolume: 1,
  actualCost: 1,
};
const volumes =
  (month: number, ...lines: Partial<VolumeLine>[]) =>
  () =>
    calculateVolumeBudget({ year: 2021, month, lines: lines.map((l) => ({ ...line, ...l })) });
const measure: Measure = {
  id: "A",
  owner: "FL",
  description: "Färre inhyrda",
  status: "started",
  includedInForecast: false,
};

describe("the calculators' problems in Swedish, as a failed run shows them", () => {
  it("words the hierarchy's problems, all at once", () => {
    const text = refusal(() =>
      buildHierarchy([
        { key: "42", name: "IFO" },
        { key: "421", name: "Barn", parentKey: "42" },
        { key: "421", name: "Dubblett" },
        { key: "470", name: "X", parentKey: "47" },
        { key: "a", name: "A", parentKey: "b" },
        { key: "b", name: "B", parentKey: "a" },
      ]),
    );
    expect(text.split("\n")).toEqual([
      "Ansvar 421 finns två gånger i ansvarsstrukturen.",
      "Ansvar 470 (X) har överordnad 47, som inte finns.",
      "Ansvarsstrukturen har en cirkel: a > b > a.",
    ]);
  });

  it("words the prognosis's and the åtgärdsplan's refusals", () => {
    const prognosis = {
      year: 2021,
      month: 8,
      costCentres: [{ key: "1", name: "Nämnd" }],
      budgets: [],
      actuals: [],
      proposalMethod: "runRate",
    } as const;
    expect(refusal(() => calculatePrognosis({ ...prognosis, month: 13 }))).toBe(
      "Uppföljningsmånaden måste vara 1-12, inte 13.",
    );
    expect(
      refusal(() =>
        calculatePrognosis({ ...prognosis, budgetVersions: [{ id: "orig", kind: "original" }], budgetVersion: "x" }),
      ),
    ).toBe("Budgetversionen x finns inte.");
    expect(refusal(() => calculateActionPlan({ year: 2021, forecastVariance: 0, measures: [measure, measure] }))).toBe(
      "Åtgärd A finns två gånger i åtgärdsplanen.",
    );
  });

  it("words the volume budget's refusals, line by line and pair by pair", () => {
    expect(refusal(volumes(13))).toBe("Uppföljningsmånaden måste vara 1-12, inte 13.");
    expect(refusal(volumes(1, {}, {}))).toBe("Volymraden L finns två gånger.");
    expect(refusal(volumes(5, { actualVolumeMonthly: [1, 2] }))).toBe(
      "Volymraden L (Hemtjänst): utfallsvolym per månad har 2 värden, men uppföljningen avser 5 månader.",
    );
    expect(refusal(volumes(5, { budgetVolumeMonthly: [1, 2] }))).toBe(
      "Volymraden L (Hemtjänst): budgeterad volym per månad ska ha 12 värden, inte 2.",
    );
    expect(refusal(volumes(5, { budgetVolume: -3 }))).toBe(
      "Volymraden L (Hemtjänst): budgeterad volym får inte vara negativ (-3).",
    );
    expect(refusal(volumes(5, { actualVolume: -1 }))).toBe(
      "Volymraden L (Hemtjänst): utfallsvolym får inte vara negativ (-1).",
    );
    expect(refusal(volumes(1, { key: "b", role: "purchaser" }))).toBe("Beställarraden b anger ingen utförare.");
    expect(refusal(volumes(1, { key: "u", role: "provider" }))).toBe("Utförarraden u har ingen beställare.");
    expect(refusal(volumes(1, { key: "b", role: "purchaser", counterpartKey: "x" }, { key: "x" }))).toBe(
      "Beställarraden b hänvisar till x, som inte är utförare.",
    );
    expect(refusal(volumes(1, { key: "b", role: "purchaser", counterpartKey: "y" }))).toBe(
      "Beställarraden b hänvisar till y, som inte finns.",
    );
    expect(
      refusal(
        volumes(
          1,
          { key: "b1", role: "purchaser", counterpartKey: "u" },
          { key: "b2", role: "purchaser", counterpartKey: "u" },
          { key: "u", role: "provider" },
        ),
      ),
    ).toBe("Utföraren u har fler än en beställare (b1 och b2).");
    expect(
      refusal(
        volumes(
          1,
          { key: "b", role: "purchaser", counterpartKey: "u" },
          { key: "u", role: "provider", counterpartKey: "c" },
          { key: "c", role: "purchaser", counterpartKey: "u" },
        ),
      ),
    ).toBe("b och u hänvisar inte till varandra.");
  });

  it("has a sentence for every code, naming what it concerns", () => {
    const samples: CoreProblem[] = [
      { code: "hierarchyCycle", members: ["LSS"] },
      { code: "counterpartWrongRole", key: "u", role: "provider", counterpartKey: "o" },
      { code: "statementColumnMissing", label: "Hemtjänst" },
    ];
    expect(samples.map(coreProblemText)).toEqual([
      "Ansvarsstrukturen har en cirkel genom LSS.",
      "Utförarraden u hänvisar till o, som inte är beställare.",
      "Raden Hemtjänst börjar eller slutar i en kolumn som inte finns.",
    ]);
    expect(failureText(new Error("disken full"))).toBe("disken full");
  });
});
