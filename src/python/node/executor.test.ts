import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PyodideExecutor } from '../host';
import { createNodeExecutor } from './index';

// Local packages zipped from this machine's Python (Debian's sympy + mpmath), in a sandbox
// with no network: `import sympy` must work offline.
let executor: PyodideExecutor;
let assetsDir: string;

beforeAll(() => {
  assetsDir = mkdtempSync(join(tmpdir(), 'hint-studio-pyodide-'));
  execFileSync('python3', ['scripts/build-python-packages.py', assetsDir], { stdio: 'ignore' });
  executor = createNodeExecutor({ assetsDir, timeoutMs: 10_000, interruptGraceMs: 1000 });
});
afterAll(async () => {
  await executor?.dispose();
  rmSync(assetsDir, { recursive: true, force: true });
});

describe('Node executor', () => {
  it('keeps variables, imports and functions across the cells of a namespace', async () => {
    expect((await executor.run('s1', 'import math\nx = 6\ndef sq(v):\n    return v * v\nprint("defined")')).output).toBe('defined');
    const second = await executor.run('s1', 'print(sq(x), math.gcd(12, 18))');
    expect(second).toMatchObject({ status: 'ok', output: '36 6' });
  });

  it('keeps namespaces of different samples apart', async () => {
    await executor.run('s2', 'y = 1');
    const other = await executor.run('s3', 'print(y)');
    expect(other.status).toBe('error');
    expect(other.output).toMatch(/NameError: name 'y' is not defined$/);
  });

  it('gives the traceback of an exception, starting in the cell', async () => {
    const result = await executor.run('s4', 'print("before")\n1/0');
    expect(result.status).toBe('error');
    expect(result.output).toBe('Traceback (most recent call last):\n  File "<string>", line 2, in <module>\nZeroDivisionError: division by zero');
  });

  it('imports sympy offline from the local zips', async () => {
    const result = await executor.run('s5', 'import sympy as sp\nx = sp.symbols("x")\nprint(sp.solve(x**2 - 5*x + 6, x))', { timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: 'ok', output: '[2, 3]' });
    expect(result.packages).toEqual(expect.arrayContaining([{ name: 'sympy', from: 'local' }, { name: 'mpmath', from: 'local' }]));
  });

  it('explains a package that is neither local nor reachable in one line', async () => {
    const result = await executor.run('s6', 'import numpy as np');
    // Not a result of the code: the checks must count it as not reproducible here.
    expect(result.status).toBe('unavailable');
    expect(result.output).toMatch(/^Package 'numpy' is not available offline: [^\n]*$/);
  });

  // The sandbox has no second thread to deliver an interrupt: a cell is stopped by ending
  // its process, and the namespace comes back by replay (start-up time: npm run bench).
  it('stops a runaway cell at the time limit with "Timeout Error" and keeps the namespace', async () => {
    await executor.run('s7', 'kept = "still here"');
    const started = performance.now();
    const result = await executor.run('s7', 'while True:\n    pass', { timeoutMs: 1000 });
    expect(result).toMatchObject({ status: 'timeout', output: 'Timeout Error' });
    expect(result.message).toBe('The interpreter was stopped at the time limit; it was restarted and 1 earlier cell(s) were re-run to restore the namespace.');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect((await executor.run('s7', 'print(kept)')).output).toBe('still here');
  });

  it('stops a cell stuck in C code, where KeyboardInterrupt is never checked, the same way', async () => {
    await executor.run('s9', 'total = 40 + 2');
    const result = await executor.run('s9', 'sum(range(10**12))', { timeoutMs: 500 });
    expect(result).toMatchObject({ status: 'timeout', output: 'Timeout Error' });
    expect(result.message).toMatch(/restarted and 1 earlier cell\(s\) were re-run/);
    expect((await executor.run('s9', 'print(total)')).output).toBe('42');
  });

  it('interrupts a running cell: KeyboardInterrupt, and the namespace is restored', async () => {
    await executor.run('s8', 'n = 8');
    const running = executor.run('s8', 'while True:\n    pass');
    setTimeout(() => executor.interrupt(), 300);
    const result = await running;
    expect(result.status).toBe('interrupted');
    expect(result.output).toMatch(/^KeyboardInterrupt\n\nThe interpreter was stopped when interrupted; it was restarted and 1 earlier cell\(s\) were re-run/);
    expect((await executor.run('s8', 'print(n)')).output).toBe('8');
  });

  it('reports a stack overflow in C recursion as a RecursionError, and goes on', async () => {
    // __getattr__ calling getattr recurses through C frames until the JS stack overflows,
    // which ends the interpreter; CPython would raise RecursionError here.
    const deep = 'import sys\nsys.setrecursionlimit(10**6)\nclass A:\n    def __getattr__(self, name):\n        return getattr(self, name)\nA().x';
    const result = await executor.run('s11', deep);
    expect(result).toMatchObject({ status: 'error', output: 'RecursionError: maximum recursion depth exceeded' });
    expect(result.message).toMatch(/^The interpreter's stack overflowed \(Maximum call stack size exceeded\)/);
    expect((await executor.run('s11', 'print("after")')).output).toBe('after');
  });

  it('restart() gives a fresh namespace', async () => {
    await executor.run('s10', 'z = 5');
    await executor.restart('s10');
    expect((await executor.run('s10', 'print("z" in globals())')).output).toBe('False');
  });
});
