import { describe, expect, it } from "vitest";
import { calculatePrognosis } from "../../src/core/prognosis";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import { parseMappingEntry, readSettings, readSettingsSheet } from "../../src/input/settings";
import { memoryReader, messages, settings } from "./helpers";

describe("settings sheet", () => {
  it("reports a value it does not understand with its cell instead of dropping it", async () => {
    const read = await readSettings(
      memoryReader({
        Inställningar: [
          ["Inställning", "Värde"],
          ["År", 2021],
          ["Månad", "13"],
          ["Belopp i", "miljarder"],
          ["Gräns oförklarat", "fem"],
          ["Färg", "blå"],
        ],
      }),
    );
    expect(read.settings).toEqual({ year: 2021 });
    expect(messages(read.errors)).toEqual([
      'Blad "Inställningar", cell B3: "13" är inte ett värde för Månad: förväntade en månad 1-12 eller ett månadsnamn, t.ex. 8 eller augusti.',
      'Blad "Inställningar", cell B4: "miljarder" är inte ett värde för Belopp i: förväntade kr, tkr eller mnkr.',
      'Blad "Inställningar", cell B5: "fem" är inte ett värde för Gräns oförklarat: förväntade en andel, t.ex. 20 %.',
    ]);
    expect(messages(read.warnings)).toEqual([
      'Blad "Inställningar", cell A6: "Färg" är ingen känd inställning och lästes inte: förväntade År, Månad, Kommun, Nämnd, Teckenkonvention, Belopp i, Utfall i, Prognosmetod, Prognos avser, Prognosavvikelse, Rapporttyp, Budgetversion, Ansvarsdimension, Gräns oförklarat, Föregående prognos, Strikt, Kommunbidrag helår, Kommunbidrag t.o.m. period eller Kommunbidrag fg år t.o.m. period.',
    ]);
  });

  it("reads the kommunbidrag in the unit of Belopp i, and names a bad amount's cell", async () => {
    // Seed 004's resultaträkning: Kommunbidrag 216 123 tkr for 2021, 141 228 to August, 137 670 to August 2020.
    const read = await readSettings(
      memoryReader({
        Inställningar: [
          ["Kommunbidrag helår", "216 123"],
          ["Kommunbidrag t.o.m. period", 141228],
          ["Kommunbidrag fg år t.o.m. period", "137 670"],
          ["Belopp i", "tkr"],
        ],
      }),
    );
    expect(read.errors).toEqual([]);
    expect(read.settings.grant).toEqual({ annual: 216_123_000, toDate: 141_228_000, lastYearToDate: 137_670_000 });
    const bad = await readSettings(memoryReader({ Inställningar: [["Kommunbidrag helår", "ca 216"]] }));
    expect(messages(bad.errors)).toEqual([
      'Blad "Inställningar", cell B1: "ca 216" är inte ett belopp för Kommunbidrag helår: förväntade ett belopp i tkr, t.ex. 216 123.',
    ]);
  });

  it("reads Budgetversion, Gräns oförklarat and Föregående prognos", async () => {
    const reader = memoryReader({
      Inställningar: [
        ["Budgetversion", "KF 2020-11"],
        ["Gräns oförklarat", "10 %"],
        ["Föregående prognos", "juli"],
      ],
    });
    expect(await readSettingsSheet(reader)).toEqual({
      budgetVersion: "KF 2020-11",
      maxUnexplainedShare: 0.1,
      previousForecastMonth: 7,
    });
    expect(await readSettingsSheet(memoryReader({ Inställningar: [["Gräns oförklarat", 0.25]] }))).toEqual({
      maxUnexplainedShare: 0.25,
    });
  });

  it("reads Ansvarsdimension, the dimension of a SIE ledger that is the ansvar", async () => {
    expect(await readSettingsSheet(memoryReader({ Inställningar: [["Ansvarsdimension", "Resultatenhet"]] }))).toEqual({
      costCentreDimension: "Resultatenhet",
    });
    expect(await readSettingsSheet(memoryReader({ Inställningar: [["Ansvarsdimension", 21]] }))).toEqual({
      costCentreDimension: "21",
    });
  });

  it("reads the column mapping sheet (Blad | Rubrik | Fält) and names a field it does not know", async () => {
    const read = await readSettings(
      memoryReader({
        Kolumnmappning: [
          ["Blad", "Rubrik", "Fält"],
          ["Budget", "Belopp 2021", "Budget helår"],
          ["Utfall", "Kst", "costCentre"],
          ["Utfall", "Sum", "Summering"],
        ],
      }),
    );
    expect(read.settings.columnMapping).toEqual({ Budget: { "Belopp 2021": "budget" }, Utfall: { Kst: "costCentre" } });
    expect(messages(read.errors)).toHaveLength(1);
    expect(messages(read.errors)[0]).toMatch(
      /^Blad "Kolumnmappning", cell C4: "Summering" är inget fält: förväntade ett av Ansvar, Benämning, /,
    );
    expect(parseMappingEntry("Budget", undefined, "budget")).toBe(
      "rubriken saknas: förväntade Blad | Rubrik | Fält, t.ex. Budget | Belopp 2021 | Budget helår.",
    );
  });

  it("reads a budget through the mapping of a header it does not recognise", async () => {
    const reader = memoryReader({
      Kolumnmappning: [
        ["Blad", "Rubrik", "Fält"],
        ["Budget", "Belopp 2021", "Budget helår"],
      ],
      Budget: [
        ["Ansvar", "Belopp 2021"],
        ["411", 1200],
      ],
    });
    const { settings: found } = await readSettings(reader);
    const out = await readPrognosisInput(reader, settings(found));
    expect(out.errors).toEqual([]);
    // The mapping sheet itself is no data sheet: not warned about as one not recognised.
    expect(out.warnings.filter((w) => w.sheet === "Kolumnmappning")).toEqual([]);
    expect(out.value!.budgets).toEqual([{ costCentre: "411", annual: 1_200_000 }]);
  });
});

