import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatInputError } from "../../src/input/errors";
import { CsvParser, detectDelimiter } from "../../src/workbook/csv/csvParser";
import { parseAmount } from "../../src/core/amounts";
import { ledgerAmount, streamLedgerFile, streamWorkbook } from "../../src/workbook/exceljs/ledgerStream";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CorpusCase {
  readonly kind: string;
  readonly value: string | number | boolean | null;
  readonly expect: { number?: number; empty?: boolean; error?: boolean; period?: string };
  readonly note?: string;
}
const corpus = JSON.parse(readFileSync(join(__dirname, "../fixtures/badinput/cells.json"), "utf8")) as CorpusCase[];

async function writeXlsx(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
  }
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

function messages(r: { errors: { sheet: string; cell?: string; message: string }[] }): string[] {
  return r.errors.map(formatInputError);
}

describe("CsvParser", () => {
  it("reads quoted fields, escaped quotes, quoted line breaks, CRLF and a byte-order mark", () => {
    const p = new CsvParser();
    const rows = [...p.push('\ufeffAnsvar;Text;Belopp\r\n422;"IFO; BoF ""barn""";"-1 234,50"\r\n'), ...p.push('423;"två\nrader";7'), ...p.end()];
    expect(rows).toEqual([
      ["Ansvar", "Text", "Belopp"],
      ["422", 'IFO; BoF "barn"', "-1 234,50"],
      ["423", "två\nrader", "7"],
    ]);
  });

  it("detects the separator from the header line", () => {
    expect(detectDelimiter("Ansvar;Konto;Period;Belopp")).toBe(";");
    expect(detectDelimiter("Ansvar,Konto,Period,Belopp")).toBe(",");
    expect(detectDelimiter("Ansvar\tKonto\tPeriod")).toBe("\t");
    expect(detectDelimiter('"Belopp, kr";Ansvar')).toBe(";");
  });

  it("gives the same rows however the text is cut into chunks", () => {
    const text = 'a;b;c\n1;"x;y";"he said ""hej"""\r\n2;"multi\nline";3\n4;;\n"";5;6';
    const whole = (() => {
      const p = new CsvParser();
      return [...p.push(text), ...p.end()];
    })();
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 8 }), (cuts) => {
        const p = new CsvParser();
        const points = [0, ...cuts.sort((x, y) => x - y), text.length];
        const rows: string[][] = [];
        for (let i = 0; i + 1 < points.length; i++) rows.push(...p.push(text.slice(points[i], points[i + 1])));
        rows.push(...p.end());
        expect(rows).toEqual(whole);
      }),
    );
  });

  it("splits chunks without quotes in bulk into the same rows as line by line", () => {
    const field = fc.stringMatching(/^[0-9a-zåäö ,-]{0,6}$/);
    const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(";"));
    const text = fc
      .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
      .map(([lines, eol, trailing]) => `Ansvar;Belopp${eol}${lines.join(eol)}${trailing ? eol : ""}`);
    fc.assert(
      fc.property(text, fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 6 }), (t, cuts) => {
        // The reference: every line on its own, as the line-by-line loop reads it.
        const expected = t
          .split("\n")
          .slice(0, t.endsWith("\n") ? -1 : undefined)
          .map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l).split(";"));
        const p = new CsvParser();
        const points = [0, ...cuts.filter((c) => c < t.length).sort((x, y) => x - y), t.length];
        const rows: string[][] = [];
        for (let i = 0; i + 1 < points.length; i++) rows.push(...p.push(t.slice(points[i], points[i + 1])));
        rows.push(...p.end());
        expect(rows).toEqual(expected);
      }),
    );
  });
});

