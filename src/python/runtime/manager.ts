/**
 * The runtime manager (JupyterLab's KernelManager is the model): it owns every interpreter
 * the studio runs — when each starts, which sample it belongs to, when it is let go — behind
 * core's Executor contract. Nothing else creates an interpreter.
 *
 * Isolation is by construction:
 * - each sample's code runs in an interpreter of its own (`forSample`), kept while recently
 *   used (least recently used ones are disposed beyond `maxSamples`); a spare one boots in
 *   idle time, so the next sample opened finds Python ready;
 * - a checks run (reproduction of a sample's outputs) gets a fresh interpreter that is
 *   disposed afterwards (`checksFor`), so no sample's code ever shares one with another's;
 * - the answer comparison (SymPy) runs in one interpreter that only ever runs that one
 *   constant program, with the answers as data on stdin: no sample code runs there, ever.
 * Background interpreters (checks, answers) start only once no sample's interpreter is booting:
 * the checks never delay the user's Python (the spare, booted ahead, does not hold them up).
 */
import { SYMPY_ANSWER_PROGRAM } from '../../core/checks/answer/python';
import type { Executor, RunOptions, RunResult } from '../../core/exec/types';
import type { LabelledRunOptions, PythonRuntimes, RuntimeStatus, SampleRuntime } from '../../core/exec/runtime';
import type { ObservableExecutor } from '../hostTypes';

export type KernelPurpose = 'sample' | 'checks' | 'answers';

/** An interpreter as the manager drives it (PyodideExecutor in the browser and in Node). */
export interface ManagedExecutor extends ObservableExecutor {
  run(namespace: string, code: string, options?: LabelledRunOptions): Promise<RunResult>;
  warmUp(): Promise<void>;
  /** Starting an interpreter right now (booting, restoring, replacing a dead one). */
  readonly booting: boolean;
}

export interface RuntimeManagerOptions {
  /** Creates the executor of one new interpreter (a sandbox frame, a Node process). */
  createExecutor(purpose: KernelPurpose): ManagedExecutor;
  /** Sample interpreters kept alive besides the spare (default 2). */
  maxSamples?: number;
}

interface SampleKernel {
  executor: ManagedExecutor;
  lastUsed: number;
  unsubscribe: () => void;
}

const busy = (status: RuntimeStatus) => status.running !== undefined || status.queued.length > 0;

export class RuntimeManager implements PythonRuntimes {
  private readonly samples = new Map<string, SampleKernel>();
  private spare: SampleKernel | undefined;
  private answersKernel: ManagedExecutor | undefined;
  private checksSpare: ManagedExecutor | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly maxSamples: number;
  private clock = 0;
  private disposed = false;

  constructor(private readonly options: RuntimeManagerOptions) {
    this.maxSamples = Math.max(1, options.maxSamples ?? 2);
  }

  /** Boots the spare sample interpreter now (the studio calls this in idle time after start). */
  warmUp(): void {
    if (this.disposed) return;
    this.spare ??= this.newSampleKernel();
    void this.spare.executor.warmUp().catch(() => undefined);
  }

  forSample(sampleId: string): SampleRuntime {
    const manager = this;
    const kernel = () => this.kernelOf(sampleId);
    return {
      run: (namespace, code, options) => kernel().executor.run(namespace, code, options),
      interrupt: () => this.samples.get(sampleId)?.executor.interrupt(),
      restart: (namespace) => kernel().executor.restart(namespace),
      // The manager owns the interpreter's life: a caller letting go does not stop it.
      dispose: async () => undefined,
      get status() {
        return manager.statusOf(sampleId);
      },
    };
  }

  /** The sample in view: it takes its interpreter now (the spare, booted ahead) and keeps it. */
  claim(sampleId: string): void {
    if (!this.disposed) this.kernelOf(sampleId);
  }

  statusOf(sampleId: string): RuntimeStatus | undefined {
    return this.samples.get(sampleId)?.executor.status;
  }

  statuses(): Record<string, RuntimeStatus> {
    const all: Record<string, RuntimeStatus> = {};
    for (const [id, kernel] of this.samples) all[id] = kernel.executor.status;
    return all;
  }

  /** The spare's status: what "Python for the next sample" is doing (loading, ready). */
  spareStatus(): RuntimeStatus | undefined {
    return this.spare?.executor.status;
  }

