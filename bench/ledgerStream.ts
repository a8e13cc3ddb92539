/**
 * The streaming path for big ledgers (scale; the yardstick): a 1,000,000-row ledger as .csv and as .xlsx.
 * For each file, two programs run the same way, each in a child process of its own started with plain `node`:
 * - the bare loop: a minimal script that streams the file and sums belopp, nothing else (for .csv: 64 KB chunks,
 *   lines split, the belopp field to a number; for .xlsx: exceljs's streaming WorkbookReader, keeping nothing);
 * - the full path: the built command line, `node bin/budgetkoll.mjs prognos bok.xlsx --utfall <file>` (dist/cli,
 *   `npm run build:cli`, built here first), from the file to the written per-ansvar report .xlsx.
 * Both are timed from the parent (wall time of the child, node's start included) and report their own peak
 * resident memory and CPU time (user + system, all its threads) at exit (by a module preloaded with --import); the
 * fastest of three runs is kept (the machine is shared). Prints both, their ratio (goal <= 2.0), the CPU times, the
 * peaks (goal < 200 MB), and where the full path's time goes (from the times of its progress lines). The files are generated once into .tmp/bench/ (not committed).
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { MONTH_NAMES_SV } from "../src/core/periods";
import { generateLedger, type GeneratedLedger } from "./ledger";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BENCH_DIR = join(ROOT, ".tmp", "bench");
const CLI = join(ROOT, "bin", "budgetkoll.mjs");
export const YEAR = 2021;
export const MONTH = 8;
const COST_CENTRES = 2000;
const AREAS = 8;

export interface Measurement {
  /** Wall time of the child process, its start included. */
  readonly ms: number;
  /** Peak resident memory of the child process, MB. */
  readonly peakMb: number;
  /** CPU time of the child process (user + system, all threads), ms: what the neighbours on a shared machine disturb less than wall time. */
  readonly cpuMs: number;
  /** The child's lines on stderr with the time (ms since its start) each was written. */
  readonly marks: readonly (readonly [ms: number, line: string])[];
  readonly stdout: string;
}

/**
 * Preloaded into every measured child: notes the time of each line it writes on stderr (the first hundred and the
 * progress lines that phases() reads, each cut to 100 characters: a run's thousand Kontroller lines would make the
 * note too long to pass whole), and at exit writes its
 * peak resident memory (VmHWM from /proc; maxRSS where there is no /proc), its CPU time and the notes as one JSON line.
 */
const PEAK_PRELOAD = `data:text/javascript,${encodeURIComponent(`
import { readFileSync } from "node:fs";
const marks = [];
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (s, ...rest) => {
  const line = String(s).trim();
  if (marks.length < 100 || /^(Läser|Skriver|Rapporten)|rader lästa/.test(line)) marks.push([Math.round(performance.now()), line.slice(0, 100)]);
  return write(s, ...rest);
};
process.on("exit", () => {
  let kb = process.resourceUsage().maxRSS;
  try { kb = Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]); } catch {}
  const cpu = process.cpuUsage();
  write("\\nBENCH " + JSON.stringify({ peakMb: Math.round(kb / 1024), cpuMs: Math.round((cpu.user + cpu.system) / 1000), marks }) + "\\n");
});`)}`;

/** Run `node <script> ...args` in a child process of its own and measure it. */
export function measureNode(script: string, args: readonly string[]): Measurement {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--import", PEAK_PRELOAD, script, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Math.round(performance.now() - started);
  const line = child.stderr.split("\n").findLast((l) => l.startsWith("BENCH "));
  if (child.status !== 0 || !line)
    throw new Error(
      `Mätningen node ${script} ${args.join(" ")} misslyckades (kod ${child.status}):\n${child.stderr.slice(-3000)}`,
    );
  const { peakMb, cpuMs, marks } = JSON.parse(line.slice(6)) as Pick<Measurement, "peakMb" | "cpuMs" | "marks">;
  return { ms, peakMb, cpuMs, marks, stdout: child.stdout.trim() };
}

/**
 * The fastest of `times` runs (the machine is shared: the slower runs measure the neighbours), with the least CPU
 * time of all runs and the peaks of all runs: the peak varies from run to run with when V8's garbage collector gets
 * to run.
 */
