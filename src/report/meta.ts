/**
 * What every report sheet says about itself (run date, data source, budget version, sign convention), and the
 * registry of the add-in's own sheets: a hidden sheet listing each output sheet with a fingerprint of what was
 * written, so that a re-run replaces its own sheets, never a user's, and notices when a user edited one of ours.
 * Pure: both writers (exceljs and Office.js) use these functions, so a file written by one is recognised by the other.
 */
import type { CellValue } from "../cells";
import { formatNumber } from "../core/amounts";
import { SIGN_CONVENTION_LABEL, VARIANCE_RULE, YEAR_END_VARIANCE_RULE, type SignConvention } from "../core/signs";
import { OUTPUT_MARK } from "./layout";

export interface ReportMeta {
  /** Date (and time) of the run, as shown, e.g. "2021-09-10". */
  readonly runDate: string;
  /** Where the data came from, e.g. the input file name and its sheets. */
  readonly source: string;
  /** The budget version the variances use, e.g. "Ombudgetering 2021-05". */
  readonly budgetVersion?: string;
  /** The sign convention in words (SIGN_CONVENTION_LABEL). */
  readonly signConventionLabel: string;
  /** The bokslut: the variance rule names the outcome alone (no forecast). */
  readonly yearEnd?: boolean;
  /** The user's sign convention, which the prognosis per ansvar shows its amounts in; costs positive when absent. */
  readonly signConvention?: SignConvention;
}

/** The convention of the user's setting. */
export function signConventionOf(meta: ReportMeta): SignConvention {
  return meta.signConvention ?? "costPositive";
}

/**
 * "Tecken: ..." as the sheet's amounts really are: in the user's convention on a sheet that applies it, otherwise
 * costs positive (the internal convention), saying so when the setting is the other one.
 */
function signLine(meta: ReportMeta, shown: SignConvention): string {
  const setting = signConventionOf(meta);
  const label =
    shown === setting
      ? meta.signConventionLabel
      : `${SIGN_CONVENTION_LABEL[shown]}; bladet följer inte inställningen ${SIGN_CONVENTION_LABEL[setting]}`;
  return `Tecken: ${label}; ${(meta.yearEnd ? YEAR_END_VARIANCE_RULE : VARIANCE_RULE)[shown]}.`;
}

/** Rows of the input sheets as the reader counted them (rows read = rows used + rows rejected). */
export interface ReadCounts {
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
}

/** A check worded by the sheet itself ("22 åtgärder", "5 verksamheter i prognosen = 5 här"); `equal: false` is called out. */
export interface WordedCheck {
  readonly text: string;
  readonly equal?: boolean;
}

/**
 * "Avstämning: 12 rader lästa = 12 använda + 0 avvisade; kostnad i indata 1 234 tkr = kostnad i rapporten 1 234 tkr."
 * Nothing is lost, shown to the user under every report; a difference of half a krona or more is called out, as is
 * a sheet's own check (`lead`, worded first) that does not hold.
 */
export function reconciliationSentence(
  rows: ReadCounts | undefined,
  amounts: readonly { readonly what: string; readonly input: number; readonly report: number }[],
  format: (kronor: number) => string,
  lead: readonly WordedCheck[] = [],
): string {
  const parts: string[] = lead.map((c) => c.text);
  if (rows)
    parts.push(
      `${rows.read} rader lästa ${rows.read === rows.used + rows.rejected ? "=" : "≠"} ${rows.used} använda + ${rows.rejected} avvisade`,
    );
  let same = (rows === undefined || rows.read === rows.used + rows.rejected) && lead.every((c) => c.equal !== false);
  for (const a of amounts) {
    const equal = Math.abs(a.input - a.report) < 0.5;
    same &&= equal;
    parts.push(`${a.what} i indata ${format(a.input)} tkr ${equal ? "=" : "≠"} i rapporten ${format(a.report)} tkr`);
  }
  return `Avstämning: ${parts.join("; ")}.${same ? "" : " AVVIKELSE: kontrollera indata, något saknas i rapporten."}`;
}

/**
 * A shown sum that differs from the sum of its shown parts, in the report's own words (domain: show it, never hide
 * it): "Avrundning: Socialt stöd, Utfall t.o.m. period (cell E21): 20 890 tkr; de avrundade delarna summerar till
 * 20 889 tkr (1 tkr avrundningsdifferens)." The finding's amounts are whole tkr as shown.
 */
