/**
 * Header recognition: find the header row of a sheet (it may sit under a title) and say which column holds which
 * field, by Swedish and English names regardless of case, spacing, punctuation and accents. A column that is not
 * recognised can be mapped by the user (`ColumnMapping`). Pure.
 */
import { cellAddress } from "../cells";
import type { MoneyUnit } from "../core/amounts";
import { monthFromName, parsePeriod, periodMonth, periodYear } from "../core/periods";
import { emptyRecord, ownValue } from "../core/records";
import type { SheetData } from "../workbook/types";
import { inputError, type InputError } from "./errors";

/** The user's mapping of a header that is not recognised to a field: sheet name, header text, field id. */
export type ColumnMapping = Record<string, Record<string, string>>;

export type SheetKind =
  | "hierarchy"
  | "budget"
  | "actuals"
  | "forecast"
  | "costTypeForecast"
  | "versions"
  | "volumes"
  | "measures"
  | "explanations"
  | "investments"
  | "accountPlan"
  | "previousResult"
  | "accountBudget"
  | "earlierYears";

export interface FieldDef {
  readonly id: string;
  /** The canonical Swedish header, used in messages and templates. */
  readonly label: string;
  /** Other names, written as `normaliseHeader` gives them. */
  readonly names: readonly string[];
  /**
   * Names of `names` that stand for the field only when no column has one of its other names: a Datum column is
   * the period of a ledger that has no Period column, and beside one it is the booking date, another column.
   */
  readonly weak?: readonly string[];
}

export interface SheetSpec {
  readonly kind: SheetKind;
  /** Canonical sheet name. */
  readonly label: string;
  /** Normalised sheet names that mean this kind (the header decides first, the name second). */
  readonly sheetNames: readonly string[];
  readonly fields: readonly FieldDef[];
  /** Fields without which the sheet cannot be read; `months` stands for the twelve month columns. */
  readonly required: readonly string[];
  /** Either of these is enough (budget: an annual column or month columns). */
  readonly requiredOneOf?: readonly string[];
  /** All fields of one of these sets are needed (the forms of the Ansvar sheet). */
  readonly requiredAllOfOne?: readonly (readonly string[])[];
  /** Whether the sheet may have one column per month (wide layout). */
  readonly months?: boolean;
}

const f = (id: string, label: string, ...names: string[]): FieldDef => ({ id, label, names });

// Visma names the cost centre dimension Avdelning.
const COST_CENTRE = f(
  "costCentre",
  "Ansvar",
  "ansvar",
  "ansvarskod",
  "ansvarsnr",
  "ansvarsnummer",
  "kostnadsstalle",
  "kst",
  "costcentre",
  "costcenter",
  "enhet",
  "ansvarsenhet",
  "avdelning",
);
// Raindance exports a code's name as "Ansvar text", Unit4 (Agresso) as "Ansvar(T)" (see `normaliseHeader`).
const NAME = f(
  "name",
  "Benämning",
  "benamning",
  "namn",
  "name",
  "ansvarsnamn",
  "ansvarsbenamning",
  "beskrivning",
  "ansvartext",
  "ansvarstext",
);
/** The area a unit lies under, for hierarchies without codes: (Verksamhet, Enhet) names the unit by its path. */
const AREA = f("area", "Verksamhet", "verksamhet", "verksamhetsomrade", "omrade");
/** Sheets that may name a line by its ansvar or, one level up, by its verksamhet (Förklaringar, Resultat fg år, Bokslut). */
const COST_CENTRE_OR_AREA = f("costCentre", "Ansvar", ...COST_CENTRE.names, ...AREA.names);
const VERSION = f("version", "Version", "version", "budgetversion");
const BUDGET = f(
  "budget",
  "Budget helår",
  "budget",
  "budgethelar",
  "arsbudget",
  "helarsbudget",
  "budgetar",
  "annualbudget",
  "budgetannual",
);
const COMMENT = f(
  "comment",
  "Kommentar",
  "kommentar",
  "kommentarer",
  "comment",
  "comments",
  "anmarkning",
  "motivering",
  "notering",
);
// ERP extracts often give a booking date (Datum) beside the period: the period is then the Period column.
const PERIOD: FieldDef = {
  ...f("period", "Period", "period", "manad", "datum", "month", "date", "bokforingsperiod", "periodaaaamm"),
  weak: ["datum", "date"],
};
const FORECAST = f(
  "forecast",
  "Prognos helår",
  "prognos",
  "prognoshelar",
  "helarsprognos",
  "forecast",
  "prognosar",
  "fullyearforecast",
);

