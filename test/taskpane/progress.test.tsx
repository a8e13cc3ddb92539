// @vitest-environment happy-dom
/**
 * Progress on a long run: while a job reads and writes, the pane shows a labelled progress bar and the step in a
 * polite live region (there before the run, so that the first step is announced too), keeps the run button
 * focusable but inactive, and when the job is done the bar is gone and the summary is there. The job is the real
 * one on the Excel fake, seeded with the example workbook; the test holds the reading and the writing back.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { openPlace } from "./openPlace";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/taskpane/components/App";
import { excelHost, type ExcelHost, type HostInfo } from "../../src/taskpane/host";
import { createWorkbook, installExcelFake, type Seed } from "../fakes/excel";
import { exampleSeed } from "../e2e/seed";

let seed: Seed;
let uninstall = () => {};

beforeAll(async () => {
  // Fluent UI v9 measures with ResizeObserver, which happy-dom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  // Browsers mark an animation's `finished` promise handled when the animation is cancelled; happy-dom does not,
  // so Fluent's motions cancelled on unmount would report unhandled rejections.
  const animate = Element.prototype.animate;
  Element.prototype.animate = function (this: Element, ...args: Parameters<Element["animate"]>) {
    const animation = animate.apply(this, args);
    animation.finished.catch(() => undefined);
    return animation;
  };
  seed = await exampleSeed();
});
afterEach(() => {
  cleanup();
  uninstall();
});

const info: HostInfo = { inExcel: true, displayLanguage: "sv-SE", dark: false, supports: () => true };

/** A gate the test opens: until then every call through it waits. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The Office host on the fake, whose reading of the sheets and writing wait for the gates while they are set. */
function slowHost() {
  const real = excelHost();
  const gates: { read?: Promise<void>; write?: Promise<void> } = {};
  const host: ExcelHost = {
    ...real,
    reader: {
      sheetNames: async () => (await gates.read, real.reader.sheetNames()),
      tables: () => real.reader.tables(),
      readSheet: (sheet) => real.reader.readSheet(sheet),
      readTable: (name) => real.reader.readTable(name),
    },
    writer: {
      writeSheets: async (layouts, options) => (await gates.write, real.writer.writeSheets(layouts, options)),
    },
  };
  return { host, gates };
}

describe("progress on a long run", () => {
  it("shows a labelled progress bar and the step while the job runs, and the summary when it is done", async () => {
    const state = createWorkbook(seed);
    uninstall = installExcelFake(globalThis, state);
    const { host, gates } = slowHost();
    await act(async () => {
      render(<App info={info} host={host} />);
    });
    // The settings come from the workbook's sheet Inställningar: 2021, month 8.
    await openPlace("Inställningar");
    await waitFor(() => expect((screen.getByLabelText("Budgetår") as HTMLInputElement).value).toBe("2021"));
    await openPlace("Volymbudget");

    // Before the run: a polite live region, empty; no progress bar.
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toBe("");
    expect(screen.queryByRole("progressbar")).toBeNull();

    const read = gate();
    const write = gate();
    gates.read = read.opened;
    gates.write = write.opened;
    const button = screen.getByRole("button", { name: "Kör" });
    button.focus();
    await act(async () => {
      fireEvent.click(button);
    });

    // Reading: the bar, named in Swedish, inside the live region with the step.
    const bar = screen.getByRole("progressbar", { name: "Arbetar…" });
    expect(status.contains(bar)).toBe(true);
    expect(status.textContent).toBe("Läser arbetsboken…");
    // The button cannot start a second run, but keeps the focus (aria-disabled, not disabled).
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(button);
    await act(async () => {
      fireEvent.click(button);
    });
    expect(screen.queryByRole("region", { name: "Sammanfattning" })).toBeNull();

    // Writing: still running, the step says so.
    await act(async () => read.open());
    await waitFor(() => expect(status.textContent).toBe("Skriver rapportbladen…"));
    expect(screen.getByRole("progressbar", { name: "Arbetar…" })).toBeTruthy();
    expect(state.sheets.some((s) => s.name === "Volymbudget")).toBe(false);

    // Done: the bar is gone, the status says so, the summary is there and the sheet written.
    await act(async () => write.open());
    const summary = await screen.findByRole("region", { name: "Sammanfattning" });
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(status.textContent).toBe("Klart.");
    expect(summary.textContent?.replace(/\u00a0/g, " ")).toContain(
      "Avvikelse t.o.m. månad 8: 1 904 tkr, varav volymeffekt 2 972 tkr och pris-/effektivitetseffekt -1 068 tkr.",
    );
    expect(state.sheets.some((s) => s.name === "Volymbudget")).toBe(true);
    expect(button.getAttribute("aria-disabled")).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
