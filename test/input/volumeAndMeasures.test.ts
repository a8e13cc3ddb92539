import { describe, expect, it } from "vitest";
import { parseMeasureStatus } from "../../src/core/actionPlan";
import { readActionPlanInput } from "../../src/input/actionPlanInput";
import { readVolumeInput } from "../../src/input/volumeInput";
import { memoryReader, messages, settings } from "./helpers";

const VOLUME_HEADER = [
  "Verksamhet",
  "Volymmått",
  "Enhet",
  "Budgeterad volym",
  "Á-pris (kr)",
  "Fast del (tkr)",
  "Utfall volym",
  "Kostnad t.o.m. period (tkr)",
  "Roll",
  "Motpart",
];

describe("readVolumeInput", () => {
  it("reads lines with units from the headers, roles and counterparts", async () => {
    const out = await readVolumeInput(
      memoryReader({
        Volymer: [
          ["Volymer 2021", null],
          ["Fyll i utfall volym och kostnad t.o.m. augusti.", null],
          VOLUME_HEADER,
          ["Myndighet", "Hemtjänsttimmar", "timmar", "60 000", 450, 0, "41 000", "18 860", "Beställare", "Utförare"],
          [
            "Utförare",
            "Hemtjänsttimmar",
            "timmar",
            60000,
            450,
            0,
            41000,
            19400,
            "Utförare",
            "Myndighet / Hemtjänsttimmar",
          ],
          ["Särskilt boende", "Vårddygn", "dygn", 36500, 1900, 1200, 24000, 47500, null, null],
        ],
      }),
      settings(),
    );
    expect(messages(out.errors)).toEqual([]);
    expect(out.value!.lines).toEqual([
      {
        key: "Myndighet / Hemtjänsttimmar",
        area: "Myndighet",
        name: "Hemtjänsttimmar",
        unit: "timmar",
        budgetVolume: 60000,
        unitPrice: 450,
        fixedBudget: 0,
        actualVolume: 41000,
        actualCost: 18_860_000,
        role: "purchaser",
        counterpartKey: "Utförare / Hemtjänsttimmar",
      },
      {
        key: "Utförare / Hemtjänsttimmar",
        area: "Utförare",
        name: "Hemtjänsttimmar",
        unit: "timmar",
        budgetVolume: 60000,
        unitPrice: 450,
        fixedBudget: 0,
        actualVolume: 41000,
        actualCost: 19_400_000,
        role: "provider",
        counterpartKey: "Myndighet / Hemtjänsttimmar",
      },
      {
        key: "Särskilt boende / Vårddygn",
        area: "Särskilt boende",
        name: "Vårddygn",
        unit: "dygn",
        budgetVolume: 36500,
        unitPrice: 1900,
        fixedBudget: 1_200_000,
        actualVolume: 24000,
        actualCost: 47_500_000,
        role: "own",
      },
    ]);
    expect(out.recognised[0]!.headerRow).toBe(3);
  });

  it("converts costs written negative, and names every bad cell", async () => {
    const out = await readVolumeInput(
      memoryReader({
        Volymer: [
          VOLUME_HEADER,
          ["Hemtjänst", "Timmar", "tim", 1000, 450, -100, 700, -350, null, null],
          ["Hemtjänst", "Timmar", "tim", 1000, 450, 0, 700, -350, null, null],
          ["LSS", "Dygn", "dygn", 10, -5, 0, null, -20, "Köpare", "Okänd"],
        ],
      }),
      settings({ signConvention: "costNegative" }),
    );
    expect(messages(out.errors)).toEqual([
      'Blad "Volymer", cell B3: volymmåttet "Timmar" i Hemtjänst finns två gånger: cell B2 och B3. Lämna en rad per verksamhet och volymmått.',
      'Blad "Volymer", cell E4: á-priset -5 kr är negativt: förväntade ett pris per enhet i kronor, t.ex. 450.',
      'Blad "Volymer", cell G4: en utfallsvolym saknas: förväntade en utfallsvolym på raden.',
      'Blad "Volymer", cell I4: "Köpare" är ingen roll: förväntade Egen, Beställare eller Utförare.',
    ]);
    expect(out.rows).toEqual({ read: 3, used: 1, rejected: 2 });
    const ok = await readVolumeInput(
      memoryReader({
        Volymer: [VOLUME_HEADER, ["Hemtjänst", "Timmar", "tim", 1000, 450, -100, 700, -350, null, null]],
      }),
      settings({ signConvention: "costNegative" }),
    );
    expect(ok.value!.lines[0]).toMatchObject({ fixedBudget: 100_000, actualCost: 350_000 });
  });
});

const MEASURE_HEADER = [
  "Nr",
  "Ägare",
  "Åtgärd",
  "Ansvarig",
  "Status",
  "Planerad effekt helår (tkr)",
  "Realiserad effekt hittills (tkr)",
  "Prognos effekt helår (tkr)",
  "Ingår i prognos",
  "Risk",
  "Konsekvens",
  "Kommentar",
];

