/**
 * The nämnd's report tables as sheets: the resultaträkning by cost type, the organisational split per
 * verksamhetsområde with earlier years beside this year, and the per-ansvar annex with subtotals. Cells hold
 * kronor shown in tkr; subtotals, totals, avvikelse and resultat are Excel formulas with the computed values
 * cached. A line that starts or ends between years shows "ny 2021" / "upphörd", a missing value "-".
 * Differences against a printed source (the 1 tkr rounding gaps) are listed under the table, never hidden.
 */
import { cellAddress } from "../cells";
import { formatNumber, formatPercent, formatTkr, roundOre } from "../core/amounts";
import { UNKNOWN_COST_TYPE_LABEL } from "../core/accountClasses";
import { UNALLOCATED_LINE_LABEL, type CostTypeForecastResult } from "../core/costTypeForecast";
import type { IncomeStatementModel } from "../core/incomeStatement";
import type { OrganisationalWarning } from "../core/organisationalStatements";
import { MONTH_NAMES_SV } from "../core/periods";
import type { BalanceShare } from "../core/balanceShare";
import type { Finding } from "../core/consistency";
import {
  breakText,
  columnIds,
  INCOME_STATEMENT_KEYS,
  type StatementCell,
  type StatementRow,
  type StatementTable,
} from "../core/statements";
import {
  firstBodyRow,
  sumFormula,
  type ReportCell,
  type ReportColumn,
  type ReportRow,
  type RowKind,
  type SheetLayout,
} from "./layout";
import { fromInternal, type SignConvention } from "../core/signs";
import { metaLines, reconciliationSentence, type ReportMeta } from "./meta";

export interface StatementSheetOptions {
  readonly sheetName: string;
  readonly tableName: string;
  readonly title: string;
  readonly labelHeader: string;
  readonly meta: ReportMeta;
  /** Differences against the printed source, listed under the table. */
  readonly findings?: readonly Finding[];
  /** Further lines under the table (e.g. `balanceShareText`). */
  readonly notes?: readonly string[];
  /** The table prints each subtotal under its children (`hierarchyStatement`'s subtotalsBelow): outline summary below. */
  readonly subtotalsBelow?: boolean;
}

const ROW_KIND: Record<StatementRow["role"], RowKind> = {
  line: "data",
  subtotal: "subtotal",
  total: "total",
  memo: "data",
};

function statementColumns(table: StatementTable, labelHeader: string): ReportColumn[] {
  return [
    { id: "label", header: labelHeader, type: "text", width: 34, indent: true },
    ...table.columns.map((c): ReportColumn => ({ id: c.id, header: `${c.header} (tkr)`, type: "tkr", width: 13 })),
    ...(table.variance
      ? [
          {
            id: table.variance.id,
            header: `${table.variance.header} (tkr)`,
            type: "tkr" as const,
            width: 13,
            signColour: true,
          },
        ]
      : []),
  ];
}

/** "-" for a missing value, "ny 2021" / "upphörd" outside a line's span, blank where the row has no such cell. */
function shownValue(cell: StatementCell | undefined): number | string | null {
  if (cell === undefined) return null;
  if (cell.kind === "missing") return "-";
  return cell.kind === "value" ? cell.value : breakText(cell)!;
}

/** Where the table's cells land: the A1 address of (row key, column id). */
export function statementCellAddresses(
  table: StatementTable,
  headerRow: number,
): (key: string, column: string) => string | undefined {
  const ids = ["label", ...columnIds(table)];
  const rowIndex = new Map(table.rows.map((r, i) => [r.key, i]));
  return (key, column) => {
    const i = rowIndex.get(key);
    const j = ids.indexOf(column);
    return i === undefined || j < 0 ? undefined : cellAddress(headerRow + 1 + i, j);
  };
}

