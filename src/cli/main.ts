/**
 * The command line: `npx budgetkoll <kommando> bok.xlsx [val]` (see help.ts). Thin: it parses the arguments,
 * calls the readers, calculators and report builders, and writes the report. Exit codes: 0 done, 1 the run
 * failed (a file could not be read or written), 2 the input or the arguments are wrong (nothing is written).
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PrognosisResult } from "../core/prognosis";
import { failureText } from "../input/coreProblems";
import { formatInputError, type InputError } from "../input/errors";
import { historySheets } from "../jobs/history";
import { FORECAST_HISTORY_SHEET } from "../report/forecastHistory";
import type { SheetLayout } from "../report/layout";
import type { LedgerStreamResult } from "../workbook/exceljs/ledgerStream";
import { parseArgs, type CliOptions } from "./args";
import { actionPlan, fullReport, prognosis, startRun, volume, type Calculated, type Run, type Step } from "./calculate";
import { HELP } from "./help";
import { collectGarbage } from "./memory";
import { processIO, type CliIO } from "./io";
import { UnreadableFile } from "../workbook/exceljs/fileCheck";
import { longCellWarnings } from "../workbook/writeChecks";
import { defaultOutPath, outProblems, readReportCommentary, readReportHistory, writeReport } from "./output";
import { openSource } from "./source";
import { buildTemplates, collectTemplates, returnedFiles, type Collected } from "./templates";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INPUT = 2;

const MAX_WARNINGS = 20;

type Runner = (options: CliOptions, io: CliIO) => Promise<number>;

function printErrors(io: CliIO, errors: readonly InputError[]): number {
  io.stderr(`Fel i indata (${errors.length}); ingenting skrevs:`);
  for (const e of errors) io.stderr(`  ${formatInputError(e)}`);
  return EXIT_INPUT;
}

function printWarnings(io: CliIO, warnings: readonly InputError[]): void {
  if (warnings.length === 0) return;
  io.stderr(`Att kontrollera (${warnings.length}):`);
  for (const w of warnings.slice(0, MAX_WARNINGS)) io.stderr(`  ${formatInputError(w)}`);
  if (warnings.length > MAX_WARNINGS) io.stderr(`  ... och ${warnings.length - MAX_WARNINGS} till.`);
}

function ledgerJson(l: LedgerStreamResult): object {
  return {
    source: l.sheet,
    rowsRead: l.rowsRead,
    rowsUsed: l.rowsUsed,
    rowsRejected: l.rowsRejected,
    rowsTotals: l.rowsTotals,
    amountUsed: l.amountUsed,
    // A SIE file's counter-entries on balance-sheet accounts: read, set aside, never utfall.
    ...(l.rowsSetAside ? { rowsSetAside: l.rowsSetAside, amountSetAside: l.amountSetAside } : {}),
  };
}

async function begin(options: CliOptions, io: CliIO): Promise<Step<Run>> {
  return startRun(await openSource(options, io));
}

/**
 * A run with the forecast history of the report file written last time: it gives the previous
 * forecasts when the workbook has no "Prognos föregående" sheet, and this month's forecasts are added to it.
 */
async function withHistory(options: CliOptions, run: Run): Promise<{ run: Run; warnings: readonly InputError[] }> {
  const saved = await readReportHistory(outPath(options));
  return { run: { ...run, history: saved.rows }, warnings: saved.warnings };
}

/** What a report command writes: its layouts, and the forecast history when it made a prognosis. */
interface Written {
  readonly layouts: SheetLayout[];
  readonly text: string;
  readonly json: object;
  readonly merged?: readonly string[];
  readonly prognosis?: PrognosisResult;
}

