/**
 * Kom igång: the controller's input sheets started on the open workbook, from its ledger sheet or from a ledger
 * file the user picks (CSV, or SIE 4: .se/.si/.sie), as `budgetkoll ny` starts a workbook file. The file is read
 * in the browser by the same ledger path as on the command line (src/input/ledger.ts, sieLedger.ts, startSheets.ts):
 * only the bytes come differently. Sheets that exist are never touched, whoever wrote them: they are named and
 * left. Then the first report runs, and its Kontroller say what is still missing.
 */
import type { CellValue } from "../cells";
import { DEFAULT_SETTINGS, readSettingsSheet } from "../input/settings";
import { ledgerOfSheets, LedgerAggregator, type LedgerStreamOptions, type LedgerStreamResult } from "../input/ledger";
import { SieLedger, type SieLedgerResult } from "../input/sieLedger";
import { ExportColumns, startFromLedger, startSheetLayout, type ExportFacts } from "../input/startSheets";
import { MONTH_NAMES_SV } from "../core/periods";
import { SIGN_CONVENTION_LABEL } from "../core/signs";
import { CsvParser, pickEncoding } from "../workbook/csvParser";
import { decodeSieBytes } from "../workbook/sieText";
import type { WorkbookReader } from "../workbook/types";
import { runJob, type AskEdited, type JobHost, type JobOutcome, type Progress, type Settings } from "./jobs";

/** Where the ledger comes from: a sheet of the open workbook, or a file the user picked. */
export type StartSource =
  { readonly kind: "workbook" } | { readonly kind: "file"; readonly name: string; readonly bytes: Uint8Array };

const SIE_NAME = /\.(se|si|sie)$/i;
const OPTIONS: LedgerStreamOptions = { accountTotals: true };

/** A SIE file by its name, or by its content (#FLAGGA or #SIETYP among its first records), as on the command line. */
function isSie(name: string, bytes: Uint8Array): boolean {
  if (SIE_NAME.test(name)) return true;
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096)).replace(/^\ufeff|^\xef\xbb\xbf/, "");
  return /^\s*#[A-Z]+/.test(head) && /^[ \t]*#(FLAGGA|SIETYP)\b/m.test(head);
}

function readSie(name: string, bytes: Uint8Array): SieLedgerResult {
  const { text, choice } = decodeSieBytes(bytes);
  const ledger = new SieLedger(name, OPTIONS);
  text.split("\n").forEach((line, i) => ledger.push(line, i + 1));
  return ledger.result(choice);
}

function readCsv(name: string, bytes: Uint8Array): { ledger: LedgerStreamResult; columns: ExportFacts } {
  const text = new TextDecoder(pickEncoding(bytes.subarray(0, 1 << 16))).decode(bytes);
  const parser = new CsvParser();
  const agg = new LedgerAggregator(name, OPTIONS);
  const columns = new ExportColumns();
  let r = 0;
  for (const row of [...parser.push(text), ...parser.end()]) {
    agg.push(row, r++);
    columns.push(row);
  }
  for (const p of parser.takeProblems()) agg.fileError(p.line, p.message);
  return { ledger: agg.result(), columns: columns.facts() };
}

/** The workbook's ledger sheet (the first whose header is a ledger's), with its name, parent and budget columns. */
async function readWorkbook(reader: WorkbookReader): Promise<{ ledger: LedgerStreamResult; columns: ExportFacts }> {
  const names = await reader.sheetNames();
  const rowsOf = new Map<string, readonly (readonly CellValue[])[]>();
  const ledger = await ledgerOfSheets(
    "arbetsboken",
    async (visit) => {
      for (const name of names) {
        const push = visit(name);
        if (!push) continue;
        const data = await reader.readSheet(name);
        rowsOf.set(name, data.values);
        for (let r = 0; r < data.values.length; r++) if (!push([...data.values[r]!], data.origin.row + r)) break;
      }
    },
    OPTIONS,
  );
  const columns = new ExportColumns();
  for (const row of rowsOf.get(ledger.sheet) ?? []) columns.push(row);
  return { ledger, columns: columns.facts() };
}

/**
 * Starts the input sheets and runs the first report. The outcome is the report's, with lines first saying what
 * was inferred, which sheets were made and which were there already.
 */
export async function startWorkbook(
  host: JobHost,
  source: StartSource,
  progress: Progress = () => {},
  ask?: AskEdited,
): Promise<JobOutcome> {
  progress("read");
  const file = source.kind === "file" ? source.name : "arbetsboken";
  const read =
    source.kind === "workbook"
      ? await readWorkbook(host.reader)
      : isSie(source.name, source.bytes)
        ? { ledger: readSie(source.name, source.bytes), columns: {} }
        : readCsv(source.name, source.bytes);
  const started = startFromLedger(read.ledger, source.kind === "file" ? source.name : read.ledger.sheet, read.columns, {
    withoutUtfall: source.kind === "workbook",
  });
  if (!started.ok) {
    const [first, ...rest] = started.problems;
    return {
      ok: false,
      errors: [{ sheet: file, message: [first, ...rest.map((p) => p.trim())].join(" ") }],
      warnings: [],
      checks: [],
      recognised: [],
      written: [],
    };
  }
  const existing = new Set((await host.reader.sheetNames()).map((n) => n.toLowerCase()));
  const made = started.sheets.filter((s) => !existing.has(s.name.toLowerCase()));
  const left = started.sheets.filter((s) => existing.has(s.name.toLowerCase())).map((s) => s.name);
  progress("write");
  if (made.length > 0) await host.writer.writeSheets(made.map(startSheetLayout), { onEdited: "fail", plain: true });

  // The first report on the workbook as it now is, with the settings of its sheet Inställningar.
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    year: started.plan.year.value,
    month: started.plan.month.value,
    signConvention: started.plan.signConvention.value,
    ...(await readSettingsSheet(host.reader)),
  };
  const report = await runJob("prognosis", host, settings, { kind: "auto" }, progress, ask);
  const p = started.plan;
  const lines = [
    made.length > 0 ? `Skapade bladen ${made.map((s) => s.name).join(", ")}.` : "Inga nya blad: alla fanns redan.",
    ...(left.length > 0 ? [`Fanns redan och lämnades orörda: ${left.join(", ")}.`] : []),
    `År ${p.year.value}, månad ${p.month.value} ${MONTH_NAMES_SV[p.month.value - 1]}, ${SIGN_CONVENTION_LABEL[p.signConvention.value].toLowerCase()}: härlett ur ${file}, kontrollera bladet Inställningar.`,
    ...(p.unplaced
      ? ["Alla ansvar ligger under Ej placerade: placera dem under sina verksamheter på bladet Ansvar."]
      : []),
    started.budgetFromExport
      ? "Budgeten kommer ur exporten."
      : "Exporten har ingen budget: fyll i Budget helår på bladet Budget.",
  ];
  return {
    ...report,
    summary: { lines: [...lines, ...(report.summary?.lines ?? [])], deficits: report.summary?.deficits ?? [] },
  };
}
