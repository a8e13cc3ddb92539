/**
 * Gnesta socialnämnd's åtgärdsplan 2021 (seed 002) as measures: the plan as printed (status, comment, no amounts),
 * with planned/forecast effects added to three measures, as the example workbook does, so the gap can be shown.
 */
import { parseMeasureStatus, type Measure } from "../../src/core/actionPlan";
import { SIGN_CONVENTION_LABEL } from "../../src/core/signs";
import type { ReportMeta } from "../../src/report/meta";
import { readGolden } from "../core/goldenCsv";

/** Effects added for the example, kronor: [planned, realised, forecast, in the forecast already]. */
const ADDED: Record<string, [number, number, number, boolean]> = {
  "6": [600_000, 250_000, 500_000, false],
  "10": [1_500_000, 900_000, 1_400_000, true],
  "12": [2_000_000, 1_100_000, 1_800_000, false],
};

export function gnestaMeasures(): Measure[] {
  return readGolden("002_atgardsplan.csv").map((r) => {
    const status = parseMeasureStatus(r["Status"]);
    if (status.kind !== "value") throw new Error(`Status ${r["Status"]}`);
    const added = ADDED[r["Nr"]!];
    return {
      id: r["Nr"]!,
      owner: r["Ansvar (prefix)"]!,
      description: r["Åtgärd (råtext)"]!,
      status: status.value,
      comment: r["Kommentar"] || undefined,
      includedInForecast: added?.[3] ?? false,
      ...(added
        ? {
            plannedEffect: added[0],
            realisedEffect: added[1],
            forecastEffect: added[2],
            risk: "Rekryteringsläget kan fördröja effekten.",
          }
        : {}),
    };
  });
}

/** Gnesta's forecast variance for the year per August (testfall G05): -9 030 tkr. */
export const GNESTA_FORECAST_VARIANCE = -9_030_000;

/** Gnesta writes net costs negative (seed 002): the report's meta with that setting. */
export const GNESTA_META: ReportMeta = {
  runDate: "2021-09-15",
  source: "Gnesta socialnämnd, delårsrapport 2021 (verksamhetsområden och enheter)",
  signConventionLabel: SIGN_CONVENTION_LABEL.costNegative,
  signConvention: "costNegative",
};
