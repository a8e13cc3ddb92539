/**
 * The report the README's first command writes (`npm run example` = `rapport examples/herrljunga-2021.xlsx`), as a
 * person sees it in another spreadsheet program: LibreOffice (Swedish locale) prints the whole workbook to PDF,
 * whose text must show every sheet's title and the seeds' figures in Swedish format, with no text cut off, no
 * "###" and no error value; and it recalculates the volume and organisational sheets' formulas to the
 * calculators' values.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roundExcel } from "../../src/core/amounts";
import { EXIT_OK, runCli } from "../../src/cli/main";
import { convert, pdfText, removeProfile } from "../helpers/libreoffice";

const EXAMPLE = join(__dirname, "../../examples/herrljunga-2021.xlsx");
const dir = mkdtempSync(join(tmpdir(), "budgetkoll-example-lo-"));
const report = join(dir, "rapport.xlsx");

/** The visible sheets of the report in workbook order, with the title each prints in A1. */
const SHEETS: readonly (readonly [string, string])[] = [
  ["Sammanfattning", "Sammanfattning för nämnden: prognos 2021 efter augusti"],
  // The example's own rounding gaps (the forecast's Summa kostnader too) and last year's rows after August, ranked
  // (no warning: Strikt lets it through).
  ["Kontroller", "Kontroller: 11 att kontrollera, störst belopp först"],
  ["Prognos per ansvar", "Prognos per ansvar 2021, utfall t.o.m. augusti (tkr)"],
  ["Resultaträkning", "Resultaträkning januari-augusti 2021 (tkr)"],
  ["Kommentarer", "Kommentarer till utfall och prognos"],
  ["Organisatorisk fördelning", "Organisatorisk fördelning 2021 (tkr)"],
  ["Bilaga per ansvar", "Bilaga: fördelning per ansvarsnivå 2021 (tkr)"],
  ["Avvikelseförklaringar", "Förklaringar till avvikelser mot helårsprognosen"],
  ["Investeringsuppföljning", "Investeringsredovisning januari-augusti 2021 (tkr)"],
  ["Volymbudget", "Volymbudget 2021, utfall t.o.m. augusti (belopp i tkr)"],
  ["Åtgärdsplan", "Åtgärdsplan 2021: uppföljning (tkr)"],
];
/** The sheets whose formulas LibreOffice recalculates from a copy without cached results. */
const RECALCULATED = ["Volymbudget", "Organisatorisk fördelning"] as const;

let stdout = "";
let written: ExcelJS.Workbook;
let text = "";
/** The PDF text of each sheet, from its title to the next sheet's title. */
const sections = new Map<string, string>();
/** The calculators' value of every formula on the RECALCULATED sheets, by "sheet!A1". */
const cached = new Map<string, number>();
let recalculated: ExcelJS.Workbook;

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function splitBySheet(pdf: string): void {
  let from = 0;
  const starts = SHEETS.map(([name, title]) => {
    const at = pdf.indexOf(`${title}\n`, from);
    if (at < 0) throw new Error(`the PDF has no title "${title}" of ${name} after position ${from}`);
    from = at + title.length;
    return at;
  });
  SHEETS.forEach(([name], i) => sections.set(name, pdf.slice(starts[i], starts[i + 1] ?? pdf.length)));
}

/** A copy of the report whose formulas on the RECALCULATED sheets carry no cached result, so only a recalculation gives values. */
async function writeUncached(path: string): Promise<void> {
  const wb = await readWorkbook(report);
  for (const name of RECALCULATED) {
    wb.getWorksheet(name)!.eachRow((row) =>
      row.eachCell((cell) => {
        if (!cell.formula) return;
        cached.set(`${name}!${cell.address}`, Number(cell.result ?? 0));
        cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
      }),
    );
  }
  await wb.xlsx.writeFile(path);
}

beforeAll(async () => {
  const out: string[] = [];
  const code = await runCli(["rapport", EXAMPLE, "--out", report, "--tyst"], {
    stdout: (t) => out.push(t),
    stderr: () => undefined,
  });
  expect(code).toBe(EXIT_OK);
  stdout = out.join("\n");
  written = await readWorkbook(report);
  text = pdfText(convert(report, "pdf", join(dir, "pdf")));
  splitBySheet(text);
  const uncached = join(dir, "utan-cache.xlsx");
  await writeUncached(uncached);
  recalculated = await readWorkbook(convert(uncached, "xlsx", join(dir, "omraknad")));
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeProfile();
});

const section = (name: string): string => sections.get(name)!;
const collapse = (s: string): string => s.replace(/\s+/g, " ");

