/**
 * The sheets of a controller's first input workbook (`budgetkoll ny`, and Kom igång in the task pane): what each
 * holds, from a start plan (startWorkbook.ts) and what the export gave. Pure: the command line writes them with
 * exceljs, the task pane with Office.js (`startSheetLayout`); both get the same titles, lines, headers and rows.
 * Plain input sheets, not the add-in's own output: the controller fills them in and the reports read them.
 */
import { periodMonth, periodYear } from "../core/periods";
import { fromInternal, SIGN_CONVENTION_LABEL, type SignConvention } from "../core/signs";
import type { CellValue } from "../cells";
import type { ColumnType, SheetLayout } from "../report/layout";
import { firstBodyRow } from "../report/layout";
import { ACTION_PLAN_TEMPLATE_HEADERS } from "../report/templates";
import { normaliseHeader, SCAN_ROWS } from "./headers";
import { ledgerSheet, type LedgerStreamResult } from "./ledger";
import { costCentreKey, ledgerAmount } from "./sheetRows";
import type { SieLedgerResult } from "./sieLedger";
import { startPlan, type Inferred, type LedgerFacts, type StartPlan } from "./startWorkbook";

const MONTH_HEADERS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"];

export interface StartColumn {
  readonly header: string;
  /** The number format in the task pane (the command line writes numbers as they are). */
  readonly type: ColumnType;
}

