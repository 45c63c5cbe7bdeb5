/**
 * The library at the scale of real CoRT inference output (math500 × 16 generations = 8,000
 * samples), each figure against the same measurement in the same run: the demo library of 6
 * samples, or JSON.parse of the very file for the import. Follows e2e/library-scale.spec.ts:
 * import through the file input, reload, scroll the library, all in a fresh context.
 *
 * Times are taken in the page (performance.now, the frame after the DOM change painted via a
 * double requestAnimationFrame); "longest task" comes from the Long Tasks API and says how
 * long the page was frozen at a stretch, which is what a user notices during an import.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { openStudio } from '../e2e/helpers';
import { usedHeap } from './browser';
import { emit, round, skip } from './figures';
import type { Studio } from './preview';
import { cortInferenceJsonl } from './trace-fixture';

/** math500 with 16 generations each. */
export const RECORDS = 500;
export const GENERATIONS = 16;
const SAMPLES = RECORDS * GENERATIONS;
/** Tokens per generation: smaller than CoRT's 32k cap so 8,000 of them fit a bench run (~110 MB). */
export const TRACE_TOKENS = 2_500;
const DEMO_SAMPLES = 6;
/** Viewport-sized scroll steps timed through the library. */
const SCROLL_STEPS = 40;

interface BenchWindow {
  bench: {
    longTasks: { start: number; duration: number }[];
    /** performance.now() when the app said data-ready, and when the first library row was painted. */
    ready: number;
    rowsPainted: number;
    importStart: number;
    importFile?: File;
  };
}

/**
 * Installed before any page script: records long tasks, the ready time and the first painted
 * library row of every navigation, and the moment a file is chosen in the import input.
 */
export function installProbes(): void {
  const w = window as unknown as BenchWindow;
  w.bench = { longTasks: [], ready: 0, rowsPainted: 0, importStart: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (!w.bench.ready && document.querySelector('[data-testid="app"][data-ready="true"]')) w.bench.ready = performance.now();
    if (!w.bench.rowsPainted && document.querySelector('[data-testid="library-row"]')) {
      w.bench.rowsPainted = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => (w.bench.rowsPainted = performance.now())));
    }
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, attributes: true }));
  document.addEventListener(
    'change',
    (e) => {
      const input = e.target as HTMLInputElement;
      if (input.type !== 'file') return;
      w.bench.importStart = performance.now();
      w.bench.importFile = input.files?.[0];
    },
    true,
  );
}

export const probes = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).bench);

/** The longest long task that started in [from, to] (0 when none passed 50 ms). */
export async function longestTask(page: Page, from: number, to: number): Promise<number> {
  const { longTasks } = await probes(page);
  return Math.max(0, ...longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration));
}

/** When the app marked a phase's end (performance.mark 'hint-studio:<name>'), in page time; 0 when it did not. */
export const markAt = (page: Page, name: string) =>
  page.evaluate((name) => performance.getEntriesByName(`hint-studio:${name}`).at(-1)?.startTime ?? 0, name);

/**
 * The longest task of each phase between consecutive boundaries (`[name, end]`, from `from`): a
 * task belongs to the phase it started in. A phase whose end is unknown (0) is left out.
 */
export async function longestByPhase(page: Page, from: number, ends: [string, number][]): Promise<Record<string, number>> {
  const { longTasks } = await probes(page);
  const out: Record<string, number> = {};
  let start = from;
  for (const [name, end] of ends) {
    if (!end) continue;
    out[name] = round(Math.max(0, ...longTasks.filter((t) => t.start >= start && t.start < end).map((t) => t.duration)));
    start = end;
  }
  return out;
}

const painted = (page: Page) => page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));

/** Samples in the studio's IndexedDB, read the way persistence.ts stores them. */
const storedSamples = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('hint-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('samples').objectStore('samples').count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      }),
  );

/** The element the library rows scroll in (whichever library container actually scrolls). */
const SCROLLER = `(() => {
  const table = document.querySelector('[data-testid="library-table"]');
  for (let el = table; el; el = el.parentElement) if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible') return el;
  return document.scrollingElement;
})()`;

