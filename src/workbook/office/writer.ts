/**
 * The workbook writer on Office.js: report layouts as real Excel tables in the open workbook, in a bounded
 * number of round trips (`context.sync()`): one to look at the workbook, one to read back our existing sheets
 * (to notice a user's edits; the task pane's question about them is asked right after this read, so the check and
 * the write share it), one or more to write every new sheet's values under a temporary name with calculation
 * suspended (each request kept under the size limit, in UTF-8 bytes), and, once Excel has calculated them, one
 * (more for very large sheets) with the formats, tables and charts over them followed by the swap of the new
 * sheets in, their frozen panes (a hidden sheet cannot be frozen), the templates' protection and the registry.
 * A failure while building deletes the temporary sheets and leaves the old output as it was.
 * It writes only its own sheets (the registry of `src/report/meta.ts`, shared with the exceljs writer). Where this
 * Excel is older than a feature (row grouping, indent, data validation) it falls back and the report's notices
 * say so in Swedish. A bridge is drawn as stacked columns on every Excel (`src/report/bridgeChart.ts`).
 */
import type { CellValue } from "../../cells";
import { SIGN_COLOURS, type SheetLayout } from "../../report/layout";
import {
  fingerprintCells,
  parseRegistry,
  REGISTRY_SHEET,
  registryValues,
  type CellContent,
  type RegistryEntry,
} from "../../report/meta";
import type { WorkbookWriter, WriteOptions, WriteReport } from "../types";
import {
  editedSheetDecision,
  keptRegistryEntries,
  layoutProblems,
  notOurSheetProblem,
  WriteRefused,
} from "../writeChecks";
import { officeColour, planSheet, type CellInput, type FormatOp, type Rect, type SheetPlan } from "./plan";
import { apiSupported, rowBlocks, SIZE_BUDGET, utf8Length, type SizeBudget } from "./requests";

export interface OfficeWriterOptions {
  /** Largest request and response, in characters of JSON; below Excel on the web's 5 MB. */
  readonly budget?: SizeBudget;
  /** The time stamp written to the registry; injectable for tests. */
  readonly now?: () => string;
  /** Whether the host has `ExcelApi` at a version ("1.8"); Office's requirement sets unless a test says otherwise. */
  readonly supports?: (version: string) => boolean;
}

/** Shown when the templates were written without data validation (`Range.dataValidation` is ExcelApi 1.8). */
export const NO_VALIDATION_NOTICE =
  "Din Excel-version saknar stöd för datavalidering (ExcelApi 1.8): mallarna skrevs utan listor och kontroller av det som fylls i. Kontrollera ifyllda värden när mallarna läses tillbaka.";

/** Shown when the rows were not grouped under their levels (`Range.group` is ExcelApi 1.10). */
export const NO_OUTLINE_NOTICE =
  "Din Excel-version saknar gruppering av rader (ExcelApi 1.10): ansvaren grupperades inte under sina verksamheter och kan inte fällas ihop.";

/** Shown when the names were not indented by level (`Range.format.indentLevel` is ExcelApi 1.9). */
export const NO_INDENT_NOTICE =
  "Din Excel-version saknar indrag i celler (ExcelApi 1.9): nivåerna i hierarkin visas utan indrag.";

/** What was left out or replaced on the written sheets because this Excel is older, in Swedish. */
function fallbackNotices(written: readonly SheetPlan[], features: Features): string[] {
  const uses = (kind: FormatOp["kind"]): boolean => written.some((p) => p.formats.some((op) => op.kind === kind));
  return [
    ...(!features.outline && uses("groupRows") ? [NO_OUTLINE_NOTICE] : []),
    ...(!features.indent && uses("indent") ? [NO_INDENT_NOTICE] : []),
    ...(!features.validation && uses("validation") ? [NO_VALIDATION_NOTICE] : []),
  ];
}

const TEMP_PREFIX = "~budgetkoll_";

/** The answer when some of our sheets were edited: replace them, keep them (the rest is written), or write nothing. */
export type EditedChoice = "replace" | "keep" | "cancel";

