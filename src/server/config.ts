/**
 * Light on purpose (the CLI loads it for every command): where the server keeps its data, as `serve` and `user` decide it: PostgreSQL when DATABASE_URL is set, else an embedded data folder. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorageOptions } from './db/open';

export const DEFAULT_DATA_DIR = 'hint-studio-data';
export const DEFAULT_PORT = 4180;
/** The studio as `npm run build` leaves it. */
export const DEFAULT_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

export function storageFrom(options: { data?: string }, env: NodeJS.ProcessEnv = process.env): StorageOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (options.data !== undefined) throw new Error('--data names an embedded data folder, but DATABASE_URL is set: use one or the other');
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite', dataDir: resolve(options.data ?? DEFAULT_DATA_DIR) };
}