export function measureBest(
  script: string,
  args: readonly string[],
  before: () => void = () => undefined,
  times = 3,
): Measurement & { readonly peaks: string } {
  const runs: Measurement[] = [];
  for (let i = 0; i < times; i++) {
    before();
    runs.push(measureNode(script, args));
  }
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const peaks = runs.map((r) => r.peakMb);
  const cpuMs = Math.min(...runs.map((r) => r.cpuMs));
  return {
    ...best,
    cpuMs,
    peaks:
      Math.min(...peaks) === Math.max(...peaks) ? `${peaks[0]} MB` : `${Math.min(...peaks)}-${Math.max(...peaks)} MB`,
  };
}

let built = false;

/** Build the command line for plain node (`npm run build:cli`, dist/cli/) once per bench run, so it measures the source as it is. */
export function buildCli(): void {
  if (built) return;
  const started = performance.now();
  const b = spawnSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT, encoding: "utf8" });
  if (b.status !== 0) throw new Error(`npm run build:cli misslyckades:\n${b.stdout}\n${b.stderr}`);
  built = true;
  console.log(`built the command line (dist/cli/) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The full path: the built command line, from the input files to the written report (a new report file). */
export function measureCli(args: readonly string[], report: string): ReturnType<typeof measureBest> {
  buildCli();
  return measureBest(CLI, [...args, "--out", report], () => rmSync(report, { force: true }));
}

/** Where the full path's time went, from the times of its progress lines (ms since the child started). */
export function phases(m: Measurement): string {
  const first = (re: RegExp): number | undefined => m.marks.find(([, l]) => re.test(l))?.[0];
  const last = (re: RegExp): number | undefined => m.marks.findLast(([, l]) => re.test(l))?.[0];
  const steps: [string, number | undefined][] = [
    ["node and modules", 0],
    ["read the workbook", first(/^Läser (?!utfallet)/)],
    ["stream the ledger", first(/^Läser utfallet/)],
    ["check and calculate", last(/rader lästa/)],
    ["write the report", first(/^Skriver /)],
    ["", first(/^Rapporten skrevs/)],
  ];
  const known = steps.filter((x): x is [string, number] => x[1] !== undefined);
  return known
    .slice(0, -1)
    .map(([what, at], i) => `${what} ${((known[i + 1]![1] - at) / 1000).toFixed(2)} s`)
    .join(", ");
}

const MONTH_HEADERS = MONTH_NAMES_SV.map((m) => m.slice(0, 3).replace(/^./, (c) => c.toUpperCase()));

/** The controller's workbook for a generated ledger: Ansvar, Budget (kronor, per month), Inställningar; `ledgerRows` adds an Utfall sheet. */
export async function writeBook(path: string, ledger: GeneratedLedger, withLedger: boolean): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: `${path}.part`,
    useStyles: false,
    useSharedStrings: false,
  });
  const ansvar = wb.addWorksheet("Ansvar");
  ansvar.addRow(["Ansvar", "Benämning", "Överordnad"]).commit();
  for (const c of ledger.costCentres) ansvar.addRow([c.key, c.name, c.parentKey ?? null]).commit();
  ansvar.commit();
  const budget = wb.addWorksheet("Budget");
  budget.addRow(["Ansvar", "Budget helår", ...MONTH_HEADERS]).commit();
  for (const b of ledger.budgets)
    budget.addRow([b.costCentre, b.annual, ...(b.monthly ?? []).map((m) => Math.round(m * 100) / 100)]).commit();
  budget.commit();
  const settings = wb.addWorksheet("Inställningar");
  for (const row of [
    ["Inställning", "Värde"],
    ["År", YEAR],
    ["Månad", MONTH],
    ["Teckenkonvention", "Kostnader positiva"],
    ["Belopp i", "kr"],
    ["Utfall i", "kr"],
  ])
    settings.addRow(row).commit();
  settings.commit();
  if (withLedger) {
    const ws = wb.addWorksheet("Utfall");
    ws.addRow(["Ansvar", "Konto", "Period", "Belopp"]).commit();
    for (const a of ledger.actuals)
      ws.addRow([a.costCentre, a.account ?? null, Number(a.period.replace("-", "")), a.amount]).commit();
    ws.commit();
  }
  await wb.commit();
  renameSync(`${path}.part`, path);
}

async function writeLedgerXlsx(path: string, ledger: GeneratedLedger): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: `${path}.part`,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet("Huvudbok");
  ws.addRow(["Ansvar", "Konto", "Period", "Belopp"]).commit();
  for (const a of ledger.actuals)
    ws.addRow([a.costCentre, a.account ?? null, Number(a.period.replace("-", "")), a.amount]).commit();
  ws.commit();
  await wb.commit();
  renameSync(`${path}.part`, path);
}

/** Semicolon-separated, decimal comma, as a Swedish ERP export. */
async function writeLedgerCsv(path: string, ledger: GeneratedLedger): Promise<void> {
  const out = createWriteStream(`${path}.part`);
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => (out.write(s) ? resolve() : out.once("drain", resolve)));
  await write("Ansvar;Konto;Period;Belopp\n");
  let chunk = "";
  for (const a of ledger.actuals) {
    chunk += `${a.costCentre};${a.account ?? ""};${a.period};${String(a.amount).replace(".", ",")}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(resolve));
  renameSync(`${path}.part`, path);
}

