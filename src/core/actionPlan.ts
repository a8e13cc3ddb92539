/**
 * Calculator 3: åtgärdsplan tracking. Measures with owner, status, planned / realised / forecast effect in
 * kronor, and the remaining gap to budget i balans without counting an effect already in the forecast twice.
 * (Types fixed for the other layers; the calculator is implemented below them.)
 */

/** The statuses the plans use (seed 002): Ej påbörjad, Påbörjad, Genomförd, Ej genomförd / avslagen. */
export type MeasureStatus = "notStarted" | "started" | "done" | "notDone";

export const MEASURE_STATUS_LABEL: Record<MeasureStatus, string> = {
  notStarted: "Ej påbörjad",
  started: "Påbörjad",
  done: "Genomförd",
  notDone: "Ej genomförd",
};

export interface Measure {
  readonly id: string;
  /** Owner: area or ansvar (seed 002: FL, SOV, AoB, ÄFH). */
  readonly owner: string;
  readonly description: string;
  readonly responsible?: string;
  readonly status: MeasureStatus;
  /** Planned effect for the year, kronor (a saving is positive); undefined = not quantified. */
  readonly plannedEffect?: number;
  /** Planned effect per month (12 values), when known. */
  readonly plannedEffectMonthly?: readonly number[];
  /** Realised effect to date, kronor. */
  readonly realisedEffect?: number;
  /** Expected effect for the full year, kronor. */
  readonly forecastEffect?: number;
  /** "Ingår i prognos": the effect is already counted in the units' forecast. */
  readonly includedInForecast: boolean;
  readonly risk?: string;
  readonly consequence?: string;
  readonly comment?: string;
  readonly yearFrom?: number;
  readonly yearTo?: number;
}

export interface ActionPlanInput {
  readonly year: number;
  /** The nämnd's forecast full-year variance, kronor, + = överskott (so a deficit is negative). */
  readonly forecastVariance: number;
  readonly measures: readonly Measure[];
}
