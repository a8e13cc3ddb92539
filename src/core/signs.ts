/**
 * Sign conventions differ between kommuner (domain.md): Herrljunga writes costs positive, Gnesta writes net
 * costs negative and its "Prognos" columns are forecast variances. Inside the product one convention holds:
 * **net cost positive, revenue negative, variance = budget - outcome (positive = överskott)**. Convert at the edges.
 */

export type SignConvention = "costPositive" | "costNegative";

/** What a forecast column holds: the expected full-year outcome, or the expected full-year variance (Gnesta). */
export type ForecastColumnKind = "outcome" | "variance";

export const SIGN_CONVENTION_LABEL: Record<SignConvention, string> = {
  costPositive: "Kostnader positiva (nettokostnad som positivt tal)",
  costNegative: "Kostnader negativa (nettokostnad som negativt tal)",
};

/** A budget, utfall or forecast outcome in the user's convention, to the internal one (cost positive). */
export function toInternal(value: number, convention: SignConvention): number {
  return convention === "costNegative" ? 0 - value : value;
}

/** An internal amount (cost positive) in the user's convention. */
export function fromInternal(value: number, convention: SignConvention): number {
  return convention === "costNegative" ? 0 - value : value;
}

/**
 * How a variance is shown: always positive = överskott (domain: the word follows the sign, in every kommun), so
 * with costs negative it is outcome - budget of the shown amounts (budget -100, utfall -110: -10, underskott).
 */
export const VARIANCE_RULE: Record<SignConvention, string> = {
  costPositive: "avvikelse = budget - utfall/prognos, positiv = överskott",
  costNegative: "avvikelse = utfall/prognos - budget, positiv = överskott",
};

/** The same rule in the bokslut, where there is no forecast: the year's result against budget. */
export const YEAR_END_VARIANCE_RULE: Record<SignConvention, string> = {
  costPositive: "avvikelse = budget - utfall, positiv = överskott",
  costNegative: "avvikelse = utfall - budget, positiv = överskott",
};

/** The shown variance as a formula of the cells that show budget and outcome in the user's convention. */
export function varianceFormula(budgetCell: string, outcomeCell: string, convention: SignConvention): string {
  return convention === "costNegative" ? `${outcomeCell}-${budgetCell}` : `${budgetCell}-${outcomeCell}`;
}

/** Internally variance is always budget - outcome, positive = överskott. */
export function variance(budget: number, outcome: number): number {
  return budget - outcome;
}

/**
 * A forecast cell to an internal forecast outcome. A forecast *variance* (positive = överskott) gives
 * outcome = budget - variance: Gnesta's SoV, budget -44 000 and forecast variance -9 002, expects -53 002.
 */
export function forecastOutcome(
  value: number,
  kind: ForecastColumnKind,
  internalAnnualBudget: number,
  convention: SignConvention,
): number {
  return kind === "variance" ? internalAnnualBudget - value : toInternal(value, convention);
}

/** Variance as a share of the budget; undefined when the budget is zero (no division by zero). */
export function varianceShare(varianceAmount: number, budget: number): number | undefined {
  return budget === 0 ? undefined : varianceAmount / Math.abs(budget);
}
