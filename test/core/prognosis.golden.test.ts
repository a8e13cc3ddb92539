/**
 * Golden tests of the prognosis calculator on the seeds: Herrljunga 2021 (seed 004, costs positive) and Gnesta 2021
 * (seed 002, costs negative, "Prognos" columns are forecast variances). Inputs in kronor (tkr x 1000).
 */
import { describe, expect, it } from "vitest";
import { formatTkr, roundExcel } from "../../src/core/amounts";
import { checkCrossTotal, checkSubtotals, type TableLine } from "../../src/core/consistency";
import { pathKey, type CostCentre } from "../../src/core/hierarchy";
import {
  calculatePrognosis,
  type ActualRow,
  type BudgetLine,
  type ForecastEntry,
  type PrognosisInput,
  type PrognosisResult,
  type PrognosisRow,
} from "../../src/core/prognosis";
import { forecastOutcome, toInternal } from "../../src/core/signs";
import { buildPrognosisSheet, PROGNOSIS_COLUMNS } from "../../src/report/prognosisSheet";
import { GNESTA_META } from "../report/gnesta";
import { num, readGolden, type CsvRow } from "./goldenCsv";

const kr = (tkr: string | undefined): number => num(tkr)! * 1000;
/** A kronor amount as the report prints it: tkr, Excel rounding. */
const tkr = (kronor: number): number => roundExcel(kronor / 1000);

