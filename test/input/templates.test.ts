import { describe, expect, it } from "vitest";
import type { VolumeLine } from "../../src/core/volume";
import { consolidateTemplates, mergeMeasures, mergeVolumeLines } from "../../src/input/templates";
import { VOLUME_TEMPLATE_HEADERS } from "../../src/report/templates";
import { addRows, excelReader, messages, settings } from "./helpers";

const HEADER = [
  "Ansvar",
  "Benämning",
  "Budget helår (tkr)",
  "Utfall t.o.m. period (tkr)",
  "Prognos helår (tkr)",
  "Kommentar",
];
const NAMES: Record<string, string> = {
  "441": "Hemtjänst Herrljunga Landsbygd",
  "442": "Hemtjänst Herrljunga tätort",
  "443": "Hemtjänst Ljung",
  "444": "Korttidsenhet och bemanning",
  "445": "Hagen säbo",
};

/** A returned forecast template as a unit manager fills it: title, instruction row, header, their rows. */
function template(rows: unknown[][]) {
  return excelReader((wb) => {
    addRows(wb, "Prognos", [
      ["Prognos per ansvar, augusti 2021"],
      ["Fyll i Prognos helår (tkr) och en kommentar för varje ansvar. Ändra inte de grå cellerna."],
      HEADER,
      ...rows,
    ]);
  });
}

