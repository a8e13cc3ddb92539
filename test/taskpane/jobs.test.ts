/**
 * The task pane's jobs without a browser: the Office.js reader and writer on the Excel fake, seeded with the
 * example workbook; the input chosen automatically, from the selection and from a named table.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createWorkbook,
  installExcelFake,
  readCell,
  readValues,
  run as excelRun,
  type Seed,
  type WorkbookState,
} from "../fakes/excel";
import { exampleSeed, PROGNOSIS_REPORT_SHEETS } from "../e2e/seed";
import { formatTkr } from "../../src/core/amounts";
import { formatInputError } from "../../src/input/errors";
import { VOLUME_COLUMNS } from "../../src/report/volumeSheet";
import { NO_INDENT_NOTICE, NO_OUTLINE_NOTICE, NO_VALIDATION_NOTICE } from "../../src/workbook/office/writer";
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
    // The largest deficits per ansvar, as the sheet Sammanfattning lists them (seed 004: 422 IFO BoF -3 250).
    expect(out.summary?.deficits).toEqual([
      { name: "422 IFO BoF", tkr: "-3 250", kronor: -3_250_000 },
      { name: "461 Funktionshinder", tkr: "-2 100", kronor: -2_100_000 },
      { name: "448 Hemgården omvårdnad", tkr: "-1 100", kronor: -1_100_000 },
      { name: "463 Stöd och resurs", tkr: "-450", kronor: -450_000 },
      { name: "420 Individ och familjeomsorg", tkr: "-100", kronor: -100_000 },
    ]);
    expect(out.summary?.lines[0]).toBe("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
    // The first screen's headline: budget i balans for the year (seed 004), nothing missing.
    expect(out.summary?.headline).toEqual({ variance: 0, budget: 216_123_000, yearEnd: false, gap: 0 });
    expect(out.sheet).toBe("Prognos per ansvar");
    // Beside the prognosis the nämnd's report, as the command line's rapport: the resultaträkning (the ledger has
    // konton), the commentary, the explanations and the investments of the example workbook.
    expect(out.written).toEqual(PROGNOSIS_REPORT_SHEETS);
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
    expect(kept.written).toEqual(PROGNOSIS_REPORT_SHEETS.filter((s) => s !== "Prognos per ansvar"));
    expect(kept.summary?.lines).toContain("Dina ändringar i Prognos per ansvar behölls; bladet skrevs inte om.");
    expect(readCell(state, cell)?.value).toBe(17_000_000);

    const replaced = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, answer("replace"));
    expect(replaced.written).toContain("Prognos per ansvar");
    expect(readCell(state, cell)?.value).toBe(16_393_000);
    expect(asked).toHaveLength(3);
    // Nothing edited any more: the next run does not ask.
    await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, answer("cancel"));
    expect(asked).toHaveLength(3);
  });

  it("asks again about a sheet edited while the question was open, and never replaces it unasked", async () => {
    const state = open(seed);
    await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    const at = readValues(state, "'Prognos per ansvar'!A1:H40").findIndex((r) => r[0] === "461");
    readCell(state, `'Prognos per ansvar'!H${at + 1}`)!.value = 17_000_000;
    const investments = readValues(state, "'Investeringsuppföljning'!A1:A40").findIndex(
      (r) => typeof r[0] === "string" && r[0].startsWith("Avstämning"),
    );
    const note = `'Investeringsuppföljning'!A${investments + 1}`;
    const asked: string[][] = [];
    // "Ersätt" for the prognosis; meanwhile the user writes on Investeringsuppföljning, and keeps that when asked.
    const out = await runJob("prognosis", excelHost(), settings, { kind: "auto" }, undefined, async (sheets) => {
      asked.push([...sheets]);
      if (asked.length === 1) readCell(state, note)!.value = "Egen anteckning under frågan.";
      return asked.length === 1 ? "replace" : "keep";
    });
    expect(asked).toEqual([["Prognos per ansvar"], ["Investeringsuppföljning"]]);
    expect(out.written).toEqual(
      [
        "Sammanfattning",
        "Kontroller",
        "Prognos per ansvar",
        "Resultaträkning",
        "Kommentarer",
        "Budgetkoll_kommentarer_gen",
        "Organisatorisk fördelning",
        "Bilaga per ansvar",
        "Avvikelseförklaringar",
        "Investeringsuppföljning",
        "Volymbudget",
        "Åtgärdsplan",
        "Budgetkoll_prognoshistorik",
      ].filter((s) => s !== "Investeringsuppföljning"),
    );
    expect(out.summary?.lines).toContain("Dina ändringar i Investeringsuppföljning behölls; bladet skrevs inte om.");
    expect(readCell(state, `'Prognos per ansvar'!H${at + 1}`)?.value).toBe(16_393_000);
    expect(readCell(state, note)?.value).toBe("Egen anteckning under frågan.");
  });

  it("says which edited commentary sentences it kept", async () => {
    const state = open(seed);
    await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    const line = readValues(state, "Kommentarer!A1:D40").findIndex((r) => r[0] === "461");
    readCell(state, `Kommentarer!D${line + 1}`)!.value = "Egen kommentar om 461.";
    const asked: string[][] = [];
    const again = await runJob(
      "prognosis",
      excelHost(),
      settings,
      { kind: "auto" },
      undefined,
      async (sheets) => (asked.push([...sheets]), "replace"),
    );
    // The commentary merges the edit itself: no question, and the summary names the sentence kept.
    expect(asked).toEqual([]);
    expect(again.summary?.lines.find((l) => l.includes("behölls"))).toMatch(
      /^1 kommentar som du har ändrat behölls: 461 /,
    );
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
    const header = rows.find((r) => r.includes("Förändring mot föregående prognos (+ bättre, - sämre)"))!;
    const column = header.indexOf("Förändring mot föregående prognos (+ bättre, - sämre)");
    // 500 tkr more cost: 500 tkr worse.
    expect(rows.find((r) => r[0] === "461")?.[column]).toBe(-500_000);
    expect(rows.find((r) => r[0] === "440")?.[column]).toBe(0);
    const history = state.sheets.find((s) => s.name === "Budgetkoll_prognoshistorik");
    expect(history?.visibility).toBe("Hidden");
    const saved = readValues(state, "Budgetkoll_prognoshistorik!A1:G60")
      .filter((r) => r[2] === "461")
      .map((r) => [r[1], r[3]]);
    expect(saved).toEqual([
      [7, 16_393_000],
      [8, 16_893_000],
    ]);
  });

  it("writes the templates without data validation on ExcelApi 1.7 and tells the user", async () => {
    const { Prognos: _f, Volymer: _v, Åtgärder: _m, ...rest } = seed;
    const old = createWorkbook(rest, { excelApiMinor: 7 });
    uninstall = installExcelFake(globalThis, old);
    const out = await runJob("templates", excelHost(), settings, { kind: "auto" });
    expect(out.ok).toBe(true);
    expect(out.written).toEqual(["Mall Prognos", "Mall Åtgärder"]);
    expect(out.summary?.lines.at(-1)).toBe(NO_VALIDATION_NOTICE);
    expect(old.sheets.find((s) => s.name === "Mall Prognos")?.validations).toEqual([]);
    uninstall();
    // With ExcelApi 1.8 the same templates are validated and nothing is said about it.
    const current = open(rest);
    const again = await runJob("templates", excelHost(), settings, { kind: "auto" });
    expect(again.summary?.lines).not.toContain(NO_VALIDATION_NOTICE);
    expect(current.sheets.find((s) => s.name === "Mall Prognos")?.validations.length).toBeGreaterThan(0);
  });

  it("reads a header it does not know through the column mapping, written as the settings page says: blad → rubrik → fält", async () => {
    // The example's Utfall with its amount column headed "Summa kr", a header the recognition does not know.
    const renamed = {
      ...seed,
      Utfall: seed.Utfall!.map((r, i) => (i === 0 ? r.map((h) => (h === "Belopp" ? "Summa kr" : h)) : r)),
    };
    open(renamed);
    const unmapped = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(unmapped.ok).toBe(false);
    expect(unmapped.errors.find((e) => e.sheet === "Utfall")?.message).toMatch(
      /^hittar ingen rubrikrad med Ansvar, Period och Belopp/,
    );
    expect(dictionary("sv").columnMapping).toBe("Kolumnmappning (JSON: blad → rubrik → fält)");
    expect(dictionary("sv").columnMappingInvalid).toContain('{"Utfall": {"Summa kr": "amount"}}');

    const mapped = await runJob(
      "prognosis",
      excelHost(),
      { ...settings, columnMapping: JSON.parse('{"Utfall": {"Summa kr": "amount"}}') },
      { kind: "auto" },
    );
    expect(mapped.ok).toBe(true);
    expect(mapped.warnings).toEqual([]);
    expect(mapped.recognised.find((r) => r.sheet === "Utfall")?.fields).toMatchObject({ amount: "D1" });
    // The same figures as with the header Belopp (the first test).
    expect(mapped.rows).toEqual({ read: 3299, used: 3299, rejected: 0 });
    expect(mapped.summary?.lines[0]).toBe("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
  });

  it("warns in Swedish about a mapping entry that does nothing: header and field swapped, a header or sheet not there", async () => {
    const renamed = {
      ...seed,
      Utfall: seed.Utfall!.map((r, i) => (i === 0 ? r.map((h) => (h === "Belopp" ? "Summa kr" : h)) : r)),
    };
    open(renamed);
    const columnMapping = {
      Utfall: { amount: "Summa kr", "Summa  kronor": "amount" },
      Utfal: { "Summa kr": "amount" },
    };
    const out = await runJob("prognosis", excelHost(), { ...settings, columnMapping }, { kind: "auto" });
    expect(out.ok).toBe(false);
    expect(out.warnings.slice(0, 3).map(formatInputError)).toEqual([
      expect.stringMatching(
        /^Blad "Utfall": rubriken "amount" i kolumnmappningen: "Summa kr" är inget fält: förväntade ett av Ansvar, .* Rubriken står först och fältet sist: \{"Utfall": \{"Summa kr": "amount"\}\}\.$/,
      ),
      'Blad "Utfall": rubriken "Summa  kronor" i kolumnmappningen finns inte bland bladets första 20 rader och lästes inte som amount: skriv rubriken som den står på bladet.',
      'Blad "Utfal": kolumnmappningen nämner bladet "Utfal", som inte finns i arbetsboken: skriv bladets namn som på fliken.',
    ]);
  });

  it("says in the summary, in Swedish, what an older Excel could not draw and what was drawn instead", async () => {
    // ExcelApi 1.8: no row grouping (1.10), no indent (1.9). The bridge is stacked columns on every Excel.
    const old = createWorkbook(seed, { excelApiMinor: 8 });
    uninstall = installExcelFake(globalThis, old);
    const out = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(out.ok).toBe(true);
    expect(out.summary?.lines.slice(-2)).toEqual([NO_OUTLINE_NOTICE, NO_INDENT_NOTICE]);
    expect(old.sheets.find((s) => s.name === "Sammanfattning")?.charts.map((c) => c.type)).toContain("ColumnStacked");
    uninstall();
    // The Excel the fake stands for by default has them all, and nothing is said.
    open(seed);
    const current = await runJob("prognosis", excelHost(), settings, { kind: "auto" });
    expect(current.summary?.lines).not.toContain(NO_OUTLINE_NOTICE);
  });

  it("says where the input is wrong and writes nothing", async () => {
    const state = open({
      ...seed,
      Budget: seed.Budget!.map((r, i) => (i === 4 ? [r[0]!, "12 tkr?", ...r.slice(2)] : r)),
    });
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
    const table: WorkbookState["tables"][number] = {
      id: state.nextId++,
      name: "Atgarder",
      sheetId: measures.id,
      rect: { row: 0, column: 0, rowCount: 6, columnCount: 12 },
      style: "TableStyleLight9",
      showBandedRows: true,
    };
    state.tables.push(table);
    const host = excelHost();
    expect(tableNames(await host.reader.tables())).toEqual(["Atgarder"]);
    const out = await runJob("actionPlan", host, settings, { kind: "table", table: "Atgarder" });
    expect(out.ok).toBe(true);
    expect(out.rows?.read).toBe(5);
  });
});

describe("reading the templates back (Mallar, Läs tillbaka)", () => {
  type Value = string | number | null;
  /** Types into cells of a sheet by A1 address, as a unit fills in its template. */
  function fill(state: WorkbookState, sheet: string, cells: Record<string, Value>): void {
    for (const [address, value] of Object.entries(cells)) readCell(state, `'${sheet}'!${address}`)!.value = value;
  }
  /** The 1-based row of an ansvar in the forecast template. */
  const templateRow = (state: WorkbookState, code: string): number =>
    readValues(state, "'Mall Prognos'!A1:A30").findIndex((r) => r[0] === code) + 1;
  /** The numbers of a template column under its header (row 3), summed. */
  const columnSum = (state: WorkbookState, sheet: string, column: string): number =>
    readValues(state, `'${sheet}'!${column}4:${column}60`).reduce((a, [v]) => a + (typeof v === "number" ? v : 0), 0);
  const lines = (out: Awaited<ReturnType<typeof runJob>>) => out.summary?.lines ?? [];

  /**
   * The example workbook with its own volume and åtgärd sheets under other names (the template sheets Prognos,
   * Volymer and Åtgärder are the add-in's), and without its forecasts: the units send them.
   */
  function workbookForTemplates(): WorkbookState {
    const { Prognos: _forecasts, Volymer: volumes, Åtgärder: measures, ...rest } = seed;
    return open({ ...rest, "Volymer indata": volumes!, Åtgärdslista: measures! });
  }

  it("consolidates the returned forecast, volume and åtgärd templates, and refuses a bad cell in each by sheet and cell", async () => {
    const state = workbookForTemplates();
    const made = await runJob("templates", excelHost(), settings, { kind: "auto" });
    expect(made.written).toEqual(["Mall Prognos", "Mall Volymer", "Mall Åtgärder"]);
    const sheets = state.sheets.map((s) => s.name);

    // As in the command line's samla test: 422 and 421 send forecasts (421 as text first), the volume template has
    // text in a volume cell, the åtgärd template a status that is not one. Volymer rows 4-9: Myndighet och bistånd /
    // Hemtjänst, Vård och omsorg / Hemtjänst and Särskilt boende, Socialt stöd / LSS, IFO / Försörjningsstöd and
    // Institutionsplaceringar barn. Åtgärder: measure 5 on row 8, a new measure on the first blank row (26).
    const r421 = templateRow(state, "421");
    fill(state, "Mall Prognos", { [`E${templateRow(state, "422")}`]: 19_625, [`E${r421}`]: "ungefär 24 miljoner" });
    fill(state, "Mall Volymer", {
      G4: 41_200,
      G5: 999_999,
      G6: "många",
      G7: 150,
      G8: 540,
      G9: 1_010.5,
      H5: 19_300,
      I5: "Fler beviljade timmar än budgeterat.",
    });
    fill(state, "Mall Åtgärder", { E8: "Påbörjad", G8: 300, H8: 900, L8: "Två placeringar hemtagna." });
    fill(state, "Mall Åtgärder", {
      A26: "23",
      B26: "ÄFH",
      C26: "Samordna hemtjänstens planering",
      D26: "Kim Ek",
      E26: "Snart",
      F26: 400,
      G26: 0,
      H26: 200,
      I26: "Nej",
      J26: "Låg",
    });

    const bad = await runJob("readTemplates", excelHost(), settings, { kind: "auto" });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map(formatInputError)).toEqual([
      `Blad "Mall Prognos", cell E${r421}: "ungefär 24 miljoner" är ett ungefärligt belopp: förväntade ett belopp i tkr, t.ex. 1 234 eller -1 102.`,
      'Blad "Mall Volymer", cell G6: "många" är inte en volym: förväntade en volym (ett tal som inte är negativt), t.ex. 2,5.',
      'Blad "Mall Åtgärder", cell E26: "Snart" är ingen status för en åtgärd: förväntade Ej påbörjad, Påbörjad, Genomförd, Ej genomförd eller Avslagen.',
    ]);
    expect(bad.written).toEqual([]);
    expect(state.sheets.map((s) => s.name)).toEqual(sheets);

    fill(state, "Mall Prognos", { [`E${r421}`]: 24_661 });
    fill(state, "Mall Volymer", { G6: 15_800 });
    fill(state, "Mall Åtgärder", { E26: "Påbörjad" });
    const good = await runJob("readTemplates", excelHost(), settings, { kind: "auto" });
    expect(good.ok).toBe(true);
    expect(good.written).toEqual([
      "Sammanfattning",
      "Kontroller",
      "Prognos per ansvar",
      "Volymbudget",
      "Åtgärdsplan",
      "Budgetkoll_prognoshistorik",
    ]);
    expect(good.warnings.map(formatInputError)).toContain(
      'Blad "Åtgärder": Åtgärd nr 23 finns inte i arbetsboken men tas med från den inlämnade mallen.',
    );

    // The forecasts: the returned ones in Prognos helår (column H), the others proposed by the method.
    const prognosis = readValues(state, "'Prognos per ansvar'!A1:L40");
    expect(prognosis.find((r) => r[0] === "422")?.slice(6, 8)).toEqual([16_375_000, 19_625_000]);
    expect(prognosis.find((r) => r[0] === "421")?.slice(6, 8)).toEqual([25_961_000, 24_661_000]);

    // The volumes: the returned actual volume and cost replace the workbook's, the plan stays the workbook's; the
    // volume template's totals are the report's (nothing lost), and its reconciliation and comment are under the table.
    const at = (id: string): number => VOLUME_COLUMNS.findIndex((c) => c.id === id);
    const volumeSheet = readValues(state, "Volymbudget!A1:T40");
    const volumeLines = volumeSheet.filter((r) => r[at("unit")] !== "" && typeof r[at("actualVolume")] === "number");
    const care = volumeLines.find(
      (r) => r[at("area")] === "Vård och omsorg" && r[at("name")] === "Hemtjänst (utförare)",
    )!;
    expect([care[at("actualVolume")], care[at("actualCost")], care[at("budgetVolume")], care[at("unitPrice")]]).toEqual(
      [999_999, 19_300_000, 66_000, 430],
    );
    const typedVolume = columnSum(state, "Mall Volymer", "G");
    expect(typedVolume).toBe(41_200 + 999_999 + 15_800 + 150 + 540 + 1_010.5);
    expect(volumeLines.reduce((a, r) => a + Number(r[at("actualVolume")]), 0)).toBe(typedVolume);
    const reportCost = formatTkr(volumeLines.reduce((a, r) => a + Number(r[at("actualCost")]), 0));
    expect(reportCost).toBe("80 218");
    // The reconciliation puts the template's cells as typed (column H, whole tkr) beside the written report's lines.
    expect(formatTkr(columnSum(state, "Mall Volymer", "H") * 1000)).toBe("80 218");
    const volumeNote =
      "Volymmallen: inlämnade volymmått 6 (ändrade: 6, oförändrade: 0); i mallarna utfall volym 1 058 699,50 och kostnad t.o.m. perioden 80 218 tkr (hela tkr), " +
      `i Volymbudget för samma volymmått utfall volym 1 058 699,50 och kostnad ${reportCost} tkr.`;
    expect(volumeSheet.map((r) => r[0])).toEqual(
      expect.arrayContaining([
        volumeNote,
        "Kommentarer i volymmallen:",
        "Vård och omsorg / Hemtjänst: Fler beviljade timmar än budgeterat.",
      ]),
    );

    // The measures: measure 5 as returned, the new one added; the åtgärd template's effects are the report's.
    const plan = readValues(state, "'Åtgärdsplan'!A1:L80");
    const listHeader = plan.findIndex((r) => r[0] === "Åtgärd");
    const measures = plan.slice(
      listHeader + 1,
      plan.findIndex((r, i) => i > listHeader && r[0] === ""),
    );
    expect(measures).toHaveLength(23);
    expect(measures.find((r) => r[1] === "5")?.slice(0, 8)).toEqual([
      "(SOV) Satsa på hemmaplanslösningar.",
      "5",
      "SOV",
      2_000_000,
      300_000,
      900_000,
      "Påbörjad",
      "Nej",
    ]);
    expect(measures.find((r) => r[1] === "23")?.slice(0, 9)).toEqual([
      "Samordna hemtjänstens planering",
      "23",
      "ÄFH",
      400_000,
      0,
      200_000,
      "Påbörjad",
      "Nej",
      "Kim Ek",
    ]);
    const sum = (column: number): number =>
      measures.reduce((a, r) => a + (typeof r[column] === "number" ? (r[column] as number) : 0), 0);
    expect([sum(3), sum(5)]).toEqual([
      columnSum(state, "Mall Åtgärder", "F") * 1000,
      columnSum(state, "Mall Åtgärder", "H") * 1000,
    ]);
    expect([sum(3), sum(5)]).toEqual([18_150_000, 9_250_000]);
    // Measure 5 changed, measure 23 new, the other 21 left as sent by the template.
    const planNote =
      "Åtgärdsmallen: inlämnade åtgärder 23 (ändrade: 1, nya: 1, oförändrade: 21); i mallarna planerad effekt 18 150 tkr och prognos effekt 9 250 tkr (hela tkr), " +
      "i Åtgärdsplan för samma åtgärder planerad effekt 18 150 tkr och prognos effekt 9 250 tkr.";
    expect(plan.map((r) => r[0])).toContain(planNote);

    // The summary: the result with the returned forecasts, the gap after the measures, what came back (18 forecast
    // rows of which 2 filled in, 6 volume lines, 23 measures: 47 = 31 + 0 + 16 blank; the forecasts 19 625 + 24 661
    // tkr), and the 16 ansvar whose Prognos helår nobody filled in.
    expect(lines(good)).toEqual([
      "Prognosen för helåret visar ett överskott på 6 443 tkr (3,0 % av budget).",
      "Prognosen visar ett överskott på 6 443 tkr; med åtgärder som inte ingår i prognosen (3 100 tkr) nås budget i balans med ett överskott på 9 543 tkr.",
      "Inlämnade mallar: 3 mallblad, 47 rader lästa = 31 sammanställda + 0 avvisade + 16 ej ifyllda; prognoser i mallarna 44 286 tkr på 2 rader = 44 286 tkr för 2 ansvar + 0 tkr avvisade (0 rader) + 0 tkr i likadana kopior (0 rader); i Prognos per ansvar för samma ansvar 44 286 tkr.",
      "Ej inlämnade (16): 400 Nämnd, 410 Förvaltningsledning, 420 Individ och familjeomsorg, 440 Vård och omsorg, 441 Hemtjänst Herrljunga Landsbygd, 442 Hemtjänst Herrljunga tätort, 443 Hemtjänst Ljung, 444 Korttidsenhet och bemanning, 445 Hagen säbo, 446 Hemgården demens, 447 Hälso och sjukvård, 448 Hemgården omvårdnad, 460 Socialt stöd, 461 Funktionshinder, 463 Stöd och resurs, 467 Sysselsättning",
      volumeNote,
      "Kommentarer i volymmallen:",
      "Vård och omsorg / Hemtjänst: Fler beviljade timmar än budgeterat.",
      planNote,
      "Avstämning: 1296 rader lästa, 1296 använda, 0 utanför perioden (0 tkr); utfall i indata 136 435 tkr = utfall i rapporten 136 435 tkr; budget i indata 216 123 tkr = budget i rapporten 216 123 tkr.",
    ]);
  });

  it("takes new measures from the blank åtgärd template, lists the templates that have not come back and takes a copy moved in", async () => {
    // The example without forecasts, volumes and measures: Skapa mallar writes Prognos and a blank Åtgärder.
    const { Prognos: _forecasts, Volymer: _volumes, Åtgärder: _measures, ...rest } = seed;
    const state = open(rest);
    expect((await runJob("templates", excelHost(), settings, { kind: "auto" })).written).toEqual([
      "Mall Prognos",
      "Mall Åtgärder",
    ]);
    fill(state, "Mall Prognos", { [`E${templateRow(state, "422")}`]: 19_625 });
    fill(state, "Mall Åtgärder", {
      A4: "1",
      B4: "ÄFH",
      C4: "Samordna hemtjänstens planering",
      D4: "Kim Ek",
      E4: "Påbörjad",
      F4: 400,
      G4: 0,
      H4: 200,
      I4: "Nej",
      J4: "Låg",
    });
    const all = await runJob("readTemplates", excelHost(), settings, { kind: "auto" });
    expect(all.written).toEqual([
      "Sammanfattning",
      "Kontroller",
      "Prognos per ansvar",
      "Åtgärdsplan",
      "Budgetkoll_prognoshistorik",
    ]);
    // Only 422's Prognos helår is filled in: the other 17 ansvar on the template have not sent a forecast. Their
    // blank rows are not rejected: 19 rows read = 1 forecast + 1 measure + 17 blank.
    expect(lines(all).slice(2, 5)).toEqual([
      "Inlämnade mallar: 2 mallblad, 19 rader lästa = 2 sammanställda + 0 avvisade + 17 ej ifyllda; prognoser i mallarna 19 625 tkr på 1 rad = 19 625 tkr för 1 ansvar + 0 tkr avvisade (0 rader) + 0 tkr i likadana kopior (0 rader); i Prognos per ansvar för samma ansvar 19 625 tkr.",
      "Ej inlämnade (17): 400 Nämnd, 410 Förvaltningsledning, 420 Individ och familjeomsorg, 421 IFO vuxen och bistånd, 440 Vård och omsorg, 441 Hemtjänst Herrljunga Landsbygd, 442 Hemtjänst Herrljunga tätort, 443 Hemtjänst Ljung, 444 Korttidsenhet och bemanning, 445 Hagen säbo, 446 Hemgården demens, 447 Hälso och sjukvård, 448 Hemgården omvårdnad, 460 Socialt stöd, 461 Funktionshinder, 463 Stöd och resurs, 467 Sysselsättning",
      "Åtgärdsmallen: inlämnade åtgärder 1 (ändrade: 0, nya: 1, oförändrade: 0); i mallarna planerad effekt 400 tkr och prognos effekt 200 tkr (hela tkr), i Åtgärdsplan för samma åtgärder planerad effekt 400 tkr och prognos effekt 200 tkr.",
    ]);

    // Every ansvar but 443 and 445 fills in 1 000 tkr (422 keeps its 19 625), and the åtgärd template is gone.
    const codes = readValues(state, "'Mall Prognos'!A4:A21").map((r) => String(r[0]));
    expect(codes).toHaveLength(18);
    for (const code of codes.filter((c) => !["422", "443", "445"].includes(c)))
      fill(state, "Mall Prognos", { [`E${templateRow(state, code)}`]: 1000 });
    await excelRun(state, async (context) => context.workbook.worksheets.getItem("Mall Åtgärder").delete());
    const missing = await runJob("readTemplates", excelHost(), settings, { kind: "auto" });
    expect(missing.ok).toBe(true);
    expect(lines(missing).slice(1, 3)).toEqual([
      "Inlämnade mallar: 1 mallblad, 18 rader lästa = 16 sammanställda + 0 avvisade + 2 ej ifyllda; prognoser i mallarna 34 625 tkr på 16 rader = 34 625 tkr för 16 ansvar + 0 tkr avvisade (0 rader) + 0 tkr i likadana kopior (0 rader); i Prognos per ansvar för samma ansvar 34 625 tkr.",
      "Ej inlämnade (3): 443 Hemtjänst Ljung, 445 Hagen säbo, åtgärdsmallen (Mall Åtgärder)",
    ]);

    // Hemtjänst Ljung's filled-in copy is moved in from its workbook: Excel names it "Prognos (2)", its table kept.
    await excelRun(state, async (context) => {
      const sheet = context.workbook.worksheets.add("Prognos (2)");
      sheet.getRange("A3:F4").values = [
        ["Ansvar", "Benämning", "Budget helår (tkr)", "Utfall t.o.m. period (tkr)", "Prognos helår (tkr)", "Kommentar"],
        ["443", "Hemtjänst Ljung", 2165, 1033, 2300, "Fler brukare."],
      ];
      sheet.tables.add("A3:F4", true).name = "Budgetkoll_Prognosmall2";
    });
    const copied = await runJob("readTemplates", excelHost(), settings, { kind: "auto" });
    expect(lines(copied).slice(1, 3)).toEqual([
      "Inlämnade mallar: 2 mallblad, 19 rader lästa = 17 sammanställda + 0 avvisade + 2 ej ifyllda; prognoser i mallarna 36 925 tkr på 17 rader = 36 925 tkr för 17 ansvar + 0 tkr avvisade (0 rader) + 0 tkr i likadana kopior (0 rader); i Prognos per ansvar för samma ansvar 36 925 tkr.",
      "Ej inlämnade (2): 445 Hagen säbo, åtgärdsmallen (Mall Åtgärder)",
    ]);
    const r443 = readValues(state, "'Prognos per ansvar'!A1:L40").find((r) => r[0] === "443");
    expect([r443?.[7], r443?.[10], r443?.[11]]).toEqual([2_300_000, "Inlämnad prognos", "Fler brukare."]);
  });

  it("writes the templates beside the inputs they are made from, and never over a user's sheet of the same name", async () => {
    // The example has its own input sheets Prognos, Volymer and Åtgärder; and here a user's own sheet "Mall Prognos".
    const state = open({ ...seed, "Mall Prognos": [["Mina anteckningar"]] });
    const out = await runJob("templates", excelHost(), settings, { kind: "auto" });
    expect(out.ok).toBe(true);
    expect(out.written).toEqual(["Mall Prognos 2", "Mall Volymer", "Mall Åtgärder"]);
    expect(readValues(state, "'Mall Prognos'!A1:A1")).toEqual([["Mina anteckningar"]]);
    expect(readValues(state, "Prognos!A1:B1")).toEqual([seed.Prognos![0]!.slice(0, 2).map((v) => v ?? "")]);
    // Read back, the template sheets are found by the registry and their tables: the input sheets are not templates.
    fill(state, "Mall Prognos 2", {
      [`E${readValues(state, "'Mall Prognos 2'!A1:A30").findIndex((r) => r[0] === "422") + 1}`]: 19_625,
    });
    const back = await runJob("readTemplates", excelHost(), settings, { kind: "auto" });
    expect(back.ok).toBe(true);
    expect(lines(back).find((l) => l.startsWith("Inlämnade mallar:"))).toMatch(/^Inlämnade mallar: 3 mallblad, /);
    const prognosis = readValues(state, "'Prognos per ansvar'!A1:L40");
    expect(prognosis.find((r) => r[0] === "422")?.slice(6, 8)).toEqual([16_375_000, 19_625_000]);
  });

  it("says so when the workbook has no templates: the user's own sheet Prognos is input, not a template", async () => {
    const state = open(seed);
    const out = await runJob("readTemplates", excelHost(), settings, { kind: "auto" });
    expect(out.ok).toBe(false);
    expect(out.errors.map(formatInputError)).toEqual([
      'Blad "Mall Prognos": arbetsboken har inga ifyllda mallar att läsa tillbaka: skapa mallarna med Skapa mallar, eller flytta in de inlämnade mallbladen (Mall Prognos, Mall Volymer, Mall Åtgärder) i arbetsboken.',
    ]);
    expect(state.sheets.map((s) => s.name)).toEqual(Object.keys(seed));
  });
});

