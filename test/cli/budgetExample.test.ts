/**
 * The bundled budgetberedning example: `budgetkoll budget examples/budget-2024.xlsx` builds budget 2024 with plan
 * 2025-2026, its bridge adds up to the krona, and its Budget sheet is read back by `prognos` unchanged.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BudgetBuildingResult } from "../../src/core/budgetBuilding";
import type { PrognosisResult } from "../../src/core/prognosis";
import { EXIT_OK, runCli } from "../../src/cli/main";

const EXAMPLE = join(__dirname, "../../examples/budget-2024.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-budget-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const ore = (kr: number): number => Math.round(kr * 100);

describe("budgetkoll budget on the bundled example", () => {
  const report = join(dir, "budget-rapport.xlsx");
  let result: BudgetBuildingResult;
  let text: string;
  beforeAll(async () => {
    const ran = await cli("budget", EXAMPLE, "--out", report, "--json");
    expect(ran.code, ran.stderr).toBe(EXIT_OK);
    result = (JSON.parse(ran.stdout) as { result: BudgetBuildingResult }).result;
    text = (await cli("budget", EXAMPLE, "--out", join(dir, "text.xlsx"))).stdout;
  }, 60_000);

  it("builds budget 2024 and its plan years from budget 2023", () => {
    expect(result.years).toEqual([2024, 2025, 2026]);
    expect(result.total.base).toBe(435_000_000);
    expect(result.total.amounts).toEqual([459_589_000, 475_299_030, 491_322_657.9]);
    expect(text).toMatch(/Äldreomsorg +193 000 +198 000 +209 694 +219 399 +229 331/);
  });

  it("bridges every year to the krona", () => {
    for (const b of result.bridges) expect(ore(b.from) + b.rows.reduce((s, x) => s + ore(x.amount), 0)).toBe(ore(b.to));
    const first = result.bridges[0]!;
    expect(first.rows.find((x) => x.name === "Volym Särskilt boende")!.amount).toBe(4 * 346.75 * 2000);
    expect(first.rows.find((x) => x.kind === "transfer")!.amount).toBe(0);
    expect(first.rows.find((x) => x.kind === "wage")!.amount).toBe(10_675_000);
  });

  it("reconciles the ram 2023-2024 and reports the plan years' gap", () => {
    const gaps = result.findings.filter((f) => f.code === "ramDifference").map((f) => [f.year, f.budget - f.ram]);
    expect(gaps.map(([y, d]) => [y, Math.round(d! / 1000)])).toEqual([
      [2025, 1200],
      [2026, 2500],
    ]);
  });

  it("writes next year's Budget sheet that prognos reads back unchanged", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    // Next year's workbook: the Budget and Budgetversioner sheets copied as they are, a settings sheet, and an
    // Utfall with one booking so the run has a ledger.
    const next = new ExcelJS.Workbook();
    for (const [from, to] of [
      ["Budget 2024", "Budget"],
      ["Budgetversioner 2024", "Budgetversioner"],
    ] as const) {
      const ws = next.addWorksheet(to);
      wb.getWorksheet(from)!.eachRow((row, n) => {
        row.eachCell((cell, c) => {
          const v = cell.value;
          ws.getCell(n, c).value = v !== null && typeof v === "object" && "result" in v ? (v.result as number) : v;
        });
      });
    }
    const settings = next.addWorksheet("Inställningar");
    settings.addRow(["Inställning", "Värde"]);
    settings.addRow(["År", 2024]);
    settings.addRow(["Månad", 1]);
    const utfall = next.addWorksheet("Utfall");
    utfall.addRow(["Ansvar", "Konto", "Period", "Belopp"]);
    utfall.addRow(["Ledning", 4010, "2024-01", 1_500_000]);
    const path = join(dir, "bok-2024.xlsx");
    await next.xlsx.writeFile(path);
    const ran = await cli("prognos", path, "--out", join(dir, "prognos-2024.xlsx"), "--json");
    expect(ran.code, ran.stderr).toBe(EXIT_OK);
    const p = (JSON.parse(ran.stdout) as { prognosis: PrognosisResult }).prognosis;
    for (const area of result.byArea) {
      const row = p.rows.find((r) => r.name === area.key || r.key === area.key)!;
      expect(row, area.key).toBeDefined();
      expect(row.annualBudget, area.key).toBe(area.amounts[0]);
    }
    expect(p.total.annualBudget).toBe(result.total.amounts[0]);
    // January's phased budget: personalkostnader by their profile (8,4 of 100), the rest evenly.
    const ledning = p.rows.find((r) => r.name === "Ledning")!;
    const personnel = result.lines.find((l) => l.area === "Ledning" && l.costType === "Personalkostnader")!.amounts[0]!;
    const other = result.lines.find((l) => l.area === "Ledning" && l.costType === "Övriga kostnader")!.amounts[0]!;
    expect(ledning.phasedBudget).toBe(Math.round((personnel * 0.084 + other / 12) * 100) / 100);
  });
});
