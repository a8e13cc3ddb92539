/**
 * What a read needs to know (year, month, the kommun's sign convention, units) and what it gives back: the value,
 * every error and warning with its cell, what was recognised where, and the row counts (read = used + rejected).
 */
import type { CellValue } from "../cells";
import { parseAmount, type MoneyUnit } from "../core/amounts";
import { emptyRecord, ownValue } from "../core/records";
import { monthFromName } from "../core/periods";
import { FORECAST_METHOD_LABEL, type ProposalMethod } from "../core/prognosis";
import { SIGN_CONVENTION_LABEL, type ForecastColumnKind, type SignConvention } from "../core/signs";
import type { WorkbookReader } from "../workbook/types";
import { inputError, type InputError } from "./errors";
import { mappedField, normaliseHeader, SPECS, type ColumnMapping } from "./headers";
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
  /** The budget version the variance is measured against (default the latest). */
  readonly budgetVersion?: string;
  /** The kommun and the nämnd the workbook is for, as the task pane's header names them (Kommun, Nämnd). */
  readonly kommun?: string;
  readonly namnd?: string;
  /** A SIE ledger's ansvar dimension, by number or #DIM name (Ansvarsdimension); found by name when absent. */
  readonly costCentreDimension?: string;
  /** Above this share of a variance the unexplained part is flagged (default 20 %). */
  readonly maxUnexplainedShare?: number;
  /**
   * Rapporttyp: `yearEnd` (Bokslut) or `interim` (Delår, a monthly follow-up); undefined: the bokslut at month 12.
   * The bokslut's wording ("redovisade", "Utfall helår") and its outcome instead of forecasts follow from it.
   */
  readonly reportKind?: "yearEnd" | "interim";
  /** The month of the forecast the change is compared with, named in the commentary. */
  readonly previousForecastMonth?: number;
  /** Kommunbidrag (the nämnd's ram), kronor, for the resultaträkning's Kommunbidrag and Resultat rows. */
  readonly grant?: GrantSettings;
  /** Strikt: every warning of a run is an error (exit code 2 on the command line), and nothing is written. */
  readonly strict?: boolean;
}

/** Kommunbidrag in kronor: for the year, to the month of follow-up, and last year to the same month. */
export interface GrantSettings {
  readonly annual?: number;
  readonly toDate?: number;
  readonly lastYearToDate?: number;
}

/** The settings' names of the kommunbidrag amounts (normalised), to the field they fill. */
const GRANT_KEYS: Record<string, keyof GrantSettings> = {
  kommunbidrag: "annual",
  kommunbidraghelar: "annual",
  kommunbidragtomperiod: "toDate",
  kommunbidraghittills: "toDate",
  kommunbidragfgartomperiod: "lastYearToDate",
  kommunbidragforegaendeartomperiod: "lastYearToDate",
  kommunbidragfgar: "lastYearToDate",
  kommunbidragforegaendear: "lastYearToDate",
};

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
for (const [id, label] of Object.entries(FORECAST_METHOD_LABEL))
  if (id !== "entered" && id !== "outcome" && id !== "sum")
    METHOD_NAMES[normaliseHeader(label).key] = id as ProposalMethod;

function signConvention(text: string): SignConvention | undefined {
  const key = normaliseHeader(text).key;
  if (
    key === normaliseHeader(SIGN_CONVENTION_LABEL.costPositive).key ||
    key === "costpositive" ||
    key.includes("positiv")
  )
    return "costPositive";
  if (
    key === normaliseHeader(SIGN_CONVENTION_LABEL.costNegative).key ||
    key === "costnegative" ||
    key.includes("negativ")
  )
    return "costNegative";
  return undefined;
}

function forecastKind(text: string): ForecastColumnKind | undefined {
  const key = normaliseHeader(text).key;
  if (key.includes("avvikelse") || key === "variance") return "variance";
  if (key.includes("utfall") || key === "outcome") return "outcome";
  return undefined;
}

