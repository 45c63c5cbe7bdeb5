/**
 * A big library arrives in pages at start (session/persistenceLibrary.ts): the first is
 * painted, the rest merged into `state.entries` a page per task. Until the last page is in,
 * the sample loader must not take the entries it holds for the whole project: work over every
 * sample (export, backup, import merge, the dashboard) and a sample not listed yet wait for the
 * read to finish.
 */
import type { Sample } from '../../core/sample/types';
import type { SampleLoader } from '../sample/loading';
import type { LoadedLibrary } from '../session/persistenceTypes';
import type { StudioState } from '../state';
import { noteChanged, type LibraryEntry } from './entries';

interface StreamDeps {
  get: () => StudioState;
  set: (patch: Partial<StudioState>) => void;
  /** Records the stored versions of entries read late (the version tracker's `loaded`). */
  versions: (versions: Record<string, number>) => void;
  /** Pages read since the last merge wait this long (ms) before they are merged; default MERGE_EVERY_MS. */
  mergeEvery?: number;
  /** Resolves in a task of its own (default: a zero timeout); tests may pass their own. */
  nextTask?: () => Promise<void>;
  /** At most this many entries are merged in one task; default MERGE_MOST. */
  mergeMost?: number;
}

/**
 * Every merge re-renders the library (its rows merge the new entries in: rows.ts `sortedRows`),
 * and costs a pass over every entry: with 8,000 samples a merge per 500-entry page made 16 tasks
 * of ~100–200 ms each when every merge sorted the whole library (bench/profile-reload.ts).
 * Pages read within this long are merged in one step.
 */
export const MERGE_EVERY_MS = 400;

/**
 * At most this many entries go into one merge, each in a task of its own: the library sorts
 * what a merge brings before it merges it into its rows, so a merge of the thousands read in
 * one interval (the read is quick once merges stop holding it) was itself a long task.
 */
export const MERGE_MOST = 1000;

const timeoutTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Merges the rest of the library into the state: the pages read within MERGE_EVERY_MS of each
 * other in one step, in a task of its own (not the one that copied a page out of the store).
 * An entry the state already knows (the first page, a sample read or created since) is left as it is.
 */
export async function mergeLibraryRest(
  { get, set, versions, mergeEvery = MERGE_EVERY_MS, nextTask = timeoutTask, mergeMost = MERGE_MOST }: StreamDeps,
  rest: NonNullable<LoadedLibrary['rest']>,
): Promise<void> {
  let read: LibraryEntry[] = [];
  let readVersions: Record<string, number> = {};
  let merged = performance.now();
  const merge = () => {
    const s = get();
    const entries = { ...s.entries };
    const known: Record<string, number> = {};
    const ids: string[] = [];
    for (const entry of read.slice(0, mergeMost)) {
      const version = readVersions[entry.id];
      delete readVersions[entry.id];
      if (entries[entry.id] || s.samples[entry.id]) continue;
      entries[entry.id] = entry;
      known[entry.id] = version ?? 1;
      ids.push(entry.id);
    }
    read = read.slice(mergeMost);
    if (!read.length) readVersions = {};
    versions(known);
    // The library's items and rows follow the ids this merge added, not every entry again.
    set({ entries: noteChanged(entries, s.entries, ids) });
    merged = performance.now();
  };
  const mergeRead = async () => {
    while (read.length) {
      await nextTask();
      merge();
    }
  };
  await rest(async (page: LibraryEntry[], pageVersions) => {
    for (const entry of page) read.push(entry);
    Object.assign(readVersions, pageVersions);
    if (performance.now() - merged < mergeEvery) return;
    await mergeRead();
  });
  await mergeRead();
  // For the bench's figures (bench/library.ts): the long tasks of each phase of a reload.
  globalThis.performance?.mark?.('hint-studio:library-read');
}

/**
 * The loader, waiting for the library's read (`reading()`: null once done) where it needs
 * every entry: whole-project work, and a sample whose entry has not arrived yet.
 */
export function awaitingLibrary(loader: SampleLoader, get: () => StudioState, reading: () => Promise<void> | null): SampleLoader {
  const settled = async () => {
    await reading()?.catch(() => undefined);
  };
  const listed = (id: string) => !!get().entries[id] || !!get().samples[id];
  const wrapped: SampleLoader = {
    async ensure(ids) {
      if (reading() && !ids.every(listed)) await settled();
      return loader.ensure(ids);
    },
    async ensureAll() {
      await settled();
      return loader.ensureAll();
    },
    allLoaded: () => !reading() && loader.allLoaded(),
    withAll(work) {
      return wrapped.allLoaded() ? work() : wrapped.ensureAll().then(work);
    },
    async whileAll(work) {
      await settled();
      return loader.whileAll(work);
    },
    release: () => loader.release(),
    peek: (ids): Promise<Sample[]> => loader.peek(ids),
  };
  return wrapped;
}
