/**
 * Step labels and the preference data Hint-Engineering implies, end to end in the built app:
 * an annotator labels steps from the keyboard (the palette and `?` list the keys, Ctrl+Z takes a
 * label back, labels survive a reload), cuts the trace with Hint-1, writes the code, runs it in
 * the real Pyodide, finishes the answer, and exports DPO and step-label (PRM) files. The files are
 * checked against their schemas and against our own reference (scripts/reference/trl_labels.py,
 * the machine's python3), which computes the records from the project file, not the studio's code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { expect, test, type Locator, type Page } from '@playwright/test';
import trlDpo from '../schemas/trl-dpo.schema.json' with { type: 'json' };
import trlStepwise from '../schemas/trl-stepwise.schema.json' with { type: 'json' };
import { cortLine, openSample, openStudio, screenshot, uploadFiles } from './helpers';

const HINT_1 = 'It looks tedious, and we can use python code to simplify the reasoning.';
const BY_HAND = 'Let me multiply by hand: 17 times 20 is 340, and 17 times 3 is 51, so 391.';
const ORIGINAL =
  "Okay, let's try to solve this problem step by step using multiple python code calls.\n\n" +
  'We need the product of 17 and 23.\n\n' +
  `${BY_HAND}\n\n` +
  'So the product is 391.\n</think>\n\nThe answer is $\\boxed{391}$.';

const steps = (page: Page) => page.getByTestId('step');
const step = (page: Page, index: number) => page.locator(`[data-testid="step"][data-step-index="${index}"]`);

async function download(page: Page, button: Locator, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

const jsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Puts the step cursor on `index` with j/k, as a user does. */
async function cursorTo(page: Page, index: number): Promise<void> {
  const now = Number(await page.locator('[data-testid="step"][data-cursor="true"]').getAttribute('data-step-index'));
  const key = index > now ? 'j' : 'k';
  for (let i = 0; i < Math.abs(index - now); i++) await page.keyboard.press(key);
  await expect(step(page, index)).toHaveAttribute('data-cursor', 'true');
}

