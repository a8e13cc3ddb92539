import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatTkr } from "../../src/core/amounts";
import { calculatePrognosis } from "../../src/core/prognosis";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import { readSettingsSheet } from "../../src/input/settings";
import { addRows, excelReader, messages, settings } from "./helpers";

interface GoldenRow {
  ansvar: string;
  name: string;
  level: string;
  parent: string;
  actualLastYear: number;
  actual: number;
  budget: number;
  forecast: number;
}

/** Seed 004 (Herrljunga 2021-08): the per-ansvar table, tkr, costs positive. */
const golden: GoldenRow[] = readFileSync(
  new URL("../fixtures/golden/004_prognos_per_ansvar.csv", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const c = line.split(",");
    return {
      ansvar: c[0]!,
      name: c[1]!,
      level: c[2]!,
      parent: c[3]!,
      actualLastYear: Number(c[4]),
      actual: Number(c[5]),
      budget: Number(c[6]),
      forecast: Number(c[7]),
    };
  });
const leaves = golden.filter((g) => g.level === "ansvar");
const areas = golden.filter((g) => g.level === "verksamhet");

/** A ledger in kronor: the tkr to date spread over months 1-8, with a revenue line and its cost, as an ERP gives it. */
function ledger(year: number, rows: { ansvar: string; tkr: number }[], fullYear: boolean): unknown[][] {
  const out: unknown[][] = [];
  for (const { ansvar, tkr } of rows) {
    const kronor = tkr * 1000;
    const monthly = Math.trunc(kronor / 8);
    for (let m = 1; m <= 8; m++)
      out.push([Number(ansvar), 4010, year * 100 + m, m === 8 ? kronor - 7 * monthly : monthly]);
    out.push([Number(ansvar), 3010, `${year}-03`, -25_000]);
    out.push([Number(ansvar), 4020, `${year}-03`, 25_000]);
    if (fullYear) for (let m = 9; m <= 12; m++) out.push([Number(ansvar), 4010, year * 100 + m, monthly]);
  }
  return out;
}

async function herrljunga() {
  return excelReader((wb) => {
    addRows(wb, "Inställningar", [
      ["År", 2021],
      ["Månad", "augusti"],
      ["Teckenkonvention", "Kostnader positiva (nettokostnad som positivt tal)"],
      ["Belopp i", "tkr"],
      ["Prognosmetod", "Budget + avvikelse hittills"],
    ]);
    addRows(wb, "Ansvar", [
      ["Ansvar", "Benämning", "Överordnad"],
      ...golden
        .filter((g) => g.level !== "total")
        .map((g) => [Number(g.ansvar), g.name, g.parent ? Number(g.parent) : null]),
    ]);
    addRows(wb, "Budget", [
      ["Budget 2021 per ansvar (tkr)"],
      [null],
      ["Ansvar", "Benämning", "Budget helår"],
      ...leaves.map((g) => [Number(g.ansvar), g.name, g.budget]),
    ]);
    addRows(wb, "Utfall", [
      ["Ansvar", "Konto", "Period", "Belopp"],
      ...ledger(
        2021,
        leaves.map((g) => ({ ansvar: g.ansvar, tkr: g.actual })),
        false,
      ),
    ]);
    addRows(wb, "Utfall fg år", [
      ["Ansvar", "Konto", "Period", "Belopp"],
      ...ledger(
        2020,
        leaves.map((g) => ({ ansvar: g.ansvar, tkr: g.actualLastYear })),
        true,
      ),
    ]);
    addRows(wb, "Prognos", [
      ["Ansvar", "Benämning", "Prognos helår", "Kommentar"],
      ...leaves.map((g) => [
        Number(g.ansvar),
        g.name,
        g.forecast,
        g.ansvar === "422" ? "Placeringar barn och unga" : null,
      ]),
    ]);
  });
}

