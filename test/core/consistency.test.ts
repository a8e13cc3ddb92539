import { cellAddress } from "../../src/cells";
import { describe, expect, it } from "vitest";
import {
  checkCrossTotal,
  checkIdentity,
  checkSubtotals,
  roundingTolerance,
  type TableLine,
} from "../../src/core/consistency";
import { num, readGolden, type CsvRow } from "./goldenCsv";

/** A printed table as TableLines: header on sheet row `headerRow` (0-based), label in column A, values from B. */
function table(
  rows: readonly CsvRow[],
  columns: ReadonlyArray<readonly [name: string, csvColumn: string]>,
  line: (r: CsvRow) => Pick<TableLine, "key" | "label" | "parentKey" | "role">,
  headerRow = 1,
): TableLine[] {
  return rows.map((r, i) => ({
    ...line(r),
    values: Object.fromEntries(columns.map(([name, csv]) => [name, num(r[csv])])),
    cells: Object.fromEntries(columns.map(([name], c) => [name, cellAddress(headerRow + 1 + i, c + 1)])),
  }));
}

const summary = (fs: ReturnType<typeof checkSubtotals>) =>
  fs.map((f) => `${f.key} ${f.column}: ${f.printed} vs ${f.computed} ${f.severity}`);

describe("roundingTolerance", () => {
  it("is (n + 1) / 2 printed units for n parts", () => {
    expect(roundingTolerance(1)).toBe(1);
    expect(roundingTolerance(4)).toBe(2.5);
  });
});

describe("Herrljunga 2021, prognosis per ansvar as printed (seed 004)", () => {
  const COLUMNS = [
    ["Utfall 2020-08", "utfall_2020_08"],
    ["Utfall 2021-08", "utfall_2021_08"],
    ["Budget 2021", "budget_2021"],
    ["Prognos 2021", "prognos_2021"],
    ["Avvikelse helår", "avvikelse_helar"],
  ] as const;
  const lines = table(readGolden("004_prognos_per_ansvar.csv"), COLUMNS, (r) => ({
    key: r.ansvar!,
    label: r.benamning!,
    parentKey: r.overordnad || undefined,
    role: r.niva === "total" ? "total" : r.niva === "verksamhet" ? "subtotal" : "line",
  }));

  it("finds the one gap, Socialt stöd's Utfall 2021-08, as rounding, and names the cell", () => {
    const findings = checkSubtotals(
      lines,
      COLUMNS.map(([c]) => c),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      key: "46",
      column: "Utfall 2021-08",
      printed: 20890,
      computed: 20889,
      difference: 1,
      severity: "rounding",
      cell: "C21",
    });
    expect(findings[0]!.message).toBe(
      "Socialt stöd, Utfall 2021-08 (cell C21): tryckt 20 890, summan av delarna 20 889 (avrundning, 1 tkr).",
    );
  });
  it("passes Avvikelse helår = Budget - Prognos on every row", () => {
    expect(
      checkIdentity(
        lines,
        "Avvikelse helår",
        (v) => (v["Budget 2021"] ?? 0) - (v["Prognos 2021"] ?? 0),
        "Budget - Prognos",
      ),
    ).toEqual([]);
  });
  it("sums the total over the verksamheter, not the leaves (000 S29): the leaves would give 136 434", () => {
    const leaves = lines.filter((l) => l.role === "line").reduce((a, l) => a + l.values["Utfall 2021-08"]!, 0);
    expect(leaves).toBe(136434);
    const total = lines.find((l) => l.role === "total")!;
    expect(checkSubtotals(lines, ["Utfall 2021-08"]).some((f) => f.key === total.key)).toBe(false);
  });
});

