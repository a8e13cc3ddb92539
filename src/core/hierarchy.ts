/**
 * The cost-centre (ansvar) hierarchy: ansvar with a code and a parent (40 > 400), or without codes, keyed on the
 * path of names ("Vård och omsorg/Stab"), because names repeat under different areas (seed 002).
 */

import { CoreError, type CoreProblem } from "./errors";

export interface CostCentre {
  /** Unique key: the ansvar code, or the path of names when there are no codes. */
  readonly key: string;
  readonly code?: string;
  readonly name: string;
  readonly parentKey?: string;
}

export interface HierarchyNode extends CostCentre {
  readonly depth: number;
  readonly childKeys: readonly string[];
}

export interface Hierarchy {
  readonly nodes: ReadonlyMap<string, HierarchyNode>;
  readonly rootKeys: readonly string[];
  /** Depth-first order, each parent before its children: the order of a report. */
  readonly order: readonly string[];
}

/** The key of a node without a code: its path of names. */
export function pathKey(names: readonly string[]): string {
  return names.map((n) => n.trim()).join(" / ");
}

/** Key of the synthetic parent for ansvar that are booked but missing from the hierarchy. */
export const UNKNOWN_PARENT_KEY = "(ej i ansvarsstrukturen)";

/**
 * Build a hierarchy; every problem (duplicate key, unknown parent, cycle) is reported at once, in a CoreError.
 * `extraLeafKeys` are keys met in the data but not in the list: they are added under a synthetic parent so that
 * nothing booked on them is lost.
 */
export function buildHierarchy(centres: readonly CostCentre[], extraLeafKeys: Iterable<string> = []): Hierarchy {
  const problems: CoreProblem[] = [];
  const byKey = new Map<string, CostCentre>();
  for (const c of centres) {
    if (byKey.has(c.key)) problems.push({ code: "duplicateCostCentre", key: c.key });
    else byKey.set(c.key, c);
  }
  const unknown = [...new Set(extraLeafKeys)].filter((k) => !byKey.has(k)).sort();
  if (unknown.length > 0) {
    byKey.set(UNKNOWN_PARENT_KEY, { key: UNKNOWN_PARENT_KEY, name: "Ansvar som saknas i ansvarsstrukturen" });
    for (const k of unknown)
      byKey.set(k, { key: k, code: k, name: `Okänt ansvar ${k}`, parentKey: UNKNOWN_PARENT_KEY });
  }
  const children = new Map<string, string[]>();
  const rootKeys: string[] = [];
  for (const c of byKey.values()) {
    if (c.parentKey === undefined || c.parentKey === "") rootKeys.push(c.key);
    else if (!byKey.has(c.parentKey))
      problems.push({ code: "unknownParent", key: c.key, name: c.name, parentKey: c.parentKey });
    else {
      const list = children.get(c.parentKey) ?? [];
      list.push(c.key);
      children.set(c.parentKey, list);
    }
  }
  const nodes = new Map<string, HierarchyNode>();
  const order: string[] = [];
  const visit = (key: string, depth: number, seen: Set<string>): void => {
    if (seen.has(key)) {
      problems.push({ code: "hierarchyCycle", members: [key] });
      return;
    }
    seen.add(key);
    const c = byKey.get(key)!;
    const childKeys = children.get(key) ?? [];
    nodes.set(key, { ...c, depth, childKeys });
    order.push(key);
    for (const child of childKeys) visit(child, depth + 1, seen);
  };
  for (const r of rootKeys) visit(r, 0, new Set());
  const inReportedCycle = new Set<string>();
  for (const key of byKey.keys()) {
    if (nodes.has(key)) continue;
    // Unreached from a root: either under a missing parent (reported above) or in a cycle, reported once.
    const path = new Set<string>();
    let at: string | undefined = key;
    while (at !== undefined && byKey.has(at) && !path.has(at) && !inReportedCycle.has(at)) {
      path.add(at);
      at = byKey.get(at)!.parentKey;
    }
    if (at === undefined || !path.has(at)) continue;
    const members: string[] = [];
    for (let c: string = at; !inReportedCycle.has(c); c = byKey.get(c)!.parentKey!) {
      inReportedCycle.add(c);
      members.push(c);
    }
    problems.push({ code: "hierarchyCycle", members: [...members, at] });
  }
  if (problems.length > 0) throw new CoreError([...new Map(problems.map((p) => [JSON.stringify(p), p])).values()]);
  return { nodes, rootKeys, order };
}

/**
 * Sum values over the hierarchy: each node gets its own value plus the sums of its children.
 * Values are summed unrounded (a printed total may then differ by 1 tkr from its printed parts: that is shown).
 */
export function rollUp<F extends string>(
  hierarchy: Hierarchy,
  own: ReadonlyMap<string, Readonly<Record<F, number>>>,
  fields: readonly F[],
): Map<string, Record<F, number>> {
  const result = new Map<string, Record<F, number>>();
  const sum = (key: string): Record<F, number> => {
    const node = hierarchy.nodes.get(key)!;
    const mine = own.get(key);
    const acc = {} as Record<F, number>;
    for (const f of fields) acc[f] = mine?.[f] ?? 0;
    for (const child of node.childKeys) {
      const c = sum(child);
      for (const f of fields) acc[f] += c[f];
    }
    result.set(key, acc);
    return acc;
  };
  for (const r of hierarchy.rootKeys) sum(r);
  return result;
}
