/**
 * The one place where a sheet's Ansvar (or Verksamhet, Ägare) cell becomes a key of the hierarchy, for every
 * reader: Budget, Utfall (also a streamed ledger), Prognos, Prognos föregående, Förklaringar, Resultat fg år,
 * Bokslut tidigare år, returned templates. The matching rule is src/core/keys.ts; here it meets the cells:
 * - an ambiguous name is an error on its cell naming every place it could mean;
 * - a code matched only without its leading zeros is used, with one warning naming both cells;
 * - an unknown key is kept as written (its rows stay in the totals, on a line "Okänt ansvar ..."), and each
 *   distinct unknown key of a sheet gets one warning: its first cell, how many rows, how much money, and the
 *   closest known key.
 */
import { formatNumber } from "../core/amounts";
import type { CostCentre } from "../core/hierarchy";
import { keyIndex, type KeyIndex } from "../core/keys";
import type { UnmatchedKey } from "../core/prognosis";
import type { InputError } from "./errors";
import type { CellRef, SheetRows } from "./sheetRows";

interface Unknown {
  readonly sheet: string;
  readonly cell: string;
  readonly text: string;
  readonly suggestion?: string;
  rows: number;
  amount: number;
  hasAmount: boolean;
}

const kr = (x: number): string => `${formatNumber(x, 0)} kr`;

export class KeyResolver {
  private readonly index: KeyIndex;
  private readonly unknown = new Map<string, Unknown>();
  private readonly zeros = new Map<string, InputError>();
  /** The first cell naming each key, per sheet: where a message about the key points. */
  private readonly firstCells = new Map<string, Map<string, CellRef>>();
  private matchedCount = 0;

  /**
   * `centres`: the Ansvar sheet's; empty when there is none (then every key is taken as written, and the list of
   * ansvar is the keys met). `cells`: where each ansvar stands on the Ansvar sheet.
   */
  constructor(
    centres: readonly CostCentre[],
    private readonly cells: ReadonlyMap<string, CellRef> = new Map(),
  ) {
    this.index = keyIndex(centres);
  }

  get hasHierarchy(): boolean {
    return this.index.size > 0;
  }

  label(key: string): string {
    return this.index.label(key);
  }

  /** A line of the hierarchy with where it stands: `"441 Hemtjänst" (blad "Ansvar", cell A7)`. */
  private placed(key: string): string {
    const at = this.cells.get(key);
    return `"${this.label(key)}"${at ? ` (blad "${at.sheet}", cell ${at.cell})` : ""}`;
  }

  /** The first cell of each sheet that named `key` (after resolving). */
  cellsOf(key: string): CellRef[] {
    return [...this.firstCells.values()].flatMap((m) => (m.has(key) ? [m.get(key)!] : []));
  }

  private remember(here: CellRef, key: string): void {
    let m = this.firstCells.get(here.sheet);
    if (!m) this.firstCells.set(here.sheet, (m = new Map()));
    if (!m.has(key)) m.set(key, here);
  }

  /**
   * The key a cell names; `null` when it is ambiguous (an error on the cell), the text as written when unknown
   * (noted for its warning; `carry` adds the row's money to it). `area`: a Verksamhet cell beside it, tried first
   * as the path "Verksamhet / Enhet".
   */
  resolve(rows: SheetRows, r: number, text: string, field = "costCentre", area?: string): string | null {
    if (!this.hasHierarchy) return text;
    const here = rows.ref(r, field);
    if (area !== undefined) {
      const m = this.index.resolve(`${area} / ${text}`);
      if (m.kind === "found") {
        this.remember(here, m.key);
        this.matchedCount++;
        return m.key;
      }
    }
    const m = this.index.resolve(text);
    if (m.kind === "found" || m.kind === "zeros" || m.kind === "unknown")
      this.remember(here, m.kind === "unknown" ? text : m.key);
    if (m.kind === "found" || m.kind === "zeros") this.matchedCount++;
    switch (m.kind) {
      case "found":
        return m.key;
      case "zeros": {
        const id = `${here.sheet}\u0001${text}`;
        if (!this.zeros.has(id)) {
          const at = this.cells.get(m.key);
          this.zeros.set(id, {
            sheet: here.sheet,
            cell: here.cell,
            message: `ansvar "${text}" skrivs "${m.code}" på bladet Ansvar${at ? ` (blad "${at.sheet}", cell ${at.cell})` : ""}: de räknas som samma ansvar, ${this.label(m.key)}. Skriv koden lika på båda ställena.`,
          });
        }
        return m.key;
      }
      case "ambiguous":
        rows.fieldError(
          r,
          field,
          `"${text}" finns på ${m.keys.length} ställen i ansvarsstrukturen: ${m.keys.map((k) => this.placed(k)).join(" och ")}. Skriv hela vägen, t.ex. "${this.label(m.keys[0]!)}".`,
        );
        return null;
      case "unknown": {
        const id = `${here.sheet}\u0001${text}`;
        const u = this.unknown.get(id);
        if (u) u.rows++;
        else
          this.unknown.set(id, {
            sheet: here.sheet,
            cell: here.cell,
            text,
            ...(m.suggestion !== undefined ? { suggestion: m.suggestion } : {}),
            rows: 1,
            amount: 0,
            hasAmount: false,
          });
        return text;
      }
    }
  }

