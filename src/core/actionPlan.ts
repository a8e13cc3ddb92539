/**
 * Calculator 3: åtgärdsplan tracking. Measures with owner, status, planned / realised / forecast effect in
 * kronor, and the remaining gap to budget i balans without counting an effect already in the forecast twice.
 * (Types fixed for the other layers; the calculator is implemented below them.)
 */
import type { Parsed } from "./amounts";
import { CoreError } from "./errors";

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

/** Status words as the plans write them (seed 002 uses the -t forms: Påbörjat, Genomfört, Ej påbörjat). */
const STATUS_WORDS: ReadonlyArray<[readonly string[], MeasureStatus]> = [
  [["ej påbörjad", "ej påbörjat", "ej startad", "ej startat"], "notStarted"],
  [
    [
      "ej genomförd",
      "ej genomfört",
      "ej genomförd / avslagen",
      "avslagen",
      "avslaget",
      "avbruten",
      "avbrutet",
      "stoppad",
    ],
    "notDone",
  ],
  [["påbörjad", "påbörjat", "pågår", "pågående"], "started"],
  [["genomförd", "genomfört", "klar", "klart", "avslutad"], "done"],
];

/** Map a status cell's text to a MeasureStatus; empty text is `empty`, anything else unknown a Swedish error. */
export function parseMeasureStatus(text: unknown): Parsed<MeasureStatus> {
  if (text === null || text === undefined) return { kind: "empty" };
  const shown = String(text).trim();
  const normal = shown
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/\.$/, "")
    .toLowerCase();
  if (normal === "") return { kind: "empty" };
  for (const [words, status] of STATUS_WORDS) if (words.includes(normal)) return { kind: "value", value: status };
  const allowed = Object.values(MEASURE_STATUS_LABEL).join(", ");
  return { kind: "error", message: `"${shown}" är ingen status för en åtgärd: förväntade ${allowed} eller Avslagen.` };
}

/** Counts and effect sums of a group of measures. Undefined effects are left out of the sums (not read as 0). */
export interface MeasureTotals {
  readonly count: number;
  /** Sum of the quantified planned effects, kronor. */
  readonly planned: number;
  readonly realised: number;
  readonly forecast: number;
  /** Measures whose planned effect is not quantified. */
  readonly unquantified: number;
}

export interface OwnerTotals extends MeasureTotals {
  readonly owner: string;
}

export interface StatusTotals extends MeasureTotals {
  readonly status: MeasureStatus;
  readonly label: string;
}

export interface ActionPlanResult {
  readonly year: number;
  /** Per owner, in the order the owners first appear in the plan. */
  readonly byOwner: readonly OwnerTotals[];
  /** Every status, in the order Ej påbörjad, Påbörjad, Genomförd, Ej genomförd (zero counts kept). */
  readonly byStatus: readonly StatusTotals[];
  readonly total: MeasureTotals;
  /** Ids of the measures with no quantified planned effect: the gap the nämnd asked to close (seed 002). */
  readonly unquantified: readonly string[];
  /** The nämnd's forecast full-year variance, kronor, + = överskott. */
  readonly forecastVariance: number;
  /** Forecast effect of the measures already in the units' forecast: shown, not added again. */
  readonly effectInForecast: number;
  /** Forecast effect of the measures not in the forecast and not Ej genomförd: what the plan adds. */
  readonly effectNotInForecast: number;
  /** Forecast effect of Ej genomförd measures: counted nowhere. */
  readonly effectNotDone: number;
  /** forecastVariance + effectNotInForecast, + = överskott. */
  readonly varianceAfterMeasures: number;
  /** The deficit left after the measures, as a positive amount; 0 when the plan reaches budget i balans. */
  readonly remainingGap: number;
}

const STATUS_ORDER: readonly MeasureStatus[] = ["notStarted", "started", "done", "notDone"];

function totals(measures: readonly Measure[]): MeasureTotals {
  let planned = 0;
  let realised = 0;
  let forecast = 0;
  let unquantified = 0;
  for (const m of measures) {
    if (m.plannedEffect === undefined) unquantified++;
    else planned += m.plannedEffect;
    realised += m.realisedEffect ?? 0;
    forecast += m.forecastEffect ?? 0;
  }
  return { count: measures.length, planned, realised, forecast, unquantified };
}

/**
 * The plan's totals and the remaining gap to budget i balans. Only the *forecast* effect counts toward the gap
 * (a planned effect nobody forecasts is not money yet); an effect marked "ingår i prognos" is already in the
 * forecast variance and is not added again; an Ej genomförd measure brings nothing.
 */
export function calculateActionPlan(input: ActionPlanInput): ActionPlanResult {
  const ids = new Set<string>();
  for (const m of input.measures) {
    if (ids.has(m.id)) throw new CoreError([{ code: "duplicateMeasure", id: m.id }]);
    ids.add(m.id);
  }
  const owners = new Map<string, Measure[]>();
  for (const m of input.measures) owners.set(m.owner, [...(owners.get(m.owner) ?? []), m]);

  let effectInForecast = 0;
  let effectNotInForecast = 0;
  let effectNotDone = 0;
  for (const m of input.measures) {
    const effect = m.forecastEffect ?? 0;
    if (m.status === "notDone") effectNotDone += effect;
    else if (m.includedInForecast) effectInForecast += effect;
    else effectNotInForecast += effect;
  }
  const varianceAfterMeasures = input.forecastVariance + effectNotInForecast;

  return {
    year: input.year,
    byOwner: [...owners].map(([owner, list]) => ({ owner, ...totals(list) })),
    byStatus: STATUS_ORDER.map((status) => ({
      status,
      label: MEASURE_STATUS_LABEL[status],
      ...totals(input.measures.filter((m) => m.status === status)),
    })),
    total: totals(input.measures),
    unquantified: input.measures.filter((m) => m.plannedEffect === undefined).map((m) => m.id),
    forecastVariance: input.forecastVariance,
    effectInForecast,
    effectNotInForecast,
    effectNotDone,
    varianceAfterMeasures,
    remainingGap: varianceAfterMeasures < 0 ? -varianceAfterMeasures : 0,
  };
}
