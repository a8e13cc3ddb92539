/**
 * The command line end to end: a workbook with a 200,000-row Utfall sheet (2,000 ansvar, jan-aug),
 * read, calculated and written as the per-ansvar report by the built command line (`node bin/budgetkoll.mjs
 * prognos`), in a child process of its own, measured as in ledgerStream.ts. Prints the time, the peak RSS and
 * where the time went. The workbook is generated once into .tmp/bench/ (not committed).
 */
import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { generateLedger } from "./ledger";
import { BENCH_DIR, measureCli, MONTH, phases, writeBook, YEAR } from "./ledgerStream";

export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_SHEET_ROWS ?? 200_000);
  const book = join(BENCH_DIR, `bok-med-utfall-${rows}.xlsx`);
  if (!existsSync(book)) {
    await mkdir(BENCH_DIR, { recursive: true });
    const started = performance.now();
    await writeBook(book, generateLedger({ rows, costCentres: 2000, areas: 8, year: YEAR, months: MONTH }), true);
    console.log(
      `generated a workbook with a ${rows.toLocaleString("en-US")}-row Utfall sheet in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const mb = (statSync(book).size / 1024 / 1024).toFixed(1);
  const m = measureCli(["prognos", book], join(BENCH_DIR, `rapport-${rows}.xlsx`));
  console.log(
    `cli end to end: ${rows.toLocaleString("en-US")}-row Utfall sheet (${mb} MB) to the per-ansvar report (2,000 ansvar): ${(m.ms / 1000).toFixed(1)} s, peak RSS ${m.peaks}; ${phases(m)}`,
  );
}
