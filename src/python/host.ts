/**
 * The executor on the host side, shared by the browser and Node runtimes: queues cells,
 * enforces the time limit, interrupts, and replaces an interpreter that stops answering
 * or dies — then re-runs the namespace's earlier cells so its variables come back.
 */
import { formatOutcome, type CellOutcome } from '../core/exec/format';
import { DEFAULT_CELL_TIMEOUT_MS, type ExecMode, type Executor, type PackageUse, type RunOptions, type RunResult } from '../core/exec/types';
import { SIGALRM, SIGINT, type HostMessage, type InterpreterMessage, type InterruptSignal } from './protocol';

/** A running interpreter as the host sees it (a sandboxed worker, a worker_thread). */
export interface InterpreterProcess {
  post(message: HostMessage): void;
  /**
   * Writes `signal` (default SIGINT) into the shared interrupt buffer: SIGINT raises
   * KeyboardInterrupt at the next bytecode; SIGALRM (a 'cort' run's time limit) runs the
   * runner's alarm handler, which raises CoRT's time-out exception.
   */
  interrupt(signal?: InterruptSignal): void;
  /** Clears a pending interrupt that arrived after its cell had already finished. */
  clearInterrupt(): void;
  terminate(): void;
}

export interface InterpreterEvents {
  message(message: InterpreterMessage): void;
  /** The interpreter died (worker error, frame gone). */
  exit(reason: string): void;
}

export type SpawnInterpreter = (events: InterpreterEvents) => InterpreterProcess;

export type RuntimePhase = 'loading' | 'ready' | 'running' | 'restarting' | 'crashed';

export interface RuntimeStatus {
  phase: RuntimePhase;
  /** 0..1 while loading, when known. */
  progress?: number;
  /** What is happening, in a few words ("loading sympy"). */
  detail?: string;
  /** Packages loaded in the current interpreter, and from where. */
  packages: PackageUse[];
  /** Pyodide version, once ready. */
  version?: string;
}

export interface ExecutorOptions {
  /** Default per-cell limit (CoRT: 30 s). */
  timeoutMs?: number;
  /** How long an interrupt may take before the interpreter is replaced. */
  interruptGraceMs?: number;
}

/** An executor that also reports what the runtime is doing, for the UI. */
export interface ObservableExecutor extends Executor {
  onStatus(listener: (status: RuntimeStatus) => void): () => void;
  readonly status: RuntimeStatus;
}

interface Pending {
  id: number;
  settle: (ending: CellEnding) => void;
  /** The interpreter says the code itself starts now: the time limit restarts from here. */
  started: () => void;
}

/** How long loading a cell's packages may take before its own time limit starts (sympy: seconds). */
const PACKAGE_LOADING_MS = 120_000;

type CellEnding =
  | { kind: 'result'; outcome: CellOutcome; packages: PackageUse[] }
  | { kind: 'dead'; reason: string };

export class PyodideExecutor implements ObservableExecutor {
  private process: InterpreterProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** Cells whose effects a fresh interpreter must replay, per namespace. */
  private readonly history = new Map<string, string[]>();
  /** Namespaces whose interpreter state was lost in a restart and needs a replay. */
  private readonly lost = new Set<string>();
  private stopRequest: 'interrupt' | 'timeout' | undefined;
  private disposed = false;
  private readonly listeners = new Set<(status: RuntimeStatus) => void>();
  status: RuntimeStatus = { phase: 'loading', packages: [] };

  constructor(
    private readonly spawn: SpawnInterpreter,
    private readonly options: ExecutorOptions = {},
  ) {}

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** Starts the interpreter now rather than at the first cell (it takes a few seconds). */
  warmUp(): Promise<void> {
    return this.ensureProcess();
  }

