/**
 * The task pane in a real browser: built by webpack, served from a local port, driven by Playwright in Debian's
 * Chromium, with the request for office.js answered by a stub that installs the Excel fake seeded with the sheets
 * of the example workbook (examples/herrljunga-2021.xlsx). Every other request off the local server is refused
 * and recorded: the add-in must make none. Screenshots of each page at task-pane width go to
 * .test-artifacts/screenshots/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Seed } from "../fakes/excel";
import { exampleSeed } from "./seed";
import { buildAddIn, ROOT } from "./build";

const CHROMIUM = "/usr/bin/chromium";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const SCREENSHOTS = join(ROOT, ".test-artifacts/screenshots");
const WIDTH = 350;

type Scalar = string | number | boolean | null;
interface FakeHandle {
  sheetNames(): string[];
  values(address: string): (Scalar | "")[][];
  activeSheet(): string | undefined;
  selection(): { sheet?: string; row: number; column: number; rowCount: number; columnCount: number } | undefined;
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".png": "image/png", ".txt": "text/plain" };

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let server: Server;
let origin = "";
let browser: Browser;
let stub = "";
let seed: Seed;

/** A fresh task pane on a fresh fake workbook; `offsite` collects every request that tried to leave. */
async function openTaskPane(workbook: Seed): Promise<{ page: Page; offsite: string[]; violations: string[] }> {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
  const offsite: string[] = [];
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ contentType: "text/javascript", body: `globalThis.__budgetkollSeed = ${JSON.stringify(workbook)};\n${stub}` });
    if (url.startsWith(origin)) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("heading", { name: "Budgetkoll" }).waitFor();
  return { page, offsite, violations };
}

function fake<T>(page: Page, call: (f: FakeHandle) => T): Promise<T> {
  return page.evaluate(`(${call.toString()})(globalThis.__budgetkollFake)`) as Promise<T>;
}

async function typeSettings(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Inställningar" }).click();
  await page.getByLabel("Budgetår").fill("2021");
  await page.getByLabel("Uppföljningsmånad").selectOption("8");
  await page.getByRole("radio", { name: "Kostnader positiva" }).check();
  await page.getByLabel("Metod för prognosförslag").selectOption("phasedBudgetPlusVariance");
}