/** Asks the user what to do with our sheets they have edited (names as in the workbook). */
export type AskEdited = (sheets: readonly string[]) => Promise<EditedChoice>;

export interface OfficeWriteOptions extends Omit<WriteOptions, "onEdited"> {
  /** As `WriteOptions`, or the question to ask when some of our sheets were edited. */
  readonly onEdited: WriteOptions["onEdited"] | AskEdited;
  /**
   * Input sheets for the user to fill in (Kom igång), not output: written but left out of the registry, so the
   * input readers read them and no later run replaces them. The caller writes only sheets that do not exist.
   */
  readonly plain?: boolean;
}

export interface OfficeWriteReport extends WriteReport {
  /** The question was answered "cancel": nothing was written. */
  readonly cancelled?: boolean;
}

interface Existing {
  readonly sheet: Excel.Worksheet;
  readonly used: Excel.Range;
}

/** The workbook as one round trip finds it: its sheets and tables, the registry, and the sheets of these names. */
interface Lookup {
  readonly sheets: Excel.WorksheetCollection;
  readonly tables: Excel.TableCollection;
  readonly registrySheet: Excel.Worksheet;
  readonly registry: RegistryEntry[];
  /** The registry by sheet name, lower case. */
  readonly own: ReadonlyMap<string, RegistryEntry>;
  /** Per name asked for: the sheet (a null object when there is none) and its used range. */
  readonly targets: readonly Existing[];
}

interface Inspection extends Lookup {
  /** Our sheets of the layouts, by name in lower case. */
  readonly existing: ReadonlyMap<string, Existing>;
  /** Those of them the user has edited since we wrote them (not counting merged ones), named as in the workbook. */
  readonly edited: readonly string[];
  /** The fingerprint of each of them as it is now, by name in lower case. */
  readonly fingerprints: ReadonlyMap<string, string>;
}

/** The user's answer about one edited sheet, and the fingerprint of the sheet as it was when they were asked. */
interface Answer {
  readonly choice: EditedChoice;
  readonly fingerprint: string;
}

/** The edited sheets no answer covers: never asked about, or edited again since the answer was given. */
function unanswered(found: Inspection, answers: ReadonlyMap<string, Answer>): string[] {
  return found.edited.filter(
    (name) => answers.get(name.toLowerCase())?.fingerprint !== found.fingerprints.get(name.toLowerCase()),
  );
}

async function lookup(context: Excel.RequestContext, names: readonly string[]): Promise<Lookup> {
  const wb = context.workbook;
  const sheets = wb.worksheets.load("items/name");
  const tables = wb.tables.load("items/name,items/worksheet/name");
  const registrySheet = wb.worksheets.getItemOrNullObject(REGISTRY_SHEET).load("isNullObject");
  const registryUsed = registrySheet.getUsedRangeOrNullObject(true).load("values");
  const targets = names.map((name) => {
    const sheet = wb.worksheets.getItemOrNullObject(name).load("name,isNullObject");
    const used = sheet.getUsedRangeOrNullObject(true).load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
    return { sheet, used };
  });
  await context.sync();
  const registry = registryUsed.isNullObject ? [] : parseRegistry(registryUsed.values as CellValue[][]);
  return {
    sheets,
    tables,
    registrySheet,
    registry,
    own: new Map(registry.map((e) => [e.sheet.toLowerCase(), e])),
    targets,
  };
}

/** Our sheets whose content no longer has the fingerprint the registry saved when we wrote them. */
function editedOf(
  existing: ReadonlyMap<string, Existing>,
  fingerprints: ReadonlyMap<string, string>,
  own: ReadonlyMap<string, RegistryEntry>,
): string[] {
  return [...existing]
    .filter(([key]) => fingerprints.get(key) !== own.get(key)!.fingerprint)
    .map(([, t]) => t.sheet.name);
}

interface ReadJob {
  readonly key: string;
  readonly sheet: Excel.Worksheet;
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly bytes: number;
}

