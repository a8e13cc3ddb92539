/**
 * The CSV reader against careless and hostile files: a stray quote, a quote that never closes, a line without
 * end, an encoding that changes after the first 64 KiB, a file that mixes two encodings; and a fast-check
 * generator of malformed CSV, read in any chunking, linear in time.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatInputError } from "../../src/input/errors";
import { CsvParser, MAX_FIELD_CHARS, MAX_LINE_CHARS, MAX_QUOTED_LINES } from "../../src/workbook/csvParser";
import { streamLedgerFile } from "../../src/cli/ledgerFiles";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Buffers joined, as plain bytes. */
function bytes(parts: readonly Buffer[]): Uint8Array {
  return new Uint8Array(parts.flatMap((p) => [...p]));
}

/** All rows, lines and problems of `text` fed in chunks of the given sizes (cycled). */
function parseAll(text: string, sizes: readonly number[] = [text.length || 1]) {
  const p = new CsvParser();
  const rows: string[][] = [];
  const lines: number[] = [];
  let at = 0;
  for (let k = 0; at < text.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    rows.push(...p.push(text.slice(at, at + size)));
    lines.push(...p.rowLines);
    at += size;
  }
  rows.push(...p.end());
  lines.push(...p.rowLines);
  return { rows, lines, problems: p.takeProblems() };
}

