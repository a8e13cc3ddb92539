/**
 * The åtgärdsplan follow-up: planned vs realised vs forecast effect per owner and per status, the way to budget i
 * balans (forecast variance + the effect of measures not yet in the forecast), the measures without a quantified
 * effect (what the nämnd sent back in seed 002), and the list of measures.
 */
import { cellAddress } from "../cells";
import { convertMoney, formatTkr } from "../core/amounts";
import { MEASURE_STATUS_LABEL, type ActionPlanResult, type Measure, type MeasureTotals } from "../core/actionPlan";
import {
  firstBodyRow,
  sumFormula,
  type ReportCell,
  type ReportColumn,
  type ReportRow,
  type SheetLayout,
  type TableLayout,
} from "./layout";
import { metaLines, reconciliationSentence, type ReadCounts, type ReportMeta } from "./meta";

export const ACTION_PLAN_SHEET = "Åtgärdsplan";

const TOTAL_COLUMNS = (first: ReportColumn): ReportColumn[] => [
  first,
  { id: "count", header: "Antal åtgärder", type: "integer", width: 10 },
  { id: "unquantified", header: "Utan belopp", type: "integer", width: 10 },
  { id: "planned", header: "Planerad effekt helår", type: "tkr", width: 13 },
  { id: "realised", header: "Realiserad effekt hittills", type: "tkr", width: 13 },
  { id: "forecast", header: "Prognos effekt helår", type: "tkr", width: 13 },
];
const SUMMED = ["count", "unquantified", "planned", "realised", "forecast"] as const;

/** A table of measure totals (per owner or per status) with a SUM total row. */
function totalsTable(
  name: string,
  headerRow: number,
  first: ReportColumn,
  groups: readonly (MeasureTotals & { label: string })[],
  total: MeasureTotals,
): TableLayout {
  const columns = TOTAL_COLUMNS(first);
  const dataRows = groups.map((_, i) => headerRow + 1 + i);
  const row = (t: MeasureTotals, label: string, sum: boolean): ReportCell[] => [
    { value: label },
    ...SUMMED.map((id, j) => ({ value: t[id], formula: sum ? sumFormula(j + 1, dataRows) : undefined })),
  ];
  const rows: ReportRow[] = groups.map((g) => ({ kind: "data", level: 0, cells: row(g, g.label, false) }));
  rows.push({ kind: "total", level: 0, cells: row(total, "Summa", true) });
  return { name, headerRow, firstColumn: 0, columns, rows };
}

/**
 * "Väg till budget i balans": forecast variance, the effect already in the forecast (shown, not added again), the
 * effect not in the forecast, the variance after the measures and the gap left, the last two as formulas.
 */
export function balanceTable(result: ActionPlanResult, headerRow: number, name: string, yearEnd = false): TableLayout {
  // At the bokslut the year is closed: its outcome, not a forecast.
  const basis = yearEnd ? "utfallet" : "prognosen";
  const at = (i: number) => cellAddress(headerRow + 1 + i, 1);
  const line = (label: string, cell: ReportCell): ReportRow => ({
    kind: "data",
    level: 0,
    cells: [{ value: label }, cell],
  });
  return {
    name,
    headerRow,
    firstColumn: 0,
    columns: [
      { id: "item", header: "Väg till budget i balans", type: "text", width: 34, wrap: true },
      { id: "amount", header: "Belopp", type: "tkr", width: 13 },
    ],
    rows: [
      line(yearEnd ? "Årets resultat (+ = överskott)" : "Prognostiserad avvikelse helår (+ = överskott)", {
        value: result.forecastVariance,
      }),
      line(`Effekt av åtgärder som redan ingår i ${basis} (räknas inte igen)`, { value: result.effectInForecast }),
      line(`Effekt av åtgärder som inte ingår i ${basis}`, { value: result.effectNotInForecast }),
      line("Effekt av ej genomförda åtgärder (räknas inte)", { value: result.effectNotDone }),
      {
        kind: "subtotal",
        level: 0,
        cells: [
          { value: "Avvikelse efter åtgärder" },
          { value: result.varianceAfterMeasures, formula: `${at(0)}+${at(2)}` },
        ],
      },
      {
        kind: "total",
        level: 0,
        cells: [{ value: "Kvar till budget i balans" }, { value: result.remainingGap, formula: `MAX(0,-${at(4)})` }],
      },
    ],
  };
}

/**
 * The measure list shares its sheet columns with the tables above it: the wide Åtgärd text goes in column A, under
 * their labels, and the effects line up under the effect columns (D-F).
 */
const MEASURE_COLUMNS: readonly ReportColumn[] = [
  { id: "description", header: "Åtgärd", type: "text", width: 50, wrap: true },
  { id: "id", header: "Nr", type: "text", width: 6 },
  { id: "owner", header: "Ägare", type: "text", width: 10 },
  { id: "planned", header: "Planerad effekt helår", type: "tkr", width: 13 },
  { id: "realised", header: "Realiserad effekt hittills", type: "tkr", width: 13 },
  { id: "forecast", header: "Prognos effekt helår", type: "tkr", width: 13 },
  { id: "status", header: "Status", type: "text", width: 13 },
  { id: "included", header: "Ingår i prognos", type: "text", width: 9 },
  { id: "responsible", header: "Ansvarig", type: "text", width: 16 },
  { id: "risk", header: "Risk", type: "text", width: 28, wrap: true },
  { id: "consequence", header: "Konsekvens", type: "text", width: 28, wrap: true },
  { id: "comment", header: "Kommentar", type: "text", width: 40, wrap: true },
];