describe("consolidateTemplates", () => {
  it("reads back filled templates with bad cells, and consolidates three files with one ansvar missing and one conflict", async () => {
    const files = [
      {
        file: "441 Landsbygd.xlsx",
        reader: await template([[441, NAMES["441"], 2003, 577, 1803, "Lägre bemanning kvällstid"]]),
      },
      {
        file: "442-443.xlsx",
        reader: await template([
          [442, NAMES["442"], 5362, 2638, "4 862", "Vakanser"],
          [443, NAMES["443"], 2165, 1033, "abc", null],
          ["Summa", null, 7527, 3671, 4862, null],
        ]),
      },
      {
        file: "444.xlsx",
        reader: await template([
          [444, NAMES["444"], 11994, 7376, 11494, null],
          [441, NAMES["441"], 2003, 577, 1900, "Fel fil"],
        ]),
      },
    ];
    const out = await consolidateTemplates(files, { costCentres: Object.keys(NAMES), names: NAMES }, settings());
    expect(messages(out.errors)).toEqual([
      'Fil "442-443.xlsx", blad "Prognos", cell E5: "abc" är inte ett belopp: förväntade ett belopp i tkr, t.ex. 1 234 eller -1 102.',
      'Fil "444.xlsx", blad "Prognos", cell A5: Ansvar 441 finns också i filen "441 Landsbygd.xlsx" (blad "Prognos", cell A4): ingen av dem tas med; ta bort raden från alla filer utom en.',
    ]);
    expect(messages(out.warnings)).toEqual([
      'Fil "442-443.xlsx", blad "Prognos", cell A6: raden 6 är en summarad ("Summa") och räknas inte; dess belopp 4 862 tkr stämmer med summan av raderna ovanför.',
    ]);
    expect(out.forecasts).toEqual([
      { costCentre: "442", forecast: 4_862_000, comment: "Vakanser" },
      { costCentre: "444", forecast: 11_494_000 },
    ]);
    expect(out.conflicts).toEqual([{ key: "441", files: ["441 Landsbygd.xlsx", "444.xlsx"] }]);
    expect(out.missing).toEqual(["445"]);
    expect(out.missingText).toBe("saknas: 445 Hagen säbo");
    expect(out.files.map((f) => [f.file, f.costCentres, f.rows])).toEqual([
      ["441 Landsbygd.xlsx", ["441"], { read: 1, used: 1, rejected: 0, blank: 0 }],
      ["442-443.xlsx", ["442"], { read: 3, used: 1, rejected: 2, blank: 0 }],
      ["444.xlsx", ["444", "441"], { read: 2, used: 2, rejected: 0, blank: 0 }],
    ]);
    // Nothing lost: rows read = consolidated + rejected, and the same for the forecast amounts.
    expect(out.rows).toEqual({ read: 6, used: 2, rejected: 4, blank: 0 });
    expect(out.totals).toEqual({ read: 20_059_000, consolidated: 16_356_000, rejected: 3_703_000, setAside: 0 });
    expect(out.totals.read).toBe(out.totals.consolidated + out.totals.rejected);
  });

  it("counts an identical copy of a forecast once, and sets the other copy aside", async () => {
    const row = [442, NAMES["442"], 5362, 2638, 4862, "Vakanser"];
    const files = [
      { file: "442.xlsx", reader: await template([row, [443, NAMES["443"], 2165, 1033, 2300, null]]) },
      { file: "442 igen.xlsx", reader: await template([row]) },
    ];
    const out = await consolidateTemplates(files, { costCentres: Object.keys(NAMES), names: NAMES }, settings());
    expect(messages(out.errors)).toEqual([]);
    expect(out.forecasts.map((f) => [f.costCentre, f.forecast])).toEqual([
      ["442", 4_862_000],
      ["443", 2_300_000],
    ]);
    // Read = consolidated + rejected + set aside, by amount and by count (the ansvar taken).
    expect(out.totals).toEqual({ read: 12_024_000, consolidated: 7_162_000, rejected: 0, setAside: 4_862_000 });
    expect(out.forecastCount).toEqual({ read: 3, consolidated: 2, rejected: 0, setAside: 1 });
  });

  it("lists an ansvar on a returned template as not returned until its Prognos helår is filled in somewhere", async () => {
    // The task pane's template lists every ansvar: the first unit fills in 442, a copy moved in gives 443.
    const blankRow = (code: string) => [Number(code), NAMES[code], 1000, 500, null, null];
    const files = [
      {
        file: "Prognos",
        unit: "sheet" as const,
        reader: await template([
          blankRow("441"),
          [442, NAMES["442"], 5362, 2638, 4862, "Vakanser"],
          blankRow("443"),
          blankRow("444"),
          blankRow("445"),
        ]),
      },
      {
        file: "Prognos (2)",
        unit: "sheet" as const,
        reader: await template([[443, NAMES["443"], 2165, 1033, 2300, "Fler brukare."]]),
      },
    ];
    const out = await consolidateTemplates(files, { costCentres: Object.keys(NAMES), names: NAMES }, settings());
    expect(messages(out.errors)).toEqual([]);
    expect(out.forecasts.map((f) => [f.costCentre, f.forecast])).toEqual([
      ["442", 4_862_000],
      ["443", 2_300_000],
    ]);
    expect(out.missing).toEqual(["441", "444", "445"]);
    expect(out.missingText).toBe(
      "saknas: 441 Hemtjänst Herrljunga Landsbygd, 444 Korttidsenhet och bemanning, 445 Hagen säbo",
    );
    // The blank rows are neither consolidated nor rejected: 6 rows read = 2 consolidated + 0 rejected + 4 blank.
    expect(out.rows).toEqual({ read: 6, used: 2, rejected: 0, blank: 4 });
    expect(out.files.map((f) => f.rows)).toEqual([
      { read: 5, used: 1, rejected: 0, blank: 4 },
      { read: 1, used: 1, rejected: 0, blank: 0 },
    ]);
  });

  it("consolidates returned volume and åtgärd templates too, and refuses a file without a template", async () => {
    const volumes = await excelReader((wb) => {
      addRows(wb, "Volymer", [
        ["Volymer augusti 2021"],
        ["Fyll i utfall volym och kostnad."],
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
        ["Hemtjänst", "Timmar", "tim", 60000, 450, 0, 41000, 18860, null, null],
      ]);
    });
    const measures = await excelReader((wb) => {
      addRows(wb, "Åtgärder", [
        ["Åtgärdsplan 2021"],
        ["Fyll i status och effekt."],
        [
          "Nr",
          "Ägare",
          "Åtgärd",
          "Ansvarig",
          "Status",
          "Planerad effekt helår (tkr)",
          "Realiserad effekt hittills (tkr)",
          "Prognos effekt helår (tkr)",
          "Ingår i prognos",
          "Risk",
          "Konsekvens",
          "Kommentar",
        ],
        ["SOV-1", "SOV", "Hemmaplanslösningar", null, "Påbörjad", 2000, 500, 1500, "Nej", "Medel", null, null],
      ]);
    });
    const other = await excelReader((wb) => void addRows(wb, "Blad1", [["Hej"]]));
    const out = await consolidateTemplates(
      [
        { file: "volymer.xlsx", reader: volumes },
        { file: "atgarder.xlsx", reader: measures },
        { file: "annat.xlsx", reader: other },
      ],
      { costCentres: [] },
      settings(),
    );
    expect(messages(out.errors)).toEqual([
      'Fil "annat.xlsx", blad "Blad1": filen har inget ifyllt underlag: förväntade bladet Prognos, Volymer eller Åtgärder med sin rubrikrad.',
    ]);
    expect(out.volumes.map((v) => [v.key, v.actualCost])).toEqual([["Hemtjänst / Timmar", 18_860_000]]);
    expect(out.measures.map((m) => [m.id, m.status, m.plannedEffect])).toEqual([["SOV-1", "started", 2_000_000]]);
    expect(out.missingText).toBeUndefined();
    expect(out.rows).toEqual({ read: 2, used: 2, rejected: 0, blank: 0 });
  });

  it("names sheets, not files, when the returned templates are sheets of the workbook (the task pane)", async () => {
    const measureSheet = (name: string, owner: string) =>
      excelReader((wb) => {
        addRows(wb, name, [
          ["Åtgärdsplan 2021"],
          ["Fyll i status och effekt."],
          ["Nr", "Ägare", "Åtgärd", "Status", "Planerad effekt helår (tkr)"],
          ["SOV-2", owner, "Egen regi i stället för köpt plats", "Påbörjad", 800],
          ["SOV-1", owner, "Hemmaplanslösningar", "Påbörjad", 2000],
        ]);
      });
    const sheets = [
      { file: "Åtgärder", unit: "sheet" as const, reader: await measureSheet("Åtgärder", "SOV") },
      { file: "Åtgärder (2)", unit: "sheet" as const, reader: await measureSheet("Åtgärder (2)", "IFO") },
      { file: "Åtgärder (3)", unit: "sheet" as const, reader: await measureSheet("Åtgärder (3)", "ÄO") },
      {
        file: "Blad1",
        unit: "sheet" as const,
        reader: await excelReader((wb) => void addRows(wb, "Blad1", [["Hej"]])),
      },
    ];
    const out = await consolidateTemplates(sheets, { costCentres: [] }, settings());
    expect(messages(out.errors)).toEqual([
      'Fil "Blad1", blad "Blad1": bladet har inget ifyllt underlag: förväntade en mall (Prognos, Volymer eller Åtgärder) med sin rubrikrad.',
      'Fil "Åtgärder (2)", blad "Åtgärder (2)", cell A4: Åtgärd nr SOV-2 finns också på bladen "Åtgärder" (cell A4) och "Åtgärder (3)" (cell A4): ingen av dem tas med; ta bort raden från alla blad utom ett.',
      'Fil "Åtgärder (2)", blad "Åtgärder (2)", cell A5: Åtgärd nr SOV-1 finns också på bladen "Åtgärder" (cell A5) och "Åtgärder (3)" (cell A5): ingen av dem tas med; ta bort raden från alla blad utom ett.',
    ]);
    expect(out.conflicts).toEqual([
      { key: "SOV-2", files: ["Åtgärder", "Åtgärder (2)", "Åtgärder (3)"] },
      { key: "SOV-1", files: ["Åtgärder", "Åtgärder (2)", "Åtgärder (3)"] },
    ]);
    expect(out.measures).toEqual([]);
    // Nothing lost: the six rows read are all rejected, and so are their planned effects (3 x 2 800 tkr).
    expect(out.rows).toEqual({ read: 6, used: 0, rejected: 6, blank: 0 });
    expect(out.measureTotals.plannedEffect).toEqual({
      read: 8_400_000,
      consolidated: 0,
      rejected: 8_400_000,
      setAside: 0,
    });
  });
});

