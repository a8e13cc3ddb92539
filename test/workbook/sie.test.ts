import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isBalanceSheetAccount } from "../../src/core/accountClasses";
import { formatInputError } from "../../src/input/errors";
import { parseSieLine, SieReader, type SieEntry } from "../../src/input/sie";
import { streamLedgerFile, streamLedgerSource, streamSieFile } from "../../src/cli/ledgerFiles";
import { chooseEncoding, decodeCp437, encodeCp437 } from "../../src/workbook/sie/sieFile";
import { generateLedger } from "../../bench/ledger";
import { sieBytes } from "../../bench/sie";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-sie-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A SIE file in codepage 437 from its lines. */
const pc8 = (lines: readonly string[]): Uint8Array => encodeCp437(lines.join("\r\n") + "\r\n");

const HEAD = [
  "#FLAGGA 0",
  '#PROGRAM "Test" 1.0',
  "#FORMAT PC8",
  "#SIETYP 4",
  "#RAR 0 20240101 20241231",
  "#RAR -1 20230101 20231231",
  '#DIM 1 "Kostnadsställe"',
];

describe("parseSieLine", () => {
  it("reads labels, plain and quoted fields (an escaped quote inside), tabs and object lists", () => {
    expect(parseSieLine('#VER "A" 12 20240815 "Faktura \\"Hemtjänst\\" aug"')).toEqual({
      label: "#VER",
      fields: ["A", "12", "20240815", 'Faktura "Hemtjänst" aug'],
    });
    expect(parseSieLine('\t#TRANS\t4020 {1 "410" 6 "P 1"} -1234.50 20240815 ""\r')).toEqual({
      label: "#TRANS",
      fields: [
        "4020",
        [
          { dimension: "1", code: "410" },
          { dimension: "6", code: "P 1" },
        ],
        "-1234.50",
        "20240815",
        "",
      ],
    });
    expect(parseSieLine("#trans 4020 {} 10")).toEqual({ label: "#TRANS", fields: ["4020", [], "10"] });
    expect(parseSieLine("#PSALDO 0 202408 4020 {1 410} 5")).toEqual({
      label: "#PSALDO",
      fields: ["0", "202408", "4020", [{ dimension: "1", code: "410" }], "5"],
    });
    expect(parseSieLine("  {  ")).toEqual({ label: "{", fields: [] });
    expect(parseSieLine("   ")).toBeUndefined();
  });

  it("says what is malformed, in Swedish", () => {
    expect(parseSieLine('#KONTO 4020 "Löner')).toBe(
      'ett fält inom citattecken avslutas inte: förväntade ett avslutande ".',
    );
    expect(parseSieLine('#TRANS 4020 {1 "410" 5')).toBe("en objektlista avslutas inte: förväntade } efter objekten.");
    expect(parseSieLine('#TRANS 4020 {1 "410" 6} 5')).toBe(
      'objektlistan har dimensionen 6 utan objekt: förväntade par av dimension och objekt, t.ex. {1 "410"}.',
    );
    expect(parseSieLine("TRANS 4020 {} 5")).toBe(
      '"TRANS 4020 {} 5" är ingen SIE-post: förväntade en etikett som #VER eller #TRANS först på raden.',
    );
  });

  it("gives back any field text written quoted with its quotes escaped", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s) && !s.endsWith("\\")),
          { maxLength: 5 },
        ),
        (texts) => {
          const line = `#X ${texts.map((t) => `"${t.replace(/"/g, '\\"')}"`).join(" ")}`;
          expect(parseSieLine(line)).toEqual({ label: "#X", fields: texts });
        },
      ),
    );
  });
});