describe("Herrljunga 2021, resultaträkning as printed (seed 004)", () => {
  const COLUMNS = [
    ["Utfall 2020-08", "utfall_2020_08"],
    ["Utfall 2021-08", "utfall_2021_08"],
    ["Budget 2021", "budget_2021"],
    ["Prognos 2021", "prognos_2021"],
  ] as const;
  const rows = readGolden("004_resultatrakning.csv");
  const parents: Record<string, string> = {
    Intäkter: "Summa intäkter",
    Personalkostnader: "Summa kostnader",
    "Lokalkostnader, energi, VA": "Summa kostnader",
    "Övriga kostnader": "Summa kostnader",
    Kapitalkostnad: "Summa kostnader",
  };
  const lines = table(rows, COLUMNS, (r) => ({
    key: r.rad!,
    label: r.rad!,
    parentKey: parents[r.rad!],
    role: r.rad === "Summa Nettokostnader" ? "total" : r.rad!.startsWith("Summa") ? "subtotal" : "line",
  }));

  it("reports the README's rounding gaps: Summa kostnader -2 / +1 / +1 and the net 146 392 against 146 391", () => {
    const inTable = lines.filter((l) => l.key !== "Kommunbidrag" && l.key !== "Resultat");
    expect(
      summary(
        checkSubtotals(
          inTable,
          COLUMNS.map(([c]) => c),
        ),
      ),
    ).toEqual([
      "Summa kostnader Utfall 2020-08: 204736 vs 204738 rounding",
      "Summa kostnader Budget 2021: 288582 vs 288581 rounding",
      "Summa kostnader Prognos 2021: 307816 vs 307815 rounding",
      "Summa Nettokostnader Utfall 2020-08: 146392 vs 146391 rounding",
    ]);
  });
  it("passes Resultat = Kommunbidrag - Nettokostnader (4 793 to date), skipping the blank budget cell", () => {
    const byKey = new Map(lines.map((l) => [l.key, l.values]));
    const net = byKey.get("Summa Nettokostnader")!;
    const resultat = lines.filter((l) => l.key === "Resultat");
    for (const [column] of COLUMNS) {
      expect(
        checkIdentity(
          resultat,
          column,
          () => (byKey.get("Kommunbidrag")![column] ?? 0) - (net[column] ?? 0),
          "Kommunbidrag - Nettokostnader",
        ),
      ).toEqual([]);
    }
    expect(byKey.get("Kommunbidrag")!["Utfall 2021-08"]! - net["Utfall 2021-08"]!).toBe(4793);
    expect(resultat[0]!.values["Budget 2021"]).toBeUndefined();
  });
});

describe("Gnesta 2021 as printed (seed 002)", () => {
  const AREA_COLUMNS = [
    ["Budget 2021", "Budget 2021 (tkr)"],
    ["Resultat april", "Resultat per April (avvikelse t.o.m. april, tkr)"],
    ["Prognos april", "Prognos per April (helårsavvikelse, tkr)"],
    ["Resultat augusti", "Resultat per Augusti (avvikelse t.o.m. augusti, tkr)"],
    ["Prognos augusti", "Prognos per Augusti (helårsavvikelse, tkr)"],
  ] as const;
  const UNIT_COLUMNS = [
    ["Helårsbudget", "Helårsbudget (tkr)"],
    ["Resultat april", "Resultat per April (nettoutfall jan-apr, tkr)"],
    ["Prognos april", "Prognos per April (helårsavvikelse, tkr)"],
    ["Resultat augusti", "Resultat per Augusti (nettoutfall jan-aug, tkr)"],
    ["Prognos augusti", "Prognos per Augusti (helårsavvikelse, tkr)"],
  ] as const;
  const areas = table(readGolden("002_verksamhetsomraden.csv"), AREA_COLUMNS, (r) => ({
    key: r["Verksamhetsområde"]!,
    label: r["Verksamhetsområde"]!,
    role: r.Radtyp === "total" ? "total" : "line",
  }));
  // Unit names repeat under different areas (Stab, LSS, SoL FN, SoL ÄO): key on the path.
  const units = table(readGolden("002_enheter.csv"), UNIT_COLUMNS, (r) => {
    const area = r["Verksamhetsområde"]!;
    return r.Radtyp === "total"
      ? { key: area, label: `${area} TOTAL`, role: "subtotal" }
      : { key: `${area} / ${r.Enhet}`, label: `${area} / ${r.Enhet}`, parentKey: area, role: "line" };
  });

  it("finds G02: the nämnd's Resultat per april sums to -5 339, printed -5 340 (rounding)", () => {
    const findings = checkSubtotals(
      areas,
      AREA_COLUMNS.map(([c]) => c),
    );
    expect(summary(findings)).toEqual(["TOTAL Resultat april: -5340 vs -5339 rounding"]);
    expect(findings[0]!.message).toBe(
      "TOTAL, Resultat april (cell C8): tryckt -5 340, summan av delarna -5 339 (avrundning, 1 tkr).",
    );
  });
  it("finds G09: SoV's nettoutfall per augusti sums to -37 682, printed -37 681; G06-G20 hold otherwise", () => {
    const findings = checkSubtotals(
      units,
      UNIT_COLUMNS.map(([c]) => c),
    );
    expect(summary(findings)).toEqual(["Stöd och vägledning Resultat augusti: -37681 vs -37682 rounding"]);
    expect(findings[0]!.difference).toBe(1);
  });
  it("G21: the unit table's TOTAL Prognos agrees with the overview, April and August", () => {
    const pairs: Array<[string, string]> = [
      ["Stöd och vägledning", "Stöd och vägledning"],
      ["Äldre, Funktionsstöd, Socialpsykiatri och Hälso- och sjukvård", "Äldre, funktionsstöd, hälso- och sjukvård"],
      ["Administration och bistånd", "Administration och bistånd"],
    ];
    for (const [unitArea, area] of pairs) {
      for (const column of ["Prognos april", "Prognos augusti"]) {
        const a = units.find((l) => l.key === unitArea)!;
        const b = areas.find((l) => l.key === area)!;
        expect(
          checkCrossTotal(
            { label: a.label, value: a.values[column]!, column },
            { label: b.label, value: b.values[column]!, column },
          ),
        ).toBeUndefined();
      }
    }
  });
});

