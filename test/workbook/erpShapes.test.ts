/**
 * Ledger extracts as ERPs deliver them: the same bookings in every shape a kommun's export takes (encoding, byte-order
 * mark, separator, decimal comma, quoted fields with separators and line breaks, extra columns in any order, CRLF)
 * read to the same totals per ansvar and month.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatInputError } from "../../src/input/errors";
import { streamLedgerFile } from "../../src/cli/ledgerFiles";
import type { LedgerStreamResult } from "../../src/input/ledger";
import { encodeCp437 } from "../../src/workbook/sie/sieFile";

const dir = mkdtempSync(join(tmpdir(), "budgetkoll-erp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Booking {
  readonly ansvar: string;
  readonly konto: string;
  readonly period: string;
  /** Öre, to write it exactly in every shape. */
  readonly ore: number;
  readonly verksamhet: string;
  readonly aktivitet: string;
  readonly motpart: string;
  readonly projekt: string;
  readonly text: string;
  readonly datum: string;
}

/** Texts with what breaks a naive reader: å ä ö, the separators, a quote, a line break. */
const TEXTS = [
  "Löner, vikarier; augusti",
  'Hyra "Solgården"\nkvartal 3',
  "Bidrag\tfrån Migrationsverket",
  "Köp av plats, Åsa-hemmet",
  "Övrigt",
];

const BOOKINGS: Booking[] = Array.from({ length: 60 }, (_, i) => {
  const ansvar = ["410", "422", "441"][i % 3]!;
  const konto = ["3010", "4580", "5010", "6110"][i % 4]!;
  const month = 1 + (i % 8);
  const ore = (konto === "3010" ? -1 : 1) * (100_000 + i * 12_345 + (i % 7) * 3);
  return {
    ansvar,
    konto,
    period: `2021-${String(month).padStart(2, "0")}`,
    ore,
    verksamhet: ["Vård och omsorg", "Individ- och familjeomsorg", "Äldreomsorg"][i % 3]!,
    aktivitet: `A${i % 5}`,
    motpart: i % 2 ? "Extern" : "Intern; kommunen",
    projekt: i % 4 ? "" : "P-12",
    text: TEXTS[i % TEXTS.length]!,
    datum: `2021-${String(month).padStart(2, "0")}-15`,
  };
});

/** Expected totals, summed here in öre: per ansvar. */
const EXPECTED = new Map<string, number>();
for (const b of BOOKINGS) EXPECTED.set(b.ansvar, (EXPECTED.get(b.ansvar) ?? 0) + b.ore);

const kr = (ore: number, decimal: "," | "."): string => {
  const a = Math.abs(ore);
  return `${ore < 0 ? "-" : ""}${Math.floor(a / 100)}${decimal}${String(a % 100).padStart(2, "0")}`;
};

interface Shape {
  readonly name: string;
  readonly separator: ";" | "," | "\t";
  readonly decimal: "," | ".";
  readonly encoding: "utf-8" | "utf-8-bom" | "windows-1252";
  readonly eol: "\n" | "\r\n";
  /** Column order, by field. */
  readonly columns: readonly (keyof Booking | "belopp")[];
  /** Header text per field. */
  readonly headers?: Partial<Record<keyof Booking | "belopp", string>>;
}

