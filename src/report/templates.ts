/**
 * Templates for förvaltning staff (enhetschefer, verksamhetschefer): a forecast template per ansvar or per
 * area, a volume template and an åtgärdsplan template. Title in row 1, a Swedish instruction in row 2, the
 * header in row 3; pre-filled figures are locked, input cells unlocked and validated, the sheet protected
 * without password. The input layer reads them back by exactly these sheet names and headers: keep them.
 * Amounts in templates are whole tkr, as people type them (`tkrEntered`), in the user's sign convention (domain:
 * signs differ between kommuner; the input layer reads typed amounts in that convention).
 */
import { convertMoney, roundExcel } from "../core/amounts";
import { MEASURE_STATUS_LABEL, type Measure } from "../core/actionPlan";
import { MONTH_NAMES_SV } from "../core/periods";
import type { PrognosisResult, PrognosisRow } from "../core/prognosis";
import { fromInternal, type SignConvention } from "../core/signs";
import type { VolumeLine } from "../core/volume";
import type { DataValidation, ReportCell, ReportColumn, ReportRow, SheetLayout } from "./layout";

export const FORECAST_TEMPLATE_SHEET = "Prognos";
export const VOLUME_TEMPLATE_SHEET = "Volymer";
export const ACTION_PLAN_TEMPLATE_SHEET = "Åtgärder";
/** The templates' Excel tables; a sheet copied into another workbook keeps its table (Excel may add a number). */
export const TEMPLATE_TABLES = ["Budgetkoll_Prognosmall", "Budgetkoll_Volymmall", "Budgetkoll_Atgardsmall"] as const;

export const FORECAST_TEMPLATE_HEADERS = [
  "Ansvar",
  "Benämning",
  "Budget helår (tkr)",
  "Utfall t.o.m. period (tkr)",
  "Prognos helår (tkr)",
  "Kommentar",
] as const;
export const VOLUME_TEMPLATE_HEADERS = [
  "Verksamhet",
  "Volymmått",
  "Enhet",
  "Budgeterad volym",
  "Á-pris (kr)",
  "Fast del (tkr)",
  "Utfall volym",
  "Kostnad t.o.m. period (tkr)",
  "Kommentar",
] as const;
export const ACTION_PLAN_TEMPLATE_HEADERS = [
  "Nr",
  "Ägare",
  "Åtgärd",
  "Ansvarig",
  "Status",
  "Planerad effekt helår (tkr)",
  "Realiserad effekt hittills (tkr)",
  "Prognos effekt helår (tkr)",
  "Ingår i prognos",
  "Risk",
  "Konsekvens",
  "Kommentar",
] as const;

export const INCLUDED_IN_FORECAST_VALUES = ["Ja", "Nej"] as const;

/** 0-based row of the header: the title is row 0, the instruction row 1. */
const HEADER_ROW = 2;
const PROTECTION = { allowFormatColumns: true, allowSort: false, allowFilter: true } as const;

const WHOLE_TKR: DataValidation = {
  kind: "wholeNumber",
  min: -999_999_999,
  max: 999_999_999,
  errorTitle: "Fel värde",
  error: "Skriv beloppet som ett helt antal tkr, utan decimaler och text, t.ex. 1250 eller -300.",
  prompt: "Helt antal tkr",
};
const NON_NEGATIVE_VOLUME: DataValidation = {
  kind: "decimal",
  min: 0,
  max: 999_999_999,
  errorTitle: "Fel värde",
  error: "Skriv volymen som ett tal som inte är negativt, t.ex. 1250 eller 12,5.",
  prompt: "Volym t.o.m. perioden",
};

const tkr = (kronor: number): number => roundExcel(convertMoney(kronor, "kr", "tkr"));
/** An internal amount as the template shows it: whole tkr in the user's convention. */
const shownTkr = (kronor: number, convention: SignConvention): number => tkr(fromInternal(kronor, convention));

/**
 * The internal kronor a pre-filled amount reads back as when the unit leaves it unchanged: its whole tkr. Excel's
 * ROUND is symmetric (half away from zero), so this holds in either sign convention.
 */
