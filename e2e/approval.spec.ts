/**
 * Approval is of content, end to end: a reviewer approves a sample, the annotator edits it,
 * the studio shows "changed since approval" with the diff against the approved text, and an
 * "approved only" export (downloaded and read) does not carry the sample until the changes
 * are approved too.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cortLine, openSample, openStudio, screenshot, shortTrace, uploadFiles } from './helpers';

const PROBLEM = 'Approval check: what is $6 \\times 7$?';
const OWN = { name: 'approval.jsonl', content: cortLine(PROBLEM, '42', [shortTrace('42')], 'own') + '\n' };
const EDIT = 'Edited after approval: we let Python multiply.\n\n';

async function download(page: Page, button: Locator, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

const records = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);

/** Opens the export dialog from the library (key `e`), approved only, and waits until the files can be taken. */
async function openExport(page: Page): Promise<Locator> {
  await page.keyboard.press('e');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-include-approved')).toBeChecked();
  await expect(dialog.getByTestId('export-download-cort.jsonl')).toBeEnabled({ timeout: 120_000 });
  return dialog;
}

test('an edit after approval shows "changed since approval" with its diff, and keeps the sample out of an approved-only export', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'hs-approval-e2e-'));
  await openStudio(page);
  await uploadFiles(page, [OWN]);
  await openSample(page, 'Approval check');
  const status = page.getByTestId('review-status-value');

  // Ready, then approve, from the keyboard (the first status change asks who reviews).
  await page.keyboard.press('s');
  const who = page.getByTestId('reviewer-dialog');
  await who.getByTestId('reviewer-name').fill('Ada Reviewer');
  await who.getByTestId('reviewer-dialog-submit').click();
  await expect(status).toHaveText('ready');
  await page.keyboard.press('y');
  await expect(status).toHaveText('approved', { timeout: 90_000 });
  await expect(page.getByTestId('approval-state')).toHaveCount(0);

  // The annotator rewrites the first paragraph after the approval.
  await page.keyboard.press('e');
  const editor = page.getByTestId('prose-editor');
  await expect(editor).toBeFocused();
  await editor.fill(EDIT);
  await page.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();

  await expect(status).toHaveText('approved');
  await expect(page.getByTestId('approval-state')).toHaveText('changed since approval');
  const notice = page.getByTestId('approval-changed');
  await expect(notice).toContainText('Changed since approval by Ada Reviewer');
  await expect(notice).toContainText('trace edited');
  await expect(page.getByTestId('review-approved')).toContainText('Approve changes');
  await expect(page.getByTestId('review-approved')).toBeEnabled();
  await screenshot(page, 'approval-changed-panel');

  // What changed since approval, against the approved text.
  await notice.getByTestId('review-show-approval-diff').click();
  const diff = page.getByTestId('diff-view');
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('Approved by Ada Reviewer → current');
  await expect(diff.getByTestId('diff-approval-note')).toContainText('holds it back until the changes are approved');
  await expect(diff.getByTestId('diff-base-approved')).toHaveClass(/btn--primary/);
  const body = diff.getByTestId('diff-body');
  await expect(body.locator('.diff-piece--removed').first()).toContainText("Okay, let's try to solve this problem");
  await expect(body.locator('.diff-piece--added').first()).toContainText('Edited after approval');
  await screenshot(page, 'approval-changed-diff');
  await page.keyboard.press('Escape');
  await expect(diff).toBeHidden();

  // Approved only: the sample stays out, named with its problem and the reason.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library')).toBeVisible();
  let dialog = await openExport(page);
  const held = dialog.getByTestId('export-changed-since-approval').getByTestId('export-held-row');
  await expect(held).toHaveCount(1);
  await expect(held).toContainText('Approval check');
  await expect(held).toContainText('changed since approval by Ada Reviewer');
  await screenshot(page, 'approval-export-held');
  const heldJsonl = await download(page, dialog.getByTestId('export-download-cort.jsonl'), join(dir, 'held'));
  const heldManifest = JSON.parse(readFileSync(await download(page, dialog.getByTestId('export-download-manifest.json'), join(dir, 'held')), 'utf8'));
  expect(readFileSync(heldJsonl, 'utf8')).not.toContain('Edited after approval');
  expect(records(heldJsonl).map((r) => r.problem)).not.toContain(PROBLEM);
  const id = await held.getAttribute('data-sample-id');
  expect(heldManifest.heldBack.find((h: { sampleId: string }) => h.sampleId === id)).toEqual({
    sampleId: id,
    problem: 'Approval check: what is $6 \\times 7$?',
    stage: 'review',
    reasons: [expect.stringMatching(/^changed since approval by Ada Reviewer at .* \(trace edited\): approve the changes to export it$/)],
  });
  await dialog.getByTestId('export-close').click();

  // Approving the changes lets exactly the approved text out, with who approved it and where it came from.
  await openSample(page, 'Approval check');
  await page.keyboard.press('y');
  await expect(page.getByTestId('approval-state')).toHaveCount(0, { timeout: 90_000 });
  await page.keyboard.press('Escape');
  dialog = await openExport(page);
  const jsonl = records(await download(page, dialog.getByTestId('export-download-cort.jsonl'), join(dir, 'approved')));
  const record = jsonl.find((r) => r.problem === PROBLEM)!;
  expect(record.response.startsWith(EDIT)).toBe(true);
  expect(record.review).toMatchObject({ status: 'approved', approval: 'approved', approved_by: 'Ada Reviewer' });
  expect(record.origin).toEqual({ format: 'cort-inference', file: 'approval.jsonl', line: 1, gen_index: 0, response_changed: true });
  expect(record.execution_profile).toBe('cort');
  // The logprob and length of the original generation do not describe the edited response.
  expect(record).not.toHaveProperty('gen_cumulative_logprob');
  expect(record).not.toHaveProperty('gen_cumulative_seq_len');
});
