/**
 * The interpreter contract the studio relies on. Core declares it; src/python implements it
 * (a Pyodide worker in the browser, a Pyodide worker_thread in Node).
 */
import type { CellOutcome } from './format';

/**
 * How a cell ended (`unavailable`: a package the code imports cannot be loaded here, e.g.
 * numpy offline — the output is a message, never a result, and is not reproducible here):
 * - ok: ran to the end (output = stdout, stripped);
 * - error: raised (output = traceback, stripped) or could not start (a missing package);
 * - timeout: hit the time limit (output = `Timeout Error`, as CoRT records it);
 * - interrupted: stopped by the user (output = the KeyboardInterrupt traceback);
 * - crashed: the interpreter died (stuck in C code, out of memory); it was replaced and the
 *   namespace rebuilt by re-running the earlier cells — `message` says so.
 */
export type RunStatus = 'ok' | 'error' | 'timeout' | 'interrupted' | 'crashed' | 'unavailable';

/**
 * How the interpreter runs `code`:
 * - namespace: one cell in a live namespace per key (the notebook semantics);
 * - cort: one whole program as CoRT's executor runs it — `exec(program, {})`, `input(` and
 *   `os.system(` refused with RuntimeError, a time-out raising timeout_decorator's
 *   TimeoutError, interpreter state put back afterwards (see src/python/fresh-runner.ts).
 *   ReTool's executor is the same code (both come from ToRA), so ReTool runs here too;
 * - script: one program as a fresh `python` process runs it (ToRL's, SimpleTIR's and rStar2's
 *   sandboxes): `__name__ == "__main__"`, stdin from `RunOptions.stdin`, stdout and stderr
 *   captured apart (src/python/fresh-runner.ts), state put back afterwards.
 * The program always comes from core (exec/semantics), never from the executor.
 */
export type ExecMode = 'namespace' | 'cort' | 'script';

/** Where a package a cell imported came from. */
export interface PackageUse {
  name: string;
  /** local: a zip built from the machine's Python packages; index: the official Pyodide index. */
  from: 'local' | 'index';
}

export interface RunResult {
  status: RunStatus;
  /**
   * The output text: as the executor returns it, CoRT's formatting (what CoRT's executor would
   * put between the ```output fences, ≤ 803 characters); through `profileRunner`, the sample's
   * trace profile's formatting (formatResult).
   */
  output: string;
  /** The same text before truncation. */
  full: string;
  /** The profile appends no output block for this run (SimpleTIR, nothing printed); `output` is ''. */
  omitted?: boolean;
  /** What the interpreter produced, before any formatting (absent when it died or never ran the code). */
  outcome?: CellOutcome;
  durationMs: number;
  /** One human line about what the runtime did on its own (restart, replay, package problem). */
  message?: string;
  /** Packages loaded for this cell. */
  packages?: PackageUse[];
}

export interface RunOptions {
  /** Per-cell time limit; defaults to the executor's (30 s, CoRT's limit). */
  timeoutMs?: number;
  /** Default 'namespace'. 'cort' and 'script' runs leave no state behind, so a restart has nothing to replay. */
  mode?: ExecMode;
  /**
   * 'script' runs: the program's standard input (rStar2's `input` argument; the studio's own
   * answer comparison, so data is never spliced into code).
   */
  stdin?: string;
}

/**
 * A Python interpreter. 'namespace' runs (the notebook semantics) keep one namespace per key
 * (the studio uses the sample id); 'cort' and 'script' runs keep nothing between calls. Runs
 * of all keys are queued and run one at a time, in call order.
 */
export interface Executor {
  run(namespace: string, code: string, options?: RunOptions): Promise<RunResult>;
  /** Stops the running cell (if any); it resolves with status `interrupted`. */
  interrupt(): void;
  /** Forgets a namespace: the next cell in it starts from a fresh one. */
  restart(namespace: string): Promise<void>;
  /** Stops the interpreter for good. */
  dispose(): Promise<void>;
}

/** CoRT's per-call limit (DESIGN §2). */
export const DEFAULT_CELL_TIMEOUT_MS = 30_000;
