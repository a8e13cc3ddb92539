/**
 * Reading filled templates back and consolidating them: the forecasts (and volumes, measures) of many returned
 * files become one set. Every error is named by file, sheet and cell; the same ansvar in two files is a conflict
 * (neither is taken); the ansvar whose template has not come back are listed. Nothing is lost: rows read = rows
 * consolidated + rows rejected, and the same for the forecast amounts.
 */
import type { Measure } from "../core/actionPlan";
import type { ForecastEntry } from "../core/prognosis";
import type { VolumeLine } from "../core/volume";
import type { WorkbookReader } from "../workbook/types";
import { inFile, type InputError } from "./errors";
import { readMeasures } from "./actionPlanInput";
import { readForecasts } from "./prognosisInput";
import { scanErrors, scanWorkbook } from "./scan";
import type { ReadSettings } from "./settings";
import { costCentreKey, SheetRows, type RowCounts } from "./sheetRows";
import { readVolumeLines } from "./volumeInput";

export interface ReturnedTemplate {
  readonly file: string;
  readonly reader: WorkbookReader;
}

export interface ExpectedTemplates {
  /** The ansvar a template was sent out for. */
  readonly costCentres: readonly string[];
  /** Their names, for the list of missing templates ("441 Hemtjänst Herrljunga Landsbygd"). */
  readonly names?: Readonly<Record<string, string>>;
}

export interface Conflict {
  /** The ansvar, volume line key or measure number met in more than one file. */
  readonly key: string;
  readonly files: readonly string[];
}

export interface FileSummary {
  readonly file: string;
  /** The ansvar this file gave a forecast for. */
  readonly costCentres: readonly string[];
  readonly rows: RowCounts;
}

export interface Consolidation {
  readonly forecasts: ForecastEntry[];
  readonly volumes: VolumeLine[];
  readonly measures: Measure[];
  readonly errors: InputError[];
  readonly warnings: InputError[];
  readonly conflicts: Conflict[];
  /** Expected ansvar on no returned template (an ansvar whose forecast is bad or empty has its own message). */
  readonly missing: string[];
  /** "saknas: 441 Hemtjänst Herrljunga Landsbygd, 443 Hemtjänst Ljung", or undefined when all came back. */
  readonly missingText: string | undefined;
  readonly files: FileSummary[];
  /** All files: read = used (consolidated) + rejected. */
  readonly rows: RowCounts;
  /** Forecast amounts, internal kronor: read = consolidated + rejected (conflicts). */
  readonly totals: { readonly read: number; readonly consolidated: number; readonly rejected: number };
}

interface Found<T> {
  readonly file: string;
  readonly key: string;
  readonly item: T;
}

/** Items met in one file only are kept; a key met in several files is a conflict and none of them is kept. */
function resolve<T>(found: readonly Found<T>[], what: (key: string) => string, errors: InputError[], sheet: string): { kept: T[]; rejected: Found<T>[]; conflicts: Conflict[] } {
  const byKey = new Map<string, Found<T>[]>();
  for (const f of found) byKey.set(f.key, [...(byKey.get(f.key) ?? []), f]);
  const kept: T[] = [];
  const rejected: Found<T>[] = [];
  const conflicts: Conflict[] = [];
  for (const [key, list] of byKey) {
    const files = [...new Set(list.map((f) => f.file))];
    if (files.length === 1) {
      kept.push(...list.map((f) => f.item));
      continue;
    }
    rejected.push(...list);
    conflicts.push({ key, files });
    errors.push({ sheet, message: `${what(key)} finns i flera inlämnade filer (${files.map((f) => `"${f}"`).join(", ")}): ingen av dem tas med; ta bort den från alla filer utom en.` });
  }
  return { kept, rejected, conflicts };
}

