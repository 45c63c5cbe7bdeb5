/**
 * `hint-studio serve` as a function: open the database (migrating it), make the first admin
 * and project on a fresh one, and listen. Tests and benches start servers through this too.
 */
import { DEFAULT_PORT } from './config';
import { generatePassword } from './auth/passwords';
import { openDatabase, type Database, type StorageOptions } from './db/open';
import { backfillDerivedColumns } from './data/sampleWrites';
import { startTokenCounting, type TokenCounting, type TokenCountingOptions } from './data/tokenCounts';
import { createProject, listProjects } from './data/projects';
import { countAdmins, createUser, findUser } from './data/users';
import { buildApp, type App } from './http/app';
import type { AppOptions } from './http/options';

export { openDatabase, type Database, type StorageOptions } from './db/open';

export const FIRST_ADMIN = 'admin';
export const FIRST_PROJECT = 'main';

export interface ServeOptions extends Omit<AppOptions, 'db' | 'storage'> {
  storage: StorageOptions;
  /**
   * Count every sample's tokens in the background (data/tokenCounts.ts), for the library's
   * token sort in SQL. `hint-studio serve` does; tests that do not need it leave it off.
   */
  countTokens?: boolean | TokenCountingOptions;
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  app: App;
  database: Database;
  /** The background token count, when `countTokens` asked for it. */
  tokenCounting?: TokenCounting;
  /** Set on the first start of an empty database: shown once, never stored in clear. */
  firstAdmin?: { username: string; password: string };
  close(): Promise<void>;
}

/**
 * A fresh database gets an admin (with a random password) and an empty project, so one
 * command gives a working server. So does a database whose users include no active admin.
 */
export async function initialise(database: Database): Promise<RunningServer['firstAdmin']> {
  let firstAdmin: RunningServer['firstAdmin'];
  if ((await countAdmins(database.db)) === 0) {
    let username = FIRST_ADMIN;
    for (let n = 2; await findUser(database.db, username); n++) username = `${FIRST_ADMIN}${n}`;
    const password = generatePassword();
    await createUser(database.db, { username, role: 'admin', password }, null);
    firstAdmin = { username, password };
  }
  if ((await listProjects(database.db)).length === 0) await createProject(database.db, { name: FIRST_PROJECT }, null);
  // Samples written before the library's search ran in SQL get their search columns.
  await backfillDerivedColumns(database.db);
  return firstAdmin;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const database = await openDatabase(options.storage);
  try {
    const firstAdmin = await initialise(database);
    const app = await buildApp({ ...options, db: database.db, storage: database.kind });
    const address = await app.fastify.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? '127.0.0.1' });
    const tokenCounting = options.countTokens ? startTokenCounting(database.db, options.countTokens === true ? {} : options.countTokens) : undefined;
    let closing: Promise<void> | undefined;
    return {
      url: address.replace('[::1]', 'localhost'),
      app,
      database,
      firstAdmin,
      tokenCounting,
      close: () =>
        (closing ??= (async () => {
          await tokenCounting?.stop();
          await app.fastify.close();
          await database.close();
        })()),
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
