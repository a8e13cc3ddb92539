/**
 * `budgetkoll ny <export>`: a controller's first input workbook, started from the ledger export alone (CSV or
 * SIE 4). What the export tells is filled in (ansvar and their names, the utfall, a SIE file's period budget and
 * last year's utfall); what it does not tell is left as a marked place to fill in (the budget, the hierarchy);
 * the settings are inferred (src/input/startWorkbook.ts) and each says how. Plain sheets, not the add-in's own
 * output sheets: the workbook is input, read by `rapport` as any controller's workbook.
 */
import type { CellValue } from "../cells";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import ExcelJS from "exceljs";
import { MONTH_NAMES_SV } from "../core/periods";
import { SIGN_CONVENTION_LABEL, type SignConvention } from "../core/signs";
import { normaliseHeader } from "../input/headers";
import { ExportColumns, startFromLedger, type ExportFacts } from "../input/startSheets";
import { inferMonth, startPlan, type StartPlan } from "../input/startWorkbook";
import type { LedgerStreamResult } from "../input/ledger";
import { streamLedgerSource } from "./ledgerFiles";
import { readCsvRecords } from "../workbook/csv/csvFile";
import type { CliOptions } from "./args";
import type { CliIO } from "./io";
import { sameFile } from "./output";
import { ledgerSheet } from "../input/ledger";

const GREY = { argb: "FF808080" };
const BOLD = { bold: true };

/** What `ny` read and wrote, for the terminal and the tests. */
export interface NewWorkbook {
  readonly plan: StartPlan;
  /** The sheets written, in order. */
  readonly sheets: readonly string[];
  /** Whether the Budget sheet holds the export's budget (SIE #PBUDGET) or is left to fill in. */
  readonly budgetFromExport: boolean;
  readonly ledger: LedgerStreamResult;
  /** Last month's workbook, when the sheets were carried over from it (`--fran`). */
  readonly carriedFrom?: string;
}

export type NewWorkbookOutcome =
  { readonly ok: true; readonly value: NewWorkbook } | { readonly ok: false; readonly problems: readonly string[] };

/** A CSV export's names, parents and budget of its ansvar codes, where it has such columns (a second, light pass). */
async function csvColumns(path: string): Promise<ExportFacts> {
  const columns = new ExportColumns();
  for await (const batch of readCsvRecords(path)) for (const row of batch.rows) columns.push(row);
  return columns.facts();
}

/** Add a sheet: a title, grey lines saying what to do, then the header row and the rows. */
function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  lines: readonly string[],
  header: readonly string[],
  rows: readonly (readonly CellValue[])[],
): void {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 13 };
  for (const l of lines) ws.addRow([l]).font = { italic: true, color: GREY };
  ws.addRow([]);
  ws.addRow([...header]).font = BOLD;
  for (const r of rows) ws.addRow([...r]);
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(12, Math.min(40, h.length + 4));
  });
  ws.views = [{ state: "frozen", ySplit: lines.length + 3 }];
}

/**
 * Read the export and write the workbook to `out` (a new file: the caller has checked it may). `year`/`month`
 * override the inferred ones, as --ar and --manad.
 */
export async function writeNewWorkbook(
  exportPath: string,
  out: string,
  options: {
    readonly year?: number;
    readonly month?: number;
    readonly dimension?: string;
    readonly sign?: SignConvention;
  } = {},
): Promise<NewWorkbookOutcome> {
  const ledger = await streamLedgerSource(exportPath, {
    accountTotals: true,
    ...(options.year ? { defaultYear: options.year } : {}),
    ...(options.dimension ? { dimension: options.dimension } : {}),
  });
  const sie = "sie" in ledger;
  const started = startFromLedger(ledger, basename(exportPath), sie ? {} : await csvColumns(exportPath), {
    ...(options.year ? { year: { value: options.year, how: "angivet med --ar" } } : {}),
    ...(options.month ? { month: { value: options.month, how: "angivet med --manad" } } : {}),
    ...(options.sign ? { signConvention: { value: options.sign, how: "angivet med --tecken" } } : {}),
    ...(options.dimension ? { dimension: options.dimension, dimensionHow: "med --dimension" } : {}),
    utfallNote: `Med --utfall ${basename(exportPath)} läses exporten i stället (med konton).`,
  });
  if (!started.ok) return started;
  const { plan, budgetFromExport } = started;
  const wb = new ExcelJS.Workbook();
  for (const s of started.sheets)
    addSheet(
      wb,
      s.name,
      s.title,
      s.lines,
      s.columns.map((c) => c.header),
      s.rows,
    );
  const sheets = started.sheets.map((s) => s.name);

  writeFileSync(out, new Uint8Array(await wb.xlsx.writeBuffer()));
  return { ok: true, value: { plan, sheets, budgetFromExport, ledger } };
}

