/**
 * Review moves in the local studio (real IndexedDB through fake-indexeddb, two tabs on one
 * database): a text touch, "ready" and "approved" made at once are each saved on their own
 * (session/saveQueue.ts markMove), and the other tab, and a reload, end at the last of them
 * with the text, and no conflict — the journal and the versions of one tab's own saves in
 * flight follow one another.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../core/sample/types';
import { renderTrace } from '../../core/trace';
import { indexedDbPersistence, type StudioPersistence } from '../session/persistence';
import { createStudio, type Studio } from '../studio';
import { note, until } from '../sync/testing/edits';

const demo = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };
const opened: Studio[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.dispose()));

/** A tab on database `name`; `saves` counts the saves of each sample that reach the database. */
async function tab(name: string, saves?: string[]): Promise<Studio> {
  const inner = indexedDbPersistence(name);
  const persistence: StudioPersistence = saves ? { ...inner, save: (batch) => (saves.push(...batch.samples.map((s) => `${s.id}:${s.status}`)), inner.save(batch)) } : inner;
  const studio = createStudio({ persistence, loadDemo: async () => [demo], saveDebounceMs: 5 });
  await studio.init();
  await studio.services.loader.ensureAll();
  await studio.flush();
  opened.push(studio);
  return studio;
}

const moveTo = (status: string) => (s: Sample) => ({ ...s, status }) as Sample;

describe('review moves in the local studio', () => {
  it('a text touch, "ready" and "approved" at once: each move its own save, the other tab and a reload at "approved" with the text', async () => {
    const name = `review-moves-${Date.now()}`;
    const saves: string[] = [];
    const a = await tab(name, saves);
    const b = await tab(name);
    const id = Object.keys(a.store.getState().samples)[0]!;
    saves.length = 0;
    a.services.writeSample(id, note('\nChecked.'));
    a.services.writeSample(id, moveTo('ready'), { undo: 'Status: ready' });
    a.services.writeSample(id, moveTo('approved'), { undo: 'Status: approved' });
    expect(await a.flush()).toBe(true);
    // The text touch goes with the first move, or before it; each move is a save of its own, in order.
    expect(saves.filter((s) => !s.endsWith(':draft'))).toEqual([`${id}:ready`, `${id}:approved`]);
    await until(() => b.store.getState().samples[id]?.status === 'approved', 'the other tab at "approved"');
    expect(renderTrace(b.store.getState().samples[id]!.trace)).toMatch(/Checked\.$/);
    for (const s of [a, b]) expect(s.store.getState().sync.conflicts).toEqual({});
    const c = await tab(name);
    expect(c.store.getState().samples[id]!.status).toBe('approved');
    expect(renderTrace(c.store.getState().samples[id]!.trace)).toMatch(/Checked\.$/);
    expect(c.store.getState().sync.conflicts).toEqual({});
  });
});