/** The sheet of column mappings: Blad | Rubrik | Fält, for headers the program does not recognise. */
export const MAPPING_SHEET = "Kolumnmappning";

export interface SettingsRead {
  readonly settings: Partial<ReadSettings>;
  /** Values that are not understood, with their cell: the setting is left out. */
  readonly errors: InputError[];
  /** Names that are not settings, with their cell. */
  readonly warnings: InputError[];
}

/** A yes/no setting (Strikt): ja, nej, sant, falskt, 1, 0. */
const YES_NO: Record<string, boolean> = {
  ja: true,
  nej: false,
  yes: true,
  no: false,
  sant: true,
  falskt: false,
  true: true,
  false: false,
  "1": true,
  "0": false,
  pa: true,
  av: false,
};

const MONEY_UNITS: Record<string, MoneyUnit> = { kr: "kr", kronor: "kr", tkr: "tkr", mnkr: "mnkr", mkr: "mnkr" };

/** A share as a fraction: "20 %", "20", "0,2". */
function share(text: string): number | undefined {
  const n = Number(text.replace("%", "").replace(",", ".").trim());
  if (!Number.isFinite(n) || n < 0) return undefined;
  return text.includes("%") || n > 1 ? (n <= 100 ? n / 100 : undefined) : n;
}

/** "Bokslut", "årsbokslut", "helår" are the year-end report; "delår", "delårsrapport", "månadsrapport" a follow-up. */
export function reportKind(text: string): ReadSettings["reportKind"] {
  const key = normaliseHeader(text).key;
  if (["bokslut", "arsbokslut", "arsredovisning", "verksamhetsberattelse", "helar", "yearend"].includes(key))
    return "yearEnd";
  if (
    [
      "delar",
      "delarsrapport",
      "delarsbokslut",
      "manadsrapport",
      "manadsuppfoljning",
      "uppfoljning",
      "tertial",
      "tertialrapport",
      "interim",
    ].includes(key)
  )
    return "interim";
  return undefined;
}

/**
 * The optional sheet "Inställningar": a column of names and a column of values (År, Månad, Teckenkonvention,
 * Belopp i, Utfall i, Prognosmetod, Prognos avser, Prognosavvikelse, Budgetversion, Gräns oförklarat,
 * Föregående prognos), and the optional sheet "Kolumnmappning". A value not understood is an error naming its
 * cell, a name that is no setting a warning; neither is dropped silently.
 */
