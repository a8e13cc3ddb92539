/**
 * Input errors carry where they are: sheet and cell, in Swedish, so a unit manager can find and fix the cell.
 */
import { cellAddress } from "../cells";
import { checkText } from "../report/kontroller";

export interface InputError {
  /** The file, when errors of many files are listed together (returned templates). */
  readonly file?: string;
  readonly sheet: string;
  /** A1 address of the cell (or the first cell of the range) at fault; undefined when the whole sheet is. */
  readonly cell?: string;
  /** What is wrong and what was expected, in Swedish. */
  readonly message: string;
  /**
   * The money at stake, in kronor (absolute, internal sign convention), when the warning or error concerns
   * amounts: the Kontroller list ranks by it. Undefined when no amount is concerned.
   */
  readonly amount?: number;
}

export function inputError(
  sheet: string,
  row: number | undefined,
  column: number | undefined,
  message: string,
): InputError {
  return { sheet, cell: row === undefined || column === undefined ? undefined : cellAddress(row, column), message };
}

/** `Blad "Utfall", cell D7: "abc" är inte ett belopp: förväntade ...` (with `Fil "x.xlsx", blad ...` when a file is named). */
export function formatInputError(e: InputError): string {
  return checkText(e);
}

/** The same error, named by the file it came from. */
export function inFile(file: string, e: InputError): InputError {
  return { ...e, file };
}
