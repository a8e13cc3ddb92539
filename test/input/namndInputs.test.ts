import type { CellValue } from "../../src/cells";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { forecastCommentary, generateSentence } from "../../src/core/commentary";
import { investmentFollowUp } from "../../src/core/investments";
import { commentaryFromSheets, readStoredCommentary } from "../../src/input/commentaryInput";
import { earlierYearsFromScan } from "../../src/input/earlierYearsInput";
import { explanationsFromScan } from "../../src/input/explanationsInput";
import { investmentsFromScan } from "../../src/input/investmentsInput";
import { scanWorkbook } from "../../src/input/scan";
import { buildCommentarySheets } from "../../src/report/commentarySheet";
import { ExcelJsReader } from "../../src/workbook/exceljs/reader";
import { ExcelJsWriter } from "../../src/workbook/exceljs/writer";
import { herrljungaPrognosis, HERRLJUNGA_META } from "../report/herrljunga";
import { lineResolver } from "../../src/input/keys";
import { memoryReader, messages, settings } from "./helpers";

const EXPLANATION_HEADER = ["Ansvar", "Förklaring", "Belopp (tkr)"];
const INVESTMENT_HEADER = [
  "Projekt",
  "Grupp",
  "Utförs av (egen/annan nämnd)",
  "Ursprungsbudget (tkr)",
  "Tillägg/ombudgetering (tkr)",
  "Utfall (tkr)",
  "Begärs ombudgeterad (tkr)",
];

/** Herrljunga's lines by code or name (seed 004): 42 Individ och familjeomsorg, 422 IFO BoF. */
const resolve = lineResolver([
  { key: "42", code: "42", name: "Individ och familjeomsorg" },
  { key: "421", code: "421", name: "IFO vuxen och bistånd", parentKey: "42" },
  { key: "422", code: "422", name: "IFO BoF", parentKey: "42" },
]);

async function explanations(rows: readonly (readonly CellValue[])[]) {
  return explanationsFromScan(await scanWorkbook(memoryReader({ Förklaringar: rows })), settings(), resolve);
}

async function investments(rows: readonly (readonly CellValue[])[]) {
  return investmentsFromScan(await scanWorkbook(memoryReader({ Investeringar: rows })), settings());
}

describe("Förklaringar", () => {
  it("reads the components per ansvar or verksamhet, by code or name, in kronor with + = överskott (seed 004)", async () => {
    const out = await explanations([
      ["Förklaringar till prognosen per augusti", null, null],
      EXPLANATION_HEADER,
      ["422", "Personal- och konsultkostnader", "-635"],
      ["421", "LSS i extern regi", -4200],
      ["IFO BoF", "Barn- och ungdomsvård", "-2 500"],
      ["421", "Vuxenplaceringar", "+500"],
      ["42 Individ och familjeomsorg", "Placeringar", -3250],
    ]);
    expect(messages(out.errors)).toEqual([]);
    expect(out.value).toEqual([
      {
        key: "422",
        components: [
          { label: "Personal- och konsultkostnader", amount: -635_000 },
          { label: "Barn- och ungdomsvård", amount: -2_500_000 },
        ],
      },
      {
        key: "421",
        components: [
          { label: "LSS i extern regi", amount: -4_200_000 },
          { label: "Vuxenplaceringar", amount: 500_000 },
        ],
      },
      { key: "42", components: [{ label: "Placeringar", amount: -3_250_000 }] },
    ]);
    expect(out.recognised[0]).toMatchObject({ sheet: "Förklaringar", headerRow: 2 });
    expect(out.rows).toEqual({ read: 5, used: 5, rejected: 0 });
  });

  it("names every bad cell in Swedish and gives no value", async () => {
    const out = await explanations([
      EXPLANATION_HEADER,
      ["422", "Placeringar", "ca 300"],
      ["999", "Vakanser", 350],
      [null, "Sjuklöneersättning", 920],
      ["421", null, null],
      ["Summa", null, 9],
    ]);
    expect(out.value).toBeUndefined();
    expect(messages(out.errors)).toEqual([
      'Blad "Förklaringar", cell C2: "ca 300" är ett ungefärligt belopp: förväntade ett belopp i tkr, t.ex. 1 234 eller -1 102.',
      'Blad "Förklaringar", cell A3: "999" finns inte i prognosen: förväntade ett ansvar eller en verksamhet från bladet Ansvar (kod, namn eller väg), t.ex. 422.',
      'Blad "Förklaringar", cell A4: ett ansvar eller en verksamhet saknas: förväntade ett ansvar eller en verksamhet på raden.',
      'Blad "Förklaringar", cell B5: en förklaring saknas: förväntade en förklaring på raden.',
      'Blad "Förklaringar", cell C5: ett belopp saknas: förväntade ett belopp på raden.',
    ]);
    expect(messages(out.warnings)).toEqual([
      'Blad "Förklaringar", cell A6: raden 6 är en summarad ("Summa") och räknas inte; dess belopp 9 tkr stämmer inte med summan av raderna ovanför, 0 tkr: kontrollera att inga rader saknas eller finns två gånger.',
    ]);
  });
});

