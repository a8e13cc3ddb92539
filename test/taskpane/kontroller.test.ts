/**
 * One Kontroller list for a run, wherever it is shown: the command line (its JSON, and the terminal before the
 * tables), the sheet Kontroller of the report, and the task pane, for the same workbook: the same entries in the
 * same order. And Strikt: a warning stops the run on both edges, nothing written.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkbook, installExcelFake, type Seed } from "../fakes/excel";
import { exampleSeed } from "../e2e/seed";
import { EXIT_INPUT, EXIT_OK, runCli } from "../../src/cli/main";
import { readSettingsSheet } from "../../src/input/settings";
import { checkLine, type Check } from "../../src/report/kontroller";
import { excelHost } from "../../src/taskpane/host";
import { defaultSettings, runJob, type Settings } from "../../src/taskpane/jobs";
import { ExcelJsReader } from "../../src/workbook/exceljs/reader";

const EXAMPLE = join(__dirname, "../../examples/herrljunga-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-kontroller-"));
/** The example with a mistyped ansvar on the Prognos sheet (421 -> 999) and a name that is no setting. */
const MISTYPED = join(dir, "felskrivet.xlsx");

let uninstall = () => {};
afterEach(() => uninstall());

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  wb.getWorksheet("Prognos")!.getCell("A5").value = "999";
  wb.getWorksheet("Inställningar")!.addRow(["Färg", "blå"]);
  await wb.xlsx.writeFile(MISTYPED);
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** The task pane on the workbook, with the settings its sheet Inställningar gives (as the pane reads them at start). */
async function pane(path: string, patch: Partial<Settings> = {}) {
  const seed: Seed = await exampleSeed(path);
  uninstall = installExcelFake(globalThis, createWorkbook(seed));
  const fromSheet = await readSettingsSheet(await ExcelJsReader.fromFile(path));
  return runJob(
    "prognosis",
    excelHost(),
    { ...defaultSettings(new Date(2021, 8, 10)), ...fromSheet, ...patch },
    { kind: "auto" },
  );
}

/** What a list entry says and where: the fields both edges show. */
const shown = (c: Check) => ({ sheet: c.sheet, cell: c.cell, message: c.message, amount: c.amount });

describe("Kontroller", () => {
  it("is the same list, in the same order, on the command line and in the task pane", async () => {
    const ran = await cli("rapport", MISTYPED, "--out", join(dir, "felskrivet-rapport.xlsx"), "--json", "--tyst");
    expect(ran.code).toBe(EXIT_OK);
    const fromCli = (JSON.parse(ran.stdout) as { kontroller: Check[] }).kontroller;
    const fromPane = await pane(MISTYPED);
    expect(fromPane.ok).toBe(true);
    expect(fromPane.checks.map(shown)).toEqual(fromCli.map(shown));
    // 421 has lost its forecast (its budget, 25 961 tkr, rests on a proposal), and the mistyped ansvar carries
    // 421's forecast, 24 661 tkr, with no budget: the two largest amounts, first, the second at its cell.
    expect(fromCli.slice(0, 2).map((c) => [c.sheet, c.cell, c.amount])).toEqual([
      ["Prognos", undefined, 25_961_000],
      ["Prognos", "A5", 24_661_000],
    ]);
    expect(fromCli[1]!.message).toMatch(/^ansvar "999" finns inte på bladet Ansvar/);
    // The name that is no setting has no amount: after every amount.
    const settingAt = fromCli.findIndex((c) => c.sheet === "Inställningar" && c.cell === "A11");
    expect(settingAt).toBeGreaterThan(0);
    expect(fromCli.slice(settingAt).every((c) => c.amount === undefined)).toBe(true);
    // Ranked: the amounts never rise down the list.
    const amounts = fromCli.flatMap((c) => (c.amount === undefined ? [] : [c.amount]));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it("is printed before the tables and written as the sheet Kontroller right after Sammanfattning, each cell a link", async () => {
    const out = join(dir, "rapport.xlsx");
    const lines: { stream: string; text: string }[] = [];
    const code = await runCli(["rapport", MISTYPED, "--out", out, "--tyst"], {
      stdout: (t) => lines.push({ stream: "out", text: t }),
      stderr: (t) => lines.push({ stream: "err", text: t }),
    });
    expect(code).toBe(EXIT_OK);
    const heading = lines.findIndex((l) => l.text.startsWith("Att kontrollera ("));
    const tables = lines.findIndex((l) => l.stream === "out");
    expect(heading).toBeGreaterThanOrEqual(0);
    expect(heading).toBeLessThan(tables);
    // All of them, not the first 20.
    const fromPane = await pane(MISTYPED);
    expect(lines[heading]!.text).toBe(`Att kontrollera (${fromPane.checks.length}), störst belopp först:`);
    expect(lines.slice(heading + 1, heading + 1 + fromPane.checks.length).map((l) => l.text)).toEqual(
      fromPane.checks.map((c) => `  ${checkLine(c)}`),
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const visible = wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
    expect(visible.slice(0, 3)).toEqual(["Sammanfattning", "Kontroller", "Prognos per ansvar"]);
    const sheet = wb.getWorksheet("Kontroller")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === "Nr");
    expect(rows[header]).toEqual(["Nr", "Belopp", "Blad", "Cell", "Att kontrollera"]);
    expect(rows.length - header - 1).toBeGreaterThanOrEqual(fromPane.checks.length);
    // Kronor in the cell, shown in tkr; the setting's cell is a link into the input workbook beside the report.
    expect(rows[header + 1]![1]).toBe(25_961_000);
    expect(rows[header + 2]!.slice(1, 4)).toEqual([
      24_661_000,
      "Prognos",
      { formula: `HYPERLINK("felskrivet.xlsx#'Prognos'!A5","A5")`, result: "A5" },
    ]);
    const setting = rows.findIndex((r) => r[2] === "Inställningar");
    expect(rows[setting]![3]).toEqual({
      formula: `HYPERLINK("felskrivet.xlsx#'Inställningar'!A11","A11")`,
      result: "A11",
    });
  });

  it("with --strikt, or the setting Strikt in the task pane, stops on a warning and writes nothing", async () => {
    const out = join(dir, "strikt.xlsx");
    const ran = await cli("prognos", MISTYPED, "--out", out, "--tyst", "--strikt");
    expect(ran.code).toBe(EXIT_INPUT);
    expect(existsSync(out)).toBe(false);
    expect(ran.stderr).toContain("Strikt: ");
    expect(ran.stderr).toContain('Blad "Prognos", cell A5: ansvar "999" finns inte på bladet Ansvar');
    // The example itself has only rounding gaps (shown, not faults): Strikt lets it through.
    expect((await cli("rapport", EXAMPLE, "--out", join(dir, "strikt-exempel.xlsx"), "--tyst", "--strikt")).code).toBe(
      EXIT_OK,
    );

    const stopped = await pane(MISTYPED, { strict: true });
    expect(stopped.ok).toBe(false);
    expect(stopped.written).toEqual([]);
    expect(stopped.errors[0]!.message).toMatch(/^Strikt: \d+ varningar räknas som fel och ingenting skrevs/);
  });
});