/** The rows of a statement table, with SUM formulas on subtotals and totals and B - U on the avvikelse. */
function statementRows(table: StatementTable, headerRow: number): ReportRow[] {
  const ids = ["label", ...columnIds(table)];
  const col = (id: string) => ids.indexOf(id);
  const at = new Map(table.rows.map((r, i) => [r.key, headerRow + 1 + i]));
  const parts = (r: StatementRow): number[] =>
    table.rows
      .filter((x) =>
        r.role === "total"
          ? x.parentKey === undefined && x.role !== "total" && x.role !== "memo"
          : x.parentKey === r.key,
      )
      .map((x) => at.get(x.key)!);
  const K = INCOME_STATEMENT_KEYS;
  return table.rows.map((r): ReportRow => {
    const row = at.get(r.key)!;
    const cells: ReportCell[] = ids.map((id): ReportCell => {
      if (id === "label") return { value: r.label };
      const value = shownValue(r.cells[id]);
      if (typeof value !== "number") return { value };
      if (table.variance && id === table.variance.id) {
        const b = r.cells[table.variance.budget];
        const o = r.cells[table.variance.outcome];
        const formula =
          b?.kind === "value" && o?.kind === "value"
            ? `${cellAddress(row, col(table.variance.budget))}-${cellAddress(row, col(table.variance.outcome))}`
            : undefined;
        return { value, formula };
      }
      if (r.key === K.result && at.has(K.grant))
        return { value, formula: `${cellAddress(at.get(K.grant)!, col(id))}-${cellAddress(at.get(K.net)!, col(id))}` };
      if (r.role === "subtotal" || r.role === "total") return { value, formula: sumFormula(col(id), parts(r)) };
      return { value };
    });
    return {
      kind: ROW_KIND[r.role],
      level: r.depth,
      cells,
      outline: r.role === "line" && r.depth > 0 ? Math.min(r.depth, 7) : undefined,
    };
  });
}

function noteLines(options: StatementSheetOptions, fromRow: number): { row: number; text: string }[] {
  const texts = [...(options.notes ?? [])];
  if (options.findings && options.findings.length > 0)
    texts.push(
      "Avstämning mot tryckt källa (summorna här är av oavrundade belopp):",
      ...options.findings.map((f) => f.message),
    );
  return texts.map((text, i) => ({ row: fromRow + i, text }));
}

/**
 * "Avstämning: nettokostnad Utfall 2021-08 i indata 136 435 tkr = i rapporten 136 435 tkr." Under every
 * resultaträkning, equal or not: each column's ledger (or budget per konto) total against its Summa
 * nettokostnader.
 */
export function ledgerReconciliationText(
  columns: readonly { readonly header: string; readonly ledgerTotal: number; readonly statementNet: number }[],
): string {
  return reconciliationSentence(
    undefined,
    columns.map((c) => ({ what: `nettokostnad ${c.header}`, input: c.ledgerTotal, report: c.statementNet })),
    formatTkr,
  );
}

/** "Enheter med budget i balans: 13 av 18 (72 %). Underskott: IFO barn och familj, ..." (seed 000's mätetal). */
export function balanceShareText(b: BalanceShare): string {
  if (b.share === undefined) return "Enheter med budget i balans: inga enheter.";
  const head = `Enheter med budget i balans (avvikelse ≥ 0): ${b.inBalance} av ${b.units} (${formatPercent(b.share)}).`;
  return b.notInBalance.length === 0
    ? head
    : `${head} Underskott: ${b.notInBalance.map((u) => `${u.label} ${formatTkr(u.variance)} tkr`).join(", ")}.`;
}

/** The header row of a statement sheet's table: under the title and the meta lines (the notes under it do not move it). */
export function statementHeaderRow(options: Pick<StatementSheetOptions, "meta">): number {
  return firstBodyRow(metaLines(options.meta));
}

