/**
 * The sandbox process runs one plain JavaScript file: it may read nothing else of ours (the
 * permission model), so it cannot load TypeScript through tsx. esbuild (tsx's own compiler)
 * bundles sandbox.ts from the current sources at first use — never stale — into a file
 * named by its content hash, so a cached copy is reused and concurrent runs agree.
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./sandbox.ts', import.meta.url));
/** A compiled distribution ships the bundle next to this module instead. */
const PREBUILT = fileURLToPath(new URL('./sandbox.mjs', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/hint-studio/', import.meta.url));

let entry: string | undefined;

/** The path of the sandbox process's entry script, bundling it on first use. */
export function sandboxEntryFile(): string {
  if (entry && existsSync(entry)) return entry;
  if (existsSync(PREBUILT)) return (entry = PREBUILT);
  const built = buildSync({
    entryPoints: [SOURCE],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = built.outputFiles[0]!.contents;
  const name = `python-sandbox-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  return (entry = writeOnce(code, name));
}

function writeOnce(code: Uint8Array, name: string): string {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = join(CACHE_DIR, name);
    if (!existsSync(file)) {
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, code);
      renameSync(partial, file);
      // Bundles of older sources (a run still using one bundles it again if it is gone).
      for (const old of readdirSync(CACHE_DIR)) if (/^python-sandbox-\w+\.mjs$/.test(old) && old !== name) rmSync(join(CACHE_DIR, old), { force: true });
    }
    return file;
  } catch {
    // A read-only install: a private folder of this run's own.
    const file = join(mkdtempSync(join(tmpdir(), 'hint-studio-sandbox-')), name);
    writeFileSync(file, code, { mode: 0o600 });
    return file;
  }
}
