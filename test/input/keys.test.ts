/**
 * One resolver for every sheet's Ansvar cells: by code, by path, by a unique plain name; an ambiguous name is an
 * error naming both places; an unknown key one warning with its rows, money and the closest known key; a code
 * that differs only in leading zeros is matched with a warning naming both cells.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { editDistance, keyIndex } from "../../src/core/keys";
import { linesWithUnmatchedInput, unknownShare } from "../../src/core/prognosis";
import { actionPlanJob, prognosisJob } from "../../src/jobs/calculators";
import { formatInputError } from "../../src/input/errors";
import { lineResolver } from "../../src/input/keys";
import { unknownLinesSentence } from "../../src/report/summarySheet";
import { runOf, type Sheets } from "../helpers/examples";

const SETTINGS = [
  ["Inställning", "Värde"],
  ["År", 2023],
  ["Månad", 12],
  ["Belopp i", "tkr"],
  ["Utfall i", "kronor"],
];
const NAMED: Sheets = {
  Ansvar: [
    ["Benämning", "Överordnad"],
    ["Äldreomsorg", null],
    ["Hemtjänst", "Äldreomsorg"],
    ["Utskrivningsklara", "Äldreomsorg"],
    ["Personligt stöd och omsorg", null],
    ["Utskrivningsklara", "Personligt stöd och omsorg"],
    ["Daglig verksamhet", "Personligt stöd och omsorg"],
  ],
  Budget: [
    ["Ansvar", "Budget helår"],
    ["Hemtjänst", 1000],
    ["Äldreomsorg / Utskrivningsklara", 200],
    ["personligt stöd och omsorg/utskrivningsklara", 300],
    ["Daglig verksamhet", 500],
  ],
  Utfall: [
    ["Ansvar", "Konto", "Period", "Belopp"],
    ["Hemtjänst", "5110", 202312, 1_100_000],
    ["Daglig verksamhet", "5110", 202312, 450_000],
  ],
  Inställningar: SETTINGS,
};

async function prognosis(sheets: Sheets) {
  const { run } = await runOf(sheets);
  return prognosisJob(run);
}

describe("keyIndex", () => {
  const index = keyIndex([
    { key: "42", code: "42", name: "Individ och familjeomsorg" },
    { key: "421", code: "421", name: "IFO vuxen och bistånd", parentKey: "42" },
    { key: "0410", code: "0410", name: "Förvaltningsledning" },
  ]);
  it("finds a key by code, name (any case), leading zeros, and suggests the closest", () => {
    expect(index.resolve("421")).toEqual({ kind: "found", key: "421", via: "code" });
    expect(index.resolve("ifo  VUXEN och bistånd")).toEqual({ kind: "found", key: "421", via: "name" });
    expect(index.resolve("Individ och familjeomsorg / IFO vuxen och bistånd")).toEqual({
      kind: "found",
      key: "421",
      via: "path",
    });
    expect(index.resolve("410")).toEqual({ kind: "zeros", key: "0410", code: "0410" });
    expect(index.resolve("412")).toEqual({ kind: "unknown", suggestion: "421" });
    expect(index.resolve("IFO vuxen och bistand")).toEqual({ kind: "unknown", suggestion: "421" });
    expect(index.resolve("Hemtjänst")).toEqual({ kind: "unknown" });
    expect(index.label("421")).toBe("421 IFO vuxen och bistånd");
  });
  it("edit distance: symmetric, zero only on equal, at most the longer length, a swap of neighbours one edit", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, b)).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
    expect(editDistance("421", "412")).toBe(1);
  });
});

describe("the prognosis readers resolve keys as people write them", () => {
  it("an Ansvar sheet of names only: plain names in Budget and Utfall, a path where a name repeats", async () => {
    const p = await prognosis(NAMED);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const r = new Map(p.value.result.rows.map((x) => [x.key, x]));
    expect(r.get("Äldreomsorg / Hemtjänst")!.annualBudget).toBe(1_000_000);
    expect(r.get("Äldreomsorg / Hemtjänst")!.actual).toBe(1_100_000);
    expect(r.get("Personligt stöd och omsorg / Utskrivningsklara")!.annualBudget).toBe(300_000);
    expect(r.get("Äldreomsorg")!.varianceFullYear).toBe(1_200_000 - 1_100_000);
    expect(p.value.result.unmatched).toEqual([]);
    expect(p.warnings.map((w) => w.message).filter((m) => m.includes("Okänt"))).toEqual([]);
  });

  it("an ambiguous name is an error on its cell naming both places", async () => {
    const p = await prognosis({ ...NAMED, Utfall: [...NAMED.Utfall!, ["Utskrivningsklara", "5110", 202312, 5000]] });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map(formatInputError)).toContain(
      'Blad "Utfall", cell A4: "Utskrivningsklara" finns på 2 ställen i ansvarsstrukturen: "Äldreomsorg / Utskrivningsklara" (blad "Ansvar", cell A4) och "Personligt stöd och omsorg / Utskrivningsklara" (blad "Ansvar", cell A6). Skriv hela vägen, t.ex. "Äldreomsorg / Utskrivningsklara".',
    );
  });

  it("an unknown key: one warning with its first cell, rows, money and the closest key; its own line in the totals", async () => {
    const utfall = [...NAMED.Utfall!, ["Hemtjänstt", "5110", 202311, 2000], ["Hemtjänstt", "5410", 202312, 500]];
    const p = await prognosis({ ...NAMED, Utfall: utfall });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const w = p.warnings.filter((x) => x.message.includes("Hemtjänstt"));
    expect(w.map(formatInputError)).toEqual([
      'Blad "Utfall", cell A4: ansvar "Hemtjänstt" finns inte på bladet Ansvar: 2 rader, sammanlagt 2 500 kr, redovisas på en egen rad "Okänt ansvar Hemtjänstt" så att inget tappas. Menade du "Äldreomsorg / Hemtjänst" (blad "Ansvar", cell A3)?',
    ]);
    expect(w[0]!.amount).toBe(2500);
    const result = p.value.result;
    expect(result.total.actual).toBe(1_552_500);
    expect(unknownShare(result)).toEqual({ lines: 1, annualBudget: 0, actual: 2500, forecast: 2500 });
    expect(result.unmatched).toEqual([
      {
        key: "Hemtjänstt",
        sheet: "Utfall",
        cell: "A4",
        rows: 2,
        amount: 2500,
        suggestedKey: "Äldreomsorg / Hemtjänst",
      },
    ]);
    expect(unknownLinesSentence(result)).toBe(
      'Av summan ligger budget 0 tkr, utfall 3 tkr och prognos 3 tkr på ett ansvar som saknas på bladet Ansvar ("Hemtjänstt"): de räknas i summan men under ingen verksamhet, så summan per verksamhet är inte hela bilden.',
    );
    expect([...linesWithUnmatchedInput(result)].sort()).toEqual(
      ["Hemtjänstt", "SUMMA", "Äldreomsorg", "Äldreomsorg / Hemtjänst", "(ej i ansvarsstrukturen)"].sort(),
    );
  });

  it("a code written with leading zeros on the Ansvar sheet (0410) and without in the ledger (410) is one ansvar", async () => {
    const sheets: Sheets = {
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        ["41", "Ledning", null],
        ["0410", "Förvaltningsledning", "41"],
      ],
      Budget: [
        ["Ansvar", "Budget helår"],
        ["0410", 6000],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        [410, "5110", 202312, 5_983_000],
        [410, "5410", 202312, 17_000],
      ],
      Inställningar: SETTINGS,
    };
    const p = await prognosis(sheets);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.result.rows.find((r) => r.key === "0410")!.actual).toBe(6_000_000);
    expect(p.value.result.rows.some((r) => r.flags.includes("unknownCostCentre"))).toBe(false);
    expect(p.warnings.map(formatInputError)).toContain(
      'Blad "Utfall", cell A2: ansvar "410" skrivs "0410" på bladet Ansvar (blad "Ansvar", cell A3): de räknas som samma ansvar, 0410 Förvaltningsledning. Skriv koden lika på båda ställena.',
    );
  });
});

describe("lineResolver: the same rule for the sheets that name a report line", () => {
  const resolve = lineResolver([
    { key: "Äldreomsorg", name: "Äldreomsorg" },
    { key: "Äldreomsorg / Utskrivningsklara", name: "Utskrivningsklara", parentKey: "Äldreomsorg" },
    { key: "Personligt stöd och omsorg", name: "Personligt stöd och omsorg" },
    {
      key: "Personligt stöd och omsorg / Utskrivningsklara",
      name: "Utskrivningsklara",
      parentKey: "Personligt stöd och omsorg",
    },
  ]);
  it("refuses an ambiguous name, naming both places; finds the path; hints at the closest", () => {
    expect(resolve("Utskrivningsklara").error).toBe(
      '"Utskrivningsklara" finns på 2 ställen i ansvarsstrukturen: "Äldreomsorg / Utskrivningsklara" och "Personligt stöd och omsorg / Utskrivningsklara". Skriv hela vägen, t.ex. "Äldreomsorg / Utskrivningsklara".',
    );
    expect(resolve("Personligt stöd och omsorg/Utskrivningsklara").key).toBe(
      "Personligt stöd och omsorg / Utskrivningsklara",
    );
    expect(resolve("Äldreomsorgen")).toEqual({ hint: ' Menade du "Äldreomsorg"?' });
  });
});

describe("what the sheets leave out of the hierarchy is said where it can be fixed", () => {
  it("a line no sheet names, a line with utfall but no budget row, a top line without Överordnad, a booking pasted twice", async () => {
    const sheets: Sheets = {
      ...NAMED,
      Ansvar: [...NAMED.Ansvar!, ["Korttidsboende", null]],
      Budget: NAMED.Budget!.filter((r) => r[0] !== "Daglig verksamhet"),
      Utfall: [...NAMED.Utfall!, ["Hemtjänst", "5110", 202312, 1_100_000]],
    };
    const p = await prognosis(sheets);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.warnings.map(formatInputError)).toEqual([
      'Blad "Utfall", cell A4: 1 rad är likadan som en rad ovanför (ansvar, konto, period och belopp; första: cellerna A2 och A4), sammanlagt 1 100 000 kr: de räknas alla. Ta bort dubbletterna om raderna är inklistrade två gånger.',
      'Blad "Utfall", cell A3: "Personligt stöd och omsorg / Daglig verksamhet" har utfall 450 000 kr men ingen rad på bladet Budget: dess budget räknas som 0.',
      'Blad "Ansvar", cell A8: "Korttidsboende" står på bladet Ansvar men inget blad har budget, utfall eller prognos för det: kontrollera att de andra bladen skriver det som här (kod, namn eller hela vägen).',
      'Blad "Ansvar", cell A8: "Korttidsboende" har ingen överordnad och inget under sig, till skillnad från de andra verksamheterna: det redovisas som en egen verksamhet. Fyll i Överordnad om det hör till en verksamhet.',
    ]);
    expect(p.warnings.map((w) => w.amount)).toEqual([1_100_000, 450_000, undefined, undefined]);
  });
});

describe("owners of measures and verksamheter of volumes by the same rule", () => {
  it("a name shared by a verksamhet and its own common ansvar means the verksamhet (seed 004: 44 and 440)", () => {
    const index = keyIndex([
      { key: "44", code: "44", name: "Vård och omsorg" },
      { key: "440", code: "440", name: "Vård och omsorg", parentKey: "44" },
    ]);
    expect(index.resolve("Vård och omsorg")).toEqual({ kind: "found", key: "44", via: "name" });
  });

  it("an owner written by name is the line's; an unknown one is said once with its planned effect, when others match", async () => {
    const measures = [
      [
        "Nr",
        "Ägare",
        "Åtgärd",
        "Status",
        "Planerad effekt helår (tkr)",
        "Realiserad effekt hittills (tkr)",
        "Prognos effekt helår (tkr)",
        "Ingår i prognos",
      ],
      [1, "Hemtjänst", "Färre timmar dubbelbemanning", "Påbörjad", 300, 100, 250, "Nej"],
      [2, "Äldreomsorg / Hemtjänst", "Nytt schema", "Påbörjad", 200, 50, 150, "Nej"],
      [3, "Hemtjänstt", "Färre vikarier", "Påbörjad", 400, 0, 100, "Nej"],
    ];
    const { run } = await runOf({ ...NAMED, Åtgärder: measures });
    const a = actionPlanJob(run);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.value.result.byOwner.map((o) => o.owner)).toEqual(["Äldreomsorg / Hemtjänst", "Hemtjänstt"]);
    expect(a.warnings.map(formatInputError)).toContain(
      'Blad "Åtgärder", cell B4: ägaren "Hemtjänstt" finns inte på bladet Ansvar: 1 rad, sammanlagt 400 000 kr, räknas under "Hemtjänstt" som det står. Menade du "Äldreomsorg / Hemtjänst" (blad "Ansvar", cell A3)?',
    );
  });
});
