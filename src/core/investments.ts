/**
 * Investment follow-up per project: original budget, tillägg/ombudgetering (carry-over from last year), total
 * budget, utfall, and the projects run by another nämnd (seed 000: tekniska nämnden) shown apart with their own
 * subtotal. Amounts in kronor, spending positive.
 * The report month decides what the avvikelse is. In the bokslut (seed 000): avvikelse = total budget - utfall
 * (+ = ej förbrukat, - = överskridet), and the projects whose unspent budget the nämnd asks to carry over to next
 * year. Mid-year (seed 004's delårsrapport per augusti): utfall to date, prognos helår and avvikelse helår =
 * total budget - prognos; ombudgetering is a bokslut decision, asked for only at year end.
 * Missing is not zero: a '-' cell stays undefined (shown '-') and counts as 0 in sums (000 S53).
 */
import { formatTkr, roundOre } from "./amounts";

export interface InvestmentProject {
  readonly name: string;
  /** The area that owns the project (a heading in the report), e.g. "Vård och omsorg". */
  readonly area?: string;
  /** The nämnd that runs the project when it is not the own one, e.g. "tekniska nämnden". */
  readonly runBy?: string;
  readonly originalBudget: number | undefined;
  /** Tillägg / ombudgetering, including last year's carry-over. */
  readonly addition: number | undefined;
  /** Utfall: for the year in the bokslut, to date mid-year. */
  readonly actual: number | undefined;
  /** Prognos helår (mid-year); undefined when not given: the whole budget is then taken as forecast, and named. */
  readonly forecast?: number;
  /** The nämnd asks to carry the unspent budget (the positive avvikelse) over to next year (bokslut only). */
  readonly carryOverRequested?: boolean;
}

export interface InvestmentFigures {
  readonly originalBudget: number | undefined;
  readonly addition: number | undefined;
  readonly totalBudget: number;
  readonly actual: number | undefined;
  /** Prognos helår; undefined in the bokslut. */
  readonly forecast?: number;
  /** Bokslut: totalBudget - actual (+ = ej förbrukat, - = överskridet); mid-year: totalBudget - forecast. */
  readonly variance: number;
  readonly carryOver: number;
}

export interface InvestmentRow extends InvestmentFigures {
  readonly name: string;
  readonly area?: string;
}

export interface InvestmentGroup {
  /** undefined: the nämnd's own projects; otherwise the nämnd that runs them. */
  readonly runBy: string | undefined;
  readonly label: string;
  readonly rows: readonly InvestmentRow[];
  readonly subtotal: InvestmentFigures;
}

export interface InvestmentFollowUp {
  /** Projects run by other nämnder first (as seed 000 prints them), then the own ones. */
  readonly groups: readonly InvestmentGroup[];
  readonly total: InvestmentFigures;
  /** The projects whose unspent budget is to be carried over, with the amount, and their sum (000 § 25: 830 tkr). */
  readonly carryOvers: readonly { readonly name: string; readonly amount: number }[];
  readonly carryOverTotal: number;
  /** Swedish notes: a project with no budget at all, a carry-over requested on a project with nothing unspent. */
  readonly notes: readonly string[];
  /** The bokslut (the year-end table with carry-overs) or mid-year (utfall to date, prognos, avvikelse helår). */
  readonly yearEnd: boolean;
}

const zero = (x: number | undefined): number => x ?? 0;

function figures(p: InvestmentProject, yearEnd: boolean): InvestmentFigures {
  const totalBudget = roundOre(zero(p.originalBudget) + zero(p.addition));
  if (!yearEnd) {
    const forecast = p.forecast ?? totalBudget;
    return {
      originalBudget: p.originalBudget,
      addition: p.addition,
      totalBudget,
      actual: p.actual,
      forecast,
      variance: roundOre(totalBudget - forecast),
      carryOver: 0,
    };
  }
  const variance = roundOre(totalBudget - zero(p.actual));
  return {
    originalBudget: p.originalBudget,
    addition: p.addition,
    totalBudget,
    actual: p.actual,
    variance,
    carryOver: p.carryOverRequested && variance > 0 ? variance : 0,
  };
}

function sum(rows: readonly InvestmentFigures[]): InvestmentFigures {
  const add = (f: (r: InvestmentFigures) => number | undefined): number =>
    roundOre(rows.reduce((s, r) => s + zero(f(r)), 0));
  /** A column with no amount on any row has no sum either (missing is not zero, 001 H60). */
  const addPresent = (f: (r: InvestmentFigures) => number | undefined): number | undefined =>
    rows.some((r) => f(r) !== undefined) ? add(f) : undefined;
  return {
    originalBudget: addPresent((r) => r.originalBudget),
    addition: addPresent((r) => r.addition),
    totalBudget: add((r) => r.totalBudget),
    actual: addPresent((r) => r.actual),
    ...(rows.some((r) => r.forecast !== undefined) ? { forecast: add((r) => r.forecast) } : {}),
    variance: add((r) => r.variance),
    carryOver: add((r) => r.carryOver),
  };
}

/**
 * The follow-up of the projects. `yearEnd` (the bokslut, `isYearEnd` of the prognosis) gives the year-end table;
 * otherwise the mid-year one (seed 004 per augusti).
 */
