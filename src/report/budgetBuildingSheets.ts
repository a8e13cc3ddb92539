/**
 * The budgetberedning's report sheets: Driftbudget per verksamhet (seed 001's layout: Bokslut, Budget, Budget next
 * year, Plan years, then the change), Resultatbudget per kostnadsslag, the ram table, the bridge "Från budget X till
 * budget X+1" (a table and a waterfall), the volume plan, the scenarios, and the adopted budget as next year's Budget
 * sheet phased per month with its Budgetversioner row. Sums are formulas, so a controller can audit every figure.
 */
import { formatNumber, roundOre } from "../core/amounts";
import {
  changeAnalysis,
  sumOre,
  type BudgetBuildingResult,
  type ScenarioResult,
  type Sensitivity,
  type StatementLine,
  type StepKind,
  type VolumeDriver,
} from "../core/budgetBuilding";
import { MONTH_NAMES_SV } from "../core/periods";
import { cellAddress, columnLetter } from "../cells";
import {
  firstBodyRow,
  sumFormula,
  tableSheet,
  type ChartLayout,
  type ReportColumn,
  type ReportRow,
  type SheetLayout,
} from "./layout";

export const BUDGET_REPORT_SHEETS = {
  drift: "Driftbudget",
  statement: "Resultatbudget per kostnadsslag",
  ram: "Ramtabell",
  bridge: "Budgetbrygga",
  volumes: "Volymplan (budget)",
  scenarios: "Scenarier och känslighet",
} as const;

export const STEP_LABEL: Record<StepKind, string> = {
  wage: "Löneökning",
  onCost: "Ändrat PO-pålägg",
  price: "Prisuppräkning",
  revenue: "Uppräkning intäkter",
  volume: "Volymförändring",
  demography: "Demografi",
  priority: "Politisk prioritering",
  efficiency: "Effektiviseringskrav",
  transfer: "Omfördelning (summa 0)",
  reserve: "Reserv",
  unexplained: "Ej förklarad förändring",
};

const UNIT_NOTE = "Belopp i tkr (cellerna innehåller kronor, visade i tkr). Kostnader positiva, intäkter negativa.";

/** "Budget 2023", "Plan 2024": the budget year is the first plan year (seed 001's headers). */
export function yearHeader(years: readonly number[], i: number): string {
  return `${i === 0 ? "Budget" : "Plan"} ${years[i]}`;
}

function money(id: string, header: string): ReportColumn {
  return { id, header, type: "tkr", width: 13 };
}

