/**
 * Export and backup, end to end: the studio's CoRT JSONL + manifest equal the CLI's on a
 * backup of the same studio, a backup restores into a fresh browser, a merge keeps newer
 * edits and says so, and a CoRT export imports back to the same traces byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { renderTrace } from '../src/core/trace';
import { approvalOf } from '../src/core/review';
import type { Sample } from '../src/core/sample/types';
import { cortLine, DEMO_SAMPLES, openStudio, QWEN3_TOKENIZER, screenshot, shortTrace, uploadFiles, type UploadFile } from './helpers';

/** Two samples of our own: one with astral characters (UTF-16 vs code-point offsets), one plain. */
const OWN: UploadFile = {
  name: 'own.jsonl',
  content: [
    cortLine(
      'Find $x$ with $x^3 = 125$.',
      '5',
      [
        "Okay, let's try to solve this problem step by step using multiple python code calls.\n\n" +
          'We need 𝑥 with 𝑥³ = 125 🙂.\n```python\nprint(round(125 ** (1/3)))\n```\n```output\n5\n```\n' +
          'So 𝑥 = 5.\n</think>\n\nThe answer is $\\boxed{5}$.',
      ],
      'own',
    ),
    cortLine('What is $6 \\times 7$?', '42', [shortTrace('42')], 'own'),
  ].join('\n'),
};

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'hs-export-e2e-'));
}

