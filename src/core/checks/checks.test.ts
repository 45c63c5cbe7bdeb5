import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExecutor } from '../../python/node';
import { parseTrace } from '../trace';
import type { Sample } from '../sample/types';
import { sampleOf as sampleFromResponse } from '../sample/testing/sampleOf';
import { efficiencyChecks, efficiencyMetrics } from './efficiency';
import { runChecks } from './run';
import { checkReproduction, structureChecks } from './structure';
import { failing } from './types';
import { CORT_PROFILE } from '../profiles/builtin';

const F = '```';
const code = (body: string) => `${F}python\n${body}\n${F}\n`;
const output = (body: string) => `${F}output\n${body}\n${F}\n`;
const TRACEBACK = 'Traceback (most recent call last):\n  File "<exec>", line 1, in <module>\nZeroDivisionError: division by zero';

const statusOf = (text: string) => Object.fromEntries(structureChecks(parseTrace(text)).map((c) => [c.id, c.status]));

const sampleOf = (text: string, extra: Partial<Sample> = {}) => sampleFromResponse(text, { id: 't1', ...extra });

describe('structure checks', () => {
  it('passes a well-formed CoRT trace', () => {
    const s = statusOf(`Let me compute.\n${code('print(2+3)')}${output('5')}So 5.\n</think>\n\\boxed{5}`);
    expect(s).toMatchObject({ 'think-end': 'pass', 'code-closed': 'pass', 'code-output': 'pass', 'hallucinated-output': 'pass', 'code-calls': 'pass', 'code-errors': 'pass' });
  });

  it('fails a missing or doubled </think>', () => {
    expect(statusOf('no boundary \\boxed{1}')['think-end']).toBe('fail');
    expect(statusOf('a</think>b</think>\\boxed{1}')['think-end']).toBe('fail');
  });

  it('fails an unclosed code block, a code block without output, and an output the model wrote', () => {
    expect(statusOf(`x\n${F}python\nprint(1)\n`)['code-closed']).toBe('fail');
    expect(statusOf(`x\n${code('print(1)')}Then.\n</think>1`)['code-output']).toBe('fail');
    const orphan = structureChecks(parseTrace(`We get\n${output('42')}\n</think>1`)).find((c) => c.id === 'hallucinated-output')!;
    expect(orphan.status).toBe('fail');
    expect(orphan.segmentIds).toHaveLength(1);
  });

  it('caps code calls at 15 and reports the error rate', () => {
    const calls = (n: number) => Array.from({ length: n }, (_, i) => code(`print(${i})`) + output(`${i}`)).join('') + '</think>1';
    expect(statusOf(calls(15))['code-calls']).toBe('pass');
    expect(statusOf(calls(16))['code-calls']).toBe('fail');
    const errors = structureChecks(parseTrace(code('1/0') + output(TRACEBACK) + code('1/0') + output(TRACEBACK) + code('print(1)') + output('1') + '</think>1'));
    const rate = errors.find((c) => c.id === 'code-errors')!;
    expect(rate).toMatchObject({ status: 'warn', detail: '2 of 3 outputs are errors (67%)' });
  });
});