  run(namespace: string, code: string, options: RunOptions = {}): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS;
    const job = this.queue.then(() => this.execute(namespace, code, timeoutMs, options.mode ?? 'namespace', options.stdin));
    this.queue = job.catch(() => undefined);
    return job;
  }

  interrupt(): void {
    if (!this.pending || this.stopRequest) return;
    this.stopRequest = 'interrupt';
    this.process?.interrupt();
  }

  restart(namespace: string): Promise<void> {
    const job = this.queue.then(() => {
      this.history.delete(namespace);
      this.lost.delete(namespace);
      this.process?.post({ type: 'drop', namespace });
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.pending?.settle({ kind: 'dead', reason: 'the executor was closed' });
    this.process?.terminate();
    this.process = undefined;
    this.listeners.clear();
  }

  private async execute(namespace: string, code: string, timeoutMs: number, mode: ExecMode, stdin?: string): Promise<RunResult> {
    if (this.disposed) throw new Error('The Python executor was closed.');
    const started = performance.now();
    await this.ensureProcess();
    let message: string | undefined;
    // A 'cort' run starts from nothing, so a lost namespace does not concern it.
    if (mode === 'namespace' && this.lost.has(namespace)) message = await this.replay(namespace, 'The interpreter had been restarted');
    this.setStatus({ phase: 'running', detail: undefined });
    const ending = await this.runCell(namespace, code, timeoutMs, mode, stdin);
    const stop = this.stopRequest;
    this.stopRequest = undefined;
    let result: RunResult;
    if (ending.kind === 'result') {
      const outcome: CellOutcome = stop === 'timeout' ? timedOut(ending.outcome, mode) : ending.outcome;
      if (mode === 'namespace' && (outcome.kind === 'ok' || outcome.kind === 'error')) this.remember(namespace, code);
      // `outcome` unformatted too: core formats it by the sample's trace profile (profiles/result.ts).
      result = { status: outcome.kind, ...formatOutcome(outcome), durationMs: 0, packages: ending.packages, outcome };
      this.setStatus({ phase: 'ready', detail: undefined });
    } else {
      // The interpreter did not stop or died: replace it and rebuild this namespace.
      const why = stop === 'timeout' ? 'did not stop at the time limit' : stop === 'interrupt' ? 'did not stop when interrupted' : `crashed (${ending.reason})`;
      this.setStatus({ phase: stop ? 'restarting' : 'crashed', detail: `The interpreter ${why}` });
      await this.replaceProcess();
      message = mode === 'namespace' ? await this.replay(namespace, `The interpreter ${why}; it was restarted`) : `The interpreter ${why}; it was restarted.`;
      result = resultAfterRestart(stop, message);
    }
    if (message) result.message = message;
    result.durationMs = performance.now() - started;
    return result;
  }

  /** Runs one cell, with the time limit and the interrupt grace period. */
  private runCell(namespace: string, code: string, timeoutMs: number, mode: ExecMode = 'namespace', stdin?: string): Promise<CellEnding> {
    const process = this.process!;
    const id = this.nextId++;
    const grace = this.options.interruptGraceMs ?? 1500;
    return new Promise<CellEnding>((resolve) => {
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const onLimit = () => {
        if (!this.stopRequest) this.stopRequest = 'timeout';
        process.interrupt(mode === 'cort' && this.stopRequest === 'timeout' ? SIGALRM : SIGINT);
      };
      // Until the interpreter says the code starts, the limit also covers loading its packages.
      let limitTimer = setTimeout(onLimit, timeoutMs + PACKAGE_LOADING_MS);
      const started = () => {
        clearTimeout(limitTimer);
        limitTimer = setTimeout(onLimit, timeoutMs);
      };
      // Whatever stops the cell, the interpreter gets `grace` ms to answer after the interrupt.
      const watchdog = setInterval(() => {
        if (this.stopRequest && !graceTimer) graceTimer = setTimeout(() => settle({ kind: 'dead', reason: 'no answer after interrupt' }), grace);
      }, 50);
      const settle = (ending: CellEnding) => {
        clearTimeout(limitTimer);
        clearTimeout(graceTimer);
        clearInterval(watchdog);
        if (this.pending?.id === id) this.pending = undefined;
        resolve(ending);
      };
      this.pending = { id, settle, started };
      process.clearInterrupt();
      process.post(stdin === undefined ? { type: 'run', id, namespace, code, mode } : { type: 'run', id, namespace, code, mode, stdin });
    });
  }

  private remember(namespace: string, code: string): void {
    const cells = this.history.get(namespace) ?? [];
    cells.push(code);
    this.history.set(namespace, cells);
  }

  /** Re-runs a namespace's remembered cells in a fresh interpreter; returns the report line. */
  private async replay(namespace: string, cause: string): Promise<string> {
    this.lost.delete(namespace);
    const cells = this.history.get(namespace) ?? [];
    this.setStatus({ phase: 'restarting', detail: `re-running ${cells.length} earlier cell(s)` });
    let failed = 0;
    for (const cell of cells) {
      const ending = await this.runCell(namespace, cell, this.options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS);
      this.stopRequest = undefined;
      if (ending.kind === 'dead') {
        await this.replaceProcess();
        return `${cause}, but re-running the earlier cells failed (${ending.reason}); the namespace starts empty.`;
      }
      if (ending.outcome.kind !== 'ok') failed++;
    }
    const failures = failed ? ` (${failed} of them raised again)` : '';
    return `${cause} and ${cells.length} earlier cell(s) were re-run to restore the namespace${failures}.`;
  }

  private ensureProcess(): Promise<void> {
    if (!this.ready) this.ready = this.startProcess();
    return this.ready;
  }

  private async replaceProcess(): Promise<void> {
    this.process?.terminate();
    this.process = undefined;
    this.ready = undefined;
    for (const namespace of this.history.keys()) this.lost.add(namespace);
    await this.ensureProcess();
  }

  private startProcess(): Promise<void> {
    this.setStatus({ phase: 'loading', progress: 0, packages: [], detail: 'starting Python', version: undefined });
    return new Promise<void>((resolve, reject) => {
      let booted = false;
      const process = this.spawn({
        message: (message) => {
          if (this.process !== process) return; // a replaced interpreter's last words
          if (message.type === 'ready') {
            booted = true;
            this.setStatus({ phase: 'ready', progress: 1, detail: undefined, version: message.version });
            resolve();
          } else if (message.type === 'progress') {
            this.setStatus({ progress: message.fraction, detail: message.detail });
          } else if (message.type === 'loading-packages') {
            this.setStatus({ detail: `loading ${message.names.join(', ')}` });
          } else if (message.type === 'running') {
            if (this.pending?.id === message.id) this.pending.started();
          } else if (message.type === 'result') {
            if (this.pending?.id !== message.id) return;
            const known = new Set(this.status.packages.map((p) => p.name));
            this.setStatus({ packages: [...this.status.packages, ...message.packages.filter((p) => !known.has(p.name))] });
            this.pending.settle({ kind: 'result', outcome: message.outcome, packages: message.packages });
          } else if (message.type === 'fatal') {
            if (!booted) reject(new Error(`Python could not start: ${message.message}`));
            this.pending?.settle({ kind: 'dead', reason: message.message });
          }
        },
        exit: (reason) => {
          if (this.process !== process) return;
          if (!booted) reject(new Error(`Python could not start: ${reason}`));
          if (this.pending) {
            this.pending.settle({ kind: 'dead', reason });
          } else if (booted) {
            // Died between cells: the next cell starts a new one and replays its namespace.
            this.process = undefined;
            this.ready = undefined;
            for (const namespace of this.history.keys()) this.lost.add(namespace);
            this.setStatus({ phase: 'crashed', detail: reason });
          }
        },
      });
      this.process = process;
    }).catch((error: unknown) => {
      this.ready = undefined; // the next cell tries again
      this.setStatus({ phase: 'crashed', detail: (error as Error).message });
      throw error;
    });
  }

  private setStatus(patch: Partial<RuntimeStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }
}

/**
 * A cell that ended after the time limit struck. A 'cort' program that raised CoRT's
 * time-out exception keeps its traceback, as CoRT records it; anything else (a notebook
 * cell, code that ended otherwise) is `Timeout Error`.
 */
function timedOut(outcome: CellOutcome, mode: ExecMode): CellOutcome {
  const raised = mode === 'cort' && outcome.kind === 'error' && /TimeoutError: 'Timed Out'\s*$/.test(outcome.traceback ?? '');
  return raised ? { kind: 'timeout', stdout: outcome.stdout, traceback: outcome.traceback } : { kind: 'timeout', stdout: outcome.stdout };
}

/** The result of a cell whose interpreter had to be replaced: CoRT's `Timeout Error` for a
 *  time-out, otherwise the report line itself, so the trace says what happened. */
function resultAfterRestart(stop: 'interrupt' | 'timeout' | undefined, message: string): RunResult {
  if (stop === 'timeout') return { status: 'timeout', ...formatOutcome({ kind: 'timeout', stdout: '' }), durationMs: 0 };
  const text = stop === 'interrupt' ? `KeyboardInterrupt\n\n${message}` : message;
  return { status: stop === 'interrupt' ? 'interrupted' : 'crashed', output: text, full: text, durationMs: 0 };
}
