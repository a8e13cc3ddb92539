/**
 * The ledger as ERPs deliver it, each shape against its own bare loop (the yardstick of ledgerStream.ts):
 * - "30x12 .csv": 30 konton x 12 months, comma-separated, whole kronor, the period a bare month number (1-12);
 * - "wide .csv": 300 konton and five extra text columns (verksamhet, aktivitet, projekt, motpart, text with å ä ö
 *   and separators in quotes), semicolon-separated, decimal comma, Windows-1252;
 * - "SIE 4": verifikationer (#VER with four #TRANS rows per ansvar and a counter-entry on a balance-sheet account),
 *   codepage 437.
 * All over the same 2,000 ansvar as the controller's workbook of ledgerStream.ts. At 1,000,000 result rows each
 * (BENCH_SHAPE_ROWS), the bare loop and the full path (`node bin/budgetkoll.mjs prognos bok.xlsx --utfall <file>`)
 * are run alternately, three times each, and the fastest of each kept; then a curve of the full path at 100,000,
 * 1,000,000 and 4,000,000 rows (BENCH_CURVE=0 leaves it out), one run per size, with its bare loop, to show the
 * time linear and the memory flat. Files are generated once into .tmp/bench/.
 */
import { createWriteStream, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeCp437 } from "../src/workbook/sie/sieFile";
import { generateLedger, random } from "./ledger";
import { BENCH_DIR, buildCli, measureNode, phases, writeBook, YEAR, type Measurement } from "./ledgerStream";
import { kr, sieHeader } from "./sie";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "bin", "budgetkoll.mjs");
const COST_CENTRES = 2000;
const AREAS = 8;

/** The ansvar keys of the bench workbook (bench/ledger.ts: area, then a 4-digit number). */
const CENTRES = Array.from({ length: COST_CENTRES }, (_, i) => `${10 + (i % AREAS)}${String(i).padStart(4, "0")}`);

/** `n` konton of a kontoplan: revenue (3xxx) and costs (4xxx-7xxx). */
function accounts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(3000 + Math.floor((i * 4999) / n)));
}

/** The ansvar and month of verifikation `no`: one verifikation per ansvar in turn, then the next month. */
function placeOf(no: number): { centre: string; month: number } {
  return { centre: CENTRES[no % COST_CENTRES]!, month: 1 + (Math.floor(no / COST_CENTRES) % 12) };
}

type ShapeName = "30x12 .csv" | "wide .csv" | "SIE 4";

interface Shape {
  readonly name: ShapeName;
  readonly ext: string;
  /** Writes `rows` result rows to `path`. */
  readonly write: (path: string, rows: number) => Promise<void>;
  /** The bare loop's source: stream the file, pick each row's belopp, sum. */
  readonly bare: string;
  /** Bumped when the generator changes, so a file made by an older one in .tmp/bench/ is not reused. */
  readonly version?: number;
}

/** Writes text in 1 MB pieces, encoded by `encode`. */
function writer(
  path: string,
  encode: (s: string) => Uint8Array | string,
): { add: (line: string) => void; close: () => Promise<void> } {
  const out = createWriteStream(path);
  let chunk = "";
  return {
    add(line) {
      chunk += line;
      if (chunk.length > 1 << 20) {
        out.write(encode(chunk));
        chunk = "";
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        out.write(encode(chunk));
        out.end(resolve);
      }),
  };
}

/** Row r of a shape: its ansvar, month (1-12) and konto, amount in öre (revenue negative). */
function rowAt(
  r: number,
  konton: readonly string[],
  next: () => number,
  wholeKronor: boolean,
): { centre: string; month: number; account: string; ore: number } {
  const centre = CENTRES[r % COST_CENTRES]!;
  const month = 1 + (Math.floor(r / COST_CENTRES) % 12);
  const account = konton[Math.floor(next() * konton.length)]!;
  const size = wholeKronor ? Math.round(next() * 200_000) * 100 : Math.round(next() * 20_000_000);
  return { centre, month, account, ore: account < "4000" ? -size : size };
}

const win1252 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0)); // å ä ö are Latin-1's

const TEXTS = [
  "Löner augusti",
  "Hyra Solgården; kv 3",
  "Köp av plats, Åsa-hemmet",
  "Bidrag från Migrationsverket",
  "Övrigt material",
];

