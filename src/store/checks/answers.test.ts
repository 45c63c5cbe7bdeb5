/**
 * The answer verdict in the checks cache: quick checks leave what only SymPy can decide
 * 'pending'; asked to (as the library asks), the studio decides it in the background in the
 * runtime manager's answers interpreter, keeps it across later quick re-checks of the same
 * content, and the export gate reads it.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createNodeStudio, nodeRuntimes } from '../../cli/compose';
import { exportVerdicts } from '../../core/export';
import type { Executor } from '../../core/exec/types';
import type { Sample } from '../../core/sample/types';
import { parseTrace } from '../../core/trace';
import type { PythonRuntimes } from '../../core/exec/runtime';
import { currentChecks } from './checks';

// One runtime manager over real Node interpreters for the whole file: its answers interpreter boots once.
const runtimes = nodeRuntimes();
afterAll(() => runtimes.dispose());

function sample(id: string, boxed: string, gt: string): Sample {
  const text = `Work.\n</think>\n\nSo $\\boxed{${boxed}}$.`;
  return {
    id, problem: `Problem ${id}`, prompt: `Problem ${id}`, record: {}, origin: { format: 'pasted', file: 'x' }, gtAnswer: gt,
    original: text, trace: parseTrace(text), branches: [], status: 'approved', createdAt: '', updatedAt: '',
  };
}

const dollars = sample('dollars', '\\$18.90', '18.90');
const radical = sample('radical', '2\\sqrt{3}', '\\sqrt{12}');
const near = sample('near', '\\frac{665857}{470832}', '\\sqrt{2}');
const samples = [dollars, radical, near];

/** The manager, with its answers interpreter seen through `answers` (to count what runs there). */
function withAnswers(answers: Executor): PythonRuntimes {
  return {
    warmUp: () => runtimes.warmUp(),
    forSample: (id) => runtimes.forSample(id),
    claim: (id) => runtimes.claim(id),
    checksFor: (id) => runtimes.checksFor(id),
    answers: () => answers,
    statusOf: (id) => runtimes.statusOf(id),
    statuses: () => runtimes.statuses(),
    spareStatus: () => runtimes.spareStatus(),
    subscribe: (listener) => runtimes.subscribe(listener),
    restart: (id) => runtimes.restart(id),
  };
}

function studio(python: PythonRuntimes = runtimes) {
  const { store, services } = createNodeStudio({ python });
  store.setState({ ready: true, samples: Object.fromEntries(samples.map((s) => [s.id, s])) });
  const checks = { checkSamples: { perform: services.checks.checkSamples } };
  return { store, checks, verdict: (s: Sample) => currentChecks(store.getState(), store.getState().samples[s.id] ?? s)?.result.answer?.verdict };
}

describe('answer verdicts in the checks cache', () => {
  it('quick checks decide what they can and leave the rest pending, never guessed', async () => {
    const { checks, verdict, store } = studio();
    await checks.checkSamples.perform(samples);
    expect(samples.map(verdict)).toEqual(['equal', 'pending', 'pending']);
    const answerRow = currentChecks(store.getState(), radical)!.result.checks.find((c) => c.id === 'answer');
    expect(answerRow).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/^pending/) });
  });

  it('decides pending verdicts in the answers interpreter in the background, keeps them, and the gate reads them', async () => {
    const { checks, verdict, store } = studio();
    await checks.checkSamples.perform(samples, { decideAnswers: true });
    await vi.waitFor(() => expect(samples.map(verdict)).toEqual(['equal', 'equal', 'different']), { timeout: 90_000, interval: 100 });
    const nearChecks = currentChecks(store.getState(), near)!.result;
    expect(nearChecks.ok).toBe(false);
    expect(nearChecks.checks.find((c) => c.id === 'answer')?.status).toBe('fail');

    // A counted re-check of the same content (the library does one once the tokenizer loads) keeps them.
    await checks.checkSamples.perform(samples, { tokenCounter: { count: (t: string) => t.length } });
    expect(samples.map(verdict)).toEqual(['equal', 'equal', 'different']);

    // The export gate over the cache holds back exactly the sample the library marks ✗.
    const known = (s: Sample) => currentChecks(store.getState(), s)?.result;
    const gate = await exportVerdicts(samples, { known });
    expect(samples.filter((s) => !gate.get(s.id)!.ok).map((s) => s.id)).toEqual(['near']);

    // Edited content is a new revision: its verdict is its own, not the old one.
    const edited = sample('radical', '3\\sqrt{3}', '\\sqrt{12}');
    store.setState({ samples: { ...store.getState().samples, radical: edited } });
    await checks.checkSamples.perform([edited]);
    expect(verdict(edited)).toBe('different');
  }, 120_000);

  it('runs one answer program at a time however many library slices ask, and decides every pending one', async () => {
    const answers = runtimes.answers();
    let running = 0;
    let most = 0;
    const counting: Executor = {
      ...answers,
      run: async (...args) => {
        most = Math.max(most, ++running);
        try {
          return await answers.run(...args);
        } finally {
          running--;
        }
      },
    };
    const { checks, verdict } = studio(withAnswers(counting));
    const slices = samples.map((s) => checks.checkSamples.perform([s], { decideAnswers: true }));
    await Promise.all(slices);
    await vi.waitFor(() => expect(samples.map(verdict)).toEqual(['equal', 'equal', 'different']), { timeout: 90_000, interval: 100 });
    expect(most).toBe(1);
  }, 120_000);

  it('decides a pending verdict checked earlier without deciding once the library asks', async () => {
    const { checks, verdict } = studio();
    await checks.checkSamples.perform([radical]);
    expect(verdict(radical)).toBe('pending');
    await checks.checkSamples.perform([radical], { decideAnswers: true });
    await vi.waitFor(() => expect(verdict(radical)).toBe('equal'), { timeout: 90_000, interval: 100 });
  }, 120_000);
});
