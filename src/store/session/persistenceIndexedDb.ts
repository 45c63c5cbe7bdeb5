/**
 * The browser's store: IndexedDB through `idb`. The library's read at start is
 * persistenceLibrary.ts.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { withEntryFacts } from '../../core/sample/entry';
import { contentRevision } from '../../core/sample/revision';
import type { Sample } from '../../core/sample/types';
import { storedEntryOf } from '../library/entries';
import { readLibrary } from './persistenceLibrary';
import type { RemoteChange, SaveBatch, SaveResult, StudioPersistence } from './persistenceTypes';
import { DATABASE_NAME, STORES, UI_KEY, type StudioDB } from './persistenceSchema';
import { decideSave, writerId, type SampleConflict, type StoredVersion } from './versions';

/**
 * Samples per transaction of a big save (an import, a restore): copying thousands of traces
 * into one transaction holds the page for seconds, and even 100 (~25 kB each) took ~90 ms of
 * serialization in one task (bench/profile-import.ts TRACE=1). Each chunk is all or nothing,
 * with the journal committed first as for any save.
 */
const SAVE_CHUNK = 40;

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
    async saveEntryFacts(facts) {
      const tx = (await db()).transaction(['library', 'samples'], 'readwrite');
      const library = tx.objectStore('library');
      const applied: string[] = [];
      await Promise.all(
        facts.map(async ({ id, facts: f }) => {
          let stored = await library.get(id);
          if (!stored) return;
          // An entry stored before entries named their content revision takes its sample's now.
          if (stored.revision === undefined) {
            const sample = await tx.objectStore('samples').get(id);
            if (!sample) return;
            stored = { ...stored, revision: contentRevision(sample) };
          }
          const next = withEntryFacts(stored, f);
          if (next.tokens === stored.tokens && next.checks === stored.checks) return;
          applied.push(id);
          await library.put({ ...next, version: stored.version });
        }),
      );
      await tx.done;
      return applied;
    },
    async loadLibrary(options) {
      return readLibrary(await db(), options);
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
