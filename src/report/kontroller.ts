/**
 * Kontroller: every warning of a run in one list, the largest amount at stake first. The same list is printed at
 * the top of the command line's output, written as the sheet Kontroller (each line linking to its cell) and shown
 * in the task pane after a run; this module ranks and words it, for all three.
 */
import { cellAddress } from "../cells";
import { formatTkr } from "../core/amounts";
import type { PrognosisFlag, PrognosisResult, PrognosisRow } from "../core/prognosis";
import { columnIndex, firstBodyRow, type ReportColumn, type ReportRow, type SheetLayout } from "./layout";
import type { SignConvention } from "../core/signs";
import { metaLines, shownSumNote, type ReportMeta } from "./meta";
import {
  FLAG_EXPLANATION,
  FLAG_LABEL,
  PROGNOSIS_COLUMNS,
  PROGNOSIS_SHEET,
  prognosisColumns,
  roundingFindings,
  shownTkr,
} from "./prognosisSheet";

export const KONTROLLER_SHEET = "Kontroller";
export const KONTROLLER_TABLE = "Budgetkoll_Kontroller";

/**
 * One thing to check: a warning of a read (an `InputError` is one), a check of a report sheet that does not hold,
 * a rounding gap shown, a template not returned. Where it is, what it is, and the money at stake.
 */
export interface Check {
  /** The file, when the warning is about another file than the workbook (a returned template). */
  readonly file?: string;
  readonly sheet: string;
  /** A1 address of the cell at fault; undefined when the whole sheet is. */
  readonly cell?: string;
  /** What is wrong and what was expected, in Swedish. */
  readonly message: string;
  /** The money at stake in kronor (absolute); undefined when no amount is concerned: ranked after every amount. */
  readonly amount?: number;
  /** The sheet is one of the report's own (a check on a written sheet), not one of the input workbook. */
  readonly inReport?: boolean;
  /**
   * Shown, not a fault, so `Strikt` does not stop on it: a shown sum that differs from its shown parts by rounding
   * (domain: show it, never hide it), last year's ledger rows after its month of follow-up (the resultaträkning's
   * column leaves them out; the prognosis uses them).
   */
  readonly info?: boolean;
}

/** `Blad "Utfall", cell D7` (with `Fil "x.xlsx", blad ...` when a file is named): how every list names a place. */
export function checkPlace(c: Pick<Check, "file" | "sheet" | "cell">): string {
  // A whole file (a template that could not be read) has no sheet.
  const where =
    c.file === undefined
      ? `Blad "${c.sheet}"`
      : c.sheet === ""
        ? `Fil "${c.file}"`
        : `Fil "${c.file}", blad "${c.sheet}"`;
  return c.cell ? `${where}, cell ${c.cell}` : where;
}

/** `Blad "Utfall", cell D7: "abc" är inte ett belopp ...`. */
export function checkText(c: Check): string {
  return `${checkPlace(c)}: ${c.message}`;
}

/** `1 234 tkr`, the amount at stake in the report's unit; undefined without an amount. */
export function checkAmountText(c: Check): string | undefined {
  return c.amount === undefined ? undefined : `${formatTkr(Math.abs(c.amount))} tkr`;
}

/** A line of the terminal's list: `  1 234 tkr  Blad "Utfall", cell D7: ...`. */
export function checkLine(c: Check): string {
  const amount = checkAmountText(c);
  return amount === undefined ? checkText(c) : `${amount}: ${checkText(c)}`;
}

/**
 * The list as shown everywhere: each warning once (the same message on the same cell from two readers of one sheet),
 * the largest amount at stake first, those without an amount last; otherwise in the order the run found them.
 */
