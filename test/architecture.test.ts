/**
 * The layers stay apart: this test reads every import in src/ and checks it against the allowed directions
 * (docs/architecture.md). A reader cannot reach past the core into the UI, nor the core into a writer.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");
const SRC = join(ROOT, "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The layer of a file: the first directory under src/, with workbook split into its implementations. */
function layer(path: string): string {
  const parts = relative(SRC, path).split("/");
  if (parts[0] === "workbook" && parts.length > 2) return `workbook/${parts[1]}`;
  return parts[0]!;
}

/** Which layers each layer may import. `cells` (cell values and A1 addresses) imports nothing. */
const ALLOWED: Record<string, readonly string[]> = {
  cells: ["cells"],
  core: ["core"],
  input: ["cells", "core", "input", "report", "workbook"],
  report: ["cells", "core", "report"],
  workbook: ["cells", "core", "report", "workbook"],
  "workbook/exceljs": ["cells", "core", "report", "workbook", "workbook/exceljs"],
  "workbook/csv": ["cells", "core", "workbook", "workbook/csv"],
  "workbook/sie": ["cells", "core", "workbook", "workbook/sie"],
  "workbook/office": ["cells", "core", "report", "workbook", "workbook/office"],
  jobs: ["cells", "core", "input", "report", "workbook", "jobs"],
  cli: [
    "cells",
    "core",
    "input",
    "report",
    "workbook",
    "workbook/exceljs",
    "workbook/csv",
    "workbook/sie",
    "jobs",
    "cli",
  ],
  taskpane: ["cells", "core", "input", "report", "workbook", "workbook/office", "jobs", "taskpane"],
};

/** The adapters: they read and write files or the open workbook, and know no rule of what the rows mean. */
const ADAPTERS = ["workbook/exceljs", "workbook/csv", "workbook/sie", "workbook/office"];

/** Packages a layer may import (beyond relative imports). */
const PACKAGES: Record<string, RegExp> = {
  cells: /^$/,
  core: /^zod$/,
  input: /^zod$/,
  report: /^$/,
  workbook: /^$/,
  "workbook/exceljs": /^(exceljs|jszip|node:.*)$/,
  "workbook/csv": /^node:.*$/,
  "workbook/sie": /^node:.*$/,
  "workbook/office": /^$/,
  jobs: /^$/,
  cli: /^(exceljs|node:.*)$/,
  taskpane: /^(react|react-dom(\/client)?|react\/jsx-runtime|@fluentui\/react-components)$/,
};

const sources = files(SRC);

describe("layers", () => {
  it("finds the source files", () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it("no adapter imports src/input, and the allowed imports have no cycle", () => {
    for (const adapter of ADAPTERS) expect(ALLOWED[adapter], adapter).not.toContain("input");
    // A depth-first search over the allowed directions between different layers finds no way back.
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycle = (layer: string, path: readonly string[]): string[] | undefined => {
      if (visiting.has(layer)) return [...path, layer];
      if (done.has(layer)) return undefined;
      visiting.add(layer);
      for (const next of ALLOWED[layer] ?? []) {
        if (next === layer) continue;
        const found = cycle(next, [...path, layer]);
        if (found) return found;
      }
      visiting.delete(layer);
      done.add(layer);
      return undefined;
    };
    for (const layer of Object.keys(ALLOWED)) expect(cycle(layer, []), `a cycle from ${layer}`).toBeUndefined();
  });

  for (const file of sources) {
    const rel = relative(ROOT, file);
    it(`${rel} imports only what its layer allows`, () => {
      const own = layer(file);
      const allowed = ALLOWED[own];
      expect(allowed, `unknown layer ${own}`).toBeDefined();
      const text = readFileSync(file, "utf8");
      const imports = [
        ...text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1] ?? m[2]!);
      for (const spec of imports) {
        if (spec.startsWith(".")) {
          const target = layer(resolve(dirname(file), spec));
          expect(allowed, `${rel} imports ${spec} (layer ${target})`).toContain(target);
        } else {
          expect(spec, `${rel} imports the package ${spec}`).toMatch(PACKAGES[own]!);
        }
      }
      // Only the Office.js implementation touches Excel; the task pane may use Office itself.
      if (own !== "workbook/office") expect(text, `${rel} uses Excel.*`).not.toMatch(/\bExcel\.(run|RequestContext)\b/);
      if (!["workbook/office", "taskpane"].includes(own))
        expect(text, `${rel} uses Office.*`).not.toMatch(/\bOffice\.(?!js\b)\w/);
    });
  }
});
