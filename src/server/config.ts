/** Where the server keeps its data, as `serve` and `user` decide it: PostgreSQL when DATABASE_URL is set, else an embedded data folder. */
import { resolve } from 'node:path';
import type { StorageOptions } from './db/open';

export const DEFAULT_DATA_DIR = 'hint-studio-data';

export function storageFrom(options: { data?: string }, env: NodeJS.ProcessEnv = process.env): StorageOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (options.data !== undefined) throw new Error('--data names an embedded data folder, but DATABASE_URL is set: use one or the other');
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite', dataDir: resolve(options.data ?? DEFAULT_DATA_DIR) };
}
