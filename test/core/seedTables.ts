/** Seed tables of the golden CSVs as raw lines for the statement builders (tkr in the CSV, kronor out). */
import { parseAmount, TKR } from "../../src/core/amounts";
import type { InvestmentProject, ReleasedBudgetProject } from "../../src/core/investments";
import type { HierarchyLine, RawLine, StatementColumn, VarianceColumn } from "../../src/core/statements";
import { readGolden, type CsvRow } from "./goldenCsv";

/** A printed tkr cell ('-', '-0', blank, '1402 (tryckt ...)') as tkr; missing is undefined. */
export function printedTkr(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const head = text.replace(/\s*\(.*\)\s*$/, "").trim();
  const p = parseAmount(head, TKR);
  if (p.kind === "error") throw new Error(p.message);
  return p.kind === "value" ? p.value : undefined;
}

export function kronor(tkr: number | undefined): number | undefined {
  return tkr === undefined ? undefined : tkr * 1000;
}

export const COLUMNS_000: StatementColumn[] = [
  { id: "b2019", header: "Bokslut 2019", year: 2019 },
  { id: "b2020", header: "Bokslut 2020", year: 2020 },
  { id: "budget", header: "Budget 2021", year: 2021 },
  { id: "utfall", header: "Utfall 2021", year: 2021 },
];
export const VARIANCE_000: VarianceColumn = {
  id: "avvikelse",
  header: "Avvikelse",
  budget: "budget",
  outcome: "utfall",
};

/** The resultaträkning of seed 000 by row label, printed tkr per column id. */
export function printedIncomeStatement000(): Map<string, { row: CsvRow; values: Record<string, number | undefined> }> {
  return new Map(
    readGolden("000_resultatrakning.csv").map((r) => [
      r["rad"]!.toLowerCase(),
      {
        row: r,
        values: {
          b2019: printedTkr(r["Bokslut 2019"]),
          b2020: printedTkr(r["Bokslut 2020"]),
          budget: printedTkr(r["Budget 2021"]),
          utfall: printedTkr(r["Utfall 2021"]),
          avvikelse: printedTkr(r["Avvikelse (=Budget 2021 - Utfall 2021)"]),
        },
      },
    ]),
  );
}

function inKronor(values: Record<string, number | undefined>): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, kronor(v)]));
}

/** Raw input lines of seed 000's resultaträkning: the intäkter line, the four cost lines, the kommunbidrag. */
export function incomeInput000(): { revenues: RawLine[]; costs: RawLine[]; grant: Record<string, number | undefined> } {
  const rows = readGolden("000_resultatrakning.csv");
  const line = (r: CsvRow): RawLine => {
    const { avvikelse: _, ...values } = printedIncomeStatement000().get(r["rad"]!.toLowerCase())!.values;
    return { label: r["rad"]!, values: inKronor(values) };
  };
  const { avvikelse: _, ...grantValues } = printedIncomeStatement000().get("kommunbidrag")!.values;
  return {
    revenues: rows.filter((r) => r["typ"]!.startsWith("intäkt")).map(line),
    costs: rows.filter((r) => r["typ"] === "kostnad").map(line),
    grant: inKronor(grantValues),
  };
}

/** A stable key for an annex label: footnote marks removed. */
export function annexKey(label: string): string {
  return label.replace(/\*+$/, "").trim();
}

/**
 * Seed 000's annex (Bilaga 1) as raw lines: areas and their enheter, with the 2020 column either as printed
 * (misplaced) or reconstructed. Areas with enheter get no values of their own (they are subtotals).
 */
export function annexLines000(column2020: "printed" | "reconstructed"): {
  lines: HierarchyLine[];
  printed: Record<string, Record<string, number | undefined>>;
} {
  const rows = readGolden("000_ansvarsniva_bilaga1.csv").filter((r) => r["nivå"] !== "totalsumma");
  const col2020 =
    column2020 === "printed"
      ? "Bokslut 2020 SOM TRYCKT (felplacerad kolumn i källan)"
      : "Bokslut 2020 rekonstruerad (härledd, se kommentar)";
  const printed: Record<string, Record<string, number | undefined>> = {};
  const lines = rows.map((r): HierarchyLine => {
    const label = r["Enhet (som tryckt, med fotnotstecken)"]!;
    const values = {
      b2019: printedTkr(r["Bokslut 2019"]),
      b2020: printedTkr(r[col2020]),
      budget: printedTkr(r["Budget 2021"]),
      utfall: printedTkr(r["Utfall 2021"]),
    };
    const key = annexKey(label);
    printed[key] = { ...values, avvikelse: printedTkr(r["Avvikelse (tryckt; = Budget - Utfall)"]) };
    return { key, label, parentKey: r["förälder"] ? annexKey(r["förälder"]) : undefined, values: inKronor(values) };
  });
  const total = readGolden("000_ansvarsniva_bilaga1.csv").find((r) => r["nivå"] === "totalsumma")!;
  printed["totalsumma"] = {
    b2019: printedTkr(total["Bokslut 2019"]),
    b2020: printedTkr(total[col2020]),
    budget: printedTkr(total["Budget 2021"]),
    utfall: printedTkr(total["Utfall 2021"]),
    avvikelse: printedTkr(total["Avvikelse (tryckt; = Budget - Utfall)"]),
  };
  return { lines, printed };
}

