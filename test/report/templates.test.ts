import { describe, expect, it } from "vitest";
import { layoutCells, textRows } from "../../src/report/layout";
import {
  ACTION_PLAN_TEMPLATE_HEADERS,
  buildActionPlanTemplate,
  buildForecastTemplate,
  buildVolumeTemplate,
  FORECAST_TEMPLATE_HEADERS,
  VOLUME_TEMPLATE_HEADERS,
} from "../../src/report/templates";
import { gnestaMeasures } from "./gnesta";
import { herrljungaPrognosis } from "./herrljunga";

describe("forecast template", () => {
  const layout = buildForecastTemplate(herrljungaPrognosis(), { key: "46" });
  const table = layout.tables[0]!;

  it("has the title in row 1, the instruction in row 2 and the agreed header in row 3", () => {
    expect(layout.name).toBe("Prognos");
    expect(
      textRows(layout)
        .slice(0, 2)
        .map((t) => [t.row, t.role]),
    ).toEqual([
      [0, "title"],
      [1, "instruction"],
    ]);
    expect(layout.title).toBe("Prognos 2021 efter augusti: Socialt stöd (46)");
    expect(table.headerRow).toBe(2);
    expect(table.columns.map((c) => c.header)).toEqual([...FORECAST_TEMPLATE_HEADERS]);
    expect(FORECAST_TEMPLATE_HEADERS).toEqual([
      "Ansvar",
      "Benämning",
      "Budget helår (tkr)",
      "Utfall t.o.m. period (tkr)",
      "Prognos helår (tkr)",
      "Kommentar",
    ]);
  });

  it("is pre-filled with budget and utfall in whole tkr for the ansvar of the area", () => {
    expect(table.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      ["460", "Socialt stöd", 2264, 1521, null, null],
      ["461", "Funktionshinder", 14293, 10611, null, null],
      ["463", "Stöd och resurs", 8303, 5355, null, null],
      ["467", "Sysselsättning", 6286, 3402, null, null],
    ]);
  });

  it("unlocks only Prognos and Kommentar, validates whole tkr and protects the sheet", () => {
    expect(table.columns.filter((c) => c.input).map((c) => c.header)).toEqual(["Prognos helår (tkr)", "Kommentar"]);
    expect(table.columns[4]!.validation).toMatchObject({ kind: "wholeNumber", errorTitle: "Fel värde" });
    expect(layout.protection).toBeDefined();
    expect(table.columns[2]!.type).toBe("tkrEntered");
  });

  it("covers the whole nämnd without a scope, and refuses an unknown one", () => {
    expect(buildForecastTemplate(herrljungaPrognosis()).tables[0]!.rows).toHaveLength(18);
    expect(() => buildForecastTemplate(herrljungaPrognosis(), { key: "99" })).toThrow(
      "Ansvaret eller verksamheten 99 finns inte i prognosen.",
    );
  });
});