describe("copies of the volume template, one per unit, each filling in its own lines", () => {
  // The workbook's lines; every unit gets the whole template: Utfall volym empty, the cost pre-filled in whole tkr
  // (4 088 321 kr as 4 088, 0 as 0), Kommentar empty.
  const lines: VolumeLine[] = [
    {
      key: "Myndighet och bistånd / Hemtjänst",
      area: "Myndighet och bistånd",
      name: "Hemtjänst",
      unit: "timmar",
      budgetVolume: 66_000,
      unitPrice: 430,
      fixedBudget: 0,
      actualVolume: 40_000,
      actualCost: 4_088_321,
      role: "own",
    },
    {
      key: "Vård och omsorg / Hemtjänst",
      area: "Vård och omsorg",
      name: "Hemtjänst",
      unit: "timmar",
      budgetVolume: 66_000,
      unitPrice: 430,
      fixedBudget: 0,
      actualVolume: 42_000,
      actualCost: 0,
      role: "own",
    },
  ];
  const sentFrom = { volumes: lines };
  /** A unit's copy: rows 4 and 5 as sent, with its own Utfall volym (G), Kostnad (H) and Kommentar (I). */
  type Filled = { volume?: number; cost?: number; comment?: string };
  function copy(line1: Filled, line2: Filled = {}) {
    const row = (l: VolumeLine, f: Filled, sentCost: number) => [
      l.area,
      l.name,
      l.unit,
      l.budgetVolume,
      l.unitPrice,
      0,
      f.volume ?? null,
      f.cost ?? sentCost,
      f.comment ?? null,
    ];
    return excelReader((wb) => {
      addRows(wb, "Volymer", [
        ["Volymer 2021 t.o.m. augusti"],
        ["Fyll i Utfall volym."],
        [...VOLUME_TEMPLATE_HEADERS],
        row(lines[0]!, line1, 4088),
        row(lines[1]!, line2, 0),
      ]);
    });
  }
  const consolidate = async (
    a: Promise<Awaited<ReturnType<typeof copy>>>,
    b: Promise<Awaited<ReturnType<typeof copy>>>,
  ) =>
    consolidateTemplates(
      [
        { file: "a.xlsx", reader: await a },
        { file: "b.xlsx", reader: await b },
      ],
      { costCentres: [], sentFrom },
      settings(),
    );

  it("sets aside the lines a unit left as sent (Utfall volym empty) instead of refusing them", async () => {
    // a.xlsx fills in G4 only, b.xlsx G5 only: each copy's other line is as sent, no error.
    const out = await consolidate(copy({ volume: 41_000 }), copy({}, { volume: 43_500 }));
    expect(messages(out.errors)).toEqual([]);
    expect(out.volumes.map((l) => [l.key, l.actualVolume, l.actualCost])).toEqual([
      ["Myndighet och bistånd / Hemtjänst", 41_000, 4_088_321],
      ["Vård och omsorg / Hemtjänst", 43_500, 0],
    ]);
    // Each copy: 2 rows read = 1 consolidated + 0 rejected + 1 not filled in.
    expect(out.files.map((f) => f.rows)).toEqual([
      { read: 2, used: 1, rejected: 0, blank: 1 },
      { read: 2, used: 1, rejected: 0, blank: 1 },
    ]);
    expect(out.volumeTotals.actualVolume).toEqual({ read: 84_500, consolidated: 84_500, rejected: 0, setAside: 0 });
    expect(out.volumeTotals.actualCost).toEqual({ read: 4_088_321, consolidated: 4_088_321, rejected: 0, setAside: 0 });
  });

  it("still refuses a line the unit touched without filling in Utfall volym", async () => {
    const out = await consolidate(copy({ cost: 4100 }), copy({}, { volume: 43_500 }));
    expect(messages(out.errors)).toEqual([
      'Fil "a.xlsx", blad "Volymer", cell G4: en utfallsvolym saknas: förväntade en utfallsvolym på raden.',
    ]);
  });

  it("decides a conflict on the figures only: a comment on figures left as sent is kept, not a change", async () => {
    // a.xlsx types line 1's own volume (40 000, the workbook's) and a comment; b.xlsx changes the volume.
    const out = await consolidate(copy({ volume: 40_000, comment: "Som väntat." }), copy({ volume: 41_000 }));
    expect(messages(out.errors)).toEqual([]);
    expect(out.conflicts).toEqual([]);
    expect(out.volumes.map((l) => [l.key, l.actualVolume])).toEqual([["Myndighet och bistånd / Hemtjänst", 41_000]]);
    expect(out.volumeComments).toEqual([
      { key: "Myndighet och bistånd / Hemtjänst", comment: "Som väntat. (a.xlsx, Volymer)" },
    ]);
    // a.xlsx's copy (40 000) is set aside beside b.xlsx's change.
    expect(out.volumeTotals.actualVolume).toEqual({
      read: 81_000,
      consolidated: 41_000,
      rejected: 0,
      setAside: 40_000,
    });
  });

  it("keeps every unit's comment on the same figures, each with its template", async () => {
    const out = await consolidate(
      copy({ volume: 41_000, comment: "Fler brukare." }),
      copy({ volume: 41_000, comment: "Sjukfrånvaro." }),
    );
    expect(messages(out.errors)).toEqual([]);
    expect(out.volumes.map((l) => [l.key, l.actualVolume])).toEqual([["Myndighet och bistånd / Hemtjänst", 41_000]]);
    expect(out.volumeComments).toEqual([
      {
        key: "Myndighet och bistånd / Hemtjänst",
        comment: "Fler brukare. (a.xlsx, Volymer) | Sjukfrånvaro. (b.xlsx, Volymer)",
      },
    ]);
  });

  it("counts a line once in the consolidated totals, however many copies hold it", async () => {
    // Both units type line 2's volume as the workbook has it (42 000): one line consolidated, the other copy set aside.
    const out = await consolidate(copy({ volume: 41_000 }, { volume: 42_000 }), copy({}, { volume: 42_000 }));
    expect(messages(out.errors)).toEqual([]);
    expect(out.volumeTotals.actualVolume).toEqual({
      read: 125_000,
      consolidated: 83_000,
      rejected: 0,
      setAside: 42_000,
    });
    expect(out.asRead.volumes.map((l) => [l.key, l.actualVolume])).toEqual([
      ["Myndighet och bistånd / Hemtjänst", 41_000],
      ["Vård och omsorg / Hemtjänst", 42_000],
    ]);
  });
});

