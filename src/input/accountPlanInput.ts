/**
 * The kommun's own grouping of accounts into the resultaträkning's lines, from an optional "Kontoplan" sheet:
 * Konto från | Konto till | Kostnadsslag (Intäkter, Personalkostnader, Lokalkostnader, Övriga kostnader,
 * Kapitalkostnad). Konto till may be left out for a single account or kontogrupp. Without the sheet the default
 * Kommun-Bas grouping is used (accountClasses.ts); with it, the sheet replaces the default whole.
 */
import {
  COST_TYPE_LABEL,
  DEFAULT_ACCOUNT_PLAN,
  accountDigits,
  type AccountRange,
  type CostType,
} from "../core/accountClasses";
import type { InputError } from "./errors";
import { normaliseHeader } from "./headers";
import { recognisedSheet, scanErrors, type Scan } from "./scan";
import { toInternal } from "../core/signs";
import type { ReadOutcome, ReadSettings } from "./settings";
import { SheetRows, type CellRef, type RowCounts } from "./sheetRows";

export interface AccountPlan {
  readonly ranges: readonly AccountRange[];
  /** Where the plan came from: the user's sheet, or the Kommun-Bas default. */
  readonly source: "sheet" | "default";
}

/** Words for each kostnadsslag, as normalised prefixes ("Lokalkostnader, energi, VA" is "lokalkostnaderenergiva"). */
const COST_TYPE_WORDS: ReadonlyArray<[string, CostType]> = [
  ["intakt", "revenue"],
  ["revenue", "revenue"],
  ["personal", "personnel"],
  ["lokal", "premises"],
  ["fastighet", "premises"],
  ["premises", "premises"],
  ["ovrig", "other"],
  ["other", "other"],
  ["kapital", "capital"],
  ["avskrivning", "capital"],
  ["capital", "capital"],
];

/** A kostnadsslag from its Swedish (or English) name, undefined when the text names none. */
export function costTypeFromText(text: string): CostType | undefined {
  const key = normaliseHeader(text).key;
  return COST_TYPE_WORDS.find(([word]) => key.startsWith(word))?.[1];
}

const EXPECTED_TYPES = Object.values(COST_TYPE_LABEL).join(", ");

function readRanges(rows: SheetRows, counts: RowCounts): AccountRange[] {
  const out: AccountRange[] = [];
  rows.eachRow(counts, ["accountFrom", "costType"], undefined, (r) => {
    const fromText = rows.text(r, "accountFrom");
    const toText = rows.text(r, "accountTo");
    const typeText = rows.text(r, "costType");
    const from = accountDigits(fromText);
    const to = toText === undefined ? from : accountDigits(toText);
    if (fromText === undefined) rows.missing(r, "accountFrom", "ett konto");
    else if (from === undefined)
      rows.fieldError(
        r,
        "accountFrom",
        `"${fromText}" är inget konto: förväntade ett kontonummer eller en kontogrupp, t.ex. 5011 eller 61.`,
      );
    if (toText !== undefined && to === undefined)
      rows.fieldError(
        r,
        "accountTo",
        `"${toText}" är inget konto: förväntade ett kontonummer eller en kontogrupp, t.ex. 6299 eller 62.`,
      );
    const costType = typeText === undefined ? undefined : costTypeFromText(typeText);
    if (typeText === undefined) rows.missing(r, "costType", "ett kostnadsslag");
    else if (costType === undefined)
      rows.fieldError(r, "costType", `"${typeText}" är inget kostnadsslag: förväntade ${EXPECTED_TYPES}.`);
    if (from === undefined || to === undefined || costType === undefined) return false;
    // Compare the bounds as the ranges are matched: each cut to the shorter length.
    const n = Math.min(from.length, to.length);
    if (Number(from.slice(0, n)) > Number(to.slice(0, n))) {
      rows.fieldError(
        r,
        "accountTo",
        `konto till ${to} ligger före konto från ${from}: förväntade det sista kontot i intervallet.`,
      );
      return false;
    }
    out.push({ from, to, costType });
    return true;
  });
  return out;
}

/** The account plan from a scanned workbook: the Kontoplan sheet(s) when there are any, else the default. */
export function accountPlanFromScan(scan: Scan): ReadOutcome<AccountPlan> {
  const errors: InputError[] = scanErrors(scan, ["accountPlan"]);
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === "accountPlan");
  const ranges: AccountRange[] = [];
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    ranges.push(...readRanges(rows, counts));
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  const value: AccountPlan | undefined =
    errors.length > 0
      ? undefined
      : sheets.length === 0
        ? { ranges: DEFAULT_ACCOUNT_PLAN, source: "default" }
        : { ranges, source: "sheet" };
  return { value, errors, warnings, recognised: sheets.map(recognisedSheet), rows: counts };
}

/** The budget of one konto for the year, kronor, internal convention (revenue negative). */
export interface AccountBudgetLine {
  readonly account: string;
  readonly annual: number;
  /** The budget version the line belongs to (its Version column, as on the Budget sheet); none without the column. */
  readonly version?: string;
}

/**
 * The nämnd's budget per konto for the resultaträkning's Budget column, from an optional "Budget per konto" sheet:
 * Konto | Budget helår, in the settings' unit and sign convention (the per-ansvar budget stays on the Budget
 * sheet). The same konto twice is an error naming both cells. Undefined value without the sheet.
 */
export function accountBudgetFromScan(
  scan: Scan,
  settings: ReadSettings,
): ReadOutcome<AccountBudgetLine[] | undefined> {
  const errors: InputError[] = scanErrors(scan, ["accountBudget"]);
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === "accountBudget");
  const lines: AccountBudgetLine[] = [];
  const seen = new Map<string, CellRef>();
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    const unit = rows.unit("budget", settings.amountUnit);
    rows.eachRow(counts, ["account"], { field: "budget", unit }, (r) => {
      const text = rows.text(r, "account");
      const account = accountDigits(text);
      if (text === undefined) rows.missing(r, "account", "ett konto");
      else if (account === undefined)
        rows.fieldError(r, "account", `"${text}" är inget konto: förväntade ett kontonummer, t.ex. 5110.`);
      const amount = rows.money(r, "budget", unit);
      if (amount === undefined) rows.missing(r, "budget", "ett belopp");
      if (account === undefined || typeof amount !== "number") return false;
      const version = rows.text(r, "version");
      const per = version === undefined ? "" : ` i version ${version}`;
      if (
        !rows.firstTime(
          r,
          "account",
          seen,
          `${account}\u0001${version ?? ""}`,
          (first, cell) =>
            `konto ${account} står två gånger${per}: cell ${first.cell} och ${cell.cell}. Lämna en rad per konto${version === undefined ? "" : " och version"}.`,
        )
      )
        return false;
      rows.count("budget", amount);
      lines.push({
        account,
        annual: toInternal(amount, settings.signConvention),
        ...(version !== undefined ? { version } : {}),
      });
      return true;
    });
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  return {
    value: errors.length > 0 || sheets.length === 0 ? undefined : lines,
    errors,
    warnings,
    recognised: sheets.map(recognisedSheet),
    rows: counts,
  };
}
