/**
 * The prognosis calculator's input from the canonical sheets of a workbook: Ansvar, Budget (long or wide),
 * Budgetversioner, Utfall, Utfall fg år, Prognos, Prognos föregående. Amounts become internal kronor (net cost
 * positive, see signs.ts); every error of every sheet is reported at once, each naming its cell.
 */
import { convertMoney, formatNumber, UNIT_LABEL, type MoneyUnit } from "../core/amounts";
import { CoreError } from "../core/errors";
import { buildHierarchy, pathKey, type CostCentre } from "../core/hierarchy";
import { excelSerialToDate, MONTH_NAMES_SV, periodMonth, periodYear } from "../core/periods";
import {
  isYearEnd,
  type ActualRow,
  type BudgetLine,
  type BudgetVersion,
  type BudgetVersionKind,
  type ForecastEntry,
  type PrognosisInput,
} from "../core/prognosis";
import { forecastOutcome, toInternal } from "../core/signs";
import { prognosisInputSchema } from "../core/schemas";
import type { WorkbookReader } from "../workbook/types";
import { coreProblemText } from "./coreProblems";
import { inputError, type InputError } from "./errors";
import { normaliseHeader, type SheetKind } from "./headers";
import { recognisedSheet, scanErrors, scanWorkbook, type Scan, type ScannedSheet } from "./scan";
import { SETTINGS_SHEET, type ReadOutcome, type ReadSettings } from "./settings";
import { costCentreKey, SheetRows, textOf, type CellRef, type RowCounts } from "./sheetRows";
import { schemaErrors } from "./validation";
import { KeyResolver } from "./keys";

function duplicateMessage(what: string, first: CellRef, current: CellRef, hint: string): string {
  const where =
    first.sheet === current.sheet
      ? `cell ${first.cell} och ${current.cell}`
      : `cell ${current.cell} och blad "${first.sheet}", cell ${first.cell}`;
  return `${what} finns två gånger: ${where}. ${hint}`;
}

/** `SheetRows.firstTime` with this reader's message: "... finns två gånger: cell A7 och A3. <hint>". */
function firstTime(
  rows: SheetRows,
  row: number,
  field: string,
  seen: Map<string, CellRef>,
  key: string,
  what: string,
  hint: string,
): boolean {
  return rows.firstTime(row, field, seen, key, (first, cell) => duplicateMessage(what, first, cell, hint));
}

/** Key in a budget's `seen` map of the first Version cell that names a version. */
const versionCellKey = (version: string): string => `\u0002${version}`;

function rememberVersionCell(
  rows: SheetRows,
  r: number,
  version: string | undefined,
  seen: Map<string, CellRef>,
): void {
  if (version !== undefined && !seen.has(versionCellKey(version)))
    seen.set(versionCellKey(version), rows.ref(r, "version"));
}

/**
 * The Ansvar sheet as Verksamhet | Enhet: units without codes under named areas. A name may repeat under different
 * areas (seed 002: Stab, LSS and SoL FN under two areas), so a unit is keyed on its path "Område / Enhet"
 * (domain.md); a coded unit keeps its code.
 */
function readAreaHierarchy(rows: SheetRows, counts: RowCounts, seen: Map<string, CellRef>): CostCentre[] {
  const out: CostCentre[] = [];
  rows.eachRow(counts, ["area", "costCentre"], undefined, (r) => {
    const area = rows.text(r, "area");
    const unit = rows.costCentre(r);
    if (area === undefined) rows.missing(r, "area", "en verksamhet");
    if (!area || unit === null) return false;
    if (!seen.has(area)) {
      seen.set(area, rows.ref(r, "area"));
      out.push({ key: area, name: area });
    }
    if (unit === undefined) return true;
    const key = /^\d+$/.test(unit) ? unit : pathKey([area, unit]);
    if (
      !firstTime(rows, r, "costCentre", seen, key, `Enheten "${key}"`, "En enhet ska stå en gång under sin verksamhet.")
    )
      return false;
    out.push({ key, ...(key === unit ? { code: unit } : {}), name: rows.text(r, "name") ?? unit, parentKey: area });
    return true;
  });
  return out;
}

/**
 * The Ansvar sheet as Benämning | Överordnad with names only: a unit is keyed on its path of names. Överordnad
 * names the parent by its name (unique among the parents) or by its path ("Område / Enhet").
 */
function readNamedHierarchy(rows: SheetRows, counts: RowCounts, seen: Map<string, CellRef>): CostCentre[] {
  const read: { row: number; name: string; parent?: string }[] = [];
  rows.eachRow(counts, ["name", "parent"], undefined, (r) => {
    const name = rows.text(r, "name");
    if (name === undefined) rows.missing(r, "name", "ett namn");
    if (!name) return false;
    read.push({ row: r, name, parent: rows.text(r, "parent") });
    return true;
  });
  const byName = new Map<string, number[]>();
  read.forEach((x, i) => byName.set(x.name, [...(byName.get(x.name) ?? []), i]));
  // Keys from the roots down: a row is keyed once its parent is.
  const keys: (string | undefined)[] = read.map((x) => (x.parent === undefined ? x.name : undefined));
  const parentKeys: (string | undefined)[] = [];
  for (let progress = true; progress;) {
    progress = false;
    read.forEach((x, i) => {
      if (keys[i] !== undefined) return;
      const named = byName.get(x.parent!) ?? [];
      const p = named.length === 1 ? named[0]! : keys.indexOf(x.parent);
      if (p < 0 || keys[p] === undefined) return;
      parentKeys[i] = keys[p];
      keys[i] = pathKey([keys[p]!, x.name]);
      progress = true;
    });
  }
  const out: CostCentre[] = [];
  read.forEach((x, i) => {
    const key = keys[i];
    if (key === undefined) {
      const named = byName.get(x.parent!) ?? [];
      const example = named.map((j) => keys[j]).find((k) => k !== undefined);
      rows.fieldError(
        x.row,
        "parent",
        named.length > 1
          ? `"${x.parent}" finns flera gånger i ansvarsstrukturen: ange överordnad med hela vägen${example ? `, t.ex. "${example}"` : ""}.`
          : named.length === 1
            ? `Ansvarsstrukturen har en cirkel genom "${x.name}". Ändra Överordnad så att inget ansvar ligger under sig självt.`
            : `överordnad "${x.parent}" finns inte på bladet: förväntade en benämning som står i kolumnen Benämning.`,
      );
      return;
    }
    if (
      !firstTime(rows, x.row, "name", seen, key, `Enheten "${key}"`, "En enhet ska stå en gång under sin överordnade.")
    )
      return;
    out.push({ key, name: x.name, ...(parentKeys[i] !== undefined ? { parentKey: parentKeys[i] } : {}) });
  });
  return out;
}

