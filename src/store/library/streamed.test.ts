/**
 * The rest of a big library merged into the state after the first paint: in few steps (each
 * merge re-sorts the whole library), and to exactly the entries and versions a whole read gives.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import { indexedDbPersistence } from '../session/persistence';
import { ENTRY_PAGE } from '../session/persistenceLibrary';
import type { LoadedLibrary } from '../session/persistenceTypes';
import type { StudioState } from '../state';
import { createStudio } from '../studio';
import type { LibraryEntry } from './entries';
import { libraryRows } from './rows';
import { defaultFilters, defaultSort } from './state';
import { mergeLibraryRest } from './streamed';

const id = (i: number) => `s-${String(i).padStart(5, '0')}`;
const entry = (i: number) => ({ id: id(i), problem: `Problem ${i}` }) as LibraryEntry;

/** A state with these entries, a store of its own, and every version recorded. */
function harness(first: LibraryEntry[]) {
  let state = { entries: Object.fromEntries(first.map((e) => [e.id, e])), samples: {} } as unknown as StudioState;
  const sets: number[] = [];
  const versions: Record<string, number> = {};
  return {
    get: () => state,
    set: (patch: Partial<StudioState>) => {
      state = { ...state, ...patch };
      sets.push(Object.keys(state.entries).length);
    },
    versions: (v: Record<string, number>) => Object.assign(versions, v),
    sets,
    recorded: versions,
  };
}

/** A `rest` giving these pages, each after a task of its own, with version 2 for every entry. */
const pagesOf = (pages: LibraryEntry[][]): NonNullable<LoadedLibrary['rest']> => async (visit) => {
  for (const page of pages) {
    await new Promise((r) => setTimeout(r, 0));
    await visit(page, Object.fromEntries(page.map((e) => [e.id, 2])));
  }
};

describe('the rest of the library merged after the first paint', () => {
  const pages = [0, 1, 2, 3].map((p) => Array.from({ length: 10 }, (_, i) => entry(10 + p * 10 + i)));

  it('merges the pages read within the merge interval in one step, after the last page', async () => {
    const h = harness([entry(0)]);
    await mergeLibraryRest({ ...h, mergeEvery: 60_000 }, pagesOf(pages));
    // One merge, with every entry: the library re-sorted once, not once per page.
    expect(h.sets).toEqual([41]);
    expect(Object.keys(h.get().entries).sort()).toEqual([0, ...pages.flat().map((_, i) => 10 + i)].map(id).sort());
    expect(Object.keys(h.recorded)).toHaveLength(40);
    expect(Object.values(h.recorded).every((v) => v === 2)).toBe(true);
  });

  it('merges at most mergeMost entries a task, so no merge grows with the pages read meanwhile', async () => {
    const h = harness([entry(0)]);
    await mergeLibraryRest({ ...h, mergeEvery: 60_000, mergeMost: 15 }, pagesOf(pages));
    expect(h.sets).toEqual([16, 31, 41]);
    expect(Object.keys(h.recorded)).toHaveLength(40);
    expect(Object.values(h.recorded).every((v) => v === 2)).toBe(true);
  });

  it('merges page by page when pages come slower than the interval, and keeps entries the state knows', async () => {
    const h = harness([entry(0)]);
    const known = { ...pages[1]![0]!, problem: 'edited here since' };
    h.set({ entries: { ...h.get().entries, [known.id]: known } });
    h.sets.length = 0;
    await mergeLibraryRest({ ...h, mergeEvery: 0 }, pagesOf(pages));
    expect(h.sets).toEqual([12, 21, 31, 41]);
    expect(h.get().entries[known.id]).toBe(known);
    // Its version is the one the state had (none recorded from the late page).
    expect(h.recorded[known.id]).toBeUndefined();
  });

  it('gives a studio the same entries and versions as reading the whole library at once', async () => {
    const n = 3 * ENTRY_PAGE + 17;
    const name = `hint-studio-streamed-${Date.now()}`;
    const persistence = indexedDbPersistence(name);
    const samples = Array.from({ length: n }, (_, i) => sampleOf(`Step ${i}.\n</think>\n\n$\\boxed{${i}}$`, { id: id(i), problem: `Problem ${i}` }));
    await persistence.save({ samples });
    await persistence.save({ samples: [{ ...samples[n - 1]!, problem: 'edited' }], baseVersions: { [id(n - 1)]: 1 } });
    const whole = await indexedDbPersistence(name).loadLibrary!();

    const studio = createStudio({ persistence: indexedDbPersistence(name), saveDebounceMs: 5 });
    await studio.init();
    await studio.libraryRead();
    const entries = studio.store.getState().entries;
    expect(Object.keys(entries)).toHaveLength(n);
    for (const e of whole.entries) expect(entries[e.id]).toEqual(e);
    // In the library's order, as the whole read's entries sort.
    const order = libraryRows(whole.entries.map((e) => ({ entry: e, sample: undefined })), () => undefined, defaultFilters, defaultSort);
    expect(studio.services.library.rows().map((r) => r.id)).toEqual(order.map((r) => r.id));
    // The last page's version (2) is the one its next save starts from: written, not refused.
    studio.services.writeSample(id(n - 1), (s) => ({ ...s, problem: 'edited again' }));
    expect(await studio.flush()).toBe(true);
    expect(studio.store.getState().sync.conflicts).toEqual({});
    studio.dispose();
  });
});
