/**
 * The commentary sheet: one generated sentence per line ("Individ och familjeomsorg prognostiserar ett
 * underskott på 2 050 tkr för helåret."), which the controller may edit in the sheet. What we generated is kept
 * in a hidden state sheet beside it, keyed like the visible lines, so that the next regeneration can tell an
 * edited sentence from our own (`planCommentaryUpdate`) and never overwrites an edit without asking.
 */
import { cellAddress, type CellValue } from "../cells";
import { emptyRecord } from "../core/records";
import { formatPercent, formatTkr } from "../core/amounts";
import type { CommentaryLine, CommentaryUpdate } from "../core/commentary";
import { DEFAULT_MAX_UNEXPLAINED_SHARE, type ExplainedVariance } from "../core/explanations";
import { firstBodyRow, tableSheet, type ReportColumn, type ReportRow, type SheetLayout } from "./layout";
import { metaLines, reconciliationSentence, type ReadCounts, type ReportMeta } from "./meta";

export const COMMENTARY_SHEET = "Kommentarer";
export const COMMENTARY_TABLE = "Budgetkoll_Kommentarer";
export const COMMENTARY_STATE_SHEET = "Budgetkoll_kommentarer_gen";
export const COMMENTARY_STATE_TABLE = "Budgetkoll_KommentarerGenererat";

export const COMMENTARY_COLUMNS: readonly ReportColumn[] = [
  { id: "key", header: "Nyckel", type: "text", width: 10 },
  { id: "name", header: "Område/ansvar", type: "text", width: 32, indent: true },
  { id: "variance", header: "Avvikelse (tkr)", type: "tkr", width: 13, signColour: true },
  { id: "text", header: "Kommentar (kan ändras)", type: "text", width: 90, wrap: true, input: true },
];

const STATE_COLUMNS: readonly ReportColumn[] = [
  { id: "key", header: "Nyckel", type: "text", width: 10 },
  { id: "generated", header: "Genererad text", type: "text", width: 90 },
];

/**
 * The texts to write after a regeneration, and the generated texts to store: `accepted` holds the keys of the
 * "ask" lines the controller agreed to overwrite. A kept edit stays; the stored generated text is always the
 * new one, so the next run compares against it.
 */
export function resolveCommentary(
  plan: readonly CommentaryUpdate[],
  accepted: ReadonlySet<string>,
): { readonly texts: Record<string, string>; readonly generated: Record<string, string> } {
  const texts = emptyRecord<string>();
  const generated = emptyRecord<string>();
  for (const u of plan) {
    if (u.proposed !== null) generated[u.key] = u.proposed;
    const overwrite = u.action === "replace" || (u.action === "ask" && accepted.has(u.key));
    const text = overwrite ? u.proposed : (u.current ?? u.proposed);
    if (text !== null && text !== undefined) texts[u.key] = text;
  }
  return { texts, generated };
}

/**
 * The visible commentary sheet and its hidden state sheet. `texts` are the sentences to show (generated, or kept
 * edits: see `resolveCommentary`); `generated` what we generated, stored in the hidden sheet. Lines are in the
 * order of `lines`; a kept text whose line is no longer generated follows at the end.
 */
