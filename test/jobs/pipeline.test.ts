/**
 * The shared job pipeline on the example workbook, through nothing but the reader interface: the same results
 * and sheets for the command line and the task pane, and every input error at once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { exampleSeed } from "../e2e/seed";
import type { Seed } from "../fakes/excel";
import { actionPlanJob, prognosisJob, volumeJob } from "../../src/jobs/calculators";
import { fullReport } from "../../src/jobs/namnd";
import { budgetVersionLabel, startJob } from "../../src/jobs/run";
import { DEFAULT_SETTINGS, type ReadSettings } from "../../src/input/settings";
import type { SheetData, WorkbookReader } from "../../src/workbook/types";

const settings: ReadSettings = { ...DEFAULT_SETTINGS, year: 2021, month: 8 };

function reader(seed: Seed): WorkbookReader {
  const sheet = (name: string): SheetData => ({
    sheet: name,
    origin: { row: 0, column: 0 },
    values: seed[name]! as SheetData["values"],
  });
  return {
    sheetNames: async () => Object.keys(seed),
    tables: async () => [],
    readSheet: async (name) => sheet(name),
    readTable: async (name) => sheet(name),
  };
}

let seed: Seed;
beforeAll(async () => {
  seed = await exampleSeed();
});

describe("job pipeline", () => {
  it("calculates and lays out every report of the example workbook", async () => {
    const run = await startJob(reader(seed), settings, "test");
    const report = fullReport(run);
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const { prognosis, volume, actionPlan, namnd, layouts } = report.value;
    expect(layouts.map((l) => l.name)).toEqual([
      "Sammanfattning",
      "Prognos per ansvar",
      "Resultaträkning",
      "Kommentarer",
      "Budgetkoll_kommentarer_gen",
      "Organisatorisk fördelning",
      "Bilaga per ansvar",
      "Avvikelseförklaringar",
      "Investeringsuppföljning",
      "Volymbudget",
      "Åtgärdsplan",
    ]);
    // Bokslut 2019 and 2020 of seed 000's Organisatorisk fördelning beside this year's prognosis.
    const total = namnd.statements!.split.rows.at(-1)!;
    expect([
      total.label,
      ...["bokslut-2019", "bokslut-2020", "budget", "prognos"].map(
        (id) => (total.cells[id] as { value: number }).value,
      ),
    ]).toEqual(["Summa verksamhet", 206_147_000, 220_127_000, 216_123_000, 216_123_000]);
    expect(prognosis.result.total.varianceFullYear).toBe(0);
    const deficits = prognosis.result.rows
      .filter((r) => r.depth === 0 && r.varianceFullYear < 0)
      .map((r) => [r.name, r.varianceFullYear]);
    expect(deficits).toEqual([
      ["Individ och familjeomsorg", -2_050_000],
      ["Socialt stöd", -1_800_000],
    ]);
    expect(volume?.input.lines).toHaveLength(6);
    expect(actionPlan?.input.measures).toHaveLength(22);
    expect(
      Object.values(namnd.commentary.texts).filter((t) => t.startsWith("Socialnämnden prognostiserar")),
    ).toHaveLength(1);
    expect(namnd.explanations?.length).toBeGreaterThan(0);
    expect(namnd.investments?.groups.length).toBeGreaterThan(0);
    // The summary and the prognosis name the same budget version.
    const version = `Budgetversion: ${budgetVersionLabel(prognosis.result.budgetVersion)}.`;
    for (const l of layouts.slice(0, 2)) expect(l.meta.join(" ")).toContain(version);
    // So do the commentary, the explanations and the resultaträkning (its Budget column, from Budget per konto, is
    // the same budget): one version per run; sheets that measure against no budget version (the volumes) name none.
    const byName = new Map(layouts.map((l) => [l.name, l.meta.join(" ")]));
    expect(version).toBe("Budgetversion: gällande budget.");
    for (const name of [
      "Kommentarer",
      "Avvikelseförklaringar",
      "Resultaträkning",
      "Organisatorisk fördelning",
      "Bilaga per ansvar",
    ])
      expect(byName.get(name), name).toContain(version);
    for (const name of ["Volymbudget", "Åtgärdsplan"]) expect(byName.get(name)).not.toContain("Budgetversion");
  });

  it("gives the errors of every calculator's sheets at once, with what was read", async () => {
    const broken = { ...seed, Budget: seed.Budget!.map((r, i) => (i === 4 ? [r[0]!, "12 tkr?", ...r.slice(2)] : r)) };
    const run = await startJob(reader(broken), settings, "test");
    const p = prognosisJob(run);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.find((e) => e.cell === "B5")?.sheet).toBe("Budget");
    expect(p.read?.recognised.map((r) => r.sheet)).toContain("Budget");
    expect(volumeJob(run).ok).toBe(true);
    const report = fullReport(run);
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.errors.filter((e) => e.cell === "B5" && e.sheet === "Budget")).toHaveLength(1);
    expect(actionPlanJob(run).ok).toBe(false);
  });
});
