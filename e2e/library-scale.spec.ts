import { expect, test } from '@playwright/test';
import { GENERATIONS, problemOf, RECORDS, SAMPLES, scaleFile } from './fixtures/scale-library';
import { cortLine, DEMO_SAMPLES, libraryRows as rows, openStudio, screenshot, uploadFiles } from './helpers';

// How fast a library at this scale imports, paints and scrolls is measured by `npm run bench`
// (bench/library.ts); this checks what a user sees.

test(`a ${SAMPLES}-sample library: count, search, sort, scroll to the end, open`, async ({ page }) => {
  await openStudio(page);
  await uploadFiles(page, [{ name: 'math500-gen8.jsonl', content: scaleFile() }]);
  await expect(page.getByTestId('import-imported')).toHaveText(`${SAMPLES} imported`, { timeout: 60_000 });
  await expect(page.getByTestId('library-count')).toHaveText(`${SAMPLES + DEMO_SAMPLES} samples`);

  // Virtualized: the DOM holds the rows near the viewport, not thousands.
  const inDom = await rows(page).count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(80);
  await screenshot(page, 'library-scale');

  // Search runs over the whole set, not the rows rendered.
  await page.getByTestId('library-search').fill('Scale problem 0137');
  await expect(page.getByTestId('library-count')).toHaveText(`${GENERATIONS} of ${SAMPLES + DEMO_SAMPLES} samples`);
  await expect(rows(page)).toHaveCount(GENERATIONS);
  for (const text of await rows(page).allTextContents()) expect(text).toContain('Scale problem 0137');

  // Sort by source, both directions, over the whole set.
  await page.getByTestId('library-search').fill('');
  await page.getByTestId('sort-source').click();
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Source');
  const sources = (await page.getByTestId('filter-source').locator('option').allTextContents()).slice(1);
  await expect(rows(page).first().locator('.col-source')).toHaveText(sources[0]!);
  await page.getByTestId('sort-source').click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Source');
  await expect(rows(page).first().locator('.col-source')).toHaveText(sources[sources.length - 1]!);

  // Back to problem order; the last sample is the last generation of the last problem.
  await page.getByTestId('library-search').fill('Scale problem');
  await page.getByTestId('sort-problem').click();
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Problem');
  await expect(page.getByTestId('library-count')).toHaveText(`${SAMPLES} of ${SAMPLES + DEMO_SAMPLES} samples`);
  const lastRow = rows(page).filter({ hasText: problemOf(RECORDS).slice(0, 18) }).filter({ hasText: `gen ${GENERATIONS - 1}` });
  await expect(lastRow).toHaveCount(0);

  // Scrolling to the end (the wheel, as a user does) reveals the last sample.
  await rows(page).first().hover();
  for (let i = 0; i < 200 && (await lastRow.count()) === 0; i++) await page.mouse.wheel(0, 5_000);
  await expect(lastRow).toBeInViewport();
  expect(await rows(page).count()).toBeLessThan(80);

  // The keyboard reaches it too: Home, End, j/k move between rows, Enter opens.
  await lastRow.focus();
  await page.keyboard.press('Home');
  await expect(rows(page).filter({ hasText: problemOf(1).slice(0, 18) }).filter({ hasText: 'gen 0' })).toBeFocused();
  await page.keyboard.press('j');
  await expect(rows(page).filter({ hasText: problemOf(1).slice(0, 18) }).filter({ hasText: 'gen 1' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(lastRow).toBeFocused();
  await expect(lastRow).toBeInViewport();
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowDown');
  await expect(lastRow).toBeFocused();
  await screenshot(page, 'library-scale-end');
  const lastId = await lastRow.getAttribute('data-sample-id');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await expect(page.getByTestId('sample-view')).toHaveAttribute('data-sample-id', lastId!);
});

test(`a reload of the ${SAMPLES}-sample library shows, searches and opens samples whose traces are still on disk`, async ({ page }) => {
  await openStudio(page);
  await uploadFiles(page, [{ name: 'math500-gen8.jsonl', content: scaleFile() }]);
  await expect(page.getByTestId('import-imported')).toHaveText(`${SAMPLES} imported`, { timeout: 60_000 });

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('library-count')).toHaveText(`${SAMPLES + DEMO_SAMPLES} samples`);
  // The reader scrolls down (no row chosen) and a sample that sorts first arrives (as a big
  // library's entries arrive after a reload, or an import): the view stays where they scrolled.
  const scroller = page.getByTestId('library-scroller');
  await scroller.hover();
  await page.mouse.wheel(0, 3000);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(2000);
  await uploadFiles(page, [{ name: 'first.jsonl', content: `${cortLine('0000 sorts before every other problem', '1', ['It is one.\n</think>\n\n$\\boxed{1}$'])}\n` }]);
  await expect(page.getByTestId('library-count')).toHaveText(`${SAMPLES + DEMO_SAMPLES + 1} samples`);
  await page.waitForTimeout(500);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(2000);
  await page.mouse.wheel(0, -100_000);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(rows(page).first()).toContainText('0000 sorts before');
  // The rows on screen read their traces for tokens and checks; the others stay on disk.
  const onDisk = rows(page).filter({ hasText: 'Scale problem' }).first();
  await expect(onDisk).toHaveAttribute('data-trace', 'read');
  await expect(onDisk.getByTestId('checks-badge')).not.toHaveAttribute('data-state', 'unchecked');
  // Their tokens are counted off the page's thread (the library's token worker), estimated with Qwen3.
  await expect(onDisk.getByTestId('row-tokens')).toHaveText(/^≈ [\d,]+$/, { timeout: 30_000 });

  // Search and the answer column work from the stored entries, over the whole set.
  await page.getByTestId('library-search').fill('Scale problem 0201');
  await expect(page.getByTestId('library-count')).toHaveText(`${GENERATIONS} of ${SAMPLES + DEMO_SAMPLES + 1} samples`);
  const row = rows(page).filter({ hasText: 'gen 5' });
  await expect(row.getByTestId('answer-mark')).toBeVisible();
  await screenshot(page, 'library-scale-reloaded');

  // Opening one reads its trace: the sample view shows its steps.
  const id = await row.getAttribute('data-sample-id');
  await row.click();
  await expect(page.getByTestId('sample-view')).toHaveAttribute('data-sample-id', id!);
  await expect(page.getByTestId('sample-view')).toContainText(problemOf(201).slice(0, 30));
  await expect(page.locator('[data-segment-id]').first()).toBeVisible();
});