export interface BenchFiles {
  readonly book: string;
  readonly xlsx: string;
  readonly csv: string;
}

/** Generate the files once (cached by row count in .tmp/bench/). */
export async function ensureFiles(rows: number): Promise<BenchFiles> {
  await mkdir(BENCH_DIR, { recursive: true });
  const files = {
    book: join(BENCH_DIR, `bok-${COST_CENTRES}-ansvar.xlsx`),
    xlsx: join(BENCH_DIR, `huvudbok-${rows}.xlsx`),
    csv: join(BENCH_DIR, `huvudbok-${rows}.csv`),
  };
  if (Object.values(files).every(existsSync)) return files;
  const started = performance.now();
  const ledger = generateLedger({ rows, costCentres: COST_CENTRES, areas: AREAS, year: YEAR, months: MONTH });
  if (!existsSync(files.book)) await writeBook(files.book, ledger, false);
  if (!existsSync(files.csv)) await writeLedgerCsv(files.csv, ledger);
  if (!existsSync(files.xlsx)) await writeLedgerXlsx(files.xlsx, ledger);
  console.log(
    `generated ${rows.toLocaleString("en-US")}-row ledger files in ${((performance.now() - started) / 1000).toFixed(1)} s (.tmp/bench/)`,
  );
  return files;
}

/**
 * The bare loops: minimal scripts that stream the file and sum belopp, nothing else, written to .tmp/bench/ and
 * run with plain node like the built command line.
 */
const BARE_CSV = `import { createReadStream } from "node:fs";
let rows = 0, sum = 0, rest = "";
const decoder = new TextDecoder();
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  const lines = (rest + decoder.decode(chunk, { stream: true })).split("\\n");
  rest = lines.pop();
  for (const line of lines) {
    const v = Number(line.split(";")[3]?.replace(",", "."));
    if (!Number.isNaN(v)) sum += v;
    rows++;
  }
}
console.log(\`\${rows} lines, sum \${Math.round(sum)}\`);
`;

const BARE_XLSX = `import ExcelJS from "exceljs";
const options = { sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore", worksheets: "emit" };
let rows = 0, sum = 0;
for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], options)) {
  for await (const row of ws) {
    const v = row.values[4];
    if (typeof v === "number") sum += v;
    rows++;
  }
}
console.log(\`\${rows} rows, sum \${Math.round(sum)}\`);
`;

function bareScript(kind: "csv" | "xlsx"): string {
  // Next to node_modules' parent, so `import "exceljs"` resolves as it does for the command line.
  const path = join(BENCH_DIR, `bare-${kind}.mjs`);
  writeFileSync(path, kind === "csv" ? BARE_CSV : BARE_XLSX);
  return path;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
  const files = await ensureFiles(rows);
  const n = rows.toLocaleString("en-US");
  for (const kind of ["csv", "xlsx"] as const) {
    const file = files[kind];
    const bare = measureBest(bareScript(kind), [file]);
    // A first run: the report file is new (a re-run also reads the old report, to replace only its own sheets).
    const full = measureCli(["prognos", files.book, "--utfall", file], join(BENCH_DIR, `rapport-${kind}.xlsx`));
    console.log(
      `ledger ${n} rows .${kind}: bare streaming loop (node, read + sum belopp: ${bare.stdout}) ${s(bare.ms)}, CPU ${s(bare.cpuMs)}, peak RSS ${bare.peaks}`,
    );
    console.log(
      `ledger ${n} rows .${kind}: full path to the per-ansvar report (node bin/budgetkoll.mjs prognos, ${COST_CENTRES} ansvar) ${s(full.ms)}, CPU ${s(full.cpuMs)}, peak RSS ${full.peaks} (goal < 200 MB)`,
    );
    console.log(
      `ledger ${n} rows .${kind}: ratio full / bare ${(full.ms / bare.ms).toFixed(2)} (goal <= 2.0), CPU ${(full.cpuMs / bare.cpuMs).toFixed(2)}; full path: ${phases(full)}`,
    );
  }
}
