/** Seed 001's budget workbook (Härryda socialnämnd, budget 2023 med plan 2024-2025) from its own figures. */
import type { CellValue } from "../../src/cells";
import type { SheetData } from "../../src/workbook/types";
import { num, readGolden } from "../core/goldenCsv";

export const sheet = (name: string, values: CellValue[][]): SheetData => ({
  sheet: name,
  origin: { row: 0, column: 0 },
  values,
});

const drift = readGolden("001_driftbudget_verksamhet.csv");
const ramRows = readGolden("001_ramar_rodgron.csv").filter((r) => r.tabell!.startsWith("drift"));
const result = readGolden("001_resultatbudget.csv");
const RESERVE = "Socialnämndens reserv";

/** The seed's workbook: its own figures, and the named changes its text gives (amounts in tkr). */
export function seed001Sheets(): SheetData[] {
  const areas = drift.filter((r) => r.radtyp === "verksamhet");
  const reserve = drift.find((r) => r.radtyp === "reserv")!;
  return [
    sheet("Inställningar", [
      ["Nämnd", "Socialnämnden, Härryda kommun"],
      ["Beslut", "SN 2023-02-22 § 45"],
    ]),
    // The seed gives no uppräkning rates; its lines are net per verksamhet, which no rate applies to.
    sheet("Uppräkning", [
      ["År", "Löneökning (%)", "Prisindex (%)", "Intäkter (%)"],
      [2023, 0, 0, 0],
      [2024, 0, 0, 0],
      [2025, 0, 0, 0],
    ]),
    sheet("Budgetunderlag", [
      ["Budgetunderlag 2022 (driftbudget per verksamhet, tkr)"],
      [],
      ["Verksamhet", "Kostnadsslag", "Kategori", "Bokslut 2021", "Budget 2022"],
      [reserve.verksamhet!, "Reserv", "reserv", num(reserve["Bokslut 2021"])!, num(reserve["Budget 2022"])!],
      ...areas.map((r) => [r.verksamhet!, "Netto", "netto", num(r["Bokslut 2021"])!, num(r["Budget 2022"])!]),
    ]),
    sheet("Ramar", [
      ["Rad", "Typ", "Budget 2022", "Budget 2023", "Budget 2024", "Budget 2025"],
      ...ramRows.map((r) => [
        r.rad!,
        r.rad!.startsWith("Summa") ? "Summa" : r.rad!.startsWith("Justering") ? "Justering" : "KF-ram",
        ...["Budget 2022", "Budget 2023", "Budget 2024", "Budget 2025"].map((c) => num(r[c])!),
      ]),
    ]),
    sheet("Prioriteringar", [
      ["Typ", "Benämning", "Verksamhet", "Kostnadsslag", "Villkorad", "Budget 2023", "Plan 2024", "Plan 2025"],
      ["Reserv", "Socialnämndens reserv", RESERVE, null, null, 5500, 5500, 5500],
      [
        "Tillskott",
        "Fast omsorgskontakt inom hemtjänst (generellt statsbidrag)",
        "Vård och omsorg",
        "Netto",
        null,
        2500,
        0,
        0,
      ],
      ["Tillskott", "Stöd till äldreomsorgen (generellt statsbidrag)", "Vård och omsorg", "Netto", null, 0, 9900, 0],
      ["Tillskott", "Arbetsledare cirkulär möbelhantering", "Härryda framtid", "Netto", null, 600, 0, 0],
      [
        "Tillskott",
        "Mäns våld mot kvinnor och våld i nära relationer",
        "Barn och familj",
        "Netto",
        "KF 2022-12-15 § 203: används först efter nämndens beslut",
        1000,
        0,
        0,
      ],
    ]),
    sheet("Beslutad budget", [
      ["Verksamhet", "Budget 2023", "Plan 2024", "Plan 2025"],
      ...areas.map((r) => [r.verksamhet!, num(r["Budget 2023"])!, num(r["Plan 2024"])!, num(r["Plan 2025"])!]),
    ]),
    sheet("Resultatbudget", [
      ["Kostnadsslag", "Typ", "Bokslut 2021", "Budget 2022", "Budget 2023", "Plan 2024", "Plan 2025"],
      ...result
        .filter((r) => r.radtyp === "intäkt" || r.radtyp === "kostnad")
        .map((r) => [
          r.rad!,
          r.radtyp!,
          ...["Bokslut 2021", "Budget 2022", "Budget 2023", "Plan 2024", "Plan 2025"].map((c) => num(r[c])!),
        ]),
    ]),
  ];
}