/** A sheet: a title, grey lines saying what to do, then a header row and the rows under it. */
export interface StartSheet {
  readonly name: string;
  readonly title: string;
  readonly lines: readonly string[];
  readonly columns: readonly StartColumn[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** What the export gave besides the plan. */
export interface StartContent {
  readonly plan: StartPlan;
  /** The export's file name (for the lines saying where things came from). */
  readonly file: string;
  /** The ansvar with bookings, in code order. */
  readonly leaves: readonly string[];
  /** The export's budget per ansvar: twelve months in kronor (SIE #PBUDGET), in the kommun's convention. */
  readonly budgetMonths?: ReadonlyMap<string, readonly number[]>;
  /** The export's budget per ansvar for the year in kronor (a budget column), in the kommun's convention. */
  readonly budgetYear?: ReadonlyMap<string, number>;
  /** The Utfall sheet's header and rows; none when the ledger is a sheet of the workbook already. */
  readonly utfall?: { readonly header: readonly string[]; readonly rows: readonly (readonly CellValue[])[] };
  /** Last year's utfall (SIE #RAR -1), as `utfall`. */
  readonly previousYear?: { readonly header: readonly string[]; readonly rows: readonly (readonly CellValue[])[] };
  /** The ansvar dimension given by the user (SIE). */
  readonly dimension?: string;
  /** How the user gives the dimension (`--dimension` on the command line). */
  readonly dimensionHow?: string;
  /** A line under the Utfall sheet's title besides where it came from. */
  readonly utfallNote?: string;
  /** Whether the utfall's unit was named by the export. */
  readonly unitNamed: boolean;
}

const text = (header: string): StartColumn => ({ header, type: "text" });
const kr = (header: string): StartColumn => ({ header, type: "kr" });
const round2 = (x: number): number => Math.round(x * 100) / 100;
const byCode = (a: string, b: string): number => a.localeCompare(b, "sv", { numeric: true });
const inferredNote = (x: Inferred<unknown>): string => `Härlett: ${x.how}. Ändra om det inte stämmer.`;
const example = (t: string): string => `Exempel (skrivs på raderna under rubriken): ${t}`;

/** The input sheets, in order: Inställningar, Ansvar, Budget, Utfall (and Utfall fg år), Prognos, Volymer, Åtgärder. */
export function startSheets(c: StartContent): StartSheet[] {
  const { plan } = c;
  const sheets: StartSheet[] = [];
  const unit = c.unitNamed
    ? { value: "kr", how: "exportens belopp är i kronor" }
    : { value: "kr", how: "exportens belopp antas vara kronor (rubriken anger ingen enhet)" };
  sheets.push({
    name: "Inställningar",
    title: "Inställningar",
    lines: [`Startad från ${c.file}. Värdena är härledda ur exporten: kontrollera dem.`],
    columns: [text("Inställning"), text("Värde"), text("Varifrån")],
    rows: [
      ["År", plan.year.value, inferredNote(plan.year)],
      ["Månad", plan.month.value, inferredNote(plan.month)],
      ["Teckenkonvention", SIGN_CONVENTION_LABEL[plan.signConvention.value], inferredNote(plan.signConvention)],
      ["Utfall i", unit.value, inferredNote(unit)],
      ["Belopp i", "tkr", "Budget, prognoser och åtgärder skrivs i tkr där rubriken inte säger annat."],
      ...(c.dimension ? [["Ansvarsdimension", c.dimension, `angiven ${c.dimensionHow ?? ""}`.trim()]] : []),
    ],
  });

  sheets.push({
    name: "Ansvar",
    title: "Ansvar",
    lines: plan.unplaced
      ? [
          "Att göra: exporten säger inte vilken verksamhet varje ansvar hör till, så alla ligger under Ej placerade.",
          "Lägg till en rad per verksamhet (kod och benämning) och skriv verksamhetens kod i Överordnad för dess ansvar.",
        ]
      : [plan.hierarchyHow ?? "Hierarkin är läst ur exportens kolumn för överordnad nivå."],
    columns: [text("Ansvar"), text("Benämning"), text("Överordnad")],
    rows: plan.costCentres.map((cc) => [cc.code, cc.name, cc.parent ?? null]),
  });

  const nameOf = new Map(plan.costCentres.map((cc) => [cc.code, cc.name]));
  const name = (code: string): string => nameOf.get(code) ?? code;
  // Only the ansvar the export budgets: an empty Budget helår among filled ones is an error to the reader, and an
  // ansvar without budget is listed in the first report's Kontroller with its utfall.
  const unbudgeted = (budgeted: ReadonlySet<string>): string => {
    const n = c.leaves.filter((code) => !budgeted.has(code)).length;
    return n === 0
      ? "Alla ansvar med utfall har budget i exporten."
      : `${n} ansvar med utfall har ingen budget i exporten: lägg till dem här (Kontroller i rapporten listar dem).`;
  };
  if (c.budgetMonths && c.budgetMonths.size > 0) {
    const months = c.budgetMonths;
    sheets.push({
      name: "Budget",
      title: "Budget",
      lines: ["Periodbudgeten ur exporten (#PBUDGET), i kronor.", unbudgeted(new Set(months.keys()))],
      columns: [text("Ansvar"), text("Benämning"), kr("Budget helår (kr)"), ...MONTH_HEADERS.map(kr)],
      rows: [...months.keys()].sort(byCode).map((code) => {
        const m = months.get(code)!;
        return [code, name(code), round2(m.reduce((a, b) => a + b, 0)), ...m.map(round2)];
      }),
    });
  } else if (c.budgetYear && c.budgetYear.size > 0) {
    const year = c.budgetYear;
    sheets.push({
      name: "Budget",
      title: "Budget",
      lines: [
        "Budgeten ur exportens budgetkolumn, summerad per ansvar över exportens rader, i kronor.",
        unbudgeted(new Set(year.keys())),
      ],
      columns: [text("Ansvar"), text("Benämning"), kr("Budget helår (kr)")],
      rows: [...year.keys()].sort(byCode).map((code) => [code, name(code), round2(year.get(code)!)]),
    });
  } else {
    sheets.push({
      name: "Budget",
      title: "Budget",
      lines: [
        "Att fylla i: exporten har ingen budget. Skriv varje ansvars Budget helår i tkr (i teckenkonventionen på bladet Inställningar).",
        "Så länge bladet är tomt räknas budgeten som saknad och körningens Kontroller säger hur mycket utfall som saknar budget.",
      ],
      columns: [text("Ansvar"), text("Benämning"), { header: "Budget helår (tkr)", type: "tkrEntered" }],
      rows: c.leaves.map((code) => [code, name(code), null]),
    });
  }

  const ledgerColumns = (header: readonly string[]): StartColumn[] =>
    header.map((h, i) => (i === header.length - 1 ? kr(h) : text(h)));
  if (c.utfall)
    sheets.push({
      name: "Utfall",
      title: "Utfall",
      lines: [`Utfallet ur ${c.file}, summerat per ansvar och period.${c.utfallNote ? ` ${c.utfallNote}` : ""}`],
      columns: ledgerColumns(c.utfall.header),
      rows: c.utfall.rows,
    });
  if (c.previousYear)
    sheets.push({
      name: "Utfall fg år",
      title: "Utfall föregående år",
      lines: ["Fjolårets utfall ur exporten (#RAR -1)."],
      columns: ledgerColumns(c.previousYear.header),
      rows: c.previousYear.rows,
    });

  sheets.push({
    name: "Prognos",
    title: "Prognos",
    lines: [
      "Enheternas helårsprognoser i tkr, en rad per ansvar. Ett ansvar utan rad får en föreslagen prognos.",
      example("441 | 12 500 | Fler hemtjänsttimmar än budgeterat"),
    ],
    columns: [text("Ansvar"), { header: "Prognos helår (tkr)", type: "tkrEntered" }, text("Kommentar")],
    rows: [],
  });
  sheets.push({
    name: "Volymer",
    title: "Volymer",
    lines: [
      "Volymbaserad budget per verksamhet.",
      example("Hemtjänst | Hemtjänsttimmar | timmar | 120 000 | 450 | 0 | 82 000 | 36 900"),
    ],
    columns: [
      text("Verksamhet"),
      text("Volymmått"),
      text("Enhet"),
      { header: "Budgeterad volym", type: "volume" },
      { header: "Á-pris (kr)", type: "unitPrice" },
      { header: "Fast del (tkr)", type: "tkrEntered" },
      { header: "Utfall volym", type: "volume" },
      { header: "Kostnad t.o.m. period (tkr)", type: "tkrEntered" },
      text("Roll"),
      text("Motpart"),
    ],
    rows: [],
  });
  sheets.push({
    name: "Åtgärder",
    title: "Åtgärder",
    lines: [
      "Åtgärdsplanen för budget i balans.",
      example("1 | 44 | Minska bemanningen nattetid | Enhetschef | Påbörjad | 800 | 300 | 700 | nej"),
    ],
    columns: ACTION_PLAN_TEMPLATE_HEADERS.map(text),
    rows: [],
  });
  return sheets;
}

/** Letters and digits of a sheet name for its table's name ("Åtgärder" → "Atgarder"). */
const tablePart = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 40);

/**
 * A start sheet as the task pane writes it: the title, the lines under it, the table (named Indata_<sheet>) at the
 * row the command line puts its header. An empty table gets one blank row (Excel keeps one under the header).
 */
export function startSheetLayout(s: StartSheet): SheetLayout {
  const headerRow = firstBodyRow(s.lines);
  const rows = s.rows.length > 0 ? s.rows : [s.columns.map((): CellValue => null)];
  return {
    name: s.name,
    title: s.title,
    meta: s.lines,
    tables: [
      {
        name: `Indata_${tablePart(s.name)}`,
        headerRow,
        firstColumn: 0,
        columns: s.columns.map((col, i) => ({
          id: `c${i}`,
          header: col.header,
          type: col.type,
          ...(col.type === "text" ? {} : { input: true }),
        })),
        rows: rows.map((r) => ({ kind: "data", level: 0, cells: r.map((value) => ({ value })) })),
      },
    ],
    notes: [],
    freeze: { rows: headerRow + 1, columns: 0 },
  };
}

/** The headers (normalised) of an export's name, parent and budget columns, beside its ansvar column. */
const NAME_KEYS = new Set(["ansvartext", "ansvarstext", "ansvarsnamn", "ansvarsbenamning", "benamning"]);
const PARENT_KEYS = new Set(["overordnad", "overordnat", "overordnadansvar"]);
const BUDGET_KEYS = new Set(["budget", "budgetbelopp", "arsbudget", "budgethelar", "budgetkr"]);
const COST_CENTRE_KEYS = new Set([
  "ansvar",
  "ansvarskod",
  "ansvarsnr",
  "ansvarsnummer",
  "kostnadsstalle",
  "kst",
  "costcentre",
  "costcenter",
  "ansvarsenhet",
  "avdelning",
]);

/** What an export's columns beside the ledger's tell: names, parents and a budget per ansvar. */
export interface ExportFacts extends Pick<LedgerFacts, "names" | "parents"> {
  /** The budget column summed per ansvar over the export's rows, kronor as written. */
  readonly budgetYear?: ReadonlyMap<string, number>;
}

const cellText = (v: CellValue | undefined): string | undefined => {
  const t = v === null || v === undefined ? "" : String(v).trim();
  return t === "" ? undefined : t;
};

/**
 * An export's name, parent and budget columns, read row by row beside the ledger's aggregation (a CSV's rows, a
 * ledger sheet's): the header is the first row among the first rows with an ansvar column.
 */
export class ExportColumns {
  private columns: { code: number; name?: number; parent?: number; budget?: number } | undefined;
  private seen = 0;
  private done = false;
  private readonly names = new Map<string, string>();
  private readonly parents = new Map<string, string>();
  private readonly budget = new Map<string, number>();

