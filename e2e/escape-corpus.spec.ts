/**
 * The browser escape corpus (issue 13): every attempt in e2e/fixtures/escape-corpus.json runs
 * as a cell of a sample in the built studio — the parent page, forged messages to the host,
 * another sample's interpreter, the answers interpreter, the network by every route, the
 * studio's storage, a replaced message handler, a huge message — and none may succeed.
 *
 * Success is judged from outside wherever it can be: a recording HTTP/WebSocket server of our
 * own sees every request that reaches the network (each carries its attempt's id), the studio
 * page listens on the broadcast channels, a neighbour sample's interpreter listens too and keeps
 * a secret, and a run after the handler replacement must still give the real result. The
 * attempt itself also reports: a sync attempt that returns, or an async one that resolves, is a
 * success. The test prints the table (attempt, target, route, outcome) and the totals.
 *
 * Not repeated here: the poisoned-sample → victim's answer check scenario and the 300-million-
 * character postMessage (forged-message.spec.ts), the 8 storage/XHR probes of python.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { cortLine, openSample, openStudio, screenshot, uploadFiles } from './helpers';

interface Attempt {
  id: string;
  target: string;
  route: string;
  kind: 'sync' | 'async' | 'effect';
  code: string;
}

const CORPUS: Attempt[] = JSON.parse(readFileSync('e2e/fixtures/escape-corpus.json', 'utf8')).attempts;
const LISTENER_PORT = 4411;
const LISTENER = `http://127.0.0.1:${LISTENER_PORT}`;
/** Each cell's output stays under CoRT's 800-character cut. */
const PER_CELL = 8;

/** Every request that reached our listener, by attempt id. */
const reached = new Map<string, string[]>();
let listener: Server;

