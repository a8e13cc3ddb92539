/**
 * The budgetberedning's input workbook: sheets found by name, their header row by its headers (it may sit under
 * a title), one column per year where the figures are per year ("Budget 2023", "Volym 2024", "2025"). Amounts are
 * tkr unless a header says "(kr)"; percentages in percent points (3,5 or "3,5 %" is 3,5 %). Every error names its
 * sheet and cell, in Swedish.
 *
 * - Uppräkning: År | Löneökning | Prisindex | Intäkter | PO före | PO efter (the years of the plan, in order)
 * - Budgetunderlag: Verksamhet | Kostnadsslag | Kategori (personal, övrigt, intäkt, netto, reserv) | Bokslut | Budget
 * - Ramar: Rad | Typ (KF-ram, Justering) | one column per year; a Summa row is checked, not read
 * - Volymplan: Verksamhet | Kostnadsslag | Volymmått | Enhet | Mätbas | Omräkning | Antagande | Volym <år> ... | Á-pris <år> ...
 * - Demografi: Verksamhet | Kostnadsslag | Åldersgrupp | Behovstal | Invånare <år> ... | Kostnad per invånare <år> ...
 * - Prioriteringar: Typ (tillskott, besparing, effektivisering, omfördelning, reserv) | Benämning | Verksamhet |
 *   Kostnadsslag | Till verksamhet | Enhet (tkr or %) | Villkorad | one column per plan year (the change that year)
 * - Beslutad budget: Verksamhet | Kostnadsslag (optional) | one column per plan year (the figure to reach)
 * - Resultatbudget: Kostnadsslag | Typ (intäkt, kostnad) | Bokslut | Budget <basår> | one column per plan year
 * - Scenarier: Scenario | Avser (Löneökning, Prisindex, Intäkter, or a Volymplan row "Verksamhet / Volymmått") | years
 * - Periodisering: Verksamhet or Kostnadsslag | Jan ... Dec (the profile the year's budget is phased by)
 * - Inställningar: Nämnd, Beslut (the decision, for Budgetversioner)
 */
import { parseAmount, PERCENT, type MoneyUnit } from "../core/amounts";
import type {
  BudgetBaseLine,
  BudgetBuildingInput,
  BudgetFinding,
  BudgetScenario,
  CostCategory,
  DemographyDriver,
  EfficiencyRequirement,
  Indexation,
  MeasurementBasis,
  Priority,
  RamYear,
  StatementLine,
  Transfer,
  VolumeDriver,
  BudgetTarget,
} from "../core/budgetBuilding";
import { formatTkr } from "../core/amounts";
import { monthFromName } from "../core/periods";
import type { CellValue } from "../cells";
import type { SheetData, WorkbookReader } from "../workbook/types";
import { inputError, type InputError } from "./errors";
import { normaliseHeader } from "./headers";
import { ownSheets } from "./scan";
import { SheetRows, textOf, type CellRef, type RowCounts } from "./sheetRows";

export const BUDGET_SHEETS = {
  indexation: "Uppräkning",
  base: "Budgetunderlag",
  ram: "Ramar",
  drivers: "Volymplan",
  demography: "Demografi",
  priorities: "Prioriteringar",
  targets: "Beslutad budget",
  statement: "Resultatbudget",
  scenarios: "Scenarier",
  profile: "Periodisering",
  settings: "Inställningar",
} as const;

type SheetId = keyof typeof BUDGET_SHEETS;

/** Other names a sheet may have (normalised). */
const SHEET_NAMES: Record<SheetId, readonly string[]> = {
  indexation: ["upprakning", "indexering"],
  base: ["budgetunderlag", "underlag", "budgetfgar", "fjoratsbudget"],
  ram: ["ramar", "ram", "ramtabell"],
  drivers: ["volymplan", "volymer", "volymdrivare"],
  demography: ["demografi", "befolkning", "befolkningsprognos"],
  priorities: ["prioriteringar", "forandringar", "politiskaprioriteringar"],
  targets: ["beslutadbudget", "faststalldbudget"],
  statement: ["resultatbudget"],
  scenarios: ["scenarier", "scenario"],
  profile: ["periodisering", "manadsprofil"],
  settings: ["installningar"],
};

interface Field {
  readonly id: string;
  readonly names: readonly string[];
}
const fd = (id: string, ...names: string[]): Field => ({ id, names });

const AREA = fd("area", "verksamhet", "verksamhetsomrade", "omrade");
const COST_TYPE = fd("costType", "kostnadsslag", "slag", "rad");

interface Spec {
  readonly fields: readonly Field[];
  readonly required: readonly string[];
  /** Year column prefixes (normalised), e.g. "volym"; "" for a bare year. */
  readonly yearColumns?: readonly string[];
  readonly months?: boolean;
}

