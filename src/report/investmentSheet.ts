/**
 * The investment follow-up as sheets. Seed 000's layout: the projects run by another nämnd first with their own
 * subtotal, then the own projects under their area headings with theirs, then the grand total, and under the
 * table (in the bokslut) the carry-overs the nämnd asks for (§ 25: 500 + 263 + 67 = 830 tkr); mid-year, as seed
 * 004 per augusti, utfall to date, prognos helår and avvikelse helår in place of the carry-overs. Seed 002's layout: budget split in
 * framskrivet / ej framskrivet, utfall and kvarvarande framskrivet, in the table's own sign.
 * A missing cell shows '-' and counts as 0: the formulas use SUM, which skips text.
 */
import { cellAddress } from "../cells";
import { formatTkr } from "../core/amounts";
import { makePeriod, MONTH_NAMES_SV } from "../core/periods";
import {
  investmentAmountIn,
  type InvestmentFigures,
  type InvestmentProject,
  type InvestmentFollowUp,
  type InvestmentSign,
  type ReleasedBudgetFollowUp,
} from "../core/investments";
import {
  columnIndex,
  firstBodyRow,
  sumFormula,
  tableSheet,
  type ReportCell,
  type ReportColumn,
  type ReportRow,
  type SheetLayout,
} from "./layout";
import { metaLines, reconciliationSentence, type ReadCounts, type ReportMeta } from "./meta";

/** Not "Investeringar": that is the input sheet of the same workbook in Excel. */
export const INVESTMENT_SHEET = "Investeringsuppföljning";
export const INVESTMENT_TABLE = "Budgetkoll_Investeringar";

export const INVESTMENT_COLUMNS: readonly ReportColumn[] = [
  { id: "name", header: "Projekt", type: "text", width: 38, indent: true },
  { id: "originalBudget", header: "Ursprungsbudget (tkr)", type: "tkr", width: 16 },
  { id: "addition", header: "Tillägg/ombudgetering (tkr)", type: "tkr", width: 14 },
  { id: "totalBudget", header: "Summa budget (tkr)", type: "tkr", width: 13 },
  { id: "actual", header: "Utfall (tkr)", type: "tkr", width: 13 },
  { id: "variance", header: "Avvikelse (tkr)", type: "tkr", width: 13, signColour: true },
  { id: "carryOver", header: "Ombudgetering begärd (tkr)", type: "tkr", width: 14 },
];

/** Mid-year (seed 004's table per augusti): utfall to date, prognos helår and avvikelse helår; no carry-over. */
export function investmentColumns(yearEnd: boolean, period?: string): readonly ReportColumn[] {
  if (yearEnd) return INVESTMENT_COLUMNS;
  return [
    ...INVESTMENT_COLUMNS.filter((c) => c.id !== "carryOver" && c.id !== "variance").map((c) =>
      c.id === "actual" ? { ...c, header: `Utfall t.o.m. ${period ?? "period"} (tkr)` } : c,
    ),
    { id: "forecast", header: "Prognos helår (tkr)", type: "tkr", width: 13 },
    { id: "variance", header: "Avvikelse helår (tkr)", type: "tkr", width: 13, signColour: true },
  ];
}

const SUMMED = ["originalBudget", "addition", "totalBudget", "actual", "forecast", "variance", "carryOver"] as const;

const dash = (x: number | undefined): number | string => (x === undefined ? "-" : x);

/** The projects as the reader read them, and the rows of the "Investeringar" sheets (read = used + rejected). */
export interface InvestmentInput {
  readonly rows?: ReadCounts;
  readonly projects: readonly InvestmentProject[];
}

/**
 * "Avstämning: 11 projekt; 11 rader lästa = 11 använda + 0 avvisade; summa budget i indata 13 789 tkr = i
 * rapporten 13 789 tkr; utfall i indata 8 679 tkr = i rapporten 8 679 tkr." The input's budget and utfall summed
 * project by project, against the report's total.
 */
export function investmentReconciliationText(result: InvestmentFollowUp, input: InvestmentInput): string {
  const sum = (f: (p: InvestmentProject) => number | undefined) => input.projects.reduce((s, p) => s + (f(p) ?? 0), 0);
  const shown = result.groups.reduce((n, g) => n + g.rows.length, 0);
  return reconciliationSentence(
    input.rows,
    [
      {
        what: "summa budget",
        input: sum((p) => (p.originalBudget ?? 0) + (p.addition ?? 0)),
        report: result.total.totalBudget,
      },
      { what: "utfall", input: sum((p) => p.actual), report: result.total.actual ?? 0 },
    ],
    formatTkr,
    [{ text: `${shown} projekt` }],
  );
}

