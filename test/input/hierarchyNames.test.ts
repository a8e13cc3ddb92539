/**
 * Hierarchies without codes (domain.md): units named only, keyed on their path because a name repeats under
 * different areas. Seed 002 (Gnesta 2021 per augusti, 002_enheter.csv): Stab, LSS and SoL FN under both
 * "Äldre, Funktionsstöd, ..." and "Administration och bistånd". Net costs negative, tkr.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pathKey } from "../../src/core/hierarchy";
import { calculatePrognosis } from "../../src/core/prognosis";
import { readPrognosisInput } from "../../src/input/prognosisInput";
import { memoryReader, messages, settings } from "./helpers";

/** The CSV's quoted fields: the area names hold commas. */
function csvRow(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|([^,]+)|(?<=,)(?=,|$)/g)].map((m) => m[1] ?? m[2] ?? "");
}

const units = readFileSync(new URL("../fixtures/golden/002_enheter.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map(csvRow)
  .filter((c) => c[2] === "enhet")
  .map((c) => ({
    area: c[0]!,
    unit: c[1]!,
    budget: Number(c[3]),
    actualAugust: Number(c[6]),
    forecastVariance: Number(c[7]),
  }));

const AOB = "Administration och bistånd";
const ALDRE = "Äldre, Funktionsstöd, Socialpsykiatri och Hälso- och sjukvård";
const gnesta = settings({ signConvention: "costNegative", forecastColumnKind: "variance" });

/** Budget by (Verksamhet, Enhet), utfall by (Verksamhet, Enhet), prognos by the path in the Ansvar cell. */
function sheets(hierarchy: (string | null)[][]) {
  return {
    Ansvar: hierarchy,
    Budget: [["Verksamhet", "Enhet", "Budget helår (tkr)"], ...units.map((u) => [u.area, u.unit, u.budget])],
    Utfall: [
      ["Verksamhet", "Enhet", "Period", "Belopp"],
      ...units.map((u) => [u.area, u.unit, "2021-08", u.actualAugust * 1000]),
    ],
    Prognos: [["Ansvar", "Prognos helår"], ...units.map((u) => [pathKey([u.area, u.unit]), u.forecastVariance])],
  };
}

describe("an Ansvar sheet without codes (seed 002)", () => {
  it("reads Verksamhet | Enhet, keying repeated unit names on their path", async () => {
    expect(units.filter((u) => u.unit === "Stab").map((u) => u.area)).toEqual([ALDRE, AOB]);
    const out = await readPrognosisInput(
      memoryReader(sheets([["Verksamhet", "Enhet"], ...units.map((u) => [u.area, u.unit])])),
      gnesta,
    );
    expect(messages(out.errors)).toEqual([]);
    const result = calculatePrognosis(out.value!);
    const row = (key: string) => result.rows.find((r) => r.key === key)!;
    expect(row(pathKey([AOB, "Stab"])).varianceFullYear).toBe(3_297_000);
    expect(row(pathKey([ALDRE, "Stab"])).varianceFullYear).toBe(-953_000);
    expect(row(pathKey([AOB, "LSS"])).actual).toBe(33_898_000);
    expect(row(pathKey([ALDRE, "SoL FN"])).parentKey).toBe(ALDRE);
    // The areas' sums are the seed's TOTAL rows.
    expect([row("Stöd och vägledning"), row(ALDRE), row(AOB)].map((r) => r.varianceFullYear)).toEqual([
      -9_002_000, -18_453_000, 18_908_000,
    ]);
    expect(row(AOB).annualBudget).toBe(171_339_000);
  });

  it("reads Benämning | Överordnad with names, a repeated parent named by its path", async () => {
    const areas = [...new Set(units.map((u) => u.area))];
    const hierarchy = [
      ["Benämning", "Överordnad"],
      ...areas.map((a) => [a, null]),
      ...units.map((u) => [u.unit, u.area]),
    ];
    const out = await readPrognosisInput(memoryReader(sheets(hierarchy)), gnesta);
    expect(messages(out.errors)).toEqual([]);
    const result = calculatePrognosis(out.value!);
    expect(result.rows.find((r) => r.key === pathKey([ALDRE, "LSS"]))!.varianceFullYear).toBe(-3_002_000);
    expect(result.rows.find((r) => r.key === AOB)!.varianceFullYear).toBe(18_908_000);

    // A unit under the repeated name "Stab" must name it by its path: by name alone it is ambiguous.
    const nested = [...hierarchy, ["Assistans", "Stab"], ["Reception", `${AOB} / Stab`]];
    const ambiguous = await readPrognosisInput(memoryReader({ ...sheets(nested) }), gnesta);
    expect(messages(ambiguous.errors)).toEqual([
      `Blad "Ansvar", cell B19: "Stab" finns flera gånger i ansvarsstrukturen: ange överordnad med hela vägen, t.ex. "${ALDRE} / Stab".`,
    ]);
  });

  it("refuses the same unit twice under one area, naming both cells", async () => {
    const out = await readPrognosisInput(
      memoryReader(
        sheets([
          ["Verksamhet", "Enhet"],
          [AOB, "Stab"],
          [AOB, "LSS"],
          [AOB, "Stab"],
        ]),
      ),
      gnesta,
    );
    expect(messages(out.errors)[0]).toBe(
      `Blad "Ansvar", cell B4: Enheten "${AOB} / Stab" finns två gånger: cell B2 och B4. En enhet ska stå en gång under sin verksamhet.`,
    );
  });

  it("names the Överordnad cell of an unknown parent and of a cycle", async () => {
    const out = await readPrognosisInput(
      memoryReader({
        Ansvar: [
          ["Benämning", "Överordnad"],
          [AOB, null],
          ["Stab", "Administration"],
          ["LSS", "SoL FN"],
          ["SoL FN", "LSS"],
        ],
        Budget: [
          ["Ansvar", "Budget helår"],
          [AOB, 100],
        ],
      }),
      gnesta,
    );
    expect(messages(out.errors)).toEqual([
      'Blad "Ansvar", cell B3: överordnad "Administration" finns inte på bladet: förväntade en benämning som står i kolumnen Benämning.',
      'Blad "Ansvar", cell B4: Ansvarsstrukturen har en cirkel genom "LSS". Ändra Överordnad så att inget ansvar ligger under sig självt.',
      'Blad "Ansvar", cell B5: Ansvarsstrukturen har en cirkel genom "SoL FN". Ändra Överordnad så att inget ansvar ligger under sig självt.',
    ]);
  });
});
