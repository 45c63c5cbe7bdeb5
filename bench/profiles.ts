/**
 * The per-call cost of the `cort` execution profile against `notebook`: the same trace's
 * cells, in the same run, with sympy loaded (so CoRT's state put-back covers its modules).
 * notebook runs each cell in a live namespace; cort builds CoRT's program for each call
 * (core/exec/semantics, timed with it) and runs it in fresh globals, restoring the
 * interpreter afterwards. The ratio is cort / notebook per call.
 */
import { cortContext, cortProgram } from '../src/core/exec';
import { createNodeExecutor } from '../src/python/node';
import { emit, median, round } from './figures';

const CELLS = [
  "import sympy as sp\nx = sp.symbols('x')\nroots = sp.solve(x**2 - 5*x + 6, x)\nprint(roots)",
  'total = sum(roots)\nprint(total)',
  'squares = [r**2 for r in roots]\nprint(squares)',
  'import math\nbig = math.comb(40, 20)\nprint(big % 1000)',
  'acc = 0\nfor k in range(1, 2000):\n    acc += k * k % 7\nprint(acc)',
  'print(total + sum(squares) + big % 7 + acc)',
];

/** The response text after cell `k` (its fence closed), outputs left empty: only programs are timed. */
function textUpTo(k: number): string {
  return CELLS.slice(0, k + 1)
    .map((c, i) => '```python\n' + c + '\n```\n' + (i < k ? '```output\n\n```\n' : ''))
    .join('');
}

export async function profileFigures(): Promise<void> {
  const executor = createNodeExecutor({ timeoutMs: 120_000 });
  const context = cortContext('Bench problem.\nPlease integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}.');
  try {
    // Load sympy once outside the timings: both profiles then pay only for the calls.
    await executor.run('warm', 'import sympy');
    await executor.run('warm', 'import sympy', { mode: 'cort' });
    const notebook: number[] = [];
    const cort: number[] = [];
    for (let round_ = 0; round_ < 5; round_++) {
      await executor.restart('bench-notebook');
      let t = performance.now();
      for (const cell of CELLS) await executor.run('bench-notebook', cell);
      notebook.push((performance.now() - t) / CELLS.length);
      t = performance.now();
      for (let k = 0; k < CELLS.length; k++) {
        const { program } = cortProgram(context + textUpTo(k));
        await executor.run('bench-cort', program, { mode: 'cort' });
      }
      cort.push((performance.now() - t) / CELLS.length);
    }
    const n = median(notebook);
    const c = median(cort);
    emit({ figure: 'per-call cost, cort vs notebook profile (same 6 cells, sympy loaded)', ms: round(c), floor_ms: round(n), ratio: round(c / n), floor: 'notebook profile: each cell in a live namespace' });

    const trivialNotebook: number[] = [];
    const trivialCort: number[] = [];
    for (let i = 0; i < 30; i++) {
      let t = performance.now();
      await executor.run('bench-notebook', 'x = 1');
      trivialNotebook.push(performance.now() - t);
      t = performance.now();
      await executor.run('bench-cort', 'x = 1', { mode: 'cort' });
      trivialCort.push(performance.now() - t);
    }
    emit({
      figure: "cort call overhead (fresh globals + interpreter state put back), trivial program",
      ms: round(median(trivialCort)),
      floor_ms: round(median(trivialNotebook)),
      ratio: round(median(trivialCort) / median(trivialNotebook)),
      floor: 'the same program as a notebook cell',
    });
  } finally {
    await executor.dispose();
  }
}
