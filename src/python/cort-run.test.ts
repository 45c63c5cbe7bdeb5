/**
 * The interpreter's 'cort' run mode (Pyodide in Node) against the reference fixtures, which
 * CPython produced by running each call's program as CoRT's executor does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareOutputs } from '../core/exec/apply';
import type { RunResult } from '../core/exec/types';
import { traceFixtures } from '../core/exec/testing/fixtures';
import type { PyodideExecutor } from './host';
import { createNodeExecutor } from './node/index';

let executor: PyodideExecutor;
beforeAll(() => {
  executor = createNodeExecutor({ timeoutMs: 10_000, interruptGraceMs: 1000 });
});
afterAll(() => executor?.dispose());

const cort = (code: string, timeoutMs = 10_000): Promise<RunResult> => executor.run('cort-test', code, { mode: 'cort', timeoutMs });
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe("'cort' runs reproduce the reference's outputs", () => {
  it('gives every call of every reference trace the output CPython gave (tracebacks by their last line)', async () => {
    let compared = 0;
    for (const f of traceFixtures()) {
      for (const call of f.calls) {
        // Pyodide imports sympy in seconds where CPython takes a fraction of one: only the
        // time-out case keeps the reference's limit.
        const result = await cort(call.program, f.name === 'timeout' ? f.timeoutSeconds * 1000 : 30_000);
        const expected = call.output.replace(/\n\n\[SYSTEM\][\s\S]*$/, '');
        expect(compareOutputs(expected, result.output).equal, `${f.name} @${call.at}:\n${expected}\n---\n${result.output}`).toBe(true);
        if (!expected.startsWith('Traceback')) expect(result.output, f.name).toBe(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  }, 120_000);
});

describe("'cort' run mode", () => {
  it('runs in fresh globals: __name__ is builtins and nothing survives the call', async () => {
    expect((await cort('if __name__ == "__main__":\n    print("main")\nprint(__name__)')).output).toBe('builtins');
    await cort('leftover = 1');
    const next = await cort('print(leftover)');
    expect(next.status).toBe('error');
    expect(next.output).toBe(
      'Traceback (most recent call last):\n  File "<cort-executor>", line 5, in exec_code\n  File "<string>", line 1, in <module>\nNameError: name \'leftover\' is not defined',
    );
  });

  it("refuses input( and os.system( before running, with CoRT's RuntimeError", async () => {
    for (const code of ['print("ran")\nx = input()', 'import os\nos.system("ls")', 'user_input(1)', 'print("osXsystem(")']) {
      const result = await cort(code);
      expect(result.status, code).toBe('error');
      expect(result.output, code).toBe('Traceback (most recent call last):\n  File "<cort-executor>", line 4, in exec_code\nRuntimeError');
    }
  });

  it('prints no "Did you mean" hints, as CoRT\'s Python does not', async () => {
    expect(lastLine((await cort('total = 1\nprint(totl)')).output)).toBe("NameError: name 'totl' is not defined");
    expect(lastLine((await cort('print(math.pi)')).output)).toBe("NameError: name 'math' is not defined");
  });

  // The CLI's sandbox process has one thread, so nothing can deliver the alarm while Python
  // runs: the host ends the process at the limit and reports what CoRT's alarm leaves (the
  // frames are unknown; outputs compare by the last line). The browser's worker takes the
  // real alarm. Code that swallows the alarm (CoRT: `Timeout Error`) cannot be told apart here.
  it("times out with timeout_decorator's TimeoutError, and the next call starts fresh", async () => {
    const loop = await cort('n = 0\nwhile True:\n    n += 1', 500);
    expect(loop.status).toBe('timeout');
    expect(loop.output).toMatch(/^Traceback \(most recent call last\):\n/);
    expect(lastLine(loop.output)).toBe("timeout_decorator.timeout_decorator.TimeoutError: 'Timed Out'");
    expect((await cort('print("alive")')).output).toBe('alive');
  });

  it('puts module state back after a call: patched modules, builtins, limits, random', async () => {
    await cort('import math, builtins, sys\nmath.pi = 3\nbuiltins.len = lambda x: 0\nsys.setrecursionlimit(50)\nsys.set_int_max_str_digits(0)');
    expect((await cort('import math, sys\nprint(math.pi, len("abc"), sys.getrecursionlimit())')).output).toBe('3.141592653589793 3 1000');
    expect(lastLine((await cort('print(10**5000)')).output)).toMatch(/^ValueError: Exceeds the limit \(4300 digits\)/);
    await cort('import random\nrandom.seed(1)');
    expect((await cort('import random\nprint(random.random())')).output).not.toBe('0.13436424411240122');
  });

  it('keeps sympy loaded but undoes patches to it and resets mpmath precision', async () => {
    await cort('import sympy as sp\nsp.pi = 3\nimport mpmath\nmpmath.mp.dps = 50');
    const after = await cort('import sympy as sp\nimport mpmath\nprint(sp.pi, mpmath.mp.dps)');
    expect(after.output).toBe('pi 15');
  }, 60_000);

  it('reports a package that cannot be loaded here as unavailable, not as a result', async () => {
    const result = await cort('import numpy as np\nprint(np.zeros(2))');
    expect(result.status).toBe('unavailable');
    expect(result.output).toMatch(/^Package 'numpy' is not available offline/);
  });
});