export const SPECS: Record<SheetKind, SheetSpec> = {
  hierarchy: {
    kind: "hierarchy",
    label: "Ansvar",
    sheetNames: ["ansvar", "ansvarsstruktur", "organisation", "costcentres"],
    fields: [
      COST_CENTRE,
      NAME,
      f("parent", "Överordnad", "overordnad", "overordnat", "overordnadansvar", "parent", "foralder"),
      AREA,
    ],
    // Ansvar | Överordnad with codes, Benämning | Överordnad with names only, or Verksamhet | Enhet (domain.md).
    required: [],
    requiredAllOfOne: [
      ["costCentre", "parent"],
      ["name", "parent"],
      ["area", "costCentre"],
    ],
  },
  budget: {
    kind: "budget",
    label: "Budget",
    sheetNames: ["budget", "budgetperansvar", "manadsbudget"],
    // Wide (one column per month) or long (a Period column, one row per ansvar and month) layout.
    fields: [COST_CENTRE, NAME, BUDGET, VERSION, PERIOD, AREA],
    required: ["costCentre"],
    requiredOneOf: ["budget", "months"],
    months: true,
  },
  actuals: {
    kind: "actuals",
    label: "Utfall",
    sheetNames: ["utfall", "huvudbok", "ledger", "utfallfgar", "utfallforegaendear", "utfallfjol"],
    fields: [
      COST_CENTRE,
      f("account", "Konto", "konto", "account", "kontonr", "kontonummer", "kontokod"),
      PERIOD,
      // ERP extracts may give the year and the month in two columns (År | Månad).
      f("year", "År", "ar", "year", "bokforingsar", "rakenskapsar"),
      // Unit4 (Agresso) exports the amount as Summa. Not Hypergene's "Utfall ack": accumulated, it is no monthly amount.
      f("amount", "Belopp", "belopp", "utfall", "amount", "summabelopp", "utfallbelopp", "nettobelopp", "summa"),
      AREA,
    ],
    required: ["costCentre", "period", "amount"],
  },
  forecast: {
    kind: "forecast",
    label: "Prognos",
    sheetNames: ["prognos", "prognosforegaende", "prognoser", "forecast"],
    // Hypergene's follow-up export: Utfall ack (accumulated to the period) beside Budget ack and Prognos.
    fields: [
      COST_CENTRE,
      NAME,
      BUDGET,
      f(
        "actualToDate",
        "Utfall t.o.m. period",
        "utfalltomperiod",
        "utfallhittills",
        "utfalltom",
        "utfallackumulerat",
        "utfallack",
      ),
      FORECAST,
      COMMENT,
      AREA,
    ],
    required: ["costCentre", "forecast"],
  },
  // The units' forecast per kostnadsslag (the resultaträkning's Prognos helår): one row per ansvar and line.
  costTypeForecast: {
    kind: "costTypeForecast",
    label: "Prognos per kostnadsslag",
    sheetNames: ["prognosperkostnadsslag", "kostnadsslagsprognos", "costtypeforecast"],
    fields: [
      COST_CENTRE,
      f("costType", "Kostnadsslag", "kostnadsslag", "kontoslag", "resultatrakningsrad", "costtype"),
      FORECAST,
    ],
    required: ["costCentre", "costType", "forecast"],
  },
  versions: {
    kind: "versions",
    label: "Budgetversioner",
    sheetNames: ["budgetversioner", "versioner"],
    fields: [
      f("version", "Version", "version", "budgetversion"),
      f("type", "Typ", "typ", "type", "versionstyp"),
      f("date", "Datum", "datum", "date", "beslutsdatum"),
      f("decision", "Beslut", "beslut", "decision", "paragraf", "beslutsparagraf"),
    ],
    required: ["version", "type"],
  },
  volumes: {
    kind: "volumes",
    label: "Volymer",
    sheetNames: ["volymer", "volym", "volumes"],
    fields: [
      f("area", "Verksamhet", "verksamhet", "verksamhetsomrade", "omrade", "area"),
      f("name", "Volymmått", "volymmatt", "matt", "insats", "volumemeasure", "measure"),
      f("unit", "Enhet", "enhet", "unit", "mattenhet", "volymenhet"),
      f(
        "budgetVolume",
        "Budgeterad volym",
        "budgeteradvolym",
        "budgetvolym",
        "planeradvolym",
        "volymbudget",
        "budgetedvolume",
      ),
      f("unitPrice", "Á-pris (kr)", "apris", "pris", "styckpris", "prisperenhet", "unitprice", "ersattningperenhet"),
      f("fixedBudget", "Fast del (tkr)", "fastdel", "fastbudget", "fastersattning", "fixedpart"),
      f("actualVolume", "Utfall volym", "utfallvolym", "volymutfall", "faktiskvolym", "actualvolume"),
      f(
        "actualCost",
        "Kostnad t.o.m. period (tkr)",
        "kostnadtomperiod",
        "kostnadhittills",
        "utfallkostnad",
        "kostnad",
        "actualcost",
      ),
      f("role", "Roll", "roll", "role"),
      f("counterpart", "Motpart", "motpart", "counterpart"),
    ],
    required: ["area", "name", "unit", "budgetVolume", "unitPrice", "actualVolume", "actualCost"],
  },
  measures: {
    kind: "measures",
    label: "Åtgärder",
    sheetNames: ["atgarder", "atgardsplan", "measures"],
    fields: [
      f("id", "Nr", "nr", "id", "nummer", "atgardsnr"),
      f("owner", "Ägare", "agare", "owner", "agareansvar"),
      f("description", "Åtgärd", "atgard", "atgardsbeskrivning", "description", "measure"),
      f("responsible", "Ansvarig", "ansvarig", "responsible", "ansvarigperson"),
      f("status", "Status", "status"),
      f(
        "plannedEffect",
        "Planerad effekt helår (tkr)",
        "planeradeffekthelar",
        "planeradeffekt",
        "plannedeffect",
        "beraknadeffekt",
      ),
      f(
        "realisedEffect",
        "Realiserad effekt hittills (tkr)",
        "realiseradeffekthittills",
        "realiseradeffekt",
        "realisedeffect",
      ),
      f("forecastEffect", "Prognos effekt helår (tkr)", "prognoseffekthelar", "prognoseffekt", "forecasteffect"),
      f("included", "Ingår i prognos", "ingariprognos", "iprognos", "includedinforecast"),
      f("risk", "Risk", "risk", "riskbedomning", "riskanalys"),
      f("consequence", "Konsekvens", "konsekvens", "konsekvenser", "consequence"),
      COMMENT,
    ],
    required: ["owner", "description", "status"],
  },
  explanations: {
    kind: "explanations",
    label: "Förklaringar",
    sheetNames: ["forklaringar", "avvikelseforklaringar", "explanations"],
    fields: [
      COST_CENTRE_OR_AREA,
      f("label", "Förklaring", "forklaring", "post", "orsak", "komponent", "explanation"),
      f("amount", "Belopp (tkr)", "belopp", "avvikelse", "amount"),
    ],
    required: ["costCentre", "label", "amount"],
  },
  investments: {
    kind: "investments",
    label: "Investeringar",
    sheetNames: ["investeringar", "investeringsredovisning", "investments"],
    fields: [
      f("name", "Projekt", "projekt", "investering", "projektnamn", "project"),
      f("group", "Grupp", "grupp", "omrade", "verksamhet", "group"),
      f("runBy", "Utförs av (egen/annan nämnd)", "utforsav", "utfors", "genom", "runby"),
      f("originalBudget", "Ursprungsbudget (tkr)", "ursprungsbudget", "ursprungligbudget", "originalbudget"),
      f(
        "addition",
        "Tillägg/ombudgetering (tkr)",
        "tillaggombudgetering",
        "tillaggombudg",
        "tillagg",
        "ombudgetering",
        "addition",
      ),
      f("actual", "Utfall (tkr)", "utfall", "actual"),
      // Mid-year only (seed 004 per augusti: Prognos 2021); the bokslut has the year's utfall instead.
      f("forecast", "Prognos helår (tkr)", "prognoshelar", "prognos", "helarsprognos", "forecast"),
      f(
        "carryOver",
        "Begärs ombudgeterad (tkr)",
        "begarsombudgeterad",
        "ombudgeteringbegard",
        "begardombudgetering",
        "carryover",
      ),
    ],
    required: ["name", "originalBudget", "actual"],
  },
  previousResult: {
    kind: "previousResult",
    label: "Resultat fg år",
    sheetNames: ["resultatfgar", "resultatforegaendear", "bokslutfgar", "bokslutforegaendear", "previousresult"],
    fields: [
      COST_CENTRE_OR_AREA,
      f(
        "result",
        "Resultat fg år (tkr)",
        "resultatfgar",
        "resultatforegaendear",
        "avvikelsefgar",
        "avvikelseforegaendear",
        "bokslutfgar",
        "budgetavvikelsefgar",
        "previousresult",
      ),
    ],
    required: ["costCentre", "result"],
  },
  earlierYears: {
    kind: "earlierYears",
    label: "Bokslut tidigare år",
    sheetNames: ["boksluttidigarear", "tidigarear", "bokslut", "utfalltidigarear", "earlieryears"],
    // One row per line and year: the bokslut of earlier years beside this year in the organisational split and
    // the annex (seed 000: Bokslut 2019, Bokslut 2020). Överordnad places a line that has ended under its area.
    fields: [
      COST_CENTRE_OR_AREA,
      f("year", "År", "ar", "year", "bokslutsar", "rakenskapsar"),
      f(
        "net",
        "Nettokostnad",
        "nettokostnad",
        "nettokostnadutfall",
        "utfall",
        "bokslut",
        "netto",
        "resultatnetto",
        "net",
      ),
      f("budget", "Budget", "budget", "budgethelar", "arsbudget"),
      f("parent", "Överordnad", "overordnad", "overordnat", "overordnadansvar", "parent"),
    ],
    required: ["costCentre", "year", "net"],
  },
  accountBudget: {
    kind: "accountBudget",
    label: "Budget per konto",
    sheetNames: ["budgetperkonto", "kontobudget", "budgetkonto", "budgetperkostnadsslag", "accountbudget"],
    // A Version column as on the Budget sheet: the resultaträkning takes the run's budget version from it.
    fields: [f("account", "Konto", "konto", "kontonr", "kontonummer", "account"), BUDGET, VERSION],
    required: ["account", "budget"],
  },
  accountPlan: {
    kind: "accountPlan",
    label: "Kontoplan",
    sheetNames: ["kontoplan", "kontoindelning", "kostnadsslag", "accountplan"],
    fields: [
      f("accountFrom", "Konto från", "kontofran", "frankonto", "fran", "konto", "account", "accountfrom"),
      f("accountTo", "Konto till", "kontotill", "tillkonto", "till", "accountto"),
      f("costType", "Kostnadsslag", "kostnadsslag", "kontoslag", "slag", "rad", "resultatrakningsrad", "costtype"),
      f("side", "Typ (Intäkt/Kostnad)", "typ", "intaktkostnad", "side"),
    ],
    required: ["accountFrom", "costType"],
  },
};