export function prefilledKronor(kronor: number): number {
  return convertMoney(tkr(kronor), "tkr", "kr");
}

/** The sign of the amounts, said in the instruction row of the forecast and volume templates. */
const SIGN_INSTRUCTION: Record<SignConvention, string> = {
  costPositive: "Kostnader anges som positiva tal, intäkter som negativa.",
  costNegative: "Kostnader anges som negativa tal, intäkter som positiva.",
};
const cell = (value: ReportCell["value"], input?: boolean): ReportCell =>
  input === undefined ? { value } : { value, input };
const templateNote = (lines: number) => [
  { row: HEADER_ROW + lines + 2, text: "Mall från Budgetkoll. Ändra inte rubrikerna; fyll bara i de gula cellerna." },
];

function template(
  name: string,
  title: string,
  instruction: string,
  tableName: string,
  columns: readonly ReportColumn[],
  rows: readonly ReportRow[],
): SheetLayout {
  return {
    name,
    title,
    meta: [],
    instruction,
    tables: [{ name: tableName, headerRow: HEADER_ROW, firstColumn: 0, columns, rows, style: "TableStyleLight1" }],
    notes: templateNote(rows.length),
    freeze: { rows: HEADER_ROW + 1, columns: 2 },
    protection: PROTECTION,
  };
}

export interface ForecastTemplateScope {
  /** The ansvar or area (a node key of the prognosis) the template is for; the whole nämnd when absent. */
  readonly key?: string;
}

/** The ansvar (leaves) under a node of the prognosis, in report order. */
function leavesUnder(result: PrognosisResult, key: string | undefined): PrognosisRow[] {
  if (key === undefined) return result.rows.filter((r) => r.isLeaf);
  const byKey = new Map(result.rows.map((r) => [r.key, r]));
  if (!byKey.has(key)) throw new Error(`Ansvaret eller verksamheten ${key} finns inte i prognosen.`);
  const under = (r: PrognosisRow): boolean =>
    r.key === key || (r.parentKey !== undefined && byKey.has(r.parentKey) && under(byKey.get(r.parentKey)!));
  return result.rows.filter((r) => r.isLeaf && under(r));
}

/**
 * At the bokslut (Månad 12 or Rapporttyp Bokslut) no forecast template is made: the outcome is the year's and the
 * prognosis takes no entered forecast (`isYearEnd`, src/core/prognosis.ts), so a filled-in template would be ignored.
 */
export function noForecastTemplateAtYearEnd(year: number): string {
  return `rapporten är bokslutet för ${year}: utfallet är årets, så ingen prognosmall skapas (volym- och åtgärdsmallarna skapas som vanligt).`;
}

/**
 * Forecast template: one row per ansvar, pre-filled with budget and utfall to date in tkr in the user's sign
 * convention; the unit fills in Prognos helår (a full-year outcome in that convention) and Kommentar.
 */
export function buildForecastTemplate(
  result: PrognosisResult,
  scope: ForecastTemplateScope = {},
  convention: SignConvention = "costPositive",
): SheetLayout {
  const leaves = leavesUnder(result, scope.key);
  const scopeRow = scope.key === undefined ? undefined : result.rows.find((r) => r.key === scope.key);
  const columns: ReportColumn[] = [
    { id: "code", header: FORECAST_TEMPLATE_HEADERS[0], type: "text", width: 10 },
    { id: "name", header: FORECAST_TEMPLATE_HEADERS[1], type: "text", width: 34 },
    { id: "annualBudget", header: FORECAST_TEMPLATE_HEADERS[2], type: "tkrEntered", width: 14 },
    { id: "actual", header: FORECAST_TEMPLATE_HEADERS[3], type: "tkrEntered", width: 14 },
    {
      id: "forecast",
      header: FORECAST_TEMPLATE_HEADERS[4],
      type: "tkrEntered",
      width: 14,
      input: true,
      validation: {
        ...WHOLE_TKR,
        prompt: `Förväntat nettoutfall för helåret, helt antal tkr, kostnad som ${convention === "costNegative" ? "negativt" : "positivt"} tal`,
      },
    },
    { id: "comment", header: FORECAST_TEMPLATE_HEADERS[5], type: "text", width: 60, input: true, wrap: true },
  ];
  const rows: ReportRow[] = leaves.map((r) => ({
    kind: "data",
    level: 0,
    cells: [
      cell(r.code ?? r.key),
      cell(r.name),
      cell(shownTkr(r.annualBudget, convention)),
      cell(shownTkr(r.actual, convention)),
      cell(null),
      cell(r.comment ?? null),
    ],
  }));
  const month = MONTH_NAMES_SV[result.month - 1];
  const what = scopeRow ? `${scopeRow.name}${scopeRow.code ? ` (${scopeRow.code})` : ""}` : "hela nämnden";
  return template(
    FORECAST_TEMPLATE_SHEET,
    `Prognos ${result.year} efter ${month}: ${what}`,
    `Fyll i Prognos helår (nettoutfall för helåret i hela tkr) och en Kommentar för varje ansvar; förklara alltid en avvikelse mot budget. ${SIGN_INSTRUCTION[convention]} Budget och utfall t.o.m. ${month} är ifyllda och låsta.`,
    TEMPLATE_TABLES[0],
    columns,
    rows,
  );
}