  /** The key of a cell where an unknown key is an error (explanations, last year's result): undefined then. */
  resolveKnown(rows: SheetRows, r: number, text: string, field = "costCentre"): string | null | undefined {
    if (!this.hasHierarchy) return text;
    const key = this.resolve(rows, r, text, field);
    if (key === null || !this.isUnknownOn(rows.data.sheet, text)) return key;
    this.unknown.delete(`${rows.data.sheet}\u0001${text}`);
    return undefined;
  }

  /** A hint for an unknown key's error: ` Menade du "421 IFO vuxen och bistånd"?` or "". */
  hint(text: string): string {
    const m = this.index.resolve(text);
    return m.kind === "unknown" && m.suggestion !== undefined ? ` Menade du "${this.label(m.suggestion)}"?` : "";
  }

  private isUnknownOn(sheet: string, text: string): boolean {
    return this.unknown.has(`${sheet}\u0001${text}`);
  }

  /** A row's money (internal kronor) on the key `resolve` gave: counted for the key's warning when it is unknown. */
  carry(sheet: string, key: string, amount: number): void {
    const u = this.unknown.get(`${sheet}\u0001${key}`);
    if (!u) return;
    u.amount += amount;
    u.hasAmount = true;
  }

  /** The unknown keys met, one per sheet and key, with their rows and money. */
  unmatched(): UnmatchedKey[] {
    return [...this.unknown.values()].map((u) => ({
      key: u.text,
      sheet: u.sheet,
      cell: u.cell,
      rows: u.rows,
      amount: u.amount,
      ...(u.suggestion !== undefined ? { suggestedKey: u.suggestion } : {}),
    }));
  }

  /** How many cells named a line of the hierarchy (found, or found without leading zeros). */
  get matched(): number {
    return this.matchedCount;
  }

  /**
   * One warning per unknown key and sheet, one per code matched without its leading zeros. `what` words an
   * unknown key's line ("ansvar", "ägaren", "verksamheten") and `kept` what is done with its rows; `nearOnly`
   * keeps the unknown keys that are close to a known one (a typo), for sheets whose column may also name
   * groupings that are no ansvar (a volume sheet's purchaser, a plan's own owner abbreviations).
   */
  warnings(
    what = "ansvar",
    kept = (text: string) => `redovisas på en egen rad "Okänt ansvar ${text}" så att inget tappas`,
    nearOnly = false,
  ): InputError[] {
    const out: InputError[] = [...this.zeros.values()];
    for (const u of this.unknown.values()) {
      if (nearOnly && u.suggestion === undefined) continue;
      const rows = u.rows === 1 ? "1 rad" : `${u.rows} rader`;
      const money = u.hasAmount ? `, sammanlagt ${kr(u.amount)},` : "";
      const hint = u.suggestion !== undefined ? ` Menade du ${this.placed(u.suggestion)}?` : "";
      out.push({
        sheet: u.sheet,
        cell: u.cell,
        message: `${what} "${u.text}" finns inte på bladet Ansvar: ${rows}${money} ${kept(u.text)}.${hint}`,
        ...(u.hasAmount ? { amount: Math.abs(u.amount) } : {}),
      });
    }
    return out;
  }
}

/**
 * How a sheet's cell names one of the report's lines (an ansvar or a verksamhet), where a name that is no line is
 * an error of the reader (Förklaringar, Resultat fg år, Bokslut tidigare år): `key` when found; `error` when the
 * name is ambiguous; `warning` when only leading zeros differ; `hint` ("Menade du ...?") for the reader's own
 * message when it is unknown.
 */
export interface LineMatch {
  readonly key?: string;
  readonly error?: string;
  readonly warning?: string;
  readonly hint: string;
}

export type LineResolver = (text: string) => LineMatch;

/** The resolver over the report's lines (key, code, name, parent), with the same rule as the input sheets'. */
export function lineResolver(
  lines: readonly CostCentre[],
  cells: ReadonlyMap<string, CellRef> = new Map(),
): LineResolver {
  const index = keyIndex(lines);
  const placed = (key: string): string => {
    const at = cells.get(key);
    return `"${index.label(key)}"${at ? ` (blad "${at.sheet}", cell ${at.cell})` : ""}`;
  };
  return (text) => {
    const m = index.resolve(text);
    switch (m.kind) {
      case "found":
        return { key: m.key, hint: "" };
      case "zeros":
        return {
          key: m.key,
          hint: "",
          warning: `"${text}" skrivs "${m.code}" på bladet Ansvar: de räknas som samma ansvar, ${index.label(m.key)}. Skriv koden lika på båda ställena.`,
        };
      case "ambiguous":
        return {
          hint: "",
          error: `"${text}" finns på ${m.keys.length} ställen i ansvarsstrukturen: ${m.keys.map(placed).join(" och ")}. Skriv hela vägen, t.ex. "${index.label(m.keys[0]!)}".`,
        };
      case "unknown":
        return { hint: m.suggestion === undefined ? "" : ` Menade du ${placed(m.suggestion)}?` };
    }
  };
}