function halve(job: ReadJob): ReadJob[] {
  if (job.rowCount === 1) return [job];
  const top = Math.ceil(job.rowCount / 2);
  return [
    { ...job, rowCount: top, bytes: job.bytes / 2 },
    { ...job, row: job.row + top, rowCount: job.rowCount - top, bytes: job.bytes / 2 },
  ];
}

/** A cell read back from Excel as the fingerprint sees it: a formula when `formulas` says so and differs from the value. */
function contentOf(row: number, column: number, value: unknown, formula: unknown): CellContent | undefined {
  if (typeof formula === "string" && formula.startsWith("=") && formula !== value)
    return { row, column, value: null, formula: formula.slice(1) };
  if (value === "" || value === null || value === undefined) return undefined;
  return { row, column, value: value as CellValue };
}

function rangeOf(ws: Excel.Worksheet, r: Rect): Excel.Range {
  return ws.getRangeByIndexes(r.row, r.column, r.rowCount, r.columnCount);
}

/** Sets one value on every cell of a range (Office applies a single value to all cells of the range). */
function fillAll(range: Excel.Range, prop: "numberFormat", value: string): void {
  (range as unknown as Record<string, unknown>)[prop] = value;
}

interface Features {
  readonly indent: boolean;
  readonly outline: boolean;
  readonly screen: boolean;
  readonly validation: boolean;
}

function applyFormat(ws: Excel.Worksheet, op: FormatOp, features: Features): void {
  const range = rangeOf(ws, op.rect);
  switch (op.kind) {
    case "numberFormat":
      // Invariant codes (`#,##0`), shown with the user's separators; never numberFormatLocal (open bugs).
      return fillAll(range, "numberFormat", op.format);
    case "font": {
      const f = range.format.font;
      if (op.font.name !== undefined) f.name = op.font.name;
      if (op.font.size !== undefined) f.size = op.font.size;
      if (op.font.bold !== undefined) f.bold = op.font.bold;
      if (op.font.italic !== undefined) f.italic = op.font.italic;
      if (op.font.color !== undefined) f.color = op.font.color;
      return;
    }
    case "fill":
      range.format.fill.color = op.color;
      return;
    case "indent":
      if (features.indent) range.format.indentLevel = op.level;
      return;
    case "wrap":
      range.format.wrapText = true;
      return;
    case "alignTop":
      range.format.verticalAlignment = "Top";
      return;
    case "unlock":
      range.format.protection.locked = false;
      return;
    case "columnWidth":
      range.format.columnWidth = op.points;
      return;
    case "autofit":
      range.format.autofitColumns();
      return;
    case "groupRows":
      if (features.outline) range.group("ByRows");
      return;
    case "signColour": {
      // Red for underskott, green for överskott; tkr columns only from half a tkr, so a shown 0 stays uncoloured.
      const t = op.threshold;
      const rules = [
        { operator: t > 0 ? "LessThanOrEqual" : "LessThan", formula1: String(-t), colours: SIGN_COLOURS.deficit },
        { operator: t > 0 ? "GreaterThanOrEqual" : "GreaterThan", formula1: String(t), colours: SIGN_COLOURS.surplus },
      ] as const;
      for (const rule of rules) {
        const cf = range.conditionalFormats.add("CellValue");
        cf.cellValue.format.font.color = officeColour(rule.colours.font);
        cf.cellValue.format.fill.color = officeColour(rule.colours.fill);
        cf.cellValue.rule = { formula1: rule.formula1, operator: rule.operator };
      }
      return;
    }
    case "validation": {
      // Range.dataValidation is ExcelApi 1.8; the add-in promises 1.7, so older hosts get no validation.
      if (!features.validation) return;
      const v = op.validation;
      const dv = range.dataValidation;
      dv.rule =
        v.kind === "list"
          ? { list: { inCellDropDown: true, source: v.values.join(",") } }
          : { [v.kind]: { formula1: v.min ?? -1e12, formula2: v.max ?? 1e12, operator: "Between" } };
      dv.ignoreBlanks = v.allowBlank ?? true;
      dv.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle, message: v.error };
      if (v.prompt !== undefined) dv.prompt = { showPrompt: true, title: "", message: v.prompt };
      return;
    }
  }
}

