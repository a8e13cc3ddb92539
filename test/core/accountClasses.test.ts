import { describe, expect, it } from "vitest";
import { classifyAccount, DEFAULT_ACCOUNT_PLAN, sumByCostType } from "../../src/core/accountClasses";

describe("konto to kostnadsslag (Kommun-Bas default)", () => {
  it("groups the kontoklasser as seed 004's resultaträkning lines", () => {
    expect(classifyAccount("3111")).toBe("revenue");
    expect(classifyAccount("8310")).toBe("revenue");
    expect(classifyAccount("4610")).toBe("other");
    expect(classifyAccount("5011")).toBe("personnel");
    expect(classifyAccount("50110")).toBe("personnel");
    expect(classifyAccount("6110")).toBe("premises");
    expect(classifyAccount("6299")).toBe("premises");
    expect(classifyAccount("6310")).toBe("other");
    expect(classifyAccount("6810")).toBe("capital");
    expect(classifyAccount("7890")).toBe("other");
    expect(classifyAccount("8410 Internränta")).toBe("capital");
  });

  it("leaves accounts outside every class unclassified, never guessed", () => {
    expect(classifyAccount("8010")).toBeUndefined(); // skatteintäkter: no nämnd's line
    expect(classifyAccount("1930")).toBeUndefined(); // a balance account
    expect(classifyAccount("abc")).toBeUndefined();
    expect(classifyAccount(undefined)).toBeUndefined();
  });

  it("a user's plan replaces the default: ranges of any length", () => {
    const plan = [{ from: "6400", to: "6499", costType: "premises" as const }, ...DEFAULT_ACCOUNT_PLAN];
    expect(classifyAccount("6410", plan)).toBe("premises");
    expect(classifyAccount("64101", plan)).toBe("premises");
    expect(classifyAccount("6410", [{ from: "61", to: "62", costType: "premises" }])).toBeUndefined();
  });

  it("sums by kostnadsslag and keeps the unknown per konto; the total is every row", () => {
    const s = sumByCostType([
      { account: "3510", amount: -1000 },
      { account: "5011", amount: 5000 },
      { account: "5011", amount: 250 },
      { account: "8010", amount: 70 },
      { amount: 30 },
    ]);
    expect(s.sums).toEqual({ revenue: -1000, personnel: 5250, premises: 0, other: 0, capital: 0 });
    expect([...s.unknown]).toEqual([
      ["8010", 70],
      ["", 30],
    ]);
    expect(s.total).toBe(4350);
  });
});
