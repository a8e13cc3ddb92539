/**
 * Budgetberedning: next year's budget and its plan years, built from last year's budget per verksamhet and
 * kostnadsslag by named steps (uppräkning, volumes x á-pris, demography, political priorities, effektiviseringskrav,
 * organisational transfers), and checked against the nämndram (KF-ram + justeringar) every year. Pure: amounts in
 * kronor, internal sign convention (net cost positive, revenue negative), every derived amount to the öre
 * (`roundOre`). Per-year values are arrays aligned with `years`, never maps keyed by a year's text.
 *
 * Domain (seed 001, Härryda socialnämnd's "budget 2023 med plan för perioden 2024-2025"): the ram table
 * 757 238 + 545 = 757 783, 763 441 + 15 231 = 778 672 ...; the driftbudget per verksamhet with a reserve line;
 * the resultatbudget per kostnadsslag; both sum to the same nettokostnad, equal to the ram, every plan year.
 */
import { roundOre } from "./amounts";
import { CoreError, type CoreProblem } from "./errors";

/** What the uppräkning of a line follows: wages (löneökning, PO), prices (prisindex), revenue, or nothing (a net line). */
export type CostCategory = "personnel" | "other" | "revenue" | "net";

/**
 * How a volume is measured (seed 001's informationstal): a stock at 31/12, a flow over the year, one month's
 * snapshot (October), an annual average, a count of unique persons in the year, or not said. Volumes of different
 * bases are never added up.
 */
export type MeasurementBasis =
  "stockYearEnd" | "annualFlow" | "snapshotMonth" | "annualAverage" | "uniqueInYear" | "unspecified";

/** One line of last year's budget (the base year): a verksamhet and a kostnadsslag. */
export interface BudgetBaseLine {
  readonly area: string;
  readonly costType: string;
  readonly category: CostCategory;
  /** Last year's budget, kronor. */
  readonly amount: number;
  /** Bokslut of the year before the base year, kronor, shown beside it; undefined = not given (not zero). */
  readonly outturn?: number;
}

/** The uppräkning of one year, as fractions (0.03 = 3 %). */
export interface Indexation {
  /** Löneökning on personalkostnader (the PO follows the wage). */
  readonly wageIncrease: number;
  /** Prisindex on övriga kostnader. */
  readonly priceIndex: number;
  /** Uppräkning of intäkter (taxor, avgifter). */
  readonly revenueIndex: number;
  /** A changed PO-pålägg: personalkostnader include PO at `from`; the year's PO is `to` (0.3915 -> 0.4015). */
  readonly onCost?: { readonly from: number; readonly to: number };
}

/** A decision that must be taken before conditional funds (villkorade medel) may be spent: date and § when known. */
export interface Condition {
  readonly decision: string;
}

/** An explicit conversion of a driver's volume into the volume that is priced: platser x 365 x beläggning = dygn. */
export interface VolumeConversion {
  readonly factor: number;
  /** The priced unit (dygn). */
  readonly unit: string;
  /** The assumption, in words: "365 dygn x 95 % beläggning"; required, a conversion is never implicit. */
  readonly assumption: string;
}

/**
 * A volume driver: budget = volume x á-pris, for one verksamhet and kostnadsslag. `volumes[0]` is the base year's
 * (the volume last year's budget was built on), then one per plan year; `unitPrices` one per plan year (kronor per
 * priced unit, after conversion). Brukare x schablon is the same rule with another unit.
 */
export interface VolumeDriver {
  readonly id: string;
  readonly area: string;
  readonly costType: string;
  readonly name: string;
  readonly unit: string;
  readonly basis: MeasurementBasis;
  readonly volumes: readonly number[];
  readonly unitPrices: readonly number[];
  readonly conversion?: VolumeConversion;
}

/**
 * Demography: a befolkningsprognos for one age group, at a cost per invånare (or per person in need, with a
 * behovstal: the share of the age group that uses the service). `population[0]` is the base year's.
 */
export interface DemographyDriver {
  readonly id: string;
  readonly area: string;
  readonly costType: string;
  readonly ageGroup: string;
  readonly population: readonly number[];
  readonly costPerPerson: readonly number[];
  /** Behovstal, a fraction; undefined = every invånare (cost per invånare). */
  readonly needRate?: number;
}

