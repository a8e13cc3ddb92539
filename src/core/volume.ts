/**
 * Calculator 2: volume-based budget (volymbaserad budget, VBB). Budget = volume x unit price + fixed part; the
 * variance splits into a volume effect and a price/efficiency effect that add up exactly to it.
 * Amounts in kronor, internal convention (net cost positive; variance = budget - cost, + = överskott).
 * (Types fixed for the other layers; the calculator is implemented below them.)
 */
import { roundOre } from "./amounts";
import { CoreError, type CoreProblem } from "./errors";

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
  /** For a provider, actualCost is its gross cost, before the internal revenue from its purchaser. */
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

/** Why a line's figures need a second look; the report shows these next to the line. */
export type VolumeFlag =
  | "linearPhasing" // no monthly volume plan: budget volume to date = budgetVolume x month/12
  | "noActualVolume" // nothing delivered: no actual unit cost, the forecast is a run rate of the cost
  | "zeroBudget" // budget volume x price + fixed is 0 (a variance in % would divide by zero)
  | "monthlyVolumeMismatch"; // actualVolumeMonthly does not add up to actualVolume

/** How a line's full-year forecast came about. */
export type VolumeForecastBasis = "volumeTrend" | "volumeRunRate" | "costRunRate";

/** The money figures of a line, a subtotal, a provider's net view or a netted total. Kronor. */
export interface VolumeFigures {
  /** Budget for the full year: budgetVolume x unitPrice + fixedBudget. */
  readonly annualBudget: number;
  /** Budget to date: budget volume to date x price + fixed x month/12. */
  readonly budgetToDate: number;
  /** Volume-adjusted budget: actual volume x price + fixed to date (what the actual volume should have cost). */
  readonly volumeAdjustedBudget: number;
  readonly actualCost: number;
  /** budgetToDate - actualCost, + = överskott. */
  readonly variance: number;
  /** (budget volume to date - actual volume) x price: + = fewer units than planned. */
  readonly volumeEffect: number;
  /** volumeAdjustedBudget - actualCost: + = the units cost less than the budget price. */
  readonly priceEffect: number;
  readonly forecastCost: number;
  /** annualBudget - forecastCost, + = överskott. */
  readonly forecastVariance: number;
  /** (budgetVolume - forecastVolume) x price. */
  readonly forecastVolumeEffect: number;
  /** forecastVariance - forecastVolumeEffect. */
  readonly forecastPriceEffect: number;
}

export interface VolumeResultLine extends VolumeFigures {
  readonly key: string;
  readonly area: string;
  readonly name: string;
  readonly unit: string;
  readonly role: VolumeRole;
  readonly counterpartKey?: string;
  readonly unitPrice: number;
  readonly fixedBudget: number;
  /** fixedBudget x month/12. */
  readonly fixedToDate: number;
  readonly budgetVolume: number;
  readonly budgetVolumeToDate: number;
  readonly actualVolume: number;
  /** actualVolume / budgetVolumeToDate (volym i % av budgeterad); undefined when no volume was planned to date. */
  readonly volumeShare: number | undefined;
  /** (actualCost - fixedToDate) / actualVolume; undefined when the volume is 0. */
  readonly actualUnitCost: number | undefined;
  readonly forecastVolume: number;
  readonly forecastBasis: VolumeForecastBasis;
  readonly flags: readonly VolumeFlag[];
}

export interface VolumeAreaSubtotal extends VolumeFigures {
  readonly area: string;
  /** Keys of the lines in the area, in input order. */
  readonly lineKeys: readonly string[];
}

/** The internal payment of a purchaser-provider pair: provider price x the provider's volume. */
export interface InternalPayment {
  /** provider budgetVolume x provider unitPrice. */
  readonly annualBudget: number;
  /** provider budget volume to date x provider unitPrice. */
  readonly budgetToDate: number;
  /** Delivered volume (the provider's actualVolume) x provider unitPrice. */
  readonly actual: number;
  /** provider forecastVolume x provider unitPrice. */
  readonly forecast: number;
}

