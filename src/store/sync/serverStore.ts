/**
 * The browser's copy of a team-server project (IndexedDB, one database per server project
 * and user): every sample's library entry with its server version (the rows, no traces), the
 * working copy of the samples read so far with the server version each was read at (older
 * than its entry's: stale, read again when opened), the outbox of edits the server has not
 * accepted yet, and the UI state. The outbox survives a reload; it is what "N edits waiting" counts.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SampleEntry } from '../../core/sample/entry';
import type { Sample } from '../../core/sample/types';
import type { UiSnapshot } from '../session/ui';
import type { RefusedEdit, ServerStatus } from './state';

/** An edit waiting for the server: the sample as edited and the server version it started from. */
export interface OutboxEntry {
  key: string;
  mine: Sample;
  baseVersion: number;
  writer: string;
  /**
   * Sent only after this entry of the same sample (a status move after an earlier move, an edit
   * after a previous session's edit waiting here), whose content `mine` it started from: once
   * the server takes exactly that, this entry's base becomes the version it took.
   */
  follows?: { key: string; mine: Sample };
  /** The server refused it with 409: its copy then, until the user resolves. */
  conflict?: { theirs: Sample; theirVersion: number; theirAuthor: string };
}

/** A sample's library entry at the server version it describes. */
export interface StoredEntry {
  entry: SampleEntry;
  version: number;
}

interface ServerCopyDB extends DBSchema {
  samples: { key: string; value: Sample };
  /** The server version each sample in `samples` was read at (or, with an edit waiting, last seen at). */
  server: { key: string; value: number };
  /** Every sample's library entry, keyed by sample id (since version 2). */
  entries: { key: string; value: StoredEntry };
  /**
   * Indexed (since version 3) so the sender reads one entry at a time and counts without
   * reading every edit: by sample, by the entry followed, and those refused by a conflict.
   */
  outbox: { key: string; value: OutboxEntry; indexes: { bySample: string; byFollows: string; conflicts: number } };
  meta: { key: string; value: unknown };
}

export interface ServerCopy {
  /** What a reload needs: the entries, not the traces. */
  read(): Promise<{ entries: StoredEntry[]; outbox: OutboxEntry[]; ui: UiSnapshot | null; seq: number; refused: Record<string, RefusedEdit>; assignment: ServerStatus['assignment'] }>;
  /** The library entries the server sent (rows, the change feed), in one transaction. */
  putEntries(entries: StoredEntry[]): Promise<void>;
  /** The samples of these ids the copy holds, with the server version each was read at. */
  samples(ids: readonly string[]): Promise<Map<string, { sample: Sample; version: number }>>;
  outbox(): Promise<OutboxEntry[]>;
  /** The outbox's keys, in order (no entry read). */
  outboxKeys(): Promise<string[]>;
  /** One outbox entry (undefined once it is gone). */
  outboxEntry(key: string): Promise<OutboxEntry | undefined>;
  /** Entries waiting and, of them, those refused by a conflict, counted without reading them. */
  outboxCounts(): Promise<{ entries: number; conflicts: number }>;
  /** The entries that follow `key`, in key order. */
  followersOf(key: string): Promise<OutboxEntry[]>;
  /** The ids of samples with an entry in the outbox (no entry read). */
  waitingIds(): Promise<Set<string>>;
  /** Queues edits (and the UI state) in one transaction issued at once: a save from `pagehide` lands. */
  queue(entries: OutboxEntry[], ui?: UiSnapshot): Promise<void>;
  /** The server holds `sample` at `version`: the working copy takes it unless `keepWorking`. */
  accept(sample: Sample, version: number, options?: { keepWorking?: boolean }): Promise<void>;
  /** Samples read from the server at these versions, in one transaction (never over an edit waiting in the outbox). */
  keep(read: { sample: Sample; version: number }[]): Promise<void>;
  /** Drops the outbox entry if it still holds exactly `sent`, else moves its base to `version`; true when dropped. */
  settle(key: string, sent: Sample, version: number): Promise<boolean>;
  putEntry(entry: OutboxEntry): Promise<void>;
  deleteEntry(key: string): Promise<void>;
  /** Where the change feed was last read, and who works on what as of then (the feed only names what changed after). */
  setSeq(seq: number, assignment: ServerStatus['assignment']): Promise<void>;
  /** Keeps (edit) or lets go of (null) the refused edit of a sample. */
  setRefused(sampleId: string, edit: RefusedEdit | null): Promise<void>;
}

/** Entries per request at start: each page is copied into the page in a task of its own. */
const ENTRY_PAGE = 2000;

/** Every entry, page by page (one request per page, so no task copies the whole library at once). */
async function readEntries(store: { getAll(range?: IDBKeyRange, count?: number): Promise<StoredEntry[]> }): Promise<StoredEntry[]> {
  const all: StoredEntry[] = [];
  for (let after: string | undefined; ; ) {
    const page = await store.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), ENTRY_PAGE);
    all.push(...page);
    if (page.length < ENTRY_PAGE) return all;
    after = page[page.length - 1]!.entry.id;
  }
}

