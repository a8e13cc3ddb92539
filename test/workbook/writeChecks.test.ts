import { describe, expect, it } from "vitest";
import { editedSheetDecision, keptRegistryEntries, notOurSheetProblem } from "../../src/workbook/writeChecks";

describe("the edited-sheet policy both writers follow", () => {
  const outputs = ["Prognos", "Kommentarer", "Volymer"];
  const edited = (key: string) => key !== "volymer";

  it("writes what is new or unedited, and the edited sheets on replace", () => {
    const d = editedSheetDecision(
      outputs,
      (n) => n,
      edited,
      () => "replace",
    );
    expect(d).toEqual({ toWrite: outputs, keptEdited: [], problems: [] });
  });

  it("keeps the edited sheets on keep, naming them", () => {
    const d = editedSheetDecision(
      outputs,
      (n) => n,
      edited,
      () => "keep",
    );
    expect(d).toEqual({ toWrite: ["Volymer"], keptEdited: ["Prognos", "Kommentarer"], problems: [] });
  });

  it("refuses each edited sheet otherwise, named as in the workbook", () => {
    const d = editedSheetDecision(
      outputs,
      (n) => n,
      edited,
      (key) => (key === "prognos" ? "keep" : "fail"),
      (n) => n.toUpperCase(),
    );
    expect(d.toWrite).toEqual(["Volymer"]);
    expect(d.keptEdited).toEqual(["Prognos"]);
    expect(d.problems).toEqual([
      'Bladet "KOMMENTARER" har ändrats sedan Budgetkoll skrev det; spara dina ändringar på ett eget blad eller välj att ersätta det.',
    ]);
  });

  it("names a sheet of the same name that is not ours", () => {
    expect(notOurSheetProblem("Prognos")).toBe(
      'Bladet "Prognos" finns redan och är inte skapat av Budgetkoll; byt namn på ditt blad eller ta bort det, så skriver Budgetkoll sitt.',
    );
  });

  it("drops the registry entries of sheets no longer in the workbook", () => {
    const registry = [
      { sheet: "Prognos", fingerprint: "a", written: "2024-05-01" },
      { sheet: "Borttagen", fingerprint: "b", written: "2024-05-01" },
    ];
    expect([...keptRegistryEntries(registry, ["PROGNOS", "Budget"])]).toEqual([["prognos", registry[0]]]);
  });
});
