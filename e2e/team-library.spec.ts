/**
 * A team server's project in the browser holds entries and reads a trace when its sample is
 * opened (issue 11, at scale): the library shows every row without one request per sample;
 * with the server's data out of reach at a reload, the library comes from this browser's copy,
 * a sample opened before opens from it, and one never opened says in words that it is not
 * available offline (the library stays, nothing blank) — and opens once the server answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request, test } from '@playwright/test';
import { cortLine, libraryRowsWith, openSample, screenshot, shortTrace } from './helpers';

const PORT = Number(process.env.TEAM_PORT ?? 4403);
const URL_ = `http://127.0.0.1:${PORT}`;
const BIN = join(import.meta.dirname, '..', 'bin', 'hint-studio.mjs');
const RUN = Date.now().toString(36);
const problem = (n: number) => `Offline e2e ${RUN}: sample ${n}, what is ${n} times 7?`;

let server: ChildProcess | null = null;
let started: Promise<{ username: string; password: string }> | null = null;
/** One server for the specs of this file (its first admin's name and password). */
const running = () => (started ??= serve());

function serve(): Promise<{ username: string; password: string }> {
  const data = mkdtempSync(join(tmpdir(), 'hs-team-library-e2e-'));
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(PORT), '--host', '127.0.0.1', '--data', data], { env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const username = /user:\s+(\S+)/.exec(out)?.[1];
      const password = /password:\s+(\S+)/.exec(out)?.[1];
      if (/server at http/.test(out) && username && password) resolve({ username, password });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
  });
}

/** Stops the server and waits until it is gone (its port free for the next spec). */
test.afterAll(async () => {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
});

test('a server project reads traces when opened; offline, a sample never opened says it is not available offline', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await running();
  const api = await request.newContext({ baseURL: URL_, extraHTTPHeaders: { Origin: URL_ } });
  const session = await (await api.post('/api/session', { data: admin })).json();
  const project = (await (await api.get('/api/projects')).json())[0];
  const lines = [1, 2, 3].map((n) => cortLine(problem(n), String(n * 7), [shortTrace(String(n * 7))])).join('\n');
  const imported = await api.post(`/api/projects/${project.id}/import?file=offline.jsonl`, { data: `${lines}\n`, headers: { 'X-CSRF-Token': session.csrfToken, 'Content-Type': 'application/octet-stream' } });
  expect((await imported.json()).added).toBe(3);
  await api.dispose();

  const page = await (await browser.newContext()).newPage();
  const perSample: string[] = [];
  const read: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() === 'GET' && /\/api\/projects\/\d+\/samples\/[^/]+$/.test(path)) perSample.push(path);
    if (r.method() === 'POST' && path.endsWith('/samples/read')) read.push(r.postData() ?? '');
  });
  await page.goto(URL_);
  await page.getByTestId('login-username').fill(admin.username);
  await page.getByTestId('login-password').fill(admin.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  for (const n of [1, 2, 3]) await expect(libraryRowsWith(page, problem(n))).toHaveCount(1);

  const view = await openSample(page, problem(1));
  await expect(view).toContainText(problem(1));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library')).toBeVisible();
  expect(perSample).toEqual([]);

  // The server's data out of reach (the page itself and the session still load): a reload works from the copy.
  const dataRoutes = /\/api\/projects\/\d+\/(samples|changes)/;
  await page.route(dataRoutes, (route) => route.abort('connectionrefused'));
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('sync-connection')).toContainText('offline');
  for (const n of [1, 2, 3]) await expect(libraryRowsWith(page, problem(n))).toHaveCount(1);
  await expect(await openSample(page, problem(1))).toContainText(problem(1));
  await page.keyboard.press('Escape');

  await libraryRowsWith(page, problem(2)).click();
  const notice = page.getByTestId('sample-unavailable');
  await expect(notice).toContainText('not available offline');
  await expect(notice).toContainText('the server cannot be reached');
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(page.getByTestId('sample-view')).toHaveCount(0);
  await expect(page.getByTestId('sync-connection')).toContainText('offline');
  await screenshot(page, 'team-sample-not-available-offline');

  // The server answers again: the sample opens.
  await page.unroute(dataRoutes);
  await notice.getByRole('button', { name: 'OK' }).click();
  await expect(notice).toHaveCount(0);
  await expect(await openSample(page, problem(2))).toContainText(problem(2));
  expect(perSample).toEqual([]);
  expect(read.length).toBeGreaterThan(0);
});

test('a file chosen in the studio goes to the server: the rows appear and the report names the bad line', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await running();
  const page = await (await browser.newContext()).newPage();
  const oneByOne: string[] = [];
  const uploads: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    // A sample written on its own (the read of several, POST …/samples/read, is no write).
    if (/^(PUT|POST)$/.test(r.method()) && /\/api\/projects\/\d+\/samples(\/[^/]+)?$/.test(path) && !path.endsWith('/samples/read')) oneByOne.push(`${r.method()} ${path}`);
    if (r.method() === 'POST' && path.endsWith('/import')) uploads.push(r.url());
  });
  await page.goto(URL_);
  await page.getByTestId('login-username').fill(admin.username);
  await page.getByTestId('login-password').fill(admin.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');

  const uploaded = (n: number) => `Upload e2e ${RUN}: sample ${n}, what is ${n} times 9?`;
  const bad = JSON.stringify({ problem: `Upload e2e ${RUN}: broken`, gt_answer: '1', gen: [42] });
  const lines = [cortLine(uploaded(1), '9', [shortTrace('9')]), bad, cortLine(uploaded(2), '18', [shortTrace('18')]), cortLine(uploaded(3), '27', [shortTrace('27')])];
  await page.getByTestId('import-file-input').setInputFiles({ name: 'upload.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) });

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('import-imported')).toContainText('3 imported');
  await expect(page.getByTestId('import-rejected')).toContainText('1 rejected');
  const reject = page.getByTestId('import-reject');
  await expect(reject).toHaveCount(1);
  await expect(reject).toContainText('upload.jsonl');
  await expect(reject).toContainText('2');
  await expect(reject).toContainText('gen');
  for (const n of [1, 2, 3]) await expect(libraryRowsWith(page, uploaded(n))).toHaveCount(1);
  await screenshot(page, 'team-import-report');
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toContain('file=upload.jsonl');
  expect(oneByOne).toEqual([]);

  // A bigger file over a slow line: the button says how much of it was sent, and the page answers meanwhile.
  await page.getByTestId('import-report-dismiss').click();
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  const slow = (n: number) => `Slow upload e2e ${RUN}: sample ${n}, what is ${n} plus 1?`;
  const many = Array.from({ length: 400 }, (_, n) => cortLine(slow(n), String(n + 1), [shortTrace(String(n + 1))]));
  await page.getByTestId('import-file-input').setInputFiles({ name: 'slow.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${many.join('\n')}\n`) });
  const button = page.getByTestId('import-files');
  await expect(button).toHaveText(/^Uploading: [\d.]+ of 0\.[1-9] MB…$/);
  await expect(button).toBeDisabled();
  await screenshot(page, 'team-import-progress');
  const search = page.getByTestId('library-search');
  await search.fill('Upload e2e');
  await expect(search).toHaveValue('Upload e2e');
  await search.fill('');
  await expect(page.getByTestId('import-imported')).toContainText('400 imported', { timeout: 60_000 });
  await expect(button).toHaveText('Import files…');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  expect(uploads).toHaveLength(2);
  expect(oneByOne).toEqual([]);
});
