/**
 * Kom igång without a browser: the Office.js reader and writer on the Excel fake. A SIE 4 file and a CSV export
 * picked as bytes (as the browser's file input gives them) and a ledger sheet already in the workbook become the
 * input sheets, then the first report, whose Kontroller say what is missing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createWorkbook, installExcelFake, readValues, type Seed, type WorkbookState } from "../fakes/excel";
import { generateLedger } from "../../bench/ledger";
import { sieBytes } from "../../bench/sie";
import { excelHost } from "../../src/taskpane/host";
import { startWorkbook } from "../../src/taskpane/start";

let uninstall = () => {};
function open(workbook: Seed): WorkbookState {
  const state = createWorkbook(workbook);
  uninstall = installExcelFake(globalThis, state);
  return state;
}
afterEach(() => uninstall());

/** 30 ansvar under 4 verksamheter, January to August 2024, 2 000 rows with öre (the ny test's ledger). */
const ledger = generateLedger({ rows: 2000, costCentres: 30, areas: 4, year: 2024, months: 8 });
const total = ledger.actuals.reduce((s, a) => s + a.amount, 0);
const INPUT_SHEETS = ["Inställningar", "Ansvar", "Budget", "Utfall", "Prognos", "Volymer", "Åtgärder"];

/** The reconciliation sentence's utfall, "utfall i indata 117 607 tkr = utfall i rapporten 117 607 tkr". */
const tkr = (kronor: number): string =>
  Math.round(kronor / 1000)
    .toLocaleString("sv-SE")
    .replace(/\s/g, " ");

describe("Kom igång on the open workbook", () => {
  it("starts the input sheets from a picked SIE 4 file and runs the first report: utfall to the krona, the missing budget ranked first", async () => {
    const state = open({ Blad1: [] });
    const bytes = sieBytes(ledger.actuals, { kind: "ver", year: 2024 });
    const steps: string[] = [];
    const out = await startWorkbook(excelHost(), { kind: "file", name: "huvudbok.se", bytes }, (s) => steps.push(s));
    expect(out.ok, JSON.stringify(out.errors)).toBe(true);
    const names = state.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([...INPUT_SHEETS, "Prognos per ansvar", "Kontroller"]));
    const lines = out.summary!.lines.join("\n");
    expect(lines).toContain(`Skapade bladen ${INPUT_SHEETS.join(", ")}.`);
    expect(lines).toContain("År 2024, månad 8 augusti, kostnader positiva");
    expect(lines).toContain("Exporten har ingen budget");
    expect(lines.replace(/\u00a0/g, " ")).toContain(
      `utfall i indata ${tkr(total)} tkr = utfall i rapporten ${tkr(total)} tkr`,
    );
    // No budget at all: one warning with all the utfall at stake, first in the Kontroller.
    expect(out.checks[0]!.message).toMatch(/^budget saknas för 30 ansvar med 117,6 mnkr utfall/);
    // The input sheets are the user's, not the add-in's: the registry does not list them.
    const registry = readValues(state, "'Budgetkoll_meta'!A1:A40").flat();
    for (const sheet of INPUT_SHEETS) expect(registry).not.toContain(sheet);
    expect(registry).toContain("Prognos per ansvar");
    // Names from #OBJEKT, every ansvar under Ej placerade; the Utfall sheet holds the ledger in kronor to the öre.
    const ansvar = readValues(state, "'Ansvar'!A1:C40");
    expect(ansvar.find((r) => r[0] === "100000")).toEqual(["100000", 'Äldreomsorg "Östra" 100000', "EJPL"]);
    const utfall = readValues(state, "'Utfall'!A1:C400").filter((r) => typeof r[2] === "number");
    expect(utfall.reduce((s, r) => s + (r[2] as number), 0)).toBeCloseTo(total, 2);
    expect(steps[0]).toBe("read");
    expect(steps.at(-1)).toBe("done");
  });

  it("starts from a picked Windows-1252 CSV with names and parents, and leaves a sheet that is there (Budget) as it is", async () => {
    const userBudget = [
      ["Ansvar", "Budget helår"],
      [100000, 3000],
    ];
    const state = open({ Budget: userBudget });
    const lines = ["Ansvar;Ansvar text;Överordnad;Konto;Period;Belopp"];
    for (const a of ledger.actuals)
      lines.push(
        `${a.costCentre};Enhet ${a.costCentre};${a.costCentre.slice(0, 2)};${a.account};${a.period.replace("-", "")};${String(a.amount).replace(".", ",")}`,
      );
    // Windows-1252, as Raindance writes it: "Överordnad" with Ö = 0xD6.
    const text = lines.join("\r\n");
    const bytes = Uint8Array.from(text, (c) => (c === "Ö" ? 0xd6 : c.charCodeAt(0)));
    const out = await startWorkbook(excelHost(), { kind: "file", name: "raindance.csv", bytes });
    expect(out.ok, JSON.stringify(out.errors)).toBe(true);
    expect(out.summary!.lines).toContain("Fanns redan och lämnades orörda: Budget.");
    expect(readValues(state, "'Budget'!A1:B2")).toEqual(userBudget);
    // The hierarchy from Överordnad.
    expect(readValues(state, "'Ansvar'!A1:C40").find((r) => r[0] === "100000")).toEqual([
      "100000",
      "Enhet 100000",
      "10",
    ]);
    // The user's budget has one ansvar: every other is named in the Kontroller with its utfall.
    const missing = out.checks.filter((c) => c.message.startsWith("Saknar budget: "));
    expect(missing).toHaveLength(29);
  });

  it("uses the workbook's own ledger sheet when no file is picked, and writes no Utfall beside it", async () => {
    const rows: (string | number)[][] = [["Ansvar", "Konto", "Period", "Belopp"]];
    for (const a of ledger.actuals) rows.push([a.costCentre, a.account!, a.period, a.amount]);
    const state = open({ Huvudbok: rows });
    const out = await startWorkbook(excelHost(), { kind: "workbook" });
    expect(out.ok, JSON.stringify(out.errors)).toBe(true);
    const names = state.sheets.map((s) => s.name);
    expect(names).not.toContain("Utfall");
    expect(out.summary!.lines[0]).toBe("Skapade bladen Inställningar, Ansvar, Budget, Prognos, Volymer, Åtgärder.");
    expect(out.checks[0]!.message).toMatch(/^budget saknas för 30 ansvar med 117,6 mnkr utfall/);
  });

  it("says what is wrong when the file is no ledger, and writes nothing", async () => {
    const state = open({ Blad1: [] });
    const bytes = new TextEncoder().encode("Namn;Telefon\nAnna;123\n");
    const out = await startWorkbook(excelHost(), { kind: "file", name: "kontakter.csv", bytes });
    expect(out.ok).toBe(false);
    expect(out.errors[0]!.message).toContain("kontakter.csv");
    expect(state.sheets.map((s) => s.name)).toEqual(["Blad1"]);
  });
});
