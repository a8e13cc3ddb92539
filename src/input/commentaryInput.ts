/**
 * The commentary sheet read back from a report: the sentences as the sheet holds them now (perhaps edited by
 * the controller) and, from the hidden state sheet, what Budgetkoll generated last time. Together they let a
 * regeneration tell an edited sentence from its own (`planCommentaryUpdate`). The header is found by its texts,
 * not by the Excel table, which an edit in another program may have dropped.
 */
import { cellAddress } from "../cells";
import { emptyRecord } from "../core/records";
import { COMMENTARY_COLUMNS, COMMENTARY_SHEET, COMMENTARY_STATE_SHEET } from "../report/commentarySheet";
import type { SheetData, WorkbookReader } from "../workbook/types";
import { inputError, type InputError } from "./errors";
import { normaliseHeader, SCAN_ROWS } from "./headers";
import type { ReadOutcome } from "./settings";
import { textOf } from "./sheetRows";

export interface StoredCommentary {
  /** The text in the commentary sheet now, by key. */
  readonly current: Record<string, string>;
  /** What was generated last time (the hidden state sheet), by key. */
  readonly generated: Record<string, string>;
}

const KEY_HEADER = COMMENTARY_COLUMNS.find((c) => c.id === "key")!.header;
const TEXT_HEADER = COMMENTARY_COLUMNS.find((c) => c.id === "text")!.header;
const GENERATED_HEADER = "Genererad text";

/** Texts by key under the header row holding `keyHeader` and `textHeader`; every problem names its cell. */
function textsOf(data: SheetData, textHeader: string, errors: InputError[]): Record<string, string> {
  const key = (v: unknown) => normaliseHeader(v).key;
  let header: { row: number; keyCol: number; textCol: number } | undefined;
  for (let r = 0; r < Math.min(SCAN_ROWS, data.values.length) && !header; r++) {
    const row = data.values[r] ?? [];
    const keyCol = row.findIndex((v) => key(v) === key(KEY_HEADER));
    const textCol = row.findIndex((v) => key(v) === key(textHeader));
    if (keyCol >= 0 && textCol >= 0) header = { row: r, keyCol, textCol };
  }
  if (!header) {
    errors.push(
      inputError(
        data.sheet,
        undefined,
        undefined,
        `hittar ingen rubrikrad med ${KEY_HEADER} och ${textHeader} bland de första ${SCAN_ROWS} raderna: förväntade bladet som Budgetkoll skrev. Återställ rubrikerna eller ta bort bladet, så skrivs kommentarerna på nytt.`,
      ),
    );
    return emptyRecord<string>();
  }
  const out = emptyRecord<string>();
  const cells = new Map<string, string>();
  for (let r = header.row + 1; r < data.values.length; r++) {
    const row = data.values[r] ?? [];
    const k = textOf(row[header.keyCol]);
    const text = row[header.textCol];
    if (k === undefined) continue;
    const sr = data.origin.row + r;
    const sc = data.origin.column + header.keyCol;
    const cell = cellAddress(sr, sc);
    const first = cells.get(k);
    if (first !== undefined) {
      errors.push(
        inputError(
          data.sheet,
          sr,
          sc,
          `nyckeln "${k}" finns två gånger: cell ${first} och ${cell}. Förväntade en rad per nyckel; ta bort den ena raden.`,
        ),
      );
      continue;
    }
    cells.set(k, cell);
    if (typeof text === "string" && text.trim() !== "") out[k] = text;
  }
  return out;
}

/** The stored commentary of the two sheets as read; an absent sheet holds nothing. */
export function commentaryFromSheets(
  visible: SheetData | undefined,
  state: SheetData | undefined,
): ReadOutcome<StoredCommentary> {
  const errors: InputError[] = [];
  const current = visible ? textsOf(visible, TEXT_HEADER, errors) : {};
  const generated = state ? textsOf(state, GENERATED_HEADER, errors) : {};
  return {
    value: errors.length > 0 ? undefined : { current, generated },
    errors,
    warnings: [],
    recognised: [],
    rows: { read: 0, used: 0, rejected: 0 },
  };
}

/** The commentary of a report workbook (an earlier run's output). */
export async function readStoredCommentary(reader: WorkbookReader): Promise<ReadOutcome<StoredCommentary>> {
  const names = await reader.sheetNames();
  const find = (name: string) => names.find((n) => n.toLowerCase() === name.toLowerCase());
  const visible = find(COMMENTARY_SHEET);
  const state = find(COMMENTARY_STATE_SHEET);
  return commentaryFromSheets(
    visible ? await reader.readSheet(visible) : undefined,
    state ? await reader.readSheet(state) : undefined,
  );
}