describe("ledgerAmount", () => {
  it("gives exactly what parseAmount gives, also on its shortcut for plain digits", () => {
    const plain = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,17}$/), fc.constantFrom("", ",", "."), fc.stringMatching(/^\d{1,6}$/))
      .map(([minus, int, sep, frac]) => `${minus ? "-" : ""}${int}${sep}${sep ? frac : ""}`);
    const any = fc.oneof(plain, fc.string({ maxLength: 8 }), fc.double({ noNaN: true }), fc.constant(null));
    fc.assert(
      fc.property(any, fc.constantFrom("kr" as const, "tkr" as const), (raw, unit) => {
        expect(ledgerAmount(raw, unit)).toEqual(parseAmount(raw, { type: "money", unit }));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("streamLedgerFile on .csv", () => {
  it("aggregates per ansvar and period, names every bad cell, and reconciles the counts and the amount", async () => {
    const path = join(dir, "huvudbok.csv");
    writeFileSync(
      path,
      [
        "Huvudboksutdrag 2021;;;", // a title above the header
        "Ansvar;Konto;Period;Belopp",
        '422;4610;2021-01;"1 000,50"',
        "422;5110;202101;-200",
        "422;5110;2021-02;300",
        "421;5110;2021-02;abc", // row 6: bad amount
        "421;5110;2021-13;10", // row 7: no such month
        ";5110;2021-02;10", // row 8: no ansvar
        "Summa;;;1 100,50", // a totals row
        "410 Förvaltningsledning;5110;aug 2021;(50)",
        ";;;",
      ].join("\r\n"),
    );
    const r = await streamLedgerFile(path, { defaultYear: 2021 });
    expect(r.sheet).toBe("huvudbok.csv");
    expect(messages(r)).toEqual([
      'Blad "huvudbok.csv", cell D6: "abc" är inte ett belopp: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.',
      'Blad "huvudbok.csv", cell C7: "2021-13" har månad 13, som inte finns: förväntade en månad, t.ex. 2023-08, 202308 eller aug 2023.',
      'Blad "huvudbok.csv", cell A8: Ansvar saknas: förväntade ett ansvar på raden, t.ex. 422.',
    ]);
    expect(r.warnings.map(formatInputError)).toEqual(['Blad "huvudbok.csv", cell A9: raden 9 är en summarad ("Summa") och räknas inte.']);
    expect(r.rowsRead).toBe(8);
    expect(r.rowsUsed).toBe(4);
    expect(r.rowsRejected).toBe(3);
    expect(r.rowsTotals).toBe(1);
    expect(r.rowsRead).toBe(r.rowsUsed + r.rowsRejected + r.rowsTotals);
    expect(r.amountUsed).toBeCloseTo(1000.5 - 200 + 300 - 50, 6);
    expect(Object.fromEntries(r.amountByCostCentre)).toEqual({ "422": 1100.5, "410": -50 });
    const byKey = Object.fromEntries(r.actuals.map((a) => [`${a.costCentre} ${a.period}`, a.amount]));
    expect(byKey).toEqual({ "422 2021-01": 800.5, "422 2021-02": 300, "410 2021-08": -50 });
  });

  it("keeps konto when asked, reads comma-separated Windows-1252 exports, and takes the unit from the header", async () => {
    const path = join(dir, "visma.csv");
    const text = "Kostnadsställe,Konto,Månad,Belopp (tkr)\n441,5110,2021-03,\"1,5\"\n441,5410,2021-03,2\n441,5110,2021-03,1\n";
    writeFileSync(path, new Uint8Array(Buffer.from(text, "latin1")));
    const r = await streamLedgerFile(path, { byAccount: true });
    expect(r.errors).toEqual([]);
    expect(r.unit).toBe("tkr");
    expect(r.actuals.map((a) => [a.costCentre, a.account, a.period, a.amount]).sort()).toEqual([
      ["441", "5110", "2021-03", 2500],
      ["441", "5410", "2021-03", 2000],
    ]);
  });

  it("says which headers it needs when the file has none", async () => {
    const path = join(dir, "fel.csv");
    writeFileSync(path, "a;b\n1;2\n");
    const r = await streamLedgerFile(path);
    expect(messages(r)).toEqual(['Blad "fel.csv": hittade ingen rubrikrad bland de första 20 raderna: förväntade Ansvar, Period och Belopp.']);
    expect(r.actuals).toEqual([]);
  });
});

describe("streamLedgerFile on .xlsx", () => {
  it("runs the bad-input corpus: every amount and period either counts or is named by its cell", async () => {
    const amounts = corpus.filter((c) => c.kind === "tkr");
    const periods = corpus.filter((c) => c.kind === "period");
    const rows: unknown[][] = [["Ansvar", "Period", "Belopp (tkr)"]];
    for (const c of amounts) rows.push(["400", "2021-05", c.value]);
    for (const c of periods) rows.push(["400", c.value, 1]);
    const path = await writeXlsx("korpus.xlsx", { Utfall: rows });
    // No follow-up year: a month without a year ("aug") must be refused, as the corpus says.
    const r = await streamLedgerFile(path);
    const errorCells = new Set(r.errors.map((e) => e.cell));
    let expected = 0;
    amounts.forEach((c, i) => {
      const cell = `C${i + 2}`;
      if (c.expect.number !== undefined) {
        expected += c.expect.number * 1000;
        expect(errorCells.has(cell), `${JSON.stringify(c.value)} (${c.note})`).toBe(false);
      } else expect(errorCells.has(cell), `${JSON.stringify(c.value)} (${c.note})`).toBe(true);
    });
    const periodTotals = new Map<string, number>();
    periods.forEach((c, i) => {
      const cell = `B${amounts.length + i + 2}`;
      if (c.expect.period !== undefined) {
        expect(errorCells.has(cell), `${JSON.stringify(c.value)} (${c.note})`).toBe(false);
        periodTotals.set(c.expect.period, (periodTotals.get(c.expect.period) ?? 0) + 1000);
      } else expect(errorCells.has(cell), `${JSON.stringify(c.value)} (${c.note})`).toBe(true);
    });
    expect(r.rowsRead).toBe(amounts.length + periods.length);
    expect(r.rowsUsed + r.rowsRejected).toBe(r.rowsRead);
    expect(r.errorCount).toBe(r.rowsRejected);
    const used = r.actuals.filter((a) => a.period === "2021-05").reduce((s, a) => s + a.amount, 0);
    expect(used).toBeCloseTo(expected + (periodTotals.get("2021-05") ?? 0), 6);
    for (const [period, amount] of periodTotals) if (period !== "2021-05") expect(r.actuals.find((a) => a.period === period)?.amount).toBe(amount);
  });

  it("reads dates, formula results and error values like the whole-file reader, under a title row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Huvudbok");
    ws.addRow(["Utfall per ansvar 2021"]);
    ws.addRow([]);
    ws.addRow(["Ansvar", "Konto", "Period", "Belopp"]);
    ws.addRow(["461", "5110", new Date(Date.UTC(2021, 7, 31)), 1000]);
    ws.addRow(["461", "5110", 202108, { formula: "1000*2", result: 2000 }]);
    ws.addRow(["461", "5110", 202108, { error: "#REF!" }]);
    ws.addRow([{ richText: [{ text: "46" }, { text: "3" }] }, "5110", "2021-07", 5]);
    const path = join(dir, "huvudbok.xlsx");
    await wb.xlsx.writeFile(path);
    const r = await streamLedgerFile(path);
    expect(messages(r)).toEqual(['Blad "Huvudbok", cell D6: "#REF!" är ett felvärde från en formel: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.']);
    expect(r.actuals).toEqual([
      { costCentre: "461", period: "2021-08", amount: 3000 },
      { costCentre: "463", period: "2021-07", amount: 5 },
    ]);
    expect(r.rowsRead).toBe(4);
  });

  it("finds the ledger sheet among others, and streams a whole workbook keeping the other sheets as values", async () => {
    const path = await writeXlsx("bok.xlsx", {
      Ansvar: [["Ansvar", "Benämning", "Överordnad"], ["46", "Socialt stöd", null], ["461", "Funktionshinder", "46"]],
      Utfall: [["Ansvar", "Konto", "Period", "Belopp"], ["461", "5110", 202101, 100], ["461", "5410", 202101, 50]],
      "Utfall fg år": [["Ansvar", "Konto", "Period", "Belopp"], ["461", "5110", 202001, 70]],
    });
    const one = await streamLedgerFile(path);
    expect([one.sheet, one.amountUsed]).toEqual(["Utfall", 150]);
    const named = await streamLedgerFile(path, { sheet: "Utfall fg år" });
    expect([named.sheet, named.amountUsed]).toEqual(["Utfall fg år", 70]);
    const missing = await streamLedgerFile(path, { sheet: "Huvudbok" });
    expect(messages(missing)).toEqual(['Blad "Huvudbok": bladet finns inte i bok.xlsx.']);

    const wb = await streamWorkbook(path);
    expect(wb.sheets.map((s) => s.sheet)).toEqual(["Ansvar"]);
    expect(wb.sheets[0]!.values).toEqual([["Ansvar", "Benämning", "Överordnad"], ["46", "Socialt stöd"], ["461", "Funktionshinder", "46"]]);
    expect(wb.ledgers.map((l) => [l.sheet, l.rowsRead, l.amountUsed])).toEqual([
      ["Utfall", 2, 150],
      ["Utfall fg år", 1, 70],
    ]);
  });
});
