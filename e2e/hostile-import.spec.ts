/**
 * Hostile input on import, in Chromium (issue 13, items 6 and 10): a gzipped JSONL whose first
 * record holds a field nested 10⁵ deep, a duplicate generation and a big-integer gt_answer; a
 * UTF-16 file; a truncated parquet. The report names what was dropped, merged or refused, and
 * saving keeps working (the samples are there after a reload).
 */
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { verlParquetBytes } from '../src/core/import/fixtures/verlParquet';
import { DEMO_SAMPLES, cortLine, openStudio, screenshot, shortTrace } from './helpers';

const deep = '['.repeat(100_000) + ']'.repeat(100_000);
const hostileJsonl = [
  `{"problem": "Hostile: deep record", "gt_answer": 123456789012345678901234567890, "gen": [${JSON.stringify(shortTrace('7'))}], "record": ${deep}}`,
  cortLine('Hostile: twice the same generation', '8', [shortTrace('8'), shortTrace('8')]),
].join('\n');

test('a gzipped file with a record nested 10^5 deep imports, is reported field by field, and the studio keeps saving', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('import-file-input').setInputFiles([
    { name: 'hostile.jsonl.gz', mimeType: 'application/gzip', buffer: gzipSync(Buffer.from(hostileJsonl)) },
    { name: 'utf16.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cortLine('Hostile: UTF-16 file', '9', [shortTrace('9')]), 'utf16le')]) },
    { name: 'cut.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from(verlParquetBytes().subarray(0, 300)) },
  ]);
  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-imported')).toHaveText('3 imported');
  await expect(report.getByTestId('import-merged')).toHaveText('1 identical (prompt, response) merged');
  await expect(report.getByTestId('import-rejected')).toHaveText('1 rejected');
  await expect(report.getByTestId('import-reject')).toContainText('truncated or invalid parquet');
  await expect(report.getByTestId('import-reject')).not.toContainText('JSON');
  const notes = report.getByTestId('import-note');
  await expect(notes).toHaveCount(3);
  await expect(notes.nth(0)).toContainText('hostile.jsonl.gz:1');
  await expect(notes.nth(0)).toContainText('record');
  await expect(notes.nth(0)).toContainText('dropped: nested more than 64 levels deep');
  await expect(notes.nth(1)).toContainText('kept as the text "123456789012345678901234567890"');
  await expect(notes.nth(2)).toContainText('identical prompt and response to line 2 gen[0]; merged');
  await screenshot(page, 'hostile-import-report');
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 3);
  await expect(page.getByTestId('save-error')).toHaveCount(0);

  // Saved in IndexedDB: all of it is there after a reload, and the big answer kept its digits.
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 3);
  await page.getByTestId('library-row').filter({ hasText: 'Hostile: deep record' }).click();
  await expect(page.getByTestId('sample-view')).toContainText('123456789012345678901234567890');
});

test('a gzip file of several members (concatenated .gz files) imports whole in the browser too', async ({ page }) => {
  await openStudio(page);
  const members = Buffer.concat([
    gzipSync(Buffer.from(cortLine('Member one', '1', [shortTrace('1')]) + '\n')),
    gzipSync(Buffer.from(cortLine('Member two', '2', [shortTrace('2')]) + '\n')),
  ]);
  await page.getByTestId('import-file-input').setInputFiles([{ name: 'parts.jsonl.gz', mimeType: 'application/gzip', buffer: members }]);
  await expect(page.getByTestId('import-report').getByTestId('import-imported')).toHaveText('2 imported');
  await expect(page.getByTestId('library-row').filter({ hasText: 'Member two' })).toHaveCount(1);
});