describe("merging returned volumes and measures into the workbook's", () => {
  const line = {
    key: "Hemtjänst / Timmar",
    area: "Hemtjänst",
    name: "Timmar",
    unit: "tim",
    budgetVolume: 60_000,
    unitPrice: 450,
    fixedBudget: 1_234_567,
    actualVolume: 39_000,
    actualCost: 17_500_000,
    role: "provider" as const,
  };

  it("takes a returned line's actual volume and cost, keeps the workbook's plan and role, and adds a line it lacks", () => {
    // The template rounds the fixed part to whole tkr and has no Roll: those are the workbook's.
    const back = {
      ...line,
      fixedBudget: 1_235_000,
      role: "own" as const,
      actualVolume: 41_000,
      actualCost: 18_860_000,
    };
    const added = { ...line, key: "Hemtjänst / Besök", name: "Besök", actualVolume: 12, actualCost: 5_000 };
    const merged = mergeVolumeLines([line], [back, added]);
    expect(merged.items).toEqual([{ ...line, actualVolume: 41_000, actualCost: 18_860_000 }, added]);
    expect(merged.added).toEqual(["Hemtjänst / Besök"]);
  });

  it("keeps the workbook's exact cost where the unit left the pre-filled whole tkr, and takes a changed one", () => {
    // The template pre-fills 4 088 321 kr as 4 088 tkr: left as it is, it is still 4 088 321 kr, not 4 088 000.
    const exact = { ...line, actualCost: 4_088_321 };
    const unchanged = { ...exact, actualVolume: 41_000, actualCost: 4_088_000 };
    expect(mergeVolumeLines([exact], [unchanged]).items).toEqual([{ ...exact, actualVolume: 41_000 }]);
    expect(mergeVolumeLines([exact], [{ ...unchanged, actualCost: 4_100_000 }]).items[0]!.actualCost).toBe(4_100_000);
    // ROUND half away from zero: a net revenue of 4 088 500 kr is pre-filled as -4 089 tkr.
    const revenue = { ...line, actualCost: -4_088_500 };
    expect(mergeVolumeLines([revenue], [{ ...revenue, actualCost: -4_089_000 }]).items[0]!.actualCost).toBe(-4_088_500);
    expect(mergeVolumeLines([revenue], [{ ...revenue, actualCost: -4_088_000 }]).items[0]!.actualCost).toBe(-4_088_000);
  });

  it("keeps a measure's exact effects where the unit left the pre-filled whole tkr", () => {
    const own = {
      id: "1",
      owner: "SOV",
      description: "Hemmaplan",
      status: "started" as const,
      includedInForecast: false,
      plannedEffect: 1_234_567,
      realisedEffect: 456_789,
      forecastEffect: 987_654,
    };
    // Pre-filled as 1 235, 457 and 988 tkr; the unit changed only the realised effect.
    const back = { ...own, plannedEffect: 1_235_000, realisedEffect: 500_000, forecastEffect: 988_000 };
    expect(mergeMeasures([own], [back]).items).toEqual([{ ...own, realisedEffect: 500_000 }]);
    // A cleared effect stays cleared: the unit no longer quantifies it.
    const { forecastEffect: _back, ...cleared } = back;
    const { forecastEffect: _own, ...unquantified } = own;
    expect(mergeMeasures([own], [cleared]).items).toStrictEqual([{ ...unquantified, realisedEffect: 500_000 }]);
  });

  it("replaces a measure by its Nr and adds a new one", () => {
    const own = {
      id: "1",
      owner: "SOV",
      description: "Hemmaplan",
      status: "notStarted" as const,
      includedInForecast: false,
      plannedEffect: 2_000_000,
      risk: "Hög",
    };
    // The unit cleared the risk: the returned measure is taken as it is, the old risk is not kept.
    const back = {
      id: "1",
      owner: "SOV",
      description: "Hemmaplan",
      status: "started" as const,
      includedInForecast: true,
      plannedEffect: 2_000_000,
      realisedEffect: 500_000,
    };
    const fresh = {
      id: "rad 26",
      owner: "SOV",
      description: "Ny",
      status: "notStarted" as const,
      includedInForecast: false,
    };
    expect(mergeMeasures([own], [back, fresh])).toEqual({ items: [back, fresh], added: ["rad 26"] });
  });
});