describe("CsvParser on careless text", () => {
  it("reads a quote inside a field as an inch mark, as Excel does", () => {
    const { rows, problems } = parseAll('Ansvar;Konto;Text;Belopp\n422;5410;24" Dell;1 200\n423;5410;Skärm 27";800\n');
    expect(rows).toEqual([
      ["Ansvar", "Konto", "Text", "Belopp"],
      ["422", "5410", '24" Dell', "1 200"],
      ["423", "5410", 'Skärm 27"', "800"],
    ]);
    expect(problems).toEqual([]);
  });

  it("a quote that opens a field and never closes is a problem naming its line; the lines after it are read", () => {
    const rows = ["Ansvar;Text;Belopp", '422;"24 Dell;100', ...Array.from({ length: 300 }, (_, i) => `4${i};rad;${i}`)];
    const { rows: read, lines, problems } = parseAll(rows.join("\n") + "\n", [7, 64, 1000]);
    expect(problems).toEqual([
      {
        line: 2,
        message: `citattecknet i ett fält på rad 2 stängs inte inom ${MAX_QUOTED_LINES} rader eller 32 767 tecken: raden lästes med citattecknet som ett vanligt tecken. Ett " inuti ett fält inom citattecken skrivs "" i en CSV-fil.`,
      },
    ]);
    expect(read).toHaveLength(302);
    expect(read[1]).toEqual(["422", '"24 Dell', "100"]);
    expect(read[301]).toEqual(["4299", "rad", "299"]);
    expect(lines.slice(0, 3)).toEqual([1, 2, 3]);
    expect(lines[301]).toBe(302);
  });

  it("an open quote at the end of the file is a problem too", () => {
    const { rows, problems } = parseAll('a;b\n1;"x\n2;y');
    expect(problems.map((p) => p.line)).toEqual([2]);
    expect(problems[0]!.message).toContain("stängs inte före filens slut");
    expect(rows).toEqual([
      ["a", "b"],
      ["1", '"x'],
      ["2", "y"],
    ]);
  });

  it("a quoted field may hold line breaks and long text within the bounds; lines count the breaks", () => {
    const long = "x".repeat(MAX_FIELD_CHARS - 10);
    const text = `a;b\n1;"två\nrader"\n2;"${long}"\n3;z\n`;
    const { rows, lines, problems } = parseAll(text, [100]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      ["a", "b"],
      ["1", "två\nrader"],
      ["2", long],
      ["3", "z"],
    ]);
    expect(lines).toEqual([1, 2, 4, 5]);
  });

  it("a line longer than the limit is a problem and skipped, and reading goes on", () => {
    const text = `a;b\n${"y".repeat(MAX_LINE_CHARS * 2)}\n1;2\n`;
    const { rows, problems } = parseAll(text, [1 << 16]);
    expect(problems).toEqual([
      { line: 2, message: "raden är längre än 1 048 576 tecken och lästes inte: förväntade en rad per kontering." },
    ]);
    expect(rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("is linear: a stray quote in 100 000 rows, and an open quote every 250 lines, read in well under a second each", () => {
    const body = Array.from(
      { length: 100_000 },
      (_, i) => `4${i % 90};5410;20210${1 + (i % 8)};${i === 10 ? '24" Dell' : "text"};${i}`,
    );
    for (const text of [
      ["Ansvar;Konto;Period;Text;Belopp", ...body].join("\n"),
      ["a;b", ...body.map((l, i) => (i % 250 === 0 ? `"${l}` : l.replace('"', "")))].join("\n"),
    ]) {
      const t0 = performance.now();
      const { rows } = parseAll(text, [1 << 16]);
      expect(rows).toHaveLength(100_001);
      expect(performance.now() - t0).toBeLessThan(1500);
    }
  });

  it("never throws, keeps every line, and gives the same rows in any chunking (fast-check, malformed CSV)", () => {
    const malformed = fc.stringMatching(/^[a;",\r\n ]{0,200}$/);
    fc.assert(
      fc.property(
        malformed,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        (text, sizes) => {
          const whole = parseAll(text);
          const chunked = parseAll(text, sizes);
          expect(chunked.rows).toEqual(whole.rows);
          expect(chunked.problems).toEqual(whole.problems);
          // Every line break is either a row's end or inside a quoted field of a row.
          const breaks = (text.match(/\n/g) ?? []).length;
          expect(whole.rows.length).toBeLessThanOrEqual(breaks + 1);
          // Lines only go forward.
          for (let i = 1; i < whole.lines.length; i++) expect(whole.lines[i]!).toBeGreaterThan(whole.lines[i - 1]!);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the encoding of a .csv ledger, over the whole file", () => {
  const header = "Ansvar;Konto;Period;Belopp\n";
  /** 3 000 ASCII rows (about 70 KiB, past the first chunk), then `tail`. */
  const asciiHead = Array.from({ length: 3000 }, (_, i) => `422;5410;202108;${i % 2 === 0 ? "100" : "-100"}\n`).join(
    "",
  );

  it("a Windows-1252 ledger whose first 64 KiB are ASCII is read again as Windows-1252", async () => {
    const path = join(dir, "late1252.csv");
    // 50 501,00 with a non-breaking space (0xA0) as the thousands separator, as Raindance writes it.
    const tail = Buffer.from(Array.from({ length: 51 }, () => "423;5410;202108;50\xa0501,00\n").join(""), "latin1");
    writeFileSync(path, bytes([Buffer.from(header + asciiHead, "latin1"), tail]));
    const r = await streamLedgerFile(path, { defaultYear: 2021 });
    expect(r.errors.map(formatInputError)).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.rowsUsed).toBe(3051);
    expect(r.amountByCostCentre.get("423")).toBeCloseTo(51 * 50501, 6);
  });

  it("a UTF-8 ledger stays UTF-8 (å ä ö in the ansvar's name read as written)", async () => {
    const path = join(dir, "utf8.csv");
    writeFileSync(path, header + asciiHead + "Hemtjänst Åsen;5410;202108;7\n", "utf8");
    const r = await streamLedgerFile(path, { defaultYear: 2021 });
    expect(r.errors).toEqual([]);
    expect(r.amountByCostCentre.get("Hemtjänst Åsen")).toBe(7);
  });

  it("a file mixing UTF-8 and Windows-1252 is read line by line, with a warning naming lines of each", async () => {
    const path = join(dir, "mixed.csv");
    const utf8 = Buffer.from(header + "Hemtjänst;5410;202108;5\n" + asciiHead, "utf8");
    const cp1252 = Buffer.from("Särskilt boende;5410;202108;9\n", "latin1");
    writeFileSync(path, bytes([utf8, cp1252]));
    const r = await streamLedgerFile(path, { defaultYear: 2021 });
    expect(r.errors).toEqual([]);
    expect(r.amountByCostCentre.get("Hemtjänst")).toBe(5);
    expect(r.amountByCostCentre.get("Särskilt boende")).toBe(9);
    expect(r.warnings.map(formatInputError)).toEqual([
      'Blad "mixed.csv": filen blandar teckenkodningar: 1 rad (2) lästes som UTF-8 och 1 rad (3003) som Windows-1252. Kontrollera å, ä och ö i de raderna, och exportera filen på nytt med en kodning.',
    ]);
  });

  it("a Windows-1252 file with a UTF-8 letter later is read line by line too", async () => {
    const path = join(dir, "mixed2.csv");
    const cp1252 = Buffer.from(header + "Särskilt boende;5410;202108;9\n" + asciiHead, "latin1");
    writeFileSync(path, bytes([cp1252, Buffer.from("Hemtjänst;5410;202108;5\n", "utf8")]));
    const r = await streamLedgerFile(path, { defaultYear: 2021 });
    expect(r.amountByCostCentre.get("Hemtjänst")).toBe(5);
    expect(r.amountByCostCentre.get("Särskilt boende")).toBe(9);
    expect(r.warnings).toHaveLength(1);
  });

  it("an unclosed quote in a ledger is an error at its line, and the rows after it are counted", async () => {
    const path = join(dir, "quote.csv");
    const rows = Array.from({ length: 1000 }, (_, i) => `422;5410;202108;${i === 5 ? '"100' : "100"}`);
    writeFileSync(path, header + rows.join("\n") + "\n");
    const r = await streamLedgerFile(path, { defaultYear: 2021 });
    expect(r.errors.map(formatInputError)).toEqual([
      expect.stringMatching(/^Blad "quote\.csv", cell A7: citattecknet i ett fält på rad 7 stängs inte/),
      expect.stringMatching(/^Blad "quote\.csv", cell D7: /),
    ]);
    expect(r.rowsRead).toBe(1000);
  });
});
