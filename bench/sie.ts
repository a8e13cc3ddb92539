/**
 * SIE 4 files from a generated ledger (bench/ledger.ts), for the benches and the tests: the same bookings as
 * verifikationer (#VER with #TRANS rows per ansvar and a counter-entry on a balance-sheet account) or as period
 * balances (#PSALDO per ansvar, and per konto over all ansvar), in codepage 437 as `#FORMAT PC8` prescribes.
 */
import { createWriteStream } from "node:fs";
import type { ActualRow } from "../src/core/prognosis";
import { encodeCp437 } from "../src/workbook/sie/sieFile";

export interface SieSpec {
  /** Verifikationer or period balances. */
  readonly kind: "ver" | "psaldo";
  readonly year: number;
  /** The result rows of each verifikation (its counter-entry comes on top). */
  readonly rowsPerVer?: number;
  /** Last year's utfall (#RAR -1), as period balances. */
  readonly lastYear?: readonly ActualRow[];
  /** Objects of a second dimension (6 projekt) on every other row, as a kommun's ledger has. */
  readonly projects?: boolean;
  /** The ansvar dimension's number and name. */
  readonly dimension?: readonly [number: number, name: string];
}

const ore = (kr: number): number => Math.round(kr * 100);
/** Öre as SIE writes kronor: a decimal point, a leading minus. */
export const kr = (o: number): string => {
  const sign = o < 0 ? "-" : "";
  const a = Math.abs(o);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
};

/** The header records: program, format, years, dimensions, objects (names with å ä ö), konton with their kontotyp. */
function header(rows: readonly ActualRow[], spec: SieSpec): string[] {
  return sieHeader(
    rows.map((r) => r.costCentre),
    rows.map((r) => r.account!),
    spec,
  );
}

/** The header records for these ansvar and konton. */
export function sieHeader(
  costCentres: Iterable<string>,
  accountList: Iterable<string>,
  spec: Pick<SieSpec, "year" | "dimension">,
): string[] {
  const [dim, dimName] = spec.dimension ?? [1, "Kostnadsställe"];
  const lines = [
    "#FLAGGA 0",
    '#PROGRAM "Budgetkoll testgenerator" 1.0',
    "#FORMAT PC8",
    "#GEN 20240915",
    "#SIETYP 4",
    '#FNAMN "Socialnämnden i Exempelkommun"',
    "#ORGNR 212000-0000",
    `#RAR 0 ${spec.year}0101 ${spec.year}1231`,
    `#RAR -1 ${spec.year - 1}0101 ${spec.year - 1}1231`,
    `#DIM ${dim} "${dimName}"`,
    '#DIM 6 "Projekt"',
  ];
  const centres = new Set(costCentres);
  for (const c of centres) lines.push(`#OBJEKT ${dim} "${c}" "Äldreomsorg \\"Östra\\" ${c}"`);
  lines.push('#OBJEKT 6 "P1" "Projekt Förstärkt hemtjänst"');
  const accounts = new Set([...accountList, "1930", "2440"]);
  for (const a of [...accounts].sort()) {
    lines.push(`#KONTO ${a} "Konto ${a} åäö"`);
    lines.push(`#KTYP ${a} ${a < "2000" ? "T" : a < "3000" ? "S" : a < "4000" ? "I" : "K"}`);
  }
  return lines;
}

/** The object list of a row: the ansvar, and a projekt on every other row when asked. */
function objects(r: ActualRow, i: number, spec: SieSpec): string {
  const dim = spec.dimension?.[0] ?? 1;
  return spec.projects && i % 2 === 1 ? `{${dim} "${r.costCentre}" 6 "P1"}` : `{${dim} "${r.costCentre}"}`;
}

/** The body records, in order, handed to `emit` a line at a time. */
function body(rows: readonly ActualRow[], spec: SieSpec, emit: (line: string) => void): void {
  const dim = spec.dimension?.[0] ?? 1;
  if (spec.lastYear) balances(spec.lastYear, -1, dim, emit);
  if (spec.kind === "psaldo") return balances(rows, 0, dim, emit);
  const per = spec.rowsPerVer ?? 4;
  let no = 0;
  for (let start = 0; start < rows.length; start += per) {
    const group = rows.slice(start, start + per);
    const date = `${group[0]!.period.replace("-", "")}15`;
    emit(`#VER "A" "${++no}" ${date} "Leverantörsfaktura ${no}" ${date}`);
    emit("{");
    let sum = 0;
    // The rows of a verifikation share its month: a group that spans two months is split at the change.
    let i = 0;
    for (; i < group.length && group[i]!.period === group[0]!.period; i++) {
      const r = group[i]!;
      emit(`   #TRANS ${r.account} ${objects(r, start + i, spec)} ${kr(ore(r.amount))}`);
      sum += ore(r.amount);
    }
    if (i < group.length) start -= group.length - i;
    // The counter-entry: leverantörsskuld for costs, the bank for revenue; never utfall.
    emit(`   #TRANS ${sum >= 0 ? "2440" : "1930"} {} ${kr(-sum)}`);
    emit("}");
  }
}

/** #PSALDO per ansvar, konto and month, and per konto and month over all ansvar ({}), in öre. */
function balances(rows: readonly ActualRow[], year: number, dim: number, emit: (line: string) => void): void {
  const perCentre = new Map<string, number>();
  const perAccount = new Map<string, number>();
  for (const r of rows) {
    const period = r.period.replace("-", "");
    const k = `${period} ${r.account} ${r.costCentre}`;
    perCentre.set(k, (perCentre.get(k) ?? 0) + ore(r.amount));
    const t = `${period} ${r.account}`;
    perAccount.set(t, (perAccount.get(t) ?? 0) + ore(r.amount));
  }
  for (const [k, o] of perAccount) emit(`#PSALDO ${year} ${k} {} ${kr(o)}`);
  for (const [k, o] of perCentre) {
    const [period, account, centre] = k.split(" ");
    emit(`#PSALDO ${year} ${period} ${account} {${dim} "${centre}"} ${kr(o)}`);
  }
}

/** A whole SIE file as bytes (codepage 437), for tests. Lines end with CRLF, as SIE's DOS heritage writes them. */
export function sieBytes(rows: readonly ActualRow[], spec: SieSpec): Uint8Array {
  const lines = header(rows, spec);
  body(rows, spec, (l) => lines.push(l));
  return encodeCp437(lines.join("\r\n") + "\r\n");
}

/** A big SIE file written as it is generated, for the benches. */
export async function writeSieFile(path: string, rows: readonly ActualRow[], spec: SieSpec): Promise<void> {
  const out = createWriteStream(path);
  let chunk = header(rows, spec).join("\r\n") + "\r\n";
  body(rows, spec, (l) => {
    chunk += l + "\r\n";
    if (chunk.length > 1 << 20) {
      out.write(encodeCp437(chunk));
      chunk = "";
    }
  });
  out.write(encodeCp437(chunk));
  await new Promise<void>((resolve) => out.end(resolve));
}
