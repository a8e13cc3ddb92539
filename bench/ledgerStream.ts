/**
 * The streaming path for big ledgers (issue 5, scale): a 1,000,000-row ledger as .xlsx and as .csv.
 * For each file: a bare streaming loop that only reads the rows and sums belopp, then the full path to the
 * per-ansvar report (`budgetkoll prognos bok.xlsx --utfall ledger`: stream, parse, aggregate, calculate, write
 * the report .xlsx). Prints both times, their ratio (goal <= 2.0) and the peak RSS of each (goal < 200 MB).
 * Each measurement runs in a child process of its own, which reports its own peak (VmHWM); the faster of two
 * runs is kept. The children run TypeScript through tsx, which adds about 35 MB to every peak.
 * The files are generated once into .tmp/bench/ (not committed).
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { MONTH_NAMES_SV } from "../src/core/periods";
import { runCli } from "../src/cli/main";
import { readCsvFile } from "../src/workbook/csv/csvFile";
import { streamLedgerFile } from "../src/workbook/exceljs/ledgerStream";
import { generateLedger, type GeneratedLedger } from "./ledger";

const THIS_FILE = fileURLToPath(import.meta.url);
export const BENCH_DIR = join(fileURLToPath(new URL("..", import.meta.url)), ".tmp", "bench");
export const YEAR = 2021;
export const MONTH = 8;
const COST_CENTRES = 2000;
const AREAS = 8;

export interface Measurement {
  readonly ms: number;
  /** Peak resident memory of the measuring process, MB. */
  readonly peakMb: number;
  readonly detail: string;
}

/** Run one measurement in a child process (node --import tsx this file --child ...) and read its JSON line. */
export function measureInChild(file: string, args: readonly string[]): Measurement {
  const child = spawnSync(process.execPath, ["--import", "tsx", file, "--child", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const last = child.stdout.trim().split("\n").pop() ?? "";
  if (child.status !== 0 || !last.startsWith("{")) throw new Error(`Mätningen ${args.join(" ")} misslyckades (kod ${child.status}):\n${child.stderr}\n${child.stdout.slice(-2000)}`);
  return JSON.parse(last) as Measurement;
}

/** The faster of `times` runs (the machine is shared: the slower run measures the neighbours). */
export function measureBest(file: string, args: readonly string[], before: () => void = () => undefined, times = 2): Measurement {
  let best: Measurement | undefined;
  for (let i = 0; i < times; i++) {
    before();
    const m = measureInChild(file, args);
    if (!best || m.ms < best.ms) best = m;
  }
  return best!;
}

/** Peak resident set of this process in MB (Linux VmHWM; the sampled RSS elsewhere). */
export function peakMb(sampled: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // not Linux: fall back to sampling
  }
  return Math.round(sampled / 1024 / 1024);
}

/** Sample RSS while `work` runs (for systems without /proc), then report time and peak. */
export async function timed(work: () => Promise<string>): Promise<Measurement> {
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 50);
  const start = performance.now();
  const detail = await work();
  const ms = performance.now() - start;
  clearInterval(timer);
  return { ms: Math.round(ms), peakMb: peakMb(Math.max(sampled, process.memoryUsage().rss)), detail };
}

const MONTH_HEADERS = MONTH_NAMES_SV.map((m) => m.slice(0, 3).replace(/^./, (c) => c.toUpperCase()));

/** The controller's workbook for a generated ledger: Ansvar, Budget (kronor, per month), Inställningar; `ledgerRows` adds an Utfall sheet. */
export async function writeBook(path: string, ledger: GeneratedLedger, withLedger: boolean): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${path}.part`, useStyles: false, useSharedStrings: false });
  const ansvar = wb.addWorksheet("Ansvar");
  ansvar.addRow(["Ansvar", "Benämning", "Överordnad"]).commit();
  for (const c of ledger.costCentres) ansvar.addRow([c.key, c.name, c.parentKey ?? null]).commit();
  ansvar.commit();
  const budget = wb.addWorksheet("Budget");
  budget.addRow(["Ansvar", "Budget helår", ...MONTH_HEADERS]).commit();
  for (const b of ledger.budgets) budget.addRow([b.costCentre, b.annual, ...(b.monthly ?? []).map((m) => Math.round(m * 100) / 100)]).commit();
  budget.commit();
  const settings = wb.addWorksheet("Inställningar");
  for (const row of [["Inställning", "Värde"], ["År", YEAR], ["Månad", MONTH], ["Teckenkonvention", "Kostnader positiva"], ["Belopp i", "kr"], ["Utfall i", "kr"]]) settings.addRow(row).commit();
  settings.commit();
  if (withLedger) {
    const ws = wb.addWorksheet("Utfall");
    ws.addRow(["Ansvar", "Konto", "Period", "Belopp"]).commit();
    for (const a of ledger.actuals) ws.addRow([a.costCentre, a.account ?? null, Number(a.period.replace("-", "")), a.amount]).commit();
    ws.commit();
  }
  await wb.commit();
  renameSync(`${path}.part`, path);
}

async function writeLedgerXlsx(path: string, ledger: GeneratedLedger): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${path}.part`, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("Huvudbok");
  ws.addRow(["Ansvar", "Konto", "Period", "Belopp"]).commit();
  for (const a of ledger.actuals) ws.addRow([a.costCentre, a.account ?? null, Number(a.period.replace("-", "")), a.amount]).commit();
  ws.commit();
  await wb.commit();
  renameSync(`${path}.part`, path);
}

