/**
 * The built task pane in Debian's Chromium against the Excel fake: a local static server for the webpack build,
 * the fake bundled as a stub office.js, and a page whose request for office.js gets the stub seeded with a
 * workbook. Shared by the browser test (taskpane.test.ts) and `npm run screenshots` (scripts/screenshots.ts).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Seed } from "../fakes/excel";
import { ROOT } from "./build";

export const CHROMIUM = "/usr/bin/chromium";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".png": "image/png",
  ".txt": "text/plain",
};

/** Serves a directory on a free local port. */
export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export function originOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Bundles the Excel fake as a stub office.js (test/e2e/webpack.fake.config.js) and returns its text. */
export function buildOfficeStub(): string {
  execFileSync(join(ROOT, "node_modules/.bin/webpack"), ["--config", "test/e2e/webpack.fake.config.js"], {
    cwd: ROOT,
    stdio: "pipe",
  });
  return readFileSync(join(ROOT, ".test-artifacts/office-stub/office-stub.js"), "utf8");
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface PaneOptions {
  readonly width: number;
  readonly height?: number;
  /** Office's display language; none (as the fake has it) means Swedish. */
  readonly displayLanguage?: string;
}

/** A fresh task pane on a fresh fake workbook; `offsite` collects every request that tried to leave. */
export async function openPane(
  browser: Browser,
  origin: string,
  stub: string,
  workbook: Seed,
  options: PaneOptions,
): Promise<{ page: Page; offsite: string[]; violations: string[] }> {
  const page = await browser.newPage({ viewport: { width: options.width, height: options.height ?? 900 } });
  const offsite: string[] = [];
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const language =
    options.displayLanguage === undefined
      ? ""
      : `\nglobalThis.Office.context.displayLanguage = ${JSON.stringify(options.displayLanguage)};`;
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS)
      return route.fulfill({
        contentType: "text/javascript",
        body: `globalThis.__budgetkollSeed = ${JSON.stringify(workbook)};\n${stub}${language}`,
      });
    if (url.startsWith(origin)) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("heading", { name: "Budgetkoll" }).waitFor();
  return { page, offsite, violations };
}

/**
 * Opens a place of the task pane as a user does: its tab when the tab list shows it, otherwise through the overflow
 * menu (Fler / More) that holds the places the tab list has no room for.
 */
export async function openPlace(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name, exact: true });
  if (await tab.isVisible()) return tab.click();
  await page.getByRole("button", { name: /^(Fler funktioner|More functions)$/ }).click();
  await page.getByRole("menuitem", { name, exact: true }).click();
}
