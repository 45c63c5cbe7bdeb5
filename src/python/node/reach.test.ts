import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterpreterMessage } from '../protocol';
import { DEFAULT_ASSETS_DIR } from './index';
import type { PermissionProbe, ReachReport } from './reach';
import { sandboxArgs, spawnSandbox, type SandboxProcess } from './spawn';

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
  report = (await sandbox.inspect({ what: 'reach' })) as ReachReport;
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

describe('what the sandbox process may do, even for JavaScript that got out of Pyodide', () => {
  it('is started with the permission model, reading only its own files, and nothing else allowed', () => {
    const args = sandboxArgs('/x/entry.mjs', { pyodideDir: '/x/pyodide', assetsDir: '/x/assets' });
    expect(args.filter((a) => a.startsWith('--allow-'))).toEqual([
      '--allow-fs-read=/x/entry.mjs',
      '--allow-fs-read=/x/pyodide/*',
      '--allow-fs-read=/x/assets/*',
    ]);
    expect(args).toContain('--disallow-code-generation-from-strings');
    expect(args.some((a) => a === '--permission' || a === '--experimental-permission')).toBe(true);
  });

  it('refuses writes, host reads, programs and workers, and has an empty environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hint-studio-probe-'));
    try {
      const secretFile = join(dir, 'secret.txt');
      writeFileSync(secretFile, 'not for the sandbox');
      const probe = (await sandbox.inspect({ what: 'permissions', marker: join(dir, 'marker'), secretFile, home: homedir() })) as PermissionProbe;
      expect(probe).toEqual({
        'write a file': 'denied (ERR_ACCESS_DENIED)',
        'read a host file': 'denied (ERR_ACCESS_DENIED)',
        'list the home folder': 'denied (ERR_ACCESS_DENIED)',
        'run a program': 'denied (ERR_ACCESS_DENIED)',
        'start a worker with its own flags': 'denied (ERR_ACCESS_DENIED)',
        'read the environment': 'allowed: {}',
      });
      expect(readdirSync(dir)).toEqual(['secret.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