/**
 * Volume template: one row per volume line, pre-filled with the plan and the cost to date (amounts in the user's sign
 * convention); the unit fills in the actual volume and corrects the cost where needed. Every unit gets every line: the
 * read-back sets aside a line returned as sent (Utfall volym empty, the cost as pre-filled, no Kommentar) and reads
 * only the lines a unit touched. A cost of 0 is pre-filled as 0: the read-back recognises a line as sent by its cost.
 */
export function buildVolumeTemplate(
  year: number,
  month: number,
  lines: readonly VolumeLine[],
  convention: SignConvention = "costPositive",
): SheetLayout {
  const columns: ReportColumn[] = [
    { id: "area", header: VOLUME_TEMPLATE_HEADERS[0], type: "text", width: 24 },
    { id: "name", header: VOLUME_TEMPLATE_HEADERS[1], type: "text", width: 30 },
    { id: "unit", header: VOLUME_TEMPLATE_HEADERS[2], type: "text", width: 12 },
    { id: "budgetVolume", header: VOLUME_TEMPLATE_HEADERS[3], type: "volume", width: 12 },
    { id: "unitPrice", header: VOLUME_TEMPLATE_HEADERS[4], type: "unitPrice", width: 12 },
    { id: "fixedBudget", header: VOLUME_TEMPLATE_HEADERS[5], type: "tkrEntered", width: 12 },
    {
      id: "actualVolume",
      header: VOLUME_TEMPLATE_HEADERS[6],
      type: "volume",
      width: 12,
      input: true,
      validation: NON_NEGATIVE_VOLUME,
    },
    {
      id: "actualCost",
      header: VOLUME_TEMPLATE_HEADERS[7],
      type: "tkrEntered",
      width: 14,
      input: true,
      validation: WHOLE_TKR,
    },
    { id: "comment", header: VOLUME_TEMPLATE_HEADERS[8], type: "text", width: 50, input: true, wrap: true },
  ];
  const rows: ReportRow[] = lines.map((l) => ({
    kind: "data",
    level: 0,
    cells: [
      cell(l.area),
      cell(l.name),
      cell(l.unit),
      cell(l.budgetVolume),
      cell(l.unitPrice),
      cell(shownTkr(l.fixedBudget, convention)),
      cell(null),
      cell(shownTkr(l.actualCost, convention)),
      cell(null),
    ],
  }));
  const m = MONTH_NAMES_SV[month - 1];
  return template(
    VOLUME_TEMPLATE_SHEET,
    `Volymer ${year} t.o.m. ${m}`,
    `Fyll i Utfall volym t.o.m. ${m} (i enheten i kolumnen Enhet) och vid behov Kostnad t.o.m. perioden (hela tkr) och en Kommentar. ${SIGN_INSTRUCTION[convention]} Budgeterad volym, á-pris och fast del är låsta.`,
    TEMPLATE_TABLES[1],
    columns,
    rows,
  );
}

