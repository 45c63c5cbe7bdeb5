import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, type CliIO } from '../io';
import { runVerify } from './verify';

const INSTRUCTION = '\nPlease integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}.';

/** A CoRT inference record whose generations are the given traces. */
function record(problem: string, gen: string[]): string {
  return JSON.stringify({ problem, gt_answer: '5', prompt: problem + INSTRUCTION, source: 'math500', gen });
}

const honest =
  "Okay, let's try.\n```python\nimport sympy as sp\nx = sp.symbols('x')\nroots = sp.solve(x**2 - 5*x + 6, x)\nprint(roots)\n```\n```output\n[2, 3]\n```\nThe sum:\n```python\nprint(sum(roots))\n```\n```output\n5\n```\n" +
  'A check that fails the same way on any machine:\n```python\nint(roots[0]) / 0\n```\n```output\nTraceback (most recent call last):\n  File "/tmp/tmpq1w2e3/main.py", line 3, in <module>\nZeroDivisionError: division by zero\n```\n</think>\n\\boxed{5}';
// The same trace with the second output changed by hand: verification must catch it.
const tampered = honest.replace('```output\n5\n```', '```output\n6\n```');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hint-studio-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const io: CliIO = { stdout: (t) => void out.push(t), stderr: () => {} };
  return { io, text: () => out.join('') };
}

