/**
 * Check results on a team server (issue 11): the checks run in each browser's Pyodide, never on
 * the server. The annotator opens a sample whose boxed answer differs from the ground truth; her
 * browser checks it and sends the result. The reviewer, in another browser context that reads no
 * trace at all (its trace reads are cut), filters the library to "checks failing" and sees that
 * sample — the server's SQL over the result the annotator's browser sent — and not the other,
 * with the kept result in its checks column. Then she reloads and filters at once, while her
 * tokenizer is still being built: the filter asks under the tokenizer Settings chose from the
 * first moment, and finds the sample all the same.
 */
import { expect, test } from '@playwright/test';
import { cortLine, libraryRows, libraryRowsWith, openSample, screenshot, shortTrace } from './helpers';
import { addUser, fillSignIn, importLines, pgliteStorage, TEAM_URL, TeamServer, teamApi } from './teamServer';

const RUN = Date.now().toString(36);
const WRONG = `Checks e2e ${RUN}: what is 6 times 7?`;
const RIGHT = `Checks e2e ${RUN}: what is 5 times 7?`;

const server = new TeamServer();
test.afterAll(() => server.kill());

test("a reviewer's library shows failures the annotator's browser found, without checking anything itself", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await server.startFresh(pgliteStorage('team-checks'));
  const team = await teamApi(admin);
  const ana = await addUser(team, `ana${RUN}`, 'annotator');
  const rita = await addUser(team, `rita${RUN}`, 'reviewer');
  // The first trace boxes 42 where the ground truth says 41: its answer check fails.
  expect(await importLines(team, 'checks.jsonl', [cortLine(WRONG, '41', [shortTrace('42')]), cortLine(RIGHT, '35', [shortTrace('35')])])).toBe(2);
  await team.dispose();

  const annotator = await (await browser.newContext()).newPage();
  const sent: string[] = [];
  annotator.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/projects\/\d+\/checks$/.test(new URL(r.url()).pathname)) sent.push(r.postData() ?? '');
  });
  await annotator.goto(TEAM_URL);
  await fillSignIn(annotator, ana);
  await expect(annotator.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await openSample(annotator, WRONG);
  await expect(annotator.getByTestId('checks-panel')).toHaveAttribute('data-level', 'full', { timeout: 120_000 });
  await expect(annotator.getByTestId('checks-panel')).not.toHaveAttribute('data-failing', '0');
  // The result goes to the server with the next write-back of the library's facts.
  await expect.poll(() => sent.some((body) => body.includes('"answer"')), { timeout: 30_000 }).toBe(true);

  const reviewer = await (await browser.newContext()).newPage();
  const asked: string[] = [];
  reviewer.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/sample-ids')) asked.push(url.search);
  });

  // This browser reads no trace: whatever it shows of checks came from the server.
  await reviewer.route(/\/api\/projects\/\d+\/samples\/read$/, (route) => route.abort('connectionrefused'));
  await reviewer.goto(TEAM_URL);
  await fillSignIn(reviewer, rita);
  await expect(reviewer.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(libraryRowsWith(reviewer, RIGHT)).toHaveCount(1);
  await reviewer.getByTestId('filter-checks').selectOption('failing');
  // The server's answer under this browser's definitions (its tokenizer loaded: the annotator's checks were counted).
  await expect(reviewer.getByTestId('library-count')).toHaveText('1 of 2 samples', { timeout: 30_000 });
  await expect(libraryRowsWith(reviewer, WRONG)).toHaveCount(1);
  await expect(libraryRowsWith(reviewer, RIGHT)).toHaveCount(0);
  // Its checks column shows the kept result, though this browser never read its trace.
  await expect(libraryRowsWith(reviewer, WRONG).getByTestId('checks-badge')).toHaveAttribute('data-kept', 'true');
  await expect(libraryRowsWith(reviewer, WRONG).getByTestId('checks-badge')).toHaveText('✗ 1 failing');
  await expect(reviewer.getByTestId('library-where')).toHaveAttribute('data-mode', 'server');
  expect(asked.some((q) => q.includes('checks=failing') && /checksDefinition=[0-9a-f]/.test(q))).toBe(true);
  await screenshot(reviewer, 'team-checks-failing-reviewer');

  // A reload, and the filter at once: this browser's tokenizer is held back (its worker's script
  // does not arrive until the end), so only Settings' choice says which counted checks are hers.
  let letTokenizer = () => {};
  const tokenizerHeld = new Promise<void>((resolve) => (letTokenizer = resolve));
  let tokenizerAsked = false;
  await reviewer.context().route(/\/assets\/tokenWorker-[^/]*\.js$/, async (route) => {
    tokenizerAsked = true;
    await tokenizerHeld;
    await route.continue();
  });
  await reviewer.getByTestId('filter-checks').selectOption('all');
  await expect(reviewer.getByTestId('library-count')).toHaveText('2 samples');
  asked.length = 0;
  await reviewer.reload();
  await expect(reviewer.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await reviewer.getByTestId('filter-checks').selectOption('failing');
  await expect(reviewer.getByTestId('library-count')).toHaveText('1 of 2 samples', { timeout: 30_000 });
  await expect(libraryRowsWith(reviewer, WRONG).getByTestId('checks-badge')).toHaveText('✗ 1 failing');
  await expect(libraryRowsWith(reviewer, RIGHT)).toHaveCount(0);
  // Asked under two definitions (counted by the chosen tokenizer, and uncounted) while the tokenizer was still held back.
  expect(tokenizerAsked).toBe(true);
  expect(asked.some((q) => /checksDefinition=[0-9a-f]+(%2C|,)[0-9a-f]+/.test(q))).toBe(true);
  await screenshot(reviewer, 'team-checks-failing-after-reload');

  // Sorted by checks (the header, from the keyboard): the failing sample first, on the server's order.
  await reviewer.getByTestId('filter-checks').selectOption('all');
  await expect(reviewer.getByTestId('library-count')).toHaveText('2 samples');
  asked.length = 0;
  await reviewer.getByTestId('sort-checks').focus();
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.locator('th.col-checks')).toHaveAttribute('aria-sort', 'ascending');
  await expect(libraryRows(reviewer).first()).toContainText(WRONG);
  await expect(libraryRows(reviewer).first().getByTestId('checks-badge')).toHaveText('✗ 1 failing');
  await expect(reviewer.getByTestId('library-where')).toHaveAttribute('data-mode', 'server');
  expect(asked.some((q) => q.includes('sort=checks') && /checksDefinition=[0-9a-f]/.test(q))).toBe(true);
  await screenshot(reviewer, 'team-checks-sorted-reviewer');
  // Descending: the failing sample last (the other is not known to this browser, or passing).
  await reviewer.getByTestId('sort-checks').click();
  await expect(reviewer.locator('th.col-checks')).toHaveAttribute('aria-sort', 'descending');
  await expect(libraryRows(reviewer).last()).toContainText(WRONG);
  letTokenizer();
});
