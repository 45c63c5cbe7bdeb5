/**
 * The Python runtime's figures. Ratios are against a floor measured in the same run (plain
 * Pyodide in this process; the machine's CPython). Needs `npm run assets` (public/pyodide).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { createNodeExecutor, DEFAULT_ASSETS_DIR } from '../src/python/node';
import { emit, median, round, skip, timeCalls } from './figures';
import type { Studio } from './preview';

/** A representative CoRT cell: some pure-Python arithmetic, a few tens of milliseconds. */
const COMPUTE_CELL = 'total = sum(i * i % 7 for i in range(300_000))';
const SYMPY_SCRIPT = `x, y = sp.symbols('x y')
r1 = sp.integrate(sp.sin(x)**3 * sp.cos(x)**2, x)
r2 = sp.factorint(2**64 + 1)
r3 = sp.solve([x**2 + y**2 - 25, x - y - 1], [x, y])
r4 = sp.series(sp.exp(sp.sin(x)), x, 0, 8)
r5 = sp.Matrix(4, 4, lambda i, j: sp.Rational(1, i + j + 1)).det()`;

export async function pythonNodeFigures(): Promise<void> {
  // Floor: plain Pyodide in this process, no worker, no formatting.
  let t = performance.now();
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  pyodide.runPython('1');
  const plainStart = performance.now() - t;
  const plainCell = timeCalls(() => pyodide.runPython(COMPUTE_CELL), 15);
  const plainTrivial = timeCalls(() => pyodide.runPython('x = 1'), 50);

  // The CLI's runtime: Pyodide in a separate, sandboxed Node process (src/python/node/spawn.ts).
  const executor = createNodeExecutor({ timeoutMs: 120_000 });
  t = performance.now();
  await executor.run('bench', 'print(1)');
  const start = performance.now() - t;
  emit({ figure: 'node sandbox process start to first result', ms: round(start), floor_ms: round(plainStart), ratio: round(start / plainStart), floor: 'loadPyodide + runPython in-process' });

  const cellTimes = await executorTimes(() => executor.run('bench', COMPUTE_CELL), 15);
  emit({ figure: 'node per-cell round trip (compute cell)', ms: round(median(cellTimes)), floor_ms: round(plainCell), ratio: round(median(cellTimes) / plainCell), target_ratio: 1.2 });
  const trivialTimes = await executorTimes(() => executor.run('bench', 'x = 1'), 50);
  emit({ figure: 'node per-cell overhead (trivial cell)', ms: round(median(trivialTimes)), floor_ms: round(plainTrivial), overhead_ms: round(median(trivialTimes) - plainTrivial) });

  t = performance.now();
  const imported = await executor.run('bench', 'import sympy as sp');
  emit({ figure: 'node import sympy (local zip, first time)', ms: round(performance.now() - t), status: imported.status, packages: imported.packages });

  const pyodideRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    // sympy caches results: a fresh namespace does not clear that, so time in-cell from a cold-ish state.
    const result = await executor.run('bench', `import time\nt0 = time.perf_counter()\n${SYMPY_SCRIPT}\nprint((time.perf_counter() - t0) * 1000)`);
    pyodideRuns.push(Number(result.output));
  }
  // The sandbox stops a cell by ending its process: an interrupt costs a new process (its
  // namespace here is empty, so nothing is replayed). Last, so no other figure pays a replay.
  const interrupts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const running = executor.run('bench-interrupt', 'while True:\n    pass');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const t0 = performance.now();
    executor.interrupt();
    await running;
    interrupts.push(performance.now() - t0);
  }
  emit({ figure: 'node sandbox interrupt to result (process ended and restarted)', ms: round(median(interrupts)), floor_ms: round(plainStart), ratio: round(median(interrupts) / plainStart), floor: 'loadPyodide + runPython in-process' });
  await executor.dispose();
  const cpython = cpythonSympyMs();
  if (cpython) {
    emit({ figure: 'sympy script, Pyodide vs CPython', pyodide_ms: round(pyodideRuns[0]!), cpython_ms: round(cpython.ms), ratio: round(pyodideRuns[0]! / cpython.ms), cpython: cpython.version, note: 'first run in each; same sympy source dir' });
  }
}

/** Every call's time (the executor's first runs are part of what a user sees, so no warm-up). */
async function executorTimes(run: () => Promise<unknown>, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times;
}

/** The same script under the machine's python3, with the sympy the zips were built from. */
function cpythonSympyMs(): { ms: number; version: string } | undefined {
  let source = '/usr/lib/python3/dist-packages';
  try {
    const manifest = JSON.parse(readFileSync(join(DEFAULT_ASSETS_DIR, 'local-packages.json'), 'utf8'));
    source = manifest.packages.sympy?.source ?? source;
  } catch {
    /* defaults */
  }
  const script = `import sys, time\nimport sympy as sp\nt0 = time.perf_counter()\n${SYMPY_SCRIPT}\nprint((time.perf_counter() - t0) * 1000, sp.__version__, sys.version.split()[0])`;
  try {
    const out = execFileSync('python3', ['-c', script], { env: { ...process.env, PYTHONPATH: source }, encoding: 'utf8' }).trim().split(' ');
    return { ms: Number(out[0]), version: `CPython ${out[2]}, sympy ${out[1]}` };
  } catch (error) {
    skip('sympy script, Pyodide vs CPython', `python3 failed: ${(error as Error).message}`);
    return undefined;
  }
}

type Harness = { pythonHarness: { run(n: string, c: string): Promise<{ output: string }> } };

/** Page load to first result in Chromium, on the bare sandbox harness page of the build. */
export async function pythonBrowserFigures(studio: Studio): Promise<void> {
  const url = `${studio.baseUrl}/src/python/browser/testing/harness.html`;
  for (const cache of ['cold', 'warm'] as const) {
    // A fresh context has a cold HTTP cache; 'warm' reuses it by loading the page twice.
    const context = await studio.newContext();
    try {
      const page = await context.newPage();
      if (cache === 'warm') await page.goto(url);
      const t = performance.now();
      await page.goto(url);
      const result = await page.evaluate(() => (window as unknown as Harness).pythonHarness.run('b', 'print(1)'));
      emit({ figure: `browser page load to first result (${cache} HTTP cache)`, ms: round(performance.now() - t), output: result.output });
      if (cache === 'warm') {
        const times: number[] = [];
        for (let i = 0; i < 30; i++) {
          times.push(await page.evaluate(async () => {
            const t0 = performance.now();
            await (window as unknown as Harness).pythonHarness.run('b', 'x = 1');
            return performance.now() - t0;
          }));
        }
        emit({ figure: 'browser per-cell overhead (trivial cell, page ↔ frame ↔ worker)', ms: round(median(times)) });
      }
    } catch (error) {
      skip(`browser page load to first result (${cache} HTTP cache)`, error);
    } finally {
      await context.close();
    }
  }
}
