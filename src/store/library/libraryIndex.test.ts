import { describe, expect, it } from 'vitest';
import type { Sample } from '../../core/sample/types';
import { countsOnThisThread, type TokenCounter } from '../../core/tokens';
import { parseTrace } from '../../core/trace';
import { cachedTraceTokens } from './facts';
import { LibraryIndex, type SliceDeadline } from './libraryIndex';
import { knownSummary } from './rows';

function sample(i: number): Sample {
  const text = `Step ${i}.\n</think>\n\n$\\boxed{${i}}$`;
  return {
    id: `s${i}`, problem: `Problem ${i}`, prompt: `Problem ${i}`, record: {}, origin: { format: 'pasted', file: 'x' },
    original: text, trace: parseTrace(text), branches: [], status: 'draft', createdAt: '', updatedAt: '',
  };
}

/** An index driven by hand: each `run()` is one idle slice with room for `perSlice` samples. */
function harness(samples: Sample[], perSlice: number) {
  const texts: string[] = [];
  const counter: TokenCounter = { id: 'test:words', name: 'words', isEstimate: true, count: (t) => (texts.push(t), t.split(/\s+/).length) };
  const checked = new Map<string, boolean>();
  const checkCalls: { ids: string[]; counted: boolean }[] = [];
  let pending: ((d: SliceDeadline) => void) | null = null;
  const index = new LibraryIndex({
    checkSamples: async (list, tokenCounter) => {
      // The real checks count the rendered trace and the original again.
      for (const s of list) if (tokenCounter) tokenCounter.count(s.original);
      checkCalls.push({ ids: list.map((s) => s.id), counted: !!tokenCounter });
      for (const s of list) checked.set(s.id, checked.get(s.id) || !!tokenCounter);
    },
    isChecked: (s, counted) => checked.has(s.id) && (checked.get(s.id)! || !counted),
    schedule: (work) => {
      pending = work;
      return () => (pending = null);
    },
  });
  index.setSamples(samples);
  /** One slice, awaited: each sample's checks finish before the next sample starts. */
  const run = async () => {
    const work = pending;
    pending = null;
    let budget = perSlice;
    // Each timeRemaining() check that says "yes" lets one more sample through.
    work?.({ timeRemaining: () => (budget-- > 0 ? 10 : 0) });
    for (let i = 0; i < 50; i++) await Promise.resolve();
    return work !== null;
  };
  return { index, counter, texts, checkCalls, checked, run, busy: () => pending !== null };
}

