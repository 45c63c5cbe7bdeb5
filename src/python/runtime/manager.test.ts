/**
 * The runtime manager over real interpreters (Pyodide in Node): samples never share one,
 * checks get a fresh one, and the answer comparison runs where no sample code ever ran.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SYMPY_ANSWER_PROGRAM } from '../../core/checks/answer/python';
import { answerVerdict } from '../../core/checks/answer';
import { createNodeExecutor } from '../node';
import { RuntimeManager, type KernelPurpose } from './manager';

const created: KernelPurpose[] = [];
const manager = new RuntimeManager({
  maxSamples: 2,
  createExecutor: (purpose) => {
    created.push(purpose);
    return createNodeExecutor({ timeoutMs: 60_000 });
  },
});

afterAll(() => manager.dispose());

/** What a poisoned sample does: change the interpreter for every later run in it. */
const POISON = `import builtins
builtins.print = lambda *a, **k: builtins.__dict__['__import__']('sys').stdout.write('FORGED\\n')
import sys
sys.modules['sympy'] = None`;

describe('runtime manager', () => {
  it('runs each sample in an interpreter of its own, booted ahead as a spare', async () => {
    manager.warmUp();
    expect(created).toEqual(['sample']);
    const a = manager.forSample('sample-a');
    expect((await a.run('sample-a', POISON)).status).toBe('ok');
    expect((await a.run('sample-a', 'print(1)')).output).toBe('FORGED');

    const b = manager.forSample('sample-b');
    const clean = await b.run('sample-b', 'print(1 + 1)');
    expect(clean.output).toBe('2');
    // The spare went to sample-a, a new spare booted for sample-b's turn.
    expect(created.filter((p) => p === 'sample').length).toBeGreaterThanOrEqual(2);
    expect(manager.statusOf('sample-a')).toBeDefined();
    expect(manager.statusOf('sample-b')?.phase).toBe('ready');
  }, 120_000);

  it('lets go of the least recently used sample beyond the limit', async () => {
    const c = manager.forSample('sample-c');
    expect((await c.run('sample-c', 'print(3)')).output).toBe('3');
    expect(manager.statusOf('sample-a')).toBeUndefined();
    // Asked again, sample-a gets a fresh interpreter: its poison is gone.
    expect((await manager.forSample('sample-a').run('sample-a', 'print(4)')).output).toBe('4');
  }, 120_000);

  it('checks run in a fresh interpreter; answers only in the clean one, with the answers as data', async () => {
    const checks = manager.checksFor('sample-a');
    expect((await checks.run('repro', POISON)).status).toBe('ok');
    expect((await checks.run('repro', 'print(5)')).output).toBe('FORGED');
    // The answer comparison through the same executor is not touched by that poison.
    const verdict = await answerVerdict('\\frac{1}{\\sqrt{3}}', '\\frac{\\sqrt{2}}{2}', checks);
    expect(verdict).toMatchObject({ verdict: 'different' });
    const equal = await answerVerdict('\\frac{\\sqrt{2}}{2}', '\\frac{1}{\\sqrt{2}}', checks);
    expect(equal).toMatchObject({ verdict: 'equal' });
    await checks.dispose();
    expect(created).toContain('answers');
    expect(created).toContain('checks');
  }, 240_000);

  it('checks the user asks for do not wait for the spare booted ahead', async () => {
    let spareWhenChecksStarted: string | undefined = 'not started';
    const fresh: RuntimeManager = new RuntimeManager({
      createExecutor: (purpose) => {
        // The first checks interpreter only: the next one is booted ahead once it is up (after the spare, rightly).
        if (purpose === 'checks' && spareWhenChecksStarted === 'not started') spareWhenChecksStarted = fresh.spareStatus()?.phase;
        return createNodeExecutor({ timeoutMs: 60_000 });
      },
    });
    try {
      fresh.warmUp();
      const checks = fresh.checksFor('sample-x');
      expect((await checks.run('repro', 'print(6 * 7)')).output).toBe('42');
      // The checks' interpreter was started while the spare still booted, not queued behind it.
      expect(spareWhenChecksStarted).not.toBe('not started');
      expect(spareWhenChecksStarted).not.toBe('ready');
      await checks.dispose();
    } finally {
      await fresh.dispose();
    }
  }, 120_000);

  it('the answers interpreter refuses any program but the answer comparison', async () => {
    const checks = manager.checksFor('sample-b');
    // Routed by the program itself: only the constant answer program reaches the answers interpreter.
    const ran = await checks.run('hint-studio:answer-check', SYMPY_ANSWER_PROGRAM, { mode: 'script', stdin: '[]' });
    expect(ran.output).toBe('HINT_STUDIO_ANSWER_CHECK []');
    await checks.dispose();
  }, 120_000);
});
