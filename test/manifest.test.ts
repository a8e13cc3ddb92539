/**
 * The manifest, offline: xmllint against the Office add-in schemas (a copy in test/fixtures), plus what the
 * schemas cannot check: every resid resolves, every URL is https, the icons exist at their sizes, the least
 * permission and the lowest requirement set.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestFor, normalHost } from "../scripts/manifest.mjs";
import { buildAddIn } from "./e2e/build";

const ROOT = resolve(__dirname, "..");
const MANIFEST = join(ROOT, "manifest.xml");
const SCHEMA = join(ROOT, "test/fixtures/office-manifest-schemas/OfficeAppManifestV1_1.xsd");
const xml = readFileSync(MANIFEST, "utf8");

/** Width and height from a PNG's IHDR chunk (bytes 16-23), after checking the signature. */
export function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(buf.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const ids = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]!));
const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!);
const urls = [...xml.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]+)"|<AppDomain>([^<]+)</g)].map(
  (m) => m[1] ?? m[2]!,
);

describe("manifest.xml", () => {
  it("validates against the Office add-in manifest schemas", () => {
    const out = execFileSync("xmllint", ["--noout", "--schema", SCHEMA, MANIFEST], { encoding: "utf8", stdio: "pipe" });
    expect(out).toBe("");
  });

  it("is a task pane add-in for Excel with a fixed id, in Swedish with an English override", () => {
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(xml).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
    expect(xml).toContain("<DefaultLocale>sv-SE</DefaultLocale>");
    expect(xml).toMatch(/<DisplayName DefaultValue="Budgetkoll">\s*<Override Locale="en-US"/);
    expect(xml).toMatch(/<Description DefaultValue="Budgetuppföljning[^"]*">\s*<Override Locale="en-US"/);
    expect(xml).toContain('<Host Name="Workbook"/>');
  });

  it("asks for ReadWriteDocument and ExcelApi 1.7, nothing more", () => {
    expect([...xml.matchAll(/<Permissions>([^<]+)<\/Permissions>/g)].map((m) => m[1])).toEqual(["ReadWriteDocument"]);
    expect([...xml.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      "ExcelApi 1.7",
    ]);
  });

  it("has a ribbon button on the Home tab that shows the task pane", () => {
    expect(xml).toContain('<OfficeTab id="TabHome">');
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">[\s\S]*<SourceLocation resid="Taskpane.Url"\/>/);
  });

  it("defines every resid it uses", () => {
    expect(resids.length).toBeGreaterThan(10);
    for (const id of resids) expect(ids, `resid ${id}`).toContain(id);
  });

  it("uses https for every URL", () => {
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url, url).toMatch(/^https:\/\//);
  });

  it("points the task pane at the page the build makes, and support at a real page of assets/", () => {
    const config = readFileSync(join(ROOT, "webpack.config.js"), "utf8");
    const pages = [...xml.matchAll(/https:\/\/localhost:3000\/([\w-]+\.html)/g)].map((m) => m[1]!);
    expect(new Set(pages)).toEqual(new Set(["taskpane.html"]));
    for (const page of new Set(pages)) expect(config, page).toContain(`filename: "${page}"`);
    const support = [
      ...xml.matchAll(
        /<SupportUrl DefaultValue="([^"]+)"|<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="([^"]+)"/g,
      ),
    ].map((m) => m[1] ?? m[2]);
    expect(support).toEqual([
      "https://localhost:3000/assets/support.html",
      "https://localhost:3000/assets/support.html",
    ]);
    const page = readFileSync(join(ROOT, "assets/support.html"), "utf8");
    expect(page).toContain('<html lang="sv">');
    expect(page).toMatch(/Vilka Excel-versioner fungerar\?/);
    expect(page).not.toMatch(/<script/);
  });

  it("declares no function file (the ribbon button only shows the task pane)", () => {
    expect(xml).not.toContain("FunctionFile");
    expect(existsSync(join(ROOT, "src/commands"))).toBe(false);
  });

  it("has every icon it names, at the size it claims", () => {
    const icons = [...xml.matchAll(/https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)/g)];
    expect(new Set(icons.map((m) => m[2]))).toEqual(new Set(["16", "32", "64", "80"]));
    for (const [, path, size] of icons) {
      const file = join(ROOT, path!);
      expect(existsSync(file), path).toBe(true);
      expect(pngSize(file)).toEqual({ width: Number(size), height: Number(size) });
    }
    // The ribbon's image sizes match the files they name.
    for (const m of xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)) {
      const url = new RegExp(`<bt:Image id="${m[2]}" DefaultValue="[^"]*icon-(\\d+)\\.png"`).exec(xml);
      expect(url?.[1], m[2]).toBe(m[1]);
    }
  });
});

describe("the manifest for a production host", () => {
  it("moves every URL to the host, which must be https, and ends it with a slash", () => {
    expect(normalHost("https://example.org/budgetkoll")).toBe("https://example.org/budgetkoll/");
    expect(() => normalHost("http://example.org/")).toThrow(/only over https/);
    expect(() => normalHost("example.org")).toThrow(/is not a URL/);
    const out = manifestFor(xml, "https://example.org/budgetkoll");
    expect(out).not.toContain("localhost");
    expect(out).toContain('<SourceLocation DefaultValue="https://example.org/budgetkoll/taskpane.html"/>');
  });

  it("is written to dist/ by the build from one setting, valid against the schemas, every URL on that host", () => {
    const host = "https://example.org/budgetkoll/";
    const dir = buildAddIn("manifest", ["--env", `host=${host}`]);
    const file = join(dir, "manifest.xml");
    expect(existsSync(file)).toBe(true);
    const built = readFileSync(file, "utf8");
    const found = [...built.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]+)"|<AppDomain>([^<]+)</g)].map(
      (m) => m[1] ?? m[2]!,
    );
    expect(found.length).toBeGreaterThan(8);
    for (const url of found) expect(url, url).toMatch(/^https:\/\/example\.org\/budgetkoll\//);
    expect(execFileSync("xmllint", ["--noout", "--schema", SCHEMA, file], { encoding: "utf8", stdio: "pipe" })).toBe(
      "",
    );
    // Every page and icon it names is in the build.
    for (const url of found) expect(existsSync(join(dir, url.slice(host.length))), url).toBe(true);
  }, 240_000);
});
