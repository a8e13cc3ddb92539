/** Missing is not zero: a follow-up without the previous year's outcome shows it missing, never 0. */
import { describe, expect, it } from "vitest";
import { calculatePrognosis, type PrognosisInput } from "../../src/core/prognosis";
import { prognosisTable } from "../../src/cli/table";
import { prognosisChecks } from "../../src/report/kontroller";
import { buildPrognosisSheet, PROGNOSIS_COLUMNS } from "../../src/report/prognosisSheet";
import { HERRLJUNGA_META } from "./herrljunga";

const centres = [
  { key: "1", name: "Område" },
  { key: "10", name: "Enhet A", parentKey: "1" },
  { key: "11", name: "Enhet B", parentKey: "1" },
];
const input = (over: Partial<PrognosisInput>): PrognosisInput => ({
  year: 2021,
  month: 8,
  costCentres: centres,
  budgets: [
    { costCentre: "10", annual: 1_200_000 },
    { costCentre: "11", annual: 600_000 },
  ],
  actuals: [
    { costCentre: "10", period: "2021-08", amount: 800_000 },
    { costCentre: "11", period: "2021-08", amount: 400_000 },
  ],
  proposalMethod: "runRate",
  ...over,
});
const col = (id: string) => PROGNOSIS_COLUMNS.findIndex((c) => c.id === id);

describe("previous year's outcome missing", () => {
  it("core: undefined on every row and the total when the input has none, never 0", () => {
    const r = calculatePrognosis(input({}));
    expect(r.rows.map((x) => x.actualLastYear)).toEqual([undefined, undefined, undefined]);
    expect(r.total.actualLastYear).toBeUndefined();
    expect(r.rows.find((x) => x.key === "10")!.own!.actualLastYear).toBeUndefined();
  });

  it("core: a unit without it is undefined, the sums hold the units that have it", () => {
    const r = calculatePrognosis(
      input({ lastYearActuals: [{ costCentre: "10", period: "2020-05", amount: 700_000 }] }),
    );
    const by = (k: string) => r.rows.find((x) => x.key === k)!;
    expect(by("10").actualLastYear).toBe(700_000);
    expect(by("11").actualLastYear).toBeUndefined();
    expect(by("1").actualLastYear).toBe(700_000);
    expect(r.total.actualLastYear).toBe(700_000);
  });

  it('sheet and terminal show "-", no SUM over it, and one info note in the Kontroller', () => {
    const r = calculatePrognosis(input({}));
    const layout = buildPrognosisSheet(r, HERRLJUNGA_META);
    const t = layout.tables[0]!;
    for (const row of t.rows) expect(row.cells[col("actualLastYear")]).toEqual({ value: "-" });
    const lines = prognosisTable(r).split("\n");
    const enhetA = lines.find((l) => l.includes("Enhet A"))!;
    expect(enhetA.trim().split(/\s{2,}/)[1]).toBe("-");
    const notes = prognosisChecks(r, layout).filter((c) => c.message.includes("föregående års utfall"));
    expect(notes).toEqual([
      {
        sheet: "Prognos per ansvar",
        cell: `C${t.headerRow + 1}`,
        message:
          'föregående års utfall (2020) saknas i indata: kolumnen "Utfall fg år t.o.m. period" visar "-", inte 0.',
        inReport: true,
        info: true,
      },
    ]);
  });

  it("sheet: a unit without it shows -, the subtotal sums the units that have it", () => {
    const r = calculatePrognosis(
      input({ lastYearActuals: [{ costCentre: "10", period: "2020-05", amount: 700_000 }] }),
    );
    const t = buildPrognosisSheet(r, HERRLJUNGA_META).tables[0]!;
    const cellOf = (name: string) =>
      t.rows.find((x) => x.cells[col("name")]!.value === name)!.cells[col("actualLastYear")]!;
    expect(cellOf("Enhet A").value).toBe(700_000);
    expect(cellOf("Enhet B").value).toBe("-");
    expect(cellOf("Område").value).toBe(700_000);
    expect(cellOf("Område").formula).toMatch(/^SUM\(/);
    expect(prognosisChecks(r, buildPrognosisSheet(r, HERRLJUNGA_META)).map((c) => c.message)).toContain(
      'föregående års utfall (2020) saknas för 1 ansvar: deras rader i kolumnen "Utfall fg år t.o.m. period" visar "-", inte 0, och summorna gäller ansvaren som har utfall.',
    );
  });
});