describe('LibraryIndex', () => {
  it('indexes the samples on screen before the others', async () => {
    const samples = Array.from({ length: 50 }, (_, i) => sample(i));
    const h = harness(samples, 2);
    h.index.setVisible([samples[40]!, samples[41]!]);
    await h.run();
    expect(knownSummary(samples[40]!)).toBeDefined();
    expect(knownSummary(samples[41]!)).toBeDefined();
    // Each checked inside the slice's time, one by one.
    expect(h.checkCalls.slice(0, 2).map((c) => c.ids)).toEqual([['s40'], ['s41']]);
    expect(knownSummary(samples[10]!)).toBeUndefined();
  });

  it('finishes the whole library in small slices and tells its subscribers', async () => {
    const samples = Array.from({ length: 30 }, (_, i) => sample(100 + i));
    const h = harness(samples, 4);
    let told = 0;
    h.index.subscribe(() => told++);
    let slices = 0;
    while (await h.run()) slices++;
    expect(slices).toBeGreaterThan(5);
    expect(samples.every((s) => knownSummary(s))).toBe(true);
    expect(samples.every((s) => h.checked.has(s.id))).toBe(true);
    expect(h.index.getProgress()).toMatchObject({ summarized: 30, total: 30 });
    expect(told).toBeGreaterThan(0);
  });

  it('counts tokens once a counter arrives, tokenizing each unedited trace only once for count and checks', async () => {
    const samples = Array.from({ length: 12 }, (_, i) => sample(200 + i));
    const h = harness(samples, 3);
    while (await h.run());
    expect(h.checkCalls.every((c) => !c.counted)).toBe(true);
    const counts = countsOnThisThread(h.counter);
    h.index.setCounter(counts);
    while (await h.run());
    expect(samples.every((s) => cachedTraceTokens(s, counts) === s.original.split(/\s+/).length)).toBe(true);
    expect(h.index.getProgress().counted).toBe(12);
    expect(h.texts).toHaveLength(12);
    expect(samples.every((s) => h.checked.get(s.id))).toBe(true);
    expect(h.index.tokens(samples[0]!)).toBe(4);
  });

  it('counts every row on a screen taller than one batch, then the rest of the library', async () => {
    const samples = Array.from({ length: 40 }, (_, i) => sample(600 + i));
    const h = harness(samples, 5);
    // 20 rows on screen: more than one batch of counts (the dashboard's count stalled at 12 here).
    h.index.setVisible(samples.slice(0, 20));
    const counts = countsOnThisThread(h.counter);
    h.index.setCounter(counts);
    for (let i = 0; i < 400 && (await h.run()); i++);
    expect(samples.every((s) => cachedTraceTokens(s, counts) !== undefined)).toBe(true);
    expect(h.index.getProgress().counted).toBe(40);
    expect(samples.every((s) => h.checked.get(s.id))).toBe(true);
  });

  it('starts over for a new sample list and stops after dispose', async () => {
    const h = harness([sample(300)], 5);
    while (await h.run());
    const next = [sample(301), sample(302)];
    h.index.setSamples(next);
    expect(h.busy()).toBe(true);
    h.index.dispose();
    expect(h.busy()).toBe(false);
    expect(next.some((s) => knownSummary(s))).toBe(false);
  });

  it('starts no more checks in a slice than its time allows, though their work runs after an await', async () => {
    const samples = Array.from({ length: 20 }, (_, i) => sample(400 + i));
    // The real quick checks await before their costly part: time passes only once that ran.
    let timeLeft = 3;
    const started: string[] = [];
    let pending: ((d: SliceDeadline) => void) | null = null;
    const checked = new Set<string>();
    const index = new LibraryIndex({
      checkSamples: async (list) => {
        started.push(...list.map((s) => s.id));
        await Promise.resolve();
        timeLeft--;
        list.forEach((s) => checked.add(s.id));
      },
      isChecked: (s) => checked.has(s.id),
      schedule: (work) => {
        pending = work;
        return () => (pending = null);
      },
    });
    index.setSamples(samples);
    (pending as unknown as (d: SliceDeadline) => void)({ timeRemaining: () => (timeLeft > 0 ? 10 : 0) });
    for (let i = 0; i < 100; i++) await Promise.resolve();
    expect(started).toHaveLength(3);
    index.dispose();
  });

  it('counts through one call per batch, and stops asking a counter whose counting failed', async () => {
    const samples = Array.from({ length: 10 }, (_, i) => sample(500 + i));
    const h = harness(samples, 100);
    while (await h.run());
    let calls = 0;
    const counts = countsOnThisThread(h.counter);
    h.index.setCounter({ ...counts, counts: (texts) => (calls++, counts.counts(texts)) });
    while (await h.run());
    expect(h.index.getProgress().counted).toBe(10);
    // A few samples' texts a call, not one call per text.
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(10);

    const failing = { id: 'test:dead', name: 'dead worker', isEstimate: true, counts: async () => Promise.reject(new Error('the worker died')) };
    let failures = 0;
    h.index.setCounter({ ...failing, counts: () => (failures++, failing.counts()) });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      for (let i = 0; i < 20 && (await h.run()); i++);
    } finally {
      console.warn = warn;
    }
    // The calls already in flight when the first failed (a few), then none.
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(failures).toBeLessThanOrEqual(3);
    expect(h.busy()).toBe(false);
    expect(h.index.tokens(samples[0]!)).toBeUndefined();
  });

  it('keeps several calls to the counter in flight, so the worker counts while this thread checks', async () => {
    const samples = Array.from({ length: 60 }, (_, i) => sample(700 + i));
    const h = harness(samples, 1000);
    while (await h.run());
    const counts = countsOnThisThread(h.counter);
    const held: (() => void)[] = [];
    let calls = 0;
    h.index.setCounter({
      ...counts,
      counts: (texts) => {
        calls++;
        return new Promise((resolve) => held.push(() => resolve(counts.counts(texts))));
      },
    });
    await h.run();
    // One slice sent several batches before the first answered, and no more than it keeps in flight.
    expect(calls).toBe(3);
    expect(h.busy()).toBe(false);
    held.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // An answer wakes the index: the next batch is sent at once, the answered one is checked.
    expect(h.busy()).toBe(true);
    for (let i = 0; i < 200 && h.index.getProgress().counted < 60; i++) {
      await h.run();
      held.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(h.index.getProgress().counted).toBe(60);
    while (await h.run());
    expect(samples.every((s) => h.checked.get(s.id))).toBe(true);
    expect(calls).toBe(Math.ceil(60 / 8));
  });
});