const SPECS: Record<Exclude<SheetId, "settings">, Spec> = {
  indexation: {
    fields: [
      fd("year", "ar", "budgetar", "year"),
      fd("wage", "loneokning", "lonerevision", "loneuppräkning", "loneupprakning"),
      fd("price", "prisindex", "prisupprakning", "pris"),
      fd("revenue", "intakter", "intaktsupprakning", "avgifter"),
      fd("poFrom", "pofore", "pofran", "popaslagfore", "popalaggfore"),
      fd("poTo", "poefter", "potill", "popaslagefter", "popalaggefter"),
    ],
    required: ["year", "wage", "price"],
  },
  base: {
    fields: [
      AREA,
      COST_TYPE,
      fd("category", "kategori", "typ", "upprakning"),
      fd("outturn", "bokslut", "utfall"),
      fd("budget", "budget", "budgetfgar"),
    ],
    required: ["area", "costType", "category", "budget"],
  },
  ram: {
    fields: [fd("label", "rad", "benamning", "beloppitkr", "belopp"), fd("kind", "typ")],
    required: ["label", "kind"],
    yearColumns: ["", "budget", "plan", "ram"],
  },
  drivers: {
    fields: [
      AREA,
      COST_TYPE,
      fd("name", "volymmatt", "matt", "drivare"),
      fd("unit", "enhet"),
      fd("basis", "matbas", "bas"),
      fd("factor", "omrakning", "omrakningsfaktor", "faktor"),
      fd("pricedUnit", "pris per", "prissattenhet", "omraknadenhet"),
      fd("assumption", "antagande"),
    ],
    required: ["area", "costType", "name", "unit", "basis"],
    yearColumns: ["volym", "apris"],
  },
  demography: {
    fields: [AREA, COST_TYPE, fd("ageGroup", "aldersgrupp", "alder"), fd("needRate", "behovstal")],
    required: ["area", "costType", "ageGroup"],
    yearColumns: ["invanare", "befolkning", "kostnadperinvanare", "kostnadperperson"],
  },
  priorities: {
    fields: [
      fd("kind", "typ"),
      fd("name", "benamning", "namn", "atgard"),
      AREA,
      COST_TYPE,
      fd("toArea", "tillverksamhet", "till"),
      fd("unit", "enhet"),
      fd("condition", "villkorad", "villkoradmedel", "villkor"),
    ],
    required: ["kind", "name", "area"],
    yearColumns: ["", "budget", "plan", "forandring"],
  },
  targets: { fields: [AREA, COST_TYPE], required: ["area"], yearColumns: ["", "budget", "plan"] },
  statement: {
    fields: [COST_TYPE, fd("kind", "typ"), fd("outturn", "bokslut", "utfall")],
    required: ["costType", "kind"],
    yearColumns: ["", "budget", "plan"],
  },
  scenarios: {
    fields: [fd("scenario", "scenario", "alternativ"), fd("target", "avser", "parameter", "drivare")],
    required: ["scenario", "target"],
    yearColumns: ["", "budget", "plan", "volym", "varde"],
  },
  profile: { fields: [AREA, COST_TYPE], required: [], months: true },
};

interface Header {
  readonly headerIndex: number;
  readonly columns: Map<string, number>;
  readonly units: Map<string, MoneyUnit>;
  readonly months: Map<number, { index: number }>;
  /** Prefix -> year -> column index. */
  readonly years: Map<string, Map<number, number>>;
}

/** The header row of a sheet: the first of its first 20 rows that has every required field. */
function findHeader(data: SheetData, spec: Spec): Header | undefined {
  for (let i = 0; i < Math.min(20, data.values.length); i++) {
    const row = data.values[i] ?? [];
    const columns = new Map<string, number>();
    const units = new Map<string, MoneyUnit>();
    const months = new Map<number, { index: number }>();
    const years = new Map<string, Map<number, number>>();
    row.forEach((cell, c) => {
      const text = textOf(cell);
      if (text === undefined) return;
      const { key, unit } = normaliseHeader(text);
      const year = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(text);
      const prefix = year ? key.replace(/^\d{4}$/, "") : undefined;
      if (year && prefix !== undefined && spec.yearColumns?.includes(prefix)) {
        const m = years.get(prefix) ?? new Map<number, number>();
        m.set(Number(year[1]), c);
        years.set(prefix, m);
        if (unit) units.set(`${prefix}:${year[1]}`, unit);
        return;
      }
      if (spec.months) {
        const month = monthFromName(text.trim());
        if (month !== undefined) {
          months.set(month, { index: c });
          return;
        }
      }
      const field = spec.fields.find((f) => f.names.includes(key) || f.names.includes(text.toLowerCase()));
      if (field && !columns.has(field.id)) {
        columns.set(field.id, c);
        if (unit) units.set(field.id, unit);
      }
    });
    const complete =
      spec.required.every((r) => columns.has(r)) && (!spec.months || months.size === 12 || columns.size > 0);
    if (complete && (spec.required.length > 0 || months.size === 12))
      return { headerIndex: i, columns, units, months, years };
  }
  return undefined;
}

export interface BudgetBuildingRead {
  readonly input: BudgetBuildingInput;
  readonly scenarios: readonly BudgetScenario[];
  /** Month profiles (12 shares summing to 1) by verksamhet or kostnadsslag name. */
  readonly profiles: ReadonlyMap<string, readonly number[]>;
  readonly settings: { readonly board?: string; readonly decision?: string };
  /** Where each input item was read (its id is its sheet and row): to name the cell in a finding. */
  readonly cells: ReadonlyMap<string, CellRef>;
  /** Given figures the built budget is checked against: the ram table's printed Summa rows. */
  readonly errors: readonly InputError[];
  readonly warnings: readonly InputError[];
  readonly counts: RowCounts;
}