/** A political priority: tillskott (positive) or besparing (negative), as the change each plan year, kronor. */
export interface Priority {
  readonly id: string;
  readonly area: string;
  readonly costType: string;
  readonly name: string;
  readonly changes: readonly number[];
  /** Villkorade medel: budgeted, but spent only after this decision (forecast at 0 until released). */
  readonly condition?: Condition;
}

/**
 * An effektiviseringskrav: a share of the line's budget at the start of the year (`rates`), or an amount in kronor
 * (`amounts`), as a saving each plan year. Without a kostnadsslag it applies to every cost line of the verksamhet.
 */
export interface EfficiencyRequirement {
  readonly id: string;
  readonly area: string;
  readonly costType?: string;
  readonly name: string;
  readonly rates?: readonly number[];
  readonly amounts?: readonly number[];
}

/** An organisational transfer: the budget moves from one verksamhet to another, both named; zero sum. */
export interface Transfer {
  readonly id: string;
  readonly name: string;
  readonly fromArea: string;
  readonly toArea: string;
  readonly costType: string;
  /** The amount moved each plan year (the change that year), kronor. */
  readonly amounts: readonly number[];
}

/** A budget adopted (or proposed) per verksamhet, or per verksamhet and kostnadsslag: what the steps must reach. */
export interface BudgetTarget {
  readonly id: string;
  readonly area: string;
  /** Undefined: the verksamhet's total. */
  readonly costType?: string;
  /** One per plan year; undefined where no figure is given. */
  readonly amounts: readonly (number | undefined)[];
}

/** The ram of one year: KF-ram + named justeringar = nämndram. */
export interface RamYear {
  readonly year: number;
  readonly kfRam: number;
  readonly adjustments: readonly { readonly name: string; readonly amount: number }[];
}

export interface BudgetBuildingInput {
  /** The budget year and the plan years, consecutive (2023, 2024, 2025); the base year is the one before. */
  readonly years: readonly number[];
  readonly base: readonly BudgetBaseLine[];
  /** One per plan year. */
  readonly indexation: readonly Indexation[];
  readonly drivers?: readonly VolumeDriver[];
  readonly demography?: readonly DemographyDriver[];
  readonly priorities?: readonly Priority[];
  readonly efficiency?: readonly EfficiencyRequirement[];
  readonly transfers?: readonly Transfer[];
  readonly targets?: readonly BudgetTarget[];
  /** The ram per year; the base year's too, when given, to check last year's budget against. */
  readonly ram?: readonly RamYear[];
  /** The nämnd's reserve: a line of its own, its level per plan year (the base year's level in `base`). */
  readonly reserve?: { readonly name: string; readonly amounts: readonly number[] };
  /**
   * The kostnadsslag view given on its own (seed 001 prints the resultatbudget beside the driftbudget, without the
   * table across them): reconciled with the verksamhet view every year, the base year and the bokslut included.
   */
  readonly statement?: readonly StatementLine[];
}

/** A line of a resultatbudget given as figures: intäkter and kostnader positive, as printed. */
export interface StatementLine {
  readonly costType: string;
  readonly revenue: boolean;
  readonly outturn?: number;
  readonly base: number;
  /** One per plan year. */
  readonly amounts: readonly number[];
}

/** A resultatbudget's sums, per column (bokslut, base year, plan years): Summa intäkter, kostnader, netto. */
export interface StatementTotals {
  readonly revenue: readonly number[];
  readonly costs: readonly number[];
  readonly net: readonly number[];
}

export type StepKind =
  | "wage"
  | "onCost"
  | "price"
  | "revenue"
  | "volume"
  | "demography"
  | "priority"
  | "efficiency"
  | "transfer"
  | "reserve"
  | "unexplained";

/** One named step of the bridge from one year's budget to the next, on one line. */
export interface BridgeStep {
  readonly year: number;
  readonly kind: StepKind;
  readonly name: string;
  readonly area: string;
  readonly costType: string;
  /** Kronor, + = more net cost. */
  readonly amount: number;
  /** The input item behind the step (driver, priority ... id), for the edges to name its cell. */
  readonly source?: string;
  readonly condition?: Condition;
}

export interface BuiltLine {
  readonly area: string;
  readonly costType: string;
  readonly category: CostCategory;
  readonly reserve: boolean;
  readonly outturn?: number;
  readonly base: number;
  /** One per plan year. */
  readonly amounts: readonly number[];
}

export interface Totals {
  readonly key: string;
  readonly outturn?: number;
  readonly base: number;
  readonly amounts: readonly number[];
}