export function rankChecks<C extends Check>(checks: readonly C[]): C[] {
  const seen = new Set<string>();
  const unique = checks.filter((c) => {
    const key = `${c.file ?? ""}|${c.sheet}|${c.cell ?? ""}|${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const money = (c: Check): number => (c.amount === undefined || !Number.isFinite(c.amount) ? -1 : Math.abs(c.amount));
  return unique
    .map((c, i) => ({ c, i }))
    .sort((a, b) => money(b.c) - money(a.c) || a.i - b.i)
    .map(({ c }) => c);
}

/** The checks that `Strikt` turns into errors: every warning, not what is only shown (`info`: rounding gaps). */
export function faults<C extends Check>(checks: readonly C[]): C[] {
  return checks.filter((c) => !c.info);
}

/** The heading over the list: "Att kontrollera (3), störst belopp först:". */
export function checksHeading(count: number): string {
  return `Att kontrollera (${count}), störst belopp först:`;
}

/** A text inside an Excel string literal. */
const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;
/** A sheet name as a formula names it: 'Prognos föregående'. */
const sheetRef = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;

/**
 * Where a check's cell is, as a HYPERLINK target: `#'Utfall'!D7` in the same workbook (the task pane writes into
 * the input workbook; a check on a report sheet is in the report), `bok.xlsx#'Utfall'!D7` in the input workbook
 * `inputFile` (its path relative to the report: the command line writes the report as a file of its own).
 */
export function checkLink(c: Check, inputFile: string | undefined): string | undefined {
  if (!c.cell) return undefined;
  const file = c.inReport ? undefined : (c.file ?? inputFile);
  return `${file ?? ""}#${sheetRef(c.sheet)}!${c.cell}`;
}

const COLUMNS: readonly ReportColumn[] = [
  { id: "rank", header: "Nr", type: "integer", width: 5 },
  { id: "amount", header: "Belopp", type: "tkr", width: 13 },
  { id: "sheet", header: "Blad", type: "text", width: 24 },
  { id: "cell", header: "Cell", type: "text", width: 9 },
  { id: "message", header: "Att kontrollera", type: "text", width: 100, wrap: true },
];

export interface KontrollerOptions {
  /** The input workbook's path relative to the report, when the report is a file of its own (the command line). */
  readonly inputFile?: string;
}

/**
 * The sheet Kontroller: every check of the run, ranked, with its amount in tkr and a link to its cell (in the
 * input workbook, or in the report for a check on one of its sheets).
 */
export function buildKontrollerSheet(
  checks: readonly Check[],
  meta: ReportMeta,
  options: KontrollerOptions = {},
): SheetLayout {
  const ranked = rankChecks(checks);
  const lines = metaLines(meta);
  const headerRow = firstBodyRow(lines);
  const info = ranked.filter((c) => c.info).length;
  const title = `Kontroller: ${ranked.length === 0 ? "inget att kontrollera" : `${ranked.length} att kontrollera, störst belopp först`}`;
  if (ranked.length === 0) {
    return {
      name: KONTROLLER_SHEET,
      title,
      meta: lines,
      tables: [],
      notes: [{ row: headerRow, text: "Körningen gav inga varningar: varje rad i indata finns i rapportens belopp." }],
    };
  }
  const rows: ReportRow[] = ranked.map((c, i) => {
    const link = checkLink(c, options.inputFile);
    return {
      kind: "data",
      level: 0,
      cells: [
        { value: i + 1 },
        { value: c.amount === undefined ? null : Math.abs(c.amount) },
        { value: c.file === undefined ? c.sheet : `${c.file}: ${c.sheet}` },
        link === undefined
          ? { value: c.cell ?? null }
          : { value: c.cell!, formula: `HYPERLINK(${quoted(link)},${quoted(c.cell!)})` },
        { value: c.message },
      ],
    };
  });
  const below = headerRow + rows.length + 2;
  const notes = [
    {
      row: below,
      text:
        `${ranked.length - info} ${ranked.length - info === 1 ? "varning" : "varningar"}` +
        (info > 0
          ? ` och ${info} ${info === 1 ? "upplysning" : "upplysningar"} (avrundningsdifferenser och liknande, som inte stoppar en körning med Strikt)`
          : "") +
        `. Cellen länkar till platsen${options.inputFile ? ` (i ${options.inputFile} när den är i indata)` : ""}. Med inställningen Strikt stoppar varningarna körningen.`,
    },
  ];
  return {
    name: KONTROLLER_SHEET,
    title,
    meta: lines,
    tables: [{ name: KONTROLLER_TABLE, headerRow, firstColumn: 0, columns: COLUMNS, rows }],
    notes,
    freeze: { rows: headerRow + 1, columns: 0 },
  };
}

/** The flags of the prognosis that are things to check, and the money at stake on the row: what depends on them. */
const CHECKED_FLAGS: Partial<Record<PrognosisFlag, (r: PrognosisRow) => number>> = {
  // An unknown ansvar is not here: the readers name its first cell, rows and money (src/input/keys.ts).
  // No budget row: the whole forecast is a variance.
  noBudget: (r) => Math.max(Math.abs(r.actual), Math.abs(r.forecast)),
  // Budget but nothing booked: the budget to date that has no utfall against it.
  noActual: (r) => Math.abs(r.phasedBudget),
  // A forecast entered far from the proposal without a word: the distance.
  uncommentedDeviation: (r) => Math.abs(r.forecast - r.proposedForecast),
};

/**
 * The prognosis's own checks: each flagged row (no budget, no utfall, an uncommented deviation) named
 * by its Flaggor cell on the prognosis sheet, the reconciliation when it does not hold, and the shown sums that differ
 * from their shown parts by rounding. `layout` is the prognosis sheet, for the cells; amounts in the user's convention.
 */
export function prognosisChecks(
  result: PrognosisResult,
  layout: SheetLayout,
  convention: SignConvention = "costPositive",
): Check[] {
  const table = layout.tables[0];
  const col = columnIndex(PROGNOSIS_COLUMNS);
  const cellOf = (r: PrognosisRow): string | undefined => {
    if (!table) return undefined;
    const i = table.rows.findIndex(
      (row) =>
        row.kind === "data" &&
        row.cells[col("code")]?.value === (r.code ?? null) &&
        String(row.cells[col("name")]?.value ?? "").startsWith(r.name) &&
        row.cells[col("flags")]?.value !== null,
    );
    return i < 0 ? undefined : cellAddress(table.headerRow + 1 + i, col("flags"));
  };
  const checks: Check[] = [];
  for (const r of result.rows) {
    // An unknown ansvar has no budget by definition: the reader's warning names it.
    const flags = r.flags.filter(
      (f) => CHECKED_FLAGS[f] !== undefined && !(f === "noBudget" && r.flags.includes("unknownCostCentre")),
    );
    for (const f of flags) {
      const cell = cellOf(r);
      const label = r.code && !r.name.includes(r.code) ? `${r.code} ${r.name}` : r.name;
      checks.push({
        sheet: PROGNOSIS_SHEET,
        ...(cell ? { cell } : {}),
        message: `${FLAG_LABEL[f]}: ${label} (utfall ${shownTkr(r.actual, convention)} tkr, budget ${shownTkr(r.annualBudget, convention)} tkr, prognos ${shownTkr(r.forecast, convention)} tkr): ${FLAG_EXPLANATION[f]}`,
        amount: CHECKED_FLAGS[f]!(r),
        inReport: true,
      });
    }
  }
  const rec = result.reconciliation;
  const actualGap = Math.max(
    Math.abs(rec.amountRead - rec.amountOutsidePeriod - result.total.actual),
    Math.abs(rec.unexplained),
  );
  const budgetGap = Math.abs(rec.budgetRead - rec.budgetInReport);
  if (actualGap >= 0.5 || budgetGap >= 0.5) {
    checks.push({
      sheet: PROGNOSIS_SHEET,
      message: `avstämningen under tabellen håller inte: ${actualGap >= 0.5 ? `utfall ${formatTkr(actualGap)} tkr` : ""}${actualGap >= 0.5 && budgetGap >= 0.5 ? " och " : ""}${budgetGap >= 0.5 ? `budget ${formatTkr(budgetGap)} tkr` : ""} i indata saknas i rapporten.`,
      amount: Math.max(actualGap, budgetGap),
      inReport: true,
    });
  }
  if (rec.rowsOutsidePeriod > 0) {
    checks.push({
      sheet: PROGNOSIS_SHEET,
      message: `${rec.rowsOutsidePeriod} ${rec.rowsOutsidePeriod === 1 ? "rad" : "rader"} utfall ligger utanför perioden (${shownTkr(rec.amountOutsidePeriod, convention)} tkr) och ingår inte i utfallet t.o.m. ${result.month}/${result.year}.`,
      amount: Math.abs(rec.amountOutsidePeriod),
      inReport: true,
    });
  }
  // Missing is not zero: without a previous-year outcome the column is blank, and the note says why.
  const lastYearMissing = result.rows.filter((r) => r.isLeaf && r.actualLastYear === undefined);
  if (lastYearMissing.length > 0) {
    const header = prognosisColumns(result.yearEnd)[col("actualLastYear")]!.header;
    checks.push({
      sheet: PROGNOSIS_SHEET,
      ...(table ? { cell: cellAddress(table.headerRow, col("actualLastYear")) } : {}),
      message:
        result.total.actualLastYear === undefined
          ? `föregående års utfall (${result.year - 1}) saknas i indata: kolumnen "${header}" visar "-", inte 0.`
          : `föregående års utfall (${result.year - 1}) saknas för ${lastYearMissing.length} ansvar: deras rader i kolumnen "${header}" visar "-", inte 0, och summorna gäller ansvaren som har utfall.`,
      inReport: true,
      info: true,
    });
  }
  for (const f of roundingFindings(result, convention))
    checks.push({
      sheet: PROGNOSIS_SHEET,
      message: shownSumNote(f),
      amount: Math.abs(f.difference) * 1000,
      inReport: true,
      ...(f.severity === "rounding" ? { info: true } : {}),
    });
  return checks;
}

/**
 * The templates sent out that have not come back: each ansvar's (its budget is what its forecast decides over; its
 * forecast is the method's proposal meanwhile), and the volume and åtgärd templates by the file or sheet they went as.
 */
export function missingTemplateChecks(
  missing: readonly { readonly label: string; readonly budget: number }[],
  missingSheets: readonly string[],
): Check[] {
  return [
    ...missing.map((m): Check => ({
      sheet: PROGNOSIS_SHEET,
      message: `mallen för ${m.label} har inte kommit in: prognosen är metodens förslag, inte enhetens (budget ${formatTkr(m.budget)} tkr).`,
      amount: Math.abs(m.budget),
      inReport: true,
    })),
    ...missingSheets.map((s): Check => ({
      sheet: PROGNOSIS_SHEET,
      message: `${s} har inte kommit in.`,
      inReport: true,
    })),
  ];
}
