/**
 * The executor on the host side, shared by the browser and Node runtimes: queues cells,
 * enforces the time limit, interrupts, and replaces an interpreter that stops answering
 * or dies — then, for 'namespace' runs, re-runs the namespace's earlier cells so its
 * variables come back ('cort' and 'script' runs keep nothing to restore).
 */
import { formatOutcome, type CellOutcome } from '../core/exec/format';
import { DEFAULT_CELL_TIMEOUT_MS, type ExecMode, type PackageUse, type RunResult } from '../core/exec/types';
import { SIGALRM, SIGINT } from './protocol';
import type { LabelledRunOptions, RuntimeStatus } from '../core/exec/runtime';
import type { ExecutorOptions, InterpreterProcess, ObservableExecutor, SpawnInterpreter } from './hostTypes';

/** Notices kept in the status (the newest last). */
const NOTICE_LIMIT = 5;

/**
 * Run ids the interpreter must echo. Random, so a message that guesses an id is not enough to
 * answer a run (the channel already keeps other code from posting; this is a second lock).
 */
function newRunId(): number {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  // Never 0: the validator takes run ids from 1 (validate.ts).
  return (words[0]! & 0x1fffff) * 2 ** 32 + words[1]! || 1;
}

interface Pending {
  id: number;
  label: string;
  settle: (ending: CellEnding) => void;
  /** The interpreter loads the cell's packages first: the limit waits for that too. */
  loading: () => void;
  /** The interpreter says the code itself starts now: the time limit restarts from here. */
  started: () => void;
}

/** How long loading a cell's packages may take before its own time limit starts (sympy: seconds). */
const PACKAGE_LOADING_MS = 120_000;

type CellEnding =
  | { kind: 'result'; outcome: CellOutcome; packages: PackageUse[] }
  /** `unanswered`: silence even after the interrupt (stuck, or deaf since before the cell). */
  | { kind: 'dead'; reason: string; unanswered?: boolean };

/** How engines word a JavaScript stack overflow (V8, SpiderMonkey). */
const STACK_OVERFLOW = /Maximum call stack size exceeded|too much recursion/i;
/** What CPython says where Pyodide's stack overflows instead (last line, as CoRT compares). */
const RECURSION_ERROR = 'RecursionError: maximum recursion depth exceeded';

export class PyodideExecutor implements ObservableExecutor {
  private process: InterpreterProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Cells whose effects a fresh interpreter must replay, per namespace. */
  private readonly history = new Map<string, string[]>();
  /** Namespaces whose interpreter state was lost in a restart and needs a replay. */
  private readonly lost = new Set<string>();
  private stopRequest: 'interrupt' | 'timeout' | undefined;
  /** Interrupted while its interpreter was still starting: the run ends before it begins. */
  private interruptBeforeStart = false;
  private disposed = false;
  /** An interpreter is being started right now. */
  booting = false;
  private readonly listeners = new Set<(status: RuntimeStatus) => void>();
  status: RuntimeStatus = { phase: 'loading', packages: [], queued: [], notices: [] };

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

