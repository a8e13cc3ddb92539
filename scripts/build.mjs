// `npm run build [-- --env host=https://example.org/budgetkoll/]`: webpack in production mode with the given
// arguments (the host makes dist/manifest.xml point there; the dev server's otherwise), then the bundle budget.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: "inherit" });
try {
  run(join(root, "node_modules/webpack-cli/bin/cli.js"), ["--mode", "production", ...process.argv.slice(2)]);
  run(join(root, "scripts/bundle-size.mjs"), []);
} catch (e) {
  process.exit(typeof e.status === "number" ? e.status : 1);
}