  push(row: readonly CellValue[]): void {
    if (this.done) return;
    const c = this.columns;
    if (!c) {
      const keys = row.map((h) => normaliseHeader(h).key);
      const code = keys.findIndex((k) => COST_CENTRE_KEYS.has(k));
      if (code >= 0) {
        const at = (set: Set<string>): number | undefined => {
          const i = keys.findIndex((k) => set.has(k));
          return i >= 0 ? i : undefined;
        };
        const found = { code, name: at(NAME_KEYS), parent: at(PARENT_KEYS), budget: at(BUDGET_KEYS) };
        this.columns = found;
        this.done = found.name === undefined && found.parent === undefined && found.budget === undefined;
      } else if (++this.seen > SCAN_ROWS) this.done = true;
      return;
    }
    const code = costCentreKey(cellText(row[c.code]));
    if (!code) return;
    const name = c.name === undefined ? undefined : cellText(row[c.name]);
    const parent = c.parent === undefined ? undefined : cellText(row[c.parent]);
    if (name && !this.names.has(code)) this.names.set(code, name);
    if (parent && !this.parents.has(code)) this.parents.set(code, parent);
    if (c.budget !== undefined) {
      const amount = ledgerAmount(row[c.budget] ?? null, "kr");
      if (amount.kind === "value") this.budget.set(code, (this.budget.get(code) ?? 0) + amount.value);
    }
  }

