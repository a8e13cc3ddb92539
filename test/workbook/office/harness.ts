/** Runs code with the fake Excel installed on globalThis, as office.js would be in the task pane. */
import { installExcelFake, type WorkbookState } from "../../fakes/excel";

export async function withExcel<T>(state: WorkbookState, f: () => Promise<T>): Promise<T> {
  const uninstall = installExcelFake(globalThis, state);
  try {
    return await f();
  } finally {
    uninstall();
  }
}
