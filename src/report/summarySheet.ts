/**
 * One page for the nämnd: the result per verksamhet, the largest deficits with the units' comments, and the gap
 * to budget i balans when there is an åtgärdsplan. Plain words; the word underskott/överskott follows the sign.
 */
import { cellAddress } from "../cells";
import { convertMoney, formatNumber, formatPercent, formatTkr } from "../core/amounts";
import type { ActionPlanResult } from "../core/actionPlan";
import { unmatchedByLine, unmatchedPhrase } from "../core/commentary";
import { MONTH_NAMES_SV } from "../core/periods";
import { unknownShare, type PrognosisResult, type PrognosisRow } from "../core/prognosis";
import { balanceTable, gapSentence } from "./actionPlanSheet";
import {
  columnIndex,
  type ChartLayout,
  firstBodyRow,
  sumFormula,
  type ReportCell,
  type ReportColumn,
  type ReportRow,
  type SheetLayout,
  type TableLayout,
} from "./layout";
import { metaLines, reconciliationSentence, type ReadCounts, type ReportMeta } from "./meta";
import { prognosisColumns } from "./prognosisSheet";

export const SUMMARY_SHEET = "Sammanfattning";

/** The prognosis report's own money columns (worded for the bokslut at year end), so the page for the nämnd says the same as the report. */
const prognosisColumn =
  (yearEnd: boolean) =>
  (id: string): ReportColumn => {
    const columns = prognosisColumns(yearEnd);
    return columns[columnIndex(columns)(id)]!;
  };

const areaColumns = (yearEnd: boolean): readonly ReportColumn[] => [
  { id: "name", header: "Verksamhet", type: "text", width: 34 },
  ...["annualBudget", "actual", "forecast", "varianceFullYear"].map(prognosisColumn(yearEnd)),
  { id: "share", header: "Avvikelse i % av budget", type: "percent", width: 13 },
];

/** Under the area table on the same columns, so the variance lines up and the wide comment comes last. */
const deficitColumns = (yearEnd: boolean): readonly ReportColumn[] => [
  { id: "name", header: "Benämning", type: "text", width: 34 },
  { id: "code", header: "Ansvar", type: "text", width: 13 },
  ...["annualBudget", "forecast", "varianceFullYear"].map(prognosisColumn(yearEnd)),
  { id: "comment", header: "Kommentar", type: "text", width: 50, wrap: true },
];

/** How many of the largest deficits the page lists. */
export const LARGEST_DEFICITS = 5;

function word(kronor: number): "underskott" | "överskott" | undefined {
  const tkr = convertMoney(kronor, "kr", "tkr");
  return tkr <= -0.5 ? "underskott" : tkr >= 0.5 ? "överskott" : undefined;
}

/**
 * "The largest deficits", one meaning wherever they are shown (this page, the task pane): the ansvar (leaves) whose
 * full-year variance shows as an underskott in whole tkr, largest first, at most `LARGEST_DEFICITS`.
 */
export function largestDeficitRows(prognosis: PrognosisResult): PrognosisRow[] {
  return prognosis.rows
    .filter((r) => r.isLeaf && word(r.varianceFullYear) === "underskott")
    .sort((a, b) => a.varianceFullYear - b.varianceFullYear)
    .slice(0, LARGEST_DEFICITS);
}

/**
 * "Prognosen för helåret visar ett underskott på 1 800 tkr (0,8 % av budget)."; in the bokslut "Årets resultat är
 * ett underskott på 1 800 tkr (0,8 % av budget)."
 */
export function resultSentence(result: PrognosisResult): string {
  const v = result.total.varianceFullYear;
  const w = word(v);
  // Input not matched to the hierarchy: no result is stated for the nämnd, the sentence says why.
  const unmatched = unmatchedByLine(result).get(result.total.key);
  if (unmatched)
    return `${result.yearEnd ? "Årets resultat" : "Prognosen för helåret"} anges inte: ${unmatchedPhrase(unmatched)}`;
  const head = result.yearEnd ? "Årets resultat är" : "Prognosen för helåret visar";
  if (!w) return `${head} en budget i balans (budget ${formatTkr(result.total.annualBudget)} tkr).`;
  const share =
    result.total.varianceShare === undefined
      ? ""
      : ` (${formatPercent(Math.abs(result.total.varianceShare), 1)} av budget)`;
  return `${head} ett ${w} på ${formatTkr(Math.abs(v))} tkr${share}.`;
}

