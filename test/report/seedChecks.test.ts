/**
 * The consistency checks run on the seeds' tables as printed (the golden CSVs): they must find the known
 * source faults (000's misplaced 2020 column in Bilaga 1) and the ±1 tkr rounding gaps, and pass the rest.
 * Cells are named as in the golden CSV (header in row 1).
 */
import { describe, expect, it } from "vitest";
import { checkCrossTotal, checkIdentity, checkSubtotals, type Finding, type TableLine } from "../../src/core/consistency";
import { cellAddress } from "../../src/report/layout";
import { readGolden, type CsvRow } from "../core/goldenCsv";
import { annexKey, printedTkr } from "../core/seedTables";

interface CsvTable {
  readonly file: string;
  readonly label: (r: CsvRow) => string;
  readonly key?: (r: CsvRow) => string;
  readonly parent?: (r: CsvRow) => string | undefined;
  readonly role: (r: CsvRow) => TableLine["role"] | "skip";
  /** Column id -> CSV header. */
  readonly columns: Readonly<Record<string, string>>;
}

function linesOf(t: CsvTable): TableLine[] {
  const rows = readGolden(t.file);
  const header = Object.keys(rows[0]!);
  const lines: TableLine[] = [];
  rows.forEach((r, i) => {
    const role = t.role(r);
    if (role === "skip") return;
    const values: Record<string, number | undefined> = {};
    const cells: Record<string, string> = {};
    for (const [id, h] of Object.entries(t.columns)) {
      values[id] = printedTkr(r[h]);
      cells[id] = cellAddress(i + 1, header.indexOf(h));
    }
    lines.push({ key: t.key?.(r) ?? t.label(r), label: t.label(r), parentKey: t.parent?.(r), role, values, cells });
  });
  return lines;
}

const brief = (f: Finding): string => `${f.label}|${f.column}|${f.printed}|${f.computed}|${f.severity}${f.cell ? `|${f.cell}` : ""}`;
const byKey = (lines: TableLine[], key: string): TableLine => lines.find((l) => l.key === key)!;
const varianceRule = (budget: string, outcome: string) => (v: TableLine["values"]) =>
  v[budget] === undefined || v[outcome] === undefined ? undefined : v[budget]! - v[outcome]!;

describe("seed 000 resultaträkning as printed", () => {
  const all = linesOf({
    file: "000_resultatrakning.csv",
    label: (r) => r["rad"]!,
    role: (r) => (r["typ"] === "summa intäkter" || r["typ"] === "summa kostnader" ? "subtotal" : r["typ"] === "netto" ? "total" : "line"),
    parent: (r) => (r["typ"]!.startsWith("intäkt") ? "Summa intäkter" : r["typ"] === "kostnad" ? "Summa kostnader" : undefined),
    columns: { b2019: "Bokslut 2019", b2020: "Bokslut 2020", budget: "Budget 2021", utfall: "Utfall 2021", avvikelse: "Avvikelse (=Budget 2021 - Utfall 2021)" },
  });
  const lines = all.filter((l) => l.label !== "Kommunbidrag" && l.label !== "Resultat");

  it("subtotals and the net: exact but for the netto avvikelse, 23 803 - 17 665 = 6 138 printed 6 139 (S01-S07, S12, S14)", () => {
    expect(checkSubtotals(lines, ["b2019", "b2020", "budget", "utfall", "avvikelse"]).map(brief)).toEqual([
      "Summa Nettokostnader|avvikelse|6139|6138|rounding|G9",
    ]);
  });

  it("avvikelse = budget - utfall: the netto 6 139 is rounding (S08-S11, S13), the '-0' is 0", () => {
    const f = checkIdentity(lines, "avvikelse", varianceRule("budget", "utfall"), "Budget - Utfall");
    expect(f.map(brief)).toEqual(["Summa Nettokostnader|avvikelse|6139|6138|rounding|G9"]);
    expect(f[0]!.message).toBe("Summa Nettokostnader, avvikelse (cell G9): tryckt 6 139, Budget - Utfall ger 6 138 (avrundning, 1 tkr).");
  });

  it("resultat = kommunbidrag - nettokostnad (S15, S16)", () => {
    const grant = byKey(all, "Kommunbidrag").values;
    const net = byKey(all, "Summa Nettokostnader").values;
    const result = byKey(all, "Resultat");
    const f = checkIdentity([result], "utfall", () => grant["utfall"]! - net["utfall"]!, "Kommunbidrag - Nettokostnad");
    expect(f.map(brief)).toEqual(["Resultat|utfall|6139|6138|rounding|F11"]);
    for (const c of ["b2019", "b2020"]) expect(checkIdentity([result], c, () => grant[c]! - net[c]!, "Kommunbidrag - Nettokostnad")).toEqual([]);
  });
});

