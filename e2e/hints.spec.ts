/**
 * Hint-Engineering end to end, keyboard first: configure a model endpoint, cut a demo trace
 * at a sentence boundary mid-paragraph, insert Hint-1, let the (scripted) model continue —
 * its code runs in the real Pyodide sandbox — cancel a second continuation, restore the cut
 * branch, undo/redo, and find everything again after a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { startModelServer, type ModelServer } from './fixtures/model-server';
import { addEndpoint, openSample, openStudio, screenshot } from './helpers';

const HINT_1 = 'It looks tedious, and we can use python code to simplify the reasoning.';
const API_KEY = 'sk-e2e-SECRET-123456';
/** What the cut removes from the demo's first paragraph (its second sentence onwards). */
const CUT_SENTENCE = 'Python can add these exactly, so let me just compute the sum and reduce it.';

let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({
    model: 'scripted-cort',
    apiKey: API_KEY,
    turns: [
      // Hint-1 opened a ```python block: the model fills it and stops at the closing fence.
      { text: 'S = sum(k**5 for k in range(1, 101))\nprint(S % 1000)\n```\n', chunkDelayMs: 15 },
      // Only once the studio appended the interpreter's real output does the model answer.
      {
        expectInPrompt: ['print(S % 1000)\n```\n```output\n500\n```\n'],
        text: 'So the remainder is $500$.\n</think>\n\nThe remainder is $\\boxed{500}$.',
        chunkDelayMs: 15,
      },
      // A slow second continuation, to be cancelled mid-stream.
      { text: 'Let me reconsider the whole computation once more from the beginning, term by term, slowly and carefully. '.repeat(8), chunkDelayMs: 120 },
    ],
  });
});

test.afterAll(() => server.close());

const trace = (page: Page) => page.getByTestId('trace-list');
const steps = (page: Page) => page.getByTestId('step');

