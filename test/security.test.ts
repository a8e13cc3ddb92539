/**
 * Security of the add-in: the built bundle makes no network call of its own (Office.js from Microsoft's
 * CDN is the only one, loaded by the page), uses no eval, the page carries a Content-Security-Policy without
 * unsafe-eval, webpack adds no eval-based source map, and the manifest asks for the least permission.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAddIn, builtScripts, ROOT } from "./e2e/build";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * URLs that are names, not addresses: XML namespaces React uses for SVG/MathML, JSON-Schema ids of zod, the
 * template of zod's IPv6 check (`http://[${e}]` parsed with new URL, never fetched), React's error-page prefix.
 */
const URL_WHITELIST = new Set([
  "http://www.w3.org/1998/Math/MathML",
  "http://www.w3.org/1999/xlink",
  "http://www.w3.org/2000/svg",
  "http://www.w3.org/XML/1998/namespace",
  "http://json-schema.org/draft-04/schema#",
  "http://json-schema.org/draft-07/schema#",
  "https://json-schema.org/draft/2020-12/schema",
  "http://[${e}]",
  "https://react.dev/errors/",
]);

/**
 * The one `new Function` left in the bundle is zod's probe of whether JIT is allowed: `try { new Function(""); return
 * true } catch { return false }`. Under the page's CSP it throws and zod runs without code generation.
 */
const ZOD_JIT_PROBE = /try\{return new Function\(""\),!0\}catch\(\w+\)\{return!1\}/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

let dir = "";
let scripts: { file: string; text: string }[] = [];

beforeAll(() => {
  dir = buildAddIn("security");
  scripts = builtScripts(dir);
});

describe("the built bundle", () => {
  it("is there", () => {
    expect(scripts.map((s) => s.file).some((f) => f.startsWith("taskpane."))).toBe(true);
  });

  it("opens no connection of its own: no fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon", () => {
    for (const { file, text } of scripts) {
      for (const api of [
        /\bfetch\s*\(/,
        /XMLHttpRequest/,
        /WebSocket/,
        /EventSource/,
        /sendBeacon/,
        /importScripts/,
        /\.src\s*=\s*["'`]https?:/,
      ]) {
        expect(text, `${file} uses ${api}`).not.toMatch(api);
      }
    }
  });

  it("names no http(s) address except whitelisted namespaces and schema ids", () => {
    const found = new Set(
      scripts.flatMap(({ text }) => [...text.matchAll(/https?:\/\/[^"'\s`)\\]*/g)].map((m) => m[0])),
    );
    expect([...found].filter((u) => !URL_WHITELIST.has(u))).toEqual([]);
  });

  it("has no eval, and no new Function beyond zod's guarded probe", () => {
    for (const { file, text } of scripts) {
      expect(text, file).not.toMatch(/\beval\s*\(/);
      expect(text.replace(ZOD_JIT_PROBE, ""), file).not.toMatch(/new\s+Function\s*\(/);
    }
  });

  it("loads Office.js from Microsoft's CDN and keeps a Content-Security-Policy without unsafe-eval", () => {
    for (const page of ["taskpane.html"]) {
      const html = readFileSync(join(dir, page), "utf8");
      const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1];
      expect(csp, page).toBeDefined();
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
      expect(csp).toMatch(/connect-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      const external = [...html.matchAll(/<script[^>]*\ssrc="?(https?:[^"\s>]+)"?/g)].map((m) => m[1]);
      expect(external, page).toEqual([OFFICE_JS]);
      expect(html, page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>\s*\S/); // no inline script
    }
  });
});

describe("our own code", () => {
  it("uses no eval, new Function or network API anywhere in src/", () => {
    for (const file of sources(join(ROOT, "src"))) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(
        /\beval\s*\(|new\s+Function\s*\(|\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon/,
      );
    }
  });

  it("builds without an eval-based source map in either mode", () => {
    const config = readFileSync(join(ROOT, "webpack.config.js"), "utf8");
    const devtool = /devtool:\s*([^,\n]+)/.exec(config)?.[1] ?? "";
    expect(devtool).toBe('dev ? "source-map" : false');
  });
});

describe("manifest.xml", () => {
  it("asks for ReadWriteDocument and no more", () => {
    const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    expect([...xml.matchAll(/<Permissions>([^<]+)<\/Permissions>/g)].map((m) => m[1])).toEqual(["ReadWriteDocument"]);
    expect(xml).not.toMatch(/ReadWriteMailbox|ReadWriteItem|<Permissions>WriteDocument/);
  });
});