describe("Herrljunga 2021, prognosis per ansvar (seed 004)", () => {
  const printed = readGolden("004_prognos_per_ansvar.csv");
  const leaves = printed.filter((r) => r.niva === "ansvar");
  const costCentres: CostCentre[] = printed
    .filter((r) => r.niva !== "total")
    .map((r) => ({ key: r.ansvar!, code: r.ansvar!, name: r.benamning!, parentKey: r.overordnad || undefined }));
  const base: Omit<PrognosisInput, "actuals"> = {
    year: 2021,
    month: 8,
    costCentres,
    budgets: leaves.map((r) => ({ costCentre: r.ansvar!, annual: kr(r.budget_2021) })),
    lastYearActuals: leaves.map((r) => ({ costCentre: r.ansvar!, period: "2020-08", amount: kr(r.utfall_2020_08) })),
    forecasts: leaves.map((r) => ({
      costCentre: r.ansvar!,
      forecast: kr(r.prognos_2021),
      comment:
        r.ansvar === "421" ? "Inkluderar resultatföring av flyktingbufferten, 5 200 tkr." : "Enhetens bedömning.",
    })),
    proposalMethod: "phasedBudgetPlusVariance",
  };
  /** Fed with the printed tkr of each ansvar: the sums are of the printed parts. */
  const fromPrinted = calculatePrognosis({
    ...base,
    actuals: leaves.map((r) => ({ costCentre: r.ansvar!, period: "2021-08", amount: kr(r.utfall_2021_08) })),
  });
  const byKey = new Map<string, PrognosisRow>(fromPrinted.rows.map((r) => [r.key, r]));
  const rowOf = (key: string) => (key === "SUMMA" ? fromPrinted.total : byKey.get(key)!);

  it("reproduces every verksamhet and SUMMA on Utfall 2020-08, Budget, Prognos and Avvikelse helår", () => {
    for (const p of printed.filter((r) => r.niva !== "ansvar")) {
      const row = rowOf(p.ansvar!);
      expect([
        p.ansvar,
        tkr(row.actualLastYear!),
        tkr(row.annualBudget),
        tkr(row.forecast),
        tkr(row.varianceFullYear),
      ]).toEqual([p.ansvar, num(p.utfall_2020_08), num(p.budget_2021), num(p.prognos_2021), num(p.avvikelse_helar)]);
    }
    expect(formatTkr(rowOf("42").varianceFullYear)).toBe("-2 050");
    expect(rowOf("42").varianceFullYear).toBe(-2_050_000);
    expect(rowOf("SUMMA").varianceFullYear).toBe(0);
  });

  it("reproduces every ansvar row and the report order (each verksamhet before its ansvar)", () => {
    for (const p of leaves) {
      const row = rowOf(p.ansvar!);
      expect([
        tkr(row.actual),
        tkr(row.annualBudget),
        tkr(row.forecast),
        tkr(row.varianceFullYear),
        row.forecastMethod,
      ]).toEqual([num(p.utfall_2021_08), num(p.budget_2021), num(p.prognos_2021), num(p.avvikelse_helar), "entered"]);
    }
    expect(fromPrinted.rows.map((r) => r.key).slice(0, 8)).toEqual([
      "40",
      "400",
      "41",
      "410",
      "42",
      "420",
      "421",
      "422",
    ]);
    expect(rowOf("421").comment).toContain("flyktingbufferten");
  });

  it("Utfall 2021-08 from the printed parts: Socialt stöd 20 889 (printed 20 890), SUMMA 136 434 (printed 136 435), and the checks report it", () => {
    for (const p of printed.filter((r) => r.niva !== "ansvar" && r.ansvar !== "46" && r.ansvar !== "SUMMA"))
      expect(tkr(rowOf(p.ansvar!).actual)).toBe(num(p.utfall_2021_08));
    expect(tkr(rowOf("46").actual)).toBe(20889);
    expect(tkr(rowOf("SUMMA").actual)).toBe(136434);

    // The product's own table against the printed one: each printed verksamhet against the computed sum of its ansvar.
    const computedVsPrinted = printed
      .filter((r) => r.niva !== "ansvar")
      .map((p) =>
        checkCrossTotal(
          { label: p.benamning!, value: num(p.utfall_2021_08)!, column: "Utfall 2021-08" },
          { label: "summan av ansvaren", value: tkr(rowOf(p.ansvar!).actual) },
          p.ansvar === "SUMMA" ? leaves.length : leaves.filter((l) => l.overordnad === p.ansvar).length,
        ),
      )
      .filter((f) => f !== undefined);
    expect(computedVsPrinted.map((f) => [f.label, f.printed, f.computed, f.severity])).toEqual([
      ["Socialt stöd", 20890, 20889, "rounding"],
      ["Summa verksamhet", 136435, 136434, "rounding"],
    ]);
    expect(computedVsPrinted[0]!.message).toBe(
      "Socialt stöd, Utfall 2021-08: tryckt 20 890, men summan av ansvaren är 20 889 (avrundning, 1 tkr).",
    );

    // The computed report as a table: its own subtotals hold exactly (sums of unrounded kronor).
    const lines: TableLine[] = fromPrinted.rows.map((r) => ({
      key: r.key,
      label: r.name,
      parentKey: r.parentKey,
      role: r.isLeaf ? "line" : "subtotal",
      values: { utfall: r.actual, budget: r.annualBudget, prognos: r.forecast },
    }));
    lines.push({
      key: "SUMMA",
      label: "Summa",
      role: "total",
      values: {
        utfall: fromPrinted.total.actual,
        budget: fromPrinted.total.annualBudget,
        prognos: fromPrinted.total.forecast,
      },
    });
    expect(checkSubtotals(lines, ["utfall", "budget", "prognos"], { unit: "kr" })).toEqual([]);
  });

  it("from a ledger in kronor that rounds to the printed parts, shows 20 890 and 136 435, and Resultat 4 793", () => {
    // Eight monthly rows per ansvar; Socialt stöd's four ansvar carry +200 kr each, which the printed tkr hide.
    const actuals: ActualRow[] = leaves.flatMap((r) => {
      const total = kr(r.utfall_2021_08) + (r.overordnad === "46" ? 200 : 0);
      return Array.from({ length: 8 }, (_, m) => ({
        costCentre: r.ansvar!,
        period: `2021-0${m + 1}`,
        amount: m < 7 ? Math.trunc(total / 8) : total - 7 * Math.trunc(total / 8),
      }));
    });
    const result = calculatePrognosis({ ...base, actuals });
    const row = (key: string) => result.rows.find((r) => r.key === key)!;
    for (const p of leaves) expect(tkr(row(p.ansvar!).actual)).toBe(num(p.utfall_2021_08));
    expect(tkr(row("46").actual)).toBe(20890);
    expect(tkr(result.total.actual)).toBe(136435);
    expect(result.reconciliation).toMatchObject({ rowsRead: 144, rowsUsed: 144, rowsOutsidePeriod: 0, unexplained: 0 });
    // The summary page: Resultat to date = Kommunbidrag to date - net cost to date (141 228 - 136 435 = 4 793).
    const kommunbidrag = 141_228_000;
    expect(tkr(kommunbidrag - result.total.actual)).toBe(4793);
    expect(tkr(216_123_000 - result.total.forecast)).toBe(0);
    // Fed the printed tkr instead, the same identity gives 4 794: the 1 tkr is reported, not hidden.
    const f = checkCrossTotal(
      { label: "Resultat", value: 4793, column: "Utfall 2021-08" },
      { label: "Kommunbidrag - Nettokostnad", value: tkr(kommunbidrag - fromPrinted.total.actual) },
      2,
    );
    expect([f?.difference, f?.severity]).toEqual([-1, "rounding"]);
  });
});

