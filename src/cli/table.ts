/**
 * Text tables for the terminal, in tkr with Swedish number format: the prognosis per ansvar (each verksamhet's
 * subtotal under its ansvar, as the report and the seed print it, and the grand total), the volume budget and
 * the åtgärdsplan.
 */
import type { ActionPlanResult, MeasureTotals } from "../core/actionPlan";
import { formatNumber, formatTkr } from "../core/amounts";
import { makePeriod } from "../core/periods";
import { forecastChangeAsVariance, type PrognosisResult, type PrognosisRow } from "../core/prognosis";
import type { SignConvention } from "../core/signs";
import { breakText, cellValue, type StatementTable } from "../core/statements";
import type { VolumeFigures, VolumeResult } from "../core/volume";
import { prognosisTree, shownTkr } from "../report/prognosisSheet";

export interface TextColumn {
  readonly header: string;
  readonly align: "left" | "right";
}

/** Render rows of cells as aligned text; a `null` row is a rule line. */
export function renderTable(columns: readonly TextColumn[], rows: readonly (readonly string[] | null)[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r ? (r[i] ?? "").length : 0))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (columns[i]!.align === "right" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(columns.map((c) => c.header)), rule, ...rows.map((r) => (r ? line(r) : rule))].join("\n");
}

/** Columns: the label columns on the left, the figures right-aligned after them. */
export function textColumns(left: readonly string[], right: readonly string[]): TextColumn[] {
  return [
    ...left.map((header) => ({ header, align: "left" as const })),
    ...right.map((header) => ({ header, align: "right" as const })),
  ];
}

const tkr = (kronor: number | undefined): string => (kronor === undefined ? "" : formatTkr(kronor));

/**
 * The prognosis per ansvar as the report shows it: amounts in the user's sign convention, variances positive =
 * överskott in both, the change of the forecast in the avvikelse sense (+ = better); a row without a previous
 * forecast has a blank change.
 */
export function prognosisTable(result: PrognosisResult, convention: SignConvention = "costPositive"): string {
  const withChange = result.total.forecastChange !== undefined;
  const amount = (kronor: number | undefined): string => (kronor === undefined ? "" : shownTkr(kronor, convention));
  const columns = textColumns(
    ["Ansvar"],
    [
      `Utfall ${makePeriod(result.year - 1, result.month)}`,
      "Budget t.o.m.",
      `Utfall ${makePeriod(result.year, result.month)}`,
      "Avv. t.o.m.",
      "Budget helår",
      result.yearEnd ? "Utfall helår" : "Prognos helår",
      result.yearEnd ? "Årets res." : "Avv. helår",
      ...(withChange ? ["Förändr. (+ bättre)"] : []),
    ],
  );
  const cells = (r: PrognosisRow, label: string): string[] => [
    label,
    // Missing is not zero: no previous-year outcome shows "-", as the statements show a missing value.
    r.actualLastYear === undefined ? "-" : amount(r.actualLastYear),
    amount(r.phasedBudget),
    amount(r.actual),
    tkr(r.varianceToDate),
    amount(r.annualBudget),
    amount(r.forecast),
    tkr(r.varianceFullYear),
    ...(withChange ? [tkr(forecastChangeAsVariance(r.forecastChange))] : []),
  ];
  const label = (r: PrognosisRow): string =>
    `${"  ".repeat(Math.max(0, r.depth))}${r.code ? `${r.code} ` : ""}${r.name}`;

  const { children, roots } = prognosisTree(result.rows);
  const rows: (string[] | null)[] = [];
  const emit = (r: PrognosisRow): void => {
    const kids = children.get(r.key) ?? [];
    if (kids.length === 0) {
      rows.push(cells(r, label(r)));
      return;
    }
    kids.forEach(emit);
    rows.push(cells(r, label(r)));
    if (r.depth === 0) rows.push(null);
  };
  roots.forEach(emit);
  if (rows[rows.length - 1] !== null) rows.push(null);
  rows.push(cells(result.total, "Summa"));
  return renderTable(columns, rows);
}

/** The volume budget: each line under its verksamhet, the verksamhet's subtotal, and the nämnd's netted total. */
export function volumeTable(result: VolumeResult): string {
  const columns = textColumns(
    ["Verksamhet / volymmått", "Enhet"],
    [
      "Volym budget t.o.m.",
      "Volym utfall",
      "Budget t.o.m.",
      "Kostnad",
      "Avvikelse",
      "Volymeffekt",
      "Pris-/effekt.",
      "Prognos avv. helår",
    ],
  );
  const money = (f: VolumeFigures): string[] => [
    tkr(f.budgetToDate),
    tkr(f.actualCost),
    tkr(f.variance),
    tkr(f.volumeEffect),
    tkr(f.priceEffect),
    tkr(f.forecastVariance),
  ];
  const byKey = new Map(result.lines.map((l) => [l.key, l]));
  const rows: (string[] | null)[] = [];
  for (const area of result.areas) {
    for (const key of area.lineKeys) {
      const l = byKey.get(key)!;
      rows.push([`  ${l.name}`, l.unit, formatNumber(l.budgetVolumeToDate), formatNumber(l.actualVolume), ...money(l)]);
    }
    rows.push([area.area, "", "", "", ...money(area)]);
    rows.push(null);
  }
  if (result.pairs.length > 0)
    rows.push([
      "Interna ersättningar (elimineras)",
      "",
      "",
      "",
      tkr(-result.internalPayments.budgetToDate),
      tkr(-result.internalPayments.actual),
      "",
      "",
      "",
      "",
    ]);
  rows.push(["Summa nämnden", "", "", "", ...money(result.total)]);
  return renderTable(columns, rows);
}

/** The åtgärdsplan per owner and per status, in tkr, and the measures without a quantified effect. */
export function actionPlanTable(result: ActionPlanResult): string {
  const columns = textColumns(
    ["Ägare / status"],
    ["Antal", "Planerad effekt", "Realiserad", "Prognos effekt", "Ej kvantifierade"],
  );
  const line = (label: string, t: MeasureTotals): string[] => [
    label,
    String(t.count),
    tkr(t.planned),
    tkr(t.realised),
    tkr(t.forecast),
    String(t.unquantified),
  ];
  const rows: (string[] | null)[] = [
    ...result.byOwner.map((o) => line(o.owner, o)),
    null,
    ...result.byStatus.map((s) => line(s.label, s)),
    null,
    line("Summa", result.total),
  ];
  return renderTable(columns, rows);
}

/** A statement (the resultaträkning) in tkr: its rows in order, a break ("ny 2021", "upphörd") shown as such. */
export function statementTable(table: StatementTable, labelHeader: string): string {
  // The avvikelse last, as on the sheet (Avvikelse helår = budget - prognos during the year).
  const shown = [...table.columns, ...(table.variance ? [table.variance] : [])];
  const columns = textColumns(
    [labelHeader],
    shown.map((c) => c.header),
  );
  const rows = table.rows.map((r) => [
    r.label,
    ...shown.map((c) => {
      const cell = r.cells[c.id];
      return cell === undefined ? "" : (breakText(cell) ?? tkr(cellValue(cell)));
    }),
  ]);
  return renderTable(columns, rows);
}