  facts(): ExportFacts {
    return {
      ...(this.names.size > 0 ? { names: this.names } : {}),
      ...(this.parents.size > 0 ? { parents: this.parents } : {}),
      ...(this.budget.size > 0 ? { budgetYear: this.budget } : {}),
    };
  }
}

/** A SIE file's names of the ansvar dimension's objects (`#OBJEKT`). */
export function sieNames(ledger: SieLedgerResult): Map<string, string> {
  const dimension = ledger.sie.costCentreDimension?.split(" ")[0] ?? "1";
  return new Map(ledger.sie.objects.get(dimension) ?? []);
}

/** A SIE file's period budget per ansvar as twelve months, in the kommun's convention, to the öre. */
export function budgetByMonth(
  budget: LedgerStreamResult,
  year: number,
  convention: SignConvention,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const b of budget.actuals) {
    if (periodYear(b.period) !== year) continue;
    const months = out.get(b.costCentre) ?? new Array<number>(12).fill(0);
    months[periodMonth(b.period) - 1]! += fromInternal(b.amount, convention);
    out.set(b.costCentre, months);
  }
  for (const months of out.values()) for (let i = 0; i < 12; i++) months[i] = round2(months[i]!);
  return out;
}

/** What the user set instead of what the export tells (the command line's --ar, --manad, --tecken). */
export interface StartOverrides {
  readonly year?: Inferred<number>;
  readonly month?: Inferred<number>;
  readonly signConvention?: Inferred<SignConvention>;
  readonly dimension?: string;
  readonly dimensionHow?: string;
  readonly utfallNote?: string;
  /** Leave out the Utfall sheet: the ledger is a sheet of the workbook already. */
  readonly withoutUtfall?: boolean;
}

