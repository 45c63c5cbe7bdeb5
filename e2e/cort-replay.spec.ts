/**
 * CoRT's semantics in the studio: a continuation under the `cort` profile (the default)
 * writes what CoRT's pipeline writes — the second call's program is rebuilt from the text,
 * CoRT does not replay the first cell (its loop printed), so the real Pyodide sandbox raises
 * NameError — and the first cell carries a marker with the reason and the missing name.
 */
import { expect, test, type Page } from '@playwright/test';
import { startModelServer, type ModelServer } from './fixtures/model-server';
import { addEndpoint, CORT_INSTRUCTION, openSample, openStudio, screenshot, uploadFiles } from './helpers';

const PROBLEM = 'What is the sum of the squares of 0, 1 and 2?';
let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({
    model: 'scripted-cort',
    turns: [
      { text: "Okay, let's try to solve this problem step by step using multiple python code calls.\n```python\nfor k in range(3):\n    print(k, k * k)\nsquares = [k * k for k in range(3)]\n```\n" },
      { expectInPrompt: ['```output\n0 0\n1 1\n2 4\n```\n'], text: 'Now add them up.\n```python\nprint(sum(squares))\n```\n' },
      {
        expectInPrompt: ["NameError: name 'squares' is not defined\n```\n"],
        text: 'The squares are gone: CoRT did not replay the loop. By hand, 0 + 1 + 4 = 5.\n</think>\n\nThe answer is $\\boxed{5}$.',
      },
    ],
  });
});

test.afterAll(() => server.close());

async function configureEndpoint(page: Page): Promise<void> {
  await page.keyboard.press(',');
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await addEndpoint(dialog, { name: 'Scripted vLLM', url: server.url, model: 'scripted-cort' });
  // CoRT's semantics are the default.
  await expect(dialog.getByTestId('setting-semantics')).toHaveValue('cort');
  await expect(dialog.getByTestId('setting-max-calls')).toHaveValue('15');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
}

test('a continuation under cort hits the replay NameError, and the cell that will not be replayed says why', async ({ page }) => {
  await openStudio(page);
  const problems = JSON.stringify({ problem: PROBLEM, gt_answer: '5', prompt: `${PROBLEM}\n${CORT_INSTRUCTION}`, source: 'e2e' });
  await uploadFiles(page, [{ name: 'replay-problem.jsonl', content: problems + '\n' }]);
  await configureEndpoint(page);
  await openSample(page, 'sum of the squares');

  await page.keyboard.press('c');
  const outputs = page.getByTestId('output-step');
  await expect(outputs).toHaveCount(2, { timeout: 90_000 });
  await expect(outputs.first()).toContainText('2 4');
  await expect(outputs.nth(1)).toContainText("NameError: name 'squares' is not defined");
  await expect(page.getByTestId('generation-notice')).toContainText('Continuation finished (2 code calls', { timeout: 30_000 });
  // The second program CoRT ran is the second cell alone: the first was dropped from the replay.
  expect(server.requests).toHaveLength(3);

  const cells = page.getByTestId('code-step');
  const marker = cells.first().getByTestId('replay-marker');
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAttribute('data-reason', 'print-remains');
  await expect(marker).toContainText('CoRT will not replay this cell: "print" remains after it removes top-level prints (line 2)');
  await expect(marker.getByTestId('replay-marker-names')).toHaveText('Later cells will miss the name squares.');
  // The failing cell is not replayed either (its output says "error"), but takes no name away.
  await expect(cells.nth(1).getByTestId('replay-marker')).toHaveAttribute('data-reason', 'error-output');
  await expect(cells.nth(1).getByTestId('replay-marker-names')).toHaveCount(0);

  await marker.scrollIntoViewIfNeeded();
  await screenshot(page, 'cort-replay-marker');

  // Switching the project to the notebook profile: no replay markers (a live namespace keeps everything).
  await page.keyboard.press('Escape');
  await page.keyboard.press(',');
  await page.getByTestId('setting-semantics').selectOption('notebook');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('settings-dialog')).toBeHidden();
  await expect(page.getByTestId('replay-marker')).toHaveCount(0);
});
