import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Sample } from '../../core/sample/types';
import { storedEntryOf, type LibraryEntry } from '../library/entries';
import type { UiSnapshot } from './ui';
import { decideSave, type SampleConflict, type StoredVersion } from './versions';

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
  loadLibrary?(): Promise<LoadedLibrary>;
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
}

/**
 * `loadSamples` could not read some samples (a team server that cannot be reached, and no copy
 * in this browser): it says so in words, with the samples it could read.
 */
export class SamplesUnavailable extends Error {
  constructor(
    message: string,
    readonly ids: string[],
    readonly available: Sample[],
  ) {
    super(message);
  }
}

/** A random id per writer: lets a writer's own saves in flight follow one another (see decideSave). */
export function writerId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `w-${Math.random().toString(36).slice(2)}-${Date.now()}`;
}

/** A store in memory several writers can share (two "tabs" in a test). */
export interface MemoryStore {
  samples: Map<string, Sample>;
  versions: Map<string, StoredVersion>;
  refused: Map<string, SampleConflict>;
  ui: UiSnapshot | null;
  listeners: Set<{ writer: string; listener: (change: RemoteChange) => void }>;
}

export function memoryStore(initial: { samples?: Sample[]; ui?: UiSnapshot | null } = {}): MemoryStore {
  return {
    samples: new Map((initial.samples ?? []).map((s) => [s.id, structuredClone(s)])),
    versions: new Map(),
    refused: new Map(),
    ui: initial.ui ?? null,
    listeners: new Set(),
  };
}

/** In memory: for Node, tests, and a browser that refuses IndexedDB. Forgets everything on exit. */
export function memoryPersistence(initial: { samples?: Sample[]; ui?: UiSnapshot | null } | MemoryStore = {}): StudioPersistence {
  const store = 'listeners' in initial ? initial : memoryStore(initial);
  const writer = writerId();
  return {
    async load() {
      return {
        samples: [...store.samples.values()].map((s) => structuredClone(s)),
        versions: Object.fromEntries([...store.samples.keys()].map((id) => [id, store.versions.get(id)?.version ?? 1])),
        ui: store.ui && structuredClone(store.ui),
        conflicts: [...store.refused.values()].map((c) => structuredClone(c)),
      };
    },
    async save(batch) {
      const result: SaveResult = { versions: {}, conflicts: [] };
      const change: RemoteChange = { samples: [], deletedIds: [] };
      for (const s of batch.samples) {
        const existing = store.samples.get(s.id);
        const stored = existing && { sample: existing, ...(store.versions.get(s.id) ?? { version: 1, writer: '' }) };
        const decision = decideSave(stored, s, batch.baseVersions?.[s.id] ?? 0, writer);
        if (decision.kind === 'conflict') {
          store.refused.set(s.id, structuredClone(decision.conflict));
          result.conflicts.push(decision.conflict);
          continue;
        }
        store.refused.delete(s.id);
        result.versions[s.id] = decision.version;
        if (decision.kind === 'unchanged') continue;
        store.samples.set(s.id, structuredClone(s));
        store.versions.set(s.id, { version: decision.version, writer });
        change.samples.push({ sample: structuredClone(s), version: decision.version });
      }
      for (const id of batch.deletedIds ?? []) {
        store.samples.delete(id);
        store.versions.delete(id);
        change.deletedIds.push(id);
      }
      if (batch.ui) store.ui = structuredClone(batch.ui);
      if (change.samples.length || change.deletedIds.length) {
        for (const l of store.listeners) if (l.writer !== writer) queueMicrotask(() => l.listener(structuredClone(change)));
      }
      return result;
    },
    watch(listener) {
      const entry = { writer, listener };
      store.listeners.add(entry);
      return () => store.listeners.delete(entry);
    },
  };
}

interface StudioDB extends DBSchema {
  samples: { key: string; value: Sample };
  meta: { key: string; value: UiSnapshot };
  /** The version each sample is stored at and who wrote it (since database version 2). */
  versions: { key: string; value: StoredVersion };
  /**
   * The journal: every save's edits, committed before the versioned write, and kept while that
   * write refuses them (a conflict). An entry left by a page closed mid-save is settled at load.
   */
  pending: { key: string; value: PendingEdit };
  /**
   * Each sample's library entry with the version it was stored at (since database version 3): a
   * reload reads these, not the traces, nor the versions store.
   */
  library: { key: string; value: LibraryEntry & { version?: number } };
}

interface PendingEdit {
  mine: Sample;
  baseVersion: number;
  writer: string;
}

export const DATABASE_NAME = 'hint-studio';
const UI_KEY = 'ui';
const STORES = ['samples', 'meta', 'versions', 'pending', 'library'] as const;
/** Entries per read at start: each page is copied into the page in a task of its own. */
const ENTRY_PAGE = 2000;
/**
 * Samples per transaction of a big save (an import, a restore): copying thousands of traces
 * into one transaction holds the page for seconds. Each chunk is all or nothing, with the
 * journal committed first as for any save.
 */
const SAVE_CHUNK = 100;

