import { expect, test, type Page } from '@playwright/test';
import { libraryRowsWith as rowFor, openSample, openStudio, screenshot } from './helpers';

const status = (page: Page) => page.getByTestId('review-status-value');

/** A paragraph that grinds through arithmetic before any code: the suggester proposes Hint-1 here. */
const HAND_SUMS = `Alright, the problem asks for the sum of the squares of the first 12 positive integers that are not multiples of 3.

Those integers are 1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17. Let me compute the squares: 1 + 4 = 5, 5 + 16 = 21, 21 + 25 = 46, 46 + 49 = 95, 95 + 64 = 159, 159 + 100 = 259, 259 + 121 = 380, 380 + 169 = 549, 549 + 196 = 745, 745 + 256 = 1001, 1001 + 289 = 1290.
</think>
\\boxed{1290}`;

/** The first status change asks who is reviewing; answer once. */
async function pressAsReviewer(page: Page, key: string, name = 'Ada Reviewer'): Promise<void> {
  await page.keyboard.press(key);
  const dialog = page.getByTestId('reviewer-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('reviewer-name').fill(name);
  await dialog.getByTestId('reviewer-dialog-submit').click();
  await expect(dialog).toBeHidden();
}

/** Opens a sample from the library and marks it ready for review with the keyboard. */
async function markReady(page: Page, rowText: string, nth = 0, firstTime = false): Promise<void> {
  await openSample(page, rowText, nth);
  if (firstTime) await pressAsReviewer(page, 's');
  else await page.keyboard.press('s');
  await expect(status(page)).toHaveText('ready');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library')).toBeVisible();
}

test('a wrong answer cannot be approved without a recorded override', async ({ page }) => {
  await openStudio(page);
  await expect(rowFor(page, 'positive divisors').getByTestId('checks-badge')).toHaveAttribute('data-state', 'failing');
  await rowFor(page, 'positive divisors').click();

  const answer = page.locator('[data-testid="check"][data-check-id="answer"]');
  await expect(answer).toHaveAttribute('data-status', 'fail');
  await expect(answer).toContainText('15');
  await pressAsReviewer(page, 's');
  await expect(status(page)).toHaveText('ready');

  // Approving is blocked: the dialog names the failing check and needs a reason.
  await page.keyboard.press('y');
  const dialog = page.getByTestId('override-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('override-failing')).toContainText('Final answer equals ground truth');
  await expect(dialog.getByTestId('override-dialog-submit')).toBeDisabled();
  await screenshot(page, 'review-override-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText('ready');
  await expect(page.getByTestId('review-notice')).toContainText('blocked');

  await page.keyboard.press('y');
  await dialog.getByTestId('override-reason').fill('The source counts N itself; gt_answer 16 is off by one.');
  await dialog.getByTestId('override-dialog-submit').click();
  await expect(dialog).toBeHidden();
  await expect(status(page)).toHaveText('approved');
  await expect(page.getByTestId('review-stamp')).toContainText('Ada Reviewer');
  await expect(page.getByTestId('review-override')).toContainText('off by one');
  await expect(page.getByTestId('history-event').last()).toContainText('override');

  // The interpreter checks arrive (answer by SymPy if needed, outputs reproduced in Pyodide).
  await expect(page.getByTestId('checks-panel')).toHaveAttribute('data-level', 'full', { timeout: 90_000 });
  // The demo's outputs were produced by running its code, so a fresh run reproduces them.
  await expect(page.locator('[data-testid="check"][data-check-id="reproduction"]')).toHaveAttribute('data-status', 'pass');
  await screenshot(page, 'review-approved-override');

  // The approval and its override survive a reload.
  await page.reload();
  await expect(status(page)).toHaveText('approved');
  await expect(page.getByTestId('review-override')).toContainText('off by one');
  await page.getByTestId('history-list').scrollIntoViewIfNeeded();
  await screenshot(page, 'review-history');
});

test('a comment anchored to a step survives a reload and can be resolved', async ({ page }) => {
  await openStudio(page);
  await rowFor(page, 'coefficient').click();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await pressAsReviewer(page, 'm', 'Grace Commenter');
  const dialog = page.getByTestId('comment-dialog');
  await expect(dialog).toContainText('step 3');
  await dialog.getByTestId('comment-input').fill('Multinomial counts could be one code call.');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();

  const onStep = page.locator('[data-testid="step"][data-step-index="2"]').getByTestId('step-comment');
  await expect(onStep).toContainText('Multinomial counts could be one code call.');
  await expect(onStep).toContainText('Grace Commenter');
  await screenshot(page, 'review-comment');

  await page.reload();
  await expect(page.getByTestId('comment-text')).toHaveText('Multinomial counts could be one code call.');
  await expect(page.locator('[data-testid="step"][data-step-index="2"]').getByTestId('step-comment')).toBeVisible();
  await page.getByTestId('comment-resolve').click();
  await expect(page.getByTestId('comment')).toHaveAttribute('data-resolved', 'true');
});

test('the review queue works from the keyboard', async ({ page }) => {
  await openStudio(page);
  await markReady(page, 'remainder', 0, true);
  await markReady(page, 'divisible by', 0);
  await markReady(page, 'divisible by', 1);
  await expect(page.getByTestId('start-queue')).toContainText('(3)');

  await page.keyboard.press(']');
  await expect(page.getByTestId('review-queue')).toContainText('Review queue 1 / 3');
  const first = await page.getByTestId('sample-view').getAttribute('data-sample-id');
  await page.keyboard.press(']');
  await expect(page.getByTestId('review-queue')).toContainText('Review queue 2 / 3');
  await page.keyboard.press('r');
  await expect(status(page)).toHaveText('changes-requested');
  await expect(page.getByTestId('review-queue')).toContainText('(2 waiting)');
  await page.keyboard.press(']');
  await expect(page.getByTestId('review-queue')).toContainText('Review queue 2 / 2');
  await page.keyboard.press('x');
  await expect(status(page)).toHaveText('rejected');
  await page.keyboard.press(']');
  await expect(page.getByTestId('review-notice')).toContainText('End of the review queue');
  await page.keyboard.press('[');
  await expect(page.getByTestId('sample-view')).toHaveAttribute('data-sample-id', first!);
  await screenshot(page, 'review-queue');
});

test('the dashboard counts match the library', async ({ page }) => {
  await openStudio(page);
  await markReady(page, 'remainder', 0, true);
  await markReady(page, 'coefficient', 0);
  await page.getByTestId('filter-checks').selectOption('failing');
  // The count follows the filter in a deferred render: wait until it is filtered (not all 6).
  await expect(page.getByTestId('library-count')).not.toHaveText('6 of 6 samples');
  const failingText = await page.getByTestId('library-count').textContent();
  const failing = Number(/^(\d+) of/.exec(failingText ?? '')?.[1]);
  await screenshot(page, 'review-library-checks-failing');
  expect(failing).toBeGreaterThanOrEqual(2); // the two wrong answers of the demo
  await page.getByTestId('filter-checks').selectOption('all');
  await page.getByTestId('filter-status').selectOption('ready');
  await expect(page.getByTestId('library-count')).toHaveText('2 of 6 samples');

  await page.getByTestId('open-dashboard').click();
  const dash = page.getByTestId('dashboard');
  await expect(dash.getByTestId('dash-total')).toHaveText('6');
  await expect(dash.getByTestId('dash-status-ready')).toHaveText('2');
  await expect(dash.getByTestId('dash-status-draft')).toHaveText('4');
  await expect(dash.getByTestId('dash-status-approved')).toHaveText('0');
  await expect(dash.getByTestId('dash-failing')).toHaveText(String(failing));
  await expect(dash.locator('canvas')).toHaveCount(4, { timeout: 30_000 });
  await expect(dash.getByTestId('dash-tokens-saved')).toHaveText(/^-?\d+\.\d%$/, { timeout: 60_000 });

  // The queue can walk other statuses too.
  await expect(dash.getByTestId('dash-start-queue')).toHaveText('Review queue (2)');
  await dash.getByTestId('queue-statuses').getByText('draft').click();
  await expect(dash.getByTestId('dash-start-queue')).toHaveText('Review queue (6)');

  // The target is configurable and kept.
  await dash.getByTestId('dash-target').fill('12');
  await page.waitForTimeout(600); // debounced save
  await page.reload();
  await expect(page.getByTestId('dash-target')).toHaveValue('12');
  await page.waitForTimeout(500); // let chart.js draw before the screenshot
  await screenshot(page, 'review-dashboard');
});

test('a hint suggestion is shown with its reason, accepted on request, and visible in the diff', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('paste-trace-open').click();
  await page.getByTestId('paste-trace-text').fill(HAND_SUMS);
  await page.getByTestId('paste-problem').fill('Sum of the squares of the first 12 positive integers not divisible by 3.');
  await page.getByTestId('paste-gt').fill('1290');
  await page.getByTestId('paste-submit').click();

  const suggestion = page.getByTestId('suggestion');
  await expect(suggestion).toHaveCount(1);
  await expect(suggestion).toHaveAttribute('data-hint-type', 'hint-1');
  await expect(suggestion.getByTestId('suggestion-reason')).toContainText('arithmetic operations');
  await screenshot(page, 'review-suggestion');
  await suggestion.getByTestId('suggestion-accept').click();
  await expect(page.getByTestId('trace-list')).toContainText('It looks tedious, and we can use python code to simplify the reasoning.');
  await expect(page.getByTestId('history-event').last()).toContainText('accepted suggestion');

  // The hint opened a code block nobody closed yet: the check says so, and clicking it shows the block.
  const unclosed = page.locator('[data-testid="check"][data-check-id="code-closed"]');
  await expect(unclosed).toHaveAttribute('data-status', 'fail');
  await expect(page.locator('[data-testid="step"][data-cursor="true"]')).toHaveAttribute('data-step-kind', 'paragraph');
  await unclosed.getByRole('button', { name: 'Every code block closed' }).click();
  await expect(page.locator('[data-testid="step"][data-cursor="true"]')).toHaveAttribute('data-step-kind', 'code');

  await page.keyboard.press('d');
  const diff = page.getByTestId('diff-view');
  await expect(diff.locator('[data-hint="hint-1"]').first()).toBeVisible();
  await expect(diff.getByTestId('diff-cut')).toHaveCount(1);
  await expect(diff.getByTestId('diff-body').locator('.diff-piece--removed').first()).toContainText('Those integers are 1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17. Let me compute the squares');
  await screenshot(page, 'review-diff');
  await page.keyboard.press('Escape');
  await expect(diff).toBeHidden();
  await expect(page.getByTestId('sample-view')).toBeVisible();
});