/**
 * How much of the total sits on ansvar missing from the Ansvar sheet ("Okänt ansvar ..."): they are in the total,
 * under no verksamhet, so the headline says so. Undefined when every key matched.
 */
export function unknownLinesSentence(result: PrognosisResult): string | undefined {
  const u = unknownShare(result);
  if (u.lines === 0) return undefined;
  const money = (kronor: number): string =>
    kronor !== 0 && Math.abs(kronor) < 500 ? `${formatNumber(kronor, 0)} kr` : `${formatTkr(kronor)} tkr`;
  const names = result.rows.filter((r) => r.isLeaf && r.flags.includes("unknownCostCentre")).map((r) => r.key);
  const shown =
    names
      .slice(0, 3)
      .map((k) => `"${k}"`)
      .join(", ") + (names.length > 3 ? ` och ${names.length - 3} till` : "");
  return `Av summan ligger budget ${money(u.annualBudget)}, utfall ${money(u.actual)} och prognos ${money(u.forecast)} på ${u.lines === 1 ? "ett ansvar" : `${u.lines} ansvar`} som saknas på bladet Ansvar (${shown}): de räknas i summan men under ingen verksamhet, så summan per verksamhet är inte hela bilden.`;
}

/**
 * "Avstämning: 40 rader lästa = 40 använda + 0 avvisade; budget helår i indata 216 123 tkr = i rapporten 216 123 tkr;
 * utfall t.o.m. perioden i indata 136 435 tkr = i rapporten 136 435 tkr." The prognosis's input sheets as read
 * against the Summa row of the table per verksamhet.
 */
export function summaryReconciliationText(prognosis: PrognosisResult, rows?: ReadCounts): string {
  const r = prognosis.reconciliation;
  return reconciliationSentence(
    rows,
    [
      { what: "budget helår", input: r.budgetRead, report: prognosis.total.annualBudget },
      { what: "utfall t.o.m. perioden", input: r.amountRead - r.amountOutsidePeriod, report: prognosis.total.actual },
    ],
    formatTkr,
  );
}

