import { describe, expect, it } from "vitest";
import { CoreError } from "../../src/core/errors";
import { buildHierarchy, pathKey, rollUp, UNKNOWN_PARENT_KEY } from "../../src/core/hierarchy";

const herrljunga = [
  { key: "42", code: "42", name: "Individ och familjeomsorg" },
  { key: "420", code: "420", name: "Individ och familjeomsorg", parentKey: "42" },
  { key: "421", code: "421", name: "IFO vuxen och bistånd", parentKey: "42" },
  { key: "422", code: "422", name: "IFO BoF", parentKey: "42" },
  { key: "46", code: "46", name: "Socialt stöd" },
  { key: "460", code: "460", name: "Socialt stöd", parentKey: "46" },
];

describe("buildHierarchy", () => {
  it("orders each parent before its children, with depths", () => {
    const h = buildHierarchy(herrljunga);
    expect(h.order).toEqual(["42", "420", "421", "422", "46", "460"]);
    expect(h.rootKeys).toEqual(["42", "46"]);
    expect(h.nodes.get("421")).toMatchObject({ depth: 1, childKeys: [] });
    expect(h.nodes.get("42")!.childKeys).toEqual(["420", "421", "422"]);
  });
  it("puts ansvar met in the data but missing from the list under a synthetic parent", () => {
    const h = buildHierarchy(herrljunga, ["999", "423", "999"]);
    expect(h.nodes.get(UNKNOWN_PARENT_KEY)!.childKeys).toEqual(["423", "999"]);
    expect(h.nodes.get("999")).toMatchObject({ name: "Okänt ansvar 999", parentKey: UNKNOWN_PARENT_KEY, depth: 1 });
    expect(buildHierarchy(herrljunga, ["421"]).nodes.has(UNKNOWN_PARENT_KEY)).toBe(false);
  });
  it("reports every problem at once, each as a code and its data", () => {
    try {
      buildHierarchy([
        ...herrljunga,
        { key: "421", name: "Dubblett" },
        { key: "470", name: "X", parentKey: "47" },
        { key: "a", name: "A", parentKey: "b" },
        { key: "b", name: "B", parentKey: "a" },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CoreError);
      expect((e as CoreError).problems).toEqual([
        { code: "duplicateCostCentre", key: "421" },
        { code: "unknownParent", key: "470", name: "X", parentKey: "47" },
        { code: "hierarchyCycle", members: ["a", "b", "a"] },
      ]);
    }
  });
  it("keys nodes without codes on the path of names", () => {
    expect(pathKey([" Administration och bistånd", "Stab "])).toBe("Administration och bistånd / Stab");
  });
});

describe("rollUp", () => {
  it("sums Herrljunga's IFO ansvar into the verksamhet (Budget 2021: 2 062 + 25 961 + 16 375 = 44 398)", () => {
    const h = buildHierarchy(herrljunga);
    const own = new Map([
      ["420", { budget: 2062, utfall: 2451 }],
      ["421", { budget: 25961, utfall: 14461 }],
      ["422", { budget: 16375, utfall: 13185 }],
      ["460", { budget: 2264, utfall: 1521 }],
    ]);
    const sums = rollUp(h, own, ["budget", "utfall"]);
    expect(sums.get("42")).toEqual({ budget: 44398, utfall: 30097 });
    expect(sums.get("46")).toEqual({ budget: 2264, utfall: 1521 });
    expect(sums.get("421")).toEqual({ budget: 25961, utfall: 14461 });
  });
  it("adds a parent's own bookings to its children's sum, and gives zero to nodes with nothing", () => {
    const h = buildHierarchy(herrljunga);
    const sums = rollUp(
      h,
      new Map([
        ["42", { x: 5 }],
        ["420", { x: 1 }],
      ]),
      ["x"],
    );
    expect(sums.get("42")).toEqual({ x: 6 });
    expect(sums.get("46")).toEqual({ x: 0 });
  });
});
