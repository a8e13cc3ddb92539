/**
 * The volume budget report: per verksamhet its volume lines (volume, price, cost) with the variance to date split
 * into a volume effect and a price/efficiency effect, written as formulas so the controller sees that the two
 * add up to the variance; each verksamhet's subtotal under its lines, then the nämnd's total (internal payments
 * of beställare/utförare pairs eliminated).
 */
import { cellAddress } from "../cells";
import { emptyRecord } from "../core/records";
import { formatTkr, roundOre } from "../core/amounts";
import { MONTH_NAMES_SV } from "../core/periods";
import type { VolumeFigures, VolumeFlag, VolumeInput, VolumeResult, VolumeResultLine } from "../core/volume";
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

export const VOLUME_SHEET = "Volymbudget";
export const VOLUME_TABLE = "Budgetkoll_Volym";

export const VOLUME_COLUMNS: readonly ReportColumn[] = [
  { id: "area", header: "Verksamhet", type: "text", width: 22 },
  { id: "name", header: "Volymmått", type: "text", width: 28, indent: true },
  { id: "unit", header: "Enhet", type: "text", width: 16 },
  { id: "budgetVolume", header: "Budgeterad volym helår", type: "volume", width: 12 },
  { id: "budgetVolumeToDate", header: "Budgeterad volym t.o.m. period", type: "volume", width: 12 },
  { id: "actualVolume", header: "Utfall volym t.o.m. period", type: "volume", width: 12 },
  // Not "utförandegrad": in the seeds that is delivered against granted time (beviljad tid), not against budget.
  { id: "volumeShare", header: "Volym t.o.m. i % av budgeterad", type: "percent", width: 14 },
  { id: "unitPrice", header: "Á-pris (kr)", type: "unitPrice", width: 11 },
  { id: "actualUnitCost", header: "Kostnad per enhet (kr)", type: "unitPrice", width: 12 },
  { id: "budgetToDate", header: "Budget t.o.m. period", type: "tkr", width: 12 },
  { id: "actualCost", header: "Kostnad t.o.m. period", type: "tkr", width: 12 },
  { id: "variance", header: "Avvikelse t.o.m. period", type: "tkr", width: 12, signColour: true },
  { id: "volumeEffect", header: "Volymeffekt", type: "tkr", width: 12, signColour: true },
  { id: "priceEffect", header: "Pris-/effektivitetseffekt", type: "tkr", width: 19, signColour: true },
  { id: "annualBudget", header: "Budget helår", type: "tkr", width: 12 },
  { id: "forecastCost", header: "Prognos helår", type: "tkr", width: 12 },
  { id: "forecastVariance", header: "Avvikelse helår", type: "tkr", width: 12, signColour: true },
  { id: "flags", header: "Flaggor", type: "text", width: 30, wrap: true },
];

const col = columnIndex(VOLUME_COLUMNS);
/** Money columns a subtotal sums; the variances are formulas on every row. */
const SUMMED = ["budgetToDate", "actualCost", "volumeEffect", "annualBudget", "forecastCost"] as const;

export const VOLUME_FLAG_LABEL: Record<VolumeFlag, string> = {
  linearPhasing: "Linjär volymplan",
  noActualVolume: "Ingen volym levererad",
  zeroBudget: "Budget 0",
  monthlyVolumeMismatch: "Månadsvolymer stämmer inte",
};

const VOLUME_FLAG_EXPLANATION: Record<VolumeFlag, string> = {
  linearPhasing: "ingen volymplan per månad: budgeterad volym t.o.m. perioden är helårsvolym × månader / 12.",
  noActualVolume: "ingen volym är levererad: ingen kostnad per enhet, prognosen är en uppräkning av kostnaden.",
  zeroBudget: "volym × á-pris + fast del är 0.",
  monthlyVolumeMismatch: "månadsvolymerna summerar inte till utfallet t.o.m. perioden; kontrollera indata.",
};

/**
 * The reconciliation under the sheet: rows read = used + rejected, and the cost of the input lines = the plain
 * sum of the lines shown (before the internal payments are eliminated), budget likewise.
 */
export function volumeReconciliationText(result: VolumeResult, input: VolumeInput, rows?: ReadCounts): string {
  const sum = (f: (l: VolumeInput["lines"][number]) => number) => input.lines.reduce((s, l) => s + f(l), 0);
  const budgetIn = sum((l) => l.budgetVolume * l.unitPrice + l.fixedBudget);
  return (
    reconciliationSentence(
      rows,
      [
        { what: "kostnad t.o.m. perioden", input: sum((l) => l.actualCost), report: result.grossTotal.actualCost },
        { what: "budget helår", input: budgetIn, report: result.grossTotal.annualBudget },
      ],
      formatTkr,
    ) + (result.pairs.length > 0 ? " Beloppen är före elimineringen av interna betalningar." : "")
  );
}