async function runJob(page: Page, tab: string, button = "Kör"): Promise<string> {
  await page.getByRole("tab", { name: tab }).click();
  await page.getByRole("button", { name: button }).click();
  const done = page.getByRole("region", { name: "Sammanfattning" }).or(page.getByRole("alert")).or(page.getByRole("region", { name: /fel i indata/ }));
  await done.first().waitFor({ timeout: 60_000 });
  return (await page.locator("main").innerText()).replace(/\u00a0/g, " ");
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The rows of a written sheet (A1:T80), text and numbers as the fake holds them. */
function sheetRows(page: Page, sheet: string): Promise<(Scalar | "")[][]> {
  return page.evaluate(`globalThis.__budgetkollFake.values(${JSON.stringify(`'${sheet}'!A1:T80`)})`) as Promise<(Scalar | "")[][]>;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "pipe" });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dist = buildAddIn("e2e");
  execFileSync(join(ROOT, "node_modules/.bin/webpack"), ["--config", "test/e2e/webpack.fake.config.js"], { cwd: ROOT, stdio: "pipe" });
  stub = readFileSync(join(ROOT, ".test-artifacts/office-stub/office-stub.js"), "utf8");
  seed = await exampleSeed();
  server = await serve(dist);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe("the task pane on the Herrljunga example", () => {
  it("runs every job from typed settings, shows the summaries and writes the sheets", async () => {
    const { page, offsite, violations } = await openTaskPane(seed);
    await typeSettings(page);
    await screenshot(page, "installningar");

    const prognosis = await runJob(page, "Prognos per ansvar");
    await screenshot(page, "prognos-per-ansvar");
    expect(prognosis).toContain("Prognosen för helåret visar en budget i balans (budget 216 123 tkr).");
    expect(prognosis).toContain("Individ och familjeomsorg -2 050");
    expect(prognosis).toContain("Socialt stöd -1 800");
    // The seed's total utfall 2021-08 (golden 004_prognos_per_ansvar.csv, SUMMA): 136 435 tkr, none lost.
    expect(prognosis).toContain("utfall i indata 136 435 tkr = utfall i rapporten 136 435 tkr");
    const names = await fake(page, (f) => f.sheetNames());
    expect(names).toEqual(expect.arrayContaining(["Prognos per ansvar", "Sammanfattning"]));
    // Leaves hold the calculated kronor; sums and variances are formulas that Excel calculates (the fake does not).
    const rows = await sheetRows(page, "Prognos per ansvar");
    const bof = rows.find((r) => r[0] === "422");
    expect(bof?.slice(0, 5)).toEqual(["422", "IFO BoF", 16_747_000, 11_045_000, 13_185_000]);
    expect(bof?.slice(6, 8)).toEqual([16_375_000, 19_625_000]); // budget and forecast full year
    const area = rows.findIndex((r) => r[0] === "42");
    expect(rows[area]![1]).toBe("Individ och familjeomsorg");
    expect(await page.evaluate(`globalThis.__budgetkollFake.formula("'Prognos per ansvar'!G${area + 1}")`)).toMatch(/^SUM(TOTAL)?\(/);

    await page.getByRole("button", { name: "Visa bladet Prognos per ansvar" }).click();
    await expect.poll(() => fake(page, (f) => f.activeSheet())).toBe("Prognos per ansvar");

    const volume = await runJob(page, "Volymbudget");
    await screenshot(page, "volymbudget");
    // The two effects add up to the variance: 2 972 + (-1 068) = 1 904.
    expect(volume).toContain("Avvikelse t.o.m. månad 8: 1 904 tkr, varav volymeffekt 2 972 tkr och pris-/effektivitetseffekt -1 068 tkr.");
    expect(await fake(page, (f) => f.sheetNames())).toContain("Volymbudget");

    const plan = await runJob(page, "Åtgärdsplan");
    await screenshot(page, "atgardsplan");
    // The nämnd's forecast variance comes from the workbook's own Budget and Prognos sheets (0 tkr).
    expect(plan).toContain("Prognosen visar budget i balans; med åtgärder som inte ingår i prognosen (2 500 tkr) nås budget i balans med ett överskott på 2 500 tkr.");
    expect(plan).toContain("5 åtgärder saknar beräknad effekt: 3, 7, 14, 15, 19.");
    expect(await fake(page, (f) => f.sheetNames())).toContain("Åtgärdsplan");
    expect((await sheetRows(page, "Åtgärdsplan")).flat()).toContain("FL");

    const templates = await runJob(page, "Mallar", "Skapa mallar");
    await screenshot(page, "mallar");
    // The workbook already has the user's own sheets Prognos, Volymer and Åtgärder: nothing is written over them.
    expect(templates).toContain('Inget skrevs: Bladet "Prognos" finns redan och är inte skapat av Budgetkoll');
    expect(await fake(page, (f) => f.sheetNames())).toEqual([
      ...Object.keys(seed),
      ...["Prognos per ansvar", "Sammanfattning", "Kommentarer", "Budgetkoll_kommentarer_gen", "Budgetkoll_prognoshistorik", "Volymbudget", "Åtgärdsplan", "Budgetkoll_meta"],
    ]);
    expect(offsite).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it("asks before replacing a report sheet the user edited, and Behåll keeps the edit", async () => {
    const { page, offsite } = await openTaskPane(seed);
    await typeSettings(page);
    await runJob(page, "Prognos per ansvar");
    const at = (await sheetRows(page, "Prognos per ansvar")).findIndex((r) => r[0] === "422");
    // The controller types over the full-year forecast of IFO BoF in the report sheet.
    await page.evaluate(`globalThis.Excel.run(async (c) => { c.workbook.worksheets.getItem("Prognos per ansvar").getRange("H${at + 1}").values = [[20000000]]; await c.sync(); })`);
    await page.getByRole("button", { name: "Kör" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor({ timeout: 60_000 });
    expect(await dialog.innerText()).toContain("Du har ändrat bladet Prognos per ansvar sedan Budgetkoll skrev det.");
    await screenshot(page, "andrat-blad");
    await dialog.getByRole("button", { name: "Behåll mina ändringar" }).click();
    await page.getByText("Dina ändringar i Prognos per ansvar behölls; bladet skrevs inte om.").waitFor({ timeout: 60_000 });
    expect((await sheetRows(page, "Prognos per ansvar"))[at]?.[7]).toBe(20_000_000);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it("writes the templates into a workbook without them and reads the filled-in forecast back", async () => {
    const { Prognos: _forecasts, Volymer: _volumes, "Åtgärder": _measures, ...rest } = seed;
    const { page, offsite } = await openTaskPane(rest);
    await typeSettings(page);
    const written = await runJob(page, "Mallar", "Skapa mallar");
    expect(written).toContain("Mallarna är skrivna till bladen Prognos, Åtgärder.");
    const template = await sheetRows(page, "Prognos");
    const bof = template.find((r) => r[0] === "422");
    expect(bof?.[1]).toBe("IFO BoF");
    // A unit manager types the forecast of IFO BoF into the template (tkr, as the template says).
    const forecastColumn = template.find((r) => r.includes("Prognos helår (tkr)"))!.indexOf("Prognos helår (tkr)");
    await page.evaluate(
      `globalThis.Excel.run(async (c) => { c.workbook.worksheets.getItem("Prognos").getRange("${String.fromCharCode(65 + forecastColumn)}${template.indexOf(bof!) + 1}").values = [[19625]]; await c.sync(); })`,
    );
    const read = await runJob(page, "Mallar", "Läs tillbaka ifyllda mallar");
    await screenshot(page, "mallar-tillbaka");
    expect(read).toMatch(/\d+ prognoser lästes från Prognos\./);
    const rows = await sheetRows(page, "Prognos per ansvar");
    expect(rows.find((r) => r[0] === "422")?.slice(6, 8)).toEqual([16_375_000, 19_625_000]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it("lists an input error with its cell and selects the cell when it is clicked", async () => {
    const broken = { ...seed, Budget: seed.Budget!.map((row, i) => (i === 2 ? [row[0]!, "abc", ...row.slice(2)] : row)) };
    const { page, offsite } = await openTaskPane(broken);
    await typeSettings(page);
    const text = await runJob(page, "Prognos per ansvar");
    await screenshot(page, "prognos-fel");
    expect(text).toMatch(/fel i indata/);
    const error = page.getByRole("button", { name: /Blad "Budget", cell B3/ });
    await error.click();
    await expect.poll(() => fake(page, (f) => f.selection())).toEqual({ sheet: "Budget", row: 2, column: 1, rowCount: 1, columnCount: 1 });
    expect(offsite).toEqual([]);
    await page.close();
  });
});
