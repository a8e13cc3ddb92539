/**
 * Sheet-level bad input. Each case gives a correct result or a clear Swedish error naming sheet
 * and cell; never a crash, a NaN, or a silently dropped row (rows read = used + rejected).
 */
import type { CellValue } from "../../src/cells";
import { describe, expect, it } from "vitest";
import { calculatePrognosis } from "../../src/core/prognosis";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import type { SheetData } from "../../src/workbook/types";
import { addRows, excelReader, memoryReader, messages, settings } from "./helpers";

const LEDGER_HEADER: CellValue[] = ["Ansvar", "Konto", "Period", "Belopp"];

async function read(sheets: Parameters<typeof memoryReader>[0], overrides = {}) {
  const out = await readPrognosisInput(memoryReader(sheets), settings(overrides));
  expect(out.rows.read).toBe(out.rows.used + out.rows.rejected);
  return out;
}

describe("sheet-level cases", () => {
  it("an empty sheet: a clear error, not a crash", async () => {
    const out = await read({
      Utfall: [],
      Budget: [
        ["Ansvar", "Budget helår"],
        [441, 2003],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Utfall": bladet är tomt: förväntade en rubrikrad med Ansvar, Period och Belopp och rader under den.',
    ]);
    expect(out.value).toBeUndefined();
  });

  it("header only: no rows, said so", async () => {
    const out = await read({ Budget: [["Ansvar", "Budget helår"]], Utfall: [LEDGER_HEADER, [441, 4010, 202108, 100]] });
    expect(messages(out.errors)).toEqual([]);
    expect(messages(out.warnings)).toEqual([
      'Blad "Budget": bladet har en rubrikrad (rad 1) men inga rader under den.',
    ]);
    expect(out.value!.budgets).toEqual([]);
    expect(out.value!.actuals).toEqual([{ costCentre: "441", account: "4010", period: "2021-08", amount: 100 }]);
  });

  it("a Budget sheet listing every ansvar with no amount yet (as `ny` writes it): one warning with the utfall at stake, no error per row", async () => {
    const hierarchy = [
      ["Ansvar", "Benämning", "Överordnad"],
      ["EJPL", "Ej placerade", null],
      [441, "Hemtjänst", "EJPL"],
      [442, "Nattpatrull", "EJPL"],
      [443, "Larm", "EJPL"],
    ];
    const ledger = [
      LEDGER_HEADER,
      [441, 4010, 202108, 1_500_000],
      [442, 4010, 202108, -250_000],
      [442, 4010, 202107, 50_000],
    ];
    const out = await read({
      Ansvar: hierarchy,
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        [441, null],
        [442, ""],
        [443, null],
      ],
      Utfall: ledger,
    });
    expect(messages(out.errors)).toEqual([]);
    expect(out.value!.budgets).toEqual([]);
    const missing = out.warnings.filter((w) => w.message.startsWith("budget saknas"));
    expect(missing).toEqual([
      {
        sheet: "Budget",
        message:
          "budget saknas för 2 ansvar med 1,7 mnkr utfall (bladet Budget är inte ifyllt): fyll i Budget helår för varje ansvar, annars räknas budgeten som 0.",
        amount: 1_700_000,
      },
    ]);
    // Partly filled: each empty cell is an error again (missing is not zero).
    const partly = await read({
      Ansvar: hierarchy,
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        [441, 2000],
        [442, null],
      ],
      Utfall: ledger,
    });
    expect(messages(partly.errors)).toEqual([
      'Blad "Budget", cell B3: en budget för helåret saknas: förväntade en budget för helåret på raden.',
    ]);
  });

  it("duplicate headers: an error naming both cells", async () => {
    const out = await read({
      Utfall: [
        ["Ansvar", "Period", "Belopp", "Utfall"],
        [441, 202108, 100, 100],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Utfall", cell D1: rubriken "Utfall" betyder samma sak (Belopp) som rubriken i cell C1: förväntade en kolumn per fält; ta bort eller byt namn på den ena.',
    ]);
  });

  it("a header in row 3 under a title", async () => {
    const out = await read({
      Budget: [
        ["Budget 2021 (tkr)", null],
        [null, null],
        ["Ansvar", "Budget helår"],
        [441, 2003],
      ],
    });
    expect(out.recognised).toEqual([{ sheet: "Budget", headerRow: 3, fields: { costCentre: "A3", budget: "B3" } }]);
    expect(out.value!.budgets).toEqual([{ costCentre: "441", annual: 2_003_000 }]);
  });

  it("a sheet whose name says Utfall but whose header is not found", async () => {
    const out = await read({
      Utfall: [
        ["Kst", "Datum"],
        [441, 202108],
      ],
    });
    expect(messages(out.errors)[0]).toBe(
      'Blad "Utfall": hittar ingen rubrikrad med Ansvar, Period och Belopp bland de första 20 raderna: förväntade de rubrikerna (eller koppla kolumnerna till fälten).',
    );
  });

  it("merged cells: an ansvar written once for several rows applies to each; a merged amount is refused", async () => {
    const reader = await excelReader((wb) => {
      const ws = addRows(wb, "Utfall", [
        LEDGER_HEADER,
        [441, 4010, 202101, 100],
        [null, 4020, 202102, 200],
        [442, 4010, 202101, 300],
        [442, 4020, 202102, null],
      ]);
      ws.mergeCells("A2:A3");
      ws.mergeCells("D4:D5");
    });
    const out = await readPrognosisInput(reader, settings());
    expect(messages(out.errors)).toEqual([
      'Blad "Utfall", cell D5: cellen ingår i den sammanslagna cellen D4:D5: förväntade ett belopp på varje rad; dela upp den sammanslagna cellen.',
    ]);
    expect(out.rows).toEqual({ read: 4, used: 3, rejected: 1 });
  });

  it("hidden rows are read and warned", async () => {
    const reader = await excelReader((wb) => {
      const ws = addRows(wb, "Utfall", [
        LEDGER_HEADER,
        [441, 4010, 202101, 100],
        [441, 4010, 202102, 200],
        [442, 4010, 202101, 300],
      ]);
      ws.getRow(3).hidden = true;
    });
    const out = await readPrognosisInput(reader, settings());
    expect(messages(out.warnings)).toEqual([
      'Blad "Utfall": 1 dolda rader läses in som alla andra (rad 3): visa dem och kontrollera att de ska vara med.',
    ]);
    expect(out.value!.actuals.map((a) => a.amount)).toEqual([100, 200, 300]);
  });

  it("totals rows pasted in with the data are skipped, named, and checked against the rows above", async () => {
    const out = await read({
      Utfall: [
        LEDGER_HEADER,
        [441, 4010, 202101, 1000],
        [441, 4010, 202102, 234],
        ["Summa 441", null, null, 1234],
        [442, 4010, 202101, 500],
        ["Totalt", null, null, 1800],
      ],
      Budget: [
        ["Ansvar", "Budget helår"],
        [441, 2003],
        [442, 5362],
        ["Total", 7365],
      ],
    });
    expect(messages(out.warnings)).toEqual([
      'Blad "Budget", cell A4: raden 4 är en summarad ("Total") och räknas inte; dess belopp 7 365 tkr stämmer med summan av raderna ovanför.',
      'Blad "Utfall", cell A4: raden 4 är en summarad ("Summa 441") och räknas inte; dess belopp 1 234 kronor stämmer med summan av raderna ovanför.',
      'Blad "Utfall", cell A6: raden 6 är en summarad ("Totalt") och räknas inte; dess belopp 1 800 kronor stämmer inte med summan av raderna ovanför, 500 kronor: kontrollera att inga rader saknas eller finns två gånger.',
    ]);
    expect(out.value!.actuals.reduce((a, r) => a + r.amount, 0)).toBe(1734);
    expect(out.rows).toEqual({ read: 8, used: 5, rejected: 3 });
  });

  it("the same ansvar twice in a budget: an error naming both cells, unless they are different versions", async () => {
    const twice = await read({
      Budget: [
        ["Ansvar", "Budget helår"],
        [441, 2003],
        [442, 5362],
        [441, 100],
      ],
    });
    expect(messages(twice.errors)).toEqual([
      'Blad "Budget", cell A4: Ansvar "441" finns två gånger: cell A2 och A4. Ta bort den ena raden, eller ange olika Version.',
    ]);
    expect(twice.value).toBeUndefined();
    const versions = await read({
      Budget: [
        ["Ansvar", "Budget helår", "Version"],
        [441, 2003, "KF 2020-11"],
        [441, 100, "Ombudgetering maj"],
      ],
      Budgetversioner: [
        ["Version", "Typ", "Datum", "Beslut"],
        ["KF 2020-11", "Original", 44155, "KF § 120"],
        ["Ombudgetering maj", "Ombudgetering", "2021-05-20", "SN § 45"],
      ],
    });
    expect(messages(versions.errors)).toEqual([]);
    expect(versions.value!.budgetVersions).toEqual([
      { id: "KF 2020-11", kind: "original", date: "2020-11-20", decision: "KF § 120" },
      { id: "Ombudgetering maj", kind: "ombudgetering", date: "2021-05-20", decision: "SN § 45" },
    ]);
    expect(calculatePrognosis(versions.value!).total.annualBudget).toBe(2_103_000);
  });

  it("a period outside the follow-up year is kept aside and reported", async () => {
    const out = await read({
      Utfall: [LEDGER_HEADER, [441, 4010, 202108, 100], [441, 4010, 202012, 50], [441, 4010, 202109, 25]],
    });
    expect(messages(out.warnings)).toEqual([
      'Blad "Utfall", cell C3: 1 rader har en period utanför uppföljningsåret 2021 (första: cell C3 (2020-12)), sammanlagt 50 kr: de räknas inte i utfallet men redovisas i avstämningen.',
      'Blad "Utfall", cell C4: 1 rader har en period efter uppföljningsmånaden augusti (första: cell C4 (2021-09)), sammanlagt 25 kr: de räknas inte i utfallet men redovisas i avstämningen.',
    ]);
    const rec = calculatePrognosis(out.value!).reconciliation;
    expect(rec).toMatchObject({
      rowsRead: 3,
      rowsUsed: 1,
      rowsOutsidePeriod: 2,
      amountRead: 175,
      amountUsed: 100,
      amountOutsidePeriod: 75,
      unexplained: 0,
    });
  });

  it("a month written as text, and dates as serial numbers and as text", async () => {
    const out = await read({
      Utfall: [
        LEDGER_HEADER,
        [441, 4010, "aug", 1],
        [441, 4010, "Augusti", 2],
        [441, 4010, "mars 2021", 3],
        [441, 4010, 44439, 4],
        [441, 4010, "2021-08-31", 5],
        [441, 4010, "2021-7", 6],
        ["441", 4010, "Augusti 2021", 7],
      ],
    });
    expect(messages(out.errors)).toEqual([]);
    expect(out.value!.actuals.map((a) => a.period)).toEqual([
      "2021-08",
      "2021-08",
      "2021-03",
      "2021-08",
      "2021-08",
      "2021-07",
      "2021-08",
    ]);
  });

  it("a formula error value in a number column names the cell", async () => {
    const out = await read({
      Utfall: [
        LEDGER_HEADER,
        [441, 4010, 202108, "#REF!"],
        [441, 4010, 202108, "#DIVISION/0!"],
        [441, 4010, 202108, "#DIVIDE/0!"],
        [441, 4010, 202108, "#DIV/0!"],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Utfall", cell D2: "#REF!" är ett felvärde från en formel: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.',
      'Blad "Utfall", cell D3: "#DIVISION/0!" är ett felvärde från en formel: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.',
      'Blad "Utfall", cell D4: "#DIVIDE/0!" är ett felvärde från en formel: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.',
      'Blad "Utfall", cell D5: "#DIV/0!" är ett felvärde från en formel: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.',
    ]);
    expect(out.rows).toEqual({ read: 4, used: 0, rejected: 4 });
  });

  it("every error of a sheet at once, in the words the user sees", async () => {
    const rows: CellValue[][] = [LEDGER_HEADER];
    for (let i = 0; i < 5; i++) rows.push([441, 4010, 202108, 100]);
    rows.push([441, 4010, 202108, "abc"]);
    rows.push([null, 4010, "2021-13", null]);
    const out = await read({ Utfall: rows });
    expect(messages(out.errors)).toEqual([
      'Blad "Utfall", cell D7: "abc" är inte ett belopp: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.',
      'Blad "Utfall", cell A8: en ansvarskod saknas: förväntade en ansvarskod på raden.',
      'Blad "Utfall", cell C8: "2021-13" har månad 13, som inte finns: förväntade en månad, t.ex. 2023-08, 202308 eller aug 2023.',
      'Blad "Utfall", cell D8: ett belopp saknas: förväntade ett belopp på raden.',
    ]);
  });

  it("a wide budget gives monthly figures; the annual budget is their sum", async () => {
    const months = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"];
    const out = await read({
      Budget: [
        ["Ansvar", ...months],
        [441, 100, 100, 100, 100, 100, 100, 300, 300, 100, 100, 100, 100],
      ],
    });
    expect(out.value!.budgets).toEqual([
      { costCentre: "441", annual: 1_600_000, monthly: [1e5, 1e5, 1e5, 1e5, 1e5, 1e5, 3e5, 3e5, 1e5, 1e5, 1e5, 1e5] },
    ]);
    const partial = await read({
      Budget: [
        ["Ansvar", "Budget helår", "Jan", "Feb"],
        [441, 200, 100, 100],
      ],
    });
    expect(messages(partial.errors)).toEqual([
      'Blad "Budget", cell C1: budgeten har kolumner för 2 av 12 månader (saknas: mars, april, maj, juni, juli, augusti, september, oktober, november, december): förväntade en kolumn för varje månad, eller bara Budget helår.',
    ]);
    const mismatch = await read({
      Budget: [
        ["Ansvar", "Budget helår", ...months],
        [441, 1000, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
      ],
    });
    expect(messages(mismatch.errors)).toEqual([
      'Blad "Budget", cell B2: budget helår 1 000 tkr stämmer inte med summan av månaderna, 1 200 tkr: förväntade att månaderna summerar till helåret.',
    ]);
  });

  it("a budget in long layout: one row per ansvar and month", async () => {
    const out = await read({
      Budget: [
        ["Ansvar", "Period", "Budget"],
        [441, "2021-01", 150],
        [441, "2021-02", 150],
        [442, 202101, 400],
        [441, "2021-01", 10],
        [441, "2020-12", 5],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Budget", cell B5: Ansvar "441" 2021-01 finns två gånger: cell B2 och B5. Lämna en rad per ansvar och månad.',
      'Blad "Budget", cell B6: perioden 2020-12 ligger utanför budgetåret: förväntade en månad i 2021.',
    ]);
    const ok = await read({
      Budget: [
        ["Ansvar", "Period", "Budget"],
        [441, "2021-01", 150],
        [441, "2021-02", 150],
        [442, 202101, 400],
      ],
    });
    expect(ok.value!.budgets).toEqual([
      { costCentre: "441", annual: 300_000, monthly: [150_000, 150_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { costCentre: "442", annual: 400_000, monthly: [400_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    ]);
  });

  it("a ledger with the year and the month in two columns", async () => {
    const out = await read({
      Utfall: [
        ["Ansvar", "Konto", "År", "Månad", "Belopp"],
        [441, 4010, 2021, 8, 100],
        [441, 4010, 2021, "jan", 50],
        [441, 4010, "tjugo", 3, 1],
        [441, 4010, null, 3, 1],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Utfall", cell C4: "tjugo" är inget år: förväntade ett årtal, t.ex. 2021.',
      'Blad "Utfall", cell C5: ett år saknas: förväntade ett år på raden.',
    ]);
    const ok = await read({
      "Utfall fg år": [
        ["Ansvar", "Konto", "År", "Månad", "Belopp"],
        [441, 4010, 2020, 8, 100],
        [441, 4010, 2020, "december", 50],
      ],
      Utfall: [LEDGER_HEADER, [441, 4010, 202108, 1]],
    });
    expect(ok.value!.lastYearActuals!.map((a) => a.period)).toEqual(["2020-08", "2020-12"]);
  });

  it("an ansvar code with its name in the same cell, and a decimal ansvar", async () => {
    const out = await read({
      Budget: [
        ["Ansvar", "Budget helår"],
        ["441 Hemtjänst Herrljunga Landsbygd", 2003],
        [441.5, 10],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Budget", cell A3: "441.5" är inget ansvar: förväntade en ansvarskod, t.ex. 441, eller ett namn.',
    ]);
  });

  it("a hierarchy with an unknown parent and a duplicate ansvar names the cells", async () => {
    const out = await read({
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        [44, "Vård och omsorg", null],
        [441, "Hemtjänst", 44],
        [442, "Hemtjänst tätort", 45],
        [441, "Hemtjänst igen", 44],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Ansvar", cell A5: Ansvar "441" finns två gånger: cell A3 och A5. Ett ansvar ska stå en gång i ansvarsstrukturen.',
      'Blad "Ansvar", cell C4: överordnat ansvar "45" finns inte på bladet: förväntade ett ansvar som står i kolumnen Ansvar.',
      'Blad "Budget": arbetsboken har inget blad med budget, utfall eller prognos: förväntade bladen Budget (Ansvar | Budget helår) och Utfall (Ansvar | Konto | Period | Belopp).',
    ]);
  });

  it("a whole column of bad cells: the first 500 errors by cell, then one line for the rest", async () => {
    const rows: CellValue[][] = [LEDGER_HEADER];
    for (let i = 0; i < 650; i++) rows.push([441, 4010, 202108, "x"]);
    const out = await read({ Utfall: rows });
    expect(out.errors).toHaveLength(501);
    expect(messages(out.errors)[500]).toBe(
      'Blad "Utfall": ytterligare 150 fel på bladet visas inte; rätta felen ovan och läs in igen.',
    );
    expect(out.rows).toEqual({ read: 650, used: 0, rejected: 650 });
  });

  it("a column the user maps by hand", async () => {
    const out = await read(
      {
        Huvudbok: [
          ["Objekt", "Per", "Netto kr"],
          [441, "2021-08", "1 234"],
        ],
      },
      { columnMapping: { Huvudbok: { Objekt: "costCentre", Per: "period", "Netto kr": "Belopp" } } },
    );
    expect(messages(out.errors)).toEqual([]);
    expect(out.value!.actuals).toEqual([{ costCentre: "441", period: "2021-08", amount: 1234 }]);
  });

  it("an input in an Excel table is read as the table; data rows outside it are named", async () => {
    const reader = await excelReader((wb) => {
      const ws = addRows(wb, "Budget", [["Budget 2021"], ["Fyll i budget per ansvar."]]);
      ws.addTable({
        name: "Budgettabell",
        ref: "A3",
        headerRow: true,
        columns: [{ name: "Ansvar" }, { name: "Budget helår (tkr)" }],
        rows: [
          [441, 2003],
          [442, 5362],
        ],
      });
      ws.getCell("A7").value = "Mall från Budgetkoll. Ändra inte rubrikerna; fyll bara i de gula cellerna.";
      ws.getCell("A8").value = 443;
      ws.getCell("B8").value = 2165;
    });
    const out = await readPrognosisInput(reader, settings());
    expect(messages(out.errors)).toEqual([]);
    expect(messages(out.warnings)).toEqual([
      'Blad "Budget", cell A8: raden 8 ligger utanför tabellen "Budgettabell" och läses inte: flytta in den i tabellen om den ska med.',
    ]);
    expect(out.value!.budgets).toEqual([
      { costCentre: "441", annual: 2_003_000 },
      { costCentre: "442", annual: 5_362_000 },
    ]);
  });

  it("the add-in's own output sheets are not read as input", async () => {
    const out = await read({
      Prognos: [
        ["Ansvar", "Prognos helår"],
        [441, 1803],
      ],
      "Prognos per ansvar": [
        ["Prognos per ansvar 2021"],
        ["Ansvar", "Benämning", "Budget helår", "Prognos helår"],
        [441, "Hemtjänst", 2003, 1803],
      ],
      Budgetkoll_meta: [
        ["Blad", "Fingeravtryck", "Skriven"],
        ["Prognos per ansvar", "abc123", "2021-09-10"],
      ],
    });
    expect(messages(out.errors)).toEqual([]);
    expect(messages(out.warnings)).toEqual([]);
    expect(out.recognised.map((r) => r.sheet)).toEqual(["Prognos"]);
    expect(out.value!.forecasts).toEqual([{ costCentre: "441", forecast: 1_803_000 }]);
  });

  it("a sheet of 1,048,576 rows is read whole, cheaply", async () => {
    const row: CellValue[] = [441, 4010, 202108, 1];
    const values: CellValue[][] = new Array(1_048_576);
    values[0] = LEDGER_HEADER;
    values.fill(row, 1);
    const sheet: SheetData = { sheet: "Utfall", origin: { row: 0, column: 0 }, values };
    const out = await read({ Utfall: sheet });
    expect(out.errors).toEqual([]);
    expect(out.rows).toEqual({ read: 1_048_575, used: 1_048_575, rejected: 0 });
    expect(calculatePrognosis(out.value!).total.actual).toBe(1_048_575);
  });
});
