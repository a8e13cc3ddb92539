/** Workbook, worksheets, tables and charts of the fake Excel. */
import { formatAddress, intersects, quoteSheet, splitSheet, type Rect } from "./address";
import { requireCalculated } from "./calc";
import { Batch, ClientObject, itemNotFound, loadList, OfficeError, type LoadResult } from "./context";
import { FakeRange, parseRect, type SheetRef } from "./range";
import {
  cellKey,
  findSheet,
  newSheet,
  type FakeChart as ChartRecord,
  type FakeSheet,
  type FakeTable as TableRecord,
  type WorkbookState,
} from "./state";

const INVALID_SHEET_NAME = /[\\/?*[\]:]/;

function usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | undefined {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  for (const [key, cell] of sheet.cells) {
    if (valuesOnly && cell.value === null && cell.formula === undefined) continue;
    const r = Math.floor(key / 16_384);
    const c = key % 16_384;
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  }
  return r1 < 0 ? undefined : { row: r0, column: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1 };
}

function visibleCount(state: WorkbookState): number {
  return state.sheets.filter((s) => s.visibility === "Visible").length;
}

export class FakeWorksheet extends ClientObject implements SheetRef {
  private boundId?: number;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly freezePanes: FakeFreezePanes;
  readonly protection: FakeWorksheetProtection;

  constructor(
    batch: Batch,
    path: string,
    private readonly locate: () => FakeSheet | undefined,
    private readonly nullable: boolean,
  ) {
    super(batch, path);
    this.tables = new FakeTableCollection(batch, `${path}.tables`, this);
    this.charts = new FakeChartCollection(batch, `${path}.charts`, this);
    this.freezePanes = new FakeFreezePanes(this);
    this.protection = new FakeWorksheetProtection(this);
    if (nullable) this.trackNull();
  }

  /** The sheet this proxy is bound to; bound at first use, like Office's object paths. */
  resolve(): FakeSheet | undefined {
    if (this.boundId !== undefined) {
      const s = this.state.sheets.find((x) => x.id === this.boundId);
      if (!s) throw itemNotFound("worksheet (deleted)");
      return s;
    }
    const s = this.locate();
    if (!s) {
      if (this.nullable) return undefined;
      throw itemNotFound(`worksheet ${this.path}`);
    }
    this.boundId = s.id;
    return s;
  }

  target(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new OfficeError("InvalidObjectPath", "null worksheet");
    return s;
  }

  protected scalarProps(): readonly string[] {
    return ["name", "id", "position", "visibility", "isNullObject"];
  }
  protected snapshot(prop: string): unknown {
    const s = this.resolve();
    if (prop === "isNullObject") return s === undefined;
    if (!s) return undefined;
    if (prop === "name") return s.name;
    if (prop === "id") return `{${s.id}}`;
    if (prop === "position") return this.state.sheets.indexOf(s);
    return s.visibility;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.queue("name", v, () => {
      const s = this.target();
      if (!v || v.length > 31 || INVALID_SHEET_NAME.test(v))
        throw new OfficeError("InvalidArgument", `Invalid sheet name ${v}`);
      const other = findSheet(this.state, v);
      if (other && other !== s) throw new OfficeError("ItemAlreadyExists", `A sheet named ${v} already exists.`);
      // References follow a renamed sheet, as in Excel.
      const before = `${quoteSheet(s.name)}!`;
      for (const chart of this.state.sheets.flatMap((x) => x.charts)) {
        if (chart.source.startsWith(before)) chart.source = `${quoteSheet(v)}!${chart.source.slice(before.length)}`;
      }
      s.name = v;
    });
  }
  get position(): number {
    return this.read("position");
  }
  set position(v: number) {
    this.queue("position", v, () => {
      const s = this.target();
      const sheets = this.state.sheets;
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(Math.min(v, sheets.length), 0, s);
    });
  }
  get visibility(): FakeSheet["visibility"] {
    return this.read("visibility");
  }
  set visibility(v: FakeSheet["visibility"]) {
    this.queue("visibility", v, () => {
      const s = this.target();
      if (v !== "Visible" && s.visibility === "Visible" && visibleCount(this.state) === 1) {
        throw new OfficeError("InvalidOperation", "A workbook must keep at least one visible sheet.");
      }
      s.visibility = v;
    });
  }