export interface RamResult {
  readonly year: number;
  readonly kfRam: number;
  readonly adjustments: readonly { readonly name: string; readonly amount: number }[];
  readonly total: number;
}

/** The bridge of one year: last year's total + the steps grouped by kind and name = this year's total. */
export interface YearBridge {
  readonly year: number;
  readonly from: number;
  readonly rows: readonly { readonly kind: StepKind; readonly name: string; readonly amount: number }[];
  readonly to: number;
}

/** What a controller must look at: data, worded at the edges. Amounts in kronor. */
export type BudgetFinding =
  /** The budget (Σ verksamheter + reserv) differs from the nämndram of the year (the base year included). */
  | { readonly code: "ramDifference"; readonly year: number; readonly budget: number; readonly ram: number }
  /** A line changes by more than its named steps: the rest is shown as a step of its own. */
  | {
      readonly code: "unexplainedChange";
      readonly year: number;
      readonly area: string;
      readonly costType: string;
      readonly amount: number;
      readonly source: string;
    }
  /** Villkorade medel in the budget. */
  | {
      readonly code: "conditionalFunds";
      readonly year: number;
      readonly area: string;
      readonly name: string;
      readonly amount: number;
      readonly decision: string;
      readonly source?: string;
    }
  /** The resultatbudget's netto differs from the driftbudget's (`year` = base year - 1 for the bokslut). */
  | { readonly code: "viewsDiffer"; readonly year: number; readonly statement: number; readonly budget: number }
  /** A volume driver whose measurement basis is not said: its volumes cannot be compared with another's. */
  | { readonly code: "basisUnspecified"; readonly source: string; readonly name: string };

export interface BudgetBuildingResult {
  readonly baseYear: number;
  readonly years: readonly number[];
  readonly lines: readonly BuiltLine[];
  readonly steps: readonly BridgeStep[];
  readonly byArea: readonly Totals[];
  readonly byCostType: readonly Totals[];
  readonly total: Totals;
  readonly ram: readonly RamResult[];
  readonly bridges: readonly YearBridge[];
  /** The given resultatbudget's sums: columns bokslut (when every line has one), base year, plan years. */
  readonly statement?: StatementTotals;
  readonly findings: readonly BudgetFinding[];
}

/** The sum of amounts to the öre (sums of öre amounts carry binary noise otherwise). */
export function sumOre(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return roundOre(s);
}

const lineKey = (area: string, costType: string): string => `${area}\u0000${costType}`;

/** The ram table: KF-ram + justeringar = nämndram (seed 001: 763 441 + 15 231 = 778 672). */
export function buildRam(ram: readonly RamYear[]): RamResult[] {
  return ram.map((r) => ({
    year: r.year,
    kfRam: r.kfRam,
    adjustments: r.adjustments,
    total: sumOre([r.kfRam, ...r.adjustments.map((a) => a.amount)]),
  }));
}

function checkInput(input: BudgetBuildingInput): void {
  const problems: CoreProblem[] = [];
  const n = input.years.length;
  if (n === 0 || input.years.some((y, i) => i > 0 && y !== input.years[i - 1]! + 1))
    problems.push({ code: "budgetYearsNotConsecutive", years: [...input.years] });
  if (input.indexation.length !== n)
    problems.push({
      code: "budgetValuesPerYear",
      what: "indexation",
      id: "",
      count: input.indexation.length,
      years: n,
    });
  const perYear = (what: string, id: string, values: readonly unknown[] | undefined, count = n): void => {
    if (values !== undefined && values.length !== count)
      problems.push({ code: "budgetValuesPerYear", what, id, count: values.length, years: count });
  };
  const seen = new Set<string>();
  for (const l of input.base) {
    const k = lineKey(l.area, l.costType);
    if (seen.has(k)) problems.push({ code: "duplicateBudgetLine", area: l.area, costType: l.costType });
    seen.add(k);
  }
  const ids = new Set<string>();
  const unique = (id: string): void => {
    if (ids.has(id)) problems.push({ code: "duplicateBudgetItem", id });
    ids.add(id);
  };
  for (const d of input.drivers ?? []) {
    unique(d.id);
    perYear("volumes", d.id, d.volumes, n + 1);
    perYear("unitPrices", d.id, d.unitPrices);
    if (d.conversion && d.conversion.assumption.trim() === "")
      problems.push({ code: "conversionWithoutAssumption", id: d.id });
  }
  for (const d of input.demography ?? []) {
    unique(d.id);
    perYear("population", d.id, d.population, n + 1);
    perYear("costPerPerson", d.id, d.costPerPerson);
  }
  for (const p of input.priorities ?? []) {
    unique(p.id);
    perYear("changes", p.id, p.changes);
  }
  for (const e of input.efficiency ?? []) {
    unique(e.id);
    perYear("rates", e.id, e.rates);
    perYear("amounts", e.id, e.amounts);
    if ((e.rates === undefined) === (e.amounts === undefined) || (e.amounts !== undefined && e.costType === undefined))
      problems.push({ code: "efficiencyForm", id: e.id });
  }
  for (const t of input.transfers ?? []) {
    unique(t.id);
    perYear("amounts", t.id, t.amounts);
    if (t.fromArea === t.toArea || t.fromArea.trim() === "" || t.toArea.trim() === "")
      problems.push({ code: "transferSides", id: t.id });
  }
  for (const t of input.targets ?? []) {
    unique(t.id);
    perYear("amounts", t.id, t.amounts);
  }
  if (input.reserve) perYear("amounts", input.reserve.name, input.reserve.amounts);
  for (const l of input.statement ?? []) perYear("amounts", l.costType, l.amounts);
  if (problems.length > 0) throw new CoreError(problems);
}