export class OfficeWriter implements WorkbookWriter {
  private readonly budget: SizeBudget;
  private readonly now: () => string;
  private readonly supports: (version: string) => boolean;

  constructor(options: OfficeWriterOptions = {}) {
    this.budget = options.budget ?? SIZE_BUDGET;
    this.now = options.now ?? (() => new Date().toISOString().slice(0, 19));
    this.supports = options.supports ?? apiSupported;
  }

  async editedSheets(names: readonly string[]): Promise<string[]> {
    return Excel.run(async (context) => {
      // One round trip for the registry and the sheets, one (or more) to read back those that are ours.
      const found = await lookup(context, names);
      const existing = new Map<string, Existing>();
      for (const t of found.targets)
        if (!t.sheet.isNullObject && found.own.has(t.sheet.name.toLowerCase()))
          existing.set(t.sheet.name.toLowerCase(), t);
      return editedOf(existing, await this.readFingerprints(context, existing, []), found.own);
    });
  }

  /**
   * Writes the layouts. `onEdited` may be a question (the task pane's dialog): it is asked only when some of our
   * sheets were edited, after the one read that finds them, so that checking and writing share that read; the
   * answer "cancel" writes nothing. An answer covers only the sheets it was asked about, as they were when asked:
   * one edited while the question was open, or edited again after its answer, is asked about in a further question.
   */
  async writeSheets(layouts: readonly SheetLayout[], options: OfficeWriteOptions): Promise<OfficeWriteReport> {
    const merged = new Set((options.merged ?? []).map((n) => n.toLowerCase()));
    const features = this.features();
    const plans: SheetPlan[] = [];
    const planProblems: string[] = [];
    for (const layout of layouts) {
      try {
        plans.push(planSheet(layout));
      } catch (e) {
        planProblems.push((e as Error).message);
      }
    }
    return Excel.run(async (context) => {
      const wb = context.workbook;
      let found = await this.inspect(context, layouts, plans, planProblems, merged);
      const onEdited = options.onEdited;
      // The answer per edited sheet (lower case), each given for the sheet as it was when the user was asked.
      const answers = new Map<string, Answer>();
      if (typeof onEdited === "function") {
        for (let unasked = found.edited; unasked.length > 0; unasked = unanswered(found, answers)) {
          const choice = await onEdited(unasked);
          if (choice === "cancel") return { written: [], keptEdited: [], cancelled: true };
          for (const name of unasked)
            answers.set(name.toLowerCase(), { choice, fingerprint: found.fingerprints.get(name.toLowerCase())! });
          // The user may have edited a sheet while the question was open, one already answered for too: look again,
          // and ask about every edit no answer was given for (never replace an edit nobody was asked about). This
          // ends once a question stays open without edits.
          found = await this.inspect(context, layouts, plans, planProblems, merged);
        }
      }
      const { sheets, registrySheet, registry, existing } = found;
      const edited = new Set(found.edited.map((n) => n.toLowerCase()));
      const { toWrite, keptEdited, problems } = editedSheetDecision(
        plans,
        (plan) => plan.layout.name,
        (key) => edited.has(key),
        (key) => (typeof onEdited === "function" ? answers.get(key)?.choice : onEdited),
      );
      if (problems.length > 0) throw new WriteRefused(problems);
      if (toWrite.length === 0) return { written: [], keptEdited };

      // Build every new sheet under a temporary name; the old output stays until all of it is built.
      const leftovers = sheets.items.filter((s) => s.name.startsWith(TEMP_PREFIX)).map((s) => s.name);
      const temps = toWrite.map((_, i) => `${TEMP_PREFIX}${i}`);
      try {
        await this.build(context, toWrite, temps, leftovers, features);
      } catch (e) {
        await removeTemporarySheets(context).catch(() => undefined);
        throw e;
      }

      // Last round trip: swap the new sheets in, rename their tables, rewrite the registry.
      const stamp = this.now();
      const entries = keptRegistryEntries(
        registry,
        sheets.items.map((ws) => ws.name),
      );
      const positions = new Map(sheets.items.map((s, i) => [s.name.toLowerCase(), i]));
      toWrite.forEach((plan, i) => {
        const layout = plan.layout;
        const ws = wb.worksheets.getItem(temps[i]!);
        ws.visibility = layout.hidden ? "Hidden" : "Visible";
        // Panes are frozen once the sheet is visible (Excel refuses to freeze a hidden sheet); a hidden one needs none.
        if (!layout.hidden && layout.freeze && (layout.freeze.rows > 0 || layout.freeze.columns > 0)) {
          const { rows, columns } = layout.freeze;
          if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, columns));
          else if (rows > 0) ws.freezePanes.freezeRows(rows);
          else ws.freezePanes.freezeColumns(columns);
        }
        if (existing.has(layout.name.toLowerCase())) existing.get(layout.name.toLowerCase())!.sheet.delete();
        ws.name = layout.name;
        const position = positions.get(layout.name.toLowerCase());
        if (position !== undefined) ws.position = position;
        layout.tables.forEach((t, j) => (ws.tables.getItem(tempTableName(i, j)).name = t.name));
        if (layout.protection) {
          // Last, once its tables have their names. Without a password: protection guides the person filling in
          // a template, it is not security; the input cells were unlocked while building.
          ws.protection.protect({
            allowFormatColumns: layout.protection.allowFormatColumns ?? true,
            allowSort: layout.protection.allowSort ?? false,
            allowAutoFilter: layout.protection.allowFilter ?? true,
          });
        }
        if (!options.plain)
          entries.set(layout.name.toLowerCase(), { sheet: layout.name, fingerprint: plan.fingerprint, written: stamp });
      });
      if (!registrySheet.isNullObject) registrySheet.delete();
      // All text: the text format first, in the same batch, keeps every value as written (see safeText.ts).
      const values = registryValues([...entries.values()]).map((row) => row.map((v) => v ?? ""));
      const reg = wb.worksheets.add(REGISTRY_SHEET);
      const regRange = reg.getRangeByIndexes(0, 0, values.length, 3);
      fillAll(regRange, "numberFormat", "@");
      regRange.values = values;
      reg.visibility = "VeryHidden";
      const firstShown = toWrite.find((p) => !p.layout.hidden);
      if (firstShown) wb.worksheets.getItem(firstShown.layout.name).activate();
      try {
        // The last formats of the build go in this request, before the swap: a failure among them stops the request
        // before any old sheet is touched.
        await context.sync();
      } catch (e) {
        await removeTemporarySheets(context).catch(() => undefined);
        throw e;
      }
      const notices = fallbackNotices(toWrite, features);
      return { written: toWrite.map((p) => p.layout.name), keptEdited, ...(notices.length > 0 ? { notices } : {}) };
    });
  }

  /** What this Excel has of what the writer uses beyond ExcelApi 1.7 (the add-in's minimum). */
  private features(): Features {
    const supports = this.supports;
    return { indent: supports("1.9"), outline: supports("1.10"), screen: supports("1.9"), validation: supports("1.8") };
  }

  /**
   * Round trip 1, then 2 (and more only for very large sheets): looks at the workbook, refuses what cannot be
   * written (a user's sheet of the same name, a table name taken), and reads back our sheets to find the user's edits.
   */
  private async inspect(
    context: Excel.RequestContext,
    layouts: readonly SheetLayout[],
    plans: readonly SheetPlan[],
    planProblems: readonly string[],
    merged: ReadonlySet<string>,
  ): Promise<Inspection> {
    const found = await lookup(
      context,
      layouts.map((l) => l.name),
    );
    const replacing = new Set(layouts.map((l) => l.name.toLowerCase()));
    const otherTables = new Set(
      found.tables.items.filter((t) => !replacing.has(t.worksheet.name.toLowerCase())).map((t) => t.name.toLowerCase()),
    );
    const problems = [...planProblems, ...layoutProblems(layouts, otherTables)];
    const existing = new Map<string, Existing>();
    layouts.forEach((l, i) => {
      const t = found.targets[i]!;
      if (t.sheet.isNullObject) return;
      if (!found.own.has(t.sheet.name.toLowerCase())) {
        problems.push(notOurSheetProblem(t.sheet.name));
        return;
      }
      existing.set(l.name.toLowerCase(), t);
    });
    if (problems.length > 0) throw new WriteRefused(problems);
    const fingerprints = await this.readFingerprints(context, existing, plans);
    // Sheets whose edits the caller has merged into its layout are written over: they are not the user's to decide.
    const edited = editedOf(existing, fingerprints, found.own).filter((name) => !merged.has(name.toLowerCase()));
    return { ...found, existing, edited, fingerprints };
  }

  /**
   * Fingerprints of our existing sheets as they are now: values and formulas of their used ranges, read in row
   * blocks. A block's size is estimated from the new plan of the same sheet (what we wrote last time looks much
   * like what we write now): `values` and `formulas` together are about twice the JSON of the grid (1.6 times
   * for the 10,000-row prognosis report on the fake, which leaves formula results empty). Should a response still
   * pass the limit, the blocks are halved and read again.
   */
  private async readFingerprints(
    context: Excel.RequestContext,
    existing: ReadonlyMap<string, Existing>,
    plans: readonly SheetPlan[],
  ): Promise<Map<string, string>> {
    const contents = new Map<string, CellContent[]>();
    const jobs: ReadJob[] = [];
    for (const [key, { sheet, used }] of existing) {
      contents.set(key, []);
      if (used.isNullObject) continue;
      const plan = plans.find((p) => p.layout.name.toLowerCase() === key);
      const gridCells = plan ? plan.grid.length * plan.width : 0;
      const perCell = plan && gridCells > 0 ? Math.max(24, (2 * JSON.stringify(plan.grid).length) / gridCells) : 48;
      const rowsPerBlock = Math.max(1, Math.floor(this.budget.response / (used.columnCount * perCell)));
      for (let r = 0; r < used.rowCount; r += rowsPerBlock) {
        const rowCount = Math.min(rowsPerBlock, used.rowCount - r);
        jobs.push({
          key,
          sheet,
          row: used.rowIndex + r,
          column: used.columnIndex,
          rowCount,
          columnCount: used.columnCount,
          bytes: rowCount * used.columnCount * perCell,
        });
      }
    }
    const run = async (batch: ReadJob[]): Promise<void> => {
      const ranges = batch.map((job) =>
        job.sheet.getRangeByIndexes(job.row, job.column, job.rowCount, job.columnCount).load("values,formulas"),
      );
      try {
        await context.sync();
      } catch (e) {
        if (
          (e as { code?: string }).code !== "ResponsePayloadSizeLimitExceeded" ||
          batch.every((j) => j.rowCount === 1)
        )
          throw e;
        for (const half of batch.flatMap(halve)) await run([half]);
        return;
      }
      batch.forEach((job, n) => {
        const { values, formulas } = ranges[n]!;
        const out = contents.get(job.key)!;
        for (let i = 0; i < job.rowCount; i++) {
          for (let j = 0; j < job.columnCount; j++) {
            const c = contentOf(job.row + i, job.column + j, values[i]![j], formulas[i]![j]);
            if (c) out.push(c);
          }
        }
      });
    };
    let batch: ReadJob[] = [];
    let bytes = 0;
    for (const job of jobs) {
      if (batch.length > 0 && bytes + job.bytes > this.budget.response) {
        await run(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(job);
      bytes += job.bytes;
    }
    if (batch.length > 0) await run(batch);
    return new Map([...contents].map(([key, cells]) => [key, fingerprintCells(cells)]));
  }

  /** Writes every plan to its temporary sheet: values in row blocks packed into requests under the budget. */
  private async build(
    context: Excel.RequestContext,
    plans: readonly SheetPlan[],
    temps: readonly string[],
    leftovers: readonly string[],
    features: Features,
  ): Promise<void> {
    const wb = context.workbook;
    let requestSize = 0;
    let started = false;
    const begin = (): void => {
      if (started) return;
      started = true;
      wb.application.suspendApiCalculationUntilNextSync();
      if (features.screen) wb.application.suspendScreenUpdatingUntilNextSync();
    };
    const add = async (size: number): Promise<void> => {
      if (requestSize > 0 && requestSize + size > this.budget.request) {
        await context.sync();
        requestSize = 0;
        started = false;
      }
      begin();
      requestSize += size;
    };
    await add(0);
    for (const name of leftovers) wb.worksheets.getItem(name).delete();
    const sheets = plans.map((_, i) => {
      const ws = wb.worksheets.add(temps[i]!);
      ws.visibility = "Hidden";
      return ws;
    });
    for (const [i, plan] of plans.entries()) {
      const ws = sheets[i]!;
      for (const block of rowBlocks(plan.grid, this.budget.request)) {
        await add(block.size);
        ws.getRangeByIndexes(block.start, 0, block.rows.length, plan.width).formulas = block.rows as CellInput[][];
      }
    }
    // Excel calculates the formulas at the end of this sync (calculation was suspended while writing them): a chart
    // or an autofit over them must come after it.
    await context.sync();
    requestSize = 0;
    started = false;
    for (const [i, plan] of plans.entries()) {
      const ws = sheets[i]!;
      for (const op of plan.formats) {
        await add(formatRequestBytes(op));
        applyFormat(ws, op, features);
      }
      for (const [j, t] of plan.tables.entries()) {
        await add(2 * ACTION_BYTES + utf8Length(t.style));
        const table = ws.tables.add(rangeOf(ws, t.rect), true);
        table.name = tempTableName(i, j);
        table.style = t.style;
      }
      for (const chart of plan.charts) {
        await add((5 + 2 * chart.seriesFill.length) * ACTION_BYTES + utf8Length(chart.title));
        const c = ws.charts.add(chart.type, rangeOf(ws, chart.data), "Columns");
        c.title.text = chart.title;
        c.setPosition(rangeOf(ws, chart.position.start), rangeOf(ws, chart.position.end));
        chart.seriesFill.forEach((fill, s) => {
          const format = c.series.getItemAt(s).format.fill;
          if (fill === null) format.clear();
          else format.setSolidColor(fill);
        });
        if (!chart.legend) c.legend.visible = false;
      }
    }
    // The formats stay queued: the swap's round trip sends them first (see writeSheets).
  }
}

/**
 * Bytes of request per Office action (its entry and the object paths it names: the sheet, a range by indexes,
 * its format, font or fill), as the fake's Office-shaped request measures them: 250-330 bytes; 400 for a margin.
 */
const ACTION_BYTES = 400;

/** What one format operation adds to a request: its actions, and its text (a validation's list, a message). */
function formatRequestBytes(op: FormatOp): number {
  switch (op.kind) {
    case "font":
      return Object.keys(op.font).length * ACTION_BYTES + utf8Length(op.font.name ?? "");
    case "numberFormat":
      return ACTION_BYTES + utf8Length(op.format);
    case "signColour":
      // Two conditional formats, each added, coloured (font, fill) and given its rule.
      return 8 * ACTION_BYTES;
    case "validation":
      return 4 * ACTION_BYTES + utf8Length(JSON.stringify(op.validation));
    default:
      return ACTION_BYTES;
  }
}

/** Deletes the temporary sheets a failed build left (two round trips, on the failure path only). */
async function removeTemporarySheets(context: Excel.RequestContext): Promise<void> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  for (const ws of sheets.items) if (ws.name.startsWith(TEMP_PREFIX)) ws.delete();
  await context.sync();
}

/** Tables on a temporary sheet get temporary names (table names are unique in a workbook) until the swap. */
function tempTableName(sheet: number, table: number): string {
  return `Budgetkoll_tmp_${sheet}_${table}`;
}
