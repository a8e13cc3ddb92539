/**
 * The budgetberedning in the task pane, without a browser: the Office.js reader and writer on the Excel fake,
 * seeded with the bundled budget example; a second run reads only the input, not the sheets it wrote.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkbook, installExcelFake, readValues, type Seed } from "../fakes/excel";
import { exampleSeed } from "../e2e/seed";
import { excelHost } from "../../src/taskpane/host";
import { defaultSettings, runJob } from "../../src/taskpane/jobs";

let uninstall = () => {};
afterEach(() => uninstall());

describe("runJob budget", () => {
  it("builds the budget from the open workbook, twice with the same result", async () => {
    const seed: Seed = await exampleSeed(join(__dirname, "../../examples/budget-2024.xlsx"));
    const state = createWorkbook(seed);
    uninstall = installExcelFake(globalThis, state);
    const settings = defaultSettings(new Date(2023, 10, 22));
    const first = await runJob("budget", excelHost(), settings, { kind: "auto" });
    expect(first.errors).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.summary!.lines[0]).toBe("Budget 2024: 459 589 tkr (24 589 tkr mot året före, 14 namngivna steg).");
    expect(first.written).toContain("Budgetbrygga");
    expect(first.written).toContain("Budget 2024");
    const again = await runJob("budget", excelHost(), settings, { kind: "auto" });
    expect(again.ok).toBe(true);
    expect(again.summary!.lines).toEqual(first.summary!.lines);
    // The Budget sheet for next year: Ledning's budget helår in kronor, the SUM of its months (the fake computes
    // it in binary floating point, as Excel does; the readers round every amount to the öre).
    const rows = readValues(state, "'Budget 2024'!A1:C20");
    const ledning = rows.find((r) => r[0] === "Ledning")!;
    expect(ledning[1] as number).toBeCloseTo(20_225_000, 4);
  });
});
