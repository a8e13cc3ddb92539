/**
 * The investment follow-up's input from an "Investeringar" sheet: Projekt | Grupp | Utförs av (egen/annan
 * nämnd) | Ursprungsbudget (tkr) | Tillägg/ombudgetering (tkr) | Utfall (tkr) | Prognos helår (tkr) | Begärs
 * ombudgeterad (tkr). Mid-year the Utfall is to date and the Prognos helår the project's forecast (seed 004); in
 * the bokslut the Utfall is the year's and a carry-over may be asked for (seed 000).
 * Spending is positive whatever the kommun's sign convention (the seeds' investment tables print it so, 000).
 * A '-' or empty amount stays missing (shown '-', counted as 0), never read as a typed 0 (000 S53).
 * Begärs ombudgeterad: the amount the nämnd asks to carry over (or "ja"); the calculator carries what is left
 * of the budget, and an amount that differs from it is named in a warning.
 */
import { convertMoney, formatNumber, parseAmount, UNIT_LABEL } from "../core/amounts";
import type { InvestmentProject } from "../core/investments";
import type { InputError } from "./errors";
import { normaliseHeader } from "./headers";
import { recognisedSheet, scanErrors, type Scan } from "./scan";
import type { ReadOutcome, ReadSettings } from "./settings";
import { SheetRows, toKronor, type RowCounts } from "./sheetRows";

/** "Utförs av" words for the nämnd's own projects. */
const OWN = new Set(["egen", "egna", "eget", "own", "nämnden", "namnden"]);
/** A carry-over asked for without an amount. */
const YES = new Set(["ja", "x", "yes", "begars", "begard"]);

export function investmentsFromScan(scan: Scan, settings: ReadSettings): ReadOutcome<InvestmentProject[]> {
  const errors: InputError[] = scanErrors(scan, ["investments"]);
  const warnings: InputError[] = [];
  const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  const sheets = scan.sheets.filter((s) => s.header.spec.kind === "investments");
  const projects: InvestmentProject[] = [];
  const seen = new Map<string, string>();
  for (const s of sheets) {
    const rows = new SheetRows(s.data, s.header);
    const unit = (field: string) => rows.unit(field, settings.amountUnit);
    rows.eachRow(counts, ["name", "group"], { field: "actual", unit: unit("actual") }, (r) => {
      const name = rows.text(r, "name");
      if (name === undefined) rows.missing(r, "name", "ett projektnamn");
      const originalBudget = rows.money(r, "originalBudget", unit("originalBudget"));
      const addition = rows.money(r, "addition", unit("addition"));
      const actual = rows.money(r, "actual", unit("actual"));
      const forecast = rows.money(r, "forecast", unit("forecast"));
      const amounts = [originalBudget, addition, actual, forecast];
      if (name !== undefined && amounts.every((a) => a === undefined)) {
        rows.fieldError(
          r,
          "originalBudget",
          `projektet "${name}" har inga belopp: förväntade ursprungsbudget, tillägg/ombudgetering eller utfall (skriv - för inget belopp).`,
        );
      }
      const runByText = rows.text(r, "runBy");
      const runBy = runByText === undefined || OWN.has(normaliseHeader(runByText).key) ? undefined : runByText;
      const carryText = rows.text(r, "carryOver");
      const requestedByWord = carryText !== undefined && YES.has(normaliseHeader(carryText).key);
      let requested: number | undefined | null;
      if (carryText !== undefined && !requestedByWord) {
        const parsed = parseAmount(rows.data.values[r]?.[rows.column("carryOver")!], {
          type: "money",
          unit: unit("carryOver"),
        });
        requested =
          parsed.kind === "value"
            ? toKronor(parsed.value, unit("carryOver"))
            : parsed.kind === "empty"
              ? undefined
              : null;
        if (requested === null)
          rows.fieldError(
            r,
            "carryOver",
            `"${carryText}" är varken ett belopp eller ja: förväntade beloppet i tkr som nämnden begär ombudgeterat, t.ex. 263, eller ja.`,
          );
      }
      if (name === undefined || amounts.includes(null) || requested === null || amounts.every((a) => a === undefined))
        return false;
      // An empty amount cell beside given ones: missing, as a '-' is, but not written so: said where it is.
      for (const [field, v, what] of [
        ["originalBudget", originalBudget, "ursprungsbudget"],
        ["addition", addition, "tillägg/ombudgetering"],
        ["actual", actual, "utfall"],
        ["forecast", forecast, "prognos helår"],
      ] as const) {
        if (v === undefined && rows.has(field) && rows.text(r, field) === undefined)
          rows.warn(
            r,
            rows.column(field)!,
            `projektet "${name}" har ${what} tom: den räknas som saknad. Skriv - om projektet inte har något belopp här, annars beloppet.`,
          );
      }
      const group = rows.text(r, "group");
      const key = `${runBy ?? ""}\u0001${group ?? ""}\u0001${name}`;
      const cell = rows.address(r, rows.column("name")!);
      const first = seen.get(key);
      if (first !== undefined) {
        rows.fieldError(
          r,
          "name",
          `projektet "${name}"${group ? ` i ${group}` : ""} finns två gånger: cell ${first} och ${cell}. Lämna en rad per projekt.`,
        );
        return false;
      }
      seen.set(key, cell);
      if (typeof actual === "number") rows.count("actual", actual);
      const carryOverRequested = requestedByWord || (typeof requested === "number" && requested !== 0);
      if (typeof requested === "number" && requested !== 0) {
        const left = (originalBudget ?? 0) + (addition ?? 0) - (actual ?? 0);
        const u = unit("carryOver");
        // Less than one unit of the sheet apart is rounding of the printed figures.
        if (Math.abs(requested - left) >= convertMoney(1, u, "kr")) {
          const shown = (kr: number) => `${formatNumber(convertMoney(kr, "kr", u))} ${UNIT_LABEL[u]}`;
          rows.warn(
            r,
            rows.column("carryOver")!,
            `begärd ombudgetering ${shown(requested)} skiljer sig från det som återstår av projektets budget, ${shown(left)}: det som återstår (om något) redovisas som ombudgetering.`,
          );
        }
      }
      projects.push({
        name,
        ...(group !== undefined ? { area: group } : {}),
        ...(runBy !== undefined ? { runBy } : {}),
        originalBudget: originalBudget ?? undefined,
        addition: addition ?? undefined,
        actual: actual ?? undefined,
        ...(typeof forecast === "number" ? { forecast } : {}),
        carryOverRequested,
      });
      return true;
    });
    errors.push(...rows.errors);
    warnings.push(...rows.warnings);
  }
  return {
    value: errors.length > 0 ? undefined : projects,
    errors,
    warnings,
    recognised: sheets.map(recognisedSheet),
    rows: counts,
  };
}
