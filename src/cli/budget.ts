/** `budgetkoll budget bok.xlsx`: the budgetberedning's tables in the terminal (the report is written by main.ts). */
import { formatNumber, formatTkr } from "../core/amounts";
import type { BudgetJob } from "../jobs/budgetBuilding";
import { STEP_LABEL, yearHeader } from "../report/budgetBuildingSheets";
import { renderTable, textColumns } from "./table";

/** Kronor to the öre: the bridge adds up to the krona, and shows it. */
const formatKr = (kronor: number): string => formatNumber(kronor, 2);

export function budgetText(job: BudgetJob): string {
  const r = job.result;
  const years = r.years.map((_, i) => yearHeader(r.years, i));
  const drift = renderTable(
    textColumns(["Verksamhet (tkr)"], [`Bokslut ${r.baseYear - 1}`, `Budget ${r.baseYear}`, ...years]),
    [
      ...r.byArea.map((t) => [
        t.key,
        t.outturn === undefined ? "" : formatTkr(t.outturn),
        formatTkr(t.base),
        ...t.amounts.map(formatTkr),
      ]),
      null,
      [
        "Nettokostnad",
        r.total.outturn === undefined ? "" : formatTkr(r.total.outturn),
        formatTkr(r.total.base),
        ...r.total.amounts.map(formatTkr),
      ],
    ],
  );
  const ram =
    r.ram.length === 0 ? "" : `\n\nNämndram: ${r.ram.map((x) => `${x.year} ${formatTkr(x.total)} tkr`).join(", ")}.`;
  const fromLabel = (i: number): string => (i === 0 ? `Budget ${r.baseYear}` : yearHeader(r.years, i - 1));
  const bridges = r.bridges.map((b, i) =>
    renderTable(
      textColumns(
        [`Från ${fromLabel(i).toLowerCase()} till ${yearHeader(r.years, i).toLowerCase()}`, "Slag"],
        ["Kronor"],
      ),
      [
        [fromLabel(i), "", formatKr(b.from)],
        ...b.rows.map((s) => [s.name, STEP_LABEL[s.kind], formatKr(s.amount)]),
        null,
        [yearHeader(r.years, i), "", formatKr(b.to)],
      ],
    ),
  );
  return ["Driftbudget per verksamhet", drift + ram, ...bridges].join("\n\n");
}