describe("Investeringar", () => {
  it("reads seed 000's table: TN's projects apart, '-' kept missing, § 25's carry-overs 500 + 263 + 67 = 830 tkr", async () => {
    const out = await investments([
      INVESTMENT_HEADER,
      ["Förstudie Hagen demenscentra", null, "tekniska nämnden", 0, 1402, 2665, null],
      ["Hagen ombyggnad + nybyggnad", null, "tekniska nämnden", 10000, 0, 4571, null],
      ["Inventarier", "Förvaltningsledning", "egen", 500, "-", 417, null],
      ["Infrastruktur IT", "Förvaltningsledning", "Egen", 200, 0, 182, null],
      ["Hjälpmedel", "Vård och omsorg", null, 200, 0, 193, null],
      ["Inventarier Hagen", "Vård och omsorg", "egen", 500, 0, "-", 500],
      ["Hemgården larm", "Vård och omsorg", "egen", 0, 100, 94, null],
      ["Hotellås", "Vård och omsorg", "egen", 0, 687, 424, "ja"],
      ["Förstudie ombyggnad Hemgården", "Vård och omsorg", "egen", 0, 200, 133, 67],
    ]);
    expect(messages(out.errors)).toEqual([]);
    expect(messages(out.warnings)).toEqual([]);
    expect(out.value![0]).toEqual({
      name: "Förstudie Hagen demenscentra",
      runBy: "tekniska nämnden",
      originalBudget: 0,
      addition: 1_402_000,
      actual: 2_665_000,
      carryOverRequested: false,
    });
    expect(out.value![2]).toEqual({
      name: "Inventarier",
      area: "Förvaltningsledning",
      originalBudget: 500_000,
      addition: undefined,
      actual: 417_000,
      carryOverRequested: false,
    });
    const result = investmentFollowUp(out.value!);
    expect(result.groups.map((g) => [g.label, g.subtotal.totalBudget, g.subtotal.actual, g.subtotal.variance])).toEqual(
      [
        ["genom tekniska nämnden", 11_402_000, 7_236_000, 4_166_000],
        ["egna", 2_387_000, 1_443_000, 944_000],
      ],
    );
    expect([result.total.totalBudget, result.total.actual, result.total.variance]).toEqual([
      13_789_000, 8_679_000, 5_110_000,
    ]);
    expect(result.carryOvers).toEqual([
      { name: "Inventarier Hagen", amount: 500_000 },
      { name: "Hotellås", amount: 263_000 },
      { name: "Förstudie ombyggnad Hemgården", amount: 67_000 },
    ]);
    expect(result.carryOverTotal).toBe(830_000);
  });

  it("names every bad cell, and warns when the carry-over asked for is not what is left", async () => {
    const out = await investments([
      INVESTMENT_HEADER,
      ["Inventarier", null, "egen", "abc", 0, 1, null],
      ["Hjälpmedel", null, null, "-", null, null, null],
      ["Hotellås", "Vård och omsorg", null, 0, 687, 424, 300],
      ["Hotellås", "Vård och omsorg", null, 0, 687, 424, null],
      ["Larm", "Vård och omsorg", null, 0, 100, 94, "kanske"],
      [null, "Vård och omsorg", null, 0, 100, 94, null],
    ]);
    expect(out.value).toBeUndefined();
    expect(messages(out.errors)).toEqual([
      'Blad "Investeringar", cell D2: "abc" är inte ett belopp: förväntade ett belopp i tkr, t.ex. 1 234 eller -1 102.',
      'Blad "Investeringar", cell D3: projektet "Hjälpmedel" har inga belopp: förväntade ursprungsbudget, tillägg/ombudgetering eller utfall (skriv - för inget belopp).',
      'Blad "Investeringar", cell A5: projektet "Hotellås" i Vård och omsorg finns två gånger: cell A4 och A5. Lämna en rad per projekt.',
      'Blad "Investeringar", cell G6: "kanske" är varken ett belopp eller ja: förväntade beloppet i tkr som nämnden begär ombudgeterat, t.ex. 263, eller ja.',
      'Blad "Investeringar", cell A7: ett projektnamn saknas: förväntade ett projektnamn på raden.',
    ]);
    expect(messages(out.warnings)).toEqual([
      'Blad "Investeringar", cell G4: begärd ombudgetering 300 tkr skiljer sig från det som återstår av projektets budget, 263 tkr: det som återstår (om något) redovisas som ombudgetering.',
    ]);
  });
});