/**
 * The key of a data row's unit, as the one resolver finds it (keys.ts): a code, a path, a unique name; with a
 * Verksamhet column the path (Verksamhet, Enhet) first. Without a resolver, the text as written.
 */
function unitKey(rows: SheetRows, r: number, keys: KeyResolver | undefined): string | undefined | null {
  const unit = rows.costCentre(r);
  if (!unit || !keys) return unit;
  return keys.resolve(rows, r, unit, "costCentre", rows.has("area") ? rows.text(r, "area") : undefined);
}

function readHierarchy(
  rows: SheetRows,
  counts: RowCounts,
  seen: Map<string, CellRef>,
  parentCells: Map<string, CellRef>,
): CostCentre[] {
  if (rows.has("area")) return readAreaHierarchy(rows, counts, seen);
  if (!rows.has("costCentre")) return readNamedHierarchy(rows, counts, seen);
  const out: CostCentre[] = [];
  const parents: { row: number; parent: string }[] = [];
  rows.eachRow(counts, ["costCentre", "name"], undefined, (r) => {
    const code = rows.costCentre(r);
    if (code === undefined) rows.missing(r, "costCentre", "en ansvarskod");
    if (!code) return false;
    if (
      !firstTime(
        rows,
        r,
        "costCentre",
        seen,
        code,
        `Ansvar "${code}"`,
        "Ett ansvar ska stå en gång i ansvarsstrukturen.",
      )
    )
      return false;
    const parent = rows.costCentre(r, "parent") ?? undefined;
    if (parent) {
      parents.push({ row: r, parent });
      parentCells.set(code, rows.ref(r, "parent"));
    }
    if (rows.has("name") && rows.text(r, "name") === undefined)
      rows.warn(r, rows.column("name")!, `ansvar ${code} saknar benämning: det visas med sin kod i rapporten.`);
    out.push({ key: code, code, name: rows.text(r, "name") ?? code, parentKey: parent ?? undefined });
    return true;
  });
  for (const p of parents) {
    if (!seen.has(p.parent))
      rows.fieldError(
        p.row,
        "parent",
        `överordnat ansvar "${p.parent}" finns inte på bladet: förväntade ett ansvar som står i kolumnen Ansvar.`,
      );
  }
  return out;
}

function readVersions(rows: SheetRows, counts: RowCounts): BudgetVersion[] {
  const out: BudgetVersion[] = [];
  const seen = new Map<string, CellRef>();
  rows.eachRow(counts, ["version"], undefined, (r) => {
    const id = rows.text(r, "version");
    if (id === undefined) {
      rows.missing(r, "version", "ett versionsnamn");
      return false;
    }
    const cell = rows.ref(r, "version");
    if (seen.has(id)) {
      rows.fieldError(
        r,
        "version",
        duplicateMessage(`Versionen "${id}"`, seen.get(id)!, cell, "Ge varje budgetversion ett eget namn."),
      );
      return false;
    }
    seen.set(id, cell);
    const typeText = rows.text(r, "type");
    const kind = typeText === undefined ? undefined : versionKind(typeText);
    if (!kind) {
      rows.fieldError(
        r,
        "type",
        `${typeText === undefined ? "typ saknas" : `"${typeText}" är ingen versionstyp`}: förväntade Original, Ombudgetering eller Tilläggsbudget.`,
      );
      return false;
    }
    const dateCol = rows.column("date");
    const rawDate = dateCol === undefined ? undefined : rows.data.values[r]?.[dateCol];
    const date =
      typeof rawDate === "number" ? excelSerialToDate(Math.round(rawDate)).toISOString().slice(0, 10) : textOf(rawDate);
    out.push({ id, kind, date, decision: rows.text(r, "decision") });
    return true;
  });
  return out;
}

function versionKind(text: string): BudgetVersionKind | undefined {
  const key = normaliseHeader(text).key;
  if (/^(original|ursprung|budget$|grundbudget)/.test(key)) return "original";
  if (/^(ombudget|omfordelning|revidera)/.test(key)) return "ombudgetering";
  if (/^(tillagg|extra)/.test(key)) return "tillaggsbudget";
  return undefined;
}

/**
 * A budget in long layout: one row per ansvar (and version) and month. The months become `monthly`, the annual
 * budget their sum; a month not given is 0 (said once). The same month twice is an error naming both cells.
 */
