/**
 * The annotator's own settings and hint library, kept in a separate IndexedDB database from
 * the samples. Separate on purpose: project backups and exports read the samples database,
 * so API keys stored here can never travel with them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface LocalSettingsPersistence {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

interface LocalDB extends DBSchema {
  local: { key: string; value: unknown };
}

export const LOCAL_DATABASE_NAME = 'hint-studio-local';

export function indexedDbLocalSettings(name = LOCAL_DATABASE_NAME): LocalSettingsPersistence {
  let db: Promise<IDBPDatabase<LocalDB>> | null = null;
  const open = () =>
    (db ??= openDB<LocalDB>(name, 1, {
      upgrade(database) {
        database.createObjectStore('local');
      },
    }));
  return {
    async get<T>(key: string) {
      return (await (await open()).get('local', key)) as T | undefined;
    },
    async put(key, value) {
      await (await open()).put('local', value, key);
    },
  };
}

/** For tests and for a studio whose browser refuses IndexedDB: forgets everything on reload. */
export function memoryLocalSettings(initial: Record<string, unknown> = {}): LocalSettingsPersistence {
  const values = new Map(Object.entries(initial));
  return {
    async get<T>(key: string) {
      return structuredClone(values.get(key)) as T | undefined;
    },
    async put(key, value) {
      values.set(key, structuredClone(value));
    },
  };
}