  private range(name: string, rectOf: (sheet: FakeSheet) => Rect | undefined): FakeRange {
    return new FakeRange(this.batch, `${this.path}.${name}`, this, rectOf);
  }

  getRange(address?: string): FakeRange {
    return this.range(`getRange(${address ?? ""})`, (sheet) => {
      if (address === undefined) return { row: 0, column: 0, rowCount: 1_048_576, columnCount: 16_384 };
      const { sheet: name, local } = splitSheet(address);
      if (name !== undefined && name.toLowerCase() !== sheet.name.toLowerCase())
        throw new OfficeError("InvalidArgument", `Address on another sheet: ${address}`);
      return parseRect(local);
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1)
        throw new OfficeError("InvalidArgument", "Bad indexes.");
      return { row: startRow, column: startColumn, rowCount, columnCount };
    });
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return this.range(
      `getUsedRange(${valuesOnly})`,
      (sheet) => usedRect(sheet, valuesOnly) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const range = this.range(`getUsedRangeOrNullObject(${valuesOnly})`, (sheet) => usedRect(sheet, valuesOnly));
    range.load("isNullObject");
    return range;
  }

  delete(): void {
    this.queue("delete", undefined, () => {
      const s = this.target();
      if (s.visibility === "Visible" && visibleCount(this.state) === 1)
        throw new OfficeError("InvalidOperation", "The only visible sheet can't be deleted.");
      this.state.sheets = this.state.sheets.filter((x) => x !== s);
      this.state.tables = this.state.tables.filter((t) => t.sheetId !== s.id);
      if (this.state.activeSheetId === s.id)
        this.state.activeSheetId = this.state.sheets.find((x) => x.visibility === "Visible")?.id;
    });
  }
  activate(): void {
    this.queue("activate", undefined, () => {
      const s = this.target();
      if (s.visibility !== "Visible") throw new OfficeError("InvalidOperation", "A hidden sheet can't be activated.");
      this.state.activeSheetId = s.id;
    });
  }
  /** Outline: show rows up to this level (ExcelApi 1.10). */
  showOutlineLevels(rowLevels: number, columnLevels: number): void {
    this.queue("showOutlineLevels", [rowLevels, columnLevels], () => void this.target());
  }
}

