/**
 * The Node runtime for the CLI and the benchmarks: Pyodide in a worker_thread, with the
 * same result formatting and package loading (public/pyodide) as the browser.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PyodideExecutor, type ExecutorOptions, type InterpreterProcess, type SpawnInterpreter } from '../host';
import { LOCAL_MANIFEST_FILE } from '../packages';
import { SIGINT, isInterpreterMessage } from '../protocol';
import type { NodeWorkerData } from './worker';

export interface NodeExecutorOptions extends ExecutorOptions {
  /** Folder with local-packages.json and the package zips (default: the repo's public/pyodide). */
  assetsDir?: string;
  /** Official package index for packages that are not local (default: jsDelivr, this version). */
  packageIndexUrl?: string;
}

export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../../public/pyodide/', import.meta.url));

let warned = false;

export function createNodeExecutor(options: NodeExecutorOptions = {}): PyodideExecutor {
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS_DIR;
  if (!warned && !existsSync(`${assetsDir}/${LOCAL_MANIFEST_FILE}`)) {
    warned = true;
    process.stderr.write(
      `warning: no local Python packages in ${assetsDir} (run \`npm run assets\`); imports like sympy will need the online Pyodide index.\n`,
    );
  }
  const spawn: SpawnInterpreter = (events) => spawnNodeInterpreter(events, assetsDir, options.packageIndexUrl);
  return new PyodideExecutor(spawn, options);
}

function spawnNodeInterpreter(events: Parameters<SpawnInterpreter>[0], assetsDir: string, packageIndexUrl?: string): InterpreterProcess {
  const interruptBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(interruptBuffer);
  const workerData: NodeWorkerData = { interruptBuffer, assetsDir, packageIndexUrl };
  const worker = new Worker(workerEntry(), { workerData });
  let exited = false;
  worker.on('message', (message: unknown) => {
    if (isInterpreterMessage(message)) events.message(message);
  });
  worker.on('error', (error) => {
    exited = true;
    events.exit(error.message);
  });
  worker.on('exit', (code) => {
    if (!exited) events.exit(`worker exited with code ${code}`);
    exited = true;
  });
  return {
    post: (message) => worker.postMessage(message),
    interrupt: (signal = SIGINT) => Atomics.store(flag, 0, signal),
    clearInterrupt: () => Atomics.store(flag, 0, 0),
    terminate: () => {
      exited = true;
      void worker.terminate();
    },
  };
}

/** From sources, a small .mjs that registers tsx first; a compiled build has worker.js. */
function workerEntry(): URL {
  const compiled = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(compiled)) ? compiled : new URL('./worker-entry.mjs', import.meta.url);
}
