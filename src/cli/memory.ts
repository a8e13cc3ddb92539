/**
 * A full garbage collection between the ledger and the report. Streaming a million-row ledger leaves V8's heap
 * grown and full of dead rows; without a collection the report writer's 40 MB land on top of them, and the 1M-row
 * .xlsx run peaked at 210-231 MB (goal < 200 MB, docs/performance.md); with it, 180-189 MB. `--expose-gc` cannot
 * be passed to `npx budgetkoll`, so it is switched on at run time and `gc` taken from a fresh context: the way
 * jest's leak detector does it. Costs a few milliseconds on a small heap.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}
