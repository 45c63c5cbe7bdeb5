/**
 * The studio from the keyboard alone: the Hint-Engineering loop from a fresh load to an
 * approved sample in a dozen key presses, the library's keys wherever the library shows, the
 * palette finding a sample by its problem text, and a link for every sample (#/sample/<id>)
 * that back and forward and reload respect.
 */
import { expect, test, type Page } from '@playwright/test';
import { startModelServer, type ModelServer } from './fixtures/model-server';
import { addEndpoint, cortLine, DEMO_SAMPLES, libraryRows as rows, openStudio, screenshot, shortTrace, uploadFiles } from './helpers';

const HINT_1 = 'It looks tedious, and we can use python code to simplify the reasoning.';
let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({
    model: 'scripted-cort',
    turns: [
      // Hint-1 opened a ```python block: the model fills it and stops at the closing fence.
      { text: 'S = sum(k**5 for k in range(1, 101))\nprint(S % 1000)\n```\n', chunkDelayMs: 10 },
      // The answer comes once the studio appended the interpreter's real output.
      { expectInPrompt: ['print(S % 1000)\n```\n```output\n500\n```\n'], text: 'So the remainder is $500$.\n</think>\n\nThe remainder is $\\boxed{500}$.', chunkDelayMs: 10 },
    ],
  });
});
test.afterAll(() => server.close());

/** The cursor row of the library (where Enter opens). */
const selectedRow = (page: Page) => page.locator('[data-testid="library-row"][data-selected="true"]');

/** Every key press of the walkthrough goes through here, so the test can count them. */
function keyboard(page: Page) {
  let presses = 0;
  return {
    press: async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    },
    /** Text typed into a field (the search query): not counted as command keys. */
    type: (text: string) => page.keyboard.type(text),
    count: () => presses,
  };
}

test('keyboard only: search, open, place the caret, Hint-1, continue, ready, approve — in 12 key presses at most', async ({ page }) => {
  // Setup, not the walkthrough: the model endpoint and the reviewer's name, saved in Settings.
  await openStudio(page);
  await page.getByTestId('open-settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await addEndpoint(dialog, { url: server.url, model: 'scripted-cort' });
  await dialog.getByTestId('setting-reviewer').fill('Ada');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();

  // A fresh load; from here on, keys only.
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(rows(page).first()).toBeVisible();
  const keys = keyboard(page);

  await keys.press('/');
  await expect(page.getByTestId('library-search')).toBeFocused();
  await keys.type('remainder when');
  await expect(rows(page)).toHaveCount(1);
  await keys.press('Enter');
  const view = page.getByTestId('sample-view');
  await expect(view).toBeVisible();
  await expect(view).toContainText('Find the remainder');

  // The first reasoning paragraph, then its first sentence boundary: the insertion point.
  await keys.press('j');
  await keys.press('l');
  await expect(page.locator('[data-testid="step"][data-cursor="true"] .cut-slot--caret')).toBeVisible();
  await keys.press('2');
  await expect(page.getByTestId('trace-list')).toContainText(HINT_1);

  await keys.press('c');
  await expect(page.getByTestId('output-step').last()).toContainText('500', { timeout: 90_000 });
  await expect(page.getByTestId('generation-notice')).toContainText('Continuation finished (1 code call', { timeout: 30_000 });
  await expect(page.getByTestId('sample-answer').getByTestId('answer-mark')).toHaveAttribute('data-state', 'match');
  await screenshot(page, 'keyboard-continued');

  await keys.press('s');
  await expect(page.getByTestId('review-status-value')).toHaveText('ready');
  await keys.press('y');
  await expect(page.getByTestId('review-status-value')).toHaveText('approved', { timeout: 90_000 });
  await expect(page.getByTestId('override-dialog')).toHaveCount(0);
  await expect(page.getByTestId('review-stamp')).toContainText('Ada');
  expect(keys.count()).toBeLessThanOrEqual(12);
  await screenshot(page, 'keyboard-approved');
});

test('the library answers j/k/Enter at once: after load, after an import, back from a sample, after a dialog', async ({ page }) => {
  await openStudio(page);
  // After load: no row has the focus, the keys work anyway.
  await expect(selectedRow(page)).toHaveCount(1);
  const first = await rows(page).nth(0).getAttribute('data-sample-id');
  const second = await rows(page).nth(1).getAttribute('data-sample-id');
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', first!);
  await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', second!);
  await page.keyboard.press('k');
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', first!);
  await screenshot(page, 'keyboard-library');

  // After an import (through the file input, as a click on Import would): the cursor stays on
  // its sample (the new one sorts first), and j goes on from there.
  await uploadFiles(page, [{ name: 'k.jsonl', content: cortLine('A keyboard problem: what is $2+2$?', '4', [shortTrace('4')]) }]);
  await expect(rows(page)).toHaveCount(DEMO_SAMPLES + 1);
  await expect(rows(page).first()).toContainText('A keyboard problem');
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', first!);
  await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', second!);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-view')).toHaveAttribute('data-sample-id', second!);

  // Back from a sample: the cursor is on the sample just left.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', second!);
  await page.keyboard.press('k');
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', first!);

  // After a dialog: Settings opens with `,` and closes with Escape; j works right after.
  await page.keyboard.press(',');
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-dialog')).toBeHidden();
  await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('data-sample-id', second!);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-view')).toHaveAttribute('data-sample-id', second!);
});

