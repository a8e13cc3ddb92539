/**
 * Office's batching model: proxies queue operations; `sync()` sends them in one request, applies them in order,
 * and only then are loaded properties readable. Reading a property that was not loaded and synced throws
 * `PropertyNotLoaded`; a request or response over the limit fails like Excel on the web (measured in UTF-8
 * bytes of a request and a response shaped like Office's). Formulas are calculated at sync (calc.ts).
 */
import { calculate, calculating } from "./calc";
import type { WorkbookState } from "./state";

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export interface LoadResult {
  readonly data: unknown;
  readonly commit: () => void;
}

interface Operation {
  readonly o: string;
  readonly p: string;
  readonly v?: unknown;
  readonly apply: () => LoadResult | void;
}

export class Batch {
  private queue: Operation[] = [];
  constructor(readonly state: WorkbookState) {}

  enqueue(o: string, p: string, v: unknown, apply: () => LoadResult | void): void {
    this.queue.push({ o, p, v, apply });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const { state } = this;
    const requestBytes = utf8Bytes(officeRequest(ops));
    if (requestBytes > state.limits.requestBytes) {
      state.syncs.push({ requestBytes, responseBytes: 0, operations: ops.length });
      throw new OfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    const loaded: unknown[] = [];
    const commits: (() => void)[] = [];
    let failure: unknown;
    for (const op of ops) {
      try {
        if (state.failOn?.(op)) throw new OfficeError("GeneralException", `Injected failure at ${op.o}.${op.p}`);
        const result = op.apply();
        if (result) {
          loaded.push(result.data);
          commits.push(result.commit);
        }
        // Excel calculates after each operation unless calculation is suspended until the end of this sync.
        if (calculating(state)) calculate(state);
      } catch (e) {
        failure = e; // Excel does not roll back: the operations before the failing one stay applied.
        break;
      }
    }
    const responseBytes = failure ? 0 : utf8Bytes({ Results: loaded.map((Value, i) => ({ ActionId: i + 1, Value })) });
    state.syncs.push({ requestBytes, responseBytes, operations: ops.length });
    state.suspended = { calculation: 0, screenUpdating: 0 };
    if (calculating(state)) calculate(state);
    if (failure) throw failure;
    if (responseBytes > state.limits.responseBytes) {
      throw new OfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    for (const commit of commits) commit();
  }
}

/** UTF-8 bytes of a value's JSON: what goes over the wire. */
function utf8Bytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * A request shaped like the one office.js sends: one action per operation (id, type, name, the object path it acts
 * on, its arguments) and each object path listed once with its own id, name and arguments.
 */
function officeRequest(ops: readonly Operation[]): unknown {
  const paths = new Map<string, number>();
  const actions = ops.map((op, i) => {
    let id = paths.get(op.o);
    if (id === undefined) {
      id = paths.size + 1;
      paths.set(op.o, id);
    }
    const type = op.p.startsWith("load:") ? 2 : op.v === undefined ? 3 : 4;
    return {
      Id: i + 1,
      ActionType: type,
      Name: op.p,
      ObjectPathId: id,
      ArgumentInfo: op.v === undefined ? {} : { Arguments: [op.v] },
    };
  });
  const objectPaths = Object.fromEntries(
    [...paths].map(([name, id]) => [
      id,
      { Id: id, ObjectPathType: 1, Name: name, ParentObjectPathId: 0, ArgumentInfo: {} },
    ]),
  );
  return { Actions: actions, ObjectPaths: objectPaths };
}

export function notLoaded(prop: string): OfficeError {
  return new OfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export function itemNotFound(what: string): OfficeError {
  return new OfficeError("ItemNotFound", `The requested resource doesn't exist: ${what}.`);
}

/** Which properties a `load()` argument names: "a, b", ["a", "b"], { select: "a,b" } or nothing (all). */
export function loadList(spec: string | string[] | { select?: string | string[] } | undefined): string[] | undefined {
  if (spec === undefined) return undefined;
  const raw = typeof spec === "string" || Array.isArray(spec) ? spec : spec.select;
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : raw.split(",")).map((s) => s.trim()).filter(Boolean);
}

/**
 * Base of every proxy: properties are readable only after load + sync; writes and method calls are queued.
 */
export abstract class ClientObject {
  protected readonly loaded = new Map<string, unknown>();
  constructor(
    readonly batch: Batch,
    readonly path: string,
  ) {}

  protected get state(): WorkbookState {
    return this.batch.state;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  protected queue(p: string, v: unknown, apply: () => void): void {
    this.batch.enqueue(this.path, p, v, apply);
  }

  /** Scalar properties `load()` with no argument loads. */
  protected abstract scalarProps(): readonly string[];
  /** The value of a scalar property now (at sync); `undefined` leaves it unloaded (null objects). */
  protected abstract snapshot(prop: string): unknown;
  /** A navigation property for "a/b" load paths. */
  protected child(name: string): ClientObject | undefined {
    const c = (this as unknown as Record<string, unknown>)[name];
    return c instanceof ClientObject ? c : undefined;
  }

  /** The loads a `load()` argument asks for, each run at sync (navigation paths "a/b" recurse). */
  loadOps(spec?: string | string[] | { select?: string | string[] }): { p: string; run: () => LoadResult }[] {
    const props = loadList(spec) ?? [...this.scalarProps()];
    return props.flatMap((prop) => {
      const slash = prop.indexOf("/");
      if (slash > 0) {
        const nav = this.child(prop.slice(0, slash));
        if (!nav) throw new Error(`fake: no navigation property ${prop}`);
        return nav.loadOps(prop.slice(slash + 1));
      }
      if (!this.scalarProps().includes(prop)) {
        const nav = this.child(prop);
        if (nav) return nav.loadOps();
        throw new Error(`fake: ${this.constructor.name} has no property ${prop}`);
      }
      return [
        {
          p: prop,
          run: () => {
            const value = this.snapshot(prop);
            return { data: value ?? null, commit: () => value !== undefined && this.loaded.set(prop, value) };
          },
        },
      ];
    });
  }

  /** Office fills `isNullObject` of an ...OrNullObject proxy at the next sync, loaded or not. */
  protected trackNull(): void {
    for (const op of this.loadOps("isNullObject")) this.batch.enqueue(this.path, "isNullObject", undefined, op.run);
  }

  load(spec?: string | string[] | { select?: string | string[] }): this {
    for (const op of this.loadOps(spec)) this.batch.enqueue(this.path, `load:${op.p}`, undefined, op.run);
    return this;
  }

  /** Plain object of the loaded properties (as the Office proxies' toJSON). */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}
