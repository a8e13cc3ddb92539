/**
 * What the task pane learns from Office: the display language, the theme, the requirement sets, and the
 * workbook reader, writer and navigation of `src/workbook/office`.
 */
import { activateSheet, readSelection, selectCell } from "../workbook/office/navigate";
import { OfficeReader } from "../workbook/office/reader";
import { OfficeWriter } from "../workbook/office/writer";
import type { JobHost } from "./jobs";

/** The lowest ExcelApi set the add-in needs (manifest.xml says the same). */
export const REQUIRED_EXCEL_API = "1.7";

export interface HostInfo {
  readonly inExcel: boolean;
  readonly displayLanguage?: string;
  readonly dark: boolean;
  /** Whether `ExcelApi` at this version is there (false outside Excel). */
  readonly supports: (version: string) => boolean;
}

/** A colour "#rrggbb" is dark when its relative luminance is under one half. */
export function isDark(colour: string | undefined): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour ?? "");
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.5;
}

export async function officeHost(): Promise<HostInfo> {
  if (typeof Office === "undefined") return { inExcel: false, dark: false, supports: () => false };
  const info = await Office.onReady();
  const inExcel = info.host === Office.HostType.Excel;
  const context = Office.context as Partial<Office.Context> | undefined;
  return {
    inExcel,
    displayLanguage: context?.displayLanguage,
    // officeTheme exists where the host has themes (not in every Office version): light otherwise.
    dark: isDark(context?.officeTheme?.bodyBackgroundColor),
    supports: (version) => inExcel && Boolean(context?.requirements?.isSetSupported("ExcelApi", version)),
  };
}

export interface ExcelHost extends JobHost {
  selectCell(sheet: string, cell: string): Promise<void>;
  activateSheet(sheet: string): Promise<void>;
}

export function excelHost(): ExcelHost {
  return { reader: new OfficeReader(), writer: new OfficeWriter(), readSelection, selectCell, activateSheet };
}
