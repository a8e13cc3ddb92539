// The bundle budget: the task pane's initial JavaScript (the scripts dist/taskpane.html loads from dist/),
// gzipped, printed, and the build fails above 400 KB. Run after webpack by `npm run build`.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 400;
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** The local scripts of a built page (Office.js from the CDN is not ours and is not counted). */
export function initialScripts(html) {
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
}

const html = readFileSync(join(dist, "taskpane.html"), "utf8");
const scripts = initialScripts(html);
if (scripts.length === 0) {
  console.error("bundle-size: dist/taskpane.html loads no script of ours");
  process.exit(1);
}
let raw = 0;
let gzipped = 0;
for (const src of scripts) {
  const bytes = readFileSync(join(dist, src.replace(/^\.?\//, "")));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `Task pane initial JavaScript: ${kb(gzipped)} KB gzipped (${kb(raw)} KB raw, ${scripts.length} file(s)); budget ${BUDGET_KB} KB.`,
);
if (gzipped > BUDGET_KB * 1024) {
  console.error(`bundle-size: over the budget of ${BUDGET_KB} KB gzipped`);
  process.exit(1);
}
