/**
 * Bench: the prognosis calculator on a generated ledger of 1,000,000 utfall rows over 2,000 ansvar x 12 months.
 * `run` bundles this file with esbuild and measures it in a child process of plain node, so the figures are the
 * calculator's and the ledger's, not the TypeScript loader's (tsx adds about 35 MB); `measure` is the bench itself.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { calculatePrognosis, type PrognosisInput } from "../src/core/prognosis";
import { generateLedger } from "./ledger";

const ROWS = 1_000_000;
const COST_CENTRES = 2_000;
const RUNS = 5;
const MB = 1024 * 1024;

/** A garbage collection on demand, without starting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

export async function run(): Promise<void> {
  const dir = fileURLToPath(new URL("../.tmp/bench/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const out = join(dir, "prognosis-bench.mjs");
  const { build } = await import("esbuild");
  await build({
    stdin: {
      contents: 'import { measure } from "./prognosis.ts"; measure();',
      resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "warning",
  });
  const child = spawnSync(process.execPath, [out], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`prognosis bench failed:\n${child.stderr}`);
  process.stdout.write(child.stdout);
}

export function measure(): void {
  const gc = collector();
  gc();
  const empty = process.memoryUsage();
  const ledger = generateLedger({ rows: ROWS, costCentres: COST_CENTRES, areas: 8, year: 2021, months: 12 });
  const input: PrognosisInput = { year: 2021, month: 12, ...ledger, proposalMethod: "runRate" };
  gc();
  const loaded = process.memoryUsage();
  const times: number[] = [];
  const heapDeltas: number[] = [];
  let rssAfter = 0;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    gc();
    const before = process.memoryUsage();
    const start = performance.now();
    const result = calculatePrognosis(input);
    times.push(performance.now() - start);
    const after = process.memoryUsage();
    heapDeltas.push(after.heapUsed - before.heapUsed);
    rssAfter = Math.max(rssAfter, after.rss);
    rows = result.reconciliation.rowsUsed;
    if (result.reconciliation.unexplained !== 0) throw new Error("the bench lost money on the way");
  }
  console.log(
    `prognosis ${ROWS.toLocaleString("en-US")} rows x ${COST_CENTRES.toLocaleString("en-US")} ansvar: ${Math.round(median(times))} ms, ` +
      `heap +${mb(median(heapDeltas))} (median of ${RUNS} runs; time min ${Math.round(Math.min(...times))} ms, max ${Math.round(Math.max(...times))} ms; ` +
      `heapUsed growth max +${mb(Math.max(...heapDeltas))})`,
  );
  console.log(
    `prognosis memory: before generation heapUsed ${mb(empty.heapUsed)}, rss ${mb(empty.rss)}; with the ledger loaded heapUsed ${mb(loaded.heapUsed)}, rss ${mb(loaded.rss)}; ` +
      `rss ${mb(rssAfter)} after the runs (+${mb(rssAfter - loaded.rss)}); peak rss of the process (plain node) ${mb(process.resourceUsage().maxRSS * 1024)} (goal < 200 MB); ` +
      `${rows.toLocaleString("en-US")} rows used`,
  );
}
