/**
 * The interpreter side, shared by the browser worker and the CLI's sandbox process: boots
 * Pyodide, loads the packages a cell imports, runs cells in per-namespace dictionaries
 * ('namespace' runs), whole programs as CoRT's executor does ('cort' runs) or as a fresh
 * process runs a script ('script' runs).
 */
import type { PyodideAPI } from 'pyodide';
import type { CellOutcome } from '../core/exec/format';
import { LOCAL_MANIFEST_FILE, PackageLoader, type LocalPackageManifest } from './packages';
import type { HostMessage, InterpreterMessage } from './protocol';
import { RUNNER_SOURCE } from './runner';

export interface InterpreterPlatform {
  loadPyodide(): Promise<PyodideAPI>;
  /** Bytes of a file in the local package folder (public/pyodide); rejects when absent. */
  readAsset(file: string): Promise<Uint8Array>;
  /** Shared with the host, which writes SIGINT into it to interrupt a cell. Absent where
   *  the host stops a cell by ending the interpreter's process instead (the CLI's sandbox). */
  interruptBuffer?: Int32Array;
  post(message: InterpreterMessage): void;
  /** Local packages the interpreter already imported (restored from a memory snapshot). */
  preloadedPackages?: string[];
  /** False: local packages only, never the online index (the CLI's sandbox). */
  packageIndex?: boolean;
}

/** Boots the interpreter; resolves with the handler for host messages (handled one at a time). */
export async function startInterpreter(platform: InterpreterPlatform): Promise<(message: HostMessage) => void> {
  const started = performance.now();
  const pyodide = await platform.loadPyodide();
  if (platform.interruptBuffer) pyodide.setInterruptBuffer(platform.interruptBuffer);
  const manifest = await readManifest(platform);
  const loader = new PackageLoader(
    pyodide,
    manifest,
    (file) => platform.readAsset(file),
    (names) => platform.post({ type: 'loading-packages', names }),
    platform.preloadedPackages,
    platform.packageIndex ?? true,
  );
  const scope = pyodide.globals.get('dict')();
  pyodide.runPython(RUNNER_SOURCE, { globals: scope });
  const runCell = scope.get('run_cell');
  const runProgram = scope.get('run_program');
  const runScript = scope.get('run_script');
  const preloadPackages = scope.get('preload_packages');
  const dropNamespace = scope.get('drop_namespace');
  platform.post({ type: 'ready', version: pyodide.version, bootMs: performance.now() - started });

  async function handle(message: HostMessage): Promise<void> {
    if (message.type === 'drop') {
      dropNamespace(message.namespace);
      return;
    }
    const t0 = performance.now();
    let outcome: CellOutcome;
    let packages: Awaited<ReturnType<PackageLoader['prepare']>>['loaded'] = [];
    try {
      const prepared = await loader.prepare(message.code);
      packages = prepared.loaded;
      if (prepared.problem) {
        // Not a result of the code: the package cannot be had here (numpy offline).
        outcome = { kind: 'unavailable', stdout: '', traceback: prepared.problem };
      } else {
        // Importing the packages is the environment's cost (CoRT's has them installed), not the
        // code's: it happens before the code's time starts, in both modes.
        preloadPackages(prepared.packageModules);
        platform.post({ type: 'running', id: message.id });
        const proxy =
          message.mode === 'cort' ? runProgram(message.code) : message.mode === 'script' ? runScript(message.code, message.stdin ?? '') : runCell(message.namespace, message.code);
        const [kind, stdout, traceback, stderr] = proxy.toJs() as ['ok' | 'error' | 'interrupted', string, string, string | undefined];
        proxy.destroy();
        outcome = stderr === undefined ? { kind, stdout, traceback } : { kind, stdout, traceback, stderr };
      }
    } catch (error) {
      // A PythonError here comes from package loading (e.g. an interrupt while unpacking);
      // anything else means Pyodide itself broke and the host must replace us.
      if ((error as Error)?.constructor?.name !== 'PythonError') {
        platform.post({ type: 'fatal', message: String((error as Error)?.message ?? error) });
        return;
      }
      const text = String((error as Error).message);
      outcome = { kind: text.includes('KeyboardInterrupt') ? 'interrupted' : 'error', stdout: '', traceback: text };
    }
    platform.post({ type: 'result', id: message.id, outcome, packages, durationMs: performance.now() - t0 });
  }

  let queue = Promise.resolve();
  return (message) => {
    // A handler that throws (Pyodide broken) must not leave later messages unanswered.
    queue = queue.then(() => handle(message)).catch((error: unknown) => {
      platform.post({ type: 'fatal', message: String((error as Error)?.message ?? error) });
    });
  };
}

async function readManifest(platform: InterpreterPlatform): Promise<LocalPackageManifest> {
  try {
    const bytes = await platform.readAsset(LOCAL_MANIFEST_FILE);
    return JSON.parse(new TextDecoder().decode(bytes)) as LocalPackageManifest;
  } catch {
    // No local packages built (no python3 packages on the machine): the index still works.
    return { packages: {} };
  }
}
