/**
 * The export dialog's training formats, end to end: for each format and option the files the
 * built studio downloads equal, byte for byte, what `hint-studio export` writes with the same
 * flags from a backup of the same studio. A ReTool trace sits next to the CoRT demo, and the
 * conversion option turns the CoRT traces into ReTool's markers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cortLine, DEMO_SAMPLES, openStudio, screenshot, uploadFiles, type UploadFile } from './helpers';

/** A ReTool trace of our own (code in <code>, result in <interpreter>, answer in <answer>). */
const RETOOL: UploadFile = {
  name: 'retool.jsonl',
  content: cortLine('What is $3!$?', '6', [
    'Let me compute 3 factorial.\n\n<code>\n```python\nimport math\nprint(math.factorial(3))\n```\n</code>\n\n<interpreter>\n6\n</interpreter>\n\nSo it is 6.\n\n<answer>\n\\boxed{6}\n</answer>',
  ]),
};

async function download(page: Page, button: Locator, dir: string): Promise<string> {
  // A download that never starts fails here within a minute, not at the test's time-out.
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Downloads every file the dialog lists into `dir`; returns their names. */
async function downloadAll(page: Page, dialog: Locator, dir: string): Promise<string[]> {
  const names = await dialog.getByTestId('export-file').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')!));
  for (const name of names) await download(page, dialog.getByTestId(`export-download-${name}`), dir);
  return names;
}

function cliExport(backup: string, out: string, exportedAt: string, flags: string[]): void {
  execFileSync('node', ['bin/hint-studio.mjs', 'export', backup, '--out', out, '--include', 'all', '--exported-at', exportedAt, ...flags], { cwd: process.cwd(), stdio: 'pipe' });
}

function expectSameFiles(studioDir: string, cliDir: string, names: string[], what: string): void {
  expect(readdirSync(cliDir).sort(), what).toEqual([...names].sort());
  for (const name of names) expect(readFileSync(join(studioDir, name)).equals(readFileSync(join(cliDir, name))), `${what}: ${name} differs from the CLI's`).toBe(true);
}

test('every training format downloads the bytes `hint-studio export` writes with the same options', async ({ page }) => {
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'hs-formats-e2e-'));
  await openStudio(page);
  await uploadFiles(page, [RETOOL]);
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 1);

  await page.keyboard.press('e');
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  await expect(dialog.getByTestId('export-full-checks')).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  const format = dialog.getByTestId('export-format');

  // Each case: what the user picks in the dialog, and the CLI flags that mean the same.
  const cases: { name: string; pick: () => Promise<void>; flags: string[]; file: string }[] = [
    {
      name: 'trl-prompt-completion',
      pick: async () => {
        await format.selectOption('trl');
        await dialog.getByTestId('export-layout').selectOption('prompt-completion');
      },
      flags: ['--format', 'trl', '--layout', 'prompt-completion'],
      file: 'trl.jsonl',
    },
    {
      name: 'verl-multiturn-thinking',
      pick: async () => {
        await format.selectOption('verl-multiturn');
        await dialog.getByTestId('export-enable-thinking').selectOption('true');
      },
      flags: ['--format', 'verl-multiturn', '--enable-thinking', 'true'],
      file: 'verl-multiturn.parquet',
    },
    {
      name: 'axolotl-to-retool',
      pick: async () => {
        await format.selectOption('axolotl');
        await dialog.getByTestId('export-convert-to').selectOption('retool');
      },
      flags: ['--format', 'axolotl', '--convert-to', 'retool'],
      file: 'axolotl.jsonl',
    },
    {
      name: 'llamafactory-tools',
      pick: async () => {
        await format.selectOption('llamafactory-tools');
        await dialog.getByTestId('export-convert-to').selectOption('');
      },
      flags: ['--format', 'llamafactory-tools'],
      file: 'llamafactory-tools.jsonl',
    },
  ];

  await dialog.locator('summary', { hasText: 'Reproducibility' }).click();
  let exportedAt = '';
  const downloaded = new Map<string, string[]>();
  for (const c of cases) {
    await c.pick();
    await expect(dialog.getByTestId(`export-download-${c.file}`)).toBeEnabled({ timeout: 60_000 });
    await expect(dialog.getByTestId('export-summary')).not.toContainText(/^0 of/);
    // The dialog names the CLI call that writes the same files.
    await expect(dialog.getByTestId('export-cli')).toContainText(`--out DIR ${c.flags.slice(0, 2).join(' ')} --include all ${c.flags.slice(2).join(' ')}`.trim());
    await dialog.getByTestId('export-cli').scrollIntoViewIfNeeded();
    await screenshot(page, `formats-${c.name}`);
    const studioDir = join(dir, c.name, 'studio');
    downloaded.set(c.name, await downloadAll(page, dialog, studioDir));
    exportedAt ||= (JSON.parse(readFileSync(join(studioDir, 'manifest.json'), 'utf8')) as { exportedAt: string }).exportedAt;
  }
  await dialog.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();
  // The backup is taken in a second tab of the same browser: in CI, Chromium twice withheld a
  // tab's next download after the dozen this one made (the click landed, no download began).
  const second = await page.context().newPage();
  await openStudio(second);
  await expect(second.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 1);
  const backup = await download(second, second.getByTestId('backup-download'), dir);
  for (const c of cases) {
    const cliDir = join(dir, c.name, 'cli');
    cliExport(backup, cliDir, exportedAt, c.flags);
    expectSameFiles(join(dir, c.name, 'studio'), cliDir, downloaded.get(c.name)!, c.name);
  }
  // The conversion happened: the CoRT demo's code is in ReTool's markers in the axolotl file.
  expect(readFileSync(join(dir, 'axolotl-to-retool', 'studio', 'axolotl.jsonl'), 'utf8')).toContain('<code>\\n```python');
  const manifest = JSON.parse(readFileSync(join(dir, 'axolotl-to-retool', 'studio', 'manifest.json'), 'utf8')) as { convertedTo: string; traceProfiles: Record<string, number> };
  expect(manifest.convertedTo).toBe('retool');
  expect(Object.keys(manifest.traceProfiles)).toEqual(['retool']);
});