describe("readPrognosisInput on a Herrljunga-style workbook (seed 004)", () => {
  it("reads the settings sheet", async () => {
    expect(await readSettingsSheet(await herrljunga())).toEqual({
      year: 2021,
      month: 8,
      signConvention: "costPositive",
      amountUnit: "tkr",
      proposalMethod: "phasedBudgetPlusVariance",
    });
  });

  it("gives a PrognosisInput whose totals are the golden table's", async () => {
    const reader = await herrljunga();
    const out = await readPrognosisInput(reader, settings({ ...(await readSettingsSheet(reader)) }));
    expect(messages(out.errors)).toEqual([]);
    expect(messages(out.warnings)).toEqual([]);
    const input = out.value!;
    expect(input.costCentres).toHaveLength(23);
    expect(input.budgets).toHaveLength(18);
    expect(input.forecasts?.find((f) => f.costCentre === "422")).toEqual({
      costCentre: "422",
      forecast: 19_625_000,
      comment: "Placeringar barn och unga",
    });
    const result = calculatePrognosis(input);
    // Seed 004: utfall 136 434 tkr from the ansvar rows (the printed total is 136 435: a rounding gap), budget 216 123.
    expect(result.total.actual).toBe(136_434_000);
    expect(result.total.annualBudget).toBe(216_123_000);
    expect(result.total.forecast).toBe(216_123_000);
    expect(result.total.varianceFullYear).toBe(0);
    expect(result.total.actualLastYear).toBe(leaves.reduce((a, g) => a + g.actualLastYear, 0) * 1000);
    for (const area of areas) {
      const row = result.rows.find((r) => r.key === area.ansvar)!;
      expect(row.annualBudget).toBe(area.budget * 1000);
      expect(row.forecast).toBe(area.forecast * 1000);
    }
    const ifo = result.rows.find((r) => r.key === "42")!;
    expect(ifo.actual).toBe(30_097_000);
    expect(formatTkr(ifo.varianceFullYear)).toBe("-2 050");
    expect(result.reconciliation.unexplained).toBe(0);
    // 18 ansvar x 10 rows this year, x 14 last year, 18 budget rows, 18 forecasts, 23 ansvar: all used.
    expect(out.rows).toEqual({ read: 180 + 252 + 18 + 18 + 23, used: 491, rejected: 0 });
    expect(out.recognised.find((r) => r.sheet === "Budget")).toEqual({
      sheet: "Budget",
      headerRow: 3,
      fields: { costCentre: "A3", name: "B3", budget: "C3" },
    });
    expect(out.recognised.map((r) => r.sheet)).toEqual(["Ansvar", "Budget", "Utfall", "Utfall fg år", "Prognos"]);
  });
});

describe("subtotal rows of a Herrljunga-style workbook", () => {
  it("skips verksamhet rows that are the sums of their ansvar, and a grand total, naming each", async () => {
    const reader = await excelReader((wb) => {
      addRows(wb, "Ansvar", [
        ["Ansvar", "Benämning", "Överordnad"],
        ...golden
          .filter((g) => g.level !== "total")
          .map((g) => [Number(g.ansvar), g.name, g.parent ? Number(g.parent) : null]),
      ]);
      // As printed in the report: each verksamhet row with its sum, above its ansvar.
      addRows(wb, "Budget", [
        ["Ansvar", "Benämning", "Budget helår"],
        ...golden.filter((g) => g.level !== "total").map((g) => [Number(g.ansvar), g.name, g.budget]),
      ]);
      addRows(wb, "Prognos", [
        ["Ansvar", "Benämning", "Prognos helår"],
        ...leaves.map((g) => [Number(g.ansvar), g.name, g.forecast]),
        ["SUMMA", "Summa verksamhet", 216123],
      ]);
    });
    const out = await readPrognosisInput(reader, settings());
    expect(messages(out.errors)).toEqual([]);
    expect(messages(out.warnings)).toEqual([
      'Blad "Prognos", cell A20: raden 20 är en summarad ("SUMMA") och räknas inte; dess belopp 216 123 tkr stämmer med summan av raderna ovanför.',
      'Blad "Budget", cell A2: ansvar 40 är en delsumma: dess budget 559 tkr är summan av de underliggande ansvaren (400) och räknas inte, annars räknas den två gånger.',
      'Blad "Budget", cell A4: ansvar 41 är en delsumma: dess budget 11 993 tkr är summan av de underliggande ansvaren (410) och räknas inte, annars räknas den två gånger.',
      'Blad "Budget", cell A6: ansvar 42 är en delsumma: dess budget 44 398 tkr är summan av de underliggande ansvaren (420, 421, 422) och räknas inte, annars räknas den två gånger.',
      'Blad "Budget", cell A10: ansvar 44 är en delsumma: dess budget 128 027 tkr är summan av de underliggande ansvaren (440, 441, 442, 443, 444, 445, 446, 447, 448) och räknas inte, annars räknas den två gånger.',
      'Blad "Budget", cell A20: ansvar 46 är en delsumma: dess budget 31 146 tkr är summan av de underliggande ansvaren (460, 461, 463, 467) och räknas inte, annars räknas den två gånger.',
    ]);
    expect(calculatePrognosis(out.value!).total.annualBudget).toBe(216_123_000);
    expect(out.rows).toEqual({ read: 23 + 23 + 19, used: 23 + 18 + 18, rejected: 6 });
  });
});

