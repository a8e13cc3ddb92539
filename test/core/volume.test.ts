import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAmount, PERCENT, roundExcel, VOLUME } from "../../src/core/amounts";
import { calculateVolumeBudget, placeDays, type VolumeLine } from "../../src/core/volume";
import { validate, volumeInputSchema } from "../../src/core/schemas";
import { readGolden } from "./goldenCsv";

const tkr = (n: number) => n * 1000;

/** The values after the label of a tab-separated line of a seed text, parsed as volumes. */
function seedVolumes(seed: string, label: string): number[] {
  const dir = new URL("../fixtures/seeds/", import.meta.url);
  const file = readdirSync(dir).find((f) => f.startsWith(`${seed}_`))!;
  const line = readFileSync(new URL(file, dir), "utf8")
    .split("\n")
    .find((l) => l.startsWith(label));
  if (!line) throw new Error(`${label} saknas i seed ${seed}`);
  return line
    .split("\t")
    .slice(1)
    .map((cell) => {
      const p = parseAmount(cell, VOLUME);
      if (p.kind !== "value") throw new Error(`${label}: ${cell}`);
      return p.value;
    });
}

const base: Omit<VolumeLine, "key" | "budgetVolume" | "unitPrice" | "fixedBudget" | "actualVolume" | "actualCost"> = {
  area: "Vård och omsorg",
  name: "Hemtjänst",
  unit: "timmar",
};

describe("volumes of seed 000 (Herrljunga 2021): hemtjänst", () => {
  // Seed 000 lines 638-640 (Verksamhetsmått, Vård och omsorg), columns 2020 and 2021.
  const [granted2020, granted2021] = seedVolumes("000", "Biståndsbedömd tid hemtjänst (helår)");
  const [delivered2020, delivered2021] = seedVolumes("000", "Antal utförda timmar hemtjänst (helår)");
  const [, worked2021] = seedVolumes("000", "Antal arbetade timmar hemtjänst (helår)");
  // Bilaga 1: the three hemtjänstgrupper (Hja landsbygd, Hja tätort, Ljung), Budget 2021 and Utfall 2021 in tkr.
  const groups = readGolden("000_ansvarsniva_bilaga1.csv").filter((r) => r["Enhet (som tryckt, med fotnotstecken)"]!.startsWith("Hemtjänst "));
  const budget = tkr(groups.reduce((a, r) => a + Number(r["Budget 2021"]), 0));
  const actual = tkr(groups.reduce((a, r) => a + Number(r["Utfall 2021"]), 0));

  it("reads the seed's volumes and the groups' budget and utfall", () => {
    expect([granted2020, granted2021, delivered2020, delivered2021, worked2021]).toEqual([66575, 65669, 66440, 64932, 119655]);
    expect(groups).toHaveLength(3);
    expect([budget, actual]).toEqual([tkr(9518), tkr(7759)]);
  });

  // Planned volume = the granted (biståndsbedömd) hours, actual = the delivered hours, at a budget price that
  // makes volume x price the groups' budget; the groups' utfall is net of the internal köp-sälj revenue.
  const result = calculateVolumeBudget({
    year: 2021,
    month: 12,
    lines: [{ ...base, key: "hemtjanst", budgetVolume: granted2021!, unitPrice: budget / granted2021!, fixedBudget: 0, actualVolume: delivered2021!, actualCost: actual }],
  });
  const line = result.lines[0]!;

  it("matches the golden table 000_verksamhetsmatt.csv", () => {
    const golden = readGolden("000_verksamhetsmatt.csv");
    const value = (label: string) => golden.find((r) => r["mått (som tryckt)"] === label)!;
    expect(Number(value("Antal utförda timmar hemtjänst (helår)")["värde 2021 normaliserat"])).toBe(delivered2021);
    expect(Number(value("Biståndsbedömd tid hemtjänst (helår)")["värde 2021 normaliserat"])).toBe(granted2021);
    expect(Number(value("Antal arbetade timmar hemtjänst (helår)")["värde 2021 normaliserat"])).toBe(worked2021);
  });

  it("gives utförd/biståndsbedömd tid 98,9 % (testfall S44) as the volume share", () => {
    const s44 = readGolden("000_testfall.csv").find((r) => r["ID"] === "S44")!;
    const [share2021, share2020] = s44["förväntat"]!.split(";").map((t) => (parseAmount(t, PERCENT) as { value: number }).value);
    expect(roundExcel(line.volumeShare!, 3)).toBe(share2021);
    expect(share2020).toBe(0.998);
    expect(roundExcel(line.volumeShare! * 100, 1)).toBe(98.9);
    // and 2020: 99,8 %
    expect(roundExcel((delivered2020! / granted2020!) * 100, 1)).toBe(99.8);
    // utförd/arbetad tid 2021: 54,3 % (S42)
    expect(roundExcel((delivered2021! / worked2021!) * 100, 1)).toBe(54.3);
  });

  it("gives a net cost of 119,49 kr per utförd timme against a budget price of 144,94 kr", () => {
    expect(line.actualUnitCost).toBeCloseTo(7_759_000 / 64_932, 9);
    expect(roundExcel(line.actualUnitCost!, 2)).toBe(119.49);
    expect(roundExcel(line.unitPrice, 2)).toBe(144.94);
  });

  it("splits the 1 759 tkr överskott into 107 tkr volume (737 fewer hours) and 1 652 tkr price", () => {
    // Budget - utfall from the rounded tkr is 1 759; the printed parts 494 + 936 + 330 add up to 1 760 (S22).
    expect(line.variance).toBeCloseTo(1_759_000, 6);
    expect(line.volumeEffect).toBeCloseTo(737 * (9_518_000 / 65_669), 6);
    expect(roundExcel(line.volumeEffect / 1000)).toBe(107);
    expect(roundExcel(line.priceEffect / 1000)).toBe(1652);
    expect(line.volumeEffect + line.priceEffect).toBe(line.variance);
  });
});

