/**
 * The library's entries: what a row, a filter, a sort, the search and the review queue need
 * of a sample, without its trace. A persistence that can (IndexedDB) stores an entry beside
 * every sample, so a reload reads entries — a few hundred bytes each — and the traces stay on
 * disk until a sample is opened (or whole-project work asks for them, store/project/hydrate.ts).
 *
 * The state holds the stored entries (`state.entries`) and the samples in memory
 * (`state.samples`): a sample in memory is the truth for its own entry, so an edit shows in
 * the library at once; the stored entry stands for a sample not read yet.
 */
import type { ProfileRegistry } from '../../core/profiles/types';
import { sampleEntry, storedSampleEntry, type EntryFacts } from '../../core/sample/entry';
import type { Sample } from '../../core/sample/types';
import type { StudioState } from '../state';
import type { LibraryEntry } from './state';

export type { LibraryEntry };


const entries = new WeakMap<Sample, LibraryEntry>();

/** The entry of a sample in memory (cheap: no trace work; cached per sample revision). */
export function entryOf(sample: Sample): LibraryEntry {
  let entry = entries.get(sample);
  if (!entry) {
    entry = sampleEntry(sample);
    entries.set(sample, entry);
  }
  return entry;
}

/** The entry as stored beside the sample: with the trace's facts, so a reload needs no trace. */
export const storedEntryOf: (sample: Sample, profiles?: ProfileRegistry, facts?: EntryFacts) => LibraryEntry = storedSampleEntry;

/** One row's sources: the entry, and the sample when it is in memory. */
export interface LibraryItem {
  entry: LibraryEntry;
  sample: Sample | undefined;
}

let memo: { entries: StudioState['entries']; samples: StudioState['samples']; items: LibraryItem[]; byId: Map<string, LibraryItem> } | null = null;

function items(s: Pick<StudioState, 'entries' | 'samples'>) {
  if (memo && memo.entries === s.entries && memo.samples === s.samples) return memo;
  const list: LibraryItem[] = [];
  const byId = new Map<string, LibraryItem>();
  // An item whose entry and sample are the ones it had is kept (a streamed reload rebuilds this list per page).
  const before = memo?.byId;
  const add = (id: string, entry: LibraryEntry, sample: Sample | undefined) => {
    const old = before?.get(id);
    const item = old && old.entry === entry && old.sample === sample ? old : { entry, sample };
    list.push(item);
    byId.set(id, item);
  };
  for (const id in s.entries) if (!s.samples[id]) add(id, s.entries[id]!, undefined);
  for (const id in s.samples) add(id, entryOf(s.samples[id]!), s.samples[id]);
  memo = { entries: s.entries, samples: s.samples, items: list, byId };
  return memo;
}

/** Every sample of the studio as the library sees it (a new array only when either source changed). */
export function libraryItems(s: Pick<StudioState, 'entries' | 'samples'>): LibraryItem[] {
  return items(s).items;
}

/** One sample's entry, whether or not its trace is in memory. */
export function libraryEntry(s: Pick<StudioState, 'entries' | 'samples'>, id: string): LibraryEntry | undefined {
  const sample = s.samples[id];
  return sample ? entryOf(sample) : s.entries[id];
}

/** Whether the studio holds this sample (in memory or on disk). */
export function hasSample(s: Pick<StudioState, 'entries' | 'samples'>, id: string): boolean {
  return !!s.samples[id] || !!s.entries[id];
}

/** How many samples the studio holds. */
export function sampleCount(s: Pick<StudioState, 'entries' | 'samples'>): number {
  return items(s).items.length;
}
