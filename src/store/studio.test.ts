import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../core/trace/types';
import { indexedDbPersistence, type StudioPersistence } from './session/persistence';
import { createStudio } from './studio';
import type { NamedFile } from './project/state';

const demoBytes = new Uint8Array(readFileSync(new URL('../../public/demo/cort-demo.jsonl', import.meta.url)));
const demo: NamedFile = { name: 'cort-demo.jsonl', bytes: demoBytes };
const encode = (text: string) => new TextEncoder().encode(text);

let dbCounter = 0;
const freshDbName = () => `hint-studio-test-${++dbCounter}`;

async function openStudio(persistence: StudioPersistence) {
  const studio = createStudio({ persistence, loadDemo: async () => [demo], saveDebounceMs: 5 });
  await studio.init();
  return studio;
}

const appendProse = (text: string) => (trace: Trace): Trace => ({
  segments: [...trace.segments, { id: 'test-extra', kind: 'answer', text, origin: 'annotator' }],
});

describe('studio persistence', () => {
  it('seeds the demo project on first start, and only then', async () => {
    const name = freshDbName();
    const first = await openStudio(indexedDbPersistence(name));
    const seeded = Object.keys(first.store.getState().samples).length;
    expect(seeded).toBe(6); // 5 problems, one with two generations
    expect(await first.flush()).toBe(true);

    // A reload reads the library's entries: every row, and no trace until a sample is opened.
    const second = await openStudio(indexedDbPersistence(name));
    expect(second.services.library.rows()).toHaveLength(seeded);
    expect(Object.keys(second.store.getState().samples)).toHaveLength(0);
  });

  it('returns to the same sample, cursor step, filters, sort and edits after a reload', async () => {
    const name = freshDbName();
    const before = await openStudio(indexedDbPersistence(name));
    const id = Object.keys(before.store.getState().samples)[2];
    before.actions.setFilters.perform({ query: 'coefficient', answer: 'match' });
    before.actions.sortBy.perform('tokens');
    before.actions.openSample.perform(id);
    before.actions.cursorNext.perform();
    before.actions.cursorNext.perform();
    before.services.writeSample(id, (s) => ({ ...s, trace: appendProse('\nAnnotator note.')(s.trace) }), { undo: 'Add note' });
    expect(await before.flush()).toBe(true);

    const after = await openStudio(indexedDbPersistence(name));
    const s = after.store.getState();
    expect(s.view).toBe('sample');
    expect(s.openSampleId).toBe(id);
    expect(s.cursorStep).toBe(2);
    expect(s.filters).toMatchObject({ query: 'coefficient', answer: 'match' });
    expect(s.sort).toEqual({ column: 'tokens', direction: 'asc' });
    expect(s.samples[id].trace.segments.at(-1)?.text).toBe('\nAnnotator note.');
  });

  it('keeps the cursor inside the trace', async () => {
    const studio = await openStudio(indexedDbPersistence(freshDbName()));
    const id = Object.keys(studio.store.getState().samples)[0];
    studio.actions.openSample.perform(id);
    studio.actions.cursorPrev.perform();
    expect(studio.store.getState().cursorStep).toBe(0);
    for (let i = 0; i < 500; i++) studio.actions.cursorNext.perform();
    const last = studio.store.getState().cursorStep;
    expect(last).toBeGreaterThan(3);
    studio.actions.cursorNext.perform();
    expect(studio.store.getState().cursorStep).toBe(last);
  });
});

