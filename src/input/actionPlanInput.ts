/**
 * The åtgärdsplan calculator's input from "Åtgärder" sheets: Nr | Ägare | Åtgärd | Ansvarig | Status |
 * Planerad effekt helår (tkr) | Realiserad effekt hittills (tkr) | Prognos effekt helår (tkr) | Ingår i prognos |
 * Risk | Konsekvens | Kommentar. Effects are savings (positive), in kronor; an empty effect is "not quantified".
 * The nämnd's forecast variance comes from the settings, or from the workbook's prognosis sheets.
 */
import { parseMeasureStatus, type ActionPlanInput, type Measure } from "../core/actionPlan";
import { calculatePrognosis } from "../core/prognosis";
import { actionPlanInputSchema } from "../core/schemas";
import type { InputError } from "./errors";
import { KeyResolver } from "./keys";
import { hierarchyOf, prognosisFromScan } from "./prognosisInput";
import type { Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import { costCentreKey, type RowCounts, type SheetRows } from "./sheetRows";
import { fromWorkbook, readKind } from "./sheetsOfKind";

const YES = new Set(["ja", "j", "x", "sant", "true", "1", "yes"]);
const NO = new Set(["nej", "n", "falskt", "false", "0", "no"]);

export function readMeasures(
  rows: SheetRows,
  settings: ReadSettings,
  counts: RowCounts,
  idCells: Map<string, string>,
  owners?: KeyResolver,
): Measure[] {
  const out: Measure[] = [];
  const unit = rows.unit("plannedEffect", settings.amountUnit);
  rows.eachRow(counts, ["id", "owner"], { field: "plannedEffect", unit }, (r) => {
    const id = rows.text(r, "id") ?? `rad ${rows.rowNumber(r)}`;
    const owner = rows.text(r, "owner");
    if (owner === undefined) rows.missing(r, "owner", "en ägare (verksamhet eller ansvar)");
    const description = rows.text(r, "description");
    if (description === undefined) rows.missing(r, "description", "en beskrivning av åtgärden");
    const statusText = rows.text(r, "status");
    const parsedStatus = parseMeasureStatus(statusText);
    const status = parsedStatus.kind === "value" ? parsedStatus.value : undefined;
    if (parsedStatus.kind === "empty") rows.missing(r, "status", "en status");
    else if (parsedStatus.kind === "error") rows.fieldError(r, "status", parsedStatus.message);
    const planned = rows.money(r, "plannedEffect", unit);
    const realised = rows.money(r, "realisedEffect", rows.unit("realisedEffect", settings.amountUnit));
    const forecast = rows.money(r, "forecastEffect", rows.unit("forecastEffect", settings.amountUnit));
    const includedText = rows.text(r, "included");
    const includedKey = includedText === undefined ? "nej" : includedText.toLowerCase();
    const includedKnown = YES.has(includedKey) || NO.has(includedKey);
    if (!includedKnown)
      rows.fieldError(
        r,
        "included",
        `"${includedText}" är inte Ja eller Nej: förväntade Ja om effekten redan ingår i prognosen, annars Nej.`,
      );
    // The owner by the one key rule (keys.ts): a line of the Ansvar sheet is written as its label, so "Hemtjänst"
    // and "Äldreomsorg / Hemtjänst" are one owner; an ambiguous name is an error on the cell.
    const ownerKey = owner && owners ? owners.resolve(rows, r, costCentreKey(owner) ?? owner, "owner") : owner;
    if (
      !owner ||
      ownerKey === null ||
      !description ||
      !status ||
      !includedKnown ||
      planned === null ||
      realised === null ||
      forecast === null
    )
      return false;
    if (owners && ownerKey !== undefined) owners.carry(rows.data.sheet, ownerKey, planned ?? 0);
    const ownerLabel = owners && ownerKey !== undefined && ownerKey !== owner ? owners.label(ownerKey) : owner;
    // Some effects given, one left empty: the empty one is missing (not 0), and said so where it can be filled in.
    const effects = [
      ["plannedEffect", planned, "planerad effekt"],
      ["realisedEffect", realised, "realiserad effekt"],
      ["forecastEffect", forecast, "prognos effekt"],
    ] as const;
    if (effects.some(([, v]) => v !== undefined)) {
      for (const [field, v, what] of effects) {
        if (v === undefined && rows.has(field))
          rows.warn(
            r,
            rows.column(field)!,
            `åtgärd nr ${id} har ${what} tom medan andra effekter är ifyllda: den räknas som saknad, inte som 0. Skriv 0 om effekten är noll.`,
          );
      }
    }
    const cell = rows.address(r, rows.column("id") ?? rows.column("description")!);
    const first = idCells.get(id);
    if (first !== undefined) {
      rows.error(
        r,
        rows.column("id") ?? rows.column("description")!,
        `åtgärd nr ${id} finns två gånger: cell ${first} och ${cell}. Ge varje åtgärd ett eget nummer.`,
      );
      return false;
    }
    idCells.set(id, cell);
    if (planned !== undefined) rows.count("plannedEffect", planned);
    const text = (field: string): string | undefined => rows.text(r, field);
    out.push({
      id,
      owner: ownerLabel,
      description,
      status,
      includedInForecast: YES.has(includedKey),
      ...(text("responsible") !== undefined ? { responsible: text("responsible") } : {}),
      ...(planned !== undefined ? { plannedEffect: planned } : {}),
      ...(realised !== undefined ? { realisedEffect: realised } : {}),
      ...(forecast !== undefined ? { forecastEffect: forecast } : {}),
      ...(text("risk") !== undefined ? { risk: text("risk") } : {}),
      ...(text("consequence") !== undefined ? { consequence: text("consequence") } : {}),
      ...(text("comment") !== undefined ? { comment: text("comment") } : {}),
    });
    return true;
  });
  return out;
}

export function actionPlanFromScan(scan: Scan, settings: ReadSettings): ReadOutcome<ActionPlanInput> {
  const idCells = new Map<string, string>();
  const { centres, cells } = hierarchyOf(scan);
  const owners = centres.length > 0 ? new KeyResolver(centres, cells) : undefined;
  const out = readKind(
    scan,
    "measures",
    (rows, counts) => readMeasures(rows, settings, counts, idCells, owners),
    {
      sheet: "Åtgärder",
      message: "arbetsboken har inget blad med åtgärder: förväntade rubrikerna Ägare, Åtgärd och Status.",
    },
    (measures, errors): ActionPlanInput | undefined => {
      const forecastVariance = settings.forecastVariance ?? forecastVarianceOf(scan, settings, errors);
      return errors.length > 0 || forecastVariance === undefined
        ? undefined
        : { year: settings.year, forecastVariance, measures };
    },
    actionPlanInputSchema,
  );
  // Owners may be the plan's own grouping (e.g. Gnesta's FL, SOV): an unknown owner is said when the plan names
  // the Ansvar sheet's lines and it is close to one of them (a typo).
  if (!owners || owners.matched === 0) return out;
  return {
    ...out,
    warnings: [...out.warnings, ...owners.warnings("ägaren", (t) => `räknas under "${t}" som det står`, true)],
  };
}

/** The full-year forecast variance from the workbook's own prognosis, when Inställningar does not give it. */
function forecastVarianceOf(scan: Scan, settings: ReadSettings, errors: InputError[]): number | undefined {
  const hasPrognosis = scan.sheets.some((s) => s.header.spec.kind === "budget" || s.header.spec.kind === "forecast");
  if (!hasPrognosis) {
    errors.push({
      sheet: "Inställningar",
      message:
        "prognosavvikelsen för helåret saknas: förväntade Prognosavvikelse (tkr) på bladet Inställningar, eller bladen Budget och Prognos.",
    });
    return undefined;
  }
  const prognosis = prognosisFromScan(scan, settings);
  if (prognosis.value) return calculatePrognosis(prognosis.value).total.varianceFullYear;
  errors.push(...prognosis.errors);
  return undefined;
}

export const readActionPlanInput = fromWorkbook(actionPlanFromScan);
