/**
 * Screenshots of the library for a look by eye (developer tool, not a figure):
 * `BENCH_PORT=... SHOTS_DIST=DIR SHOTS_OUT=DIR npx tsx bench/library-screenshots.ts`. The demo
 * library; then rows that are hard to fit in a row (tall and display math, markdown blocks, long
 * sources and file names); then 400 generations of the bench's CoRT library.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { cortLine, openStudio, shortTrace } from '../e2e/helpers';
import { cortInferenceJsonl } from './trace-fixture';
import { servePreview } from './devLibrary';

const dist = process.env.SHOTS_DIST;
if (!dist) throw new Error('SHOTS_DIST=<a build of the studio> is needed');
const out = process.env.SHOTS_OUT ?? '/tmp/library-screenshots';
mkdirSync(out, { recursive: true });
const port = Number(process.env.BENCH_PORT ?? 4198);
const preview = await servePreview(dist, port);
const baseURL = preview.baseURL;

const HARD = [
  ['Tall math: find $\\dfrac{\\sqrt{a^2+b^2}}{\\dfrac{1}{2}}$ when $\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$ is given and the rest of the sentence runs on.', 'a-source-with-a-very-long-name-that-does-not-fit'],
  ['Display math: $$\\sum_{k=1}^{n} \\frac{1}{k(k+1)} = \\frac{n}{n+1}$$ then prove it for every $n$.', 'amc23'],
  ['# A heading in a problem\n\n- a list item with $x^2$\n- another item', 'aime24'],
  ['Inline fractions $\\frac{1}{2} + \\frac{1}{3} = \\frac{5}{6}$ and roots $\\sqrt{2}$, powers $2^{10}$ on one line.', 'math500'],
  ['A long problem that wraps: ' + 'the quick brown fox jumps over the lazy dog and '.repeat(6) + 'then stops.', 'math500'],
];

const context = await chromium.launchPersistentContext(`/tmp/library-screenshots-${port}-${Date.now()}`, { ...(playwrightConfig.use?.launchOptions ?? {}), baseURL, viewport: { width: 1280, height: 800 }, deviceScaleFactor: Number(process.env.SHOTS_SCALE ?? 1) });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await openStudio(page);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/1-demo.png` });
  const hard = HARD.map(([problem, source]) => cortLine(problem!, '42', [shortTrace('42')], source)).join('\n');
  await page.getByTestId('import-file-input').setInputFiles({ name: 'a-file-with-a-rather-long-name-for-the-origin-line-of-every-row.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(hard) });
  await page.getByTestId('import-imported').filter({ hasText: `${HARD.length} imported` }).waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/2-hard.png` });
  await page.getByPlaceholder(/Search/).fill('math');
  await page.waitForTimeout(1000);
  await page.getByTestId('library-table').screenshot({ path: `${out}/2-hard-math.png` });
  await page.getByPlaceholder(/Search/).fill('');
  const big = cortInferenceJsonl(25, 16, 300);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'math500.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(big) });
  await page.getByTestId('import-imported').filter({ hasText: '400 imported' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
  await page.screenshot({ path: `${out}/3-large.png` });
  await page.getByTestId('library-scroller').evaluate((el) => (el.scrollTop = 12_000));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/4-large-scrolled.png` });
  const heights = await page.getByTestId('library-row').evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height * 100) / 100));
  console.log('row heights', JSON.stringify(heights));
} finally {
  await context.close();
  preview.stop();
}
