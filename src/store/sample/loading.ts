/**
 * Samples read on demand. With a persistence that stores library entries (IndexedDB), a
 * reload holds entries only (library/entries.ts); a sample's trace is read when it is opened,
 * and whole-project work (import merge, backup, export, the dashboard) reads every sample
 * first, a chunk per task, so the page never stalls on one read. Samples read are kept in
 * `state.samples` — they are the session's working set; a sample is never dropped from it,
 * so nothing in flight (an edit, a save, a run) can lose its sample.
 */
import type { Sample } from '../../core/sample/types';
import type { StudioState } from '../state';
import { SamplesUnavailable, type StudioPersistence } from '../session/persistence';

/** Samples per read of whole-project work. */
const READ_CHUNK = 200;

export interface SampleLoader {
  /** Resolves once these samples are in `state.samples` (those the studio holds). */
  ensure(ids: readonly string[]): Promise<void>;
  /** Resolves once every sample of the studio is in `state.samples`. */
  ensureAll(): Promise<void>;
  /** Whether every sample of the studio is in `state.samples`. */
  allLoaded(): boolean;
  /** Runs `work` with every sample in memory: at once when they are, else once they are read. */
  withAll<T>(work: () => T): T | Promise<T>;
  /** Reads these samples without keeping them (the library's rows on screen). */
  peek(ids: readonly string[]): Promise<Sample[]>;
}

interface LoaderDeps {
  get: () => StudioState;
  set: (patch: Partial<StudioState>) => void;
  persistence: StudioPersistence;
  /** Tells the version tracker that these samples are as stored (untouched). */
  adopt(samples: Sample[]): void;
}

export function createSampleLoader({ get, set, persistence, adopt }: LoaderDeps): SampleLoader {
  let all: Promise<void> | null = null;
  const missing = (ids: Iterable<string>) => {
    const s = get();
    return [...ids].filter((id) => !s.samples[id] && s.entries[id]);
  };

  /** Adds samples read from storage, never over a copy the state holds (it may be edited). */
  /** Says which samples could not be read (offline, no copy), in words; the samples read are kept. */
  function unavailable(err: unknown): Sample[] {
    if (!(err instanceof SamplesUnavailable)) throw err;
    set({ sync: { ...get().sync, unavailable: err.message } });
    return err.available;
  }

  function hold(read: Sample[]): void {
    const samples = get().samples;
    const fresh = read.filter((sample) => !samples[sample.id]);
    if (!fresh.length) return;
    adopt(fresh);
    const next = { ...samples };
    for (const sample of fresh) next[sample.id] = sample;
    set({ samples: next });
  }

  const allLoaded = () => missing(Object.keys(get().entries)).length === 0;

  return {
    async ensure(ids) {
      const wanted = missing(ids);
      if (!wanted.length || !persistence.loadSamples) return;
      // Not readable: said in words, and the caller finds the sample still missing (nothing opens blank).
      hold(await persistence.loadSamples(wanted).catch(unavailable));
      if (get().sync.unavailable && wanted.every((id) => get().samples[id])) set({ sync: { ...get().sync, unavailable: null } });
    },
    ensureAll() {
      if (allLoaded() || !persistence.readAll) return Promise.resolve();
      all ??= (async () => {
        const read: Sample[] = [];
        await persistence
          .readAll!(READ_CHUNK, (chunk) => {
            const s = get();
            for (const sample of chunk) if (!s.samples[sample.id] && s.entries[sample.id]) read.push(sample);
          })
          .catch((err: unknown) => {
            // Whole-project work needs every sample: it stops, and says which are missing.
            unavailable(err);
            throw err;
          });
        hold(read);
      })().finally(() => (all = null));
      return all;
    },
    allLoaded,
    withAll(work) {
      return allLoaded() ? work() : this.ensureAll().then(work);
    },
    async peek(ids) {
      const wanted = missing(ids);
      if (!wanted.length || !persistence.loadSamples) return [];
      return persistence.loadSamples(wanted, { peek: true }).catch((err: unknown) => {
        if (err instanceof SamplesUnavailable) return err.available;
        throw err;
      });
    },
  };
}