describe("volumes of seed 001 (Härryda budget 2023)", () => {
  it("turns platser into dygn: 246 and 203 permanent säbo places are 89 790 and 74 095 dygn (H70)", () => {
    expect(readGolden("001_testfall.csv").find((r) => r["ID"] === "H70")!["förväntat"]).toBe("89790, 74095 dygn");
    const places = seedVolumes("001", "Antal permanenta platser särskilt boende, kommunal regi (mätdatum 31/12)");
    expect(places).toEqual([269, 246, 203, 211, 218]);
    expect(placeDays(places[1]!, 2022)).toBe(89_790);
    expect(placeDays(places[2]!, 2023)).toBe(74_095);
    expect(placeDays(places[3]!, 2024)).toBe(211 * 366);
  });

  // H67/H68: in the measuring month (October 2021) 12 205 hemtjänst hours in total, 11 874 of them in kommunal
  // regi (338 brukare, 35,13 h each), so 331 hours from other providers. Assumed here: every month like October,
  // internal price 450 kr/h, external price 520 kr/h, the kommunal provider producing at 470 kr/h.
  const [total] = seedVolumes("001", "Antal timmar hemtjänst (mätmånad oktober)");
  const [municipal] = seedVolumes("001", "Antal beställda hemtjänsttimmar, kommunal regi");
  const [recipients] = seedVolumes("001", "Antal brukare med hemtjänst, kommunal regi");
  const external = total! - municipal!;
  const result = calculateVolumeBudget({
    year: 2021,
    month: 10,
    lines: [
      {
        key: "HoB-hemtjänst",
        area: "Hälsa och bistånd",
        name: "Beställd hemtjänst",
        unit: "timmar",
        role: "purchaser",
        counterpartKey: "VoO-hemtjänst",
        budgetVolume: 12 * total!,
        unitPrice: 450,
        fixedBudget: 0,
        actualVolume: 10 * total!,
        actualCost: 10 * municipal! * 450 + 10 * external * 520,
      },
      {
        key: "VoO-hemtjänst",
        area: "Vård och omsorg",
        name: "Hemtjänst kommunal regi",
        unit: "timmar",
        role: "provider",
        budgetVolume: 12 * municipal!,
        unitPrice: 450,
        fixedBudget: 0,
        actualVolume: 10 * municipal!,
        actualCost: 10 * municipal! * 470,
      },
    ],
  });
  const pair = result.pairs[0]!;

  it("reads 12 205 hours in total, 11 874 in kommunal regi: 331 from others (H68), 35,13 h per brukare (H67)", () => {
    expect([total, municipal, external]).toEqual([12205, 11874, 331]);
    expect(roundExcel(municipal! / recipients!, 2)).toBe(35.13);
    // All five years against 001_informationstal.csv and testfall H67/H68.
    const info = readGolden("001_informationstal.csv");
    const years = ["Bokslut 2021", "Budget 2022", "Plan 2023", "Plan 2024", "Plan 2025"];
    const series = (start: string) => years.map((y) => Number(info.find((r) => r["indikator"]!.startsWith(start))![y]));
    const hours = series("Antal beställda hemtjänsttimmar");
    const users = series("Antal brukare med hemtjänst");
    const all = series("Antal timmar hemtjänst (mätmånad oktober)");
    expect(hours).toEqual(seedVolumes("001", "Antal beställda hemtjänsttimmar, kommunal regi"));
    const cases = readGolden("001_testfall.csv");
    const expected = (id: string) => cases.find((r) => r["ID"] === id)!["förväntat"]!;
    const perUser = expected("H67").split(";").map((t) => (parseAmount(t, VOLUME) as { value: number }).value);
    expect(hours.map((h, i) => roundExcel(h / users[i]!, 2))).toEqual(perUser);
    expect(all.map((a, i) => a - hours[i]!).join(", ")).toBe(expected("H68").replace(/ \(.*\)$/, ""));
  });

  it("pays the provider 450 kr x delivered hours and keeps the 331 external hours as the purchaser's own cost", () => {
    expect(pair.internalPayment.actual).toBe(118_740 * 450);
    expect(pair.internalPayment.annualBudget).toBe(142_488 * 450);
    expect(pair.purchaserExternalCost).toBe(3_310 * 520);
  });

  it("shows the provider's net budget as 0 and its net result as its efficiency: -2 374 800 kr", () => {
    expect(pair.providerNet.annualBudget).toBe(0);
    expect(pair.providerNet.budgetToDate).toBe(0);
    expect(pair.providerNet.actualCost).toBe(2_374_800);
    expect(pair.providerNet.variance).toBe(-2_374_800);
    expect(pair.providerNet.volumeEffect).toBe(0);
    expect(pair.providerNet.priceEffect).toBe(-2_374_800);
  });

  it("nets the pair: external hours + the provider's gross cost, the internal payment counted once", () => {
    // purchaser: budget 122 050 h x 450 = 54 922 500; paid 53 433 000 + 1 721 200; variance -231 700 (70 kr x 3 310 h)
    expect(result.lines[0]!.variance).toBe(-231_700);
    expect(pair.netted.budgetToDate).toBe(54_922_500);
    expect(pair.netted.actualCost).toBe(1_721_200 + 55_807_800);
    expect(pair.netted.variance).toBe(-2_606_500);
    expect(result.total.actualCost).toBe(57_529_000);
    expect(result.grossTotal.actualCost).toBe(57_529_000 + 53_433_000);
    expect(result.total.annualBudget).toBe(146_460 * 450);
  });
});

