/**
 * The quick checks as a message (quickChecks.ts): a request that crossed a worker's message
 * boundary (structuredClone, as postMessage copies it) gives what core's runChecks gives on
 * this thread, and the checks service takes its quick checks from the studio's off-thread
 * runner when it has one, and runs them here when that runner fails.
 */
import { describe, expect, it } from 'vitest';
import { createNodeStudio } from '../../cli/compose';
import { runChecks } from '../../core/checks';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import type { Sample } from '../../core/sample/types';
import { projectExecution } from '../settings/execution';
import { defaultSettings } from '../settings/state';
import { currentChecks } from './checks';
import { quickCheckRequest, quickChecks, type QuickCheckRequest } from './quickChecks';
import { WorkerUnavailableError } from '../workers/client';

const F = '```';
const code = (body: string) => `${F}python\n${body}\n${F}\n`;
const output = (body: string) => `${F}output\n${body}\n${F}\n`;
// A model-written output, a traceback and a code block without output: structure checks that fail.
const text = `Let me compute.\n${code('x = 2+3\nprint(x)')}${output('5')}Then\n${code('print(1/0)')}${output('Traceback (most recent call last):\nZeroDivisionError: division by zero')}More\n${code('print(x*2)')}So 10.\n</think>\n\\boxed{10}`;
const traced = (id: string): Sample => {
  const s = sampleOf(text, { id, gtAnswer: '11', original: `${text} (as imported)`, record: { response: text, gt: '11' } });
  return { ...s, branches: [{ id: 'b1', at: 10, segments: s.trace.segments, reason: 'cut', createdAt: '' }] };
};
const counter = { count: (t: string) => t.length };

describe('quick checks as a message', () => {
  it('give across a copy what runChecks gives here: counted tokens, the project semantics', async () => {
    for (const semantics of ['cort', 'notebook'] as const) {
      const settings = { ...defaultSettings(), semantics };
      const sample = traced(`s-${semantics}`);
      const here = await runChecks(sample, { tokenCounter: counter, ...projectExecution(settings) });
      const there = await quickChecks(structuredClone(quickCheckRequest(sample, settings, counter)));
      expect(there).toEqual(here);
      // Counted, and failing for what the trace holds.
      expect(there.efficiency.tokensNow).toBe(text.length);
      expect(there.checks.find((c) => c.id === 'tokens')?.status).not.toBe('skipped');
      expect(there.ok).toBe(false);
    }
  });

  it('are taken from the studio\'s off-thread runner, and run here when it fails', async () => {
    const asked: string[] = [];
    const offThread = async (request: QuickCheckRequest) => {
      asked.push(request.sample.id);
      if (request.sample.id === 'broken') throw new WorkerUnavailableError('the worker died');
      return quickChecks(structuredClone(request));
    };
    const { store, services } = createNodeStudio({ quickChecksOffThread: offThread });
    const samples = [traced('a'), traced('broken')];
    store.setState({ ready: true, samples: Object.fromEntries(samples.map((s) => [s.id, s])) });
    await services.checks.checkSamples(samples, { tokenCounter: counter });
    expect(asked).toEqual(['a', 'broken']);
    const expected = await runChecks(samples[0]!, { tokenCounter: counter, ...projectExecution(store.getState().settings) });
    for (const s of samples) {
      const entry = currentChecks(store.getState(), s)!;
      expect(entry).toMatchObject({ level: 'quick', counted: true });
      expect(entry.result).toEqual(expected);
    }
  });
});