export class FakeFreezePanes {
  constructor(private readonly ws: FakeWorksheet) {}
  private set(p: string, v: unknown, f: (s: FakeSheet) => void): void {
    this.ws.batch.enqueue(`${this.ws.path}.freezePanes`, p, v, () => {
      const sheet = this.ws.target();
      if (sheet.visibility !== "Visible")
        throw new OfficeError("InvalidOperation", "Freeze panes cannot be set on a hidden sheet.");
      f(sheet);
    });
  }
  freezeRows(count = 1): void {
    this.set("freezeRows", count, (s) => {
      s.frozen = { rows: count, columns: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this.set("freezeColumns", count, (s) => {
      s.frozen = { rows: 0, columns: count };
    });
  }
  /** Freezes the rows above and the columns left of the range's bottom-right corner, inclusive. */
  freezeAt(range: FakeRange | string): void {
    this.set("freezeAt", typeof range === "string" ? range : range.path, (s) => {
      const rect = typeof range === "string" ? parseRect(splitSheet(range).local) : range.locate()?.rect;
      if (!rect) throw new OfficeError("InvalidArgument", "freezeAt needs a range");
      s.frozen = { rows: rect.row + rect.rowCount, columns: rect.column + rect.columnCount };
    });
  }
  unfreeze(): void {
    this.set("unfreeze", undefined, (s) => (s.frozen = { rows: 0, columns: 0 }));
  }
}

export class FakeWorksheetProtection extends ClientObject {
  constructor(private readonly ws: FakeWorksheet) {
    super(ws.batch, `${ws.path}.protection`);
  }
  protected scalarProps(): readonly string[] {
    return ["protected"];
  }
  protected snapshot(): unknown {
    const s = this.ws.resolve();
    return s ? s.protection !== undefined : undefined;
  }
  get protected(): boolean {
    return this.read("protected");
  }
  protect(options: Record<string, boolean> = {}, password?: string): void {
    this.queue("protect", options, () => {
      const s = this.ws.target();
      if (s.protection) throw new OfficeError("InvalidOperation", "The sheet is already protected.");
      if (password !== undefined) throw new Error("fake: passwords are not modelled");
      s.protection = { ...options };
    });
  }
  unprotect(): void {
    this.queue("unprotect", undefined, () => void (this.ws.target().protection = undefined));
  }
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

export class FakeTable extends ClientObject {
  private boundId?: number;
  constructor(
    batch: Batch,
    path: string,
    private readonly locate: () => TableRecord | undefined,
    private readonly nullable: boolean,
  ) {
    super(batch, path);
    if (nullable) this.trackNull();
  }

  resolve(): TableRecord | undefined {
    if (this.boundId !== undefined) {
      const t = this.state.tables.find((x) => x.id === this.boundId);
      if (!t) throw itemNotFound("table (deleted)");
      return t;
    }
    const t = this.locate();
    if (!t) {
      if (this.nullable) return undefined;
      throw itemNotFound(`table ${this.path}`);
    }
    this.boundId = t.id;
    return t;
  }
  private target(): TableRecord {
    const t = this.resolve();
    if (!t) throw new OfficeError("InvalidObjectPath", "null table");
    return t;
  }

  private sheetProxy?: FakeWorksheet;
  get worksheet(): FakeWorksheet {
    this.sheetProxy ??= new FakeWorksheet(
      this.batch,
      `${this.path}.worksheet`,
      () => {
        const t = this.resolve();
        return t && this.state.sheets.find((s) => s.id === t.sheetId);
      },
      this.nullable,
    );
    return this.sheetProxy;
  }

  protected scalarProps(): readonly string[] {
    return ["name", "id", "style", "showBandedRows", "isNullObject"];
  }
  protected snapshot(prop: string): unknown {
    const t = this.resolve();
    if (prop === "isNullObject") return t === undefined;
    if (!t) return undefined;
    if (prop === "id") return `{${t.id}}`;
    return t[prop as "name" | "style" | "showBandedRows"];
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.queue("name", v, () => {
      const t = this.target();
      if (!TABLE_NAME.test(v) || /^[A-Za-z]{1,3}\d+$/.test(v))
        throw new OfficeError("InvalidArgument", `Invalid table name ${v}`);
      const other = this.state.tables.find((x) => x.name.toLowerCase() === v.toLowerCase());
      if (other && other !== t) throw new OfficeError("ItemAlreadyExists", `A table named ${v} already exists.`);
      // Taken as Excel's strictest case: a table on a protected sheet is not changed.
      if (this.state.sheets.find((s) => s.id === t.sheetId)?.protection)
        throw new OfficeError("AccessDenied", "The sheet is protected.");
      t.name = v;
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(v: string) {
    this.queue("style", v, () => void (this.target().style = v));
  }
  set showBandedRows(v: boolean) {
    this.queue("showBandedRows", v, () => void (this.target().showBandedRows = v));
  }

  private part(name: string, f: (r: Rect) => Rect | undefined): FakeRange {
    const sheetRef = this.worksheet;
    return new FakeRange(this.batch, `${this.path}.${name}`, sheetRef, () => {
      const t = this.resolve();
      return t && f(t.rect);
    });
  }
  getRange(): FakeRange {
    return this.part("getRange()", (r) => r);
  }
  getHeaderRowRange(): FakeRange {
    return this.part("getHeaderRowRange()", (r) => ({ ...r, rowCount: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.part("getDataBodyRange()", (r) => ({ ...r, row: r.row + 1, rowCount: r.rowCount - 1 }));
  }
  delete(): void {
    this.queue("delete", undefined, () => {
      const t = this.target();
      this.state.tables = this.state.tables.filter((x) => x !== t);
    });
  }
}

abstract class FakeCollection<T extends ClientObject> extends ClientObject {
  private loadedItems?: T[];
  protected abstract list(): { key: string; make: () => T }[];
  protected scalarProps(): readonly string[] {
    return ["count"];
  }
  protected snapshot(): unknown {
    return this.list().length;
  }
  get count(): number {
    return this.read("count");
  }
  get items(): T[] {
    if (!this.loadedItems)
      throw new OfficeError(
        "PropertyNotLoaded",
        "The property 'items' is not available. Call load and context.sync() first.",
      );
    return this.loadedItems;
  }
  /** "items", "items/name", "name, items/visibility": the item properties load with their collection, in one request. */
  override loadOps(spec?: string | string[] | { select?: string | string[] }): { p: string; run: () => LoadResult }[] {
    const props = loadList(spec);
    if (props === undefined) return [this.itemsOp(undefined)];
    const itemProps = props.filter((p) => p === "items" || p.startsWith("items/")).map((p) => p.slice("items/".length));
    const own = props.filter((p) => p !== "items" && !p.startsWith("items/"));
    const ops = own.length > 0 ? super.loadOps(own) : [];
    if (itemProps.length > 0) ops.push(this.itemsOp(itemProps.includes("") ? undefined : itemProps));
    return ops;
  }
  private itemsOp(itemProps: string[] | undefined): { p: string; run: () => LoadResult } {
    return {
      p: `items/${itemProps?.join(",") ?? "*"}`,
      run: () => {
        const items = this.list().map(({ make }) => make());
        const data = items.map((item) =>
          item.loadOps(itemProps).map((op) => {
            const r = op.run();
            r.commit(); // part of the same request: visible after this sync, like the collection
            return r.data;
          }),
        );
        return { data, commit: () => (this.loadedItems = items) };
      },
    };
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  protected list(): { key: string; make: () => FakeWorksheet }[] {
    return this.state.sheets.map((s) => ({ key: s.name, make: () => this.byId(s.id) }));
  }
  private byId(id: number): FakeWorksheet {
    return new FakeWorksheet(this.batch, `ws#${id}`, () => this.state.sheets.find((s) => s.id === id), false);
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.batch, `ws[${JSON.stringify(key)}]`, () => findSheet(this.state, key), false);
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.batch, `ws?[${JSON.stringify(key)}]`, () => findSheet(this.state, key), true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(
      this.batch,
      "ws.active",
      () => this.state.sheets.find((s) => s.id === this.state.activeSheetId),
      false,
    );
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.queue("add", name, () => {
      let n = name;
      if (n === undefined)
        for (let i = this.state.sheets.length + 1; !n || findSheet(this.state, n); i++) n = `Blad${i}`;
      if (n.length > 31 || INVALID_SHEET_NAME.test(n))
        throw new OfficeError("InvalidArgument", `Invalid sheet name ${n}`);
      if (findSheet(this.state, n)) throw new OfficeError("ItemAlreadyExists", `A sheet named ${n} already exists.`);
      created = newSheet(this.state, n);
    });
    return new FakeWorksheet(this.batch, `ws.add(${JSON.stringify(name ?? "")})`, () => created, false);
  }
}

export class FakeTableCollection extends FakeCollection<FakeTable> {
  constructor(
    batch: Batch,
    path: string,
    private readonly sheet?: FakeWorksheet,
  ) {
    super(batch, path);
  }
  private scope(): TableRecord[] {
    if (!this.sheet) return this.state.tables;
    const s = this.sheet.resolve();
    return s ? this.state.tables.filter((t) => t.sheetId === s.id) : [];
  }
  protected list(): { key: string; make: () => FakeTable }[] {
    return this.scope().map((t) => ({
      key: t.name,
      make: () => new FakeTable(this.batch, `table#${t.id}`, () => this.state.tables.find((x) => x.id === t.id), false),
    }));
  }
  private find(key: string): TableRecord | undefined {
    return this.scope().find((t) => t.name.toLowerCase() === key.toLowerCase());
  }
  getItem(key: string): FakeTable {
    return new FakeTable(this.batch, `table[${JSON.stringify(key)}]`, () => this.find(key), false);
  }
  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.batch, `table?[${JSON.stringify(key)}]`, () => this.find(key), true);
  }
  /** A table over a range whose first row holds the headers (as Excel, headers become unique text). */
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableRecord | undefined;
    this.queue("add", typeof address === "string" ? address : address.path, () => {
      if (!hasHeaders) throw new Error("fake: tables without a header row are not modelled");
      let sheet: FakeSheet | undefined;
      let rect: Rect | undefined;
      if (typeof address === "string") {
        const { sheet: name, local } = splitSheet(address);
        sheet = name !== undefined ? findSheet(this.state, name) : this.sheet?.target();
        rect = parseRect(local);
      } else {
        const t = address.locate();
        sheet = t?.sheet;
        rect = t?.rect;
      }
      if (!sheet || !rect) throw new OfficeError("InvalidArgument", "A table needs a range.");
      if (rect.rowCount < 2) throw new OfficeError("InvalidArgument", "A table needs a header row and a data row.");
      if (this.state.tables.some((t) => t.sheetId === sheet!.id && intersects(t.rect, rect!))) {
        throw new OfficeError("InvalidOperation", "A table can't overlap another table.");
      }
      if (sheet.protection) throw new OfficeError("AccessDenied", "The sheet is protected.");
      const seen = new Set<string>();
      for (let c = 0; c < rect.columnCount; c++) {
        const key = cellKey(rect.row, rect.column + c);
        const cell = sheet.cells.get(key);
        let header =
          cell?.value === null || cell?.value === undefined || cell.value === ""
            ? `Column${c + 1}`
            : String(cell.value);
        const base = header;
        for (let i = 2; seen.has(header.toLowerCase()); i++) header = `${base}${i}`;
        seen.add(header.toLowerCase());
        sheet.cells.set(key, { ...cell, value: header, formula: undefined });
      }
      let n = this.state.tables.length + 1;
      while (this.state.tables.some((t) => t.name === `Table${n}`)) n++;
      created = {
        id: this.state.nextId++,
        name: `Table${n}`,
        sheetId: sheet.id,
        rect,
        style: "TableStyleMedium2",
        showBandedRows: true,
      };
      this.state.tables.push(created);
    });
    return new FakeTable(this.batch, `${this.path}.add`, () => created, false);
  }
}

export class FakeChart extends ClientObject {
  record?: ChartRecord;
  readonly title: { text: string };
  readonly series: {
    getItemAt(i: number): {
      name: string;
      readonly format: { readonly fill: { clear(): void; setSolidColor(color: string): void } };
    };
  };
  readonly legend: { visible: boolean };

  constructor(batch: Batch, path: string) {
    super(batch, path);
    const set = (p: string, v: unknown, f: (c: ChartRecord) => void): void =>
      batch.enqueue(path, p, v, () => {
        if (!this.record) throw new OfficeError("InvalidObjectPath", "chart missing");
        f(this.record);
      });
    this.title = {
      set text(v: string) {
        set("title.text", v, (c) => (c.title = v));
      },
      get text(): never {
        throw new Error("fake: write-only");
      },
    };
    this.series = {
      getItemAt: (i: number) => ({
        set name(v: string) {
          set(`series[${i}].name`, v, (c) => (c.seriesNames[i] = v));
        },
        get name(): never {
          throw new Error("fake: write-only");
        },
        format: {
          fill: {
            clear: () => set(`series[${i}].format.fill.clear`, undefined, (c) => c.noFillSeries.push(i)),
            setSolidColor: (color: string) =>
              set(`series[${i}].format.fill.setSolidColor`, color, (c) => (c.seriesFill[i] = color)),
          },
        },
      }),
    };
    this.legend = {
      set visible(v: boolean) {
        set("legend.visible", v, (c) => (c.legendVisible = v));
      },
      get visible(): never {
        throw new Error("fake: write-only");
      },
    };
  }
  protected scalarProps(): readonly string[] {
    return ["name", "chartType"];
  }
  protected snapshot(prop: string): unknown {
    return prop === "name" ? this.record?.name : this.record?.type;
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.queue("name", v, () => void (this.record!.name = v));
  }
  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    const a = (x: string | FakeRange | undefined): string | undefined => {
      if (x === undefined || typeof x === "string") return x;
      const t = x.locate();
      return t && formatAddress(t.sheet.name, t.rect).split("!")[1];
    };
    this.queue("setPosition", [typeof startCell === "string" ? startCell : startCell.path], () => {
      this.record!.position = { start: a(startCell)!, end: a(endCell) };
    });
  }
}

export class FakeChartCollection extends FakeCollection<FakeChart> {
  constructor(
    batch: Batch,
    path: string,
    private readonly ws: FakeWorksheet,
  ) {
    super(batch, path);
  }
  protected list(): { key: string; make: () => FakeChart }[] {
    const s = this.ws.resolve();
    return (s?.charts ?? []).map((c) => ({
      key: c.name,
      make: () => {
        const chart = new FakeChart(this.batch, `chart#${c.id}`);
        chart.record = c;
        return chart;
      },
    }));
  }
  add(type: string, sourceData: FakeRange, seriesBy = "Auto"): FakeChart {
    const chart = new FakeChart(this.batch, `${this.path}.add`);
    this.queue("add", [type, sourceData.path, seriesBy], () => {
      const sheet = this.ws.target();
      const src = sourceData.locate();
      if (!src) throw new OfficeError("InvalidArgument", "A chart needs source data.");
      if (type === "Waterfall" && this.state.excelApiMinor < 9)
        throw new OfficeError("InvalidArgument", "Chart type not supported.");
      requireCalculated(this.state, src.sheet, src.rect, "charts.add");
      const id = this.state.nextId++;
      chart.record = {
        id,
        name: `Diagram ${id}`,
        type,
        source: formatAddress(src.sheet.name, src.rect),
        seriesBy,
        noFillSeries: [],
        seriesFill: {},
        legendVisible: true,
        seriesNames: {},
      };
      sheet.charts.push(chart.record);
    });
    return chart;
  }
}

export class FakeApplication extends ClientObject {
  protected scalarProps(): readonly string[] {
    return ["calculationMode"];
  }
  protected snapshot(): unknown {
    return this.state.calculationMode;
  }
  get calculationMode(): WorkbookState["calculationMode"] {
    return this.read("calculationMode");
  }
  set calculationMode(v: WorkbookState["calculationMode"]) {
    this.queue("calculationMode", v, () => void (this.state.calculationMode = v));
  }
  suspendApiCalculationUntilNextSync(): void {
    this.queue("suspendApiCalculationUntilNextSync", undefined, () => void this.state.suspended.calculation++);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.queue("suspendScreenUpdatingUntilNextSync", undefined, () => void this.state.suspended.screenUpdating++);
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;
  constructor(private readonly batch: Batch) {
    this.worksheets = new FakeWorksheetCollection(batch, "ws");
    this.tables = new FakeTableCollection(batch, "tables");
    this.application = new FakeApplication(batch, "app");
  }
  getSelectedRange(): FakeRange {
    const state = this.batch.state;
    const ws = new FakeWorksheet(
      this.batch,
      "ws.selection",
      () => state.sheets.find((s) => s.id === (state.selection?.sheetId ?? state.activeSheetId)),
      false,
    );
    return new FakeRange(
      this.batch,
      "selection",
      ws,
      () => state.selection?.rect ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
    );
  }
}
