/**
 * How a cell names an ansvar or verksamhet, as people write it (domain.md, "Hierarchies"): by its code (441), by
 * its path of names ("Äldreomsorg / Hemtjänst", also the end of a longer path), or by its plain name (Hemtjänst)
 * when that name is unique in the hierarchy. A code written with or without leading zeros (0410 / 410) is the same
 * ansvar when only one code matches so. One rule for every sheet that names an ansvar.
 */
import type { CostCentre } from "./hierarchy";

export type KeyMatch =
  | { readonly kind: "found"; readonly key: string; readonly via: "key" | "code" | "path" | "name" }
  /** Matched only when leading zeros are ignored: the cell's code and the hierarchy's differ in writing. */
  | { readonly kind: "zeros"; readonly key: string; readonly code: string }
  /** A name (or path end) that more than one ansvar has: the cell must say which. */
  | { readonly kind: "ambiguous"; readonly keys: readonly string[] }
  /** No ansvar: `suggestion` is the closest known one, when one is close. */
  | { readonly kind: "unknown"; readonly suggestion?: string };

export interface KeyIndex {
  readonly resolve: (text: string) => KeyMatch;
  /** "421 IFO vuxen och bistånd", or the path of a unit without a code. */
  readonly label: (key: string) => string;
  readonly size: number;
}

/** Case, spacing and the spaces around a path's slashes do not matter. */
export function normaliseKeyText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/\s*\/\s*/g, " / ")
    .trim()
    .toLocaleLowerCase("sv");
}

const withoutZeros = (code: string): string => code.replace(/^0+(?=\d)/, "");

/** Edit distance with a swap of two neighbours as one edit (421 / 412), for "menade du ...". */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function add(map: Map<string, string[]>, text: string, key: string): void {
  const list = map.get(text);
  if (!list) map.set(text, [key]);
  else if (!list.includes(key)) list.push(key);
}

/** The index of a hierarchy's keys, codes, names and paths. */
export function keyIndex(centres: readonly CostCentre[]): KeyIndex {
  const byKey = new Map(centres.map((c) => [c.key, c]));
  const keys = new Map<string, string>();
  const codes = new Map<string, string[]>();
  const zeroless = new Map<string, string[]>();
  const names = new Map<string, string[]>();
  const paths = new Map<string, string[]>();
  const pathOf = (c: CostCentre, depth = 0): string[] => {
    const parent = c.parentKey === undefined ? undefined : byKey.get(c.parentKey);
    return parent && depth < centres.length ? [...pathOf(parent, depth + 1), c.name] : [c.name];
  };
  for (const c of centres) {
    keys.set(normaliseKeyText(c.key), c.key);
    if (c.code !== undefined) {
      add(codes, normaliseKeyText(c.code), c.key);
      if (/^\d+$/.test(c.code)) add(zeroless, withoutZeros(c.code), c.key);
    }
    add(names, normaliseKeyText(c.name), c.key);
    // Every end of the path of names ("Hemtjänst", "Äldreomsorg / Hemtjänst", "Vård / Äldreomsorg / Hemtjänst").
    const path = pathOf(c).map(normaliseKeyText);
    for (let i = path.length - 2; i >= 0; i--) add(paths, path.slice(i).join(" / "), c.key);
  }
  const ancestors = (key: string): Set<string> => {
    const out = new Set<string>();
    for (let at = byKey.get(key)?.parentKey; at !== undefined && !out.has(at); at = byKey.get(at)?.parentKey)
      out.add(at);
    return out;
  };
  /** The highest of keys that all lie on one line of descent; undefined when they do not. */
  const onOneLine = (keys: readonly string[]): string | undefined => {
    const sorted = [...keys].sort((a, b) => ancestors(a).size - ancestors(b).size);
    for (let i = 1; i < sorted.length; i++) if (!ancestors(sorted[i]!).has(sorted[i - 1]!)) return undefined;
    return sorted[0];
  };
  const label = (key: string): string => {
    const c = byKey.get(key);
    if (!c) return key;
    return c.code !== undefined ? `${c.code} ${c.name}` : c.key;
  };
  const candidates = [...byKey.values()].map((c) => ({
    key: c.key,
    texts: [c.code, c.name, c.key].filter((t): t is string => t !== undefined).map(normaliseKeyText),
  }));
  const suggest = (text: string): string | undefined => {
    let best: { key: string; d: number; len: number } | undefined;
    for (const c of candidates) {
      for (const t of c.texts) {
        const d = editDistance(text, t);
        const len = Math.abs(text.length - t.length);
        // Close: a typo or two, not another word (at most a third of the longer text); on a tie, the same length.
        if (
          d <= Math.max(1, Math.floor(Math.max(text.length, t.length) / 3)) &&
          (best === undefined || d < best.d || (d === best.d && len < best.len))
        )
          best = { key: c.key, d, len };
      }
    }
    return best?.key;
  };
  const resolve = (raw: string): KeyMatch => {
    const text = normaliseKeyText(raw);
    for (const [map, via] of [
      [codes, "code"],
      [paths, "path"],
      [names, "name"],
    ] as const) {
      const found = map.get(text);
      if (found?.length === 1) return { kind: "found", key: found[0]!, via };
      if (found && found.length > 1) {
        // A verksamhet and its own common ansvar often share the name (seed 004: 44 and 440 Vård och omsorg):
        // when every candidate lies on one line of descent, the name means the highest, which holds them all.
        const top = onOneLine(found);
        return top === undefined ? { kind: "ambiguous", keys: found } : { kind: "found", key: top, via };
      }
    }
    const exact = keys.get(text);
    if (exact !== undefined) return { kind: "found", key: exact, via: "key" };
    if (/^\d+$/.test(text)) {
      const found = zeroless.get(withoutZeros(text));
      if (found?.length === 1) return { kind: "zeros", key: found[0]!, code: byKey.get(found[0]!)!.code! };
    }
    const suggestion = suggest(text);
    return suggestion === undefined ? { kind: "unknown" } : { kind: "unknown", suggestion };
  };
  return { resolve, label, size: byKey.size };
}
