/**
 * Workbooks of a chosen size for the Office reader's and writer's tests and benchmark: prognosis reports (a
 * generated hierarchy of verksamheter with ansvar under them, run through the real calculator and report layout)
 * ledger extracts, and a small template with text that looks like formulas.
 */
import type { CostCentre } from "../../../src/core/hierarchy";
import { calculatePrognosis, type ActualRow, type BudgetLine } from "../../../src/core/prognosis";
import { tableSheet, type SheetLayout } from "../../../src/report/layout";
import { buildPrognosisSheet } from "../../../src/report/prognosisSheet";

/** A report with about `rows` table rows (one subtotal per 20 ansvar), deterministic amounts in kronor. */
export function prognosisReport(rows: number): SheetLayout {
  const perArea = 20;
  const areas = Math.max(1, Math.ceil(rows / (perArea + 1)));
  const costCentres: CostCentre[] = [];
  const budgets: BudgetLine[] = [];
  const actuals: ActualRow[] = [];
  for (let a = 0; a < areas; a++) {
    const areaKey = String(10 + a);
    costCentres.push({ key: areaKey, code: areaKey, name: `Verksamhet ${a + 1}` });
    for (let i = 0; i < perArea; i++) {
      const key = `${areaKey}${String(i).padStart(3, "0")}`;
      costCentres.push({
        key,
        code: key,
        name: i === 3 ? `=HYPERLINK("http://x";"Ansvar ${key}")` : `Ansvar ${key}`,
        parentKey: areaKey,
      });
      const annual = 1_000_000 + ((a * 7919 + i * 104_729) % 9_000_000);
      budgets.push({ costCentre: key, annual });
      for (let m = 1; m <= 8; m++)
        actuals.push({
          costCentre: key,
          period: `2021-${String(m).padStart(2, "0")}`,
          amount: Math.round((annual / 12) * (0.9 + ((a + i + m) % 5) / 20)),
        });
    }
  }
  const result = calculatePrognosis({ year: 2021, month: 8, costCentres, budgets, actuals, proposalMethod: "runRate" });
  return buildPrognosisSheet(result, {
    runDate: "2021-09-10",
    source: "huvudbok.xlsx",
    signConventionLabel: "Kostnader positiva",
  });
}

/** A ledger extract: header, then ansvar, konto, period, belopp, text. */
export function ledger(rows: number): (string | number)[][] {
  const out: (string | number)[][] = [["Ansvar", "Konto", "Period", "Belopp", "Text"]];
  for (let i = 0; i < rows; i++)
    out.push([
      `4${String(i % 67).padStart(2, "0")}`,
      4000 + (i % 900),
      `2021${String((i % 12) + 1).padStart(2, "0")}`,
      ((i * 7919) % 200_000) - 50_000 + 0.5,
      `Verifikation ${i}`,
    ]);
  return out;
}

/** A small template: an input column with validation on a protected sheet, text that looks like formulas. */
export function template(): SheetLayout {
  return {
    name: "Mall prognos",
    title: "Prognosmall",
    meta: ["-fyll i per ansvar"],
    instruction: "Skriv prognosen i tkr i den gula kolumnen.",
    tables: [
      {
        name: "Budgetkoll_Mall",
        headerRow: 4,
        firstColumn: 0,
        columns: [
          { id: "code", header: "Ansvar", type: "text" },
          { id: "name", header: "Benämning", type: "text" },
          {
            id: "forecast",
            header: "Prognos (tkr)",
            type: "tkrEntered",
            input: true,
            validation: {
              kind: "wholeNumber",
              min: -1e6,
              max: 1e6,
              errorTitle: "Fel värde",
              error: "Skriv ett helt antal tkr.",
            },
          },
          {
            id: "status",
            header: "Status",
            type: "text",
            input: true,
            validation: {
              kind: "list",
              values: ["Ej påbörjad", "Påbörjad"],
              errorTitle: "Fel värde",
              error: "Välj i listan.",
            },
          },
        ],
        rows: [
          {
            kind: "data",
            level: 0,
            cells: [
              { value: "441" },
              { value: '=HYPERLINK("http://evil";"klicka")' },
              { value: null },
              { value: null },
            ],
          },
          {
            kind: "data",
            level: 0,
            cells: [{ value: "442" }, { value: "+46 70 123" }, { value: 1250 }, { value: "Påbörjad" }],
          },
          {
            kind: "data",
            level: 0,
            cells: [{ value: "443" }, { value: "@SUM(A1)" }, { value: null }, { value: null }],
          },
          { kind: "data", level: 0, cells: [{ value: "444" }, { value: "\tflik" }, { value: -5 }, { value: null }] },
          {
            kind: "data",
            level: 0,
            cells: [
              { value: null, input: true },
              { value: null, input: true },
              { value: null, input: false },
              { value: null },
            ],
          },
        ],
      },
    ],
    notes: [{ row: 11, text: "-3 236 tkr sedan april" }],
    protection: { allowSort: false },
  };
}

/** Text that Excel's entry parser would turn into a boolean, a date, a number or a formula, in every kind of cell. */
export const COERCIBLE_TEXT = ["TRUE", "1-2", "maj 21", "00123", "=1+1", "FALSKT", "3/4", "-0", "1 234,5"] as const;

export function coercibleText(): SheetLayout {
  // The header goes to row 4 (firstBodyRow of one meta line), the text lines from row 5.
  return tableSheet({
    name: "Text",
    title: "TRUE",
    meta: ["maj 21"],
    table: "Budgetkoll_Text",
    columns: [
      { id: "text", header: "00123", type: "text" },
      { id: "amount", header: "1-2", type: "tkr" },
    ],
    rows: COERCIBLE_TEXT.map((t, i) => ({
      kind: "data" as const,
      level: 0,
      cells: [{ value: t }, { value: i * 1000 }],
    })),
    notes: [{ row: 4 + COERCIBLE_TEXT.length + 1, text: "=SUM(B5:B6)" }],
    frozenColumns: 1,
  });
}
