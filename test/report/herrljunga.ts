/**
 * Herrljunga socialnämnd 2021 (seed 004) as calculator input, from the golden CSV of the "fördelning per
 * ansvarsnivå" table: budget, utfall 2021-08, utfall 2020-08 and the entered prognosis per ansvar, in kronor.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CostCentre } from "../../src/core/hierarchy";
import { calculatePrognosis, type PrognosisInput, type PrognosisResult } from "../../src/core/prognosis";
import { SIGN_CONVENTION_LABEL } from "../../src/core/signs";
import type { ReportMeta } from "../../src/report/meta";

interface GoldenRow {
  readonly ansvar: string;
  readonly name: string;
  readonly level: string;
  readonly parent: string;
  readonly lastYear: number;
  readonly actual: number;
  readonly budget: number;
  readonly forecast: number;
  readonly variance: number;
}

export function herrljungaGolden(): GoldenRow[] {
  const text = readFileSync(
    fileURLToPath(new URL("../fixtures/golden/004_prognos_per_ansvar.csv", import.meta.url)),
    "utf8",
  );
  return text
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [ansvar, name, level, parent, lastYear, actual, budget, forecast, variance] = line.split(",");
      return {
        ansvar: ansvar!,
        name: name!,
        level: level!,
        parent: parent!,
        lastYear: Number(lastYear),
        actual: Number(actual),
        budget: Number(budget),
        forecast: Number(forecast),
        variance: Number(variance),
      };
    });
}

export function herrljungaInput(): PrognosisInput {
  const rows = herrljungaGolden().filter((r) => r.level !== "total");
  const costCentres: CostCentre[] = rows.map((r) => ({
    key: r.ansvar,
    code: r.ansvar,
    name: r.name,
    parentKey: r.parent || undefined,
  }));
  const leaves = rows.filter((r) => r.level === "ansvar");
  return {
    year: 2021,
    month: 8,
    costCentres,
    budgets: leaves.map((r) => ({ costCentre: r.ansvar, annual: r.budget * 1000 })),
    actuals: leaves.map((r) => ({ costCentre: r.ansvar, period: "2021-08", amount: r.actual * 1000 })),
    lastYearActuals: leaves.map((r) => ({ costCentre: r.ansvar, period: "2020-08", amount: r.lastYear * 1000 })),
    forecasts: leaves.map((r) => ({
      costCentre: r.ansvar,
      forecast: r.forecast * 1000,
      comment: r.ansvar === "421" ? "Inklusive resultatföring av flyktingbuffert med 5 200 tkr." : undefined,
    })),
    proposalMethod: "phasedBudgetPlusVariance",
  };
}

export function herrljungaPrognosis(): PrognosisResult {
  return calculatePrognosis(herrljungaInput());
}

export const HERRLJUNGA_META = {
  runDate: "2021-09-10",
  source: "Herrljunga socialnämnd, delårsrapport 2021 (bilaga fördelning per ansvarsnivå)",
  budgetVersion: "Budget 2021",
  signConventionLabel: "Kostnader positiva (nettokostnad som positivt tal)",
} as const;

/** The same report for a kommun that writes net costs negative (Gnesta's convention, seed 002). */
export const HERRLJUNGA_META_COSTS_NEGATIVE: ReportMeta = {
  ...HERRLJUNGA_META,
  signConventionLabel: SIGN_CONVENTION_LABEL.costNegative,
  signConvention: "costNegative",
};