/**
 * A beställare/utförare pair. The purchaser pays the provider the provider's price x the delivered volume (the
 * provider's actualVolume); the purchaser books it as a cost, the provider as revenue. Each line is calculated
 * on its own (the purchaser's actualCost includes the payment; the provider's actualCost is its gross cost before
 * the payment, its budget volume x price the revenue it expects). To count the payment once, the pair shows:
 * - `internalPayment`: budgeted (provider budget volume x price) and actual (delivered volume x price);
 * - `providerNet`: the provider minus that payment on both sides: net budget = its fixed part (0 when the price
 *   finances everything), net cost = gross cost - payment received, so its net variance is its price effect;
 * - `netted`: purchaser + providerNet; its cost is the purchaser's external cost + the provider's gross cost.
 * The nämnd's `total` eliminates every pair's payment the same way from the plain sum of the lines.
 */
export interface VolumePair {
  readonly purchaserKey: string;
  readonly providerKey: string;
  readonly internalPayment: InternalPayment;
  /** The purchaser's cost outside the pair: actualCost - internal payment (e.g. hours bought from external providers). */
  readonly purchaserExternalCost: number;
  /** The provider net of its internal revenue: net budget = fixed part (0 when the price finances everything). */
  readonly providerNet: VolumeFigures;
  /** Purchaser + provider net: the pair as the nämnd sees it, the internal payment counted once (as none). */
  readonly netted: VolumeFigures;
}

export interface VolumeResult {
  readonly year: number;
  readonly month: number;
  readonly lines: readonly VolumeResultLine[];
  /** Per area, the plain sum of its lines as shown (both sides of a pair when both are in the area). */
  readonly areas: readonly VolumeAreaSubtotal[];
  readonly pairs: readonly VolumePair[];
  /** Plain sum of all lines: the internal payments are in it twice (as purchaser cost and as provider budget). */
  readonly grossTotal: VolumeFigures;
  /** Sum of the internal payments of all pairs, eliminated from grossTotal to give the netted total. */
  readonly internalPayments: InternalPayment;
  /** The nämnd's figures: grossTotal with the internal payments eliminated from both budget and cost. */
  readonly total: VolumeFigures;
}

const MONEY_FIELDS = [
  "annualBudget",
  "budgetToDate",
  "volumeAdjustedBudget",
  "actualCost",
  "variance",
  "volumeEffect",
  "priceEffect",
  "forecastCost",
  "forecastVariance",
  "forecastVolumeEffect",
  "forecastPriceEffect",
] as const satisfies readonly (keyof VolumeFigures)[];

function sumFigures(items: readonly VolumeFigures[]): VolumeFigures {
  const sum = Object.fromEntries(MONEY_FIELDS.map((f) => [f, 0])) as Record<keyof VolumeFigures, number>;
  for (const item of items) for (const f of MONEY_FIELDS) sum[f] += item[f];
  // A sum of öre amounts is an öre amount: rounded, it carries no binary noise.
  for (const f of MONEY_FIELDS) sum[f] = roundOre(sum[f]);
  return sum;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A sum of amounts, to the öre. */
function sumMoney(values: readonly number[]): number {
  return roundOre(sum(values));
}

/** Care days from places: a place is occupied every day of the year (seed 001 H70: 246 platser = 89 790 dygn). */
export function placeDays(places: number, year: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return places * (leap ? 366 : 365);
}

/**
 * Full-year volume from the monthly actuals: the months to date as booked plus the least-squares line through
 * them for the months left (a month is never forecast below 0). One month gives no trend: run rate.
 */
function trendVolume(monthly: readonly number[], month: number): number {
  const ys = monthly.slice(0, month);
  if (month < 2) return (sum(ys) * 12) / month;
  const meanX = (month + 1) / 2;
  const meanY = sum(ys) / month;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, i) => {
    sxy += (i + 1 - meanX) * (y - meanY);
    sxx += (i + 1 - meanX) ** 2;
  });
  const slope = sxy / sxx;
  let rest = 0;
  for (let m = month + 1; m <= 12; m++) rest += Math.max(0, meanY + slope * (m - meanX));
  return sum(ys) + rest;
}