/** The Driftbudget per verksamhet: the reserve first (as the seed prints it), Nettokostnad a SUM of the rows. */
export function driftSheet(r: BudgetBuildingResult, meta: readonly string[]): SheetLayout {
  const y = r.years;
  const columns: ReportColumn[] = [
    { id: "area", header: "Verksamhet", type: "text", width: 28 },
    money("outturn", `Bokslut ${r.baseYear - 1}`),
    money("base", `Budget ${r.baseYear}`),
    ...y.map((_, i) => money(`y${i}`, yearHeader(y, i))),
    money("change", `Förändring ${y[0]} (tkr)`),
    { id: "changePct", header: `Förändring ${y[0]} (%)`, type: "percent", width: 12 },
    money("period", `Förändring ${r.baseYear}-${y[y.length - 1]} (tkr)`),
  ];
  const headerRow = firstBodyRow(meta);
  const reserveAreas = new Set(r.lines.filter((l) => l.reserve).map((l) => l.area));
  const areas = [...r.byArea].sort((a, b) => Number(reserveAreas.has(b.key)) - Number(reserveAreas.has(a.key)));
  const col = (id: string): string => columnLetter(columns.findIndex((c) => c.id === id));
  const last = `y${y.length - 1}`;
  const row = (t: (typeof areas)[number], i: number, kind: ReportRow["kind"]): ReportRow => {
    const n = headerRow + 2 + i;
    const c = changeAnalysis(t, y);
    const sum = (id: string, value: number | null): ReportRow["cells"][number] =>
      kind === "total" ? { value, formula: `SUM(${col(id)}${headerRow + 2}:${col(id)}${n - 1})` } : { value };
    return {
      kind,
      level: kind === "total" ? 0 : 1,
      cells: [
        { value: t.key },
        sum("outturn", t.outturn ?? null),
        sum("base", t.base),
        ...t.amounts.map((a, j) => sum(`y${j}`, a)),
        { value: c.yearly[0]!.amount, formula: `${col("y0")}${n}-${col("base")}${n}` },
        {
          value: c.yearly[0]!.percent ?? null,
          formula: `IF(${col("base")}${n}=0,"",${col("y0")}${n}/${col("base")}${n}-1)`,
        },
        { value: c.period, formula: `${col(last)}${n}-${col("base")}${n}` },
      ],
    };
  };
  const rows = areas.map((a, i) => row(a, i, "data"));
  rows.push(row({ ...r.total, key: "Nettokostnad" }, areas.length, "total"));
  const change = changeAnalysis(r.total, y);
  const notes = [
    {
      row: headerRow + rows.length + 2,
      text: `Nettokostnaden ändras med ${formatNumber(change.period / 1e6, 1)} mnkr under planperioden (${r.baseYear}-${y[y.length - 1]}); år för år ${change.yearly
        .map(
          (c) =>
            `${c.year}: ${formatNumber(c.amount / 1000)} tkr${c.percent !== undefined ? ` (${formatNumber(c.percent * 100, 2)} %)` : ""}`,
        )
        .join(", ")}.`,
    },
  ];
  return tableSheet({
    name: BUDGET_REPORT_SHEETS.drift,
    title: `Driftbudget per verksamhet: budget ${y[0]} med plan ${y[1] ?? ""}-${y[y.length - 1]}`,
    meta,
    table: "Budgetkoll_Driftbudget",
    columns,
    rows,
    notes,
    frozenColumns: 1,
  });
}

/**
 * The Resultatbudget per kostnadsslag: intäkter and kostnader positive as printed, Summa intäkter, Summa kostnader and
 * Nettokostnader as formulas. From the given statement when the workbook has one, else from the built lines.
 */
export function statementSheet(
  r: BudgetBuildingResult,
  given: readonly StatementLine[] | undefined,
  meta: readonly string[],
): SheetLayout {
  const y = r.years;
  const lines: StatementLine[] =
    given && given.length > 0
      ? [...given]
      : r.byCostType.map((t) => {
          const revenue = r.lines.some((l) => l.costType === t.key && l.category === "revenue");
          const s = revenue ? -1 : 1;
          return {
            costType: t.key,
            revenue,
            ...(t.outturn !== undefined ? { outturn: s * t.outturn } : {}),
            base: s * t.base,
            amounts: t.amounts.map((a) => s * a),
          };
        });
  const withOutturn = lines.every((l) => l.outturn !== undefined);
  const columns: ReportColumn[] = [
    { id: "line", header: "Belopp i tkr", type: "text", width: 34 },
    ...(withOutturn ? [money("outturn", `Bokslut ${r.baseYear - 1}`)] : []),
    money("base", `Budget ${r.baseYear}`),
    ...y.map((_, i) => money(`y${i}`, yearHeader(y, i))),
  ];
  const headerRow = firstBodyRow(meta);
  const values = (l: StatementLine): number[] => [...(withOutturn ? [l.outturn!] : []), l.base, ...l.amounts];
  const rows: ReportRow[] = [];
  const block = (revenue: boolean): number => {
    const start = headerRow + 1 + rows.length;
    for (const l of lines.filter((x) => x.revenue === revenue))
      rows.push({ kind: "data", level: 1, cells: [{ value: l.costType }, ...values(l).map((v) => ({ value: v }))] });
    const sheetRows = Array.from({ length: headerRow + 1 + rows.length - start }, (_, i) => start + i);
    const sums = values(lines[0] ?? { costType: "", revenue, base: 0, amounts: y.map(() => 0) }).map((_, j) =>
      sumOre(lines.filter((x) => x.revenue === revenue).map((x) => values(x)[j]!)),
    );
    rows.push({
      kind: "subtotal",
      level: 0,
      cells: [
        { value: revenue ? "Summa intäkter" : "Summa kostnader" },
        ...sums.map((v, j) => ({ value: v, formula: sumFormula(j + 1, sheetRows) })),
      ],
    });
    return headerRow + rows.length; // 0-based sheet row of the subtotal
  };
  const rev = block(true);
  const cost = block(false);
  const width = columns.length - 1;
  const net = Array.from({ length: width }, (_, j) => {
    const c = (row: number): number => (rows[row - headerRow - 1]!.cells[j + 1]!.value as number) ?? 0;
    return roundOre(c(cost) - c(rev));
  });
  rows.push({
    kind: "total",
    level: 0,
    cells: [
      { value: "Nettokostnader" },
      ...net.map((v, j) => ({ value: v, formula: `${cellAddress(cost, j + 1)}-${cellAddress(rev, j + 1)}` })),
    ],
  });
  return tableSheet({
    name: BUDGET_REPORT_SHEETS.statement,
    title: `Resultatbudget per kostnadsslag ${y[0]}-${y[y.length - 1]}`,
    meta: [
      ...meta.slice(0, -1),
      "Belopp i tkr (cellerna innehåller kronor). Intäkter och kostnader positiva, som resultatbudgeten trycks.",
    ],
    table: "Budgetkoll_Resultatbudget",
    columns,
    rows,
    notes: [],
    frozenColumns: 1,
  });
}

