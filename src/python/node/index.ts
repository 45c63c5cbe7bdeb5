/**
 * The Node runtime for the CLI and the benchmarks: Pyodide in an isolated process (spawn.ts)
 * with the same result formatting and local package loading as the browser. Packages come
 * from the local zips only (public/pyodide): the sandbox has no network.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PyodideExecutor } from '../host';
import type { ExecutorOptions, SpawnInterpreter } from '../hostTypes';
import { LOCAL_MANIFEST_FILE } from '../packages';
import { printable, spawnSandbox } from './spawn';

export interface NodeExecutorOptions extends ExecutorOptions {
  /** Folder with local-packages.json and the package zips (default: the repo's public/pyodide). */
  assetsDir?: string;
  /** Tests only: a script to run instead of the sandbox (see spawn.ts). */
  entryOverride?: string;
}

export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../../public/pyodide/', import.meta.url));

let warned = false;

export function createNodeExecutor(options: NodeExecutorOptions = {}): PyodideExecutor {
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS_DIR;
  if (!warned && !existsSync(`${assetsDir}/${LOCAL_MANIFEST_FILE}`)) {
    warned = true;
    process.stderr.write(`warning: no local Python packages in ${assetsDir} (run \`npm run assets\`); imports like sympy will fail.\n`);
  }
  const onNotice = options.onNotice ?? stderrNotice;
  const spawn: SpawnInterpreter = (events) => spawnSandbox(events, { assetsDir, onNotice, entryOverride: options.entryOverride });
  return new PyodideExecutor(spawn, { ...options, onNotice });
}

function stderrNotice(text: string): void {
  process.stderr.write(`warning: ${printable(text)}\n`);
}
