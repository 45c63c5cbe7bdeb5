/**
 * The Python runtimes as the studio sees them: the runtime manager (src/python/runtime)
 * implements PythonRuntimes; the store, the UI and the CLI read interpreters through these
 * types, each sample's code apart from every other's.
 */
import type { Executor, PackageUse, RunOptions, RunResult } from './types';

export type RuntimePhase = 'loading' | 'ready' | 'running' | 'restarting' | 'crashed';

/** What one interpreter is doing, for the UI. */
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
  /** Label of the run executing now (see LabelledRunOptions.label). */
  running?: string;
  /** Labels of runs waiting behind it, in order. */
  queued: string[];
  /** Recent notices: messages from the sandbox that were dropped, restarts it needed. Shown, never trusted. */
  notices: string[];
}

/** Run options with a label saying which run this is (e.g. the cell), for the status. */
export interface LabelledRunOptions extends RunOptions {
  label?: string;
}

/** A sample's interpreter: runs only that sample's code, and says what it is doing. */
export interface SampleRuntime extends Executor {
  run(namespace: string, code: string, options?: LabelledRunOptions): Promise<RunResult>;
  readonly status: RuntimeStatus | undefined;
}

/** Every interpreter the studio uses (the runtime manager). */
export interface PythonRuntimes {
  /** Boots the interpreter the next opened sample will use (called in idle time). */
  warmUp(): void;
  forSample(sampleId: string): SampleRuntime;
  /** The sample is in view: its interpreter is taken now (the spare booted ahead) and kept. */
  claim(sampleId: string): void;
  /** A disposable executor for one checks run of a sample. */
  checksFor(sampleId: string): Executor;
  /** The answer comparison alone (SymPy, answers as data), in the interpreter no sample code runs in. */
  answers(): Executor;
  statusOf(sampleId: string): RuntimeStatus | undefined;
  /** The status of every sample interpreter alive now, by sample id. */
  statuses(): Record<string, RuntimeStatus>;
  /** Status of the interpreter booted ahead for the next sample. */
  spareStatus(): RuntimeStatus | undefined;
  subscribe(listener: () => void): () => void;
  /** Replaces the sample's interpreter with a fresh one. */
  restart(sampleId: string): Promise<void>;
}