export function buildVolumeSheet(
  result: VolumeResult,
  meta: ReportMeta,
  input?: VolumeInput,
  counts?: ReadCounts,
): SheetLayout {
  const lines = metaLines(meta);
  const headerRow = firstBodyRow(lines);
  const rows: ReportRow[] = [];
  const at = (): number => headerRow + 1 + rows.length;
  const flagsSeen = new Set<VolumeFlag>();

  /** The money cells of a row: summed columns as values or SUM formulas, the variances as formulas. */
  const money = (row: number, f: VolumeFigures, sumOver?: readonly number[]): Record<string, ReportCell> => {
    const a = (id: string) => cellAddress(row, col(id));
    const cells = emptyRecord<ReportCell>();
    for (const id of SUMMED) cells[id] = { value: f[id], formula: sumOver ? sumFormula(col(id), sumOver) : undefined };
    cells.variance = { value: f.variance, formula: `${a("budgetToDate")}-${a("actualCost")}` };
    cells.priceEffect = { value: f.priceEffect, formula: `${a("variance")}-${a("volumeEffect")}` };
    cells.forecastVariance = { value: f.forecastVariance, formula: `${a("annualBudget")}-${a("forecastCost")}` };
    return cells;
  };
  const push = (
    kind: ReportRow["kind"],
    level: number,
    cells: Record<string, ReportCell>,
    outline?: number,
  ): number => {
    const row = at();
    rows.push({ kind, level, outline, cells: VOLUME_COLUMNS.map((c) => cells[c.id] ?? { value: null }) });
    return row;
  };

  const lineRow = (l: VolumeResultLine): number => {
    const row = at();
    l.flags.forEach((f) => flagsSeen.add(f));
    const a = (id: string) => cellAddress(row, col(id));
    return push(
      "data",
      1,
      {
        ...money(row, l),
        // The volume effect as the calculator defines it: (budget volume to date - actual volume) x budget price.
        // Volume x price to the öre on each side, as the calculator derives it (money stays exact).
        volumeEffect: {
          value: l.volumeEffect,
          formula: `ROUND(${a("budgetVolumeToDate")}*${a("unitPrice")},2)-ROUND(${a("actualVolume")}*${a("unitPrice")},2)`,
        },
        area: { value: l.area },
        name: {
          value: l.role === "own" ? l.name : `${l.name} (${l.role === "purchaser" ? "beställare" : "utförare"})`,
        },
        unit: { value: l.unit },
        budgetVolume: { value: l.budgetVolume },
        budgetVolumeToDate: { value: l.budgetVolumeToDate },
        actualVolume: { value: l.actualVolume },
        volumeShare: { value: l.volumeShare ?? null },
        unitPrice: { value: l.unitPrice },
        actualUnitCost: { value: l.actualUnitCost ?? null },
        flags: { value: l.flags.length ? l.flags.map((f) => VOLUME_FLAG_LABEL[f]).join(", ") : null },
      },
      1,
    );
  };

  const byKey = new Map(result.lines.map((l) => [l.key, l]));
  const areaRows = result.areas.map((area) => {
    const children = area.lineKeys.map((k) => lineRow(byKey.get(k)!));
    return push("subtotal", 0, {
      ...money(at(), area, children),
      area: { value: area.area },
      name: { value: `Summa ${area.area}` },
    });
  });

  const grossRow = push("subtotal", 0, {
    ...money(at(), result.grossTotal, areaRows),
    name: { value: "Summa brutto" },
  });
  const totalOver = [grossRow];
  if (result.pairs.length > 0) {
    // The internal payments of beställare/utförare pairs are in the gross sum twice; this row takes them out.
    const elimination = {} as Record<keyof VolumeFigures, number>;
    for (const k of Object.keys(result.total) as (keyof VolumeFigures)[])
      elimination[k] = roundOre(result.total[k] - result.grossTotal[k]);
    totalOver.push(
      push("data", 0, { ...money(at(), elimination), name: { value: "Interna betalningar (elimineras)" } }),
    );
  }
  const totalRow = at();
  push("total", 0, { ...money(totalRow, result.total, totalOver), name: { value: "Summa nämnden" } });

  const notes: { row: number; text: string }[] = [];
  let noteRow = totalRow + 2;
  if (input) notes.push({ row: noteRow++, text: volumeReconciliationText(result, input, counts) });
  notes.push({
    row: noteRow++,
    text: "Volymeffekt = (budgeterad volym t.o.m. perioden - utfall volym) × á-pris; pris-/effektivitetseffekt = avvikelse - volymeffekt. De två summerar exakt till avvikelsen; positivt = överskott.",
  });
  if (flagsSeen.size > 0) {
    notes.push({ row: noteRow++, text: "Flaggor:" });
    for (const f of flagsSeen)
      notes.push({ row: noteRow++, text: `${VOLUME_FLAG_LABEL[f]}: ${VOLUME_FLAG_EXPLANATION[f]}` });
  }
  return tableSheet({
    name: VOLUME_SHEET,
    title:
      meta.yearEnd && result.month === 12
        ? `Volymbudget ${result.year}, bokslut (belopp i tkr)`
        : `Volymbudget ${result.year}, utfall t.o.m. ${MONTH_NAMES_SV[result.month - 1]} (belopp i tkr)`,
    meta: lines,
    table: VOLUME_TABLE,
    // The bokslut: the year's cost is the outcome (at month 12 the trend adds no month), its variance the year's result.
    columns:
      meta.yearEnd && result.month === 12
        ? VOLUME_COLUMNS.map((c) =>
            c.id === "forecastCost"
              ? { ...c, header: "Kostnad helår" }
              : c.id === "forecastVariance"
                ? { ...c, header: "Årets resultat" }
                : c,
          )
        : VOLUME_COLUMNS,
    rows,
    notes,
    frozenColumns: 2,
    outlineSummaryBelow: true,
  });
}
