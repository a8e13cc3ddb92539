/**
 * A test that hunts silent answers: both bundled examples mutated in every way a person mutates a workbook (a key
 * renamed, a typo in a code, a name used twice, a row deleted, a cell blanked, a text in a number column, a row
 * moved to another sheet, a row duplicated), on every input sheet. For each mutation either every headline figure
 * is unchanged (the nämnd's and each verksamhet's budget, utfall, prognos, avvikelse; the commentary; what the
 * explanations, volumes, measures and investments add up to), or an error or a warning names the mutated cell.
 */
import { cellAddress, type CellValue } from "../../src/cells";
import { beforeAll, describe, expect, it } from "vitest";
import { formatInputError, type InputError } from "../../src/input/errors";
import { fullReport } from "../../src/jobs/namnd";
import { exampleSheets, runOf, type Sheets } from "../helpers/examples";

type Kind = "rename" | "typo" | "nameTwice" | "delete" | "blank" | "text" | "move" | "duplicate";
const KINDS: readonly Kind[] = ["rename", "typo", "nameTwice", "delete", "blank", "text", "move", "duplicate"];

interface Mutation {
  readonly kind: Kind;
  readonly sheet: string;
  readonly what: string;
  readonly sheets: Sheets;
  /** Where a message must point: a sheet and its 1-based rows. */
  readonly at: readonly { readonly sheet: string; readonly rows: readonly number[] }[];
  /** For a deleted row: the key it had (a message may name the ansvar that lost its row instead of a cell). */
  readonly key?: string;
}

type Cell = CellValue | undefined;
const isNumber = (v: Cell): v is number => typeof v === "number";
const text = (v: Cell): string => (v === null || v === undefined ? "" : String(v));

/** The data row mutated on a sheet: in its middle, on the Ansvar sheet a line with a parent. */
function targetRow(name: string, rows: CellValue[][]): number {
  const middle = Math.max(1, Math.floor(rows.length / 2));
  if (name !== "Ansvar") return middle;
  const parentCol = rows[0]!.length - 1;
  for (let r = middle; r < rows.length; r++) if (text(rows[r]![parentCol]) !== "") return r;
  return middle;
}

/** A typo in a key: a code's last two digits swapped (421 -> 412), a name's second letter dropped. */
function typo(v: Cell): CellValue {
  const t = text(v);
  if (/^\d{2,}$/.test(t))
    return t.at(-1) === t.at(-2)
      ? `${t.slice(0, -1)}${(Number(t.at(-1)) + 1) % 10}`
      : `${t.slice(0, -2)}${t.at(-1)}${t.at(-2)}`;
  return t.length > 2 ? t[0] + t.slice(2) : `${t}x`;
}