export function serverCopy(name: string): ServerCopy {
  let open: IDBPDatabase<ServerCopyDB> | null = null;
  const dbPromise = openDB<ServerCopyDB>(name, 3, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('samples', { keyPath: 'id' });
        db.createObjectStore('server');
        db.createObjectStore('outbox');
        db.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        db.createObjectStore('entries');
        // A copy made before entries: the next start reads every row again (no trace) to fill them.
        void tx.objectStore('meta').delete('seq');
      }
      if (oldVersion < 3) {
        const outbox = tx.objectStore('outbox');
        outbox.createIndex('bySample', 'mine.id');
        outbox.createIndex('byFollows', 'follows.key');
        // An entry without a conflict has no such key path: it is left out of the index.
        outbox.createIndex('conflicts', 'conflict.theirVersion');
      }
    },
  }).then((d) => (open = d));
  const db = async () => open ?? (await dbPromise);

  return {
    async read() {
      const d = await db();
      const tx = d.transaction(['entries', 'outbox', 'meta'], 'readonly');
      const [entries, outbox, ui, seq, refused, assignment] = await Promise.all([
        readEntries(tx.objectStore('entries')),
        tx.objectStore('outbox').getAll(),
        tx.objectStore('meta').get('ui'),
        tx.objectStore('meta').get('seq'),
        tx.objectStore('meta').get('refused'),
        tx.objectStore('meta').get('assignment'),
      ]);
      return {
        entries,
        outbox,
        ui: (ui as UiSnapshot | undefined) ?? null,
        seq: (seq as number | undefined) ?? 0,
        refused: (refused as Record<string, RefusedEdit> | undefined) ?? {},
        assignment: (assignment as ServerStatus['assignment'] | undefined) ?? {},
      };
    },
    async putEntries(entries) {
      if (!entries.length) return;
      const tx = (await db()).transaction('entries', 'readwrite');
      await Promise.all([...entries.map((e) => tx.store.put(e, e.entry.id)), tx.done]);
    },
    async samples(ids) {
      const tx = (await db()).transaction(['samples', 'server'], 'readonly');
      const [samples, versions] = await Promise.all([Promise.all(ids.map((id) => tx.objectStore('samples').get(id))), Promise.all(ids.map((id) => tx.objectStore('server').get(id)))]);
      const held = new Map<string, { sample: Sample; version: number }>();
      ids.forEach((id, i) => {
        const sample = samples[i];
        if (sample) held.set(id, { sample, version: versions[i] ?? 0 });
      });
      return held;
    },
    async outbox() {
      return (await db()).getAll('outbox');
    },
    async outboxKeys() {
      return (await db()).getAllKeys('outbox');
    },
    async outboxEntry(key) {
      return (await db()).get('outbox', key);
    },
    async outboxCounts() {
      const tx = (await db()).transaction('outbox', 'readonly');
      const [entries, conflicts] = await Promise.all([tx.store.count(), tx.store.index('conflicts').count(), tx.done]);
      return { entries, conflicts };
    },
    async followersOf(key) {
      return (await db()).getAllFromIndex('outbox', 'byFollows', key);
    },
    async waitingIds() {
      const ids = new Set<string>();
      const tx = (await db()).transaction('outbox', 'readonly');
      for (let cursor = await tx.store.index('bySample').openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) ids.add(cursor.key);
      await tx.done;
      return ids;
    },
    async queue(entries, ui) {
      const d = open ?? (await db());
      const tx = d.transaction(['samples', 'outbox', 'meta'], 'readwrite', { durability: 'strict' });
      const writes: Promise<unknown>[] = [];
      for (const e of entries) writes.push(tx.objectStore('outbox').put(e, e.key), tx.objectStore('samples').put(e.mine));
      if (ui) writes.push(tx.objectStore('meta').put(ui, 'ui'));
      tx.commit();
      await Promise.all([...writes, tx.done]);
    },
    async accept(sample, version, options = {}) {
      const d = await db();
      const tx = d.transaction(['samples', 'server'], 'readwrite');
      await Promise.all([tx.objectStore('server').put(version, sample.id), options.keepWorking ? null : tx.objectStore('samples').put(sample), tx.done]);
    },
    async keep(read) {
      if (!read.length) return;
      const tx = (await db()).transaction(['samples', 'server', 'outbox'], 'readwrite');
      const bySample = tx.objectStore('outbox').index('bySample');
      const waiting = await Promise.all(read.map(({ sample }) => bySample.count(sample.id)));
      const writes: Promise<unknown>[] = [];
      for (const [i, { sample, version }] of read.entries()) {
        if (waiting[i]) continue;
        writes.push(tx.objectStore('samples').put(sample), tx.objectStore('server').put(version, sample.id));
      }
      await Promise.all([...writes, tx.done]);
    },
    async settle(key, sent, version) {
      const d = await db();
      const tx = d.transaction('outbox', 'readwrite');
      const entry = await tx.store.get(key);
      let dropped = false;
      if (entry && JSON.stringify(entry.mine) === JSON.stringify(sent)) {
        await tx.store.delete(key);
        dropped = true;
      } else if (entry) {
        // A newer edit was queued while this one travelled: it now builds on what the server took.
        await tx.store.put({ ...entry, baseVersion: version }, key);
      }
      await tx.done;
      return dropped;
    },
    async putEntry(entry) {
      await (await db()).put('outbox', entry, entry.key);
    },
    async deleteEntry(key) {
      await (await db()).delete('outbox', key);
    },
    async setSeq(seq, assignment) {
      const tx = (await db()).transaction('meta', 'readwrite');
      await Promise.all([tx.store.put(seq, 'seq'), tx.store.put(assignment, 'assignment'), tx.done]);
    },
    async setRefused(sampleId, edit) {
      const tx = (await db()).transaction('meta', 'readwrite');
      const all = { ...((await tx.store.get('refused')) as Record<string, RefusedEdit> | undefined) };
      if (edit) all[sampleId] = edit;
      else delete all[sampleId];
      await Promise.all([tx.store.put(all, 'refused'), tx.done]);
    },
  };
}
