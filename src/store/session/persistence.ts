import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Sample } from '../../core/sample/types';
import type { UiSnapshot } from './ui';

/**
 * Where the studio keeps its work between sessions: IndexedDB in the browser, memory in
 * Node and tests, a team server later. The composition root picks one; the store only
 * speaks this interface.
 */
export interface StudioPersistence {
  load(): Promise<{ samples: Sample[]; ui: UiSnapshot | null }>;
  /** Writes the given samples and UI snapshot in one transaction: all or nothing. */
  save(batch: { samples: Sample[]; deletedIds?: string[]; ui?: UiSnapshot }): Promise<void>;
  /**
   * Changes made elsewhere (another tab, a team server): the studio merges them into what it
   * holds, a newer edit winning (core/project's rule). Optional: local-only stores have none.
   */
  watch?(listener: (change: { samples: Sample[]; deletedIds: string[] }) => void): () => void;
  /**
   * Asks that this storage survive storage pressure (the browser's `navigator.storage.persist`);
   * resolves whether it is granted. Optional: memory and server stores have nothing to ask.
   */
  persist?(): Promise<boolean>;
}

/** In memory: for Node, tests, and a browser that refuses IndexedDB. Forgets everything on exit. */
export function memoryPersistence(initial: { samples?: Sample[]; ui?: UiSnapshot | null } = {}): StudioPersistence {
  const samples = new Map((initial.samples ?? []).map((s) => [s.id, structuredClone(s)]));
  let ui = initial.ui ?? null;
  return {
    async load() {
      return { samples: [...samples.values()].map((s) => structuredClone(s)), ui: ui && structuredClone(ui) };
    },
    async save(batch) {
      for (const s of batch.samples) samples.set(s.id, structuredClone(s));
      for (const id of batch.deletedIds ?? []) samples.delete(id);
      if (batch.ui) ui = structuredClone(batch.ui);
    },
  };
}

interface StudioDB extends DBSchema {
  samples: { key: string; value: Sample };
  meta: { key: string; value: UiSnapshot };
}

export const DATABASE_NAME = 'hint-studio';
const UI_KEY = 'ui';

/** IndexedDB through `idb`: a `samples` store keyed by sample id and a `meta` store for UI state. */
export function indexedDbPersistence(name = DATABASE_NAME): StudioPersistence {
  let dbPromise: Promise<IDBPDatabase<StudioDB>> | null = null;
  // The open connection, once known: a save from a `pagehide` handler must create its
  // transaction synchronously, before the page is torn down, so it cannot await anything first.
  let openDb: IDBPDatabase<StudioDB> | null = null;
  const db = () =>
    (dbPromise ??= openDB<StudioDB>(name, 1, {
      upgrade(database) {
        database.createObjectStore('samples', { keyPath: 'id' });
        database.createObjectStore('meta');
      },
    }).then((d) => (openDb = d)));

  return {
    async load() {
      const d = await db();
      const [samples, ui] = await Promise.all([d.getAll('samples'), d.get('meta', UI_KEY)]);
      return { samples, ui: ui ?? null };
    },
    async save({ samples, deletedIds = [], ui }) {
      const d = openDb ?? (await db());
      const tx = d.transaction(['samples', 'meta'], 'readwrite', { durability: 'strict' });
      const writes: Promise<unknown>[] = samples.map((s) => tx.objectStore('samples').put(s));
      for (const id of deletedIds) writes.push(tx.objectStore('samples').delete(id));
      if (ui) writes.push(tx.objectStore('meta').put(ui, UI_KEY));
      // Commit now rather than when the event loop idles: the page may be unloading.
      tx.commit();
      await Promise.all([...writes, tx.done]);
    },
    async persist() {
      const storage = globalThis.navigator?.storage;
      if (!storage?.persist) return false;
      return (await storage.persisted()) || storage.persist();
    },
  };
}