async function configureEndpoint(page: Page): Promise<void> {
  await page.keyboard.press(','); // settings from anywhere
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await addEndpoint(dialog, { name: 'Scripted vLLM', url: server.url, model: 'scripted-cort', apiKey: API_KEY });
  await expect(dialog.getByTestId('endpoint-template')).toHaveValue('deepseek-r1-distill-qwen');
  await expect(dialog.getByTestId('setting-temperature')).toHaveValue('0.6');
  await expect(dialog.getByTestId('setting-max-tokens')).toHaveValue('32768');
  await dialog.getByTestId('setting-reviewer').fill('Ada');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();

  // Reopened: the key is masked, never shown in full.
  await page.getByTestId('open-settings').click();
  await expect(dialog.getByTestId('endpoint-key-masked')).toHaveText('sk-…3456');
  await expect(dialog).not.toContainText(API_KEY);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('cut at a sentence, insert Hint-1, continue with code, cancel, restore, undo, reload', async ({ page }) => {
  await openStudio(page);
  await configureEndpoint(page);

  await openSample(page, 'remainder when');
  const original = await trace(page).innerText();
  expect(original).toContain(CUT_SENTENCE);

  // j: the first reasoning paragraph; l: its first sentence boundary, mid-paragraph.
  await page.keyboard.press('j');
  await page.keyboard.press('l');
  const cursorStep = page.locator('[data-testid="step"][data-cursor="true"]');
  const caret = cursorStep.locator('.cut-slot--caret');
  await expect(caret).toBeVisible();
  await expect(cursorStep).toHaveAttribute('data-step-index', '1');
  await screenshot(page, 'hints-caret');

  // Key 2 = Hint-1: the rest of the trace leaves as a 'cut' branch and a python block opens.
  await page.keyboard.press('2');
  await expect(trace(page)).toContainText(HINT_1);
  await expect(trace(page)).not.toContainText(CUT_SENTENCE);
  await expect(steps(page).last()).toHaveAttribute('data-step-kind', 'code');
  const cutBranch = page.locator('[data-testid="branch"][data-reason="cut"]');
  await expect(cutBranch).toHaveCount(1);
  await expect(cutBranch).toContainText(CUT_SENTENCE.slice(0, 40));

  // c: the model writes the code; the real Pyodide runs it; the model then answers.
  await page.keyboard.press('c');
  await expect(page.getByTestId('streaming')).toBeVisible();
  const output = page.getByTestId('output-step').last();
  await expect(output).toContainText('500', { timeout: 90_000 });
  await expect(page.getByTestId('sample-answer')).toContainText('500', { timeout: 30_000 });
  await expect(page.getByTestId('sample-answer').getByTestId('answer-mark')).toHaveAttribute('data-state', 'match');
  await expect(page.getByTestId('generation-notice')).toContainText('Continuation finished (1 code call');
  expect(server.requests[0].authorization).toBe(`Bearer ${API_KEY}`);
  expect(server.requests[0].prompt).toMatch(/^<｜begin▁of▁sentence｜><｜User｜>Find the remainder[\s\S]*<｜Assistant｜><think>\n/);
  expect(server.requests[0].body).toMatchObject({ temperature: 0.6, top_p: 0.95, stop: ['`\n'] });
  await screenshot(page, 'hints-continued');

  // A second continuation, cancelled with Esc: the partial text stays, marked incomplete.
  await page.keyboard.press('c');
  const streamed = page.getByTestId('streaming-text');
  await expect(streamed).toContainText('Let me reconsider the whole');
  await screenshot(page, 'hints-streaming');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sample-view')).toBeVisible(); // Esc stopped generating, did not leave
  await expect(page.getByTestId('generation-notice')).toContainText('Cancelled');
  await expect(page.getByTestId('step-incomplete')).toBeVisible();
  await expect(trace(page)).toContainText('Let me reconsider the whole');
  await expect(trace(page)).toContainText(HINT_1); // the cancel kept the hinted trace
  await screenshot(page, 'hints-cancelled');

  // Restore the cut branch: the original text is back, the hinted version becomes a branch.
  await cutBranch.getByTestId('branch-restore').click();
  await expect(trace(page)).toContainText(CUT_SENTENCE);
  await expect(trace(page)).not.toContainText(HINT_1);
  await expect(page.locator('[data-testid="branch"]').filter({ hasText: HINT_1.slice(0, 30) })).toHaveCount(1);

  // Ctrl+Z brings the hinted trace back; Ctrl+Shift+Z restores again.
  await page.keyboard.press('Control+z');
  await expect(trace(page)).toContainText(HINT_1);
  await expect(trace(page)).not.toContainText(CUT_SENTENCE);
  await page.keyboard.press('Control+Shift+z');
  await expect(trace(page)).toContainText(CUT_SENTENCE);
  await expect(trace(page)).not.toContainText(HINT_1);
  await screenshot(page, 'hints-restored');

  // Reload: the same sample, the restored trace, its branches — and undo still works.
  await page.waitForTimeout(800); // let the debounced save land
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await expect(trace(page)).toContainText(CUT_SENTENCE);
  await expect(page.locator('[data-testid="branch"]').filter({ hasText: HINT_1.slice(0, 30) })).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(trace(page)).toContainText(HINT_1);
  expect(await trace(page).innerText()).toContain('Let me reconsider the whole');
  await screenshot(page, 'hints-after-reload');
});

test('Continue ×N: compare side by side, keep the right one; edit prose in place; server errors are explained', async ({ page }) => {
  const compareServer = await startModelServer({
    model: 'scripted-cort',
    turns: [
      { text: 'So the remainder is $500$.\n</think>\n\nThe remainder is $\\boxed{500}$.', chunkDelayMs: 20 },
      { text: 'So the remainder is $400$.\n</think>\n\nThe remainder is $\\boxed{400}$.', chunkDelayMs: 20 },
      { text: '', fail: { status: 503, message: 'CUDA out of memory' } },
    ],
  });
  try {
    await openStudio(page);
    await page.getByTestId('open-settings').click();
    const dialog = page.getByTestId('settings-dialog');
    await addEndpoint(dialog, { url: compareServer.url, model: 'scripted-cort' });
    await page.keyboard.press('Control+Enter');
    await expect(dialog).toBeHidden();

    await openSample(page, 'remainder when');
    // Step 5 follows the first output block: Hint-2 (key 3) goes at its start.
    for (let i = 0; i < 4; i++) await page.keyboard.press('j');
    await expect(page.locator('[data-testid="step"][data-cursor="true"] [data-testid="insert-caret"]')).toBeVisible();
    await page.keyboard.press('3');
    await expect(trace(page)).toContainText("We don't need to doubt the accuracy of python calculations.");

    await page.keyboard.press('Shift+C');
    await expect(page.getByTestId('continue-n-count')).toHaveValue('4');
    await page.getByTestId('continue-n-count').fill('2');
    await page.keyboard.press('Enter');
    const compare = page.getByTestId('compare-dialog');
    const candidates = compare.getByTestId('compare-candidate');
    await expect(candidates).toHaveCount(2);
    await expect(compare.getByTestId('compare-keep')).toHaveCount(2);
    await expect(compare.getByTestId('compare-keep').first()).toBeEnabled({ timeout: 30_000 });
    await expect(compare.getByTestId('compare-keep').last()).toBeEnabled();
    const right = candidates.filter({ has: page.locator('[data-state="match"]') });
    const wrong = candidates.filter({ has: page.locator('[data-state="mismatch"]') });
    await expect(right).toHaveCount(1);
    await expect(wrong).toContainText('400');
    await screenshot(page, 'hints-compare');
    await right.getByTestId('compare-keep').click();
    await expect(compare).toBeHidden();
    await expect(page.getByTestId('sample-answer').getByTestId('answer-mark')).toHaveAttribute('data-state', 'match');
    const parked = page.locator('[data-testid="branch"][data-reason="continuation"]');
    await expect(parked).toHaveCount(1);
    await expect(parked).toContainText('400');

    // e edits the paragraph under the cursor in place; Ctrl+Enter saves, Ctrl+Z takes it back.
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.keyboard.press('e');
    const editor = page.getByTestId('prose-editor');
    await expect(editor).toBeFocused();
    await editor.fill('We need the sum of the fifth powers modulo 1000.\n\n');
    await page.keyboard.press('Control+Enter');
    await expect(editor).toBeHidden();
    await expect(trace(page)).toContainText('We need the sum of the fifth powers modulo 1000.');
    await page.keyboard.press('Control+z');
    await expect(trace(page)).not.toContainText('We need the sum of the fifth powers modulo 1000.');

    // The server refuses: its own message is shown, nothing is lost.
    const before = await steps(page).allInnerTexts();
    await page.keyboard.press('c');
    await expect(page.getByTestId('generation-notice')).toContainText('The model server answered 503: CUDA out of memory');
    expect(await steps(page).allInnerTexts()).toEqual(before);
    await screenshot(page, 'hints-error');
  } finally {
    await compareServer.close();
  }
});

test('the hint palette is editable and saved; a continuation can be written by hand', async ({ page }) => {
  await openStudio(page);
  await openSample(page, 'remainder when');
  const palette = page.getByTestId('hint-palette');

  // Edit the paper's Hint-2, and add an own hint (it gets the next free key, 4).
  await palette.locator('[data-hint-id="hint-2"]').getByTestId('hint-edit').click();
  await palette.getByTestId('hint-form-text').fill("Python's result is exact; no need to redo it by hand.");
  await palette.getByTestId('hint-form-save').click();
  await palette.getByTestId('hint-new').click();
  await expect(palette.getByTestId('hint-form-key')).toHaveValue('4');
  await palette.getByTestId('hint-form-text').fill('Let me check the logic of the code instead.');
  await palette.getByTestId('hint-form-save').click();
  await expect(palette.getByTestId('hint-form')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await expect(palette.locator('[data-hint-id="hint-2"]')).toContainText("Python's result is exact");
  await expect(palette.getByTestId('hint-item')).toHaveCount(4);

  // Key 4 inserts the own hint at the start of step 2; then prose and a code cell by hand.
  await page.keyboard.press('j');
  await page.keyboard.press('4');
  await expect(trace(page)).toContainText('Let me check the logic of the code instead.');
  await page.keyboard.press('a');
  await page.getByTestId('composer-text').fill(' First, the sum itself.');
  await page.keyboard.press('Control+Enter');
  await expect(trace(page)).toContainText('First, the sum itself.');
  await page.keyboard.press('Shift+A');
  await page.getByTestId('composer-text').fill('print(sum(k**5 for k in range(1, 101)) % 1000)');
  await page.keyboard.press('Control+Enter');
  await expect(steps(page).last()).toHaveAttribute('data-step-kind', 'code');
  await expect(steps(page).last()).toContainText('print(sum(k**5');
  await screenshot(page, 'hints-by-hand');
});