function readLongBudget(
  rows: SheetRows,
  settings: ReadSettings,
  counts: RowCounts,
  seen: Map<string, CellRef>,
  keys: KeyResolver | undefined,
): BudgetLine[] {
  const unit = rows.unit("budget", settings.amountUnit);
  const byKey = new Map<string, { code: string; version?: string; monthly: number[] }>();
  rows.eachRow(counts, ["costCentre", "name"], { field: "budget", unit }, (r) => {
    const code = unitKey(rows, r, keys);
    if (code === undefined) rows.missing(r, "costCentre", "en ansvarskod");
    const period = rows.period(r, "period", settings.year);
    if (period === undefined) rows.missing(r, "period", "en period");
    const amount = rows.money(r, "budget", unit);
    if (amount === undefined) rows.missing(r, "budget", "en budget för månaden");
    if (period && periodYear(period) !== settings.year)
      rows.fieldError(
        r,
        "period",
        `perioden ${period} ligger utanför budgetåret: förväntade en månad i ${settings.year}.`,
      );
    if (!code || !period || typeof amount !== "number" || periodYear(period) !== settings.year) return false;
    const version = rows.text(r, "version");
    rememberVersionCell(rows, r, version, seen);
    const line = `${code}\u0001${version ?? ""}`;
    const key = `${line}\u0001${period}`;
    if (
      !firstTime(
        rows,
        r,
        "period",
        seen,
        key,
        `Ansvar "${code}" ${period}${version ? ` i version "${version}"` : ""}`,
        "Lämna en rad per ansvar och månad.",
      )
    )
      return false;
    seen.set(line, seen.get(line) ?? rows.ref(r, "costCentre"));
    const entry = byKey.get(line) ?? { code, version, monthly: new Array<number>(12).fill(0) };
    entry.monthly[periodMonth(period) - 1]! += toInternal(amount, settings.signConvention);
    keys?.carry(rows.data.sheet, code, toInternal(amount, settings.signConvention));
    byKey.set(line, entry);
    rows.count("budget", amount);
    return true;
  });
  return [...byKey.values()].map((e) => ({
    costCentre: e.code,
    annual: e.monthly.reduce((a, b) => a + b, 0),
    monthly: e.monthly,
    ...(e.version !== undefined ? { version: e.version } : {}),
  }));
}

/**
 * Whether a Budget sheet (one row per ansvar) has no amount at all: a sheet not filled in yet, such as the one
 * `budgetkoll ny` writes with every ansvar and an empty Budget helår. Its rows are no errors one by one: the run
 * says once how much utfall has no budget (`coverageWarnings`); a sheet partly filled names each empty cell.
 */
export function budgetUnfilled(rows: SheetRows): boolean {
  // A header with some months but not all is an error of its own (readBudget), filled in or not.
  if (rows.has("period") || (rows.header.months.size > 0 && rows.header.months.size < 12)) return false;
  const columns = [rows.column("budget"), ...[...rows.header.months.values()].map((m) => m.index)].filter(
    (c): c is number => c !== undefined,
  );
  let lines = 0;
  for (let r = rows.first; r < rows.end; r++) {
    if (!rows.isBlank(r)) lines++;
    for (const c of columns) {
      const v = rows.data.values[r]?.[c];
      if (v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "")) return false;
    }
  }
  // A header with no line under it is said so by the reader, as for every sheet.
  return lines > 0;
}

function readBudget(
  rows: SheetRows,
  settings: ReadSettings,
  counts: RowCounts,
  seen: Map<string, CellRef>,
  keys?: KeyResolver,
): BudgetLine[] {
  if (rows.has("period")) return readLongBudget(rows, settings, counts, seen, keys);
  if (budgetUnfilled(rows)) {
    for (let r = rows.first; r < rows.end; r++) {
      if (rows.isBlank(r)) continue;
      counts.read++;
      counts.rejected++;
    }
    return [];
  }
  const lines: BudgetLine[] = [];
  const unit = rows.unit("budget", settings.amountUnit);
  const months = rows.header.months;
  if (months.size > 0 && months.size < 12) {
    const missing = MONTH_NAMES_SV.filter((_, i) => !months.has(i + 1)).join(", ");
    rows.error(
      rows.header.headerIndex,
      Math.min(...[...months.values()].map((m) => m.index)),
      `budgeten har kolumner för ${months.size} av 12 månader (saknas: ${missing}): förväntade en kolumn för varje månad, eller bara Budget helår.`,
    );
  }
  for (const [m, { index, year }] of months) {
    if (year !== undefined && year !== settings.year) {
      rows.error(
        rows.header.headerIndex,
        index,
        `månadskolumnen gäller ${MONTH_NAMES_SV[m - 1]} ${year}: förväntade månader i uppföljningsåret ${settings.year}.`,
      );
    }
  }
  const wide = months.size === 12;
  let emptyMonths = 0;
  let firstEmpty: string | undefined;
  rows.eachRow(counts, ["costCentre", "name"], rows.has("budget") ? { field: "budget", unit } : undefined, (r) => {
    const code = unitKey(rows, r, keys);
    if (code === undefined) rows.missing(r, "costCentre", "en ansvarskod");
    const annual = rows.money(r, "budget", unit);
    let monthly: number[] | undefined;
    let monthError = false;
    if (wide) {
      const values: (number | undefined | null)[] = [];
      for (let m = 1; m <= 12; m++) values.push(rows.moneyAt(r, months.get(m)!.index, unit));
      monthError = values.includes(null);
      if (!monthError && values.some((v) => v !== undefined)) {
        monthly = values.map((v, i) => {
          if (v === undefined) {
            emptyMonths++;
            firstEmpty ??= rows.address(r, months.get(i + 1)!.index);
          }
          return v ?? 0;
        });
      }
    }
    if (annual === undefined && monthly === undefined && !monthError) {
      if (rows.has("budget")) rows.missing(r, "budget", "en budget för helåret");
      // At the first month column there is (a sheet may have some months only, named by its own error above).
      else
        rows.error(
          r,
          Math.min(...[...months.values()].map((m) => m.index)),
          "budget saknas för alla månader: förväntade ett belopp per månad.",
        );
      return false;
    }
    if (!code || annual === null || monthError) return false;
    const version = rows.text(r, "version");
    rememberVersionCell(rows, r, version, seen);
    const key = `${code}\u0001${version ?? ""}`;
    if (
      !firstTime(
        rows,
        r,
        "costCentre",
        seen,
        key,
        `Ansvar "${code}"${version ? ` i version "${version}"` : ""}`,
        "Ta bort den ena raden, eller ange olika Version.",
      )
    )
      return false;
    const monthSum = monthly?.reduce((a, b) => a + b, 0);
    // A printed annual figure may differ from its printed months by rounding: less than one unit of the sheet.
    if (annual !== undefined && monthSum !== undefined && Math.abs(annual - monthSum) >= convertMoney(1, unit, "kr")) {
      rows.fieldError(
        r,
        "budget",
        `budget helår ${formatNumber(convertMoney(annual, "kr", unit))} ${UNIT_LABEL[unit]} stämmer inte med summan av månaderna, ${formatNumber(convertMoney(monthSum, "kr", unit))} ${UNIT_LABEL[unit]}: förväntade att månaderna summerar till helåret.`,
      );
      return false;
    }
    rows.count("budget", annual ?? monthSum!);
    const conv = settings.signConvention;
    keys?.carry(rows.data.sheet, code, toInternal(annual ?? monthSum!, conv));
    lines.push({
      costCentre: code,
      annual: toInternal(annual ?? monthSum!, conv),
      ...(monthly ? { monthly: monthly.map((v) => toInternal(v, conv)) } : {}),
      ...(version !== undefined ? { version } : {}),
    });
    return true;
  });
  if (emptyMonths > 0)
    rows.warn(undefined, undefined, `${emptyMonths} tomma månadsceller räknas som 0 (första: ${firstEmpty}).`);
  return lines;
}