function mutations(sheets: Sheets): Mutation[] {
  const names = Object.keys(sheets);
  const out: Mutation[] = [];
  const copy = (): Sheets => Object.fromEntries(Object.entries(sheets).map(([k, v]) => [k, v.map((r) => [...r])]));
  names.forEach((name, si) => {
    const rows = sheets[name]!;
    if (rows.length < 2) return;
    const r = targetRow(name, rows);
    const row = rows[r]!;
    const here = [{ sheet: name, rows: [r + 1] }];
    const set = (col: number, value: Cell): Sheets => {
      const s = copy();
      s[name]![r]![col] = value ?? null;
      return s;
    };
    const key = row[0];
    out.push({
      sheet: name,
      kind: "rename",
      what: `${name}!${cellAddress(r, 0)} ${text(key)} -> ny`,
      sheets: set(0, isNumber(key) || /^\d+$/.test(text(key)) ? String(Number(key) + 5000) : `${text(key)} Nya`),
      at: here,
    });
    out.push({
      sheet: name,
      kind: "typo",
      what: `${name}!${cellAddress(r, 0)} ${text(key)} -> ${text(typo(key))}`,
      sheets: set(0, typo(key)),
      at: here,
    });
    // Another row's key on this row: in a sheet of one row per key, a name used twice.
    const other = rows.findIndex((x, i) => i > 0 && i !== r && text(x[0]) !== "" && text(x[0]) !== text(key));
    if (other > 0)
      out.push({
        sheet: name,
        kind: "nameTwice",
        what: `${name}!${cellAddress(r, 0)} ${text(key)} -> ${text(rows[other]![0])}`,
        sheets: set(0, rows[other]![0] ?? null),
        at: [{ sheet: name, rows: [r + 1, other + 1] }],
      });
    {
      const s = copy();
      s[name]!.splice(r, 1);
      out.push({
        sheet: name,
        kind: "delete",
        what: `${name} rad ${r + 1} borttagen`,
        sheets: s,
        at: here,
        key: text(key),
      });
    }
    const numeric = row.map((v, c) => (c > 0 && isNumber(v) ? c : -1)).filter((c) => c >= 0);
    const blanks = [
      ...new Set([
        0,
        ...numeric.slice(0, 2),
        ...row
          .map((_, c) => c)
          .filter((c) => !numeric.includes(c) && c > 0)
          .slice(0, 1),
      ]),
    ];
    for (const c of blanks)
      if (text(row[c]) !== "")
        out.push({
          sheet: name,
          kind: "blank",
          what: `${name}!${cellAddress(r, c)} tom`,
          sheets: set(c, null),
          at: here,
        });
    for (const c of numeric.slice(0, 2))
      out.push({
        sheet: name,
        kind: "text",
        what: `${name}!${cellAddress(r, c)} "se ovan"`,
        sheets: set(c, "se ovan"),
        at: here,
      });
    // No number on this row (a settings sheet): the first row that has one.
    const numberRow =
      numeric.length > 0 ? -1 : rows.findIndex((x, i) => i > 0 && x.some((v, c) => c > 0 && isNumber(v)));
    if (numberRow > 0) {
      const c = rows[numberRow]!.findIndex((v, i) => i > 0 && isNumber(v));
      const s = copy();
      s[name]![numberRow]![c] = "se ovan";
      out.push({
        sheet: name,
        kind: "text",
        what: `${name}!${cellAddress(numberRow, c)} "se ovan"`,
        sheets: s,
        at: [{ sheet: name, rows: [numberRow + 1] }],
      });
    }
    {
      const target = names[(si + 1) % names.length]!;
      const s = copy();
      s[name]!.splice(r, 1);
      s[target]!.push([...row]);
      out.push({
        sheet: name,
        kind: "move",
        what: `${name} rad ${r + 1} flyttad till ${target}`,
        sheets: s,
        at: [...here, { sheet: target, rows: [s[target]!.length] }],
        key: text(key),
      });
    }
    {
      const s = copy();
      s[name]!.splice(r + 1, 0, [...row]);
      out.push({
        sheet: name,
        kind: "duplicate",
        what: `${name} rad ${r + 1} dubblerad`,
        sheets: s,
        at: [{ sheet: name, rows: [r + 1, r + 2] }],
      });
    }
  });
  return out;
}

/** The headline figures of a full report, or undefined when it stopped on errors. */
function headline(report: ReturnType<typeof fullReport>): string | undefined {
  if (!report.ok) return undefined;
  const { prognosis, namnd, volume, actionPlan } = report.value;
  const figures = (r: { annualBudget: number; actual: number; forecast: number; varianceFullYear: number }) =>
    [r.annualBudget, r.actual, r.forecast, r.varianceFullYear].map((x) => Math.round(x));
  return JSON.stringify({
    total: figures(prognosis.result.total),
    levels: prognosis.result.rows.filter((r) => r.depth === 0).map((r) => [r.name, ...figures(r)]),
    commentary: namnd.commentary.texts,
    explained: namnd.explanations?.map((e) => [e.key, Math.round(e.explained)]),
    volume: volume && [volume.result.total],
    measures: actionPlan && [actionPlan.result.total, actionPlan.result.byOwner.map((o) => o.owner)],
    investments: namnd.investments?.total,
    statements: namnd.statements?.split.rows.map((r) => [r.label, r.cells]),
  });
}

const rowOf = (cell: string | undefined): number | undefined =>
  cell === undefined ? undefined : Number(/\d+/.exec(cell)?.[0]);