const UNIT_IN_HEADER: ReadonlyArray<[RegExp, MoneyUnit]> = [
  [/\b(mnkr|mkr)\b/i, "mnkr"],
  [/\btkr\b/i, "tkr"],
  [/\b(kr|kronor|sek)\b/i, "kr"],
];

/**
 * The characters of a cell looked at as a header: the longest header of the ERP exports is under 60. A longer
 * text (a pasted paragraph, or 32 767 hostile characters) is cut here, so recognition stays linear in the sheet.
 */
export const MAX_HEADER_CHARS = 255;

/**
 * A text without its parenthesised parts (each replaced by `gap`) and the first such part: what the regular
 * expressions `/\([^)]*\)/g` and `/\(([^)]*)\)/` give, in one pass (those backtrack on a run of "(" without ")").
 */
export function withoutParentheses(text: string, gap: string): { outside: string; first?: string } {
  let outside = "";
  let first: string | undefined;
  let i = 0;
  for (;;) {
    const open = text.indexOf("(", i);
    const close = open < 0 ? -1 : text.indexOf(")", open + 1);
    if (close < 0) return { outside: outside + text.slice(i), ...(first === undefined ? {} : { first }) };
    outside += text.slice(i, open) + gap;
    first ??= text.slice(open + 1, close);
    i = close + 1;
  }
}

