/**
 * The consistency checks run on the seeds' tables as printed (the golden CSVs): they must find the known
 * source faults (000's misplaced 2020 column in Bilaga 1) and the ±1 tkr rounding gaps, and pass the rest.
 * Cells are named as in the golden CSV (header in row 1).
 */
import { cellAddress } from "../../src/cells";
import { describe, expect, it } from "vitest";
import {
  checkCrossTotal,
  checkIdentity,
  checkSubtotals,
  type Finding,
  type TableLine,
} from "../../src/core/consistency";
import { readGolden, type CsvRow } from "../core/goldenCsv";
import { annexKey, COLUMNS_004, printedTkr, VARIANCE_004 } from "../core/seedTables";

interface CsvTable {
  readonly file: string;
  readonly label: (r: CsvRow) => string;
  readonly key?: (r: CsvRow) => string;
  readonly parent?: (r: CsvRow) => string | undefined;
  readonly role: (r: CsvRow) => TableLine["role"] | "skip";
  /** Column id -> CSV header. */
  readonly columns: Readonly<Record<string, string>>;
  /** Column id -> the header as the seed prints it, where the golden CSV's header adds notes; default the CSV header. */
  readonly printedHeaders?: Readonly<Record<string, string>>;
}

/** The column headers seed 000 prints above its resultaträkning and its Bilaga 1. */
const HEADERS_000 = {
  b2019: "Bokslut 2019",
  b2020: "Bokslut 2020",
  budget: "Budget 2021",
  utfall: "Utfall 2021",
  avvikelse: "Avvikelse",
};
/** Seed 004's headers ("Utfall 2021-08"); its golden CSV names the columns by id. */
const HEADERS_004 = Object.fromEntries([...COLUMNS_004, VARIANCE_004].map((c) => [c.id, c.header]));

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
    // The findings name a column by its printed header, as the user sees it, never by the id.
    lines.push({
      key: t.key?.(r) ?? t.label(r),
      label: t.label(r),
      parentKey: t.parent?.(r),
      role,
      values,
      cells,
      headers: { ...t.columns, ...t.printedHeaders },
    });
  });
  return lines;
}

const brief = (f: Finding): string =>
  `${f.label}|${f.column}|${f.printed}|${f.computed}|${f.severity}${f.cell ? `|${f.cell}` : ""}`;
const byKey = (lines: TableLine[], key: string): TableLine => lines.find((l) => l.key === key)!;
const varianceRule = (budget: string, outcome: string) => (v: TableLine["values"]) =>
  v[budget] === undefined || v[outcome] === undefined ? undefined : v[budget]! - v[outcome]!;