export function buildCommentarySheets(
  lines: readonly CommentaryLine[],
  texts: Readonly<Record<string, string>>,
  generated: Readonly<Record<string, string>>,
  meta: ReportMeta,
  title = "Kommentarer till utfall och prognos",
): [SheetLayout, SheetLayout] {
  const info = metaLines(
    meta,
    "Texten är genererad ur siffrorna; ändra gärna i kolumnen Kommentar. En ändrad text skrivs inte över utan att du tillfrågas.",
  );
  const known = new Set(lines.map((l) => l.key));
  const row = (key: string, name: CellValue, variance: number | null, line?: CommentaryLine): ReportRow => ({
    kind: line?.role === "total" ? "total" : line?.role === "subtotal" ? "subtotal" : "data",
    level: line?.depth ?? 0,
    cells: [{ value: key }, { value: name }, { value: variance }, { value: texts[key] ?? null }],
  });
  const rows = [
    ...lines.map((l) => row(l.key, l.name, l.variance, l)),
    ...Object.keys(texts)
      .filter((k) => !known.has(k))
      .map((k) => row(k, null, null)),
  ];
  const visible = tableSheet({
    name: COMMENTARY_SHEET,
    title,
    meta: info,
    table: COMMENTARY_TABLE,
    columns: COMMENTARY_COLUMNS,
    rows,
    notes: [],
    frozenColumns: 2,
  });
  const state: SheetLayout = {
    name: COMMENTARY_STATE_SHEET,
    title: "Budgetkoll: senast genererade kommentarer (ändra inte)",
    meta: [],
    tables: [
      {
        name: COMMENTARY_STATE_TABLE,
        headerRow: firstBodyRow([]),
        firstColumn: 0,
        columns: STATE_COLUMNS,
        rows: Object.entries(generated).map(([key, text]) => ({
          kind: "data" as const,
          level: 0,
          cells: [{ value: key }, { value: text }],
        })),
      },
    ],
    notes: [],
    hidden: true,
  };
  return [visible, state];
}

/** What the commentary is checked against, counted in the prognosis apart from the commentary's lines. */
export interface CommentaryInputTotals {
  /** The prognosis's verksamheter (its top-level lines). */
  readonly areas: number;
  /** The full-year variance of every ansvar (each leaf, and a parent's own bookings) summed apart from the hierarchy, kronor. */
  readonly ansvarVariance: number;
}

/**
 * "Avstämning: 5 verksamheter i prognosen = 5 här; avvikelse helår summerad per ansvar 0 tkr = nämndens rad 0 tkr."
 * Nothing is lost: every verksamhet has its row, and the nämnd's variance on the sheet is the sum of
 * the ansvar's, not of the lines it is itself summed from.
 */
export function commentaryReconciliationText(input: CommentaryInputTotals, lines: readonly CommentaryLine[]): string {
  const areaRows = lines.filter((l) => l.role !== "total" && (l.depth ?? 0) === 0).length;
  const shown = lines.find((l) => l.role === "total")?.variance ?? 0;
  const sameCount = input.areas === areaRows;
  const sameVariance = Math.abs(input.ansvarVariance - shown) < 0.5;
  const areas = `${input.areas} ${input.areas === 1 ? "verksamhet" : "verksamheter"}`;
  // The bokslut's lines speak of the year's outcome and result, not of a forecast.
  const yearEnd = lines.some((l) => l.kind === "yearEnd");
  return reconciliationSentence(undefined, [], formatTkr, [
    {
      text: `${areas} i ${yearEnd ? "utfallet" : "prognosen"} ${sameCount ? "=" : "≠"} ${areaRows} här`,
      equal: sameCount,
    },
    {
      text: `${yearEnd ? "årets resultat" : "avvikelse helår"} summerad per ansvar ${formatTkr(input.ansvarVariance)} tkr ${sameVariance ? "=" : "≠"} nämndens rad ${formatTkr(shown)} tkr`,
      equal: sameVariance,
    },
  ]);
}

/**
 * Texts by key from a table read back (header row first): the commentary table (key, name, avvikelse, text) or
 * the state table (key, generated text). The text is the last column; rows without a key are ignored.
 */
export function commentaryTextsFrom(values: readonly (readonly CellValue[])[]): Record<string, string> {
  const out = emptyRecord<string>();
  for (const r of values.slice(1)) {
    const key = r[0];
    const text = r[r.length - 1];
    if (key === null || key === undefined || key === "") continue;
    if (typeof text === "string" && text.trim() !== "") out[String(key)] = text;
  }
  return out;
}

export const EXPLANATION_SHEET = "Avvikelseförklaringar";
export const EXPLANATION_TABLE = "Budgetkoll_Forklaringar";

export const EXPLANATION_COLUMNS: readonly ReportColumn[] = [
  { id: "label", header: "Område / förklaring", type: "text", width: 44, indent: true, wrap: true },
  { id: "amount", header: "Belopp (tkr)", type: "tkr", width: 13, signColour: true },
  { id: "share", header: "Andel av avvikelsen", type: "percent", width: 12 },
  { id: "flag", header: "Flagga", type: "text", width: 44, wrap: true },
];

