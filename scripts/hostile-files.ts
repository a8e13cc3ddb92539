/**
 * The hostile-file suite's cases: careless and hostile files built from the bundled example at test time (nothing
 * large is committed). Each case writes its files into a folder and says how to run the command line on them and
 * what must come out: the exit code, a Swedish sentence, and which files may change. `test/hostile/hostile.test.ts`
 * runs each in a child process under a time and memory budget (docs/security.md: how to add a case).
 *
 *   npx tsx scripts/hostile-files.ts out/hostile     # write every case's files, to try them by hand
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { runCli } from "../src/cli/main";
import { readEntry, readZipDirectory, type ZipEntry } from "../src/workbook/exceljs/fileCheck";

export const EXAMPLE = resolve(fileURLToPath(import.meta.url), "../../examples/herrljunga-2021.xlsx");

export interface HostileCase {
  readonly name: string;
  /** Write the case's files into `dir`; returns the command line's arguments (paths inside `dir`). */
  readonly build: (dir: string) => Promise<string[]>;
  readonly exit: 0 | 1 | 2;
  /** Must match stderr (or stdout, for exit 0: a figure of the report). */
  readonly expect: RegExp;
  /** For exit 0: a warning stderr must hold. */
  readonly warns?: RegExp;
  /** Files in `dir` the run may create or change (the report); every other file must stay byte for byte. */
  readonly writes?: readonly string[];
}

/** A zip of these entries, deflated; `declared` overrides an entry's stated unpacked size (a lying directory). */
export function zipOf(files: readonly { name: string; data: Uint8Array; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, "utf8");
    const data = deflateRawSync(f.data as unknown as Parameters<typeof deflateRawSync>[0]);
    const size = f.declared ?? f.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const size = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end] as unknown as Uint8Array[]);
}

/** The entries of an .xlsx, unpacked, each passed through `edit`. */
function rezip(path: string, edit: (name: string, text: string) => string): Buffer {
  const entries = readZipDirectory(path) as ZipEntry[];
  return zipOf(
    entries.map((e) => ({
      name: e.name,
      data: Buffer.from(edit(e.name, readEntry(path, e).toString("utf8")), "utf8") as unknown as Uint8Array,
    })),
  );
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, "utf8") as unknown as Uint8Array;

/** A minimal .xlsx around one sheet's XML. */
function minimalXlsx(sheetXml: Uint8Array, declared?: number): Buffer {
  return zipOf([
    {
      name: "[Content_Types].xml",
      data: utf8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: "xl/workbook.xml",
      data: utf8(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Utfall" sheetId="1"/></sheets></workbook>',
      ),
    },
    { name: "xl/worksheets/sheet1.xml", data: sheetXml, declared },
  ]);
}

