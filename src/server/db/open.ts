/**
 * Opening the server's database: embedded PGlite in a data folder (the default, so one
 * command runs a server) or PostgreSQL when a URL is given. Both get the same migrations,
 * run through drizzle's migrator before anything else touches the tables.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { lockDataFolder } from './lock';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type StorageOptions =
  /** Embedded PGlite in `dataDir/pglite`, locked against a second process. */
  | { kind: 'pglite'; dataDir: string }
  /** Embedded PGlite in memory (tests); `template` is a dumped data directory to start from. */
  | { kind: 'pglite-memory'; template?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data is, for the start-up message (never the password of a URL). */
  where: string;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
/** Any constant: the advisory lock that keeps two servers starting at once from migrating together. */
const MIGRATION_LOCK = 7_355_608;

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL server named by DATABASE_URL';
  }
}

async function openPglite(options: Extract<StorageOptions, { kind: 'pglite' | 'pglite-memory' }>): Promise<Database> {
  let release = () => {};
  let client: PGlite;
  if (options.kind === 'pglite') {
    mkdirSync(options.dataDir, { recursive: true });
    release = lockDataFolder(options.dataDir);
    try {
      client = await PGlite.create(join(options.dataDir, 'pglite'));
    } catch (err) {
      release();
      throw err;
    }
  } else {
    client = await PGlite.create(options.template ? { loadDataDir: options.template } : {});
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  try {
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (err) {
    await client.close();
    release();
    throw err;
  }
  return {
    db,
    kind: 'pglite',
    where: options.kind === 'pglite' ? join(options.dataDir, 'pglite') : 'memory',
    async close() {
      await client.close();
      release();
    },
  };
}

async function openPostgres(options: Extract<StorageOptions, { kind: 'postgres' }>): Promise<Database> {
  // Migrate on one connection holding an advisory lock, so servers started together take turns.
  const migrator = new pg.Client({ connectionString: options.url });
  await migrator.connect();
  try {
    await migrator.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client: migrator, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrator.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } finally {
    await migrator.end();
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    where: redactUrl(options.url),
    close: () => pool.end(),
  };
}

export async function openDatabase(options: StorageOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options) : openPglite(options);
}

/** One round trip doing nothing: the floor the save latency is measured against. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
