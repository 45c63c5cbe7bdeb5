/**
 * Test helper: exported files against the committed golden files, byte for byte. With
 * UPDATE_GOLDEN=1 it writes them instead (check the diff before committing).
 */
import { expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** core/export/golden: one folder a format. */
export const GOLDEN = join(import.meta.dirname, '../golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function expectGoldenFiles(format: string, files: readonly { name: string; bytes: Uint8Array }[]): void {
  const dir = join(GOLDEN, format);
  if (UPDATE) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  }
  expect(existsSync(dir), `no golden files for ${format}: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
  for (const f of files) expect(Buffer.from(f.bytes).equals(readFileSync(join(dir, f.name))), `${format}/${f.name} differs from golden`).toBe(true);
}