/** What one tab tells the others after a save: ids and versions; they read the samples themselves. */
interface TabMessage {
  writer: string;
  saved: { id: string; version: number }[];
  deletedIds: string[];
}

/**
 * IndexedDB through `idb`: `samples` keyed by sample id, their `versions`, the `pending` journal
 * and a `meta` store for UI state. A save first commits its edits to the journal in a
 * transaction of their own — at once, so a save from `pagehide` lands even when the page is
 * gone before the rest runs — then reads the stored versions, decides and writes in one
 * readwrite transaction, so two tabs saving one sample cannot both pass the check. Tabs hear
 * of each other's saves at once through a BroadcastChannel named after the database.
 */
export function indexedDbPersistence(name = DATABASE_NAME): StudioPersistence {
  let dbPromise: Promise<IDBPDatabase<StudioDB>> | null = null;
  // The open connection, once known: a save from a `pagehide` handler must create its
  // transaction synchronously, before the page is torn down, so it cannot await anything first.
  let openDb: IDBPDatabase<StudioDB> | null = null;
  const writer = writerId();
  const db = () =>
    (dbPromise ??= openDB<StudioDB>(name, 3, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) {
          database.createObjectStore('samples', { keyPath: 'id' });
          database.createObjectStore('meta');
        }
        if (oldVersion < 2) {
          database.createObjectStore('versions');
          database.createObjectStore('pending');
        }
        if (oldVersion < 3) {
          // Entries for the samples stored before: read once, here, so every later start reads entries only.
          const library = database.createObjectStore('library', { keyPath: 'id' });
          for (let cursor = await transaction.objectStore('samples').openCursor(); cursor; cursor = await cursor.continue()) {
            const stored = await transaction.objectStore('versions').get(cursor.value.id);
            void library.put({ ...storedEntryOf(cursor.value), version: stored?.version ?? 1 });
          }
        }
      },
      // Another tab opened a newer database version: let it upgrade rather than block it.
      blocking() {
        openDb?.close();
        openDb = null;
        dbPromise = null;
      },
    }).then((d) => (openDb = d)));
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`hint-studio:${name}`) : null;

  async function saveChunk(d: IDBPDatabase<StudioDB>, { samples, baseVersions = {}, deletedIds = [], ui, entryOf = storedEntryOf }: SaveBatch): Promise<SaveResult> {
    // 1. The journal and the UI state, committed now: the page may be unloading.
    const journal = d.transaction(['pending', 'meta'], 'readwrite', { durability: 'strict' });
    const journaled: Promise<unknown>[] = samples.map((s) => journal.objectStore('pending').put({ mine: s, baseVersion: baseVersions[s.id] ?? 0, writer }, s.id));
    if (ui) journaled.push(journal.objectStore('meta').put(ui, UI_KEY));
    journal.commit();

    // 2. Read what is stored, decide, write — in one transaction (no await on anything else).
    const entries = samples.map((s) => entryOf(s));
    const tx = d.transaction(['samples', 'versions', 'pending', 'library'], 'readwrite', { durability: 'strict' });
    const libraryStore = tx.objectStore('library');
    const sampleStore = tx.objectStore('samples');
    const versionStore = tx.objectStore('versions');
    const pendingStore = tx.objectStore('pending');
    const stored = await Promise.all(samples.map((s) => Promise.all([sampleStore.get(s.id), versionStore.get(s.id)])));
    const result: SaveResult = { versions: {}, conflicts: [] };
    const saved: TabMessage['saved'] = [];
    const writes: Promise<unknown>[] = [];
    samples.forEach((s, i) => {
      const [existing, version] = stored[i]!;
      const decision = decideSave(existing && { sample: existing, ...(version ?? { version: 1, writer: '' }) }, s, baseVersions[s.id] ?? 0, writer);
      if (decision.kind === 'conflict') {
        result.conflicts.push(decision.conflict); // its journal entry stays until the user resolves it
        return;
      }
      writes.push(pendingStore.delete(s.id));
      result.versions[s.id] = decision.version;
      if (decision.kind === 'unchanged') return;
      writes.push(sampleStore.put(s), libraryStore.put({ ...entries[i]!, version: decision.version }), versionStore.put({ version: decision.version, writer }, s.id));
      saved.push({ id: s.id, version: decision.version });
    });
    for (const id of deletedIds) writes.push(sampleStore.delete(id), libraryStore.delete(id), versionStore.delete(id), pendingStore.delete(id));
    tx.commit();
    await Promise.all([...journaled, journal.done, ...writes, tx.done]);
    if (channel && (saved.length || deletedIds.length)) channel.postMessage({ writer, saved, deletedIds } satisfies TabMessage);
    return result;
  }

  return {
    async load() {
      const d = await db();
      const tx = d.transaction(STORES, 'readonly');
      const [samples, ui, versionKeys, versionValues, pending] = await Promise.all([
        tx.objectStore('samples').getAll(),
        tx.objectStore('meta').get(UI_KEY),
        tx.objectStore('versions').getAllKeys(),
        tx.objectStore('versions').getAll(),
        tx.objectStore('pending').getAll(),
      ]);
      const stored = new Map<string, StoredVersion>(samples.map((s) => [s.id, { version: 1, writer: '' }]));
      versionKeys.forEach((id, i) => stored.set(id, versionValues[i]!));
      const byId = new Map(samples.map((s) => [s.id, s]));
      const conflicts: SampleConflict[] = [];
      const unsaved: Sample[] = [];
      for (const p of pending) {
        const existing = byId.get(p.mine.id);
        const decision = decideSave(existing && { sample: existing, ...stored.get(p.mine.id)! }, p.mine, p.baseVersion, p.writer);
        if (decision.kind === 'conflict') conflicts.push(decision.conflict);
        else if (decision.kind === 'write') unsaved.push(p.mine);
      }
      const versions = Object.fromEntries([...stored].map(([id, v]) => [id, v.version]));
      return { samples, versions, ui: ui ?? null, conflicts, unsaved };
    },
    async loadLibrary() {
      const d = await db();
      const tx = d.transaction(STORES, 'readonly');
      const entries: LibraryEntry[] = [];
      // Page by page: one request per page, so no task copies the whole library at once.
      for (let after: string | undefined; ; ) {
        const page = await tx.objectStore('library').getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), ENTRY_PAGE);
        for (const entry of page) entries.push(entry);
        if (page.length < ENTRY_PAGE) break;
        after = page[page.length - 1]!.id;
      }
      const [ui, pending] = await Promise.all([tx.objectStore('meta').get(UI_KEY), tx.objectStore('pending').getAll()]);
      const versions: Record<string, number> = {};
      for (const entry of entries) {
        versions[entry.id] = (entry as { version?: number }).version ?? 1;
        delete (entry as { version?: number }).version;
      }
      // Journal entries are few (edits not yet written, refused ones): their stored samples and versions are read now.
      const [existing, existingVersions] = await Promise.all([
        Promise.all(pending.map((p) => tx.objectStore('samples').get(p.mine.id))),
        Promise.all(pending.map((p) => tx.objectStore('versions').get(p.mine.id))),
      ]);
      const conflicts: SampleConflict[] = [];
      const unsaved: Sample[] = [];
      const held: Sample[] = [];
      pending.forEach((p, i) => {
        const current = existing[i];
        const decision = decideSave(current && { sample: current, ...(existingVersions[i] ?? { version: 1, writer: '' }) }, p.mine, p.baseVersion, p.writer);
        if (decision.kind === 'conflict') {
          conflicts.push(decision.conflict);
          if (current) held.push(current);
        } else if (decision.kind === 'write') unsaved.push(p.mine);
      });
      return { entries, samples: held, versions, ui: ui ?? null, conflicts, unsaved };
    },
    async loadSamples(ids) {
      const d = await db();
      const tx = d.transaction('samples', 'readonly');
      const found = await Promise.all(ids.map((id) => tx.store.get(id)));
      return found.filter((s): s is Sample => !!s);
    },
    async readAll(size, visit) {
      const d = await db();
      for (let after: string | undefined; ; ) {
        const page = await d.getAll('samples', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), size);
        if (page.length) await visit(page);
        if (page.length < size) return;
        after = page[page.length - 1]!.id;
      }
    },
    async save(batch) {
      const d = openDb ?? (await db());
      if (batch.samples.length <= SAVE_CHUNK) return saveChunk(d, batch);
      // A big save in chunks, each a task of its own; the UI snapshot and deletions go with the first.
      const result: SaveResult = { versions: {}, conflicts: [] };
      for (let i = 0; i < batch.samples.length; i += SAVE_CHUNK) {
        const first = i === 0;
        const part = await saveChunk(d, { ...batch, samples: batch.samples.slice(i, i + SAVE_CHUNK), deletedIds: first ? batch.deletedIds : [], ui: first ? batch.ui : undefined });
        Object.assign(result.versions, part.versions);
        result.conflicts.push(...part.conflicts);
      }
      return result;
    },
    watch(listener) {
      if (!channel) return () => undefined;
      const onMessage = async (event: MessageEvent<TabMessage>) => {
        const message = event.data;
        if (!message || message.writer === writer) return;
        // Read the samples as stored now (a later save may already have replaced them).
        const d = await db();
        const tx = d.transaction(['samples', 'versions'], 'readonly');
        const rows = await Promise.all(message.saved.map(({ id }) => Promise.all([tx.objectStore('samples').get(id), tx.objectStore('versions').get(id)])));
        const change: RemoteChange = { samples: [], deletedIds: message.deletedIds };
        for (const [sample, version] of rows) if (sample) change.samples.push({ sample, version: version?.version ?? 1 });
        listener(change);
      };
      const handler = (event: MessageEvent) => void onMessage(event);
      channel.addEventListener('message', handler);
      return () => channel.removeEventListener('message', handler);
    },
    async persist() {
      const storage = globalThis.navigator?.storage;
      if (!storage?.persist) return false;
      return (await storage.persisted()) || storage.persist();
    },
  };
}
