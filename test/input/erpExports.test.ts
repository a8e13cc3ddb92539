/**
 * Ledger and follow-up sheets as a controller pastes them from the ERP: a title row or two above the header, the
 * ERP's own column names, dimension columns the reader must leave alone (Verksamhet, Aktivitet, Projekt, Motpart,
 * a code's name), periods and amounts as that system writes them. The exports are modelled on the koddelar of a
 * Swedish kommun's kodsträng (Ansvar, Konto, Verksamhet, Aktivitet, Projekt, Motpart) with Herrljunga's ansvar
 * (seed 004); each test reads the workbook as the product does and checks the rows, the sums per ansvar and the
 * periods.
 */
import type { CellValue } from "../../src/cells";
import { describe, expect, it } from "vitest";
import type { ActualRow } from "../../src/core/prognosis";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import { memoryReader, messages, settings } from "./helpers";

/** Kronor per ansvar, summed over the ledger rows up to and including the follow-up month (August). */
function sumsPerAnsvar(rows: readonly ActualRow[], lastPeriod = "2021-08"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows)
    if (r.period <= lastPeriod) out[r.costCentre] = Math.round(((out[r.costCentre] ?? 0) + r.amount) * 100) / 100;
  return out;
}

const rowsOf = (rows: readonly ActualRow[]) => rows.map((r) => [r.costCentre, r.account, r.period, r.amount]);

async function read(sheets: Record<string, CellValue[][]>) {
  return readPrognosisInput(memoryReader(sheets), settings());
}

