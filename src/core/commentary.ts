/**
 * Generated commentary: the standard sentences of the reports, written from the data.
 * "Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret." (seed 004)
 * The word överskott / underskott / i balans comes from the sign of the amount *as shown* (rounded to tkr),
 * never the other way round, so the text can never say "överskott på -1 607" or "underskott på 0 tkr".
 * Amounts in kronor, variance convention (+ = överskott).
 */
import { formatNumber } from "./amounts";
import { MONTH_NAMES_SV } from "./periods";
import type { PrognosisResult, PrognosisRow } from "./prognosis";
import { shownTkr } from "./statements";

export type Outcome = "surplus" | "deficit" | "balance";

export const OUTCOME_WORD: Record<Outcome, string> = { surplus: "överskott", deficit: "underskott", balance: "i balans" };

/** The outcome of a variance, from its shown value: -400 kr is 0 tkr shown, so i balans. */
export function outcomeOf(kronor: number): Outcome {
  const shown = shownTkr(kronor);
  return shown > 0 ? "surplus" : shown < 0 ? "deficit" : "balance";
}

/** "överskott 70 tkr", "underskott 1 059 tkr", "i balans" (000 S60). */
export function outcomePhrase(kronor: number): string {
  const outcome = outcomeOf(kronor);
  return outcome === "balance" ? OUTCOME_WORD.balance : `${OUTCOME_WORD[outcome]} ${formatNumber(Math.abs(shownTkr(kronor)))} tkr`;
}

/** "ett överskott på 70 tkr", "ett underskott på 1 059 tkr", "en budget i balans". */
function objectPhrase(kronor: number): string {
  const outcome = outcomeOf(kronor);
  return outcome === "balance" ? "en budget i balans" : `ett ${OUTCOME_WORD[outcome]} på ${formatNumber(Math.abs(shownTkr(kronor)))} tkr`;
}

/** forecast: full-year prognosis; yearEnd: the bokslut; toDate: the result to a period. */
export type SentenceKind = "forecast" | "yearEnd" | "toDate";

export interface CommentaryLine {
  /** The line's key in the commentary sheet (ansvar code or area path). */
  readonly key: string;
  /** The subject of the sentence: "Individ och familjeomsorg". */
  readonly name: string;
  readonly kind: SentenceKind;
  /** The variance (kronor, + = överskott). */
  readonly variance: number;
  /** toDate: the period named, e.g. "augusti 2021". */
  readonly period?: string;
  /** The comparison figure and its period, named in the sentence: "föregående år", "i prognosen per april". */
  readonly comparison?: { readonly variance: number; readonly label: string };
  /** Where the line sits in the report: a sum of other lines (bold in the sheet), and its depth. */
  readonly role?: "line" | "subtotal" | "total";
  readonly depth?: number;
}

export function generateSentence(line: CommentaryLine): string {
  const what = objectPhrase(line.variance);
  let sentence: string;
  switch (line.kind) {
    case "forecast":
      sentence = `${line.name} prognostiserar ${what} för helåret`;
      break;
    case "yearEnd":
      sentence = `${line.name} redovisade ${what}`;
      break;
    case "toDate":
      sentence = `${line.name} visar ${what}${line.period ? ` per ${line.period}` : ""}`;
      break;
  }
  const comparison = line.comparison ? ` (${outcomePhrase(line.comparison.variance)} ${line.comparison.label})` : "";
  return `${sentence}${comparison}.`;
}

/** What regeneration does with one line of the commentary sheet. */
export type CommentaryAction =
  /** Leave the sheet's text: unchanged, or edited by the controller while the data said the same. */
  | "keep"
  /** Write the new text (or remove the line when `text` is null): the sheet held our own unedited text. */
  | "replace"
  /** The controller edited the text and the data changed since: ask before overwriting. */
  | "ask";

export interface CommentaryUpdate {
  readonly key: string;
  readonly action: CommentaryAction;
  /** The text in the sheet now (undefined when the line is new). */
  readonly current: string | undefined;
  /** The newly generated text; null when the line is no longer generated (the ansvar ended). */
  readonly proposed: string | null;
}

