import type { CellValue } from "../../src/cells";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatInputError } from "../../src/input/errors";
import { CsvParser, detectDelimiter } from "../../src/workbook/csvParser";
import { parseAmount } from "../../src/core/amounts";
import { streamLedgerFile, streamWorkbook } from "../../src/cli/ledgerFiles";
import type { LedgerStreamResult } from "../../src/input/ledger";
import { ledgerAmount } from "../../src/input/sheetRows";
import {
  corpusLedger,
  expectCorpusLedger,
  fileErrorCode,
  isErrorValue,
  LEDGER_HEADER,
  ledgerCells,
  serialAsDateText,
  type CorpusCase,
  type LedgerOutcome,
} from "../helpers/corpus";

/** The streaming readers' message for an empty belopp. */
const STREAM_EMPTY_AMOUNT = "Belopp saknas: ett tomt belopp är inte 0; skriv 0 eller ta bort raden.";

function outcome(r: LedgerStreamResult): LedgerOutcome {
  return {
    errors: r.errors,
    actuals: r.actuals,
    rowsRead: r.rowsRead,
    rowsUsed: r.rowsUsed,
    rowsRejected: r.rowsRejected,
  };
}

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    const rows = [
      ...p.push('\ufeffAnsvar;Text;Belopp\r\n422;"IFO; BoF ""barn""";"-1 234,50"\r\n'),
      ...p.push('423;"två\nrader";7'),
      ...p.end(),
    ];
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
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^\d{1,17}$/),
        fc.constantFrom("", ",", "."),
        fc.stringMatching(/^\d{1,6}$/),
      )
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
    expect(r.warnings.map(formatInputError)).toEqual([
      'Blad "huvudbok.csv", cell A9: raden 9 är en summarad ("Summa") och räknas inte.',
    ]);
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
    const text =
      'Kostnadsställe,Konto,Månad,Belopp (tkr)\n441,5110,2021-03,"1,5"\n441,5410,2021-03,2\n441,5110,2021-03,1\n';
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
    expect(messages(r)).toEqual([
      'Blad "fel.csv": hittade ingen rubrikrad bland de första 20 raderna: förväntade Ansvar, Period och Belopp.',
    ]);
    expect(r.actuals).toEqual([]);
  });
});

/**
 * A corpus cell as a user's CSV export holds it (Swedish Excel's "Spara som CSV", or an ERP extract): a CSV
 * holds text only, so the cases that cannot exist in one are mapped to what the export writes instead:
 * - a number cell is written as Swedish Excel shows it, with a decimal comma (1234.5 as "1234,5"); a negative
 *   zero as "-0", as an ERP export may write it (it must still give 0, not -0);
 * - a date serial in the Period column is written as the date the cell shows, "2023-08-01";
 * - a boolean is written as Swedish Excel writes it, SANT or FALSKT;
 * - an empty cell (null) is an empty field;
 * - a formula error value is written as the text Excel shows ("#REF!", "#DIVISION/0!"), and a formula as its
 *   text: a CSV has no error or formula cells, so these are text that must be refused like any bad text.
 * Everything else is the corpus's text as it is.
 */
function csvText(c: CorpusCase): string {
  const v = c.value;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "SANT" : "FALSKT";
  if (typeof v === "number") {
    if (c.kind === "period") return serialAsDateText(v);
    return Object.is(v, -0) ? "-0" : String(v).replace(".", ",");
  }
  return v;
}

