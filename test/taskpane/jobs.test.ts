/**
 * The task pane's jobs without a browser: the Office.js reader and writer on the Excel fake, seeded with the
 * example workbook; the input chosen automatically, from the selection and from a named table.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkbook, installExcelFake, readCell, readValues, type Seed, type WorkbookState } from "../fakes/excel";
import { exampleSeed } from "../e2e/seed";
import { excelHost, isDark } from "../../src/taskpane/host";
import { dictionary, pickLanguage } from "../../src/taskpane/i18n";
import { defaultSettings, runJob, tableNames, type Settings } from "../../src/taskpane/jobs";

let seed: Seed;
let uninstall = () => {};
const settings: Settings = { ...defaultSettings(new Date(2021, 8, 10)), year: 2021, month: 8 };

function open(workbook: Seed): WorkbookState {
  const state = createWorkbook(workbook);
  uninstall = installExcelFake(globalThis, state);
  return state;
}

beforeAll(async () => {
  seed = await exampleSeed();
});
afterEach(() => uninstall());

describe("runJob", () => {
  it("runs the prognosis on the whole workbook and sums it up", async () => {
    const state = open(seed);
    const steps: string[] = [];
    const out = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, (s) => steps.push(s));
    expect(out.ok).toBe(true);
    expect(steps).toEqual(["read", "calculate", "write", "done"]);
    expect(out.summary?.deficits).toEqual([
      { name: "Individ och familjeomsorg", tkr: "-2 050" },
      { name: "Socialt stöd", tkr: "-1 800" },
    ]);
    expect(out.summary?.lines[0]).toBe("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
    expect(out.sheet).toBe("Prognos per ansvar");
    expect(out.written).toEqual(["Prognos per ansvar", "Sammanfattning", "Kommentarer", "Budgetkoll_kommentarer_gen"]);
    expect(out.recognised.map((r) => r.sheet)).toEqual(["Ansvar", "Budget", "Utfall", "Utfall fg år", "Prognos"]);
    expect(out.rows).toEqual({ read: 2939, used: 2939, rejected: 0 });
    const row = readValues(state, "'Prognos per ansvar'!A1:H40").find((r) => r[0] === "461");
    expect(row?.slice(6, 8)).toEqual([14_293_000, 16_393_000]);
  });

  it("writes the commentary beside the prognosis and keeps a sentence the controller edited", async () => {
    const state = open(seed);
    await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    const rows = readValues(state, "Kommentarer!A1:D40");
    const header = rows.findIndex((r) => r[0] === "Nyckel");
    expect(rows[header]).toEqual(["Nyckel", "Område/ansvar", "Avvikelse (tkr)", "Kommentar (kan ändras)"]);
    const nämnd = rows.findIndex((r) => String(r[3]).startsWith("Socialnämnden prognostiserar"));
    const line = rows.findIndex((r, i) => i > header && r[0] === "461");
    expect(nämnd).toBeGreaterThan(header);
    expect(line).toBeGreaterThan(header);
    const generated = rows[nämnd]![3];
    readCell(state, `Kommentarer!D${line + 1}`)!.value = "Egen kommentar om 461.";
    const again = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(again.ok).toBe(true);
    const after = readValues(state, "Kommentarer!A1:D40");
    expect(after[line]![3]).toBe("Egen kommentar om 461.");
    expect(after[nämnd]![3]).toBe(generated);
  });

  it("says where the input is wrong and writes nothing", async () => {
    const state = open({ ...seed, Budget: seed.Budget!.map((r, i) => (i === 4 ? [r[0]!, "12 tkr?", ...r.slice(2)] : r)) });
    const out = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(out.ok).toBe(false);
    expect(out.errors.find((e) => e.cell === "B5")?.sheet).toBe("Budget");
    expect(out.written).toEqual([]);
    expect(state.sheets.map((s) => s.name)).toEqual(Object.keys(seed));
  });

  it("takes the volumes from the current selection instead of the whole sheet", async () => {
    const state = open(seed);
    // Select the header and the first three lines of Volymer (A1:J4): the rest of the sheet is not read.
    const volymer = state.sheets.find((s) => s.name === "Volymer")!;
    state.selection = { sheetId: volymer.id, rect: { row: 0, column: 0, rowCount: 4, columnCount: 10 } };
    const all = await runJob("volume", excelHost(), settings, { kind: "auto" });
    const selected = await runJob("volume", excelHost(), settings, { kind: "selection" });
    expect(all.rows?.read).toBe(6);
    expect(selected.rows?.read).toBe(3);
    expect(selected.summary?.lines[0]).toMatch(/^Avvikelse t\.o\.m\. månad 8: /);
  });

  it("reads a named table as the input of its sheet", async () => {
    const state = open(seed);
    const measures = state.sheets.find((s) => s.name === "Åtgärder")!;
    const table: WorkbookState["tables"][number] = { id: state.nextId++, name: "Atgarder", sheetId: measures.id, rect: { row: 0, column: 0, rowCount: 6, columnCount: 12 }, style: "TableStyleLight9", showBandedRows: true };
    state.tables.push(table);
    const host = excelHost();
    expect(tableNames(await host.reader.tables())).toEqual(["Atgarder"]);
    const out = await runJob("actionPlan", host, settings, { kind: "table", table: "Atgarder" });
    expect(out.ok).toBe(true);
    expect(out.rows?.read).toBe(5);
  });
});

describe("language and theme", () => {
  it("speaks Swedish unless Office speaks another language", () => {
    expect(pickLanguage("sv-SE")).toBe("sv");
    expect(pickLanguage(undefined)).toBe("sv");
    expect(pickLanguage("en-GB")).toBe("en");
    expect(dictionary("en").prognosis).toBe("Forecast per cost centre");
    expect(dictionary("sv").tooOld("Prognos per ansvar", "1.7")).toContain("för gammal");
  });

  it("follows a dark Office theme", () => {
    expect(isDark("#262626")).toBe(true);
    expect(isDark("#ffffff")).toBe(false);
    expect(isDark(undefined)).toBe(false);
  });
});
