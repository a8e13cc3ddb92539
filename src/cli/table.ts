/**
 * Text tables for the terminal, in tkr with Swedish number format: the prognosis per ansvar (each verksamhet's
 * subtotal under its ansvar, as the report and the seed print it, and the grand total), the volume budget and
 * the åtgärdsplan.
 */
import type { ActionPlanResult, MeasureTotals } from "../core/actionPlan";
import { formatNumber, formatTkr } from "../core/amounts";
import { makePeriod } from "../core/periods";
import type { PrognosisResult, PrognosisRow } from "../core/prognosis";
import type { VolumeFigures, VolumeResult } from "../core/volume";

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

const tkr = (kronor: number | undefined): string => (kronor === undefined ? "" : formatTkr(kronor));

export function prognosisTable(result: PrognosisResult): string {
  const withChange = result.total.forecastChange !== undefined;
  const columns: TextColumn[] = [
    { header: "Ansvar", align: "left" },
    { header: `Utfall ${makePeriod(result.year - 1, result.month)}`, align: "right" },
    { header: "Budget t.o.m.", align: "right" },
    { header: `Utfall ${makePeriod(result.year, result.month)}`, align: "right" },
    { header: "Avv. t.o.m.", align: "right" },
    { header: "Budget helår", align: "right" },
    { header: "Prognos helår", align: "right" },
    { header: "Avv. helår", align: "right" },
    ...(withChange ? [{ header: "Förändring", align: "right" } as const] : []),
  ];
  const cells = (r: PrognosisRow, label: string): string[] => [
    label,
    tkr(r.actualLastYear),
    tkr(r.phasedBudget),
    tkr(r.actual),
    tkr(r.varianceToDate),
    tkr(r.annualBudget),
    tkr(r.forecast),
    tkr(r.varianceFullYear),
    ...(withChange ? [tkr(r.forecastChange)] : []),
  ];
  const label = (r: PrognosisRow): string => `${"  ".repeat(Math.max(0, r.depth))}${r.code ? `${r.code} ` : ""}${r.name}`;

  const children = new Map<string, PrognosisRow[]>();
  const keys = new Set(result.rows.map((r) => r.key));
  const roots: PrognosisRow[] = [];
  for (const r of result.rows) {
    if (r.parentKey !== undefined && keys.has(r.parentKey)) children.set(r.parentKey, [...(children.get(r.parentKey) ?? []), r]);
    else roots.push(r);
  }
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
  const columns: TextColumn[] = [
    { header: "Verksamhet / volymmått", align: "left" },
    { header: "Enhet", align: "left" },
    { header: "Volym budget t.o.m.", align: "right" },
    { header: "Volym utfall", align: "right" },
    { header: "Budget t.o.m.", align: "right" },
    { header: "Kostnad", align: "right" },
    { header: "Avvikelse", align: "right" },
    { header: "Volymeffekt", align: "right" },
    { header: "Pris-/effekt.", align: "right" },
    { header: "Prognos avv. helår", align: "right" },
  ];
  const money = (f: VolumeFigures): string[] => [tkr(f.budgetToDate), tkr(f.actualCost), tkr(f.variance), tkr(f.volumeEffect), tkr(f.priceEffect), tkr(f.forecastVariance)];
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
  if (result.pairs.length > 0) rows.push(["Interna ersättningar (elimineras)", "", "", "", tkr(-result.internalPayments.budgetToDate), tkr(-result.internalPayments.actual), "", "", "", ""]);
  rows.push(["Summa nämnden", "", "", "", ...money(result.total)]);
  return renderTable(columns, rows);
}

/** The åtgärdsplan per owner and per status, in tkr, and the measures without a quantified effect. */
export function actionPlanTable(result: ActionPlanResult): string {
  const columns: TextColumn[] = [
    { header: "Ägare / status", align: "left" },
    { header: "Antal", align: "right" },
    { header: "Planerad effekt", align: "right" },
    { header: "Realiserad", align: "right" },
    { header: "Prognos effekt", align: "right" },
    { header: "Ej kvantifierade", align: "right" },
  ];
  const line = (label: string, t: MeasureTotals): string[] => [label, String(t.count), tkr(t.planned), tkr(t.realised), tkr(t.forecast), String(t.unquantified)];
  const rows: (string[] | null)[] = [
    ...result.byOwner.map((o) => line(o.owner, o)),
    null,
    ...result.byStatus.map((s) => line(s.label, s)),
    null,
    line("Summa", result.total),
  ];
  return renderTable(columns, rows);
}