interface MutableLine {
  area: string;
  costType: string;
  category: CostCategory;
  reserve: boolean;
  outturn?: number;
  base: number;
  amounts: number[];
  /** The amount at the start of the year being built. */
  current: number;
}

/**
 * Build the budget year and plan years from last year's budget. Every change of a line is a step with a name;
 * where a target (the adopted figure) differs from the named steps, the rest is a step "Ej förklarad förändring",
 * flagged, so the bridge still adds up to the krona and nothing is hidden.
 */
export function buildBudget(input: BudgetBuildingInput): BudgetBuildingResult {
  checkInput(input);
  const years = input.years;
  const baseYear = years[0]! - 1;
  const lines = new Map<string, MutableLine>();
  const order: MutableLine[] = [];
  /** The plan year being built: a line first met in a later year is 0 in the years before. */
  let yearIndex = 0;
  const lineOf = (area: string, costType: string, category: CostCategory = "net", reserve = false): MutableLine => {
    const k = lineKey(area, costType);
    let l = lines.get(k);
    if (!l) {
      l = { area, costType, category, reserve, base: 0, amounts: years.slice(0, yearIndex).map(() => 0), current: 0 };
      lines.set(k, l);
      order.push(l);
    }
    return l;
  };
  for (const b of input.base) {
    const l = lineOf(b.area, b.costType, b.category);
    l.base = b.amount;
    l.current = b.amount;
    if (b.outturn !== undefined) l.outturn = b.outturn;
  }
  if (input.reserve) lineOf(input.reserve.name, "Reserv", "net", true).reserve = true;

  const steps: BridgeStep[] = [];
  const findings: BudgetFinding[] = [];
  for (const d of input.drivers ?? [])
    if (d.basis === "unspecified") findings.push({ code: "basisUnspecified", source: d.id, name: d.name });

  years.forEach((year, i) => {
    yearIndex = i;
    const yearSteps: BridgeStep[] = [];
    const add = (line: MutableLine, step: Omit<BridgeStep, "year" | "area" | "costType">): void => {
      if (step.amount === 0 && step.kind !== "unexplained") return;
      yearSteps.push({ year, area: line.area, costType: line.costType, ...step });
    };
    const ix = input.indexation[i]!;
    // Uppräkning on the amount at the start of the year, per kostnadsslag.
    for (const l of order) {
      const start = l.current;
      if (l.category === "personnel") {
        add(l, { kind: "wage", name: "Löneökning", amount: roundOre(start * ix.wageIncrease) });
        if (ix.onCost) {
          // Personalkostnader include PO at the old rate: the wage sum is amount / (1 + PO), raised by the PO change.
          const raised = roundOre(start + roundOre(start * ix.wageIncrease));
          add(l, {
            kind: "onCost",
            name: "Ändrat PO-pålägg",
            amount: roundOre((raised / (1 + ix.onCost.from)) * (ix.onCost.to - ix.onCost.from)),
          });
        }
      } else if (l.category === "other")
        add(l, { kind: "price", name: "Prisuppräkning", amount: roundOre(start * ix.priceIndex) });
      else if (l.category === "revenue")
        add(l, { kind: "revenue", name: "Uppräkning intäkter", amount: roundOre(start * ix.revenueIndex) });
    }
    for (const d of input.drivers ?? []) {
      const change = d.volumes[i + 1]! - d.volumes[i]!;
      const factor = d.conversion?.factor ?? 1;
      add(lineOf(d.area, d.costType), {
        kind: "volume",
        name: `Volym ${d.name}`,
        amount: roundOre(change * factor * d.unitPrices[i]!),
        source: d.id,
      });
    }
    for (const d of input.demography ?? []) {
      const change = d.population[i + 1]! - d.population[i]!;
      add(lineOf(d.area, d.costType), {
        kind: "demography",
        name: `Demografi ${d.ageGroup}`,
        amount: roundOre(change * (d.needRate ?? 1) * d.costPerPerson[i]!),
        source: d.id,
      });
    }
    for (const p of input.priorities ?? []) {
      const amount = p.changes[i]!;
      add(lineOf(p.area, p.costType), {
        kind: "priority",
        name: p.name,
        amount,
        source: p.id,
        ...(p.condition ? { condition: p.condition } : {}),
      });
    }
    for (const e of input.efficiency ?? []) {
      const targets = order.filter(
        (l) =>
          l.area === e.area &&
          !l.reserve &&
          (e.costType === undefined ? l.category !== "revenue" : l.costType === e.costType),
      );
      if (e.amounts) {
        add(lineOf(e.area, e.costType!), { kind: "efficiency", name: e.name, amount: -e.amounts[i]!, source: e.id });
      } else
        for (const l of targets)
          add(l, { kind: "efficiency", name: e.name, amount: -roundOre(l.current * e.rates![i]!), source: e.id });
    }
    for (const t of input.transfers ?? []) {
      const amount = t.amounts[i]!;
      add(lineOf(t.fromArea, t.costType), { kind: "transfer", name: t.name, amount: -amount, source: t.id });
      add(lineOf(t.toArea, t.costType), { kind: "transfer", name: t.name, amount, source: t.id });
    }
    if (input.reserve) {
      const l = lineOf(input.reserve.name, "Reserv", "net", true);
      add(l, { kind: "reserve", name: input.reserve.name, amount: roundOre(input.reserve.amounts[i]! - l.current) });
    }
    // The named steps on each line, then the rest against the target where one is given.
    const named = new Map<string, number>();
    for (const s of yearSteps) {
      const k = lineKey(s.area, s.costType);
      named.set(k, roundOre((named.get(k) ?? 0) + s.amount));
    }
    for (const t of input.targets ?? []) {
      const target = t.amounts[i];
      if (target === undefined) continue;
      const covered = order.filter((l) => l.area === t.area && (t.costType === undefined || l.costType === t.costType));
      const reached = sumOre(covered.map((l) => roundOre(l.current + (named.get(lineKey(l.area, l.costType)) ?? 0))));
      const rest = roundOre(target - reached);
      if (rest === 0) continue;
      // The rest lands on the target's own line, or the verksamhet's only line, or a line of its own.
      const line =
        t.costType !== undefined
          ? lineOf(t.area, t.costType)
          : covered.length === 1
            ? covered[0]!
            : lineOf(t.area, UNSPECIFIED_COST_TYPE);
      add(line, { kind: "unexplained", name: UNEXPLAINED_STEP, amount: rest, source: t.id });
      findings.push({
        code: "unexplainedChange",
        year,
        area: line.area,
        costType: line.costType,
        amount: rest,
        source: t.id,
      });
      const k = lineKey(line.area, line.costType);
      named.set(k, roundOre((named.get(k) ?? 0) + rest));
    }
    for (const l of order) {
      l.current = roundOre(l.current + (named.get(lineKey(l.area, l.costType)) ?? 0));
      l.amounts.push(l.current);
    }
    for (const s of yearSteps)
      if (s.condition)
        findings.push({
          code: "conditionalFunds",
          year,
          area: s.area,
          name: s.name,
          amount: s.amount,
          decision: s.condition.decision,
          ...(s.source !== undefined ? { source: s.source } : {}),
        });
    steps.push(...yearSteps);
  });

  const built: BuiltLine[] = order.map((l) => ({
    area: l.area,
    costType: l.costType,
    category: l.category,
    reserve: l.reserve,
    ...(l.outturn !== undefined ? { outturn: l.outturn } : {}),
    base: l.base,
    amounts: l.amounts,
  }));
  const byArea = totalsBy(built, (l) => l.area);
  const byCostType = totalsBy(built, (l) => l.costType);
  const total = totalsBy(built, () => "Nettokostnad")[0] ?? {
    key: "Nettokostnad",
    base: 0,
    amounts: years.map(() => 0),
  };
  const ram = buildRam(input.ram ?? []);
  for (const r of ram) {
    const budget = r.year === baseYear ? total.base : total.amounts[years.indexOf(r.year)];
    if (budget === undefined || budget === r.total) continue;
    findings.push({ code: "ramDifference", year: r.year, budget, ram: r.total });
  }
  const bridges = years.map((year, i) => yearBridge(year, i === 0 ? total.base : total.amounts[i - 1]!, steps));
  const statement = input.statement ? statementTotals(input.statement) : undefined;
  if (statement) {
    const budget = [...(statement.net.length > years.length + 1 ? [total.outturn] : []), total.base, ...total.amounts];
    const first = baseYear - (budget.length - years.length - 1);
    statement.net.forEach((net, i) => {
      const b = budget[i];
      if (b !== undefined && b !== net)
        findings.push({ code: "viewsDiffer", year: first + i, statement: net, budget: b });
    });
  }
  return {
    baseYear,
    years,
    lines: built,
    steps,
    byArea,
    byCostType,
    total,
    ram,
    bridges,
    ...(statement ? { statement } : {}),
    findings,
  };
}

