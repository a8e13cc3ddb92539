/**
 * LibreOffice headless for tests: convert a written .xlsx to PDF (to read what a person would see) or to a
 * recalculated .xlsx (to check our formulas). One profile directory per process, with the Swedish locale (so
 * invariant number formats show Swedish separators) and forced recalculation of OOXML files on load.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>sv-SE</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>sv-SE</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function which(command: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The soffice binary; a clear failure (never a skip) when it is missing: CI installs it. */
export function soffice(): string {
  const path = which("soffice");
  if (!path) {
    throw new Error(
      "LibreOffice (soffice) saknas: installera med `apt-get install -y libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito` (.ci/run gör det).",
    );
  }
  return path;
}

let profile: string | undefined;

/** This process's own LibreOffice profile, created once. */
export function profileDir(): string {
  if (!profile) {
    profile = mkdtempSync(join(tmpdir(), `budgetkoll-lo-${process.pid}-`));
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), REGISTRY);
  }
  return profile;
}

/** Remove this process's profile (after the last conversion of a test file). */
export function removeProfile(): void {
  if (profile) rmSync(profile, { recursive: true, force: true });
  profile = undefined;
}

/** Convert `file` to `format` ("pdf" or "xlsx") in `outDir`; fails when LibreOffice wrote nothing (it exits 0 anyway). */
export function convert(file: string, format: "pdf" | "xlsx", outDir: string): string {
  const bin = soffice();
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    bin,
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${profileDir()}`,
      "--convert-to",
      format,
      "--outdir",
      outDir,
      file,
    ],
    {
      stdio: "pipe",
      timeout: 180_000,
    },
  );
  const out = join(outDir, basename(file).replace(/\.[^.]+$/, `.${format}`));
  if (!existsSync(out)) throw new Error(`LibreOffice skrev ingen ${format}-fil för ${file}.`);
  return out;
}

/**
 * The text of a PDF as laid out on the page ("raw": in the order it is drawn, so a chart's title stays one line
 * although cells under the chart sit beside it), with non-breaking and thin spaces made plain spaces.
 */
export function pdfText(pdf: string, mode: "layout" | "raw" = "layout"): string {
  if (!which("pdftotext")) throw new Error("pdftotext saknas: installera med `apt-get install -y poppler-utils`.");
  const text = execFileSync("pdftotext", [`-${mode}`, pdf, "-"], { encoding: "utf8" });
  return text.replace(/[\u00a0\u202f\u2007\u2009]/g, " ").replace(/\u2212/g, "-");
}

/**
 * How many pixels of each colour ("RRGGBB", within `tolerance` summed over the channels) the PDF's pages show
 * when rendered at `dpi` (pdftoppm): a chart's bars are vector shapes, not images, so this is how a test sees them.
 */
export function pdfColourCounts<K extends string>(
  pdf: string,
  colours: Record<K, string>,
  { dpi = 100, tolerance = 30 } = {},
): Record<K, number> {
  if (!which("pdftoppm")) throw new Error("pdftoppm saknas: installera med `apt-get install -y poppler-utils`.");
  const out = mkdtempSync(join(tmpdir(), "budgetkoll-ppm-"));
  try {
    execFileSync("pdftoppm", ["-r", String(dpi), pdf, join(out, "page")], { stdio: "pipe" });
    const targets = (Object.entries(colours) as [K, string][]).map(([name, hex]) => ({
      name,
      rgb: [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)),
    }));
    const counts = Object.fromEntries(targets.map((t) => [t.name, 0])) as Record<K, number>;
    for (const page of readdirSync(out)) {
      // Binary PPM (P6): "P6\n<width> <height>\n255\n" and then the pixels, three bytes each.
      const data = readFileSync(join(out, page));
      let offset = 0;
      for (let fields = 0; fields < 4;) {
        while (/\s/.test(String.fromCharCode(data[offset]!))) offset++;
        while (!/\s/.test(String.fromCharCode(data[offset]!))) offset++;
        fields++;
      }
      offset++;
      for (let i = offset; i + 2 < data.length; i += 3) {
        for (const t of targets) {
          const d =
            Math.abs(data[i]! - t.rgb[0]!) + Math.abs(data[i + 1]! - t.rgb[1]!) + Math.abs(data[i + 2]! - t.rgb[2]!);
          if (d <= tolerance) counts[t.name]++;
        }
      }
    }
    return counts;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
