/**
 * Stands in for office.js in the browser test: installs the Excel fake on the page, seeded with the sheets the
 * test put in `globalThis.__budgetkollSeed`, and leaves the fake's state where the test can read it back.
 */
import { createWorkbook, installExcelFake, readCell, readValues, syncSummary, type Seed } from "../fakes/excel";

const g = globalThis as typeof globalThis & { __budgetkollSeed?: Seed; __budgetkollFake?: unknown };
const state = createWorkbook(g.__budgetkollSeed ?? { Blad1: [] }, { excelApiMinor: 10 });
installExcelFake(globalThis, state);
g.__budgetkollFake = {
  sheetNames: () => state.sheets.map((s) => s.name),
  values: (address: string) => readValues(state, address),
  formula: (address: string) => readCell(state, address)?.formula,
  syncs: () => syncSummary(state),
  activeSheet: () => state.sheets.find((s) => s.id === state.activeSheetId)?.name,
  selection: () =>
    state.selection && {
      sheet: state.sheets.find((s) => s.id === state.selection!.sheetId)?.name,
      ...state.selection.rect,
    },
};
