/**
 * Builds the add-in with webpack (production) into a directory of the test's own, so that tests running in
 * parallel do not race on dist/. Shared by the bundle scan and the browser test.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export function buildAddIn(name: string, args: readonly string[] = []): string {
  const out = join(ROOT, ".test-artifacts", `build-${name}`);
  mkdirSync(out, { recursive: true });
  execFileSync(join(ROOT, "node_modules/.bin/webpack"), ["--mode", "production", "--output-path", out, ...args], {
    cwd: ROOT,
    stdio: "pipe",
  });
  return out;
}

/** The JavaScript files of a build, with their text. */
export function builtScripts(dir: string): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((file) => ({ file, text: readFileSync(join(dir, file), "utf8") }));
}
