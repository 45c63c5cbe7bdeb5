/**
 * Hostile data cannot blank the studio (issue 13, items 3 and 9): a formula that overflows
 * KaTeX's stack shows as text, a piece whose rendering throws shows its raw text alone, and
 * a megabyte paragraph renders in pieces.
 */
import { expect, test } from '@playwright/test';
import { cortLine, libraryRowsWith, openSample, openStudio, screenshot, uploadFiles } from './helpers';

/** The attack as reported: `\frac` nested 1000 deep, 11 kB. */
const HOSTILE_FORMULA = '\\frac{1}{'.repeat(1000) + 'x' + '}'.repeat(1000);

function hostileTrace(): string {
  return [
    "Okay, let's try to solve this problem step by step using multiple python code calls.",
    '',
    `The model wrote $${HOSTILE_FORMULA}$ here, then carried on with $a^2 + b^2 = c^2$.`,
    '',
    '```python',
    'print(2 + 2)',
    '```',
    '```output',
    '4',
    '```',
    '',
    'So the answer is $4$.',
    '</think>',
    '',
    'The answer is $\\boxed{4}$.',
  ].join('\n');
}

test('hostile formula: \\frac nested 1000 deep shows as its source with a note, and the studio stays usable after a reload', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openStudio(page);
  const problem = `Hostile formula sample: evaluate $${HOSTILE_FORMULA}$ and $\\sqrt{16}$.`;
  await uploadFiles(page, [{ name: 'hostile.jsonl', content: cortLine(problem, '4', [hostileTrace()]) }]);
  await expect(libraryRowsWith(page, 'Hostile formula sample')).toHaveCount(1);

  const view = await openSample(page, 'Hostile formula sample');
  const problemPane = view.getByRole('complementary', { name: 'Problem' });
  await expect(problemPane.getByTestId('math-source')).toContainText('not rendered: formula nested 1000 deep (limit 40)');
  await expect(problemPane.getByTestId('math-source')).toContainText('\\frac{1}{\\frac{1}{');
  await expect(problemPane.locator('.katex')).toHaveCount(1); // \sqrt{16} beside it still rendered
  const step = view.getByTestId('step').filter({ hasText: 'The model wrote' });
  await expect(step.getByTestId('math-source')).toContainText('formula nested 1000 deep');
  await expect(step.locator('.katex')).toHaveCount(1); // a^2 + b^2 = c^2
  await screenshot(page, 'hostile-formula');

  // The studio reopens this sample after a reload: it must still open, not blank.
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await expect(page.getByTestId('math-source').first()).toBeVisible();
  await page.getByTestId('back-to-library').click();
  await expect(libraryRowsWith(page, 'Hostile formula sample')).toHaveCount(1);
  expect(pageErrors).toEqual([]);
});

test('render boundary: a piece whose rendering throws shows its raw text; the pieces around it render', async ({ page }) => {
  await page.goto('/src/ui/common/harness/render-boundary.html');
  const broken = page.getByTestId('piece-2');
  await expect(broken.getByTestId('render-fallback')).toBeVisible();
  await expect(broken.getByRole('note')).toHaveText('Could not render piece two (RangeError); showing it as written.');
  // The raw text, markup and all, as text: nothing in it became an element.
  await expect(broken.locator('pre')).toHaveText('Piece two: <img src=x onerror="document.title=\'owned\'"> and $\\frac{1}{2}$ THROW');
  await expect(page.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('owned');
  await expect(page.getByTestId('piece-1').locator('.katex')).toHaveCount(1);
  await expect(page.getByTestId('piece-3').locator('.katex')).toHaveCount(1);
  await expect(page.getByTestId('errors')).toHaveText('1');
  await screenshot(page, 'render-boundary');

  // New text (an edit) is rendered again.
  await page.getByTestId('edit').click();
  await expect(broken.getByTestId('render-fallback')).toHaveCount(0);
  await expect(broken.locator('.katex')).toHaveCount(1);
});

test('a megabyte paragraph renders in pieces: the start at once, the rest in idle time, more on request', async ({ page }) => {
  await openStudio(page);
  const sentence = 'We check $S_n = \\frac{n(n+1)}{2}$ against the direct sum for every $n \\le 10^6$ and note the residues. ';
  const problem = `Megabyte paragraph sample. ${sentence.repeat(Math.ceil(1_000_000 / sentence.length))}`;
  await uploadFiles(page, [{ name: 'long.jsonl', content: cortLine(problem, '1', ['Short trace.\n</think>\n\nThe answer is $\\boxed{1}$.']) }]);
  await expect(libraryRowsWith(page, 'Megabyte paragraph sample')).toHaveCount(1);

  const view = await openSample(page, 'Megabyte paragraph sample');
  // The only long text on the page (role-based locators compute accessible names over a huge subtree: slow).
  const text = view.getByTestId('progressive-markdown');
  await expect(text).toBeVisible();
  // Idle rendering goes on in pieces and stops at the automatic limit, offering the rest.
  const more = text.getByTestId('markdown-show-more');
  await expect(more).toBeVisible({ timeout: 60_000 });
  const shownBefore = Number(await text.getAttribute('data-shown'));
  const charsBefore = Number(await text.getAttribute('data-rendered-chars'));
  expect(shownBefore).toBeGreaterThan(20);
  expect(charsBefore).toBeGreaterThanOrEqual(200_000);
  expect(charsBefore).toBeLessThan(problem.length);
  await expect(more).toContainText(`Show more (${(problem.length - charsBefore).toLocaleString('en')} more characters)`);
  await more.click();
  await expect.poll(async () => Number(await text.getAttribute('data-rendered-chars')), { timeout: 60_000 }).toBeGreaterThanOrEqual(400_000);
  await expect(text.locator('.katex').first()).toBeVisible();
  await screenshot(page, 'megabyte-paragraph');
  // The studio still answers the keyboard.
  await page.keyboard.press('Escape');
  await expect(libraryRowsWith(page, 'Megabyte paragraph sample')).toHaveCount(1);
});
