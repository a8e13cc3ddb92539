/**
 * LibreOffice headless for tests: convert a written .xlsx to PDF (to read what a person would see) or to a
 * recalculated .xlsx (to check our formulas). One profile directory per process, with the Swedish locale (so
 * invariant number formats show Swedish separators) and forced recalculation of OOXML files on load.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

/** The text of a PDF as laid out on the page, with non-breaking and thin spaces made plain spaces. */
export function pdfText(pdf: string): string {
  if (!which("pdftotext")) throw new Error("pdftotext saknas: installera med `apt-get install -y poppler-utils`.");
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  return text.replace(/[\u00a0\u202f\u2007\u2009]/g, " ").replace(/\u2212/g, "-");
}