describe("volume budget, hand-computed", () => {
  it("splits the variance into volume and price effect and forecasts from the run rate", () => {
    // 1 200 h at 400 kr + 120 000 fixed; June: 600 h and 60 000 fixed to date, budget 300 000.
    // 650 h delivered at a cost of 335 000: variance -35 000 = volume -20 000 (50 h x 400) + price -15 000.
    const r = calculateVolumeBudget({
      year: 2021,
      month: 6,
      lines: [{ ...base, key: "a", budgetVolume: 1200, unitPrice: 400, fixedBudget: 120_000, actualVolume: 650, actualCost: 335_000 }],
    });
    const l = r.lines[0]!;
    expect(l.annualBudget).toBe(600_000);
    expect(l.budgetVolumeToDate).toBe(600);
    expect(l.budgetToDate).toBe(300_000);
    expect(l.volumeAdjustedBudget).toBe(320_000);
    expect(l.variance).toBe(-35_000);
    expect(l.volumeEffect).toBe(-20_000);
    expect(l.priceEffect).toBe(-15_000);
    expect(l.actualUnitCost).toBeCloseTo(275_000 / 650, 12);
    // Forecast: 1 300 h x 423,08 kr + 120 000 = 670 000; variance -70 000 = volume -40 000 + price -30 000.
    expect(l.forecastVolume).toBe(1300);
    expect(l.forecastBasis).toBe("volumeRunRate");
    expect(l.forecastCost).toBeCloseTo(670_000, 6);
    expect(l.forecastVariance).toBeCloseTo(-70_000, 6);
    expect(l.forecastVolumeEffect).toBe(-40_000);
    expect(l.forecastPriceEffect).toBeCloseTo(-30_000, 6);
    expect(l.flags).toEqual(["linearPhasing"]);
  });

  it("uses the monthly plan and the volume trend when given", () => {
    // Plan 80 h in Jan-Apr, 100 h later; actual 100, 110, 120, 130: trend +10 h a month, 140..210 h in May-Dec.
    const r = calculateVolumeBudget({
      year: 2021,
      month: 4,
      lines: [
        {
          ...base,
          key: "t",
          budgetVolume: 1120,
          budgetVolumeMonthly: [80, 80, 80, 80, 100, 100, 100, 100, 100, 100, 100, 100],
          unitPrice: 500,
          fixedBudget: 0,
          actualVolume: 460,
          actualVolumeMonthly: [100, 110, 120, 130],
          actualCost: 230_000,
        },
      ],
    });
    const l = r.lines[0]!;
    expect(l.budgetVolumeToDate).toBe(320);
    expect(l.volumeEffect).toBe(-70_000);
    expect(l.priceEffect).toBe(0);
    expect(l.forecastBasis).toBe("volumeTrend");
    expect(l.forecastVolume).toBeCloseTo(460 + 1400, 9);
    expect(l.forecastCost).toBeCloseTo(1860 * 500, 6);
    expect(l.flags).toEqual([]);
  });

  it("flags monthly volumes that do not add up to the volume to date", () => {
    const r = calculateVolumeBudget({
      year: 2021,
      month: 2,
      lines: [{ ...base, key: "m", budgetVolume: 1200, unitPrice: 400, fixedBudget: 0, actualVolume: 250, actualVolumeMonthly: [100, 100], actualCost: 100_000 }],
    });
    expect(r.lines[0]!.flags).toEqual(["linearPhasing", "monthlyVolumeMismatch"]);
  });

  it("handles zero volume: no unit cost, the cost is run at its rate", () => {
    const r = calculateVolumeBudget({
      year: 2021,
      month: 4,
      lines: [{ ...base, key: "z", budgetVolume: 300, unitPrice: 1000, fixedBudget: 0, actualVolume: 0, actualCost: 50_000 }],
    });
    const l = r.lines[0]!;
    expect(l.actualUnitCost).toBeUndefined();
    expect(l.volumeEffect).toBe(100_000);
    expect(l.priceEffect).toBe(-50_000);
    expect(l.forecastBasis).toBe("costRunRate");
    expect(l.forecastCost).toBe(150_000);
    expect(l.forecastVariance).toBe(150_000);
    expect(l.flags).toContain("noActualVolume");
  });

  it("handles a zero budget without dividing by zero", () => {
    const r = calculateVolumeBudget({
      year: 2021,
      month: 3,
      lines: [{ ...base, key: "0", budgetVolume: 0, unitPrice: 350, fixedBudget: 0, actualVolume: 10, actualCost: 4000 }],
    });
    const l = r.lines[0]!;
    expect(l.annualBudget).toBe(0);
    expect(l.volumeShare).toBeUndefined();
    expect([l.variance, l.volumeEffect, l.priceEffect]).toEqual([-4000, -3500, -500]);
    expect(l.flags).toContain("zeroBudget");
  });

  it("handles a negative net cost (a revenue-heavy line)", () => {
    // Daily activity sold to other kommuner: 2 400 days at a net revenue of 1 500 kr, 2 000 000 fixed cost.
    // Budget -1 600 000; 2 000 days sold, net -900 000: variance -700 000 = volume -600 000 + price -100 000.
    const r = calculateVolumeBudget({
      year: 2021,
      month: 12,
      lines: [{ ...base, key: "n", unit: "dygn", budgetVolume: 2400, unitPrice: -1500, fixedBudget: 2_000_000, actualVolume: 2000, actualCost: -900_000 }],
    });
    const l = r.lines[0]!;
    expect(l.annualBudget).toBe(-1_600_000);
    expect(l.variance).toBe(-700_000);
    expect(l.volumeEffect).toBe(-600_000);
    expect(l.priceEffect).toBe(-100_000);
    expect(l.actualUnitCost).toBe(-1450);
  });

  it("nets a pair where fewer hours were delivered: the purchaser's gain is the provider's lost revenue", () => {
    // As in seed 002 (Gnesta): hemtjänst lost -3 055 tkr of revenue, the purchaser (AoB) gained on low utförandegrad.
    // 8 000 h a month at 500 kr; August: 64 000 h planned, 57 890 delivered (6 110 fewer); staff cost as budgeted.
    const plan = Array.from({ length: 12 }, () => 8000);
    const r = calculateVolumeBudget({
      year: 2021,
      month: 8,
      lines: [
        { ...base, key: "best", area: "AoB", role: "purchaser", counterpartKey: "utf", budgetVolume: 96_000, budgetVolumeMonthly: plan, unitPrice: 500, fixedBudget: 0, actualVolume: 57_890, actualCost: 57_890 * 500 },
        { ...base, key: "utf", area: "ÄFH", role: "provider", counterpartKey: "best", budgetVolume: 96_000, budgetVolumeMonthly: plan, unitPrice: 500, fixedBudget: 0, actualVolume: 57_890, actualCost: 32_000_000 },
      ],
    });
    const [purchaser, provider] = r.lines;
    const pair = r.pairs[0]!;
    expect(purchaser!.variance).toBe(3_055_000);
    expect(purchaser!.volumeEffect).toBe(3_055_000);
    expect(provider!.variance).toBe(0);
    expect(pair.providerNet.variance).toBe(-3_055_000);
    expect(pair.purchaserExternalCost).toBe(0);
    expect(pair.netted.variance).toBe(0);
    expect(pair.netted.actualCost).toBe(32_000_000);
    expect(r.total.annualBudget).toBe(48_000_000);
    expect(r.total.budgetToDate).toBe(32_000_000);
    expect(r.total.variance).toBe(0);
    expect(r.grossTotal.annualBudget).toBe(96_000_000);
    expect(r.areas.map((a) => [a.area, a.variance])).toEqual([
      ["AoB", 3_055_000],
      ["ÄFH", 0],
    ]);
  });

  it("subtotals per area in input order", () => {
    const r = calculateVolumeBudget({
      year: 2021,
      month: 12,
      lines: [
        { ...base, key: "1", area: "A", budgetVolume: 10, unitPrice: 100, fixedBudget: 0, actualVolume: 10, actualCost: 900 },
        { ...base, key: "2", area: "B", budgetVolume: 10, unitPrice: 100, fixedBudget: 500, actualVolume: 12, actualCost: 1800 },
        { ...base, key: "3", area: "A", budgetVolume: 5, unitPrice: 200, fixedBudget: 0, actualVolume: 4, actualCost: 700 },
      ],
    });
    expect(r.areas.map((a) => [a.area, a.lineKeys, a.annualBudget, a.actualCost, a.variance])).toEqual([
      ["A", ["1", "3"], 2000, 1600, 400],
      ["B", ["2"], 1500, 1800, -300],
    ]);
    expect(r.total.variance).toBe(100);
    expect(r.total).toEqual(r.grossTotal);
  });

  it("refuses pairs that do not fit, in Swedish", () => {
    const line = { ...base, budgetVolume: 1, unitPrice: 1, fixedBudget: 0, actualVolume: 1, actualCost: 1 };
    expect(() => calculateVolumeBudget({ year: 2021, month: 1, lines: [{ ...line, key: "b", role: "purchaser" }] })).toThrow("Beställarraden b anger ingen utförare.");
    expect(() => calculateVolumeBudget({ year: 2021, month: 1, lines: [{ ...line, key: "u", role: "provider" }] })).toThrow("Utförarraden u har ingen beställare.");
    expect(() =>
      calculateVolumeBudget({
        year: 2021,
        month: 1,
        lines: [
          { ...line, key: "b", role: "purchaser", counterpartKey: "x" },
          { ...line, key: "x", role: "own" },
        ],
      }),
    ).toThrow("Beställarraden b hänvisar till x, som inte är utförare.");
    expect(() => calculateVolumeBudget({ year: 2021, month: 13, lines: [] })).toThrow("Uppföljningsmånaden måste vara 1-12, inte 13.");
    expect(() => calculateVolumeBudget({ year: 2021, month: 5, lines: [{ ...line, key: "m", actualVolumeMonthly: [1, 2] }] })).toThrow("utfallsvolym per månad har 2 värden");
  });
});

