/**
 * The bokslut of earlier years from a "Bokslut tidigare år" sheet: Ansvar | År | Nettokostnad, optionally Budget
 * and Överordnad; one row per line (ansvar or verksamhet, by code or name) and year. The organisational split and
 * the per-ansvar annex show them beside this year (seed 000: Bokslut 2019, Bokslut 2020, Budget 2021, Utfall
 * 2021). Amounts in the kommun's sign convention, converted to net cost positive. A '-' stays missing (shown '-'),
 * never a 0 (000 S53); an empty cell is an error. Lines start and end between years (domain.md): an ansvar that is
 * not among this year's is a line that has ended, placed under the verksamhet its Överordnad names.
 */
import { toInternal } from "../core/signs";
import type { InputError } from "./errors";
import { recognisedSheet, scanErrors, type Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import type { LineResolver } from "./keys";
import { SheetRows, type CellRef, type RowCounts } from "./sheetRows";
import type { EarlierYearRow } from "../core/organisationalStatements";

/** This year's lines, as the reader resolves an Ansvar or Överordnad cell against them. */
export interface CurrentLines {
  /** A line's key from its code, name or path (keys.ts). */
  readonly resolve: LineResolver;
  /** Whether a line has lines under it (a verksamhet), so that a line that has ended can be placed under it. */
  readonly hasChildren: (key: string) => boolean;
}

/** The year of a row: a whole year before this year's. */
function readYear(rows: SheetRows, r: number, thisYear: number): number | undefined {
  const text = rows.text(r, "year");
  if (text === undefined) {
    rows.missing(r, "year", "ett år");
    return undefined;
  }
  if (!/^\d{4}$/.test(text)) {
    rows.fieldError(r, "year", `"${text}" är inget år: förväntade ett årtal före ${thisYear}, t.ex. ${thisYear - 1}.`);
    return undefined;
  }
  const year = Number(text);
  if (year >= thisYear)
    rows.fieldError(
      r,
      "year",
      `${year} är inte ett tidigare år: förväntade ett år före ${thisYear} (årets siffror kommer från bladen Budget och Utfall).`,
    );
  return year < thisYear ? year : undefined;
}

/** The Överordnad of a line that has ended: a verksamhet among this year's lines. */
function readParent(rows: SheetRows, r: number, lines: CurrentLines): string | undefined | null {
  const text = rows.text(r, "parent");
  if (text === undefined) return undefined;
  const m = lines.resolve(text);
  const key = m.key;
  if (m.error) {
    rows.fieldError(r, "parent", m.error);
    return null;
  }
  if (key !== undefined && lines.hasChildren(key)) return key;
  rows.fieldError(
    r,
    "parent",
    `"${text}" är ingen av årets verksamheter: förväntade en verksamhet från bladet Ansvar (kod eller namn) som har ansvar under sig.`,
  );
  return null;
}

/** Every row of the sheets of kind earlierYears; `thisYear` is the report's year. */
export function earlierYearsFromScan(
  scan: Scan,
  settings: ReadSettings,
  thisYear: number,
  lines: CurrentLines,
): ReadOutcome<EarlierYearRow[]> {
  const errors: InputError[] = scanErrors(scan, ["earlierYears"]);
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === "earlierYears");
  const out: EarlierYearRow[] = [];
  const seen = new Map<string, CellRef>();
  const ended = new Set<string>();
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    const unit = rows.unit("net", settings.amountUnit);
    const budgetUnit = rows.unit("budget", settings.amountUnit);
    rows.eachRow(counts, ["costCentre"], { field: "net", unit }, (r) => {
      const code = rows.costCentre(r);
      if (code === undefined) rows.missing(r, "costCentre", "ett ansvar eller en verksamhet");
      const year = readYear(rows, r, thisYear);
      const blankNet = rows.text(r, "net") === undefined;
      if (blankNet)
        rows.fieldError(r, "net", "nettokostnaden saknas: förväntade ett belopp, eller - om det saknas för året.");
      const net = rows.money(r, "net", unit);
      const budget = rows.money(r, "budget", budgetUnit);
      const m = code ? lines.resolve(code) : undefined;
      if (m?.error) rows.fieldError(r, "costCentre", m.error);
      if (m?.warning) rows.warn(r, rows.column("costCentre")!, m.warning);
      const key = m?.error ? undefined : code ? (m!.key ?? code) : undefined;
      const current = m?.key !== undefined;
      const parentKey = current ? undefined : readParent(rows, r, lines);
      if (
        !code ||
        key === undefined ||
        year === undefined ||
        blankNet ||
        net === null ||
        budget === null ||
        parentKey === null
      )
        return false;
      if (
        !rows.firstTime(
          r,
          "costCentre",
          seen,
          `${key}\u0001${year}`,
          (first) =>
            `"${code}" står två gånger för ${year} (också i cell ${first.cell}): förväntade en rad per ansvar och år.`,
        )
      )
        return false;
      if (!current && !ended.has(key)) {
        ended.add(key);
        rows.warn(
          r,
          rows.column("costCentre")!,
          `"${code}" finns inte bland årets ansvar: raden visas som upphörd${parentKey ? "" : " (utan Överordnad: som en egen verksamhet)"}.`,
        );
      }
      if (typeof net === "number") rows.count("net", net);
      out.push({
        key,
        label: rows.text(r, "costCentre")!,
        current,
        ...(parentKey ? { parentKey } : {}),
        year,
        net: net === undefined ? undefined : toInternal(net, settings.signConvention),
        ...(typeof budget === "number"
          ? { budget: toInternal(budget, settings.signConvention), budgetAt: rows.ref(r, "budget") }
          : {}),
        // A Budget column with '-' or nothing on the row: the budget is missing (named where the line is known), never 0.
        ...(budget === undefined && rows.column("budget") !== undefined
          ? { budget: null, budgetAt: rows.ref(r, "budget") }
          : {}),
        at: rows.ref(r, "net"),
      });
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
