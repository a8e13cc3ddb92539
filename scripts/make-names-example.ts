/**
 * Writes the second bundled example `examples/sjobacka-bokslut-2023.xlsx`: a names-only organisation (no ansvar
 * codes at all) and a year-end report (Månad 12), from the data in scripts/namesExample.ts. Deterministic: fixed
 * dates in the file's properties and zip entries, so re-running gives the same bytes.
 *
 * Run: npx tsx scripts/make-names-example.ts
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { writeStableXlsx } from "./stableXlsx";
import { ledger, NAMES_AREAS, NAMES_EXPLANATIONS, NAMES_MONTH, NAMES_YEAR, unitCell } from "./namesExample";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "examples", "sjobacka-bokslut-2023.xlsx");
const FIXED_DATE = new Date(Date.UTC(2024, 1, 12, 8, 0, 0));
const FONT = { name: "Calibri", size: 11 };
const BOLD = { ...FONT, bold: true };

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  widths: readonly number[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow([...r]);
  ws.getRow(1).font = BOLD;
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  return ws;
}

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Budgetkoll";
  wb.lastModifiedBy = "Budgetkoll";
  wb.title = "Sjöbacka socialnämnd: bokslut 2023 per verksamhet";
  wb.company = "Påhittat exempel: en organisation utan ansvarskoder";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  const units = NAMES_AREAS.flatMap((a) => a.units.map((u) => ({ area: a, unit: u, cell: unitCell(a, u) })));
  sheet(
    wb,
    "Ansvar",
    ["Benämning", "Överordnad"],
    NAMES_AREAS.flatMap((a) => [[a.name, null], ...a.units.map((u) => [u.name, a.name])]),
    [34, 30],
  );
  sheet(
    wb,
    "Budget",
    ["Ansvar", "Budget helår (tkr)"],
    units.map((x) => [x.cell, x.unit.budgetTkr]),
    [46, 18],
  ).getColumn(2).numFmt = "#,##0";
  sheet(
    wb,
    "Utfall",
    ["Ansvar", "Konto", "Period", "Belopp"],
    ledger().map((r) => [...r]),
    [46, 10, 10, 14],
  ).getColumn(4).numFmt = "#,##0";
  sheet(
    wb,
    "Prognos föregående",
    ["Ansvar", "Prognos helår (tkr)", "Kommentar"],
    units.map((x) => [x.cell, x.unit.augustForecastTkr, null]),
    [46, 18, 40],
  ).getColumn(2).numFmt = "#,##0";
  sheet(
    wb,
    "Förklaringar",
    ["Ansvar", "Förklaring", "Belopp (tkr)"],
    NAMES_EXPLANATIONS.map((r) => [...r]),
    [46, 60, 14],
  ).getColumn(3).numFmt = "#,##0";
  sheet(
    wb,
    "Resultat fg år",
    ["Verksamhet", "Resultat fg år (tkr)"],
    NAMES_AREAS.map((a) => [a.name, a.resultLastYearTkr]),
    [34, 20],
  ).getColumn(2).numFmt = "#,##0";
  sheet(
    wb,
    "Inställningar",
    ["Inställning", "Värde"],
    [
      ["År", NAMES_YEAR],
      ["Månad", NAMES_MONTH],
      ["Teckenkonvention", "Kostnader positiva"],
      ["Belopp i", "tkr"],
      ["Utfall i", "kronor"],
      ["Prognosmetod", "Budget + avvikelse hittills"],
    ],
    [24, 30],
  );
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => (cell.font ??= FONT)));

  await writeStableXlsx(wb, OUT, FIXED_DATE, ROOT);
}

await main();
