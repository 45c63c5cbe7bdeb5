/**
 * What the studio asks of a store of samples (IndexedDB, memory, a team server): the
 * interface the composition root fills, and the shapes that cross it.
 */
import type { EntryFacts } from '../../core/sample/entry';
import type { Sample } from '../../core/sample/types';
import type { LibraryEntry } from '../library/entries';
import type { UiSnapshot } from './ui';
import type { SampleConflict } from './versions';

export type { SampleConflict } from './versions';

/** What a persistence holds at start: the samples, the version each was stored at, refused edits. */
export interface LoadedProject {
  samples: Sample[];
  /** The version each sample was stored at (absent: 1, a sample stored before versions existed). */
  versions?: Record<string, number>;
  ui: UiSnapshot | null;
  /** Saves refused because the stored copy was newer, kept until the user resolves them. */
  conflicts?: SampleConflict[];
  /**
   * Edits saved to the journal whose write did not happen (the page closed in between): the
   * working copy to hold (its version in `versions` is the stored one it now edits) and save again.
   */
  unsaved?: Sample[];
}

/**
 * The library without the traces (a persistence that stores entries): every sample's entry,
 * and in `samples` only those the studio must hold from the start — unsaved edits and the
 * stored side of conflicts.
 */
export interface LoadedLibrary extends LoadedProject {
  entries: LibraryEntry[];
  /**
   * When `entries` is only the first page (a big library): reads the rest, a page per task, and
   * gives each page with the version each of its entries is stored at. Resolves once all are
   * given; no entry is given twice, nor one already in `entries`. Absent: `entries` is all.
   * The next page is read once `visit`'s promise (if any) resolved.
   */
  rest?(visit: (entries: LibraryEntry[], versions: Record<string, number>) => void | Promise<void>): Promise<void>;
}

/** How a big library is read at start. */
export interface LibraryReadOptions {
  /** Entries in the first page, the one painted before the rest is read. Default: all of them. */
  firstPage?: number;
  /** Samples whose entries must be in the first page (a link's sample); the UI's open sample always is. */
  include?: readonly string[];
}

export interface SaveBatch {
  samples: Sample[];
  /** The library entry stored beside each sample (with the project's profiles); default: the built-in ones. */
  entryOf?: (sample: Sample) => LibraryEntry;
  /**
   * The version each sample's edit started from. A save whose stored copy is newer is refused
   * (a conflict), never written over. Absent: 0, a sample this writer believes is new.
   */
  baseVersions?: Record<string, number>;
  deletedIds?: string[];
  ui?: UiSnapshot;
}

export interface SaveResult {
  /** The version each written sample is now stored at. */
  versions: Record<string, number>;
  /** Samples not written because someone else stored a newer version. */
  conflicts: SampleConflict[];
}

/** A change stored by someone else (another tab, a team server), with the version it was stored at. */
export interface RemoteChange {
  samples: { sample: Sample; version: number }[];
  deletedIds: string[];
  /**
   * Samples changed elsewhere told by their library entry alone (a team server's change feed):
   * the studio reads the trace again only of those it holds in memory.
   */
  entries?: { entry: LibraryEntry; version: number }[];
  /**
   * A store that accepts edits later than `save` returns (a team server behind an outbox):
   * edits it has now taken, with its copy (the server adds review data), and edits it refused
   * because someone stored a newer version first.
   */
  accepted?: { sent: Sample; stored: Sample; version: number }[];
  conflicts?: SampleConflict[];
  /** The connection to a team server, for the status line. */
  connection?: import('../sync/state').ServerStatus;
}

/**
 * Where the studio keeps its work between sessions: IndexedDB in the browser, memory in
 * Node and tests, a team server. The composition root picks one; the store only speaks this
 * interface. Every stored sample carries a version; a save names the version it was based on
 * and is refused when the stored one is newer (the same rule as the team server's 409).
 */
export interface StudioPersistence {
  load(): Promise<LoadedProject>;
  /** Writes the given samples and UI snapshot in one transaction: all or nothing, conflicts apart. */
  save(batch: SaveBatch): Promise<SaveResult>;
  /**
   * The library without the traces: a store that keeps an entry beside every sample (IndexedDB)
   * reads those, and the studio reads a sample's trace when it is opened (`loadSamples`) or
   * when whole-project work needs every one (`readAll`). Optional: without it, `load()` reads all.
   */
  loadLibrary?(options?: LibraryReadOptions): Promise<LoadedLibrary>;
  /**
   * The stored samples of these ids, in that order (ids not stored are left out). `peek`: read
   * to show facts of rows on screen, not opened — a store that keeps copies (a team server's) need not keep these.
   */
  loadSamples?(ids: readonly string[], options?: { peek?: boolean }): Promise<Sample[]>;
  /** Every stored sample, `size` at a time; each chunk is read in a task of its own after `visit` settles. */
  readAll?(size: number, visit: (chunk: Sample[]) => void | Promise<void>): Promise<void>;
  /** Changes stored elsewhere (another tab, a team server). Optional: a lone store has none. */
  watch?(listener: (change: RemoteChange) => void): () => void;
  /**
   * Asks that this storage survive storage pressure (the browser's `navigator.storage.persist`);
   * resolves whether it is granted. Optional: memory and server stores have nothing to ask.
   */
  persist?(): Promise<boolean>;
  /**
   * Keeps facts computed after a sample was stored (its token count, its checks) in its stored
   * entry, each only while it describes the entry's content (core/sample/entry.ts
   * `withEntryFacts`); a sample stored anew since keeps its own. Resolves with the ids whose
   * entry took them. Optional: without it the facts live until the page closes. `signal`: the
   * studio shuts down — a write-back it cuts short is not a failure (nothing is lost: facts are
   * derived), so it may stop and resolve with the ids taken so far.
   */
  saveEntryFacts?(facts: readonly { id: string; facts: EntryFacts }[], signal?: AbortSignal): Promise<string[]>;
}