/** The rows of the cells a message's text names on a sheet: `cell A12 och A13`, `(blad "Ansvar", cell A7)`. */
function rowsNamed(e: InputError, sheet: string): number[] {
  const out: number[] = [];
  for (const m of e.message.matchAll(/(?:blad "([^"]+)", )?cell(?:erna)? ((?:[A-Z]{1,3}\d+(?:, | och | = )?)+)/g)) {
    if ((m[1] ?? e.sheet) !== sheet) continue;
    for (const ref of m[2]!.matchAll(/[A-Z]{1,3}(\d+)/g)) out.push(Number(ref[1]));
  }
  return out;
}

/** Whether a message names the mutated cell: its sheet and row (for a deleted row, the ansvar it held). */
function names(m: Mutation, messages: readonly InputError[]): boolean {
  return messages.some(
    (e) =>
      m.at.some(
        (a) =>
          (a.sheet === e.sheet && a.rows.includes(rowOf(e.cell) ?? -1)) ||
          rowsNamed(e, a.sheet).some((r) => a.rows.includes(r)),
      ) ||
      (m.key !== undefined &&
        m.key !== "" &&
        new RegExp(`(^|[^\\p{L}\\d])${m.key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\d])`, "u").test(
          e.message,
        )),
  );
}

/**
 * What no reader can tell from a valid workbook: on a sheet that lists independent items (bookings, explanations,
 * projects, volume lines, measures), a row deleted, or its key changed to another key the sheet already has, is
 * another valid list (one booking fewer, an explanation on another line). For those the test asserts what still
 * holds: the run goes through and every krona read lands in a figure (the prognosis's reconciliation balances).
 */
const LIST_SHEETS: ReadonlySet<string> = new Set([
  "Utfall",
  "Utfall fg år",
  "Förklaringar",
  "Investeringar",
  "Volymer",
  "Åtgärder",
]);
const undetectable = (m: Mutation): boolean =>
  LIST_SHEETS.has(m.sheet) && (m.kind === "delete" || m.kind === "nameTwice");

let outcomes = { unchanged: 0, named: 0, undetectable: 0 };

async function check(m: Mutation, before: string): Promise<string | undefined> {
  const { run, settingsRead } = await runOf(m.sheets);
  const report = fullReport(run);
  const messages = [...settingsRead.errors, ...settingsRead.warnings, ...(report.ok ? report.warnings : report.errors)];
  const after = headline(report);
  if (after === before) outcomes.unchanged++;
  else if (names(m, messages)) outcomes.named++;
  else if (undetectable(m) && report.ok && report.value.prognosis.result.reconciliation.unexplained === 0)
    outcomes.undetectable++;
  if (
    after === before ||
    names(m, messages) ||
    (undetectable(m) && report.ok && report.value.prognosis.result.reconciliation.unexplained === 0)
  )
    return undefined;
  return `${m.kind}: ${m.what}: ${after === undefined ? `stoppade utan att nämna cellen (${messages.slice(0, 2).map(formatInputError).join(" | ")})` : "andra siffror utan varning som nämner cellen"}`;
}

for (const file of ["herrljunga-2021.xlsx", "sjobacka-bokslut-2023.xlsx"]) {
  describe(`mutations of ${file}`, () => {
    let sheets: Sheets;
    let before: string;
    beforeAll(async () => {
      sheets = await exampleSheets(file);
      const report = fullReport((await runOf(sheets)).run);
      expect(report.ok).toBe(true);
      before = headline(report)!;
    });

    it("covers the eight kinds on every input sheet, and none gives another figure without naming its cell", async () => {
      const all = mutations(sheets);
      outcomes = { unchanged: 0, named: 0, undetectable: 0 };
      // A text in a number column, where the sheet has one (a names-only Ansvar sheet has none).
      const hasNumbers = (name: string) =>
        sheets[name]!.slice(1).some((r) => r.some((v, c) => c > 0 && typeof v === "number"));
      for (const name of Object.keys(sheets))
        for (const kind of KINDS.filter((k) => k !== "text" || hasNumbers(name)))
          expect(
            all.some((m) => m.kind === kind && m.what.startsWith(name)),
            `${kind} på ${name}`,
          ).toBe(true);
      const silent: string[] = [];
      for (const m of all) {
        const problem = await check(m, before);
        if (problem) silent.push(problem);
      }
      expect(silent).toEqual([]);
      // Most mutations are caught: named or without effect (a regression here means warnings were lost).
      expect(outcomes.undetectable).toBeLessThanOrEqual(8);
    }, 120_000);
  });
}