/** The explanations as the reader read them, counted apart from the sheet's lines. */
export interface ExplanationInputTotals {
  /** Rows of the "Förklaringar" sheets: read = used + rejected. */
  readonly rows?: ReadCounts;
  /** The components read, and their amounts summed (kronor). */
  readonly components: number;
  readonly amount: number;
}

/**
 * "Avstämning: 14 förklaringsposter i indata = 14 i rapporten; 14 rader lästa = 14 använda + 0 avvisade; förklarat
 * belopp i indata -3 135 tkr = i rapporten -3 135 tkr." Every component read is shown.
 */
export function explanationReconciliationText(
  explained: readonly ExplainedVariance[],
  input: ExplanationInputTotals,
): string {
  const shown = explained.flatMap((e) => e.lines.filter((l) => !l.unexplained));
  const amount = shown.reduce((sum, l) => sum + l.amount, 0);
  const same = input.components === shown.length;
  const count = `${input.components} ${input.components === 1 ? "förklaringspost" : "förklaringsposter"} i indata ${same ? "=" : "≠"} ${shown.length} i rapporten`;
  return reconciliationSentence(
    input.rows,
    [{ what: "förklarat belopp", input: input.amount, report: amount }],
    formatTkr,
    [{ text: count, equal: same }],
  );
}

/**
 * The variance explanations: per ansvar or area its variance, the components given, and the *Övrigt/ej
 * förklarat* line as a formula (variance - the components), so the lines always add up to the variance and a
 * changed component moves the remainder. An unexplained part above the set share is flagged on its line.
 */
export function buildExplanationSheet(
  explained: readonly ExplainedVariance[],
  meta: ReportMeta,
  input: ExplanationInputTotals,
  title = "Förklaringar till avvikelser",
  maxUnexplainedShare = DEFAULT_MAX_UNEXPLAINED_SHARE,
): SheetLayout {
  const info = metaLines(meta);
  const headerRow = firstBodyRow(info);
  const rows: ReportRow[] = [];
  const next = (): number => headerRow + 1 + rows.length;
  for (const e of explained) {
    const varianceAt = next();
    const varianceCell = cellAddress(varianceAt, 1);
    rows.push({
      kind: "subtotal",
      level: 0,
      cells: [{ value: e.label }, { value: e.variance }, { value: null }, { value: null }],
    });
    const componentRows: number[] = [];
    for (const line of e.lines) {
      const at = next();
      const share =
        e.variance === 0
          ? { value: null }
          : {
              value: line.amount / e.variance || 0,
              formula: `IF(${varianceCell}=0,"",${cellAddress(at, 1)}/${varianceCell})`,
            };
      if (!line.unexplained) {
        componentRows.push(at);
        rows.push({
          kind: "data",
          level: 1,
          outline: 1,
          cells: [{ value: line.label }, { value: line.amount }, share, { value: null }],
        });
        continue;
      }
      const others = componentRows.length === 0 ? "0" : `SUM(${componentRows.map((r) => cellAddress(r, 1)).join(",")})`;
      const flag = e.flagged ? `Mer än ${formatPercent(maxUnexplainedShare)} av avvikelsen är inte förklarad.` : null;
      rows.push({
        kind: "data",
        level: 1,
        outline: 1,
        cells: [
          { value: line.label },
          { value: line.amount, formula: `${varianceCell}-${others}` },
          share,
          { value: flag },
        ],
      });
    }
  }
  return tableSheet({
    name: EXPLANATION_SHEET,
    title,
    meta: info,
    table: EXPLANATION_TABLE,
    columns: EXPLANATION_COLUMNS,
    rows,
    notes: [
      {
        row: headerRow + rows.length + 2,
        text: `Övrigt/ej förklarat = avvikelsen minus de angivna posterna; flaggas när det är mer än ${formatPercent(maxUnexplainedShare)} av avvikelsen.`,
      },
      { row: headerRow + rows.length + 3, text: explanationReconciliationText(explained, input) },
    ],
    frozenColumns: 1,
  });
}