describe('efficiency', () => {
  const words = { count: (t: string) => t.split(/\s+/).filter(Boolean).length };
  it('compares tokens with the imported trace and counts code roles', () => {
    const trace = parseTrace(`Short.\n${code('print(1)')}${output('1')}${code('print(2)')}${output('2')}</think>1`);
    trace.segments.filter((s) => s.kind === 'code').forEach((s, i) => (s.meta = { codeRole: i === 0 ? 'calculation' : 'verification' }));
    const sample = { ...sampleOf(''), original: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen', trace };
    const m = efficiencyMetrics(sample, words);
    expect(m).toMatchObject({ tokensOriginal: 16, codeCalls: 2, calculationCells: 1, verificationCells: 1, untaggedCells: 0 });
    expect(m.savingPercent).toBeCloseTo(((16 - m.tokensNow!) / 16) * 100);
    const [tokens, roles] = efficiencyChecks(m);
    expect(tokens.status).toBe('pass');
    expect(tokens.detail).toMatch(/saved/);
    expect(roles.detail).toBe('1 calculation, 1 verification (50% calculation)');
  });
  it('warns when the curated trace grew', () => {
    const [tokens] = efficiencyChecks(efficiencyMetrics(sampleOf('a b c d e f g h i j', { original: 'a' }), words));
    expect(tokens).toMatchObject({ status: 'warn' });
    expect(tokens.detail).toMatch(/longer/);
  });
});

describe('with the real interpreter', () => {
  const executor = createNodeExecutor();
  afterAll(() => executor.dispose());

  it('reproduces recorded outputs, with state carried between cells', async () => {
    const trace = parseTrace(`${code('x = 6 * 7')}${output('')}${code('print(x)')}${output('42')}${code('1/0')}${output(TRACEBACK)}</think>42`);
    const r = await checkReproduction(trace, executor);
    expect(r.status, r.detail).toBe('pass');
    expect(r.cells.map((c) => c.equal)).toEqual([true, true, true]);
  });

  it('catches an output the code does not produce', async () => {
    const trace = parseTrace(`${code('print(sum(range(10)))')}${output('46')}</think>46`);
    const r = await checkReproduction(trace, executor);
    expect(r.status).toBe('fail');
    expect(r.cells[0]).toMatchObject({ recorded: '46', reproduced: '45', equal: false });
    expect(r.segmentIds).toEqual([trace.segments[1].id]);
  });

  it('runChecks aggregates everything and blocks on a wrong answer', async () => {
    const text = `Okay.\n${code('import math\nprint(math.isqrt(12)**2)')}${output('9')}So \\boxed{3\\sqrt{2}}.\n</think>\nThe answer is \\boxed{\\sqrt{18}}.`;
    const good = await runChecks(sampleOf(text, { gtAnswer: '3\\sqrt2' }), { executor });
    expect(good.answer).toMatchObject({ verdict: 'equal' });
    expect(good.ok).toBe(true);
    const bad = await runChecks(sampleOf(text, { gtAnswer: '2\\sqrt{3}' }), { executor });
    expect(bad.ok).toBe(false);
    expect(failing(bad).map((c) => c.id)).toEqual(['answer']);
    const noGold = await runChecks(sampleOf(text));
    expect(noGold.checks.find((c) => c.id === 'answer')?.status).toBe('skipped');
    expect(noGold.checks.find((c) => c.id === 'reproduction')?.status).toBe('skipped');
  });
});

describe('under the cort profile', () => {
  const cort = { semantics: 'cort' as const, traceProfile: CORT_PROFILE, context: '' };
  const check = (text: string, id: string) => structureChecks(parseTrace(text), cort).find((c) => c.id === id)!;

  it('flags a call that ran the empty program and a block CoRT never runs', () => {
    const empty = check('I could use `sympy`\n```output\n\n```\nNo.\n</think>1', 'cort-calls');
    expect(empty.status).toBe('fail');
    expect(empty.detail).toMatch(/^1 call ran CoRT's empty program/);
    const py = check('```py\nprint(1)\n```\n```output\n\n```\n</think>1', 'cort-calls');
    expect(py.detail).toMatch(/1 code block CoRT never runs \(CoRT runs only blocks opened by a line that is exactly ```python/);
    expect(check(`${code('print(1)')}${output('1')}</think>1`, 'cort-calls').status).toBe('pass');
  });

  it("counts calls by CoRT's rounds and accepts an output right after a stop as the executor's", () => {
    expect(check('Use `x`\n```output\n\n```\n</think>1', 'hallucinated-output').status).toBe('pass');
    expect(check('We get\n```output\n42\n```\n</think>1', 'hallucinated-output').status).toBe('fail');
    expect(check('Use `x`\n```output\n\n```\n' + code('print(1)') + output('1') + '</think>1', 'code-calls').detail).toBe('2 code calls');
  });
});

describe('reproduction under cort (real interpreter)', () => {
  const executor = createNodeExecutor();
  afterAll(() => executor.dispose());
  const cort = { semantics: 'cort' as const, traceProfile: CORT_PROFILE, context: '' };

  it('reproduces CoRT replay outputs and fails an output a live namespace would give', async () => {
    const honest = parseTrace(`${code('for i in range(2):\n    print(i)\ntotal = 1')}${output('0\n1')}${code('print(total)')}${output("Traceback (most recent call last):\nNameError: name 'total' is not defined")}</think>1`);
    expect((await checkReproduction(honest, executor, { profile: cort })).status).toBe('pass');
    const live = parseTrace(`${code('for i in range(2):\n    print(i)\ntotal = 1')}${output('0\n1')}${code('print(total)')}${output('1')}</think>1`);
    const r = await checkReproduction(live, executor, { profile: cort });
    expect(r.status).toBe('fail');
    expect(r.segmentIds).toEqual([live.segments[3]!.id]);
  });

  it('counts an output that cannot be reproduced here (numpy offline) as not reproduced', async () => {
    const trace = parseTrace(`${code('import numpy as np\nprint(np.arange(3))')}${output('[0 1 2]')}</think>1`);
    const r = await checkReproduction(trace, executor, { profile: cort });
    expect(r.status).toBe('fail');
    expect(r.detail).toMatch(/^1 output cannot be reproduced here \(Package 'numpy' is not available offline/);
  });
});