const SHAPES: readonly Shape[] = [
  {
    name: "30x12 .csv",
    ext: "csv",
    async write(path, rows) {
      const konton = accounts(30);
      const next = random(30_12);
      const w = writer(path, (s) => s);
      w.add("Ansvar,Konto,Period,Belopp\n");
      for (let r = 0; r < rows; r++) {
        const x = rowAt(r, konton, next, true);
        w.add(`${x.centre},${x.account},${x.month},${x.ore / 100}\n`);
      }
      await w.close();
    },
    bare: `import { createReadStream } from "node:fs";
let rows = 0, sum = 0, rest = "";
const decoder = new TextDecoder();
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  const lines = (rest + decoder.decode(chunk, { stream: true })).split("\\n");
  rest = lines.pop();
  for (const line of lines) {
    const v = Number(line.split(",")[3]);
    if (!Number.isNaN(v)) sum += v;
    rows++;
  }
}
console.log(\`\${rows} lines, sum \${Math.round(sum)}\`);
`,
  },
  {
    name: "wide .csv",
    ext: "csv",
    async write(path, rows) {
      const konton = accounts(300);
      const next = random(300);
      const w = writer(path, win1252);
      w.add("Ansvar;Verksamhet;Konto;Aktivitet;Projekt;Motpart;Period;Text;Belopp\r\n");
      for (let r = 0; r < rows; r++) {
        const x = rowAt(r, konton, next, false);
        const text = TEXTS[r % TEXTS.length]!;
        const belopp = (x.ore / 100).toFixed(2).replace(".", ",");
        w.add(
          `${x.centre};Verksamhet ${x.centre.slice(0, 2)};${x.account};A${r % 7};P${r % 13};${r % 3 ? "Extern" : "Intern"};${YEAR}${String(x.month).padStart(2, "0")};${text.includes(";") ? `"${text}"` : text};${belopp}\r\n`,
        );
      }
      await w.close();
    },
    // The bare loop splits on ";" (a quoted ";" shifts a row's fields: the sum is rough, the work is the same).
    bare: `import { createReadStream } from "node:fs";
let rows = 0, sum = 0, rest = "";
const decoder = new TextDecoder("windows-1252");
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  const lines = (rest + decoder.decode(chunk, { stream: true })).split("\\n");
  rest = lines.pop();
  for (const line of lines) {
    const f = line.split(";");
    const v = Number(f[f.length - 1].replace(",", "."));
    if (!Number.isNaN(v)) sum += v;
    rows++;
  }
}
console.log(\`\${rows} lines, sum \${Math.round(sum)}\`);
`,
  },
  {
    name: "SIE 4",
    ext: "se",
    version: 2,
    async write(path, rows) {
      const konton = accounts(30);
      const next = random(4);
      const w = writer(path, encodeCp437);
      w.add(sieHeader(CENTRES, konton, { year: YEAR }).join("\r\n") + "\r\n");
      let no = 0;
      for (let r = 0; r < rows;) {
        // Four rows of one ansvar and month per verifikation, and its counter-entry; the verifikationer go round
        // the ansvar (every ansvar gets utfall), a month after each round.
        const first = { ...rowAt(r, konton, next, false), ...placeOf(no) };
        const date = `${YEAR}${String(first.month).padStart(2, "0")}15`;
        w.add(`#VER "A" "${++no}" ${date} "Leverantörsfaktura ${no}" ${date}\r\n{\r\n`);
        let sum = 0;
        for (let i = 0; i < 4 && r < rows; i++, r++) {
          const x = i === 0 ? first : { ...rowAt(r, konton, next, false), centre: first.centre, month: first.month };
          w.add(`   #TRANS ${x.account} {1 "${x.centre}"} ${kr(x.ore)}\r\n`);
          sum += x.ore;
        }
        w.add(`   #TRANS ${sum >= 0 ? "2440" : "1930"} {} ${kr(-sum)}\r\n}\r\n`);
      }
      await w.close();
    },
    // The bare loop: lines decoded as Latin-1 (one byte a character, as codepage 437), the belopp after each
    // #TRANS row's object list.
    bare: `import { createReadStream } from "node:fs";
let rows = 0, sum = 0, rest = "";
const decoder = new TextDecoder("latin1");
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  const lines = (rest + decoder.decode(chunk, { stream: true })).split("\\n");
  rest = lines.pop();
  for (const line of lines) {
    if (!line.startsWith("   #TRANS")) continue;
    const at = line.indexOf("} ") + 2;
    const v = Number(line.slice(at, line.indexOf(" ", at) >>> 0));
    if (!Number.isNaN(v)) sum += v;
    rows++;
  }
}
console.log(\`\${rows} rows, sum \${Math.round(sum)}\`);
`,
  },
];

