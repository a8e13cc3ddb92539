import type { CellValue } from "../../src/cells";
import { describe, expect, it } from "vitest";
import { classifySheet, monthHeader, normaliseHeader, recogniseHeader, SPECS } from "../../src/input/headers";
import { formatInputError } from "../../src/input/errors";
import type { SheetData } from "../../src/workbook/types";

const sheet = (name: string, values: CellValue[][], origin = { row: 0, column: 0 }): SheetData => ({
  sheet: name,
  origin,
  values,
});

describe("normaliseHeader", () => {
  it("ignores case, spacing, punctuation, accents, a unit in parentheses and a trailing year", () => {
    expect(normaliseHeader("Benämning")).toEqual({ key: "benamning" });
    expect(normaliseHeader("  ÖVERORDNAD ")).toEqual({ key: "overordnad" });
    expect(normaliseHeader("Kostnadsställe")).toEqual({ key: "kostnadsstalle" });
    expect(normaliseHeader("Cost centre")).toEqual({ key: "costcentre" });
    expect(normaliseHeader("Budget helår (tkr)")).toEqual({ key: "budgethelar", unit: "tkr" });
    expect(normaliseHeader("Á-pris (kr)")).toEqual({ key: "apris", unit: "kr" });
    expect(normaliseHeader("Period (ÅÅÅÅMM)")).toEqual({ key: "period" });
    expect(normaliseHeader("Kostnad t.o.m. period (tkr)")).toEqual({ key: "kostnadtomperiod", unit: "tkr" });
    expect(normaliseHeader("Budget 2021")).toEqual({ key: "budget" });
    expect(normaliseHeader("Prognos helår (mnkr)")).toEqual({ key: "prognoshelar", unit: "mnkr" });
  });

  it("keeps Unit4's (T), the name of a code, apart from the code: Ansvar(T) is no second Ansvar", () => {
    expect(normaliseHeader("Ansvar(T)")).toEqual({ key: "ansvartext" });
    expect(normaliseHeader("Konto (t)")).toEqual({ key: "kontotext" });
    expect(normaliseHeader("Belopp (tkr)")).toEqual({ key: "belopp", unit: "tkr" });
  });
});

describe("monthHeader", () => {
  it("recognises month columns by name, number period and ISO month", () => {
    expect(monthHeader("Jan")).toEqual({ month: 1 });
    expect(monthHeader("januari")).toEqual({ month: 1 });
    expect(monthHeader("aug")).toEqual({ month: 8 });
    expect(monthHeader("Dec.")).toEqual({ month: 12 });
    expect(monthHeader(202308)).toEqual({ month: 8, year: 2023 });
    expect(monthHeader("2023-08")).toEqual({ month: 8, year: 2023 });
    expect(monthHeader("aug 2023")).toEqual({ month: 8, year: 2023 });
    expect(monthHeader("Budget")).toBeUndefined();
    expect(monthHeader(2023)).toBeUndefined();
  });
});

