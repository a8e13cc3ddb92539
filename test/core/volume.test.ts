import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAmount, PERCENT, roundExcel, VOLUME } from "../../src/core/amounts";
import { checkCrossTotal, checkIdentity, type TableLine } from "../../src/core/consistency";
import type { CoreProblem } from "../../src/core/errors";
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
  const groups = readGolden("000_ansvarsniva_bilaga1.csv").filter((r) =>
    r["Enhet (som tryckt, med fotnotstecken)"]!.startsWith("Hemtjänst "),
  );
  const budget = tkr(groups.reduce((a, r) => a + Number(r["Budget 2021"]), 0));
  const actual = tkr(groups.reduce((a, r) => a + Number(r["Utfall 2021"]), 0));

  it("reads the seed's volumes and the groups' budget and utfall", () => {
    expect([granted2020, granted2021, delivered2020, delivered2021, worked2021]).toEqual([
      66575, 65669, 66440, 64932, 119655,
    ]);
    expect(groups).toHaveLength(3);
    expect([budget, actual]).toEqual([tkr(9518), tkr(7759)]);
  });

  // Planned volume = the granted (biståndsbedömd) hours, actual = the delivered hours, at a budget price that
  // makes volume x price the groups' budget; the groups' utfall is net of the internal köp-sälj revenue.
  const result = calculateVolumeBudget({
    year: 2021,
    month: 12,
    lines: [
      {
        ...base,
        key: "hemtjanst",
        budgetVolume: granted2021!,
        unitPrice: budget / granted2021!,
        fixedBudget: 0,
        actualVolume: delivered2021!,
        actualCost: actual,
      },
    ],
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
    const [share2021, share2020] = s44["förväntat"]!.split(";").map(
      (t) => (parseAmount(t, PERCENT) as { value: number }).value,
    );
    expect(roundExcel(line.volumeShare!, 3)).toBe(share2021);
    expect(share2020).toBe(0.998);
    expect(roundExcel(line.volumeShare! * 100, 1)).toBe(98.9);
    // and 2020: 99,8 %
    expect(roundExcel((delivered2020! / granted2020!) * 100, 1)).toBe(99.8);
    // utförd/arbetad tid 2021: 54,3 % (S42)
    expect(roundExcel((delivered2021! / worked2021!) * 100, 1)).toBe(54.3);
  });

  it("gives a net cost of 119,49 kr per utförd timme against a budget price of 144,94 kr", () => {
    // Kronor per hour to the öre, as every derived amount.
    expect(line.actualUnitCost).toBe(119.49);
    expect(roundExcel(line.actualUnitCost!, 2)).toBe(119.49);
    expect(roundExcel(line.unitPrice, 2)).toBe(144.94);
  });

  it("splits the 1 759 tkr överskott into 107 tkr volume (737 fewer hours) and 1 652 tkr price", () => {
    // Budget - utfall from the rounded tkr is 1 759; the printed parts 494 + 936 + 330 add up to 1 760 (S22).
    expect(line.variance).toBeCloseTo(1_759_000, 6);
    expect(line.volumeEffect).toBeCloseTo(737 * (9_518_000 / 65_669), 1);
    expect(roundExcel(line.volumeEffect / 1000)).toBe(107);
    expect(roundExcel(line.priceEffect / 1000)).toBe(1652);
    expect(line.volumeEffect + line.priceEffect).toBe(line.variance);
  });
  it("S22: reports the groups' printed avvikelser 494 + 936 + 330 = 1 760 against the calculated 1 759 as rounding", () => {
    const printedParts = groups.map((r) => Number(r["Avvikelse (tryckt; = Budget - Utfall)"]));
    expect(printedParts).toEqual([494, 936, 330]);
    const f = checkCrossTotal(
      {
        label: "Hemtjänstgrupperna, summan av tryckta avvikelser",
        value: printedParts.reduce((a, b) => a + b, 0),
        column: "Avvikelse 2021",
      },
      { label: "volymberäkningens avvikelse", value: roundExcel(line.variance / 1000) },
      printedParts.length,
    );
    expect(f).toMatchObject({ printed: 1760, computed: 1759, difference: 1, severity: "rounding" });
    expect(f!.message).toBe(
      "Hemtjänstgrupperna, summan av tryckta avvikelser, Avvikelse 2021: tryckt 1 760, men volymberäkningens avvikelse är 1 759 (avrundning, 1 tkr).",
    );
    // The 1 tkr sits in Hemtjänst Hja tätort (S22: 5 355 - 4 420 = 935, printed 936): the line check names it.
    const lines: TableLine[] = groups.map((r) => ({
      key: r["Enhet (som tryckt, med fotnotstecken)"]!,
      label: r["Enhet (som tryckt, med fotnotstecken)"]!,
      role: "line",
      values: {
        budget: Number(r["Budget 2021"]),
        utfall: Number(r["Utfall 2021"]),
        avvikelse: Number(r["Avvikelse (tryckt; = Budget - Utfall)"]),
      },
    }));
    const s22 = checkIdentity(lines, "avvikelse", (v) => v["budget"]! - v["utfall"]!, "Budget - Utfall");
    expect(s22.map((x) => [x.key, x.printed, x.computed, x.severity])).toEqual([
      ["Hemtjänst Hja tätort", 936, 935, "rounding"],
    ]);
  });

  it("S43: reports utförd/arbetad tid 2020, 51,2 % computed against the printed 51,4 %, as an error; 2021's 54,3 % agrees", () => {
    // Arbetad tid as the planned volume, utförd tid as the delivered one: the volume share is utförd/arbetad tid.
    const [worked2020] = seedVolumes("000", "Antal arbetade timmar hemtjänst (helår)");
    const share = (year: number, worked: number, delivered: number) =>
      calculateVolumeBudget({
        year,
        month: 12,
        lines: [unpriced(`hemtjänst ${year}`, "Vård och omsorg", "timmar", worked, delivered)],
      }).lines[0]!.volumeShare!;
    const row = readGolden("000_verksamhetsmatt.csv").find(
      (r) => r["mått (som tryckt)"] === "Utförd tid/arbetad tid hemtjänst (helår)",
    )!;
    const printed = (column: string) => roundExcel(Number(row[column]) * 100, 1);
    const check = (year: number, worked: number, delivered: number, step?: number) =>
      checkCrossTotal(
        {
          label: "Utförd tid/arbetad tid hemtjänst (helår)",
          value: printed(`värde ${year} normaliserat`),
          column: `Utfall ${year}`,
        },
        { label: "utförda / arbetade timmar", value: roundExcel(share(year, worked, delivered) * 100, 1) },
        1,
        { unit: "procentenheter", step },
      );
    const s43 = check(2020, worked2020!, delivered2020!, 0.1);
    expect(readGolden("000_testfall.csv").find((r) => r["ID"] === "S43")!["förväntat"]).toBe("51,2% (källan: 51,4%)");
    expect(s43).toMatchObject({ printed: 51.4, computed: 51.2, severity: "error" });
    expect(s43!.difference).toBeCloseTo(0.2, 9);
    expect(s43!.message).toBe(
      "Utförd tid/arbetad tid hemtjänst (helår), Utfall 2020: tryckt 51,4, men utförda / arbetade timmar är 51,2 (fel, 0,2 procentenheter).",
    );
    // Counted in whole units, as for tkr, 0,2 would pass for rounding: the printed step of 0,1 is what makes it an error.
    expect(check(2020, worked2020!, delivered2020!)!.severity).toBe("rounding");
    expect(check(2021, worked2021!, delivered2021!, 0.1)).toBeUndefined();
  });
});

