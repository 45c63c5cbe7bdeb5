import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { renderTrace } from '../../core/trace';
import { indexedDbPersistence } from '../session/persistence';
import { createStudio, type Studio } from '../studio';
import { note, until } from './testing/edits';

const demo = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };
let dbCounter = 0;
const opened: Studio[] = [];

/** A tab that has read every trace (`lazy`: only the library entries, as a reload holds them). */
async function tab(name: string, { lazy = false } = {}): Promise<Studio> {
  const studio = createStudio({ persistence: indexedDbPersistence(name), loadDemo: async () => [demo], saveDebounceMs: 5 });
  await studio.init();
  if (!lazy) await studio.services.loader.ensureAll();
  await studio.flush();
  opened.push(studio);
  return studio;
}


const text = (studio: Studio, id: string) => renderTrace(studio.store.getState().samples[id]!.trace);

/** Two tabs on one database, both edit sample `id`: B saves first, A's save conflicts. */
async function conflicting() {
  const name = `sync-tabs-${++dbCounter}`;
  const a = await tab(name);
  const b = await tab(name);
  const id = Object.keys(a.store.getState().samples)[1]!;
  a.services.writeSample(id, note('\nedit in A'));
  b.services.writeSample(id, note('\nedit in B'));
  expect(await b.flush()).toBe(true);
  await a.flush();
  await until(() => !!a.store.getState().sync.conflicts[id], 'the conflict in A');
  a.actions.showConflict.perform(id);
  return { name, a, b, id };
}

afterEach(() => opened.splice(0).forEach((s) => s.dispose()));

describe('two tabs on one database', () => {
  it('updates an untouched sample in the other tab in place', async () => {
    const name = `sync-tabs-${++dbCounter}`;
    const a = await tab(name);
    const b = await tab(name);
    const id = Object.keys(a.store.getState().samples)[0]!;
    a.services.writeSample(id, note('\nfrom A'));
    expect(await a.flush()).toBe(true);
    await until(() => text(b, id).endsWith('\nfrom A'), 'B to see A\'s edit');
    expect(b.store.getState().sync.conflicts).toEqual({});
  });

  it('a tab holding only library entries shows another tab\'s edit in its library and opens the new trace', async () => {
    const name = `sync-tabs-${++dbCounter}`;
    const a = await tab(name);
    const b = await tab(name, { lazy: true });
    const id = Object.keys(a.store.getState().samples)[0]!;
    expect(b.store.getState().samples).toEqual({});
    const before = b.services.library.rows().find((r) => r.id === id)!;
    expect(before.sample).toBeUndefined();
    a.services.writeSample(id, (s) => ({ ...note('\nfrom A')(s), status: 'ready' }));
    expect(await a.flush()).toBe(true);
    await until(() => b.services.library.rows().find((r) => r.id === id)?.entry.status === 'ready', 'B\'s library to show A\'s status');
    expect(await b.actions.openSample.perform(id)).toBe(true);
    expect(text(b, id)).toMatch(/\nfrom A$/);
  });

  it('refuses the second save over the first, holding both versions, also after a reload', async () => {
    const { name, a, id } = await conflicting();
    const conflict = a.store.getState().sync.conflicts[id]!;
    expect(renderTrace(conflict.theirs.trace)).toMatch(/edit in B$/);
    expect(text(a, id)).toMatch(/edit in A$/);
    expect(conflict.theirVersion).toBe(conflict.baseVersion + 1);

    const reloaded = await tab(name);
    expect(text(reloaded, id)).toMatch(/edit in A$/);
    expect(renderTrace(reloaded.store.getState().sync.conflicts[id]!.theirs.trace)).toMatch(/edit in B$/);
  });

  it('keep mine: stored and sent to the other tab; undo brings theirs back', async () => {
    const { name, a, b, id } = await conflicting();
    a.actions.openSample.perform(id);
    a.actions.keepMyVersion.perform();
    expect(a.store.getState().sync.conflicts).toEqual({});
    expect(await a.flush()).toBe(true);
    await until(() => /edit in A$/.test(text(b, id)), 'B to take A\'s choice');
    expect(text((await tab(name)), id)).toMatch(/edit in A$/);
    a.actions.undo.perform();
    expect(text(a, id)).toMatch(/edit in B$/);
  });

  it('keep theirs: their version everywhere; undo brings mine back', async () => {
    const { name, a, id } = await conflicting();
    a.actions.openSample.perform(id);
    a.actions.keepTheirVersion.perform();
    expect(text(a, id)).toMatch(/edit in B$/);
    expect(await a.flush()).toBe(true);
    expect(text(await tab(name), id)).toMatch(/edit in B$/);
    a.actions.undo.perform();
    expect(text(a, id)).toMatch(/edit in A$/);
  });

  it('keep both: mine stays the trace, theirs becomes a branch that restores', async () => {
    const { name, a, id } = await conflicting();
    a.actions.keepBothVersions.perform();
    expect(await a.flush()).toBe(true);
    const after = (await tab(name)).store.getState().samples[id]!;
    expect(renderTrace(after.trace)).toMatch(/edit in A$/);
    const branch = after.branches.at(-1)!;
    expect(branch.label).toMatch(/^Version of another tab \(v\d+\)$/);
    expect(branch.reason).toBe('edit');
    expect(renderTrace({ segments: branch.segments })).toBe('\nedit in B');
  });

  it('merge by hand: the text written is the trace', async () => {
    const { name, a, id } = await conflicting();
    a.actions.startConflictMerge.perform();
    const draft = a.store.getState().sync.mergeDraft!;
    expect(draft).toMatch(/edit in A$/);
    a.actions.editConflictMerge.perform(`${draft}\nedit in B`);
    a.actions.finishConflictMerge.perform();
    expect(await a.flush()).toBe(true);
    expect(text(await tab(name), id)).toMatch(/edit in A\nedit in B$/);
  });
});

describe('a page closed in the middle of a save', () => {
  it('finds the journaled edit at the next start and writes it, or offers it as a conflict when another tab wrote meanwhile', async () => {
    const { openDB } = await import('idb');
    const name = `sync-tabs-${++dbCounter}`;
    const a = await tab(name);
    const [first, second] = Object.keys(a.store.getState().samples);
    const base = (id: string) => note(`\\njournaled ${id}`)(a.store.getState().samples[id]!);
    // What step 1 of a save leaves when the page dies before step 2: journal entries only.
    const db = await openDB(name);
    await db.put('pending', { mine: base(first!), baseVersion: 1, writer: 'closed-tab' }, first!);
    await db.put('pending', { mine: base(second!), baseVersion: 0, writer: 'closed-tab' }, second!);
    db.close();
    a.dispose();

    const next = await tab(name);
    expect(text(next, first!)).toMatch(/journaled/);
    expect(next.store.getState().sync.conflicts[first!]).toBeUndefined();
    // The second was journaled from version 0 while version 1 was stored by someone else: a conflict.
    expect(next.store.getState().sync.conflicts[second!]).toBeDefined();
    await next.flush();
    expect(text(await tab(name), first!)).toMatch(/journaled/);
  });
});