/** `rows`: the rows of the prognosis's input sheets as the reader counted them. */
export function buildSummarySheet(
  prognosis: PrognosisResult,
  meta: ReportMeta,
  actionPlan?: ActionPlanResult,
  rows?: ReadCounts,
): SheetLayout {
  const lines = metaLines(meta);
  const yearEnd = prognosis.yearEnd;
  const AREA_COLUMNS = areaColumns(yearEnd);
  const DEFICIT_COLUMNS = deficitColumns(yearEnd);
  let row = firstBodyRow(lines);
  const notes: { row: number; text: string }[] = [
    { row, text: [resultSentence(prognosis), unknownLinesSentence(prognosis)].filter(Boolean).join(" ") },
  ];
  row += 2;
  const tables: TableLayout[] = [];

  // Result per verksamhet: the top level of the hierarchy, with formulas for the variance, its share and the sum.
  const areas = prognosis.rows.filter((r) => r.depth === 0);
  const areaHeader = row;
  const areaColumn = columnIndex(AREA_COLUMNS);
  const at = (i: number, id: string) => cellAddress(areaHeader + 1 + i, areaColumn(id));
  const areaRow = (
    i: number,
    r: (typeof areas)[number],
    kind: ReportRow["kind"],
    sum?: readonly number[],
  ): ReportRow => {
    const summed = (id: "annualBudget" | "actual" | "forecast", j: number): ReportCell => ({
      value: r[id],
      formula: sum ? sumFormula(j, sum) : undefined,
    });
    return {
      kind,
      level: 0,
      cells: [
        { value: kind === "total" ? "Summa" : r.name },
        summed("annualBudget", 1),
        summed("actual", 2),
        summed("forecast", 3),
        { value: r.varianceFullYear, formula: `${at(i, "annualBudget")}-${at(i, "forecast")}` },
        // No share of a zero budget (domain: a variance in % must not divide by zero).
        {
          value: r.varianceShare ?? null,
          formula:
            r.varianceShare === undefined
              ? undefined
              : `IF(${at(i, "annualBudget")}=0,"",${at(i, "varianceFullYear")}/ABS(${at(i, "annualBudget")}))`,
        },
      ],
    };
  };
  const areaRows = areas.map((r, i) => areaRow(i, r, "data"));
  areaRows.push(
    areaRow(
      areas.length,
      prognosis.total,
      "total",
      areas.map((_, i) => areaHeader + 1 + i),
    ),
  );
  notes.push({ row: areaHeader - 1, text: "Resultat per verksamhet (tkr)" });
  tables.push({
    name: "Budgetkoll_Sammanfattning",
    headerRow: areaHeader,
    firstColumn: 0,
    columns: AREA_COLUMNS,
    rows: areaRows,
  });
  const bridge = bridgeTable(prognosis, areaHeader, AREA_COLUMNS.length + 1);
  tables.push(bridge);
  row = areaHeader + areaRows.length + 3;

  const deficits = largestDeficitRows(prognosis);
  notes.push({
    row,
    text: deficits.length
      ? `De största underskotten per ansvar (högst ${LARGEST_DEFICITS})`
      : yearEnd
        ? "Inget ansvar redovisar ett underskott."
        : "Inget ansvar prognostiserar ett underskott.",
  });
  if (deficits.length > 0) {
    tables.push({
      name: "Budgetkoll_Underskott",
      headerRow: row + 1,
      firstColumn: 0,
      columns: DEFICIT_COLUMNS,
      rows: deficits.map((r, i) => ({
        kind: "data",
        level: 0,
        cells: [
          { value: r.name },
          { value: r.code ?? r.key },
          { value: r.annualBudget },
          { value: r.forecast },
          { value: r.varianceFullYear, formula: `${cellAddress(row + 2 + i, 2)}-${cellAddress(row + 2 + i, 3)}` },
          { value: r.comment ?? "Kommentar saknas" },
        ],
      })),
    });
    row += deficits.length + 4;
  } else row += 2;

  // The road to budget i balans is a forecast's: the bokslut's year is closed (the Åtgärdsplan sheet keeps the measures).
  if (actionPlan && !yearEnd) {
    notes.push({ row, text: gapSentence(actionPlan) });
    const balance = balanceTable(actionPlan, row + 1, "Budgetkoll_Sammanfattning_Balans");
    tables.push(balance);
    row = balance.headerRow + balance.rows.length + 2;
  }
  notes.push({ row, text: summaryReconciliationText(prognosis, rows) });

  return {
    name: SUMMARY_SHEET,
    title: yearEnd
      ? `Sammanfattning för nämnden: bokslut ${prognosis.year}`
      : `Sammanfattning för nämnden: prognos ${prognosis.year} efter ${MONTH_NAMES_SV[prognosis.month - 1]}`,
    meta: lines,
    tables,
    notes,
    charts: [
      {
        title: yearEnd ? "Från budget till utfall (tkr)" : "Från budget till prognos (tkr)",
        kind: "waterfall",
        table: BRIDGE_TABLE,
        categoryColumn: "step",
        valueColumns: ["amount"],
        rowKinds: ["data", "subtotal", "total"],
        anchor: { row: areaHeader, column: bridge.firstColumn + bridge.columns.length + 1 },
      } satisfies ChartLayout,
    ],
  };
}

export const BRIDGE_TABLE = "Budgetkoll_Brygga";
const bridgeColumns = (yearEnd: boolean): readonly ReportColumn[] => [
  { id: "step", header: yearEnd ? "Från budget till utfall" : "Från budget till prognos", type: "text", width: 34 },
  { id: "amount", header: "Belopp", type: "tkr", width: 13 },
];

/**
 * The bridge the waterfall draws: budget, each verksamhet's change (prognos - budget, so a deficit
 * raises the bar), and the forecast as their sum, right of the area table.
 */
function bridgeTable(prognosis: PrognosisResult, headerRow: number, firstColumn: number): TableLayout {
  const areas = prognosis.rows.filter((r) => r.depth === 0);
  const amount = firstColumn + 1;
  const steps: ReportRow[] = [
    { kind: "subtotal", level: 0, cells: [{ value: "Budget helår" }, { value: prognosis.total.annualBudget }] },
    ...areas.map((r): ReportRow => ({
      kind: "data",
      level: 1,
      cells: [{ value: r.name }, { value: r.forecast - r.annualBudget }],
    })),
  ];
  const rows = steps.map((_, i) => headerRow + 1 + i);
  steps.push({
    kind: "total",
    level: 0,
    cells: [
      { value: prognosis.yearEnd ? "Utfall helår" : "Prognos helår" },
      { value: prognosis.total.forecast, formula: sumFormula(amount, rows) },
    ],
  });
  return { name: BRIDGE_TABLE, headerRow, firstColumn, columns: bridgeColumns(prognosis.yearEnd), rows: steps };
}
