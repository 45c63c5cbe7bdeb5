/**
 * The library of a team server's project searched and filtered like a user does it (issue 11):
 * `/`, typing, the filter drop-downs and a column header, with the rows in the order and
 * membership the server's SQL answers (GET …/sample-ids); then the server stops, and the
 * library filters in the browser and says so. PGlite: the SQL is the same on PostgreSQL, which
 * src/server/libraryQuery.test.ts checks against the studio's own rule on both.
 */
import { expect, test, type Page } from '@playwright/test';
import { cortLine, screenshot, shortTrace } from './helpers';
import { addUser, fillSignIn, importLines, pgliteStorage, TEAM_URL, TeamServer, teamApi, type Credentials } from './teamServer';

const server = new TeamServer();
test.afterEach(() => server.kill());

/** 24 problems over three sources; the primes' traces answer wrongly. */
const PROBLEMS = Array.from({ length: 24 }, (_, i) => ({
  problem: `${i % 2 ? 'Compute' : 'find'} the value ${i} for ${['cubes', 'Primes', 'squares'][i % 3]}`,
  source: ['aime24', 'amc23', 'math500'][i % 3]!,
  gt: String(i),
  answer: i % 3 === 1 ? String(i + 1) : String(i),
}));

async function seed(admin: Credentials): Promise<Credentials> {
  const team = await teamApi(admin);
  const lena = await addUser(team, 'lena', 'annotator');
  expect(await importLines(team, 'library.jsonl', PROBLEMS.map((p) => cortLine(p.problem, p.gt, [shortTrace(p.answer)], p.source)))).toBe(PROBLEMS.length);
  await team.dispose();
  return lena;
}

const where = (page: Page) => page.getByTestId('library-where');

