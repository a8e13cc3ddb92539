/**
 * The column mapping of the Inställningar page, checked. The mapping is sheet -> header -> field, as
 * `ColumnMapping` in src/input/headers.ts reads it ({"Utfall": {"Summa kr": "amount"}}); an entry that names no
 * field, or a header its sheet does not have, would otherwise do nothing at all, so each gets a Swedish warning.
 * The fields are checked as the sheet Kolumnmappning and `--kolumn` check theirs (`parseMappingEntry`).
 */
import type { CellValue } from "../cells";
import type { InputError } from "../input/errors";
import { normaliseHeader, SCAN_ROWS, type ColumnMapping } from "../input/headers";
import { parseMappingEntry } from "../input/settings";

/** The rows searched for a header: those the header recognition looks at (headers.ts). */
export const HEADER_ROWS = SCAN_ROWS;

/** The first rows of the sheets a job read, by sheet name, and the workbook's sheet names. */
export interface SheetHeads {
  readonly names: readonly string[];
  readonly heads: ReadonlyMap<string, readonly (readonly CellValue[])[]>;
}

function entries(mapping: ColumnMapping): { sheet: string; header: string; field: string }[] {
  return Object.entries(mapping).flatMap(([sheet, headers]) =>
    Object.entries(headers).map(([header, field]) => ({ sheet, header, field })),
  );
}

/** The message when an entry names no field; it says so when the header and the field look swapped. */
function fieldProblem(sheet: string, header: string, field: string): string | undefined {
  const problem = parseMappingEntry(sheet, header, field);
  if (typeof problem !== "string") return undefined;
  const swapped = typeof parseMappingEntry(sheet, field, header) !== "string";
  const hint = swapped ? ` Rubriken står först och fältet sist: {"${sheet}": {"${field}": "${header}"}}.` : "";
  return `rubriken "${header}" i kolumnmappningen: ${problem}${hint}`;
}

/** Entries that name no field (nothing of the workbook needed: the settings page shows these as they are typed). */
export function mappingFieldProblems(mapping: ColumnMapping): InputError[] {
  return entries(mapping).flatMap(({ sheet, header, field }) => {
    const message = fieldProblem(sheet, header, field);
    return message ? [{ sheet, message }] : [];
  });
}

/** Every entry that does nothing: no such field, no such sheet, or a header not among the sheet's first rows. */
export function mappingProblems(mapping: ColumnMapping, read: SheetHeads): InputError[] {
  return entries(mapping).flatMap(({ sheet, header, field }): InputError[] => {
    const message = fieldProblem(sheet, header, field);
    if (message) return [{ sheet, message }];
    if (!read.names.includes(sheet))
      return [
        {
          sheet,
          message: `kolumnmappningen nämner bladet "${sheet}", som inte finns i arbetsboken: skriv bladets namn som på fliken.`,
        },
      ];
    const head = read.heads.get(sheet);
    // A sheet the job did not read (the add-in's own output) is not checked.
    if (!head) return [];
    const key = normaliseHeader(header).key;
    if (head.some((row) => row.some((cell) => cell !== null && normaliseHeader(cell).key === key))) return [];
    return [
      {
        sheet,
        message: `rubriken "${header}" i kolumnmappningen finns inte bland bladets första ${HEADER_ROWS} rader och lästes inte som ${field}: skriv rubriken som den står på bladet.`,
      },
    ];
  });
}