describe("recogniseHeader", () => {
  const variants: [string, string][] = [
    ["Ansvar", "costCentre"],
    ["Ansvarskod", "costCentre"],
    ["Kostnadsställe", "costCentre"],
    ["Cost centre", "costCentre"],
    ["Enhet", "costCentre"],
    ["KONTO", "account"],
    ["Account", "account"],
    ["Period", "period"],
    ["Månad", "period"],
    ["Period (ÅÅÅÅMM)", "period"],
    ["Datum", "period"],
    ["Belopp", "amount"],
    ["Utfall", "amount"],
    ["Amount", "amount"],
    ["Summa belopp", "amount"],
    // Unit4 (Agresso) and Visma exports.
    ["Summa", "amount"],
    ["Avdelning", "costCentre"],
  ];
  for (const [header, field] of variants) {
    it(`recognises "${header}" as ${field} in a ledger`, () => {
      const others = ["Ansvar", "Period", "Belopp", "Konto"].filter(
        (h) => SPECS.actuals.fields.find((f) => f.names.includes(normaliseHeader(h).key))!.id !== field,
      );
      const r = recogniseHeader(sheet("Utfall", [[header, ...others]]), SPECS.actuals)!;
      expect(r.columns.get(field)).toBe(0);
      expect(r.complete).toBe(true);
    });
  }

  it("recognises the budget, forecast and version columns", () => {
    const budget = recogniseHeader(sheet("B", [["Ansvarskod", "Benämning", "Årsbudget", "Version"]]), SPECS.budget)!;
    expect(Object.fromEntries(budget.columns)).toEqual({ costCentre: 0, name: 1, budget: 2, version: 3 });
    for (const h of ["Budget", "Budget helår", "Årsbudget"])
      expect(recogniseHeader(sheet("B", [["Ansvar", h]]), SPECS.budget)!.columns.get("budget")).toBe(1);
    for (const h of ["Prognos", "Prognos helår", "Helårsprognos"])
      expect(recogniseHeader(sheet("P", [["Ansvar", h, "Kommentar"]]), SPECS.forecast)!.columns.get("forecast")).toBe(
        1,
      );
  });

  it("finds the header row under a title, and gives its sheet row and cells", () => {
    const r = recogniseHeader(
      sheet(
        "Utfall",
        [
          ["Utfall per ansvar 2021", null, null, null],
          [null, null, null, null],
          ["Ansvar", "Konto", "Period", "Belopp"],
          [441, 4010, 202101, 1000],
        ],
        { row: 0, column: 1 },
      ),
      SPECS.actuals,
    )!;
    expect(r.headerIndex).toBe(2);
    expect(r.headerRow).toBe(2);
    expect(r.cells).toEqual({ costCentre: "B3", account: "C3", period: "D3", amount: "E3" });
  });

  it("recognises twelve month columns of a wide budget", () => {
    const months = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"];
    const r = recogniseHeader(sheet("Budget", [["Ansvar", ...months]]), SPECS.budget)!;
    expect(r.complete).toBe(true);
    expect(r.months.size).toBe(12);
    expect(r.months.get(5)).toEqual({ index: 5, year: undefined });
    expect(r.cells.month12).toBe("M1");
  });

  it("reports a duplicate header naming both cells", () => {
    const r = recogniseHeader(sheet("Budget", [[null], ["Ansvar", "Budget", "Årsbudget"]]), SPECS.budget)!;
    expect(r.errors.map(formatInputError)).toEqual([
      'Blad "Budget", cell C2: rubriken "Årsbudget" betyder samma sak (Budget helår) som rubriken i cell B2: förväntade en kolumn per fält; ta bort eller byt namn på den ena.',
    ]);
  });

  it("takes a Datum column as the period only when there is no Period column (ERP extracts give both)", () => {
    const cols = (row: string[]) =>
      Object.fromEntries(recogniseHeader(sheet("Huvudbok", [row]), SPECS.actuals)!.columns);
    expect(cols(["Ansvar", "Datum", "Belopp"])).toEqual({ costCentre: 0, period: 1, amount: 2 });
    expect(cols(["Datum", "Ansvar", "Period", "Belopp"])).toEqual({ costCentre: 1, period: 2, amount: 3 });
    expect(cols(["Ansvar", "Period", "Datum", "Belopp"])).toEqual({ costCentre: 0, period: 1, amount: 3 });
    const two = recogniseHeader(sheet("Huvudbok", [["Ansvar", "Period", "Månad", "Belopp"]]), SPECS.actuals)!;
    expect(two.errors.map((e) => e.message)).toEqual([
      'rubriken "Månad" betyder samma sak (Period) som rubriken i cell B1: förväntade en kolumn per fält; ta bort eller byt namn på den ena.',
    ]);
  });

  it("lets the user map a column that is not recognised", () => {
    const data = sheet("Huvudbok", [["Objekt", "Per", "Netto"]]);
    expect(recogniseHeader(data, SPECS.actuals)).toBeUndefined();
    const r = recogniseHeader(data, SPECS.actuals, {
      Huvudbok: { Objekt: "costCentre", Per: "Period", Netto: "amount" },
    })!;
    expect(Object.fromEntries(r.columns)).toEqual({ costCentre: 0, period: 1, amount: 2 });
    const bad = recogniseHeader(data, SPECS.actuals, { Huvudbok: { Objekt: "costCentre", Netto: "budget" } })!;
    expect(bad.errors.map(formatInputError)).toEqual([
      'Blad "Huvudbok", cell C1: kolumnen "Netto" är kopplad till fältet "budget", som inte finns på ett blad av typen Utfall.',
    ]);
  });
});

