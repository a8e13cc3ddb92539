/**
 * Text from a workbook, a file or the command line never reaches an object's prototype: maps keyed by user text
 * are `Map`s or null-prototype objects (src/core/records.ts), and lookups of user text in fixed tables go through
 * `ownValue`. The grep below keeps src/ free of the unsafe forms; the cases after it are the ones that broke.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseArgs } from "../src/cli/args";
import { EXIT_INPUT, EXIT_OK, runCli } from "../src/cli/main";
import { emptyRecord, ownValue, recordOf } from "../src/core/records";
import { recogniseHeader, SPECS } from "../src/input/headers";
import { readSettings } from "../src/input/settings";
import { readVolumeInput } from "../src/input/volumeInput";
import { memoryReader, messages, settings } from "./input/helpers";

const SRC = join(__dirname, "../src");
const EXAMPLE = join(__dirname, "../examples/herrljunga-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-proto-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every name an attacker tries: each is a key of Object.prototype or reaches it. */
const PROTO_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Lines of src/ matching `pattern`, as "file:line: text". */
function grep(pattern: RegExp): string[] {
  return sourceFiles(SRC).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) =>
        pattern.test(line) && !/^\s*(\*|\/\/)/.test(line)
          ? [`${file.slice(SRC.length + 1)}:${i + 1}: ${line.trim()}`]
          : [],
      ),
  );
}

/** Object.prototype has none of the properties a polluting write would add. */
function expectCleanPrototype(): void {
  const probe = {} as Record<string, unknown>;
  for (const k of ["hidden", "formula", "costCentre", "Ansvar", "Belopp", "amount"])
    expect(probe[k], k).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

afterEach(expectCleanPrototype);

describe("src/ has no unsafe map or lookup", () => {
  it("creates no nested map with ??= {} or ||= {} (a key __proto__ would return Object.prototype)", () => {
    expect(grep(/(\?\?|\|\|)=\s*\{\s*\}/)).toEqual([]);
  });

  it("creates no string-keyed record as an empty literal: emptyRecord() instead", () => {
    expect(grep(/:\s*Record<string,[^=]*>\s*=\s*\{\s*\}/)).toEqual([]);
  });

  it("looks up every fixed string-keyed table through ownValue, never by [key]", () => {
    const tables = sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bconst ([A-Z][A-Z0-9_]*): (?:Readonly<)?Record<string,/g)].map(
        (m) => m[1]!,
      ),
    );
    expect(tables).toEqual(
      expect.arrayContaining(["MONEY_UNITS", "METHOD_NAMES", "GRANT_KEYS", "ROLES", "SIGN_ARGS", "METHOD_ARGS"]),
    );
    // A read `TABLE[...]` (an assignment at module load from fixed labels is allowed).
    const reads = tables.flatMap((t) => grep(new RegExp(`\\b${t}\\[(?![^\\]]*\\]\\s*=[^=])`)));
    expect(reads).toEqual([]);
  });
});

describe("records", () => {
  it("emptyRecord and recordOf hold __proto__ and constructor as ordinary keys", () => {
    const r = emptyRecord<string>();
    for (const k of PROTO_NAMES) r[k] = `v-${k}`;
    expect(Object.keys(r)).toEqual(PROTO_NAMES);
    expect(Object.getPrototypeOf(r)).toBeNull();
    const copy = recordOf(Object.entries(r));
    expect(copy["__proto__"]).toBe("v-__proto__");
    expect(Object.getPrototypeOf(copy)).toBeNull();
  });

  it("ownValue finds nothing a table only inherits", () => {
    const table = { kr: 1 };
    for (const k of PROTO_NAMES) expect(ownValue(table, k), k).toBeUndefined();
    expect(ownValue(table, "kr")).toBe(1);
    expect(ownValue(undefined, "kr")).toBeUndefined();
  });
});

