/**
 * The command line: `npx budgetkoll <kommando> bok.xlsx [val]` (see help.ts). Thin: it parses the arguments,
 * calls the readers, calculators and report builders, and writes the report. Exit codes: 0 done, 1 the run
 * failed (a file could not be read or written), 2 the input or the arguments are wrong (nothing is written).
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { StoredCommentary } from "../input/commentaryInput";
import { failureText } from "../input/coreProblems";
import { formatInputError, type InputError } from "../input/errors";
import { collectedSheets, missingChecks, reportSheets, type ReportKind } from "../jobs/reportSheets";
import { checkLine, checksHeading, rankChecks, type Check } from "../report/kontroller";
import type { SheetLayout } from "../report/layout";
import type { LedgerStreamResult } from "../input/ledger";
import { parseArgs, type CliOptions } from "./args";
import { actionPlanText, fullReportText, prognosisText, startRun, volumeText, type Run, type Step } from "./calculate";
import { HELP } from "./help";
import { collectGarbage } from "./memory";
import { processIO, type CliIO } from "./io";
import { UnreadableFile } from "../workbook/exceljs/fileCheck";
import { defaultOutPath, outProblems, readReportCommentary, readReportHistory, writeReport } from "./output";
import { newWorkbookCommand } from "./newWorkbook";
import { budgetText } from "./budget";
import { budgetSheets } from "../input/budgetBuildingInput";
import { budgetJob } from "../jobs/budgetBuilding";
import { ExcelJsReader } from "../workbook/exceljs/reader";
import { openSource } from "./source";
import { buildTemplates, collectTemplates, returnedFiles, type Collected } from "./templates";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INPUT = 2;

type Runner = (options: CliOptions, io: CliIO) => Promise<number>;

function printErrors(io: CliIO, errors: readonly InputError[]): number {
  io.stderr(`Fel i indata (${errors.length}); ingenting skrevs:`);
  for (const e of errors) io.stderr(`  ${formatInputError(e)}`);
  return EXIT_INPUT;
}

/** The run's Kontroller, all of it, the largest amount at stake first: printed before the tables. */
function printChecks(io: CliIO, checks: readonly Check[]): void {
  if (checks.length === 0) return;
  io.stderr(checksHeading(checks.length));
  for (const c of checks) io.stderr(`  ${checkLine(c)}`);
  io.stderr("");
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
async function withHistory(options: CliOptions, run: Run): Promise<Run> {
  const saved = await readReportHistory(outPath(options));
  return { ...run, history: saved.rows, warnings: [...(run.warnings ?? []), ...saved.warnings] };
}

/** What a report command writes: its layouts (Kontroller and the forecast history among them) and its Kontroller. */
interface Written {
  readonly layouts: SheetLayout[];
  readonly text: string;
  readonly json: object;
  readonly merged?: readonly string[];
  readonly checks: readonly Check[];
}

/** The common end of a report command: the Kontroller first, then write the file, print the tables (or JSON) and where it went. */
async function finish(options: CliOptions, io: CliIO, run: Run, step: Step<Written>): Promise<number> {
  if (!step.ok) return printErrors(io, step.errors);
  const out = outPath(options);
  const { checks, merged = [] } = step.value;
  if (!options.json) printChecks(io, checks);
  if (!options.quiet) io.stderr(`Skriver ${out} ...`);
  // The streamed ledger's dead rows go before the writer's objects arrive (src/cli/memory.ts).
  if (run.source.streamed.length > 0) collectGarbage();
  await writeReport(step.value.layouts, out, merged);
  if (options.json)
    io.stdout(
      JSON.stringify(
        {
          command: options.command,
          report: out,
          ...step.value.json,
          kontroller: checks,
          ledgers: run.source.streamed.map(ledgerJson),
        },
        null,
        2,
      ),
    );
  else io.stdout(step.value.text);
  io.stderr(`Rapporten skrevs till ${out}`);
  return EXIT_OK;
}

/** The files a run reads: the workbook, the ledger file, and samla's returned templates. */
function runInputs(options: CliOptions): string[] {
  const files = [options.inputs[0]!, ...(options.ledger ? [options.ledger] : [])];
  if (options.command === "samla" && options.inputs[1] !== undefined && statSync(options.inputs[1]).isDirectory())
    files.push(...returnedFiles(options.inputs[1]));
  return files;
}

/** The input workbook as the report's Kontroller links to it: its path relative to the report's folder. */
function inputLink(options: CliOptions): string {
  return relative(dirname(resolve(outPath(options))), resolve(options.inputs[0]!))
    .split(sep)
    .join("/");
}

/** A report command's sheets (`reportSheets`, as the task pane's) with the terminal text of its results. */
function reportWritten(options: CliOptions, run: Run, kind: ReportKind, stored?: StoredCommentary): Step<Written> {
  const r = reportSheets(run, kind, {
    inputFile: inputLink(options),
    ...(stored ? { stored, overwriteEdited: options.overwriteComments } : {}),
  });
  if (!r.ok) return r;
  const { prognosis: p, volume: v, actionPlan: a, report, layouts, merged, checks } = r.value;
  const base = { layouts, merged, checks };
  if (report) {
    const n = report.namnd;
    const json = {
      prognosis: p!.result,
      volume: v?.result,
      actionPlan: a?.result,
      commentary: { texts: n.commentary.texts, keptEdited: n.commentary.kept.map((u) => u.key) },
      balanceShare: n.commentary.balance,
      explanations: n.explanations,
      investments: n.investments,
    };
    return { ...r, value: { ...base, text: fullReportText(run, report), json } };
  }
  if (p) return { ...r, value: { ...base, text: prognosisText(run, p.result), json: { prognosis: p.result } } };
  if (v) return { ...r, value: { ...base, text: volumeText(v.result), json: { volume: v.result } } };
  return { ...r, value: { ...base, text: actionPlanText(a!.result), json: { actionPlan: a!.result } } };
}

function outPath(options: CliOptions): string {
  return options.out ?? defaultOutPath(options.inputs[0]!);
}

/** A command that reads the workbook and its report file's forecast history, then does `body` with the run. */
const withHistoryRun =
  (body: (options: CliOptions, io: CliIO, run: Run) => Promise<number>): Runner =>
  async (options, io) => {
    const started = await begin(options, io);
    if (!started.ok) return printErrors(io, started.errors);
    return body(options, io, await withHistory(options, started.value));
  };

/** A command that reads the workbook and then does `body` with the run. */
const withRun =
  (body: (options: CliOptions, io: CliIO, run: Run) => Promise<number>): Runner =>
  async (options, io) => {
    const run = await begin(options, io);
    return run.ok ? body(options, io, run.value) : printErrors(io, run.errors);
  };

/**
 * What `samla` writes: the consolidated prognosis, volume budget and åtgärdsplan with the run's Kontroller (the
 * templates not returned among them), the forecast history, and who has not returned.
 */
function collectedWritten(options: CliOptions, run: Run, c: Collected, warnings: readonly InputError[]): Step<Written> {
  const k = c.consolidation;
  const sheets = collectedSheets(run, c, [...warnings, ...missingChecks(k, c.prognosis.result)], {
    inputFile: inputLink(options),
  });
  if (!sheets.ok) return sheets;
  return {
    ok: true,
    warnings: sheets.warnings,
    value: {
      layouts: sheets.value.layouts,
      merged: sheets.value.merged,
      checks: sheets.value.checks,
      text: c.text,
      json: {
        prognosis: c.prognosis.result,
        volume: c.volume?.result,
        actionPlan: c.actionPlan?.result,
        missing: k.missing,
        missingTemplates: c.missingFiles,
        templates: {
          files: k.files,
          rows: k.rows,
          totals: k.totals,
          volumeTotals: k.volumeTotals,
          measureTotals: k.measureTotals,
          volumeComments: k.volumeComments,
        },
      },
    },
  };
}

const COMMAND_RUNNERS: Record<CliOptions["command"], Runner> = {
  hjalp: async (_options, io) => {
    io.stdout(HELP);
    return EXIT_OK;
  },
  prognos: withHistoryRun((options, io, run) => finish(options, io, run, reportWritten(options, run, "prognosis"))),
  volym: withRun((options, io, run) => finish(options, io, run, reportWritten(options, run, "volume"))),
  atgardsplan: withRun((options, io, run) => finish(options, io, run, reportWritten(options, run, "actionPlan"))),
  rapport: withHistoryRun(async (options, io, run) => {
    // The commentary of the report file written last time: sentences the controller edited there are kept.
    const stored = await readReportCommentary(outPath(options));
    if (!stored.value) return printErrors(io, stored.errors);
    return finish(options, io, run, reportWritten(options, run, "report", stored.value));
  }),
  mall: withRun(async (options, io, run) => {
    const templates = buildTemplates(run, options.per);
    if (!templates.ok) return printErrors(io, templates.errors);
    const folder = options.out ?? join("out", "mallar");
    const problems = templates.value.flatMap((t) =>
      outProblems(join(folder, t.file), runInputs(options), options.overwrite === true),
    );
    if (problems.length > 0) {
      for (const p of problems) io.stderr(p);
      return EXIT_INPUT;
    }
    mkdirSync(folder, { recursive: true });
    for (const t of templates.value) await writeReport([t.layout], join(folder, t.file));
    if (options.json)
      io.stdout(JSON.stringify({ command: "mall", folder, files: templates.value.map((t) => t.file) }, null, 2));
    else
      io.stdout(
        [`${templates.value.length} mallar skrevs till ${folder}:`, ...templates.value.map((t) => `  ${t.file}`)].join(
          "\n",
        ),
      );
    printChecks(io, rankChecks([...(run.warnings ?? []), ...templates.warnings]));
    return EXIT_OK;
  }),
  samla: withHistoryRun(async (options, io, run) => {
    const folder = options.inputs[1]!;
    const collected = await collectTemplates(run, folder);
    return finish(
      options,
      io,
      run,
      collected.ok ? collectedWritten(options, run, collected.value, collected.warnings) : collected,
    );
  }),
  ny: (options, io) => newWorkbookCommand(options, io, (argv) => runCli(argv, io)),
  budget: async (options, io) => {
    const input = options.inputs[0]!;
    const sheets = await budgetSheets(await ExcelJsReader.fromFile(input));
    const job = budgetJob(sheets, { source: basename(input), inputFile: inputLink(options) });
    if (!job.ok) return printErrors(io, job.errors);
    const out = outPath(options);
    if (!options.json) printChecks(io, job.value.checks);
    await writeReport(job.value.layouts, out);
    const { result, scenarios, sensitivity, checks } = job.value;
    io.stdout(
      options.json
        ? JSON.stringify(
            { command: "budget", report: out, result, scenarios, sensitivity, kontroller: checks },
            null,
            2,
          )
        : budgetText(job.value),
    );
    io.stderr(`Rapporten skrevs till ${out}`);
    return EXIT_OK;
  },
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
  if (options.command !== "hjalp" && options.command !== "mall" && options.command !== "ny") {
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