describe("ledger exports of the ERPs Swedish kommuner use", () => {
  it("Raindance: analyslista with code and text columns, Verksamhet/Aktivitet/Projekt/Motpart, period ÅÅÅÅMM, amounts as Swedish text", async () => {
    const out = await read({
      // Raindance's code list of ansvar, with the verksamhet (a koddel) each ansvar is booked on.
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad", "Verksamhet"],
        [4, "Socialnämnden", null, null],
        [44, "Vård och omsorg", 4, 510],
        [441, "Hemtjänst Herrljunga Landsbygd", 44, 511],
        [442, "Hemtjänst Herrljunga tätort", 44, 511],
        [42, "Individ och familjeomsorg", 4, 530],
        [421, "Barn och familj", 42, 531],
      ],
      Huvudbok: [
        ["Raindance – Analyslista utfall"],
        ["Urval: Ansvar 4*; Period 202101–202109"],
        [],
        [
          "Ansvar",
          "Ansvar text",
          "Konto",
          "Konto text",
          "Verksamhet",
          "Aktivitet",
          "Projekt",
          "Motpart",
          "Period",
          "Belopp",
        ],
        [441, "Hemtjänst Herrljunga Landsbygd", 5111, "Månadslön", 511, null, null, null, 202101, "245 310,00"],
        [
          441,
          "Hemtjänst Herrljunga Landsbygd",
          5411,
          "Arbetsgivaravgifter",
          511,
          null,
          null,
          null,
          202101,
          "77 078,40",
        ],
        [
          441,
          "Hemtjänst Herrljunga Landsbygd",
          3511,
          "Statsbidrag Socialstyrelsen",
          511,
          null,
          null,
          812,
          202102,
          "-12 500,00",
        ],
        [442, "Hemtjänst Herrljunga tätort", 5111, "Månadslön", 511, "NATT", null, null, 202108, "310 200,50"],
        [421, "Barn och familj", 4611, "Köp av institutionsvård", 531, null, "P2101", 87, 202103, "96 500,00"],
        [421, "Barn och familj", 3611, "Ersättning från Migrationsverket", 531, null, null, 813, 202105, "-48 000,00"],
        [421, "Barn och familj", 4611, "Köp av institutionsvård", 531, null, "P2101", 87, 202109, "20 000,00"],
      ],
    });
    expect(messages(out.errors)).toEqual([]);
    expect(rowsOf(out.value!.actuals)).toEqual([
      ["441", "5111", "2021-01", 245_310],
      ["441", "5411", "2021-01", 77_078.4],
      ["441", "3511", "2021-02", -12_500],
      ["442", "5111", "2021-08", 310_200.5],
      ["421", "4611", "2021-03", 96_500],
      ["421", "3611", "2021-05", -48_000],
      ["421", "4611", "2021-09", 20_000],
    ]);
    expect(sumsPerAnsvar(out.value!.actuals)).toEqual({ "441": 309_888.4, "442": 310_200.5, "421": 48_500 });
    // The hierarchy comes from Överordnad; the Verksamhet codes are a dimension, and the user is told so.
    expect(out.value!.costCentres.find((c) => c.key === "441")).toMatchObject({ parentKey: "44" });
    expect(messages(out.warnings)).toEqual([
      'Blad "Ansvar", cell D1: kolumnen "Verksamhet" läses inte: ansvarsstrukturen byggs av Överordnad (cell C1), så kolumnen tas för en dimension i ekonomisystemet, inte nivån ovanför. Koppla den till fältet Verksamhet på bladet Kolumnmappning om den ska användas.',
      'Blad "Huvudbok", cell I11: 1 rader har en period efter uppföljningsmånaden augusti (första: cell I11 (2021-09)), sammanlagt 20 000 kr: de räknas inte i utfallet men redovisas i avstämningen.',
    ]);
    // What was taken from where: the text columns, Aktivitet, Projekt and Motpart are not read.
    expect(out.recognised.find((r) => r.sheet === "Huvudbok")).toEqual({
      sheet: "Huvudbok",
      headerRow: 4,
      fields: { costCentre: "A4", account: "C4", area: "E4", period: "I4", amount: "J4" },
    });
    expect(out.recognised.find((r) => r.sheet === "Ansvar")!.fields).toEqual({
      costCentre: "A1",
      name: "B1",
      parent: "C1",
    });
    expect(out.rows).toEqual({ read: 13, used: 13, rejected: 0 });
  });

  it("Unit4 (Agresso): the code's name headed (T), Summa as the amount, period ÅÅÅÅMM as a number, amounts with decimals", async () => {
    const out = await read({
      Blad1: [
        ["Unit4 ERP – Huvudboksfråga"],
        ["Klient: SN   Period: 202101 - 202108   Belopp i SEK"],
        ["Konto", "Konto(T)", "Ansvar", "Ansvar(T)", "Verksamhet", "Verksamhet(T)", "Aktivitet", "Period", "Summa"],
        [5111, "Månadslön", 441, "Hemtjänst Herrljunga Landsbygd", 511, "Hemtjänst", null, 202104, 210_450.25],
        [
          4611,
          "Köp av institutionsvård",
          422,
          "Placeringar barn och unga",
          531,
          "Barn och familj",
          "HVB",
          202106,
          185_000,
        ],
        [
          4611,
          "Köp av institutionsvård",
          422,
          "Placeringar barn och unga",
          531,
          "Barn och familj",
          "HVB",
          202107,
          185_000,
        ],
        [3911, "Återbetalning", 422, "Placeringar barn och unga", 531, "Barn och familj", null, 202107, -3_250.75],
        [5111, "Månadslön", 441, "Hemtjänst Herrljunga Landsbygd", 511, "Hemtjänst", null, 202012, 199_000],
      ],
    });
    expect(messages(out.errors)).toEqual([]);
    expect(rowsOf(out.value!.actuals)).toEqual([
      ["441", "5111", "2021-04", 210_450.25],
      ["422", "4611", "2021-06", 185_000],
      ["422", "4611", "2021-07", 185_000],
      ["422", "3911", "2021-07", -3_250.75],
      ["441", "5111", "2020-12", 199_000],
    ]);
    expect(sumsPerAnsvar(out.value!.actuals.filter((r) => r.period >= "2021-01"))).toEqual({
      "441": 210_450.25,
      "422": 366_749.25,
    });
    expect(out.recognised).toEqual([
      {
        sheet: "Blad1",
        headerRow: 3,
        fields: { account: "A3", costCentre: "C3", area: "E3", period: "H3", amount: "I3" },
      },
    ]);
    expect(messages(out.warnings)).toEqual([
      'Blad "Blad1", cell H8: 1 rader har en period utanför uppföljningsåret 2021 (första: cell H8 (2020-12)), sammanlagt 199 000 kr: de räknas inte i utfallet men redovisas i avstämningen.',
    ]);
  });

  it("Visma: Avdelning as the cost centre, the period as MM-ÅÅÅÅ, revenue negative", async () => {
    const out = await read({
      Utfall: [
        ["Visma – Resultatrapport per avdelning"],
        ["Räkenskapsår 2021-01-01 – 2021-12-31"],
        [],
        ["Avdelning", "Avdelningsnamn", "Konto", "Kontonamn", "Projekt", "Period", "Belopp"],
        ["443", "Hemtjänst Ljung", "5111", "Löner månadsavlönade", null, "01-2021", 98_120],
        ["443", "Hemtjänst Ljung", "5111", "Löner månadsavlönade", null, "02-2021", 97_480],
        ["443", "Hemtjänst Ljung", "3111", "Hemtjänstavgifter", null, "02-2021", -14_260],
        ["445", "Hagen säbo", "4511", "Livsmedel", "KOST", "08-2021", 41_300],
      ],
    });
    expect(messages(out.errors)).toEqual([]);
    expect(rowsOf(out.value!.actuals)).toEqual([
      ["443", "5111", "2021-01", 98_120],
      ["443", "5111", "2021-02", 97_480],
      ["443", "3111", "2021-02", -14_260],
      ["445", "4511", "2021-08", 41_300],
    ]);
    expect(sumsPerAnsvar(out.value!.actuals)).toEqual({ "443": 181_340, "445": 41_300 });
    expect(out.recognised).toEqual([
      { sheet: "Utfall", headerRow: 4, fields: { costCentre: "A4", account: "C4", period: "F4", amount: "G4" } },
    ]);
    expect(out.warnings).toEqual([]);
  });

  it("Hypergene: the follow-up per enhet reads as the forecast (Utfall ack beside it), Budget ack and the variances are left alone", async () => {
    const out = await read({
      Prognos: [
        ["Hypergene – Månadsuppföljning Socialnämnden"],
        ["Period: 202108   Belopp i tkr"],
        [
          "Enhet",
          "Benämning",
          "Budget helår",
          "Budget ack",
          "Utfall ack",
          "Avvikelse ack",
          "Prognos helår",
          "Avvikelse helår",
          "Kommentar",
        ],
        ["441", "Hemtjänst Herrljunga Landsbygd", 2003, 1335, 577, 758, 1803, 200, "Lägre bemanning kvällstid"],
        ["422", "Placeringar barn och unga", 16825, 11217, 13085, -1868, 19625, -2800, "Fler placeringar"],
      ],
    });
    expect(messages(out.errors)).toEqual([]);
    expect(out.value!.forecasts).toEqual([
      { costCentre: "441", forecast: 1_803_000, comment: "Lägre bemanning kvällstid" },
      { costCentre: "422", forecast: 19_625_000, comment: "Fler placeringar" },
    ]);
    expect(out.recognised).toEqual([
      {
        sheet: "Prognos",
        headerRow: 3,
        fields: { costCentre: "A3", name: "B3", budget: "C3", actualToDate: "E3", forecast: "G3", comment: "I3" },
      },
    ]);
  });

  it("Hypergene: an accumulated Utfall ack is never summed as a ledger's monthly amount: the sheet is refused, naming what it needs", async () => {
    const out = await read({
      Budget: [
        ["Ansvar", "Budget helår (tkr)"],
        ["441", 2003],
      ],
      Utfall: [
        ["Hypergene – Utfall per period"],
        ["Ansvar", "Konto", "Period", "Utfall ack", "Budget ack"],
        ["441", "5111", "2021-07", 510_000, 1_168_000],
        ["441", "5111", "2021-08", 577_000, 1_335_000],
      ],
    });
    expect(messages(out.errors)).toEqual([
      'Blad "Utfall": hittar ingen rubrikrad med Ansvar, Period och Belopp bland de första 20 raderna: förväntade de rubrikerna (eller koppla kolumnerna till fälten).',
    ]);
    expect(out.value).toBeUndefined();
  });
});
