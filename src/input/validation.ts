/**
 * The last check of what a reader built: the core's zod schemas. The readers refuse bad cells themselves, with
 * the cell named; an issue found here means a rule the readers do not know yet, and it is still shown, in Swedish.
 */
import { ownValue } from "../core/records";
import type { z } from "zod";
import { validate } from "../core/schemas";
import type { InputError } from "./errors";

/** The sheet each list of a calculator input comes from. */
const SHEET_OF: Record<string, string> = {
  costCentres: "Ansvar",
  budgets: "Budget",
  budgetVersions: "Budgetversioner",
  actuals: "Utfall",
  lastYearActuals: "Utfall fg år",
  forecasts: "Prognos",
  previousForecasts: "Prognos föregående",
  lines: "Volymer",
  measures: "Åtgärder",
};

export function schemaErrors(schema: z.ZodType, value: unknown, sheet: string): InputError[] {
  const result = validate(schema, value);
  if (result.ok) return [];
  return result.issues.map((issue) => {
    const [list, index, ...field] = issue.path;
    const listed = typeof list === "string" && ownValue(SHEET_OF, list) !== undefined && typeof index === "number";
    const where = listed
      ? `post ${index + 1}${field.length > 0 ? `, fältet ${field.join(".")}` : ""}`
      : issue.path.join(".");
    return {
      sheet: listed ? ownValue(SHEET_OF, list)! : sheet,
      message: `kontrollen av indata (${where}): ${issue.message}.`,
    };
  });
}