/** The reconciliation under the sheet: rows read = used + rejected, and each effect of the input = the report's total. */
export function actionPlanReconciliationText(
  result: ActionPlanResult,
  measures: readonly Measure[],
  rows?: ReadCounts,
): string {
  const sum = (f: (m: Measure) => number | undefined) => measures.reduce((s, m) => s + (f(m) ?? 0), 0);
  return reconciliationSentence(
    rows,
    [
      { what: "planerad effekt", input: sum((m) => m.plannedEffect), report: result.total.planned },
      { what: "realiserad effekt", input: sum((m) => m.realisedEffect), report: result.total.realised },
      { what: "prognos effekt", input: sum((m) => m.forecastEffect), report: result.total.forecast },
    ],
    formatTkr,
    [{ text: `${measures.length} åtgärder` }],
  );
}

export function buildActionPlanSheet(
  result: ActionPlanResult,
  measures: readonly Measure[],
  meta: ReportMeta,
  rows?: ReadCounts,
): SheetLayout {
  const lines = metaLines(meta);
  const notes: { row: number; text: string }[] = [];
  const tables: TableLayout[] = [];
  let row = firstBodyRow(lines);
  const section = (heading: string, make: (headerRow: number) => TableLayout) => {
    notes.push({ row, text: heading });
    const t = make(row + 1);
    tables.push(t);
    row = t.headerRow + t.rows.length + 3;
  };

  section("Per ägare", (h) =>
    totalsTable(
      "Budgetkoll_Atgard_Agare",
      h,
      { id: "owner", header: "Ägare", type: "text", width: 14 },
      result.byOwner.map((o) => ({ ...o, label: o.owner })),
      result.total,
    ),
  );
  section("Per status", (h) =>
    totalsTable(
      "Budgetkoll_Atgard_Status",
      h,
      { id: "status", header: "Status", type: "text", width: 14 },
      result.byStatus,
      result.total,
    ),
  );
  section("Väg till budget i balans", (h) =>
    balanceTable(result, h, "Budgetkoll_Atgard_Balans", meta.yearEnd === true),
  );
  const amount = (kronor: number | undefined): ReportCell => ({ value: kronor ?? null });
  section("Åtgärder", (h) => ({
    name: "Budgetkoll_Atgarder",
    headerRow: h,
    firstColumn: 0,
    columns: MEASURE_COLUMNS,
    rows: measures.map((m) => ({
      kind: "data",
      level: 0,
      cells: [
        { value: m.description },
        { value: m.id },
        { value: m.owner },
        amount(m.plannedEffect),
        amount(m.realisedEffect),
        amount(m.forecastEffect),
        { value: MEASURE_STATUS_LABEL[m.status] },
        { value: m.includedInForecast ? "Ja" : "Nej" },
        { value: m.responsible ?? null },
        { value: m.risk ?? null },
        { value: m.consequence ?? null },
        { value: m.comment ?? null },
      ],
    })),
  }));

  const noRisk = measures
    .filter((m) => m.status !== "done" && m.status !== "notDone" && !m.risk?.trim())
    .map((m) => m.id);
  row -= 1;
  notes.push({
    row: row++,
    text:
      result.unquantified.length === 0
        ? "Alla åtgärder har en planerad effekt i kronor."
        : `Åtgärder utan planerad effekt i kronor (${result.unquantified.length} st): ${result.unquantified.join(", ")}. Utan belopp går det inte att visa vägen till budget i balans.`,
  });
  if (noRisk.length > 0)
    notes.push({
      row: row++,
      text: `Pågående eller ej påbörjade åtgärder utan riskanalys (${noRisk.length} st): ${noRisk.join(", ")}.`,
    });
  notes.push({ row: row++, text: gapSentence(result, meta.yearEnd === true) });
  notes.push({ row: row++, text: actionPlanReconciliationText(result, measures, rows) });

  return {
    name: ACTION_PLAN_SHEET,
    title: `Åtgärdsplan ${result.year}: uppföljning (tkr)`,
    meta: lines,
    tables,
    notes,
  };
}

/** The gap in one Swedish sentence; the word (underskott/överskott) follows the sign, never the reverse. */
export function gapSentence(result: ActionPlanResult, yearEnd = false): string {
  // At the bokslut the year is closed: the sentence speaks of its outcome, not of a forecast.
  const basis = yearEnd ? "utfallet" : "prognosen";
  const after = result.varianceAfterMeasures;
  const word = (v: number) =>
    convertMoney(v, "kr", "tkr") <= -0.5
      ? "underskott"
      : convertMoney(v, "kr", "tkr") >= 0.5
        ? "överskott"
        : "budget i balans";
  const before = result.forecastVariance;
  const head = `${yearEnd ? "Bokslutet" : "Prognosen"} visar ${word(before) === "budget i balans" ? "budget i balans" : `ett ${word(before)} på ${formatTkr(Math.abs(before))} tkr`}`;
  const tail =
    result.remainingGap > 0
      ? `efter åtgärder som inte ingår i ${basis} (${formatTkr(result.effectNotInForecast)} tkr) återstår ${formatTkr(result.remainingGap)} tkr till budget i balans.`
      : `med åtgärder som inte ingår i ${basis} (${formatTkr(result.effectNotInForecast)} tkr) nås budget i balans${word(after) === "överskott" ? ` med ett överskott på ${formatTkr(after)} tkr` : ""}.`;
  return `${head}; ${tail}`;
}
