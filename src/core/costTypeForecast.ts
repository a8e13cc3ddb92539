/**
 * The forecast per kostnadsslag (the resultaträkning's Prognos helår, seed 004): per ansvar and line of the
 * Kontoplan, entered where the unit gives it (the sheet Prognos per kostnadsslag), proposed where not, so that the
 * lines of an ansvar add up to its forecast per ansvar (calculator 1).
 * The proposal carries the ansvar's forecast down to its lines by its method: each line's utfall to date at the
 * year's pace (utfall x 12 / months, the run rate; the year's utfall at year end), and what the ansvar's forecast
 * differs from those paces (its method was not the run rate, or lines were entered) spread over the lines not
 * entered by the size of their utfall to date. An ansvar forecast by the run rate thus gets each line's run rate.
 * An ansvar whose lines are all entered keeps them as entered: when they do not add up to its forecast, that is a
 * difference named with its cells; an ansvar with a forecast and no utfall on any line not entered keeps it on a
 * line "ej fördelad", named: nothing is lost, no figure is made up. Amounts in kronor, internal convention.
 */
import { roundOre } from "./amounts";
import { emptyRecord, ownValue } from "./records";

/** The key of the line that holds a forecast no line could take. */
export const UNALLOCATED_LINE = "ej-fordelad";
export const UNALLOCATED_LINE_LABEL = "Prognos ej fördelad på kostnadsslag";

export interface CostTypeForecastUnit {
  /** The ansvar (its own part: a parent's forecast on itself). */
  readonly key: string;
  readonly label: string;
  /** The ansvar's forecast helår (its own part). */
  readonly forecast: number;
  /** Utfall to date per line key. */
  readonly actualByLine: Readonly<Record<string, number>>;
}

export interface EnteredLineForecast {
  readonly unit: string;
  readonly line: string;
  readonly forecast: number;
  /** Where it was entered, for the difference warning ("Prognos per kostnadsslag!C4"). */
  readonly cell?: string;
}

export interface CostTypeForecastInput {
  /** The lines' keys in order (the unknown-konto line too, when the ledger has one). */
  readonly lines: readonly string[];
  readonly units: readonly CostTypeForecastUnit[];
  readonly entered: readonly EnteredLineForecast[];
  /** Months of utfall, 1-12 (the run rate's 12 / months). */
  readonly months: number;
}

export interface LineForecast {
  readonly unit: string;
  readonly line: string;
  readonly forecast: number;
  readonly source: "entered" | "proposed";
}

/** An ansvar whose lines, all entered, do not add up to its forecast. */
export interface LineForecastDifference {
  readonly unit: string;
  readonly label: string;
  readonly forecast: number;
  readonly lines: number;
  /** The ansvar's forecast minus its lines'. */
  readonly difference: number;
  readonly cells: readonly string[];
}

export interface CostTypeForecastResult {
  readonly cells: readonly LineForecast[];
  /** The sum per line key; `UNALLOCATED_LINE` when some forecast could not be placed. */
  readonly byLine: Readonly<Record<string, number>>;
  readonly differences: readonly LineForecastDifference[];
  /** The ansvar whose forecast (or part of it) is on the line "ej fördelad". */
  readonly unallocated: readonly { readonly unit: string; readonly label: string; readonly amount: number }[];
  /** The ansvar that entered some lines and not others: the lines proposed beside them, and the first cell entered. */
  readonly partial: readonly {
    readonly unit: string;
    readonly label: string;
    readonly cell?: string;
    readonly proposed: readonly { readonly line: string; readonly forecast: number }[];
  }[];
  /** The sum of every line: the sum of the forecasts per ansvar, less the differences. */
  readonly total: number;
}

/** Below half an öre a difference is none. */
const NONE = 0.005;

export function forecastByCostType(input: CostTypeForecastInput): CostTypeForecastResult {
  const cells: LineForecast[] = [];
  const differences: LineForecastDifference[] = [];
  const unallocated: { unit: string; label: string; amount: number }[] = [];
  const partial: { unit: string; label: string; cell?: string; proposed: { line: string; forecast: number }[] }[] = [];
  const entered = new Map<string, EnteredLineForecast[]>();
  for (const e of input.entered) entered.set(e.unit, [...(entered.get(e.unit) ?? []), e]);
  const pace = 12 / input.months;

  for (const unit of input.units) {
    const own = entered.get(unit.key) ?? [];
    const given = new Set(own.map((e) => e.line));
    for (const e of own) cells.push({ unit: unit.key, line: e.line, forecast: e.forecast, source: "entered" });
    const rest = roundOre(unit.forecast - own.reduce((s, e) => s + e.forecast, 0));
    const open = input.lines.filter((l) => !given.has(l));
    const actual = (line: string): number => ownValue(unit.actualByLine, line) ?? 0;
    const weight = open.reduce((s, l) => s + Math.abs(actual(l)), 0);
    if (open.length === 0 || weight === 0) {
      if (Math.abs(rest) < NONE) continue;
      if (open.length === 0)
        differences.push({
          unit: unit.key,
          label: unit.label,
          forecast: unit.forecast,
          lines: roundOre(unit.forecast - rest),
          difference: rest,
          cells: own.map((e) => e.cell).filter((c): c is string => c !== undefined),
        });
      else {
        unallocated.push({ unit: unit.key, label: unit.label, amount: rest });
        cells.push({ unit: unit.key, line: UNALLOCATED_LINE, forecast: rest, source: "proposed" });
      }
      continue;
    }
    const paces = open.map((l) => roundOre(actual(l) * pace));
    const gap = rest - paces.reduce((a, b) => a + b, 0);
    const proposed = open.map((l, i) => roundOre(paces[i]! + (gap * Math.abs(actual(l))) / weight));
    // The öre the rounding leaves go to the line with the largest utfall, so the lines add up exactly.
    const residual = roundOre(rest - proposed.reduce((a, b) => a + b, 0));
    if (residual !== 0) {
      const largest = open.reduce((best, l, i) => (Math.abs(actual(l)) > Math.abs(actual(open[best]!)) ? i : best), 0);
      proposed[largest] = roundOre(proposed[largest]! + residual);
    }
    const shown = open.flatMap((l, i) =>
      actual(l) !== 0 || proposed[i] !== 0 ? [{ line: l, forecast: proposed[i]! }] : [],
    );
    for (const p of shown) cells.push({ unit: unit.key, ...p, source: "proposed" });
    if (own.length > 0 && shown.length > 0)
      partial.push({
        unit: unit.key,
        label: unit.label,
        ...(own[0]!.cell !== undefined ? { cell: own[0]!.cell } : {}),
        proposed: shown,
      });
  }

  const byLine = emptyRecord<number>();
  for (const l of input.lines) byLine[l] = 0;
  for (const c of cells) byLine[c.line] = roundOre((ownValue(byLine, c.line) ?? 0) + c.forecast);
  const total = roundOre(cells.reduce((s, c) => s + c.forecast, 0));
  return { cells, byLine, differences, unallocated, partial, total };
}
