/**
 * A browser that cannot run the studio's workers (a strict content-security policy, an
 * extension, a worker script that fails to load, a worker that crashes) gets the same result as
 * one that can: the page does the work itself (store/workers `orOnPage`). Each test runs the
 * same user steps in fresh browser contexts — with the workers, then with their built scripts
 * made unloadable (the request aborted or answered 404) or started and crashing mid-work — and
 * compares what the user sees and downloads — also when the import worker dies after the file's
 * bytes were moved into it: the page reads the chosen file again and imports it itself.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { cortLine, DEMO_SAMPLES, openStudio, QWEN3_TOKENIZER, screenshot, shortTrace, uploadFiles, type UploadFile } from './helpers';

/** The studio's own workers, as the build names their scripts (assets/<name>-<hash>.js). */
const WORKERS = ['tokenWorker', 'quickChecksWorker', 'exportWorker', 'importWorker'] as const;
type WorkerName = (typeof WORKERS)[number];
const WORKER_SCRIPT = new RegExp(`/assets/(${WORKERS.join('|')})-[\\w-]+\\.js$`);

/**
 * How a worker fails: its script's request is aborted (a blocked request) or answered 404; or
 * the worker starts for real and then throws at its `crashAt`-th message from the page (an
 * uncaught error, which the page sees as the worker's `error` event, as it sees a crash).
 */
type Failure = { kind: 'abort' } | { kind: '404' } | { kind: 'crash'; crashAt: number };

/** Where a crashing worker says it crashed, so a test knows the crash happened (the page keeps a list). */
const CRASHED = 'e2e-worker-crashed';

/**
 * In the page, before the studio's script: the studio's `new Worker(<built script>)` of a worker
 * named in `crashes` starts a module worker of a wrapper (a blob, as the page's policy allows)
 * that loads the real script and crashes at the given message, which it keeps from the real
 * one. (A route cannot serve a worker its script: Chromium does not run a routed worker script.)
 */
function crashWorkers({ crashes, pattern, channel }: { crashes: Record<string, number>; pattern: string; channel: string }): void {
  const RealWorker = window.Worker;
  const crashed: string[] = ((window as unknown as { e2eCrashedWorkers: string[] }).e2eCrashedWorkers = []);
  new BroadcastChannel(channel).onmessage = (event: MessageEvent<string>) => void crashed.push(event.data);
  const script = new RegExp(pattern);
  const wrapper = (name: string, href: string, crashAt: number) => `
    let seen = 0, loaded = false;
    const early = [], replayed = new WeakSet();
    self.addEventListener('message', (event) => {
      if (replayed.has(event)) return;
      if (++seen === ${crashAt}) {
        event.stopImmediatePropagation();
        new BroadcastChannel(${JSON.stringify(channel)}).postMessage(${JSON.stringify(name)});
        throw new Error('the ${name} worker crashed mid-work');
      }
      // Messages that came while the real script loaded: kept, and handed to it once it listens.
      if (!loaded) { event.stopImmediatePropagation(); early.push(event); }
    });
    await import(${JSON.stringify(href)});
    loaded = true;
    for (const event of early) {
      const again = new MessageEvent('message', { data: event.data, ports: [...event.ports] });
      replayed.add(again);
      self.dispatchEvent(again);
    }`;
  window.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const href = new URL(url, location.href).href;
      const name = script.exec(new URL(href).pathname)?.[1];
      const crashAt = name === undefined ? undefined : crashes[name];
      if (crashAt === undefined) super(url, options);
      else super(URL.createObjectURL(new Blob([wrapper(name!, href, crashAt)], { type: 'text/javascript' })), { ...options, type: 'module' });
    }
  };
}

/**
 * A fresh context whose workers fail as `failures` says (the rest are blocked); `asked` collects
 * the workers whose script the page asked for, `crashed` those that crashed.
 */
async function pageWithFailingWorkers(browser: Browser, failures: Partial<Record<WorkerName, Failure>>): Promise<{ page: Page; asked: Set<WorkerName>; crashed: () => Promise<Set<string>> }> {
  const context = await browser.newContext();
  const asked = new Set<WorkerName>();
  const crashes: Record<string, number> = {};
  for (const [name, failure] of Object.entries(failures)) if (failure.kind === 'crash') crashes[name] = failure.crashAt;
  await context.addInitScript(crashWorkers, { crashes, pattern: WORKER_SCRIPT.source, channel: CRASHED });
  await context.route(WORKER_SCRIPT, async (route) => {
    const name = WORKER_SCRIPT.exec(new URL(route.request().url()).pathname)![1] as WorkerName;
    asked.add(name);
    const failure = failures[name] ?? { kind: 'abort' };
    if (failure.kind === '404') await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    else if (failure.kind === 'abort') await route.abort('blockedbyclient');
    else await route.continue();
  });
  const page = await context.newPage();
  const crashed = async () => new Set(await page.evaluate(() => (window as unknown as { e2eCrashedWorkers: string[] }).e2eCrashedWorkers));
  return { page, asked, crashed };
}

