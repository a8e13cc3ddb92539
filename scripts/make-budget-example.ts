/**
 * Writes the third bundled example `examples/budget-2024.xlsx`: a made-up socialnämnd (Sjöbacka) building its
 * budget 2024 with plan 2025-2026 from its budget 2023, uppräkning, volumes with prices, demography, political
 * priorities, an effektiviseringskrav, a transfer and a reserve (`budgetkoll budget examples/budget-2024.xlsx`).
 * The ram 2023 and 2024 are set to the budgets they frame, so they reconcile; the KF's plan rams for 2025-2026 are
 * lower than the plan, as they often are, and the run says by how much. Deterministic: fixed dates, stable bytes.
 *
 * Run: npx tsx scripts/make-budget-example.ts
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { writeStableXlsx } from "./stableXlsx";
import { buildBudget } from "../src/core/budgetBuilding";
import { budgetFromSheets } from "../src/input/budgetBuildingInput";
import type { CellValue } from "../src/cells";
import type { SheetData } from "../src/workbook/types";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "examples", "budget-2024.xlsx");
const FIXED_DATE = new Date(Date.UTC(2023, 10, 22, 8, 0, 0));
const FONT = { name: "Calibri", size: 11 };
const BOLD = { ...FONT, bold: true };

type Rows = CellValue[][];

const SHEETS: [string, Rows][] = [
  [
    "Inställningar",
    [
      ["Nämnd", "Sjöbacka socialnämnd (påhittat exempel)"],
      ["Beslut", "SN 2023-11-22 § 118"],
    ],
  ],
  [
    "Uppräkning",
    [
      ["År", "Löneökning (%)", "Prisindex (%)", "Intäkter (%)"],
      [2024, 3.5, 2, 1],
      [2025, 3, 2, 1],
      [2026, 3, 1.5, 0],
    ],
  ],
  [
    "Budgetunderlag",
    [
      ["Verksamhet", "Kostnadsslag", "Kategori", "Bokslut 2022", "Budget 2023"],
      ["Nämndens reserv", "Reserv", "reserv", 0, 0],
      ["Ledning", "Personalkostnader", "personal", 14_100, 15_000],
      ["Ledning", "Övriga kostnader", "övrigt", 5_200, 5_000],
      ["Äldreomsorg", "Personalkostnader", "personal", 150_400, 156_000],
      ["Äldreomsorg", "Köp av verksamhet", "övrigt", 40_500, 40_000],
      ["Äldreomsorg", "Övriga kostnader", "övrigt", 20_300, 20_000],
      ["Äldreomsorg", "Avgifter", "intäkt", 18_200, 18_000],
      ["Funktionsstöd", "Personalkostnader", "personal", 90_200, 92_000],
      ["Funktionsstöd", "Köp av verksamhet", "övrigt", 30_100, 31_000],
      ["Funktionsstöd", "Avgifter", "intäkt", 2_050, 2_000],
      ["Individ- och familjeomsorg", "Personalkostnader", "personal", 40_300, 42_000],
      ["Individ- och familjeomsorg", "Köp av verksamhet", "övrigt", 35_600, 33_000],
      ["Individ- och familjeomsorg", "Ekonomiskt bistånd", "övrigt", 20_400, 21_000],
    ],
  ],
  [
    "Volymplan",
    [
      [
        "Verksamhet",
        "Kostnadsslag",
        "Volymmått",
        "Enhet",
        "Mätbas",
        "Omräkning",
        "Pris per",
        "Antagande",
        "Volym 2023",
        "Volym 2024",
        "Volym 2025",
        "Volym 2026",
        "Á-pris 2024 (kr)",
        "Á-pris 2025 (kr)",
        "Á-pris 2026 (kr)",
      ],
      [
        "Äldreomsorg",
        "Personalkostnader",
        "Särskilt boende",
        "platser",
        "bestånd 31/12",
        346.75,
        "dygn",
        "365 dygn x 95 % beläggning",
        120,
        124,
        126,
        128,
        2_000,
        2_060,
        2_120,
      ],
      [
        "Äldreomsorg",
        "Köp av verksamhet",
        "Hemtjänst, köpta timmar",
        "timmar",
        "flöde helår",
        null,
        null,
        null,
        180_000,
        186_000,
        190_000,
        194_000,
        520,
        536,
        552,
      ],
      [
        "Funktionsstöd",
        "Personalkostnader",
        "Bostad med särskild service LSS",
        "platser",
        "bestånd 31/12",
        null,
        null,
        null,
        60,
        62,
        63,
        63,
        850_000,
        875_000,
        900_000,
      ],
      [
        "Individ- och familjeomsorg",
        "Köp av verksamhet",
        "Placerade barn och unga",
        "vårddygn",
        "genomsnitt år",
        null,
        null,
        null,
        9_000,
        8_800,
        8_600,
        8_600,
        3_500,
        3_600,
        3_700,
      ],
    ],
  ],
  [
    "Demografi",
    [
      [
        "Verksamhet",
        "Kostnadsslag",
        "Åldersgrupp",
        "Behovstal (%)",
        "Invånare 2023",
        "Invånare 2024",
        "Invånare 2025",
        "Invånare 2026",
        "Kostnad per invånare 2024 (kr)",
        "Kostnad per invånare 2025 (kr)",
        "Kostnad per invånare 2026 (kr)",
      ],
      ["Äldreomsorg", "Övriga kostnader", "80 år och äldre", 10, 2_400, 2_480, 2_560, 2_650, 15_000, 15_300, 15_600],
    ],
  ],
  [
    "Prioriteringar",
    [
      [
        "Typ",
        "Benämning",
        "Verksamhet",
        "Kostnadsslag",
        "Till verksamhet",
        "Enhet",
        "Villkorad",
        "Budget 2024",
        "Plan 2025",
        "Plan 2026",
      ],
      ["Reserv", "Nämndens reserv", "Nämndens reserv", null, null, "tkr", null, 3_000, 3_000, 3_000],
      [
        "Tillskott",
        "Förstärkt stöd till barn och unga",
        "Individ- och familjeomsorg",
        "Personalkostnader",
        null,
        "tkr",
        null,
        2_000,
        0,
        0,
      ],
      [
        "Tillskott",
        "Våld i nära relationer",
        "Individ- och familjeomsorg",
        "Personalkostnader",
        null,
        "tkr",
        "SN 2024-03: handlingsplan beslutas",
        1_000,
        0,
        0,
      ],
      [
        "Besparing",
        "Hemtagning av placeringar",
        "Funktionsstöd",
        "Köp av verksamhet",
        null,
        "tkr",
        null,
        1_500,
        500,
        0,
      ],
      ["Effektivisering", "Effektiviseringskrav ledning", "Ledning", null, null, "%", null, 2, 1, 1],
      [
        "Omfördelning",
        "Anhörigstöd flyttas",
        "Äldreomsorg",
        "Personalkostnader",
        "Funktionsstöd",
        "tkr",
        null,
        800,
        0,
        0,
      ],
    ],
  ],
  [
    "Scenarier",
    [
      ["Scenario", "Avser", "Budget 2024", "Plan 2025", "Plan 2026"],
      ["Högre löneökning", "Löneökning", 4.5, 3.5, 3.5],
      ["Fler platser i särskilt boende", "Äldreomsorg / Särskilt boende", 128, 132, 136],
    ],
  ],
  [
    "Periodisering",
    [
      ["Kostnadsslag", "Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"],
      // Semester: July's personalkostnader lower, December's higher (semesterlöneskuld), as last year's profile.
      ["Personalkostnader", 8.4, 8.4, 8.4, 8.4, 8.4, 8.4, 6.4, 7.6, 8.4, 8.4, 8.4, 10.4],
      ...["Övriga kostnader", "Köp av verksamhet", "Avgifter", "Ekonomiskt bistånd", "Reserv"].map((k): CellValue[] => [
        k,
        ...Array.from({ length: 12 }, () => 1),
      ]),
    ],
  ],
];

/** The ram: 2023 and 2024 at the budgets they frame; the KF's plan rams 2025-2026 below the plan. */
function ramRows(): Rows {
  const sheets: SheetData[] = SHEETS.map(([name, values]) => ({ sheet: name, origin: { row: 0, column: 0 }, values }));
  const built = buildBudget(budgetFromSheets(sheets).input);
  const totals = [built.total.base, ...built.total.amounts].map((k) => Math.round(k / 1000));
  const wages = [0, 9_000, 9_400, 9_800];
  const grant = [0, 2_500, 2_500, 2_500];
  const planGap = [0, 0, 1_200, 2_500];
  return [
    ["Rad", "Typ", "Budget 2023", "Budget 2024", "Plan 2025", "Plan 2026"],
    ["Socialnämnden", "KF-ram", ...totals.map((t, i) => t - wages[i]! - grant[i]! - planGap[i]!)],
    ["Lönerevision och PO (helårseffekt)", "Justering", ...wages],
    ["Generellt statsbidrag äldreomsorg", "Justering", ...grant],
  ];
}

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Budgetkoll";
  wb.lastModifiedBy = "Budgetkoll";
  wb.title = "Sjöbacka socialnämnd: budget 2024 med plan 2025-2026";
  wb.company = "Påhittat exempel";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const all: [string, Rows][] = [...SHEETS.slice(0, 3), ["Ramar", ramRows()], ...SHEETS.slice(3)];
  for (const [name, rows] of all) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r.map((v) => v ?? undefined));
    if (name !== "Inställningar") {
      ws.getRow(1).font = BOLD;
      ws.views = [{ state: "frozen", ySplit: 1 }];
    }
    ws.columns.forEach((c, i) => (c.width = i < 3 ? 30 : 14));
    ws.eachRow((row) => row.eachCell((cell) => (cell.font ??= FONT)));
  }
  await writeStableXlsx(wb, OUT, FIXED_DATE, ROOT);
}

await main();
