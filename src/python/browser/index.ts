/**
 * The browser runtimes: every interpreter is Pyodide in a worker inside its own sandboxed,
 * opaque-origin frame, and the runtime manager decides which sample (or check) each serves.
 */
import { PyodideExecutor } from '../host';
import type { ExecutorOptions, ObservableExecutor } from '../hostTypes';
import { RuntimeManager, type RuntimeManagerOptions } from '../runtime/manager';
import { spawnSandboxInterpreter, type SandboxOptions } from './sandboxFrame';

export type { RuntimeStatus, RuntimePhase, PythonRuntimes, SampleRuntime } from '../../core/exec/runtime';
export type { ObservableExecutor } from '../hostTypes';

export interface BrowserExecutorOptions extends ExecutorOptions, SandboxOptions {}

/** One sandboxed interpreter (the bench harness uses one directly). */
export function createBrowserExecutor(options: BrowserExecutorOptions = {}): ObservableExecutor & { warmUp(): Promise<void> } {
  return new PyodideExecutor((events) => spawnSandboxInterpreter(events, options), options);
}

/** The studio's runtime manager over sandboxed interpreters (built once, in main.tsx). */
export function createBrowserRuntimes(options: BrowserExecutorOptions & Pick<RuntimeManagerOptions, 'maxSamples'> = {}): RuntimeManager {
  return new RuntimeManager({
    maxSamples: options.maxSamples,
    createExecutor: () => new PyodideExecutor((events) => spawnSandboxInterpreter(events, options), options),
  });
}