async function pageWithWorkers(browser: Browser): Promise<{ page: Page; loaded: Set<WorkerName> }> {
  const context = await browser.newContext();
  const loaded = new Set<WorkerName>();
  context.on('requestfinished', (request) => {
    const match = WORKER_SCRIPT.exec(new URL(request.url()).pathname);
    if (match) loaded.add(match[1] as WorkerName);
  });
  return { page: await context.newPage(), loaded };
}

/** Every row's token count and checks column, by sample id, once all are counted and checked. */
async function libraryFacts(page: Page): Promise<Record<string, { tokens: string; checks: string; title: string | null }>> {
  const rows = page.getByTestId('library-row');
  await expect(rows).toHaveCount(DEMO_SAMPLES);
  await expect(rows.getByTestId('row-tokens').filter({ hasText: '…' })).toHaveCount(0, { timeout: 30_000 });
  await expect(rows.locator('[data-testid="checks-badge"][data-state="unchecked"], [data-testid="checks-badge"][data-state="pending"]')).toHaveCount(0, { timeout: 30_000 });
  const facts: Record<string, { tokens: string; checks: string; title: string | null }> = {};
  for (const row of await rows.all()) {
    const id = (await row.getAttribute('data-sample-id'))!;
    const badge = row.getByTestId('checks-badge');
    facts[id] = { tokens: (await row.getByTestId('row-tokens').innerText()).trim(), checks: (await badge.innerText()).trim(), title: await badge.getAttribute('title') };
  }
  return facts;
}

test('without workers, the library shows the same token counts and checks', async ({ browser }) => {
  const withWorkers = await pageWithWorkers(browser);
  await openStudio(withWorkers.page);
  const expected = await libraryFacts(withWorkers.page);
  expect(withWorkers.loaded).toEqual(new Set(['tokenWorker', 'quickChecksWorker']));
  await withWorkers.page.context().close();

  // Scripts that do not load; then workers that start and crash: the token counter once it was
  // built, at its first count; the quick checks at their first request.
  const runs: [string, Partial<Record<WorkerName, Failure>>][] = [
    ['unloadable', { tokenWorker: { kind: 'abort' }, quickChecksWorker: { kind: '404' } }],
    ['crashing', { tokenWorker: { kind: 'crash', crashAt: 2 }, quickChecksWorker: { kind: 'crash', crashAt: 1 } }],
  ];
  for (const [label, failures] of runs) {
    const { page, asked, crashed } = await pageWithFailingWorkers(browser, failures);
    await openStudio(page);
    expect(await libraryFacts(page), `library with workers ${label}`).toEqual(expected);
    expect(asked).toEqual(new Set(['tokenWorker', 'quickChecksWorker']));
    expect(await crashed()).toEqual(new Set(Object.entries(failures).filter(([, f]) => f.kind === 'crash').map(([n]) => n)));
    await screenshot(page, `worker-fallback-library-${label}`);
    await page.context().close();
  }
});

/** Bad lines among good ones: the report names each by file, line and field. */
function importFile(): UploadFile {
  // From 4 MiB on a file is imported in the import worker (smaller ones on the page anyway).
  const lines: string[] = [];
  const filler = 'We check the closed form against direct summation once more. '.repeat(400);
  for (let i = 0; lines.join('\n').length < 4.1 * 2 ** 20; i++) {
    const trace = shortTrace(String(i)).replace('Compute it directly.', `Compute it directly. ${filler}`);
    lines.push(cortLine(`Problem ${i}: what is $${i}$?`, String(i), [trace], 'fallback'));
  }
  lines.splice(3, 0, '{"problem": "cut off');
  lines.splice(7, 0, JSON.stringify({ problem: 'No generations', gt_answer: '1' }));
  return { name: 'big.jsonl', content: lines.join('\n') };
}

/** The import report as the user reads it: the counts and every rejected line. */
async function importReport(page: Page): Promise<{ imported: string; rejected: string; rows: string[]; samples: string }> {
  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-imported')).toBeVisible({ timeout: 30_000 });
  return {
    imported: await report.getByTestId('import-imported').innerText(),
    rejected: await report.getByTestId('import-rejected').innerText(),
    rows: await report.getByTestId('import-reject').allInnerTexts(),
    samples: await page.getByText(/^\d[\d,]* samples$/).innerText(),
  };
}