/** A cell's text as a header, cut at MAX_HEADER_CHARS. */
function headerText(raw: unknown): string {
  const text = raw === null || raw === undefined ? "" : String(raw);
  return text.length > MAX_HEADER_CHARS ? text.slice(0, MAX_HEADER_CHARS) : text;
}

/**
 * Header text without case, accents, punctuation, a unit in parentheses or a trailing year: "Budget helår (tkr)" is
 * "budgethelar". Unit4 (Agresso) heads a code's name "(T)": "Ansvar(T)" is "ansvartext", not a second Ansvar.
 */
export function normaliseHeader(raw: unknown): { key: string; unit?: MoneyUnit } {
  const text = headerText(raw).replace(/\(\s*t\s*\)/gi, " text");
  const parts = withoutParentheses(text, " ");
  const bracket = parts.first ?? "";
  const unit = UNIT_IN_HEADER.find(([re]) => re.test(bracket))?.[1];
  const key = parts.outside
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/(?<=[a-z])(19|20)\d{2}(\d{2})?$/, "");
  return unit ? { key, unit } : { key };
}

/** A month column header: Jan, januari, aug, 202308, 2023-08, aug 2023. */
export function monthHeader(raw: unknown): { month: number; year?: number } | undefined {
  if (raw === null || raw === undefined || typeof raw === "boolean") return undefined;
  const text = withoutParentheses(headerText(raw), "").outside.trim();
  const byName = monthFromName(text);
  if (byName !== undefined) return { month: byName };
  if (/^\d{6}$|^\d{4}-\d{2}$|^[a-zåäö]+\.?\s*\d{4}$/i.test(text)) {
    const p = parsePeriod(text);
    if (p.kind === "value") return { month: periodMonth(p.value), year: periodYear(p.value) };
  }
  return undefined;
}

