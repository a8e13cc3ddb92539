/**
 * Zod schemas for every calculator input and for the user's settings, with Swedish messages, so that the input
 * layer and the task pane can refuse bad input in plain Swedish before a calculator sees it.
 * Each schema `satisfies` the ZodType of its interface: a schema that drifts from the interface does not compile.
 */
import { ownValue } from "./records";
import { z } from "zod";
import type { ActionPlanInput, Measure } from "./actionPlan";
import type { CostCentre } from "./hierarchy";
import type { ActualRow, BudgetLine, BudgetVersion, ForecastEntry, PrognosisInput } from "./prognosis";
import type { VolumeInput, VolumeLine } from "./volume";

/** The message for a value of the wrong type, or "saknas" when there is none at all. */
const wrongType = (what: string) => (issue: { readonly input?: unknown }) =>
  issue.input === undefined ? "saknas" : what;

/** A finite number (zod 4 already refuses Infinity and NaN). */
const amount = z.number({ error: wrongType("ska vara ett tal") });
const volume = amount.min(0, { error: "en volym får inte vara negativ" });
const text = z.string({ error: wrongType("ska vara en text") });
const key = text.trim().min(1, { error: "får inte vara tomt" });
const year = z
  .number({ error: wrongType("ska vara ett årtal") })
  .int({ error: "ska vara ett helt årtal" })
  .min(1900, { error: "årtalet är orimligt" })
  .max(2999, { error: "årtalet är orimligt" });
const month = z
  .number({ error: wrongType("ska vara en månad 1-12") })
  .int({ error: "ska vara en hel månad 1-12" })
  .min(1, { error: "månaden ska vara 1-12" })
  .max(12, { error: "månaden ska vara 1-12" });
const twelve = <T extends z.ZodType>(item: T) =>
  z.array(item).length(12, { error: "ska ha ett värde per månad, 12 värden" });

/** Keys that occur more than once, as issues on the list. */
function unique<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  ctx: z.RefinementCtx,
  path: string,
  what: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = keyOf(item);
    if (seen.has(k))
      ctx.addIssue({ code: "custom", path: [path, i], message: `${what} ${k} finns redan tidigare i listan` });
    seen.add(k);
  });
}

// Periods inside the product are `YYYY-MM` (periods.ts); the input layer turns sheet cells into that form.
export const periodSchema = z
  .string({ error: wrongType("ska vara en månad som text") })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "ska vara en månad skriven ÅÅÅÅ-MM, t.ex. 2021-08" });

export const costCentreSchema = z.object({
  key,
  code: text.optional(),
  name: key,
  parentKey: text.optional(),
}) satisfies z.ZodType<CostCentre>;

export const budgetVersionSchema = z.object({
  id: key,
  kind: z.enum(["original", "ombudgetering", "tillaggsbudget"], {
    error: wrongType("ska vara original, ombudgetering eller tilläggsbudget"),
  }),
  date: text.optional(),
  decision: text.optional(),
}) satisfies z.ZodType<BudgetVersion>;

export const budgetLineSchema = z.object({
  costCentre: key,
  annual: amount,
  monthly: twelve(amount).optional(),
  version: text.optional(),
}) satisfies z.ZodType<BudgetLine>;

export const actualRowSchema = z.object({
  costCentre: key,
  period: periodSchema,
  amount,
  account: text.optional(),
}) satisfies z.ZodType<ActualRow>;

export const forecastEntrySchema = z.object({
  costCentre: key,
  forecast: amount,
  comment: text.optional(),
}) satisfies z.ZodType<ForecastEntry>;

export const proposalMethodSchema = z.enum(["runRate", "lastYearProfile", "phasedBudgetPlusVariance"], {
  error: wrongType("ska vara en av metoderna linjär uppräkning, fjolårets profil eller budget + avvikelse"),
});

export const prognosisInputSchema = z
  .object({
    year,
    month,
    costCentres: z.array(costCentreSchema),
    budgets: z.array(budgetLineSchema),
    budgetVersions: z.array(budgetVersionSchema).optional(),
    budgetVersion: text.optional(),
    actuals: z.array(actualRowSchema),
    lastYearActuals: z.array(actualRowSchema).optional(),
    forecasts: z.array(forecastEntrySchema).optional(),
    previousForecasts: z.array(forecastEntrySchema).optional(),
    proposalMethod: proposalMethodSchema,
    yearEnd: z.boolean().optional(),
    commentThreshold: amount.min(0, { error: "gränsen får inte vara negativ" }).optional(),
  })
  .superRefine((input, ctx) => {
    unique(input.costCentres, (c) => c.key, ctx, "costCentres", "Ansvar");
    unique(input.forecasts ?? [], (f) => f.costCentre, ctx, "forecasts", "En prognos för ansvar");
    const versions = input.budgetVersions ?? [];
    unique(versions, (v) => v.id, ctx, "budgetVersions", "Budgetversionen");
    const ids = new Set(["original", ...versions.map((v) => v.id)]);
    if (input.budgetVersion !== undefined && !ids.has(input.budgetVersion)) {
      ctx.addIssue({
        code: "custom",
        path: ["budgetVersion"],
        message: `budgetversionen ${input.budgetVersion} finns inte`,
      });
    }
    input.budgets.forEach((b, i) => {
      if (b.version !== undefined && !ids.has(b.version)) {
        ctx.addIssue({
          code: "custom",
          path: ["budgets", i, "version"],
          message: `budgetversionen ${b.version} finns inte`,
        });
      }
    });
  }) satisfies z.ZodType<PrognosisInput>;

