/**
 * Generated commentary: the standard sentences of the reports, written from the data.
 * "Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret." (seed 004)
 * The word överskott / underskott / i balans comes from the sign of the amount *as shown* (rounded to tkr),
 * never the other way round, so the text can never say "överskott på -1 607" or "underskott på 0 tkr".
 * Amounts in kronor, variance convention (+ = överskott).
 */
import { formatNumber } from "./amounts";
import { MONTH_NAMES_SV } from "./periods";
import { linesWithUnmatchedInput, type PrognosisResult, type PrognosisRow } from "./prognosis";
import { shownTkr } from "./statements";

export type Outcome = "surplus" | "deficit" | "balance";

export const OUTCOME_WORD: Record<Outcome, string> = {
  surplus: "överskott",
  deficit: "underskott",
  balance: "i balans",
};

/** The outcome of a variance, from its shown value: -400 kr is 0 tkr shown, so i balans. */
export function outcomeOf(kronor: number): Outcome {
  const shown = shownTkr(kronor);
  return shown > 0 ? "surplus" : shown < 0 ? "deficit" : "balance";
}

/** "överskott 70 tkr", "underskott 1 059 tkr", "i balans" (000 S60). */
export function outcomePhrase(kronor: number): string {
  const outcome = outcomeOf(kronor);
  return outcome === "balance"
    ? OUTCOME_WORD.balance
    : `${OUTCOME_WORD[outcome]} ${formatNumber(Math.abs(shownTkr(kronor)))} tkr`;
}

/** "ett överskott på 70 tkr", "ett underskott på 1 059 tkr", "en budget i balans". */
function objectPhrase(kronor: number): string {
  const outcome = outcomeOf(kronor);
  return outcome === "balance"
    ? "en budget i balans"
    : `ett ${OUTCOME_WORD[outcome]} på ${formatNumber(Math.abs(shownTkr(kronor)))} tkr`;
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
  /** Input that was not matched to the line: its result is not stated, the sentence says why instead. */
  readonly unmatched?: UnmatchedInput;
}

/** Input rows whose key matched no line of the hierarchy, as far as they concern one line. */
export interface UnmatchedInput {
  readonly rows: number;
  /** Their money, kronor (absolute). */
  readonly amount: number;
  /** The sheets they are on. */
  readonly sheets: readonly string[];
}

/**
 * "3 rader på bladet Utfall (1 234 tkr) kunde inte knytas till ansvar, se Kontroller": why a line's result is not
 * stated (domain: no silent wrong figure; a level whose input was not matched has no result to state).
 */
export function unmatchedPhrase(u: UnmatchedInput): string {
  const rows = `${u.rows} ${u.rows === 1 ? "rad" : "rader"}`;
  const sheets =
    u.sheets.length === 0
      ? ""
      : ` på ${u.sheets.length === 1 ? "bladet" : "bladen"} ${u.sheets.length === 1 ? u.sheets[0] : `${u.sheets.slice(0, -1).join(", ")} och ${u.sheets.at(-1)}`}`;
  return `${rows}${sheets} (${formatNumber(Math.abs(shownTkr(u.amount)))} tkr) kunde inte knytas till ansvar, se Kontroller; resultatet anges inte förrän de är rättade.`;
}

/**
 * The unmatched input that concerns each line whose result must not be stated (`linesWithUnmatchedInput`), and
 * every line to which nothing at all was matched while some input was not: the keys meant for the line or a line
 * under it, else (the total, a level the keys gave no hint for) all of them. Keyed by line key; the total by `totalKey`.
 */
export function unmatchedByLine(result: PrognosisResult, totalKey = result.total.key): Map<string, UnmatchedInput> {
  const out = new Map<string, UnmatchedInput>();
  const lines = linesWithUnmatchedInput(result);
  if (lines.size === 0) return out;
  const nothing = (r: PrognosisRow): boolean => [r.annualBudget, r.actual, r.forecast].every((x) => Math.abs(x) < 0.5);
  for (const r of result.rows) if (nothing(r)) lines.add(r.key);
  const parent = new Map(result.rows.map((r) => [r.key, r.parentKey]));
  const under = (key: string | undefined, line: string): boolean => {
    for (let at = key; at !== undefined; at = parent.get(at)) if (at === line) return true;
    return false;
  };
  // Without the readers' account of the keys (a streamed ledger), the unknown lines themselves.
  type Key = { key: string; meant: string | undefined; rows: number; amount: number; sheet: string | undefined };
  const keys: Key[] =
    result.unmatched.length > 0
      ? result.unmatched.map((u) => ({
          key: u.key,
          meant: u.suggestedKey,
          rows: u.rows,
          amount: Math.abs(u.amount),
          sheet: u.sheet,
        }))
      : result.rows
          .filter((r) => r.isLeaf && r.flags.includes("unknownCostCentre"))
          .map((r) => ({
            key: r.key,
            meant: undefined,
            rows: 1,
            amount: Math.max(Math.abs(r.actual), Math.abs(r.forecast)),
            sheet: undefined,
          }));
  const summed = (list: readonly Key[]): UnmatchedInput => ({
    rows: list.reduce((a, k) => a + k.rows, 0),
    amount: list.reduce((a, k) => a + k.amount, 0),
    sheets: [...new Set(list.flatMap((k) => (k.sheet === undefined ? [] : [k.sheet])))],
  });
  for (const line of lines) {
    const own = keys.filter((k) => k.key === line || under(k.meant, line));
    out.set(line === result.total.key ? totalKey : line, summed(own.length > 0 ? own : keys));
  }
  return out;
}

export function generateSentence(line: CommentaryLine): string {
  if (line.unmatched) return `${line.name}: ${unmatchedPhrase(line.unmatched)}`;
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
export function planCommentaryUpdate(
  previousGenerated: Texts,
  currentInSheet: Texts,
  newlyGenerated: Texts,
): CommentaryUpdate[] {
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
export function forecastCommentary(
  result: PrognosisResult,
  totalName: string,
  comparison: string | CommentaryComparison = {},
): CommentaryLine[] {
  const { previous, previousYear } =
    typeof comparison === "string" ? { previous: comparison, previousYear: undefined } : comparison;
  const yearEnd = result.yearEnd;
  const compared = (r: PrognosisRow, key: string): CommentaryLine["comparison"] => {
    if (yearEnd)
      return previousYear?.[key] !== undefined
        ? { variance: previousYear[key], label: PREVIOUS_YEAR_LABEL }
        : undefined;
    return previous && r.previousForecast !== undefined
      ? { variance: r.annualBudget - r.previousForecast, label: previous }
      : undefined;
  };
  // A line whose input was not matched says so instead of a result.
  const unmatched = unmatchedByLine(result, "total");
  const line = (r: PrognosisRow, key: string, name: string, role: CommentaryLine["role"]): CommentaryLine => ({
    key,
    name,
    kind: yearEnd ? "yearEnd" : "forecast",
    variance: r.varianceFullYear,
    comparison: compared(r, key),
    role,
    depth: r.depth,
    ...(unmatched.has(key) ? { unmatched: unmatched.get(key)! } : {}),
  });
  return [
    ...result.rows.map((r) => line(r, r.key, r.name, r.isLeaf ? "line" : "subtotal")),
    line(result.total, "total", totalName, "total"),
  ];
}
