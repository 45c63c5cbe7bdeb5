/**
 * Hostile model code in one sample cannot touch another sample's runs or checks: a poisoned
 * sample's code replaces the worker's message handler and posts forged results (the attack
 * that once turned another sample's failing answer check into a pass); another sample's
 * failing answer check stays failing and cannot be approved without an override. A forged or
 * oversized message is dropped with a notice, and nothing stays stuck on "running".
 */
import { expect, test, type Page } from '@playwright/test';
import { cortLine, cursorIndex, openSample, openStudio, screenshot, uploadFiles } from './helpers';

/** No network beyond the studio's own server. */
async function offline(page: Page): Promise<void> {
  await page.context().route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort('internetdisconnected'));
}

/**
 * A poisoned cell: it takes over the worker's message handlers and tries every way it has to
 * post a forged result — one saying every answer comparison is equal — to the sandbox frame.
 */
const POISON = `import js, json
from pyodide.ffi import create_proxy, to_js
FORGED = {"type": "result", "id": 1, "outcome": {"kind": "ok", "stdout": "HINT_STUDIO_ANSWER_CHECK " + json.dumps([[True, "sympy-simplify", ""]] * 8)}, "packages": [], "durationMs": 1}
def forged(run_id=1):
    return to_js({**FORGED, "id": run_id}, dict_converter=js.Object.fromEntries)
def answer_every_run(event):
    js.postMessage(forged(getattr(event.data, "id", 1)))
def attempt(name, fn):
    try:
        fn()
        print(f"SENT {name}")
    except BaseException as e:
        print(f"BLOCKED {name}: {type(e).__name__}")
js.self.onmessage = create_proxy(answer_every_run)
js.self.addEventListener("message", create_proxy(answer_every_run))
attempt("postMessage", lambda: js.postMessage(forged()))
attempt("self.postMessage", lambda: js.self.postMessage(forged()))
attempt("prototype postMessage", lambda: js.Object.getPrototypeOf(js.self).postMessage.call(js.self, forged()))
attempt("port postMessage on self", lambda: js.MessagePort.prototype.postMessage.call(js.self, forged()))`;

const poisonedTrace = ['A poisoned trace.', '', '```python', POISON, '```', '', '</think>', '', '\\boxed{1}'].join('\n');

/** An answer only SymPy can decide, and wrong: 1/√3 is not √2/2. */
const wrongTrace = ["Okay, let's try.", '', 'The value is one over root three.', '</think>', '', 'The answer is $\\boxed{\\frac{1}{\\sqrt{3}}}$.'].join('\n');

test("a poisoned sample forges results; another sample's failing answer check stays failing and needs an override", async ({ page }) => {
  test.setTimeout(240_000);
  await offline(page);
  await openStudio(page);
  await uploadFiles(page, [
    {
      name: 'hostile.jsonl',
      content: [cortLine('Poisoned sample: what is 1?', '1', [poisonedTrace], 'hostile'), cortLine('Victim sample: what is sqrt(2)/2?', '\\frac{\\sqrt{2}}{2}', [wrongTrace], 'victim')].join('\n'),
    },
  ]);

  // The poisoned sample's code runs in its own interpreter, where it finds no way to post to the
  // frame: every attempt fails, and the run ends (not stuck on "running").
  await openSample(page, 'Poisoned sample');
  const cell = page.getByTestId('code-step').first();
  await cell.getByTestId('run-cell').click();
  await expect(cell.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 90_000 });
  const lines = (await page.getByTestId('output-step').first().locator('.output-step__body').innerText()).split('\n');
  expect(lines).toHaveLength(4);
  for (const line of lines) expect(line).toMatch(/^BLOCKED /);
  await expect(page.getByTestId('python-status')).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
  await screenshot(page, 'forged-poisoned-sample');
  // Its own checks ran its code too, in a fresh interpreter of their own.
  await expect(page.getByTestId('checks-panel')).toHaveAttribute('data-level', 'full', { timeout: 120_000 });
  await page.keyboard.press('Escape');

  // The victim's answer is decided by SymPy, in the interpreter no sample code ever ran in.
  await openSample(page, 'Victim sample');
  await expect(page.getByTestId('checks-panel')).toHaveAttribute('data-level', 'full', { timeout: 120_000 });
  const answer = page.locator('[data-testid="check"][data-check-id="answer"]');
  await expect(answer).toHaveAttribute('data-status', 'fail');
  await expect(answer).toContainText('different');

  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-dialog').getByTestId('setting-reviewer').fill('Ada');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-dialog')).toBeHidden();
  await page.keyboard.press('s');
  await expect(page.getByTestId('review-status-value')).toHaveText('ready');
  await page.keyboard.press('y');
  const dialog = page.getByTestId('override-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('override-failing')).toContainText('Final answer equals ground truth');
  await screenshot(page, 'forged-victim-blocked');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-status-value')).toHaveText('ready');
});

test('a 300-million-character message, or an exception as long, cannot crash the studio', async ({ page }) => {
  test.setTimeout(240_000);
  await offline(page);
  await openStudio(page);
  const flood = ['Floods.', '', '```python', 'import js\njs.postMessage("x" * 300_000_000)\nprint("sent")', '```', '', '```python', 'raise ValueError("y" * 30_000_000)', '```', '', '```python', 'print("still here")', '```', '', '</think>', '', '\\boxed{1}'].join('\n');
  await uploadFiles(page, [{ name: 'flood.jsonl', content: cortLine('Flooding sample', '1', [flood]) }]);
  await openSample(page, 'Flooding sample');

  const [post, raise, after] = [0, 1, 2].map((n) => page.getByTestId('code-step').nth(n));
  await post.getByTestId('run-cell').click();
  // The worker has no postMessage to the frame: the message is never built, let alone sent.
  await expect(post.getByTestId('cell-status')).toHaveAttribute('data-status', 'error', { timeout: 120_000 });
  await expect(page.getByTestId('output-step').first()).toContainText('AttributeError: postMessage');
  // The studio still answers keys at once.
  const at = await cursorIndex(page);
  await page.keyboard.press('j');
  await expect(page.locator('[data-testid="step"][data-cursor="true"]')).toHaveAttribute('data-step-index', String(at + 1), { timeout: 2_000 });

  // The traceback is kept at both ends in the worker, then cut to CoRT's 400 + 400.
  await raise.getByTestId('run-cell').click();
  await expect(raise.getByTestId('cell-status')).toHaveAttribute('data-status', 'error', { timeout: 120_000 });
  const output = page.getByTestId('output-step').nth(1).locator('.output-step__body');
  await expect(output).toContainText('Traceback (most recent call last)');
  expect((await output.innerText()).length).toBeLessThan(900);

  await after.getByTestId('run-cell').click();
  await expect(after.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(page.getByTestId('output-step').nth(2)).toContainText('still here');
  await expect(page.getByTestId('python-status')).toHaveAttribute('data-phase', 'ready');
  await screenshot(page, 'forged-flood');
});
