import { expect, test } from '@playwright/test';
import {
  cortLine,
  cursorIndex,
  DEMO_SAMPLES,
  dropFiles,
  libraryRows as rows,
  libraryRowsWith as rowFor,
  longTrace,
  openStudio,
  screenshot,
  shortTrace,
  uploadFiles,
  type UploadFile,
} from './helpers';

/** A JSONL file whose second line is broken JSON and whose fourth lacks a usable `gen`. */
const withBadLines: UploadFile = {
  name: 'batch.jsonl',
  content: [
    cortLine('What is $6 \\times 7$?', '42', [shortTrace('42')]),
    '{"problem": "truncated record',
    cortLine('What is $2^{10}$?', '1024', [shortTrace('1024'), shortTrace('1000')]),
    JSON.stringify({ problem: 'Broken gen', prompt: 'Broken gen', gen: 'not-a-list' }),
  ].join('\n'),
};

test('the demo project is in the library on first start', async ({ page }) => {
  await openStudio(page);
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES);
  await expect(page.getByTestId('library-count')).toHaveText(`${DEMO_SAMPLES} samples`);

  // The two generations of one problem: one right, one wrong against gt_answer.
  const residues = rowFor(page, 'divisible by');
  await expect(residues).toHaveCount(2);
  await expect(residues.locator('[data-state="match"]')).toHaveCount(1);
  await expect(residues.locator('[data-state="mismatch"]')).toHaveCount(1);
  await expect(rowFor(page, 'positive divisors').getByTestId('answer-mark')).toHaveAttribute('data-state', 'mismatch');

  // Token counts arrive once the lazily loaded tokenizer is ready, labelled as estimates.
  await expect(rows(page).first().getByTestId('row-tokens')).toHaveText(/^≈ [\d,]+$/, { timeout: 60_000 });
  await expect(page.getByTestId('sort-tokens')).toContainText('estimate');
  await screenshot(page, 'library-demo');
});

test('importing a file with bad lines reports them and a second import adds nothing', async ({ page }) => {
  await openStudio(page);
  await uploadFiles(page, [withBadLines]);

  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-imported')).toHaveText('3 imported');
  await expect(report.getByTestId('import-rejected')).toHaveText('2 rejected');
  const rejects = report.getByTestId('import-reject');
  await expect(rejects).toHaveCount(2);
  await expect(rejects.nth(0)).toContainText('batch.jsonl:2');
  await expect(rejects.nth(1)).toContainText('batch.jsonl:4');
  await expect(rejects.nth(1)).toContainText('gen');
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES + 3);
  await screenshot(page, 'import-report');

  await uploadFiles(page, [withBadLines]);
  await expect(report.getByTestId('import-imported')).toHaveText('0 imported');
  await expect(report.getByTestId('import-present')).toHaveText('3 already present (not duplicated)');
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES + 3);

  await report.getByTestId('import-report-dismiss').click();
  await expect(report).toHaveCount(0);
  await page.reload();
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES + 3);
});

test('files dropped anywhere on the library are imported', async ({ page }) => {
  await openStudio(page);
  const dropped: UploadFile = {
    name: 'dropped.jsonl',
    content: cortLine('A dropped problem: what is $3 + 4$?', '7', [shortTrace('7')], 'dropped-source'),
  };
  await dropFiles(page, 'drop-zone', [dropped]);
  await expect(page.getByTestId('import-imported')).toHaveText('1 imported');
  await expect(rowFor(page, 'A dropped problem')).toHaveCount(1);
  await expect(rowFor(page, 'A dropped problem').getByTestId('answer-mark')).toHaveAttribute('data-state', 'match');
});

test('search, filters and sort survive a reload', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('filter-answer').selectOption('mismatch');
  await expect(rows(page)).toHaveCount(2);
  await page.getByTestId('library-search').fill('divisors');
  await expect(rows(page)).toHaveCount(1);
  await page.getByTestId('library-search').fill('');
  await page.getByTestId('sort-codeBlocks').click();
  await page.getByTestId('sort-codeBlocks').click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Code');
  // The rows follow the header in a deferred render: wait until they are in descending order.
  const codeBlocks = async () => rows(page).getByTestId('row-code-blocks').allTextContents();
  await expect.poll(async () => (await codeBlocks()).map(Number).every((n, i, all) => i === 0 || all[i - 1]! >= n)).toBe(true);
  const order = await codeBlocks();

  await page.reload();
  await expect(page.getByTestId('filter-answer')).toHaveValue('mismatch');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Code');
  await expect(rows(page).getByTestId('row-code-blocks')).toHaveText(order);

  await page.getByTestId('filter-source').selectOption('amc-style');
  await expect(rows(page)).toHaveCount(1);
  await page.getByTestId('filters-clear').click();
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES);
});

