/** Reads the golden tables of test/fixtures/golden (RFC 4180 CSV, header row) for tests. */
import { readFileSync } from "node:fs";

export type CsvRow = Record<string, string>;

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The rows of a golden CSV as records keyed on the header. */
export function readGolden(name: string): CsvRow[] {
  const [header, ...rows] = parseCsv(readFileSync(new URL(`../fixtures/golden/${name}`, import.meta.url), "utf8"));
  return rows
    .filter((r) => r.some((c) => c !== ""))
    .map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

/** A numeric cell of a golden table; blank is undefined (missing is not zero). */
export function num(text: string | undefined): number | undefined {
  return text === undefined || text.trim() === "" ? undefined : Number(text);
}