test('search and filters on a team server run in its SQL; with the server gone the library filters here and says so', async ({ page }) => {
  test.setTimeout(180_000);
  const lena = await seed(await server.startFresh(pgliteStorage('library')));
  const asked: URLSearchParams[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/sample-ids')) asked.push(url.searchParams);
  });
  await page.goto(TEAM_URL);
  await fillSignIn(page, lena);
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  // A virtual list: the count says how many rows there are, not the rows drawn.
  await expect(page.getByTestId('library-count')).toHaveText(`${PROBLEMS.length} samples`);
  await expect(where(page)).toHaveText('on the server');

  // `/` puts the focus in the search; the words are typed like a user types them.
  await page.keyboard.press('/');
  await expect(page.getByTestId('library-search')).toBeFocused();
  await page.keyboard.type('primes COMPUTE', { delay: 40 });
  const primesComputed = PROBLEMS.filter((_, i) => i % 3 === 1 && i % 2 === 1);
  await expect(page.getByTestId('library-row')).toHaveCount(primesComputed.length);
  await expect(page.getByTestId('library-count')).toHaveText(`${primesComputed.length} of ${PROBLEMS.length} samples`);
  // Typing was debounced: the server was asked for the whole search, not once per key.
  const searches = () => asked.map((p) => p.get('q')).filter(Boolean);
  await expect.poll(() => searches().at(-1)).toBe('primes COMPUTE');
  expect(searches().length).toBeLessThan('primes COMPUTE'.length / 2);
  await expect(where(page)).toHaveText('on the server');
  await screenshot(page, 'library-server-search');

  // A filter drop-down and a column header: the server's answer, in the library's order.
  await page.keyboard.press('Escape');
  await page.getByTestId('library-search').fill('');
  await page.getByTestId('filter-answer').selectOption('mismatch');
  const wrong = PROBLEMS.filter((_, i) => i % 3 === 1);
  await expect(page.getByTestId('library-row')).toHaveCount(wrong.length);
  await expect.poll(() => asked.at(-1)?.get('verdict')).toBe('mismatch');
  await page.getByTestId('filter-source').selectOption('amc23');
  await expect(page.getByTestId('library-row')).toHaveCount(wrong.length);
  // Sorted by problem already: a click on its header turns the order round.
  await page.getByTestId('sort-problem').click();
  await expect.poll(() => asked.at(-1)?.get('order')).toBe('desc');
  const expected = wrong.map((p) => p.problem).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : -1));
  await expect.poll(async () => (await page.getByTestId('library-row').allInnerTexts()).map((t) => expected.find((p) => t.includes(p)))).toEqual(expected);
  // The rows on screen are entries: their traces are read for them, and their tokens counted.
  for (const tokens of await page.getByTestId('row-tokens').all()) await expect(tokens).toHaveText(/^≈ \d+$/);
  await screenshot(page, 'library-server-filtered');

  // An edit shows in the library at once: the sample marked ready leaves the drafts before the server is asked again.
  await page.getByTestId('filter-answer').selectOption('all');
  await page.getByTestId('filter-status').selectOption('draft');
  await page.keyboard.press('/');
  await expect(page.getByTestId('library-search')).toBeFocused();
  await page.keyboard.type('value 16 ');
  await expect(page.getByTestId('library-count')).toHaveText(`1 of ${PROBLEMS.length} samples`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-view')).toBeVisible();
  await page.keyboard.press('s');
  const who = page.getByTestId('reviewer-dialog');
  if (await who.isVisible().catch(() => false)) {
    await who.getByTestId('reviewer-name').fill('lena');
    await who.getByTestId('reviewer-dialog-submit').click();
  }
  await expect(page.getByTestId('review-status-value')).toHaveText('ready');
  await page.keyboard.press('Escape');
  // Sooner than the library asks the server again after a change (2.5 s): the local rule placed it.
  await expect(page.getByTestId('library-count')).toHaveText(`0 of ${PROBLEMS.length} samples`, { timeout: 1_500 });
  await page.getByTestId('filter-status').selectOption('ready');
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect.poll(() => asked.at(-1)?.get('status')).toBe('ready');
  await expect(page.getByTestId('library-row')).toContainText('find the value 16 for Primes');
  await page.getByTestId('filter-status').selectOption('all');

  // Sorted by tokens: the server counts every sample itself, with the tokenizer this browser
  // counts with (the bundled estimate), so its SQL sorts them — once it has counted them all.
  const project = (await (await page.request.get(`${TEAM_URL}/api/projects`)).json())[0];
  await expect
    .poll(async () => {
      const page1 = await (await page.request.get(`${TEAM_URL}/api/projects/${project.id}/samples?limit=500&sort=id`)).json();
      return page1.rows.every((r: { entry: { tokens?: unknown } }) => r.entry.tokens !== undefined);
    }, { timeout: 30_000 })
    .toBe(true);
  await page.getByTestId('library-search').fill('');
  await page.getByTestId('filter-source').selectOption('all');
  await page.getByTestId('sort-tokens').click();
  await expect.poll(() => asked.at(-1)?.get('sort')).toBe('tokens');
  await expect(where(page)).toHaveText('on the server');
  const shownTokens = async () => (await page.getByTestId('row-tokens').allInnerTexts()).map((t) => Number(t.replace(/[^\d]/g, '')));
  await expect
    .poll(async () => {
      const shown = await shownTokens();
      return shown.length > 1 && shown.every((n, i) => n > 0 && (i === 0 || shown[i - 1]! <= n));
    }, { timeout: 30_000 })
    .toBe(true);
  await screenshot(page, 'library-server-tokens');
  await page.getByTestId('sort-problem').click();

  // The server stops: the next search runs here, and the library says so.
  await server.kill();
  await page.getByTestId('filter-answer').selectOption('all');
  await page.getByTestId('library-search').fill('value 13 ');
  await expect(where(page)).toContainText('cannot be reached');
  await expect(where(page)).toContainText('filtering the samples in this browser');
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByTestId('library-row')).toContainText('Compute the value 13 for Primes');
  await screenshot(page, 'library-server-unreachable');
});

test('a slow server: its answer shows when it comes, though nothing else happens on the page then', async ({ page }) => {
  test.setTimeout(120_000);
  const lena = await seed(await server.startFresh(pgliteStorage('library-slow')));
  await page.goto(TEAM_URL);
  await fillSignIn(page, lena);
  await expect(page.getByTestId('library-count')).toHaveText(`${PROBLEMS.length} samples`);
  // From now on every answer comes 1.5 s after the page asked: the typing and the reads of
  // the rows on screen are over by then, and the answer alone must redraw the rows.
  await page.route('**/sample-ids?*', async (route) => {
    await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
  await page.keyboard.press('/');
  await expect(page.getByTestId('library-search')).toBeFocused();
  await page.keyboard.type('value 16 ');
  await expect(page.getByTestId('library-count')).toHaveText(`1 of ${PROBLEMS.length} samples`);
  await expect(page.getByTestId('library-row')).toContainText('find the value 16 for Primes');
  await page.getByTestId('filter-source').selectOption('aime24');
  await expect(page.getByTestId('library-count')).toHaveText(`0 of ${PROBLEMS.length} samples`);
  await page.getByTestId('library-search').fill('');
  await expect(page.getByTestId('library-count')).toHaveText(`8 of ${PROBLEMS.length} samples`);
  await expect(where(page)).toHaveText('on the server');
});