describe("the bundled example (examples/data/volym-2021.json)", () => {
  type Row = Record<string, string | number | null>;
  const doc = JSON.parse(readFileSync(new URL("../../examples/data/volym-2021.json", import.meta.url), "utf8")) as { rows: Row[] };
  const roles = { Beställare: "purchaser", Utförare: "provider", Egen: "own" } as const;
  const lines: VolumeLine[] = doc.rows.map((r) => ({
    key: `${r["Verksamhet"]} / ${r["Volymmått"]}`,
    area: String(r["Verksamhet"]),
    name: String(r["Volymmått"]),
    unit: String(r["Enhet"]),
    budgetVolume: Number(r["Budgeterad volym"]),
    unitPrice: Number(r["Á-pris (kr)"]),
    fixedBudget: tkr(Number(r["Fast del (tkr)"])),
    actualVolume: Number(r["Utfall volym"]),
    actualCost: tkr(Number(r["Kostnad t.o.m. period (tkr)"])),
    role: roles[r["Roll"] as keyof typeof roles],
    counterpartKey: r["Motpart"] ? `${r["Motpart"]} / ${r["Volymmått"]}` : undefined,
  }));
  const input = { year: 2021, month: 8, lines };
  const result = calculateVolumeBudget(input);

  it("is valid input and pairs the hemtjänst purchaser with its provider", () => {
    expect(validate(volumeInputSchema, input).ok).toBe(true);
    expect(result.pairs.map((p) => [p.purchaserKey, p.providerKey])).toEqual([["Myndighet och bistånd / Hemtjänst", "Vård och omsorg / Hemtjänst"]]);
  });

  it("shows the provider's net budget 0 and its deficit as efficiency: 42 600 h at 448 kr against 430 kr", () => {
    const pair = result.pairs[0]!;
    expect(pair.providerNet.annualBudget).toBe(0);
    expect(pair.internalPayment.actual).toBe(tkr(18_318));
    expect(pair.purchaserExternalCost).toBe(0);
    expect(pair.providerNet.variance).toBe(tkr(-787)); // 18 318 paid - 19 105 gross cost
    expect(pair.netted.variance).toBe(tkr(-185)); // purchaser +602 (1 400 fewer hours x 430 kr) + provider -787
  });

  it("nets the nämnd's total: the 28 380 tkr internal hemtjänst budget counted once", () => {
    // Budget: 28 380 (hemtjänst) + 39 739,5 (säbo, 66 platser x 365 dygn x 1 550 kr + 2 400) + 14 688 + 6 474 + 6 132.
    expect(placeDays(66, 2021)).toBe(24_090);
    expect(result.grossTotal.annualBudget).toBe(123_793_500);
    expect(result.total.annualBudget).toBe(95_413_500);
    expect(result.total.actualCost).toBeCloseTo(tkr(61_705), 6);
    expect(roundExcel(result.total.variance / 1000)).toBe(1904);
  });
});