const CATEGORIES: ReadonlyMap<string, CostCategory | "reserve"> = new Map([
  ["personal", "personnel"],
  ["personalkostnader", "personnel"],
  ["lon", "personnel"],
  ["lonekostnader", "personnel"],
  ["ovrigt", "other"],
  ["ovrigakostnader", "other"],
  ["kostnad", "other"],
  ["intakt", "revenue"],
  ["intakter", "revenue"],
  ["netto", "net"],
  ["reserv", "reserve"],
]);

const BASES: ReadonlyMap<string, MeasurementBasis> = new Map([
  ["bestand3112", "stockYearEnd"],
  ["bestand", "stockYearEnd"],
  ["flodehelar", "annualFlow"],
  ["flode", "annualFlow"],
  ["matmanad", "snapshotMonth"],
  ["matmanadoktober", "snapshotMonth"],
  ["genomsnittar", "annualAverage"],
  ["genomsnitt", "annualAverage"],
  ["unikaunderaret", "uniqueInYear"],
  ["unika", "uniqueInYear"],
  ["ejangiven", "unspecified"],
]);

export const BASIS_LABEL: Record<MeasurementBasis, string> = {
  stockYearEnd: "bestånd 31/12",
  annualFlow: "flöde helår",
  snapshotMonth: "mätmånad",
  annualAverage: "genomsnitt år",
  uniqueInYear: "unika under året",
  unspecified: "ej angiven",
};

type PriorityKind = "tillskott" | "besparing" | "effektivisering" | "omfordelning" | "reserv";
const PRIORITY_KINDS: readonly PriorityKind[] = ["tillskott", "besparing", "effektivisering", "omfordelning", "reserv"];

/**
 * Every sheet of the workbook but the add-in's own (a report written into the same workbook is no input): what
 * `budgetFromSheets` reads, on the command line and in the task pane.
 */
export async function budgetSheets(reader: WorkbookReader): Promise<SheetData[]> {
  const names = await reader.sheetNames();
  const own = await ownSheets(reader, names);
  const sheets: SheetData[] = [];
  for (const n of names) if (!own.has(n.toLowerCase())) sheets.push(await reader.readSheet(n));
  return sheets;
}

const key = (text: string): string => normaliseHeader(text).key;

