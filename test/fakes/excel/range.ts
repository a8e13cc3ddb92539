/** Range and its format, conditional formats and data validation, on real addresses. */
import { formatAddress, intersects, MAX_COLUMNS, MAX_ROWS, parseLocal, type Rect } from "./address";
import { markDirty, requireCalculated } from "./calc";
import { ClientObject, OfficeError, type Batch } from "./context";
import { cellKey, setCell, type CellFormat, type FakeCell, type FakeSheet, type Scalar } from "./state";

/** The worksheet a range lives on, as the range needs it (implemented by the worksheet proxy). */
export interface SheetRef {
  readonly path: string;
  /** The sheet now (at sync), or undefined for a null object; throws ItemNotFound when required and missing. */
  resolve(): FakeSheet | undefined;
}

type RectOf = (sheet: FakeSheet) => Rect | undefined;

const BROADCAST_LIMIT = 2_000_000;

function checkInside(r: Rect): Rect {
  if (
    r.row < 0 ||
    r.column < 0 ||
    r.rowCount < 1 ||
    r.columnCount < 1 ||
    r.row + r.rowCount > MAX_ROWS ||
    r.column + r.columnCount > MAX_COLUMNS
  ) {
    throw new OfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
  }
  return r;
}

function eachCell(rect: Rect, f: (row: number, column: number, i: number, j: number) => void): void {
  if (rect.rowCount * rect.columnCount > BROADCAST_LIMIT)
    throw new Error("fake: range too large to format cell by cell");
  for (let i = 0; i < rect.rowCount; i++)
    for (let j = 0; j < rect.columnCount; j++) f(rect.row + i, rect.column + j, i, j);
}

function isLocked(cell: FakeCell | undefined): boolean {
  return cell?.format?.locked !== false;
}

/** A 2-D input for a range: same dimensions, or one scalar for every cell. */
function cellInput(input: unknown, rect: Rect): (i: number, j: number) => unknown {
  if (!Array.isArray(input)) return () => input;
  if (input.length !== rect.rowCount || input.some((row) => !Array.isArray(row) || row.length !== rect.columnCount)) {
    throw new OfficeError(
      "InvalidArgument",
      "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    );
  }
  return (i, j) => (input as unknown[][])[i]![j];
}

/** Excel hands numbers back with at most 15 significant digits (1/3 as 0.333333333333333). */
export function excelNumber<T>(v: T): T | number {
  return typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(15)) : v;
}

export class FakeRange extends ClientObject {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormats;
  readonly dataValidation: FakeDataValidation;

  constructor(
    batch: Batch,
    path: string,
    readonly sheetRef: SheetRef,
    private readonly rectOf: RectOf,
  ) {
    super(batch, path);
    this.format = new FakeRangeFormat(this);
    this.conditionalFormats = new FakeConditionalFormats(this);
    this.dataValidation = new FakeDataValidation(this);
  }

  /** The worksheet the range is on (`Range.worksheet`): the worksheet proxy it was made from. */
  get worksheet(): SheetRef {
    return this.sheetRef;
  }

  /** Sheet and rectangle now; undefined for a null object. */
  locate(): { sheet: FakeSheet; rect: Rect } | undefined {
    const sheet = this.sheetRef.resolve();
    if (!sheet) return undefined;
    const rect = this.rectOf(sheet);
    return rect ? { sheet, rect } : undefined;
  }

  /** Sheet and rectangle for a write: a null object fails. */
  private target(): { sheet: FakeSheet; rect: Rect } {
    const t = this.locate();
    if (!t) throw new OfficeError("InvalidObjectPath", "The object path isn't working for what you're trying to do.");
    return t;
  }

  /** Fails like Excel when a locked cell of a protected sheet would change. */
  guardProtection(sheet: FakeSheet, rect: Rect): void {
    if (!sheet.protection) return;
    eachCell(rect, (r, c) => {
      if (isLocked(sheet.cells.get(cellKey(r, c))))
        throw new OfficeError("AccessDenied", "The cell or chart you're trying to change is protected.");
    });
  }