describe('importing', () => {
  const problems = [
    JSON.stringify({ problem: 'What is 1+1?', gt_answer: '2', source: 'test' }),
    '{"problem": "broken',
    JSON.stringify({ problem: 'What is 2+2?', gt_answer: '4', source: 'test' }),
  ].join('\n');
  const file: NamedFile = { name: 'problems.jsonl', bytes: encode(problems) };

  it('reports imported records and every rejected line, and never duplicates on re-import', async () => {
    const studio = await openStudio(indexedDbPersistence(freshDbName()));
    const start = Object.keys(studio.store.getState().samples).length;

    const first = (await studio.actions.importFiles.perform([file]))!;
    expect(first).toMatchObject({ imported: 2, alreadyPresent: 0 });
    expect(first.rejects).toEqual([expect.objectContaining({ file: 'problems.jsonl', line: 2 })]);
    expect(studio.store.getState().importReport).toEqual(first);

    const again = await studio.actions.importFiles.perform([file, demo]);
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 2 + 6 });
    expect(Object.keys(studio.store.getState().samples)).toHaveLength(start + 2);
  });

  it('does not overwrite an edited sample when its raw data is imported again', async () => {
    const studio = await openStudio(indexedDbPersistence(freshDbName()));
    const id = Object.keys(studio.store.getState().samples)[0];
    studio.services.writeSample(id, (s) => ({ ...s, status: 'ready' }));
    await studio.actions.importFiles.perform([demo]);
    expect(studio.store.getState().samples[id].status).toBe('ready');
  });

  it('turns a file that is not a CoRT file into one report row instead of failing', async () => {
    const studio = await openStudio(indexedDbPersistence(freshDbName()));
    const report = (await studio.actions.importFiles.perform([{ name: 'other.jsonl', bytes: encode('{"foo": 1}\n') }]))!;
    expect(report.imported).toBe(0);
    expect(report.rejects).toHaveLength(1);
    expect(report.rejects[0].file).toBe('other.jsonl');
    expect(report.rejects[0].reason).not.toMatch(/^other\.jsonl:/);
  });
});

describe('failed saves', () => {
  /** IndexedDB that refuses writes while `failing` is set (quota exceeded, private mode...). */
  function flaky(inner: StudioPersistence) {
    const control = { failing: false };
    const persistence: StudioPersistence = {
      load: () => inner.load(),
      save: (batch) => (control.failing ? Promise.reject(new Error('QuotaExceededError')) : inner.save(batch)),
    };
    return { persistence, control };
  }

  it('keeps the edit in memory, shows the error and writes it on retry', async () => {
    const name = freshDbName();
    const { persistence, control } = flaky(indexedDbPersistence(name));
    const studio = await openStudio(persistence);
    expect(await studio.flush()).toBe(true);
    const id = Object.keys(studio.store.getState().samples)[1];

    control.failing = true;
    studio.services.writeSample(id, (s) => ({ ...s, trace: appendProse('\nkept')(s.trace) }), { undo: 'Add note' });
    expect(await studio.flush()).toBe(false);
    expect(studio.store.getState().saveError).toMatch(/QuotaExceeded/);
    expect(studio.store.getState().samples[id].trace.segments.at(-1)?.text).toBe('\nkept');

    control.failing = false;
    await studio.actions.retrySave.perform();
    expect(studio.store.getState().saveError).toBeNull();

    const reloaded = await openStudio(indexedDbPersistence(name));
    await reloaded.services.loader.ensure([id]);
    expect(reloaded.store.getState().samples[id].trace.segments.at(-1)?.text).toBe('\nkept');
  });
  it('an import or a restore whose write failed does not report success, and says why', async () => {
    const { persistence, control } = flaky(indexedDbPersistence(freshDbName()));
    const studio = await openStudio(persistence);
    const backup = (await studio.actions.backUpProject.perform()).text;
    const id = Object.keys(studio.store.getState().samples)[0];
    studio.services.writeSample(id, (s) => ({ ...s, trace: appendProse('\nnewer here')(s.trace) }), { undo: 'Add note' });
    expect(await studio.flush()).toBe(true);

    control.failing = true;
    const line = JSON.stringify({ problem: 'Failed-save import', gt_answer: '1', prompt: 'Failed-save import', source: 't', gen: ['\\boxed{1}'] });
    const report = (await studio.actions.importFiles.perform([{ name: 'more.jsonl', bytes: encode(line + '\n') }]))!;
    expect(report.imported).toBe(1);
    expect(report.notSaved).toMatch(/QuotaExceeded/);
    expect(studio.store.getState().importReport?.notSaved).toMatch(/QuotaExceeded/);

    // A fresh studio (other database) restoring the backup while its disk is full.
    const other = flaky(indexedDbPersistence(freshDbName()));
    const empty = createStudio({ persistence: other.persistence, saveDebounceMs: 5 });
    await empty.init();
    other.control.failing = true;
    const restored = (await empty.actions.restoreBackup.perform(backup, 'backup.json'))!;
    expect(restored.rows.filter((r) => r.outcome === 'added').length).toBeGreaterThan(0);
    expect(restored.notSaved).toMatch(/QuotaExceeded/);
  });
});
