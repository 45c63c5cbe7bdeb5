/**
 * The built studio for the browser figures: `vite preview` of dist/ when it is current,
 * otherwise of a private build (other engineers edit src/ while the bench runs, and dist/
 * is theirs to rebuild), opened in Chromium with the e2e launch flags.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import playwrightConfig from '../playwright.config';

const ROOT = join(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_PORT ?? 4198);
/** Per port: engineers benchmarking at once on one machine must not build into each other's folder. */
const PRIVATE_OUT_DIR = `/tmp/dist-bench-${PORT}`;
/** What a build is made from: anything newer than dist/index.html makes dist/ stale. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'sandbox.html', 'vite.config.ts', 'package.json'];

export interface Studio {
  baseUrl: string;
  browser: Browser;
  /** Which build is served, and why. */
  build: string;
  /** The folder of that build (a team server serves it too: bench/server-browser.ts, bench/serverLibrary.ts). */
  outDir: string;
  /** A fresh context (empty IndexedDB, cold HTTP cache) with the e2e viewport. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * dist/ when it is at least as new as every build input and holds the test pages (a build with
 * HINT_STUDIO_HARNESS=1); otherwise a fresh build of both in a private dir.
 */
function currentBuild(): { outDir: string; build: string } {
  // A build of your own (e.g. `npx vite build --minify false` for a profile with names): served as it is.
  const own = process.env.BENCH_DIST;
  if (own) return { outDir: own, build: `${own} (BENCH_DIST)` };
  const distIndex = join(ROOT, 'dist', 'index.html');
  if (existsSync(distIndex) && existsSync(join(ROOT, 'dist', 'src/python/browser/testing/harness.html'))) {
    const built = statSync(distIndex).mtimeMs;
    const stale = BUILD_INPUTS.map((p) => join(ROOT, p)).filter((p) => existsSync(p) && newestMtime(p) > built);
    if (stale.length === 0) return { outDir: join(ROOT, 'dist'), build: 'dist/ (current)' };
  }
  try {
    execFileSync('npx', ['vite', 'build', '--outDir', PRIVATE_OUT_DIR, '--emptyOutDir'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, HINT_STUDIO_HARNESS: '1' } });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n').pop();
    throw new Error(`vite build failed: ${stderr || (error as Error).message}`);
  }
  return { outDir: PRIVATE_OUT_DIR, build: `${PRIVATE_OUT_DIR} (dist/ missing, older than its sources, or without the test pages)` };
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with code ${server.exitCode}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${url} within 20 s`);
}

/** Builds if needed, serves, and launches Chromium; throws with the reason when any of it is unavailable. */
export async function startStudio(): Promise<Studio> {
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  const { chromium } = await import('@playwright/test');
  const { outDir, build } = currentBuild();
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  const stopServer = () => {
    // The whole process group: npx and the vite it started.
    if (server.pid && server.exitCode === null) process.kill(-server.pid);
  };
  try {
    await waitForServer(baseUrl, server);
    const browser = await chromium.launch(launchOptions);
    return {
      baseUrl,
      browser,
      build,
      outDir,
      newContext: () => browser.newContext({ baseURL: baseUrl, viewport: playwrightConfig.use?.viewport ?? null }),
      close: async () => {
        await browser.close();
        stopServer();
      },
    };
  } catch (error) {
    stopServer();
    throw error;
  }
}
