/**
 * What a read needs to know (year, month, the kommun's sign convention, units) and what it gives back: the value,
 * every error and warning with its cell, what was recognised where, and the row counts (read = used + rejected).
 */
import { parseAmount, type MoneyUnit } from "../core/amounts";
import { monthFromName } from "../core/periods";
import { FORECAST_METHOD_LABEL, type ProposalMethod } from "../core/prognosis";
import { SIGN_CONVENTION_LABEL, type ForecastColumnKind, type SignConvention } from "../core/signs";
import type { WorkbookReader } from "../workbook/types";
import type { InputError } from "./errors";
import { normaliseHeader, type ColumnMapping } from "./headers";
import { textOf, toKronor, type RowCounts } from "./sheetRows";

export interface ReadSettings {
  readonly year: number;
  /** Month of follow-up, 1-12. */
  readonly month: number;
  readonly signConvention: SignConvention;
  readonly forecastColumnKind: ForecastColumnKind;
  /** Unit of the budget, forecast, volume and measure sheets (default tkr); a unit in a header wins. */
  readonly amountUnit: MoneyUnit;
  /** Unit of the ledger sheets (default kr). */
  readonly ledgerUnit: MoneyUnit;
  readonly proposalMethod: ProposalMethod;
  readonly columnMapping?: ColumnMapping;
  /** The nämnd's forecast full-year variance in kronor (+ = överskott), for an åtgärdsplan read without forecasts. */
  readonly forecastVariance?: number;
}

export const DEFAULT_SETTINGS: Omit<ReadSettings, "year" | "month"> = {
  signConvention: "costPositive",
  forecastColumnKind: "outcome",
  amountUnit: "tkr",
  ledgerUnit: "kr",
  proposalMethod: "phasedBudgetPlusVariance",
};

export interface RecognisedSheet {
  readonly sheet: string;
  /** Row of the header as Excel shows it (1-based). */
  readonly headerRow: number;
  /** Field id to the A1 address of its header. */
  readonly fields: Record<string, string>;
}


export interface ReadOutcome<T> {
  /** Undefined when errors block. */
  readonly value: T | undefined;
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly recognised: RecognisedSheet[];
  readonly rows: RowCounts;
}

export const SETTINGS_SHEET = "Inställningar";

const METHOD_NAMES: Record<string, ProposalMethod> = {
  runrate: "runRate",
  linjar: "runRate",
  lastyearprofile: "lastYearProfile",
  fjolaretsmanadsprofil: "lastYearProfile",
  fjolaret: "lastYearProfile",
  phasedbudgetplusvariance: "phasedBudgetPlusVariance",
  budgetavvikelsehittills: "phasedBudgetPlusVariance",
  budgetplusavvikelse: "phasedBudgetPlusVariance",
};
for (const [id, label] of Object.entries(FORECAST_METHOD_LABEL)) if (id !== "entered" && id !== "sum") METHOD_NAMES[normaliseHeader(label).key] = id as ProposalMethod;

function signConvention(text: string): SignConvention | undefined {
  const key = normaliseHeader(text).key;
  if (key === normaliseHeader(SIGN_CONVENTION_LABEL.costPositive).key || key === "costpositive" || key.includes("positiv")) return "costPositive";
  if (key === normaliseHeader(SIGN_CONVENTION_LABEL.costNegative).key || key === "costnegative" || key.includes("negativ")) return "costNegative";
  return undefined;
}

function forecastKind(text: string): ForecastColumnKind | undefined {
  const key = normaliseHeader(text).key;
  if (key.includes("avvikelse") || key === "variance") return "variance";
  if (key.includes("utfall") || key === "outcome") return "outcome";
  return undefined;
}

/**
 * The optional sheet "Inställningar": a column of names and a column of values (År, Månad, Teckenkonvention,
 * Belopp i, Prognosmetod, Prognos avser, Prognosavvikelse). What is missing or not understood is left out.
 */
export async function readSettingsSheet(reader: WorkbookReader): Promise<Partial<ReadSettings>> {
  const names = await reader.sheetNames();
  const sheet = names.find((n) => normaliseHeader(n).key === normaliseHeader(SETTINGS_SHEET).key);
  if (sheet === undefined) return {};
  const data = await reader.readSheet(sheet);
  const out: { -readonly [K in keyof ReadSettings]?: ReadSettings[K] } = {};
  let varianceText: unknown;
  for (const row of data.values) {
    const nameCell = row.findIndex((v) => textOf(v) !== undefined);
    if (nameCell < 0) continue;
    const key = normaliseHeader(row[nameCell]).key;
    const raw = row.slice(nameCell + 1).find((v) => textOf(v) !== undefined);
    const text = textOf(raw);
    if (text === undefined) continue;
    if (key === "ar" || key === "year" || key === "budgetar") {
      const y = Number(text);
      if (Number.isInteger(y) && y >= 1900 && y <= 2999) out.year = y;
    } else if (key === "manad" || key === "month" || key === "uppfoljningsmanad") {
      const m = monthFromName(text) ?? Number(text);
      if (Number.isInteger(m) && m >= 1 && m <= 12) out.month = m;
    } else if (key === "teckenkonvention" || key === "signconvention") {
      const c = signConvention(text);
      if (c) out.signConvention = c;
    } else if (key === "beloppi" || key === "enhet" || key === "amountunit") {
      const u = normaliseHeader(text).key;
      if (u === "kr" || u === "kronor") out.amountUnit = "kr";
      else if (u === "tkr") out.amountUnit = "tkr";
      else if (u === "mnkr" || u === "mkr") out.amountUnit = "mnkr";
    } else if (key === "utfalli" || key === "ledgerunit") {
      const u = normaliseHeader(text).key;
      if (u === "kr" || u === "kronor") out.ledgerUnit = "kr";
      else if (u === "tkr") out.ledgerUnit = "tkr";
    } else if (key === "prognosmetod" || key === "proposalmethod") {
      const m = METHOD_NAMES[normaliseHeader(text).key];
      if (m) out.proposalMethod = m;
    } else if (key === "prognosavser" || key === "prognoskolumn" || key === "forecastcolumnkind") {
      const k = forecastKind(text);
      if (k) out.forecastColumnKind = k;
    } else if (key === "prognosavvikelse" || key === "prognosavvikelsehelar") {
      varianceText = raw;
    }
  }
  if (varianceText !== undefined) {
    const unit = out.amountUnit ?? DEFAULT_SETTINGS.amountUnit;
    const v = parseAmount(varianceText, { type: "money", unit });
    if (v.kind === "value") out.forecastVariance = toKronor(v.value, unit);
  }
  return out;
}
