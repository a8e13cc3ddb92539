/**
 * The second bundled example (a names-only organisation, bokslut Månad 12): its golden figures per level, summed
 * here from the generator's data (scripts/namesExample.ts), against the product's prognosis to the krona.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { prognosisJob } from "../../src/jobs/calculators";
import { ledger, NAMES_AREAS, unitCell } from "../../scripts/namesExample";
import type { PrognosisResult } from "../../src/core/prognosis";
import { EXAMPLES, exampleSheets, runOf } from "../helpers/examples";

const FILE = "sjobacka-bokslut-2023.xlsx";

/** Budget, utfall and avvikelse in kronor per verksamhet (by path), per anslagsnivå and for the nämnd. */
function golden(): Map<string, { budget: number; actual: number; variance: number }> {
  const actualByCell = new Map<string, number>();
  for (const [cell, , , amount] of ledger()) actualByCell.set(cell, (actualByCell.get(cell) ?? 0) + amount);
  const out = new Map<string, { budget: number; actual: number; variance: number }>();
  const add = (key: string, budget: number, actual: number) => {
    const o = out.get(key) ?? { budget: 0, actual: 0, variance: 0 };
    out.set(key, { budget: o.budget + budget, actual: o.actual + actual, variance: o.variance + budget - actual });
  };
  for (const area of NAMES_AREAS) {
    for (const unit of area.units) {
      const budget = unit.budgetTkr * 1000;
      const actual = actualByCell.get(unitCell(area, unit))!;
      add(`${area.name} / ${unit.name}`, budget, actual);
      add(area.name, budget, actual);
      add("Summa", budget, actual);
    }
  }
  return out;
}

let result: PrognosisResult;
let warnings: string[];
beforeAll(async () => {
  const { run } = await runOf(await exampleSheets(FILE));
  const p = prognosisJob(run);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join("\n"));
  result = p.value.result;
  warnings = p.warnings.map((w) => w.message);
});

describe("the names-only example, bokslut 2023", () => {
  it("has five anslagsnivåer of four or five verksamheter, known by name only, two names under two parents", () => {
    const tops = result.rows.filter((r) => r.depth === 0);
    expect(tops.map((r) => r.name)).toEqual([
      "Nämnd och förvaltningsledning",
      "Individ- och familjeomsorg",
      "Äldreomsorg",
      "Personligt stöd och omsorg",
      "Socialpsykiatri",
    ]);
    for (const t of tops)
      expect([4, 5]).toContain(t.code === undefined ? result.rows.filter((r) => r.parentKey === t.key).length : -1);
    expect(result.rows.filter((r) => r.name === "Utskrivningsklara").map((r) => r.key)).toEqual([
      "Äldreomsorg / Utskrivningsklara",
      "Personligt stöd och omsorg / Utskrivningsklara",
    ]);
    expect(result.month).toBe(12);
  });

  it("reproduces its golden budget, utfall and avvikelse per level to the krona", () => {
    const expected = golden();
    const rows = [...result.rows, result.total];
    expect(rows.filter((r) => !r.flags.includes("unknownCostCentre"))).toHaveLength(expected.size);
    for (const r of rows) {
      const g = expected.get(r.key === "SUMMA" ? "Summa" : r.key);
      expect(g, r.key).toBeDefined();
      expect([r.key, r.annualBudget, r.actual, r.varianceToDate]).toEqual([r.key, g!.budget, g!.actual, g!.variance]);
      // At year end the phased budget is the annual budget and the outcome is the year's.
      expect([r.key, r.phasedBudget, r.forecast, r.varianceFullYear]).toEqual([
        r.key,
        g!.budget,
        g!.actual,
        g!.variance,
      ]);
    }
    // Figures written out, so a change to the generator shows here too.
    expect([result.total.annualBudget, result.total.actual, result.total.varianceFullYear]).toEqual([
      437_000_000, 446_966_410, -9_966_410,
    ]);
    const byName = new Map(result.rows.filter((r) => r.depth === 0).map((r) => [r.name, r.varianceFullYear]));
    expect(Object.fromEntries(byName)).toEqual({
      "Nämnd och förvaltningsledning": 314_907,
      "Individ- och familjeomsorg": -6_444_166,
      Äldreomsorg: -2_410_291,
      "Personligt stöd och omsorg": -1_298_599,
      Socialpsykiatri: -128_261,
    });
  });

  it("matches every key without a warning about keys", () => {
    expect(result.unmatched).toEqual([]);
    expect(warnings.filter((w) => /finns inte på bladet Ansvar|skrivs/.test(w))).toEqual([]);
  });

  it("runs from the command line as the README says, exit code 0", async () => {
    const out: string[] = [];
    const code = await runCli(["prognos", join(EXAMPLES, FILE)], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
    });
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("Äldreomsorg");
  });
});