describe("budget version", () => {
  const budget = [
    ["Ansvar", "Version", "Budget helår"],
    ["411", "KF 2020-11", 1000],
    ["411", "Ombudgetering maj", 1200],
  ];
  const versions = [
    ["Version", "Typ"],
    ["KF 2020-11", "Original"],
    ["Ombudgetering maj", "Ombudgetering"],
  ];

  it("measures the variance against the version the settings name", async () => {
    const reader = memoryReader({
      Budgetversioner: versions,
      Budget: budget,
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["411", 4010, "2021-08", 500_000],
      ],
    });
    const original = await readPrognosisInput(reader, settings({ budgetVersion: "KF 2020-11" }));
    expect(original.errors).toEqual([]);
    expect(original.value!.budgetVersion).toBe("KF 2020-11");
    expect(calculatePrognosis(original.value!).total.annualBudget).toBe(1_000_000);
    // Without the setting the latest version counts: the original plus the ombudgetering (a change), 1 000 + 1 200 tkr.
    const latest = await readPrognosisInput(reader, settings());
    expect(calculatePrognosis(latest.value!).total.annualBudget).toBe(2_200_000);
  });

  it("refuses a version the budget does not have", async () => {
    const out = await readPrognosisInput(
      memoryReader({ Budgetversioner: versions, Budget: budget }),
      settings({ budgetVersion: "KF 2021-06" }),
    );
    expect(out.value).toBeUndefined();
    expect(messages(out.errors)).toEqual([
      'Blad "Inställningar": Budgetversion "KF 2021-06" finns inte i budgeten: förväntade en av KF 2020-11, Ombudgetering maj.',
    ]);
  });

  it("names the Version cell of a budget row whose version is not on the version sheet", async () => {
    const out = await readPrognosisInput(
      memoryReader({ Budgetversioner: versions.slice(0, 2), Budget: budget }),
      settings(),
    );
    expect(messages(out.errors)).toEqual([
      'Blad "Budget", cell B3: versionen "Ombudgetering maj" finns inte på bladet Budgetversioner: förväntade en av KF 2020-11.',
    ]);
  });
});

describe("hierarchy problems name the Överordnad cell", () => {
  const budget = [
    ["Ansvar", "Budget helår"],
    ["441", 100],
  ];

  it("names the cell of a cycle", async () => {
    const out = await readPrognosisInput(
      memoryReader({
        Ansvar: [
          ["Ansvar", "Benämning", "Överordnad"],
          ["44", "Vård och omsorg", null],
          ["441", "Hemtjänst", "442"],
          ["442", "Hemtjänst tätort", "441"],
        ],
        Budget: budget,
      }),
      settings(),
    );
    expect(messages(out.errors)).toEqual([
      'Blad "Ansvar", cell C3: Ansvarsstrukturen har en cirkel: 441 > 442 > 441. Ändra Överordnad så att inget ansvar ligger under sig självt.',
    ]);
  });

  it("names the cell of an unknown parent", async () => {
    const out = await readPrognosisInput(
      memoryReader({
        Ansvar: [
          ["Ansvar", "Benämning", "Överordnad"],
          ["44", "Vård och omsorg", null],
          ["441", "Hemtjänst", "45"],
        ],
        Budget: budget,
      }),
      settings(),
    );
    expect(messages(out.errors)).toEqual([
      'Blad "Ansvar", cell C3: överordnat ansvar "45" finns inte på bladet: förväntade ett ansvar som står i kolumnen Ansvar.',
    ]);
  });
});
