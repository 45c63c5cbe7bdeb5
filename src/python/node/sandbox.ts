/**
 * Entry of the sandbox process (bundled by bundle.ts): its main thread relays, its one
 * worker thread runs Pyodide. See spawn.ts for the process's flags and environment.
 */
import { isMainThread } from 'node:worker_threads';
import { runSandboxMain } from './sandbox-main';
import { runSandboxWorker } from './sandbox-worker';

if (isMainThread) runSandboxMain(new URL(import.meta.url));
else await runSandboxWorker();
