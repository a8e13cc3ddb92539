/**
 * One hostile case in a process of its own: runs the command line with the arguments given as JSON and prints
 * one JSON line: exit code, output, the time of the run, the peak resident memory of the process, and whether
 * Object.prototype gained a property.
 */
import { runCli } from "../../src/cli/main";

/** Object.prototype's own properties before the run. */
const ORIGINAL = Object.getOwnPropertyNames(Object.prototype);
const args = JSON.parse(process.argv[2] ?? "[]") as string[];
const stdout: string[] = [];
const stderr: string[] = [];
const started = performance.now();
const cpuStart = process.cpuUsage();
const code = await runCli(args, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
/** CPU time of the run (user + system), which the other work on a shared machine does not stretch. */
const cpuMs = (cpu.user + cpu.system) / 1000;
const probe = {} as Record<string, unknown>;
const polluted = [
  ...Object.getOwnPropertyNames(Object.prototype).filter((k) => !ORIGINAL.includes(k)),
  ...["hidden", "formula"].filter((k) => probe[k] !== undefined),
];
// Peak resident memory of the whole process (kB on Linux).
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `\n@@RESULT${JSON.stringify({ code, stdout: stdout.join("\n"), stderr: stderr.join("\n"), ms, cpuMs, peakMb, polluted })}\n`,
);