/** Summa intäkter, Summa kostnader and Nettokostnader = kostnader - intäkter, per column (seed 001: 891 503 - 112 831 = 778 672). */
export function statementTotals(lines: readonly StatementLine[]): StatementTotals {
  const withOutturn = lines.length > 0 && lines.every((l) => l.outturn !== undefined);
  const columns = (l: StatementLine): number[] => [...(withOutturn ? [l.outturn!] : []), l.base, ...l.amounts];
  const width = lines.length > 0 ? columns(lines[0]!).length : 0;
  const sum = (revenue: boolean): number[] =>
    Array.from({ length: width }, (_, i) =>
      sumOre(lines.filter((l) => l.revenue === revenue).map((l) => columns(l)[i]!)),
    );
  const revenue = sum(true);
  const costs = sum(false);
  return { revenue, costs, net: costs.map((c, i) => roundOre(c - revenue[i]!)) };
}

/** The kostnadsslag of the line an unexplained change of a verksamhet's total lands on, when it has several lines. */
export const UNSPECIFIED_COST_TYPE = "Ej specificerat";
export const UNEXPLAINED_STEP = "Ej förklarad förändring";

function totalsBy(lines: readonly BuiltLine[], key: (l: BuiltLine) => string): Totals[] {
  const groups = new Map<string, BuiltLine[]>();
  for (const l of lines) {
    const k = key(l);
    const g = groups.get(k);
    if (g) g.push(l);
    else groups.set(k, [l]);
  }
  return [...groups].map(([k, g]) => {
    const outturns = g.map((l) => l.outturn);
    const outturn = outturns.every((o) => o === undefined) ? undefined : sumOre(outturns.map((o) => o ?? 0));
    return {
      key: k,
      ...(outturn !== undefined ? { outturn } : {}),
      base: sumOre(g.map((l) => l.base)),
      amounts: g[0]!.amounts.map((_, i) => sumOre(g.map((l) => l.amounts[i]!))),
    };
  });
}

