/**
 * Settings → trace profiles: the built-in profiles listed as data (read-only) with their code
 * and output markers, where generation stops and how their code runs under this project's
 * choice, and how many of the project's samples follow each; the project's semantics is kept.
 */
import { expect, test } from '@playwright/test';
import { cortLine, DEMO_SAMPLES, openSample, openStudio, screenshot, uploadFiles } from './helpers';

const RETOOL = cortLine('What is $3!$?', '6', [
  'Let me compute 3 factorial.\n\n<code>\n```python\nimport math\nprint(math.factorial(3))\n```\n</code>\n\n<interpreter>\n6\n</interpreter>\n\nSo it is 6.\n\n<answer>\n\\boxed{6}\n</answer>',
]);

test('the trace profiles are listed with their markers and semantics, and the project semantics choice is kept', async ({ page }) => {
  await openStudio(page);
  await uploadFiles(page, [{ name: 'retool.jsonl', content: RETOOL }]);
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 1);

  await page.keyboard.press(',');
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByTestId('settings-profiles').locator('summary').click();
  const profiles = dialog.getByTestId('settings-profile');
  await expect(profiles).toHaveCount(6);
  const retool = dialog.locator('[data-testid="settings-profile"][data-profile="retool"]');
  await expect(retool.getByTestId('settings-profile-code')).toContainText('<code>\\n```python\\nprint(1)\\n```\\n</code>');
  await expect(retool.getByTestId('settings-profile-output')).toContainText('<interpreter>');
  await expect(retool.getByTestId('settings-profile-count')).toHaveText('1 sample here');
  await expect(retool.getByTestId('settings-profile-semantics')).toContainText('each call alone');
  const cort = dialog.locator('[data-testid="settings-profile"][data-profile="cort"]');
  await expect(cort.getByTestId('settings-profile-count')).toHaveText(`${DEMO_SAMPLES} samples here`);
  await expect(cort.getByTestId('settings-profile-semantics')).toContainText("CoRT's replay");
  await expect(dialog.getByText('built-in · read-only').first()).toBeVisible();

  // The project's semantics decides how CoRT-syntax traces run; ReTool's stays its own.
  await dialog.getByTestId('setting-semantics').selectOption('notebook');
  await expect(cort.getByTestId('settings-profile-semantics')).toContainText('a live namespace');
  await expect(retool.getByTestId('settings-profile-semantics')).toContainText('each call alone');
  await retool.scrollIntoViewIfNeeded();
  await screenshot(page, 'formats-settings-profiles');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await page.keyboard.press(',');
  await expect(dialog.getByTestId('setting-semantics')).toHaveValue('notebook');
});

test("a problem imported without a trace is written in the project's trace profile", async ({ page }) => {
  await openStudio(page);
  await page.keyboard.press(',');
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog.getByTestId('setting-trace-profile')).toHaveValue('cort');
  await dialog.getByTestId('setting-trace-profile').selectOption('retool');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();

  await uploadFiles(page, [{ name: 'problems.jsonl', content: JSON.stringify({ problem: 'What is four factorial?', gt_answer: '24', source: 'e2e' }) }]);
  await openSample(page, 'What is four factorial?');
  // Hint-1 on the empty trace opens a code block in ReTool's markers, not CoRT's.
  await page.keyboard.press('2');
  await expect(page.getByTestId('step').last()).toHaveAttribute('data-step-kind', 'code');
  await page.keyboard.press('Shift+A');
  await page.getByTestId('composer-text').fill('import math\nprint(math.factorial(4))');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('d');
  await expect(page.getByTestId('diff-body')).toContainText('<code>\n```python\nimport math');
  await expect(page.getByTestId('diff-body')).toContainText('```\n</code>');
  await screenshot(page, 'formats-settings-project-profile');
});
