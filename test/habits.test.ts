/**
 * Habits the code keeps: a comment says why in its own words, never by pointing at a tracker outside the
 * repository ("issue N", "issue N §M" with a number), which the next reader cannot open.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "fixtures" ? [] : files(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

describe("habits", () => {
  it("cites no tracker outside the repository in src, test, bench or scripts", () => {
    const found: string[] = [];
    for (const dir of ["src", "test", "bench", "scripts"]) {
      for (const file of files(join(ROOT, dir))) {
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (/\bissues? #?\d+/i.test(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(found).toEqual([]);
  });
});
