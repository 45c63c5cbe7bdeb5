/**
 * Python in the studio: code steps are Monaco cells that run in a sandboxed Pyodide worker
 * (opaque-origin frame), offline. Driven through the real sample view: keyboard, buttons,
 * the trace's output blocks, Run all's verification, and isolation attempts typed as cells.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cortLine, cursorIndex, openSample, openStudio, screenshot, uploadFiles } from './helpers';

const SECRET = 'sk-test-SECRET-1234';

/** No network beyond the studio's own server: Pyodide and sympy must load offline. */
async function offline(page: Page): Promise<void> {
  await page.context().route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort('internetdisconnected'));
}

const cell = (page: Page, n: number) => page.getByTestId('code-step').nth(n);
/** The n-th code step, pinned by its segment id: the list is virtual, so rows scrolled away leave `nth` counting others. */
const pinnedCell = async (page: Page, n: number) => {
  const id = await cell(page, n).getAttribute('data-segment-id');
  return page.locator(`[data-testid="code-step"][data-segment-id="${id}"]`);
};
/** The output block right after a cell (the next row of the trace list). */
const outputOf = (cellStep: Locator) =>
  cellStep.locator('xpath=ancestor::div[contains(@class,"trace-row")]/following-sibling::div[1]').getByTestId('output-step');
const outputBody = (cellStep: Locator) => outputOf(cellStep).locator('.output-step__body');

/** Puts the step cursor on a code step the way a user would: j until it is there. */
async function cursorTo(page: Page, cellStep: Locator): Promise<void> {
  const row = cellStep.locator('xpath=ancestor::div[@data-testid="step"]');
  const target = Number(await row.getAttribute('data-step-index'));
  while ((await cursorIndex(page)) < target) await page.keyboard.press('j');
  while ((await cursorIndex(page)) > target) await page.keyboard.press('k');
}

const PROBLEM = 'Cells e2e: what is $base \\cdot 2 + 2$?';
const cellsTrace = [
  "Okay, let's try to solve this problem step by step using multiple python code calls.",
  '',
  'Set a value.',
  '',
  '```python\nbase = 20\nprint(base)\n```',
  '```output\n20\n```',
  '',
  'Use it.',
  '',
  '```python\nprint(base * 2 + 2)\n```',
  '```output\n42\n```',
  '',
  'A failing call.',
  '',
  '```python\ndef f(n):\n    return 1 / n\nf(0)\n```',
  '',
  'A spare cell.',
  '',
  '```python\nprint("spare")\n```',
  '',
  '</think>',
  '',
  'The answer is $\\boxed{42}$.',
].join('\n');