/** The lines `ny` prints: what it inferred and what is left to do. */
export function newWorkbookText(w: NewWorkbook, out: string): string[] {
  const p = w.plan;
  if (w.carriedFrom) {
    return [
      `Arbetsboken ${out} skrevs från ${basename(w.carriedFrom)} med utfallet ur exporten; övriga blad följde med.`,
      `  År ${p.year.value}, månad ${p.month.value} ${MONTH_NAMES_SV[p.month.value - 1]} (${p.month.how}).`,
      "  Förra månadens Prognos är nu Prognos föregående: rapporten visar förändringen sedan dess. Lägg in enheternas nya prognoser på bladet Prognos.",
    ];
  }
  return [
    `Arbetsboken ${out} skrevs med bladen ${w.sheets.join(", ")}.`,
    `  År ${p.year.value} (${p.year.how}), månad ${p.month.value} ${MONTH_NAMES_SV[p.month.value - 1]} (${p.month.how}).`,
    `  Teckenkonvention: ${SIGN_CONVENTION_LABEL[p.signConvention.value]} (${p.signConvention.how}).`,
    `  ${p.costCentres.filter((c) => c.parent !== undefined || !p.unplaced).length} ansvar${p.unplaced ? ", alla under Ej placerade: placera dem under sina verksamheter på bladet Ansvar" : ""}.`,
    w.budgetFromExport
      ? "  Budgeten är exportens (#PBUDGET eller budgetkolumnen), på bladet Budget."
      : "  Budget saknas i exporten: fyll i Budget helår på bladet Budget.",
  ];
}

/** A sheet's rows as values (1-based columns dropped to 0-based). */
function sheetValues(ws: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (r, n) => {
    rows[n - 1] = (r.values as unknown[])
      .slice(1)
      .map((v) =>
        v === undefined
          ? null
          : typeof v === "object" && v !== null && "result" in v
            ? ((v as { result: CellValue }).result ?? null)
            : (v as CellValue),
      );
  });
  return Array.from(rows, (r) => r ?? []);
}

/**
 * Next month's workbook from last month's (`--fran`): every sheet carried over (hierarchy, budget, volumes,
 * åtgärder, settings) but the ledger, which is the export's; last month's Prognos becomes Prognos föregående
 * (the forecast history: the report shows the change since last month) and Prognos starts empty under the
 * same header; Månad is the export's and Föregående prognos last month's.
 */
export async function carryOverWorkbook(
  fromPath: string,
  exportPath: string,
  out: string,
  options: { readonly month?: number; readonly dimension?: string } = {},
): Promise<NewWorkbookOutcome> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fromPath);
  const find = (key: string): ExcelJS.Worksheet | undefined =>
    wb.worksheets.find((w) => normaliseHeader(w.name).key === key);
  const settingsSheet = find("installningar");
  const settingRow = (key: string): ExcelJS.Row | undefined => {
    let found: ExcelJS.Row | undefined;
    settingsSheet?.eachRow((r) => {
      if (!found && normaliseHeader(r.getCell(1).value).key === key) found = r;
    });
    return found;
  };
  const lastYear = Number(settingRow("ar")?.getCell(2).value);
  const lastMonth = Number(settingRow("manad")?.getCell(2).value);
  const convention: SignConvention = /negativ/i.test(String(settingRow("teckenkonvention")?.getCell(2).value ?? ""))
    ? "costNegative"
    : "costPositive";
  const ledger = await streamLedgerSource(exportPath, {
    ...(Number.isInteger(lastYear) ? { defaultYear: lastYear } : {}),
    ...(options.dimension ? { dimension: options.dimension } : {}),
  });
  if (ledger.errorCount > 0) {
    return {
      ok: false,
      problems: [
        `${basename(exportPath)}: ${ledger.errorCount} rader kunde inte läsas; ingen arbetsbok skrevs.`,
        ...ledger.errors.map((e) => `  ${e.cell ? `${e.sheet}!${e.cell}` : e.sheet}: ${e.message}`),
      ],
    };
  }
  const planned = startPlan({ actuals: ledger.actuals, ...(ledger.signsInternal ? { signsInternal: true } : {}) });
  if (!planned) return { ok: false, problems: [`${basename(exportPath)} har inga bokningar: ingen arbetsbok skrevs.`] };
  const year = Number.isInteger(lastYear) && lastYear > 0 ? lastYear : planned.year.value;
  const month = options.month ? { value: options.month, how: "angivet med --manad" } : inferMonth(ledger.actuals, year);
  if (!month)
    return {
      ok: false,
      problems: [
        `${basename(exportPath)} har inga bokningar under ${year}, året i ${basename(fromPath)}: ett nytt år startas med budgetkoll ny utan --fran.`,
      ],
    };
  if (!settingsSheet || !Number.isInteger(lastMonth))
    return {
      ok: false,
      problems: [
        `${basename(fromPath)} har inget blad Inställningar med År och Månad: förväntade förra månadens arbetsbok.`,
      ],
    };

  // The ledger: the export's, in place of last month's Utfall.
  const old = wb.worksheets.find((w) => /^utfall$/i.test(w.name.trim()));
  if (old) wb.removeWorksheet(old.id);
  const utfall = wb.addWorksheet("Utfall");
  for (const r of ledgerSheet("Utfall", ledger, convention).values)
    utfall.addRow(r.map((v, i) => (i === 2 && typeof v === "number" ? Math.round(v * 100) / 100 : v)));

  // The forecast history: last month's Prognos becomes Prognos föregående; Prognos starts again under its header.
  const forecast = find("prognos");
  if (forecast) {
    const previous = find("prognosforegaende");
    if (previous) wb.removeWorksheet(previous.id);
    const values = sheetValues(forecast);
    const header = values.findIndex((r) => r.some((v) => normaliseHeader(v).key === "ansvar"));
    forecast.name = "Prognos föregående";
    const fresh = wb.addWorksheet("Prognos");
    for (const r of values.slice(0, header + 1)) fresh.addRow(r);
  }

  settingRow("manad")!.getCell(2).value = month.value;
  settingRow("manad")!.getCell(3).value = `Från ${basename(exportPath)}: ${month.how}.`;
  const previousRow = settingRow("foregaendeprognos") ?? settingsSheet.addRow(["Föregående prognos"]);
  previousRow.getCell(2).value = lastMonth;

  writeFileSync(out, new Uint8Array(await wb.xlsx.writeBuffer()));
  const plan: StartPlan = { ...planned, year: { value: year, how: `från ${basename(fromPath)}` }, month };
  return {
    ok: true,
    value: { plan, sheets: wb.worksheets.map((w) => w.name), budgetFromExport: false, ledger, carriedFrom: fromPath },
  };
}

