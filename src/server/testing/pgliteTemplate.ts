/**
 * A migrated PGlite database to start test servers from: made once per machine, PGlite
 * version and set of migrations (initdb in WebAssembly takes seconds), loaded in about one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from '../db/open';

/** PGlite's package.json (its exports map hides it from require). */
function pglitePackage(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"@electric-sql/pglite"')) dir = dirname(dir);
  return readFileSync(join(dir, 'package.json'), 'utf8');
}

function templatePath(): string {
  const hash = createHash('sha256');
  hash.update(pglitePackage());
  for (const file of readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort()) hash.update(readFileSync(join(MIGRATIONS_FOLDER, file)));
  return join(tmpdir(), `hint-studio-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

let loaded: Promise<Blob> | undefined;

export function pgliteTemplate(): Promise<Blob> {
  loaded ??= (async () => {
    const path = templatePath();
    if (!existsSync(path)) {
      const client = await PGlite.create();
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      const dump = await client.dumpDataDir('none');
      await client.close();
      const partial = `${path}.${process.pid}`;
      writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
      renameSync(partial, path);
    }
    return new Blob([readFileSync(path)]);
  })();
  return loaded;
}
