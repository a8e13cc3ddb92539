/**
 * One budget version per run: with a version chosen (the setting Budgetversion, `--budgetversion`), every sheet and
 * sentence measures against it and names it: the prognosis, the summary, the commentary and the resultaträkning's
 * Budget column (from the sheet Budget per konto, by its own Version column). A check line of a tkr report speaks
 * tkr. Without versions the budget is "gällande budget".
 */
import type { CellValue } from "../../src/cells";
import { describe, expect, it } from "vitest";
import { fullReport } from "../../src/jobs/namnd";
import { startJob } from "../../src/jobs/run";
import type { SheetLayout } from "../../src/report/layout";
import { memoryReader, settings } from "../input/helpers";

type Rows = (readonly CellValue[])[];

const ANSVAR: Rows = [
  ["Ansvar", "Benämning", "Överordnad"],
  ["1", "Socialtjänst", null],
  ["10", "Individ och familjeomsorg", "1"],
  ["11", "Äldreomsorg", "1"],
];
/** KF 2023 gives 1 000 + 2 000 tkr; the ombudgetering in May adds 300 tkr to IFO. */
const BUDGET: Rows = [
  ["Ansvar", "Budget helår", "Version"],
  ["10", 1000, "KF 2023"],
  ["11", 2000, "KF 2023"],
  ["10", 300, "Ombudgetering 2023-05"],
];
const VERSIONS: Rows = [
  ["Version", "Typ", "Datum", "Beslut"],
  ["KF 2023", "ursprunglig", "2022-11-20", "KF § 101"],
  ["Ombudgetering 2023-05", "ombudgetering", "2023-05-15", "SN § 40"],
];
const LEDGER: Rows = [
  ["Ansvar", "Konto", "Period", "Belopp"],
  ["10", "5110", 202306, 800_000],
  ["10", "3510", 202306, -100_000],
  ["11", "5110", 202306, 1_500_000],
];
/** The budget per konto of each version: KF 3 200 - 200 = 3 000 tkr, the ombudgetering +300 tkr on personnel. */
const ACCOUNT_BUDGET: Rows = [
  ["Konto", "Budget helår", "Version"],
  ["5110", 3200, "KF 2023"],
  ["3510", -200, "KF 2023"],
  ["5110", 300, "Ombudgetering 2023-05"],
];

async function report(sheets: Record<string, Rows>, budgetVersion?: string) {
  const run = await startJob(
    memoryReader(sheets),
    settings({ year: 2023, month: 6, ...(budgetVersion ? { budgetVersion } : {}) }),
    "test",
  );
  const r = fullReport(run);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.value;
}

const sheet = (layouts: readonly SheetLayout[], name: string): SheetLayout => layouts.find((l) => l.name === name)!;
const texts = (l: SheetLayout): string[] => [...l.meta, ...l.notes.map((n) => n.text)];
/** The Budget column's net cost on the resultaträkning, kronor. */
function statementBudget(l: SheetLayout): CellValue {
  const table = l.tables[0]!;
  const at = table.columns.findIndex((c) => c.header.startsWith("Budget"));
  return table.rows.find((r) => r.cells[0]!.value === "Summa nettokostnader")!.cells[at]!.value;
}

describe("one budget version per run", () => {
  const workbook = {
    Ansvar: ANSVAR,
    Budget: BUDGET,
    Budgetversioner: VERSIONS,
    Utfall: LEDGER,
    "Budget per konto": ACCOUNT_BUDGET,
  };
  const KF = "Budgetversion: KF 2023 (ursprunglig budget 2022-11-20).";

  it("the chosen version in the prognosis, the summary, the commentary and the resultaträkning's Budget column, each naming it", async () => {
    const r = await report(workbook, "KF 2023");
    expect(r.prognosis.result.total.annualBudget).toBe(3_000_000);
    const statement = sheet(r.layouts, "Resultaträkning");
    expect(statementBudget(statement)).toBe(3_000_000);
    // The Budget column equals the Budget sheet's: no check fails.
    expect(texts(statement).filter((t) => t.includes("fel"))).toEqual([]);
    for (const name of ["Sammanfattning", "Prognos per ansvar", "Resultaträkning", "Kommentarer"])
      expect(sheet(r.layouts, name).meta.join(" "), name).toContain(KF);
    // Budget + avvikelse hittills against KF 2023: 3 000 + (2 200 - 1 500) = 3 700 tkr, an underskott of 700 tkr.
    expect(r.namnd.commentary.texts.total).toBe("Socialnämnden prognostiserar ett underskott på 700 tkr för helåret.");
  });

  it("without a version chosen, the latest: the ombudgetering in every sheet", async () => {
    const r = await report(workbook);
    expect(r.prognosis.result.total.annualBudget).toBe(3_300_000);
    expect(statementBudget(sheet(r.layouts, "Resultaträkning"))).toBe(3_300_000);
    for (const name of ["Sammanfattning", "Prognos per ansvar", "Resultaträkning", "Kommentarer"])
      expect(sheet(r.layouts, name).meta.join(" "), name).toContain(
        "Budgetversion: Ombudgetering 2023-05 (ombudgetering 2023-05-15).",
      );
  });

  it("a Budget per konto without versions that is another version's budget: the check names the version, in tkr", async () => {
    const latest: Rows = [
      ["Konto", "Budget helår"],
      ["5110", 3500],
      ["3510", -200],
    ];
    const r = await report({ ...workbook, "Budget per konto": latest }, "KF 2023");
    const statement = sheet(r.layouts, "Resultaträkning");
    expect(texts(statement)).toContain(
      "Summa nettokostnader, Budget 2023: 3 300 tkr, men budget helår på bladet Budget (KF 2023) är 3 000 tkr (fel, 300 tkr).",
    );
    expect(texts(statement).join(" ")).not.toMatch(/\d kr\b/);
  });

  it("without versions the budget is the gällande budget", async () => {
    const r = await report({
      Ansvar: ANSVAR,
      Budget: BUDGET.map((row) => row.slice(0, 2)).slice(0, 3),
      Utfall: LEDGER,
    });
    expect(sheet(r.layouts, "Prognos per ansvar").meta.join(" ")).toContain("Budgetversion: gällande budget.");
  });
});
