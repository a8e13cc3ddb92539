import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { ActionPlanInput, Measure } from "../../src/core/actionPlan";
import type { CostCentre } from "../../src/core/hierarchy";
import type { ActualRow, BudgetLine, BudgetVersion, ForecastEntry, PrognosisInput } from "../../src/core/prognosis";
import {
  actionPlanInputSchema,
  actualRowSchema,
  budgetLineSchema,
  budgetVersionSchema,
  costCentreSchema,
  forecastEntrySchema,
  measureSchema,
  prognosisInputSchema,
  settingsSchema,
  validate,
  volumeInputSchema,
  volumeLineSchema,
  type Settings,
} from "../../src/core/schemas";
import type { VolumeInput, VolumeLine } from "../../src/core/volume";
import type { ReadSettings } from "../../src/input/settings";

describe("schemas: inferred types fit the calculators' interfaces", () => {
  it("assigns every parsed input to its interface", () => {
    expectTypeOf<z.output<typeof costCentreSchema>>().toExtend<CostCentre>();
    expectTypeOf<z.output<typeof budgetVersionSchema>>().toExtend<BudgetVersion>();
    expectTypeOf<z.output<typeof budgetLineSchema>>().toExtend<BudgetLine>();
    expectTypeOf<z.output<typeof actualRowSchema>>().toExtend<ActualRow>();
    expectTypeOf<z.output<typeof forecastEntrySchema>>().toExtend<ForecastEntry>();
    expectTypeOf<z.output<typeof prognosisInputSchema>>().toExtend<PrognosisInput>();
    expectTypeOf<z.output<typeof volumeLineSchema>>().toExtend<VolumeLine>();
    expectTypeOf<z.output<typeof volumeInputSchema>>().toExtend<VolumeInput>();
    expectTypeOf<z.output<typeof measureSchema>>().toExtend<Measure>();
    expectTypeOf<z.output<typeof actionPlanInputSchema>>().toExtend<ActionPlanInput>();
    // The settings a read needs, as the input layer types them.
    expectTypeOf<Settings>().toExtend<Omit<ReadSettings, "columnMapping" | "forecastVariance">>();
  });
});

