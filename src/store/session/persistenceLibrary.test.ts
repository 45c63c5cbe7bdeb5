/**
 * A big library is read at start in pages: the first page comes back at once (the library
 * paints it), the rest arrives page by page, and together they hold every stored entry once.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import { createStudio } from '../studio';
import { indexedDbPersistence, memoryPersistence } from './persistence';
import { uiSnapshot } from './ui';
import { ENTRY_PAGE } from './persistenceLibrary';

let dbCounter = 0;
const freshName = () => `hint-studio-library-read-${++dbCounter}`;
const id = (i: number) => `s-${String(i).padStart(5, '0')}`;

async function storedLibrary(n: number, ui?: { openSampleId: string }) {
  const name = freshName();
  const persistence = indexedDbPersistence(name);
  const samples = Array.from({ length: n }, (_, i) => sampleOf(`Step ${i}.\n</think>\n\n$\\boxed{${i}}$`, { id: id(i), problem: `Problem ${i}` }));
  // The UI as a fresh studio has it, with this sample open last in the library.
  const fresh = createStudio({ persistence: memoryPersistence() }).store.getState();
  await persistence.save({ samples, ...(ui ? { ui: uiSnapshot({ ...fresh, view: 'library', ...ui }) } : {}) });
  // A second save of some samples: their stored version is 2.
  await persistence.save({ samples: samples.slice(0, 3).map((s) => ({ ...s, problem: `${s.problem} edited` })), baseVersions: { [id(0)]: 1, [id(1)]: 1, [id(2)]: 1 } });
  return name;
}

describe('the library read in pages', () => {
  it('gives the first page at once, then every other entry once, a page at a time, with its version', async () => {
    const n = 2 * ENTRY_PAGE + 123;
    const name = await storedLibrary(n);
    const library = await indexedDbPersistence(name).loadLibrary!({ firstPage: 50 });
    expect(library.entries.map((e) => e.id)).toEqual(Array.from({ length: 50 }, (_, i) => id(i)));
    expect(library.versions).toMatchObject({ [id(0)]: 2, [id(3)]: 1 });
    expect(library.entries[0]).toMatchObject({ problem: 'Problem 0 edited' });
    expect(library.entries[0]).not.toHaveProperty('version');
    expect(library.rest).toBeDefined();

    const pages: string[][] = [];
    const versions: Record<string, number> = {};
    await library.rest!((page, pageVersions) => {
      pages.push(page.map((e) => e.id));
      Object.assign(versions, pageVersions);
      for (const e of page) expect(e).not.toHaveProperty('version');
    });
    // The rest comes in pages, none bigger than ENTRY_PAGE.
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(ENTRY_PAGE);
    const all = [...library.entries.map((e) => e.id), ...pages.flat()];
    expect(all).toEqual(Array.from({ length: n }, (_, i) => id(i)));
    expect(Object.keys(versions)).toHaveLength(n - 50);
    expect(Object.values(versions).every((v) => v === 1)).toBe(true);
  });

  it("puts the open sample's and a link's entries in the first page, and not again in the rest", async () => {
    const n = ENTRY_PAGE + 300;
    const name = await storedLibrary(n, { openSampleId: id(n - 1) });
    const linked = id(ENTRY_PAGE + 200);
    const library = await indexedDbPersistence(name).loadLibrary!({ firstPage: 20, include: [linked, 'not-stored'] });
    const first = library.entries.map((e) => e.id);
    expect(first).toHaveLength(22);
    expect(first).toEqual(expect.arrayContaining([id(n - 1), linked]));
    const rest: string[] = [];
    await library.rest!((page) => void rest.push(...page.map((e) => e.id)));
    expect(rest).not.toContain(id(n - 1));
    expect(rest).not.toContain(linked);
    expect(new Set([...first, ...rest]).size).toBe(n);
    expect(first.length + rest.length).toBe(n);
  });

  it('reads a small library whole, with nothing left for later', async () => {
    const name = await storedLibrary(30);
    const library = await indexedDbPersistence(name).loadLibrary!({ firstPage: 50 });
    expect(library.entries).toHaveLength(30);
    expect(library.rest).toBeUndefined();
    const whole = await indexedDbPersistence(name).loadLibrary!();
    expect(whole.entries).toHaveLength(30);
  });

  it('shows the first page when the studio is ready, and every row once the rest is read', async () => {
    const n = ENTRY_PAGE + 700;
    const name = await storedLibrary(n);
    const studio = createStudio({ persistence: indexedDbPersistence(name), saveDebounceMs: 5 });
    await studio.init();
    const atReady = studio.services.library.rows().length;
    expect(studio.store.getState().ready).toBe(true);
    expect(atReady).toBeGreaterThan(0);
    expect(atReady).toBeLessThan(n);
    // Whole-project work waits for the read: every sample, none twice.
    expect(studio.services.loader.allLoaded()).toBe(false);
    await studio.libraryRead();
    const rows = studio.services.library.rows();
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.entry.id)).size).toBe(n);
    await studio.services.loader.ensureAll();
    expect(Object.keys(studio.store.getState().samples)).toHaveLength(n);
    // A sample of a later page is saved from the version that page gave: written, not refused as a conflict.
    studio.services.writeSample(id(n - 1), (s) => ({ ...s, problem: 'The last problem, edited' }));
    expect(await studio.flush()).toBe(true);
    expect(studio.store.getState().sync.conflicts).toEqual({});
    studio.dispose();
  });

  it('opens a link to a sample of a later page at once, and a sample the UI had open last', async () => {
    const n = ENTRY_PAGE + 700;
    const name = await storedLibrary(n, { openSampleId: id(n - 2) });
    const linked = id(n - 1);
    const location = { read: () => `#/sample/${linked}`, write: () => undefined, subscribe: () => () => undefined };
    const studio = createStudio({ persistence: indexedDbPersistence(name), saveDebounceMs: 5, location });
    await studio.init();
    const s = studio.store.getState();
    expect(s.view).toBe('sample');
    expect(s.openSampleId).toBe(linked);
    expect(s.samples[linked]?.problem).toBe(`Problem ${n - 1}`);
    // Both are listed before the rest is read, and once only after it.
    expect(s.entries[id(n - 2)]).toBeDefined();
    await studio.libraryRead();
    const ids = studio.services.library.rows().map((r) => r.entry.id);
    expect(ids.filter((x) => x === linked || x === id(n - 2))).toHaveLength(2);
    expect(ids).toHaveLength(n);
    studio.dispose();
  });
});