/** The step kinds in the order a bridge shows them. */
export const STEP_ORDER: readonly StepKind[] = [
  "wage",
  "onCost",
  "price",
  "revenue",
  "volume",
  "demography",
  "priority",
  "efficiency",
  "transfer",
  "reserve",
  "unexplained",
];

/** One year's bridge: the steps summed per kind and name (a transfer's two sides cancel to 0 and are shown so). */
export function yearBridge(year: number, from: number, steps: readonly BridgeStep[]): YearBridge {
  const rows = new Map<string, { kind: StepKind; name: string; amount: number }>();
  for (const s of steps) {
    if (s.year !== year) continue;
    const k = `${s.kind}\u0000${s.name}`;
    const r = rows.get(k);
    if (r) r.amount = roundOre(r.amount + s.amount);
    else rows.set(k, { kind: s.kind, name: s.name, amount: s.amount });
  }
  const sorted = [...rows.values()].sort((a, b) => STEP_ORDER.indexOf(a.kind) - STEP_ORDER.indexOf(b.kind));
  return { year, from, rows: sorted, to: sumOre([from, ...sorted.map((r) => r.amount)]) };
}

/** A scenario: other uppräkning and volumes than the base, by year; what it does not give is the base's. */
export interface BudgetScenario {
  readonly name: string;
  readonly indexation?: readonly Partial<Indexation>[];
  /** Driver id -> volumes (the base year's first, as in the driver). */
  readonly volumes?: ReadonlyMap<string, readonly number[]>;
  /** Driver id -> á-priser per plan year. */
  readonly unitPrices?: ReadonlyMap<string, readonly number[]>;
}

