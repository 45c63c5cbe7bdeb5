#!/usr/bin/env node
/**
 * Builds a Pyodide memory snapshot of an interpreter that has imported the local packages
 * (sympy, mpmath) and exercised the parts of sympy CoRT traces use most, so a sandbox starts
 * from it in about a second instead of booting and importing for ten (see `npm run bench`).
 * Written into the (ignored) Pyodide folder next to the packages:
 *   python-snapshot.bin   the interpreter's memory (Pyodide's private `_makeSnapshot` API)
 *   python-snapshot.json  which zips the snapshot imported from, at which paths, and the version
 * A snapshot holds memory, not files: the sandbox writes the same zips back to the same paths
 * after restoring (src/python/browser/sandbox/worker.ts). It is made before any sample code exists, from
 * installed packages only, so it holds nothing but Python, sympy and mpmath.
 * Usage: node scripts/build-python-snapshot.mjs DIR   (DIR holds local-packages.json)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pyodideDir = join(root, 'node_modules', 'pyodide');
const { version } = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8'));
const SNAPSHOT = 'python-snapshot.bin';
const SNAPSHOT_MANIFEST = 'python-snapshot.json';
/** Where the zips live inside the interpreter's file system (on sys.path, read by zipimport). */
const ZIP_DIR = '/lib/hint-studio';

/** Imports and calls that pull in the sympy modules CoRT-style code uses, so they are in the snapshot. */
const WARM_UP = `
import sympy as sp
x, y, n = sp.symbols('x y n')
sp.integrate(sp.sin(x)**3 * sp.cos(x)**2, x); sp.factorint(2**64 + 1); sp.solve([x**2 + y**2 - 25, x - y - 1], [x, y])
sp.series(sp.exp(sp.sin(x)), x, 0, 8); sp.Matrix(3, 3, lambda i, j: sp.Rational(1, i + j + 1)).det()
sp.simplify(sp.sin(x)**2 + sp.cos(x)**2); sp.nsimplify(0.5); sp.N(sp.pi, 30); sp.factor(x**2 - 1); sp.expand((x + 1)**5)
sp.limit(sp.sin(x) / x, x, 0); sp.isprime(97); sp.binomial(10, 3); sp.gcd(12, 18); sp.divisors(60); sp.totient(36)
sp.Poly(x**3 - 1, x).all_coeffs(); sp.diff(sp.sin(x), x); sp.summation(n**2, (n, 1, 10)); sp.Eq(x, 1); sp.solveset(x**2 - 4, x)
sp.Rational(3, 4) + sp.sqrt(2); sp.floor(sp.Rational(7, 2)); sp.mod_inverse(3, 7); sp.Integer(10).factorial() if hasattr(sp.Integer(10), 'factorial') else None
`;

/**
 * What the snapshot is made from: rebuilt when any of it changes (the package list, the zips —
 * zipimport keeps their directories in memory, so the restored zips must be the same bytes —
 * Pyodide, this script).
 */
function inputsHash(out, manifestPath) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const zips = Object.values(manifest.packages).map((p) => join(out, p.file));
  const hash = createHash('sha256');
  for (const p of [manifestPath, ...zips, join(pyodideDir, 'pyodide.asm.wasm'), fileURLToPath(import.meta.url)]) hash.update(readFileSync(p));
  return hash.digest('hex');
}

export async function buildSnapshot(out = join(root, 'public', 'pyodide')) {
  const manifestPath = join(out, 'local-packages.json');
  if (!existsSync(manifestPath)) {
    console.warn('python snapshot: no local packages (local-packages.json); sandboxes will boot cold.');
    return;
  }
  const snapshotPath = join(out, SNAPSHOT);
  const metaPath = join(out, SNAPSHOT_MANIFEST);
  const inputs = inputsHash(out, manifestPath);
  if (existsSync(snapshotPath) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.inputs === inputs) return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const names = Object.keys(manifest.packages);
  const started = performance.now();
  const { loadPyodide } = await import(join(pyodideDir, 'pyodide.mjs'));
  const pyodide = await loadPyodide({ _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
  pyodide.FS.mkdirTree(ZIP_DIR);
  const zips = names.map((name) => {
    const file = manifest.packages[name].file;
    const path = `${ZIP_DIR}/${file}`;
    pyodide.FS.writeFile(path, new Uint8Array(readFileSync(join(out, file))));
    return { path, file };
  });
  pyodide.runPython(`import sys\nsys.path[:0] = ${JSON.stringify(zips.map((z) => z.path))}`);
  // The warm-up runs in a throwaway namespace: the snapshot's __main__ stays empty.
  pyodide.runPython(`exec(${JSON.stringify(WARM_UP)}, {})`);
  pyodide.runPython('import gc; gc.collect()');
  const bytes = pyodide.makeMemorySnapshot();
  writeFileSync(snapshotPath, bytes);
  writeFileSync(metaPath, JSON.stringify({ file: SNAPSHOT, pyodideVersion: version, inputs, zips, packages: names }, null, 2) + '\n');
  console.log(`python snapshot: ${(bytes.length / 2 ** 20).toFixed(1)} MiB with ${names.join(', ')} imported (${Math.round(performance.now() - started)} ms) -> ${snapshotPath}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildSnapshot(process.argv[2] ? resolve(process.argv[2]) : undefined);
