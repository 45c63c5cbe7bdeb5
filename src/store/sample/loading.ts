/**
 * Samples read on demand. With a persistence that stores library entries (IndexedDB), a
 * reload holds entries only (library/entries.ts); a sample's trace is read when it is opened,
 * and whole-project work (import merge, paste, backup, restore, export, the dashboard) reads
 * every sample first, a chunk per task, so the page never stalls on one read.
 *
 * Samples opened are kept in `state.samples` (the session's working set). Those read only for
 * whole-project work are let go again once no such work needs them (`release`): after a
 * backup, an import, a paste or a restore, when the export dialog closes, when the dashboard
 * is left — except every sample still in use (`inUse`, the one rule), so nothing in flight
 * (an edit, a save, a run, a conflict) can lose its sample.
 */
import type { Sample } from '../../core/sample/types';
import type { LibraryEntry } from '../library/state';
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
  /**
   * Whole-project work that is over when `work` settles (a backup, an import, a restore): every
   * sample is in memory while it runs, and those read for it are let go after (`release`).
   */
  whileAll<T>(work: () => T | Promise<T>): Promise<T>;
  /** Lets go of the samples read for whole-project work that nothing uses any more. */
  release(): void;
  /** Reads these samples without keeping them (the library's rows on screen). */
  peek(ids: readonly string[]): Promise<Sample[]>;
}

interface LoaderDeps {
  get: () => StudioState;
  set: (patch: Partial<StudioState>) => void;
  persistence: StudioPersistence;
  /** Tells the version tracker that these samples are as stored (untouched). */
  adopt(samples: Sample[]): void;
  /** Whether this copy of a sample is the one last stored (no edit since, none on its way). */
  untouched(sample: Sample): boolean;
  /** The version tracker may let go of these samples' stored copies (their versions stay). */
  forget(ids: string[]): void;
  /** The library entry stored beside a sample (the save queue's). */
  entryOf(sample: Sample): LibraryEntry;
  /** Called after every state change, with the state before it. */
  subscribe(listener: (next: StudioState, prev: StudioState) => void): () => void;
}

/** Whole-project views: every sample stays in memory while one is shown. */
const showsAll = (s: StudioState) => s.exportDialogOpen || s.view === 'dashboard';

/**
 * Whether a sample in memory is in use, so it stays whatever read it: open, edited and not yet
 * stored, running (a cell, Run all, a generation, the checks), or in a conflict.
 */
export function inUse(s: StudioState, sample: Sample, untouched: boolean): boolean {
  const id = sample.id;
  return (
    !untouched ||
    s.openSampleId === id ||
    !!s.sync.conflicts[id] ||
    s.python.kernels[id]?.phase === 'running' ||
    s.python.runAll[id]?.phase === 'running' ||
    (s.generation?.sampleId === id && s.generation.status === 'running') ||
    !!s.checks[id]?.checking
  );
}

export function createSampleLoader({ get, set, persistence, adopt, untouched, forget, entryOf, subscribe }: LoaderDeps): SampleLoader {
  let all: Promise<void> | null = null;
  /** Samples read for whole-project work only (not opened): let go once nothing needs them. */
  const readForAll = new Set<string>();
  /** Whole-project work under way (whileAll). */
  let working = 0;
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

  function hold(read: Sample[]): Sample[] {
    const samples = get().samples;
    const fresh = read.filter((sample) => !samples[sample.id]);
    if (!fresh.length) return fresh;
    adopt(fresh);
    const next = { ...samples };
    for (const sample of fresh) next[sample.id] = sample;
    set({ samples: next });
    return fresh;
  }

  function release(): void {
    const s = get();
    if (working || all || showsAll(s) || !readForAll.size) return;
    const dropped: string[] = [];
    let entries = s.entries;
    for (const id of readForAll) {
      const sample = s.samples[id];
      if (sample && inUse(s, sample, untouched(sample))) continue;
      readForAll.delete(id);
      if (!sample) continue;
      dropped.push(id);
      // The library shows the entry again: the one stored with this very copy (it may have been edited and saved meanwhile).
      if (entries[id]?.updatedAt !== sample.updatedAt || entries[id]?.status !== sample.status) {
        if (entries === s.entries) entries = { ...entries };
        entries[id] = entryOf(sample);
      }
    }
    if (!dropped.length) return;
    const samples = { ...s.samples };
    for (const id of dropped) delete samples[id];
    set({ samples, entries });
    forget(dropped);
  }

  // Closing the export dialog or leaving the dashboard ends its whole-project work.
  subscribe((next, prev) => {
    if (showsAll(prev) && !showsAll(next)) release();
  });

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
        for (const sample of hold(read)) readForAll.add(sample.id);
      })().finally(() => (all = null));
      return all;
    },
    allLoaded,
    withAll(work) {
      return allLoaded() ? work() : this.ensureAll().then(work);
    },
    async whileAll(work) {
      working++;
      try {
        await this.ensureAll();
        return await work();
      } finally {
        working--;
        release();
      }
    },
    release,
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
