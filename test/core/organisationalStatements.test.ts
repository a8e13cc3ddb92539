/**
 * The organisational statements' model without a reader: a middle level's Bokslut row as its own bookings, a
 * Budget written '-', the lines that have ended, and the split against the annex; warnings as data.
 */
import { describe, expect, it } from "vitest";
import {
  organisationalFindings,
  organisationalTables,
  type EarlierYearRow,
} from "../../src/core/organisationalStatements";
import { calculatePrognosis } from "../../src/core/prognosis";
import { cellValue, type StatementTable } from "../../src/core/statements";

// 40 Socialtjänst > 44 Vård och omsorg > 441 Hemtjänst landsbygd, 442 Hemtjänst tätort; August 2021.
const result = calculatePrognosis({
  year: 2021,
  month: 8,
  costCentres: [
    { key: "40", code: "40", name: "Socialtjänst" },
    { key: "44", code: "44", name: "Vård och omsorg", parentKey: "40" },
    { key: "441", code: "441", name: "Hemtjänst landsbygd", parentKey: "44" },
    { key: "442", code: "442", name: "Hemtjänst tätort", parentKey: "44" },
  ],
  budgets: [
    { costCentre: "441", annual: 800_000 },
    { costCentre: "442", annual: 400_000 },
  ],
  actuals: [
    { costCentre: "441", period: "2021-08", amount: 500_000 },
    { costCentre: "442", period: "2021-08", amount: 250_000 },
  ],
  forecasts: [
    { costCentre: "441", forecast: 780_000 },
    { costCentre: "442", forecast: 390_000 },
  ],
  proposalMethod: "runRate",
});

const SHEET = "Bokslut tidigare år";
const earlier = (key: string, net: number, row: number, budget?: number | null): EarlierYearRow => ({
  key,
  label: key,
  current: true,
  year: 2020,
  net,
  at: { sheet: SHEET, cell: `C${row}` },
  ...(budget === undefined ? {} : { budget, budgetAt: { sheet: SHEET, cell: `D${row}` } }),
});

/** Each row's label and its values by column, kronor ('-' for a missing value). */
const shown = (table: StatementTable): Record<string, (number | string | undefined)[]> =>
  Object.fromEntries(
    table.rows.map((r) => [
      r.label,
      table.columns
        .map((c) => c.id)
        .concat(table.variance ? [table.variance.id] : [])
        .map((id) => (r.cells[id]?.kind === "missing" ? "-" : cellValue(r.cells[id]))),
    ]),
  );

describe("organisationalTables", () => {
  it("a middle level's Bokslut row above its ansvar's rows: the difference is its own line, and a warning", () => {
    const t = organisationalTables(result, [
      earlier("44", 350_000, 2),
      earlier("441", 100_000, 3),
      earlier("442", 200_000, 4),
    ]);
    // Bokslut 2020, Budget 2021, Utfall 2021-08, Prognos 2021, Avvikelse helår.
    expect(shown(t.split)).toEqual({
      "40 Socialtjänst": [350_000, 1_200_000, 750_000, 1_170_000, 30_000],
      "Summa verksamhet": [350_000, 1_200_000, 750_000, 1_170_000, 30_000],
    });
    expect(shown(t.annex)).toEqual({
      "40 Socialtjänst": [350_000, 1_200_000, 750_000, 1_170_000, 30_000],
      "44 Vård och omsorg": [350_000, 1_200_000, 750_000, 1_170_000, 30_000],
      "441 Hemtjänst landsbygd": [100_000, 800_000, 500_000, 780_000, 20_000],
      "442 Hemtjänst tätort": [200_000, 400_000, 250_000, 390_000, 10_000],
      "44 Vård och omsorg (bokat direkt på ansvaret)": [50_000, 0, 0, 0, 0],
      Totalsumma: [350_000, 1_200_000, 750_000, 1_170_000, 30_000],
    });
    expect(t.onlySplit).toEqual([]);
    expect(t.warnings).toEqual([
      {
        kind: "ownDiffers",
        figure: "net",
        year: 2020,
        label: "44 Vård och omsorg",
        at: { sheet: SHEET, cell: "C2" },
        given: 350_000,
        parts: 300_000,
        own: 50_000,
      },
    ]);
    const none = () => undefined;
    expect(
      organisationalFindings(
        { table: t.split, sheet: "Organisatorisk fördelning", at: none },
        { table: t.annex, sheet: "Bilaga per ansvar", at: none },
      ),
    ).toEqual({ splitSums: [], annexSums: [], crossTable: [] });
  });

  it("a middle level's row equal to its lines' is their total: no own line, no warning", () => {
    const t = organisationalTables(result, [
      earlier("44", 300_000, 2),
      earlier("441", 100_000, 3),
      earlier("442", 200_000, 4),
    ]);
    expect(Object.keys(shown(t.annex))).not.toContain("44 Vård och omsorg (bokat direkt på ansvaret)");
    expect(shown(t.annex)["44 Vård och omsorg"]).toEqual([300_000, 1_200_000, 750_000, 1_170_000, 30_000]);
    expect(t.warnings).toEqual([]);
  });

  it("a Budget written '-' is missing, not 0: the sums over it are '-', and the cell is named", () => {
    const t = organisationalTables(result, [earlier("441", 100_000, 3, null), earlier("442", 200_000, 4, 210_000)]);
    // Budget 2020, Bokslut 2020, then this year's columns.
    expect(shown(t.annex)["441 Hemtjänst landsbygd"]!.slice(0, 2)).toEqual(["-", 100_000]);
    expect(shown(t.annex)["44 Vård och omsorg"]!.slice(0, 2)).toEqual(["-", 300_000]);
    expect(t.warnings).toEqual([
      { kind: "budgetMissing", at: { sheet: SHEET, cell: "D3" }, label: "441 Hemtjänst landsbygd", year: 2020 },
    ]);
  });

  it("a year given only for the verksamhet is shown on the split, not in the annex", () => {
    const t = organisationalTables(result, [
      { ...earlier("40", 1_000_000, 2), year: 2019 },
      earlier("441", 100_000, 3),
    ]);
    expect(t.onlySplit).toEqual([2019]);
    expect(t.split.columns.map((c) => c.id)).toEqual(["bokslut-2019", "bokslut-2020", "budget", "utfall", "prognos"]);
    expect(t.annex.columns.map((c) => c.id)).toEqual(["bokslut-2020", "budget", "utfall", "prognos"]);
  });
});
