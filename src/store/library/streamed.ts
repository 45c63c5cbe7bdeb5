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
import type { LibraryEntry } from './entries';

interface StreamDeps {
  get: () => StudioState;
  set: (patch: Partial<StudioState>) => void;
  /** Records the stored versions of entries read late (the version tracker's `loaded`). */
  versions: (versions: Record<string, number>) => void;
}

/**
 * Merges the rest of the library into the state, a page at a time. An entry the state already
 * knows (the first page, a sample read or created since) is left as it is.
 */
export function mergeLibraryRest({ get, set, versions }: StreamDeps, rest: NonNullable<LoadedLibrary['rest']>): Promise<void> {
  return rest((page: LibraryEntry[], pageVersions) => {
    const s = get();
    const entries = { ...s.entries };
    const known: Record<string, number> = {};
    for (const entry of page) {
      if (entries[entry.id] || s.samples[entry.id]) continue;
      entries[entry.id] = entry;
      known[entry.id] = pageVersions[entry.id] ?? 1;
    }
    versions(known);
    set({ entries });
  });
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