/** Where `ny` writes the workbook without --out. */
export const DEFAULT_WORKBOOK = "bok.xlsx";

/** The first report's file: beside the workbook, named after it. */
export function firstReportPath(workbook: string): string {
  return join(dirname(workbook), `${basename(workbook, extname(workbook))}-rapport.xlsx`);
}

/**
 * The command `ny`: write the workbook (never over an existing file without --skriv-over, never over the
 * export), then run the first report on it with the export as its ledger (`runReport`, the command line itself),
 * so its Kontroller say what is still missing, largest amount first. Returns the exit code.
 */
export async function newWorkbookCommand(
  options: CliOptions,
  io: CliIO,
  runReport: (argv: readonly string[]) => Promise<number>,
): Promise<number> {
  const exportPath = options.inputs[0]!;
  const out = options.out ?? DEFAULT_WORKBOOK;
  if (sameFile(out, exportPath)) {
    io.stderr(`--out ${out} är samma fil som exporten: välj en annan fil, t.ex. --out ${DEFAULT_WORKBOOK}.`);
    return 2;
  }
  if (existsSync(out) && options.overwrite !== true) {
    io.stderr(
      `--out ${out}: filen finns redan. Välj en annan fil, eller lägg till --skriv-over för att ersätta den med en ny arbetsbok (hela filen skrivs om).`,
    );
    return 2;
  }
  if (!options.quiet) io.stderr(`Läser ${basename(exportPath)} ...`);
  mkdirSync(dirname(out) || ".", { recursive: true });
  if (options.from !== undefined && !existsSync(options.from)) {
    io.stderr(`Filen ${options.from} finns inte (--fran: förra månadens arbetsbok).`);
    return 2;
  }
  if (options.from !== undefined && sameFile(out, options.from)) {
    io.stderr(
      `--out ${out} är samma fil som --fran ${options.from}: förra månadens arbetsbok skrivs aldrig över. Välj en annan fil med --out.`,
    );
    return 2;
  }
  const made =
    options.from !== undefined
      ? await carryOverWorkbook(options.from, exportPath, out, {
          ...(options.month ? { month: options.month } : {}),
          ...(options.dimension ? { dimension: options.dimension } : {}),
        })
      : await writeNewWorkbook(exportPath, out, {
          ...(options.year ? { year: options.year } : {}),
          ...(options.month ? { month: options.month } : {}),
          ...(options.dimension ? { dimension: options.dimension } : {}),
          ...(options.sign ? { sign: options.sign } : {}),
        });
  if (!made.ok) {
    for (const p of made.problems) io.stderr(p);
    return 2;
  }
  for (const line of newWorkbookText(made.value, out)) io.stderr(line);
  const report = firstReportPath(out);
  const argv = [
    "rapport",
    out,
    "--utfall",
    exportPath,
    "--out",
    report,
    ...(options.dimension ? ["--dimension", options.dimension] : []),
    ...(options.quiet ? ["--tyst"] : []),
    ...(options.json ? ["--json"] : []),
    ...(options.overwrite ? ["--skriv-over"] : []),
  ];
  io.stderr("");
  io.stderr(
    `Första rapporten (samma kommando nästa gång): budgetkoll ${argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}`,
  );
  return runReport(argv);
}
