/**
 * The prognosis report per ansvar (Herrljunga's "fördelning per ansvarsnivå" with the columns a controller
 * needs): each verksamhet's subtotal printed under its ansvar as in the seed, a grand total, the variances and
 * subtotals as Excel formulas with the calculators' values cached, and the reconciliation under the table.
 * Amounts are shown in the user's sign convention (meta); variances always positive = överskott.
 */
import { cellAddress } from "../cells";
import { emptyRecord, ownValue } from "../core/records";
import { formatTkr, roundExcel, roundOre } from "../core/amounts";
import { checkSubtotals, type Finding, type TableLine } from "../core/consistency";
import { MONTH_NAMES_SV } from "../core/periods";
import {
  FORECAST_METHOD_LABEL,
  forecastChangeAsVariance,
  hasOwnBookings,
  isBooked,
  OWN_FIELDS,
  type OwnField,
  type PrognosisFlag,
  type PrognosisResult,
  type PrognosisRow,
} from "../core/prognosis";
import { fromInternal, varianceFormula, type SignConvention } from "../core/signs";
import {
  columnIndex,
  type ChartLayout,
  firstBodyRow,
  sumFormula,
  tableSheet,
  type ReportCell,
  type ReportColumn,
  type ReportRow,
  type SheetLayout,
} from "./layout";
import { metaLines, shownSumNote, signConventionOf, type ReportMeta } from "./meta";

export const PROGNOSIS_SHEET = "Prognos per ansvar";
export const PROGNOSIS_TABLE = "Budgetkoll_Prognos";

export const PROGNOSIS_COLUMNS: readonly ReportColumn[] = [
  { id: "code", header: "Ansvar", type: "text", width: 9 },
  { id: "name", header: "Benämning", type: "text", width: 34, indent: true },
  { id: "actualLastYear", header: "Utfall fg år t.o.m. period", type: "tkr", width: 13 },
  { id: "phasedBudget", header: "Periodiserad budget", type: "tkr", width: 13 },
  { id: "actual", header: "Utfall t.o.m. period", type: "tkr", width: 13 },
  { id: "varianceToDate", header: "Avvikelse t.o.m. period", type: "tkr", width: 13, signColour: true },
  { id: "annualBudget", header: "Budget helår", type: "tkr", width: 13 },
  { id: "forecast", header: "Prognos helår", type: "tkr", width: 13 },
  { id: "varianceFullYear", header: "Avvikelse helår", type: "tkr", width: 13, signColour: true },
  {
    id: "forecastChange",
    header: "Förändring mot föregående prognos (+ bättre, - sämre)",
    type: "tkr",
    width: 15,
    signColour: true,
  },
  { id: "method", header: "Prognosmetod", type: "text", width: 28, wrap: true },
  { id: "comment", header: "Kommentar", type: "text", width: 40, wrap: true },
  { id: "flags", header: "Flaggor", type: "text", width: 40, wrap: true },
];

/**
 * The bokslut's headers (same columns, same places, so every formula holds): the forecast is the year's outcome,
 * its variance the year's result against budget; nothing is forecast.
 */
const YEAR_END_HEADERS: Readonly<Record<string, string>> = {
  actual: "Utfall t.o.m. december",
  forecast: "Utfall helår",
  varianceFullYear: "Årets resultat",
  forecastChange: "Förändring mot senaste prognos (+ bättre, - sämre)",
  method: "Underlag",
};

/** The prognosis sheet's columns, worded for the bokslut when `yearEnd`. */
export function prognosisColumns(yearEnd: boolean): readonly ReportColumn[] {
  if (!yearEnd) return PROGNOSIS_COLUMNS;
  return PROGNOSIS_COLUMNS.map((c) => {
    const header = ownValue(YEAR_END_HEADERS, c.id);
    return header ? { ...c, header } : c;
  });
}

const col = columnIndex(PROGNOSIS_COLUMNS);
const SUMMED = OWN_FIELDS;
type Summed = OwnField;

/** The summed figures of a row; the previous year's outcome is missing (not 0) where the input has none. */
type SummedFigures = Readonly<Record<Exclude<Summed, "actualLastYear">, number>> & {
  readonly actualLastYear: number | undefined;
};

/** A row's own part as the sheet shows it: nothing booked on a parent shows as 0, a missing last year as "-". */
const ownOf = (r: PrognosisRow): SummedFigures =>
  r.own ?? { actualLastYear: undefined, phasedBudget: 0, actual: 0, annualBudget: 0, forecast: 0 };

export const FLAG_LABEL: Record<PrognosisFlag, string> = {
  noBudget: "Saknar budget",
  noActual: "Inget utfall",
  unknownCostCentre: "Okänt ansvar",
  linearPhasing: "Linjär periodisering",
  uncommentedDeviation: "Kommentar saknas",
  proposalFallback: "Reservmetod",
};

