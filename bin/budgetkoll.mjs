#!/usr/bin/env node
// `npx budgetkoll ...`: the built command line (dist/cli/budgetkoll.mjs, `npm run build:cli`) when it exists,
// run by plain node; otherwise the TypeScript in src/cli/main.ts through tsx, without a build step (slower to
// start and about 35 MB more memory: the TypeScript is compiled at run time).
import { existsSync } from "node:fs";

const built = new URL("../dist/cli/budgetkoll.mjs", import.meta.url);
let runCli;
if (existsSync(built) && process.env.BUDGETKOLL_FROM_SOURCE !== "1") ({ runCli } = await import(built.href));
else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ runCli } = await import("../src/cli/main.ts"));
}
process.exitCode = await runCli(process.argv.slice(2));