/**
 * Åtgärdsplan template: the measures known so far, and `blankRows` empty rows for new measures (editable in
 * every column). Nr and Ägare of a known measure are locked, so the read-back can match it.
 */
export function buildActionPlanTemplate(year: number, measures: readonly Measure[], blankRows = 15): SheetLayout {
  const statusList: DataValidation = {
    kind: "list",
    values: Object.values(MEASURE_STATUS_LABEL),
    errorTitle: "Fel status",
    error: `Välj status i listan: ${Object.values(MEASURE_STATUS_LABEL).join(", ")}.`,
  };
  const includedList: DataValidation = {
    kind: "list",
    values: INCLUDED_IN_FORECAST_VALUES,
    errorTitle: "Fel värde",
    error: "Välj Ja om effekten redan ingår i enhetens prognos, annars Nej.",
  };
  const columns: ReportColumn[] = [
    { id: "id", header: ACTION_PLAN_TEMPLATE_HEADERS[0], type: "text", width: 7 },
    { id: "owner", header: ACTION_PLAN_TEMPLATE_HEADERS[1], type: "text", width: 12 },
    { id: "description", header: ACTION_PLAN_TEMPLATE_HEADERS[2], type: "text", width: 40, input: true, wrap: true },
    { id: "responsible", header: ACTION_PLAN_TEMPLATE_HEADERS[3], type: "text", width: 18, input: true },
    {
      id: "status",
      header: ACTION_PLAN_TEMPLATE_HEADERS[4],
      type: "text",
      width: 14,
      input: true,
      validation: statusList,
    },
    {
      id: "plannedEffect",
      header: ACTION_PLAN_TEMPLATE_HEADERS[5],
      type: "tkrEntered",
      width: 14,
      input: true,
      validation: WHOLE_TKR,
    },
    {
      id: "realisedEffect",
      header: ACTION_PLAN_TEMPLATE_HEADERS[6],
      type: "tkrEntered",
      width: 14,
      input: true,
      validation: WHOLE_TKR,
    },
    {
      id: "forecastEffect",
      header: ACTION_PLAN_TEMPLATE_HEADERS[7],
      type: "tkrEntered",
      width: 14,
      input: true,
      validation: WHOLE_TKR,
    },
    {
      id: "included",
      header: ACTION_PLAN_TEMPLATE_HEADERS[8],
      type: "text",
      width: 10,
      input: true,
      validation: includedList,
    },
    { id: "risk", header: ACTION_PLAN_TEMPLATE_HEADERS[9], type: "text", width: 30, input: true, wrap: true },
    { id: "consequence", header: ACTION_PLAN_TEMPLATE_HEADERS[10], type: "text", width: 30, input: true, wrap: true },
    { id: "comment", header: ACTION_PLAN_TEMPLATE_HEADERS[11], type: "text", width: 30, input: true, wrap: true },
  ];
  const amount = (kronor: number | undefined) => cell(kronor === undefined ? null : tkr(kronor));
  const known: ReportRow[] = measures.map((m) => ({
    kind: "data",
    level: 0,
    cells: [
      cell(m.id),
      cell(m.owner),
      cell(m.description),
      cell(m.responsible ?? null),
      cell(MEASURE_STATUS_LABEL[m.status]),
      amount(m.plannedEffect),
      amount(m.realisedEffect),
      amount(m.forecastEffect),
      cell(m.includedInForecast ? "Ja" : "Nej"),
      cell(m.risk ?? null),
      cell(m.consequence ?? null),
      cell(m.comment ?? null),
    ],
  }));
  const blank: ReportRow[] = Array.from({ length: blankRows }, () => ({
    kind: "data",
    level: 0,
    cells: columns.map(() => cell(null, true)),
  }));
  return template(
    ACTION_PLAN_TEMPLATE_SHEET,
    `Åtgärdsplan ${year}: uppföljning`,
    "Fyll i status, effekter i hela tkr (besparing som positivt tal), om effekten redan ingår i prognosen, risk och konsekvens för varje åtgärd. Nya åtgärder skrivs på de tomma raderna.",
    TEMPLATE_TABLES[2],
    columns,
    [...known, ...blank],
  );
}