export const FLAG_EXPLANATION: Record<PrognosisFlag, string> = {
  noBudget: "ansvaret har utfall eller prognos men ingen budgetrad; beloppen finns med i summorna.",
  noActual: "ansvaret har budget men inget bokat utfall t.o.m. perioden.",
  unknownCostCentre:
    'ansvaret finns inte i ansvarsstrukturen; det redovisas under "Ansvar som saknas i ansvarsstrukturen" så att inget utfall tappas.',
  linearPhasing: "ingen månadsbudget: periodiserad budget är helårsbudget × månader / 12.",
  uncommentedDeviation:
    "den inlämnade prognosen avviker från metodens förslag med mer än tröskeln men saknar kommentar.",
  proposalFallback:
    "den valda prognosmetoden gick inte att använda (t.ex. saknas fjolårets utfall); budget + avvikelse hittills användes.",
};

/** A row's own figures as the layout needs them: the summed fields and the change since the last forecast. */
type Figures = SummedFigures & {
  readonly forecastChange: number | undefined;
};

function figuresOf(r: PrognosisRow): Figures {
  return { ...Object.fromEntries(SUMMED.map((f) => [f, r[f]])), forecastChange: r.forecastChange } as Figures;
}

/** The rows as a tree: each row's children in order, and the rows without a parent among them (the roots). */
export function prognosisTree(rows: readonly PrognosisRow[]): {
  children: Map<string, PrognosisRow[]>;
  roots: PrognosisRow[];
} {
  const children = new Map<string, PrognosisRow[]>();
  const keys = new Set(rows.map((r) => r.key));
  const roots: PrognosisRow[] = [];
  for (const r of rows) {
    if (r.parentKey !== undefined && keys.has(r.parentKey))
      children.set(r.parentKey, [...(children.get(r.parentKey) ?? []), r]);
    else roots.push(r);
  }
  return { children, roots };
}

/** An internal amount (kronor) as shown in tkr in the user's convention. */
export const shownTkr = (kronor: number, convention: SignConvention): string =>
  formatTkr(fromInternal(kronor, convention));

/**
 * "Avstämning per ansvar: ..." — each ansvar's utfall in the input (kronor, internal convention, within the
 * follow-up period, summed by the caller from the rows read) against its own bookings in the report (its row less
 * its children's): every krona read appears on its own ansvar, also one without a budget row.
 */
export function costCentreReconciliationText(
  result: PrognosisResult,
  inputByCostCentre: ReadonlyMap<string, number>,
  convention: SignConvention = "costPositive",
): string {
  const own = new Map(result.rows.map((r) => [r.key, r.own?.actual ?? 0]));
  const keys = new Set([
    ...inputByCostCentre.keys(),
    ...[...own].filter(([, v]) => Math.abs(v) >= 0.5).map(([k]) => k),
  ]);
  const differing = [...keys].filter((k) => Math.abs((inputByCostCentre.get(k) ?? 0) - (own.get(k) ?? 0)) >= 0.5);
  if (differing.length === 0)
    return `Avstämning per ansvar: utfall i indata = utfall i rapporten för vart och ett av de ${inputByCostCentre.size} ansvar som har utfall.`;
  const shown = differing
    .slice(0, 10)
    .map(
      (k) =>
        `${k} (indata ${shownTkr(inputByCostCentre.get(k) ?? 0, convention)} tkr, rapporten ${own.has(k) ? `${shownTkr(own.get(k)!, convention)} tkr` : "saknas"})`,
    );
  return `Avstämning per ansvar: AVVIKELSE för ${differing.length} ansvar: ${shown.join(", ")}${differing.length > 10 ? " ..." : ""}. Kontrollera indata.`;
}