/** The budget input from the sheets' values. Pure. */
export function budgetFromSheets(sheets: readonly SheetData[]): BudgetBuildingRead {
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const cells = new Map<string, CellRef>();
  const sheetOf = (id: SheetId): SheetData | undefined => sheets.find((s) => SHEET_NAMES[id].includes(key(s.sheet)));
  const open = (id: Exclude<SheetId, "settings">, required: boolean): SheetRows | undefined => {
    const data = sheetOf(id);
    if (!data) {
      if (required)
        errors.push(
          inputError(
            BUDGET_SHEETS[id],
            undefined,
            undefined,
            `bladet ${BUDGET_SHEETS[id]} saknas: se README, avsnittet Budgetberedning.`,
          ),
        );
      return undefined;
    }
    const header = findHeader(data, SPECS[id]);
    if (!header) {
      errors.push(
        inputError(
          data.sheet,
          undefined,
          undefined,
          `hittade ingen rubrikrad bland de 20 första raderna: förväntade kolumnerna ${SPECS[id].required.join(", ")}.`,
        ),
      );
      return undefined;
    }
    return new SheetRows(data, header);
  };
  const yearCols = (rows: SheetRows, prefixes: readonly string[]): Map<number, number> => {
    const h = rows.header as Header;
    const out = new Map<number, number>();
    for (const p of prefixes) for (const [y, c] of h.years.get(p) ?? []) if (!out.has(y)) out.set(y, c);
    return out;
  };
  const raw = (rows: SheetRows, r: number, c: number): CellValue | undefined => rows.data.values[r]?.[c];
  const moneyAt = (rows: SheetRows, r: number, c: number, prefix: string, year: number): number | undefined | null => {
    const unit = (rows.header as Header).units.get(`${prefix}:${year}`) ?? "tkr";
    return rows.moneyAt(r, c, unit);
  };
  const percentAt = (rows: SheetRows, r: number, c: number | undefined): number | undefined | null => {
    if (c === undefined) return undefined;
    const v = raw(rows, r, c);
    const p = parseAmount(v, PERCENT);
    if (p.kind === "error") {
      rows.error(r, c, p.message);
      return null;
    }
    // A number is in percent points, as typed under a "(%)" header: 3,5 is 3,5 %; text "3,5 %" or "3,5" too.
    if (p.kind === "value" && typeof v === "number") return p.value / 100;
    return p.kind === "value" ? p.value : undefined;
  };
  const idOf = (rows: SheetRows, r: number): string => {
    const id = `${rows.data.sheet}!${rows.rowNumber(r)}`;
    cells.set(id, { sheet: rows.data.sheet, cell: rows.address(r, 0) });
    return id;
  };
  const finishSheet = (rows: SheetRows | undefined): void => {
    if (!rows) return;
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  };

  // Uppräkning: the years.
  const years: number[] = [];
  const indexation: Indexation[] = [];
  const ix = open("indexation", true);
  if (ix) {
    ix.eachRow(counts, ["year"], undefined, (r) => {
      const yc = ix.column("year")!;
      const y = raw(ix, r, yc);
      const year = typeof y === "number" ? y : Number(textOf(y));
      if (!Number.isInteger(year) || year < 1900 || year > 2200) {
        ix.error(r, yc, `"${textOf(y) ?? ""}" är inget år: förväntade ett budgetår, t.ex. 2024.`);
        return false;
      }
      const wage = percentAt(ix, r, ix.column("wage"));
      const price = percentAt(ix, r, ix.column("price"));
      const revenue = percentAt(ix, r, ix.column("revenue"));
      const poFrom = percentAt(ix, r, ix.column("poFrom"));
      const poTo = percentAt(ix, r, ix.column("poTo"));
      if (wage === undefined) ix.missing(r, "wage", "en löneökning i procent");
      if (price === undefined) ix.missing(r, "price", "ett prisindex i procent");
      if ((poFrom === undefined) !== (poTo === undefined))
        ix.fieldError(
          r,
          poFrom === undefined ? "poFrom" : "poTo",
          "PO före och PO efter anges båda eller ingen av dem.",
        );
      if (typeof wage !== "number" || typeof price !== "number" || revenue === null || poFrom === null || poTo === null)
        return false;
      if (years.length > 0 && year !== years[years.length - 1]! + 1) {
        ix.error(
          r,
          yc,
          `året ${year} följer inte på ${years[years.length - 1]}: förväntade budgetåret och planåren i ordning.`,
        );
        return false;
      }
      years.push(year);
      indexation.push({
        wageIncrease: wage,
        priceIndex: price,
        revenueIndex: revenue ?? 0,
        ...(typeof poFrom === "number" && typeof poTo === "number" ? { onCost: { from: poFrom, to: poTo } } : {}),
      });
      return true;
    });
    if (years.length === 0 && ix.errors.length === 0)
      errors.push(
        inputError(
          ix.data.sheet,
          undefined,
          undefined,
          "bladet har inga år: förväntade budgetåret och planåren, ett per rad.",
        ),
      );
  }
  finishSheet(ix);
  const baseYear = (years[0] ?? 0) - 1;
  /** The values of the plan years from a row's year columns; a missing year is an error naming the header. */
  const planValues = (
    rows: SheetRows,
    r: number,
    prefixes: readonly string[],
    withBase: boolean,
    what: string,
    read: (c: number, year: number) => number | undefined | null,
  ): number[] | undefined => {
    const cols = yearCols(rows, prefixes);
    const wanted = withBase ? [baseYear, ...years] : years;
    const out: number[] = [];
    let ok = true;
    for (const y of wanted) {
      const c = cols.get(y);
      if (c === undefined) {
        rows.error(
          r,
          undefined,
          `kolumnen för ${what} ${y} saknas: förväntade en kolumn per år ${wanted[0]}-${wanted[wanted.length - 1]}.`,
        );
        return undefined;
      }
      const v = read(c, y);
      if (v === undefined) {
        rows.error(r, c, `${what} ${y} saknas: förväntade ett tal (0 om inget, tom cell räknas inte som 0).`);
        ok = false;
      } else if (v === null) ok = false;
      else out.push(v);
    }
    return ok ? out : undefined;
  };

  // Budgetunderlag: last year's budget per verksamhet and kostnadsslag.
  const base: BudgetBaseLine[] = [];
  let reserveName: string | undefined;
  let reserveBase = 0;
  const bu = open("base", true);
  if (bu && years.length > 0) {
    const unit = bu.unit("budget", "tkr");
    bu.eachRow(counts, ["area", "costType"], { field: "budget", unit }, (r) => {
      const area = bu.text(r, "area");
      const costType = bu.text(r, "costType");
      const catText = bu.text(r, "category");
      const category = catText === undefined ? undefined : CATEGORIES.get(key(catText));
      const amount = bu.money(r, "budget", unit);
      const outturn = bu.money(r, "outturn", bu.unit("outturn", "tkr"));
      if (area === undefined) bu.missing(r, "area", "en verksamhet");
      if (costType === undefined) bu.missing(r, "costType", "ett kostnadsslag");
      if (catText !== undefined && category === undefined)
        bu.fieldError(
          r,
          "category",
          `"${catText}" är ingen kategori: förväntade personal, övrigt, intäkt, netto eller reserv.`,
        );
      else if (catText === undefined) bu.missing(r, "category", "en kategori");
      if (amount === undefined) bu.missing(r, "budget", `en budget ${baseYear}`);
      if (area === undefined || costType === undefined || !category || typeof amount !== "number" || outturn === null)
        return false;
      bu.count("budget", amount);
      // Intäkter are written positive, as the resultatbudget prints them; inside, revenue is negative.
      const sign = category === "revenue" ? -1 : 1;
      if (category === "reserve") {
        reserveName = area;
        reserveBase = amount;
        base.push({ area, costType: "Reserv", category: "net", amount, ...(outturn !== undefined ? { outturn } : {}) });
        return true;
      }
      if (base.some((b) => b.area === area && b.costType === costType)) {
        bu.fieldError(
          r,
          "costType",
          `${area} / ${costType} finns redan på bladet: en rad per verksamhet och kostnadsslag.`,
        );
        return false;
      }
      base.push({
        area,
        costType,
        category,
        amount: sign * amount,
        ...(outturn !== undefined ? { outturn: sign * outturn } : {}),
      });
      return true;
    });
  }
  finishSheet(bu);

  // Ramar: KF-ram and justeringar per year; a printed Summa row is checked against the sum.
  const ram: RamYear[] = [];
  const rs = open("ram", false);
  if (rs) {
    const cols = yearCols(rs, SPECS.ram.yearColumns!);
    const kf = new Map<number, number>();
    const adj = new Map<number, { name: string; amount: number }[]>();
    const printed: { r: number; label: string; values: Map<number, number> }[] = [];
    for (let r = rs.first; r < rs.end; r++) {
      if (rs.isBlank(r)) continue;
      counts.read++;
      const label = rs.text(r, "label");
      const kindText = rs.text(r, "kind");
      const values = new Map<number, number>();
      let bad = false;
      for (const [y, c] of cols) {
        const v = moneyAt(rs, r, c, [...(rs.header as Header).years].find(([, m]) => m.get(y) === c)?.[0] ?? "", y);
        if (v === null) bad = true;
        else if (v !== undefined) values.set(y, v);
      }
      const kind = kindText === undefined ? undefined : key(kindText);
      if (label !== undefined && /^summa/i.test(label) && (kind === undefined || kind === "summa")) {
        printed.push({ r, label, values });
        counts.rejected++;
        continue;
      }
      if (kind !== "kfram" && kind !== "justering") {
        rs.fieldError(r, "kind", `"${kindText ?? ""}" är ingen typ: förväntade KF-ram eller Justering (eller Summa).`);
        bad = true;
      }
      if (label === undefined) {
        rs.missing(r, "label", "en benämning");
        bad = true;
      }
      if (bad) {
        counts.rejected++;
        continue;
      }
      counts.used++;
      for (const [y, v] of values) {
        if (kind === "kfram") kf.set(y, (kf.get(y) ?? 0) + v);
        else adj.set(y, [...(adj.get(y) ?? []), { name: label!, amount: v }]);
      }
    }
    for (const y of [...cols.keys()].sort((a, b) => a - b)) {
      const k = kf.get(y);
      if (k === undefined) continue;
      ram.push({ year: y, kfRam: k, adjustments: adj.get(y) ?? [] });
    }
    for (const p of printed)
      for (const [y, v] of p.values) {
        const r = ram.find((x) => x.year === y);
        const sum = r ? r.kfRam + r.adjustments.reduce((s, a) => s + a.amount, 0) : undefined;
        if (sum !== undefined && Math.abs(sum - v) >= 0.005)
          rs.warn(
            p.r,
            cols.get(y)!,
            `raden "${p.label}" ${y} är ${formatTkr(v)} tkr men KF-ram + justeringar är ${formatTkr(sum)} tkr.`,
          );
      }
    rs.finish();
  }
  finishSheet(rs);

  // Volymplan.
  const drivers: VolumeDriver[] = [];
  const vp = open("drivers", false);
  if (vp && years.length > 0) {
    vp.eachRow(counts, ["area", "name"], undefined, (r) => {
      const area = vp.text(r, "area");
      const costType = vp.text(r, "costType");
      const name = vp.text(r, "name");
      const unit = vp.text(r, "unit");
      const basisText = vp.text(r, "basis");
      const basis = basisText === undefined ? undefined : BASES.get(key(basisText));
      if (area === undefined) vp.missing(r, "area", "en verksamhet");
      if (costType === undefined) vp.missing(r, "costType", "ett kostnadsslag");
      if (name === undefined) vp.missing(r, "name", "ett volymmått");
      if (unit === undefined) vp.missing(r, "unit", "en enhet");
      if (basis === undefined)
        vp.fieldError(
          r,
          "basis",
          `"${basisText ?? ""}" är ingen mätbas: förväntade bestånd 31/12, flöde helår, mätmånad, genomsnitt år, unika under året eller ej angiven.`,
        );
      const factor = vp.volume(r, "factor");
      const assumption = vp.text(r, "assumption");
      if (typeof factor === "number" && assumption === undefined)
        vp.fieldError(
          r,
          "factor",
          "en omräkning behöver sitt antagande i kolumnen Antagande, t.ex. 365 dygn x 95 % beläggning.",
        );
      const volumes = planValues(vp, r, ["volym"], true, "Volym", (c) => {
        const v = parseAmount(raw(vp, r, c), { type: "volume" });
        if (v.kind === "error") {
          vp.error(r, c, v.message);
          return null;
        }
        return v.kind === "value" ? v.value : undefined;
      });
      const prices = planValues(vp, r, ["apris"], false, "Á-pris", (c, y) => {
        const unitOf = (vp.header as Header).units.get(`apris:${y}`) ?? "kr";
        return vp.moneyAt(r, c, unitOf);
      });
      if (!area || !costType || !name || !unit || !basis || !volumes || !prices || factor === null) return false;
      if (typeof factor === "number" && assumption === undefined) return false;
      drivers.push({
        id: idOf(vp, r),
        area,
        costType,
        name,
        unit,
        basis,
        volumes,
        unitPrices: prices,
        ...(typeof factor === "number"
          ? { conversion: { factor, unit: vp.text(r, "pricedUnit") ?? unit, assumption: assumption! } }
          : {}),
      });
      return true;
    });
  }
  finishSheet(vp);

  // Demografi.
  const demography: DemographyDriver[] = [];
  const dg = open("demography", false);
  if (dg && years.length > 0) {
    dg.eachRow(counts, ["area"], undefined, (r) => {
      const area = dg.text(r, "area");
      const costType = dg.text(r, "costType");
      const ageGroup = dg.text(r, "ageGroup");
      if (area === undefined) dg.missing(r, "area", "en verksamhet");
      if (costType === undefined) dg.missing(r, "costType", "ett kostnadsslag");
      if (ageGroup === undefined) dg.missing(r, "ageGroup", "en åldersgrupp");
      const needRate = percentAt(dg, r, dg.column("needRate"));
      const population = planValues(dg, r, ["invanare", "befolkning"], true, "Invånare", (c) => {
        const v = parseAmount(raw(dg, r, c), { type: "volume" });
        if (v.kind === "error") {
          dg.error(r, c, v.message);
          return null;
        }
        return v.kind === "value" ? v.value : undefined;
      });
      const cost = planValues(
        dg,
        r,
        ["kostnadperinvanare", "kostnadperperson"],
        false,
        "Kostnad per invånare",
        (c, y) => dg.moneyAt(r, c, (dg.header as Header).units.get(`kostnadperinvanare:${y}`) ?? "kr"),
      );
      if (!area || !costType || !ageGroup || !population || !cost || needRate === null) return false;
      demography.push({
        id: idOf(dg, r),
        area,
        costType,
        ageGroup,
        population,
        costPerPerson: cost,
        ...(needRate !== undefined ? { needRate } : {}),
      });
      return true;
    });
  }
  finishSheet(dg);

  // Prioriteringar: tillskott, besparingar, effektiviseringskrav, omfördelningar and the reserve.
  const priorities: Priority[] = [];
  const efficiency: EfficiencyRequirement[] = [];
  const transfers: Transfer[] = [];
  let reserve: { name: string; amounts: number[] } | undefined;
  const pr = open("priorities", false);
  if (pr && years.length > 0) {
    pr.eachRow(counts, ["name"], undefined, (r) => {
      const kindText = pr.text(r, "kind");
      const kind = PRIORITY_KINDS.find((k) => kindText !== undefined && key(kindText).startsWith(k));
      const name = pr.text(r, "name");
      const area = pr.text(r, "area");
      const costType = pr.text(r, "costType");
      const unitText = pr.text(r, "unit");
      const percent = unitText !== undefined && unitText.trim() === "%";
      if (!kind) {
        pr.fieldError(
          r,
          "kind",
          `"${kindText ?? ""}" är ingen typ: förväntade tillskott, besparing, effektivisering, omfördelning eller reserv.`,
        );
        return false;
      }
      if (name === undefined) pr.missing(r, "name", "en benämning");
      if (area === undefined) pr.missing(r, "area", "en verksamhet");
      if (kind !== "reserv" && kind !== "effektivisering" && costType === undefined)
        pr.missing(r, "costType", "ett kostnadsslag");
      if (percent && kind !== "effektivisering")
        pr.fieldError(r, "unit", "bara ett effektiviseringskrav kan anges i procent: förväntade tkr.");
      if (kind === "effektivisering" && !percent && costType === undefined)
        pr.missing(r, "costType", "ett kostnadsslag (ett krav i tkr läggs på ett kostnadsslag; i procent på alla)");
      const values = planValues(pr, r, SPECS.priorities.yearColumns!, false, name ?? "Beloppet", (c, y) =>
        percent ? percentAt(pr, r, c) : moneyAt(pr, r, c, "", y),
      );
      if (!name || !area || !values || (percent && kind !== "effektivisering")) return false;
      const id = idOf(pr, r);
      const condition = pr.text(r, "condition");
      switch (kind) {
        case "tillskott":
        case "besparing":
          if (!costType) return false;
          // A besparing is written as the amount saved: positive, and it lowers the budget.
          priorities.push({
            id,
            area,
            costType,
            name,
            changes: kind === "besparing" ? values.map((v) => -Math.abs(v)) : values,
            ...(condition !== undefined && !/^nej$/i.test(condition) ? { condition: { decision: condition } } : {}),
          });
          return true;
        case "effektivisering":
          if (!percent && !costType) return false;
          efficiency.push({
            id,
            area,
            name,
            ...(costType !== undefined ? { costType } : {}),
            ...(percent ? { rates: values } : { amounts: values.map((v) => Math.abs(v)) }),
          });
          return true;
        case "omfordelning": {
          const to = pr.text(r, "toArea");
          if (to === undefined || to === area) {
            pr.fieldError(
              r,
              to === undefined ? "area" : "toArea",
              "en omfördelning behöver två olika verksamheter: Verksamhet (från) och Till verksamhet.",
            );
            return false;
          }
          if (!costType) return false;
          transfers.push({ id, name, fromArea: area, toArea: to, costType, amounts: values });
          return true;
        }
        case "reserv":
          if (reserve) {
            pr.fieldError(r, "kind", "reserven finns redan på en rad ovanför: en reservrad.");
            return false;
          }
          reserve = { name: area, amounts: values };
          return true;
      }
    });
  }
  finishSheet(pr);
  if (reserve && reserveName !== undefined && reserve.name !== reserveName)
    errors.push(
      inputError(
        BUDGET_SHEETS.priorities,
        undefined,
        undefined,
        `reserven heter "${reserve.name}" men "${reserveName}" i Budgetunderlag: förväntade samma namn.`,
      ),
    );
  if (!reserve && reserveName !== undefined) reserve = { name: reserveName, amounts: years.map(() => reserveBase) };

  // Beslutad budget: the figures to reach.
  const targets: BudgetTarget[] = [];
  const tg = open("targets", false);
  if (tg && years.length > 0) {
    const cols = yearCols(tg, SPECS.targets.yearColumns!);
    tg.eachRow(counts, ["area"], undefined, (r) => {
      const area = tg.text(r, "area");
      if (area === undefined) {
        tg.missing(r, "area", "en verksamhet");
        return false;
      }
      if (area === reserveName || area === reserve?.name) return true; // the reserve's level is its own row
      const costType = tg.text(r, "costType");
      let bad = false;
      const amounts = years.map((y) => {
        const c = cols.get(y);
        if (c === undefined) return undefined;
        const v = moneyAt(tg, r, c, "", y);
        if (v === null) bad = true;
        return typeof v === "number" ? v : undefined;
      });
      if (bad) return false;
      targets.push({ id: idOf(tg, r), area, ...(costType !== undefined ? { costType } : {}), amounts });
      return true;
    });
  }
  finishSheet(tg);

  // Resultatbudget, given on its own.
  const statement: StatementLine[] = [];
  const st = open("statement", false);
  if (st && years.length > 0) {
    st.eachRow(counts, ["costType"], undefined, (r) => {
      const costType = st.text(r, "costType");
      const kindText = st.text(r, "kind");
      const kind = kindText === undefined ? undefined : key(kindText);
      if (costType === undefined) st.missing(r, "costType", "ett kostnadsslag");
      if (kind !== "intakt" && kind !== "kostnad") {
        st.fieldError(r, "kind", `"${kindText ?? ""}" är ingen typ: förväntade intäkt eller kostnad.`);
        return false;
      }
      const outturn = st.money(r, "outturn", st.unit("outturn", "tkr"));
      const values = planValues(st, r, SPECS.statement.yearColumns!, true, costType ?? "Beloppet", (c, y) =>
        moneyAt(st, r, c, "", y),
      );
      if (!costType || !values || outturn === null) return false;
      statement.push({
        costType,
        revenue: kind === "intakt",
        ...(outturn !== undefined ? { outturn } : {}),
        base: values[0]!,
        amounts: values.slice(1),
      });
      return true;
    });
  }
  finishSheet(st);

  // Scenarier.
  type Rates = { wageIncrease?: number; priceIndex?: number; revenueIndex?: number };
  const scenarioMap = new Map<string, { indexation: Rates[]; volumes: Map<string, number[]> }>();
  const sc = open("scenarios", false);
  if (sc && years.length > 0) {
    sc.eachRow(counts, ["scenario"], undefined, (r) => {
      const name = sc.text(r, "scenario");
      const target = sc.text(r, "target");
      if (name === undefined) sc.missing(r, "scenario", "ett scenario");
      if (target === undefined) sc.missing(r, "target", "vad scenariot avser");
      if (!name || !target) return false;
      const s = scenarioMap.get(name) ?? {
        indexation: years.map((): Rates => ({})),
        volumes: new Map<string, number[]>(),
      };
      const t = key(target);
      const field: keyof Rates | undefined = t.startsWith("lon")
        ? "wageIncrease"
        : t.startsWith("pris")
          ? "priceIndex"
          : t.startsWith("intakt")
            ? "revenueIndex"
            : undefined;
      if (field) {
        const values = planValues(sc, r, SPECS.scenarios.yearColumns!, false, target, (c) => percentAt(sc, r, c));
        if (!values) return false;
        values.forEach((v, i) => (s.indexation[i]![field] = v));
      } else {
        const driver = drivers.find((d) => `${d.area} / ${d.name}` === target || d.name === target);
        if (!driver) {
          sc.fieldError(
            r,
            "target",
            `"${target}" är varken Löneökning, Prisindex, Intäkter eller ett volymmått på bladet Volymplan ("Verksamhet / Volymmått").`,
          );
          return false;
        }
        const values = planValues(sc, r, SPECS.scenarios.yearColumns!, false, target, (c) => {
          const v = parseAmount(raw(sc, r, c), { type: "volume" });
          if (v.kind === "error") {
            sc.error(r, c, v.message);
            return null;
          }
          return v.kind === "value" ? v.value : undefined;
        });
        if (!values) return false;
        s.volumes.set(driver.id, [driver.volumes[0]!, ...values]);
      }
      scenarioMap.set(name, s);
      return true;
    });
  }
  finishSheet(sc);
  const scenarios: BudgetScenario[] = [...scenarioMap].map(([name, s]) => ({
    name,
    indexation: s.indexation,
    volumes: s.volumes,
  }));

  // Periodisering.
  const profiles = new Map<string, number[]>();
  const pf = open("profile", false);
  if (pf) {
    const months = (pf.header as Header).months;
    pf.eachRow(counts, ["area", "costType"], undefined, (r) => {
      const name = pf.text(r, "area") ?? pf.text(r, "costType");
      if (name === undefined) {
        pf.error(r, 0, "raden saknar verksamhet eller kostnadsslag.");
        return false;
      }
      const weights: number[] = [];
      for (let m = 1; m <= 12; m++) {
        const c = months.get(m)?.index;
        const v = c === undefined ? undefined : parseAmount(raw(pf, r, c), { type: "volume" });
        if (!v || v.kind !== "value") {
          pf.error(r, c, `månad ${m} saknar en andel: förväntade tolv andelar (t.ex. 8,3 eller vikter).`);
          return false;
        }
        weights.push(v.value);
      }
      const sum = weights.reduce((s, w) => s + w, 0);
      if (sum <= 0) {
        pf.error(r, 0, "andelarna summerar till 0: förväntade en profil över året.");
        return false;
      }
      profiles.set(
        name,
        weights.map((w) => w / sum),
      );
      return true;
    });
  }
  finishSheet(pf);

  // Inställningar: Nämnd and Beslut, as key | value rows.
  const settings: { board?: string; decision?: string } = {};
  const se = sheetOf("settings");
  for (const row of se?.values ?? []) {
    const k = textOf(row[0]);
    const v = textOf(row[1]);
    if (k === undefined || v === undefined) continue;
    if (key(k) === "namnd") settings.board = v;
    if (key(k) === "beslut") settings.decision = v;
  }

  const input: BudgetBuildingInput = {
    years,
    base,
    indexation,
    drivers,
    demography,
    priorities,
    efficiency,
    transfers,
    targets,
    ram,
    ...(reserve ? { reserve } : {}),
    ...(statement.length > 0 ? { statement } : {}),
  };
  return { input, scenarios, profiles, settings, cells, errors, warnings, counts };
}