/** Semicolon-separated, decimal comma, as a Swedish ERP export. */
async function writeLedgerCsv(path: string, ledger: GeneratedLedger): Promise<void> {
  const out = createWriteStream(`${path}.part`);
  const write = (s: string): Promise<void> => new Promise((resolve) => (out.write(s) ? resolve() : out.once("drain", resolve)));
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
  const files = { book: join(BENCH_DIR, `bok-${COST_CENTRES}-ansvar.xlsx`), xlsx: join(BENCH_DIR, `huvudbok-${rows}.xlsx`), csv: join(BENCH_DIR, `huvudbok-${rows}.csv`) };
  if (Object.values(files).every(existsSync)) return files;
  const started = performance.now();
  const ledger = generateLedger({ rows, costCentres: COST_CENTRES, areas: AREAS, year: YEAR, months: MONTH });
  if (!existsSync(files.book)) await writeBook(files.book, ledger, false);
  if (!existsSync(files.csv)) await writeLedgerCsv(files.csv, ledger);
  if (!existsSync(files.xlsx)) await writeLedgerXlsx(files.xlsx, ledger);
  console.log(`generated ${rows.toLocaleString("en-US")}-row ledger files in ${((performance.now() - started) / 1000).toFixed(1)} s (.tmp/bench/)`);
  return files;
}

/** Bare loops: read the rows and sum belopp, nothing else. */
async function bareXlsx(path: string): Promise<string> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore", worksheets: "emit" });
  let rows = 0;
  let sum = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      const v = (row.values as unknown[])[4];
      if (typeof v === "number") sum += v;
      rows++;
    }
  }
  return `${rows} rows, sum ${Math.round(sum)}`;
}

async function bareCsv(path: string): Promise<string> {
  let rows = 0;
  let sum = 0;
  for await (const batch of readCsvFile(path)) {
    for (const row of batch) {
      const v = Number((row[3] ?? "").replace(",", "."));
      if (!Number.isNaN(v)) sum += v;
      rows++;
    }
  }
  return `${rows} rows, sum ${Math.round(sum)}`;
}

/** The per-row part of the full path: stream, parse, aggregate per ansvar x period. */
async function aggregate(path: string): Promise<string> {
  const r = await streamLedgerFile(path);
  return `${r.rowsUsed} rows used, ${r.actuals.length} ansvar x period, sum ${Math.round(r.amountUsed)}`;
}

/** The full path, through the command line's own entry (loaded before the clock starts). */
export async function fullCli(args: readonly string[]): Promise<string> {
  const lines: string[] = [];
  const code = await runCli([...args, "--tyst"], { stdout: () => undefined, stderr: (t) => lines.push(t) });
  if (code !== 0) throw new Error(`budgetkoll ${args.join(" ")} gav kod ${code}:\n${lines.join("\n")}`);
  return lines.filter((l) => !l.startsWith("Läser")).join(" | ");
}

async function child(args: readonly string[]): Promise<void> {
  const [mode, ...rest] = args;
  const work: Record<string, () => Promise<string>> = {
    "bare-xlsx": () => bareXlsx(rest[0]!),
    "bare-csv": () => bareCsv(rest[0]!),
    aggregate: () => aggregate(rest[0]!),
    cli: () => fullCli(rest),
  };
  const m = await timed(work[mode!]!);
  console.log(JSON.stringify(m));
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
  const files = await ensureFiles(rows);
  const n = rows.toLocaleString("en-US");
  for (const [kind, file] of [["csv", files.csv], ["xlsx", files.xlsx]] as const) {
    const bare = measureBest(THIS_FILE, [`bare-${kind}`, file]);
    const agg = measureBest(THIS_FILE, ["aggregate", file]);
    const report = join(BENCH_DIR, `rapport-${kind}.xlsx`);
    // A first run: the report file is new (a re-run also reads the old report, to replace only its own sheets).
    const full = measureBest(THIS_FILE, ["cli", "prognos", files.book, "--utfall", file, "--out", report], () => rmSync(report, { force: true }));
    console.log(`ledger ${n} rows .${kind}: bare streaming loop (read, sum belopp) ${s(bare.ms)}, peak RSS ${bare.peakMb} MB (${bare.detail})`);
    console.log(`ledger ${n} rows .${kind}: stream + parse + aggregate ${s(agg.ms)}, peak RSS ${agg.peakMb} MB (${agg.detail}); ratio to bare ${(agg.ms / bare.ms).toFixed(2)} (goal <= 2.0)`);
    console.log(`ledger ${n} rows .${kind}: full path to the per-ansvar report (budgetkoll prognos, ${COST_CENTRES} ansvar) ${s(full.ms)}, peak RSS ${full.peakMb} MB (goal < 200 MB); ratio to bare ${(full.ms / bare.ms).toFixed(2)}`);
  }
}

if (process.argv[2] === "--child" && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await child(process.argv.slice(3));