export async function readSettings(reader: WorkbookReader): Promise<SettingsRead> {
  const names = await reader.sheetNames();
  const out: { -readonly [K in keyof ReadSettings]?: ReadSettings[K] } = {};
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const find = (name: string) => names.find((n) => normaliseHeader(n).key === normaliseHeader(name).key);
  const sheet = find(SETTINGS_SHEET);
  if (sheet !== undefined) {
    const data = await reader.readSheet(sheet);
    let variance: { raw: CellValue | undefined; row: number; column: number } | undefined;
    const grants: {
      field: keyof GrantSettings;
      label: string;
      raw: CellValue | undefined;
      row: number;
      column: number;
    }[] = [];
    data.values.forEach((row, i) => {
      const nameCell = row.findIndex((v) => textOf(v) !== undefined);
      if (nameCell < 0) return;
      const label = textOf(row[nameCell])!;
      const key = normaliseHeader(row[nameCell]).key;
      const valueCell = row.findIndex((v, j) => j > nameCell && textOf(v) !== undefined);
      const raw = valueCell < 0 ? undefined : row[valueCell];
      const text = textOf(raw);
      const r = data.origin.row + i;
      const c = data.origin.column + (valueCell < 0 ? nameCell + 1 : valueCell);
      const bad = (expected: string) =>
        errors.push(inputError(data.sheet, r, c, `"${text}" är inte ett värde för ${label}: förväntade ${expected}.`));
      if (key === "installning" || key === "setting") return;
      if (text === undefined) return;
      if (key === "ar" || key === "year" || key === "budgetar") {
        const y = Number(text);
        if (Number.isInteger(y) && y >= 1900 && y <= 2999) out.year = y;
        else bad("ett år, t.ex. 2021");
      } else if (
        key === "manad" ||
        key === "month" ||
        key === "uppfoljningsmanad" ||
        key === "foregaendeprognos" ||
        key === "foregaendeprognosmanad"
      ) {
        const m = monthFromName(text) ?? Number(text);
        const previous = key.startsWith("foregaende");
        if (!(Number.isInteger(m) && m >= 1 && m <= 12))
          bad("en månad 1-12 eller ett månadsnamn, t.ex. 8 eller augusti");
        else if (previous) out.previousForecastMonth = m;
        else out.month = m;
      } else if (key === "teckenkonvention" || key === "signconvention") {
        const sc = signConvention(text);
        if (sc) out.signConvention = sc;
        else bad(`${SIGN_CONVENTION_LABEL.costPositive} eller ${SIGN_CONVENTION_LABEL.costNegative}`);
      } else if (key === "beloppi" || key === "enhet" || key === "amountunit") {
        const u = ownValue(MONEY_UNITS, normaliseHeader(text).key);
        if (u) out.amountUnit = u;
        else bad("kr, tkr eller mnkr");
      } else if (key === "utfalli" || key === "ledgerunit") {
        const u = ownValue(MONEY_UNITS, normaliseHeader(text).key);
        if (u === "kr" || u === "tkr") out.ledgerUnit = u;
        else bad("kr eller tkr");
      } else if (key === "prognosmetod" || key === "proposalmethod") {
        const m = ownValue(METHOD_NAMES, normaliseHeader(text).key);
        if (m) out.proposalMethod = m;
        else
          bad(
            Object.entries(FORECAST_METHOD_LABEL)
              .filter(([id]) => id !== "entered" && id !== "outcome" && id !== "sum")
              .map(([, l]) => l)
              .join(", "),
          );
      } else if (key === "prognosavser" || key === "prognoskolumn" || key === "forecastcolumnkind") {
        const k = forecastKind(text);
        if (k) out.forecastColumnKind = k;
        else bad("utfall (helårsutfall) eller avvikelse");
      } else if (key === "prognosavvikelse" || key === "prognosavvikelsehelar") {
        variance = { raw, row: r, column: c };
      } else if (ownValue(GRANT_KEYS, key) !== undefined) {
        grants.push({ field: ownValue(GRANT_KEYS, key)!, label, raw, row: r, column: c });
      } else if (key === "rapporttyp" || key === "rapport" || key === "reportkind") {
        const k = reportKind(text);
        if (k) out.reportKind = k;
        else bad("Bokslut eller Delår");
      } else if (key === "strikt" || key === "strict") {
        const on = ownValue(YES_NO, normaliseHeader(text).key);
        if (on !== undefined) out.strict = on;
        else bad("ja eller nej");
      } else if (key === "budgetversion" || key === "version") {
        out.budgetVersion = text;
      } else if (key === "kommun" || key === "municipality") {
        out.kommun = text;
      } else if (key === "namnd" || key === "committee") {
        out.namnd = text;
      } else if (key === "ansvarsdimension" || key === "siedimension" || key === "costcentredimension") {
        out.costCentreDimension = text;
      } else if (
        key === "gransoforklarat" ||
        key === "gransforoforklarat" ||
        key === "oforklaratgrans" ||
        key === "maxunexplainedshare"
      ) {
        const v = typeof raw === "number" ? raw : share(text);
        if (v !== undefined && v >= 0 && v <= 1) out.maxUnexplainedShare = v;
        else bad("en andel, t.ex. 20 %");
      } else {
        warnings.push(
          inputError(
            data.sheet,
            r,
            data.origin.column + nameCell,
            `"${label}" är ingen känd inställning och lästes inte: förväntade År, Månad, Kommun, Nämnd, Teckenkonvention, Belopp i, Utfall i, Prognosmetod, Prognos avser, Prognosavvikelse, Rapporttyp, Budgetversion, Ansvarsdimension, Gräns oförklarat, Föregående prognos, Strikt, Kommunbidrag helår, Kommunbidrag t.o.m. period eller Kommunbidrag fg år t.o.m. period.`,
          ),
        );
      }
    });
    if (variance !== undefined) {
      const unit = out.amountUnit ?? DEFAULT_SETTINGS.amountUnit;
      const v = parseAmount(variance.raw, { type: "money", unit });
      if (v.kind === "value") out.forecastVariance = toKronor(v.value, unit);
      else
        errors.push(
          inputError(
            data.sheet,
            variance.row,
            variance.column,
            `"${textOf(variance.raw)}" är inte ett belopp för Prognosavvikelse: förväntade ett belopp i ${unit}, t.ex. -9 030.`,
          ),
        );
    }
    const grant: { -readonly [K in keyof GrantSettings]?: number } = {};
    for (const g of grants) {
      // In the unit of Belopp i, like the budget (seed 004: Kommunbidrag 216 123 tkr for 2021).
      const unit = out.amountUnit ?? DEFAULT_SETTINGS.amountUnit;
      const v = parseAmount(g.raw, { type: "money", unit });
      if (v.kind === "value") grant[g.field] = toKronor(v.value, unit);
      else
        errors.push(
          inputError(
            data.sheet,
            g.row,
            g.column,
            `"${textOf(g.raw)}" är inte ett belopp för ${g.label}: förväntade ett belopp i ${unit}, t.ex. 216 123.`,
          ),
        );
    }
    if (Object.keys(grant).length > 0) out.grant = grant;
  }
  const mappingSheet = find(MAPPING_SHEET);
  if (mappingSheet !== undefined) {
    const data = await reader.readSheet(mappingSheet);
    const mapping = emptyRecord<Record<string, string>>();
    data.values.forEach((row, i) => {
      const [sheetName, header, field] = [0, 1, 2].map((j) => textOf(row[j]));
      if (sheetName === undefined && header === undefined && field === undefined) return;
      if (normaliseHeader(sheetName).key === "blad") return;
      const problem = parseMappingEntry(sheetName, header, field);
      if (typeof problem === "string")
        errors.push(
          inputError(data.sheet, data.origin.row + i, data.origin.column + (sheetName ? (header ? 2 : 1) : 0), problem),
        );
      else addMapping(mapping, problem);
    });
    if (Object.keys(mapping).length > 0) out.columnMapping = mapping;
  }
  return { settings: out, errors, warnings };
}