/** The common end of a report command: write the file, then print the tables (or JSON), warnings and where it went. */
async function finish(
  options: CliOptions,
  io: CliIO,
  run: Run,
  step: Step<Written>,
): Promise<number> {
  if (!step.ok) return printErrors(io, step.errors);
  const out = outPath(options);
  if (!options.quiet) io.stderr(`Skriver ${out} ...`);
  // The streamed ledger's dead rows go before the writer's objects arrive (src/cli/memory.ts).
  if (run.source.streamed.length > 0) collectGarbage();
  const { prognosis: result, merged = [] } = step.value;
  // The history sheet is rewritten from what was read back from it, like the commentary.
  const history = result ? historySheets(result, run.history ?? [], run.meta) : [];
  await writeReport([...step.value.layouts, ...history], out, history.length > 0 ? [...merged, FORECAST_HISTORY_SHEET] : merged);
  if (options.json) io.stdout(JSON.stringify({ command: options.command, report: out, ...step.value.json, ledgers: run.source.streamed.map(ledgerJson) }, null, 2));
  else io.stdout(step.value.text);
  printWarnings(io, [...step.warnings, ...longCellWarnings(step.value.layouts)]);
  io.stderr(`Rapporten skrevs till ${out}`);
  return EXIT_OK;
}

/** The files a run reads: the workbook, the ledger file, and samla's returned templates. */
function runInputs(options: CliOptions): string[] {
  const files = [options.inputs[0]!, ...(options.ledger ? [options.ledger] : [])];
  if (options.command === "samla" && options.inputs[1] !== undefined && statSync(options.inputs[1]).isDirectory()) files.push(...returnedFiles(options.inputs[1]));
  return files;
}

function outPath(options: CliOptions): string {
  return options.out ?? defaultOutPath(options.inputs[0]!);
}

function single<I, R>(key: string, step: Step<Calculated<I, R>>): Step<Written> {
  return step.ok ? { ok: true, value: { layouts: [step.value.layout], text: step.value.text, json: { [key]: step.value.result } }, warnings: step.warnings } : step;
}

/** The prognosis's step with its result marked for the forecast history, and the history's warnings. */
function withResult(step: Step<Written>, result: PrognosisResult | undefined, warnings: readonly InputError[]): Step<Written> {
  return step.ok ? { ...step, value: { ...step.value, prognosis: result }, warnings: [...warnings, ...step.warnings] } : step;
}

/** A command that reads the workbook and its report file's forecast history, then does `body` with the run. */
const withHistoryRun =
  (body: (options: CliOptions, io: CliIO, run: Run, warnings: readonly InputError[]) => Promise<number>): Runner =>
  async (options, io) => {
    const started = await begin(options, io);
    if (!started.ok) return printErrors(io, started.errors);
    const { run, warnings } = await withHistory(options, started.value);
    return body(options, io, run, warnings);
  };

/** A command that reads the workbook and then does `body` with the run. */
const withRun =
  (body: (options: CliOptions, io: CliIO, run: Run) => Promise<number>): Runner =>
  async (options, io) => {
    const run = await begin(options, io);
    return run.ok ? body(options, io, run.value) : printErrors(io, run.errors);
  };

/** What `samla` writes: the consolidated prognosis, volume budget and åtgärdsplan, and who has not returned. */
function collectedWritten(c: Collected): Written {
  const k = c.consolidation;
  return {
    layouts: [c.prognosis.layout, ...(c.volume ? [c.volume.layout] : []), ...(c.actionPlan ? [c.actionPlan.layout] : [])],
    text: c.text,
    json: {
      prognosis: c.prognosis.result,
      volume: c.volume?.result,
      actionPlan: c.actionPlan?.result,
      missing: k.missing,
      missingTemplates: c.missingFiles,
      templates: { files: k.files, rows: k.rows, totals: k.totals, volumeTotals: k.volumeTotals, measureTotals: k.measureTotals, volumeComments: k.volumeComments },
    },
  };
}