test('label steps from the keyboard, cut with a hint, and export DPO and PRM files our reference agrees with', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'hs-step-labels-'));
  await openStudio(page);
  await uploadFiles(page, [{ name: 'product.jsonl', content: cortLine('What is $17 \\times 23$?', '391', [ORIGINAL]) }]);
  await openSample(page, '17 \\times 23');
  await expect(steps(page)).toHaveCount(6);

  // The palette and `?` list the label commands with their keys.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('label step');
  await expect(page.getByTestId('palette-command').filter({ hasText: 'Label step bad' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.locator('[data-testid="help-command"][data-command="labelStepGood"]')).toContainText('+');
  await expect(page.locator('[data-testid="help-command"][data-command="labelStepBad"]')).toBeVisible();
  await screenshot(page, 'step-labels-help');
  await page.keyboard.press('Escape');

  // + rates the cursor step good; - bad (the first error); Ctrl+Z takes the last label back.
  await page.keyboard.press('+');
  await expect(step(page, 0).getByTestId('step-label')).toHaveText('+1');
  await cursorTo(page, 1);
  await page.keyboard.press('-');
  await expect(step(page, 1).getByTestId('step-label')).toHaveText('−1');
  await expect(step(page, 1).getByTestId('step-first-error')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(step(page, 1).getByTestId('step-label')).toHaveCount(0);
  await page.keyboard.press('0');
  await expect(step(page, 1).getByTestId('step-label')).toHaveText('0');

  // Hint-1 where the model starts multiplying by hand: the rest leaves as the cut branch.
  await cursorTo(page, 2);
  await page.keyboard.press('2');
  await expect(page.getByTestId('trace-list')).toContainText(HINT_1);
  await expect(page.getByTestId('trace-list')).not.toContainText(BY_HAND);
  // The annotator writes the code, runs it in Pyodide, and finishes the reasoning by hand.
  await page.keyboard.press('Shift+A');
  await page.getByTestId('composer-text').fill('print(17 * 23)');
  await page.keyboard.press('Control+Enter');
  const code = steps(page).filter({ hasText: 'print(17 * 23)' });
  await code.getByTestId('run-cell').click();
  await expect(page.getByTestId('output-step').last()).toContainText('391', { timeout: 120_000 });
  await page.keyboard.press('a');
  await page.getByTestId('composer-text').fill('\nSo the product is 391.\n</think>\n\nThe answer is $\\boxed{391}$.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('sample-answer')).toContainText('391');

  // Steps now: prompt hint, "We need…", the hint, its code, the output, "So the product…", </think>, answer.
  const kinds = await steps(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step-kind')));
  expect(kinds).toEqual(['paragraph', 'paragraph', 'paragraph', 'code', 'output', 'paragraph', 'think-end', 'answer']);
  // The labels of the steps before the cut stayed.
  await expect(step(page, 0).getByTestId('step-label')).toHaveText('+1');
  await expect(step(page, 1).getByTestId('step-label')).toHaveText('0');
  await cursorTo(page, 2);
  await page.keyboard.press('=');
  await cursorTo(page, 3);
  await step(page, 3).getByTestId('step-label-good').click(); // the same command, from its button
  await cursorTo(page, 5);
  await page.keyboard.press('-');
  await cursorTo(page, 7);
  await page.keyboard.press('+'); // after the first error: kept, but a PRM record ends before it
  await expect(step(page, 5).getByTestId('step-first-error')).toBeVisible();
  await cursorTo(page, 0);
  await page.keyboard.press('f');
  await expect(step(page, 5)).toHaveAttribute('data-cursor', 'true');
  await screenshot(page, 'step-labels-trace');

  // Reload: the labels are saved with the sample.
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByTestId('sample-view')).toBeVisible();
  const ratings = await page.getByTestId('step-label').evaluateAll((chips) => chips.map((c) => c.textContent));
  expect(ratings).toEqual(['+1', '0', '+1', '+1', '−1', '+1']);
  await expect(step(page, 5).getByTestId('step-first-error')).toBeVisible();

  // The diff view lists the labels of the current trace, the first error marked.
  await page.keyboard.press('d');
  const labelList = page.getByTestId('diff-view').getByTestId('step-label-list-item');
  await expect(labelList).toHaveCount(6);
  await expect(labelList.nth(4)).toContainText('step 6');
  await expect(labelList.nth(4)).toContainText('first error');
  await screenshot(page, 'step-labels-diff');
  await page.keyboard.press('d');

  // The dashboard counts them, and this sample makes a step-label record.
  await page.keyboard.press('Escape');
  await page.getByTestId('open-dashboard').click();
  const card = page.getByTestId('dash-step-labels');
  await expect(card.getByTestId('dash-labelled-samples')).toHaveText('1');
  await expect(card.getByTestId('dash-label-counts')).toHaveText('+1 × 4 · 0 × 1 · −1 × 1');
  await expect(card.getByTestId('dash-first-errors')).toHaveText('1');
  await expect(card.getByTestId('dash-prm-ready')).toHaveText('1');
  await expect(card.getByTestId('dash-hint-cuts')).toHaveText('1');
  await expect(card.getByTestId('dash-label-row')).toContainText('first error: step 6');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'step-labels-dashboard');
  await page.getByTestId('dashboard-back').click();

  // Export DPO and PRM (all samples: this one is not approved; the demo has no cuts or labels).
  await page.keyboard.press('e');
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  await expect(dialog.getByTestId('export-full-checks')).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  const files: Record<string, string> = {};
  for (const format of ['dpo', 'prm'] as const) {
    await dialog.getByTestId('export-format').selectOption(format);
    await expect(dialog.getByTestId(`export-download-${format}.jsonl`)).toBeEnabled({ timeout: 60_000 });
    await expect(dialog.getByTestId('export-summary')).toContainText('1 of 7 samples');
    await screenshot(page, `step-labels-export-${format}`);
    files[format] = await download(page, dialog.getByTestId(`export-download-${format}.jsonl`), join(dir, format));
  }
  await dialog.getByTestId('export-close').click();
  const backup = await download(page, page.getByTestId('backup-download'), dir);

  const dpo = jsonl(files.dpo);
  const prm = jsonl(files.prm);
  const ajv = new Ajv({ allErrors: true });
  const validDpo = ajv.compile(trlDpo);
  const validPrm = ajv.compile(trlStepwise);
  for (const record of dpo) expect(validDpo(record), JSON.stringify(validDpo.errors)).toBe(true);
  for (const record of prm) expect(validPrm(record), JSON.stringify(validPrm.errors)).toBe(true);

  // Our reference, from the project file.
  const reference = JSON.parse(execFileSync('python3', ['scripts/reference/trl_labels.py', backup], { encoding: 'utf8' })) as { dpo: unknown[]; prm: unknown[] };
  expect(dpo).toEqual(reference.dpo);
  expect(prm).toEqual(reference.prm);
  // And what the annotation says, in the test's own words.
  expect(dpo).toHaveLength(1);
  expect(dpo[0].rejected).toBe(ORIGINAL.slice(ORIGINAL.indexOf(BY_HAND)));
  expect(dpo[0].chosen).toMatch(new RegExp(`^${HINT_1}`));
  expect(dpo[0].chosen).toContain('print(17 * 23)');
  expect(String(dpo[0].prompt).endsWith('We need the product of 17 and 23.\n\n')).toBe(true);
  expect(prm).toEqual([
    {
      prompt: expect.stringContaining('What is $17 \\times 23$?'),
      completions: [expect.stringMatching(/^Okay/), 'We need the product of 17 and 23.', expect.stringMatching(/^It looks tedious/), expect.stringMatching(/print\(17 \* 23\)[\s\S]*391/), 'So the product is 391.\n</think>'],
      labels: [true, false, true, true, false],
    },
  ]);
});