function checkLine(line: VolumeLine, month: number): void {
  const { key, name } = line;
  if (line.budgetVolumeMonthly && line.budgetVolumeMonthly.length !== 12) {
    throw new CoreError([{ code: "budgetVolumeMonths", key, name, count: line.budgetVolumeMonthly.length }]);
  }
  if (line.actualVolumeMonthly && line.actualVolumeMonthly.length < month) {
    throw new CoreError([{ code: "actualVolumeMonths", key, name, count: line.actualVolumeMonthly.length, month }]);
  }
  for (const [which, value] of [
    ["budget", line.budgetVolume],
    ["actual", line.actualVolume],
  ] as const) {
    if (!(value >= 0)) throw new CoreError([{ code: "negativeVolume", key, name, which, value }]);
  }
}

function calculateLine(line: VolumeLine, month: number): VolumeResultLine {
  checkLine(line, month);
  const flags: VolumeFlag[] = [];
  const price = line.unitPrice;
  // Every amount derived here is rounded to öre (volume x price, a share of the year); the identities below
  // (variance = budget - cost, effects adding up) are taken on the rounded figures, so they hold to the öre.
  const fixedToDate = roundOre((line.fixedBudget * month) / 12);
  // Volume x price is an amount of its own (the internal payment of a beställare/utförare pair is one): rounded
  // before it is added to or compared with another, so each effect is the difference of two shown amounts.
  const atPrice = (volume: number) => roundOre(volume * price);
  const annualBudget = roundOre(atPrice(line.budgetVolume) + line.fixedBudget);
  let budgetVolumeToDate: number;
  if (line.budgetVolumeMonthly) {
    budgetVolumeToDate = sum(line.budgetVolumeMonthly.slice(0, month));
  } else {
    budgetVolumeToDate = (line.budgetVolume * month) / 12;
    flags.push("linearPhasing");
  }
  if (annualBudget === 0) flags.push("zeroBudget");
  const actualCost = roundOre(line.actualCost);
  const budgetToDate = roundOre(atPrice(budgetVolumeToDate) + fixedToDate);
  const volumeAdjustedBudget = roundOre(atPrice(line.actualVolume) + fixedToDate);
  const variance = roundOre(budgetToDate - actualCost);
  const volumeEffect = roundOre(atPrice(budgetVolumeToDate) - atPrice(line.actualVolume));
  // The price effect is the variance minus the volume effect (= volumeAdjustedBudget - actualCost in exact
  // arithmetic), so that the two effects add up to the variance.
  const priceEffect = roundOre(variance - volumeEffect);

  let actualUnitCost: number | undefined;
  let forecastVolume: number;
  let forecastBasis: VolumeForecastBasis;
  let forecastCost: number;
  if (line.actualVolumeMonthly) {
    const booked = sum(line.actualVolumeMonthly.slice(0, month));
    if (Math.abs(booked - line.actualVolume) > 1e-6 * Math.max(1, Math.abs(line.actualVolume)))
      flags.push("monthlyVolumeMismatch");
    forecastVolume = trendVolume(line.actualVolumeMonthly, month);
    forecastBasis = "volumeTrend";
  } else {
    forecastVolume = (line.actualVolume * 12) / month;
    forecastBasis = "volumeRunRate";
  }
  if (line.actualVolume === 0) {
    // No delivered unit, so no cost per unit to carry forward: the cost to date is run at its rate.
    flags.push("noActualVolume");
    forecastBasis = "costRunRate";
    forecastCost = roundOre((actualCost * 12) / month);
  } else {
    // The cost per unit from the fixed part to date as decided (not its öre-rounded share): a rounding over a tiny
    // volume would otherwise grow with the forecast volume.
    const unitCost = (actualCost - (line.fixedBudget * month) / 12) / line.actualVolume;
    actualUnitCost = roundOre(unitCost);
    forecastCost = roundOre(forecastVolume * unitCost + line.fixedBudget);
  }
  const forecastVariance = roundOre(annualBudget - forecastCost);
  const forecastVolumeEffect = roundOre(atPrice(line.budgetVolume) - atPrice(forecastVolume));

  return {
    key: line.key,
    area: line.area,
    name: line.name,
    unit: line.unit,
    role: line.role ?? "own",
    counterpartKey: line.counterpartKey,
    unitPrice: price,
    fixedBudget: line.fixedBudget,
    fixedToDate,
    budgetVolume: line.budgetVolume,
    budgetVolumeToDate,
    actualVolume: line.actualVolume,
    volumeShare: budgetVolumeToDate === 0 ? undefined : line.actualVolume / budgetVolumeToDate,
    actualUnitCost,
    forecastVolume,
    forecastBasis,
    annualBudget,
    budgetToDate,
    volumeAdjustedBudget,
    actualCost,
    variance,
    volumeEffect,
    priceEffect,
    forecastCost,
    forecastVariance,
    forecastVolumeEffect,
    forecastPriceEffect: roundOre(forecastVariance - forecastVolumeEffect),
    flags,
  };
}

