/**
 * `npm run bench`: runs each bench module in turn; each prints its own figures as plain lines.
 * To add a bench, write a module exporting `run()` and list it here.
 */
type Bench = readonly [name: string, load: () => Promise<{ run: () => void | Promise<void> }>];

const benches: readonly Bench[] = [
  ["prognosis", () => import("./prognosis")],
  ["report", () => import("./report")],
  ["office", () => import("./office")],
  ["ledgerStream", () => import("./ledgerStream")],
  ["shapes", () => import("./shapes")],
  ["cli", () => import("./cli")],
];

async function main(): Promise<void> {
  for (const [name, load] of benches) {
    const started = performance.now();
    await (await load()).run();
    console.log(`(${name}: ${Math.round((performance.now() - started) / 1000)} s in all)`);
  }
}

await main();
export {};