export interface Recognition {
  readonly spec: SheetSpec;
  /** Index into `SheetData.values` of the header row. */
  readonly headerIndex: number;
  /** 0-based sheet row of the header. */
  readonly headerRow: number;
  /** Field id to index into the row arrays. */
  readonly columns: ReadonlyMap<string, number>;
  /** A unit written in a header, e.g. "(tkr)", which overrides the setting for that column. */
  readonly units: ReadonlyMap<string, MoneyUnit>;
  /** Month 1-12 to column index, for a wide budget; and the year its header named, if any. */
  readonly months: ReadonlyMap<number, { index: number; year?: number }>;
  /** Field id to A1 address of its header, for the user to see what was recognised. */
  readonly cells: Record<string, string>;
  readonly errors: readonly InputError[];
  /** A column recognised by name but not read, because another column decides (see `dimensionColumn`). */
  readonly warnings: readonly InputError[];
  /** Recognised fields (months counted as one). */
  readonly score: number;
  readonly complete: boolean;
}

/** A header is looked for in a sheet's first rows (a title may stand above it): every reader, streamed or not. */
export const SCAN_ROWS = 20;

/** The field a mapping names, by id or by any of its names. */
export function mappedField(spec: SheetSpec, target: string): FieldDef | undefined {
  const key = normaliseHeader(target).key;
  return spec.fields.find((x) => x.id === target || normaliseHeader(x.label).key === key || x.names.includes(key));
}