/**
 * Figures with an internal payment taken out of both the budget and the cost. The budgeted payment leaves the
 * budget, the actual payment leaves the cost, so the variance changes by (budget - actual) payment, which is
 * exactly the provider's volume effect: in the netted view only the purchaser carries the volume risk.
 */
function eliminate(
  f: VolumeFigures,
  p: InternalPayment,
  providerVolumeEffect: number,
  providerForecastVolumeEffect: number,
): VolumeFigures {
  const annualBudget = roundOre(f.annualBudget - p.annualBudget);
  const budgetToDate = roundOre(f.budgetToDate - p.budgetToDate);
  const actualCost = roundOre(f.actualCost - p.actual);
  const variance = roundOre(budgetToDate - actualCost);
  const volumeEffect = roundOre(f.volumeEffect - providerVolumeEffect);
  const forecastCost = roundOre(f.forecastCost - p.forecast);
  const forecastVariance = roundOre(annualBudget - forecastCost);
  const forecastVolumeEffect = roundOre(f.forecastVolumeEffect - providerForecastVolumeEffect);
  return {
    annualBudget,
    budgetToDate,
    // The provider's volume-adjusted budget is actual volume x price + fixed: net of the payment, its fixed part.
    volumeAdjustedBudget: roundOre(f.volumeAdjustedBudget - p.actual),
    actualCost,
    variance,
    volumeEffect,
    priceEffect: roundOre(variance - volumeEffect),
    forecastCost,
    forecastVariance,
    forecastVolumeEffect,
    forecastPriceEffect: roundOre(forecastVariance - forecastVolumeEffect),
  };
}

/**
 * Pair each purchaser with its provider. In a beställare/utförare setup the purchaser books the internal payment
 * (provider price x delivered volume) as a cost and the provider books it as revenue. A provider line's
 * actualCost is its gross cost of production, before that revenue; its budget (volume x price + fixed) is the
 * cost the internal revenue and the fixed part finance, so its net budget is the fixed part (often 0).
 */
