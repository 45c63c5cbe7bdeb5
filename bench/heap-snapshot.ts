/**
 * A heap snapshot of the studio after a reload of the bench's 8,000-sample library (developer
 * tool, not a figure; `demo` as the first argument: the 6-sample demo library), to see what holds
 * the heap: `BENCH_PORT=... PROFILE_DIST=DIR [SCROLL=1] npx tsx bench/heap-snapshot.ts [big|demo] [FILE]`.
 * The library is imported once into a browser profile kept in /tmp; SCROLL=1 scrolls the library
 * as bench/library.ts does before it weighs the heap. Open the file in Chromium's DevTools (Memory).
 */
import { createWriteStream } from 'node:fs';
import { openLibraryProfile, reloadLibrary, servePreview } from './devLibrary';

const dist = process.env.PROFILE_DIST!;
const port = Number(process.env.BENCH_PORT ?? 4311);
const demo = process.argv[2] === 'demo';
const out = process.argv[3] ?? `/tmp/hint-studio-${demo ? 'demo' : 'big'}.heapsnapshot`;
const userDir = `/tmp/hint-studio-heap-snapshot-${port}${demo ? '-demo' : ''}`;
const preview = await servePreview(dist, port);
const { context, page } = await openLibraryProfile(preview.baseURL, userDir, { demo, afterImportMs: 20_000 });
try {
  await reloadLibrary(page, demo);
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
  preview.stop();
}
