/**
 * The share of units with a budget i balans (seed 000's mätetal "100 % av alla enheter (ansvar) skall redovisa
 * en budget i balans": 13 of 18 leaves of the annex have avvikelse >= 0, 72 %). A unit is i balans when its
 * avvikelse *as shown* (whole tkr) is not negative, the same rule as the commentary's words.
 */
import { shownTkr } from "./statements";

export interface UnitVariance {
  readonly key: string;
  readonly label: string;
  /** Avvikelse, kronor, + = överskott. */
  readonly variance: number;
}

export interface BalanceShare {
  readonly inBalance: number;
  readonly units: number;
  /** inBalance / units; undefined when there are no units. */
  readonly share: number | undefined;
  /** The units with an underskott, largest first. */
  readonly notInBalance: readonly UnitVariance[];
}

export function balanceShare(units: readonly UnitVariance[]): BalanceShare {
  const notInBalance = units.filter((u) => shownTkr(u.variance) < 0).sort((a, b) => a.variance - b.variance);
  const inBalance = units.length - notInBalance.length;
  return {
    inBalance,
    units: units.length,
    share: units.length === 0 ? undefined : inBalance / units.length,
    notInBalance,
  };
}