describe("Herrljunga 2021 bokslut, annex bilaga 1 (seed 000)", () => {
  const COLUMNS = [
    ["Bokslut 2019", "Bokslut 2019"],
    ["Bokslut 2020 som tryckt", "Bokslut 2020 SOM TRYCKT (felplacerad kolumn i källan)"],
    ["Bokslut 2020 rekonstruerad", "Bokslut 2020 rekonstruerad (härledd, se kommentar)"],
    ["Budget 2021", "Budget 2021"],
    ["Utfall 2021", "Utfall 2021"],
    ["Avvikelse", "Avvikelse (tryckt; = Budget - Utfall)"],
  ] as const;
  const label = "Enhet (som tryckt, med fotnotstecken)";
  const lines = table(readGolden("000_ansvarsniva_bilaga1.csv"), COLUMNS, (r) => ({
    key: r[label]!,
    label: r[label]!,
    parentKey: r["förälder"] || undefined,
    role: r["nivå"] === "totalsumma" ? "total" : r["nivå"] === "verksamhetsområde" ? "subtotal" : "line",
  }));
  const findings = (column: string) => summary(checkSubtotals(lines, [column]));

  it("S30: the 2020 column as printed has subtotals that are errors, not rounding", () => {
    const all = checkSubtotals(lines, ["Bokslut 2020 som tryckt"]);
    expect(summary(all)).toEqual([
      "Individ och familjeomsorg Bokslut 2020 som tryckt: 42817 vs 99733 error",
      "Vård och omsorg Bokslut 2020 som tryckt: 2358 vs 209816 error",
      "Socialt stöd Bokslut 2020 som tryckt: 220127 vs 60818 error",
    ]);
    expect(all[0]!.message).toBe(
      "Individ och familjeomsorg, Bokslut 2020 som tryckt (cell C5): tryckt 42 817, summan av delarna 99 733 (fel, 56 916 tkr).",
    );
  });
  it("S31/S32: the printed Totalsumma 277 388 is the sum of the misplaced level-0 cells, and disagrees with the organisational split", () => {
    const total = lines.find((l) => l.role === "total")!;
    expect(total.values["Bokslut 2020 som tryckt"]).toBe(277388);
    const org = readGolden("000_organisatorisk_fordelning.csv").find((r) => r.rad === "Summa verksamhet")!;
    const f = checkCrossTotal(
      {
        label: "Bilaga 1 Totalsumma",
        value: 277388,
        cell: total.cells!["Bokslut 2020 som tryckt"],
        column: "Bokslut 2020",
      },
      {
        label: "Organisatorisk fördelning, Summa verksamhet",
        value: num(org["Bokslut 2020"])!,
        column: "Bokslut 2020",
      },
      5,
    );
    expect(f).toMatchObject({ printed: 277388, computed: 220127, difference: 57261, severity: "error", cell: "C24" });
    expect(f!.message).toBe(
      "Bilaga 1 Totalsumma, Bokslut 2020 (cell C24): tryckt 277 388, men Organisatorisk fördelning, Summa verksamhet, Bokslut 2020 är 220 127 (fel, 57 261 tkr).",
    );
  });
  it("passes the reconstructed 2020 column apart from VoO's +1 (S33)", () => {
    expect(findings("Bokslut 2020 rekonstruerad")).toEqual([
      "Vård och omsorg Bokslut 2020 rekonstruerad: 126316 vs 126317 rounding",
    ]);
  });
  it("passes Bokslut 2019 apart from Socialt stöd's -1 (S28)", () => {
    expect(findings("Bokslut 2019")).toEqual(["Socialt stöd Bokslut 2019: 29389 vs 29390 rounding"]);
  });
  it("passes Budget and Utfall 2021 apart from the rounding gaps S24, S25, S27", () => {
    expect(findings("Budget 2021")).toEqual(["Vård och omsorg Budget 2021: 128061 vs 128062 rounding"]);
    expect(findings("Utfall 2021")).toEqual([
      "Individ och familjeomsorg Utfall 2021: 45457 vs 45458 rounding",
      "Socialt stöd Utfall 2021: 32608 vs 32609 rounding",
    ]);
    expect(findings("Avvikelse")).toEqual(["Individ och familjeomsorg Avvikelse: -1059 vs -1060 rounding"]);
  });
  it("finds the ±1 gaps of Avvikelse = Budget - Utfall (S21, S22) and nothing else", () => {
    const f = checkIdentity(
      lines,
      "Avvikelse",
      (v) =>
        v["Budget 2021"] === undefined || v["Utfall 2021"] === undefined
          ? undefined
          : v["Budget 2021"] - v["Utfall 2021"],
      "Budget - Utfall",
    );
    expect(summary(f)).toEqual([
      "Vård och omsorg Avvikelse: 7990 vs 7989 rounding",
      "Hemtjänst Hja tätort Avvikelse: 936 vs 935 rounding",
      "Korttidsenhet och bemanning Avvikelse: 742 vs 743 rounding",
      "Funktionshinder Avvikelse: -2076 vs -2077 rounding",
      "Totalsumma Avvikelse: 6139 vs 6138 rounding",
    ]);
    expect(f[0]!.message).toBe(
      "Vård och omsorg, Avvikelse (cell G9): tryckt 7 990, Budget - Utfall ger 7 989 (avrundning, 1 tkr).",
    );
  });
  it("the annex total agrees with the organisational split on the other columns", () => {
    const total = lines.find((l) => l.role === "total")!;
    const org = readGolden("000_organisatorisk_fordelning.csv").find((r) => r.rad === "Summa verksamhet")!;
    for (const [mine, theirs] of [
      ["Bokslut 2019", "Bokslut 2019"],
      ["Bokslut 2020 rekonstruerad", "Bokslut 2020"],
      ["Utfall 2021", "Utfall 2021"],
    ] as const) {
      expect(
        checkCrossTotal(
          { label: "Totalsumma", value: total.values[mine]! },
          { label: "Summa verksamhet", value: num(org[theirs])! },
          5,
        ),
      ).toBeUndefined();
    }
  });
});

