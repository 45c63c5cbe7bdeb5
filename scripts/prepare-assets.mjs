#!/usr/bin/env node
/**
 * Fills public/pyodide/ (ignored, never committed), which `npm run dev` and `npm run build`
 * serve next to the studio:
 *   - Pyodide's own files, copied from node_modules/pyodide;
 *   - zips of pure-Python packages (sympy, mpmath) from this machine's Python installs,
 *     with local-packages.json (scripts/build-python-packages.py), so `import sympy` works offline;
 *   - sandbox-worker.js, the interpreter worker the sandbox frame starts from a blob URL;
 *   - python-snapshot.bin/.json, a memory snapshot with sympy imported (build-python-snapshot.mjs).
 * Usage: node scripts/prepare-assets.mjs [--out DIR]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'public', 'pyodide');
const pyodideDir = join(root, 'node_modules', 'pyodide');
const PYODIDE_FILES = ['pyodide.js', 'pyodide.mjs', 'pyodide.asm.js', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

mkdirSync(out, { recursive: true });
copyPyodide();
buildPythonPackages();
await buildSandboxWorker();
await buildPythonSnapshot();

function copyPyodide() {
  for (const file of PYODIDE_FILES) {
    const from = join(pyodideDir, file);
    const to = join(out, file);
    if (existsSync(to) && statSync(to).size === statSync(from).size && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
    copyFileSync(from, to);
  }
}

function buildPythonPackages() {
  const script = join(root, 'scripts', 'build-python-packages.py');
  const run = spawnSync('python3', [script, out], { stdio: 'inherit' });
  if (run.error || run.status !== 0) {
    console.warn(
      `warning: could not build the offline Python packages (${run.error?.message ?? `exit ${run.status}`}); ` +
        '`import sympy` will need the online Pyodide index.',
    );
  }
}

/** One classic-script IIFE with no imports: the frame prepends Pyodide's loader to it. */
async function buildSandboxWorker() {
  const { build } = await import('vite');
  const { version } = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8'));
  await build({
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'warn',
    define: { __PYODIDE_VERSION__: JSON.stringify(version) },
    build: {
      outDir: out,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      lib: {
        entry: join(root, 'src', 'python', 'browser', 'sandbox', 'worker.ts'),
        formats: ['iife'],
        name: 'hintStudioSandboxWorker',
        fileName: () => 'sandbox-worker.js',
      },
    },
  });
}

async function buildPythonSnapshot() {
  try {
    const { buildSnapshot } = await import('./build-python-snapshot.mjs');
    await buildSnapshot(out);
  } catch (error) {
    console.warn(`warning: no Python snapshot (${error.message}); sandboxes will boot cold.`);
  }
}
