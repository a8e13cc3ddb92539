import { describe, expect, it } from "vitest";
import { investmentFollowUp } from "../../src/core/investments";
import { investmentsFromScan } from "../../src/input/investmentsInput";
import { scanWorkbook } from "../../src/input/scan";
import { buildInvestmentSheet, investmentColumns } from "../../src/report/investmentSheet";
import { readGolden } from "../core/goldenCsv";
import { memoryReader, messages, settings } from "../input/helpers";
import { formulaChecks } from "./evaluate";
import { HERRLJUNGA_META } from "./herrljunga";

/** Seed 004's investment table per augusti: the projects of each group and the group's printed sum. */
const golden = readGolden("004_investeringar_augusti.csv");
const tkr = (text: string | undefined): number => Number(text) * 1000;

/** The Investeringar input sheet a controller fills in for August, built from the seed's own figures. */
function inputSheet(): (string | number | null)[][] {
  return [
    [
      "Projekt",
      "Utförs av (egen/annan nämnd)",
      "Ursprungsbudget (tkr)",
      "Tillägg/ombudgetering (tkr)",
      "Utfall (tkr)",
      "Prognos helår (tkr)",
    ],
    ...golden
      .filter((r) => r["Radtyp"] === "projekt")
      .map((r) => [
        `${r["Projektnr"]} ${r["Investering"]}`,
        r["Grupp"] === "gm TN" ? "TN" : "egen",
        Number(r["Budget 2021"]),
        Number(r["Ombudgetering"]),
        Number(r["Utfall 2021-08"]),
        Number(r["Prognos 2021"]),
      ]),
  ];
}

describe("investments mid-year (seed 004 per augusti)", async () => {
  const read = investmentsFromScan(await scanWorkbook(memoryReader({ Investeringar: inputSheet() })), settings());
  const result = investmentFollowUp(read.value!, "egna", false);
  const meta = { ...HERRLJUNGA_META, yearEnd: false };
  const sheet = buildInvestmentSheet(result, meta, 2021, { projects: read.value!, rows: read.rows }, 8);
  const columns = investmentColumns(false, "2021-08");
  const rows = sheet.tables[0]!.rows.map((r) => r.cells.map((c) => c.value));
  const at = (id: string) => columns.findIndex((c) => c.id === id);

  it("reproduces the table: utfall to date, budget, ombudgetering, summa budget, prognos and avvikelse helår", () => {
    expect(messages(read.errors)).toEqual([]);
    expect(sheet.tables[0]!.columns.map((c) => c.header)).toEqual([
      "Projekt",
      "Ursprungsbudget (tkr)",
      "Tillägg/ombudgetering (tkr)",
      "Summa budget (tkr)",
      "Utfall t.o.m. 2021-08 (tkr)",
      "Prognos helår (tkr)",
      "Avvikelse helår (tkr)",
    ]);
    for (const g of golden) {
      const label = g["Radtyp"] === "projekt" ? `${g["Projektnr"]} ${g["Investering"]}` : undefined;
      const row =
        label !== undefined
          ? rows.find((r) => r[0] === label)
          : rows.find(
              (r) => r[0] === (g["Grupp"] === "gm TN" ? "S:a investeringar genom TN" : "S:a investeringar egna"),
            );
      expect(row, g["Investering"]).toBeDefined();
      expect(
        ["actual", "originalBudget", "addition", "totalBudget", "forecast", "variance"].map((id) => row![at(id)]),
        g["Investering"],
      ).toEqual(
        ["Utfall 2021-08", "Budget 2021", "Ombudgetering", "S:a Budget 2021", "Prognos 2021", "Avvikelse helår"].map(
          (h) => tkr(g[h]),
        ),
      );
    }
    // Both groups together: 13 789 tkr budget, 14 089 tkr prognos, avvikelse -800 + 500 = -300 tkr.
    expect(rows.at(-1)!.slice(1)).toEqual([11_400_000, 2_389_000, 13_789_000, 3_062_000, 14_089_000, -300_000]);
    for (const c of formulaChecks(sheet)) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 4);
  });

  it("asks for no ombudgetering mid-year: that is the bokslut's decision; the avvikelse is budget - prognos", () => {
    expect(result.carryOvers).toEqual([]);
    expect(sheet.notes.map((n) => n.text).join("\n")).not.toMatch(/begär ombudgetering/);
    expect(sheet.notes[0]!.text).toMatch(/^Avvikelse helår = summa budget - prognos helår/);
    expect(sheet.title).toBe("Investeringsredovisning januari-augusti 2021 (tkr)");
    const h = sheet.tables[0]!.headerRow;
    const hagen = rows.findIndex((r) => r[0] === "5411 Förstudie Hagen demenscentra");
    expect(sheet.tables[0]!.rows[hagen]!.cells[at("variance")]!.formula).toBe(
      `D${h + hagen + 2}-SUM(F${h + hagen + 2})`,
    );
  });

  it("names a project without a forecast, takes its whole budget, and names a carry-over asked for mid-year", () => {
    const r = investmentFollowUp(
      [
        { name: "Larm", originalBudget: 100_000, addition: undefined, actual: 20_000 },
        {
          name: "Hotellås",
          originalBudget: 0,
          addition: 687_000,
          actual: 116_000,
          forecast: 600_000,
          carryOverRequested: true,
        },
      ],
      "egna",
      false,
    );
    expect(r.total).toMatchObject({ totalBudget: 787_000, forecast: 700_000, variance: 87_000, carryOver: 0 });
    expect(r.notes).toEqual([
      "Larm: prognos helår saknas; hela budgeten (100 tkr) antas användas, avvikelse 0. Fyll i prognosen.",
      "Hotellås: ombudgetering begärs i bokslutet, inte i delårsrapporten; begäran visas inte här.",
    ]);
  });
});