describe("checks on small hand-made tables", () => {
  const lines: TableLine[] = [
    { key: "A", label: "A", role: "subtotal", values: { x: 10, y: undefined } },
    { key: "A1", label: "A1", parentKey: "A", role: "line", values: { x: 4, y: 1 } },
    { key: "A2", label: "A2", parentKey: "A", role: "line", values: { x: undefined, y: 2 } },
    { key: "B", label: "B", role: "line", values: { x: 0.1 + 0.2, y: 5 } },
    { key: "T", label: "Summa", role: "total", values: { x: 10.3, y: 5 } },
  ];
  it("skips missing values instead of taking them as zero, and ignores binary noise", () => {
    expect(summary(checkSubtotals(lines, ["x", "y"]))).toEqual(["A x: 10 vs 4 error"]);
  });
  it("names no cell when none is given, and uses the given unit", () => {
    const [f] = checkSubtotals(lines, ["x"], { unit: "kr" });
    expect(f!.message).toBe("A, x: tryckt 10, summan av delarna 4 (fel, 6 kr).");
  });
  it("names the column by the header the line carries, keeps the id for code (ids only where no header is given)", () => {
    const headers = { x: "Bokslut 2020", y: "Budget 2021" };
    const withHeaders = lines.map((l) => ({ ...l, headers, cells: { x: `C${l.key.length}` } }));
    const [f] = checkSubtotals(withHeaders, ["x"]);
    expect([f!.column, f!.columnHeader]).toEqual(["x", "Bokslut 2020"]);
    expect(f!.message).toBe("A, Bokslut 2020 (cell C1): tryckt 10, summan av delarna 4 (fel, 6 tkr).");
    const [g] = checkIdentity(withHeaders, "y", () => 0, "Noll");
    expect(g!.message).toBe("A1, Budget 2021: tryckt 1, Noll ger 0 (avrundning, 1 tkr).");
    expect(checkSubtotals(lines, ["x"])[0]!.columnHeader).toBe("x");
    expect(
      checkCrossTotal({ label: "a", value: 1, column: "Utfall 2021" }, { label: "b", value: 2 })!.columnHeader,
    ).toBe("Utfall 2021");
  });
  it("a cross total without a parts count is an error at any difference", () => {
    expect(checkCrossTotal({ label: "a", value: 1 }, { label: "b", value: 2 })?.severity).toBe("error");
    expect(checkCrossTotal({ label: "a", value: 1 }, { label: "b", value: 2 }, 1)?.severity).toBe("rounding");
  });
});