export function buildPrognosisSheet(
  result: PrognosisResult,
  meta: ReportMeta,
  inputByCostCentre?: ReadonlyMap<string, number>,
): SheetLayout {
  const convention = signConventionOf(meta);
  const columns = prognosisColumns(result.yearEnd);
  const lines = metaLines(meta, undefined, convention);
  const headerRow = firstBodyRow(lines);
  const rows: ReportRow[] = [];
  const sheetRow = (): number => headerRow + 1 + rows.length;
  const flagsSeen = new Set<PrognosisFlag>();

  const { children, roots } = prognosisTree(result.rows);

  /** Amounts in the user's convention; the variances (internal, positive = överskott) as formulas of the shown cells. */
  const numberCells = (
    at: number,
    f: Figures,
    formulas: ((id: string) => string | undefined) | undefined,
  ): Record<string, ReportCell> => {
    const cells = emptyRecord<ReportCell>();
    for (const id of SUMMED) {
      const v = f[id];
      // A missing figure (no previous-year outcome) is "-" as in the statements, never 0 (SUM skips the text).
      cells[id] = v === undefined ? { value: "-" } : { value: fromInternal(v, convention), formula: formulas?.(id) };
    }
    const d = (id: string) => cellAddress(at, col(id));
    cells.varianceToDate = {
      value: roundOre(f.phasedBudget - f.actual),
      formula: varianceFormula(d("phasedBudget"), d("actual"), convention),
    };
    cells.varianceFullYear = {
      value: roundOre(f.annualBudget - f.forecast),
      formula: varianceFormula(d("annualBudget"), d("forecast"), convention),
    };
    // In the avvikelse sense (+ = better), as the variances: not the amounts' sign convention.
    const change = forecastChangeAsVariance(f.forecastChange);
    cells.forecastChange = {
      value: change ?? null,
      formula: change === undefined ? undefined : formulas?.("forecastChange"),
    };
    return cells;
  };

  const push = (kind: ReportRow["kind"], level: number, cells: Record<string, ReportCell>, outline: number): number => {
    const at = sheetRow();
    rows.push({
      kind,
      level,
      outline: outline > 0 ? Math.min(outline, 7) : undefined,
      cells: columns.map((c) => cells[c.id] ?? { value: null }),
    });
    return at;
  };

  const textCells = (r: PrognosisRow, name: string): Record<string, ReportCell> => {
    r.flags.forEach((f) => flagsSeen.add(f));
    return {
      code: { value: r.code ?? null },
      name: { value: name },
      method: { value: FORECAST_METHOD_LABEL[r.forecastMethod] },
      comment: { value: r.comment ?? null },
      flags: { value: r.flags.length ? r.flags.map((f) => FLAG_LABEL[f]).join(", ") : null },
    };
  };

  /**
   * SUM formulas over the given rows. In the change and last-year columns a row without a figure is blank or "-",
   * which SUM skips: the sum of the rows that have one, as the calculator sums them.
   */
  const sumOver = (over: readonly number[]) => {
    const summable = (id: string) =>
      over.some((at) => typeof rows[at - headerRow - 1]!.cells[col(id)]!.value === "number");
    return (id: string) =>
      (id !== "forecastChange" && id !== "actualLastYear") || summable(id) ? sumFormula(col(id), over) : undefined;
  };

  /** Writes a node (children first, then its subtotal, as the seed prints) and returns its sheet row. */
  const emit = (r: PrognosisRow): number => {
    const kids = children.get(r.key) ?? [];
    if (kids.length === 0) {
      const at = sheetRow();
      return push("data", r.depth, { ...numberCells(at, figuresOf(r), undefined), ...textCells(r, r.name) }, r.depth);
    }
    const kidRows = kids.map(emit);
    // Bookings on the parent itself (not on a child) get their own row, so the subtotal is still the sum of rows above.
    const own = ownOf(r);
    const ownChange = r.ownForecastChange;
    if (r.flags.length > 0 || hasOwnBookings(r.own) || isBooked(ownChange)) {
      const at = sheetRow();
      kidRows.push(
        push(
          "data",
          r.depth + 1,
          {
            ...numberCells(at, { ...own, forecastChange: ownChange }, undefined),
            ...textCells(r, `${r.name} (bokat direkt på ansvaret)`),
          },
          r.depth + 1,
        ),
      );
    }
    const at = sheetRow();
    const formulas = sumOver(kidRows);
    return push(
      "subtotal",
      r.depth,
      {
        ...numberCells(at, figuresOf(r), formulas),
        code: { value: r.code ?? null },
        name: { value: r.name },
        method: { value: FORECAST_METHOD_LABEL.sum },
      },
      r.depth,
    );
  };

  const rootRows = roots.map(emit);
  const totalAt = sheetRow();
  push(
    "total",
    0,
    {
      ...numberCells(totalAt, figuresOf(result.total), sumOver(rootRows)),
      name: { value: "Summa" },
      method: { value: FORECAST_METHOD_LABEL.sum },
    },
    0,
  );

  const notes: { row: number; text: string }[] = [];
  let noteRow = totalAt + 2;
  notes.push({ row: noteRow++, text: reconciliationText(result, convention) });
  if (inputByCostCentre)
    notes.push({ row: noteRow++, text: costCentreReconciliationText(result, inputByCostCentre, convention) });
  for (const text of roundingNotes(result, convention)) notes.push({ row: noteRow++, text });
  const flags = [...flagsSeen];
  if (flags.length > 0) {
    notes.push({ row: noteRow++, text: "Flaggor:" });
    for (const f of flags) notes.push({ row: noteRow++, text: `${FLAG_LABEL[f]}: ${FLAG_EXPLANATION[f]}` });
  }

  const sheet = tableSheet({
    name: PROGNOSIS_SHEET,
    title: result.yearEnd
      ? `Utfall per ansvar ${result.year}, bokslut (tkr)`
      : `Prognos per ansvar ${result.year}, utfall t.o.m. ${MONTH_NAMES_SV[result.month - 1]} (tkr)`,
    meta: lines,
    table: PROGNOSIS_TABLE,
    columns,
    rows,
    notes,
    frozenColumns: 2,
    outlineSummaryBelow: true,
  });
  // The full-year variance per verksamhet, right of the table so it covers none of it.
  const chart: ChartLayout = {
    title: result.yearEnd ? "Årets resultat per verksamhet (tkr)" : "Avvikelse helår per verksamhet (tkr)",
    kind: "clusteredColumn",
    table: PROGNOSIS_TABLE,
    categoryColumn: "name",
    valueColumns: ["varianceFullYear"],
    rowKinds: ["subtotal"],
    anchor: { row: headerRow, column: PROGNOSIS_COLUMNS.length + 1 },
  };
  return { ...sheet, charts: [chart] };
}

