/**
 * Issue 13 item 4: a full quota never loses data silently. The real IndexedDB of the built app
 * is made to fail in Chromium (DevTools' Storage.overrideQuotaForOrigin shrinks this origin's
 * quota to a byte; Chromium's IndexedDB caches the space it may use for 30 s, so the test waits
 * that long before the first write that must fail), then the user edits a sample and imports a file: a banner names the cause,
 * the edit stays, a backup with the edit downloads from the banner, the import report does not
 * claim success, and once space is freed the retried save lands and a reload has everything.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { cortLine, openSample, openStudio, screenshot, shortTrace, uploadFiles } from './helpers';

const EDIT = 'Checked the residues once more by hand: quota-test marker 7f3a.';
const IMPORTED_PROBLEM = 'Quota-test import: what is 6 times 7?';

async function setQuota(page: Page, cdp: CDPSession, quotaSize?: number): Promise<void> {
  const origin = new URL(page.url()).origin;
  // Without quotaSize the override is lifted: the origin gets its real quota back (space freed).
  await cdp.send('Storage.overrideQuotaForOrigin', quotaSize === undefined ? { origin } : { origin, quotaSize });
}

/** Fills the disk: a quota of one byte, and the wait until IndexedDB asks the quota again. */
async function fillDisk(page: Page, cdp: CDPSession): Promise<void> {
  await setQuota(page, cdp, 1);
  await page.waitForTimeout(31_000);
}

test('a full quota shows the cause, keeps the edit, offers a backup, and saves by itself once space is freed', async ({ page }) => {
  test.setTimeout(180_000);
  await openStudio(page);
  const cdp = await page.context().newCDPSession(page);
  await fillDisk(page, cdp);

  // An edit by hand: append a paragraph to a demo sample.
  await openSample(page, 'coefficient');
  await page.keyboard.press('a');
  await page.getByTestId('composer-text').fill(EDIT);
  await page.keyboard.press('Control+Enter');
  const trace = page.getByTestId('trace-list');
  await expect(trace).toContainText(EDIT);

  // The debounced save fails: the banner says why, in words, though the browser gave no message.
  const banner = page.getByTestId('save-error');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('save-error-cause')).toHaveText("The browser's storage for this site is full (QuotaExceededError).");
  await expect(trace).toContainText(EDIT); // still on screen: the store's state is the truth
  await screenshot(page, 'quota-banner');

  // The backup downloads from the banner at once, with the edit in it.
  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByTestId('save-error-backup').click()]);
  const backup = readFileSync((await download.path())!, 'utf8');
  expect(backup).toContain(EDIT);

  // An import while the disk is full: the report does not say "imported".
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library')).toBeVisible();
  await uploadFiles(page, [{ name: 'quota-import.jsonl', content: cortLine(IMPORTED_PROBLEM, '42', [shortTrace('42')]) + '\n' }]);
  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-not-saved')).toContainText("1 read but NOT saved: The browser's storage for this site is full");
  await expect(report.getByTestId('import-imported')).toHaveCount(0);
  await screenshot(page, 'quota-import-report');

  // A retry while the disk is still full fails again, and says so.
  await banner.getByTestId('save-retry').click();
  await expect(page.getByTestId('save-error-cause')).toContainText('storage for this site is full');

  // Space is freed; no click: the queue's own retry writes everything, and the banner goes.
  await setQuota(page, cdp);
  await expect(banner).toBeHidden({ timeout: 40_000 });
  await expect(report.getByTestId('import-imported')).toHaveText('1 imported (saved on a retry)');

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('library-row').filter({ hasText: IMPORTED_PROBLEM })).toHaveCount(1);
  await openSample(page, 'coefficient');
  await expect(page.getByTestId('trace-list')).toContainText(EDIT);
});

test('persistent storage is asked for at start, and Settings says whether it was granted', async ({ page }) => {
  await openStudio(page);
  const granted = await page.evaluate(() => navigator.storage.persisted());
  await page.keyboard.press(',');
  const line = page.getByTestId('storage-persisted');
  await expect(line).toHaveAttribute('data-granted', String(granted));
  await expect(line).toContainText(granted ? 'persistent storage' : 'best-effort storage');
  await screenshot(page, 'quota-settings-storage');
});