describe("the summary in the user's sign convention", () => {
  it("shows the reconciliation's amounts with costs negative as the prognosis sheet does", async () => {
    // The example's amounts read with costs negative: the prognosis sheet shows them as typed (costs positive here,
    // so 136 435 tkr), and the summary says the same, not the internal convention's -136 435.
    const state = open(seed);
    const out = await runJob(
      "prognosis",
      excelHost(),
      { ...settings, signConvention: "costNegative" },
      { kind: "auto" },
    );
    expect(out.ok).toBe(true);
    expect(out.summary?.lines[2]).toBe(
      "Avstämning: 1296 rader lästa, 1296 använda, 0 utanför perioden (0 tkr); utfall i indata 136 435 tkr = utfall i rapporten 136 435 tkr; budget i indata 216 123 tkr = budget i rapporten 216 123 tkr.",
    );
    const rows = readValues(state, "'Prognos per ansvar'!A1:L40");
    const header = rows.find((r) => r[0] === "Ansvar")!;
    const leaves = rows.filter((r) => /^\d{3}$/.test(String(r[0])));
    const shown = (column: string): string =>
      formatTkr(leaves.reduce((a, r) => a + Number(r[header.indexOf(column)]), 0));
    expect([shown("Utfall t.o.m. period"), shown("Budget helår")]).toEqual(["136 435", "216 123"]);
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

describe("the bokslut (Månad 12) in the pane", () => {
  it("says the year's result, no forecast and no road to budget i balans", async () => {
    open(seed);
    const yearEnd = { ...settings, month: 12 };
    const prognosis = await runJob("prognosis", excelHost(), yearEnd, { kind: "auto" }, () => {});
    expect(prognosis.ok).toBe(true);
    const prognosisLines = prognosis.summary?.lines ?? [];
    expect(prognosisLines.join(" ")).not.toMatch(/Prognosen visar|Till budget i balans fattas/);
    const templates = await runJob("templates", excelHost(), yearEnd, { kind: "auto" }, () => {});
    expect(templates.written).toEqual(["Mall Volymer", "Mall Åtgärder"]);
    expect(templates.warnings.map((w) => w.message)).toContain(
      "rapporten är bokslutet för 2021: utfallet är årets, så ingen prognosmall skapas (volym- och åtgärdsmallarna skapas som vanligt).",
    );
    const actionPlan = await runJob("actionPlan", excelHost(), yearEnd, { kind: "auto" }, () => {});
    expect(actionPlan.ok).toBe(true);
    expect(actionPlan.summary?.lines[0]).toMatch(/^Bokslutet visar /);
  });
});