function pairLines(lines: readonly VolumeResultLine[]): VolumePair[] {
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const problems: CoreProblem[] = [];
  const faulty = new Set<string>(); // lines already named in a problem
  const fault = (problem: CoreProblem, ...keys: string[]) => {
    problems.push(problem);
    for (const k of keys) faulty.add(k);
  };
  const providerOf = new Map<string, string>();
  for (const l of lines) {
    if (l.role === "own") continue;
    const other = l.counterpartKey === undefined ? undefined : byKey.get(l.counterpartKey);
    const role = l.role;
    const wanted = role === "purchaser" ? "provider" : "purchaser";
    if (l.counterpartKey === undefined) {
      if (role === "purchaser") fault({ code: "purchaserWithoutProvider", key: l.key }, l.key);
      continue; // a provider may leave its purchaser to be named by the purchaser line
    }
    if (!other) fault({ code: "counterpartMissing", key: l.key, role, counterpartKey: l.counterpartKey }, l.key);
    else if (other.role !== wanted)
      fault({ code: "counterpartWrongRole", key: l.key, role, counterpartKey: other.key }, l.key, other.key);
    else if (other.counterpartKey !== undefined && other.counterpartKey !== l.key)
      fault({ code: "counterpartsDisagree", key: l.key, counterpartKey: other.key }, l.key, other.key);
    else if (role === "purchaser") {
      const first = providerOf.get(other.key);
      if (first !== undefined)
        fault({ code: "providerWithTwoPurchasers", providerKey: other.key, purchaserKeys: [first, l.key] }, other.key);
      else providerOf.set(other.key, l.key);
    }
  }
  for (const l of lines) {
    if (l.role === "provider" && !providerOf.has(l.key) && !faulty.has(l.key)) {
      fault({ code: "providerWithoutPurchaser", key: l.key }, l.key);
    }
  }
  if (problems.length > 0) throw new CoreError(problems);

  return [...providerOf].map(([providerKey, purchaserKey]) => {
    const provider = byKey.get(providerKey)!;
    const purchaser = byKey.get(purchaserKey)!;
    const price = provider.unitPrice;
    const internalPayment: InternalPayment = {
      annualBudget: roundOre(provider.budgetVolume * price),
      budgetToDate: roundOre(provider.budgetVolumeToDate * price),
      actual: roundOre(provider.actualVolume * price),
      forecast: roundOre(provider.forecastVolume * price),
    };
    const providerNet = eliminate(provider, internalPayment, provider.volumeEffect, provider.forecastVolumeEffect);
    return {
      purchaserKey,
      providerKey,
      internalPayment,
      purchaserExternalCost: roundOre(purchaser.actualCost - internalPayment.actual),
      providerNet,
      netted: sumFigures([purchaser, providerNet]),
    };
  });
}

export function calculateVolumeBudget(input: VolumeInput): VolumeResult {
  const { year, month } = input;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new CoreError([{ code: "monthOutOfRange", month }]);
  const seen = new Set<string>();
  for (const l of input.lines) {
    if (seen.has(l.key)) throw new CoreError([{ code: "duplicateVolumeLine", key: l.key }]);
    seen.add(l.key);
  }
  const lines = input.lines.map((l) => calculateLine(l, month));

  const byArea = new Map<string, VolumeResultLine[]>();
  for (const l of lines) {
    const list = byArea.get(l.area) ?? [];
    list.push(l);
    byArea.set(l.area, list);
  }
  const areas = [...byArea].map(([area, list]) => ({ area, lineKeys: list.map((l) => l.key), ...sumFigures(list) }));

  const pairs = pairLines(lines);
  const internalPayments: InternalPayment = {
    annualBudget: sumMoney(pairs.map((p) => p.internalPayment.annualBudget)),
    budgetToDate: sumMoney(pairs.map((p) => p.internalPayment.budgetToDate)),
    actual: sumMoney(pairs.map((p) => p.internalPayment.actual)),
    forecast: sumMoney(pairs.map((p) => p.internalPayment.forecast)),
  };
  const providers = new Set(pairs.map((p) => p.providerKey));
  const providerLines = lines.filter((l) => providers.has(l.key));
  const grossTotal = sumFigures(lines);
  const total = eliminate(
    grossTotal,
    internalPayments,
    sumMoney(providerLines.map((l) => l.volumeEffect)),
    sumMoney(providerLines.map((l) => l.forecastVolumeEffect)),
  );
  return { year, month, lines, areas, pairs, grossTotal, internalPayments, total };
}
