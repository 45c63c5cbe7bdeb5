/**
 * The browser's copy of a team-server project (IndexedDB, one database per server project
 * and user): the working copy of every sample, the server version each was last seen at,
 * the outbox of edits the server has not accepted yet, and the UI state. The outbox
 * survives a reload; it is what "N edits waiting" counts.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
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

interface ServerCopyDB extends DBSchema {
  samples: { key: string; value: Sample };
  server: { key: string; value: number };
  outbox: { key: string; value: OutboxEntry };
  meta: { key: string; value: unknown };
}

export interface ServerCopy {
  read(): Promise<{ samples: Sample[]; versions: Map<string, number>; outbox: OutboxEntry[]; ui: UiSnapshot | null; seq: number; refused: Record<string, RefusedEdit>; assignment: ServerStatus['assignment'] }>;
  outbox(): Promise<OutboxEntry[]>;
  /** Queues edits (and the UI state) in one transaction issued at once: a save from `pagehide` lands. */
  queue(entries: OutboxEntry[], ui?: UiSnapshot): Promise<void>;
  /** The server holds `sample` at `version`: the working copy takes it unless `keepWorking`. */
  accept(sample: Sample, version: number, options?: { keepWorking?: boolean }): Promise<void>;
  /** Drops the outbox entry if it still holds exactly `sent`, else moves its base to `version`; true when dropped. */
  settle(key: string, sent: Sample, version: number): Promise<boolean>;
  putEntry(entry: OutboxEntry): Promise<void>;
  deleteEntry(key: string): Promise<void>;
  /** Where the change feed was last read, and who works on what as of then (the feed only names what changed after). */
  setSeq(seq: number, assignment: ServerStatus['assignment']): Promise<void>;
  /** Keeps (edit) or lets go of (null) the refused edit of a sample. */
  setRefused(sampleId: string, edit: RefusedEdit | null): Promise<void>;
}

export function serverCopy(name: string): ServerCopy {
  let open: IDBPDatabase<ServerCopyDB> | null = null;
  const dbPromise = openDB<ServerCopyDB>(name, 1, {
    upgrade(db) {
      db.createObjectStore('samples', { keyPath: 'id' });
      db.createObjectStore('server');
      db.createObjectStore('outbox');
      db.createObjectStore('meta');
    },
  }).then((d) => (open = d));
  const db = async () => open ?? (await dbPromise);

  return {
    async read() {
      const d = await db();
      const tx = d.transaction(['samples', 'server', 'outbox', 'meta'], 'readonly');
      const [samples, keys, versions, outbox, ui, seq, refused, assignment] = await Promise.all([
        tx.objectStore('samples').getAll(),
        tx.objectStore('server').getAllKeys(),
        tx.objectStore('server').getAll(),
        tx.objectStore('outbox').getAll(),
        tx.objectStore('meta').get('ui'),
        tx.objectStore('meta').get('seq'),
        tx.objectStore('meta').get('refused'),
        tx.objectStore('meta').get('assignment'),
      ]);
      return {
        samples,
        versions: new Map(keys.map((k, i) => [k, versions[i]!])),
        outbox,
        ui: (ui as UiSnapshot | undefined) ?? null,
        seq: (seq as number | undefined) ?? 0,
        refused: (refused as Record<string, RefusedEdit> | undefined) ?? {},
        assignment: (assignment as ServerStatus['assignment'] | undefined) ?? {},
      };
    },
    async outbox() {
      return (await db()).getAll('outbox');
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
