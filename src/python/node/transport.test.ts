import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PyodideExecutor } from '../host';
import { createNodeExecutor } from './index';
import { spawnSandbox } from './spawn';

// The host's side of the sandbox boundary, against a sandbox process that misbehaves on
// request (fixtures/scripted-sandbox.mjs, run with the same flags as the real one): what
// comes out of the sandbox is untrusted, and nothing it does may hang the CLI.
const SCRIPTED = fileURLToPath(new URL('./fixtures/scripted-sandbox.mjs', import.meta.url));

let executor: PyodideExecutor | undefined;
let notices: string[];
afterEach(() => executor?.dispose());

interface ScriptedOptions {
  timeoutMs?: number;
  bootTimeoutMs?: number;
  interruptGraceMs?: number;
  /** Interrupt as the browser does (a flag the interpreter may never read) instead of ending the process. */
  interruptByFlag?: boolean;
}

function scripted(boot = 'normal', options: ScriptedOptions = {}): PyodideExecutor {
  notices = [];
  const settings = {
    onNotice: (text: string) => notices.push(text),
    interruptGraceMs: options.interruptGraceMs ?? 300,
    timeoutMs: options.timeoutMs ?? 2000,
    bootTimeoutMs: options.bootTimeoutMs,
  };
  const sandbox = { entryOverride: SCRIPTED, assetsDir: `/nonexistent/${boot}` };
  executor = options.interruptByFlag
    ? new PyodideExecutor((events) => ({ ...spawnSandbox(events, { ...sandbox, onNotice: settings.onNotice }), interruptEnds: false, interrupt: () => {} }), settings)
    : createNodeExecutor({ ...sandbox, ...settings });
  return executor;
}

describe('messages from the sandbox are untrusted', () => {
  it('drops oversized, malformed, forged and unknown messages with a notice, and takes only the genuine result', async () => {
    const result = await scripted().run('a', 'forge');
    expect(result).toMatchObject({ status: 'ok', output: 'genuine' });
    expect(notices).toEqual([
      expect.stringMatching(/^dropped a message of 34603008 bytes from the Python sandbox \(the limit is 33554432\)$/),
      'dropped a message from the Python sandbox that is not JSON',
      expect.stringMatching(/^refused a result for run \d+, which is not running$/),
      'dropped a malformed message from the Python sandbox (outcome.kind is not a cell outcome)',
      'dropped a malformed message from the Python sandbox (unknown message type "exec")',
      'dropped a malformed message from the Python sandbox (message is not an object)',
    ]);
  });
});

describe('a sandbox that dies or stops answering never hangs the CLI', () => {
  it('reports a sandbox that exits during a cell, and runs the next cell in a fresh one', async () => {
    const python = scripted();
    const died = await python.run('a', 'die');
    expect(died.status).toBe('crashed');
    expect(died.output).toMatch(/^The interpreter crashed \(the Python sandbox process exited \(code 7\)\)/);
    expect(await python.run('a', 'print(1)')).toMatchObject({ status: 'ok', output: 'ran print(1)' });
  });

  it('reports a sandbox that exits before it is ready', async () => {
    await expect(scripted('exit-at-boot').run('a', 'print(1)')).rejects.toThrow(/^Python could not start: the Python sandbox process exited \(code 3\)/);
  });

  it('gives up on a sandbox that never becomes ready', async () => {
    await expect(scripted('silent-boot', { bootTimeoutMs: 1500 }).run('a', 'print(1)')).rejects.toThrow('Python could not start: no answer within 2 s');
  });

  it('does not write "Timeout Error" into the next cell after the interpreter stopped answering', async () => {
    const python = scripted('normal', { timeoutMs: 500, interruptByFlag: true });
    // Sample A's last cell leaves the interpreter deaf (a worker that closed itself).
    expect(await python.run('sample-a', 'close()')).toMatchObject({ status: 'ok' });
    const next = await python.run('sample-b', 'print(2)');
    expect(next).toMatchObject({ status: 'ok', output: 'ran print(2)' });
    expect(next.message).toMatch(/^The interpreter stopped answering; it was restarted/);
  });

  it('reports a stack overflow that ends the interpreter after the time limit as a RecursionError, not a time-out', async () => {
    const python = scripted('normal', { timeoutMs: 100, interruptGraceMs: 3000, interruptByFlag: true });
    const result = await python.run('a', 'overflow-late');
    expect(result).toMatchObject({ status: 'error', output: 'RecursionError: maximum recursion depth exceeded' });
    expect(result.message).toMatch(/^The interpreter's stack overflowed \(Maximum call stack size exceeded\); it was restarted/);
    expect(await python.run('a', 'print(4)')).toMatchObject({ status: 'ok', output: 'ran print(4)' });
  });

  it('does not reuse an interpreter that broke between cells', async () => {
    const python = scripted();
    expect(await python.run('a', 'break-after')).toMatchObject({ status: 'ok', output: 'done' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the fatal arrives after the result
    expect(await python.run('b', 'print(3)')).toMatchObject({ status: 'ok', output: 'ran print(3)' });
  });
});