type Texts = Readonly<Record<string, string | undefined>>;

function edited(previous: string | undefined, current: string | undefined): boolean {
  return current !== undefined && current.trim() !== "" && current.trim() !== (previous ?? "").trim();
}

/**
 * Plan a regeneration line by line. `previousGenerated` is what we wrote last time (kept in the sheet's hidden
 * column), `currentInSheet` what the sheet holds now, `newlyGenerated` the new sentences. An edit is a text that
 * differs from what we generated; an edited line is never overwritten without asking, and not even asked about
 * when the data still give the same sentence as before. Order: the new lines, then lines no longer generated.
 */
export function planCommentaryUpdate(previousGenerated: Texts, currentInSheet: Texts, newlyGenerated: Texts): CommentaryUpdate[] {
  const plan: CommentaryUpdate[] = [];
  for (const [key, proposed] of Object.entries(newlyGenerated)) {
    if (proposed === undefined) continue;
    const previous = previousGenerated[key];
    const current = currentInSheet[key];
    let action: CommentaryAction;
    if (current === undefined || current.trim() === "") action = "replace";
    else if (current.trim() === proposed.trim()) action = "keep";
    else if (!edited(previous, current)) action = "replace";
    else if (previous !== undefined && previous.trim() === proposed.trim()) action = "keep";
    else action = "ask";
    plan.push({ key, action, current, proposed });
  }
  const gone = new Set([...Object.keys(previousGenerated), ...Object.keys(currentInSheet)]);
  for (const key of gone) {
    if (newlyGenerated[key] !== undefined) continue;
    const current = currentInSheet[key];
    if (current === undefined || current.trim() === "") continue;
    plan.push({ key, action: edited(previousGenerated[key], current) ? "ask" : "replace", current, proposed: null });
  }
  return plan;
}

/** What a line is compared with: the earlier forecast, or at year end the previous year's result. */
export interface CommentaryComparison {
  /** Names the earlier forecast, e.g. "i prognosen i juli" (see `previousForecastLabel`). */
  readonly previous?: string;
  /** Year end: each line's result of the previous year (variance in kronor, + = överskott) by key; "total" for the nämnd. */
  readonly previousYear?: Readonly<Record<string, number>>;
}

/** "i prognosen i juli": the earlier forecast named by its month (the comparison period named). */
export function previousForecastLabel(month: number): string {
  return `i prognosen i ${MONTH_NAMES_SV[month - 1]}`;
}

export const PREVIOUS_YEAR_LABEL = "föregående år";

/**
 * A sentence for every line of a prognosis (each ansvar and every level above it) and for the whole nämnd, in
 * report order. During the year the forecast: "Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr
 * för helåret (underskott 1 200 tkr i prognosen i april)."; at month 12 the year-end form with the previous year's
 * result when it is known: "Vård och omsorg redovisade ett överskott på 7 990 tkr (överskott 5 000 tkr föregående år)."
 * A string `comparison` is the earlier forecast's label.
 */
export function forecastCommentary(result: PrognosisResult, totalName: string, comparison: string | CommentaryComparison = {}): CommentaryLine[] {
  const { previous, previousYear } = typeof comparison === "string" ? { previous: comparison, previousYear: undefined } : comparison;
  const yearEnd = result.yearEnd;
  const compared = (r: PrognosisRow, key: string): CommentaryLine["comparison"] => {
    if (yearEnd) return previousYear?.[key] !== undefined ? { variance: previousYear[key], label: PREVIOUS_YEAR_LABEL } : undefined;
    return previous && r.previousForecast !== undefined ? { variance: r.annualBudget - r.previousForecast, label: previous } : undefined;
  };
  const line = (r: PrognosisRow, key: string, name: string, role: CommentaryLine["role"]): CommentaryLine => ({
    key,
    name,
    kind: yearEnd ? "yearEnd" : "forecast",
    variance: r.varianceFullYear,
    comparison: compared(r, key),
    role,
    depth: r.depth,
  });
  return [...result.rows.map((r) => line(r, r.key, r.name, r.isLeaf ? "line" : "subtotal")), line(result.total, "total", totalName, "total")];
}
