/**
 * What the developer tools that look inside a reload share (bench/profile-reload.ts,
 * bench/heap-snapshot.ts, bench/library-screenshots.ts): `vite preview` of a build of your own,
 * and a browser profile kept in /tmp that holds the bench's 8,000-sample library, imported once.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { openStudio } from '../e2e/helpers';
import { cortInferenceJsonl } from './trace-fixture';
import { GENERATIONS, installProbes, RECORDS, TRACE_TOKENS } from './library';

/** Serves `dist` on `port` until `stop()`. */
export async function servePreview(dist: string, port: number): Promise<{ baseURL: string; stop(): void }> {
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await fetch(baseURL).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
  return { baseURL, stop: () => process.kill(-server.pid!) };
}

export interface LibraryProfile {
  context: BrowserContext;
  page: Page;
}

/**
 * The studio in the browser profile `userDir`, with the bench's probes installed. A new profile
 * imports the bench's library first (`demo`: keeps the demo library only), then waits
 * `afterImportMs` for the import's write-backs to settle.
 */
export async function openLibraryProfile(baseURL: string, userDir: string, { demo = false, afterImportMs = 0 } = {}): Promise<LibraryProfile> {
  const fresh = !existsSync(userDir);
  const context = await chromium.launchPersistentContext(userDir, { ...(playwrightConfig.use?.launchOptions ?? {}), baseURL, viewport: playwrightConfig.use?.viewport ?? null });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(installProbes);
  await openStudio(page);
  if (fresh && !demo) {
    const path = `${userDir}.jsonl`;
    writeFileSync(path, cortInferenceJsonl(RECORDS, GENERATIONS, TRACE_TOKENS));
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-imported').filter({ hasText: `${RECORDS * GENERATIONS} imported` }).waitFor({ timeout: 900_000 });
    await page.waitForTimeout(afterImportMs);
    console.log('imported');
  }
  return { context, page };
}

/** Reloads and waits until every entry is read (not for the demo) and the first rows are painted. */
export async function reloadLibrary(page: Page, demo: boolean): Promise<void> {
  await page.reload();
  if (!demo) await page.waitForFunction(() => performance.getEntriesByName('hint-studio:library-read').length > 0, null, { timeout: 600_000 });
  await page.waitForFunction(() => (window as unknown as { bench: { rowsPainted: number } }).bench.rowsPainted > 0, null, { timeout: 600_000 });
}
