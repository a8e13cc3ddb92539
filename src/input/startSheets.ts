/**
 * The sheets of a controller's first input workbook (`budgetkoll ny`, and Kom igång in the task pane): what each
 * holds, from a start plan (startWorkbook.ts) and what the export gave. Pure: the command line writes them with
 * exceljs, the task pane with Office.js (`startSheetLayout`); both get the same titles, lines, headers and rows.
 * Plain input sheets, not the add-in's own output: the controller fills them in and the reports read them.
 */
import { SIGN_CONVENTION_LABEL } from "../core/signs";
import type { CellValue } from "../cells";
import type { ColumnType, SheetLayout } from "../report/layout";
import { firstBodyRow } from "../report/layout";
import { ACTION_PLAN_TEMPLATE_HEADERS } from "../report/templates";
import type { Inferred, StartPlan } from "./startWorkbook";

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
  if (c.budgetMonths && c.budgetMonths.size > 0) {
    const months = c.budgetMonths;
    const codes = [...new Set([...c.leaves, ...months.keys()])].sort(byCode);
    sheets.push({
      name: "Budget",
      title: "Budget",
      lines: [
        "Periodbudgeten ur exporten (#PBUDGET), i kronor. Ett ansvar med tom Budget helår saknar budget: fyll i den.",
      ],
      columns: [text("Ansvar"), text("Benämning"), kr("Budget helår (kr)"), ...MONTH_HEADERS.map(kr)],
      rows: codes.map((code) => {
        const m = months.get(code);
        if (!m) return [code, name(code), null, ...new Array<CellValue>(12).fill(null)];
        return [code, name(code), round2(m.reduce((a, b) => a + b, 0)), ...m.map(round2)];
      }),
    });
  } else if (c.budgetYear && c.budgetYear.size > 0) {
    const year = c.budgetYear;
    const codes = [...new Set([...c.leaves, ...year.keys()])].sort(byCode);
    sheets.push({
      name: "Budget",
      title: "Budget",
      lines: [
        "Budgeten ur exportens budgetkolumn, summerad per ansvar, i kronor. Ett ansvar med tom Budget helår saknar budget: fyll i den.",
      ],
      columns: [text("Ansvar"), text("Benämning"), kr("Budget helår (kr)")],
      rows: codes.map((code) => [code, name(code), year.has(code) ? round2(year.get(code)!) : null]),
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