/** One statement table on its own sheet. */
export function buildStatementSheet(table: StatementTable, options: StatementSheetOptions): SheetLayout {
  const meta = metaLines(options.meta);
  const headerRow = firstBodyRow(meta);
  const rows = statementRows(table, headerRow);
  return {
    name: options.sheetName,
    title: options.title,
    meta,
    tables: [
      {
        name: options.tableName,
        headerRow,
        firstColumn: 0,
        columns: statementColumns(table, options.labelHeader),
        rows,
      },
    ],
    notes: noteLines(options, headerRow + rows.length + 2),
    freeze: { rows: headerRow + 1, columns: 1 },
    outlineSummaryBelow: options.subtotalsBelow ?? false,
  };
}

/**
 * The organisational split: the verksamhetsområden and their sum, then (when the resultaträkning is given) a
 * second table with Intäkter, Kostnader and Nettokostnad on the same columns, as seed 000 prints it. The net of
 * the second table equals Summa verksamhet (a cross-table check the report makes visible).
 */
export function buildOrganisationalSplitSheet(
  split: StatementTable,
  income: StatementTable | undefined,
  options: StatementSheetOptions,
): SheetLayout {
  const first = buildStatementSheet(split, options);
  if (!income) return first;
  const K = INCOME_STATEMENT_KEYS;
  const pick = (key: string, label: string): StatementRow => ({
    ...income.rows.find((r) => r.key === key)!,
    label,
    role: "line",
    depth: 0,
    parentKey: undefined,
  });
  const summary: StatementTable = {
    ...income,
    rows: [pick(K.revenues, "Intäkter"), pick(K.costs, "Kostnader"), { ...pick(K.net, "Nettokostnad"), role: "total" }],
  };
  const headerRow = first.tables[0]!.headerRow + first.tables[0]!.rows.length + 2;
  const rows = statementRows(summary, headerRow);
  return {
    ...first,
    tables: [
      ...first.tables,
      {
        name: `${options.tableName}_RR`,
        headerRow,
        firstColumn: 0,
        columns: statementColumns(summary, "Resultaträkning"),
        rows,
      },
    ],
    notes: noteLines(options, headerRow + rows.length + 2),
  };
}

/** Kronor as tkr, the unit of the report's sheets and of their check lines: 0,4 kronor in 1 tkr is 0,0004 tkr. */
export const inTkr = (kronor: number): number => roundOre(kronor) / 1000;

/** "1 193 830 tkr", "0,45 tkr": an amount in a check line of a tkr report, with its decimals when it has any. */
export function tkrText(kronor: number): string {
  const tkr = inTkr(kronor);
  return `${formatNumber(tkr, Number.isInteger(tkr) ? 0 : Number.isInteger(tkr * 100) ? 2 : 3)} tkr`;
}

/** The forecast per kostnadsslag's checks, in words: each ansvar whose entered lines differ from its forecast, each one not split. */
export function forecastNotes(f: CostTypeForecastResult): string[] {
  return [
    ...f.differences.map(
      (d) =>
        `${d.label}: prognosen per kostnadsslag (${d.cells.join(", ")}) summerar till ${tkrText(d.lines)}, men prognosen per ansvar är ${tkrText(d.forecast)}: skillnaden ${tkrText(d.difference)} finns inte i resultaträkningens Prognos. Rätta raderna eller prognosen per ansvar.`,
    ),
    ...f.unallocated.map(
      (u) =>
        `${u.label}: prognosen ${tkrText(u.amount)} kan inte fördelas på kostnadsslag (inget utfall på de kostnadsslag som inte är ifyllda): den redovisas på raden ${UNALLOCATED_LINE_LABEL}. Fyll i ansvarets prognos per kostnadsslag.`,
    ),
  ];
}

