/**
 * The interpreter thread of the sandbox process: Pyodide with `jsglobals` set to an empty
 * object, in a realm stripped by harden.ts. Its only way out is the message port to the
 * sandbox's main thread, held in this closure and reachable from nowhere Python can see.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { PyodideAPI } from 'pyodide';
import { startInterpreter } from '../interpreter';
import type { HostMessage, InterpreterMessage } from '../protocol';
import { prepareRealm, sealRealm } from './harden';
import { captureForbidden, walkReach, type ReachReport } from './reach';

export interface SandboxConfig {
  /** node_modules/pyodide (pyodide.mjs, pyodide.asm.*, python_stdlib.zip). */
  pyodideDir: string;
  /** The local package zips and local-packages.json. */
  assetsDir: string;
  /** Tests only: answer `inspect-reach` with a walk of what Python can reach. */
  testHooks?: boolean;
}

export interface WorkerConfig extends SandboxConfig {
  interruptBuffer: SharedArrayBuffer;
}

/** Sent by the sandbox's main thread (never by the host's protocol) in test mode only. */
export const INSPECT_REACH = 'inspect-reach';
export type ReachMessage = { type: 'reach-report'; report: ReachReport };

export async function runSandboxWorker(): Promise<void> {
  const port = parentPort!;
  const config = workerData as WorkerConfig;
  const post = (message: InterpreterMessage | ReachMessage) => port.postMessage(message);
  const forbidden = config.testHooks ? await captureForbidden() : undefined;
  const jsglobals = Object.freeze(Object.create(null) as object);
  let pyodide: PyodideAPI | undefined;
  try {
    prepareRealm();
    const { loadPyodide } = (await import(pathToFileURL(join(config.pyodideDir, 'pyodide.mjs')).href)) as typeof import('pyodide');
    const handle = await startInterpreter({
      loadPyodide: async () => {
        pyodide = await loadPyodide({
          indexURL: `${config.pyodideDir}/`,
          jsglobals,
          // Cells' stdout is captured in Python; nothing else reaches the CLI. input() sees EOF.
          stdin: () => null,
          stdout: () => {},
          stderr: () => {},
        });
        pyodide.runPython('import os; os.urandom(1)'); // crypto is loaded now, while it may be
        if (forbidden) forbidden.set((pyodide.FS as unknown as { filesystems: { NODEFS: object } }).filesystems.NODEFS, 'NODEFS');
        sealRealm(pyodide);
        return pyodide;
      },
      // A copy into a plain Uint8Array: unpackArchive rejects Node's Buffer.
      readAsset: async (file) => new Uint8Array(await readFile(join(config.assetsDir, basename(file)))),
      interruptBuffer: new Int32Array(config.interruptBuffer),
      post,
      packageIndex: false,
    });
    port.on('message', (message: HostMessage | { type: typeof INSPECT_REACH }) => {
      if (message.type === INSPECT_REACH) {
        if (forbidden && pyodide) post({ type: 'reach-report', report: inspect(pyodide, jsglobals, forbidden) });
        return;
      }
      handle(message);
    });
  } catch (error) {
    post({ type: 'fatal', message: String((error as Error)?.message ?? error) });
  }
}

function inspect(pyodide: PyodideAPI, jsglobals: object, forbidden: Map<unknown, string>): ReachReport {
  try {
    return walkReach(pyodide, jsglobals, forbidden);
  } catch (error) {
    return { roots: 0, objects: 0, functions: 0, hits: [`the walk failed: ${(error as Error).message}`], callers: [], truncated: true };
  }
}