/** The ram table: KF-ram, each justering, the nämndram as their SUM; under it the budget and the difference. */
export function ramSheet(r: BudgetBuildingResult, meta: readonly string[]): SheetLayout {
  const years = r.ram.map((x) => x.year);
  const columns: ReportColumn[] = [
    { id: "line", header: "Belopp i tkr", type: "text", width: 40 },
    ...years.map((y) => money(`r${y}`, `Budget ${y}`)),
  ];
  const headerRow = firstBodyRow(meta);
  const names = [...new Set(r.ram.flatMap((x) => x.adjustments.map((a) => a.name)))];
  const rows: ReportRow[] = [
    { kind: "data", level: 1, cells: [{ value: "KF-ram" }, ...r.ram.map((x) => ({ value: x.kfRam }))] },
    ...names.map((n): ReportRow => ({
      kind: "data",
      level: 1,
      cells: [
        { value: n },
        ...r.ram.map((x) => ({ value: sumOre(x.adjustments.filter((a) => a.name === n).map((a) => a.amount)) })),
      ],
    })),
  ];
  const partRows = rows.map((_, i) => headerRow + 1 + i);
  const ramRow = headerRow + 1 + rows.length;
  rows.push({
    kind: "total",
    level: 0,
    cells: [{ value: "Nämndram" }, ...r.ram.map((x, j) => ({ value: x.total, formula: sumFormula(j + 1, partRows) }))],
  });
  const budget = (year: number): number | null =>
    year === r.baseYear ? r.total.base : (r.total.amounts[r.years.indexOf(year)] ?? null);
  rows.push({
    kind: "data",
    level: 0,
    cells: [{ value: "Budget (verksamheter + reserv)" }, ...years.map((y) => ({ value: budget(y) }))],
  });
  rows.push({
    kind: "subtotal",
    level: 0,
    cells: [
      { value: "Skillnad budget - nämndram" },
      ...years.map((y, j) => {
        const b = budget(y);
        const ram = r.ram[j]!.total;
        return {
          value: b === null ? null : roundOre(b - ram),
          formula: `${cellAddress(ramRow + 1, j + 1)}-${cellAddress(ramRow, j + 1)}`,
        };
      }),
    ],
  });
  return tableSheet({
    name: BUDGET_REPORT_SHEETS.ram,
    title: "Ram: KF-ram och justeringar = nämndram",
    meta,
    table: "Budgetkoll_Ramtabell",
    columns,
    rows,
    notes: [],
    frozenColumns: 1,
  });
}