export function investmentFollowUp(
  projects: readonly InvestmentProject[],
  ownLabel = "egna",
  yearEnd = true,
): InvestmentFollowUp {
  const order: (string | undefined)[] = [];
  for (const p of projects) if (p.runBy !== undefined && !order.includes(p.runBy)) order.push(p.runBy);
  if (projects.some((p) => p.runBy === undefined)) order.push(undefined);
  const notes: string[] = [];
  const groups = order.map((runBy): InvestmentGroup => {
    const rows = projects
      .filter((p) => p.runBy === runBy)
      .map((p): InvestmentRow => {
        const f = figures(p, yearEnd);
        // Missing is not zero: a project whose budget cells are both empty is counted as 0 but named (001 H60).
        if (p.originalBudget === undefined && p.addition === undefined)
          notes.push(
            `${p.name}: budget saknas (ursprungsbudget och tillägg är tomma); räknas som 0 i summorna. Fyll i budgeten, eller skriv 0 om projektet inte har någon.`,
          );
        if (!yearEnd && p.forecast === undefined)
          notes.push(
            `${p.name}: prognos helår saknas; hela budgeten (${formatTkr(f.totalBudget)} tkr) antas användas, avvikelse 0. Fyll i prognosen.`,
          );
        if (!yearEnd && p.carryOverRequested)
          notes.push(`${p.name}: ombudgetering begärs i bokslutet, inte i delårsrapporten; begäran visas inte här.`);
        if (yearEnd && p.carryOverRequested && f.variance <= 0)
          notes.push(
            `${p.name}: ombudgetering begärd, men inget av budgeten återstår (avvikelse ${formatTkr(f.variance)} tkr).`,
          );
        return { name: p.name, area: p.area, ...f };
      });
    return { runBy, label: runBy === undefined ? ownLabel : `genom ${runBy}`, rows, subtotal: sum(rows) };
  });
  const all = groups.flatMap((g) => g.rows);
  const carryOvers = all.filter((r) => r.carryOver > 0).map((r) => ({ name: r.name, amount: r.carryOver }));
  return {
    groups,
    total: sum(groups.map((g) => g.subtotal)),
    carryOvers,
    carryOverTotal: roundOre(carryOvers.reduce((s, c) => s + c.amount, 0)),
    notes,
    yearEnd,
  };
}

/**
 * Gnesta's investment table (seed 002): the year's budget split into the part framskrivet (released, with its
 * own project number) and the part not yet framskrivet; utfall booked against the released part; kvarvarande
 * framskrivet = framskrivet - utfall. Gnesta prints utfall negative (spending as a negative net), so
 * kvarvarande = framskrivet + utfall in its sign (G39: 500 + (-425) = 75). Converted at the edge: inside,
 * spending is positive.
 */
export type InvestmentSign = "spendingPositive" | "spendingNegative";

export interface ReleasedBudgetProject {
  readonly group: string;
  readonly projectNumber?: string;
  readonly name: string;
  readonly released: number | undefined;
  readonly notReleased: number | undefined;
  /** In the table's own sign (see `sign`). */
  readonly actual: number | undefined;
}

export interface ReleasedBudgetRow {
  readonly group: string;
  readonly projectNumber?: string;
  readonly name: string;
  /** Released + not released; undefined when both are missing (an empty line stays empty). */
  readonly budget: number | undefined;
  readonly released: number | undefined;
  readonly notReleased: number | undefined;
  /** Spending positive. */
  readonly actual: number | undefined;
  /** released - actual; undefined when both are missing. */
  readonly remainingReleased: number | undefined;
}

export interface ReleasedBudgetFollowUp {
  readonly rows: readonly ReleasedBudgetRow[];
  readonly total: {
    readonly budget: number;
    readonly released: number;
    readonly notReleased: number;
    readonly actual: number;
    readonly remainingReleased: number;
  };
}

export function releasedBudgetFollowUp(
  projects: readonly ReleasedBudgetProject[],
  sign: InvestmentSign,
): ReleasedBudgetFollowUp {
  const rows = projects.map((p): ReleasedBudgetRow => {
    const actual = p.actual === undefined ? undefined : sign === "spendingNegative" ? 0 - p.actual : p.actual;
    const budget =
      p.released === undefined && p.notReleased === undefined ? undefined : zero(p.released) + zero(p.notReleased);
    const remainingReleased =
      p.released === undefined && actual === undefined ? undefined : zero(p.released) - zero(actual);
    return {
      group: p.group,
      projectNumber: p.projectNumber,
      name: p.name,
      budget,
      released: p.released,
      notReleased: p.notReleased,
      actual,
      remainingReleased,
    };
  });
  const add = (f: (r: ReleasedBudgetRow) => number | undefined): number => rows.reduce((s, r) => s + zero(f(r)), 0);
  return {
    rows,
    total: {
      budget: add((r) => r.budget),
      released: add((r) => r.released),
      notReleased: add((r) => r.notReleased),
      actual: add((r) => r.actual),
      remainingReleased: add((r) => r.remainingReleased),
    },
  };
}

/** An internal (spending positive) amount in the table's sign. */
export function investmentAmountIn(sign: InvestmentSign, value: number): number {
  return sign === "spendingNegative" ? 0 - value : value;
}
