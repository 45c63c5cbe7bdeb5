/**
 * A real PostgreSQL for the server tests: a private cluster in a temporary folder, on a unix
 * socket only, started from Debian's `postgresql` binaries (as the `postgres` user when the
 * tests run as root, as in CI). HINT_STUDIO_TEST_DATABASE_URL points the tests at another
 * server instead. Each test server gets a database of its own.
 *
 * Absent PostgreSQL skips those tests with a loud message on a developer's machine and fails
 * them in CI (CI=true), where .ci/run installs it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const EXTERNAL = process.env.HINT_STUDIO_TEST_DATABASE_URL;

/** The newest Debian PostgreSQL with the binaries a cluster needs, or undefined. */
function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(bin, b)))) return bin;
  }
  return undefined;
}

export const postgresAvailable = Boolean(EXTERNAL ?? pgBin());

/** Call at the top of a test file: says loudly why the PostgreSQL half is skipped, and refuses to skip in CI. */
export function postgresOrSkipNotice(): boolean {
  if (postgresAvailable) return true;
  const message =
    'PostgreSQL is not installed (Debian package `postgresql`), so the server tests run on PGlite only. ' +
    'Install it (`apt-get install postgresql`) or set HINT_STUDIO_TEST_DATABASE_URL.';
  if (process.env.CI) throw new Error(`CI: ${message}`);
  console.warn(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`);
  return false;
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, command: string, args: string[]): void {
  const path = join(bin, command);
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  else execFileSync(path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function giveToPostgres(dir: string): void {
  if (asRoot) execFileSync('chown', ['-R', 'postgres:', dir]);
}

/** An initialised data directory, made once per machine and PostgreSQL version, copied for each cluster (initdb takes seconds). */
function templateDataDir(bin: string): string {
  const version = bin.split('/').at(-2);
  const template = join(tmpdir(), `hint-studio-test-pgdata-${version}-${asRoot ? 'postgres' : process.getuid?.()}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const work = mkdtempSync(join(tmpdir(), 'hint-studio-initdb-'));
  giveToPostgres(work);
  run(bin, 'initdb', ['-D', join(work, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--no-locale']);
  try {
    renameSync(join(work, 'data'), template);
  } catch {
    // Another test process made it first.
  }
  rmSync(work, { recursive: true, force: true });
  return template;
}

export interface PostgresCluster {
  /** A new, empty database on the cluster. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

function clusterOn(adminUrl: string, stopCluster: () => void): PostgresCluster {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `hs_test_${process.pid}_${Date.now()}_${counter++}`;
      await admin((c) => c.query(`create database ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (EXTERNAL) {
        await admin(async (c) => {
          for (const name of created) await c.query(`drop database if exists ${name} with (force)`);
        });
      }
      stopCluster();
    },
  };
}

/**
 * Start a private cluster (or use HINT_STUDIO_TEST_DATABASE_URL). Tests run it without
 * fsync; `durable` keeps PostgreSQL's defaults (for benchmarks).
 */
export function startPostgres({ durable = false }: { durable?: boolean } = {}): PostgresCluster {
  if (EXTERNAL) return clusterOn(EXTERNAL, () => {});
  const bin = pgBin();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'hint-studio-pg-'));
  // cp and rm, not Node's cpSync/rmSync: ten times faster on a data directory's thousand files.
  execFileSync('cp', ['-a', templateDataDir(bin), join(dir, 'data')]);
  chmodSync(join(dir, 'data'), 0o700);
  giveToPostgres(dir);
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-k ${dir} -c listen_addresses='' -c max_connections=200${fast}`;
  run(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-w', '-o', options, '-l', join(dir, 'log'), 'start']);
  return clusterOn(`postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`, () => {
    try {
      run(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-W', 'stop']);
    } finally {
      execFileSync('rm', ['-rf', dir]);
    }
  });
}