  /**
   * Runs are queued here, once: the status names the run executing (`running`) and those
   * waiting (`queued`) by their labels, so callers need no queue of their own.
   */
  run(namespace: string, code: string, options: LabelledRunOptions = {}): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS;
    const label = options.label ?? namespace;
    this.setStatus({ queued: [...this.status.queued, label] });
    const job = this.queue.then(async () => {
      const queued = [...this.status.queued];
      queued.splice(queued.indexOf(label), 1);
      this.interruptBeforeStart = false;
      this.setStatus({ queued, running: label });
      try {
        return await this.execute(namespace, code, timeoutMs, options.mode ?? 'namespace', options.stdin);
      } finally {
        this.setStatus({ running: undefined });
      }
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Records a notice (a dropped message, a restart) in the status, for the UI to show, and tells `onNotice`. */
  notice(text: string): void {
    this.setStatus({ notices: [...this.status.notices, text].slice(-NOTICE_LIMIT) });
    this.options.onNotice?.(text);
  }

  interrupt(): void {
    if (!this.pending) {
      // A run waiting for its interpreter to start (or restart) must not start after Escape.
      if (this.status.running !== undefined) this.interruptBeforeStart = true;
      return;
    }
    if (this.stopRequest) return;
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
    // A 'cort' or 'script' run starts from nothing, so a lost namespace does not concern it.
    const rebuild = (cause: string) => (mode === 'namespace' ? this.replay(namespace, cause) : Promise.resolve(`${cause}.`));
    if (mode === 'namespace' && this.lost.has(namespace)) message = await this.replay(namespace, 'The interpreter had been restarted');
    if (this.interruptBeforeStart) {
      this.interruptBeforeStart = false;
      const text = 'KeyboardInterrupt';
      return { status: 'interrupted', output: text, full: text, durationMs: performance.now() - started, message: 'Interrupted before it ran (Python was still starting).' };
    }
    let { ending, stop } = await this.attempt(namespace, code, timeoutMs, mode, stdin);
    if (ending.kind === 'dead' && ending.unanswered && stop === 'timeout') {
      // Silence even to the interrupt can also mean the interpreter went deaf before this
      // cell began (a worker that closed itself after the previous cell): the cell gets one
      // more run in a fresh interpreter before it is called a time-out.
      this.setStatus({ phase: 'restarting', detail: 'The interpreter stopped answering' });
      await this.replaceProcess();
      message = await rebuild('The interpreter stopped answering; it was restarted');
      ({ ending, stop } = await this.attempt(namespace, code, timeoutMs, mode, stdin));
    }
    let result: RunResult;
    if (ending.kind === 'result') {
      const outcome: CellOutcome = stop === 'timeout' ? timedOut(ending.outcome, mode) : ending.outcome;
      if (mode === 'namespace' && (outcome.kind === 'ok' || outcome.kind === 'error')) this.remember(namespace, code);
      // `outcome` unformatted too: core formats it by the sample's trace profile (profiles/result.ts).
      result = { status: outcome.kind, ...formatOutcome(outcome), durationMs: 0, packages: ending.packages, outcome };
      this.setStatus({ phase: 'ready', detail: undefined });
    } else if (STACK_OVERFLOW.test(ending.reason)) {
      // Deep recursion that overflowed the JS stack rather than reaching Python's limit: it
      // is a RecursionError, not a time-out, even if it came after the time limit.
      this.setStatus({ phase: 'crashed', detail: "The interpreter's stack overflowed" });
      await this.replaceProcess();
      message = await rebuild(`The interpreter's stack overflowed (${ending.reason}); it was restarted`);
      result = { status: 'error', ...formatOutcome({ kind: 'error', stdout: '', traceback: RECURSION_ERROR }), durationMs: 0 };
    } else {
      // The interpreter did not stop, was ended to stop the cell, or died: replace it and rebuild this namespace.
      const endsOnInterrupt = this.process?.interruptEnds === true;
      const ended = endsOnInterrupt ? 'was stopped' : 'did not stop';
      const why = stop === 'timeout' ? `${ended} at the time limit` : stop === 'interrupt' ? `${ended} when interrupted` : `crashed (${ending.reason})`;
      this.setStatus({ phase: stop ? 'restarting' : 'crashed', detail: `The interpreter ${why}` });
      await this.replaceProcess();
      message = await rebuild(`The interpreter ${why}; it was restarted`);
      result = resultAfterRestart(stop, message, mode === 'cort' && endsOnInterrupt);
    }
    if (message) result.message = message;
    result.durationMs = performance.now() - started;
    return result;
  }

  private async attempt(namespace: string, code: string, timeoutMs: number, mode: ExecMode, stdin?: string) {
    this.setStatus({ phase: 'running', detail: undefined });
    const ending = await this.runCell(namespace, code, timeoutMs, mode, stdin);
    const stop = this.stopRequest;
    this.stopRequest = undefined;
    return { ending, stop };
  }

  /** Runs one cell, with the time limit and the interrupt grace period. */
  private runCell(namespace: string, code: string, timeoutMs: number, mode: ExecMode = 'namespace', stdin?: string): Promise<CellEnding> {
    const process = this.process!;
    const id = newRunId();
    const label = this.status.running ?? namespace;
    const grace = this.options.interruptGraceMs ?? 1500;
    return new Promise<CellEnding>((resolve) => {
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const onLimit = () => {
        if (!this.stopRequest) this.stopRequest = 'timeout';
        process.interrupt(mode === 'cort' && this.stopRequest === 'timeout' ? SIGALRM : SIGINT);
      };
      // While the interpreter says it loads the cell's packages, the limit covers that too; an
      // interpreter that says nothing at all (gone deaf) is stopped at the cell's own limit.
      let limitTimer = setTimeout(onLimit, timeoutMs);
      const restartLimit = (ms: number) => {
        clearTimeout(limitTimer);
        limitTimer = setTimeout(onLimit, ms);
      };
      const loading = () => restartLimit(timeoutMs + PACKAGE_LOADING_MS);
      const started = () => restartLimit(timeoutMs);
      // Whatever stops the cell, the interpreter gets `grace` ms to answer after the interrupt.
      const watchdog = setInterval(() => {
        if (this.stopRequest && !graceTimer) graceTimer = setTimeout(() => settle({ kind: 'dead', reason: 'no answer after interrupt', unanswered: true }), grace);
      }, 50);
      const settle = (ending: CellEnding) => {
        clearTimeout(limitTimer);
        clearTimeout(graceTimer);
        clearInterval(watchdog);
        if (this.pending?.id === id) this.pending = undefined;
        resolve(ending);
      };
      this.pending = { id, label, settle, loading, started };
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
    if (!this.ready) {
      this.booting = true;
      this.ready = this.startProcess();
    }
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
    const bootMs = this.options.bootTimeoutMs ?? 120_000;
    this.setStatus({ phase: 'loading', progress: 0, packages: [], detail: 'starting Python', version: undefined });
    const notice = (text: string) => this.notice(text);
    return new Promise<void>((resolve, reject) => {
      let booted = false;
      const failBoot = (reason: string) => {
        clearTimeout(bootTimer);
        reject(new Error(`Python could not start: ${reason}`));
      };
      const bootTimer = setTimeout(() => {
        process.terminate();
        failBoot(`no answer within ${Math.round(bootMs / 1000)} s`);
      }, bootMs);
      const process = this.spawn({
        message: (message) => {
          if (this.process !== process) return; // a replaced interpreter's last words
          if (message.type === 'ready') {
            booted = true;
            this.booting = false; // before the status change, so listeners see it done
            clearTimeout(bootTimer);
            this.setStatus({ phase: 'ready', progress: 1, detail: undefined, version: message.version });
            resolve();
          } else if (message.type === 'progress') {
            this.setStatus({ progress: message.fraction, detail: message.detail });
          } else if (message.type === 'loading-packages') {
            this.pending?.loading();
            this.setStatus({ detail: `loading ${message.names.join(', ')}` });
          } else if (message.type === 'running') {
            if (this.pending?.id === message.id) this.pending.started();
          } else if (message.type === 'result') {
            // Only the pending run of this very interpreter, by its id: anything else is dropped.
            if (this.pending?.id !== message.id) {
              notice(`refused a result for run ${message.id}, which is not running`);
              return;
            }
            const known = new Set(this.status.packages.map((p) => p.name));
            this.setStatus({ packages: [...this.status.packages, ...message.packages.filter((p) => !known.has(p.name))] });
            this.pending.settle({ kind: 'result', outcome: message.outcome, packages: message.packages });
          } else if (message.type === 'fatal') {
            if (!booted) failBoot(message.message);
            if (this.pending) this.pending.settle({ kind: 'dead', reason: message.message });
            else if (booted) this.lose(process, message.message); // broken between cells: never reused
          }
        },
        notice: (text) => {
          if (this.process === process) notice(text);
        },
        exit: (reason) => {
          if (this.process !== process) return;
          if (!booted) failBoot(reason);
          if (this.pending) this.pending.settle({ kind: 'dead', reason });
          else if (booted) this.lose(process, reason);
        },
      });
      this.process = process;
    }).catch((error: unknown) => {
      this.booting = false;
      this.ready = undefined; // the next cell tries again
      this.setStatus({ phase: 'crashed', detail: (error as Error).message });
      throw error;
    });
  }

  /** The interpreter died or broke between cells: the next cell starts a new one and replays its namespace. */
  private lose(process: InterpreterProcess, reason: string): void {
    process.terminate();
    this.process = undefined;
    this.ready = undefined;
    for (const namespace of this.history.keys()) this.lost.add(namespace);
    this.setStatus({ phase: 'crashed', detail: reason });
  }

  private setStatus(patch: Partial<RuntimeStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }
}

/**
 * The result of a cell whose interpreter had to be replaced: CoRT's `Timeout Error` for a
 * time-out, otherwise the report line itself, so the trace says what happened. `cortAlarm`:
 * a 'cort' run ended at its limit by stopping an interpreter that cannot take the alarm (the
 * CLI's single-threaded sandbox process); CoRT's alarm would have raised its time-out
 * exception there, so the result ends as that traceback does (outputs compare by last line).
 */
function resultAfterRestart(stop: 'interrupt' | 'timeout' | undefined, message: string, cortAlarm = false): RunResult {
  if (stop === 'timeout') {
    const outcome: CellOutcome = cortAlarm ? { kind: 'timeout', stdout: '', traceback: CORT_ALARM_TRACEBACK } : { kind: 'timeout', stdout: '' };
    return { status: 'timeout', ...formatOutcome(outcome), durationMs: 0, outcome };
  }
  const text = stop === 'interrupt' ? `KeyboardInterrupt\n\n${message}` : message;
  return { status: stop === 'interrupt' ? 'interrupted' : 'crashed', output: text, full: text, durationMs: 0 };
}

/** The traceback CoRT's timeout_decorator alarm leaves, without the frames no one saw. */
const CORT_ALARM_TRACEBACK = "Traceback (most recent call last):\ntimeout_decorator.timeout_decorator.TimeoutError: 'Timed Out'";

/**
 * A cell that ended after the time limit struck. A 'cort' program that raised CoRT's
 * time-out exception keeps its traceback, as CoRT records it; anything else (a notebook
 * cell, code that ended otherwise) is `Timeout Error`.
 */
function timedOut(outcome: CellOutcome, mode: ExecMode): CellOutcome {
  const raised = mode === 'cort' && outcome.kind === 'error' && /TimeoutError: 'Timed Out'\s*$/.test(outcome.traceback ?? '');
  return raised ? { kind: 'timeout', stdout: outcome.stdout, traceback: outcome.traceback } : { kind: 'timeout', stdout: outcome.stdout };
}