describe("LibreOffice prints the report of `npm run example` (Swedish locale)", () => {
  it("prints every visible sheet in order under its title", () => {
    const visible = written.worksheets.filter((ws) => ws.state === "visible");
    expect(visible.map((ws) => [ws.name, ws.getCell("A1").value])).toEqual(
      SHEETS.map(([name, title]) => [name, title]),
    );
    expect([...sections.keys()]).toEqual(SHEETS.map(([name]) => name));
  });

  it("Sammanfattning: the result per verksamhet and the nämnd's total (seed 004)", () => {
    const s = section("Sammanfattning");
    expect(s).toMatch(/^\s*Individ och familjeomsorg\s+44 398\s+30 097\s+46 448\s+-2 050\s+-4,6%/m);
    expect(s).toMatch(/^\s*Summa\s+216 123\s+136 435\s+216 123\s+0\s+0,0%/m);
    expect(s).toContain("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
  });

  it("Prognos per ansvar: the subtotals and the total as the CLI prints them", () => {
    const s = section("Prognos per ansvar");
    // Utfall fg år, periodiserad budget, utfall, avvikelse t.o.m., budget helår, prognos helår, avvikelse helår.
    expect(stdout).toMatch(/\n42 Individ och familjeomsorg +33 739 +29 948 +30 097 +-149 +44 398 +46 448 +-2 050\n/);
    expect(s).toMatch(
      /^\s*42\s+Individ och familjeomsorg\s+33 739\s+29 948\s+30 097\s+-149\s+44 398\s+46 448\s+-2 050\s/m,
    );
    // Seed 004 prints Socialt stöd 20 890 and Summa 136 435 (the ledger summed in kronor, rounded where shown).
    expect(s).toMatch(/^\s*46\s+Socialt stöd\s+22 219\s+21 010\s+20 890\s+120\s+31 146\s+32 946\s+-1 800\s/m);
    expect(s).toMatch(/^\s*Summa\s+146 392\s+145 738\s+136 435\s+9 303\s+216 123\s+216 123\s+0\s/m);
    expect(s).toContain(
      "Avrundning: Socialt stöd, Utfall t.o.m. period: 20 890 tkr; de avrundade delarna summerar till 20 889 tkr (1 tkr avrundningsdifferens).",
    );
  });

  it("Resultaträkning: seed 004's nettokostnader and resultat, with prognos and avvikelse helår", () => {
    const s = section("Resultaträkning");
    // Prognos 2021 and Avvikelse helår from the sheet Prognos per kostnadsslag (the Resultat has no avvikelse cell).
    expect(s).toMatch(/^\s*Summa nettokostnader\s+146 392\s+136 435\s+216 123\s+216 123\s+0\s*$/m);
    expect(s).toMatch(/^\s*Intäkter\s+-58 345\s+-62 876\s+-72 459\s+-91 693\s+19 234\s*$/m);
    expect(s).toMatch(/^\s*Resultat\s+-8 722\s+4 793\s+0\s+0\s*$/m);
  });

  it("Kommentarer: the generated sentence beside its variance", () => {
    const s = section("Kommentarer");
    expect(s).toMatch(
      /^\s*42\s+Individ och familjeomsorg\s+-2 050\s+Individ och familjeomsorg prognostiserar ett underskott på 2 050 tkr för helåret\.\s*$/m,
    );
    expect(s).toMatch(
      /^\s*total\s+Socialnämnden\s+0\s+Socialnämnden prognostiserar en budget i balans för helåret\.\s*$/m,
    );
  });

  it("Organisatorisk fördelning and Bilaga per ansvar: seed 000's bokslut beside 2021, with their 1 tkr of rounding", () => {
    // Bokslut 2019, Bokslut 2020, budget 2021, utfall 2021-08, prognos 2021, avvikelse helår.
    expect(section("Organisatorisk fördelning")).toMatch(
      /^\s*Summa verksamhet\s+206 147\s+220 127\s+216 123\s+136 435\s+216 123\s+0\s*$/m,
    );
    expect(section("Organisatorisk fördelning")).toMatch(
      /^\s*42 Individ och familjeomsorg\s+44 177\s+50 137\s+44 398\s+30 097\s+46 448\s+-2 050\s*$/m,
    );
    expect(section("Bilaga per ansvar")).toMatch(
      /^\s*422 IFO BoF\s+18 089\s+23 517\s+16 375\s+13 185\s+19 625\s+-3 250\s*$/m,
    );
    expect(section("Bilaga per ansvar")).toMatch(
      /^\s*Totalsumma\s+206 148\s+220 128\s+216 123\s+136 435\s+216 123\s+0\s*$/m,
    );
  });

  it("Avvikelseförklaringar: IFO BoF's variance and its unexplained remainder", () => {
    const s = section("Avvikelseförklaringar");
    expect(stdout).toContain("  422 IFO BoF: avvikelse -3 250, förklarat -3 135, ej förklarat -115");
    expect(s).toMatch(/^\s*422 IFO BoF\s+-3 250\s*$/m);
    expect(s).toMatch(/^\s*Övrigt\/ej förklarat\s+-115\s+3,5%\s*$/m);
    expect(s).toContain("förklarat belopp i indata -435 tkr = i rapporten -435 tkr.");
  });

  it("Investeringsuppföljning: the totals the CLI prints (seed 004's investments per augusti)", () => {
    const s = section("Investeringsuppföljning");
    expect(stdout).toContain("  Totalt: budget 13 789, utfall t.o.m. 3 062, prognos 14 089, avvikelse helår -300");
    // Ursprungsbudget, tillägg/ombudgetering, summa budget, utfall t.o.m., prognos helår, avvikelse helår.
    expect(s).toMatch(
      /^\s*S:a investeringar genom tekniska nämnden\s+10 000\s+1 402\s+11 402\s+2 946\s+12 202\s+-800\s*$/m,
    );
    expect(s).toMatch(/^\s*Totala investeringar\s+11 400\s+2 389\s+13 789\s+3 062\s+14 089\s+-300\s*$/m);
  });

  it("Volymbudget: a line with its unit in full and the nämnd's total as the CLI prints them", () => {
    const s = section("Volymbudget");
    expect(stdout).toMatch(/\nSumma nämnden +63 609 +61 705 +1 904 +2 972 +-1 068 +2 856\n/);
    expect(s).toMatch(/^\s*Summa nämnden\s+63 609\s+61 705\s+1 904\s+2 972\s+-1 068\s+95 414\s+92 558\s+2 856\s*$/m);
    // Volume helår, t.o.m., utfall, utförandegrad, á-pris and kostnad per enhet (kr), then tkr.
    expect(s).toMatch(
      /^\s*Socialt stöd\s+Bostad med särskild service LSS\s+platsmånader\s+216\s+144\s+140\s+97,2%\s+68 000\s+70 357\s+9 792\s+9 850\s+-58\s+272\s+-330\s+14 688\s+14 775\s+-87\s/m,
    );
  });

  it("Åtgärdsplan: planned, realised and forecast effect as the CLI prints them", () => {
    const s = section("Åtgärdsplan");
    expect(stdout).toMatch(/\nSumma +22 +17 750 +4 040 +8 650 +5\n/);
    // Per ägare and per status: antal, utan belopp, planerad, realiserad, prognos effekt.
    expect(s.match(/^\s*Summa\s+22\s+5\s+17 750\s+4 040\s+8 650\s*$/gm)).toHaveLength(2);
    expect(s).toContain(
      "planerad effekt i indata 17 750 tkr = i rapporten 17 750 tkr; realiserad effekt i indata 4 040 tkr = i rapporten 4 040 tkr; prognos effekt i indata 8 650 tkr = i rapporten 8 650 tkr.",
    );
  });

  it("shows no '###' (column too narrow) and no error value in any cell", () => {
    expect(text).not.toContain("###");
    expect(text).not.toMatch(/#[A-ZÅÄÖ/0-9]+[!?]|Err:\d+/);
  });

  it("cuts no text: unwrapped texts print whole, and no word of a header or wrapped text is broken", () => {
    const cut: string[] = [];
    for (const [name] of SHEETS) {
      const printed = collapse(section(name));
      written.getWorksheet(name)!.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value !== "string") return;
          const shown = collapse(cell.value);
          // A wrapped cell (headers, comments) may break its lines at spaces, and after a hyphen or slash.
          const whole = cell.alignment?.wrapText
            ? shown.split(/\s+|(?<=[-/])/).every((w) => printed.includes(w))
            : printed.includes(shown);
          if (!whole) cut.push(`${name}!${cell.address}: ${shown}`);
        }),
      );
    }
    expect(cut).toEqual([]);
  });
});

describe("LibreOffice recalculates the report of `npm run example`", () => {
  it.each(RECALCULATED)("%s: every formula gives the calculators' value", (name) => {
    const sheet = recalculated.getWorksheet(name)!;
    const formulas = [...cached].filter(([address]) => address.startsWith(`${name}!`));
    // Volymbudget: per line and subtotal the variance, volume and price effects and forecast variance, SUMs per
    // verksamhet and the totals; Organisatorisk fördelning: 5 variances and the Summa verksamhet row.
    expect(formulas.length).toBe(name === "Volymbudget" ? 75 : 11);
    for (const [address, value] of formulas) {
      const cell = sheet.getCell(address.slice(name.length + 1));
      expect(typeof cell.result, address).toBe("number");
      expect(cell.result as number, address).toBeCloseTo(value, 3);
    }
  });

  it("Organisatorisk fördelning: Summa verksamhet for Bokslut 2020 recalculates to seed 000's 220 127 tkr", () => {
    const cell = recalculated.getWorksheet("Organisatorisk fördelning")!.getCell("C12");
    expect(cell.formula).toBe("SUM(C7:C11)");
    expect(roundExcel((cell.result as number) / 1000, 0)).toBe(220_127);
  });
});
