/**
 * Variance explanations: the components a controller or unit manager gives for a variance ("placeringar
 * -3 250", "vakanser +350"), always completed by an explicit *Övrigt/ej förklarat* line with the remainder, so
 * that the lines add up to the variance. The seeds show why: Gnesta's text on SoL ÄO leaves +3 001 tkr
 * unexplained (002 G33), Herrljunga's on IFO barn och familj -578 tkr (000 S51).
 * Amounts in kronor, variance convention: + = överskott.
 */

export const UNEXPLAINED_LABEL = "Övrigt/ej förklarat";

/** Above this share of the variance, the unexplained part is flagged. */
export const DEFAULT_MAX_UNEXPLAINED_SHARE = 0.2;

export interface VarianceComponent {
  readonly label: string;
  /** Kronor, + = överskott (gynnsamt), - = underskott. */
  readonly amount: number;
}

export interface VarianceToExplain {
  readonly key: string;
  readonly label: string;
  /** The variance the components explain (avvikelse or prognosavvikelse), kronor. */
  readonly variance: number;
  readonly components: readonly VarianceComponent[];
}

export interface ExplainedVariance {
  readonly key: string;
  readonly label: string;
  readonly variance: number;
  /** The given components, then the *Övrigt/ej förklarat* line: their sum is exactly the variance. */
  readonly lines: readonly (VarianceComponent & { readonly unexplained: boolean })[];
  readonly explained: number;
  readonly unexplained: number;
  /** |unexplained| / |variance|; undefined for a zero variance (no division by zero). */
  readonly unexplainedShare: number | undefined;
  /** The unexplained part is larger than the allowed share (or non-zero on a zero variance). */
  readonly flagged: boolean;
}

/** Binary noise of decimal sums, not something left unexplained. */
const NOISE = 1e-6;

export function explainVariance(
  input: VarianceToExplain,
  options: { readonly maxUnexplainedShare?: number } = {},
): ExplainedVariance {
  const maxShare = options.maxUnexplainedShare ?? DEFAULT_MAX_UNEXPLAINED_SHARE;
  const explained = input.components.reduce((sum, c) => sum + c.amount, 0);
  const raw = input.variance - explained;
  const unexplained = Math.abs(raw) < NOISE ? 0 : raw;
  const unexplainedShare = input.variance === 0 ? undefined : Math.abs(unexplained) / Math.abs(input.variance);
  const flagged = unexplainedShare === undefined ? unexplained !== 0 : unexplainedShare > maxShare;
  return {
    key: input.key,
    label: input.label,
    variance: input.variance,
    lines: [
      ...input.components.map((c) => ({ ...c, unexplained: false })),
      { label: UNEXPLAINED_LABEL, amount: unexplained, unexplained: true },
    ],
    explained,
    unexplained,
    unexplainedShare,
    flagged,
  };
}
