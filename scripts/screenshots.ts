/**
 * `npm run screenshots`: the task pane at 320 px, in Swedish and in English, one PNG per place, written to
 * out/screenshots/<language>/<place>.png. The add-in is built by webpack (production) and shown in Debian's
 * Chromium against the Excel fake seeded with the example workbook (examples/herrljunga-2021.xlsx), as in the
 * browser test (test/e2e/taskpane.test.ts). With `--docs` the places named in DOCS are also copied to docs/images/
 * (the README's pictures, committed).
 *
 * Run: npm run screenshots [-- --docs]
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { generateLedger } from "../bench/ledger";
import { sieBytes } from "../bench/sie";
import { dictionary, type Language } from "../src/taskpane/i18n";
import { buildAddIn, ROOT } from "../test/e2e/build";
import { buildOfficeStub, CHROMIUM, launchChromium, openPane, openPlace, originOf, serve } from "../test/e2e/browser";
import { exampleSeed } from "../test/e2e/seed";
import type { Seed } from "../test/fakes/excel";

const WIDTH = 320;
const OUT = join(ROOT, "out/screenshots");
const DOCS = join(ROOT, "docs/images");
/** Height of the README's picture of Kom igång, px. */
const DOCS_HEIGHT = 1100;

type Words = ReturnType<typeof dictionary>;

/** Office's display language for each of the task pane's languages. */
const LANGUAGES: Record<Language, string> = { sv: "sv-SE", en: "en-US" };

/**
 * A place of the task pane: its tab, and what to do there before the picture (fill in, run). Places are shown in
 * this order on one page, so a later place sees what an earlier one did (the settings typed, the report written).
 */
interface Place {
  readonly id: string;
  readonly tab: (t: Words) => string;
  readonly act?: (page: Page, t: Words) => Promise<void>;
  /** Copied to docs/images/<id>-<language>.png by `--docs`. */
  readonly docs?: boolean;
}

/** Clicks a button and waits until the job is done, failed or stopped at input errors. */
async function press(page: Page, t: Words, button: string): Promise<void> {
  await page.getByRole("button", { name: button, exact: true }).click();
  await page
    .getByText(t.stepDone, { exact: true })
    .or(page.getByRole("alert"))
    .or(page.getByRole("region", { name: t.errors(0).replace(/^0 /, "").split(":")[0] }))
    .first()
    .waitFor({ timeout: 120_000 });
}

const PLACES: readonly Place[] = [
  {
    id: "installningar",
    tab: (t) => t.settings,
    act: async (page, t) => {
      await page.getByLabel(t.year).fill("2021");
      await page.getByLabel(t.month).selectOption("8");
      await page.getByRole("radio", { name: t.costPositive }).check();
      await page.getByLabel(t.proposalMethod).selectOption("phasedBudgetPlusVariance");
    },
  },
  { id: "prognos-per-ansvar", tab: (t) => t.prognosis, act: (page, t) => press(page, t, t.run) },
  { id: "volymbudget", tab: (t) => t.volume, act: (page, t) => press(page, t, t.run) },
  { id: "atgardsplan", tab: (t) => t.actionPlan, act: (page, t) => press(page, t, t.run) },
  { id: "mallar", tab: (t) => t.templates, act: (page, t) => press(page, t, t.generateTemplates) },
];

async function shoot(
  browser: Browser,
  origin: string,
  stub: string,
  seed: Seed,
  language: Language,
): Promise<string[]> {
  const t = dictionary(language);
  const dir = join(OUT, language);
  mkdirSync(dir, { recursive: true });
  const { page, offsite } = await openPane(browser, origin, stub, seed, {
    width: WIDTH,
    displayLanguage: LANGUAGES[language],
  });
  const written: string[] = [];
  for (const place of PLACES) {
    await openPlace(page, place.tab(t));
    await place.act?.(page, t);
    const file = join(dir, `${place.id}.png`);
    await page.screenshot({ path: file, fullPage: true });
    written.push(file);
    if (place.docs && process.argv.includes("--docs")) {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(file, join(DOCS, `${place.id}-${language}.png`));
    }
  }
  await page.close();
  if (offsite.length > 0) throw new Error(`Uppgiften försökte nå andra adresser: ${offsite.join(", ")}`);
  written.push(await startShot(browser, origin, stub, language));
  return written;
}

/**
 * Kom igång on an empty workbook with a ledger file picked: a SIE 4 export of 30 ansvar, January to August 2024
 * (the ledger of the `ny` tests). Its picture is the README's (docs/images/kom-igang-<language>.png with --docs).
 */
async function startShot(browser: Browser, origin: string, stub: string, language: Language): Promise<string> {
  const t = dictionary(language);
  const { page } = await openPane(
    browser,
    origin,
    stub,
    { Blad1: [] },
    { width: WIDTH, displayLanguage: LANGUAGES[language] },
  );
  const ledger = generateLedger({ rows: 2000, costCentres: 30, areas: 4, year: 2024, months: 8 });
  await openPlace(page, t.start);
  await page.getByLabel(t.startFile).setInputFiles({
    name: "huvudbok-2024-08.se",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(sieBytes(ledger.actuals, { kind: "ver", year: 2024 })),
  });
  await press(page, t, t.startRun);
  const file = join(OUT, language, "kom-igang.png");
  await page.screenshot({ path: file, fullPage: true });
  if (process.argv.includes("--docs")) {
    // The README's picture: the top of the page (the file, the sheets made, the first Kontroller).
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({
      path: join(DOCS, `kom-igang-${language}.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width: WIDTH, height: DOCS_HEIGHT },
    });
  }
  await page.close();
  return file;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium saknas (${CHROMIUM}): installera med \`apt-get install -y chromium\`.`);
  const dist = buildAddIn("screenshots");
  const stub = buildOfficeStub();
  const seed = await exampleSeed();
  const server = await serve(dist);
  const browser = await launchChromium();
  try {
    for (const language of Object.keys(LANGUAGES) as Language[])
      for (const file of await shoot(browser, originOf(server), stub, seed, language))
        process.stdout.write(`${file.slice(ROOT.length + 1)}\n`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