/** The example with `edit` applied through exceljs, written to `dir/name`. */
async function exampleWith(dir: string, name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  edit(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

function copyExample(dir: string, name = "bok.xlsx"): string {
  const path = join(dir, name);
  copyFileSync(EXAMPLE, path);
  return path;
}

/** The example's Utfall rows as CSV lines (Ansvar;Konto;Period;Text;Belopp), padded with 0-kronor rows to `rows`. */
async function ledgerCsv(rows: number, text: (i: number) => string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  const lines = ["Ansvar;Konto;Period;Text;Belopp"];
  const data: string[][] = [];
  wb.getWorksheet("Utfall")!.eachRow((r, n) => {
    if (n > 1) data.push((r.values as unknown[]).slice(1).map(String));
  });
  for (let i = 0; i < rows; i++) {
    const [ansvar, konto, period, belopp] = data[i % data.length]!;
    lines.push(`${ansvar};${konto};${period};${text(i)};${i < data.length ? belopp!.replace(".", ",") : "0"}`);
  }
  return lines.join("\r\n") + "\r\n";
}

/**
 * The example's templates (`budgetkoll mall`) in `dir/inkomna`, the first forecast template filled in (its first
 * ansvar 1 234 tkr) and passed to `edit`; returns the workbook and the folder.
 */
async function returnedTemplates(
  dir: string,
  edit: (ws: ExcelJS.Worksheet, lastRow: number) => void = () => {},
): Promise<{ book: string; folder: string; filled: string }> {
  const book = copyExample(dir);
  const folder = join(dir, "inkomna");
  const quietIO = { stdout: () => {}, stderr: () => {} };
  if ((await runCli(["mall", book, "--out", folder, "--tyst"], quietIO)) !== 0) throw new Error("mall failed");
  const filled = readdirSync(folder)
    .filter((f) => f.startsWith("prognos-"))
    .sort()[0]!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(folder, filled));
  const ws = wb.worksheets.find((w) => w.state === "visible")!;
  let header = 0;
  ws.eachRow((row, n) => {
    if (header === 0 && row.getCell(5).value === "Prognos helår (tkr)") header = n;
  });
  ws.getCell(header + 1, 5).value = 1234;
  ws.getCell(header + 1, 6).value = "Fler placeringar än budgeterat.";
  let last = header;
  ws.eachRow((row, n) => {
    if (n > last && row.getCell(1).value !== null) last = n;
  });
  edit(ws, last);
  await wb.xlsx.writeFile(join(folder, filled));
  return { book, folder, filled };
}

/** Seed 004's total utfall to August in tkr, as the prognosis table's Summa line prints it. */
const EXAMPLE_TOTAL = /Summa .*136 435/;

const quiet = ["--tyst"];

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: "Kolumnmappning __proto__ | hidden | Ansvar, and --kolumn the same",
    build: async (dir) => {
      const book = await exampleWith(dir, "bok.xlsx", (wb) =>
        wb.addWorksheet("Kolumnmappning").addRows([
          ["Blad", "Rubrik", "Fält"],
          ["__proto__", "hidden", "Ansvar"],
          ["__proto__", "formula", "Ansvar"],
        ]),
      );
      return ["prognos", book, "--out", join(dir, "rapport.xlsx"), "--kolumn", "__proto__!hidden=Ansvar", ...quiet];
    },
    exit: 0,
    expect: EXAMPLE_TOTAL,
    writes: ["rapport.xlsx"],
  },
  {
    name: "Belopp i = constructor",
    build: async (dir) => {
      const book = await exampleWith(
        dir,
        "bok.xlsx",
        (wb) => (wb.getWorksheet("Inställningar")!.getCell("B5").value = "constructor"),
      );
      return ["prognos", book, "--out", join(dir, "rapport.xlsx"), ...quiet];
    },
    exit: 2,
    expect:
      /Blad "Inställningar", cell B5: "constructor" är inte ett värde för Belopp i: förväntade kr, tkr eller mnkr\./,
  },
  {
    name: "--tecken constructor",
    build: async (dir) => ["prognos", copyExample(dir), "--tecken", "constructor", ...quiet],
    exit: 2,
    expect: /--tecken constructor: välj kostnad-positiv eller kostnad-negativ\./,
  },
  {
    name: 'a 24" Dell in a 100,000-row CSV ledger',
    build: async (dir) => {
      writeFileSync(join(dir, "huvudbok.csv"), await ledgerCsv(100_000, (i) => (i === 500 ? '24" Dell' : "Inköp")));
      return [
        "prognos",
        copyExample(dir),
        "--utfall",
        join(dir, "huvudbok.csv"),
        "--out",
        join(dir, "rapport.xlsx"),
        ...quiet,
      ];
    },
    exit: 0,
    expect: EXAMPLE_TOTAL,
    writes: ["rapport.xlsx"],
  },
  {
    name: "a quote that never closes in a 100,000-row CSV ledger",
    build: async (dir) => {
      writeFileSync(join(dir, "huvudbok.csv"), await ledgerCsv(100_000, (i) => (i === 500 ? '"24 Dell' : "Inköp")));
      return [
        "prognos",
        copyExample(dir),
        "--utfall",
        join(dir, "huvudbok.csv"),
        "--out",
        join(dir, "rapport.xlsx"),
        ...quiet,
      ];
    },
    exit: 2,
    expect: /Blad "huvudbok\.csv", cell A502: citattecknet i ett fält på rad 502 stängs inte inom 100 rader/,
  },
  {
    name: "a Windows-1252 CSV ledger whose first 64 KiB are ASCII",
    build: async (dir) => {
      // Row 4 000 (past the first 64 KiB): a text with ö and an amount with a non-breaking space (0xA0) as the
      // thousands separator, as Raindance writes them; read as UTF-8 the amount would be "0�000,00".
      const csv = (await ledgerCsv(5000, (i) => (i === 4000 ? "Inköp" : "Inkop"))).replace(
        /Inköp;0\r\n/,
        "Inköp;0\xa0000,00\r\n",
      );
      writeFileSync(join(dir, "huvudbok.csv"), Buffer.from(csv, "latin1") as unknown as Uint8Array);
      return [
        "prognos",
        copyExample(dir),
        "--utfall",
        join(dir, "huvudbok.csv"),
        "--out",
        join(dir, "rapport.xlsx"),
        ...quiet,
      ];
    },
    exit: 0,
    expect: EXAMPLE_TOTAL,
    writes: ["rapport.xlsx"],
  },
  {
    name: "20 cells of 32 KiB of '(' in a sheet's first rows",
    build: async (dir) => {
      const book = await exampleWith(dir, "bok.xlsx", (wb) => {
        const ws = wb.addWorksheet("Skräp");
        for (let r = 0; r < 20; r++)
          ws.addRow(
            Array.from({ length: 20 }, (_, c) =>
              c === r || c === 19 - r ? "(".repeat(32 * 1024) : `(${"a(".repeat(100)}`,
            ),
          );
      });
      return ["prognos", book, "--out", join(dir, "rapport.xlsx"), ...quiet];
    },
    exit: 0,
    expect: EXAMPLE_TOTAL,
    writes: ["rapport.xlsx"],
  },
  {
    name: "a 0.1 MB file that unpacks to 64 MB (a zip bomb)",
    build: async (dir) => {
      const xml = Buffer.alloc(64 * 1024 * 1024, 0x20);
      utf8("<worksheet><sheetData>").forEach((b, i) => (xml[i] = b));
      writeFileSync(join(dir, "bomb.xlsx"), minimalXlsx(xml as unknown as Uint8Array) as unknown as Uint8Array);
      return ["prognos", join(dir, "bomb.xlsx"), "--ar", "2021", "--manad", "8", ...quiet];
    },
    exit: 2,
    expect:
      /Filen bomb\.xlsx läses inte: delen xl\/worksheets\/sheet1\.xml packas upp .* gånger .*mer än gränsen 100 gånger/,
  },
  {
    name: "5,000,000 rows without r in a small file",
    build: async (dir) => {
      const row = "<row><c><v>1</v></c></row>";
      const xml = Buffer.alloc(row.length * 5_000_000, row);
      writeFileSync(join(dir, "miljoner.xlsx"), minimalXlsx(xml as unknown as Uint8Array) as unknown as Uint8Array);
      return ["prognos", join(dir, "miljoner.xlsx"), "--ar", "2021", "--manad", "8", ...quiet];
    },
    exit: 2,
    expect: /Filen miljoner\.xlsx läses inte: delen xl\/worksheets\/sheet1\.xml packas upp .* gånger \(till 124 MB\)/,
  },
  {
    name: "a zip directory that says 1.6 GB",
    build: async (dir) => {
      writeFileSync(join(dir, "stor.xlsx"), minimalXlsx(utf8("<worksheet/>"), 1_600_000_000) as unknown as Uint8Array);
      return ["prognos", join(dir, "stor.xlsx"), ...quiet];
    },
    exit: 2,
    expect: /Filen stor\.xlsx läses inte: den packas upp till 1 526 MB, mer än gränsen 1 024 MB\./,
  },
  {
    name: "a sheet that says it has 5,000,000 rows",
    build: async (dir) => {
      writeFileSync(
        join(dir, "rader.xlsx"),
        minimalXlsx(utf8('<worksheet><dimension ref="A1:D5000000"/><sheetData/></worksheet>')) as unknown as Uint8Array,
      );
      return ["prognos", join(dir, "rader.xlsx"), ...quiet];
    },
    exit: 2,
    expect:
      /Filen rader\.xlsx läses inte: bladet i xl\/worksheets\/sheet1\.xml säger sig ha 5 000 000 rader, fler än Excels gräns 1 048 576\./,
  },
  {
    name: "--out is the input workbook",
    build: async (dir) => ["rapport", copyExample(dir), "--out", join(dir, "bok.xlsx"), ...quiet],
    exit: 2,
    expect:
      /--out .*bok\.xlsx är samma fil som indata .*bok\.xlsx: Budgetkoll skriver aldrig över en fil som körningen läser\./,
  },
  {
    name: "--out is the ledger file, even with --skriv-over",
    build: async (dir) => {
      const ledger = copyExample(dir, "huvudbok.xlsx");
      return ["prognos", copyExample(dir), "--utfall", ledger, "--out", ledger, "--skriv-over", ...quiet];
    },
    exit: 2,
    expect: /är samma fil som indata/,
  },
  {
    name: "--out onto an existing workbook Budgetkoll did not write",
    build: async (dir) => {
      copyExample(dir, "annan.xlsx");
      return ["prognos", copyExample(dir), "--out", join(dir, "annan.xlsx"), ...quiet];
    },
    exit: 2,
    expect:
      /--out .*annan\.xlsx: filen finns redan och är ingen rapport som Budgetkoll har skrivit\. Välj en annan fil, eller lägg till --skriv-over/,
  },
  {
    name: "--out onto an existing foreign workbook with --skriv-over",
    build: async (dir) => {
      copyExample(dir, "annan.xlsx");
      return ["prognos", copyExample(dir), "--out", join(dir, "annan.xlsx"), "--skriv-over", ...quiet];
    },
    exit: 0,
    expect: EXAMPLE_TOTAL,
    writes: ["annan.xlsx"],
  },
  {
    name: "an empty file",
    build: async (dir) => {
      writeFileSync(join(dir, "tom.xlsx"), "");
      return ["prognos", join(dir, "tom.xlsx"), ...quiet];
    },
    exit: 2,
    expect: /^Filen tom\.xlsx går inte att läsa som en Excel-arbetsbok \(\.xlsx\): den ser ut att vara tom \(0 byte\)/,
  },
  {
    name: "a truncated workbook",
    build: async (dir) => {
      const bytes = readFileSync(EXAMPLE);
      writeFileSync(join(dir, "halv.xlsx"), bytes.subarray(0, bytes.length >> 1) as unknown as Uint8Array);
      return ["prognos", join(dir, "halv.xlsx"), ...quiet];
    },
    exit: 2,
    expect: /^Filen halv\.xlsx går inte att läsa som en Excel-arbetsbok \(\.xlsx\): den ser ut att vara avkortad/,
  },
  {
    name: "an .xls renamed .xlsx",
    build: async (dir) => {
      const cfb = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb as unknown as Uint8Array);
      Buffer.from("Workbook", "utf16le").copy(cfb as unknown as Uint8Array, 1024);
      writeFileSync(join(dir, "gammal.xlsx"), cfb as unknown as Uint8Array);
      return ["prognos", join(dir, "gammal.xlsx"), ...quiet];
    },
    exit: 2,
    expect:
      /^Filen gammal\.xlsx .*: den ser ut att vara en äldre Excel-fil \(\.xls\): öppna den i Excel och spara som Excel-arbetsbok \(\.xlsx\)\./,
  },
  {
    name: "an encrypted workbook",
    build: async (dir) => {
      const cfb = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb as unknown as Uint8Array);
      Buffer.from("EncryptedPackage", "utf16le").copy(cfb as unknown as Uint8Array, 1024);
      writeFileSync(join(dir, "hemlig.xlsx"), cfb as unknown as Uint8Array);
      return ["prognos", join(dir, "hemlig.xlsx"), ...quiet];
    },
    exit: 2,
    expect: /^Filen hemlig\.xlsx .*: den ser ut att vara en lösenordsskyddad \(krypterad\) arbetsbok/,
  },
  {
    name: "an .ods renamed .xlsx",
    build: async (dir) => {
      writeFileSync(
        join(dir, "calc.xlsx"),
        zipOf([
          { name: "mimetype", data: utf8("application/vnd.oasis.opendocument.spreadsheet") },
          { name: "content.xml", data: utf8("<office:document-content/>") },
        ]) as unknown as Uint8Array,
      );
      return ["prognos", join(dir, "calc.xlsx"), ...quiet];
    },
    exit: 2,
    expect: /^Filen calc\.xlsx .*: den ser ut att vara ett OpenDocument-kalkylblad \(\.ods\)/,
  },
  {
    name: "a CSV renamed .xlsx",
    build: async (dir) => {
      writeFileSync(join(dir, "text.xlsx"), "Ansvar;Belopp\n400;100\n");
      return ["prognos", join(dir, "text.xlsx"), ...quiet];
    },
    exit: 2,
    expect: /^Filen text\.xlsx .*: den ser ut att vara en textfil \(CSV\)/,
  },
  {
    name: "a workbook without the r attribute on rows and cells",
    build: async (dir) => {
      writeFileSync(
        join(dir, "utan-r.xlsx"),
        rezip(EXAMPLE, (name, text) =>
          name.startsWith("xl/worksheets/")
            ? text.replace(/<dimension[^>]*\/>/, "").replace(/(<(?:row|c)\b[^>]*?)\sr="[^"]*"/g, "$1")
            : text,
        ) as unknown as Uint8Array,
      );
      return ["prognos", join(dir, "utan-r.xlsx"), "--out", join(dir, "rapport.xlsx"), ...quiet];
    },
    exit: 0,
    expect: EXAMPLE_TOTAL,
    writes: ["rapport.xlsx"],
  },
  {
    name: "two sheets named alike but for case",
    build: async (dir) => {
      writeFileSync(
        join(dir, "dubbel.xlsx"),
        rezip(EXAMPLE, (name, text) =>
          name === "xl/workbook.xml" ? text.replace('name="Prognos"', 'name="BUDGET"') : text,
        ) as unknown as Uint8Array,
      );
      return ["prognos", join(dir, "dubbel.xlsx"), ...quiet];
    },
    exit: 2,
    expect:
      /^Filen dubbel\.xlsx går inte att läsa: bladen "Budget" och "BUDGET" har samma namn så när som på stora och små bokstäver/,
  },
  {
    name: "a comment of 40,000 characters (Excel holds 32,767 in a cell)",
    build: async (dir) => {
      const book = await exampleWith(
        dir,
        "bok.xlsx",
        (wb) => (wb.getWorksheet("Prognos")!.getCell("C2").value = "lång kommentar ".repeat(2700)),
      );
      return ["prognos", book, "--out", join(dir, "rapport.xlsx"), ...quiet];
    },
    exit: 0,
    expect: EXAMPLE_TOTAL,
    warns:
      /Blad "Prognos per ansvar", cell [A-Z]+\d+: texten har 40\d{3} tecken, fler än de 32767 som ryms i en cell i Excel: den skrevs avkortad/,
    writes: ["rapport.xlsx"],
  },
  {
    name: "a CSV ledger of a header only",
    build: async (dir) => {
      writeFileSync(join(dir, "huvudbok.csv"), "Ansvar;Konto;Period;Belopp\r\n");
      return [
        "prognos",
        copyExample(dir),
        "--utfall",
        join(dir, "huvudbok.csv"),
        "--out",
        join(dir, "rapport.xlsx"),
        ...quiet,
      ];
    },
    exit: 0,
    expect: /Summa /,
    warns: /Blad "Utfall", cell A1: bladet har en rubrikrad men inga rader med utfall: rapporten visar utfall 0\./,
    writes: ["rapport.xlsx"],
  },
  {
    name: "samla: an encrypted template among the returned ones is named and skipped",
    build: async (dir) => {
      const { book, folder } = await returnedTemplates(dir);
      const cfb = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb as unknown as Uint8Array);
      Buffer.from("EncryptedPackage", "utf16le").copy(cfb as unknown as Uint8Array, 1024);
      writeFileSync(join(folder, "prognos-hemlig.xlsx"), cfb as unknown as Uint8Array);
      return ["samla", book, folder, "--out", join(dir, "rapport.xlsx"), ...quiet];
    },
    exit: 0,
    expect: /Summa /,
    warns:
      /Fil "prognos-hemlig\.xlsx": Filen prognos-hemlig\.xlsx går inte att läsa som en Excel-arbetsbok \(\.xlsx\): den ser ut att vara en lösenordsskyddad \(krypterad\) arbetsbok.* Mallen hoppades över; de andra mallarna samlades\./,
    writes: ["rapport.xlsx"],
  },
  {
    name: "samla: a row typed below a template's table is a warning naming its cell",
    build: async (dir) => {
      const { book, folder } = await returnedTemplates(dir, (ws, last) => {
        ws.getRow(last + 2).values = ["999", "Ny rad under tabellen", null, null, 500, "glömd"];
      });
      return ["samla", book, folder, "--out", join(dir, "rapport.xlsx"), ...quiet];
    },
    exit: 0,
    expect: /Summa /,
    warns:
      /Fil "prognos-[^"]+\.xlsx", blad "[^"]+", cell A\d+: raden \d+ ligger utanför tabellen "[^"]+" och läses inte/,
    writes: ["rapport.xlsx"],
  },
  {
    name: "errors in Inställningar, the ledger and the Budget sheet are listed at once",
    build: async (dir) => {
      const book = await exampleWith(dir, "bok.xlsx", (wb) => {
        wb.getWorksheet("Inställningar")!.getCell("B5").value = "constructor";
        wb.getWorksheet("Budget")!.getCell("B3").value = "abc";
      });
      writeFileSync(join(dir, "huvudbok.csv"), await ledgerCsv(2000, (i) => (i === 100 ? '"24 Dell' : "Inköp")));
      return ["prognos", book, "--utfall", join(dir, "huvudbok.csv"), "--out", join(dir, "rapport.xlsx"), ...quiet];
    },
    exit: 2,
    expect:
      /(?=[\s\S]*Blad "Inställningar", cell B5: "constructor")(?=[\s\S]*Blad "huvudbok\.csv", cell A102: citattecknet)(?=[\s\S]*Blad "Budget", cell B3: "abc")/,
  },
];

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join("out", "hostile");
  for (const [i, c] of HOSTILE_CASES.entries()) {
    const dir = join(out, String(i + 1).padStart(2, "0"));
    mkdirSync(dir, { recursive: true });
    const args = await c.build(dir);
    writeFileSync(join(dir, "KOMMANDO.txt"), `${c.name}\nbudgetkoll ${args.join(" ")}\nexit ${c.exit}; ${c.expect}\n`);
    console.log(`${dir}: ${c.name}`);
  }
}