export interface ScenarioResult {
  readonly name: string;
  readonly totals: readonly number[];
  /** Against the base scenario, per plan year. */
  readonly difference: readonly number[];
  /** Against the nämndram, per plan year; undefined where no ram is given. */
  readonly toRam: readonly (number | undefined)[];
}

/** The input of a scenario: the base with the scenario's uppräkning and driver figures. Targets are left out. */
export function scenarioInput(input: BudgetBuildingInput, s: BudgetScenario): BudgetBuildingInput {
  return {
    ...input,
    targets: [],
    indexation: input.indexation.map((ix, i) => ({ ...ix, ...(s.indexation?.[i] ?? {}) })),
    drivers: (input.drivers ?? []).map((d) => ({
      ...d,
      volumes: s.volumes?.get(d.id) ?? d.volumes,
      unitPrices: s.unitPrices?.get(d.id) ?? d.unitPrices,
    })),
  };
}

/**
 * The base and the alternatives side by side: each scenario's total per plan year, its difference from the base,
 * and from the ram. The base is built without targets too, so the comparison is of the named steps alone.
 */
export function compareScenarios(input: BudgetBuildingInput, scenarios: readonly BudgetScenario[]): ScenarioResult[] {
  const ram = buildRam(input.ram ?? []);
  const ramOf = (year: number): number | undefined => ram.find((r) => r.year === year)?.total;
  const base = buildBudget(scenarioInput(input, { name: "Bas" })).total.amounts;
  return [{ name: "Bas" }, ...scenarios].map((s) => {
    const totals = buildBudget(scenarioInput(input, s)).total.amounts;
    return {
      name: s.name,
      totals,
      difference: totals.map((t, i) => roundOre(t - base[i]!)),
      toRam: totals.map((t, i) => {
        const r = ramOf(input.years[i]!);
        return r === undefined ? undefined : roundOre(t - r);
      }),
    };
  });
}

/** What one percentage point more of löneökning, or of prisindex, in one plan year costs that year and after. */
export interface Sensitivity {
  readonly year: number;
  readonly wagePoint: readonly number[];
  readonly pricePoint: readonly number[];
}

export function sensitivity(input: BudgetBuildingInput): Sensitivity[] {
  const plain = scenarioInput(input, { name: "Bas" });
  const base = buildBudget(plain).total.amounts;
  const effect = (i: number, field: "wageIncrease" | "priceIndex"): number[] => {
    const raised = plain.indexation.map((ix, j) => (j === i ? { ...ix, [field]: ix[field] + 0.01 } : ix));
    return buildBudget({ ...plain, indexation: raised }).total.amounts.map((t, j) => roundOre(t - base[j]!));
  };
  return input.years.map((year, i) => ({
    year,
    wagePoint: effect(i, "wageIncrease"),
    pricePoint: effect(i, "priceIndex"),
  }));
}

/**
 * The change analysis of one row: year on year (kronor and %, undefined % where last year is 0) and over the plan
 * period (last plan year - base year), as the seed prints it in mnkr with one decimal.
 */
export interface ChangeAnalysis {
  readonly yearly: readonly { readonly year: number; readonly amount: number; readonly percent?: number }[];
  readonly period: number;
}

export function changeAnalysis(t: Totals, years: readonly number[]): ChangeAnalysis {
  const yearly = years.map((year, i) => {
    const before = i === 0 ? t.base : t.amounts[i - 1]!;
    const amount = roundOre(t.amounts[i]! - before);
    return before === 0 ? { year, amount } : { year, amount, percent: amount / before };
  });
  return { yearly, period: roundOre(t.amounts[t.amounts.length - 1]! - t.base) };
}
