import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterpreterMessage } from '../protocol';
import { DEFAULT_ASSETS_DIR } from './index';
import type { ReachReport } from './reach';
import { spawnSandbox, type SandboxProcess } from './spawn';

// Inside the real sandbox process, after boot and sealing: every JS object Python can get
// at (js, pyodide_js and everything behind any JsProxy a Python object holds), walked by
// properties, accessors, prototypes and collection entries.
let sandbox: SandboxProcess;
let report: ReachReport;

beforeAll(async () => {
  const messages: InterpreterMessage[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    sandbox = spawnSandbox(
      {
        message: (m) => {
          messages.push(m);
          if (m.type === 'ready') resolve();
          if (m.type === 'fatal') reject(new Error(m.message));
        },
        exit: (reason) => reject(new Error(reason)),
      },
      { assetsDir: DEFAULT_ASSETS_DIR, onNotice: (text) => reject(new Error(text)), testHooks: true },
    );
  });
  await ready;
  // A cell that imports sympy first, so its JS-facing objects are part of the graph too.
  sandbox.post({ type: 'run', id: 1, namespace: 'n', code: 'import sympy, asyncio, pyodide.ffi, pyodide.code, pyodide.http' });
  report = await sandbox.inspectReach();
});
afterAll(() => sandbox?.terminate());

describe('what Python can reach in the Node sandbox', () => {
  it('walks a real graph, to the end', () => {
    expect(report.truncated).toBe(false);
    expect(report.roots).toBeGreaterThan(2);
    expect(report.objects).toBeGreaterThan(5_000); // Pyodide's API and Emscripten module are in it
    console.info(`reach: ${report.roots} roots, ${report.objects} objects, ${report.functions} functions; functions that call require/import/fetch themselves:\n  ${report.callers.join('\n  ')}`);
  });

  it('holds no path to process, globalThis, require, fetch, Node modules or NODEFS', () => {
    expect(report.hits).toEqual([]);
  });
});
