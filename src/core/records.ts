/**
 * Maps keyed by text from a workbook, a file or the command line. A sheet, header or setting may be named
 * `__proto__`, `constructor` or `toString`: an ordinary object literal would hand such a key its prototype (and
 * `obj["__proto__"][k] = v` writes onto Object.prototype for the whole process). The rule (docs/security.md):
 * a map keyed by user text is a `Map` or a null-prototype object from `emptyRecord`, and a lookup of user text in a
 * fixed table goes through `ownValue` (`Object.hasOwn`). `test/prototype.test.ts` greps src/ for the unsafe forms.
 */

/** An empty object without a prototype: `__proto__` and `constructor` are keys like any other. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A null-prototype copy of `entries` (the safe `Object.fromEntries` for user keys). */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = emptyRecord<T>();
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The value `table` holds under `key` itself, never one it inherits (`constructor`, `toString`, `__proto__`). */
export function ownValue<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
