/**
 * The studio's Python runtimes: sandboxed Pyodide interpreters, each created on first use,
 * with one namespace per sample id. Two exist so that background work never makes the
 * user wait: `pythonRuntime` runs what the user asks for (cells, Run all, continuations),
 * `checksRuntime` runs the automatic checks (SymPy answer equivalence, reproduction).
 * The interpreter code is a lazy chunk.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RunOptions, RunResult } from '../../core/exec/types';
import type { ObservableExecutor, RuntimeStatus } from '../../python/browser';

type BrowserExecutor = ObservableExecutor & { warmUp(): Promise<void> };

export interface RuntimeSnapshot {
  status: RuntimeStatus;
  /** false until something asked for Python (nothing is downloaded before). */
  started: boolean;
  /** Which call is executing, by a caller-chosen key (e.g. `${sampleId}:${segmentId}`). */
  runningKey: string | null;
  /** Calls waiting behind other work of the same runtime. */
  queuedKeys: ReadonlySet<string>;
}

export interface RuntimeCommands {
  /** Runs `code` in the namespace; `key` marks which cell shows as running. */
  run(namespace: string, code: string, key?: string, options?: RunOptions): Promise<RunResult>;
  interrupt(): void;
  /** A fresh namespace. */
  restart(namespace: string): Promise<void>;
  /** Starts downloading and booting Python now. */
  warmUp(): void;
}

export type PythonRuntime = RuntimeCommands & RuntimeSnapshot;

interface RuntimeHandle extends RuntimeCommands {
  snapshot(): RuntimeSnapshot;
  subscribe(listener: () => void): () => void;
}

function createRuntime(): RuntimeHandle {
  let executor: Promise<BrowserExecutor> | undefined;
  let state: RuntimeSnapshot = { status: { phase: 'loading', packages: [], queued: [], notices: [] }, started: false, runningKey: null, queuedKeys: new Set() };
  const listeners = new Set<() => void>();

  // A new object on every change, so useSyncExternalStore sees it.
  function update(patch: Partial<RuntimeSnapshot>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  }

  function getExecutor(): Promise<BrowserExecutor> {
    if (!executor) {
      executor = import('../../python/browser').then(({ createBrowserExecutor }) => {
        const created = createBrowserExecutor();
        created.onStatus((status) => update({ status }));
        return created;
      });
      update({ started: true });
    }
    return executor;
  }

  /**
   * Calls are handed to the interpreter one at a time from this chain (the interpreter would
   * queue them too), so `runningKey` names the call executing now, not the last one asked for.
   */
  let chain: Promise<unknown> = Promise.resolve();
  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = chain.then(job);
    chain = next.catch(() => undefined);
    return next;
  }

  return {
    run(namespace, code, key = namespace, options) {
      const python = getExecutor();
      update({ queuedKeys: new Set(state.queuedKeys).add(key) });
      return enqueue(async () => {
        const ready = await python;
        const waiting = new Set(state.queuedKeys);
        waiting.delete(key);
        update({ queuedKeys: waiting, runningKey: key });
        try {
          return await ready.run(namespace, code, options);
        } finally {
          if (state.runningKey === key) update({ runningKey: null });
        }
      });
    },
    interrupt() {
      void executor?.then((python) => python.interrupt());
    },
    restart(namespace) {
      const python = getExecutor();
      return enqueue(async () => (await python).restart(namespace));
    },
    warmUp() {
      void getExecutor().then((python) => python.warmUp().catch(() => undefined));
    },
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const userRuntime = createRuntime();
const backgroundRuntime = createRuntime();

function commandsOf(handle: RuntimeHandle): RuntimeCommands {
  return { run: handle.run, interrupt: handle.interrupt, restart: handle.restart, warmUp: handle.warmUp };
}

/** The runtime for what the user asks for: cells, Run all, continuations. */
export const pythonRuntime: RuntimeCommands = commandsOf(userRuntime);

/** The runtime for the automatic checks; its work never delays the user's cells. */
export const checksRuntime: RuntimeCommands = commandsOf(backgroundRuntime);

/** Key of the user's cell running now, if any. */
export function runningCellKey(): string | null {
  return userRuntime.snapshot().runningKey;
}

/** The user's Python runtime and its live status. `warm` starts booting on mount. */
export function usePythonRuntime({ warm = false }: { warm?: boolean } = {}): PythonRuntime {
  const current = useSyncExternalStore(userRuntime.subscribe, userRuntime.snapshot);
  useEffect(() => {
    if (warm) pythonRuntime.warmUp();
  }, [warm]);
  return { ...pythonRuntime, ...current };
}

/** Seconds since `since` while it is set, ticking — for "running 3 s" labels. */
export function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, (now - since) / 1000);
}