describe("Gnesta 2021, per area and per unit (seed 002, costs negative, forecast columns are variances)", () => {
  const C = {
    budget: "Helårsbudget (tkr)",
    actualApril: "Resultat per April (nettoutfall jan-apr, tkr)",
    forecastApril: "Prognos per April (helårsavvikelse, tkr)",
    actualAugust: "Resultat per Augusti (nettoutfall jan-aug, tkr)",
    forecastAugust: "Prognos per Augusti (helårsavvikelse, tkr)",
  };
  const A = {
    budget: "Budget 2021 (tkr)",
    varianceApril: "Resultat per April (avvikelse t.o.m. april, tkr)",
    forecastApril: "Prognos per April (helårsavvikelse, tkr)",
    varianceAugust: "Resultat per Augusti (avvikelse t.o.m. augusti, tkr)",
    forecastAugust: "Prognos per Augusti (helårsavvikelse, tkr)",
  };
  const overview = readGolden("002_verksamhetsomraden.csv").filter((r) => r.Radtyp !== "total");
  const overviewTotal = readGolden("002_verksamhetsomraden.csv").find((r) => r.Radtyp === "total")!;
  const unitRows = readGolden("002_enheter.csv");
  // The unit table spells ÄFH's name longer than the overview: the areas are matched by order.
  const AREA_OF_UNIT_TABLE: Record<string, string> = {
    "Stöd och vägledning": "Stöd och vägledning",
    "Äldre, Funktionsstöd, Socialpsykiatri och Hälso- och sjukvård": "Äldre, funktionsstöd, hälso- och sjukvård",
    "Administration och bistånd": "Administration och bistånd",
  };
  const units = unitRows
    .filter((r) => r.Radtyp === "enhet")
    .map((r): CsvRow & { area: string } => ({ ...r, area: AREA_OF_UNIT_TABLE[r["Verksamhetsområde"]!]! }));
  const unitTotals = new Map(
    unitRows.filter((r) => r.Radtyp === "total").map((r) => [AREA_OF_UNIT_TABLE[r["Verksamhetsområde"]!]!, r]),
  );
  const areaNames = overview.map((r) => r["Verksamhetsområde"]!);
  const [SN, FL, SOV, AFH, AOB] = areaNames as [string, string, string, string, string];
  const G = "costNegative" as const;
  const internal = (tkrText: string | undefined) => toInternal(kr(tkrText), G);
  /**
   * Gnesta's figures as the product shows them: the prognosis sheet with Gnesta's setting (costs negative), a row
   * by its name and a column by its id, in kronor as the cell holds them.
   */
  const sheetOf = (result: PrognosisResult) => {
    const rows = buildPrognosisSheet(result, GNESTA_META).tables[0]!.rows;
    const at = (id: string) => PROGNOSIS_COLUMNS.findIndex((c) => c.id === id);
    return (name: string, id: string): number =>
      rows.find((r) => r.cells[at("name")]!.value === name)!.cells[at(id)]!.value as number;
  };

  /** G23: implied phased budget to August = nettoutfall jan-aug - avvikelse t.o.m. augusti (area level, Gnesta's sign). */
  const impliedPhased = (area: string, actualCol: string, varianceCol: string) =>
    num(unitTotals.get(area)![actualCol])! - num(overview.find((r) => r["Verksamhetsområde"] === area)![varianceCol])!;

  // Names repeat (Stab, LSS, SoL FN, SoL ÄO under two areas): key on the path.
  const costCentres: CostCentre[] = [
    ...areaNames.map((name) => ({ key: name, name })),
    ...units.map((u) => ({ key: pathKey([u.area, u.Enhet!]), name: u.Enhet!, parentKey: u.area })),
  ];
  /** Monthly phasing as data: each unit follows its area's implied August share (G23), months 1-8 and 9-12 even. */
  const budgets: BudgetLine[] = [
    ...units.map((u) => {
      const annual = internal(u[C.budget]);
      const areaBudget = num(unitTotals.get(u.area)![C.budget])!;
      const toAugust = annual * (impliedPhased(u.area, C.actualAugust, A.varianceAugust) / areaBudget);
      return {
        costCentre: pathKey([u.area, u.Enhet!]),
        annual,
        monthly: [...Array(8).fill(toAugust / 8), ...Array(4).fill((annual - toAugust) / 4)],
      };
    }),
    // The nämnd and Förvaltningsledning have no unit table: their budget sits on the area itself.
    ...[SN, FL].map((a) => ({
      costCentre: a,
      annual: internal(overview.find((r) => r["Verksamhetsområde"] === a)![A.budget]),
    })),
  ];
  const annualOf = new Map(budgets.map((b) => [b.costCentre, b.annual]));
  // Ledger: jan-apr booked in April, may-aug in August.
  const actuals: ActualRow[] = units.flatMap((u) => [
    { costCentre: pathKey([u.area, u.Enhet!]), period: "2021-04", amount: internal(u[C.actualApril]) },
    {
      costCentre: pathKey([u.area, u.Enhet!]),
      period: "2021-08",
      amount: internal(u[C.actualAugust]) - internal(u[C.actualApril]),
    },
  ]);
  const forecastsFrom = (unitCol: string, areaCol: string): ForecastEntry[] => [
    ...units.map((u) => {
      const key = pathKey([u.area, u.Enhet!]);
      return {
        costCentre: key,
        forecast: forecastOutcome(kr(u[unitCol]), "variance", annualOf.get(key)!, G),
        comment: "Enhetens bedömning.",
      };
    }),
    ...[SN, FL].map((a) => ({
      costCentre: a,
      forecast: forecastOutcome(
        kr(overview.find((r) => r["Verksamhetsområde"] === a)![areaCol]),
        "variance",
        annualOf.get(a)!,
        G,
      ),
      comment: "Områdets bedömning.",
    })),
  ];
  const input: PrognosisInput = {
    year: 2021,
    month: 8,
    costCentres,
    budgets,
    actuals,
    forecasts: forecastsFrom(C.forecastAugust, A.forecastAugust),
    previousForecasts: forecastsFrom(C.forecastApril, A.forecastApril),
    proposalMethod: "runRate",
  };
  const august = calculatePrognosis(input);
  const area = (name: string) => august.rows.find((r) => r.key === name)!;
  const shown = sheetOf(august);

  it("sums the units per area (G06-G08, G10-G16, G18-G20) and shows SoV's nettoutfall 1 tkr from the printed -37 681 (G09)", () => {
    const april = calculatePrognosis({ ...input, month: 4 });
    const shownApril = sheetOf(april);
    expect([SOV, AFH, AOB].map((a) => tkr(shown(a, "annualBudget")))).toEqual([-44000, -21161, -171339]);
    expect([SOV, AFH, AOB].map((a) => tkr(shownApril(a, "actual")))).toEqual([-19176, -14701, -49483]);
    expect([SOV, AFH, AOB].map((a) => tkr(shown(a, "actual")))).toEqual([-37682, -29010, -100620]);
    // Forecast variances: the same in both conventions (positive = överskott).
    expect([SOV, AFH, AOB].map((a) => tkr(shown(a, "varianceFullYear")))).toEqual([-9002, -18453, 18908]);
    expect([SOV, AFH, AOB].map((a) => tkr(area(a).varianceFullYear))).toEqual([-9002, -18453, 18908]);
    expect([SOV, AFH, AOB].map((a) => tkr(area(a).annualBudget - (area(a).previousForecast ?? Number.NaN)))).toEqual([
      -5625, -19920, 18740,
    ]);
    expect(tkr(shown("Summa", "annualBudget"))).toBe(-239326);
    expect(tkr(shown("Summa", "varianceFullYear"))).toBe(-9030);
    // April's rows after the follow-up month are kept aside and counted, not lost.
    expect(april.reconciliation).toMatchObject({ rowsRead: 28, rowsUsed: 14, rowsOutsidePeriod: 14, unexplained: 0 });
    const g09 = checkCrossTotal(
      {
        label: "Stöd och vägledning TOTAL",
        value: num(unitTotals.get(SOV)![C.actualAugust])!,
        column: "Resultat per Augusti",
      },
      { label: "summan av enheterna", value: tkr(shown(SOV, "actual")) },
      4,
    );
    expect(g09?.message).toBe(
      "Stöd och vägledning TOTAL, Resultat per Augusti: tryckt -37 681, men summan av enheterna är -37 682 (avrundning, 1 tkr).",
    );
  });

  it("G25: forecast outcome = budget + forecast variance, in Gnesta's sign", () => {
    expect([SOV, AFH, AOB].map((a) => tkr(shown(a, "forecast")))).toEqual([-53002, -39614, -152431]);
    expect(tkr(shown("Summa", "forecast"))).toBe(-248356);
    // G26: remaining sep-dec = forecast outcome - utfall jan-aug (SoV from the printed -37 681: -15 321).
    expect([AFH, AOB].map((a) => tkr(shown(a, "forecast") - shown(a, "actual")))).toEqual([-10604, -51811]);
  });

  it("G23: the phased budget is data (SoV -29 452 = 66,94 % of the year), not 8/12", () => {
    expect(impliedPhased(SOV, C.actualAugust, A.varianceAugust)).toBe(-29452);
    expect([SOV, AFH, AOB].map((a) => tkr(shown(a, "phasedBudget")))).toEqual([-29452, -14521, -114275]);
    expect([SOV, AFH, AOB].map((a) => roundExcel(area(a).phasedBudget / area(a).annualBudget, 4))).toEqual([
      0.6694, 0.6862, 0.667,
    ]);
    // Variance to date against the phased budget: ÄFH and AoB as printed; SoV carries G09's 1 tkr.
    expect([SOV, AFH, AOB].map((a) => tkr(shown(a, "varianceToDate")))).toEqual([-8230, -14489, 13655]);
    expect(area(SOV).flags).not.toContain("linearPhasing");
    // Linear phasing would give 8/12 of -44 000 = -29 333: 119 tkr off (G23).
    const linear = calculatePrognosis({ ...input, budgets: budgets.map(({ monthly: _, ...b }) => b) });
    const shownLinear = sheetOf(linear);
    expect(tkr(shownLinear(SOV, "phasedBudget"))).toBe(-29333);
    expect(tkr(shown(SOV, "phasedBudget") - shownLinear(SOV, "phasedBudget"))).toBe(-119);
    expect(linear.rows.find((r) => r.key === pathKey([SOV, "Verksamhetschef"]))!.flags).toContain("linearPhasing");
  });

  it("G36: the change April → August per area, total -3 236", () => {
    expect(areaNames.map((a) => tkr(shown(a, "forecastChange")))).toEqual([9, -1503, -3377, 1467, 168]);
    expect(tkr(shown("Summa", "forecastChange"))).toBe(-3236);
    expect(tkr(august.total.annualBudget - august.total.previousForecast!)).toBe(-5794); // G03
  });

  it("G27, G28: the run-rate method with Excel rounding: HSE -3 726 (not -3 725), Övriga beslut 1 206", () => {
    const proposed = calculatePrognosis({ ...input, forecasts: [] });
    const unit = (a: string, u: string) => proposed.rows.find((r) => r.key === pathKey([a, u]))!;
    const hse = unit(AFH, "HSE");
    expect(hse.forecastMethod).toBe("runRate");
    expect(hse.forecast).toBe(24_886_500);
    expect(hse.varianceFullYear).toBe(-3_725_500);
    expect(tkr(hse.varianceFullYear)).toBe(-3726);
    expect(Math.round(hse.varianceFullYear / 1000)).toBe(-3725);
    expect(formatTkr(hse.varianceFullYear)).toBe("-3 726");
    const other = unit(AOB, "Övriga beslut");
    expect(tkr(other.varianceFullYear)).toBe(1206);
    expect(formatTkr(other.varianceFullYear)).toBe("1 206");
    // G29: SoL ÄO by run rate 9 127; the source's 9 128 is the unit's own judgement.
    expect(tkr(unit(AOB, "SoL ÄO").varianceFullYear)).toBe(9127);
  });

  it("G30: entered forecasts far from the run rate carry the unit's comment; without one they are flagged", () => {
    const stab = august.rows.find((r) => r.key === pathKey([AOB, "Stab"]))!;
    expect(tkr(stab.varianceFullYear)).toBe(3297);
    expect(tkr(stab.annualBudget - stab.proposedForecast)).toBe(4370);
    expect(stab.flags).not.toContain("uncommentedDeviation");
    const bare = calculatePrognosis({ ...input, forecasts: input.forecasts!.map(({ comment: _, ...f }) => f) });
    expect(bare.rows.find((r) => r.key === pathKey([AOB, "Stab"]))!.flags).toContain("uncommentedDeviation");
    // HSE's entered -3 726 is the run rate itself: no comment needed.
    expect(bare.rows.find((r) => r.key === pathKey([AFH, "HSE"]))!.flags).not.toContain("uncommentedDeviation");
  });

  it("G02: the overview's Resultat per april, as printed, is reported 1 tkr off its parts", () => {
    const lines: TableLine[] = [
      ...overview.map((r) => ({
        key: r["Verksamhetsområde"]!,
        label: r["Verksamhetsområde"]!,
        role: "line" as const,
        values: { april: num(r[A.varianceApril]) },
      })),
      { key: "TOTAL", label: "TOTAL", role: "total", values: { april: num(overviewTotal[A.varianceApril]) } },
    ];
    expect(checkSubtotals(lines, ["april"]).map((f) => [f.printed, f.computed, f.severity])).toEqual([
      [-5340, -5339, "rounding"],
    ]);
  });
});