export type StartOutcome =
  | {
      readonly ok: true;
      readonly plan: StartPlan;
      readonly sheets: readonly StartSheet[];
      /** Whether the Budget sheet holds the export's budget (SIE #PBUDGET, a budget column). */
      readonly budgetFromExport: boolean;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The start of a workbook from a ledger read by the ledger path (a CSV's or a sheet's rows aggregated, a SIE
 * file): the plan inferred from it, and the sheets. Nothing when the ledger has rows that could not be read, or
 * no booking at all: the problems say so.
 */
export function startFromLedger(
  ledger: LedgerStreamResult | SieLedgerResult,
  file: string,
  columns: ExportFacts,
  o: StartOverrides = {},
): StartOutcome {
  if (ledger.errorCount > 0)
    return {
      ok: false,
      problems: [
        `${file}: ${ledger.errorCount} rader kunde inte läsas; ingen arbetsbok skrevs.`,
        ...ledger.errors.map((e) => `  ${e.cell ? `${e.sheet}!${e.cell}` : e.sheet}: ${e.message}`),
      ],
    };
  const sie = "sie" in ledger ? ledger : undefined;
  const planned = startPlan({
    actuals: ledger.actuals,
    ...(ledger.accountTotals ? { accountTotals: ledger.accountTotals } : {}),
    ...(ledger.signsInternal ? { signsInternal: true } : {}),
    ...(sie?.sie.years.get(0) ? { yearStart: sie.sie.years.get(0)!.start } : {}),
    ...(sie ? { names: sieNames(sie) } : {}),
    ...(columns.names ? { names: columns.names } : {}),
    ...(columns.parents ? { parents: columns.parents } : {}),
  });
  if (!planned)
    return {
      ok: false,
      problems: [
        `${file} har inga bokningar: ingen arbetsbok skrevs. Kontrollera att utdraget ur ekonomisystemet kom med.`,
      ],
    };
  const plan: StartPlan = {
    ...planned,
    ...(o.year ? { year: o.year } : {}),
    ...(o.month ? { month: o.month } : {}),
    ...(o.signConvention ? { signConvention: o.signConvention } : {}),
  };
  const convention = plan.signConvention.value;
  const round = (rows: readonly (readonly CellValue[])[]): CellValue[][] =>
    rows.map((r) => r.map((v, i) => (i === 2 && typeof v === "number" ? round2(v) : v)));
  const sheetOf = (l: LedgerStreamResult, name: string) => {
    const values = ledgerSheet(name, l, convention).values;
    return { header: values[0]!.map(String), rows: round(values.slice(1)) };
  };
  const leaves = [...new Set(ledger.actuals.map((a) => a.costCentre))].sort(byCode);
  const budgetMonths = sie?.budget ? budgetByMonth(sie.budget, plan.year.value, convention) : undefined;
  const sheets = startSheets({
    plan,
    file,
    leaves,
    ...(budgetMonths && budgetMonths.size > 0 ? { budgetMonths } : {}),
    ...(columns.budgetYear ? { budgetYear: columns.budgetYear } : {}),
    ...(o.withoutUtfall ? {} : { utfall: sheetOf(ledger, "Utfall") }),
    ...(o.utfallNote ? { utfallNote: o.utfallNote } : {}),
    ...(sie?.previousYear ? { previousYear: sheetOf(sie.previousYear, "Utfall fg år") } : {}),
    ...(o.dimension ? { dimension: o.dimension, dimensionHow: o.dimensionHow ?? "" } : {}),
    unitNamed: ledger.unit !== undefined || sie !== undefined,
  });
  return {
    ok: true,
    plan,
    sheets,
    budgetFromExport: (budgetMonths !== undefined && budgetMonths.size > 0) || (columns.budgetYear?.size ?? 0) > 0,
  };
}