/**
 * A line for a seed that prints volumes but no price per unit: priced at 1 kr a unit and costing its volume, so the
 * calculator's money figures read as units (dygn, timmar, besök) and no kronor are asserted from it.
 */
function unpriced(key: string, area: string, unit: string, budgetVolume: number, actualVolume: number): VolumeLine {
  return {
    key,
    area,
    name: key,
    unit,
    budgetVolume,
    unitPrice: 1,
    fixedBudget: 0,
    actualVolume,
    actualCost: actualVolume,
  };
}

describe("volumes of seed 000 (Herrljunga 2021): the other verksamhetsmått, 2021 against 2020", () => {
  // The seed prints no volume budget for these rows: 2020's outcome is taken as the plan, so the calculator splits
  // the change from 2020 to 2021 (not a budget variance) into a volume and a price effect at 2020's unit cost.
  const golden = readGolden("000_verksamhetsmatt.csv");
  const row = (start: string) => golden.find((r) => r["mått (som tryckt)"]!.startsWith(start))!;
  /** "6606 (varav 101)": the amount and its part ("varav" is a part of the amount, never added to it). */
  const amountAndPart = (text: string) => {
    const m = /^(\d+)(?: \(varav (\d+)\))?$/.exec(text)!;
    return { amount: Number(m[1]), part: m[2] === undefined ? undefined : Number(m[2]) };
  };

  describe("placements: 2 421 and 1 110 vårddygn on institution", () => {
    const label = "Antalet barn placerade på institution (inklusive öppenvård) antal dygn";
    const days = row(label);
    const [days2020, days2021] = [Number(days["värde 2020 normaliserat"]), Number(days["värde 2021 normaliserat"])];
    const result = calculateVolumeBudget({
      year: 2021,
      month: 12,
      lines: [unpriced("institution", "Individ och familjeomsorg", "vårddygn", days2020, days2021)],
    });
    const line = result.lines[0]!;

    it("reads the seed's figures", () => {
      expect([days2020, days2021]).toEqual([2421, 1110]);
      expect(seedVolumes("000", label)).toEqual([2421, 1110]);
    });

    it("averages 6,6 and 3,0 occupied places over the year (the golden's note: dygn / 365)", () => {
      expect(days["kommentar"]).toContain("snitt 6,6 resp 3,0 belagda platser");
      expect(roundExcel(days2020 / placeDays(1, 2020), 1)).toBe(6.6);
      expect(roundExcel(days2021 / placeDays(1, 2021), 1)).toBe(3);
      expect(roundExcel(days2021 / 365, 1)).toBe(3);
    });

    it("gives 1 110 of 2 421 dygn, 45,8 %, 1 311 dygn fewer; the seed gives no cost per vårddygn", () => {
      // The text names only institutionsvård's underskott (3 392 tkr), with neither budget nor utfall: no unit cost.
      const text = readGolden("000_textbelopp.csv").filter((r) => r["sammanhang"]!.startsWith("institutionsvård"));
      expect(text.map((r) => r["normaliserat tkr (tecken: + överskott/intäkt, - underskott)"])).toEqual(["-3392"]);
      expect(roundExcel(line.volumeShare!, 3)).toBe(0.458);
      expect(line.volumeEffect).toBe(1311);
      expect(line.priceEffect).toBe(0);
      expect(line.flags).toEqual(["linearPhasing"]);
    });
  });

  describe("försörjningsstöd: 6 606 tkr over 70 hushåll in 2020, 6 501 tkr over 57 in 2021", () => {
    const households = row("Antalet hushåll med försörjningsstöd");
    const paid = row("Totalt utbetalt försörjningsstöd");
    const [h2020, h2021] = [
      Number(households["värde 2020 normaliserat"]),
      Number(households["värde 2021 normaliserat"]),
    ];
    const [p2020, p2021] = [
      amountAndPart(paid["värde 2020 normaliserat"]!),
      amountAndPart(paid["värde 2021 normaliserat"]!),
    ];
    // The households are counted on 31 December: the cost per hushåll is per household at year end, not per
    // average household of the year (the seed gives no average).
    const result = calculateVolumeBudget({
      year: 2021,
      month: 12,
      lines: [
        {
          key: "forsorjningsstod",
          area: "Individ och familjeomsorg",
          name: "Försörjningsstöd",
          unit: "hushåll",
          budgetVolume: h2020,
          unitPrice: tkr(p2020.amount) / h2020,
          fixedBudget: 0,
          actualVolume: h2021,
          actualCost: tkr(p2021.amount),
        },
      ],
    });
    const line = result.lines[0]!;

    it("reads 70 / 57 hushåll and 6 606 / 6 501 tkr; the introduktion (101 / 533 tkr) is a part, not added", () => {
      expect([h2020, h2021]).toEqual([70, 57]);
      expect([p2020, p2021]).toEqual([
        { amount: 6606, part: 101 },
        { amount: 6501, part: 533 },
      ]);
      expect(paid["Utfall 2021 (som tryckt)"]).toBe("6 501 tkr, varav 533 tkr är introduktion");
      expect(line.actualCost).toBe(6_501_000);
      expect(line.annualBudget).toBeCloseTo(6_606_000, 6);
    });

    it("gives 114 053 kr per hushåll in 2021 against 94 371 kr in 2020", () => {
      expect(roundExcel(line.unitPrice)).toBe(94_371);
      expect(roundExcel(line.actualUnitCost!)).toBe(114_053);
      expect(roundExcel(line.actualUnitCost! / 1000, 1)).toBe(114.1);
    });

    it("splits the 105 tkr lower cost into 1 227 tkr volume (13 fewer hushåll) and -1 122 tkr price, adding up", () => {
      expect(line.variance).toBeCloseTo(105_000, 6);
      expect(line.volumeEffect).toBeCloseTo(13 * (6_606_000 / 70), 1);
      expect(line.volumeEffect + line.priceEffect).toBe(line.variance);
      const shown = [line.volumeEffect, line.priceEffect, line.variance].map((x) => roundExcel(x / 1000));
      expect(shown).toEqual([1227, -1122, 105]);
      // The shown parts add up to the shown total: the check finds nothing to report.
      expect(
        checkCrossTotal(
          { label: "Förändring", value: shown[2]! },
          { label: "volym + pris", value: shown[0]! + shown[1]! },
          2,
        ),
      ).toBeUndefined();
    });
  });

  it("sets aside, with the reason, every row with no volume and cost of the same thing", () => {
    const used = [
      "Antalet barn placerade på institution (inklusive öppenvård) antal dygn",
      "Antalet hushåll med försörjningsstöd",
      "Totalt utbetalt försörjningsstöd",
      "Biståndsbedömd tid hemtjänst",
      "Antal utförda timmar hemtjänst",
      "Antal arbetade timmar hemtjänst",
      "Utförd tid/arbetad tid hemtjänst",
    ];
    const rest = golden.filter((r) => !used.some((u) => r["mått (som tryckt)"]!.startsWith(u)));
    expect(golden).toHaveLength(28);
    expect(rest).toHaveLength(21);
    // Stocks on 31 December (children, persons, decisions, placements) with no cost beside them in the seed ...
    const stocks = rest.filter((r) => /31|dec/.test(r["mättidpunkt"]!));
    expect(stocks).toHaveLength(19);
    // ... a count of investigations, and a cost with no volume (betalningsansvar 457 / 0 tkr).
    expect(
      rest
        .filter((r) => !stocks.includes(r))
        .map((r) => [r["enhet"], r["värde 2020 normaliserat"], r["värde 2021 normaliserat"]]),
    ).toEqual([
      ["utredningar", "145", "248"],
      ["tkr", "457", "0"],
    ]);
  });
});