export function buildInvestmentSheet(
  result: InvestmentFollowUp,
  meta: ReportMeta,
  year: number,
  input: InvestmentInput,
  /** The report month, named in the mid-year table's Utfall header. */
  month?: number,
): SheetLayout {
  const lines = metaLines(meta);
  const yearEnd = result.yearEnd;
  const columns = investmentColumns(yearEnd, month === undefined ? undefined : makePeriod(year, month));
  const col = columnIndex(columns);
  const summed = SUMMED.filter((id) => columns.some((c) => c.id === id));
  const headerRow = firstBodyRow(lines);
  const rows: ReportRow[] = [];
  const next = (): number => headerRow + 1 + rows.length;
  const heading = (text: string, level: number) =>
    rows.push({
      kind: "heading",
      level,
      cells: columns.map((c) => ({ value: c.id === "name" ? text : null })),
    });

  const project = (name: string, f: InvestmentFigures, level: number): number => {
    const at = next();
    const a = (id: string) => cellAddress(at, col(id));
    const cells: Record<string, ReportCell> = {
      name: { value: name },
      originalBudget: { value: dash(f.originalBudget) },
      addition: { value: dash(f.addition) },
      totalBudget: { value: f.totalBudget, formula: `SUM(${a("originalBudget")}:${a("addition")})` },
      actual: { value: dash(f.actual) },
      forecast: { value: dash(f.forecast) },
      // Bokslut: budget - utfall; mid-year: budget - prognos helår.
      variance: { value: f.variance, formula: `${a("totalBudget")}-SUM(${a(yearEnd ? "actual" : "forecast")})` },
      carryOver: { value: f.carryOver === 0 ? null : f.carryOver },
    };
    rows.push({ kind: "data", level, outline: level, cells: columns.map((c) => cells[c.id]!) });
    return at;
  };
  const sum = (kind: "subtotal" | "total", label: string, f: InvestmentFigures, over: readonly number[]): number => {
    const at = next();
    const cells: Record<string, ReportCell> = { name: { value: label } };
    for (const id of summed) cells[id] = { value: f[id] ?? 0, formula: sumFormula(col(id), over) };
    rows.push({ kind, level: 0, cells: columns.map((c) => cells[c.id]!) });
    return at;
  };

  const subtotalRows: number[] = [];
  for (const group of result.groups) {
    heading(group.runBy === undefined ? "Egna investeringar" : `Investeringar ${group.label}`, 0);
    const projectRows: number[] = [];
    let area: string | undefined;
    for (const r of group.rows) {
      if (r.area !== undefined && r.area !== area) heading(r.area, 1);
      area = r.area;
      projectRows.push(project(r.name, r, r.area === undefined ? 1 : 2));
    }
    subtotalRows.push(sum("subtotal", `S:a investeringar ${group.label}`, group.subtotal, projectRows));
  }
  const totalAt = sum("total", "Totala investeringar", result.total, subtotalRows);

  const notes: { row: number; text: string }[] = [];
  let noteRow = totalAt + 2;
  if (result.carryOvers.length > 0) {
    const list = result.carryOvers.map((c) => `${c.name} ${formatTkr(c.amount)} tkr`).join(", ");
    notes.push({
      row: noteRow++,
      text: `Nämnden begär ombudgetering till ${year + 1} av ej förbrukade medel: ${list}; totalt ${formatTkr(result.carryOverTotal)} tkr.`,
    });
  }
  for (const n of result.notes) notes.push({ row: noteRow++, text: n });
  notes.push({
    row: noteRow++,
    text: yearEnd
      ? "Avvikelse = summa budget - utfall: positiv = ej förbrukat, negativ = överskridet. '-' = inget belopp (räknas som 0 i summorna)."
      : "Avvikelse helår = summa budget - prognos helår: positiv = budget som inte förbrukas under året, negativ = överskridet. '-' = inget belopp (räknas som 0 i summorna).",
  });
  notes.push({ row: noteRow, text: investmentReconciliationText(result, input) });

  return tableSheet({
    name: INVESTMENT_SHEET,
    title:
      yearEnd || month === undefined
        ? `Investeringsredovisning ${year} (tkr)`
        : `Investeringsredovisning januari-${MONTH_NAMES_SV[month - 1]} ${year} (tkr)`,
    meta: lines,
    table: INVESTMENT_TABLE,
    columns,
    rows,
    notes,
    frozenColumns: 1,
  });
}