export const BUDGET_BRIDGE_TABLE = "Budgetkoll_Budgetbrygga";

/**
 * The bridge over the plan period: Budget <basår>, the named steps of the budget year, Budget <år>, the steps of the
 * next, ... each year's total the SUM of the previous total and its steps; drawn as a waterfall beside it.
 */
export function bridgeSheet(r: BudgetBuildingResult, meta: readonly string[]): SheetLayout {
  const columns: ReportColumn[] = [
    {
      id: "step",
      header: `Från budget ${r.baseYear} till budget ${r.years[r.years.length - 1]}`,
      type: "text",
      width: 44,
    },
    { id: "kind", header: "Slag", type: "text", width: 24 },
    money("amount", "Belopp"),
  ];
  const headerRow = firstBodyRow(meta);
  const rows: ReportRow[] = [
    {
      kind: "subtotal",
      level: 0,
      cells: [{ value: `Budget ${r.baseYear}` }, { value: null }, { value: r.total.base }],
    },
  ];
  r.bridges.forEach((b, i) => {
    const from = headerRow + rows.length; // 0-based sheet row of the previous total
    for (const s of b.rows)
      rows.push({
        kind: "data",
        level: 1,
        cells: [{ value: s.name }, { value: STEP_LABEL[s.kind] }, { value: s.amount }],
      });
    const parts = Array.from({ length: headerRow + rows.length - from + 1 }, (_, k) => from + k);
    rows.push({
      kind: i === r.bridges.length - 1 ? "total" : "subtotal",
      level: 0,
      cells: [{ value: yearHeader(r.years, i) }, { value: null }, { value: b.to, formula: sumFormula(2, parts) }],
    });
  });
  const chart: ChartLayout = {
    title: `Från budget ${r.baseYear} till ${r.years[r.years.length - 1]} (tkr)`,
    kind: "waterfall",
    table: BUDGET_BRIDGE_TABLE,
    categoryColumn: "step",
    valueColumns: ["amount"],
    rowKinds: ["data", "subtotal", "total"],
    anchor: { row: headerRow, column: columns.length + 1 },
  };
  const sheet = tableSheet({
    name: BUDGET_REPORT_SHEETS.bridge,
    title: `Från budget ${r.baseYear} till budget ${r.years[0]} och planåren`,
    meta,
    table: BUDGET_BRIDGE_TABLE,
    columns,
    rows,
    notes: [
      {
        row: headerRow + rows.length + 2,
        text: "Varje års summa är föregående års budget plus årets steg (formel). Omfördelningar mellan verksamheter summerar till 0 för nämnden.",
      },
    ],
    frozenColumns: 1,
  });
  return { ...sheet, charts: [chart] };
}

