/**
 * The hostile-file suite: each case of scripts/hostile-files.ts is built in a folder of its own and run through the
 * command line in a child process with a heap cap and a deadline. It must answer in Swedish as the case says,
 * within 5 s of run time and 300 MB of peak memory, leave Object.prototype as it was, and change no file but the
 * ones the case may write. How to add a case: docs/security.md.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HOSTILE_CASES } from "../../scripts/hostile-files";

/** The budget of every case: the run's own time and the process's peak resident memory. */
export const TIME_BUDGET_MS = 5000;
export const MEMORY_BUDGET_MB = 300;
/** The child is killed after this (the machine is shared; the budget above is what is asserted). */
const DEADLINE_MS = 120_000;

/** The child runs in the repository (tsx resolves from there); every path of a case is absolute. */
const REPO = join(__dirname, "../..");
const root = mkdtempSync(join(tmpdir(), "budgetkoll-hostile-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface ChildResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly polluted: string[];
}

/** Every file under `dir` (sub-folders too, by relative path) and its hash. */
function hashes(dir: string, prefix = ""): Map<string, string> {
  return new Map(
    readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((d): [string, string][] => {
      const rel = prefix ? `${prefix}/${d.name}` : d.name;
      return d.isDirectory()
        ? [...hashes(dir, rel)]
        : [
            [
              rel,
              createHash("sha256")
                .update(readFileSync(join(dir, rel)) as unknown as Uint8Array)
                .digest("hex"),
            ],
          ];
    }),
  );
}

/** Run the command line in a child: node with tsx, the heap capped, killed at the deadline. Paths are absolute. */
export function runChild(args: readonly string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${MEMORY_BUDGET_MB}`,
        "--import",
        "tsx",
        join(__dirname, "child.ts"),
        JSON.stringify(args),
      ],
      { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), DEADLINE_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const at = out.lastIndexOf("@@RESULT");
      if (at < 0)
        reject(new Error(`the child ended without a result (exit ${code}, signal ${signal}): ${err.slice(-2000)}`));
      else resolve(JSON.parse(out.slice(at + "@@RESULT".length)) as ChildResult);
    });
  });
}

describe("hostile and careless files, each in a child process under a time and memory budget", () => {
  for (const [i, c] of HOSTILE_CASES.entries()) {
    it(
      c.name,
      async () => {
        const dir = join(root, String(i));
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const args = await c.build(dir);
        const before = hashes(dir);
        const r = await runChild(args);
        expect(r.code, r.stderr).toBe(c.exit);
        expect(c.exit === 0 ? r.stdout : r.stderr).toMatch(c.expect);
        if (c.warns) expect(r.stderr).toMatch(c.warns);
        // No English from a library, no stack trace.
        expect(r.stderr).not.toMatch(/\b(Error|TypeError|Cannot|undefined|exception|https?:)/);
        expect(r.polluted).toEqual([]);
        // The run's time: wall clock, or its CPU time when other work on the shared machine stretched the wall clock.
        expect(Math.min(r.ms, r.cpuMs), `run time of "${c.name}"`).toBeLessThan(TIME_BUDGET_MS);
        expect(r.peakMb, `peak memory of "${c.name}"`).toBeLessThan(MEMORY_BUDGET_MB);
        const after = hashes(dir);
        const writes = new Set(c.writes ?? []);
        for (const [file, hash] of before)
          if (!writes.has(file)) expect(after.get(file), `${file} must not change`).toBe(hash);
        for (const file of after.keys())
          if (!before.has(file)) expect(writes.has(file) ? file : `unexpected new file ${file}`).toBe(file);
        console.log(
          `${c.name}: exit ${r.code}, ${Math.round(r.ms)} ms (CPU ${Math.round(r.cpuMs)} ms), peak ${Math.round(r.peakMb)} MB`,
        );
      },
      180_000,
    );
  }
});

describe("the temporary file of a save", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`is removed when the run is stopped with ${signal}, and the old file is kept`, async () => {
      const dir = mkdtempSync(join(root, "signal-"));
      const out = join(dir, "rapport.xlsx");
      writeFileSync(out, "den gamla rapporten");
      const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "saveChild.ts"), out], {
        cwd: REPO,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const temp = (): string | undefined => readdirSync(dir).find((f) => f.endsWith(".tmp"));
      const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
      // Wait until the temporary file is being written, then stop the process.
      for (let waited = 0; temp() === undefined && waited < 60_000; waited += 20)
        await new Promise((r) => setTimeout(r, 20));
      expect(temp()).toBeDefined();
      child.kill(signal);
      expect(await exited).toBe(signal === "SIGINT" ? 130 : 143);
      expect(readdirSync(dir)).toEqual(["rapport.xlsx"]);
      expect(readFileSync(out, "utf8")).toBe("den gamla rapporten");
    }, 120_000);
  }
});