/** A CSV field: quoted (quotes doubled) when it holds the separator, a quote or a line break, or when asked. */
function csvField(text: string, separator: string, quoteAll: boolean): string {
  return quoteAll || text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

describe("streamLedgerFile on .csv: the bad-input corpus", () => {
  const variants = [
    { name: "semicolon-separated (Swedish Excel)", separator: ";", quoteAll: false },
    { name: "comma-separated (fields with a decimal comma quoted)", separator: ",", quoteAll: false },
    { name: "tab-separated", separator: "\t", quoteAll: false },
    { name: "semicolon-separated, every field quoted (some ERP exports)", separator: ";", quoteAll: true },
  ] as const;
  for (const v of variants) {
    it(`${v.name}: every amount and period either counts or is named by its cell`, async () => {
      const ledger = corpusLedger();
      const lines = [[...LEDGER_HEADER], ...ledger.map((r) => ledgerCells(r, csvText))].map((row) =>
        row.map((f) => csvField(String(f), v.separator, v.quoteAll)).join(v.separator),
      );
      const text = lines.join("\r\n") + "\r\n";
      if (!v.quoteAll && v.separator === ",") expect(text).toContain('"1 234,5"'); // the quoting is exercised
      const path = join(dir, "korpus.csv");
      writeFileSync(path, text);
      // No follow-up year, as on .xlsx: "aug" is refused.
      const r = await streamLedgerFile(path);
      expect(r.sheet).toBe("korpus.csv");
      expectCorpusLedger(ledger, outcome(r), {
        sheet: "korpus.csv",
        year: undefined,
        emptyAmount: STREAM_EMPTY_AMOUNT,
        asRead: (c): CellValue => csvText(c),
      });
    });
  }

  it("with the follow-up year known, a month alone is that month", async () => {
    const ledger = corpusLedger();
    const path = join(dir, "korpus-ar.csv");
    writeFileSync(
      path,
      [[...LEDGER_HEADER], ...ledger.map((r) => ledgerCells(r, csvText))]
        .map((row) => row.map((f) => csvField(String(f), ";", false)).join(";"))
        .join("\n"),
    );
    const r = await streamLedgerFile(path, { defaultYear: 2023 });
    expectCorpusLedger(ledger, outcome(r), {
      sheet: "korpus-ar.csv",
      year: 2023,
      emptyAmount: STREAM_EMPTY_AMOUNT,
      asRead: (c): CellValue => csvText(c),
    });
  });
});

describe("streamLedgerFile on .xlsx", () => {
  it("runs the bad-input corpus: every amount and period either counts or is named by its cell", async () => {
    // Numbers as numbers, text as text; error values as error cells (by their English code, as .xlsx stores
    // them), the formula without a cached result as a formula.
    const ledger = corpusLedger();
    const cell = (c: CorpusCase): unknown =>
      isErrorValue(c) ? { error: fileErrorCode(c.value) } : c.formula ? { formula: String(c.value).slice(1) } : c.value;
    const path = await writeXlsx("korpus.xlsx", {
      Utfall: [[...LEDGER_HEADER], ...ledger.map((r) => ledgerCells(r, cell))],
    });
    // No follow-up year: a month without a year ("aug") must be refused, as the corpus says.
    const r = await streamLedgerFile(path);
    expect(r.sheet).toBe("Utfall");
    expectCorpusLedger(ledger, outcome(r), {
      sheet: "Utfall",
      year: undefined,
      emptyAmount: STREAM_EMPTY_AMOUNT,
      asRead: (c) => (isErrorValue(c) ? fileErrorCode(c.value) : c.value),
    });
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
    expect(messages(r)).toEqual([
      'Blad "Huvudbok", cell D6: "#REF!" är ett felvärde från en formel: förväntade ett belopp i kronor, t.ex. 1 234 eller -1 102.',
    ]);
    expect(r.actuals).toEqual([
      { costCentre: "461", period: "2021-08", amount: 3000 },
      { costCentre: "463", period: "2021-07", amount: 5 },
    ]);
    expect(r.rowsRead).toBe(4);
  });

  it("finds the ledger sheet among others, and streams a whole workbook keeping the other sheets as values", async () => {
    const path = await writeXlsx("bok.xlsx", {
      Ansvar: [
        ["Ansvar", "Benämning", "Överordnad"],
        ["46", "Socialt stöd", null],
        ["461", "Funktionshinder", "46"],
      ],
      Utfall: [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["461", "5110", 202101, 100],
        ["461", "5410", 202101, 50],
      ],
      "Utfall fg år": [
        ["Ansvar", "Konto", "Period", "Belopp"],
        ["461", "5110", 202001, 70],
      ],
    });
    const one = await streamLedgerFile(path);
    expect([one.sheet, one.amountUsed]).toEqual(["Utfall", 150]);
    const named = await streamLedgerFile(path, { sheet: "Utfall fg år" });
    expect([named.sheet, named.amountUsed]).toEqual(["Utfall fg år", 70]);
    const missing = await streamLedgerFile(path, { sheet: "Huvudbok" });
    expect(messages(missing)).toEqual(['Blad "Huvudbok": bladet finns inte i bok.xlsx.']);

    const wb = await streamWorkbook(path);
    expect(wb.sheets.map((s) => s.sheet)).toEqual(["Ansvar"]);
    expect(wb.sheets[0]!.values).toEqual([
      ["Ansvar", "Benämning", "Överordnad"],
      ["46", "Socialt stöd"],
      ["461", "Funktionshinder", "46"],
    ]);
    expect(wb.ledgers.map((l) => [l.sheet, l.rowsRead, l.amountUsed])).toEqual([
      ["Utfall", 2, 150],
      ["Utfall fg år", 1, 70],
    ]);
  });
});

describe("konto sums of a streamed ledger (accountTotals, for the rapport's resultaträkning)", () => {
  it("sums the used rows per konto and month over all ansvar, the same kronor as the ledger, a totals row left out", async () => {
    const csv = join(dir, "konton.csv");
    writeFileSync(
      csv,
      [
        "Ansvar;Konto;Period;Belopp",
        "421;3510;2021-01;-1 000",
        "422;3510;2021-01;-500,50",
        "421;5110;2021-01;4 000",
        "422;5110;2021-02;2 500",
        "421;5110;2021-02;100",
        "Summa;;;4 599,50",
      ].join("\n"),
    );
    const r = await streamLedgerFile(csv, { accountTotals: true });
    expect(r.accountTotals).toEqual([
      { costCentre: "", period: "2021-01", account: "3510", amount: -1500.5 },
      { costCentre: "", period: "2021-01", account: "5110", amount: 4000 },
      { costCentre: "", period: "2021-02", account: "5110", amount: 2600 },
    ]);
    expect(r.accountTotals!.reduce((a, x) => a + x.amount, 0)).toBe(r.amountUsed);
    expect(r.rowsTotals).toBe(1);
    expect((await streamLedgerFile(csv)).accountTotals).toBeUndefined();
  });
});