/** An ansvar that entered some kostnadsslag: the others proposed, named with their amounts. */
export function partialForecastNote(
  p: CostTypeForecastResult["partial"][number],
  labelOf: (line: string) => string,
): string {
  return `${p.label} har prognos per kostnadsslag för en del av kostnadsslagen; de övriga föreslås från utfallet så att raderna summerar till prognosen per ansvar: ${p.proposed.map((x) => `${labelOf(x.line)} ${tkrText(x.forecast)}`).join(", ")}.`;
}

/**
 * A warning of the organisational statements' model, worded and naming its cell (amounts in the user's
 * convention): a Budget written '-', or a middle level's figure that is not the sum of its lines'.
 */
export function organisationalWarningText(
  w: OrganisationalWarning,
  convention: SignConvention,
): { sheet: string; cell: string; message: string } {
  if (w.kind === "budgetMissing")
    return {
      sheet: w.at.sheet,
      cell: w.at.cell,
      message: `budget saknas för ${w.label} ${w.year} ('-'): summorna över raden visas som '-', inte som om budgeten vore 0.`,
    };
  const shown = (x: number): string => tkrText(fromInternal(x, convention));
  const what = w.figure === "net" ? `Bokslut ${w.year}` : `Budget ${w.year}`;
  return {
    sheet: w.at.sheet,
    cell: w.at.cell,
    message: `${what} för ${w.label} är ${shown(w.given)}, men raderna för ansvaren under det summerar till ${shown(w.parts)}: skillnaden ${shown(w.own)} visas som ${w.figure === "net" ? "bokat" : "budget"} direkt på ansvaret.`,
  };
}

/** A warning of the resultaträkning; `info`: a note for the reader, not a fault (e.g. last year's later months). */
export interface IncomeStatementWarning {
  readonly message: string;
  readonly info?: boolean;
}

/**
 * The resultaträkning's warnings, worded: rows outside January to the month (each ledger with its count and
 * amount), then each konto outside every kostnadsslag with its amount per column. `ownPlan`: the kommun's
 * Kontoplan sheet was used (else the Kommun-Bas default).
 */
export function incomeStatementWarningTexts(
  model: IncomeStatementModel,
  month: number,
  ownPlan: boolean,
): IncomeStatementWarning[] {
  const aside = model.outsidePeriod.map((o): IncomeStatementWarning => ({
    // In whole tkr, as every other Kontroller line.
    message: `${o.rows} ${o.rows === 1 ? "rad" : "rader"} i ${o.ledger === "lastYear" ? "föregående års utfall" : "utfallet"} ligger utanför januari-${MONTH_NAMES_SV[month - 1]} ${o.year}, sammanlagt ${formatTkr(o.amount)} tkr: de ingår inte i resultaträkningen.`,
    // Last year's rows after the follow-up month are left out of its column by design (the prognosis uses them).
    ...(o.ledger === "lastYear" ? { info: true } : {}),
  }));
  const unknown = model.unknownAccounts.map((u): IncomeStatementWarning => ({
    message: `${u.account === "" ? "Rader utan konto" : `Konto ${u.account}`} hör inte till något kostnadsslag i ${ownPlan ? "kontoplanen" : "standardkontoplanen (Kommun-Bas)"} (${u.amounts.map((a) => `${a.column.header} ${tkrText(a.amount)}`).join(", ")}): beloppet redovisas på raden ${UNKNOWN_COST_TYPE_LABEL}; ange kontot på bladet Kontoplan.`,
  }));
  return [...aside, ...unknown];
}

/** A version on Budget per konto that the Budget sheet does not know: named with its amount, never summed. */
export function unknownBudgetVersionWarning(
  u: { readonly id: string; readonly amount: number },
  known: readonly string[],
): { sheet: string; message: string; amount: number } {
  return {
    sheet: "Budget per konto",
    message: `versionen "${u.id}" finns inte på bladet Budget (${known.join(", ")}): dess rader, sammanlagt ${formatTkr(u.amount)} tkr, ingår inte i resultaträkningens budget.`,
    amount: Math.abs(u.amount),
  };
}
