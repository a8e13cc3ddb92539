#!/usr/bin/env node
// `npx budgetkoll ...`: runs the TypeScript command line (src/cli/main.ts) through tsx, without a build step.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2));