test('a sample opens from the library, the cursor steps with j/k and arrows, and a reload returns to it', async ({ page }) => {
  await openStudio(page);
  // Keyboard only: focus a row and press Enter.
  await rowFor(page, 'coefficient of').focus();
  await page.keyboard.press('Enter');
  const view = page.getByTestId('sample-view');
  await expect(view).toBeVisible();
  await expect(view.locator('.problem-text .katex').first()).toBeVisible();
  await expect(view.getByTestId('code-step').first()).toBeVisible();
  await expect(view.getByTestId('output-step').first()).toContainText('504');
  await expect(view.getByTestId('think-end')).toBeVisible();
  await expect(view.getByTestId('sample-answer').getByTestId('answer-mark')).toHaveAttribute('data-state', 'match');
  expect(await cursorIndex(page)).toBe(0);

  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  expect(await cursorIndex(page)).toBe(3);
  await page.keyboard.press('k');
  expect(await cursorIndex(page)).toBe(2);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await cursorIndex(page)).toBe(3);
  await expect(page.getByTestId('cursor-position')).toHaveText(/^step 4 \/ \d+$/);
  await expect(page.getByTestId('sample-tokens')).toContainText('≈', { timeout: 60_000 });
  await screenshot(page, 'sample-cursor');

  // Walk to the end: the view follows the cursor to the answer.
  for (let i = 0; i < 30; i++) await page.keyboard.press('j');
  const last = await cursorIndex(page);
  await expect(page.locator('[data-cursor="true"]')).toHaveAttribute('data-step-kind', 'answer');
  await expect(page.locator('[data-cursor="true"]')).toBeInViewport();
  await screenshot(page, 'sample-answer');

  await page.reload();
  await expect(page.getByTestId('sample-view')).toBeVisible();
  expect(await cursorIndex(page)).toBe(last);
  await expect(page.locator('[data-cursor="true"]')).toBeInViewport();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES);
});

// How fast it opens and scrolls is measured by `npm run bench` (ratios against a floor of the
// same run); this test checks what a user sees: it opens, stays virtualized, and follows the cursor.
test('a 32k-token trace opens and the cursor scrolls through it', async ({ page }) => {
  await openStudio(page);
  const trace = longTrace(32_000);
  await uploadFiles(page, [{ name: 'long.jsonl', content: cortLine('A very long trace: sum of squares.', '42', [trace], 'long') }]);
  await expect(page.getByTestId('import-imported')).toHaveText('1 imported');

  await rowFor(page, 'A very long trace').click();
  await expect(page.getByTestId('step').first()).toBeVisible();

  // Virtualized: only the rows near the viewport exist.
  const total = Number((await page.getByTestId('cursor-position').textContent())!.split('/')[1]);
  expect(total).toBeGreaterThan(500);
  expect(await page.getByTestId('step').count()).toBeLessThan(60);

  for (let i = 0; i < 120; i++) await page.keyboard.press('j');
  expect(await cursorIndex(page)).toBe(120);
  await expect(page.locator('[data-cursor="true"]')).toBeInViewport();
  await screenshot(page, 'long-trace');
});

test('a pasted trace becomes a sample and opens', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('paste-trace-open').click();
  const dialog = page.getByTestId('paste-dialog');
  await dialog.getByTestId('paste-trace-text').fill(shortTrace('9'));
  await dialog.getByTestId('paste-problem').fill('What is $3^2$?');
  await dialog.getByTestId('paste-gt').fill('9');
  await dialog.getByTestId('paste-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await expect(page.getByTestId('sample-answer').getByTestId('answer-mark')).toHaveAttribute('data-state', 'match');
  await page.getByTestId('back-to-library').click();
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES + 1);
});
