/**
 * The variance explanations from a "Förklaringar" sheet: Ansvar | Förklaring | Belopp (tkr). Each row is one
 * component of the variance of an ansvar or a verksamhet ("422 | Institutionsplaceringar | -2 500"). Amounts
 * follow the variance convention whatever the kommun's sign convention: + = överskott, - = underskott.
 * Which ansvar or verksamhet a row names is decided by `resolve` (the prognosis' lines): an unknown one is an
 * error on its cell, never a silently dropped explanation.
 */
import type { VarianceComponent } from "../core/explanations";
import type { InputError } from "./errors";
import { recognisedSheet, scanErrors, type Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import type { LineResolver } from "./keys";
import { SheetRows, type RowCounts } from "./sheetRows";

export interface ExplanationEntry {
  /** The key of the ansvar or verksamhet the components explain (as `resolve` gave it). */
  readonly key: string;
  readonly components: readonly VarianceComponent[];
}

/**
 * The explanations of every "Förklaringar" sheet, grouped per ansvar or verksamhet in the order they first
 * appear. `resolve` turns the Ansvar cell's code or name into a line's key, undefined when there is no such line.
 */
export function explanationsFromScan(
  scan: Scan,
  settings: ReadSettings,
  resolve: LineResolver,
): ReadOutcome<ExplanationEntry[]> {
  const errors: InputError[] = scanErrors(scan, ["explanations"]);
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === "explanations");
  const byKey = new Map<string, VarianceComponent[]>();
  const seenRows = new Map<string, string>();
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    const unit = rows.unit("amount", settings.amountUnit);
    rows.eachRow(counts, ["costCentre", "label"], { field: "amount", unit }, (r) => {
      const code = rows.costCentre(r);
      if (code === undefined) rows.missing(r, "costCentre", "ett ansvar eller en verksamhet");
      const label = rows.text(r, "label");
      if (label === undefined) rows.missing(r, "label", "en förklaring");
      const amount = rows.money(r, "amount", unit);
      if (amount === undefined) rows.missing(r, "amount", "ett belopp");
      const m = code ? resolve(code) : undefined;
      const key = m?.key;
      if (m?.error) rows.fieldError(r, "costCentre", m.error);
      else if (code && key === undefined) {
        rows.fieldError(
          r,
          "costCentre",
          `"${code}" finns inte i prognosen: förväntade ett ansvar eller en verksamhet från bladet Ansvar (kod, namn eller väg), t.ex. 422.${m!.hint}`,
        );
      }
      if (m?.warning) rows.warn(r, rows.column("costCentre")!, m.warning);
      if (key === undefined || label === undefined || typeof amount !== "number") return false;
      rows.count("amount", amount);
      // The same explanation twice (a row pasted twice) counts twice: said, naming both cells.
      const same = `${key}\u0001${label}\u0001${amount}`;
      const first = seenRows.get(same);
      if (first !== undefined)
        rows.warn(
          r,
          rows.column("costCentre")!,
          `förklaringen "${label}" står två gånger: cell ${first} och ${rows.address(r, rows.column("costCentre")!)}. Båda räknas; ta bort den ena om den är inklistrad två gånger.`,
        );
      else seenRows.set(same, rows.address(r, rows.column("costCentre")!));
      byKey.set(key, [...(byKey.get(key) ?? []), { label, amount }]);
      return true;
    });
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  return {
    value: errors.length > 0 ? undefined : [...byKey].map(([key, components]) => ({ key, components })),
    errors,
    warnings,
    recognised: sheets.map(recognisedSheet),
    rows: counts,
  };
}