/** Rows of a period outside the year (or after the month) are kept and named in one warning per sheet. */
interface Aside {
  count: number;
  amount: number;
  first?: string;
  /** The first row's index: the warning points at its cell. */
  row?: number;
}

/** An amount in whole kronor, as the warnings name it: "1 234 kr". */
export const kr = (x: number): string => `${formatNumber(x)} kr`;

function readActuals(
  rows: SheetRows,
  settings: ReadSettings,
  counts: RowCounts,
  expectedYear: number,
  lastYear: boolean,
  keys?: KeyResolver,
): ActualRow[] {
  const out: ActualRow[] = [];
  const unit = rows.unit("amount", settings.ledgerUnit);
  const aside: Aside = { count: 0, amount: 0 };
  const later: Aside = { count: 0, amount: 0 };
  const yearColumn = rows.column("year");
  const sameRows = new Map<string, number>();
  const twice: Aside & { row?: number } = { count: 0, amount: 0 };
  rows.eachRow(counts, ["costCentre", "account"], { field: "amount", unit }, (r) => {
    const code = unitKey(rows, r, keys);
    if (code === undefined) rows.missing(r, "costCentre", "en ansvarskod");
    let year = expectedYear;
    if (yearColumn !== undefined) {
      const text = rows.text(r, "year");
      const y = Number(text);
      if (text === undefined) rows.missing(r, "year", "ett år");
      else if (Number.isInteger(y) && y >= 1900 && y <= 2999) year = y;
      else rows.error(r, yearColumn, `"${text}" är inget år: förväntade ett årtal, t.ex. ${expectedYear}.`);
    }
    const period = rows.period(r, "period", year);
    if (period === undefined) rows.missing(r, "period", "en period");
    const amount = rows.money(r, "amount", unit);
    if (amount === undefined) rows.missing(r, "amount", "ett belopp");
    if (!code || !period || amount === undefined || amount === null) return false;
    const internal = toInternal(amount, settings.signConvention);
    rows.count("amount", amount);
    keys?.carry(rows.data.sheet, code, internal);
    // A row exactly like one above (a booking pasted twice) counts twice: one warning naming the first pair.
    const same = `${code}\u0001${rows.text(r, "account") ?? ""}\u0001${period}\u0001${amount}`;
    const earlier = sameRows.get(same);
    if (earlier === undefined) sameRows.set(same, r);
    else {
      twice.count++;
      twice.amount += internal;
      twice.first ??= `${rows.address(earlier, rows.column("costCentre")!)} och ${rows.address(r, rows.column("costCentre")!)}`;
      twice.row ??= r;
    }
    const account = rows.text(r, "account");
    out.push(
      account === undefined
        ? { costCentre: code, period, amount: internal }
        : { costCentre: code, period, amount: internal, account },
    );
    const bucket =
      periodYear(period) !== expectedYear
        ? aside
        : !lastYear && periodMonth(period) > settings.month
          ? later
          : undefined;
    if (bucket) {
      bucket.count++;
      bucket.amount += internal;
      bucket.first ??= `${rows.address(r, rows.column("period")!)} (${period})`;
      bucket.row ??= r;
    }
    return true;
  });
  if (twice.count > 0) {
    const n = twice.count === 1 ? "1 rad är likadan" : `${twice.count} rader är likadana`;
    rows.warnings.push({
      ...rows.ref(twice.row!, "costCentre"),
      message: `${n} som en rad ovanför (ansvar, konto, period och belopp; första: cellerna ${twice.first}), sammanlagt ${kr(twice.amount)}: de räknas alla. Ta bort dubbletterna om raderna är inklistrade två gånger.`,
      amount: Math.abs(twice.amount),
    });
  }
  if (aside.count > 0) {
    rows.warn(
      aside.row,
      rows.column("period"),
      `${aside.count} rader har en period utanför ${lastYear ? "föregående år" : "uppföljningsåret"} ${expectedYear} (första: cell ${aside.first}), sammanlagt ${kr(aside.amount)}: de räknas inte i utfallet men redovisas i avstämningen.`,
    );
  }
  if (later.count > 0) {
    rows.warn(
      later.row,
      rows.column("period"),
      `${later.count} rader har en period efter uppföljningsmånaden ${MONTH_NAMES_SV[settings.month - 1]} (första: cell ${later.first}), sammanlagt ${kr(later.amount)}: de räknas inte i utfallet men redovisas i avstämningen.`,
    );
  }
  return out;
}