  protected scalarProps(): readonly string[] {
    return [
      "address",
      "values",
      "formulas",
      "numberFormat",
      "rowCount",
      "columnCount",
      "rowIndex",
      "columnIndex",
      "rowHidden",
      "isNullObject",
    ];
  }

  protected snapshot(prop: string): unknown {
    const t = this.locate();
    if (prop === "isNullObject") return t === undefined;
    if (!t) return undefined;
    const { sheet, rect } = t;
    switch (prop) {
      case "address":
        return formatAddress(sheet.name, rect);
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "rowHidden": {
        let hidden = 0;
        for (const r of sheet.hiddenRows) if (r >= rect.row && r < rect.row + rect.rowCount) hidden++;
        return hidden === 0 ? false : hidden === rect.rowCount ? true : null;
      }
    }
    if (rect.rowCount * rect.columnCount > this.state.limits.cellsPerGet) {
      throw new OfficeError("ResponsePayloadSizeLimitExceeded", "The range has more cells than one request may get.");
    }
    const grid: unknown[][] = [];
    for (let i = 0; i < rect.rowCount; i++) {
      const row: unknown[] = [];
      for (let j = 0; j < rect.columnCount; j++) {
        const cell = sheet.cells.get(cellKey(rect.row + i, rect.column + j));
        if (prop === "values") row.push(excelNumber(cell?.value ?? ""));
        // Excel drops the prefix apostrophe here: text "=x" reads back as "=x".
        else if (prop === "formulas")
          row.push(cell?.formula !== undefined ? `=${cell.formula}` : excelNumber(cell?.value ?? ""));
        else row.push(cell?.numberFormat ?? "General");
      }
      grid.push(row);
    }
    return grid;
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowHidden(): boolean | null {
    return this.read("rowHidden");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get values(): Scalar[][] {
    return this.read("values");
  }
  set values(v: unknown) {
    this.writeCells("values", v);
  }
  get formulas(): Scalar[][] {
    return this.read("formulas");
  }
  set formulas(v: unknown) {
    this.writeCells("formulas", v);
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: unknown) {
    this.queue("numberFormat", v, () => {
      const { sheet, rect } = this.target();
      this.guardProtection(sheet, rect);
      const at = cellInput(v, rect);
      eachCell(rect, (r, c, i, j) => {
        const key = cellKey(r, c);
        const cell = sheet.cells.get(key) ?? { value: null };
        cell.numberFormat = String(at(i, j));
        sheet.cells.set(key, cell);
      });
    });
  }

  private writeCells(prop: string, v: unknown): void {
    this.queue(prop, v, () => {
      const { sheet, rect } = this.target();
      this.guardProtection(sheet, rect);
      const at = cellInput(v, rect);
      eachCell(rect, (r, c, i, j) => {
        const x = at(i, j);
        if (x === null && prop === "values") return; // null leaves the cell as it is
        if (x !== null && typeof x === "object")
          throw new OfficeError("InvalidArgument", "A cell value must be a number, text or boolean.");
        setCell(sheet, r, c, x as Scalar | null, true);
        markDirty(this.state, sheet, cellKey(r, c));
      });
    });
  }

  private derived(name: string, f: (rect: Rect) => Rect): FakeRange {
    return new FakeRange(this.batch, `${this.path}.${name}`, this.sheetRef, (sheet) => {
      const rect = this.rectOf(sheet);
      return rect && checkInside(f(rect));
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived(`getCell(${row},${column})`, (r) => ({
      row: r.row + row,
      column: r.column + column,
      rowCount: 1,
      columnCount: 1,
    }));
  }
  getRow(row: number): FakeRange {
    return this.derived(`getRow(${row})`, (r) => ({ ...r, row: r.row + row, rowCount: 1 }));
  }
  getColumn(column: number): FakeRange {
    return this.derived(`getColumn(${column})`, (r) => ({ ...r, column: r.column + column, columnCount: 1 }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (r) => ({
      ...r,
      rowCount: r.rowCount + deltaRows,
      columnCount: r.columnCount + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (r) => ({
      ...r,
      row: r.row + rowOffset,
      column: r.column + columnOffset,
    }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derived(`getAbsoluteResizedRange(${numRows},${numColumns})`, (r) => ({
      ...r,
      rowCount: numRows,
      columnCount: numColumns,
    }));
  }

  /** Outline grouping (ExcelApi 1.10): one level deeper for the rows. */
  group(groupOption: "ByRows" | "ByColumns"): void {
    this.queue("group", groupOption, () => {
      const { sheet, rect } = this.target();
      if (groupOption !== "ByRows") throw new Error("fake: only row groups");
      for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
        const level = (sheet.outline.get(r) ?? 0) + 1;
        if (level > 7) throw new OfficeError("InvalidOperation", "Outline deeper than 7 levels.");
        sheet.outline.set(r, level);
      }
    });
  }

  /** The merged areas that touch the range (ExcelApi 1.13); a null object when there are none. */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this);
  }

  clear(): void {
    this.queue("clear", undefined, () => {
      const { sheet, rect } = this.target();
      eachCell(rect, (r, c) => sheet.cells.delete(cellKey(r, c)));
    });
  }

  select(): void {
    this.queue("select", undefined, () => {
      const { sheet, rect } = this.target();
      this.state.selection = { sheetId: sheet.id, rect };
      this.state.activeSheetId = sheet.id;
    });
  }
}

export class FakeRangeFormat extends ClientObject {
  readonly font: FakeFont;
  readonly fill: FakeFill;
  readonly protection: FakeFormatProtection;

  constructor(readonly range: FakeRange) {
    super(range.batch, `${range.path}.format`);
    this.font = new FakeFont(this);
    this.fill = new FakeFill(this);
    this.protection = new FakeFormatProtection(this);
  }

  protected scalarProps(): readonly string[] {
    return ["columnWidth", "rowHeight", "wrapText", "indentLevel", "horizontalAlignment", "verticalAlignment"];
  }
  protected snapshot(prop: string): unknown {
    const t = this.range.locate();
    if (!t) return undefined;
    if (prop === "columnWidth") return t.sheet.columnWidths.get(t.rect.column) ?? 48;
    if (prop === "rowHeight") return t.sheet.rowHeights.get(t.rect.row) ?? 15;
    const cell = t.sheet.cells.get(cellKey(t.rect.row, t.rect.column));
    return cell?.format?.[prop as keyof CellFormat] ?? null;
  }

  /** Sets one format field on every cell of the range (at sync). */
  setCells(p: string, v: unknown, field: keyof CellFormat, checkProtection = true): void {
    this.batch.enqueue(this.path, p, v, () => {
      const t = this.range.locate();
      if (!t) throw new OfficeError("InvalidObjectPath", "null range");
      if (checkProtection && t.sheet.protection) throw new OfficeError("AccessDenied", "The sheet is protected.");
      eachCell(t.rect, (r, c) => {
        const key = cellKey(r, c);
        const cell = t.sheet.cells.get(key) ?? { value: null };
        cell.format = { ...cell.format, [field]: v };
        t.sheet.cells.set(key, cell);
      });
    });
  }

  private sized(p: string, v: unknown, apply: (sheet: FakeSheet, rect: Rect) => void): void {
    this.batch.enqueue(this.path, p, v, () => {
      const t = this.range.locate();
      if (!t) throw new OfficeError("InvalidObjectPath", "null range");
      apply(t.sheet, t.rect);
    });
  }

  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(points: number) {
    this.sized("columnWidth", points, (sheet, rect) => {
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) sheet.columnWidths.set(c, points);
    });
  }
  get rowHeight(): number {
    return this.read("rowHeight");
  }
  set rowHeight(points: number) {
    this.sized("rowHeight", points, (sheet, rect) => {
      for (let r = rect.row; r < rect.row + rect.rowCount; r++) sheet.rowHeights.set(r, points);
    });
  }
  set wrapText(v: boolean) {
    this.setCells("wrapText", v, "wrapText");
  }
  set indentLevel(v: number) {
    this.setCells("indentLevel", v, "indentLevel");
  }
  set verticalAlignment(v: string) {
    this.setCells("verticalAlignment", v, "verticalAlignment");
  }
  set horizontalAlignment(v: string) {
    this.setCells("horizontalAlignment", v, "horizontalAlignment");
  }

  /** Widths from the longest shown text of each column (about 7 points a character, Calibri 11). */
  autofitColumns(): void {
    this.sized("autofitColumns", undefined, (sheet, rect) => {
      requireCalculated(this.state, sheet, rect, "autofitColumns");
      const longest = new Map<number, number>();
      for (const [key, cell] of sheet.cells) {
        const r = Math.floor(key / 16_384);
        const c = key % 16_384;
        if (c < rect.column || c >= rect.column + rect.columnCount || r < rect.row || r >= rect.row + rect.rowCount)
          continue;
        const text = cell.value === null ? "" : String(cell.value);
        longest.set(c, Math.max(longest.get(c) ?? 0, text.length));
      }
      for (let c = rect.column; c < rect.column + rect.columnCount; c++)
        sheet.columnWidths.set(c, Math.max(48, (longest.get(c) ?? 0) * 7));
    });
  }
  autofitRows(): void {
    this.sized("autofitRows", undefined, () => undefined);
  }
}

export class FakeFont extends ClientObject {
  constructor(private readonly owner: FakeRangeFormat) {
    super(owner.batch, `${owner.path}.font`);
  }
  protected scalarProps(): readonly string[] {
    return ["bold", "italic", "color", "size", "name"];
  }
  protected snapshot(prop: string): unknown {
    const t = this.owner.range.locate();
    if (!t) return undefined;
    const f = t.sheet.cells.get(cellKey(t.rect.row, t.rect.column))?.format;
    const field = ({ bold: "bold", italic: "italic", color: "fontColor", size: "fontSize", name: "fontName" } as const)[
      prop as "bold"
    ];
    return f?.[field] ?? null;
  }
  get bold(): boolean {
    return this.read("bold");
  }
  set bold(v: boolean) {
    this.owner.setCells("font.bold", v, "bold");
  }
  set italic(v: boolean) {
    this.owner.setCells("font.italic", v, "italic");
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.owner.setCells("font.color", v, "fontColor");
  }
  set size(v: number) {
    this.owner.setCells("font.size", v, "fontSize");
  }
  set name(v: string) {
    this.owner.setCells("font.name", v, "fontName");
  }
}

export class FakeFill extends ClientObject {
  constructor(private readonly owner: FakeRangeFormat) {
    super(owner.batch, `${owner.path}.fill`);
  }
  protected scalarProps(): readonly string[] {
    return ["color"];
  }
  protected snapshot(): unknown {
    const t = this.owner.range.locate();
    return t ? (t.sheet.cells.get(cellKey(t.rect.row, t.rect.column))?.format?.fill ?? null) : undefined;
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.owner.setCells("fill.color", v, "fill");
  }
  clear(): void {
    this.owner.setCells("fill.clear", undefined, "fill");
  }
}

export class FakeFormatProtection extends ClientObject {
  constructor(private readonly owner: FakeRangeFormat) {
    super(owner.batch, `${owner.path}.protection`);
  }
  protected scalarProps(): readonly string[] {
    return ["locked"];
  }
  protected snapshot(): unknown {
    const t = this.owner.range.locate();
    return t ? isLocked(t.sheet.cells.get(cellKey(t.rect.row, t.rect.column))) : undefined;
  }
  get locked(): boolean {
    return this.read("locked");
  }
  set locked(v: boolean) {
    this.owner.setCells("protection.locked", v, "locked");
  }
}

export class FakeConditionalFormats {
  constructor(private readonly range: FakeRange) {}

  add(type: string): FakeConditionalFormat {
    const cf = new FakeConditionalFormat(this.range, type);
    this.range.batch.enqueue(this.range.path, "conditionalFormats.add", type, () => {
      const t = this.range.locate();
      if (!t) throw new OfficeError("InvalidObjectPath", "null range");
      cf.record = { rect: t.rect, type };
      t.sheet.conditionalFormats.push(cf.record);
    });
    return cf;
  }

  clearAll(): void {
    this.range.batch.enqueue(this.range.path, "conditionalFormats.clearAll", undefined, () => {
      const t = this.range.locate();
      if (t) t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((c) => c.rect !== t.rect);
    });
  }
}

/** A cell-value conditional format: `cf.cellValue.rule` and `cf.cellValue.format.font.color / fill.color`. */
export class FakeConditionalFormat {
  record?: FakeSheet["conditionalFormats"][number];
  readonly cellValue: {
    rule: { formula1: string; formula2?: string; operator: string };
    readonly format: { readonly font: { color: string }; readonly fill: { color: string } };
  };

  constructor(range: FakeRange, type: string) {
    if (type !== "CellValue") throw new Error(`fake: conditional format ${type} not modelled`);
    const set = (p: string, v: unknown, f: (r: NonNullable<FakeConditionalFormat["record"]>) => void): void =>
      range.batch.enqueue(`${range.path}.cf`, p, v, () => {
        if (!this.record) throw new OfficeError("InvalidObjectPath", "conditional format missing");
        f(this.record);
      });
    this.cellValue = {
      set rule(rule: { formula1: string; formula2?: string; operator: string }) {
        set("cellValue.rule", rule, (r) => (r.rule = rule));
      },
      get rule(): never {
        throw new Error("fake: write-only");
      },
      format: {
        font: {
          set color(v: string) {
            set("cellValue.format.font.color", v, (r) => (r.fontColor = v));
          },
          get color(): never {
            throw new Error("fake: write-only");
          },
        },
        fill: {
          set color(v: string) {
            set("cellValue.format.fill.color", v, (r) => (r.fill = v));
          },
          get color(): never {
            throw new Error("fake: write-only");
          },
        },
      },
    };
  }
}

export class FakeDataValidation {
  constructor(private readonly range: FakeRange) {}

  private set(p: "rule" | "errorAlert" | "prompt" | "ignoreBlanks", v: unknown): void {
    this.range.batch.enqueue(this.range.path, `dataValidation.${p}`, v, () => {
      const t = this.range.locate();
      if (!t) throw new OfficeError("InvalidObjectPath", "null range");
      const key = `${t.rect.row},${t.rect.column},${t.rect.rowCount},${t.rect.columnCount}`;
      let record = t.sheet.validations.find(
        (x) => `${x.rect.row},${x.rect.column},${x.rect.rowCount},${x.rect.columnCount}` === key,
      );
      if (!record) t.sheet.validations.push((record = { rect: t.rect }));
      record[p] = v as never;
    });
  }
  set rule(v: unknown) {
    this.set("rule", v);
  }
  set errorAlert(v: unknown) {
    this.set("errorAlert", v);
  }
  set prompt(v: unknown) {
    this.set("prompt", v);
  }
  set ignoreBlanks(v: boolean) {
    this.set("ignoreBlanks", v);
  }
  clear(): void {
    this.range.batch.enqueue(this.range.path, "dataValidation.clear", undefined, () => {
      const t = this.range.locate();
      if (t) t.sheet.validations = t.sheet.validations.filter((x) => x.rect !== t.rect);
    });
  }
}

export function parseRect(local: string): Rect {
  try {
    return parseLocal(local);
  } catch {
    throw new OfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${local}`);
  }
}

export class FakeRangeAreas extends ClientObject {
  constructor(private readonly range: FakeRange) {
    super(range.batch, `${range.path}.getMergedAreasOrNullObject()`);
    this.trackNull();
  }
  private areas(): { sheet: FakeSheet; rects: Rect[] } | undefined {
    const t = this.range.locate();
    if (!t) return undefined;
    const rects = t.sheet.merged.filter((m) => intersects(m, t.rect));
    return rects.length > 0 ? { sheet: t.sheet, rects } : undefined;
  }
  protected scalarProps(): readonly string[] {
    return ["address", "areaCount", "isNullObject"];
  }
  protected snapshot(prop: string): unknown {
    const a = this.areas();
    if (prop === "isNullObject") return a === undefined;
    if (!a) return undefined;
    return prop === "areaCount" ? a.rects.length : a.rects.map((r) => formatAddress(a.sheet.name, r)).join(",");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
}
