/**
 * The units' forecast per kostnadsslag from a "Prognos per kostnadsslag" sheet: Ansvar | Kostnadsslag | Prognos
 * helår, one row per ansvar and line of the Kontoplan, in the settings' unit and sign convention. A unit fills in
 * the lines it forecasts; the others are proposed (src/core/costTypeForecast.ts). The Ansvar is resolved as on
 * every sheet (`resolve`); the Kostnadsslag is a line of the Kontoplan by its name (or the default's words). An
 * unknown ansvar or line, and the same ansvar and line twice, are errors naming the cell.
 */
import type { CostLine } from "../core/accountClasses";
import type { EnteredLineForecast } from "../core/costTypeForecast";
import { toInternal } from "../core/signs";
import { costTypeFromText } from "./accountPlanInput";
import type { InputError } from "./errors";
import { normaliseHeader } from "./headers";
import type { LineResolver } from "./keys";
import { recognisedSheet, scanErrors, type Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import { SheetRows, type CellRef, type RowCounts } from "./sheetRows";

/** The line a Kostnadsslag cell names: its label as the Kontoplan writes it, or a default line's words. */
function lineOf(text: string, lines: readonly CostLine[]): CostLine | undefined {
  const key = normaliseHeader(text).key;
  return lines.find((l) => normaliseHeader(l.label).key === key) ?? lines.find((l) => l.key === costTypeFromText(text));
}

export function costTypeForecastFromScan(
  scan: Scan,
  settings: ReadSettings,
  resolve: LineResolver,
  lines: readonly CostLine[],
): ReadOutcome<EnteredLineForecast[] | undefined> {
  const errors: InputError[] = scanErrors(scan, ["costTypeForecast"]);
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === "costTypeForecast");
  const out: EnteredLineForecast[] = [];
  const seen = new Map<string, CellRef>();
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    const unit = rows.unit("forecast", settings.amountUnit);
    rows.eachRow(counts, ["costCentre", "costType"], { field: "forecast", unit }, (r) => {
      const code = rows.costCentre(r);
      if (code === undefined) rows.missing(r, "costCentre", "ett ansvar");
      const m = code ? resolve(code) : undefined;
      if (m?.error) rows.fieldError(r, "costCentre", m.error);
      else if (code && m?.key === undefined)
        rows.fieldError(
          r,
          "costCentre",
          `"${code}" finns inte i prognosen: förväntade ett ansvar från bladet Ansvar (kod, namn eller väg), t.ex. 422.${m!.hint}`,
        );
      if (m?.warning) rows.warn(r, rows.column("costCentre")!, m.warning);
      const typeText = rows.text(r, "costType");
      const line = typeText === undefined ? undefined : lineOf(typeText, lines);
      if (typeText === undefined) rows.missing(r, "costType", "ett kostnadsslag");
      else if (line === undefined)
        rows.fieldError(
          r,
          "costType",
          `"${typeText}" är inget kostnadsslag i kontoplanen: förväntade ${lines.map((l) => l.label).join(", ")}.`,
        );
      const amount = rows.money(r, "forecast", unit);
      if (amount === undefined) rows.missing(r, "forecast", "en prognos (skriv 0 för ingen)");
      if (m?.key === undefined || line === undefined || typeof amount !== "number") return false;
      if (
        !rows.firstTime(
          r,
          "costType",
          seen,
          `${m.key}\u0001${line.key}`,
          (first, cell) =>
            `${code} ${line.label} står två gånger: cell ${first.cell} och ${cell.cell}. Lämna en rad per ansvar och kostnadsslag.`,
        )
      )
        return false;
      rows.count("forecast", amount);
      out.push({
        unit: m.key,
        line: line.key,
        forecast: toInternal(amount, settings.signConvention),
        cell: `${s.data.sheet}!${rows.address(r, rows.column("forecast")!)}`,
      });
      return true;
    });
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  return {
    value: errors.length > 0 || sheets.length === 0 ? undefined : out,
    errors,
    warnings,
    recognised: sheets.map(recognisedSheet),
    rows: counts,
  };
}
