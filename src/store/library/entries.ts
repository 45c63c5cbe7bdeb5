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

/**
 * One copy of each text a big library's entries repeat, for entries read from storage (which
 * gives every entry its own copy of every text): a problem's generations share its text, an
 * import its file name, format and time, a library its sources, statuses, tokenizer, checks
 * definition and failing checks' ids; within an entry, its summary shares the entry's id,
 * status, source and (a short problem) its text, and its kept facts the entry's revision.
 * The entries are changed in place; the shared texts are kept only while the read lasts.
 */
export function entryTextSharing(): (entry: LibraryEntry) => LibraryEntry {
  const seen = new Map<string, string>();
  const one = (text: string) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
  // Texts every entry has its own of (its id, revision, content key) are not worth a place in `seen`.
  const own = new Set(['id', 'revision', 'contentKey']);
  const shareTexts = (record: Record<string, unknown>) => {
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'string' && !own.has(key)) record[key] = one(value);
    }
  };
  const sameAs = <T>(value: T, mine: T): T => (value === mine ? mine : value);
  return (entry) => {
    shareTexts(entry as unknown as Record<string, unknown>);
    if (entry.origin) shareTexts(entry.origin as unknown as Record<string, unknown>);
    const { summary, tokens, checks } = entry;
    if (summary) {
      shareTexts(summary as unknown as Record<string, unknown>);
      summary.id = sameAs(summary.id, entry.id);
    }
    if (tokens) {
      tokens.revision = sameAs(tokens.revision, entry.revision!);
      tokens.tokenizer = one(tokens.tokenizer);
    }
    if (checks) {
      checks.revision = sameAs(checks.revision, entry.revision!);
      checks.definition = one(checks.definition);
      for (let i = 0; i < checks.failing.length; i++) checks.failing[i] = one(checks.failing[i]!);
    }
    return entry;
  };
}

/** One row's sources: the entry, and the sample when it is in memory. */
export interface LibraryItem {
  entry: LibraryEntry;
  sample: Sample | undefined;
}

/**
 * What a new `entries` or `samples` record changed from the one it was made from, noted by its
 * maker (noteChanged): the library's items then follow those ids only, not every sample again.
 */
const notes = new WeakMap<object, { from: object; ids: readonly string[] }>();

/**
 * Notes that `next` is `from` with only these ids added, replaced or removed (a page of a
 * streamed reload): the items (and the library's rows) are then updated for those ids alone.
 * A record made without a note is walked whole, as before.
 */
export function noteChanged<T extends object>(next: T, from: T, ids: readonly string[]): T {
  notes.set(next, { from, ids });
  return next;
}

/** What one list of items changed from the list before it: the items new or replaced (none is gone). */
export interface ItemsChange {
  from: readonly LibraryItem[];
  changed: readonly LibraryItem[];
}

const itemChanges = new WeakMap<readonly LibraryItem[], ItemsChange>();

/** How `items` differs from the items list before it, when it was updated from noted ids (else undefined: compare every item). */
export function libraryItemsChange(items: readonly LibraryItem[]): ItemsChange | undefined {
  return itemChanges.get(items);
}

interface ItemsMemo {
  entries: StudioState['entries'];
  samples: StudioState['samples'];
  items: LibraryItem[];
  byId: Map<string, LibraryItem>;
  /** The items of entries whose sample is not in memory, in the entries' order, and where each is. */
  entryItems: LibraryItem[];
  entryAt: Map<string, number>;
  sampleItems: LibraryItem[];
}

let memo: ItemsMemo | null = null;

function items(s: Pick<StudioState, 'entries' | 'samples'>): ItemsMemo {
  if (memo && memo.entries === s.entries && memo.samples === s.samples) return memo;
  const note = memo && memo.samples === s.samples ? notes.get(s.entries) : undefined;
  const updated = note && note.from === memo!.entries ? entriesUpdated(memo!, s, note.ids) : null;
  return (memo = updated ?? rebuilt(s));
}

/** Every item made again from the two records (an item whose entry and sample are the ones it had is kept). */
function rebuilt(s: Pick<StudioState, 'entries' | 'samples'>): ItemsMemo {
  const byId = new Map<string, LibraryItem>();
  const entryItems: LibraryItem[] = [];
  const entryAt = new Map<string, number>();
  const sampleItems: LibraryItem[] = [];
  const before = memo?.byId;
  const add = (id: string, entry: LibraryEntry, sample: Sample | undefined) => {
    const old = before?.get(id);
    const item = old && old.entry === entry && old.sample === sample ? old : { entry, sample };
    byId.set(id, item);
    return item;
  };
  for (const id in s.entries) {
    if (s.samples[id]) continue;
    entryAt.set(id, entryItems.length);
    entryItems.push(add(id, s.entries[id]!, undefined));
  }
  for (const id in s.samples) sampleItems.push(add(id, entryOf(s.samples[id]!), s.samples[id]));
  return { entries: s.entries, samples: s.samples, items: entryItems.concat(sampleItems), byId, entryItems, entryAt, sampleItems };
}

/**
 * The items after a change of the entries alone, from the ids it touched: a page of a streamed
 * reload costs the page, not the library (16 pages of 500 into 8,000 samples each rebuilt
 * every item). Null when the change removed an item (rare: rebuilt whole, in the entries' order).
 * The memo before is taken over: its maps are updated in place (only the memo holds them).
 */
function entriesUpdated(before: ItemsMemo, s: Pick<StudioState, 'entries' | 'samples'>, ids: readonly string[]): ItemsMemo | null {
  const { byId, entryItems, entryAt } = before;
  const changed: LibraryItem[] = [];
  for (const id of ids) {
    // A sample in memory is the truth for its own entry: its item does not change with the entry.
    if (s.samples[id]) continue;
    const entry = s.entries[id];
    const at = entryAt.get(id);
    if (!entry) {
      if (at !== undefined) return null;
      continue;
    }
    if (at !== undefined && entryItems[at]!.entry === entry) continue;
    const item: LibraryItem = { entry, sample: undefined };
    if (at === undefined) {
      entryAt.set(id, entryItems.length);
      entryItems.push(item);
    } else entryItems[at] = item;
    byId.set(id, item);
    changed.push(item);
  }
  if (!changed.length) return { ...before, entries: s.entries };
  const list = entryItems.concat(before.sampleItems);
  itemChanges.set(list, { from: before.items, changed });
  return { ...before, entries: s.entries, items: list };
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
