/**
 * The tokenized export of a project with long traces runs off the page (a worker builds the
 * user's tokenizer and encodes every sample): while it runs the dialog shows its progress and
 * answers a click on Cancel; run again, its download equals `hint-studio export` on a backup of
 * the same studio, byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cortLine, DEMO_SAMPLES, openStudio, QWEN3_TOKENIZER, screenshot, uploadFiles } from './helpers';

/**
 * A trace of about `tokens` tokens in 10 rounds of prose, code and output (CoRT's checks hold
 * back more than 15 code calls), ending in the right boxed answer, so every one is exported.
 */
function longTrace(tokens: number, variant: number): string {
  const rounds = 10;
  const parts = ["Okay, let's try to solve this problem step by step using multiple python code calls.\n\n"];
  const proseChars = (tokens * 3.2) / rounds;
  for (let round = 1; round <= rounds; round++) {
    let prose = '';
    for (let k = 0; prose.length < proseChars; k++) prose += `In case ${variant}.${round}.${k} the partial sum of the first ${k + round} squares is ${((k + round) * (k + round + 1) * (2 * (k + round) + 1)) / 6}, which agrees with the closed form. `;
    const s = (round * (round + 1) * (2 * round + 1)) / 6;
    parts.push(`${prose}\n\n`, '```python\n', `s = sum(k*k for k in range(1, ${round + 1}))\nprint(s, s % 7)\n`, '```\n', '```output\n', `${s} ${s % 7}`, '\n```\n\n');
  }
  parts.push('All rounds agree with the closed form.\n</think>\n\nThe answer is $\\boxed{42}$.');
  return parts.join('');
}

/** Long enough that encoding them takes the worker seconds, small enough for the CLI's full checks. */
const LONG_SAMPLES = 30;
const LONG: { name: string; content: string } = {
  name: 'long.jsonl',
  content: Array.from({ length: LONG_SAMPLES }, (_, i) => cortLine(`Problem ${i + 1}: what is $6 \\times 7$, by way of ${i + 1} sums of squares?`, '42', [longTrace(6_000, i)], 'long')).join('\n'),
};

async function download(page: Page, button: Locator, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

test('a tokenized export of long traces shows its progress, can be cancelled, and downloads the CLI bytes', async ({ page }) => {
  test.setTimeout(900_000);
  const dir = mkdtempSync(join(tmpdir(), 'hs-tokenized-e2e-'));
  await openStudio(page);
  await uploadFiles(page, [LONG]);
  await expect(page.getByTestId('import-imported')).toContainText(`${LONG_SAMPLES} imported`, { timeout: 120_000 });

  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  await dialog.getByTestId('export-format').selectOption('tokenized');
  // The full checks first (as `hint-studio export` runs them): the verdicts then stay put while it tokenizes.
  await expect(dialog.getByTestId('export-full-checks')).toHaveAttribute('data-phase', 'done', { timeout: 600_000 });
  await dialog.getByTestId('export-tokenizer-input').setInputFiles([QWEN3_TOKENIZER.json, QWEN3_TOKENIZER.config]);
  await expect(dialog.getByTestId('export-tokenizer-status')).toHaveText('Loaded tokenizer.json + tokenizer_config.json', { timeout: 120_000 });

  // The page stays responsive while the worker encodes: the progress text moves on...
  const progress = dialog.getByTestId('export-progress-text');
  await expect(progress).toHaveText(/^Tokenizing \d+ \/ \d+$/, { timeout: 300_000 });
  const first = await progress.textContent();
  await expect(progress).not.toHaveText(first!, { timeout: 60_000 });
  await screenshot(page, 'export-tokenizing-progress');
  // ...and a click on Cancel stops it at once.
  await dialog.getByTestId('export-cancel').click();
  await expect(dialog.getByTestId('export-cancelled')).toBeVisible({ timeout: 5_000 });
  await expect(dialog.getByTestId('export-progress')).toHaveCount(0);
  await expect(dialog.getByTestId('export-download-tokenized.jsonl')).toHaveCount(0);
  await screenshot(page, 'export-tokenizing-cancelled');

  // Run again: the worker still holds the tokenizer.
  await dialog.getByTestId('export-again').click();
  await expect(dialog.getByTestId('export-download-tokenized.jsonl')).toBeEnabled({ timeout: 600_000 });
  const studioFile = await download(page, dialog.getByTestId('export-download-tokenized.jsonl'), join(dir, 'studio'));
  const manifestPath = await download(page, dialog.getByTestId('export-download-manifest.json'), join(dir, 'studio'));
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exportedAt: string; counts: { exported: number } };
  expect(manifest.counts.exported).toBeGreaterThanOrEqual(LONG_SAMPLES);
  await dialog.getByTestId('export-close').click();

  const [backupFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  const backup = join(dir, 'backup.json');
  await backupFile.saveAs(backup);
  const cliDir = join(dir, 'cli');
  execFileSync(
    'node',
    ['bin/hint-studio.mjs', 'export', backup, '--format', 'tokenized', '--out', cliDir, '--include', 'all', '--exported-at', manifest.exportedAt, '--tokenizer', QWEN3_TOKENIZER.json, '--template', QWEN3_TOKENIZER.config],
    { cwd: process.cwd(), stdio: 'pipe' },
  );
  expect(readFileSync(studioFile).equals(readFileSync(join(cliDir, 'tokenized.jsonl'))), 'tokenized.jsonl differs from the CLI').toBe(true);
  expect(readFileSync(manifestPath, 'utf8')).toBe(readFileSync(join(cliDir, 'manifest.json'), 'utf8'));
  expect(readFileSync(studioFile, 'utf8').trimEnd().split('\n').length).toBe(manifest.counts.exported);
  expect(manifest.counts.exported).toBeLessThanOrEqual(LONG_SAMPLES + DEMO_SAMPLES);
});