/**
 * Forecasts per ansvar. An empty forecast is no forecast (a method proposes one), never 0. A forecast column of
 * variances (Gnesta) becomes an outcome with the ansvar's budget: from the budget sheets, else this sheet's own.
 */
export function readForecasts(
  rows: SheetRows,
  settings: ReadSettings,
  counts: RowCounts,
  budgets: ReadonlyMap<string, number>,
  seen: Map<string, CellRef>,
  previous = false,
  keys?: KeyResolver,
): ForecastEntry[] {
  const out: ForecastEntry[] = [];
  const unit = rows.unit("forecast", settings.amountUnit);
  rows.eachRow(counts, ["costCentre", "name"], { field: "forecast", unit }, (r) => {
    const code = unitKey(rows, r, keys);
    if (code === undefined) rows.missing(r, "costCentre", "en ansvarskod");
    const value = rows.money(r, "forecast", unit);
    if (!code || value === null) return false;
    const cell = rows.ref(r, "costCentre");
    if (seen.has(code)) {
      rows.fieldError(
        r,
        "costCentre",
        duplicateMessage(`Ansvar "${code}"`, seen.get(code)!, cell, "Lämna en prognos per ansvar."),
      );
      return false;
    }
    seen.set(code, cell);
    if (value === undefined) {
      rows.warn(
        r,
        rows.column("forecast")!,
        previous
          ? `ansvar ${code} har ingen tidigare prognos: ändringen mot förra prognosen visas inte.`
          : `ansvar ${code} har ingen prognos ifylld: en prognos föreslås med vald metod.`,
      );
      return false;
    }
    rows.count("forecast", value);
    let forecast: number;
    if (settings.forecastColumnKind === "variance") {
      const own = rows.money(r, "budget", rows.unit("budget", settings.amountUnit));
      const budget =
        budgets.get(code) ?? (typeof own === "number" ? toInternal(own, settings.signConvention) : undefined);
      if (budget === undefined) {
        rows.fieldError(
          r,
          "forecast",
          `ansvar ${code} har ingen budget, så prognosen (en avvikelse) kan inte räknas om till ett utfall: förväntade en budget för ansvaret på bladet Budget.`,
        );
        return false;
      }
      forecast = forecastOutcome(value, "variance", budget, settings.signConvention);
    } else forecast = forecastOutcome(value, "outcome", 0, settings.signConvention);
    keys?.carry(rows.data.sheet, code, forecast);
    const comment = rows.text(r, "comment");
    out.push(comment === undefined ? { costCentre: code, forecast } : { costCentre: code, forecast, comment });
    return true;
  });
  return out;
}

/** The annual budget per ansvar, internal kronor, all versions added (later versions are changes). */
export function budgetByCostCentre(lines: readonly BudgetLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.costCentre, (out.get(l.costCentre) ?? 0) + l.annual);
  return out;
}

const PROGNOSIS_KINDS: readonly SheetKind[] = ["hierarchy", "budget", "versions", "actuals", "forecast"];

/**
 * A budget or forecast on an ansvar with children in the hierarchy that equals the sum of theirs is a subtotal
 * row pasted in with the data (seed 004 prints 40-46 as the sums of 400-467): counted, it would count twice.
 * It is skipped with a warning naming its cell; a parent's own figure that differs from that sum is kept.
 */
function dropSubtotals<T extends { costCentre: string }>(
  items: readonly T[],
  parts: { amount: (t: T) => number; group: (t: T) => string; cell: (t: T) => CellRef | undefined; what: string },
  centres: readonly CostCentre[],
  unit: MoneyUnit,
  counts: RowCounts,
  warnings: InputError[],
): T[] {
  if (centres.length === 0) return [...items];
  const children = new Map<string, string[]>();
  for (const c of centres) if (c.parentKey) children.set(c.parentKey, [...(children.get(c.parentKey) ?? []), c.key]);
  const own = new Map<string, number>();
  for (const t of items) own.set(`${t.costCentre}\u0001${parts.group(t)}`, parts.amount(t));
  const below = (key: string, group: string, depth: number): number | undefined => {
    if (depth > centres.length) return undefined; // a cycle, reported with the hierarchy
    let total: number | undefined;
    for (const c of children.get(key) ?? []) {
      const v = own.get(`${c}\u0001${group}`) ?? below(c, group, depth + 1);
      if (v !== undefined) total = (total ?? 0) + v;
    }
    return total;
  };
  return items.filter((t) => {
    if (!children.has(t.costCentre)) return true;
    const sum = below(t.costCentre, parts.group(t), 0);
    if (sum === undefined || Math.abs(parts.amount(t) - sum) >= convertMoney(1, unit, "kr")) return true;
    const ref = parts.cell(t);
    const shown = `${formatNumber(convertMoney(parts.amount(t), "kr", unit))} ${UNIT_LABEL[unit]}`;
    warnings.push({
      sheet: ref?.sheet ?? "",
      cell: ref?.cell,
      message: `ansvar ${t.costCentre} är en delsumma: ${parts.what} ${shown} är summan av de underliggande ansvaren (${children.get(t.costCentre)!.join(", ")}) och räknas inte, annars räknas den två gånger.`,
    });
    counts.used--;
    counts.rejected++;
    return false;
  });
}

