/**
 * Last year's result per ansvar and verksamhet from a "Resultat fg år" sheet: Ansvar | Resultat fg år (tkr), the
 * bokslut's avvikelse (budget - utfall; + = överskott, whatever the kommun's sign convention). At year end the
 * commentary names it beside this year's: "Vård och omsorg redovisade ett överskott på 7 990 tkr (överskott
 * 5 000 tkr föregående år)." The nämnd's own line is written as "Nämnden" (or the nämnd's name); without it, the
 * sum of the verksamheter when every one of them is given. An ansvar that is not in the prognosis is an error on
 * its cell, never dropped.
 */
import { emptyRecord } from "../core/records";
import type { InputError } from "./errors";
import { recognisedSheet, scanErrors, type Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import type { LineResolver } from "./keys";
import { SheetRows, type CellRef, type RowCounts } from "./sheetRows";

/** The key of the nämnd's own line in the commentary. */
export const TOTAL_KEY = "total";

/**
 * Kronor by line key (`resolve` gives an ansvar's or verksamhet's key from its code or name; `isNamnd` says whether
 * a cell names the nämnd itself).
 */
export function previousResultFromScan(
  scan: Scan,
  settings: ReadSettings,
  resolve: LineResolver,
  isNamnd: (text: string) => boolean,
): ReadOutcome<Record<string, number>> {
  const errors: InputError[] = scanErrors(scan, ["previousResult"]);
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === "previousResult");
  const out = emptyRecord<number>();
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    const unit = rows.unit("result", settings.amountUnit);
    const seen = new Map<string, CellRef>();
    rows.eachRow(counts, ["costCentre"], { field: "result", unit }, (r) => {
      const code = rows.costCentre(r);
      if (code === undefined) rows.missing(r, "costCentre", "ett ansvar, en verksamhet eller Nämnden");
      const amount = rows.money(r, "result", unit);
      if (amount === undefined) rows.missing(r, "result", "ett belopp");
      const m = !code || isNamnd(code) ? undefined : resolve(code);
      const key = !code ? undefined : isNamnd(code) ? TOTAL_KEY : m!.key;
      if (m?.error) rows.fieldError(r, "costCentre", m.error);
      else if (code && key === undefined)
        rows.fieldError(
          r,
          "costCentre",
          `"${code}" finns inte i prognosen: förväntade ett ansvar eller en verksamhet från bladet Ansvar (kod, namn eller väg), eller Nämnden.${m!.hint}`,
        );
      if (m?.warning) rows.warn(r, rows.column("costCentre")!, m.warning);
      if (key === undefined || typeof amount !== "number") return false;
      if (
        !rows.firstTime(
          r,
          "costCentre",
          seen,
          key,
          (first) => `"${code}" står två gånger (också i cell ${first.cell}): förväntade ett resultat per ansvar.`,
        )
      )
        return false;
      rows.count("result", amount);
      out[key] = amount;
      return true;
    });
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  return {
    value: errors.length > 0 ? undefined : out,
    errors,
    warnings,
    recognised: sheets.map(recognisedSheet),
    rows: counts,
  };
}