export function shownSumNote(f: {
  readonly label: string;
  readonly columnHeader: string;
  readonly cell?: string;
  readonly printed: number;
  readonly computed: number;
  readonly difference: number;
  readonly severity: "rounding" | "error";
}): string {
  const tkr = (x: number) => formatNumber(x);
  const rounding = f.severity === "rounding";
  return (
    `${rounding ? "Avrundning" : "Summeringsfel"}: ${f.label}, ${f.columnHeader}${f.cell ? ` (cell ${f.cell})` : ""}: ${tkr(f.printed)} tkr; ` +
    `de avrundade delarna summerar till ${tkr(f.computed)} tkr (${tkr(Math.abs(f.difference))} tkr ${rounding ? "avrundningsdifferens" : "differens"}).`
  );
}

/**
 * The meta lines under a report's title; the budget version only where the sheet measures against a budget version.
 * `shown` is the convention the sheet's amounts are in: costs positive unless the sheet converts them.
 */
export function metaLines(
  meta: ReportMeta,
  unitNote = "Belopp i tkr (cellerna innehåller kronor, visade i tkr).",
  shown: SignConvention = "costPositive",
): string[] {
  return [
    `Körning: ${meta.runDate}. Datakälla: ${meta.source}.`,
    `${meta.budgetVersion !== undefined ? `Budgetversion: ${meta.budgetVersion}. ` : ""}${signLine(meta, shown)}`,
    unitNote,
  ];
}

/** The hidden sheet that lists the add-in's own sheets. */
export const REGISTRY_SHEET = `${OUTPUT_MARK}_meta`;
export const REGISTRY_HEADER = ["Blad", "Fingeravtryck", "Skriven"] as const;

export interface RegistryEntry {
  readonly sheet: string;
  readonly fingerprint: string;
  readonly written: string;
}

/** The registry sheet's values: a header row, then one row per own sheet. */
export function registryValues(entries: readonly RegistryEntry[]): CellValue[][] {
  return [[...REGISTRY_HEADER], ...entries.map((e) => [e.sheet, e.fingerprint, e.written])];
}

/** Entries read back from the registry sheet's values; rows that are not entries are ignored. */
export function parseRegistry(values: readonly (readonly CellValue[])[]): RegistryEntry[] {
  const entries: RegistryEntry[] = [];
  for (const row of values.slice(1)) {
    const [sheet, fingerprint, written] = row;
    if (typeof sheet === "string" && sheet && typeof fingerprint === "string")
      entries.push({ sheet, fingerprint, written: String(written ?? "") });
  }
  return entries;
}

/** A cell's content as the fingerprint sees it: a formula when there is one (its cached value may change), else the value. */
export interface CellContent {
  readonly row: number;
  readonly column: number;
  readonly value: CellValue;
  readonly formula?: string;
}

function canonical(c: CellContent): string | undefined {
  if (c.formula !== undefined) return `${c.row},${c.column}=${c.formula.replace(/^=/, "")}`;
  if (c.value === null || c.value === "") return undefined;
  // Excel hands a number back with 15 significant digits (0.1 + 0.2 as 0.3): compare at that precision.
  if (typeof c.value === "number")
    return `${c.row},${c.column}n${String(Number.isFinite(c.value) ? Number(c.value.toPrecision(15)) : c.value)}`;
  if (typeof c.value === "boolean") return `${c.row},${c.column}b${c.value ? 1 : 0}`;
  return `${c.row},${c.column}s${c.value}`;
}

/** FNV-1a, two 32-bit lanes: enough to notice an edit, no crypto needed (and none available in the pure layer). */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193) >>> 0;
    b = Math.imul(b ^ ch ^ (a >>> 7), 0x85ebca6b) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

/**
 * Fingerprint of a sheet's contents (formatting is ignored: only values and formulas count as an edit). A writer
 * stores the fingerprint of the sheet as it wrote it, and compares it with the sheet's contents on the next run.
 */
export function fingerprintCells(cells: Iterable<CellContent>): string {
  const parts: string[] = [];
  for (const c of cells) {
    const p = canonical(c);
    if (p !== undefined) parts.push(p);
  }
  parts.sort();
  return hash(parts.join("\n"));
}