test('a sympy cell of a demo sample runs offline from the keyboard and its output lands in the trace', async ({ page }) => {
  await offline(page);
  await openStudio(page);
  const view = await openSample(page, 'coefficient of');
  // Python starts with the studio, in idle time: it is ready before the first cell asks for it.
  await expect(page.getByTestId('python-status')).toHaveAttribute('data-phase', 'ready', { timeout: 90_000 });
  const sympyCell = cell(page, 0);
  // Cells away from the cursor show static code; the editor mounts where the user works.
  await expect(sympyCell.getByTestId('code-static')).toContainText('import sympy as sp');
  await expect(sympyCell.locator('.monaco-editor')).toHaveCount(0);

  await cursorTo(page, sympyCell);
  await expect(sympyCell.locator('.monaco-editor')).toBeVisible();
  await expect(sympyCell.locator('.view-lines')).toContainText('import sympy as sp');
  await page.keyboard.press('Shift+Enter');
  // Running (or waiting its turn) — or, with sympy already imported in the warm interpreter, done.
  await expect(sympyCell.getByTestId('cell-running').or(sympyCell.getByTestId('cell-queued')).or(sympyCell.getByTestId('cell-status'))).toBeVisible();
  await screenshot(page, 'python-running');
  await expect(sympyCell.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(outputBody(sympyCell)).toHaveText('504\n[1, 8, 36, 112, 266, 504, 784]');
  await expect(outputOf(sympyCell)).toContainText('run in studio');
  await expect(page.getByTestId('python-status')).toHaveAttribute('data-phase', 'ready');
  await expect(page.getByTestId('python-packages')).toContainText('sympy · local');
  // The run replaced the recorded block; it did not add a second one.
  await expect(view.getByTestId('output-step')).toHaveCount(1);
  await screenshot(page, 'python-sample-cells');
});

test('edit a cell, run it, later cells see its variables; interrupt a loop; tracebacks show', async ({ page }) => {
  await offline(page);
  await openStudio(page);
  await uploadFiles(page, [{ name: 'cells.jsonl', content: cortLine(PROBLEM, '42', [cellsTrace]) }]);
  await openSample(page, 'Cells e2e');
  await expect(cell(page, 3)).toBeVisible();
  const [first, second, failing, loop] = await Promise.all([0, 1, 2, 3].map((n) => pinnedCell(page, n)));
  await expect(first.getByTestId('code-static')).toBeVisible();

  // Enter puts the caret in the cell under the cursor; typing there does not move the cursor.
  await cursorTo(page, first);
  const at = await cursorIndex(page);
  await page.keyboard.press('Enter');
  await expect(first.locator('.monaco-editor textarea')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('base = 50\nprint(base)');
  await page.keyboard.press('Escape');
  await expect(first.locator('.monaco-editor textarea')).not.toBeFocused();
  expect(await cursorIndex(page)).toBe(at);
  await expect(page.getByTestId('sample-view')).toBeVisible(); // Escape left the editor, not the sample
  // A click on a cell's static code moves the cursor there and opens its editor with the caret in it.
  await second.getByTestId('code-static').click();
  await expect(second.locator('.monaco-editor textarea')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(second.locator('.monaco-editor textarea')).not.toBeFocused();
  await cursorTo(page, first);
  // The edit reached the trace: both outputs below describe an older namespace now.
  await expect(outputOf(first)).toHaveAttribute('data-stale', 'true');
  await expect(outputOf(second)).toHaveAttribute('data-stale', 'true');
  await expect(first.getByTestId('cell-stale')).toBeVisible();

  // Shift+Enter on the code step (editor not focused) runs it.
  await page.keyboard.press('Shift+Enter');
  await expect(outputBody(first)).toHaveText('50', { timeout: 60_000 });
  await expect(outputOf(first)).not.toHaveAttribute('data-stale', 'true');
  await expect(outputOf(second)).toHaveAttribute('data-stale', 'true');
  await second.getByTestId('run-cell').click();
  await expect(outputBody(second)).toHaveText('102');
  await expect(outputOf(second)).not.toHaveAttribute('data-stale', 'true');

  await failing.getByTestId('run-cell').click();
  await expect(failing.getByTestId('cell-status')).toHaveAttribute('data-status', 'error');
  await expect(outputBody(failing)).toHaveText(/^Traceback \(most recent call last\):[\s\S]*ZeroDivisionError: division by zero$/);

  // An endless loop typed into a cell: the Interrupt button shows while it runs, and Escape
  // (editor focused or not) stops it within a second or two.
  await loop.getByTestId('run-cell').click(); // puts the cursor on the cell
  await expect(loop.getByTestId('cell-status')).toHaveAttribute('data-status', /ok|error/);
  await page.keyboard.press('Enter');
  // The editor mounts on Enter; keys typed before it holds the caret would land on the page.
  await expect(loop.locator('.monaco-editor textarea')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('while True: pass');
  await page.keyboard.press('Shift+Enter');
  await expect(loop.getByTestId('interrupt-cell')).toBeVisible();
  await expect(loop.getByTestId('cell-running')).toBeVisible();
  await screenshot(page, 'python-interrupt');
  await page.waitForTimeout(500);
  const pressed = Date.now();
  await page.keyboard.press('Escape');
  await expect(loop.getByTestId('cell-status')).toHaveAttribute('data-status', 'interrupted', { timeout: 2_000 });
  expect(Date.now() - pressed).toBeLessThan(2_000);
  await expect(outputBody(loop)).toHaveText(/KeyboardInterrupt$/);
  await expect(page.getByTestId('sample-view')).toBeVisible(); // Escape interrupted, it did not leave the sample
  // The namespace survived the interrupt.
  await second.getByTestId('run-cell').click();
  await expect(second.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok');
  await expect(outputBody(second)).toHaveText('102');
});

test('Run all re-runs every cell in a fresh namespace and flags a tampered output with a diff', async ({ page }) => {
  await offline(page);
  await openStudio(page);
  await uploadFiles(page, [{ name: 'tampered-output.jsonl', content: readFileSync('e2e/fixtures/tampered-output.jsonl', 'utf8') }]);
  await openSample(page, 'sum of the first ten naturals');
  const [sum, power] = [cell(page, 0), cell(page, 1)];
  await expect(power.getByTestId('code-static')).toBeVisible();

  await page.keyboard.press('R');
  const summary = page.getByTestId('run-all-summary');
  await expect(summary).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(summary).toContainText('1 / 2 outputs reproduced');
  await expect(summary).toHaveAttribute('data-differences', '1');
  await expect(outputOf(sum).getByTestId('output-check')).toHaveAttribute('data-verdict', 'reproduced');
  const check = outputOf(power).getByTestId('output-check');
  await expect(check).toHaveAttribute('data-verdict', 'differs');
  await expect(check.getByTestId('output-diff').locator('del')).toHaveText('1000');
  await expect(check.getByTestId('output-diff').locator('ins')).toHaveText('1024');
  // Run all never overwrites what was recorded: the trace still says 1000 until the user decides.
  await expect(outputBody(power)).toHaveText('1000');
  await screenshot(page, 'python-run-all-diff');

  await check.getByTestId('accept-reproduced').click();
  await expect(outputBody(power)).toHaveText('1024');
  await expect(check).toHaveAttribute('data-verdict', 'accepted');
  await expect(summary).toHaveAttribute('data-differences', '0');
});

test('untrusted Python typed into the studio cannot reach it: every attempt fails', async ({ page }) => {
  await offline(page);
  await openStudio(page);
  // What the studio holds: keys in localStorage, data in IndexedDB, settings on the page.
  await page.evaluate(async (secret) => {
    localStorage.setItem('hint-studio-settings', JSON.stringify({ apiKey: secret }));
    (window as unknown as { studioSettings: unknown }).studioSettings = { apiKey: secret };
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('hint-studio-secrets', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('keys');
      request.onsuccess = () => {
        const tx = request.result.transaction('keys', 'readwrite');
        tx.objectStore('keys').put(secret, 'apiKey');
        tx.oncomplete = () => resolve();
      };
      request.onerror = () => reject(request.error);
    });
  }, SECRET);
  const origin = new URL(page.url()).origin;
  const attempts = `import js
ORIGIN = ${JSON.stringify(origin)}
def attempt(name, fn):
    try:
        print(f"LEAKED {name}: {fn()!r}"[:300])
    except BaseException as e:
        print(f"BLOCKED {name}: {type(e).__name__}: {str(e)[:100]}".replace("\\n", " "))
def xhr(url):
    request = js.XMLHttpRequest.new()
    request.open("GET", url, False)
    request.send()
    return request.responseText[:80]
attempt("localStorage", lambda: js.localStorage.getItem("hint-studio-settings"))
attempt("indexedDB", lambda: js.indexedDB.open("hint-studio-secrets"))
attempt("window.parent", lambda: js.parent.localStorage.getItem("hint-studio-settings"))
attempt("window.top", lambda: js.top.studioSettings.apiKey)
attempt("page settings", lambda: js.studioSettings.apiKey)
attempt("document.cookie", lambda: js.document.cookie)
attempt("XHR to the studio", lambda: xhr(ORIGIN + "/"))
attempt("importScripts from the studio", lambda: js.importScripts(ORIGIN + "/index.html"))`;
  // Network attempts are promises: start them in one cell, collect the outcomes in the next.
  const network = `results = {}
def track(name, promise):
    promise.then(lambda r: results.__setitem__(name, f"LEAKED {name}: HTTP {r.status}"),
                 lambda e: results.__setitem__(name, f"BLOCKED {name}: {str(e)[:100]}"))
track("fetch the studio", js.fetch(ORIGIN + "/"))
track("fetch an external site", js.fetch("https://example.com/"))
track("fetch the studio through the Pyodide path", js.fetch(ORIGIN + "/pyodide/../index.html"))`;
  const collect = 'print("\\n".join(sorted(results.values())) if len(results) == 3 else "pending")';
  const trace = ['Probing the sandbox.', '', '```python', attempts, '```', '', '```python', network, '```', '', '```python', collect, '```', ''].join('\n');
  await uploadFiles(page, [{ name: 'escape.jsonl', content: cortLine('Sandbox escape attempts', '0', [trace]) }]);
  // The network probes resolve after their cell: collecting them needs a live namespace.
  await page.keyboard.press(',');
  await page.getByTestId('setting-semantics').selectOption('notebook');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('settings-dialog')).toBeHidden();
  await openSample(page, 'Sandbox escape attempts');

  const sync = cell(page, 0);
  await sync.getByTestId('run-cell').click();
  await expect(sync.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  const syncLines = (await outputBody(sync).innerText()).split('\n');
  expect(syncLines).toHaveLength(8);
  for (const line of syncLines) expect(line).toMatch(/^BLOCKED /);
  expect(syncLines.join('\n')).toContain('BLOCKED indexedDB: JsException: SecurityError');

  await cell(page, 1).getByTestId('run-cell').click();
  await expect(cell(page, 1).getByTestId('cell-status')).toHaveAttribute('data-status', 'ok');
  let networkLines: string[] = [];
  await expect
    .poll(async () => {
      await cell(page, 2).getByTestId('run-cell').click();
      await expect(cell(page, 2).getByTestId('cell-running')).toHaveCount(0);
      const text = await outputBody(cell(page, 2)).innerText().catch(() => 'pending');
      networkLines = text.split('\n');
      return text;
    })
    .not.toBe('pending');
  expect(networkLines).toHaveLength(3);
  for (const line of networkLines) expect(line).toMatch(/^BLOCKED /);

  expect(syncLines.join('\n') + networkLines.join('\n')).not.toContain(SECRET);
  // And the studio's own data is untouched.
  expect(await page.evaluate(() => localStorage.getItem('hint-studio-settings'))).toContain(SECRET);
});