describe("volumes of seed 001 (Härryda budget 2023): volumes without a price", () => {
  // The seed prints volumes (informationstal) and a net budget per verksamhet, but no price per hour, place or
  // visit, and no cost beside a volume: the lines are unpriced (1 kr a unit), the figures read in units.
  const info = readGolden("001_informationstal.csv");
  const YEARS = ["Bokslut 2021", "Budget 2022", "Plan 2023", "Plan 2024", "Plan 2025"] as const;
  const series = (start: string) => YEARS.map((y) => Number(info.find((r) => r["indikator"]!.startsWith(start))![y]));
  const cases = readGolden("001_testfall.csv");
  const expected = (id: string) => cases.find((r) => r["ID"] === id)!["förväntat"]!;

  it("turns platser into dygn: 246 and 203 permanent säbo places are 89 790 and 74 095 dygn (H70)", () => {
    expect(expected("H70")).toBe("89790, 74095 dygn");
    const places = seedVolumes("001", "Antal permanenta platser särskilt boende, kommunal regi (mätdatum 31/12)");
    expect(places).toEqual([269, 246, 203, 211, 218]);
    expect(placeDays(places[1]!, 2022)).toBe(89_790);
    expect(placeDays(places[2]!, 2023)).toBe(74_095);
    expect(placeDays(places[3]!, 2024)).toBe(211 * 366);
  });

  it("H69: the places change by -23, -43, +8, +7 a year: the largest cut in 2023, then a slow rise", () => {
    const places = series("Antal permanenta platser särskilt boende");
    const change = places.slice(1).map((p, i) => p - places[i]!);
    expect(change).toEqual([-23, -43, 8, 7]);
    expect(change.map((c) => (c > 0 ? `+${c}` : String(c))).join(", ")).toBe(expected("H69"));
  });

  it("H67: 35,13 hemtjänst hours per brukare in kommunal regi, and so on for every year", () => {
    const hours = series("Antal beställda hemtjänsttimmar");
    const users = series("Antal brukare med hemtjänst");
    expect(hours).toEqual(seedVolumes("001", "Antal beställda hemtjänsttimmar, kommunal regi"));
    const perUser = expected("H67")
      .split(";")
      .map((t) => (parseAmount(t, VOLUME) as { value: number }).value);
    expect(hours.map((h, i) => roundExcel(h / users[i]!, 2))).toEqual(perUser);
    expect(perUser[0]).toBe(35.13);
  });

  /**
   * H68 through a beställare/utförare pair, one year's column at a time (H72: never across columns): Hälsa och
   * bistånd orders every hour (Antal timmar hemtjänst), Vård och omsorg delivers the ones in kommunal regi. The
   * purchaser's volume outside the pair is the hours from other providers.
   */
  const pairOf = (column: number) => {
    const ordered = series("Antal timmar hemtjänst (mätmånad oktober)")[column]!;
    const municipal = series("Antal beställda hemtjänsttimmar")[column]!;
    const purchaser = {
      ...unpriced("HoB-hemtjänst", "Hälsa och bistånd", "timmar", ordered, ordered),
      role: "purchaser" as const,
      counterpartKey: "VoO-hemtjänst",
    };
    const provider = {
      ...unpriced("VoO-hemtjänst", "Vård och omsorg", "timmar", municipal, municipal),
      role: "provider" as const,
    };
    return calculateVolumeBudget({ year: 2021 + column, month: 12, lines: [purchaser, provider] });
  };

  it("H68: 331, 330, 330, 330, 330 hours from other providers, as the pair's external volume", () => {
    const external = YEARS.map((_, i) => pairOf(i).pairs[0]!.purchaserExternalCost);
    expect(external.join(", ")).toBe(expected("H68").replace(/ \(.*\)$/, ""));
    const first = pairOf(0);
    expect(first.pairs[0]!.internalPayment.actual).toBe(11_874);
    // The internal hours are counted once in the nämnd's total: the 12 205 ordered, not 12 205 + 11 874.
    expect(first.grossTotal.actualCost).toBe(12_205 + 11_874);
    expect(first.total.actualCost).toBe(12_205);
    expect(first.pairs[0]!.providerNet.variance).toBe(0);
  });

  it("H71: dagverksamhet 339 besök against 3 750 is 9,0 % of it, 3 411 besök fewer", () => {
    const visits = series("Antal besök dagverksamhet");
    expect(visits).toEqual([339, 3750, 3750, 3750, 3750]);
    // As the golden computes it: 2021's outcome against the plan's level (3 750 in every plan year). Extreme, and
    // kept as printed (not corrected as a misprint).
    const line = calculateVolumeBudget({
      year: 2021,
      month: 12,
      lines: [unpriced("dagverksamhet", "Vård och omsorg", "besök", visits[1]!, visits[0]!)],
    }).lines[0]!;
    expect(roundExcel(line.volumeShare! * 100, 1)).toBe(9);
    expect(line.actualVolume - line.budgetVolumeToDate).toBe(-3411);
    expect(line.volumeEffect).toBe(3411); // + = fewer units than planned
    expect(expected("H71")).toBe("9,0 % av budget (avvikelse -3411 besök)");
  });

  it("H72: computes no variance between Bokslut 2021 and Budget 2022: no column holds both an outcome and a plan", () => {
    expect(expected("H72")).toBe("ingen avvikelse ska räknas: kolumnerna avser olika år");
    // Each column is one year and one kind; a volume line needs budget and utfall of the same year.
    const kinds = YEARS.map((y) => ({ kind: y.startsWith("Bokslut") ? "utfall" : "plan", year: Number(y.slice(-4)) }));
    const sameYear = kinds.filter(
      (a) => a.kind === "utfall" && kinds.some((b) => b.kind === "plan" && b.year === a.year),
    );
    expect(sameYear).toEqual([]);
    // Per column, the places give dygn (H70), never an avvikelse: 269 (2021) and 246 (2022) are not compared.
    const places = series("Antal permanenta platser särskilt boende");
    expect(places.slice(0, 2)).toEqual([269, 246]);
  });
});