/** Seed 000's organisational split as printed, keyed like the annex (Summa verksamhet = totalsumma). */
export function printedOrganisationalSplit000(): Record<string, Record<string, number | undefined>> {
  const out: Record<string, Record<string, number | undefined>> = {};
  for (const r of readGolden("000_organisatorisk_fordelning.csv")) {
    const key = r["rad"] === "Summa verksamhet" ? "totalsumma" : r["rad"]!;
    out[key] = {
      b2019: printedTkr(r["Bokslut 2019"]),
      b2020: printedTkr(r["Bokslut 2020"]),
      budget: printedTkr(r["Budget 2021 (inkl. tilläggsanslag, fotnot *)"]),
      utfall: printedTkr(r["Utfall 2021"]),
      avvikelse: printedTkr(r["Avvikelse (=Budget - Utfall; + = överskott)"]),
    };
  }
  return out;
}

export const COLUMNS_004: StatementColumn[] = [
  { id: "utfall_2020_08", header: "Utfall 2020-08", year: 2020 },
  { id: "utfall_2021_08", header: "Utfall 2021-08", year: 2021 },
  { id: "budget_2021", header: "Budget 2021", year: 2021 },
  { id: "prognos_2021", header: "Prognos 2021", year: 2021 },
];
export const VARIANCE_004: VarianceColumn = {
  id: "avvikelse_helar",
  header: "Avvikelse helår",
  budget: "budget_2021",
  outcome: "prognos_2021",
};

/** Seed 004's resultaträkning as printed, by label, tkr. */
export function printedIncomeStatement004(): Map<string, Record<string, number | undefined>> {
  return new Map(
    readGolden("004_resultatrakning.csv").map((r) => [
      r["rad"]!.toLowerCase(),
      Object.fromEntries([...COLUMNS_004.map((c) => c.id), "avvikelse_helar"].map((id) => [id, printedTkr(r[id])])),
    ]),
  );
}

export function incomeInput004(): { revenues: RawLine[]; costs: RawLine[]; grant: Record<string, number | undefined> } {
  const printed = printedIncomeStatement004();
  const line = (label: string): RawLine => {
    const { avvikelse_helar: _, ...values } = printed.get(label.toLowerCase())!;
    return { label, values: inKronor(values) };
  };
  const { avvikelse_helar: _, ...grant } = printed.get("kommunbidrag")!;
  return {
    revenues: [line("Intäkter")],
    costs: [
      line("Personalkostnader"),
      line("Lokalkostnader, energi, VA"),
      line("Övriga kostnader"),
      line("Kapitalkostnad"),
    ],
    grant: inKronor(grant),
  };
}

/** Seed 000's investment table as raw project lines ('-' cells stay missing); § 25's carry-overs flagged. */
export function investmentProjects000(): InvestmentProject[] {
  return readGolden("000_investeringar.csv")
    .filter((r) => r["grupp"]!.startsWith("Investeringar genom TN") || r["grupp"]!.startsWith("Egna"))
    .map((r) => ({
      name: r["projekt (som tryckt)"]!,
      area: r["grupp"]!.startsWith("Egna") ? r["grupp"]!.replace("Egna / ", "") : undefined,
      runBy: r["grupp"]!.startsWith("Investeringar genom TN") ? "tekniska nämnden" : undefined,
      originalBudget: kronor(printedTkr(r["Ursprungsbudget 2021"])),
      addition: kronor(printedTkr(r["Tillägg/ ombudg 2021"])),
      actual: kronor(printedTkr(r["Utfall 2021"])),
      carryOverRequested: r["ombudgetering till 2022 begärd i SN §25 (tkr)"] !== "",
    }));
}

/** Seed 002's investment table's project lines, in Gnesta's sign (utfall negative). */
export function investmentProjects002(): ReleasedBudgetProject[] {
  return readGolden("002_investeringar.csv")
    .filter((r) => r["Radtyp"]!.startsWith("projekt"))
    .map((r) => ({
      group: r["Grupp"]!,
      projectNumber: r["Projektnr"] || undefined,
      name: r["Investering"]!,
      released: kronor(printedTkr(r["Framskrivet 2021"])),
      notReleased: kronor(printedTkr(r["2021 ej framskrivet"])),
      actual: kronor(printedTkr(r["Utfall per augusti"])),
    }));
}

/** The plan years of seed 001's investment appendix, as the golden table heads them. */
export const PLAN_YEARS_001 = ["Budget 2023", "Plan 2024", "Plan 2025", "Plan 2026", "Plan 2027"] as const;

/**
 * Seed 001's investment appendix for one plan year: its projects (IK10, IK12) with that year's utgift as the budget
 * (no tillägg, no utfall in a plan); an empty cell stays missing (H60: 2026 is empty in the source).
 */
export function investmentPlan001(year: (typeof PLAN_YEARS_001)[number]): InvestmentProject[] {
  return readGolden("001_investeringar.csv")
    .filter((r) => r["tabell"] === "Bilaga projekt" && r["proj"] !== "")
    .map((r) => ({
      name: `${r["proj"]} ${r["rad"]!.split(".")[0]}`,
      originalBudget: kronor(printedTkr(r[year])),
      addition: undefined,
      actual: undefined,
    }));
}
