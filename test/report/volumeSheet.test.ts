import { describe, expect, it } from "vitest";
import { formatTkr } from "../../src/core/amounts";
import { calculateVolumeBudget, type VolumeLine } from "../../src/core/volume";
import { buildVolumeSheet, VOLUME_COLUMNS } from "../../src/report/volumeSheet";
import { formulaChecks } from "./evaluate";
import { HERRLJUNGA_META } from "./herrljunga";

const col = (id: string) => VOLUME_COLUMNS.findIndex((c) => c.id === id);

// Seed 000 (Herrljunga 2021): biståndsbedömd tid hemtjänst 65 669 h, utförda timmar 64 932 h; the three
// hemtjänstgrupper's budget 9 518 tkr and utfall 7 759 tkr (bilaga 1), at a price making volume × price = budget.
const hemtjanst: VolumeLine = {
  key: "hemtjanst",
  area: "Vård och omsorg",
  name: "Hemtjänst",
  unit: "timmar",
  budgetVolume: 65_669,
  unitPrice: 9_518_000 / 65_669,
  fixedBudget: 0,
  actualVolume: 64_932,
  actualCost: 7_759_000,
};
const sabo: VolumeLine = {
  key: "sabo",
  area: "Vård och omsorg",
  name: "Särskilt boende",
  unit: "dygn",
  budgetVolume: 36_500,
  unitPrice: 2_000,
  fixedBudget: 1_200_000,
  actualVolume: 37_000,
  actualCost: 76_000_000,
};
const lss: VolumeLine = {
  key: "lss",
  area: "Socialt stöd",
  name: "Gruppbostad LSS",
  unit: "platser",
  budgetVolume: 30,
  unitPrice: 900_000,
  fixedBudget: 0,
  actualVolume: 31,
  actualCost: 28_500_000,
};

describe("buildVolumeSheet", () => {
  const result = calculateVolumeBudget({ year: 2021, month: 12, lines: [hemtjanst, sabo, lss] });
  const layout = buildVolumeSheet(result, HERRLJUNGA_META);
  const table = layout.tables[0]!;

  it("splits the hemtjänst variance into a volume and a price effect, as formulas that add up", () => {
    const row = table.rows[0]!;
    expect(row.cells[col("name")]!.value).toBe("Hemtjänst");
    expect(formatTkr(row.cells[col("variance")]!.value as number)).toBe("1 759");
    // 737 hours fewer than granted, at 144,94 kr: 107 tkr volume effect; the rest is price/efficiency.
    expect(formatTkr(row.cells[col("volumeEffect")]!.value as number)).toBe("107");
    expect(formatTkr(row.cells[col("priceEffect")]!.value as number)).toBe("1 652");
    expect(row.cells[col("volumeEffect")]!.formula).toBe("ROUND(E7*H7,2)-ROUND(F7*H7,2)");
    expect(row.cells[col("priceEffect")]!.formula).toBe("L7-M7");
    expect(row.cells[col("variance")]!.formula).toBe("J7-K7");
  });

  it("subtotals each verksamhet under its lines and sums the verksamheter", () => {
    expect(table.rows.map((r) => [r.kind, r.cells[col("name")]!.value])).toEqual([
      ["data", "Hemtjänst"],
      ["data", "Särskilt boende"],
      ["subtotal", "Summa Vård och omsorg"],
      ["data", "Gruppbostad LSS"],
      ["subtotal", "Summa Socialt stöd"],
      ["subtotal", "Summa brutto"],
      ["total", "Summa nämnden"],
    ]);
    expect(table.rows[2]!.cells[col("actualCost")]).toEqual({ value: 83_759_000, formula: "SUM(K7:K8)" });
    expect(table.rows[6]!.cells[col("annualBudget")]!.formula).toBe("SUM(O12)");
    expect(table.rows[6]!.cells[col("annualBudget")]!.value).toBe(9_518_000 + 74_200_000 + 27_000_000);
  });

  it("caches for every formula the value the formula gives", () => {
    const checks = formulaChecks(layout);
    expect(checks.length).toBe(3 * 4 + 4 * 5 + 4 * 3);
    for (const c of checks) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 3);
  });

  it("eliminates the internal payments of a beställare/utförare pair in its own row", () => {
    const purchaser: VolumeLine = {
      ...hemtjanst,
      key: "hob",
      area: "Hälsa och bistånd",
      name: "Beställd hemtjänst",
      role: "purchaser",
      counterpartKey: "voo",
      unitPrice: 450,
      budgetVolume: 146_460,
      actualVolume: 122_050,
      actualCost: 118_740 * 450 + 3_310 * 520,
    };
    const provider: VolumeLine = {
      ...hemtjanst,
      key: "voo",
      name: "Hemtjänst kommunal regi",
      role: "provider",
      unitPrice: 450,
      budgetVolume: 142_488,
      actualVolume: 118_740,
      actualCost: 118_740 * 470,
    };
    const paired = calculateVolumeBudget({ year: 2021, month: 10, lines: [purchaser, provider] });
    const l = buildVolumeSheet(paired, HERRLJUNGA_META);
    const rows = l.tables[0]!.rows;
    const elimination = rows.find((r) => r.cells[col("name")]!.value === "Interna betalningar (elimineras)")!;
    expect(elimination.cells[col("actualCost")]!.value).toBe(-118_740 * 450);
    expect(rows[rows.length - 1]!.cells[col("actualCost")]!.value).toBe(paired.total.actualCost);
    for (const c of formulaChecks(l)) expect(c.cached as number, c.address).toBeCloseTo(c.computed, 3);
  });
});

describe("the volume sheet's reconciliation (nothing lost)", () => {
  const input = { year: 2021, month: 12, lines: [hemtjanst, sabo, lss] };
  const result = calculateVolumeBudget(input);
  it("shows rows read = used + rejected, and the input's cost and budget = the report's", () => {
    const layout = buildVolumeSheet(result, HERRLJUNGA_META, input, { read: 3, used: 3, rejected: 0 });
    // Cost 7 759 + 76 000 + 28 500 = 112 259 tkr; budget 9 518 + (36 500 × 2 000 kr + 1 200) + 30 × 900 = 110 718 tkr.
    expect(layout.notes.map((n) => n.text)).toContain(
      "Avstämning: 3 rader lästa = 3 använda + 0 avvisade; kostnad t.o.m. perioden i indata 112 259 tkr = i rapporten 112 259 tkr; budget helår i indata 110 718 tkr = i rapporten 110 718 tkr.",
    );
  });
});