describe("prototype names from a workbook", () => {
  it("a Kolumnmappning row __proto__ | hidden | Ansvar is a mapping of a sheet named __proto__, nothing more", async () => {
    const read = await readSettings(
      memoryReader({
        Kolumnmappning: [
          ["Blad", "Rubrik", "Fält"],
          ["__proto__", "hidden", "Ansvar"],
          ["__proto__", "formula", "Ansvar"],
          ["constructor", "x", "Ansvar"],
        ],
      }),
    );
    expect(read.errors).toEqual([]);
    const mapping = read.settings.columnMapping!;
    expect(Object.keys(mapping)).toEqual(["__proto__", "constructor"]);
    expect({ ...ownValue(mapping, "__proto__") }).toEqual({ hidden: "costCentre", formula: "costCentre" });
    // A sheet named toString has no mapping (the inherited function is not one).
    const data = { sheet: "toString", origin: { row: 0, column: 0 }, values: [["Ansvar", "Budget helår"]] };
    expect(recogniseHeader(data, SPECS.budget, mapping)?.complete).toBe(true);
  });

  it("settings named or valued constructor are errors and warnings at their own cells", async () => {
    const read = await readSettings(
      memoryReader({
        Inställningar: [
          ["Belopp i", "constructor"],
          ["Utfall i", "__proto__"],
          ["Prognosmetod", "toString"],
          ["constructor", "5"],
          ["År", 2021],
        ],
      }),
    );
    expect(read.settings).toEqual({ year: 2021 });
    expect(messages(read.errors)).toEqual([
      'Blad "Inställningar", cell B1: "constructor" är inte ett värde för Belopp i: förväntade kr, tkr eller mnkr.',
      'Blad "Inställningar", cell B2: "__proto__" är inte ett värde för Utfall i: förväntade kr eller tkr.',
      expect.stringMatching(
        /^Blad "Inställningar", cell B3: "toString" är inte ett värde för Prognosmetod: förväntade /,
      ),
    ]);
    expect(messages(read.warnings)).toEqual([
      expect.stringMatching(/^Blad "Inställningar", cell A4: "constructor" är ingen känd inställning/),
    ]);
  });

  it("a volume role constructor is an error naming its cell", async () => {
    const out = await readVolumeInput(
      memoryReader({
        Volymer: [
          [
            "Verksamhet",
            "Volymmått",
            "Enhet",
            "Budgeterad volym",
            "Á-pris (kr)",
            "Fast del (tkr)",
            "Utfall volym",
            "Kostnad t.o.m. period (tkr)",
            "Roll",
          ],
          ["Särskilt boende", "Vårddygn", "dygn", 36500, 1900, 1200, 24000, 47500, "constructor"],
        ],
      }),
      settings(),
    );
    expect(messages(out.errors)).toEqual([
      'Blad "Volymer", cell I2: "constructor" är ingen roll: förväntade Egen, Beställare eller Utförare.',
    ]);
  });
});

describe("prototype names on the command line", () => {
  it("--tecken and --metod constructor are refused", () => {
    const parsed = parseArgs(["prognos", "bok.xlsx", "--tecken", "constructor", "--metod", "__proto__"]);
    expect(parsed).toEqual({
      ok: false,
      problems: [
        "--tecken constructor: välj kostnad-positiv eller kostnad-negativ.",
        "--metod __proto__: välj linjar, fjolaret, budget.",
      ],
    });
  });

  it('--kolumn "__proto__!hidden=Ansvar" maps a sheet named __proto__', () => {
    const parsed = parseArgs([
      "prognos",
      "bok.xlsx",
      "--kolumn",
      "__proto__!hidden=Ansvar",
      "--kolumn",
      "__proto__!formula=Ansvar",
    ]);
    expect(parsed.ok).toBe(true);
    const mapping = parsed.ok ? parsed.options.columnMapping! : {};
    expect(Object.keys(mapping)).toEqual(["__proto__"]);
    expect({ ...ownValue(mapping, "__proto__") }).toEqual({ hidden: "costCentre", formula: "costCentre" });
  });

  it("a run with both mappings writes a report whose sheets are visible and whose texts are text", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const ws = wb.addWorksheet("Kolumnmappning");
    ws.addRows([
      ["Blad", "Rubrik", "Fält"],
      ["__proto__", "hidden", "Ansvar"],
      ["__proto__", "formula", "Ansvar"],
    ]);
    const book = join(dir, "proto.xlsx");
    await wb.xlsx.writeFile(book);
    const out = join(dir, "proto-rapport.xlsx");
    const err: string[] = [];
    const code = await runCli(["prognos", book, "--out", out, "--tyst", "--kolumn", "__proto__!hidden=Ansvar"], {
      stdout: () => {},
      stderr: (t) => err.push(t),
    });
    expect(code, err.join("\n")).toBe(EXIT_OK);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(out);
    const sheet = report.getWorksheet("Prognos per ansvar")!;
    expect(sheet.state).toBe("visible");
    let formulas = 0;
    sheet.eachRow((row) =>
      row.eachCell((c) => void (c.formula === "costCentre" || c.formula === "=costCentre" ? formulas++ : 0)),
    );
    expect(formulas).toBe(0);
  });

  it("--tecken constructor exits 2 with the Swedish problem", async () => {
    const err: string[] = [];
    const code = await runCli(["prognos", EXAMPLE, "--tecken", "constructor"], {
      stdout: () => {},
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(EXIT_INPUT);
    expect(err[0]).toBe("--tecken constructor: välj kostnad-positiv eller kostnad-negativ.");
  });
});