test.beforeAll(async () => {
  const record = (url = '') => {
    const id = new URL(url, LISTENER).searchParams.get('escape') ?? '(no id)';
    reached.set(id, [...(reached.get(id) ?? []), url]);
  };
  listener = createServer((req, res) => {
    record(req.url);
    // Permissive on purpose: if the sandbox let a request out, nothing here would stop it.
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Content-Type': req.url?.startsWith('/events') ? 'text/event-stream' : 'text/javascript' });
    res.end(req.url?.startsWith('/events') ? 'data: reached\n\n' : '// reached\n');
  });
  listener.on('upgrade', (req, socket) => {
    record(req.url);
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(LISTENER_PORT, '127.0.0.1', resolve));
  // The control: a request that does reach the listener is recorded.
  await fetch(`${LISTENER}/control?escape=control`);
  expect(reached.get('control')).toHaveLength(1);
  reached.clear();
});

test.afterAll(() => listener?.close());

const indent = (code: string) =>
  code
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

function fill(code: string, attempt: Attempt, origin: string): string {
  return code
    .replaceAll('{ORIGIN}', origin)
    .replaceAll('{WS_LISTENER}', LISTENER.replace('http', 'ws'))
    .replaceAll('{LISTENER_PORT}', String(LISTENER_PORT))
    .replaceAll('{LISTENER}', LISTENER)
    .replaceAll('{ID}', attempt.id);
}

/** The harness: every attempt's outcome lands in OUTCOMES, as one short line. */
const PRELUDE = `import asyncio, js
from pyodide.ffi import create_proxy, to_js
FORGED = to_js({"type": "result", "id": 1, "outcome": {"kind": "ok", "stdout": "HINT_STUDIO_ANSWER_CHECK [[true, \\"forged\\", \\"\\"]]"}, "packages": [], "durationMs": 1}, dict_converter=js.Object.fromEntries)
OUTCOMES = {}
def _short(value):
    return " ".join(str(value).split())[:40]
def _blocked(attempt_id, error):
    OUTCOMES[attempt_id] = f"B {attempt_id}: {type(error).__name__} {_short(error)}"
async def _settle(value):
    return await value
def attempt(attempt_id, kind, fn):
    try:
        value = fn()
    except BaseException as error:
        _blocked(attempt_id, error)
        return
    if kind != "async":
        OUTCOMES[attempt_id] = f"{'C' if kind == 'effect' else 'L'} {attempt_id}: {_short(repr(value))}"
        return
    future = asyncio.ensure_future(value if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future) else _settle(value))
    def done(f):
        if f.exception() is not None:
            _blocked(attempt_id, f.exception())
        else:
            OUTCOMES[attempt_id] = f"L {attempt_id}: {_short(repr(f.result()))}"
    future.add_done_callback(done)
def report(ids):
    if any(i not in OUTCOMES for i in ids):
        print("pending")
    else:
        print("\\n".join(OUTCOMES[i] for i in ids))
print("harness ready")`;

function startCell(group: Attempt[], offset: number, origin: string): string {
  return group
    .map((a, n) => `def _attempt_${offset + n}():\n${indent(fill(a.code, a, origin))}\nattempt(${JSON.stringify(a.id)}, ${JSON.stringify(a.kind)}, _attempt_${offset + n})`)
    .concat(['print("started")'])
    .join('\n');
}

const NEIGHBOUR_SETUP = `import js
from pyodide.ffi import create_proxy
SECRET = "NEIGHBOUR-SECRET-" + "4c1e"
heard = []
channels = [js.BroadcastChannel.new(name) for name in ("hint-studio-escape", "hint-studio-answers", "hint-studio:hint-studio")]
for channel in channels:
    channel.onmessage = create_proxy(lambda event: heard.append(str(event.data)[:60]))
print("listening")`;
const NEIGHBOUR_CHECK = 'print("heard", len(heard), heard[:3])';

const HUGE = CORPUS.find((a) => a.id === 'huge-message')!;
const HANDLER = CORPUS.find((a) => a.id === 'replace-message-handler')!;
const CELL_ATTEMPTS = CORPUS.filter((a) => a !== HUGE && a !== HANDLER);

function groups<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Cells are numbered in a first-line comment, so the test finds each one by what it says. */
let cellNumber = 0;
const fence = (code: string) => ['```python', `# cell ${cellNumber++}`, code, '```', ''];
const cursorStep = (page: Page) => page.locator('[data-testid="step"][data-cursor="true"]');

/**
 * Runs cell `n` the way a user does: j/k to it, Shift+Enter; returns its output. Cells run in
 * order, each adding its output block after it, so cell n is step 1 + 2n when it runs (the trace
 * list is virtualized: only rows near the cursor exist, so the cursor is how to reach one).
 */
async function run(page: Page, n: number, status: 'ok' | 'error' = 'ok'): Promise<string> {
  const index = 1 + 2 * n;
  for (let moves = 0; ; moves++) {
    const at = Number(await cursorStep(page).getAttribute('data-step-index'));
    if (at === index) break;
    if (moves > 200) throw new Error(`step ${index} not reached (cursor on ${at})`);
    await page.keyboard.press(at < index ? 'j' : 'k');
  }
  const step = page.locator(`[data-testid="step"][data-step-index="${index}"]`);
  await expect(step).toContainText(`# cell ${n}`);
  await page.keyboard.press('Shift+Enter');
  // A re-run (the report cells) shows its old status until it starts: wait for the start first.
  await expect(step.getByTestId('cell-running').or(step.getByTestId('cell-queued'))).toHaveCount(1, { timeout: 5_000 }).catch(() => undefined);
  await expect(step.getByTestId('cell-status')).toHaveAttribute('data-status', status, { timeout: 90_000 });
  const output = page.locator(`[data-testid="step"][data-step-index="${index + 1}"]`).getByTestId('output-step').locator('.output-step__body');
  return output.innerText();
}

test('no attempt of the escape corpus gets out of the browser sandbox', async ({ page, context }) => {
  test.setTimeout(420_000);
  const seen: string[] = [];
  // Responses only: a request the browser blocked (CSP) still shows as a failed request.
  context.on('response', (response) => {
    if (response.url().includes('escape=')) seen.push(`${response.url()} (HTTP ${response.status()})`);
  });
  await openStudio(page);
  const origin = new URL(page.url()).origin;
  // The studio page listens where a forged sync or answer message would arrive. The studio's
  // own tabs talk on the sync channel too (every save is announced), so only a message that
  // carries an attempt's id or the forged answer counts as heard.
  await page.evaluate((ids) => {
    const heard: string[] = [];
    (window as unknown as { escapeHeard: string[] }).escapeHeard = heard;
    for (const name of ['hint-studio-escape', 'hint-studio-answers', 'hint-studio:hint-studio']) {
      new BroadcastChannel(name).onmessage = (event) => {
        const text = JSON.stringify(event.data) ?? String(event.data);
        if (text.includes('forged') || ids.some((id) => text.includes(id))) heard.push(`${name}: ${text.slice(0, 80)}`);
      };
    }
  }, CORPUS.map((a) => a.id));

  const chunks = groups(CELL_ATTEMPTS, PER_CELL);
  cellNumber = 0;
  const corpusTrace = [
    'Escape corpus.',
    '',
    ...fence(PRELUDE),
    ...chunks.flatMap((group, g) => fence(startCell(group, g * PER_CELL, origin))),
    ...chunks.flatMap((group) => fence(`report(${JSON.stringify(group.map((a) => a.id))})`)),
    ...fence(startCell([HANDLER], CELL_ATTEMPTS.length, origin) + `\nreport(["${HANDLER.id}"])`),
    ...fence('print("REAL", 6 * 7)'),
    ...fence(fill(HUGE.code, HUGE, origin).replace(/\n?return .*$/, '')),
    ...fence('print("after the flood")'),
    '</think>',
    '',
    '\\boxed{0}',
  ].join('\n');
  cellNumber = 0;
  const neighbourTrace = ['Neighbour.', '', ...fence(NEIGHBOUR_SETUP), ...fence(NEIGHBOUR_CHECK), '</think>', '', '\\boxed{0}'].join('\n');
  await uploadFiles(page, [
    { name: 'escape-corpus.jsonl', content: [cortLine('Escape corpus sample', '0', [corpusTrace]), cortLine('Neighbour sample', '0', [neighbourTrace])].join('\n') },
  ]);
  // A live namespace per sample (notebook), so network attempts can be collected after their cell.
  await page.keyboard.press(',');
  await page.getByTestId('setting-semantics').selectOption('notebook');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('settings-dialog')).toBeHidden();

  // The neighbour keeps a secret and listens on every channel.
  await openSample(page, 'Neighbour sample');
  expect(await run(page, 0)).toBe('listening');
  await page.keyboard.press('Escape');

  await openSample(page, 'Escape corpus sample');
  expect(await run(page, 0)).toBe('harness ready');
  for (let g = 0; g < chunks.length; g++) expect(await run(page, 1 + g)).toBe('started');
  const lines: string[] = [];
  for (let g = 0; g < chunks.length; g++) {
    const reportCell = 1 + chunks.length + g;
    let text = 'pending';
    await expect
      .poll(async () => (text = await run(page, reportCell)), { timeout: 60_000, intervals: [500, 1000, 2000] })
      .not.toBe('pending');
    lines.push(...text.split('\n'));
  }
  const afterReports = 1 + 2 * chunks.length;
  lines.push(...(await run(page, afterReports)).split('\n'));
  // The replaced handler: the next run is still answered by the real interpreter.
  const realRun = await run(page, afterReports + 1);
  // The flood: bounded before it reaches the page, and the studio answers at once afterwards.
  const flood = await run(page, afterReports + 2);
  const floodResponsive = await Promise.race([page.evaluate(() => 'responsive'), page.waitForTimeout(2_000).then(() => 'frozen')]);
  const afterFlood = await run(page, afterReports + 3);
  await screenshot(page, 'escape-corpus');

  await page.keyboard.press('Escape');
  await openSample(page, 'Neighbour sample');
  const neighbourHeard = await run(page, 1);
  const pageHeard = await page.evaluate(() => (window as unknown as { escapeHeard: string[] }).escapeHeard);

  // Each attempt's outcome: its own report line, what the listener and the browser saw, and the effects.
  const lineOf = new Map(lines.map((l) => [l.split(':')[0].slice(2), l]));
  const rows = CORPUS.map((a) => {
    const line = lineOf.get(a.id) ?? '';
    const hits = [...(reached.get(a.id) ?? []), ...seen.filter((url) => url.includes(`escape=${a.id}`))];
    let succeeded = line.startsWith('L ') || hits.length > 0;
    let evidence = hits.length ? `reached ${hits[0]}` : line.slice(2 + a.id.length + 2);
    if (a.id === 'broadcast-to-studio' || a.id === 'answers-channel' || a.id === 'broadcast-to-neighbour') {
      const heard = pageHeard.length > 0 || neighbourHeard !== 'heard 0 []';
      succeeded ||= heard;
      evidence = heard ? `heard: ${pageHeard[0] ?? neighbourHeard}` : `${line.startsWith('B ') ? evidence + '; ' : ''}studio page and neighbour heard nothing`;
    }
    if (a === HANDLER) {
      succeeded ||= realRun !== 'REAL 42';
      evidence = `next run answered "${realRun}" by the real interpreter`;
    }
    if (a === HUGE) {
      succeeded ||= flood.length > 1_000 || floodResponsive !== 'responsive' || afterFlood !== 'after the flood';
      evidence = `output cut to ${flood.length} characters; page ${floodResponsive}; next cell "${afterFlood}"`;
    }
    if (!line && a !== HUGE) {
      succeeded = true;
      evidence = 'no report line';
    }
    return { ...a, succeeded, evidence };
  });

  const table = [
    '| # | target | route | outcome | evidence |',
    '|---|---|---|---|---|',
    ...rows.map((r, i) => `| ${i + 1} | ${r.target} | ${r.route} | ${r.succeeded ? '**SUCCEEDED**' : 'blocked'} | ${r.evidence.replaceAll('|', '\\|')} |`),
    '',
    `Attempts: ${rows.length}. Succeeded: ${rows.filter((r) => r.succeeded).length}. Requests that reached the listener: ${[...reached.values()].flat().length}.`,
  ].join('\n');
  console.log(`\nBrowser escape corpus (e2e/fixtures/escape-corpus.json)\n\n${table}\n`);
  await test.info().attach('escape-corpus.md', { body: table, contentType: 'text/markdown' });

  expect(rows.filter((r) => r.succeeded).map((r) => `${r.id}: ${r.evidence}`)).toEqual([]);
  expect(reached.size, `requests reached the listener: ${JSON.stringify([...reached])}`).toBe(0);
});