/** Scrolls to the very end (rows measured on the way may grow the height) and to the top again. */
async function scrollToEnd(page: Page): Promise<number> {
  return page.evaluate(async (scroller) => {
    const el = (0, eval)(scroller) as HTMLElement;
    const start = performance.now();
    for (let i = 0; i < 50 && el.scrollTop + el.clientHeight < el.scrollHeight - 1; i++) {
      el.scrollTop = el.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return performance.now() - start;
  }, SCROLLER);
}

/** Milliseconds per painted frame with nothing to do (double requestAnimationFrame): the scroll floor. */
async function idleFrame(page: Page, frames: number): Promise<number> {
  return page.evaluate(async (frames) => {
    const start = performance.now();
    for (let i = 0; i < frames; i++) await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return (performance.now() - start) / frames;
  }, frames);
}

/** Milliseconds per viewport-sized scroll step, each to its painted frame. */
async function scrollSteps(page: Page, steps: number): Promise<number> {
  return page.evaluate(
    async ({ scroller, steps }) => {
      const el = (0, eval)(scroller) as HTMLElement;
      el.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const start = performance.now();
      for (let i = 0; i < steps; i++) {
        el.scrollTop += el.clientHeight;
        // Inline, not a named helper: tsx would wrap a named function in __name(), unknown in the page.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
      return (performance.now() - start) / steps;
    },
    { scroller: SCROLLER, steps },
  );
}

interface LibraryRun {
  /** Navigation to data-ready (IndexedDB read) and to the first painted row, after a reload. */
  reloadReadyMs: number;
  reloadPaintMs: number;
  /** Longest task from navigation to 3 s after the first painted row and the whole library read. */
  reloadLongestTaskMs: number;
  /** Longest task per phase of the reload: boot to data-ready, to the first row painted, to every entry read, then to 3 s after the first row. */
  reloadPhases: Record<string, number>;
  scrollEndMs: number;
  scrollStepMs: number;
  idleFrameMs: number;
  rowsInDom: number;
  heapBytes: number;
  import?: { ms: number; parseFloorMs: number; longestTaskMs: number; saveMs: number; phases: Record<string, number> };
}

/** Imports `file` (if any) into a fresh studio, then reloads, scrolls and weighs the library. */
async function measureLibrary(studio: Studio, file: string | null, expected: number): Promise<LibraryRun> {
  const context = await studio.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(installProbes);
    await openStudio(page);
    let imported: LibraryRun['import'];
    if (file) {
      await page.getByTestId('import-file-input').setInputFiles(file);
      await page.getByTestId('import-imported').filter({ hasText: `${expected} imported` }).waitFor({ timeout: 600_000 });
      await page.getByTestId('library-row').first().waitFor({ timeout: 600_000 });
      const done = await painted(page);
      const { importStart } = await probes(page);
      const longestTaskMs = await longestTask(page, importStart, done);
      const phases = await longestByPhase(page, importStart, [
        ['read', await markAt(page, 'import-read')],
        ['merge', await markAt(page, 'import-merged')],
        ['save', await markAt(page, 'import-saved')],
        ['paint', done + 1],
      ]);
      while ((await storedSamples(page)) < expected + DEMO_SAMPLES) await page.waitForTimeout(100);
      const saveMs = (await page.evaluate(() => performance.now())) - importStart;
      const parseFloorMs = await page.evaluate(async () => {
        const text = await (window as unknown as BenchWindow).bench.importFile!.text();
        const start = performance.now();
        for (const line of text.split('\n')) if (line) JSON.parse(line);
        return performance.now() - start;
      });
      imported = { ms: done - importStart, parseFloorMs, longestTaskMs, saveMs, phases };
    }
    await page.reload();
    await page.waitForFunction(() => (window as unknown as BenchWindow).bench.rowsPainted > 0, null, { timeout: 600_000 });
    // A big library paints its first page, then reads the rest (library/streamed.ts): that is part of the reload too.
    // (A build without the mark — an older one, served by BENCH_DIST for a comparison — is measured to 3 s after the first row.)
    if (file) await page.waitForFunction(() => performance.getEntriesByName('hint-studio:library-read').length > 0, null, { timeout: 60_000 }).catch(() => undefined);
    await page.waitForTimeout(3_000);
    const { ready, rowsPainted } = await probes(page);
    const libraryRead = await markAt(page, 'library-read');
    const settled = Math.max(libraryRead, rowsPainted) + 3_000;
    const reloadLongestTaskMs = await longestTask(page, 0, settled);
    const reloadPhases = await longestByPhase(page, 0, [
      ['boot', ready],
      ['first_rows', rowsPainted],
      ['rest_of_library', libraryRead > rowsPainted ? libraryRead : 0],
      ['after', settled],
    ]);
    const scrollEndMs = await scrollToEnd(page);
    const scrollStepMs = await scrollSteps(page, SCROLL_STEPS);
    const idleFrameMs = await idleFrame(page, SCROLL_STEPS);
    const rowsInDom = await page.getByTestId('library-row').count();
    return { reloadReadyMs: ready, reloadPaintMs: rowsPainted, reloadLongestTaskMs, reloadPhases, scrollEndMs, scrollStepMs, idleFrameMs, rowsInDom, heapBytes: await usedHeap(page), import: imported };
  } finally {
    await context.close();
  }
}

export async function libraryFigures(studio: Studio): Promise<void> {
  const path = '/tmp/hint-studio-bench-library.jsonl';
  writeFileSync(path, cortInferenceJsonl(RECORDS, GENERATIONS, TRACE_TOKENS));
  let small: LibraryRun;
  let big: LibraryRun;
  try {
    small = await measureLibrary(studio, null, 0);
    big = await measureLibrary(studio, path, SAMPLES);
  } catch (error) {
    skip(`browser library figures, ${SAMPLES} samples`, error);
    return;
  }
  const floor = `the same with the ${DEMO_SAMPLES}-sample demo library, same run`;
  const imp = big.import!;
  emit({
    figure: `browser import of a ${SAMPLES}-generation CoRT JSONL to the library painted`,
    ms: round(imp.ms),
    floor_ms: round(imp.parseFloorMs),
    ratio: round(imp.ms / imp.parseFloorMs),
    floor: 'JSON.parse of every line of the same file in the page, same run',
    longest_task_ms: round(imp.longestTaskMs),
    longest_task_ms_by_phase: imp.phases,
    saved_in_indexeddb_ms: round(imp.saveMs),
    trace_tokens: TRACE_TOKENS,
    build: studio.build,
  });
  emit({
    figure: `browser reload to the library painted, ${SAMPLES} samples`,
    ms: round(big.reloadPaintMs),
    floor_ms: round(small.reloadPaintMs),
    ratio: round(big.reloadPaintMs / small.reloadPaintMs),
    floor,
    indexeddb_loaded_ms: round(big.reloadReadyMs),
    floor_indexeddb_loaded_ms: round(small.reloadReadyMs),
    longest_task_ms: round(big.reloadLongestTaskMs),
    floor_longest_task_ms: round(small.reloadLongestTaskMs),
    longest_task_ms_by_phase: big.reloadPhases,
    floor_longest_task_ms_by_phase: small.reloadPhases,
    note: 'navigation start to data-ready (IndexedDB read) and to the first library row painted; longest task up to 3 s after the first row painted and every entry read; by phase: boot (to data-ready), first_rows (to the first row painted), rest_of_library (to every entry read), after (3 s more); a task counts in the phase it started in',
  });
  emit({
    figure: `browser scroll the library to the end, ${SAMPLES} samples`,
    ms: round(big.scrollEndMs),
    floor_ms: round(big.idleFrameMs),
    ratio: round(big.scrollEndMs / big.idleFrameMs),
    floor: 'one painted frame with nothing to do (double requestAnimationFrame), same page',
    step_ms: round(big.scrollStepMs),
    step_ratio: round(big.scrollStepMs / big.idleFrameMs),
    rows_in_dom: big.rowsInDom,
    note: `step: one viewport down to its painted frame, mean of ${SCROLL_STEPS} steps`,
  });
  emit({
    figure: `browser JS heap with the ${SAMPLES}-sample library`,
    heap_mib: round(big.heapBytes / 2 ** 20),
    floor_mib: round(small.heapBytes / 2 ** 20),
    ratio: round(big.heapBytes / small.heapBytes),
    floor: `used JS heap with the ${DEMO_SAMPLES}-sample demo library, same run (after GC)`,
  });
}