const ORG_COLUMNS = {
  b2019: "Bokslut 2019",
  b2020: "Bokslut 2020",
  budget: "Budget 2021 (inkl. tilläggsanslag, fotnot *)",
  utfall: "Utfall 2021",
  avvikelse: "Avvikelse (=Budget - Utfall; + = överskott)",
};

function organisationalSplit(): TableLine[] {
  return linesOf({
    file: "000_organisatorisk_fordelning.csv",
    label: (r) => r["rad"]!,
    role: (r) => (r["rad"] === "Summa verksamhet" ? "total" : ["Intäkter", "Kostnader", "Nettokostnad"].includes(r["rad"]!) ? "skip" : "line"),
    columns: ORG_COLUMNS,
  });
}

describe("seed 000 organisational split as printed", () => {
  const split = organisationalSplit();

  it("Summa verksamhet is the sum of the areas in every column (S17-S20)", () => {
    expect(checkSubtotals(split, Object.keys(ORG_COLUMNS))).toEqual([]);
  });

  it("Vård och omsorg's and the sum's avvikelse are 1 tkr off B - U: rounding (S21)", () => {
    expect(checkIdentity(split, "avvikelse", varianceRule("budget", "utfall"), "Budget - Utfall").map(brief)).toEqual([
      "Vård och omsorg|avvikelse|7990|7989|rounding|F5",
      "Summa verksamhet|avvikelse|6139|6138|rounding|F7",
    ]);
  });

  it("agrees with the resultaträkning: Nettokostnad = Summa verksamhet = Summa Nettokostnader", () => {
    const rows = readGolden("000_organisatorisk_fordelning.csv");
    const net = rows.find((r) => r["rad"] === "Nettokostnad")!;
    const income = readGolden("000_resultatrakning.csv").find((r) => r["rad"] === "Summa Nettokostnader")!;
    const total = byKey(split, "Summa verksamhet");
    for (const [id, h] of Object.entries(ORG_COLUMNS).filter(([id]) => id !== "avvikelse")) {
      expect(checkCrossTotal({ label: "Summa verksamhet", value: total.values[id]!, column: h }, { label: "Nettokostnad", value: printedTkr(net[h])! })).toBeUndefined();
      const incomeHeader = h.startsWith("Budget") ? "Budget 2021" : h;
      expect(checkCrossTotal({ label: "Summa verksamhet", value: total.values[id]!, column: h }, { label: "Resultaträkningen", value: printedTkr(income[incomeHeader])! })).toBeUndefined();
    }
  });
});