/**
 * Domain: a shown (rounded tkr) subtotal or total that differs from the sum of its shown parts is listed, never
 * hidden: "Avrundning: Socialt stöd, Utfall t.o.m. period: 20 890 tkr; de avrundade delarna summerar till 20 889 tkr
 * (1 tkr avrundningsdifferens)". Bookings directly on a parent count as one of its parts, as the sheet prints them.
 * In the user's convention, as the sheet shows the amounts.
 */
export function roundingNotes(result: PrognosisResult, convention: SignConvention = "costPositive"): string[] {
  return roundingFindings(result, convention).map(shownSumNote);
}

/** The shown sums of `roundingNotes` that differ from their shown parts (whole tkr), each column named by its header. */
export function roundingFindings(result: PrognosisResult, convention: SignConvention = "costPositive"): Finding[] {
  const tkr = (kronor: number) => roundExcel(fromInternal(kronor, convention) / 1000, 0);
  // A missing last year is "-", which adds nothing to the shown sum.
  const values = (f: SummedFigures) => Object.fromEntries(SUMMED.map((id) => [id, tkr(f[id] ?? 0)]));
  const { children } = prognosisTree(result.rows);
  const keys = new Set(result.rows.map((r) => r.key));
  const lines: TableLine[] = [];
  for (const r of result.rows) {
    const kids = children.get(r.key) ?? [];
    const parentKey = r.parentKey !== undefined && keys.has(r.parentKey) ? r.parentKey : undefined;
    lines.push({ key: r.key, label: r.name, parentKey, role: kids.length ? "subtotal" : "line", values: values(r) });
    if (kids.length === 0) continue;
    if (hasOwnBookings(r.own))
      lines.push({ key: `${r.key}#own`, label: r.name, parentKey: r.key, role: "line", values: values(r.own) });
  }
  lines.push({ key: "#total", label: "Summa", role: "total", values: values(result.total) });
  const header = (id: string) => prognosisColumns(result.yearEnd)[col(id)]!.header;
  return checkSubtotals(lines, SUMMED).map((f) => ({ ...f, columnHeader: header(f.column) }));
}

/**
 * "Avstämning: ..." — rows read = used + outside the period, and utfall in = utfall in the report; the
 * amounts in the user's convention, as the report shows them.
 */
export function reconciliationText(result: PrognosisResult, convention: SignConvention = "costPositive"): string {
  const r = result.reconciliation;
  const inPeriod = r.amountRead - r.amountOutsidePeriod;
  const same = Math.abs(inPeriod - result.total.actual) < 0.5 && Math.abs(r.unexplained) < 0.5;
  const budgetSame = Math.abs(r.budgetRead - r.budgetInReport) < 0.5;
  return (
    `Avstämning: ${r.rowsRead} rader lästa, ${r.rowsUsed} använda, ${r.rowsOutsidePeriod} utanför perioden (${shownTkr(r.amountOutsidePeriod, convention)} tkr); ` +
    `utfall i indata ${shownTkr(inPeriod, convention)} tkr ${same ? "=" : "≠"} utfall i rapporten ${shownTkr(result.total.actual, convention)} tkr; ` +
    `budget i indata ${shownTkr(r.budgetRead, convention)} tkr ${budgetSame ? "=" : "≠"} budget i rapporten ${shownTkr(r.budgetInReport, convention)} tkr.` +
    (same && budgetSame ? "" : " AVVIKELSE: kontrollera indata, belopp saknas i rapporten.")
  );
}