  checksFor(sampleId: string): Executor {
    let kernel: ManagedExecutor | undefined;
    const own = async (): Promise<ManagedExecutor> => {
      if (!kernel) {
        await this.backgroundTurn();
        kernel = this.takeChecksKernel();
      }
      return kernel;
    };
    return {
      run: async (namespace: string, code: string, options?: RunOptions) => {
        // The answer program, and only it, goes to the clean interpreter.
        if (code === SYMPY_ANSWER_PROGRAM) return (await this.answerKernel()).run(namespace, code, { ...options, label: `answers:${sampleId}` });
        return (await own()).run(namespace, code, { ...options, label: `checks:${sampleId}` });
      },
      interrupt: () => kernel?.interrupt(),
      restart: async (namespace: string) => {
        if (kernel) await kernel.restart(namespace);
      },
      dispose: async () => {
        const done = kernel;
        kernel = undefined;
        await done?.dispose();
      },
    };
  }

  /** The answers interpreter, for answer verdicts decided in the background (it refuses any other code). */
  answers(): Executor {
    return {
      run: async (namespace: string, code: string, options?: RunOptions) => (await this.answerKernel()).run(namespace, code, { ...options, label: 'answers' }),
      interrupt: () => this.answersKernel?.interrupt(),
      restart: async () => undefined,
      // Shared by every caller: the manager lets it go (dispose()).
      dispose: async () => undefined,
    };
  }

  async restart(sampleId: string): Promise<void> {
    const kernel = this.samples.get(sampleId);
    if (!kernel) return;
    this.samples.delete(sampleId);
    kernel.unsubscribe();
    await kernel.executor.dispose();
    this.kernelOf(sampleId);
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.samples.values(), ...(this.spare ? [this.spare] : [])];
    this.samples.clear();
    this.spare = undefined;
    for (const k of all) k.unsubscribe();
    await Promise.all([...all.map((k) => k.executor.dispose()), this.answersKernel?.dispose(), this.checksSpare?.dispose()]);
    this.listeners.clear();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private newSampleKernel(): SampleKernel {
    const executor = this.options.createExecutor('sample');
    const kernel: SampleKernel = { executor, lastUsed: ++this.clock, unsubscribe: () => {} };
    kernel.unsubscribe = executor.onStatus(() => this.emit());
    return kernel;
  }

  /** The sample's interpreter: its own, else the spare (booted ahead), else a new one. */
  private kernelOf(sampleId: string): SampleKernel {
    if (this.disposed) throw new Error('The Python runtimes were closed.');
    let kernel = this.samples.get(sampleId);
    if (!kernel) {
      kernel = this.spare ?? this.newSampleKernel();
      this.spare = undefined;
      this.samples.set(sampleId, kernel);
      this.evict(sampleId);
      // The next sample opened finds Python ready too.
      queueMicrotask(() => this.warmUp());
      this.emit();
    }
    kernel.lastUsed = ++this.clock;
    return kernel;
  }

  /** Lets go of the least recently used idle interpreters beyond the limit. */
  private evict(keep: string): void {
    const idle = [...this.samples.entries()]
      .filter(([id, k]) => id !== keep && !busy(k.executor.status))
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    while (this.samples.size > this.maxSamples && idle.length) {
      const [id, kernel] = idle.shift()!;
      this.samples.delete(id);
      kernel.unsubscribe();
      void kernel.executor.dispose();
    }
  }

  private answerKernel(): Promise<ManagedExecutor> {
    return this.backgroundTurn().then(() => (this.answersKernel ??= guardAnswers(this.options.createExecutor('answers'))));
  }

  /** A fresh checks interpreter (the pre-booted one if ready), and the next one booting behind it. */
  private takeChecksKernel(): ManagedExecutor {
    const kernel = this.checksSpare ?? this.options.createExecutor('checks');
    this.checksSpare = undefined;
    // The next one boots once this one is up, one boot at a time (CPUs are shared).
    void kernel
      .warmUp()
      .catch(() => undefined)
      .then(() => this.backgroundTurn())
      .then(() => {
        if (this.disposed || this.checksSpare) return;
        this.checksSpare = this.options.createExecutor('checks');
        void this.checksSpare.warmUp().catch(() => undefined);
      });
    return kernel;
  }

  /**
   * Resolves once no sample's interpreter is booting or running the user's code: background
   * work waits its turn, so it never slows what the user asked for. The spare is not waited
   * for: it is itself work done ahead, and checks the user asked for must not queue behind it.
   */
  private backgroundTurn(): Promise<void> {
    const booting = () => [...this.samples.values()].some((k) => k.executor.booting || busy(k.executor.status));
    if (!booting()) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.subscribe(() => {
        if (booting()) return;
        stop();
        resolve();
      });
    });
  }
}

/** The answers interpreter refuses anything but the answer program, whoever asks. */
function guardAnswers(executor: ManagedExecutor): ManagedExecutor {
  const run = executor.run.bind(executor);
  executor.run = (namespace, code, options) => {
    if (code !== SYMPY_ANSWER_PROGRAM) return Promise.reject(new Error('The answers interpreter runs only the answer comparison.'));
    return run(namespace, code, options);
  };
  return executor;
}
