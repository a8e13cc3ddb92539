/**
 * The data of the second bundled example, `examples/sjobacka-bokslut-2023.xlsx`: Sjöbacka socialnämnd's bokslut
 * 2023 (Månad 12). Made up, in the shape of a kommun whose documents carry no ansvar codes at all: five
 * anslagsnivåer with four or five verksamheter each, every level known by its name only, and names that repeat
 * under two parents (Utskrivningsklara under Äldreomsorg and under Personligt stöd och omsorg, Administration under
 * Individ- och familjeomsorg and under Socialpsykiatri; seed 002 has such pairs). The sheets name a verksamhet by
 * its plain name where that is unique and by its path ("Äldreomsorg / Utskrivningsklara") where it is not.
 *
 * The figures: budget per verksamhet in tkr (as the nämnd decides it), utfall in kronor (the ledger), last
 * August's forecast in tkr. `ledger()` splits each verksamhet's utfall over months and konton in whole kronor,
 * deterministically. The golden test (test/cli/namesExample.test.ts) sums these itself.
 */

export const NAMES_YEAR = 2023;
export const NAMES_MONTH = 12;

export interface NamedUnit {
  readonly name: string;
  /** Budget helår, tkr. */
  readonly budgetTkr: number;
  /** Utfall helår, kronor (net cost positive). */
  readonly actualKr: number;
  /** The forecast submitted with the delårsrapport per augusti, tkr. */
  readonly augustForecastTkr: number;
}

export interface NamedArea {
  readonly name: string;
  readonly units: readonly NamedUnit[];
  /** Resultat 2022, tkr, + = överskott. */
  readonly resultLastYearTkr: number;
}

export const NAMES_AREAS: readonly NamedArea[] = [
  {
    name: "Nämnd och förvaltningsledning",
    resultLastYearTkr: 1_150,
    units: [
      { name: "Socialnämnd", budgetTkr: 1_450, actualKr: 1_318_442, augustForecastTkr: 1_400 },
      { name: "Förvaltningsledning", budgetTkr: 9_800, actualKr: 9_106_517, augustForecastTkr: 9_300 },
      { name: "Kvalitet och utveckling", budgetTkr: 4_200, actualKr: 4_388_901, augustForecastTkr: 4_250 },
      { name: "Bemanningsenhet", budgetTkr: 2_650, actualKr: 2_971_233, augustForecastTkr: 2_800 },
    ],
  },
  {
    name: "Individ- och familjeomsorg",
    resultLastYearTkr: -6_420,
    units: [
      { name: "Barn och unga", budgetTkr: 38_500, actualKr: 44_817_365, augustForecastTkr: 43_000 },
      { name: "Vuxna missbruk", budgetTkr: 12_300, actualKr: 13_954_078, augustForecastTkr: 13_500 },
      { name: "Ekonomiskt bistånd", budgetTkr: 21_000, actualKr: 19_472_810, augustForecastTkr: 20_200 },
      { name: "Familjerätt", budgetTkr: 2_100, actualKr: 1_987_664, augustForecastTkr: 2_100 },
      { name: "Administration", budgetTkr: 3_400, actualKr: 3_512_249, augustForecastTkr: 3_400 },
    ],
  },
  {
    name: "Äldreomsorg",
    resultLastYearTkr: -2_890,
    units: [
      { name: "Hemtjänst", budgetTkr: 68_900, actualKr: 71_406_552, augustForecastTkr: 70_500 },
      { name: "Särskilt boende", budgetTkr: 112_400, actualKr: 110_905_138, augustForecastTkr: 111_900 },
      { name: "Korttidsboende", budgetTkr: 14_600, actualKr: 15_233_907, augustForecastTkr: 15_000 },
      { name: "Utskrivningsklara", budgetTkr: 1_800, actualKr: 3_046_219, augustForecastTkr: 2_600 },
      { name: "Hemsjukvård", budgetTkr: 24_300, actualKr: 23_818_475, augustForecastTkr: 24_300 },
    ],
  },
  {
    name: "Personligt stöd och omsorg",
    resultLastYearTkr: 840,
    units: [
      { name: "Personlig assistans", budgetTkr: 31_200, actualKr: 33_674_090, augustForecastTkr: 32_800 },
      { name: "Bostad med särskild service", budgetTkr: 46_700, actualKr: 45_991_376, augustForecastTkr: 46_700 },
      { name: "Daglig verksamhet", budgetTkr: 17_900, actualKr: 17_402_683, augustForecastTkr: 17_600 },
      { name: "Utskrivningsklara", budgetTkr: 600, actualKr: 412_508, augustForecastTkr: 600 },
      { name: "Korttidstillsyn", budgetTkr: 5_300, actualKr: 5_517_942, augustForecastTkr: 5_300 },
    ],
  },
  {
    name: "Socialpsykiatri",
    resultLastYearTkr: 310,
    units: [
      { name: "Boendestöd", budgetTkr: 8_900, actualKr: 8_614_027, augustForecastTkr: 8_900 },
      { name: "Stödboende", budgetTkr: 6_200, actualKr: 6_786_355, augustForecastTkr: 6_500 },
      { name: "Träfflokal", budgetTkr: 1_700, actualKr: 1_544_160, augustForecastTkr: 1_700 },
      { name: "Administration", budgetTkr: 1_100, actualKr: 1_083_719, augustForecastTkr: 1_100 },
    ],
  },
];

