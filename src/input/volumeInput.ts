/**
 * The volume calculator's input from "Volymer" sheets: Verksamhet | Volymmått | Enhet | Budgeterad volym |
 * Á-pris (kr) | Fast del (tkr) | Utfall volym | Kostnad t.o.m. period (tkr) | Roll | Motpart.
 * Fixed part and cost follow the sign convention; the price is a price per unit (never negative).
 */
import { pathKey } from "../core/hierarchy";
import { KeyResolver } from "./keys";
import { hierarchyOf } from "./prognosisInput";
import { ownValue } from "../core/records";
import { toInternal } from "../core/signs";
import type { VolumeInput, VolumeLine, VolumeRole } from "../core/volume";
import { volumeInputSchema } from "../core/schemas";
import { normaliseHeader } from "./headers";
import type { Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import { costCentreKey, type RowCounts, type SheetRows } from "./sheetRows";
import { fromWorkbook, readKind } from "./sheetsOfKind";

const ROLES: Record<string, VolumeRole> = {
  egen: "own",
  own: "own",
  bestallare: "purchaser",
  purchaser: "purchaser",
  utforare: "provider",
  provider: "provider",
};

/**
 * The volume lines of a sheet. A row `setAside` returns true for (a returned template's line left as sent) is not
 * read nor validated: it counts as not used, and the caller says what it is.
 */
export function readVolumeLines(
  rows: SheetRows,
  settings: ReadSettings,
  counts: RowCounts,
  keyCells: Map<string, string>,
  setAside?: (row: number) => boolean,
  areas?: KeyResolver,
): VolumeLine[] {
  const out: VolumeLine[] = [];
  const counterparts: { row: number; index: number; text: string }[] = [];
  const costUnit = rows.unit("actualCost", settings.amountUnit);
  rows.eachRow(counts, ["area", "name"], { field: "actualCost", unit: costUnit }, (r) => {
    if (setAside?.(r)) return false;
    const area = rows.text(r, "area");
    const name = rows.text(r, "name");
    if (area === undefined) rows.missing(r, "area", "en verksamhet");
    if (name === undefined) rows.missing(r, "name", "ett volymmått");
    const budgetVolume = rows.volume(r, "budgetVolume");
    if (budgetVolume === undefined) rows.missing(r, "budgetVolume", "en budgeterad volym");
    const unitPrice = rows.money(r, "unitPrice", "kr");
    if (unitPrice === undefined) rows.missing(r, "unitPrice", "ett á-pris");
    if (typeof unitPrice === "number" && unitPrice < 0)
      rows.fieldError(
        r,
        "unitPrice",
        `á-priset ${unitPrice} kr är negativt: förväntade ett pris per enhet i kronor, t.ex. 450.`,
      );
    const fixed = rows.money(r, "fixedBudget", settings.amountUnit);
    const actualVolume = rows.volume(r, "actualVolume");
    if (actualVolume === undefined) rows.missing(r, "actualVolume", "en utfallsvolym");
    const actualCost = rows.money(r, "actualCost", costUnit);
    if (actualCost === undefined) rows.missing(r, "actualCost", "en kostnad t.o.m. perioden");
    const unit = rows.text(r, "unit");
    if (unit === undefined) rows.missing(r, "unit", "en enhet");
    const roleText = rows.text(r, "role");
    const role = roleText === undefined ? "own" : ownValue(ROLES, normaliseHeader(roleText).key);
    if (!role) rows.fieldError(r, "role", `"${roleText}" är ingen roll: förväntade Egen, Beställare eller Utförare.`);
    // A purchaser pays its provider per delivered volume: the line must say which provider.
    if (role === "purchaser" && rows.text(r, "counterpart") === undefined)
      rows.fieldError(
        r,
        "role",
        "en beställarrad saknar motpart: förväntade utförarens verksamhet i kolumnen Motpart.",
      );
    if (
      area === undefined ||
      name === undefined ||
      unit === undefined ||
      typeof budgetVolume !== "number" ||
      typeof unitPrice !== "number" ||
      unitPrice < 0
    )
      return false;
    if (fixed === null || typeof actualVolume !== "number" || typeof actualCost !== "number" || !role) return false;
    if (typeof actualCost === "number") rows.count("actualCost", actualCost);
    // The verksamhet by the one key rule (keys.ts), to say when it is none of the Ansvar sheet's lines; the line
    // keeps the name as written (Motpart names it so).
    if (areas) {
      const found = areas.resolve(rows, r, costCentreKey(area) ?? area, "area");
      if (found === null) return false;
      areas.carry(rows.data.sheet, found, toInternal(actualCost, settings.signConvention));
    }
    const key = pathKey([area, name]);
    const cell = rows.address(r, rows.column("name")!);
    const first = keyCells.get(key);
    if (first !== undefined) {
      rows.fieldError(
        r,
        "name",
        `volymmåttet "${name}" i ${area} finns två gånger: cell ${first} och ${cell}. Lämna en rad per verksamhet och volymmått.`,
      );
      return false;
    }
    keyCells.set(key, cell);
    const motpart = rows.text(r, "counterpart");
    if (motpart !== undefined) counterparts.push({ row: r, index: out.length, text: motpart });
    out.push({
      key,
      area,
      name,
      unit,
      budgetVolume,
      unitPrice,
      fixedBudget: toInternal(fixed ?? 0, settings.signConvention),
      actualVolume,
      actualCost: toInternal(actualCost, settings.signConvention),
      role,
    });
    return true;
  });
  // Motpart names the other line: its key ("Verksamhet / Volymmått"), or its verksamhet when the measure is the same.
  for (const c of counterparts) {
    const line = out[c.index]!;
    const target =
      out.find((l) => l.key === c.text) ?? out.find((l) => l !== line && l.area === c.text && l.name === line.name);
    if (!target) {
      rows.fieldError(
        c.row,
        "counterpart",
        `motparten "${c.text}" finns inte på bladet: förväntade en annan rad, skriven som "Verksamhet / Volymmått" eller som dess verksamhet.`,
      );
      continue;
    }
    out[c.index] = { ...line, counterpartKey: target.key };
  }
  return out;
}

export function volumeFromScan(scan: Scan, settings: ReadSettings): ReadOutcome<VolumeInput> {
  const keyCells = new Map<string, string>();
  const { centres, cells } = hierarchyOf(scan);
  const areas = centres.length > 0 ? new KeyResolver(centres, cells) : undefined;
  const out = readKind(
    scan,
    "volumes",
    (rows, counts) => readVolumeLines(rows, settings, counts, keyCells, undefined, areas),
    {
      sheet: "Volymer",
      message:
        "arbetsboken har inget blad med volymer: förväntade rubrikerna Verksamhet, Volymmått, Budgeterad volym, Á-pris (kr), Utfall volym och Kostnad t.o.m. period (tkr).",
    },
    (lines, errors): VolumeInput | undefined =>
      errors.length > 0 ? undefined : { year: settings.year, month: settings.month, lines },
    volumeInputSchema,
  );
  // A volume sheet's Verksamhet may be a function that is no ansvar (a purchaser such as Myndighet och bistånd):
  // an unknown one is said when the sheet names the Ansvar sheet's lines and it is close to one (a typo).
  if (!areas || areas.matched === 0) return out;
  return {
    ...out,
    warnings: [...out.warnings, ...areas.warnings("verksamheten", (t) => `räknas under "${t}" som det står`, true)],
  };
}

export const readVolumeInput = fromWorkbook(volumeFromScan);