describe("SieReader's shortcut for plain #TRANS rows", () => {
  /** The entries, errors and warnings of a verifikation holding `row`, with the label as written. */
  function read(row: string): unknown {
    const entries: SieEntry[] = [];
    const reader = new SieReader("x.se", (e) => entries.push(e));
    ['#DIM 1 "Ansvar"', "#RAR 0 20240101 20241231", '#VER A 1 20240131 ""', "{", row, "}"].forEach((l, i) =>
      reader.push(l, i + 1),
    );
    reader.end();
    return { entries, errors: reader.errors, warnings: reader.warnings };
  }

  it("gives what the general path gives (which reads the same row written #trans), on any row", () => {
    const code = fc.oneof(
      fc.stringMatching(/^[0-9A-Za-z]{0,4}$/),
      fc.string({ maxLength: 5 }).map((t) => `"${t}"`),
      fc.constantFrom('"4 10"', '" 410 "', '"a\\"b"', "41}0", '4"1'),
    );
    const objects = fc
      .array(fc.tuple(fc.constantFrom("1", "6", "21", "x", ""), code), { maxLength: 3 })
      .map((pairs) => `{${pairs.map(([d, c]) => `${d} ${c}`).join(" ")}}`);
    const amount = fc.oneof(
      fc.stringMatching(/^-?\d{1,6}(\.\d{1,2})?$/),
      fc.constantFrom("1,50", '"10"', "", "-", "1.", ".5", "1e3"),
    );
    const rest = fc.constantFrom(
      "",
      " 20240131",
      ' 20240131 "text"',
      ' "" 2',
      ' "a \\"b\\" c"',
      ' "open',
      " a{b",
      ' x"y z"',
      ' a"b "c',
      " }",
      "\r",
      " {1 2}",
    );
    const account = fc.constantFrom("4020", "1930", "3010", "40a", "", "{}");
    const space = fc.constantFrom(" ", "\t", "  ");
    fc.assert(
      fc.property(space, account, space, objects, space, amount, rest, (s1, a, s2, o, s3, m, r) => {
        const row = `${s1}#TRANS ${a}${s2}${o}${s3}${m}${r}`;
        expect(read(row)).toEqual(read(row.replace("#TRANS", "#trans")));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("codepage 437 (#FORMAT PC8)", () => {
  it("decodes å ä ö Å Ä Ö é and round-trips every byte", () => {
    expect(decodeCp437(new Uint8Array([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82]))).toBe("åäöÅÄÖé");
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeCp437(decodeCp437(all))).toEqual(all);
  });

  it("decides the encoding from the bytes and the declared format, with a doubt when not declared", () => {
    expect(chooseEncoding(encodeCp437("Förvaltning"), "PC8")).toEqual({ encoding: "cp437" });
    expect(chooseEncoding(new TextEncoder().encode("Förvaltning x"), "PC8").encoding).toBe("utf-8");
    expect(chooseEncoding(new TextEncoder().encode("Förvaltning x"), "PC8").doubt).toMatch(
      /anger #FORMAT PC8 men dess tecken är UTF-8/,
    );
    expect(chooseEncoding(Uint8Array.from(Buffer.from("Förvaltning åäö", "latin1")), undefined)).toEqual({
      encoding: "windows-1252",
      doubt:
        "filen anger ingen teckenkodning (#FORMAT): läst som Windows-1252 efter dess å, ä och ö; kontrollera namnen.",
    });
    expect(chooseEncoding(encodeCp437("Förvaltning åäö"), undefined).encoding).toBe("cp437");
  });
});

describe("balance-sheet accounts", () => {
  it("are klass 1 and 2, or T and S by the kontotyp", () => {
    expect(["1930", "2440", "19", "4020", "3010", "8410"].map((a) => isBalanceSheetAccount(a))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(isBalanceSheetAccount("2440", "K")).toBe(false);
    expect(isBalanceSheetAccount("4020", "T")).toBe(true);
  });
});

describe("a SIE 4 file as the ledger", () => {
  // 40 ansvar under 4 verksamheter, 14 konton, January-August 2024, kronor with öre.
  const ledger = generateLedger({ rows: 6000, costCentres: 40, areas: 4, year: 2024, months: 8, seed: 7 });
  const csvPath = file(
    "huvudbok.csv",
    [
      "Ansvar;Konto;Period;Belopp",
      ...ledger.actuals.map((a) => `${a.costCentre};${a.account};${a.period};${a.amount.toFixed(2).replace(".", ",")}`),
    ].join("\r\n"),
  );
  const verPath = file("huvudbok.se", sieBytes(ledger.actuals, { kind: "ver", year: 2024, projects: true }));
  const balancesPath = file("saldon.se", sieBytes(ledger.actuals, { kind: "psaldo", year: 2024 }));

  it("gives per-ansvar utfall equal to the krona to the same rows read as CSV: verifikationer and period balances", async () => {
    const csv = await streamLedgerFile(csvPath);
    const ver = await streamSieFile(verPath, { accountTotals: true });
    const balances = await streamSieFile(balancesPath);
    expect(ver.errors.map(formatInputError)).toEqual([]);
    expect(balances.errors.map(formatInputError)).toEqual([]);
    const rounded = (m: ReadonlyMap<string, number>) => new Map([...m].map(([k, v]) => [k, Math.round(v * 100) / 100]));
    expect(csv.amountByCostCentre.size).toBe(40);
    expect(rounded(ver.amountByCostCentre)).toEqual(rounded(csv.amountByCostCentre));
    expect(rounded(balances.amountByCostCentre)).toEqual(rounded(csv.amountByCostCentre));
    // Per ansvar and month too.
    const cells = (r: typeof csv) =>
      new Map(r.actuals.map((a) => [`${a.costCentre} ${a.period}`, Math.round(a.amount * 100)]));
    expect(cells(ver)).toEqual(cells(csv));
    expect(cells(balances)).toEqual(cells(csv));
    expect(ver.sie.source).toBe("verifikationer");
    expect(balances.sie.source).toBe("periodsaldon");
    expect(ver.sie.encoding).toBe("PC8 (teckentabell 437)");
    expect(ver.sie.costCentreDimension).toBe("1 Kostnadsställe");
    expect(ver.sie.objects.get("1")?.get(ledger.actuals[0]!.costCentre)).toBe(
      `Äldreomsorg "Östra" ${ledger.actuals[0]!.costCentre}`,
    );
    expect(ver.sie.accounts.get("4010")).toEqual({ name: "Konto 4010 åäö", kind: "K" });
    // Nothing lost: every result row used; every counter-entry read and set aside, with its kronor.
    expect(ver.rowsUsed).toBe(6000);
    expect(ver.rowsRejected).toBe(0);
    expect(ver.rowsRead).toBe(6000 + ver.rowsSetAside!);
    expect(ver.rowsSetAside).toBeGreaterThanOrEqual(1500);
    expect(Math.round(ver.amountSetAside! + ver.amountUsed)).toBe(0);
    // The konto sums (the resultaträkning) hold no balance-sheet account.
    expect(new Set(ver.accountTotals!.map((a) => a.account)).has("2440")).toBe(false);
  });

  it("is recognised by its content under another name, and by its extension", async () => {
    const txt = file("export.txt", sieBytes(ledger.actuals.slice(0, 10), { kind: "ver", year: 2024 }));
    const r = await streamLedgerSource(txt);
    expect("sie" in r).toBe(true);
    expect(r.rowsUsed).toBe(10);
    const si = file("export.si", sieBytes(ledger.actuals.slice(0, 10), { kind: "psaldo", year: 2024 }));
    expect((await streamLedgerSource(si)).rowsUsed).toBe(10);
    expect("sie" in (await streamLedgerSource(csvPath))).toBe(false);
  });

  it("reads #RAR -1 as last year's utfall and #PBUDGET as a budget per ansvar and month", async () => {
    const path = file(
      "ar.se",
      pc8([
        ...HEAD,
        '#OBJEKT 1 "410" "Förvaltningsledning"',
        "#PSALDO -1 202308 4020 {} 1000.00",
        '#PSALDO -1 202308 4020 {1 "410"} 1000.00',
        '#PBUDGET 0 202401 4020 {1 "410"} 5000.00',
        '#PBUDGET 0 202402 3010 {1 "410"} -200.00',
        '#VER A 1 20240131 "Lön"',
        "{",
        '#TRANS 5010 {1 "410"} 300.00',
        "#TRANS 1930 {} -300.00",
        "}",
        '#VER A 2 20230315 "Fjolårets faktura"',
        "{",
        '#TRANS 4020 {1 "410"} 50.00',
        "#TRANS 2440 {} -50.00",
        "}",
      ]),
    );
    const r = await streamSieFile(path);
    expect(r.errors).toEqual([]);
    expect(r.actuals).toEqual([{ costCentre: "410", period: "2024-01", amount: 300 }]);
    // Last year: its verifikationer when it has them (the period balances are then only a check).
    expect(r.previousYear?.actuals).toEqual([{ costCentre: "410", period: "2023-03", amount: 50 }]);
    expect(r.budget?.actuals).toEqual([
      { costCentre: "410", period: "2024-01", amount: 5000 },
      { costCentre: "410", period: "2024-02", amount: -200 },
    ]);
  });

  it("chooses the ansvar dimension by its #DIM name, or as set", async () => {
    const lines = [
      ...HEAD.filter((l) => !l.startsWith("#DIM")),
      '#DIM 1 "Kostnadsställe"',
      '#DIM 21 "Ansvar"',
      '#VER A 1 20240131 ""',
      "{",
      '#TRANS 5010 {1 "K9" 21 "410"} 300.00',
      "#TRANS 1930 {} -300.00",
      "}",
    ];
    const path = file("dim.se", pc8(lines));
    // The first #DIM named as an ansvar is Kostnadsställe (1); a setting picks another by number or name.
    expect((await streamSieFile(path)).actuals.map((a) => a.costCentre)).toEqual(["K9"]);
    expect((await streamSieFile(path, { dimension: "21" })).actuals.map((a) => a.costCentre)).toEqual(["410"]);
    expect((await streamSieFile(path, { dimension: "ansvar" })).actuals.map((a) => a.costCentre)).toEqual(["410"]);
    const missing = await streamSieFile(path, { dimension: "Verksamhet" });
    expect(missing.errors.map((e) => e.message)[0]).toBe(
      'rad 11: ansvarsdimensionen "Verksamhet" finns inte bland filens #DIM (1 Kostnadsställe, 21 Ansvar): ange dess nummer eller namn.',
    );
  });

  it("names every malformed line by its number, in Swedish, and counts the rows it rejects", async () => {
    const path = file(
      "fel.se",
      pc8([
        ...HEAD, // lines 1-7
        "#RAR 1 2024 20241231", // 8
        '#VER A 1 20240131 "ok"', // 9
        "{", // 10
        '#TRANS 5010 {1 "410"} 300,00', // 11: decimal comma
        "#TRANS 5010 {} 100.00", // 12: no ansvar
        '#TRANS 5010 {1 "410"} 200.00', // 13
        "#TRANS 1930 {} -300.00", // 14
        "}", // 15: balances (the row without ansvar counts in the sum)
        '#TRANS 5010 {1 "410"} 5.00', // 16: outside a verifikation
        '#VER A 2 20250105 "fel år"', // 17
        "{", // 18
        '#TRANS 5010 {1 "410"} 7.00', // 19: outside every year
        "}", // 20: does not balance
        '#PSALDO 0 202413 5010 {1 "410"} 1.00', // 21
        '#VER A 3 20240201 "öppen"', // 22
        "{", // 23
        '#TRANS 5010 {1 "410"} 7.00', // 24
      ]),
    );
    const r = await streamSieFile(path);
    expect(r.errors.map(formatInputError)).toEqual([
      'Blad "fel.se": rad 8: #RAR ska ha årsnummer, första och sista dag, t.ex. #RAR 0 20240101 20241231.',
      'Blad "fel.se": rad 11: #TRANS på konto 5010: "300,00" är inget belopp: förväntade t.ex. 1234.50 (decimalpunkt, minus före).',
      'Blad "fel.se": rad 12: konto 5010 (100,00 kr) saknar ansvar: förväntade ett objekt i dimension 1 (Kostnadsställe) i objektlistan, t.ex. {1 "410"}.',
      'Blad "fel.se": rad 16: #TRANS utanför en verifikation: förväntade raden mellan { och } efter en #VER.',
      'Blad "fel.se": rad 19: datumet 20250105 ligger utanför filens räkenskapsår (#RAR 0 20240101-20241231, #RAR -1 20230101-20231231): förväntade ett datum inom ett av dem.',
      'Blad "fel.se": rad 21: #PSALDO: "202413" är ingen period: förväntade ÅÅÅÅMM, t.ex. #PSALDO 0 202408 4020 {1 "410"} 1234.50.',
      'Blad "fel.se": rad 22: verifikationen A 3 avslutas aldrig: förväntade } efter dess #TRANS-rader.',
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "rad 17: verifikationen A 2 balanserar inte: dess rader summerar till 7,00 kr (förväntade 0). Raderna på resultatkonton räknas ändå som utfall.",
    ]);
    expect(r.errors[2]!.amount).toBe(100);
    // Rows read = used (200, 7 on line 24) + rejected (the errors) + set aside (1930).
    expect(r.rowsUsed).toBe(2);
    expect(r.rowsSetAside).toBe(1);
    expect(r.rowsRead).toBe(r.rowsUsed + r.rowsRejected + 1);
  });

  it("checks period balances per ansvar against the account's total", async () => {
    const path = file(
      "psaldo.se",
      pc8([
        ...HEAD,
        "#PSALDO 0 202401 5010 {} 1000.00", // 8
        '#PSALDO 0 202401 5010 {1 "410"} 600.00',
        '#PSALDO 0 202401 5010 {1 "420"} 300.00',
        '#PSALDO 0 202401 5010 {6 "P1"} 1000.00', // another cut of the same money: passed over
        "#PSALDO 0 202401 4020 {} 50.00", // 12: no per-ansvar balance
        "#PSALDO 0 202401 1930 {} -1050.00", // a balance-sheet account: not utfall
      ]),
    );
    const r = await streamSieFile(path);
    expect(r.errors.map((e) => e.message)).toEqual([
      "rad 8: #PSALDO för konto 5010 period 202401 är 1 000,00 kr men saldona per ansvar summerar till 900,00 kr (skillnad 100,00 kr).",
      "rad 12: #PSALDO för konto 4020 period 202401 (50,00 kr) står inte på något ansvar: förväntade saldon per ansvar (dimension 1) för kontot.",
    ]);
    expect(r.actuals).toEqual([
      { costCentre: "410", period: "2024-01", amount: 600 },
      { costCentre: "420", period: "2024-01", amount: 300 },
    ]);
  });

  it("reads a published SIE 4 example (PayEx's SIE4I sample): konto names in codepage 437, counter-entries set aside", async () => {
    // PayEx's published sample (developer.payex.com, "SIE4"): no dimensions; 3710 is a result account without ansvar.
    const path = file(
      "payex.si",
      pc8([
        "#FLAGGA 0",
        "#PROGRAM PayEx.AR.Batch.SIE4I 2016.12.344.1",
        "#FORMAT PC8",
        "#GEN 20161214 1321557",
        "#SIETYP 4",
        '#KPTYP "BAS 2000"',
        "#VALUTA SEK",
        '#FNAMN "TestFirma 10"',
        "#ORGNR 556735-56710",
        '#KONTO 1510 "Kundfordingar PayEx"',
        "#KTYP 1510 T",
        '#KONTO 3710 "Nedskrivningar av intäkter"',
        "#KTYP 3710 I",
        "#VER C 77002 20161213",
        "{",
        "  #TRANS 1510 {} -250.00 20161213",
        "  #TRANS 1510 {} 250.00 20161213",
        "}",
        "#VER C 77003 20161213",
        "{",
        "  #TRANS 1510 {} -2500.00 20161222",
        "  #TRANS 1684 {} 2499.50 20161222",
        "  #TRANS 3710 {} 0.50 20161222",
        "}",
      ]),
    );
    const r = await streamSieFile(path);
    expect(r.sie.accounts.get("3710")?.name).toBe("Nedskrivningar av intäkter");
    expect(r.sie.company).toBe("TestFirma 10");
    expect(r.errors.map((e) => e.message)).toEqual([
      'rad 23: konto 3710 (0,50 kr) saknar ansvar: förväntade ett objekt i dimension 1 i objektlistan, t.ex. {1 "410"}.',
    ]);
    expect(r.rowsSetAside).toBe(4);
    expect(r.rowsRead).toBe(5);
  });

  it("reads a UTF-8 file that says PC8, with a warning", async () => {
    const path = file(
      "utf8.se",
      [
        ...HEAD,
        '#OBJEKT 1 "410" "Förvaltningsledning"',
        '#VER A 1 20240131 ""',
        "{",
        '#TRANS 5010 {1 "410"} 1.00',
        "#TRANS 1930 {} -1.00",
        "}",
      ].join("\n"),
    );
    const r = await streamSieFile(path);
    expect(r.sie.objects.get("1")?.get("410")).toBe("Förvaltningsledning");
    expect(r.warnings.map((w) => w.message)).toEqual([
      "filen anger #FORMAT PC8 men dess tecken är UTF-8: läst som UTF-8; kontrollera å, ä och ö i namnen.",
    ]);
  });
});