test('a format without a loss mask holds back samples with interpreter output and says why; training on them is a choice', async ({ page }) => {
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'hs-formats-unmasked-'));
  await openStudio(page);
  await uploadFiles(page, [RETOOL]);
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 1);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  await expect(dialog.getByTestId('export-full-checks')).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  await dialog.getByTestId('export-format').selectOption('messages');

  // Off by default: every sample here has interpreter output, so all that pass the checks are held back.
  const outputs = dialog.getByTestId('export-outputs');
  await expect(dialog.getByTestId('export-train-on-outputs')).not.toBeChecked();
  await expect(outputs).toContainText('cannot keep interpreter output out of the loss');
  await expect(dialog.getByTestId('export-outputs-status')).toContainText(`${DEMO_SAMPLES - 1} samples have interpreter output and are held back`);
  const held = dialog.getByTestId('export-outputs-held').getByTestId('export-held-row');
  await expect(held).toHaveCount(DEMO_SAMPLES - 1);
  await expect(held.first()).toContainText('it has interpreter output, which messages cannot keep out of the loss');
  await expect(dialog.getByTestId('export-summary')).toContainText(`0 of ${DEMO_SAMPLES + 1} samples`);
  await screenshot(page, 'formats-unmasked-held');

  await dialog.getByTestId('export-train-on-outputs').check();
  await expect(dialog.getByTestId('export-outputs-status')).toContainText(`${DEMO_SAMPLES - 1} samples will train the model to write the interpreter's output`);
  await expect(dialog.getByTestId('export-outputs-held')).toHaveCount(0);
  await expect(dialog.getByTestId('export-summary')).toContainText(`${DEMO_SAMPLES - 1} of ${DEMO_SAMPLES + 1} samples`);
  await expect(dialog.getByTestId('export-download-messages.jsonl')).toBeEnabled({ timeout: 60_000 });
  await screenshot(page, 'formats-unmasked-trained');
  const studioDir = join(dir, 'studio');
  const names = await downloadAll(page, dialog, studioDir);
  const manifest = JSON.parse(readFileSync(join(studioDir, 'manifest.json'), 'utf8')) as { exportedAt: string; outputsTrained: number };
  expect(manifest.outputsTrained).toBe(DEMO_SAMPLES - 1);
  await dialog.getByTestId('export-close').click();

  const backup = await download(page, page.getByTestId('backup-download'), dir);
  cliExport(backup, join(dir, 'cli'), manifest.exportedAt, ['--format', 'messages', '--train-on-outputs']);
  expectSameFiles(studioDir, join(dir, 'cli'), names, 'messages --train-on-outputs');
});
