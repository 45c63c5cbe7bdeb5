/**
 * A heap snapshot of the studio after a reload of the bench's 8,000-sample library (developer
 * tool, not a figure; `demo` as the first argument: the 6-sample demo library), to see what holds
 * the heap: `BENCH_PORT=... PROFILE_DIST=DIR [SCROLL=1] npx tsx bench/heap-snapshot.ts [big|demo] [FILE]`.
 * The library is imported once into a browser profile kept in /tmp; SCROLL=1 scrolls the library
 * as bench/library.ts does before it weighs the heap. Open the file in Chromium's DevTools (Memory).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { openStudio } from '../e2e/helpers';
import { cortInferenceJsonl } from './trace-fixture';
import { GENERATIONS, installProbes, RECORDS, TRACE_TOKENS } from './library';

const dist = process.env.PROFILE_DIST!;
const port = Number(process.env.BENCH_PORT ?? 4311);
const demo = process.argv[2] === 'demo';
const out = process.argv[3] ?? `/tmp/hint-studio-${demo ? 'demo' : 'big'}.heapsnapshot`;
const userDir = `/tmp/hint-studio-heap-snapshot-${port}${demo ? '-demo' : ''}`;
const samples = RECORDS * GENERATIONS;
const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const baseURL = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100 && !(await fetch(baseURL).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
const fresh = !existsSync(userDir);
const context = await chromium.launchPersistentContext(userDir, { ...(playwrightConfig.use?.launchOptions ?? {}), baseURL, viewport: playwrightConfig.use?.viewport ?? null });
try {
  const page: Page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(installProbes);
  await openStudio(page);
  if (fresh && !demo) {
    const path = '/tmp/hint-studio-heap-snapshot.jsonl';
    writeFileSync(path, cortInferenceJsonl(RECORDS, GENERATIONS, TRACE_TOKENS));
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-imported').filter({ hasText: `${samples} imported` }).waitFor({ timeout: 900_000 });
    await page.waitForTimeout(20_000);
    console.log('imported');
  }
  await page.reload();
  if (!demo) await page.waitForFunction(() => performance.getEntriesByName('hint-studio:library-read').length > 0, null, { timeout: 600_000 });
  await page.waitForFunction(() => (window as unknown as { bench: { rowsPainted: number } }).bench.rowsPainted > 0, null, { timeout: 600_000 });
  await page.waitForTimeout(3000);
  // SCROLL=1: as the bench does before it weighs the heap: to the end, then 40 viewports from the top.
  if (process.env.SCROLL) {
    await page.getByTestId('library-scroller').evaluate(async (el) => {
      // Inline, not a named helper: tsx would wrap a named function in __name(), unknown in the page.
      for (let i = 0; i < 50 && el.scrollTop + el.clientHeight < el.scrollHeight - 1; i++) {
        el.scrollTop = el.scrollHeight;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
      el.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (let i = 0; i < 40; i++) {
        el.scrollTop += el.clientHeight;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
    });
    await page.waitForTimeout(2000);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  console.log('JSHeapUsedSize MiB', ((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20).toFixed(2));
  // NO_SNAPSHOT=1: the heap figure only.
  if (!process.env.NO_SNAPSHOT) {
    const file = createWriteStream(out);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => file.write(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    await new Promise((r) => file.end(r));
    console.log('wrote', out);
  }
} finally {
  await context.close();
  process.kill(-server.pid!);
}
