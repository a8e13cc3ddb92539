/**
 * The kommun's own grouping of accounts into the resultaträkning's lines, from an optional "Kontoplan" sheet:
 * Konto från | Konto till | Kostnadsslag | Typ (optional: Intäkt / Kostnad). Konto till may be left out for a
 * single account or kontogrupp. Every Kostnadsslag named is a line of the resultaträkning, in the order first met
 * (any number: Härryda's ten, seed 001, split Bidrag from the other revenue); the default's names (Intäkter,
 * Personalkostnader, Lokalkostnader, Övriga kostnader, Kapitalkostnad) are its lines. A line is revenue when Typ
 * says so, else when it is the default's Intäkter, else when its first konto is in kontoklass 3 (or 83, finansiella
 * intäkter). Without the sheet the default Kommun-Bas grouping is used (accountClasses.ts); with it, the sheet
 * replaces the default whole.
 */
import {
  DEFAULT_ACCOUNT_PLAN,
  DEFAULT_COST_LINES,
  accountDigits,
  classifyAccount,
  type AccountRange,
  type CostLine,
  type DefaultCostType,
} from "../core/accountClasses";
import type { InputError } from "./errors";
import { normaliseHeader } from "./headers";
import { recognisedSheet, scanErrors, type Scan } from "./scan";
import { toInternal } from "../core/signs";
import type { ReadOutcome, ReadSettings } from "./settings";
import { SheetRows, type CellRef, type RowCounts } from "./sheetRows";

export interface AccountPlan {
  readonly ranges: readonly AccountRange[];
  /** The resultaträkning's lines, in order. */
  readonly lines: readonly CostLine[];
  /** Where the plan came from: the user's sheet, or the Kommun-Bas default. */
  readonly source: "sheet" | "default";
}

/**
 * The default lines' names, normalised whole ("Lokalkostnader, energi, VA" is "lokalkostnaderenergiva"): a name
 * is a default line only when it is one of these, so "Övriga intäkter" is a line of its own, not Övriga kostnader.
 */
const COST_TYPE_NAMES: ReadonlyArray<[string, DefaultCostType]> = [
  ["intakter", "revenue"],
  ["intakt", "revenue"],
  ["revenue", "revenue"],
  ["personalkostnader", "personnel"],
  ["personal", "personnel"],
  ["personnel", "personnel"],
  ["lokalkostnader", "premises"],
  ["lokalkostnaderenergiva", "premises"],
  ["lokaler", "premises"],
  ["premises", "premises"],
  ["ovrigakostnader", "other"],
  ["other", "other"],
  ["kapitalkostnad", "capital"],
  ["kapitalkostnader", "capital"],
  ["avskrivningar", "capital"],
  ["capital", "capital"],
];

/** The default kostnadsslag a name means, undefined when it is none of them (a line of the kommun's own). */
export function costTypeFromText(text: string): DefaultCostType | undefined {
  const key = normaliseHeader(text).key;
  return COST_TYPE_NAMES.find(([name]) => key === name)?.[1];
}

/** "Intäkt" / "Kostnad" in the Typ column. */
function sideFromText(text: string): boolean | undefined {
  const key = normaliseHeader(text).key;
  if (/^(intakt|intakter|revenue|i)$/.test(key)) return true;
  if (/^(kostnad|kostnader|cost|k)$/.test(key)) return false;
  return undefined;
}

function readRanges(rows: SheetRows, counts: RowCounts, lines: CostLine[], seen: Map<string, string>): AccountRange[] {
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
    const sideText = rows.text(r, "side");
    const side = sideText === undefined ? undefined : sideFromText(sideText);
    if (sideText !== undefined && side === undefined)
      rows.fieldError(r, "side", `"${sideText}" är ingen typ: förväntade Intäkt eller Kostnad.`);
    if (typeText === undefined) rows.missing(r, "costType", "ett kostnadsslag");
    if (
      from === undefined ||
      to === undefined ||
      typeText === undefined ||
      (sideText !== undefined && side === undefined)
    )
      return false;
    const known = costTypeFromText(typeText);
    const costType = known ?? `rad:${normaliseHeader(typeText).key}`;
    const revenue = side ?? (known ? known === "revenue" : classifyAccount(from) === "revenue");
    const line = lines.find((l) => l.key === costType);
    if (!line) {
      lines.push({ key: costType, label: typeText.trim(), revenue });
      seen.set(costType, rows.address(r, rows.column("costType")!));
    } else if (line.revenue !== revenue) {
      rows.fieldError(
        r,
        sideText !== undefined ? "side" : "costType",
        `${line.label} är ${line.revenue ? "en intäkt" : "en kostnad"} i cell ${seen.get(costType)} men ${revenue ? "en intäkt" : "en kostnad"} här: ange Typ (Intäkt eller Kostnad) så att raden är samma överallt.`,
      );
      return false;
    }
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
  const lines: CostLine[] = [];
  const seen = new Map<string, string>();
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    ranges.push(...readRanges(rows, counts, lines, seen));
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  const value: AccountPlan | undefined =
    errors.length > 0
      ? undefined
      : sheets.length === 0
        ? { ranges: DEFAULT_ACCOUNT_PLAN, lines: DEFAULT_COST_LINES, source: "default" }
        : { ranges, lines, source: "sheet" };
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