describe("volume budget, hand-computed", () => {
  it("splits the variance into volume and price effect and forecasts from the run rate", () => {
    // 1 200 h at 400 kr + 120 000 fixed; June: 600 h and 60 000 fixed to date, budget 300 000.
    // 650 h delivered at a cost of 335 000: variance -35 000 = volume -20 000 (50 h x 400) + price -15 000.
    const r = calculateVolumeBudget({
      year: 2021,
      month: 6,
      lines: [
        {
          ...base,
          key: "a",
          budgetVolume: 1200,
          unitPrice: 400,
          fixedBudget: 120_000,
          actualVolume: 650,
          actualCost: 335_000,
        },
      ],
    });
    const l = r.lines[0]!;
    expect(l.annualBudget).toBe(600_000);
    expect(l.budgetVolumeToDate).toBe(600);
    expect(l.budgetToDate).toBe(300_000);
    expect(l.volumeAdjustedBudget).toBe(320_000);
    expect(l.variance).toBe(-35_000);
    expect(l.volumeEffect).toBe(-20_000);
    expect(l.priceEffect).toBe(-15_000);
    expect(l.actualUnitCost).toBe(423.08);
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
      lines: [
        {
          ...base,
          key: "m",
          budgetVolume: 1200,
          unitPrice: 400,
          fixedBudget: 0,
          actualVolume: 250,
          actualVolumeMonthly: [100, 100],
          actualCost: 100_000,
        },
      ],
    });
    expect(r.lines[0]!.flags).toEqual(["linearPhasing", "monthlyVolumeMismatch"]);
  });

  it("handles zero volume: no unit cost, the cost is run at its rate", () => {
    const r = calculateVolumeBudget({
      year: 2021,
      month: 4,
      lines: [
        { ...base, key: "z", budgetVolume: 300, unitPrice: 1000, fixedBudget: 0, actualVolume: 0, actualCost: 50_000 },
      ],
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
      lines: [
        { ...base, key: "0", budgetVolume: 0, unitPrice: 350, fixedBudget: 0, actualVolume: 10, actualCost: 4000 },
      ],
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
      lines: [
        {
          ...base,
          key: "n",
          unit: "dygn",
          budgetVolume: 2400,
          unitPrice: -1500,
          fixedBudget: 2_000_000,
          actualVolume: 2000,
          actualCost: -900_000,
        },
      ],
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
        {
          ...base,
          key: "best",
          area: "AoB",
          role: "purchaser",
          counterpartKey: "utf",
          budgetVolume: 96_000,
          budgetVolumeMonthly: plan,
          unitPrice: 500,
          fixedBudget: 0,
          actualVolume: 57_890,
          actualCost: 57_890 * 500,
        },
        {
          ...base,
          key: "utf",
          area: "ÄFH",
          role: "provider",
          counterpartKey: "best",
          budgetVolume: 96_000,
          budgetVolumeMonthly: plan,
          unitPrice: 500,
          fixedBudget: 0,
          actualVolume: 57_890,
          actualCost: 32_000_000,
        },
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
        {
          ...base,
          key: "1",
          area: "A",
          budgetVolume: 10,
          unitPrice: 100,
          fixedBudget: 0,
          actualVolume: 10,
          actualCost: 900,
        },
        {
          ...base,
          key: "2",
          area: "B",
          budgetVolume: 10,
          unitPrice: 100,
          fixedBudget: 500,
          actualVolume: 12,
          actualCost: 1800,
        },
        {
          ...base,
          key: "3",
          area: "A",
          budgetVolume: 5,
          unitPrice: 200,
          fixedBudget: 0,
          actualVolume: 4,
          actualCost: 700,
        },
      ],
    });
    expect(r.areas.map((a) => [a.area, a.lineKeys, a.annualBudget, a.actualCost, a.variance])).toEqual([
      ["A", ["1", "3"], 2000, 1600, 400],
      ["B", ["2"], 1500, 1800, -300],
    ]);
    expect(r.total.variance).toBe(100);
    expect(r.total).toEqual(r.grossTotal);
  });

  it("refuses pairs that do not fit, each problem as a code and its data", () => {
    const line = { ...base, budgetVolume: 1, unitPrice: 1, fixedBudget: 0, actualVolume: 1, actualCost: 1 };
    const problems = (...list: CoreProblem[]) => expect.objectContaining({ problems: list });
    expect(() =>
      calculateVolumeBudget({ year: 2021, month: 1, lines: [{ ...line, key: "b", role: "purchaser" }] }),
    ).toThrow(problems({ code: "purchaserWithoutProvider", key: "b" }));
    expect(() =>
      calculateVolumeBudget({ year: 2021, month: 1, lines: [{ ...line, key: "u", role: "provider" }] }),
    ).toThrow(problems({ code: "providerWithoutPurchaser", key: "u" }));
    expect(() =>
      calculateVolumeBudget({
        year: 2021,
        month: 1,
        lines: [
          { ...line, key: "b", role: "purchaser", counterpartKey: "x" },
          { ...line, key: "x", role: "own" },
        ],
      }),
    ).toThrow(problems({ code: "counterpartWrongRole", key: "b", role: "purchaser", counterpartKey: "x" }));
    expect(() => calculateVolumeBudget({ year: 2021, month: 13, lines: [] })).toThrow(
      problems({ code: "monthOutOfRange", month: 13 }),
    );
    expect(() =>
      calculateVolumeBudget({ year: 2021, month: 5, lines: [{ ...line, key: "m", actualVolumeMonthly: [1, 2] }] }),
    ).toThrow(problems({ code: "actualVolumeMonths", key: "m", name: line.name, count: 2, month: 5 }));
  });
});

describe("the bundled example (examples/data/volym-2021.json)", () => {
  type Row = Record<string, string | number | null>;
  const doc = JSON.parse(readFileSync(new URL("../../examples/data/volym-2021.json", import.meta.url), "utf8")) as {
    rows: Row[];
  };
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
    expect(result.pairs.map((p) => [p.purchaserKey, p.providerKey])).toEqual([
      ["Myndighet och bistånd / Hemtjänst", "Vård och omsorg / Hemtjänst"],
    ]);
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