function recogniseRow(
  data: SheetData,
  spec: SheetSpec,
  index: number,
  mapping: Record<string, string> | undefined,
): Recognition {
  const row = data.values[index] ?? [];
  const headerRow = data.origin.row + index;
  const at = (c: number): string => cellAddress(headerRow, data.origin.column + c);
  const columns = new Map<string, number>();
  const units = new Map<string, MoneyUnit>();
  const months = new Map<number, { index: number; year?: number }>();
  const cells = emptyRecord<string>();
  const errors: InputError[] = [];
  const normalisedMapping = new Map(
    Object.entries(mapping ?? {}).map(([h, target]) => [normaliseHeader(h).key, target]),
  );
  const mapped = new Set<string>();
  /** Fields recognised so far only by a weak name. */
  const weakColumns = new Set<string>();
  for (let c = 0; c < row.length; c++) {
    const raw = row[c];
    if (raw === null || raw === undefined || String(raw).trim() === "") continue;
    const { key, unit } = normaliseHeader(raw);
    const target = normalisedMapping.get(key);
    let field: FieldDef | undefined;
    if (target !== undefined) {
      field = mappedField(spec, target);
      if (!field) {
        errors.push(
          inputError(
            data.sheet,
            headerRow,
            data.origin.column + c,
            `kolumnen "${String(raw).trim()}" är kopplad till fältet "${target}", som inte finns på ett blad av typen ${spec.label}.`,
          ),
        );
        continue;
      }
      if (field) mapped.add(field.id);
    } else field = spec.fields.find((x) => x.names.includes(key));
    if (field) {
      const weak = target === undefined && (field.weak?.includes(key) ?? false);
      let before = columns.get(field.id);
      // A weak name beside a strong one is another column (see FieldDef.weak), whichever comes first.
      if (before !== undefined && weak && !weakColumns.has(field.id)) continue;
      if (before !== undefined && !weak && weakColumns.has(field.id)) {
        weakColumns.delete(field.id);
        units.delete(field.id);
        before = undefined;
      }
      if (weak && before === undefined) weakColumns.add(field.id);
      if (before !== undefined) {
        errors.push(
          inputError(
            data.sheet,
            headerRow,
            data.origin.column + c,
            `rubriken "${String(raw).trim()}" betyder samma sak (${field.label}) som rubriken i cell ${at(before)}: förväntade en kolumn per fält; ta bort eller byt namn på den ena.`,
          ),
        );
        continue;
      }
      columns.set(field.id, c);
      cells[field.id] = at(c);
      if (unit) units.set(field.id, unit);
      continue;
    }
    const month = spec.months ? monthHeader(raw) : undefined;
    if (month) {
      const before = months.get(month.month);
      if (before !== undefined) {
        errors.push(
          inputError(
            data.sheet,
            headerRow,
            data.origin.column + c,
            `rubriken "${String(raw).trim()}" är samma månad som rubriken i cell ${at(before.index)}: förväntade en kolumn per månad.`,
          ),
        );
        continue;
      }
      months.set(month.month, { index: c, year: month.year });
      cells[`month${month.month}`] = at(c);
    }
  }
  const warnings: InputError[] = [];
  const dimension = dimensionColumn(spec, columns, mapped);
  if (dimension !== undefined) {
    warnings.push(
      inputError(
        data.sheet,
        headerRow,
        data.origin.column + dimension,
        `kolumnen "${String(row[dimension]).trim()}" läses inte: ansvarsstrukturen byggs av Överordnad (cell ${cells.parent}), så kolumnen tas för en dimension i ekonomisystemet, inte nivån ovanför. Koppla den till fältet Verksamhet på bladet Kolumnmappning om den ska användas.`,
      ),
    );
    columns.delete("area");
    delete cells.area;
  }
  const has = (id: string): boolean => (id === "months" ? months.size > 0 : columns.has(id));
  const complete =
    spec.required.every(has) &&
    (spec.requiredOneOf === undefined || spec.requiredOneOf.some(has)) &&
    (spec.requiredAllOfOne === undefined || spec.requiredAllOfOne.some((set) => set.every(has)));
  return {
    spec,
    headerIndex: index,
    headerRow,
    columns,
    units,
    months,
    cells,
    errors,
    warnings,
    score: columns.size + (months.size > 0 ? 1 : 0),
    complete,
  };
}

