/**
 * LibreOffice recalculates the budgetberedning's report of the bundled example: every formula a controller audits
 * (the Driftbudget's sums and changes, the Resultatbudget's sums and netto, the ram table, the bridge's totals,
 * the volume effects, next year's Budget helår as the sum of its months) gives the calculator's value.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_OK, runCli } from "../../src/cli/main";
import { convert, removeProfile } from "../helpers/libreoffice";

const EXAMPLE = join(__dirname, "../../examples/budget-2024.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-budget-lo-"));
const SHEETS = [
  "Driftbudget",
  "Resultatbudget per kostnadsslag",
  "Ramtabell",
  "Budgetbrygga",
  "Volymplan (budget)",
  "Budget 2024",
] as const;
const cached = new Map<string, number>();
let recalculated: ExcelJS.Workbook;

beforeAll(async () => {
  const report = join(dir, "budget.xlsx");
  const code = await runCli(["budget", EXAMPLE, "--out", report, "--tyst"], {
    stdout: () => undefined,
    stderr: () => undefined,
  });
  expect(code).toBe(EXIT_OK);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  for (const name of SHEETS)
    wb.getWorksheet(name)!.eachRow((row) =>
      row.eachCell((cell) => {
        if (!cell.formula || typeof cell.result !== "number") return;
        cached.set(`${name}!${cell.address}`, cell.result);
        cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
      }),
    );
  const uncached = join(dir, "utan-cache.xlsx");
  await wb.xlsx.writeFile(uncached);
  recalculated = new ExcelJS.Workbook();
  await recalculated.xlsx.readFile(convert(uncached, "xlsx", join(dir, "omraknad")));
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeProfile();
});

describe("LibreOffice recalculates the budget report", () => {
  it.each(SHEETS)("%s: every formula gives the calculator's value", (name) => {
    const formulas = [...cached].filter(([address]) => address.startsWith(`${name}!`));
    expect(formulas.length).toBeGreaterThan(0);
    const sheet = recalculated.getWorksheet(name)!;
    for (const [address, value] of formulas) {
      const cell = sheet.getCell(address.slice(name.length + 1));
      expect(typeof cell.result, address).toBe("number");
      expect(cell.result as number, address).toBeCloseTo(value, 2);
    }
  });

  it("recalculates the bridge's last total to the plan's last year", () => {
    const totals = [...cached].filter(([a]) => a.startsWith("Budgetbrygga!C"));
    expect(totals[totals.length - 1]![1]).toBe(491_322_657.9);
  });
});
