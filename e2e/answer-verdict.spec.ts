/**
 * One answer verdict everywhere: the library column, the answer filter and the sample's
 * checks show the same ✓ for answers a math grader accepts (`\$18.90` for 18.90, `(C)` for
 * `\text{(C)}`), the same ✗ for a wrong choice, and an answer only SymPy can decide turns
 * from pending to ✓ on its own, decided by the checks' interpreter in the background.
 */
import { expect, test, type Page } from '@playwright/test';
import { cortLine, libraryRowsWith as rowFor, openStudio, screenshot, uploadFiles } from './helpers';

/** A trace with no code: the answer is the only thing to check. */
const boxing = (answer: string) => `Okay, the work is done.\n</think>\n\nThe answer is $\\boxed{${answer}}$.`;

const SAMPLES = [
  { problem: 'What is the price of the book in dollars?', gt: '18.90', boxed: '\\$18.90', state: 'match' },
  { problem: 'Which lettered choice is the largest?', gt: '\\text{(C)}', boxed: '(C)', state: 'match' },
  { problem: 'Simplify the square root of twelve.', gt: '\\sqrt{12}', boxed: '2\\sqrt{3}', state: 'match' },
  { problem: 'Which lettered choice is the smallest?', gt: '\\text{(C)}', boxed: 'D', state: 'mismatch' },
] as const;

const answersFile = {
  name: 'answers.jsonl',
  content: SAMPLES.map((s) => cortLine(s.problem, s.gt, [boxing(s.boxed)], 'math500')).join('\n'),
};

const markOf = (page: Page, problem: string) => rowFor(page, problem).getByTestId('answer-mark');

async function filterByAnswer(page: Page, value: 'all' | 'match' | 'mismatch' | 'undecided'): Promise<void> {
  await page.getByTestId('filter-answer').selectOption(value);
}

async function checksOf(page: Page, problem: string) {
  await rowFor(page, problem).click();
  await expect(page.getByTestId('sample-view')).toBeVisible();
  const panel = page.getByTestId('checks-panel');
  return { header: page.getByTestId('sample-answer').getByTestId('answer-mark'), answer: panel.locator('[data-check-id="answer"]') };
}

test('the library column, the answer filter and the sample checks give one verdict', async ({ page }) => {
  await openStudio(page);
  await uploadFiles(page, [answersFile]);
  await expect(rowFor(page, 'price of the book')).toHaveCount(1);
  await screenshot(page, 'answer-verdict-library-arriving');

  // The column: decided at once where no interpreter is needed, by SymPy in the background otherwise.
  for (const s of SAMPLES) await expect(markOf(page, s.problem)).toHaveAttribute('data-state', s.state, { timeout: 120_000 });
  await expect(markOf(page, 'price of the book').locator('.answer-mark__value')).toHaveText('\\$18.90');

  // The filter: ✓ lists exactly the accepted ones of this file, ✗ the wrong choice.
  await filterByAnswer(page, 'match');
  for (const s of SAMPLES) await expect(rowFor(page, s.problem)).toHaveCount(s.state === 'match' ? 1 : 0);
  await screenshot(page, 'answer-verdict-filter-match');
  await filterByAnswer(page, 'mismatch');
  for (const s of SAMPLES) await expect(rowFor(page, s.problem)).toHaveCount(s.state === 'mismatch' ? 1 : 0);
  await filterByAnswer(page, 'undecided');
  for (const s of SAMPLES) await expect(rowFor(page, s.problem)).toHaveCount(0);
  await filterByAnswer(page, 'all');

  // The sample: its header and its answer check say the same.
  const price = await checksOf(page, 'price of the book');
  await expect(price.header).toHaveAttribute('data-state', 'match');
  await expect(price.answer).toHaveAttribute('data-status', 'pass');
  await expect(price.answer).toContainText('equal');
  await screenshot(page, 'answer-verdict-sample-dollars');

  await page.keyboard.press('Escape');
  const choice = await checksOf(page, 'largest?');
  await expect(choice.header).toHaveAttribute('data-state', 'match');
  await expect(choice.answer).toHaveAttribute('data-status', 'pass');

  await page.keyboard.press('Escape');
  const radical = await checksOf(page, 'square root of twelve');
  await expect(radical.header).toHaveAttribute('data-state', 'match');
  await expect(radical.answer).toHaveAttribute('data-status', 'pass');
  await expect(radical.answer).toContainText('sympy');

  await page.keyboard.press('Escape');
  const wrong = await checksOf(page, 'smallest?');
  await expect(wrong.header).toHaveAttribute('data-state', 'mismatch');
  await expect(wrong.answer).toHaveAttribute('data-status', 'fail');
  await screenshot(page, 'answer-verdict-sample-wrong-choice');
});
