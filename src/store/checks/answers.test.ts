/**
 * The answer verdict in the checks cache: quick checks leave what only SymPy can decide
 * 'pending'; asked to decide answers, the cache decides them in the runtime manager's answers
 * interpreter in the background, keeps them across later quick re-checks of the same content,
 * and the export gate reads them.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exportVerdicts } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import { createNodeStudio } from '../../cli/compose';
import { createNodeExecutor } from '../../python/node';
import { RuntimeManager } from '../../python/runtime/manager';
import { memoryPersistence } from '../session/persistence';
import { currentChecks } from './checks';

function sample(id: string, boxed: string, gt: string): Sample {
  return sampleOf(`Work.\n</think>\n\nSo $\\boxed{${boxed}}$.`, { id, problem: `Problem ${id}`, prompt: `Problem ${id}`, gtAnswer: gt, status: 'approved' });
}

const dollars = sample('dollars', '\\$18.90', '18.90');
const radical = sample('radical', '2\\sqrt{3}', '\\sqrt{12}');
const near = sample('near', '\\frac{665857}{470832}', '\\sqrt{2}');
const samples = [dollars, radical, near];

const managers: RuntimeManager[] = [];
afterAll(() => Promise.all(managers.map((m) => m.dispose())));

/** A studio over Node interpreters; `answerRuns` counts the answers interpreter's runs in flight. */
async function studio() {
  const answerRuns = { running: 0, most: 0 };
  const python = new RuntimeManager({
    maxSamples: 1,
    createExecutor: (purpose) => {
      const executor = createNodeExecutor();
      if (purpose === 'answers') {
        const run = executor.run.bind(executor);
        executor.run = async (...args) => {
          answerRuns.most = Math.max(answerRuns.most, ++answerRuns.running);
          try {
            return await run(...args);
          } finally {
            answerRuns.running--;
          }
        };
      }
      return executor;
    },
  });
  managers.push(python);
  const s = createNodeStudio({ persistence: memoryPersistence({ samples }), python });
  await s.init();
  const { store } = s;
  const verdict = (x: Sample) => currentChecks(store.getState(), store.getState().samples[x.id] ?? x)?.result.answer?.verdict;
  return { store, checks: s.services.checks, verdict, answerRuns };
}

describe('answer verdicts in the checks cache', () => {
  it('quick checks decide what they can and leave the rest pending, never guessed', async () => {
    const { checks, verdict, store } = await studio();
    await checks.checkSamples(samples);
    expect(samples.map(verdict)).toEqual(['equal', 'pending', 'pending']);
    const answerRow = currentChecks(store.getState(), radical)!.result.checks.find((c) => c.id === 'answer');
    expect(answerRow).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/^pending/) });
  });

  it('decides pending verdicts with the interpreter in the background, keeps them, and the gate reads them', async () => {
    const { checks, verdict, store } = await studio();
    await checks.checkSamples(samples, { decideAnswers: true });
    await vi.waitFor(() => expect(samples.map(verdict)).toEqual(['equal', 'equal', 'different']), { timeout: 90_000, interval: 100 });
    const nearChecks = currentChecks(store.getState(), near)!.result;
    expect(nearChecks.ok).toBe(false);
    expect(nearChecks.checks.find((c) => c.id === 'answer')?.status).toBe('fail');

    // A counted re-check of the same content (the library does one once the tokenizer loads) keeps them.
    await checks.checkSamples(samples, { tokenCounter: { count: (t: string) => t.length } });
    expect(samples.map(verdict)).toEqual(['equal', 'equal', 'different']);

    // The export gate over the cache holds back exactly the sample the library marks ✗.
    const known = (s: Sample) => currentChecks(store.getState(), s)?.result;
    const gate = await exportVerdicts(samples, { known });
    expect(samples.filter((s) => !gate.get(s.id)!.ok).map((s) => s.id)).toEqual(['near']);

    // Edited content is a new revision: its verdict is its own, not the old one.
    const edited = sample('radical', '3\\sqrt{3}', '\\sqrt{12}');
    store.setState({ samples: { ...store.getState().samples, radical: edited } });
    await checks.checkSamples([edited]);
    expect(verdict(edited)).toBe('different');
  }, 120_000);

  it('runs one answer cell at a time however many library slices ask, and decides every pending one', async () => {
    const { checks, verdict, answerRuns } = await studio();
    await Promise.all(samples.map((s) => checks.checkSamples([s], { decideAnswers: true })));
    await vi.waitFor(() => expect(samples.map(verdict)).toEqual(['equal', 'equal', 'different']), { timeout: 90_000, interval: 100 });
    expect(answerRuns.most).toBe(1);
  }, 120_000);

  it('decides a pending verdict checked earlier without an interpreter once the library asks with one', async () => {
    const { checks, verdict } = await studio();
    await checks.checkSamples([radical]);
    expect(verdict(radical)).toBe('pending');
    await checks.checkSamples([radical], { decideAnswers: true });
    await vi.waitFor(() => expect(verdict(radical)).toBe('equal'), { timeout: 90_000, interval: 100 });
  }, 120_000);
});