/** The same name under two parents: a cell must name such a verksamhet by its path. */
export function isRepeatedName(name: string): boolean {
  return NAMES_AREAS.flatMap((a) => a.units).filter((u) => u.name === name).length > 1;
}

/** How a controller writes a verksamhet in the Budget, Utfall and Prognos sheets: its name, or its path. */
export function unitCell(area: NamedArea, unit: NamedUnit): string {
  return isRepeatedName(unit.name) ? `${area.name} / ${unit.name}` : unit.name;
}

/**
 * The nämnd's own explanations of the year's variances against budget, tkr, + = överskott: per verksamhet (by
 * name or path) and per anslagsnivå. Where they do not add up to the variance, the rest is "Övrigt/ej förklarat".
 */
export const NAMES_EXPLANATIONS: ReadonlyArray<readonly [string, string, number]> = [
  ["Barn och unga", "Fler placeringar på HVB och i konsulentstödda familjehem", -5_300],
  ["Barn och unga", "Konsulter under vakanser", -900],
  ["Ekonomiskt bistånd", "Färre hushåll med försörjningsstöd", 1_500],
  ["Hemtjänst", "Fler beviljade timmar under hösten", -2_500],
  ["Särskilt boende", "Vakanta platser under ombyggnaden", 1_500],
  ["Äldreomsorg / Utskrivningsklara", "Fler dagar med betalningsansvar för utskrivningsklara", -1_250],
  ["Personligt stöd och omsorg / Utskrivningsklara", "Färre dagar med betalningsansvar", 190],
  ["Personlig assistans", "Nya ärenden enligt LSS, ej ersatta av Försäkringskassan", -2_470],
  ["Stödboende", "Extern placering under våren", -590],
];

/** Konton the ledger books on and each one's share of a verksamhet's net cost (revenue negative). */
const ACCOUNTS: ReadonlyArray<readonly [string, number]> = [
  ["3510", -0.06],
  ["5110", 0.62],
  ["5410", 0.2],
  ["6110", 0.08],
  ["4610", 0.1],
  ["7010", 0.06],
];

/** Monthly weights: summer temps in July and August, December's year-end costs. */
const PROFILE = [1.0, 0.93, 1.0, 0.97, 0.99, 1.06, 1.24, 1.12, 0.97, 1.0, 0.98, 1.1];

/** A ledger row: [verksamhet as written, konto, period yyyymm, belopp in kronor]. */
export type LedgerRow = readonly [string, string, number, number];

/**
 * Each verksamhet's utfall split over the twelve months (PROFILE) and within each month over ACCOUNTS, in whole
 * kronor; the last konto of a month takes the month's rest, the last month the year's rest, so the rows of a
 * verksamhet sum exactly to its utfall.
 */
export function ledger(): LedgerRow[] {
  const rows: LedgerRow[] = [];
  const weight = PROFILE.reduce((a, b) => a + b, 0);
  for (const area of NAMES_AREAS) {
    for (const unit of area.units) {
      let yearRest = unit.actualKr;
      PROFILE.forEach((w, m) => {
        const month = m === 11 ? yearRest : Math.round((unit.actualKr * w) / weight);
        yearRest -= month;
        let rest = month;
        ACCOUNTS.forEach(([account, share], k) => {
          const amount = k === ACCOUNTS.length - 1 ? rest : Math.round(month * share);
          rest -= amount;
          rows.push([unitCell(area, unit), account, NAMES_YEAR * 100 + m + 1, amount]);
        });
      });
    }
  }
  return rows;
}