const krText = (x: number): string => `${formatNumber(x, 0)} kr`;

/**
 * What the sheets leave out of the hierarchy, each named where it can be fixed: a line of the Ansvar sheet that
 * no sheet names (a renamed or mistyped key elsewhere leaves it empty); a line with utfall but no Budget row (it
 * counts budget 0); a line with budget or utfall but no row on the Prognos sheet (a forecast is proposed for it);
 * a top line with nothing under it among top lines that have lines under them (a blank Överordnad).
 */
function coverageWarnings(
  centres: readonly CostCentre[],
  cells: ReadonlyMap<string, CellRef>,
  keys: KeyResolver,
  data: {
    budgets: readonly BudgetLine[];
    actuals: readonly ActualRow[];
    forecasts: readonly ForecastEntry[];
    forecastCells: ReadonlyMap<string, CellRef>;
    forecastSheet?: string;
    hasBudgetSheet: boolean;
    unfilledBudget?: string;
  },
): InputError[] {
  const out: InputError[] = [];
  const unbudgeted = { count: 0, amount: 0 };
  // A Prognos sheet with no row yet (a workbook just started): one line for all, not one per ansvar.
  const noForecasts = data.forecasts.length === 0 && data.forecastCells.size === 0;
  const unforecast = { count: 0, amount: 0 };
  const parents = new Set(centres.map((c) => c.parentKey).filter((k): k is string => k !== undefined));
  const budget = new Map<string, number>();
  for (const b of data.budgets) budget.set(b.costCentre, (budget.get(b.costCentre) ?? 0) + b.annual);
  const actual = new Map<string, number>();
  for (const a of data.actuals) actual.set(a.costCentre, (actual.get(a.costCentre) ?? 0) + a.amount);
  const forecast = new Set(data.forecasts.map((f) => f.costCentre));
  const at = (key: string): { sheet: string; cell?: string } => cells.get(key) ?? { sheet: "Ansvar" };
  const anyData = budget.size + actual.size + forecast.size > 0;
  const rootsWithChildren = centres.some((c) => c.parentKey === undefined && parents.has(c.key));
  for (const c of centres) {
    if (parents.has(c.key)) continue;
    const label = keys.label(c.key);
    const has = {
      budget: budget.has(c.key),
      actual: actual.has(c.key),
      forecast: forecast.has(c.key) || data.forecastCells.has(c.key),
    };
    if (anyData && !has.budget && !has.actual && !has.forecast) {
      out.push({
        ...at(c.key),
        message: `"${label}" står på bladet Ansvar men inget blad har budget, utfall eller prognos för det: kontrollera att de andra bladen skriver det som här (kod, namn eller hela vägen).`,
      });
    } else if (data.hasBudgetSheet && !has.budget && has.actual) {
      const first = keys.cellsOf(c.key)[0];
      out.push({
        sheet: first?.sheet ?? "Budget",
        cell: first?.cell,
        message: `"${label}" har utfall ${krText(actual.get(c.key)!)} men ingen rad på bladet Budget: dess budget räknas som 0.`,
        amount: Math.abs(actual.get(c.key)!),
      });
    } else if (data.unfilledBudget !== undefined && !data.hasBudgetSheet && !has.budget && has.actual) {
      unbudgeted.count++;
      unbudgeted.amount += Math.abs(actual.get(c.key)!);
    }
    if (data.forecastSheet !== undefined && !has.forecast && (has.budget || has.actual) && noForecasts) {
      unforecast.count++;
      unforecast.amount += Math.abs(budget.get(c.key) ?? actual.get(c.key) ?? 0);
    } else if (data.forecastSheet !== undefined && !has.forecast && (has.budget || has.actual)) {
      out.push({
        sheet: data.forecastSheet,
        message: `"${label}" har ingen rad på bladet ${data.forecastSheet}: en prognos föreslås för det med vald metod.`,
        amount: Math.abs(budget.get(c.key) ?? actual.get(c.key) ?? 0),
      });
    }
    if (c.parentKey === undefined && rootsWithChildren) {
      out.push({
        ...at(c.key),
        message: `"${label}" har ingen överordnad och inget under sig, till skillnad från de andra verksamheterna: det redovisas som en egen verksamhet. Fyll i Överordnad om det hör till en verksamhet.`,
      });
    }
  }
  // A Budget sheet not filled in yet: one line with the money, before the prognosis's flags row by row.
  if (unbudgeted.count > 0 && data.unfilledBudget !== undefined) {
    out.push({
      sheet: data.unfilledBudget,
      message: `budget saknas för ${unbudgeted.count} ansvar med ${formatNumber(unbudgeted.amount / 1e6, 1)} mnkr utfall (bladet ${data.unfilledBudget} är inte ifyllt): fyll i Budget helår för varje ansvar, annars räknas budgeten som 0.`,
      amount: unbudgeted.amount,
    });
  }
  if (unforecast.count > 0 && data.forecastSheet !== undefined) {
    out.push({
      sheet: data.forecastSheet,
      message: `bladet ${data.forecastSheet} har inga prognoser än: för ${unforecast.count} ansvar (${formatNumber(unforecast.amount / 1e6, 1)} mnkr budget eller utfall) föreslås en prognos med vald metod.`,
      amount: unforecast.amount,
    });
  }
  return out;
}