test('the palette opens a sample by its problem text, and lists hints, Run all, import and back up', async ({ page }) => {
  await openStudio(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  for (const id of ['importFiles', 'backUpProject', 'restoreBackup', 'openExportDialog', 'openSettings', 'libraryNext']) {
    await expect(palette.locator(`[data-command="${id}"]`).first()).toBeAttached();
  }
  await page.keyboard.type('positive divisors');
  const found = palette.locator('[data-command="openSample"]');
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('Open: Let $N = 2024$. How many positive divisors');
  await screenshot(page, 'keyboard-palette-sample');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await expect(page.getByTestId('sample-view')).toContainText('positive divisors');

  // In a sample: the hints with their keys, Run all, the interpreter, the review.
  await page.keyboard.press('Control+k');
  await expect(palette.locator('[data-entry="insertHint:hint-1"] kbd')).toHaveText('2');
  for (const id of ['runAll', 'restartPython', 'continueTrace', 'approveSample', 'toggleDiff', 'backToLibrary']) {
    await expect(palette.locator(`[data-command="${id}"]`).first()).toBeAttached();
  }
  await screenshot(page, 'keyboard-palette-sample-commands');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(page.getByTestId('sample-view')).toBeVisible();

  // The help lists every key, by where it works.
  await page.keyboard.press('?');
  const help = page.getByTestId('keyboard-help');
  await expect(help.locator('[data-scope="code"] [data-command="runCell"]')).toContainText('Run the cell');
  await expect(help.locator('[data-scope="running"] [data-command="interruptPython"]')).toBeVisible();
  await expect(help.locator('[data-scope="sample"] [data-entry="insertHint:hint-1"] kbd')).toHaveText('2');
  await expect(help.locator('[data-scope="library"] [data-command="focusSearch"] kbd')).toHaveText('/');
  await screenshot(page, 'keyboard-help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('each sample has a link: back and forward move between library and samples, a reload keeps the place', async ({ page }) => {
  await openStudio(page);
  await expect(page).toHaveURL(/#\/$/);
  const id = (await rows(page).nth(2).getAttribute('data-sample-id'))!;
  await rows(page).nth(2).click();
  await expect(page).toHaveURL(new RegExp(`#/sample/${id}$`));

  await page.goBack();
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
  await page.goForward();
  await expect(page.getByTestId('sample-view')).toHaveAttribute('data-sample-id', id);

  await page.reload();
  await expect(page.getByTestId('sample-view')).toHaveAttribute('data-sample-id', id);

  // A link to another sample opens it, in a fresh tab of the same studio.
  const other = await page.context().newPage();
  const otherId = await page.evaluate(() => document.querySelector('[data-testid="sample-view"]')!.getAttribute('data-sample-id'));
  expect(otherId).toBe(id);
  await other.goto('/');
  await expect(other.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  const target = (await other.getByTestId('library-row').nth(4).getAttribute('data-sample-id'))!;
  await other.goto(`/#/sample/${target}`);
  await other.reload();
  await expect(other.getByTestId('sample-view')).toHaveAttribute('data-sample-id', target);
});
