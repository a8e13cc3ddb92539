/**
 * Start-up never leaves a blank pane, in Chromium: the built task pane with its bundle made unparseable (as in
 * Edge Legacy or Internet Explorer, which cannot parse what the bundle holds) shows the ES5 start-up check's
 * Swedish message naming the Excel versions needed; with Office failing to start, the pane's own message with the
 * error to copy; started normally, neither. The start-up check itself parses as ES5.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { parse } from "acorn";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAddIn, ROOT } from "./build";

const CHROMIUM = "/usr/bin/chromium";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".png": "image/png",
};

let server: Server;
let origin = "";
let browser: Browser;

function serve(dir: string): Promise<Server> {
  const s = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

/** The pane with office.js answered by `office`, and the bundle replaced by `bundle` when given. */
async function open(office: string, bundle?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 350, height: 700 } });
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ contentType: "text/javascript", body: office });
    if (bundle !== undefined && /\/taskpane\.[0-9a-f]+\.js$/.test(url))
      return route.fulfill({ contentType: "text/javascript", body: bundle });
    if (url.startsWith(origin)) return route.continue();
    return route.abort();
  });
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForLoadState("load");
  return page;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "pipe" });
  server = await serve(buildAddIn("startup"));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe("start-up", () => {
  it("the start-up check is ES5, loaded before anything else", () => {
    const script = readFileSync(join(ROOT, "assets/startup-check.js"), "utf8");
    expect(() => parse(script, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
    const html = readFileSync(join(ROOT, "src/taskpane/taskpane.html"), "utf8");
    expect([...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])[0]).toBe("assets/startup-check.js");
  });

  it("says in Swedish which Excel is needed when the bundle cannot be parsed", async () => {
    // Chromium parses the real bundle, so a bundle it cannot parse stands for what Edge Legacy and Internet Explorer
    // make of a class static block (one of Fluent UI's dependencies has them).
    const page = await open(
      "window.Office = undefined;",
      "class A { static {{ this.x = 1; } }; window.budgetkollStarted = true;",
    );
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 10_000 });
    const text = await alert.innerText();
    expect(text).toContain("Budgetkoll kan inte starta i den här versionen av Excel");
    expect(text).toContain(
      "Excel på webben, Excel för Microsoft 365 (Windows eller Mac) eller Excel 2021 eller senare",
    );
    expect(text).toMatch(/Feltext: .*(SyntaxError|Unexpected)/);
    await page.close();
  });

  it("shows the error to copy when Office fails while starting", async () => {
    const office = `window.Office = { HostType: { Excel: "Excel" }, onReady: function () { return Promise.reject(new Error("Office.js svarade inte")); } };`;
    const page = await open(office);
    await page.getByRole("heading", { name: "Budgetkoll kunde inte starta" }).waitFor({ timeout: 20_000 });
    expect(await page.getByLabel("Feltext").inputValue()).toMatch(/^Error: Office\.js svarade inte/);
    expect(await page.getByRole("button", { name: "Kopiera feltexten" }).isVisible()).toBe(true);
    expect(await page.getByText("Budgetkoll kan inte starta i den här versionen av Excel").count()).toBe(0);
    await page.close();
  });

  it("shows neither message when it starts", async () => {
    // Outside Excel (no Office.js at all) the pane starts and says it needs Excel, in its own words.
    const page = await open("window.Office = undefined;");
    await page.getByRole("heading", { name: "Budgetkoll" }).waitFor({ timeout: 20_000 });
    expect(await page.getByText("Budgetkoll kan inte starta i den här versionen av Excel").count()).toBe(0);
    expect(await page.getByText("Budgetkoll kunde inte starta").count()).toBe(0);
    await page.close();
  });
});
