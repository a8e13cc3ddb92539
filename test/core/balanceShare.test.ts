import { describe, expect, it } from "vitest";
import { balanceShare } from "../../src/core/balanceShare";
import { formatPercent } from "../../src/core/amounts";
import { readGolden } from "./goldenCsv";
import { printedTkr } from "./seedTables";

describe("share of units with budget i balans", () => {
  it("seed 000: 13 of the 18 enheter of Bilaga 1, 72 % (S36)", () => {
    const rows = readGolden("000_ansvarsniva_bilaga1.csv");
    const parents = new Set(rows.map((r) => r["förälder"]).filter((p) => p));
    const leaves = rows.filter(
      (r) => r["nivå"] !== "totalsumma" && !parents.has(r["Enhet (som tryckt, med fotnotstecken)"]!),
    );
    const result = balanceShare(
      leaves.map((r) => ({
        key: r["Enhet (som tryckt, med fotnotstecken)"]!,
        label: r["Enhet (som tryckt, med fotnotstecken)"]!,
        variance: printedTkr(r["Avvikelse (tryckt; = Budget - Utfall)"])! * 1000,
      })),
    );
    expect(result.units).toBe(18);
    expect(result.inBalance).toBe(13);
    expect(formatPercent(result.share!)).toBe("72 %");
    expect(result.notInBalance.map((u) => u.label)).toEqual([
      "IFO barn och familj",
      "Funktionshinder",
      "Hemgården omvårdnad",
      "Stöd och resurs*",
      "Socialt stöd gem",
    ]);
  });

  it("counts a variance shown as 0 (-0,4 tkr) as i balans, and no units as no share", () => {
    expect(balanceShare([{ key: "a", label: "a", variance: -400 }]).inBalance).toBe(1);
    expect(balanceShare([{ key: "a", label: "a", variance: -500 }]).inBalance).toBe(0);
    expect(balanceShare([]).share).toBeUndefined();
  });
});
