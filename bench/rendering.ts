/**
 * Rendering long prose (issue 13, item 9: a 1 MB paragraph froze the tab 52 s). In Node:
 * the first piece of a 1 MB math-heavy paragraph and its slowest piece, against rendering a
 * 1 kB paragraph of the same text in the same run. In Chromium: the studio opening a sample
 * whose problem is that 1 MB paragraph, against one whose problem is 1 kB of it — time to the
 * problem painted, the longest gap between frames and the longest task until the progressive
 * rendering has stopped at its "Show more".
 */
import type { Page } from '@playwright/test';
import { cortLine, openStudio, uploadFiles } from '../e2e/helpers';
import { chunkMarkdown, MarkdownChunker } from '../src/ui/markdown/chunks';
import { renderMarkdown } from '../src/ui/markdown/renderMarkdown';
import { emit, median, round, skip, timeCalls } from './figures';
import type { Studio } from './preview';

const SENTENCE = 'We check $S_n = \\frac{n(n+1)}{2}$ against the direct sum for every $n \\le 10^6$ and note the residues. ';

/** One paragraph of `chars` characters of math-heavy prose (a third of it formulas), made unique by `tag`. */
function paragraph(chars: number, tag: string): string {
  return `${tag}. ${SENTENCE.repeat(Math.ceil(chars / SENTENCE.length))}`.slice(0, chars);
}

export async function renderingNodeFigures(): Promise<void> {
  const small = paragraph(1_000, 'Small');
  const large = paragraph(1_000_000, 'Large');
  // renderMarkdown remembers texts: every timed call gets a text it has not seen.
  let n = 0;
  for (let i = 0; i < 5; i++) renderMarkdown(`warm ${i} ${small}`); // KaTeX's first calls compile it
  const floor = timeCalls(() => renderMarkdown(`${n++} ${small}`), 20);
  const firstPiece = timeCalls(() => renderMarkdown(new MarkdownChunker(`${n++} ${large}`).chunkFrom(0)!.text), 5);
  const t = performance.now();
  const chunks = chunkMarkdown(large);
  const cutAllMs = performance.now() - t;
  const pieceTimes = chunks.slice(0, 60).map((c) => {
    const t = performance.now();
    renderMarkdown(`${n++} ${c.text}`);
    return performance.now() - t;
  });
  const floorNote = 'renderMarkdown of a 1 kB paragraph of the same text, same run';
  emit({
    figure: 'node 1 MB paragraph: first piece found and rendered',
    ms: round(firstPiece),
    floor_ms: round(floor),
    ratio: round(firstPiece / floor),
    floor: floorNote,
    pieces: chunks.length,
    cut_all_pieces_ms: round(cutAllMs),
    chars: large.length,
  });
  const slowest = Math.max(...pieceTimes);
  emit({
    figure: 'node 1 MB paragraph: slowest of its first 60 pieces (one idle slice of work)',
    ms: round(slowest),
    median_piece_ms: round(median(pieceTimes)),
    p90_piece_ms: round([...pieceTimes].sort((a, b) => a - b)[Math.floor(pieceTimes.length * 0.9)]!),
    floor_ms: round(floor),
    ratio: round(slowest / floor),
    floor: floorNote,
    note: 'before: the whole paragraph in one call, 52 s in the studio',
  });
}

interface RenderProbe {
  probe: { start: number; painted: number; done: number; maxGap: number; longTasks: number[] };
}

/** Opens the sample whose problem starts with `tag` and measures until its problem text has finished rendering. */
async function openAndWatch(page: Page, tag: string, progressive: boolean): Promise<RenderProbe['probe']> {
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const probe = (window.probe = { start: 0, painted: 0, done: 0, maxGap: 0, longTasks: [] });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (probe.start && !probe.done) probe.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    window.addEventListener('keydown', () => (probe.start = performance.now()), { capture: true, once: true });
    let last = 0;
    const frame = (now) => {
      if (probe.start && last) probe.maxGap = Math.max(probe.maxGap, now - last);
      last = now;
      if (!probe.done) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const observer = new MutationObserver(() => {
      if (probe.painted || !document.querySelector('[data-testid="sample-view"] .markdown')) return;
      probe.painted = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => (probe.painted = performance.now())));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  })()`);
  await page.getByTestId('library-row').filter({ hasText: tag }).focus();
  await page.keyboard.press('Enter');
  if (progressive) await page.getByTestId('markdown-show-more').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as RenderProbe).probe.painted > 0, undefined, { timeout: 120_000 });
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const w = window as unknown as RenderProbe;
    w.probe.done = performance.now();
    return w.probe;
  });
}

export async function renderingBrowserFigures(studio: Studio): Promise<void> {
  const context = await studio.newContext();
  try {
    const page = await context.newPage();
    await openStudio(page);
    const small = paragraph(1_000, 'Bench small paragraph');
    const large = paragraph(1_000_000, 'Bench megabyte paragraph');
    await uploadFiles(page, [{ name: 'render.jsonl', content: [small, large].map((p) => cortLine(p, '1', ['Short.\n</think>\n\n$\\boxed{1}$'])).join('\n') }]);
    await page.getByTestId('import-imported').filter({ hasText: '2 imported' }).waitFor();

    const floor = await openAndWatch(page, 'Bench small paragraph', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('library').waitFor();
    const big = await openAndWatch(page, 'Bench megabyte paragraph', true);
    const floorNote = 'the same for a sample whose problem is a 1 kB paragraph of the same text, same run';
    emit({
      figure: 'browser open sample to problem painted, 1 MB paragraph problem',
      ms: round(big.painted - big.start),
      floor_ms: round(floor.painted - floor.start),
      ratio: round((big.painted - big.start) / (floor.painted - floor.start)),
      floor: floorNote,
      build: studio.build,
    });
    const longest = (p: RenderProbe['probe']) => Math.max(0, ...p.longTasks);
    emit({
      figure: 'browser longest frame gap while a 1 MB paragraph problem renders (open until "Show more")',
      ms: round(big.maxGap),
      floor_ms: round(floor.maxGap),
      ratio: round(big.maxGap / floor.maxGap),
      floor: floorNote,
      longest_task_ms: round(longest(big)),
      floor_longest_task_ms: round(longest(floor)),
      long_tasks: big.longTasks.length,
      rendering_ms: round(big.done - big.start),
      note: 'before: 52 s frozen; long tasks are those over 50 ms (Long Tasks API), 0 when none',
    });
  } catch (error) {
    skip('browser 1 MB paragraph rendering', error);
  } finally {
    await context.close();
  }
}
