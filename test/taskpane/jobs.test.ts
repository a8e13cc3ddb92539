/**
 * The task pane's jobs without a browser: the Office.js reader and writer on the Excel fake, seeded with the
 * example workbook; the input chosen automatically, from the selection and from a named table.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkbook, installExcelFake, readCell, readValues, type Seed, type WorkbookState } from "../fakes/excel";
import { exampleSeed } from "../e2e/seed";
import { formatInputError } from "../../src/input/errors";
import { NO_INDENT_NOTICE, NO_OUTLINE_NOTICE, NO_VALIDATION_NOTICE, NO_WATERFALL_NOTICE } from "../../src/workbook/office/writer";
import { excelHost, isDark } from "../../src/taskpane/host";
import { dictionary, pickLanguage } from "../../src/taskpane/i18n";
import { defaultSettings, runJob, tableNames, type EditedChoice, type Settings } from "../../src/taskpane/jobs";

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
    // Beside the prognosis the nämnd's report, as the command line's rapport: the resultaträkning (the ledger has
    // konton), the commentary, the explanations and the investments of the example workbook.
    expect(out.written).toEqual(["Prognos per ansvar", "Sammanfattning", "Resultaträkning", "Kommentarer", "Budgetkoll_kommentarer_gen", "Organisatorisk fördelning", "Bilaga per ansvar", "Avvikelseförklaringar", "Investeringsuppföljning", "Budgetkoll_prognoshistorik"]);
    expect(out.recognised.map((r) => r.sheet)).toEqual(["Ansvar", "Budget", "Utfall", "Utfall fg år", "Prognos"]);
    // Seed 004's resultaträkning from the ledger by konto: Intäkter -58 345 / -62 876 tkr (the kronor behind the
    // print; the sums are formulas, which the fake does not calculate).
    const revenue = readValues(state, "'Resultaträkning'!A1:C20").find((r) => r[0] === "Intäkter");
    expect(revenue?.slice(1, 3)).toEqual([-58_344_551, -62_876_000]);
    // Ansvar 23 + Budget 18 + Utfall 18 x 8 x 9 konton + Utfall fg år 18 x 12 x 9 + Prognos 18 = 3 299 rows.
    expect(out.rows).toEqual({ read: 3299, used: 3299, rejected: 0 });
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

  it("asks before replacing a report sheet the user edited, and the answer decides", async () => {
    const state = open(seed);
    await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    const at = readValues(state, "'Prognos per ansvar'!A1:H40").findIndex((r) => r[0] === "461");
    const cell = `'Prognos per ansvar'!H${at + 1}`;
    readCell(state, cell)!.value = 17_000_000;
    const asked: string[][] = [];
    const answer = (choice: EditedChoice) => async (sheets: readonly string[]) => {
      asked.push([...sheets]);
      return choice;
    };

    const cancelled = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, answer("cancel"));
    expect(asked).toEqual([["Prognos per ansvar"]]);
    expect(cancelled).toMatchObject({ ok: false, cancelled: true, written: [] });
    expect(cancelled.summary?.lines).toEqual(["Avbrutet: ingenting skrevs."]);
    expect(readCell(state, cell)?.value).toBe(17_000_000);

    const kept = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, answer("keep"));
    expect(kept.ok).toBe(true);
    expect(kept.written).toEqual(["Sammanfattning", "Resultaträkning", "Kommentarer", "Budgetkoll_kommentarer_gen", "Organisatorisk fördelning", "Bilaga per ansvar", "Avvikelseförklaringar", "Investeringsuppföljning", "Budgetkoll_prognoshistorik"]);
    expect(kept.summary?.lines).toContain("Dina ändringar i Prognos per ansvar behölls; bladet skrevs inte om.");
    expect(readCell(state, cell)?.value).toBe(17_000_000);

    const replaced = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, answer("replace"));
    expect(replaced.written[0]).toBe("Prognos per ansvar");
    expect(readCell(state, cell)?.value).toBe(16_393_000);
    expect(asked).toHaveLength(3);
    // Nothing edited any more: the next run does not ask.
    await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, answer("cancel"));
    expect(asked).toHaveLength(3);
  });

  it("says which edited commentary sentences it kept", async () => {
    const state = open(seed);
    await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    const line = readValues(state, "Kommentarer!A1:D40").findIndex((r) => r[0] === "461");
    readCell(state, `Kommentarer!D${line + 1}`)!.value = "Egen kommentar om 461.";
    const asked: string[][] = [];
    const again = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, async (sheets) => (asked.push([...sheets]), "replace"));
    // The commentary merges the edit itself: no question, and the summary names the sentence kept.
    expect(asked).toEqual([]);
    expect(again.summary?.lines.find((l) => l.includes("behölls"))).toMatch(/^1 kommentar som du har ändrat behölls: 461 /);
  });

  it("keeps the month's forecasts in the workbook and shows the change at the next month", async () => {
    const state = open(seed);
    await runJob("prognosis", excelHost(), { ...settings, month: 7 }, { kind: "auto" });
    // In August 461 raises its forecast from 16 393 to 16 893 tkr.
    const prognos = state.sheets.find((s) => s.name === "Prognos");
    const at = readValues(state, "Prognos!A1:B30").findIndex((r) => r[0] === 461);
    expect(prognos).toBeDefined();
    readCell(state, `Prognos!B${at + 1}`)!.value = 16_893;
    const august = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, async () => "replace");
    expect(august.ok).toBe(true);
    const rows = readValues(state, "'Prognos per ansvar'!A1:Z40");
    const header = rows.find((r) => r.includes("Förändring mot föregående prognos"))!;
    const column = header.indexOf("Förändring mot föregående prognos");
    expect(rows.find((r) => r[0] === "461")?.[column]).toBe(500_000);
    expect(rows.find((r) => r[0] === "440")?.[column]).toBe(0);
    const history = state.sheets.find((s) => s.name === "Budgetkoll_prognoshistorik");
    expect(history?.visibility).toBe("Hidden");
    const saved = readValues(state, "Budgetkoll_prognoshistorik!A1:G60").filter((r) => r[2] === "461").map((r) => [r[1], r[3]]);
    expect(saved).toEqual([[7, 16_393_000], [8, 16_893_000]]);
  });

  it("writes the templates without data validation on ExcelApi 1.7 and tells the user", async () => {
    const { Prognos: _f, Volymer: _v, "Åtgärder": _m, ...rest } = seed;
    const old = createWorkbook(rest, { excelApiMinor: 7 });
    uninstall = installExcelFake(globalThis, old);
    const out = await runJob("templates", excelHost(), settings, { kind: "auto" });
    expect(out.ok).toBe(true);
    expect(out.written).toEqual(["Prognos", "Åtgärder"]);
    expect(out.summary?.lines.at(-1)).toBe(NO_VALIDATION_NOTICE);
    expect(old.sheets.find((s) => s.name === "Prognos")?.validations).toEqual([]);
    uninstall();
    // With ExcelApi 1.8 the same templates are validated and nothing is said about it.
    const current = open(rest);
    const again = await runJob("templates", excelHost(), settings, { kind: "auto" });
    expect(again.summary?.lines).not.toContain(NO_VALIDATION_NOTICE);
    expect(current.sheets.find((s) => s.name === "Prognos")?.validations.length).toBeGreaterThan(0);
  });

  it("reads a header it does not know through the column mapping, written as the settings page says: blad → rubrik → fält", async () => {
    // The example's Utfall with its amount column headed "Summa kr", a header the recognition does not know.
    const renamed = { ...seed, Utfall: seed.Utfall!.map((r, i) => (i === 0 ? r.map((h) => (h === "Belopp" ? "Summa kr" : h)) : r)) };
    open(renamed);
    const unmapped = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(unmapped.ok).toBe(false);
    expect(unmapped.errors.find((e) => e.sheet === "Utfall")?.message).toMatch(/^hittar ingen rubrikrad med Ansvar, Period och Belopp/);
    expect(dictionary("sv").columnMapping).toBe("Kolumnmappning (JSON: blad → rubrik → fält)");
    expect(dictionary("sv").columnMappingInvalid).toContain('{"Utfall": {"Summa kr": "amount"}}');

    const mapped = await runJob("prognosis", excelHost(), { ...settings, columnMapping: JSON.parse('{"Utfall": {"Summa kr": "amount"}}') }, { kind: "auto" });
    expect(mapped.ok).toBe(true);
    expect(mapped.warnings).toEqual([]);
    expect(mapped.recognised.find((r) => r.sheet === "Utfall")?.fields).toMatchObject({ amount: "D1" });
    // The same figures as with the header Belopp (the first test).
    expect(mapped.rows).toEqual({ read: 3299, used: 3299, rejected: 0 });
    expect(mapped.summary?.lines[0]).toBe("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
  });

  it("warns in Swedish about a mapping entry that does nothing: header and field swapped, a header or sheet not there", async () => {
    const renamed = { ...seed, Utfall: seed.Utfall!.map((r, i) => (i === 0 ? r.map((h) => (h === "Belopp" ? "Summa kr" : h)) : r)) };
    open(renamed);
    const columnMapping = { Utfall: { amount: "Summa kr", "Summa  kronor": "amount" }, Utfal: { "Summa kr": "amount" } };
    const out = await runJob("prognosis", excelHost(), { ...settings, columnMapping }, { kind: "auto" });
    expect(out.ok).toBe(false);
    expect(out.warnings.slice(0, 3).map(formatInputError)).toEqual([
      expect.stringMatching(/^Blad "Utfall": rubriken "amount" i kolumnmappningen: "Summa kr" är inget fält: förväntade ett av Ansvar, .* Rubriken står först och fältet sist: \{"Utfall": \{"Summa kr": "amount"\}\}\.$/),
      'Blad "Utfall": rubriken "Summa  kronor" i kolumnmappningen finns inte bland bladets första 20 rader och lästes inte som amount: skriv rubriken som den står på bladet.',
      'Blad "Utfal": kolumnmappningen nämner bladet "Utfal", som inte finns i arbetsboken: skriv bladets namn som på fliken.',
    ]);
  });

  it("says in the summary, in Swedish, what an older Excel could not draw and what was drawn instead", async () => {
    // ExcelApi 1.8: no Waterfall chart type (1.9; the summary's bridge becomes stacked columns), no row grouping
    // (1.10), no indent (1.9).
    const old = createWorkbook(seed, { excelApiMinor: 8 });
    uninstall = installExcelFake(globalThis, old);
    const out = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(out.ok).toBe(true);
    expect(out.summary?.lines.slice(-3)).toEqual([NO_WATERFALL_NOTICE, NO_OUTLINE_NOTICE, NO_INDENT_NOTICE]);
    expect(old.sheets.find((s) => s.name === "Sammanfattning")?.charts.map((c) => c.type)).toContain("ColumnStacked");
    uninstall();
    // The Excel the fake stands for by default has them all, and nothing is said.
    open(seed);
    const current = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(current.summary?.lines).not.toContain(NO_WATERFALL_NOTICE);
    expect(current.summary?.lines).not.toContain(NO_OUTLINE_NOTICE);
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
