/**
 * A sample whose CoRT loss mask would not cover exactly its interpreter outputs (here an output
 * block whose closing fence ends in CRLF) fails its check in the review panel, and the export
 * holds it back with no way to override — never a mere warning.
 */
import { expect, test } from '@playwright/test';
import { cortLine, openSample, openStudio, screenshot } from './helpers';

const CRLF_TRACE =
  "Okay, let's try to solve this problem step by step using multiple python code calls.\r\n" +
  '```python\r\nprint(3 * 3)\r\n```\r\n```output\r\n9\r\n```\r\nSo it is 9.\r\n```python\r\nprint(9)\r\n```\r\n```output\n9\n```\n</think>\r\nThe answer is $\\boxed{9}$.';

test('a CRLF output fence fails the loss-mask check and is held back from every export, overrides or not', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('import-file-input').setInputFiles([
    { name: 'crlf.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.from(cortLine('Loss mask check: what is $3 \\times 3$?', '9', [CRLF_TRACE]) + '\n') },
  ]);
  await openSample(page, 'Loss mask check');
  const check = page.locator('[data-testid="check"][data-check-id="loss-mask"]');
  await expect(check).toHaveAttribute('data-status', 'fail');
  await expect(check).toContainText('ends its closing fence with CRLF');
  await check.scrollIntoViewIfNeeded();
  await screenshot(page, 'loss-mask-check');

  await page.keyboard.press('Escape');
  await page.keyboard.press('e');
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  const held = dialog.getByTestId('export-loss-mask').getByTestId('export-held-row');
  await expect(held).toHaveCount(1);
  await expect(held).toContainText('Loss mask check');
  await expect(held).toContainText('loss mask: output block s2 ends its closing fence with CRLF');
  await expect(held).toContainText('output block s5 lies inside the mask running on from s2');
  // No "export anyway" for it: it is not among the overridable failing checks.
  await expect(held.getByTestId('export-override')).toHaveCount(0);
  await expect(dialog.getByTestId('export-failing').locator(`[data-sample-id="${await held.getAttribute('data-sample-id')}"]`)).toHaveCount(0);
  await held.scrollIntoViewIfNeeded();
  await screenshot(page, 'loss-mask-export');
});