/** Clicks a button that downloads a file and saves the file into `dir`; returns its path and name. */
async function download(page: Page, button: Locator, dir: string): Promise<{ path: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

async function backUp(page: Page, dir: string) {
  return download(page, page.getByTestId('backup-download'), dir);
}

async function restore(page: Page, path: string, name = 'backup.json'): Promise<void> {
  await page.getByTestId('restore-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: readFileSync(path) });
}

interface BackupFile {
  samples: { id: string; problem: string; status: string; updatedAt: string; createdAt: string; trace: Parameters<typeof renderTrace>[0] }[];
  [key: string]: unknown;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/**
 * SETUP, not the feature under test: review status belongs to the review feature. To get
 * approved samples we edit a downloaded backup (status + a newer updatedAt) and restore it
 * through the studio's own restore, which takes the newer edits.
 */
function approveInBackup(backup: BackupFile, exceptIds: string[], at: string): BackupFile {
  // An approval is of content: it records the approved text and its fingerprint (core/review).
  const approve = (s: BackupFile['samples'][number]) => ({ ...s, status: 'approved', updatedAt: at, approval: approvalOf(s as unknown as Sample, { by: 'e2e', at }) });
  return {
    ...backup,
    samples: backup.samples.map((s) => (exceptIds.includes(s.id) ? s : approve(s))),
  };
}

test('the studio CoRT export equals `hint-studio export` on a backup of the same studio, byte for byte', async ({ page }) => {
  const dir = workDir();
  await openStudio(page);
  await uploadFiles(page, [OWN]);
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 2);

  // The export dialog opens with the `e` key; with "All samples" the checks gate shows which
  // samples fail (two demo generations whose answer differs from gt_answer).
  await page.keyboard.press('e');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-include-all').check();
  const failing = dialog.getByTestId('export-failing').getByTestId('export-held-row');
  await expect(failing).toHaveCount(2);
  await expect(failing.first()).toContainText('Final answer equals ground truth: different');
  await expect(dialog.getByTestId('export-summary')).toContainText(`${DEMO_SAMPLES} of ${DEMO_SAMPLES + 2} samples`);
  const failingIds = await failing.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sample-id')!));
  await dialog.getByTestId('export-close').click();

  // SETUP: approve every sample that passes its checks (see approveInBackup).
  const original = await backUp(page, dir);
  expect(original.name).toMatch(/^hint-studio-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
  const approvedPath = join(dir, 'approved.json');
  writeFileSync(approvedPath, JSON.stringify(approveInBackup(readJson(original.path), failingIds, new Date().toISOString())));
  await restore(page, approvedPath);
  await expect(page.getByTestId('restore-updated')).toHaveText(`${DEMO_SAMPLES + 2 - failingIds.length} updated`);

  // Export CoRT JSONL (the default format), approved samples only (the default).
  await page.getByTestId('export-open').click();
  await expect(dialog.getByTestId('export-format')).toHaveValue('cort');
  await expect(dialog.getByTestId('export-include-approved')).toBeChecked();
  await expect(dialog.getByTestId('export-summary')).toContainText(`${DEMO_SAMPLES} of ${DEMO_SAMPLES + 2} samples`);
  await expect(dialog.getByTestId('export-not-approved')).toContainText('Not approved (2)');
  await expect(dialog.getByTestId('export-file')).toHaveCount(2);
  await screenshot(page, 'export-dialog-cort');
  const studioDir = join(dir, 'studio');
  const jsonl = await download(page, dialog.getByTestId('export-download-cort.jsonl'), studioDir);
  const manifest = await download(page, dialog.getByTestId('export-download-manifest.json'), studioDir);
  expect([jsonl.name, manifest.name]).toEqual(['cort.jsonl', 'manifest.json']);
  // "Download all": one download, a zip of exactly these files, byte for byte.
  const archive = await download(page, dialog.getByTestId('export-download-all'), join(dir, 'archive'));
  expect(archive.name).toBe('hint-studio-export.zip');
  const unpacked = unzipSync(new Uint8Array(readFileSync(archive.path)));
  expect(Object.keys(unpacked).sort()).toEqual(['cort.jsonl', 'manifest.json']);
  expect(Buffer.from(unpacked['cort.jsonl']!).equals(readFileSync(jsonl.path))).toBe(true);
  expect(Buffer.from(unpacked['manifest.json']!).equals(readFileSync(manifest.path))).toBe(true);
  await dialog.getByTestId('export-close').click();

  // The CLI on a backup of the same studio, with the export time read from the studio's manifest.
  const backup = await backUp(page, dir);
  const studioManifest = readJson<{ exportedAt: string; counts: Record<string, number>; studioVersion: string; pyodideVersion: string }>(manifest.path);
  const cliDir = join(dir, 'cli');
  execFileSync(
    'node',
    ['bin/hint-studio.mjs', 'export', backup.path, '--format', 'cort', '--out', cliDir, '--include', 'approved', '--exported-at', studioManifest.exportedAt],
    { cwd: process.cwd(), stdio: 'pipe' },
  );
  const studioBytes = readFileSync(jsonl.path);
  expect(studioBytes.equals(readFileSync(join(cliDir, 'cort.jsonl'))), 'cort.jsonl differs from the CLI').toBe(true);
  // No field of the manifest differs: same versions, counts, template, settings, held back, hashes.
  expect(readFileSync(manifest.path, 'utf8')).toBe(readFileSync(join(cliDir, 'manifest.json'), 'utf8'));
  expect(studioManifest.counts).toEqual({ input: DEMO_SAMPLES + 2, exported: DEMO_SAMPLES, heldBack: 2, overridden: 0 });
  expect(studioManifest.studioVersion).toMatch(/^\d+\.\d+\.\d+/);
  expect(studioManifest.pyodideVersion).toMatch(/^0\.29\./);
  const lines = studioBytes.toString('utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(DEMO_SAMPLES);
  expect(lines.some((l) => l.includes('🙂'))).toBe(true);
});

test('a failing sample is held back with its reason, and exported anyway only with a reason that lands in the manifest', async ({ page }) => {
  const dir = workDir();
  await openStudio(page);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  const row = dialog.getByTestId('export-failing').getByTestId('export-held-row').filter({ hasText: 'positive divisors' });
  await expect(row).toContainText('held back');
  await expect(row).toContainText('15 ≠ 16');

  await row.getByTestId('export-override').check();
  await expect(row).toContainText('exported anyway');
  await expect(dialog.getByTestId('export-download-cort.jsonl')).toBeDisabled();
  await expect(dialog.getByText('Give a reason for every sample exported despite failing checks.')).toBeVisible();
  await row.getByTestId('export-override-reason').fill('gt_answer of the source is wrong; 15 verified by hand');
  await expect(dialog.getByTestId('export-summary')).toContainText('1 despite failing checks');
  await expect(dialog.getByTestId('export-download-cort.jsonl')).toBeEnabled({ timeout: 120_000 });
  await screenshot(page, 'export-override');

  const manifest = readJson<{ overrides: string[]; overrideReasons: Record<string, string>; settings: Record<string, unknown> }>(
    (await download(page, dialog.getByTestId('export-download-manifest.json'), dir)).path,
  );
  const id = await row.getAttribute('data-sample-id');
  expect(manifest.overrides).toEqual([id]);
  expect(manifest.overrideReasons).toEqual({ [id!]: 'gt_answer of the source is wrong; 15 verified by hand' });
  expect(manifest.settings).not.toHaveProperty('exportOverrideReasons');
});

/** The right answer, but the recorded output of its one cell is not what the cell prints. */
const TAMPERED: UploadFile = {
  name: 'tampered.jsonl',
  content: cortLine('Compute $2^{10}$ with Python.', '1024', [
    shortTrace('2**10').replace('```output\n2**10\n```', '```output\n1000\n```').replace('$\\boxed{2**10}$', '$\\boxed{1024}$'),
  ]),
};

test('the dialog runs the full checks with Python first, so a sample whose outputs do not reproduce is held back', async ({ page }) => {
  const dir = workDir();
  await openStudio(page);
  await uploadFiles(page, [TAMPERED]);
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 1);

  // The sample is never opened: the library only ran its quick checks, which pass.
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  const status = dialog.getByTestId('export-full-checks');
  await expect(status).toHaveAttribute('data-phase', 'checking');
  await expect(status).toContainText(new RegExp(`Checking \\d+ / ${DEMO_SAMPLES + 1} with Python`));
  await expect(dialog.getByTestId('export-download-cort.jsonl')).toBeDisabled();
  await screenshot(page, 'export-full-checks-progress');

  await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const row = dialog.getByTestId('export-failing').getByTestId('export-held-row').filter({ hasText: 'Compute $2^{10}$' });
  await expect(row).toContainText('held back');
  await expect(row).toContainText('Outputs reproduce: 1 of 1 recorded output differ from what the code prints now');
  await expect(dialog.getByTestId('export-download-cort.jsonl')).toBeEnabled();
  await screenshot(page, 'export-full-checks-done');

  const manifest = readJson<{ heldBack: { sampleId: string; reasons: string[] }[]; settings: Record<string, unknown> }>(
    (await download(page, dialog.getByTestId('export-download-manifest.json'), dir)).path,
  );
  const id = await row.getAttribute('data-sample-id');
  expect(manifest.heldBack.find((h) => h.sampleId === id)?.reasons).toEqual([expect.stringMatching(/^Outputs reproduce: /)]);
  expect(manifest.settings).not.toHaveProperty('exportChecks');
});

test('chat formats warn when the template drops the reasoning; tokenized needs a tokenizer.json', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-format').selectOption('messages');
  await expect(dialog.getByTestId('export-drop-warning')).toContainText('keeps only the text after </think>');
  await dialog.getByTestId('export-format').selectOption('sharegpt');
  await expect(dialog.getByTestId('export-summary')).toContainText(`0 of ${DEMO_SAMPLES} samples`); // nothing approved yet
  await dialog.getByTestId('export-include-all').check();
  await expect(dialog.getByTestId('export-file')).toHaveCount(3);
  await expect(dialog.getByTestId('export-download-dataset_info.json')).toBeVisible();
  await dialog.getByTestId('export-format').selectOption('prompt-completion');
  await expect(dialog.getByTestId('export-drop-warning')).toHaveCount(0);

  await dialog.getByTestId('export-format').selectOption('tokenized');
  await expect(dialog.getByTestId('export-error')).toContainText('tokenizer.json');
  await expect(dialog.getByTestId('export-file')).toHaveCount(0);
  await screenshot(page, 'export-tokenized-refused');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a backup restores into a fresh browser, and a CoRT export imports back to the same traces', async ({ page, browser }) => {
  const dir = workDir();
  await openStudio(page);
  await uploadFiles(page, [OWN]);
  const backup = await backUp(page, dir);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  await expect(dialog.getByTestId('export-summary')).toContainText(`${DEMO_SAMPLES} of ${DEMO_SAMPLES + 2} samples`);
  const jsonl = await download(page, dialog.getByTestId('export-download-cort.jsonl'), dir);

  // Another machine: a new browser context has an empty database (the demo is seeded again).
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await openStudio(fresh);
  await expect(fresh.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES);
  await restore(fresh, backup.path, backup.name);
  await expect(fresh.getByTestId('restore-added')).toHaveText('2 added');
  await expect(fresh.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 2);
  await expect(fresh.getByTestId('restore-row').filter({ hasText: 'Find $x$' })).toHaveAttribute('data-outcome', 'added');
  await screenshot(fresh, 'restore-fresh');
  await fresh.reload();
  await expect(fresh.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 2);
  await other.close();

  // A third machine imports the CoRT export through the normal import.
  const third = await browser.newContext();
  const importer = await third.newPage();
  await openStudio(importer);
  await uploadFiles(importer, [{ name: 'cort.jsonl', content: readFileSync(jsonl.path, 'utf8') }]);
  await expect(importer.getByTestId('import-imported')).toHaveText('2 imported');
  await expect(importer.getByTestId('import-rejected')).toHaveText('0 rejected');
  const reimported = readJson<BackupFile>((await backUp(importer, join(dir, 'third'))).path);
  const records = readFileSync(jsonl.path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { sample_id: string; response: string });
  for (const record of records) {
    const sample = reimported.samples.find((s) => s.id === record.sample_id);
    expect(sample, record.sample_id).toBeDefined();
    expect(renderTrace(sample!.trace)).toBe(record.response);
  }
  await third.close();
});

test('merging a backup keeps a newer edit made here and reports it by sample', async ({ page }) => {
  const dir = workDir();
  await openStudio(page);
  await uploadFiles(page, [OWN]);
  const base = readJson<BackupFile>((await backUp(page, dir)).path);
  const target = base.samples.find((s) => s.problem.startsWith('What is $6'))!;
  const edit = (status: string, at: string): BackupFile => ({
    ...base,
    samples: base.samples.map((s) => (s.id === target.id ? { ...s, status, updatedAt: at } : s)),
  });
  // SETUP: the "newer edit here" arrives as an edited backup (editing status is the review feature's).
  const newer = join(dir, 'newer.json');
  const older = join(dir, 'older.json');
  writeFileSync(newer, JSON.stringify(edit('rejected', '2030-01-02T00:00:00.000Z')));
  writeFileSync(older, JSON.stringify(edit('approved', '2030-01-01T00:00:00.000Z')));
  await restore(page, newer, 'newer.json');
  await expect(page.getByTestId('restore-updated')).toHaveText('1 updated');

  await restore(page, older, 'older.json');
  const report = page.getByTestId('restore-report');
  await expect(report.getByTestId('restore-updated')).toHaveText('0 updated');
  await expect(report.getByTestId('restore-kept')).toHaveText(`${DEMO_SAMPLES + 2} kept`);
  const row = report.locator(`[data-testid="restore-row"][data-sample-id="${target.id}"]`);
  await expect(row).toHaveAttribute('data-outcome', 'kept');
  await expect(row).toContainText("kept this studio's newer edit (here 2030-01-02T00:00:00.000Z, backup 2030-01-01T00:00:00.000Z)");
  await screenshot(page, 'restore-merge-kept');

  // The newer edit survived: the next backup still carries it.
  const after = readJson<BackupFile>((await backUp(page, join(dir, 'after'))).path);
  expect(after.samples.find((s) => s.id === target.id)).toMatchObject({ status: 'rejected', updatedAt: '2030-01-02T00:00:00.000Z' });

  // A file that is not a backup changes nothing and says why.
  await page.getByTestId('restore-file-input').setInputFiles({ name: 'own.jsonl', mimeType: 'application/json', buffer: Buffer.from(OWN.content) });
  await expect(page.getByTestId('restore-error')).toContainText('own.jsonl: not valid JSON');
  await expect(page.getByTestId('restore-error')).toContainText('use Import files');
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 2);
});

test('tokenized export with a picked tokenizer.json + tokenizer_config.json gives the CLI token ids', async ({ page }) => {
  const dir = workDir();
  await openStudio(page);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  await dialog.getByTestId('export-format').selectOption('tokenized');
  await expect(dialog.getByTestId('export-error')).toBeVisible();
  await dialog.getByTestId('export-tokenizer-input').setInputFiles([QWEN3_TOKENIZER.json, QWEN3_TOKENIZER.config]);
  await expect(dialog.getByTestId('export-tokenizer-status')).toHaveText('Loaded tokenizer.json + tokenizer_config.json', { timeout: 60_000 });
  // The config's chat template becomes the chosen one.
  await expect(dialog.getByTestId('export-template')).toHaveValue('tokenizer-config');
  await expect(dialog.getByTestId('export-download-tokenized.jsonl')).toBeEnabled({ timeout: 120_000 });
  await screenshot(page, 'export-tokenized');
  const studioFile = await download(page, dialog.getByTestId('export-download-tokenized.jsonl'), join(dir, 'studio'));
  const manifestPath = (await download(page, dialog.getByTestId('export-download-manifest.json'), join(dir, 'studio'))).path;
  const manifest = readJson<{ exportedAt: string; tokenStatistics: { tokenizer: string }; chatTemplate: { name: string } }>(manifestPath);
  expect(manifest.tokenStatistics.tokenizer).toBe('tokenizer.json');
  await dialog.getByTestId('export-close').click();

  const backup = await backUp(page, dir);
  const cliDir = join(dir, 'cli');
  const args = ['--tokenizer', QWEN3_TOKENIZER.json, '--template', QWEN3_TOKENIZER.config];
  execFileSync('node', ['bin/hint-studio.mjs', 'export', backup.path, '--format', 'tokenized', '--out', cliDir, '--include', 'all', '--exported-at', manifest.exportedAt, ...args], {
    cwd: process.cwd(),
    stdio: 'pipe',
  });
  // The CLI applies the studio's checks gate (with the interpreter), so with --include all it
  // holds back the same two failing samples: both files are the studio's, byte for byte.
  expect(readFileSync(studioFile.path).equals(readFileSync(join(cliDir, 'tokenized.jsonl'))), 'tokenized.jsonl differs from the CLI').toBe(true);
  expect(readFileSync(manifestPath, 'utf8')).toBe(readFileSync(join(cliDir, 'manifest.json'), 'utf8'));
  expect(readFileSync(studioFile.path, 'utf8').trimEnd().split('\n')).toHaveLength(DEMO_SAMPLES - 2);
});
