// @vitest-environment happy-dom
/**
 * The task pane's shell: the language Office speaks, a clear Swedish message when Excel is too old, and the pages
 * reachable from focusable, labelled tabs.
 */
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { openPlace } from "./openPlace";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/taskpane/components/App";
import type { ExcelHost, HostInfo } from "../../src/taskpane/host";

beforeAll(() => {
  // Fluent UI v9 measures with ResizeObserver, which happy-dom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(cleanup);

const host: ExcelHost = {
  reader: {
    sheetNames: async () => [],
    tables: async () => [],
    readSheet: async () => ({ sheet: "", origin: { row: 0, column: 0 }, values: [] }),
    readTable: async () => ({ sheet: "", origin: { row: 0, column: 0 }, values: [] }),
  },
  writer: { writeSheets: async () => ({ written: [], keptEdited: [] }) },
  readSelection: async () => ({ sheet: "", origin: { row: 0, column: 0 }, values: [] }),
  selectCell: async () => {},
  activateSheet: async () => {},
};

function info(version: number, displayLanguage = "sv-SE"): HostInfo {
  return { inExcel: true, displayLanguage, dark: false, supports: (v) => Number(v.split(".")[1]) <= version };
}

describe("App", () => {
  it("tells the user in Swedish when Excel is too old, and does not offer to run", async () => {
    await act(async () => {
      render(<App info={info(6)} host={host} />);
    });
    expect(
      screen.getByText(/Din version av Excel är för gammal för Prognos per ansvar \(kräver ExcelApi 1\.7\)/),
    ).toBeTruthy();
    expect((screen.getByRole("button", { name: "Kör" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("speaks English when Office does, with labelled, focusable pages", async () => {
    await act(async () => {
      render(<App info={info(7, "en-US")} host={host} />);
    });
    expect(screen.getByRole("navigation", { name: "Functions" })).toBeTruthy();
    const first = screen.getByRole("tab", { name: "Forecast per cost centre" });
    first.focus();
    expect(document.activeElement).toBe(first); // a focusable tab (arrow keys move between tabs: Fluent's tabster)
    await openPlace("Settings");
    expect(screen.getByRole("form", { name: "Settings" })).toBeTruthy();
    expect((screen.getByLabelText("Budget year") as HTMLInputElement).value).toMatch(/^\d{4}$/);
  });

  it("takes the column mapping as blad → rubrik → fält, and warns in Swedish when header and field are swapped", async () => {
    await act(async () => {
      render(<App info={info(7)} host={host} />);
    });
    await openPlace("Inställningar");
    const box = screen.getByLabelText("Kolumnmappning (JSON: blad → rubrik → fält)");
    await act(async () => {
      fireEvent.change(box, { target: { value: '{"Utfall": {"Summa kr": "amount"}}' } });
    });
    expect(screen.queryByText(/kolumnmappningen/)).toBeNull();
    await act(async () => {
      fireEvent.change(box, { target: { value: '{"Utfall": {"amount": "Summa kr"}}' } });
    });
    expect(
      screen.getByText(
        /^Blad "Utfall": rubriken "amount" i kolumnmappningen: "Summa kr" är inget fält: .* Rubriken står först och fältet sist: \{"Utfall": \{"Summa kr": "amount"\}\}\.$/,
      ),
    ).toBeTruthy();
  });
});
