/**
 * The calculators' problems (src/core/errors.ts) in Swedish, for the edges: a reader that knows the cells adds
 * the cell, the command line and the task pane show a failed run with `failureText`.
 */
import { CoreError, type CoreProblem } from "../core/errors";

const roleLine = (role: "purchaser" | "provider") => (role === "purchaser" ? "Beställarraden" : "Utförarraden");
const otherRole = (role: "purchaser" | "provider") => (role === "purchaser" ? "utförare" : "beställare");

export function coreProblemText(p: CoreProblem): string {
  switch (p.code) {
    case "duplicateCostCentre":
      return `Ansvar ${p.key} finns två gånger i ansvarsstrukturen.`;
    case "unknownParent":
      return `Ansvar ${p.key} (${p.name}) har överordnad ${p.parentKey}, som inte finns.`;
    case "hierarchyCycle":
      return p.members.length === 1
        ? `Ansvarsstrukturen har en cirkel genom ${p.members[0]}.`
        : `Ansvarsstrukturen har en cirkel: ${p.members.join(" > ")}.`;
    case "monthOutOfRange":
      return `Uppföljningsmånaden måste vara 1-12, inte ${p.month}.`;
    case "unknownBudgetVersion":
      return `Budgetversionen ${p.version} finns inte.`;
    case "duplicateMeasure":
      return `Åtgärd ${p.id} finns två gånger i åtgärdsplanen.`;
    case "duplicateVolumeLine":
      return `Volymraden ${p.key} finns två gånger.`;
    case "budgetVolumeMonths":
      return `Volymraden ${p.key} (${p.name}): budgeterad volym per månad ska ha 12 värden, inte ${p.count}.`;
    case "actualVolumeMonths":
      return `Volymraden ${p.key} (${p.name}): utfallsvolym per månad har ${p.count} värden, men uppföljningen avser ${p.month} månader.`;
    case "negativeVolume":
      return `Volymraden ${p.key} (${p.name}): ${p.which === "budget" ? "budgeterad volym" : "utfallsvolym"} får inte vara negativ (${p.value}).`;
    case "purchaserWithoutProvider":
      return `Beställarraden ${p.key} anger ingen utförare.`;
    case "counterpartMissing":
      return `${roleLine(p.role)} ${p.key} hänvisar till ${p.counterpartKey}, som inte finns.`;
    case "counterpartWrongRole":
      return `${roleLine(p.role)} ${p.key} hänvisar till ${p.counterpartKey}, som inte är ${otherRole(p.role)}.`;
    case "counterpartsDisagree":
      return `${p.key} och ${p.counterpartKey} hänvisar inte till varandra.`;
    case "providerWithTwoPurchasers":
      return `Utföraren ${p.providerKey} har fler än en beställare (${p.purchaserKeys[0]} och ${p.purchaserKeys[1]}).`;
    case "providerWithoutPurchaser":
      return `Utförarraden ${p.key} har ingen beställare.`;
    case "statementColumnMissing":
      return `Raden ${p.label} börjar eller slutar i en kolumn som inte finns.`;
    case "budgetYearsNotConsecutive":
      return `Budgetåret och planåren ska följa på varandra, inte ${p.years.join(", ") || "inga år"}.`;
    case "budgetValuesPerYear":
      return `${p.id ? `${p.id}: ` : ""}${p.what} har ${p.count} värden, förväntade ${p.years} (ett per år).`;
    case "duplicateBudgetLine":
      return `Budgetraden ${p.area} / ${p.costType} finns två gånger.`;
    case "duplicateBudgetItem":
      return `${p.id} finns två gånger i budgetunderlaget.`;
    case "conversionWithoutAssumption":
      return `${p.id}: en omräkning av volymen saknar sitt antagande (t.ex. 365 dygn x 95 % beläggning).`;
    case "efficiencyForm":
      return `${p.id}: ett effektiviseringskrav anges antingen i procent eller i kronor för ett kostnadsslag.`;
    case "transferSides":
      return `${p.id}: en omfördelning behöver två olika verksamheter, från och till.`;
  }
}

/** What a failed run says: a calculator's problems in Swedish, one a line; any other error's own message. */
export function failureText(e: unknown): string {
  if (e instanceof CoreError) return e.problems.map(coreProblemText).join("\n");
  return e instanceof Error ? e.message : String(e);
}