const COMMAND_RUNNERS: Record<CliOptions["command"], Runner> = {
  hjalp: async (_options, io) => {
    io.stdout(HELP);
    return EXIT_OK;
  },
  prognos: withHistoryRun((options, io, run, warnings) => {
    const p = prognosis(run);
    return finish(options, io, run, withResult(single("prognosis", p), p.ok ? p.value.result : undefined, warnings));
  }),
  volym: withRun((options, io, run) => finish(options, io, run, single("volume", volume(run)))),
  atgardsplan: withRun((options, io, run) => finish(options, io, run, single("actionPlan", actionPlan(run)))),
  rapport: withHistoryRun(async (options, io, run, warnings) => {
    // The commentary of the report file written last time: sentences the controller edited there are kept.
    const stored = await readReportCommentary(outPath(options));
    if (!stored.value) return printErrors(io, stored.errors);
    const r = fullReport(run, { stored: stored.value, overwriteEdited: options.overwriteComments });
    const step = r.ok
      ? ({
          ok: true,
          value: {
            layouts: r.value.layouts,
            merged: r.value.namnd.commentary.layouts.map((l) => l.name),
            text: r.value.text,
            json: {
              prognosis: r.value.prognosis.result,
              volume: r.value.volume?.result,
              actionPlan: r.value.actionPlan?.result,
              commentary: { texts: r.value.namnd.commentary.texts, keptEdited: r.value.namnd.commentary.kept.map((u) => u.key) },
              balanceShare: r.value.namnd.commentary.balance,
              explanations: r.value.namnd.explanations,
              investments: r.value.namnd.investments,
            },
          },
          warnings: r.warnings,
        } as const)
      : r;
    return finish(options, io, run, withResult(step, r.ok ? r.value.prognosis.result : undefined, warnings));
  }),
  mall: withRun(async (options, io, run) => {
    const templates = buildTemplates(run, options.per);
    if (!templates.ok) return printErrors(io, templates.errors);
    const folder = options.out ?? join("out", "mallar");
    const problems = templates.value.flatMap((t) => outProblems(join(folder, t.file), runInputs(options), options.overwrite === true));
    if (problems.length > 0) {
      for (const p of problems) io.stderr(p);
      return EXIT_INPUT;
    }
    mkdirSync(folder, { recursive: true });
    for (const t of templates.value) await writeReport([t.layout], join(folder, t.file));
    if (options.json) io.stdout(JSON.stringify({ command: "mall", folder, files: templates.value.map((t) => t.file) }, null, 2));
    else io.stdout([`${templates.value.length} mallar skrevs till ${folder}:`, ...templates.value.map((t) => `  ${t.file}`)].join("\n"));
    printWarnings(io, templates.warnings);
    return EXIT_OK;
  }),
  samla: withHistoryRun(async (options, io, run, warnings) => {
    const folder = options.inputs[1]!;
    const collected = await collectTemplates(run, folder);
    const step = collected.ok ? ({ ok: true, value: collectedWritten(collected.value), warnings: collected.warnings } as const) : collected;
    return finish(options, io, run, withResult(step, collected.ok ? collected.value.prognosis.result : undefined, warnings));
  }),
};

/** Run the command line with these arguments; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.stderr(p);
    io.stderr("Se budgetkoll --help.");
    return EXIT_INPUT;
  }
  const { options } = parsed;
  const missing = [...options.inputs, ...(options.ledger ? [options.ledger] : [])].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    for (const m of missing) io.stderr(`Filen eller mappen ${m} finns inte.`);
    return EXIT_INPUT;
  }
  if (options.command !== "hjalp" && options.command !== "mall") {
    const problems = outProblems(outPath(options), runInputs(options), options.overwrite === true);
    if (problems.length > 0) {
      for (const p of problems) io.stderr(p);
      return EXIT_INPUT;
    }
  }
  try {
    return await COMMAND_RUNNERS[options.command](options, io);
  } catch (e) {
    // A file that is not a workbook, or passes a limit: its Swedish sentence names the file and what it seems to be.
    if (e instanceof UnreadableFile) {
      io.stderr(e.message);
      return EXIT_INPUT;
    }
    io.stderr(`Körningen misslyckades: ${failureText(e)}`);
    return EXIT_FAILED;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
