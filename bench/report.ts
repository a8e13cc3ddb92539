/**
 * Bench: the per-ansvar report for 2,000 ansvar: from the ledger aggregated per ansvar x month (as the
 * command line hands it to the calculator) to the written .xlsx, in its steps: calculate, lay out (the report's
 * rows, formulas and formats), build the sheet with exceljs, zip it to a buffer; and beside exceljs, the same
 * sheet as the command line writes a new report file, directly (reportFile.ts). Median of 5 runs, in-process, and
 * the first run of each writer (a command line run writes once, with V8 not yet warm on the writer's code).
 */
import ExcelJS from "exceljs";
import { calculatePrognosis, type ActualRow, type PrognosisInput } from "../src/core/prognosis";
import { buildPrognosisSheet } from "../src/report/prognosisSheet";
import { reportFile } from "../src/workbook/exceljs/reportFile";
import { ExcelJsWriter } from "../src/workbook/exceljs/writer";
import { generateLedger } from "./ledger";

const COST_CENTRES = 2_000;
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One row per ansvar x period, summed over konto: what the streaming path gives the calculator. */
function aggregate(rows: readonly ActualRow[]): ActualRow[] {
  const sums = new Map<string, ActualRow>();
  for (const r of rows) {
    const key = `${r.costCentre}\u0001${r.period}`;
    const s = sums.get(key);
    sums.set(key, { costCentre: r.costCentre, period: r.period, amount: (s?.amount ?? 0) + r.amount });
  }
  return [...sums.values()];
}

export async function run(): Promise<void> {
  const ledger = generateLedger({ rows: 1_000_000, costCentres: COST_CENTRES, areas: 8, year: 2021, months: 8 });
  const input: PrognosisInput = {
    year: 2021,
    month: 8,
    costCentres: ledger.costCentres,
    budgets: ledger.budgets,
    actuals: aggregate(ledger.actuals),
    proposalMethod: "runRate",
  };
  const meta = { runDate: "2021-09-10", source: "bench", signConventionLabel: "Kostnader positiva" };
  const steps = {
    calculate: [] as number[],
    layout: [] as number[],
    sheet: [] as number[],
    zip: [] as number[],
    direct: [] as number[],
  };
  let directBytes = 0;
  let bytes = 0;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const lap = (into: number[]) => {
      const now = performance.now();
      into.push(now - t);
      t = now;
    };
    const result = calculatePrognosis(input);
    lap(steps.calculate);
    const layout = buildPrognosisSheet(result, meta);
    lap(steps.layout);
    const wb = new ExcelJS.Workbook();
    await new ExcelJsWriter(wb).writeSheets([layout], { onEdited: "fail" });
    lap(steps.sheet);
    const buffer = await wb.xlsx.writeBuffer({ zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } });
    lap(steps.zip);
    directBytes = reportFile([layout], "2021-09-10T08:00:00").length;
    lap(steps.direct);
    bytes = buffer.byteLength;
    rows = layout.tables[0]!.rows.length;
  }
  const ms = (xs: number[]) => `${Math.round(median(xs))} ms`;
  const total = steps.calculate.map((_, i) => steps.calculate[i]! + steps.layout[i]! + steps.sheet[i]! + steps.zip[i]!);
  console.log(
    `per-ansvar report, ${COST_CENTRES.toLocaleString("en-US")} ansvar (${input.actuals.length.toLocaleString("en-US")} ansvar x month rows in, ${rows.toLocaleString("en-US")} report rows, ${Math.round(bytes / 1024)} KB .xlsx): ` +
      `${ms(total)} in all = calculate ${ms(steps.calculate)} + lay out ${ms(steps.layout)} + exceljs sheet ${ms(steps.sheet)} + zip ${ms(steps.zip)} (median of ${RUNS} runs; ` +
      `first run: exceljs sheet and zip ${ms([steps.sheet[0]! + steps.zip[0]!])})`,
  );
  console.log(
    `per-ansvar report written directly (reportFile, the command line's new file, ${Math.round(directBytes / 1024)} KB): ${ms(steps.direct)} (median of ${RUNS} runs; first run ${ms([steps.direct[0]!])})`,
  );
}
