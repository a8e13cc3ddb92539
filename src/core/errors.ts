/**
 * What the calculators refuse, as data: a code and what it concerns, never a sentence. The edges word them
 * (`coreProblemText` in src/input/coreProblems.ts, in Swedish), and a reader that knows the cells names the cell.
 * The input readers check all of this before a calculator runs, so a user meets these only through a caller that
 * skipped a reader.
 */
export type CoreProblem =
  // The ansvar hierarchy (buildHierarchy).
  | { readonly code: "duplicateCostCentre"; readonly key: string }
  | { readonly code: "unknownParent"; readonly key: string; readonly name: string; readonly parentKey: string }
  /** `members` in the order of the parent links, the first repeated to close the circle ([a, b, a]); one key
   * when the circle was met from above ([a]). */
  | { readonly code: "hierarchyCycle"; readonly members: readonly string[] }
  // Prognosis and volume budget.
  | { readonly code: "monthOutOfRange"; readonly month: number }
  | { readonly code: "unknownBudgetVersion"; readonly version: string }
  // Åtgärdsplan.
  | { readonly code: "duplicateMeasure"; readonly id: string }
  // Volume budget: a line.
  | { readonly code: "duplicateVolumeLine"; readonly key: string }
  | { readonly code: "budgetVolumeMonths"; readonly key: string; readonly name: string; readonly count: number }
  | {
      readonly code: "actualVolumeMonths";
      readonly key: string;
      readonly name: string;
      readonly count: number;
      readonly month: number;
    }
  | {
      readonly code: "negativeVolume";
      readonly key: string;
      readonly name: string;
      readonly which: "budget" | "actual";
      readonly value: number;
    }
  // Volume budget: beställare/utförare pairs.
  | { readonly code: "purchaserWithoutProvider"; readonly key: string }
  | {
      readonly code: "counterpartMissing";
      readonly key: string;
      readonly role: "purchaser" | "provider";
      readonly counterpartKey: string;
    }
  | {
      readonly code: "counterpartWrongRole";
      readonly key: string;
      readonly role: "purchaser" | "provider";
      readonly counterpartKey: string;
    }
  | { readonly code: "counterpartsDisagree"; readonly key: string; readonly counterpartKey: string }
  | {
      readonly code: "providerWithTwoPurchasers";
      readonly providerKey: string;
      readonly purchaserKeys: readonly [string, string];
    }
  | { readonly code: "providerWithoutPurchaser"; readonly key: string }
  // Statements: a line that starts or ends in a column the table does not have.
  | { readonly code: "statementColumnMissing"; readonly label: string }
  // Budgetberedning (budgetBuilding.ts).
  | { readonly code: "budgetYearsNotConsecutive"; readonly years: readonly number[] }
  | {
      readonly code: "budgetValuesPerYear";
      readonly what: string;
      readonly id: string;
      readonly count: number;
      readonly years: number;
    }
  | { readonly code: "duplicateBudgetLine"; readonly area: string; readonly costType: string }
  | { readonly code: "duplicateBudgetItem"; readonly id: string }
  | { readonly code: "conversionWithoutAssumption"; readonly id: string }
  | { readonly code: "efficiencyForm"; readonly id: string }
  | { readonly code: "transferSides"; readonly id: string };

/** Thrown by a calculator with every problem it found at once. The message is for a developer's log only. */
export class CoreError extends Error {
  constructor(readonly problems: readonly CoreProblem[]) {
    super(problems.map((p) => JSON.stringify(p)).join("\n"));
    this.name = "CoreError";
  }
}
