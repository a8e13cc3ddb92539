/**
 * A generator of ledgers for benches: a hierarchy of areas > ansvar, annual budgets with monthly phasing, and utfall
 * rows (ansvar x period x konto) as an ERP extract gives them. Deterministic for a given seed.
 */
import type { CostCentre } from "../src/core/hierarchy";
import { makePeriod } from "../src/core/periods";
import type { ActualRow, BudgetLine } from "../src/core/prognosis";

export interface LedgerSpec {
  readonly rows: number;
  readonly costCentres: number;
  readonly areas: number;
  readonly year: number;
  readonly months: number;
  readonly seed?: number;
}

export interface GeneratedLedger {
  readonly costCentres: CostCentre[];
  readonly budgets: BudgetLine[];
  readonly actuals: ActualRow[];
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cost accounts (4xxx-7xxx) and revenue accounts (3xxx) of a kontoplan. */
const ACCOUNTS = [
  "3010",
  "3510",
  "3690",
  "4010",
  "4580",
  "5010",
  "5110",
  "5410",
  "5810",
  "6110",
  "6410",
  "6990",
  "7010",
  "7490",
];

export function generateLedger(spec: LedgerSpec): GeneratedLedger {
  const next = random(spec.seed ?? 20210831);
  const costCentres: CostCentre[] = [];
  for (let a = 0; a < spec.areas; a++)
    costCentres.push({ key: `${10 + a}`, code: `${10 + a}`, name: `Verksamhet ${a + 1}` });
  const leafKeys: string[] = [];
  for (let i = 0; i < spec.costCentres; i++) {
    const parent = `${10 + (i % spec.areas)}`;
    const key = `${parent}${String(i).padStart(4, "0")}`;
    leafKeys.push(key);
    costCentres.push({ key, code: key, name: `Ansvar ${key}`, parentKey: parent });
  }
  const budgets: BudgetLine[] = leafKeys.map((costCentre) => {
    const annual = Math.round(1_000_000 + next() * 20_000_000);
    // Phasing as data: a summer dip (semester) and the rest spread over the other months.
    const weights = Array.from({ length: 12 }, (_, m) => (m === 6 ? 0.5 : 1) + next() * 0.1);
    const sum = weights.reduce((x, y) => x + y, 0);
    return { costCentre, annual, monthly: weights.map((w) => (annual * w) / sum) };
  });
  const periods = Array.from({ length: spec.months }, (_, m) => makePeriod(spec.year, m + 1));
  const actuals: ActualRow[] = new Array(spec.rows);
  for (let r = 0; r < spec.rows; r++) {
    const costCentre = leafKeys[r % leafKeys.length]!;
    const period = periods[Math.floor(r / leafKeys.length) % periods.length]!;
    const account = ACCOUNTS[Math.floor(next() * ACCOUNTS.length)]!;
    // Kronor with öre, as a ledger extract gives them; revenue accounts negative.
    const size = Math.round(next() * 20_000_000) / 100;
    actuals[r] = { costCentre, period, account, amount: account < "4000" ? -size : size };
  }
  return { costCentres, budgets, actuals };
}