/** Add one column mapping to `mapping` (null-prototype objects: a sheet or header may be named `__proto__`). */
export function addMapping(
  mapping: Record<string, Record<string, string>>,
  entry: { sheet: string; header: string; field: string },
): void {
  const headers = ownValue(mapping, entry.sheet) ?? (mapping[entry.sheet] = emptyRecord<string>());
  headers[entry.header] = entry.field;
}

/** One column mapping: the sheet, its header text and the field it is (a field id or its Swedish label). */
export function parseMappingEntry(
  sheet: string | undefined,
  header: string | undefined,
  field: string | undefined,
): { sheet: string; header: string; field: string } | string {
  if (!sheet) return "bladets namn saknas: förväntade Blad | Rubrik | Fält, t.ex. Budget | Belopp 2021 | Budget helår.";
  if (!header) return "rubriken saknas: förväntade Blad | Rubrik | Fält, t.ex. Budget | Belopp 2021 | Budget helår.";
  const id = field
    ? Object.values(SPECS)
        .map((spec) => mappedField(spec, field))
        .find((f) => f !== undefined)?.id
    : undefined;
  if (!id)
    return `"${field ?? ""}" är inget fält: förväntade ett av ${[...new Set(Object.values(SPECS).flatMap((s) => s.fields.map((f) => f.label)))].join(", ")}.`;
  return { sheet, header, field: id };
}

/** The settings that were understood (see `readSettings` for what was not). */
export async function readSettingsSheet(reader: WorkbookReader): Promise<Partial<ReadSettings>> {
  return (await readSettings(reader)).settings;
}