export async function consolidateTemplates(files: readonly ReturnedTemplate[], expected: ExpectedTemplates, settings: ReadSettings): Promise<Consolidation> {
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  const summaries: FileSummary[] = [];
  const forecasts: Found<ForecastEntry>[] = [];
  const volumes: Found<VolumeLine>[] = [];
  const measures: Found<Measure>[] = [];
  const all: RowCounts = { read: 0, used: 0, rejected: 0 };
  const expectedSet = new Set(expected.costCentres);
  /** Every ansvar on a returned forecast template, with or without a usable forecast. */
  const inTemplates = new Set<string>();

  for (const { file, reader } of files) {
    const scan = await scanWorkbook(reader, settings.columnMapping, { skipOwnOutput: false });
    const counts: RowCounts = { read: 0, used: 0, rejected: 0 };
    const fileErrors: InputError[] = scanErrors(scan, ["forecast", "volumes", "measures"]);
    const fileWarnings: InputError[] = [];
    const mine: string[] = [];
    let templates = 0;
    for (const s of scan.sheets) {
      const rows = new SheetRows(s.data, s.header);
      const kind = s.header.spec.kind;
      if (kind === "forecast" && !s.previous) {
        for (let r = rows.first; r < rows.end; r++) {
          const code = costCentreKey(rows.text(r, "costCentre"));
          if (code !== undefined && !rows.totalsLabel(r, ["costCentre", "name"])) inTemplates.add(code);
        }
        for (const f of readForecasts(rows, settings, counts, new Map(), new Map())) {
          forecasts.push({ file, key: f.costCentre, item: f });
          mine.push(f.costCentre);
          if (expectedSet.size > 0 && !expectedSet.has(f.costCentre)) fileWarnings.push({ sheet: s.data.sheet, message: `ansvar ${f.costCentre} ingår inte i utskicket men tas med.` });
        }
      } else if (kind === "volumes") {
        for (const v of readVolumeLines(rows, settings, counts, new Map())) volumes.push({ file, key: v.key, item: v });
      } else if (kind === "measures") {
        for (const m of readMeasures(rows, settings, counts, new Map())) measures.push({ file, key: m.id, item: m });
      } else continue;
      templates++;
      fileErrors.push(...rows.errors);
      fileWarnings.push(...rows.warnings);
    }
    if (templates === 0 && fileErrors.length === 0) {
      fileErrors.push({ sheet: (await reader.sheetNames())[0] ?? "", message: "filen har inget ifyllt underlag: förväntade bladet Prognos, Volymer eller Åtgärder med sin rubrikrad." });
    }
    errors.push(...fileErrors.map((e) => inFile(file, e)));
    warnings.push(...fileWarnings.map((e) => inFile(file, e)));
    summaries.push({ file, costCentres: mine, rows: counts });
    all.read += counts.read;
    all.used += counts.used;
    all.rejected += counts.rejected;
  }

  const f = resolve(forecasts, (k) => `Ansvar ${k}`, errors, "Prognos");
  const v = resolve(volumes, (k) => `Volymmåttet ${k}`, errors, "Volymer");
  const m = resolve(measures, (k) => `Åtgärd nr ${k}`, errors, "Åtgärder");
  const conflictRows = f.rejected.length + v.rejected.length + m.rejected.length;
  const rows: RowCounts = { read: all.read, used: all.used - conflictRows, rejected: all.rejected + conflictRows };

  // An ansvar on a returned template with a bad or empty forecast is not missing: its error or warning says why.
  const missing = expected.costCentres.filter((c) => !inTemplates.has(c));
  const label = (c: string): string => (expected.names?.[c] ? `${c} ${expected.names[c]}` : c);
  const sum = (list: readonly { forecast: number }[]): number => list.reduce((a, x) => a + x.forecast, 0);
  return {
    forecasts: f.kept,
    volumes: v.kept,
    measures: m.kept,
    errors,
    warnings,
    conflicts: [...f.conflicts, ...v.conflicts, ...m.conflicts],
    missing,
    missingText: missing.length > 0 ? `saknas: ${missing.map(label).join(", ")}` : undefined,
    files: summaries,
    rows,
    totals: { read: sum(forecasts.map((x) => x.item)), consolidated: sum(f.kept), rejected: sum(f.rejected.map((x) => x.item)) },
  };
}