describe("seed 000 annex (Bilaga 1) as printed", () => {
  const annex = (column2020: string): TableLine[] =>
    linesOf({
      file: "000_ansvarsniva_bilaga1.csv",
      label: (r) => r["Enhet (som tryckt, med fotnotstecken)"]!,
      key: (r) => annexKey(r["Enhet (som tryckt, med fotnotstecken)"]!),
      parent: (r) => (r["förälder"] ? annexKey(r["förälder"]) : undefined),
      role: (r) => (r["nivå"] === "totalsumma" ? "total" : ["Individ och familjeomsorg", "Vård och omsorg", "Socialt stöd"].includes(r["Enhet (som tryckt, med fotnotstecken)"]!) ? "subtotal" : "line"),
      columns: { b2019: "Bokslut 2019", b2020: column2020, budget: "Budget 2021", utfall: "Utfall 2021", avvikelse: "Avvikelse (tryckt; = Budget - Utfall)" },
    });
  const printed = annex("Bokslut 2020 SOM TRYCKT (felplacerad kolumn i källan)");
  const reconstructed = annex("Bokslut 2020 rekonstruerad (härledd, se kommentar)");
  const columns = ["b2019", "b2020", "budget", "utfall", "avvikelse"];

  it("finds the misplaced 2020 column: IFO 99 733 against 42 817, and the other two areas, as errors (S30)", () => {
    const errors = checkSubtotals(printed, columns).filter((f) => f.severity === "error");
    expect(errors.map(brief)).toEqual([
      "Individ och familjeomsorg|b2020|42817|99733|error|E4",
      "Vård och omsorg|b2020|2358|209816|error|E8",
      "Socialt stöd|b2020|220127|60818|error|E18",
    ]);
    expect(errors[0]!.message).toBe("Individ och familjeomsorg, b2020 (cell E4): tryckt 42 817, summan av delarna 99 733 (fel, 56 916 tkr).");
  });

  it("sees that the printed Totalsumma 277 388 is the sum of the misplaced area cells (S32) and disagrees with the organisational split 220 127 (S31)", () => {
    const total = byKey(printed, "Totalsumma");
    expect(checkSubtotals(printed, ["b2020"]).some((f) => f.key === "Totalsumma")).toBe(false);
    const cross = checkCrossTotal(
      { label: "Bilaga 1 Totalsumma", value: total.values["b2020"]!, column: "Bokslut 2020", cell: total.cells!["b2020"] },
      { label: "Organisatorisk fördelning, Summa verksamhet", value: byKey(organisationalSplit(), "Summa verksamhet").values["b2020"]!, column: "Bokslut 2020", cell: "C7" },
    )!;
    expect(cross.severity).toBe("error");
    expect(cross.difference).toBe(57261);
    expect(cross.message).toBe(
      "Bilaga 1 Totalsumma, Bokslut 2020 (cell E23): tryckt 277 388, men Organisatorisk fördelning, Summa verksamhet, Bokslut 2020 (cell C7) är 220 127 (fel, 57 261 tkr).",
    );
  });

  it("reports the other columns' 1 tkr gaps as rounding (S23-S28), and the reconstructed 2020 column only as rounding (S33-S35)", () => {
    const rounding = checkSubtotals(printed, columns).filter((f) => f.severity === "rounding");
    expect(rounding.map(brief)).toEqual([
      "Individ och familjeomsorg|utfall|45457|45458|rounding|I4",
      "Individ och familjeomsorg|avvikelse|-1059|-1060|rounding|J4",
      "Vård och omsorg|budget|128061|128062|rounding|H8",
      "Socialt stöd|b2019|29389|29390|rounding|D18",
      "Socialt stöd|utfall|32608|32609|rounding|I18",
    ]);
    const fixed = checkSubtotals(reconstructed, columns);
    expect(fixed.every((f) => f.severity === "rounding")).toBe(true);
    expect(fixed.map((f) => `${f.label}|${f.column}`)).toContain("Vård och omsorg|b2020");
    const total = byKey(reconstructed, "Totalsumma");
    expect(checkCrossTotal({ label: "Bilaga 1", value: total.values["b2020"]! }, { label: "Organisatorisk fördelning", value: 220127 })).toBeUndefined();
  });

  it("avvikelse = budget - utfall per enhet: three 1 tkr rounding gaps (S22)", () => {
    const f = checkIdentity(printed, "avvikelse", varianceRule("budget", "utfall"), "Budget - Utfall");
    expect(f.every((x) => x.severity === "rounding")).toBe(true);
    expect(f.map((x) => `${x.label} ${x.printed}/${x.computed}`)).toEqual([
      "Vård och omsorg 7990/7989",
      "Hemtjänst Hja tätort 936/935",
      "Korttidsenhet och bemanning 742/743",
      "Funktionshinder -2076/-2077",
      "Totalsumma 6139/6138",
    ]);
  });
});