describe("templates in the user's sign convention", () => {
  // Seed 004: IFO (42) has budget 44 398 tkr and utfall 30 097 tkr over its ansvar 420, 421 and 422.
  const ifo = (convention?: "costPositive" | "costNegative") =>
    buildForecastTemplate(herrljungaPrognosis(), { key: "42" }, convention);
  const amounts = (layout: ReturnType<typeof ifo>) =>
    layout.tables[0]!.rows.map((r) => [r.cells[0]!.value, r.cells[2]!.value, r.cells[3]!.value]);

  it("shows budget and utfall with costs negative, and says so in the instruction row", () => {
    const layout = ifo("costNegative");
    expect(amounts(layout)).toEqual([
      ["420", -2062, -2451],
      ["421", -25961, -14461],
      ["422", -16375, -13185],
    ]);
    expect(amounts(layout).reduce((sum, [, budget]) => sum + (budget as number), 0)).toBe(-44_398);
    expect(layout.instruction).toBe(
      "Fyll i Prognos helår (nettoutfall för helåret i hela tkr) och en Kommentar för varje ansvar; förklara alltid en avvikelse mot budget. Kostnader anges som negativa tal, intäkter som positiva. Budget och utfall t.o.m. augusti är ifyllda och låsta.",
    );
    expect(layout.tables[0]!.columns[4]!.validation!.prompt).toBe(
      "Förväntat nettoutfall för helåret, helt antal tkr, kostnad som negativt tal",
    );
  });

  it("keeps costs positive by default, and says that too", () => {
    const layout = ifo();
    expect(amounts(layout)).toEqual([
      ["420", 2062, 2451],
      ["421", 25961, 14461],
      ["422", 16375, 13185],
    ]);
    expect(layout.instruction).toContain("Kostnader anges som positiva tal, intäkter som negativa.");
  });

  it("shows the volume template's fast del and kostnad with costs negative", () => {
    const line = {
      key: "h",
      area: "Vård och omsorg",
      name: "Hemtjänst",
      unit: "timmar",
      budgetVolume: 65_669,
      unitPrice: 145,
      fixedBudget: 250_000,
      actualVolume: 0,
      actualCost: 4_900_400,
    };
    const layout = buildVolumeTemplate(2021, 8, [line], "costNegative");
    expect(layout.tables[0]!.rows[0]!.cells.map((c) => c.value)).toEqual([
      "Vård och omsorg",
      "Hemtjänst",
      "timmar",
      65_669,
      145,
      -250,
      null,
      -4_900,
      null,
    ]);
    expect(layout.instruction).toBe(
      "Fyll i Utfall volym t.o.m. augusti (i enheten i kolumnen Enhet) och vid behov Kostnad t.o.m. perioden (hela tkr) och en Kommentar. Kostnader anges som negativa tal, intäkter som positiva. Budgeterad volym, á-pris och fast del är låsta.",
    );
  });
});

describe("volume template", () => {
  const layout = buildVolumeTemplate(2021, 8, [
    {
      key: "h",
      area: "Vård och omsorg",
      name: "Hemtjänst",
      unit: "timmar",
      budgetVolume: 65_669,
      unitPrice: 145,
      fixedBudget: 250_000,
      actualVolume: 0,
      actualCost: 4_900_400,
    },
  ]);
  it("has the agreed header and pre-fills the plan, leaving the actual volume to the unit", () => {
    expect(layout.name).toBe("Volymer");
    expect(layout.tables[0]!.columns.map((c) => c.header)).toEqual([...VOLUME_TEMPLATE_HEADERS]);
    expect(layout.tables[0]!.rows[0]!.cells.map((c) => c.value)).toEqual([
      "Vård och omsorg",
      "Hemtjänst",
      "timmar",
      65_669,
      145,
      250,
      null,
      4_900,
      null,
    ]);
    expect(layout.tables[0]!.columns.filter((c) => c.input).map((c) => c.header)).toEqual([
      "Utfall volym",
      "Kostnad t.o.m. period (tkr)",
      "Kommentar",
    ]);
    expect(layout.tables[0]!.columns[6]!.validation).toMatchObject({ kind: "decimal", min: 0 });
  });
});

describe("åtgärdsplan template", () => {
  const layout = buildActionPlanTemplate(2021, gnestaMeasures(), 10);
  const table = layout.tables[0]!;
  it("has the agreed header, the plan's measures and blank rows for new ones", () => {
    expect(layout.name).toBe("Åtgärder");
    expect(table.columns.map((c) => c.header)).toEqual([...ACTION_PLAN_TEMPLATE_HEADERS]);
    expect(table.rows).toHaveLength(22 + 10);
    expect(table.rows[5]!.cells.map((c) => c.value).slice(0, 9)).toEqual([
      "6",
      "SOV",
      "(SOV) Se över arbetsmarknadsinsatserna.",
      null,
      "Påbörjad",
      600,
      250,
      500,
      "Nej",
    ]);
    expect(table.rows[30]!.cells.every((c) => c.value === null && c.input === true)).toBe(true);
  });
  it("offers the four statuses and Ja/Nej as lists", () => {
    expect(table.columns[4]!.validation).toMatchObject({
      kind: "list",
      values: ["Ej påbörjad", "Påbörjad", "Genomförd", "Ej genomförd"],
    });
    expect(table.columns[8]!.validation).toMatchObject({ kind: "list", values: ["Ja", "Nej"] });
    expect(layoutCells(layout).find((c) => c.row === 2 && c.column === 0)!.value).toBe("Nr");
  });
});