function quote(field: string, separator: string): string {
  return /["\r\n;,\t]/.test(field) || field.includes(separator) ? `"${field.replace(/"/g, '""')}"` : field;
}

function write(shape: Shape): string {
  const headerText = (c: Shape["columns"][number]): string =>
    shape.headers?.[c] ??
    {
      belopp: "Belopp",
      ansvar: "Ansvar",
      konto: "Konto",
      period: "Period",
      ore: "",
      verksamhet: "Verksamhet",
      aktivitet: "Aktivitet",
      motpart: "Motpart",
      projekt: "Projekt",
      text: "Text",
      datum: "Bokföringsdag",
    }[c];
  const lines = [shape.columns.map((c) => quote(headerText(c), shape.separator)).join(shape.separator)];
  for (const b of BOOKINGS) {
    lines.push(
      shape.columns
        .map((c) => quote(c === "belopp" ? kr(b.ore, shape.decimal) : String(b[c]), shape.separator))
        .join(shape.separator),
    );
  }
  const text = lines.join(shape.eol) + shape.eol;
  // Windows-1252 and Latin-1 agree on every character written here.
  const body =
    shape.encoding === "windows-1252" ? Uint8Array.from(text, (c) => c.charCodeAt(0)) : new TextEncoder().encode(text);
  const bytes = shape.encoding === "utf-8-bom" ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
  const path = join(dir, `${shape.name.replace(/\W+/g, "-")}.csv`);
  writeFileSync(path, bytes);
  return path;
}

const BASIC = ["ansvar", "konto", "period", "belopp"] as const;
const WIDE = [
  "datum",
  "verksamhet",
  "ansvar",
  "aktivitet",
  "motpart",
  "konto",
  "projekt",
  "text",
  "period",
  "belopp",
] as const;

const SHAPES: Shape[] = [
  {
    name: "UTF-8, semicolon, decimal comma, LF",
    separator: ";",
    decimal: ",",
    encoding: "utf-8",
    eol: "\n",
    columns: BASIC,
  },
  {
    name: "UTF-8 with BOM, comma, decimal point, CRLF",
    separator: ",",
    decimal: ".",
    encoding: "utf-8-bom",
    eol: "\r\n",
    columns: BASIC,
  },
  {
    name: "UTF-8, comma, decimal comma (quoted), CRLF",
    separator: ",",
    decimal: ",",
    encoding: "utf-8",
    eol: "\r\n",
    columns: BASIC,
  },
  {
    name: "Windows-1252, semicolon, decimal comma, CRLF",
    separator: ";",
    decimal: ",",
    encoding: "windows-1252",
    eol: "\r\n",
    columns: WIDE,
  },
  {
    name: "tab, decimal comma, UTF-8 with BOM",
    separator: "\t",
    decimal: ",",
    encoding: "utf-8-bom",
    eol: "\r\n",
    columns: WIDE,
  },
  {
    name: "wide, semicolon, quoted texts with separators and line breaks, UTF-8",
    separator: ";",
    decimal: ",",
    encoding: "utf-8",
    eol: "\n",
    columns: WIDE,
  },
  {
    name: "wide, comma, other order, Windows-1252",
    separator: ",",
    decimal: ".",
    encoding: "windows-1252",
    eol: "\r\n",
    columns: ["text", "belopp", "projekt", "period", "motpart", "konto", "aktivitet", "ansvar", "verksamhet", "datum"],
  },
  // A Datum column beside the Period: the period is the Period column's.
  {
    name: "wide, a Datum column beside Period",
    separator: ";",
    decimal: ",",
    encoding: "utf-8",
    eol: "\r\n",
    columns: WIDE,
    headers: { datum: "Datum" },
  },
  // Raindance: "Ansvar", "Konto", "Period" (ÅÅÅÅMM) and "Belopp"; Unit4 (Agresso): "Summa" for the amount.
  {
    name: "Unit4 (Agresso) headers",
    separator: ";",
    decimal: ",",
    encoding: "windows-1252",
    eol: "\r\n",
    columns: ["ansvar", "konto", "period", "text", "belopp"],
    headers: { belopp: "Summa", ansvar: "Ansvar", text: "Ansvar(T)" },
  },
];

function byCentre(r: LedgerStreamResult): Map<string, number> {
  return new Map([...r.amountByCostCentre].map(([k, v]) => [k, Math.round(v * 100)]));
}

describe("ERP ledger shapes read to the same totals", () => {
  for (const shape of SHAPES) {
    it(shape.name, async () => {
      const r = await streamLedgerFile(write(shape));
      expect(r.errors.map(formatInputError)).toEqual([]);
      expect(r.rowsRead).toBe(60);
      expect(r.rowsUsed).toBe(60);
      expect(byCentre(r)).toEqual(EXPECTED);
      // 410: 20 bookings; the seed's own arithmetic, in öre.
      expect(byCentre(r).get("410")).toBe(EXPECTED.get("410"));
      expect(r.actuals.length).toBe(24); // 3 ansvar x 8 months
      // The encoding was sure: no warning about it.
      expect(r.warnings.map(formatInputError).filter((w) => /teckenkodning/.test(w))).toEqual([]);
    });
  }

  it("codepage 437 (PC8) read as Windows-1252: the same totals, and a warning that the encoding is not sure", async () => {
    const text = write({
      name: "PC8 wide semicolon",
      separator: ";",
      decimal: ",",
      encoding: "utf-8",
      eol: "\r\n",
      columns: WIDE,
    });
    // The same file in codepage 437: å ä ö as 0x86 0x84 0x94, Å Ä Ö as 0x8F 0x8E 0x99; the header's Bokföringsdag first.
    const path = join(dir, "pc8.csv");
    writeFileSync(path, encodeCp437(readFileSync(text, "utf8")));
    const r = await streamLedgerFile(path);
    expect(r.errors.map(formatInputError)).toEqual([]);
    expect(byCentre(r)).toEqual(EXPECTED);
    expect(r.warnings.map(formatInputError)).toEqual([
      'Blad "pc8.csv": filen lästes som Windows-1252, men den har tecken som Windows-1252 inte brukar ha (första på rad 1: 0x94 (ö i PC8), 0x86 (å i PC8), 0x8E (Ä i PC8), 0x8F (Å i PC8), 0x99 (Ö i PC8)), så teckenkodningen är osäker: kontrollera å, ä och ö i namnen, och exportera filen på nytt som UTF-8 eller Windows-1252.',
    ]);
  });

  it("the totals are the bookings' own (a check on the test's arithmetic)", () => {
    expect([...EXPECTED]).toEqual([
      ["410", 5_073_937],
      ["422", 4_827_040],
      ["441", 4_580_143],
    ]);
  });
});
