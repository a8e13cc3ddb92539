/**
 * A small evaluator of the formulas the report layouts write (SUM, MAX, MIN, ABS, ROUND, IF with a comparison, + - * /,
 * cell references and ranges), so a layout test can check every cached value against its formula without Excel.
 */
import { cellAddress } from "../../src/cells";
import { roundExcel } from "../../src/core/amounts";
import { layoutCells, type SheetLayout } from "../../src/report/layout";

type Cells = ReadonlyMap<string, unknown>;

function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function range(from: string, to: string, cells: Cells): number[] {
  const [, c1, r1] = from.match(/^([A-Z]+)(\d+)$/)!;
  const [, c2, r2] = to.match(/^([A-Z]+)(\d+)$/)!;
  const out: number[] = [];
  for (let r = Number(r1); r <= Number(r2); r++)
    for (let c = columnIndex(c1!); c <= columnIndex(c2!); c++) {
      const v = cells.get(cellAddress(r - 1, c));
      if (typeof v === "number") out.push(v);
    }
  return out;
}

export function evaluate(formula: string, cells: Cells): number {
  const tokens = formula.match(
    /[A-Z]+\d+:[A-Z]+\d+|[A-Z]+\d+|[A-Z]+(?=\()|\d+(?:\.\d+)?(?:e[-+]?\d+)?|<=|>=|<>|[-+*/(),<>=]|""/g,
  )!;
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++]!;
  const args = (): number[] => {
    next(); // (
    const values: number[] = [];
    while (peek() !== ")") {
      const t = peek()!;
      if (/^[A-Z]+\d+:[A-Z]+\d+$/.test(t)) {
        next();
        const [a, b] = t.split(":");
        values.push(...range(a!, b!, cells));
      } else values.push(comparison());
      if (peek() === ",") next();
    }
    next(); // )
    return values;
  };
  const primary = (): number => {
    const t = next();
    if (t === "(") {
      const v = comparison();
      next();
      return v;
    }
    if (t === "-") return -primary();
    if (t === '""') return 0;
    if (/^\d/.test(t)) return Number(t);
    if (/^[A-Z]+\d+$/.test(t)) return Number(cells.get(t) ?? 0);
    const a = args();
    switch (t) {
      case "SUM":
        return a.reduce((s, x) => s + x, 0);
      case "MAX":
        return Math.max(...a);
      case "MIN":
        return Math.min(...a);
      case "ABS":
        return Math.abs(a[0]!);
      case "ROUND":
        return roundExcel(a[0]!, a[1] ?? 0);
      case "IF":
        return a[0] ? a[1]! : a[2]!;
      default:
        throw new Error(`Okänd funktion ${t} i ${formula}`);
    }
  };
  const term = (): number => {
    let v = primary();
    while (peek() === "*" || peek() === "/") v = next() === "*" ? v * primary() : v / primary();
    return v;
  };
  const expr = (): number => {
    let v = term();
    while (peek() === "+" || peek() === "-") v = next() === "+" ? v + term() : v - term();
    return v;
  };
  const comparison = (): number => {
    const v = expr();
    const op = peek();
    if (op === "=" || op === "<" || op === ">" || op === "<=" || op === ">=" || op === "<>") {
      next();
      const w = expr();
      return Number(
        op === "="
          ? v === w
          : op === "<"
            ? v < w
            : op === ">"
              ? v > w
              : op === "<="
                ? v <= w
                : op === ">="
                  ? v >= w
                  : v !== w,
      );
    }
    return v;
  };
  return comparison();
}

/** Every formula cell of a layout with its cached value and the value its formula gives on the layout's cells. */
export function formulaChecks(layout: SheetLayout): { address: string; cached: unknown; computed: number }[] {
  const placed = layoutCells(layout);
  const cells = new Map(placed.map((c) => [cellAddress(c.row, c.column), c.value]));
  return placed
    .filter((c) => c.formula !== undefined)
    .map((c) => ({ address: cellAddress(c.row, c.column), cached: c.value, computed: evaluate(c.formula!, cells) }));
}