describe("validate", () => {
  const line: VolumeLine = {
    key: "ht",
    area: "Vård och omsorg",
    name: "Hemtjänst",
    unit: "timmar",
    budgetVolume: 65_669,
    unitPrice: 145,
    fixedBudget: 0,
    actualVolume: 64_932,
    actualCost: 7_759_000,
  };

  it("returns the typed value when the input is good", () => {
    const r = validate(volumeInputSchema, { year: 2021, month: 12, lines: [line] });
    expect(r).toEqual({ ok: true, value: { year: 2021, month: 12, lines: [line] } });
  });

  it("lists every problem with its path, in Swedish", () => {
    const r = validate(volumeInputSchema, {
      year: 2021,
      month: 13,
      lines: [
        { ...line, budgetVolume: -5, budgetVolumeMonthly: [1, 2, 3] },
        { ...line, role: "purchaser", actualVolumeMonthly: [1, 2] },
        { ...line, unitPrice: "145 kr" },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { path: ["month"], message: "månaden ska vara 1-12" },
      { path: ["lines", 0, "budgetVolume"], message: "en volym får inte vara negativ" },
      { path: ["lines", 0, "budgetVolumeMonthly"], message: "ska ha ett värde per månad, 12 värden" },
      { path: ["lines", 1, "counterpartKey"], message: "en beställarrad ska ange sin utförare" },
      { path: ["lines", 2, "unitPrice"], message: "ska vara ett tal" },
    ]);
  });

  it("checks cross-field rules: monthly plan against the year, months against the follow-up, unique keys", () => {
    const r = validate(volumeInputSchema, {
      year: 2021,
      month: 4,
      lines: [
        { ...line, budgetVolume: 1200, budgetVolumeMonthly: Array.from({ length: 12 }, () => 90) },
        { ...line, key: "x", actualVolumeMonthly: [1, 2, 3] },
        { ...line, key: "x" },
      ],
    });
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: ["lines", 0, "budgetVolumeMonthly"],
        message: "månadsvolymerna summerar till 1080, men årsvolymen är 1200",
      },
      { path: ["lines", 2], message: "Volymraden x finns redan tidigare i listan" },
      { path: ["lines", 1, "actualVolumeMonthly"], message: "har 3 månader, men uppföljningen avser 4" },
    ]);
  });

  it("refuses a period that is not YYYY-MM and names a missing field", () => {
    const r = validate(actualRowSchema, { costCentre: "441", period: "2021-13", amount: 1 });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: ["period"], message: "ska vara en månad skriven ÅÅÅÅ-MM, t.ex. 2021-08" },
    ]);
    const missing = validate(actualRowSchema, { costCentre: "441", period: "2021-08" });
    expect(missing.ok ? [] : missing.issues).toEqual([{ path: ["amount"], message: "saknas" }]);
    expect(validate(actualRowSchema, { costCentre: "441", period: "2021-08", amount: 12.5 }).ok).toBe(true);
  });

  it("checks a prognosis input: 12 monthly budget values and a known budget version", () => {
    const r = validate(prognosisInputSchema, {
      year: 2021,
      month: 8,
      costCentres: [{ key: "44", name: "Vård och omsorg" }],
      budgets: [{ costCentre: "44", annual: 128_061_000, monthly: [1] }],
      actuals: [],
      proposalMethod: "runRate",
    });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: ["budgets", 0, "monthly"], message: "ska ha ett värde per månad, 12 värden" },
    ]);
    const versions = validate(prognosisInputSchema, {
      year: 2021,
      month: 8,
      costCentres: [],
      budgets: [{ costCentre: "44", annual: 1, version: "TB1" }],
      actuals: [],
      proposalMethod: "runRate",
      budgetVersion: "OB9",
    });
    expect(versions.ok ? [] : versions.issues).toEqual([
      { path: ["budgetVersion"], message: "budgetversionen OB9 finns inte" },
      { path: ["budgets", 0, "version"], message: "budgetversionen TB1 finns inte" },
    ]);
  });

  it("checks measures: status, years, unique ids; unknown effects allowed", () => {
    const good: Measure = {
      id: "1",
      owner: "FL",
      description: "Se över organisationen",
      status: "started",
      includedInForecast: false,
    };
    expect(validate(actionPlanInputSchema, { year: 2021, forecastVariance: -9_030_000, measures: [good] }).ok).toBe(
      true,
    );
    const r = validate(actionPlanInputSchema, {
      year: 2021,
      forecastVariance: -9_030_000,
      measures: [good, { ...good, status: "Påbörjat", yearFrom: 2022, yearTo: 2021 }],
    });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: ["measures", 1, "status"], message: "ska vara Ej påbörjad, Påbörjad, Genomförd eller Ej genomförd" },
    ]);
    const years = validate(measureSchema, { ...good, yearFrom: 2022, yearTo: 2021 });
    expect(years.ok ? [] : years.issues).toEqual([
      { path: ["yearTo"], message: "slutåret 2021 ligger före startåret 2022" },
    ]);
    const dup = validate(actionPlanInputSchema, { year: 2021, forecastVariance: 0, measures: [good, good] });
    expect(dup.ok ? [] : dup.issues).toEqual([
      { path: ["measures", 1], message: "Åtgärd 1 finns redan tidigare i listan" },
    ]);
  });

  it("checks the settings", () => {
    const settings: Settings = {
      signConvention: "costNegative",
      forecastColumnKind: "variance",
      amountUnit: "tkr",
      ledgerUnit: "kr",
      year: 2021,
      month: 8,
      proposalMethod: "phasedBudgetPlusVariance",
    };
    expect(validate(settingsSchema, settings)).toEqual({ ok: true, value: settings });
    const r = validate(settingsSchema, { ...settings, amountUnit: "öre", month: 0, signConvention: undefined });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: ["signConvention"], message: "saknas" },
      { path: ["amountUnit"], message: "ska vara kr, tkr eller mnkr" },
      { path: ["month"], message: "månaden ska vara 1-12" },
    ]);
  });

  it("answers in Swedish also where no schema message is set", () => {
    const r = validate(costCentreSchema, null);
    expect(r.ok ? [] : r.issues).toEqual([{ path: [], message: "ska vara en post" }]);
  });
});