async function ensure(shape: Shape, rows: number): Promise<string> {
  const path = join(BENCH_DIR, `shape${shape.version ?? ""}-${shape.name.replace(/\W+/g, "-")}-${rows}.${shape.ext}`);
  if (existsSync(path)) return path;
  const started = performance.now();
  await shape.write(`${path}.part`, rows);
  renameSync(`${path}.part`, path);
  console.log(
    `generated ${shape.name} ${rows.toLocaleString("en-US")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return path;
}

async function ensureBook(): Promise<string> {
  await mkdir(BENCH_DIR, { recursive: true });
  const book = join(BENCH_DIR, `bok-${COST_CENTRES}-ansvar.xlsx`);
  if (!existsSync(book))
    await writeBook(
      book,
      generateLedger({ rows: 0, costCentres: COST_CENTRES, areas: AREAS, year: YEAR, months: 8 }),
      false,
    );
  return book;
}

function bareScript(shape: Shape): string {
  const path = join(BENCH_DIR, `bare-shape-${shape.name.replace(/\W+/g, "-")}.mjs`);
  writeFileSync(path, shape.bare);
  return path;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function full(book: string, file: string, report: string): Measurement {
  rmSync(report, { force: true });
  return measureNode(CLI, ["prognos", book, "--utfall", file, "--out", report]);
}

/** Best of `times` runs of each, the bare loop and the full path taking turns. */
function alternate(
  shape: Shape,
  book: string,
  file: string,
  times: number,
): { bare: Measurement; full: Measurement; peaks: string } {
  const bares: Measurement[] = [];
  const fulls: Measurement[] = [];
  const report = join(BENCH_DIR, `rapport-shape.xlsx`);
  for (let i = 0; i < times; i++) {
    bares.push(measureNode(bareScript(shape), [file]));
    fulls.push(full(book, file, report));
  }
  // The fastest run, with the least CPU time of all runs (the machine is shared: the slower runs measure the neighbours).
  const best = (ms: Measurement[]): Measurement => ({
    ...ms.reduce((a, b) => (b.ms < a.ms ? b : a)),
    cpuMs: Math.min(...ms.map((m) => m.cpuMs)),
  });
  const p = fulls.map((m) => m.peakMb);
  return {
    bare: best(bares),
    full: best(fulls),
    peaks: Math.min(...p) === Math.max(...p) ? `${p[0]} MB` : `${Math.min(...p)}-${Math.max(...p)} MB`,
  };
}

export async function run(): Promise<void> {
  buildCli();
  const book = await ensureBook();
  const rows = Number(process.env.BENCH_SHAPE_ROWS ?? 1_000_000);
  const only = process.env.BENCH_SHAPES?.split(",");
  const shapes = SHAPES.filter((x) => !only || only.some((o) => x.name.startsWith(o)));
  for (const shape of shapes) {
    const file = await ensure(shape, rows);
    const m = alternate(shape, book, file, 3);
    console.log(
      `shape ${shape.name}, ${rows.toLocaleString("en-US")} rows: bare loop ${s(m.bare.ms)}, CPU ${s(m.bare.cpuMs)} (${m.bare.stdout}, peak ${m.bare.peakMb} MB); ` +
        `full path ${s(m.full.ms)}, CPU ${s(m.full.cpuMs)}, peak RSS ${m.peaks} (goal < 200 MB); ratio ${(m.full.ms / m.bare.ms).toFixed(2)} (goal <= 2.0), CPU ${(m.full.cpuMs / m.bare.cpuMs).toFixed(2)}; ${phases(m.full)}`,
    );
  }
  if (process.env.BENCH_CURVE === "0") return;
  for (const shape of shapes) {
    for (const n of [100_000, 1_000_000, 4_000_000]) {
      const file = await ensure(shape, n);
      const m = alternate(shape, book, file, 1);
      console.log(
        `curve ${shape.name}, ${n.toLocaleString("en-US")} rows: full path ${s(m.full.ms)}, CPU ${s(m.full.cpuMs)}, peak RSS ${m.full.peakMb} MB; ` +
          `bare loop ${s(m.bare.ms)}, CPU ${s(m.bare.cpuMs)}, peak ${m.bare.peakMb} MB; ratio ${(m.full.ms / m.bare.ms).toFixed(2)}, CPU ${(m.full.cpuMs / m.bare.cpuMs).toFixed(2)}`,
      );
    }
  }
}