/**
 * A finding of the calculator as a warning of the Kontroller list: in Swedish, with its cell where the input
 * item has one, and its money (kronor).
 */
export function budgetFindingWarning(f: BudgetFinding, cells: ReadonlyMap<string, CellRef>): InputError {
  const at = (id: string | undefined, sheet: string): { sheet: string; cell?: string } => {
    const c = id === undefined ? undefined : cells.get(id);
    return c ? { sheet: c.sheet, cell: c.cell } : { sheet };
  };
  switch (f.code) {
    case "ramDifference":
      return {
        ...at(undefined, BUDGET_SHEETS.ram),
        message: `budgeten ${f.year} (verksamheter + reserv) är ${formatTkr(f.budget)} tkr men nämndramen ${formatTkr(f.ram)} tkr: skillnad ${formatTkr(f.budget - f.ram)} tkr (ramtabell och budget avviker).`,
        amount: Math.abs(f.budget - f.ram),
      };
    case "viewsDiffer":
      return {
        ...at(undefined, BUDGET_SHEETS.statement),
        message: `resultatbudgetens nettokostnad ${f.year} är ${formatTkr(f.statement)} tkr men driftbudgetens ${formatTkr(f.budget)} tkr: skillnad ${formatTkr(f.statement - f.budget)} tkr.`,
        amount: Math.abs(f.statement - f.budget),
      };
    case "unexplainedChange":
      return {
        ...at(f.source, BUDGET_SHEETS.targets),
        message: `${f.area} (${f.costType}) ${f.year}: ${formatTkr(f.amount)} tkr av förändringen har ingen namngiven orsak på bladen Prioriteringar, Volymplan eller Uppräkning (visas som "Ej förklarad förändring").`,
        amount: Math.abs(f.amount),
      };
    case "conditionalFunds":
      return {
        ...at(f.source, BUDGET_SHEETS.priorities),
        message: `${f.name} (${f.area}) ${f.year}: ${formatTkr(f.amount)} tkr är villkorade medel (${f.decision}); i uppföljningen prognostiseras de till 0 tills de frigjorts.`,
        amount: Math.abs(f.amount),
      };
    case "basisUnspecified":
      return {
        ...at(f.source, BUDGET_SHEETS.drivers),
        message: `volymmåttet ${f.name} har ingen angiven mätbas (bestånd 31/12, flöde, mätmånad ...): dess volymer kan inte jämföras med andras.`,
      };
  }
}