export const volumeLineSchema = z
  .object({
    key,
    area: key,
    name: key,
    unit: key,
    budgetVolume: volume,
    budgetVolumeMonthly: twelve(volume).optional(),
    unitPrice: amount,
    fixedBudget: amount,
    actualVolume: volume,
    actualVolumeMonthly: z
      .array(volume)
      .min(1, { error: "ska ha minst en månad" })
      .max(12, { error: "kan ha högst 12 månader" })
      .optional(),
    actualCost: amount,
    role: z
      .enum(["own", "purchaser", "provider"], { error: wrongType("ska vara egen, beställare eller utförare") })
      .optional(),
    counterpartKey: text.optional(),
  })
  .superRefine((line, ctx) => {
    // Only when both are readable: a wrong length or a negative volume has its own message already.
    if (line.budgetVolumeMonthly?.length === 12 && line.budgetVolume >= 0) {
      const total = line.budgetVolumeMonthly.reduce((a, b) => a + b, 0);
      if (Math.abs(total - line.budgetVolume) > 1e-6 * Math.max(1, line.budgetVolume)) {
        ctx.addIssue({
          code: "custom",
          path: ["budgetVolumeMonthly"],
          message: `månadsvolymerna summerar till ${total}, men årsvolymen är ${line.budgetVolume}`,
        });
      }
    }
    if (line.role === "purchaser" && !line.counterpartKey) {
      ctx.addIssue({ code: "custom", path: ["counterpartKey"], message: "en beställarrad ska ange sin utförare" });
    }
  }) satisfies z.ZodType<VolumeLine>;

export const volumeInputSchema = z
  .object({ year, month, lines: z.array(volumeLineSchema) })
  .superRefine((input, ctx) => {
    unique(input.lines, (l) => l.key, ctx, "lines", "Volymraden");
    input.lines.forEach((l, i) => {
      if (l.actualVolumeMonthly && l.actualVolumeMonthly.length < input.month) {
        ctx.addIssue({
          code: "custom",
          path: ["lines", i, "actualVolumeMonthly"],
          message: `har ${l.actualVolumeMonthly.length} månader, men uppföljningen avser ${input.month}`,
        });
      }
    });
  }) satisfies z.ZodType<VolumeInput>;

export const measureSchema = z
  .object({
    id: key,
    owner: key,
    description: key,
    responsible: text.optional(),
    status: z.enum(["notStarted", "started", "done", "notDone"], {
      error: wrongType("ska vara Ej påbörjad, Påbörjad, Genomförd eller Ej genomförd"),
    }),
    plannedEffect: amount.optional(),
    plannedEffectMonthly: twelve(amount).optional(),
    realisedEffect: amount.optional(),
    forecastEffect: amount.optional(),
    includedInForecast: z.boolean({ error: wrongType("ska vara ja eller nej") }),
    risk: text.optional(),
    consequence: text.optional(),
    comment: text.optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.yearFrom !== undefined && m.yearTo !== undefined && m.yearTo < m.yearFrom) {
      ctx.addIssue({
        code: "custom",
        path: ["yearTo"],
        message: `slutåret ${m.yearTo} ligger före startåret ${m.yearFrom}`,
      });
    }
  }) satisfies z.ZodType<Measure>;

export const actionPlanInputSchema = z
  .object({ year, forecastVariance: amount, measures: z.array(measureSchema) })
  .superRefine((input, ctx) =>
    unique(input.measures, (m) => m.id, ctx, "measures", "Åtgärd"),
  ) satisfies z.ZodType<ActionPlanInput>;

const moneyUnit = z.enum(["kr", "tkr", "mnkr"], { error: wrongType("ska vara kr, tkr eller mnkr") });

/** The user's settings: how their sheets write signs and forecasts, the unit they type, the follow-up month. */
export const settingsSchema = z.object({
  signConvention: z.enum(["costPositive", "costNegative"], {
    error: wrongType("ska vara kostnader positiva eller kostnader negativa"),
  }),
  forecastColumnKind: z.enum(["outcome", "variance"], {
    error: wrongType("ska vara prognos som utfall eller som avvikelse"),
  }),
  /** Unit the budget, forecast, volume and measure sheets are typed in (a controller types tkr). */
  amountUnit: moneyUnit,
  /** Unit of the ledger extract (an ERP gives kronor). */
  ledgerUnit: moneyUnit,
  year,
  month,
  proposalMethod: proposalMethodSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export interface ValidationIssue {
  /** Where in the value: property names and list indexes, e.g. ["lines", 2, "budgetVolume"]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const TYPE_NAMES: Record<string, string> = {
  number: "ett tal",
  string: "en text",
  boolean: "ja eller nej",
  array: "en lista",
  object: "en post",
};

/**
 * Swedish messages for zod's own checks (wrong type, missing value); the schemas' own messages take precedence,
 * zod's Swedish locale covers the rest.
 */
const swedishLocale = z.locales.sv().localeError;
const swedish: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return "saknas";
    return `ska vara ${ownValue(TYPE_NAMES, String(issue.expected)) ?? issue.expected}`;
  }
  if (issue.code === "unrecognized_keys") return `okända fält: ${issue.keys.join(", ")}`;
  return swedishLocale(issue);
};

/** Validate a value: the typed value, or every problem at once with its path and a Swedish message. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(value, { error: swedish });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
    })),
  };
}