/** Seed 002 (Gnesta 2021, per augusti): net costs negative, "Prognos" = forecast variance per verksamhetsområde. */
const gnesta = [
  { area: "Socialnämnden", budget: -26, varianceToDate: 17, forecastVariance: 20 },
  { area: "Förvaltningsledning", budget: -2800, varianceToDate: -458, forecastVariance: -503 },
  { area: "Stöd och vägledning", budget: -44000, varianceToDate: -8229, forecastVariance: -9002 },
  {
    area: "Äldre, funktionsstöd, hälso- och sjukvård",
    budget: -21161,
    varianceToDate: -14489,
    forecastVariance: -18453,
  },
  { area: "Administration och bistånd", budget: -171339, varianceToDate: 13655, forecastVariance: 18908 },
];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"];

describe("readPrognosisInput on a Gnesta-style workbook (seed 002)", () => {
  it("turns negative costs and forecast variances into internal outcomes", async () => {
    const reader = await excelReader((wb) => {
      // A phased budget in wide layout, no annual column: the annual budget is the sum of the months.
      const phased = gnesta.map((g) => {
        const base = Math.trunc(g.budget / 12);
        return MONTHS.map((_, i) => (i === 11 ? g.budget - 11 * base : base));
      });
      addRows(
        wb,
        "Budget",
        [["Verksamhetsområde", ...MONTHS], ...gnesta.map((g, i) => [g.area, ...phased[i]!])].map((r, i) =>
          i === 0 ? ["Ansvar", ...r.slice(1)] : r,
        ),
      );
      // Utfall to date in kronor, costs negative: outcome = phased budget - variance to date (in internal terms).
      addRows(wb, "Utfall", [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ...gnesta.map((g, i) => {
          const phasedToDate = phased[i]!.slice(0, 8).reduce((a, b) => a + b, 0);
          const internalActual = -phasedToDate - g.varianceToDate;
          return [g.area, 4010, "2021-08", -internalActual * 1000];
        }),
      ]);
      addRows(wb, "Prognos", [
        ["Ansvar", "Prognos helår", "Kommentar"],
        ...gnesta.map((g) => [g.area, g.forecastVariance, null]),
      ]);
    });
    const out = await readPrognosisInput(
      reader,
      settings({ signConvention: "costNegative", forecastColumnKind: "variance" }),
    );
    expect(messages(out.errors)).toEqual([]);
    const input = out.value!;
    expect(input.budgets.find((b) => b.costCentre === "Stöd och vägledning")!.annual).toBe(44_000_000);
    // Gnesta's SoV: budget -44 000 and forecast variance -9 002 mean a forecast outcome of -53 002 (internal 53 002).
    expect(input.forecasts!.find((f) => f.costCentre === "Stöd och vägledning")!.forecast).toBe(53_002_000);
    const result = calculatePrognosis(input);
    expect(result.total.annualBudget).toBe(239_326_000);
    expect(result.total.varianceToDate).toBe(-9_504_000);
    expect(result.total.varianceFullYear).toBe(-9_030_000);
    expect(result.total.forecast).toBe(248_356_000);
    expect(result.rows.find((r) => r.key === "Administration och bistånd")!.varianceFullYear).toBe(18_908_000);
    expect(result.rows.every((r) => !r.flags.includes("linearPhasing"))).toBe(true);
  });

  it("reads Gnesta's conventions from the settings sheet", async () => {
    const reader = await excelReader((wb) => {
      addRows(wb, "Inställningar", [
        ["Inställningar för uppföljningen"],
        ["År", "2021"],
        ["Månad", 8],
        ["Teckenkonvention", "Kostnader negativa (nettokostnad som negativt tal)"],
        ["Prognos avser", "Avvikelse mot budget"],
        ["Prognosmetod", "Linjär uppräkning (utfall × 12 / månader)"],
        ["Prognosavvikelse (tkr)", "-9 030"],
      ]);
    });
    expect(await readSettingsSheet(reader)).toEqual({
      year: 2021,
      month: 8,
      signConvention: "costNegative",
      forecastColumnKind: "variance",
      proposalMethod: "runRate",
      forecastVariance: -9_030_000,
    });
  });

  it("refuses a forecast variance for an ansvar without a budget, naming the cell", async () => {
    const reader = await excelReader((wb) => {
      addRows(wb, "Budget", [
        ["Ansvar", "Budget helår"],
        ["Förvaltningsledning", -2800],
      ]);
      addRows(wb, "Prognos", [
        ["Ansvar", "Prognos helår"],
        ["Förvaltningsledning", -503],
        ["Socialnämnden", 20],
      ]);
    });
    const out = await readPrognosisInput(
      reader,
      settings({ signConvention: "costNegative", forecastColumnKind: "variance" }),
    );
    expect(out.value).toBeUndefined();
    expect(messages(out.errors)).toEqual([
      'Blad "Prognos", cell B3: ansvar Socialnämnden har ingen budget, så prognosen (en avvikelse) kan inte räknas om till ett utfall: förväntade en budget för ansvaret på bladet Budget.',
    ]);
  });
});
