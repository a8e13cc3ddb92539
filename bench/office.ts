/**
 * The Office.js writer and reader on the fake Excel (test/fakes/excel): round trips (`context.sync()` calls)
 * and payload (characters of JSON per request/response, as Excel on the web counts them against its 5 MB limit)
 * for 1,000 and 10,000-row prognosis reports, written afresh and rewritten (as the task pane does: the check for
 * the user's edits and the write in one pass; and once more after the user edited the sheet and answered "replace"),
 * and for reading a 100,000-row ledger.
 * Rerun: `npx tsx bench/office.ts` (or `npm run bench`).
 */
import { createWorkbook, installExcelFake, syncSummary, type WorkbookState } from "../test/fakes/excel";
import { setCell } from "../test/fakes/excel/state";
import { ledger, prognosisReport } from "../test/workbook/office/sampleReport";
import { OfficeReader } from "../src/workbook/office/reader";
import { OfficeWriter } from "../src/workbook/office/writer";

function line(what: string, state: WorkbookState, ms: number): string {
  const s = syncSummary(state);
  const responses = Math.max(0, ...state.syncs.map((x) => x.responseBytes));
  return `office ${what}: ${s.syncs} round trips, largest request ${s.maxRequestBytes} B, all requests ${s.totalRequestBytes} B, largest response ${responses} B (${Math.round(ms)} ms on the fake)`;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await f();
  return performance.now() - started;
}

export async function run(): Promise<void> {
  for (const rows of [1_000, 10_000]) {
    const layout = prognosisReport(rows);
    const state = createWorkbook({ Indata: [["indata"]] });
    const uninstall = installExcelFake(globalThis, state);
    try {
      const writer = new OfficeWriter();
      let ms = await timed(() => writer.writeSheets([layout], { onEdited: "fail" }));
      console.log(line(`writer, ${layout.tables[0]!.rows.length}-row report, new sheet`, state, ms));
      // Rewritten as the task pane does it: the check for the user's edits and the write share one read.
      state.syncs = [];
      ms = await timed(() => writer.writeSheets([layout], { onEdited: async () => "cancel" }));
      console.log(
        line(`writer, ${layout.tables[0]!.rows.length}-row report, replacing its own sheet (check + write)`, state, ms),
      );
      // The user had edited it: asked, answered "replace", the sheets are looked at and read again, then written.
      setCell(
        state.sheets.find((x) => x.name === layout.name)!,
        0,
        0,
        "ändrad",
      );
      state.syncs = [];
      ms = await timed(() => writer.writeSheets([layout], { onEdited: async () => "replace" }));
      console.log(
        line(
          `writer, ${layout.tables[0]!.rows.length}-row report, replacing its own sheet the user edited (asked: replace)`,
          state,
          ms,
        ),
      );
    } finally {
      uninstall();
    }
  }
  const state = createWorkbook({ Huvudbok: ledger(100_000) });
  const uninstall = installExcelFake(globalThis, state);
  try {
    const ms = await timed(() => new OfficeReader().readSheet("Huvudbok"));
    console.log(line("reader, 100000-row ledger (5 columns)", state, ms));
  } finally {
    uninstall();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