describe("a Verksamhet column on an Ansvar sheet with Överordnad", () => {
  const codeList = sheet("Ansvar", [
    ["Ansvar", "Benämning", "Överordnad", "Verksamhet"],
    [441, "Hemtjänst Herrljunga Landsbygd", 44, 511],
  ]);

  it("is a dimension of the ERP's code list: not read, and a warning names its cell", () => {
    const r = recogniseHeader(codeList, SPECS.hierarchy)!;
    expect(Object.fromEntries(r.columns)).toEqual({ costCentre: 0, name: 1, parent: 2 });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map(formatInputError)).toEqual([
      'Blad "Ansvar", cell D1: kolumnen "Verksamhet" läses inte: ansvarsstrukturen byggs av Överordnad (cell C1), så kolumnen tas för en dimension i ekonomisystemet, inte nivån ovanför. Koppla den till fältet Verksamhet på bladet Kolumnmappning om den ska användas.',
    ]);
  });

  it("is read when the user maps it, and is the level above in the Verksamhet | Enhet form", () => {
    const mapped = recogniseHeader(codeList, SPECS.hierarchy, { Ansvar: { Verksamhet: "area" } })!;
    expect(mapped.columns.get("area")).toBe(3);
    expect(mapped.warnings).toEqual([]);
    const areaForm = recogniseHeader(sheet("Ansvar", [["Verksamhet", "Enhet"]]), SPECS.hierarchy)!;
    expect(Object.fromEntries(areaForm.columns)).toEqual({ area: 0, costCentre: 1 });
    expect(areaForm.warnings).toEqual([]);
  });
});

describe("classifySheet", () => {
  it("tells the canonical sheets apart by their headers, whatever their names", () => {
    const kind = (values: CellValue[][], name = "Blad1") => classifySheet(sheet(name, values))?.spec.kind;
    expect(kind([["Ansvar", "Benämning", "Överordnad"]])).toBe("hierarchy");
    expect(kind([["Ansvar", "Budget helår", "Version"]])).toBe("budget");
    expect(kind([["Ansvar", "Konto", "Period", "Belopp"]])).toBe("actuals");
    expect(
      kind([
        ["Ansvar", "Benämning", "Budget helår (tkr)", "Utfall t.o.m. period (tkr)", "Prognos helår (tkr)", "Kommentar"],
      ]),
    ).toBe("forecast");
    expect(kind([["Version", "Typ", "Datum", "Beslut"]])).toBe("versions");
    expect(
      kind([
        [
          "Verksamhet",
          "Volymmått",
          "Enhet",
          "Budgeterad volym",
          "Á-pris (kr)",
          "Fast del (tkr)",
          "Utfall volym",
          "Kostnad t.o.m. period (tkr)",
          "Roll",
          "Motpart",
        ],
      ]),
    ).toBe("volumes");
    expect(kind([["Nr", "Ägare", "Åtgärd", "Ansvarig", "Status", "Planerad effekt helår (tkr)"]])).toBe("measures");
    expect(kind([["Något", "Annat"]])).toBeUndefined();
  });
});