export const RELEASED_BUDGET_COLUMNS: readonly ReportColumn[] = [
  { id: "projectNumber", header: "Projektnr", type: "text", width: 10 },
  { id: "name", header: "Investering", type: "text", width: 44, indent: true },
  { id: "budget", header: "Investeringsbudget (tkr)", type: "tkr", width: 19 },
  { id: "released", header: "Framskrivet (tkr)", type: "tkr", width: 13 },
  { id: "notReleased", header: "Ej framskrivet (tkr)", type: "tkr", width: 13 },
  { id: "actual", header: "Utfall (tkr)", type: "tkr", width: 13 },
  { id: "remainingReleased", header: "Kvarvarande framskrivet (tkr)", type: "tkr", width: 14, signColour: true },
];

/** Seed 002's table, amounts in the table's own sign (Gnesta: utfall negative, kvarvarande = framskrivet + utfall). */
export function buildReleasedBudgetSheet(
  result: ReleasedBudgetFollowUp,
  sign: InvestmentSign,
  meta: ReportMeta,
  title: string,
): SheetLayout {
  const lines = metaLines(meta);
  const headerRow = firstBodyRow(lines);
  const c = columnIndex(RELEASED_BUDGET_COLUMNS);
  const rows: ReportRow[] = [];
  const projectRows: number[] = [];
  let group: string | undefined;
  const blank = (x: number | undefined): number | null => (x === undefined ? null : x);
  for (const r of result.rows) {
    if (r.group !== group)
      rows.push({
        kind: "heading",
        level: 0,
        cells: RELEASED_BUDGET_COLUMNS.map((x) => ({ value: x.id === "name" ? r.group : null })),
      });
    group = r.group;
    const at = headerRow + 1 + rows.length;
    projectRows.push(at);
    const a = (id: string) => cellAddress(at, c(id));
    const actual = r.actual === undefined ? undefined : investmentAmountIn(sign, r.actual);
    const cells: Record<string, ReportCell> = {
      projectNumber: { value: r.projectNumber ?? null },
      name: { value: r.name },
      budget:
        r.budget === undefined
          ? { value: null }
          : { value: r.budget, formula: `SUM(${a("released")}:${a("notReleased")})` },
      released: { value: blank(r.released) },
      notReleased: { value: blank(r.notReleased) },
      actual: { value: blank(actual) },
      remainingReleased:
        r.remainingReleased === undefined
          ? { value: null }
          : {
              value: r.remainingReleased,
              formula:
                sign === "spendingNegative"
                  ? `SUM(${a("released")},${a("actual")})`
                  : `SUM(${a("released")})-SUM(${a("actual")})`,
            },
    };
    rows.push({ kind: "data", level: 1, outline: 1, cells: RELEASED_BUDGET_COLUMNS.map((x) => cells[x.id]!) });
  }
  const t = result.total;
  const totals: Record<string, number> = { ...t, actual: investmentAmountIn(sign, t.actual) };
  rows.push({
    kind: "total",
    level: 0,
    cells: RELEASED_BUDGET_COLUMNS.map((x): ReportCell => {
      if (x.id === "name") return { value: "Summa investeringar" };
      if (x.id === "projectNumber") return { value: null };
      return { value: totals[x.id]!, formula: sumFormula(c(x.id), projectRows) };
    }),
  });
  return tableSheet({
    name: "Investeringar framskrivna",
    title,
    meta: lines,
    table: "Budgetkoll_InvesteringarFramskrivna",
    columns: RELEASED_BUDGET_COLUMNS,
    rows,
    notes: [
      {
        row: headerRow + rows.length + 2,
        text:
          sign === "spendingNegative"
            ? "Utfall visas negativt (förbrukning); kvarvarande framskrivet = framskrivet + utfall."
            : "Kvarvarande framskrivet = framskrivet - utfall.",
      },
    ],
    frozenColumns: 2,
  });
}