describe("seed 004 as printed", () => {
  it("prognos per ansvar: Socialt stöd's Utfall 2021-08 20 890 against 20 889 is rounding; the rest holds", () => {
    const lines = linesOf({
      file: "004_prognos_per_ansvar.csv",
      label: (r) => r["benamning"]!,
      key: (r) => r["ansvar"]!,
      parent: (r) => r["overordnad"] || undefined,
      role: (r) => (r["niva"] === "total" ? "total" : r["niva"] === "verksamhet" ? "subtotal" : "line"),
      columns: { utfall_2020_08: "utfall_2020_08", utfall_2021_08: "utfall_2021_08", budget_2021: "budget_2021", prognos_2021: "prognos_2021", avvikelse_helar: "avvikelse_helar" },
    });
    expect(checkSubtotals(lines, ["utfall_2020_08", "utfall_2021_08", "budget_2021", "prognos_2021", "avvikelse_helar"]).map(brief)).toEqual([
      "Socialt stöd|utfall_2021_08|20890|20889|rounding|F20",
    ]);
    expect(checkIdentity(lines, "avvikelse_helar", varianceRule("budget_2021", "prognos_2021"), "Budget - Prognos")).toEqual([]);
  });

  it("resultaträkning: Summa kostnader 2 tkr below and 1 tkr above its lines, the net 1 tkr: rounding", () => {
    const lines = linesOf({
      file: "004_resultatrakning.csv",
      label: (r) => r["rad"]!,
      role: (r) => (r["rad"]!.startsWith("Summa Netto") ? "total" : r["rad"]!.startsWith("Summa") ? "subtotal" : ["Kommunbidrag", "Resultat"].includes(r["rad"]!) ? "skip" : "line"),
      parent: (r) => (r["rad"] === "Intäkter" ? "Summa intäkter" : r["rad"]!.startsWith("Summa") ? undefined : "Summa kostnader"),
      columns: { utfall_2020_08: "utfall_2020_08", utfall_2021_08: "utfall_2021_08", budget_2021: "budget_2021", prognos_2021: "prognos_2021", avvikelse_helar: "avvikelse_helar" },
    });
    const f = checkSubtotals(lines, ["utfall_2020_08", "utfall_2021_08", "budget_2021", "prognos_2021", "avvikelse_helar"]);
    expect(f.map(brief)).toEqual([
      "Summa kostnader|utfall_2020_08|204736|204738|rounding|B8",
      "Summa kostnader|budget_2021|288582|288581|rounding|D8",
      "Summa kostnader|prognos_2021|307816|307815|rounding|E8",
      "Summa Nettokostnader|utfall_2020_08|146392|146391|rounding|B9",
    ]);
  });
});

describe("seed 002 as printed", () => {
  it("the enheter: SoV's Resultat per augusti -37 681 against -37 682 is rounding (G06-G20)", () => {
    const lines = linesOf({
      file: "002_enheter.csv",
      label: (r) => `${r["Verksamhetsområde"]} / ${r["Enhet"]}`,
      parent: (r) => (r["Radtyp"] === "enhet" ? `${r["Verksamhetsområde"]} / TOTAL` : undefined),
      role: (r) => (r["Radtyp"] === "total" ? "subtotal" : "line"),
      columns: {
        budget: "Helårsbudget (tkr)",
        apr: "Resultat per April (nettoutfall jan-apr, tkr)",
        papr: "Prognos per April (helårsavvikelse, tkr)",
        aug: "Resultat per Augusti (nettoutfall jan-aug, tkr)",
        paug: "Prognos per Augusti (helårsavvikelse, tkr)",
      },
    });
    expect(checkSubtotals(lines, ["budget", "apr", "papr", "aug", "paug"]).map(brief)).toEqual(["Stöd och vägledning / TOTAL|aug|-37681|-37682|rounding|G6"]);
  });

  it("the verksamhetsområden: the nämnd's Resultat per april -5 340 against -5 339 is rounding (G01-G05)", () => {
    const lines = linesOf({
      file: "002_verksamhetsomraden.csv",
      label: (r) => r["Verksamhetsområde"]!,
      role: (r) => (r["Radtyp"] === "total" ? "total" : "line"),
      columns: {
        budget: "Budget 2021 (tkr)",
        apr: "Resultat per April (avvikelse t.o.m. april, tkr)",
        papr: "Prognos per April (helårsavvikelse, tkr)",
        aug: "Resultat per Augusti (avvikelse t.o.m. augusti, tkr)",
        paug: "Prognos per Augusti (helårsavvikelse, tkr)",
      },
    });
    expect(checkSubtotals(lines, ["budget", "apr", "papr", "aug", "paug"]).map(brief)).toEqual(["TOTAL|apr|-5340|-5339|rounding|D7"]);
  });
});
