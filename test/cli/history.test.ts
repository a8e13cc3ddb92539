/**
 * The forecast history on the command line: it lives in the report file. Month 7's run saves its
 * forecasts there; month 8's run reads them back as the previous forecast. An own sheet the user edited in the
 * report file stops the run with a message naming it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { PrognosisResult } from "../../src/core/prognosis";
import { EXIT_FAILED, EXIT_OK, runCli } from "../../src/cli/main";
import { FORECAST_HISTORY_SHEET } from "../../src/report/forecastHistory";

const EXAMPLE = join(__dirname, "../../examples/herrljunga-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-history-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("budgetkoll prognos with the forecast history of the report file", () => {
  it("gives month 8 the change against month 7 per ansvar, and refuses to overwrite an edited sheet", async () => {
    const report = join(dir, "rapport.xlsx");
    expect((await cli("prognos", EXAMPLE, "--manad", "7", "--out", report, "--tyst")).code).toBe(EXIT_OK);

    // In August 461 raises its forecast from 16 393 to 16 893 tkr and 421 lowers it from 24 661 to 24 361 tkr.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const prognos = wb.getWorksheet("Prognos")!;
    prognos.eachRow((row) => {
      const key = String(row.getCell(1).value);
      if (key === "461") row.getCell(2).value = 16_893;
      if (key === "421") row.getCell(2).value = 24_361;
    });
    const august = join(dir, "augusti.xlsx");
    await wb.xlsx.writeFile(august);
    const ran = await cli("prognos", august, "--manad", "8", "--out", report, "--json", "--tyst");
    expect(ran.code).toBe(EXIT_OK);
    const result = (JSON.parse(ran.stdout) as { prognosis: PrognosisResult }).prognosis;
    const change = new Map(result.rows.map((r) => [r.key, r.forecastChange]));
    expect(change.get("461")).toBe(500_000);
    expect(change.get("421")).toBe(-300_000);
    expect(change.get("440")).toBe(0);
    expect(result.total.forecastChange).toBe(200_000);

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(report);
    const history = back.getWorksheet(FORECAST_HISTORY_SHEET)!;
    expect(history.state).toBe("hidden");
    const saved: [unknown, unknown][] = [];
    history.eachRow((row) => {
      if (row.getCell(3).value === "461") saved.push([row.getCell(2).value, row.getCell(4).value]);
    });
    expect(saved).toEqual([
      [7, 16_393_000],
      [8, 16_893_000],
    ]);

    // The controller edits the report sheet in the report file: the next run stops and names it.
    back.getWorksheet("Prognos per ansvar")!.getCell("A1").value = "Min rubrik";
    await back.xlsx.writeFile(report);
    const refused = await cli("prognos", august, "--manad", "8", "--out", report, "--tyst");
    expect(refused.code).toBe(EXIT_FAILED);
    expect(refused.stderr).toContain(`Bladet "Prognos per ansvar" i ${report} har ändrats sedan Budgetkoll skrev det.`);
    expect(refused.stderr).toContain("--out");
  });
});