describe("readActionPlanInput", () => {
  it("reads the statuses of the seeds, effects in kronor and the forecast variance from the settings", async () => {
    const out = await readActionPlanInput(
      memoryReader({
        Åtgärder: [
          MEASURE_HEADER,
          [
            1,
            "FL",
            "Se över förvaltningens organisation",
            "Förvaltningschef",
            "Påbörjat",
            1500,
            600,
            1200,
            "Ja",
            "Vakanser kan behöva tillsättas",
            null,
            null,
          ],
          [
            2,
            "FL",
            "Dra in vissa digitaliseringsinvesteringar",
            null,
            "Genomfört",
            null,
            null,
            null,
            "Nej",
            null,
            null,
            "Inga direkta ekonomiska effekter.",
          ],
          [
            3,
            "SOV",
            "Hemmaplanslösningar i stället för placeringar",
            "Verksamhetschef",
            "Ej påbörjat",
            "2 000",
            0,
            "1 000",
            null,
            "Hög",
            "Fler placeringar",
            null,
          ],
        ],
      }),
      settings({ forecastVariance: -9_030_000 }),
    );
    expect(messages(out.errors)).toEqual([]);
    expect(out.value).toEqual({
      year: 2021,
      forecastVariance: -9_030_000,
      measures: [
        {
          id: "1",
          owner: "FL",
          description: "Se över förvaltningens organisation",
          responsible: "Förvaltningschef",
          status: "started",
          plannedEffect: 1_500_000,
          realisedEffect: 600_000,
          forecastEffect: 1_200_000,
          includedInForecast: true,
          risk: "Vakanser kan behöva tillsättas",
        },
        {
          id: "2",
          owner: "FL",
          description: "Dra in vissa digitaliseringsinvesteringar",
          status: "done",
          includedInForecast: false,
          comment: "Inga direkta ekonomiska effekter.",
        },
        {
          id: "3",
          owner: "SOV",
          description: "Hemmaplanslösningar i stället för placeringar",
          responsible: "Verksamhetschef",
          status: "notStarted",
          plannedEffect: 2_000_000,
          realisedEffect: 0,
          forecastEffect: 1_000_000,
          includedInForecast: false,
          risk: "Hög",
          consequence: "Fler placeringar",
        },
      ],
    });
  });

  it("takes the forecast variance from the workbook's budget and forecast when not set", async () => {
    const out = await readActionPlanInput(
      memoryReader({
        Budget: [
          ["Ansvar", "Budget helår"],
          [42, 44398],
        ],
        Prognos: [
          ["Ansvar", "Prognos helår"],
          [42, 46448],
        ],
        Åtgärder: [
          MEASURE_HEADER,
          [1, "IFO", "Färre externa placeringar", null, "Påbörjad", 500, null, null, "Nej", null, null, null],
        ],
      }),
      settings(),
    );
    expect(messages(out.errors)).toEqual([]);
    expect(out.value!.forecastVariance).toBe(-2_050_000);
  });

  it("names every bad cell, and says when the forecast variance is missing", async () => {
    const out = await readActionPlanInput(
      memoryReader({
        Åtgärder: [
          MEASURE_HEADER,
          [1, null, "Åtgärd", null, "Kanske", "abc", null, null, "Kanske", null, null, null],
          [1, "FL", "Annan", null, "Klar", null, null, null, null, null, null, null],
          [1, "FL", "Tredje", null, "Klar", null, null, null, null, null, null, null],
        ],
      }),
      settings(),
    );
    expect(messages(out.errors)).toEqual([
      'Blad "Åtgärder", cell B2: en ägare (verksamhet eller ansvar) saknas: förväntade en ägare (verksamhet eller ansvar) på raden.',
      'Blad "Åtgärder", cell E2: "Kanske" är ingen status för en åtgärd: förväntade Ej påbörjad, Påbörjad, Genomförd, Ej genomförd eller Avslagen.',
      'Blad "Åtgärder", cell F2: "abc" är inte ett belopp: förväntade ett belopp i tkr, t.ex. 1 234 eller -1 102.',
      'Blad "Åtgärder", cell I2: "Kanske" är inte Ja eller Nej: förväntade Ja om effekten redan ingår i prognosen, annars Nej.',
      'Blad "Åtgärder", cell A4: åtgärd nr 1 finns två gånger: cell A3 och A4. Ge varje åtgärd ett eget nummer.',
      'Blad "Inställningar": prognosavvikelsen för helåret saknas: förväntade Prognosavvikelse (tkr) på bladet Inställningar, eller bladen Budget och Prognos.',
    ]);
    expect(out.rows).toEqual({ read: 3, used: 1, rejected: 2 });
  });

  it("knows the status words", () => {
    expect(
      ["Ej påbörjad", "Påbörjad", "Genomförd", "Ej genomförd / avslagen", "Avslagen", "ej påbörjat"].map((t) => {
        const p = parseMeasureStatus(t);
        return p.kind === "value" ? p.value : p.kind;
      }),
    ).toEqual(["notStarted", "started", "done", "notDone", "notDone", "notStarted"]);
  });
});