/** The volume plan: each driver's volumes with its measurement basis and á-pris; volumes of different bases are never summed. */
export function volumePlanSheet(
  r: BudgetBuildingResult,
  drivers: readonly VolumeDriver[],
  basisLabel: (d: VolumeDriver) => string,
  meta: readonly string[],
): SheetLayout {
  const y = r.years;
  const columns: ReportColumn[] = [
    { id: "area", header: "Verksamhet", type: "text", width: 22 },
    { id: "name", header: "Volymmått", type: "text", width: 28 },
    { id: "unit", header: "Enhet", type: "text", width: 10 },
    { id: "basis", header: "Mätbas", type: "text", width: 16 },
    { id: "conversion", header: "Omräkning", type: "text", width: 30 },
    { id: "v0", header: `Volym ${r.baseYear}`, type: "volume", width: 11 },
    ...y.map((year, i): ReportColumn => ({ id: `v${i + 1}`, header: `Volym ${year}`, type: "volume", width: 11 })),
    ...y.map((year, i): ReportColumn => ({ id: `p${i}`, header: `Á-pris ${year} (kr)`, type: "unitPrice", width: 12 })),
    ...y.map((year, i) => money(`e${i}`, `Volymeffekt ${year}`)),
  ];
  const headerRow = firstBodyRow(meta);
  const rows: ReportRow[] = drivers.map((d, k) => {
    const n = headerRow + 2 + k;
    const factor = d.conversion?.factor ?? 1;
    const vCol = (i: number): string => columnLetter(5 + i);
    const pCol = (i: number): string => columnLetter(6 + y.length + i);
    return {
      kind: "data",
      level: 0,
      cells: [
        { value: d.area },
        { value: d.name },
        { value: d.unit },
        { value: basisLabel(d) },
        {
          value: d.conversion
            ? `x ${formatNumber(factor, 4).replace(/,?0+$/, "")} ${d.conversion.unit}: ${d.conversion.assumption}`
            : null,
        },
        ...d.volumes.map((v) => ({ value: v })),
        ...d.unitPrices.map((p) => ({ value: p })),
        ...y.map((_, i) => ({
          value: roundOre((d.volumes[i + 1]! - d.volumes[i]!) * factor * d.unitPrices[i]!),
          formula: `ROUND((${vCol(i + 1)}${n}-${vCol(i)}${n})*${factor}*${pCol(i)}${n},2)`,
        })),
      ],
    };
  });
  return tableSheet({
    name: BUDGET_REPORT_SHEETS.volumes,
    title: "Volymplan med á-priser",
    meta,
    table: "Budgetkoll_Volymplan",
    columns,
    rows,
    notes: [
      {
        row: headerRow + rows.length + 2,
        text: "Volymer med olika mätbas (bestånd 31/12, flöde, mätmånad, genomsnitt, unika) summeras aldrig; en omräkning står med sitt antagande.",
      },
    ],
    frozenColumns: 2,
  });
}

/** The base and the alternatives side by side, and what one percentage point of löneökning or prisindex costs. */
export function scenarioSheet(
  r: BudgetBuildingResult,
  scenarios: readonly ScenarioResult[],
  sens: readonly Sensitivity[],
  meta: readonly string[],
): SheetLayout {
  const y = r.years;
  const headerRow = firstBodyRow(meta);
  const columns: ReportColumn[] = [
    { id: "name", header: "Scenario", type: "text", width: 30 },
    ...y.map((_, i) => money(`t${i}`, yearHeader(y, i))),
    ...y.map((year, i) => money(`d${i}`, `Mot bas ${year}`)),
    ...y.map((year, i) => money(`r${i}`, `Mot ram ${year}`)),
  ];
  const rows: ReportRow[] = scenarios.map((s) => ({
    kind: "data",
    level: 0,
    cells: [
      { value: s.name },
      ...s.totals.map((v) => ({ value: v })),
      ...s.difference.map((v) => ({ value: v })),
      ...s.toRam.map((v) => ({ value: v ?? null })),
    ],
  }));
  const sensHeader = headerRow + rows.length + 3;
  const sensColumns: ReportColumn[] = [
    { id: "what", header: "En procentenhet mer", type: "text", width: 30 },
    ...y.map((year) => money(`s${year}`, `Kostar ${year}`)),
  ];
  const sensRows: ReportRow[] = sens.flatMap((s) => [
    {
      kind: "data" as const,
      level: 0,
      cells: [{ value: `Löneökning ${s.year}` }, ...s.wagePoint.map((v) => ({ value: v }))],
    },
    {
      kind: "data" as const,
      level: 0,
      cells: [{ value: `Prisindex ${s.year}` }, ...s.pricePoint.map((v) => ({ value: v }))],
    },
  ]);
  return {
    name: BUDGET_REPORT_SHEETS.scenarios,
    title: "Scenarier sida vid sida, och känslighet",
    meta,
    tables: [
      { name: "Budgetkoll_Scenarier", headerRow, firstColumn: 0, columns, rows },
      { name: "Budgetkoll_Kanslighet", headerRow: sensHeader, firstColumn: 0, columns: sensColumns, rows: sensRows },
    ],
    notes: [
      {
        row: sensHeader + sensRows.length + 2,
        text: "Scenarierna räknas med de namngivna stegen (utan Beslutad budget). Känsligheten: en procentenhet mer det året, och vad den kostar de följande åren.",
      },
    ],
    freeze: { rows: headerRow + 1, columns: 1 },
  };
}