describe("the commentary sheet read back", () => {
  const lines = forecastCommentary(herrljungaPrognosis(), "Socialnämnden");
  const generated = Object.fromEntries(lines.map((l) => [l.key, generateSentence(l)]));
  const sheet = (name: string, values: CellValue[][]) => ({ sheet: name, origin: { row: 0, column: 0 }, values });

  it("reads the sentences as the sheet holds them and what was generated, from a written file", async () => {
    const wb = new ExcelJS.Workbook();
    await new ExcelJsWriter(wb, () => "2021-09-10T08:00:00").writeSheets(
      buildCommentarySheets(lines, generated, generated, HERRLJUNGA_META),
      { onEdited: "fail" },
    );
    const ws = wb.getWorksheet("Kommentarer")!;
    let edited = 0;
    ws.eachRow((row) => {
      if (row.getCell(1).value === "42") {
        row.getCell(4).value =
          "IFO prognostiserar ett underskott på 2 050 tkr, främst placeringar inom barn och familj.";
        edited++;
      }
    });
    expect(edited).toBe(1);
    const stored = await readStoredCommentary(
      await ExcelJsReader.fromBuffer((await wb.xlsx.writeBuffer()) as ArrayBuffer),
    );
    expect(stored.errors).toEqual([]);
    expect(stored.value!.generated).toEqual(generated);
    expect(stored.value!.current["42"]).toBe(
      "IFO prognostiserar ett underskott på 2 050 tkr, främst placeringar inom barn och familj.",
    );
    expect(stored.value!.current["422"]).toBe("IFO BoF prognostiserar ett underskott på 3 250 tkr för helåret.");
    expect(Object.keys(stored.value!.current)).toHaveLength(24);
  });

  it("holds nothing when the report has no commentary yet", () => {
    expect(commentaryFromSheets(undefined, undefined).value).toEqual({ current: {}, generated: {} });
  });

  it("names a missing header and a key written twice", () => {
    const out = commentaryFromSheets(
      sheet("Kommentarer", [
        ["Kommentarer"],
        ["Nyckel", "Område/ansvar", "Avvikelse (tkr)", "Kommentar (kan ändras)"],
        ["42", "IFO", -2050, "A"],
        ["42", "IFO", -2050, "B"],
      ]),
      sheet("Budgetkoll_kommentarer_gen", [["Nyckel", "Text"]]),
    );
    expect(out.value).toBeUndefined();
    expect(messages(out.errors)).toEqual([
      'Blad "Kommentarer", cell A4: nyckeln "42" finns två gånger: cell A3 och A4. Förväntade en rad per nyckel; ta bort den ena raden.',
      'Blad "Budgetkoll_kommentarer_gen": hittar ingen rubrikrad med Nyckel och Genererad text bland de första 20 raderna: förväntade bladet som Budgetkoll skrev. Återställ rubrikerna eller ta bort bladet, så skrivs kommentarerna på nytt.',
    ]);
  });
});