/**
 * The Verksamhet column of an Ansvar sheet that also has Överordnad, unless the user mapped it: the sheet is the ERP's
 * code list (Raindance, Unit4 and Visma carry verksamhet as a dimension of each ansvar, e.g. 510 Äldreomsorg), and
 * Överordnad places every ansvar; read as the Verksamhet | Enhet form it would build a wrong hierarchy.
 */
function dimensionColumn(
  spec: SheetSpec,
  columns: ReadonlyMap<string, number>,
  mapped: ReadonlySet<string>,
): number | undefined {
  if (spec.kind !== "hierarchy" || !columns.has("parent") || mapped.has("area")) return undefined;
  return columns.get("area");
}

/**
 * The header row of a sheet: among its first 20 rows, the one that recognises most fields (a complete one before
 * an incomplete one, the first of equals). Undefined when no row recognises anything.
 */
export function recogniseHeader(data: SheetData, spec: SheetSpec, mapping?: ColumnMapping): Recognition | undefined {
  const own = ownValue(mapping, data.sheet);
  let best: Recognition | undefined;
  const rows = Math.min(SCAN_ROWS, data.values.length);
  for (let i = 0; i < rows; i++) {
    const r = recogniseRow(data, spec, i, own);
    if (r.score === 0) continue;
    if (!best || (r.complete && !best.complete) || (r.complete === best.complete && r.score > best.score)) best = r;
  }
  return best;
}

/** The Swedish list of what a sheet of this kind needs, for the message when no header row is found. */
export function describeRequired(spec: SheetSpec): string {
  const label = (id: string): string =>
    id === "months" ? "en kolumn per månad (Jan-Dec)" : spec.fields.find((x) => x.id === id)!.label;
  const all = spec.required.map(label);
  if (spec.requiredOneOf) all.push(spec.requiredOneOf.map(label).join(" eller "));
  if (spec.requiredAllOfOne) return spec.requiredAllOfOne.map((set) => set.map(label).join(" och ")).join(", eller ");
  return all.length === 1 ? all[0]! : `${all.slice(0, -1).join(", ")} och ${all[all.length - 1]}`;
}

/** Which kind a sheet is: by its headers first, its name second. Undefined when no kind's headers are complete. */
export function classifySheet(data: SheetData, mapping?: ColumnMapping): Recognition | undefined {
  // Specific kinds first: a forecast template also has Ansvar and Budget, a budget also has Ansvar.
  const order: SheetKind[] = [
    "costTypeForecast",
    "forecast",
    "actuals",
    "volumes",
    "measures",
    "investments",
    "explanations",
    "previousResult",
    "earlierYears",
    "accountPlan",
    "versions",
    "budget",
    "accountBudget",
    "hierarchy",
  ];
  const complete = order
    .map((k) => recogniseHeader(data, SPECS[k], mapping))
    .filter((r): r is Recognition => r?.complete === true);
  const name = normaliseHeader(data.sheet).key;
  return complete.find((r) => r.spec.sheetNames.some((n) => name === n)) ?? complete[0];
}
