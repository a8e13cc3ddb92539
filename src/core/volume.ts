/**
 * Calculator 2: volume-based budget (volymbaserad budget, VBB). Budget = volume x unit price + fixed part; the
 * variance splits into a volume effect and a price/efficiency effect that add up exactly to it.
 * Amounts in kronor, internal convention (net cost positive; variance = budget - cost, + = överskott).
 * (Types fixed for the other layers; the calculator is implemented below them.)
 */

/** Who the line is in a beställare/utförare (purchaser-provider) setup; `own` when there is no such split. */
export type VolumeRole = "own" | "purchaser" | "provider";

export interface VolumeLine {
  readonly key: string;
  /** Verksamhet (area) the line belongs to, for subtotals. */
  readonly area: string;
  readonly name: string;
  /** Volume driver unit: timmar, dygn, platser, hushåll, besök... */
  readonly unit: string;
  /** Planned volume for the full year. */
  readonly budgetVolume: number;
  /** Planned volume per month (12 values), when the plan is phased; else linear. */
  readonly budgetVolumeMonthly?: readonly number[];
  /** Budget price per unit, kronor (á-pris). */
  readonly unitPrice: number;
  /** Fixed part of the budget for the full year, kronor. */
  readonly fixedBudget: number;
  /** Actual volume to date. */
  readonly actualVolume: number;
  /** Actual volume per month to date, for the trend forecast (optional). */
  readonly actualVolumeMonthly?: readonly number[];
  /** Actual net cost to date, kronor. */
  readonly actualCost: number;
  readonly role?: VolumeRole;
  /** For a purchaser line: the key of the provider line paid per delivered volume (and the reverse). */
  readonly counterpartKey?: string;
}

export interface VolumeInput {
  readonly year: number;
  /** Month of follow-up, 1-12. */
  readonly month: number;
  readonly lines: readonly VolumeLine[];
}