describe("Bokslut tidigare år", () => {
  /** Herrljunga's lines (seed 004): 44 Vård och omsorg over 445 Hagen säbo. */
  const lines = {
    resolve: lineResolver([
      { key: "44", code: "44", name: "Vård och omsorg" },
      { key: "445", code: "445", name: "Hagen säbo", parentKey: "44" },
    ]),
    hasChildren: (k: string) => k === "44",
  };
  const read = async (rows: readonly (readonly CellValue[])[], overrides = {}) =>
    earlierYearsFromScan(
      await scanWorkbook(memoryReader({ "Bokslut tidigare år": rows })),
      settings(overrides),
      2021,
      lines,
    );

  it("reads each line and year in kronor, net cost positive, '-' as missing, a line that has ended under its Överordnad (seed 000)", async () => {
    const out = await read(
      [
        ["Ansvar", "År", "Nettokostnad (tkr)", "Budget (tkr)", "Överordnad"],
        ["Vård och omsorg", 2020, "-126 316", null, null],
        ["445", "2019", -17_008, -16_900, null],
        ["445", 2020, "-", null, null],
        ["Solhagen", 2019, -1_446, null, "44"],
      ],
      { signConvention: "costNegative" },
    );
    expect(messages(out.errors)).toEqual([]);
    expect(out.value).toEqual([
      // An empty Budget cell in a Budget column is missing (null), as a '-' is: never 0.
      {
        key: "44",
        label: "Vård och omsorg",
        current: true,
        year: 2020,
        net: 126_316_000,
        budget: null,
        budgetAt: { sheet: "Bokslut tidigare år", cell: "D2" },
        at: { sheet: "Bokslut tidigare år", cell: "C2" },
      },
      {
        key: "445",
        label: "445",
        current: true,
        year: 2019,
        net: 17_008_000,
        budget: 16_900_000,
        at: { sheet: "Bokslut tidigare år", cell: "C3" },
        budgetAt: { sheet: "Bokslut tidigare år", cell: "D3" },
      },
      {
        key: "445",
        label: "445",
        current: true,
        year: 2020,
        net: undefined,
        budget: null,
        budgetAt: { sheet: "Bokslut tidigare år", cell: "D4" },
        at: { sheet: "Bokslut tidigare år", cell: "C4" },
      },
      {
        key: "Solhagen",
        label: "Solhagen",
        current: false,
        parentKey: "44",
        year: 2019,
        net: 1_446_000,
        budget: null,
        budgetAt: { sheet: "Bokslut tidigare år", cell: "D5" },
        at: { sheet: "Bokslut tidigare år", cell: "C5" },
      },
    ]);
    expect(messages(out.warnings)).toEqual([
      'Blad "Bokslut tidigare år", cell A5: "Solhagen" finns inte bland årets ansvar: raden visas som upphörd.',
    ]);
    expect(out.rows).toEqual({ read: 4, used: 4, rejected: 0 });
  });

  it("names every bad cell in Swedish and gives no value", async () => {
    const out = await read([
      ["Ansvar", "År", "Nettokostnad (tkr)", "Överordnad"],
      ["445", 2020, "ca 16 700", null],
      ["445", 2021, 15_000, null],
      ["445", "tjugo", 15_000, null],
      ["445", 2019, null, null],
      ["Solhagen", 2019, 1_446, "445"],
      ["Vård och omsorg", 2019, 121_146, null],
      ["44", 2019, 121_146, null],
    ]);
    expect(out.value).toBeUndefined();
    expect(messages(out.errors)).toEqual([
      'Blad "Bokslut tidigare år", cell C2: "ca 16 700" är ett ungefärligt belopp: förväntade ett belopp i tkr, t.ex. 1 234 eller -1 102.',
      'Blad "Bokslut tidigare år", cell B3: 2021 är inte ett tidigare år: förväntade ett år före 2021 (årets siffror kommer från bladen Budget och Utfall).',
      'Blad "Bokslut tidigare år", cell B4: "tjugo" är inget år: förväntade ett årtal före 2021, t.ex. 2020.',
      'Blad "Bokslut tidigare år", cell C5: nettokostnaden saknas: förväntade ett belopp, eller - om det saknas för året.',
      'Blad "Bokslut tidigare år", cell D6: "445" är ingen av årets verksamheter: förväntade en verksamhet från bladet Ansvar (kod eller namn) som har ansvar under sig.',
      'Blad "Bokslut tidigare år", cell A8: "44" står två gånger för 2019 (också i cell A7): förväntade en rad per ansvar och år.',
    ]);
  });
});
