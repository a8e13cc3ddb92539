/**
 * A typed fake of the part of the Excel JavaScript API that Budgetkoll uses, with Office's load/sync semantics,
 * round-trip and payload counters and Excel on the web's 5 MB request limit. Free of Node APIs: the task pane's
 * browser test bundles it as a stub office.js (`installExcelFake(globalThis, createWorkbook(...))`).
 */
import { Batch, OfficeError } from "./context";
import type { WorkbookState } from "./state";
import { FakeWorkbook } from "./workbook";

export { OfficeError } from "./context";
export { createWorkbook, readCell, readValues, syncSummary, tableAddress, EXCEL_LIMITS } from "./state";
export type { WorkbookState, FakeSheet, FakeCell, Seed, SyncRecord } from "./state";

export class FakeRequestContext {
  private readonly batch: Batch;
  readonly workbook: FakeWorkbook;
  constructor(state: WorkbookState) {
    this.batch = new Batch(state);
    this.workbook = new FakeWorkbook(this.batch);
  }
  sync(): Promise<void> {
    return this.batch.sync();
  }
  /** Operations queued and not yet synced. */
  get pending(): number {
    return this.batch.pending;
  }
}

/** `Excel.run`: runs the batch function, then syncs whatever it left queued (as office.js does). */
export async function run<T>(state: WorkbookState, batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
  const context = new FakeRequestContext(state);
  const result = await batch(context);
  if (context.pending > 0) await context.sync();
  return result;
}

/** Whether the fake host has `ExcelApi` at this version ("1.9"); other sets are not supported. */
function isSetSupported(state: WorkbookState, name: string, version = "1.1"): boolean {
  const [major, minor = "0"] = version.split(".");
  return name === "ExcelApi" && major === "1" && Number(minor) <= state.excelApiMinor;
}

/**
 * Installs `Excel`, `Office` and `OfficeExtension` on a global object (globalThis in the browser or a test).
 * Returns a function that removes them again.
 */
export function installExcelFake(target: object, state: WorkbookState): () => void {
  const g = target as Record<string, unknown>;
  const previous = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  g.Excel = {
    run: <T>(batch: (context: FakeRequestContext) => Promise<T>) => run(state, batch),
    RequestContext: function RequestContext() {
      return new FakeRequestContext(state);
    },
  };
  g.Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    context: {
      requirements: { isSetSupported: (name: string, version?: string) => isSetSupported(state, name, version) },
    },
    onReady: (callback?: (info: { host: string; platform: string }) => void) => {
      const info = { host: "Excel", platform: "OfficeOnline" };
      callback?.(info);
      return Promise.resolve(info);
    },
  };
  g.OfficeExtension = { Error: OfficeError };
  return () => Object.assign(g, previous);
}
