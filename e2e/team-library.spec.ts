/**
 * A team server's project in the browser holds entries and reads a trace when its sample is
 * opened (issue 11, at scale): the library shows every row without one request per sample;
 * with the server's data out of reach at a reload, the library comes from this browser's copy,
 * a sample opened before opens from it, and one never opened says in words that it is not
 * available offline (the library stays, nothing blank) — and opens once the server answers.
 */
import { expect, test } from '@playwright/test';
import { cortLine, libraryRowsWith, openSample, screenshot, shortTrace } from './helpers';
import { fillSignIn, importLines, pgliteStorage, TEAM_URL, TeamServer, teamApi, type Credentials } from './teamServer';

const RUN = Date.now().toString(36);
const problem = (n: number) => `Offline e2e ${RUN}: sample ${n}, what is ${n} times 7?`;

const server = new TeamServer();
let started: Promise<Credentials> | null = null;
/** One server for the specs of this file (its first admin). */
const running = () => (started ??= server.startFresh(pgliteStorage('team-library')));

test.afterAll(() => server.kill());

test('a server project reads traces when opened; offline, a sample never opened says it is not available offline', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await running();
  const team = await teamApi(admin);
  expect(await importLines(team, 'offline.jsonl', [1, 2, 3].map((n) => cortLine(problem(n), String(n * 7), [shortTrace(String(n * 7))])))).toBe(3);
  await team.dispose();

  const page = await (await browser.newContext()).newPage();
  const perSample: string[] = [];
  const read: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() === 'GET' && /\/api\/projects\/\d+\/samples\/[^/]+$/.test(path)) perSample.push(path);
    if (r.method() === 'POST' && path.endsWith('/samples/read')) read.push(r.postData() ?? '');
  });
  await page.goto(TEAM_URL);
  await fillSignIn(page, admin);
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

  // An export needs every trace: it says which samples are missing, by id, to open once online.
  await notice.getByRole('button', { name: 'OK' }).click();
  await page.keyboard.press('e');
  await expect(notice).toContainText(/^2 samples are not available offline \([0-9a-f]{16}, [0-9a-f]{16}\): this browser holds no copy/);
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  await screenshot(page, 'team-export-not-available-offline');

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
  await page.goto(TEAM_URL);
  await fillSignIn(page, admin);
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
  await expect(button).toHaveText(/^Uploading \d{1,2}%$/);
  await expect(button).toHaveAttribute('title', /^Uploading slow\.jsonl: [\d.]+ of 0\.[1-9] MB sent$/);
  await expect(button).toBeDisabled();
  // The header keeps its one line at 1,400 px, with the subtitle whole.
  const brand = page.locator('.topbar__brand');
  expect((await brand.boundingBox())!.height).toBeLessThan(30);
  expect(await brand.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
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

test('a backup restored into a server project goes to the server in one upload, and the report names what happened to each sample', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await running();
  const team = await teamApi(admin);
  const restored = (n: number) => `Restore e2e ${RUN}: sample ${n}, what is ${n} minus 1?`;
  expect(await importLines(team, 'restore.jsonl', [1, 2, 3].map((n) => cortLine(restored(n), String(n - 1), [shortTrace(String(n - 1))])))).toBe(3);
  // The server's own backup, one of its samples edited later elsewhere.
  const backup = await (await team.api.get(`/api/projects/${team.project}/backup`)).json();
  await team.dispose();
  const edited = backup.samples.find((s: { problem: string }) => s.problem === restored(2));
  edited.updatedAt = '2031-01-01T00:00:00.000Z';
  edited.trace.segments.push({ id: 'elsewhere', kind: 'prose', text: 'Edited in another studio.', origin: 'annotator' });

  const page = await (await browser.newContext()).newPage();
  const calls: string[] = [];
  const read = new Set<string>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    // Traces read: the library reads those of the rows on screen (tokens, checks); a restore read every one.
    if (path.endsWith('/samples/read')) for (const id of JSON.parse(r.postData() ?? '{}').ids ?? []) read.add(id);
    else if (path.endsWith('/import') || (/^(PUT|POST)$/.test(r.method()) && /\/samples(\/[^/]+)?$/.test(path))) calls.push(`${r.method()} ${path}`);
  });
  await page.goto(TEAM_URL);
  await fillSignIn(page, admin);
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('restore-file-input').setInputFiles({ name: 'team-backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });

  const report = page.getByTestId('restore-report');
  await expect(report.getByTestId('restore-updated')).toHaveText('1 updated');
  await expect(report.getByTestId('restore-kept')).toHaveText(`${backup.samples.length - 1} kept`);
  await expect(report.locator(`[data-testid="restore-row"][data-sample-id="${edited.id}"]`)).toHaveAttribute('data-outcome', 'updated');
  await screenshot(page, 'team-restore-report');
  // One upload, no sample sent on its own, and no trace read beyond the rows on screen.
  expect(calls).toEqual([expect.stringMatching(/^POST \/api\/projects\/\d+\/import$/)]);
  expect(read.size).toBeLessThan(50);
  expect(backup.samples.length).toBeGreaterThan(400);
  // The library has the server's new version: the sample opens with the backup's edit.
  await report.getByTestId('restore-report-dismiss').click();
  await page.getByTestId('library-search').fill(restored(2));
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(await openSample(page, restored(2))).toContainText('Edited in another studio.');
});