test('without an import worker, an import of a large CoRT file gives the same report', async ({ browser }) => {
  const file = importFile();
  const withWorkers = await pageWithWorkers(browser);
  await openStudio(withWorkers.page);
  await uploadFiles(withWorkers.page, [file]);
  const expected = await importReport(withWorkers.page);
  expect(withWorkers.loaded).toContain('importWorker');
  expect(expected.rows.length).toBeGreaterThan(0);
  await withWorkers.page.context().close();

  // A script that does not load, and a worker that starts and crashes at its first call: the
  // page reads the file itself.
  for (const failure of [{ kind: '404' }, { kind: 'crash', crashAt: 1 }] satisfies Failure[]) {
    const { page, asked, crashed } = await pageWithFailingWorkers(browser, { importWorker: failure });
    await openStudio(page);
    await uploadFiles(page, [file]);
    expect(await importReport(page), `import without workers (${failure.kind})`).toEqual(expected);
    expect(asked).toContain('importWorker');
    expect((await crashed()).has('importWorker')).toBe(failure.kind === 'crash');
    await screenshot(page, `worker-fallback-import-${failure.kind}`);
    await page.context().close();
  }

  // A worker that crashes once it was handed the file's bytes (importing.ts: they are moved, not
  // copied): the page reads the chosen file again and imports it itself — the same report, and
  // nothing of what the worker read before it died twice.
  const { page, crashed } = await pageWithFailingWorkers(browser, { importWorker: { kind: 'crash', crashAt: 2 } });
  await openStudio(page);
  await uploadFiles(page, [file]);
  expect(await importReport(page), 'import with a worker crashing mid-file').toEqual(expected);
  expect(await crashed()).toEqual(new Set(['importWorker']));
  await screenshot(page, 'worker-fallback-import-crash-mid-file');
  await page.context().close();
});

async function download(page: Page, button: Locator, dir: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return readFileSync(path);
}

/** The CoRT export and the tokenized export (the one that runs in the export worker) of the demo samples, as downloaded. */
async function exports(page: Page, dir: string): Promise<Record<string, Buffer>> {
  // The demo samples are created at the first start, with its time: both runs start at the same time.
  await page.clock.setFixedTime(new Date('2026-12-01T00:00:00.000Z'));
  await openStudio(page);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-include-all').check();
  await dialog.getByText('Reproducibility').click();
  await dialog.getByTestId('export-exported-at').fill('2026-12-01T00:00:00.000Z');
  await expect(dialog.getByTestId('export-failing').getByTestId('export-held-row')).toHaveCount(2);
  const files: Record<string, Buffer> = {
    'cort.jsonl': await download(page, dialog.getByTestId('export-download-cort.jsonl'), dir),
    'cort-manifest.json': await download(page, dialog.getByTestId('export-download-manifest.json'), dir),
  };
  await dialog.getByTestId('export-format').selectOption('tokenized');
  await dialog.getByTestId('export-tokenizer-input').setInputFiles([QWEN3_TOKENIZER.json, QWEN3_TOKENIZER.config]);
  await expect(dialog.getByTestId('export-tokenizer-status')).toHaveText('Loaded tokenizer.json + tokenizer_config.json', { timeout: 60_000 });
  await expect(dialog.getByTestId('export-download-tokenized.jsonl')).toBeEnabled({ timeout: 60_000 });
  files['tokenized.jsonl'] = await download(page, dialog.getByTestId('export-download-tokenized.jsonl'), dir);
  files['tokenized-manifest.json'] = await download(page, dialog.getByTestId('export-download-manifest.json'), dir);
  return files;
}

test('without workers, the CoRT and the tokenized export download the same bytes', async ({ browser }) => {
  const withWorkers = await pageWithWorkers(browser);
  const expected = await exports(withWorkers.page, mkdtempSync(join(tmpdir(), 'hs-fallback-e2e-')));
  expect(withWorkers.loaded).toContain('exportWorker');
  expect(expected['tokenized.jsonl']!.length).toBeGreaterThan(0);
  await withWorkers.page.context().close();

  // The export worker's script does not load; then it starts, builds the tokenizer, and crashes when sent the samples.
  for (const failure of [{ kind: 'abort' }, { kind: 'crash', crashAt: 2 }] satisfies Failure[]) {
    const { page, asked, crashed } = await pageWithFailingWorkers(browser, { exportWorker: failure, tokenWorker: { kind: '404' } });
    const files = await exports(page, mkdtempSync(join(tmpdir(), 'hs-fallback-e2e-')));
    await screenshot(page, `worker-fallback-export-${failure.kind}`);
    expect(asked).toContain('exportWorker');
    expect((await crashed()).has('exportWorker')).toBe(failure.kind === 'crash');
    for (const [name, bytes] of Object.entries(expected)) expect(files[name]!.equals(bytes), `${name} without workers (${failure.kind})`).toBe(true);
    await page.context().close();
  }
});