function ofKind(scan: Scan, kind: string, previous?: boolean): ScannedSheet[] {
  return scan.sheets.filter((s) => s.header.spec.kind === kind && (previous === undefined || s.previous === previous));
}

/** The Ansvar sheet's lines and where each stands (its key's cell), for the readers that name a line. */
export function hierarchyOf(scan: Scan): { centres: CostCentre[]; cells: Map<string, CellRef> } {
  const cells = new Map<string, CellRef>();
  const centres: CostCentre[] = [];
  for (const s of ofKind(scan, "hierarchy"))
    centres.push(
      ...readHierarchy(new SheetRows(s.data, s.header), { read: 0, used: 0, rejected: 0 }, cells, new Map()),
    );
  return { centres, cells };
}

/** Where each ansvar of the Ansvar sheet stands (its key's cell): what messages about a line point at. */
export function hierarchyCells(scan: Scan): Map<string, CellRef> {
  return hierarchyOf(scan).cells;
}

/** The prognosis input from a scanned workbook. */
export function prognosisFromScan(scan: Scan, settings: ReadSettings): ReadOutcome<PrognosisInput> {
  const errors: InputError[] = scanErrors(scan, PROGNOSIS_KINDS);
  const warnings: InputError[] = [...scan.warnings];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const recognised = scan.sheets.filter((s) => PROGNOSIS_KINDS.includes(s.header.spec.kind)).map(recognisedSheet);
  const collect = (rows: SheetRows): void => {
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  };

  const centreCells = new Map<string, CellRef>();
  const parentCells = new Map<string, CellRef>();
  const centres: CostCentre[] = [];
  for (const s of ofKind(scan, "hierarchy")) {
    const rows = new SheetRows(s.data, s.header);
    centres.push(...readHierarchy(rows, counts, centreCells, parentCells));
    collect(rows);
  }
  // One resolver for every sheet's Ansvar cells (keys.ts); none without an Ansvar sheet (keys as written).
  const keys = centres.length > 0 ? new KeyResolver(centres, centreCells) : undefined;
  const versions: BudgetVersion[] = [];
  for (const s of ofKind(scan, "versions")) {
    const rows = new SheetRows(s.data, s.header);
    versions.push(...readVersions(rows, counts));
    collect(rows);
  }
  const budgetCells = new Map<string, CellRef>();
  let budgets: BudgetLine[] = [];
  const budgetNames = new Map<string, string>();
  let unfilledBudget: string | undefined;
  for (const s of ofKind(scan, "budget")) {
    const rows = new SheetRows(s.data, s.header);
    if (budgetUnfilled(rows)) unfilledBudget ??= s.data.sheet;
    budgets.push(...readBudget(rows, settings, counts, budgetCells, keys));
    collectNames(rows, budgetNames);
    collect(rows);
  }
  const actuals: ActualRow[] = [];
  const lastYearActuals: ActualRow[] = [];
  for (const s of ofKind(scan, "actuals")) {
    const rows = new SheetRows(s.data, s.header);
    const target = s.previous ? lastYearActuals : actuals;
    for (const a of readActuals(
      rows,
      settings,
      counts,
      s.previous ? settings.year - 1 : settings.year,
      s.previous,
      keys,
    ))
      target.push(a);
    collect(rows);
    // A ledger of a header only (an export that came out empty) would give utfall 0 everywhere without a word.
    const body = s.data.values.slice(s.header.headerIndex + 1);
    if (body.every((row) => row.every((v) => v === null || v === ""))) {
      warnings.push(
        inputError(
          s.data.sheet,
          s.header.headerRow,
          s.data.origin.column,
          "bladet har en rubrikrad men inga rader med utfall: rapporten visar utfall 0. Kontrollera att utdraget ur ekonomisystemet kom med.",
        ),
      );
    }
  }
  const byCentre = budgetByCostCentre(budgets);
  let forecasts: ForecastEntry[] = [];
  let previousForecasts: ForecastEntry[] = [];
  const forecastCells = new Map<string, CellRef>();
  const previousCells = new Map<string, CellRef>();
  for (const s of ofKind(scan, "forecast")) {
    const rows = new SheetRows(s.data, s.header);
    (s.previous ? previousForecasts : forecasts).push(
      ...readForecasts(rows, settings, counts, byCentre, s.previous ? previousCells : forecastCells, s.previous, keys),
    );
    collectNames(rows, budgetNames);
    collect(rows);
  }

  if (
    ofKind(scan, "budget").length === 0 &&
    ofKind(scan, "actuals", false).length === 0 &&
    ofKind(scan, "forecast", false).length === 0
  ) {
    errors.push(
      inputError(
        "Budget",
        undefined,
        undefined,
        "arbetsboken har inget blad med budget, utfall eller prognos: förväntade bladen Budget (Ansvar | Budget helår) och Utfall (Ansvar | Konto | Period | Belopp).",
      ),
    );
  }

  const budgetParts = {
    amount: (b: BudgetLine) => b.annual,
    group: (b: BudgetLine) => b.version ?? "",
    cell: (b: BudgetLine) => budgetCells.get(`${b.costCentre}\u0001${b.version ?? ""}`),
    what: "dess budget",
  };
  const forecastParts = (cells: Map<string, CellRef>) => ({
    amount: (f: ForecastEntry) => f.forecast,
    group: () => "",
    cell: (f: ForecastEntry) => cells.get(f.costCentre),
    what: "dess prognos",
  });
  budgets = dropSubtotals(budgets, budgetParts, centres, settings.amountUnit, counts, warnings);
  forecasts = dropSubtotals(forecasts, forecastParts(forecastCells), centres, settings.amountUnit, counts, warnings);
  previousForecasts = dropSubtotals(
    previousForecasts,
    forecastParts(previousCells),
    centres,
    settings.amountUnit,
    counts,
    warnings,
  );

  let budgetVersions: BudgetVersion[] | undefined = versions.length > 0 ? versions : undefined;
  const used = [...new Set(budgets.map((b) => b.version).filter((v): v is string => v !== undefined))];
  if (budgetVersions) {
    const known = new Set(budgetVersions.map((v) => v.id));
    for (const v of used) {
      if (known.has(v)) continue;
      const at = budgetCells.get(versionCellKey(v));
      errors.push({
        sheet: at?.sheet ?? "Budget",
        cell: at?.cell,
        message: `versionen "${v}" finns inte på bladet Budgetversioner: förväntade en av ${[...known].join(", ")}.`,
      });
    }
  } else if (used.length > 0) {
    // No version sheet: the versions in the order met, the first the original budget, the others changes to it.
    budgetVersions = used.map((id, i) => ({ id, kind: i === 0 ? "original" : "ombudgetering" }));
    warnings.push(
      inputError(
        "Budget",
        undefined,
        undefined,
        `bladet Budgetversioner saknas: versionen "${used[0]}" räknas som originalbudget${
          used.length > 1
            ? ` och ${used
                .slice(1)
                .map((v) => `"${v}"`)
                .join(", ")} som ombudgetering`
            : ""
        }.`,
      ),
    );
  }

  if (settings.budgetVersion !== undefined) {
    const known = (budgetVersions ?? []).map((v) => v.id);
    if (!known.includes(settings.budgetVersion)) {
      errors.push(
        inputError(
          SETTINGS_SHEET,
          undefined,
          undefined,
          `Budgetversion "${settings.budgetVersion}" finns inte i budgeten: förväntade ${known.length > 0 ? `en av ${known.join(", ")}` : "en version som står i kolumnen Version på bladet Budget"}.`,
        ),
      );
    }
  }

  let costCentres = centres;
  if (centres.length === 0) {
    // No Ansvar sheet: a flat list of the ansvar met, named from the budget or forecast sheets.
    const keys = new Set([
      ...budgets.map((b) => b.costCentre),
      ...forecasts.map((f) => f.costCentre),
      ...actuals.map((a) => a.costCentre),
    ]);
    costCentres = [...keys].map((key) => ({ key, code: key, name: budgetNames.get(key) ?? key }));
  } else {
    try {
      buildHierarchy(centres);
    } catch (e) {
      if (!(e instanceof CoreError)) throw e;
      const sheet = ofKind(scan, "hierarchy")[0]!.data.sheet;
      for (const p of e.problems) {
        if (p.code === "unknownParent") continue;
        // A cycle is fixed in an Överordnad cell: name the first member's.
        const first = p.code === "hierarchyCycle" ? p.members[0] : undefined;
        const at = first === undefined ? undefined : parentCells.get(first);
        const text = coreProblemText(p);
        errors.push(
          at
            ? {
                sheet: at.sheet,
                cell: at.cell,
                message: `${text} Ändra Överordnad så att inget ansvar ligger under sig självt.`,
              }
            : inputError(sheet, undefined, undefined, text),
        );
      }
    }
  }

  const unmatched = keys?.unmatched() ?? [];
  if (keys) {
    warnings.push(...keys.warnings());
    const forecastSheet = ofKind(scan, "forecast", false)[0]?.data.sheet;
    const hasBudgetSheet = ofKind(scan, "budget").some((s) => !budgetUnfilled(new SheetRows(s.data, s.header)));
    warnings.push(
      ...coverageWarnings(centres, centreCells, keys, {
        budgets,
        actuals,
        forecasts,
        forecastCells,
        forecastSheet,
        hasBudgetSheet,
        unfilledBudget,
      }),
    );
  }

  const built: PrognosisInput | undefined =
    errors.length > 0
      ? undefined
      : {
          year: settings.year,
          month: settings.month,
          costCentres,
          budgets,
          ...(budgetVersions ? { budgetVersions } : {}),
          actuals,
          ...(ofKind(scan, "actuals", true).length > 0 ? { lastYearActuals } : {}),
          ...(ofKind(scan, "forecast", false).length > 0 ? { forecasts } : {}),
          ...(ofKind(scan, "forecast", true).length > 0 ? { previousForecasts } : {}),
          proposalMethod: settings.proposalMethod,
          ...(settings.reportKind ? { yearEnd: isYearEnd(settings.month, settings.reportKind) } : {}),
          ...(settings.budgetVersion !== undefined ? { budgetVersion: settings.budgetVersion } : {}),
          ...(unmatched.length > 0 ? { unmatched } : {}),
        };
  if (built) errors.push(...schemaErrors(prognosisInputSchema, built, "Budget"));
  return { value: errors.length > 0 ? undefined : built, errors, warnings, recognised, rows: counts };
}

function collectNames(rows: SheetRows, names: Map<string, string>): void {
  if (!rows.has("name")) return;
  for (let r = rows.first; r < rows.end; r++) {
    const code = costCentreKey(rows.text(r, "costCentre"));
    const name = rows.text(r, "name");
    if (code && name && !names.has(code)) names.set(code, name);
  }
}

export async function readPrognosisInput(
  reader: WorkbookReader,
  settings: ReadSettings,
): Promise<ReadOutcome<PrognosisInput>> {
  return prognosisFromScan(await scanWorkbook(reader, settings.columnMapping), settings);
}