describe('hint-studio verify', () => {
  it('verifies honest outputs, including a traceback recorded on another machine', async () => {
    const file = join(dir, 'honest.jsonl');
    writeFileSync(file, record('Sum of roots of x^2-5x+6?', [honest]) + '\n');
    const { io, text } = capture();
    const verdicts = await runVerify(file, { timeout: '20' }, io);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]!.ok).toBe(true);
    expect(verdicts[0]!.blocks.map((b) => b.matches)).toEqual([true, true, true]);
    expect(text()).toContain('1 samples, 1 verified, 0 failed');
  });

  it('catches a tampered output, names the block, and fails', async () => {
    const file = join(dir, 'tampered.jsonl');
    writeFileSync(file, record('Sum of roots of x^2-5x+6?', [honest, tampered]) + '\n');
    const { io, text } = capture();
    const error = await runVerify(file, {}, io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe('1 of 2 samples failed verification');
    const report = text();
    expect(report).toMatch(/sample 0 \S+: ok/);
    expect(report).toMatch(/sample 1 \S+: FAILED/);
    expect(report).toMatch(/block 1 \(\w+ → \w+\): output differs \[ok\]\n {4}recorded: {3}6\n {4}reproduced: 5/);
  });

  it("reports a time-out per block in JSON lines: CoRT's TimeoutError traceback, or Timeout Error under notebook", async () => {
    const looping = "Loop:\n```python\nwhile True:\n    pass\n```\n```output\n42\n```\n";
    const file = join(dir, 'loop.jsonl');
    writeFileSync(file, record('Loop forever', [looping]) + '\n');
    const cort = capture();
    await expect(runVerify(file, { json: true, timeout: '1' }, cort.io)).rejects.toThrow(CliError);
    const verdict = JSON.parse(cort.text().trim());
    expect(verdict).toMatchObject({ ok: false, profile: 'cort' });
    expect(verdict.blocks[0]).toMatchObject({ status: 'timeout', recorded: '42', matches: false, call: 'program' });
    expect(verdict.blocks[0].reproduced).toMatch(/\ntimeout_decorator\.timeout_decorator\.TimeoutError: 'Timed Out'$/);
    const notebook = capture();
    await expect(runVerify(file, { json: true, timeout: '1', semantics: 'notebook' }, notebook.io)).rejects.toThrow(CliError);
    expect(JSON.parse(notebook.text().trim()).blocks[0]).toMatchObject({ status: 'timeout', reproduced: 'Timeout Error' });
  });

  it('verifies CoRT semantics where a live namespace would not, and the reverse', async () => {
    // The loop printed, so CoRT does not replay the block: the second call raised NameError.
    const cortTrace =
      "```python\nfor i in range(2):\n    print(i)\ntotal = 1\n```\n```output\n0\n1\n```\n```python\nprint(total)\n```\n```output\nTraceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nNameError: name 'total' is not defined\n```\nDone.\n</think>\\boxed{5}";
    const file = join(dir, 'replay.jsonl');
    writeFileSync(file, record('Replay', [cortTrace]) + '\n');
    expect((await runVerify(file, {}, capture().io))[0]!.ok).toBe(true);
    await expect(runVerify(file, { semantics: 'notebook' }, capture().io)).rejects.toThrow('1 of 1 samples failed verification');
  });

  it("reports a block CoRT never runs, strips the [SYSTEM] notice, and refuses input() with CoRT's RuntimeError", async () => {
    const notice =
      '\n\n[SYSTEM]\nYou have exceeded the allowed number of code executions. You can no longer write or run code. Please continue solving the problem using your reasoning and analytical skills.';
    const trace =
      '```py\nprint(2)\n```\n```output\n\n```\n```python\nn = input()\n```\n```output\nTraceback (most recent call last):\n  File "/x/python_executor.py", line 33, in exec_code\nRuntimeError\n```\n' +
      '```python\nprint(3)\n```\n```output\n3' + notice + '\n```\nDone.\n</think>\\boxed{5}';
    const file = join(dir, 'quirks.jsonl');
    writeFileSync(file, record('Quirks', [trace]) + '\n');
    const { io, text } = capture();
    const [verdict] = await runVerify(file, {}, io);
    expect(verdict!.ok).toBe(true);
    expect(verdict!.blocks.map((b) => [b.status, b.call ?? null, b.matches])).toEqual([
      ['not-run', null, null],
      ['ok', 'empty', true],
      ['error', 'program', true],
      ['ok', 'program', true],
    ]);
    expect(verdict!.blocks[2]!.reproduced).toMatch(/\nRuntimeError$/);
    expect(text()).toMatch(/not run by CoRT \[not-run\]\n {4}why: CoRT runs only blocks opened by a line that is exactly ```python/);
  });
});

describe('hint-studio verify, per trace profile', () => {
  type Piece = ['model' | 'interpreter', string];
  const execution = JSON.parse(readFileSync(join(import.meta.dirname, '../../core/profiles/fixtures/execution.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
  const ids = ['torl', 'simpletir', 'retool', 'rstar2'];
  const traceOf = (id: string) => execution[id]!.pieces.map(([, t]) => t).join('');
  /** One inference record per profile; ToRL writes CoRT's fences, so its record names it. */
  const lines = (trace: (id: string) => string) => ids.map((id) => JSON.stringify({ problem: id, gt_answer: '5', prompt: id, gen: [trace(id)], ...(id === 'torl' ? { profile: 'torl' } : {}) })).join('\n') + '\n';

  it("verifies each project's reference trace as its own harness runs it, whatever --semantics says", async () => {
    const file = join(dir, 'profiles.jsonl');
    writeFileSync(file, lines(traceOf));
    const { io, text } = capture();
    const verdicts = await runVerify(file, { json: true, timeout: '30', semantics: 'notebook' }, io);
    expect(verdicts.map((v) => [v.traceProfile, v.profile, v.ok])).toEqual(ids.map((id) => [id, 'fresh', true]));
    // ToRL's first block of a two-block turn is reported, not skipped in silence.
    expect(verdicts[0]!.blocks.filter((b) => b.status === 'not-run').map((b) => b.note)).toEqual(['only the last code block of a turn runs']);
    expect(text().trim().split('\n')).toHaveLength(ids.length);
  }, 180_000);

  it('catches one changed character in each profile and names the block', async () => {
    const file = join(dir, 'profiles-tampered.jsonl');
    const tamper = (id: string) => {
      const pieces = execution[id]!.pieces;
      const first = pieces.findIndex(([w]) => w === 'interpreter');
      return pieces.map(([, t], i) => (i === first ? t.replace(/\d/, (d) => (d === '1' ? '2' : '1')) : t)).join('');
    };
    writeFileSync(file, lines(tamper));
    const { io, text } = capture();
    await expect(runVerify(file, { timeout: '30' }, io)).rejects.toThrow('4 of 4 samples failed verification');
    expect(text()).toMatch(/sample 1 \S+: FAILED \(5 code calls, 5 with recorded output, SimpleTIR \(fresh\)\)\n {2}block 0 \(\w+ → \w+\): output differs \[ok\]\n {4}recorded: {3}1050\n/);
  }, 180_000);
});