/**
 * The phasing of one amount over the months: each month its share, rounded to the öre, December the rest, so the
 * twelve add up to the year exactly.
 */
export function phase(annual: number, profile: readonly number[]): number[] {
  const months = profile.slice(0, 11).map((s) => roundOre(annual * s));
  return [...months, roundOre(annual - sumOre(months))];
}

export const EQUAL_PROFILE: readonly number[] = Array.from({ length: 12 }, () => 1 / 12);

/**
 * Next year's Budget sheet for the follow-up: Ansvar (the verksamhet) | Budget helår (kr) | Jan..Dec | Version,
 * each line phased by the profile of its kostnadsslag, else of its verksamhet, else evenly; with its
 * Budgetversioner row. `prognos` reads both as they are.
 */
export function nextBudgetSheets(
  r: BudgetBuildingResult,
  profiles: ReadonlyMap<string, readonly number[]>,
  decision: string | undefined,
  meta: readonly string[],
): { budget: SheetLayout; versions: SheetLayout; evenly: readonly string[] } {
  const year = r.years[0]!;
  const version = `Budget ${year}`;
  const evenly = new Set<string>();
  const byArea = new Map<string, number[]>();
  for (const l of r.lines) {
    const profile = profiles.get(l.costType) ?? profiles.get(l.area);
    if (!profile) evenly.add(l.area);
    const months = phase(l.amounts[0]!, profile ?? EQUAL_PROFILE);
    const sum = byArea.get(l.area) ?? Array.from({ length: 12 }, () => 0);
    byArea.set(
      l.area,
      sum.map((s, i) => roundOre(s + months[i]!)),
    );
  }
  const headerRow = firstBodyRow(meta);
  const columns: ReportColumn[] = [
    { id: "costCentre", header: "Ansvar", type: "text", width: 28 },
    { id: "budget", header: "Budget helår (kr)", type: "kr", width: 14 },
    ...MONTH_NAMES_SV.map((m, i): ReportColumn => ({
      id: `m${i + 1}`,
      header: m.slice(0, 3).replace(/^./, (c) => c.toUpperCase()),
      type: "kr",
      width: 12,
    })),
    { id: "version", header: "Version", type: "text", width: 14 },
  ];
  const rows: ReportRow[] = r.byArea.map((t, k) => {
    const n = headerRow + 2 + k;
    const months = byArea.get(t.key)!;
    return {
      kind: "data",
      level: 0,
      cells: [
        { value: t.key },
        { value: t.amounts[0]!, formula: `SUM(C${n}:N${n})` },
        ...months.map((m) => ({ value: m })),
        { value: version },
      ],
    };
  });
  const budget = tableSheet({
    name: `Budget ${year}`,
    title: `Budget ${year} per månad, för uppföljningen ${year}`,
    meta: [...meta.slice(0, -1), "Belopp i kronor. Kopiera bladet till nästa års arbetsbok som bladet Budget."],
    table: "Budgetkoll_BudgetNastaAr",
    columns,
    rows,
    notes: [],
    frozenColumns: 1,
  });
  const versions = tableSheet({
    name: `Budgetversioner ${year}`,
    title: `Budgetversioner ${year}`,
    meta: meta.slice(0, 1),
    table: "Budgetkoll_BudgetversionerNastaAr",
    columns: [
      { id: "version", header: "Version", type: "text", width: 14 },
      { id: "type", header: "Typ", type: "text", width: 14 },
      { id: "date", header: "Datum", type: "text", width: 12 },
      { id: "decision", header: "Beslut", type: "text", width: 30 },
    ],
    rows: [
      {
        kind: "data",
        level: 0,
        cells: [{ value: version }, { value: "ursprunglig" }, { value: `${year}-01-01` }, { value: decision ?? null }],
      },
    ],
    notes: [],
    frozenColumns: 0,
  });
  return { budget, versions, evenly: [...evenly] };
}

export { UNIT_NOTE as BUDGET_UNIT_NOTE };