describe("seed 000 resultaträkning as printed", () => {
  const all = linesOf({
    file: "000_resultatrakning.csv",
    label: (r) => r["rad"]!,
    role: (r) =>
      r["typ"] === "summa intäkter" || r["typ"] === "summa kostnader"
        ? "subtotal"
        : r["typ"] === "netto"
          ? "total"
          : "line",
    parent: (r) =>
      r["typ"]!.startsWith("intäkt") ? "Summa intäkter" : r["typ"] === "kostnad" ? "Summa kostnader" : undefined,
    columns: {
      b2019: "Bokslut 2019",
      b2020: "Bokslut 2020",
      budget: "Budget 2021",
      utfall: "Utfall 2021",
      avvikelse: "Avvikelse (=Budget 2021 - Utfall 2021)",
    },
    printedHeaders: HEADERS_000,
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
    expect(f[0]!.message).toBe(
      "Summa Nettokostnader, Avvikelse (cell G9): tryckt 6 139, Budget - Utfall ger 6 138 (avrundning, 1 tkr).",
    );
  });

  it("resultat = kommunbidrag - nettokostnad (S15, S16)", () => {
    const grant = byKey(all, "Kommunbidrag").values;
    const net = byKey(all, "Summa Nettokostnader").values;
    const result = byKey(all, "Resultat");
    const f = checkIdentity([result], "utfall", () => grant["utfall"]! - net["utfall"]!, "Kommunbidrag - Nettokostnad");
    expect(f.map(brief)).toEqual(["Resultat|utfall|6139|6138|rounding|F11"]);
    for (const c of ["b2019", "b2020"])
      expect(checkIdentity([result], c, () => grant[c]! - net[c]!, "Kommunbidrag - Nettokostnad")).toEqual([]);
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
    role: (r) =>
      r["rad"] === "Summa verksamhet"
        ? "total"
        : ["Intäkter", "Kostnader", "Nettokostnad"].includes(r["rad"]!)
          ? "skip"
          : "line",
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
      expect(
        checkCrossTotal(
          { label: "Summa verksamhet", value: total.values[id]!, column: h },
          { label: "Nettokostnad", value: printedTkr(net[h])! },
        ),
      ).toBeUndefined();
      const incomeHeader = h.startsWith("Budget") ? "Budget 2021" : h;
      expect(
        checkCrossTotal(
          { label: "Summa verksamhet", value: total.values[id]!, column: h },
          { label: "Resultaträkningen", value: printedTkr(income[incomeHeader])! },
        ),
      ).toBeUndefined();
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
      role: (r) =>
        r["nivå"] === "totalsumma"
          ? "total"
          : ["Individ och familjeomsorg", "Vård och omsorg", "Socialt stöd"].includes(
                r["Enhet (som tryckt, med fotnotstecken)"]!,
              )
            ? "subtotal"
            : "line",
      columns: {
        b2019: "Bokslut 2019",
        b2020: column2020,
        budget: "Budget 2021",
        utfall: "Utfall 2021",
        avvikelse: "Avvikelse (tryckt; = Budget - Utfall)",
      },
      printedHeaders: HEADERS_000,
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
    expect(errors[0]!.column).toBe("b2020");
    expect(errors[0]!.columnHeader).toBe("Bokslut 2020");
    expect(errors[0]!.message).toBe(
      "Individ och familjeomsorg, Bokslut 2020 (cell E4): tryckt 42 817, summan av delarna 99 733 (fel, 56 916 tkr).",
    );
    expect(errors.map((f) => f.message).join(" ")).not.toMatch(/\bb2020\b/);
  });

  it("sees that the printed Totalsumma 277 388 is the sum of the misplaced area cells (S32) and disagrees with the organisational split 220 127 (S31)", () => {
    const total = byKey(printed, "Totalsumma");
    expect(checkSubtotals(printed, ["b2020"]).some((f) => f.key === "Totalsumma")).toBe(false);
    const cross = checkCrossTotal(
      {
        label: "Bilaga 1 Totalsumma",
        value: total.values["b2020"]!,
        column: "Bokslut 2020",
        cell: total.cells!["b2020"],
      },
      {
        label: "Organisatorisk fördelning, Summa verksamhet",
        value: byKey(organisationalSplit(), "Summa verksamhet").values["b2020"]!,
        column: "Bokslut 2020",
        cell: "C7",
      },
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
    expect(
      checkCrossTotal(
        { label: "Bilaga 1", value: total.values["b2020"]! },
        { label: "Organisatorisk fördelning", value: 220127 },
      ),
    ).toBeUndefined();
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
      columns: {
        utfall_2020_08: "utfall_2020_08",
        utfall_2021_08: "utfall_2021_08",
        budget_2021: "budget_2021",
        prognos_2021: "prognos_2021",
        avvikelse_helar: "avvikelse_helar",
      },
      printedHeaders: HEADERS_004,
    });
    expect(
      checkSubtotals(lines, ["utfall_2020_08", "utfall_2021_08", "budget_2021", "prognos_2021", "avvikelse_helar"]).map(
        brief,
      ),
    ).toEqual(["Socialt stöd|utfall_2021_08|20890|20889|rounding|F20"]);
    expect(checkSubtotals(lines, ["utfall_2021_08"])[0]!.message).toBe(
      "Socialt stöd, Utfall 2021-08 (cell F20): tryckt 20 890, summan av delarna 20 889 (avrundning, 1 tkr).",
    );
    expect(
      checkIdentity(lines, "avvikelse_helar", varianceRule("budget_2021", "prognos_2021"), "Budget - Prognos"),
    ).toEqual([]);
  });

  it("resultaträkning: Summa kostnader 2 tkr below and 1 tkr above its lines, the net 1 tkr: rounding", () => {
    const lines = linesOf({
      file: "004_resultatrakning.csv",
      label: (r) => r["rad"]!,
      role: (r) =>
        r["rad"]!.startsWith("Summa Netto")
          ? "total"
          : r["rad"]!.startsWith("Summa")
            ? "subtotal"
            : ["Kommunbidrag", "Resultat"].includes(r["rad"]!)
              ? "skip"
              : "line",
      parent: (r) =>
        r["rad"] === "Intäkter" ? "Summa intäkter" : r["rad"]!.startsWith("Summa") ? undefined : "Summa kostnader",
      columns: {
        utfall_2020_08: "utfall_2020_08",
        utfall_2021_08: "utfall_2021_08",
        budget_2021: "budget_2021",
        prognos_2021: "prognos_2021",
        avvikelse_helar: "avvikelse_helar",
      },
      printedHeaders: HEADERS_004,
    });
    const f = checkSubtotals(lines, [
      "utfall_2020_08",
      "utfall_2021_08",
      "budget_2021",
      "prognos_2021",
      "avvikelse_helar",
    ]);
    expect(f.map(brief)).toEqual([
      "Summa kostnader|utfall_2020_08|204736|204738|rounding|B8",
      "Summa kostnader|budget_2021|288582|288581|rounding|D8",
      "Summa kostnader|prognos_2021|307816|307815|rounding|E8",
      "Summa Nettokostnader|utfall_2020_08|146392|146391|rounding|B9",
    ]);
    expect(f.map((x) => x.message)).toEqual([
      "Summa kostnader, Utfall 2020-08 (cell B8): tryckt 204 736, summan av delarna 204 738 (avrundning, 2 tkr).",
      "Summa kostnader, Budget 2021 (cell D8): tryckt 288 582, summan av delarna 288 581 (avrundning, 1 tkr).",
      "Summa kostnader, Prognos 2021 (cell E8): tryckt 307 816, summan av delarna 307 815 (avrundning, 1 tkr).",
      "Summa Nettokostnader, Utfall 2020-08 (cell B9): tryckt 146 392, summan av delarna 146 391 (avrundning, 1 tkr).",
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
    const f = checkSubtotals(lines, ["budget", "apr", "papr", "aug", "paug"]);
    expect(f.map(brief)).toEqual(["Stöd och vägledning / TOTAL|aug|-37681|-37682|rounding|G6"]);
    expect(f[0]!.columnHeader).toBe("Resultat per Augusti (nettoutfall jan-aug, tkr)");
    expect(f[0]!.message).toMatch(
      /^Stöd och vägledning \/ TOTAL, Resultat per Augusti \(nettoutfall jan-aug, tkr\) \(cell G6\): tryckt -37 681/,
    );
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
    expect(checkSubtotals(lines, ["budget", "apr", "papr", "aug", "paug"]).map(brief)).toEqual([
      "TOTAL|apr|-5340|-5339|rounding|D7",
    ]);
  });
});

describe("the investment tables as printed (000 S37-S41, 002 G38-G40): no fault, no rounding gap", () => {
  it("seed 000: summa budget = urspr + tillägg, avvikelse = summa - utfall per row; S:a gm TN, S:a egna and the total in every column", () => {
    const lines = linesOf({
      file: "000_investeringar.csv",
      label: (r) => r["projekt (som tryckt)"]!,
      parent: (r) =>
        r["grupp"]!.startsWith("Investeringar genom TN")
          ? "S:a investeringar gm TN"
          : r["grupp"]!.startsWith("Egna")
            ? "S:a investeringar egna"
            : undefined,
      role: (r) =>
        r["grupp"] === "summa"
          ? "subtotal"
          : r["grupp"] === "total"
            ? "total"
            : r["projekt (som tryckt)"] === ""
              ? "skip"
              : "line",
      columns: {
        urspr: "Ursprungsbudget 2021",
        tillagg: "Tillägg/ ombudg 2021",
        summa: "Summa Budget 2021",
        utfall: "Utfall 2021",
        avvikelse: "Avvikelse 2021 (= Summa budget - Utfall; + = ej förbrukat, - = överskridet)",
        ombudg: "ombudgetering till 2022 begärd i SN §25 (tkr)",
      },
      printedHeaders: {
        urspr: "Ursprungsbudget 2021",
        tillagg: "Tillägg/ ombudg 2021",
        summa: "Summa Budget 2021",
        utfall: "Utfall 2021",
        avvikelse: "Avvikelse 2021",
        ombudg: "Ombudgetering till 2022",
      },
    });
    expect(lines.filter((l) => l.role === "line")).toHaveLength(9);
    expect(checkSubtotals(lines, ["urspr", "tillagg", "summa", "utfall", "avvikelse", "ombudg"])).toEqual([]);
    const zero = (x: number | undefined) => x ?? 0; // '-' is 0 in the sums (S53)
    expect(
      checkIdentity(lines, "summa", (v) => zero(v["urspr"]) + zero(v["tillagg"]), "Ursprungsbudget + Tillägg"),
    ).toEqual([]);
    expect(
      checkIdentity(
        lines,
        "avvikelse",
        (v) => (v["summa"] === undefined ? undefined : v["summa"] - zero(v["utfall"])),
        "Summa budget - Utfall",
      ),
    ).toEqual([]);
    expect(byKey(lines, "TOTALA INVESTERINGAR").values["ombudg"]).toBe(500 + 263 + 67);
    // A 1 tkr gap would be reported by its printed header.
    const off = lines.map((l) =>
      l.key === "S:a investeringar egna" ? { ...l, values: { ...l.values, avvikelse: 945 } } : l,
    );
    expect(checkSubtotals(off, ["avvikelse"]).map((f) => f.message)).toEqual([
      "S:a investeringar egna, Avvikelse 2021 (cell G14): tryckt 945, summan av delarna 944 (avrundning, 1 tkr).",
      "TOTALA INVESTERINGAR, Avvikelse 2021 (cell G15): tryckt 5 110, summan av delarna 5 111 (avrundning, 1 tkr).",
    ]);
  });

  it("seed 002: budget = framskrivet + ej framskrivet, kvarvarande = framskrivet + utfall per row; the sum line in every column", () => {
    const lines = linesOf({
      file: "002_investeringar.csv",
      label: (r) => r["Investering"]!,
      parent: (r) => (r["Radtyp"]!.startsWith("projekt") ? "Summa investeringar" : undefined),
      role: (r) => (r["Radtyp"] === "summa" ? "subtotal" : r["Radtyp"]!.startsWith("projekt") ? "line" : "skip"),
      columns: {
        budget: "Investeringsbudget 2021",
        fram: "Framskrivet 2021",
        ej: "2021 ej framskrivet",
        utfall: "Utfall per augusti",
        kvar: "Kvarvarande budget augusti framskrivet",
      },
      printedHeaders: {
        budget: "Investeringsbudget 2021",
        fram: "Framskrivet 2021",
        ej: "2021 ej framskrivet",
        utfall: "Utfall per augusti",
        kvar: "Kvarvarande budget augusti framskrivet",
      },
    });
    expect(lines.filter((l) => l.role === "line")).toHaveLength(13);
    expect(checkSubtotals(lines, ["budget", "fram", "ej", "utfall", "kvar"])).toEqual([]);
    const zero = (x: number | undefined) => x ?? 0;
    expect(
      checkIdentity(
        lines,
        "budget",
        (v) => (v["fram"] === undefined && v["ej"] === undefined ? undefined : zero(v["fram"]) + zero(v["ej"])),
        "Framskrivet + Ej framskrivet",
      ),
    ).toEqual([]);
    expect(
      checkIdentity(
        lines,
        "kvar",
        (v) => (v["fram"] === undefined && v["utfall"] === undefined ? undefined : zero(v["fram"]) + zero(v["utfall"])),
        "Framskrivet + Utfall",
      ),
    ).toEqual([]);
    expect(byKey(lines, "Summa investeringar").values).toEqual({
      budget: 3940,
      fram: 500,
      ej: 3440,
      utfall: -426,
      kvar: 74,
    });
  });
});

describe("findings name columns as the tables' headers do", () => {
  it("no message of the seed checks names a column by its id", () => {
    const lines = linesOf({
      file: "000_ansvarsniva_bilaga1.csv",
      label: (r) => r["Enhet (som tryckt, med fotnotstecken)"]!,
      key: (r) => annexKey(r["Enhet (som tryckt, med fotnotstecken)"]!),
      parent: (r) => (r["förälder"] ? annexKey(r["förälder"]) : undefined),
      role: (r) =>
        r["nivå"] === "totalsumma"
          ? "total"
          : ["Individ och familjeomsorg", "Vård och omsorg", "Socialt stöd"].includes(
                r["Enhet (som tryckt, med fotnotstecken)"]!,
              )
            ? "subtotal"
            : "line",
      columns: {
        b2019: "Bokslut 2019",
        b2020: "Bokslut 2020 SOM TRYCKT (felplacerad kolumn i källan)",
        budget: "Budget 2021",
        utfall: "Utfall 2021",
        avvikelse: "Avvikelse (tryckt; = Budget - Utfall)",
      },
      printedHeaders: HEADERS_000,
    });
    const findings = [
      ...checkSubtotals(lines, Object.keys(HEADERS_000)),
      ...checkIdentity(lines, "avvikelse", varianceRule("budget", "utfall"), "Budget - Utfall"),
    ];
    expect(findings.length).toBeGreaterThan(10);
    for (const f of findings) {
      expect(f.message).toContain(`, ${HEADERS_000[f.column as keyof typeof HEADERS_000]} (cell `);
      expect(f.message).not.toMatch(/\b(b2019|b2020|budget|utfall|avvikelse)\b/);
    }
  });
});
