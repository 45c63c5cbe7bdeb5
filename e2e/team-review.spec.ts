/**
 * Two people on one team server (issue 11): an annotator and a reviewer in two browser
 * contexts on one `hint-studio serve`, once on PGlite (a temporary data folder) and once on
 * PostgreSQL (a private cluster from Debian's binaries, as the server tests start it; required in CI). The hint → ready → approve → edit loop, with the sample
 * leaving the approved state for both; then the server killed mid-edit and restarted, and the
 * edit queued in the browser arrives.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { postgresOrSkipNotice, startPostgres, type PostgresCluster } from '../src/server/testing/postgres';
import { cortLine, screenshot, shortTrace } from './helpers';
import { addUser, fillSignIn, importLines, pgliteStorage, TEAM_URL, TeamServer, teamApi, type Credentials, type Storage } from './teamServer';

const RUN = Date.now().toString(36);
const PROBLEM = `Team e2e ${RUN}: what is 6 times 7?`;

const server = new TeamServer();
let cluster: PostgresCluster | undefined;

async function storageFor(backend: 'pglite' | 'postgres'): Promise<Storage> {
  if (backend === 'pglite') return pgliteStorage('team');
  cluster ??= startPostgres();
  return { databaseUrl: await cluster.createDatabase() };
}

/** Users and one sample, through the API as the admin. */
async function seed(admin: Credentials) {
  const team = await teamApi(admin);
  const people: Record<string, string> = {};
  for (const [name, role] of [[`ana${RUN}`, 'annotator'], [`rita${RUN}`, 'reviewer']] as const) {
    people[role] = name;
    people[`${role}:password`] = (await addUser(team, name, role)).password;
  }
  expect(await importLines(team, 'team.jsonl', [cortLine(PROBLEM, '42', [shortTrace('42')])])).toBe(1);
  // Who works on it: the reviewer's queue and the annotator's, as the library shows them.
  const row = (await (await team.api.get(`/api/projects/${team.project}/samples?q=${encodeURIComponent(`${RUN}:`)}`)).json()).rows[0];
  const assigned = await team.api.put(`/api/projects/${team.project}/samples/${encodeURIComponent(row.id)}/assignment`, { data: { annotator: people.annotator, reviewer: people.reviewer }, headers: team.headers });
  expect(assigned.status()).toBe(200);
  await team.dispose();
  return people;
}

/** Signs in in a fresh browser context; `project`: the server has several, and the picker asks which first. */
async function signIn(browser: Browser, username: string, password: string, options: { wrongFirst?: boolean; project?: string } = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(TEAM_URL);
  await submitSignIn(page, username, password, options);
  return page;
}

async function submitSignIn(page: Page, username: string, password: string, options: { wrongFirst?: boolean; project?: string } = {}): Promise<void> {
  if (options.wrongFirst) {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await screenshot(page, 'team-login-refused');
  }
  await fillSignIn(page, { username, password });
  if (options.project) {
    await expect(page.getByTestId('project-picker')).toBeVisible();
    await page.getByTestId('project-choice').and(page.locator(`[data-project-name="${options.project}"]`)).click();
  }
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('sync-user')).toContainText(username);
}

async function openTeamSample(page: Page): Promise<void> {
  await page.getByTestId('library-row').filter({ hasText: PROBLEM }).click();
  await expect(page.getByTestId('sample-view')).toBeVisible();
}

/** The first status change asks who reviews; on a team server it is the signed-in user. */
async function answerWho(page: Page, name: string): Promise<void> {
  const who = page.getByTestId('reviewer-dialog');
  if (await who.isVisible().catch(() => false)) {
    await who.getByTestId('reviewer-name').fill(name);
    await who.getByTestId('reviewer-dialog-submit').click();
  }
}

const status = (page: Page) => page.getByTestId('review-status-value');
const trace = (page: Page) => page.getByTestId('trace-list');
const connection = (page: Page) => page.getByTestId('sync-connection');

test.afterEach(() => server.kill());
test.afterAll(async () => {
  await cluster?.stop();
});

// PostgreSQL is skipped (loudly) only where it is not installed, never in CI.
const BACKENDS = postgresOrSkipNotice() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

for (const backend of BACKENDS) test(`annotator and reviewer on one server (${backend}): hint, ready, approve, edit — the sample leaves the approved state for both; a queued edit survives the server dying`, async ({ browser }) => {
  test.setTimeout(300_000);
  const storage = await storageFor(backend);
  const people = await seed(await server.startFresh(storage));
  const ana = await signIn(browser, people.annotator!, people['annotator:password']!, { wrongFirst: true });
  const rita = await signIn(browser, people.reviewer!, people['reviewer:password']!);
  for (const page of [ana, rita]) {
    const assignment = page.getByTestId('library-row').filter({ hasText: PROBLEM }).getByTestId('row-assignment');
    await expect(assignment).toContainText(`✎ ${people.annotator}`);
    await expect(assignment).toContainText(`✓ ${people.reviewer}`);
  }
  await screenshot(rita, 'team-library');

  // The annotator inserts Hint-2 (at the end, so the answer stays and the checks pass) and marks the sample ready.
  await openTeamSample(ana);
  await ana.keyboard.press('Shift+G');
  await ana.keyboard.press('3');
  await expect(trace(ana)).toContainText("We don't need to doubt the accuracy of python calculations.");
  await ana.keyboard.press('s');
  await answerWho(ana, people.annotator!);
  await expect(status(ana)).toHaveText('ready');
  // The move is saved after a short pause: wait until the server holds it, not only the line's
  // word from before (an approval pressed before it was sent would be sent in its place).
  const mainId = (await (await ana.request.get(`${TEAM_URL}/api/projects`)).json())[0].id;
  await expect.poll(async () => (await (await ana.request.get(`${TEAM_URL}/api/projects/${mainId}/samples?q=${encodeURIComponent(`${RUN}:`)}`)).json()).rows[0]?.status).toBe('ready');
  await expect(connection(ana)).toHaveText('all edits on the server');
  await screenshot(ana, 'team-annotator-ready');

  // Approving is a reviewer's decision: the server refuses the annotator's, and says so.
  await ana.keyboard.press('y');
  await expect(ana.getByTestId('sync-refusal')).toContainText('The server refused');
  await expect(status(ana)).toHaveText('ready');
  await screenshot(ana, 'team-refused');
  await ana.getByTestId('sync-refusal').getByRole('button').click();
  await expect(ana.getByTestId('sync-refusal')).toHaveCount(0);

  // The reviewer sees the hint and the status, and approves.
  await openTeamSample(rita);
  await expect(trace(rita)).toContainText("We don't need to doubt the accuracy of python calculations.");
  await expect(status(rita)).toHaveText('ready');
  await rita.keyboard.press('y');
  await answerWho(rita, people.reviewer!);
  await expect(status(rita)).toHaveText('approved', { timeout: 90_000 });
  // The server took the decision: the annotator sees it, and the reviewer's copy stays approved.
  await expect(status(ana)).toHaveText('approved');
  await expect(connection(rita)).toHaveText('all edits on the server');
  await expect(status(rita)).toHaveText('approved');

  // The annotator edits again: approved content changed, for both of them.
  await ana.keyboard.press('a');
  await ana.getByTestId('composer-text').fill(' A note added after the approval.');
  await ana.keyboard.press('Control+Enter');
  await expect(ana.getByTestId('approval-state')).toHaveText('changed since approval');
  await expect(connection(ana)).toHaveText('all edits on the server');
  await expect(trace(rita)).toContainText('A note added after the approval.');
  await expect(rita.getByTestId('approval-state')).toHaveText('changed since approval');
  await screenshot(rita, 'team-reviewer-changed');

  // The server dies; the annotator's next edit waits in the browser, also when the page closes.
  await server.kill();
  await ana.keyboard.press('a');
  await ana.getByTestId('composer-text').fill(' Written while the server was down.');
  await ana.keyboard.press('Control+Enter');
  await expect(connection(ana)).toHaveText('offline — 1 edit waiting', { timeout: 20_000 });
  await screenshot(ana, 'team-offline');
  const anaContext = ana.context();
  await ana.close();

  expect((await server.start(storage)).admin).toBeUndefined();
  const again = await anaContext.newPage();
  await again.goto(TEAM_URL);
  await expect(again.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(connection(again)).toHaveText('all edits on the server', { timeout: 20_000 });
  await expect(trace(rita)).toContainText('Written while the server was down.', { timeout: 30_000 });
});

const PROBLEM_B = `Team e2e ${RUN}: what is 5 plus 8?`;

test('projects, assignment and sign-out on one server (pglite): an admin creates a project and the choice survives a reload; a reviewer assigns from the studio and the annotator sees it in her queue; signing out with an edit waiting warns and the next sign-in sends it; a reviewer’s refused text can be copied', async ({ browser }) => {
  test.setTimeout(300_000);
  const storage = await storageFor('pglite');
  const admin = await server.startFresh(storage);
  const people = await seed(admin);
  // A second sample in "main", given to nobody yet.
  const team = await teamApi(admin);
  expect(await importLines(team, 'b.jsonl', [cortLine(PROBLEM_B, '13', [shortTrace('13')])])).toBe(1);
  await team.dispose();

  // The admin: one project, so the studio opens on it; the picker creates a second and opens it.
  const boss = await signIn(browser, admin.username, admin.password);
  await expect(boss.getByTestId('team-project')).toHaveText(/main/);
  await boss.getByTestId('team-project').click();
  await expect(boss.getByTestId('projects-dialog').getByTestId('project-choice')).toHaveCount(1);
  await boss.getByTestId('project-create-name').fill('second');
  await boss.getByTestId('project-create-submit').click();
  await expect(boss.getByTestId('team-notice')).toHaveText('Project “second” created.');
  await screenshot(boss, 'team-projects-dialog');
  await boss.getByTestId('projects-dialog').locator('[data-project-name="second"]').click();
  await expect(boss.getByTestId('team-project')).toHaveText(/second/);
  await expect(boss.getByTestId('library-row')).toHaveCount(0);
  await boss.reload();
  await expect(boss.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(boss.getByTestId('team-project')).toHaveText(/second/);
  await boss.close();

  // Two projects now: the annotator and the reviewer choose one after signing in.
  const ana = await browser.newContext().then((c) => c.newPage());
  await ana.goto(TEAM_URL);
  await fillSignIn(ana, { username: people.annotator!, password: people['annotator:password']! });
  await expect(ana.getByTestId('project-picker')).toBeVisible();
  await expect(ana.getByTestId('project-choice')).toHaveCount(2);
  await screenshot(ana, 'team-project-picker');
  await ana.locator('[data-project-name="main"]').click();
  await expect(ana.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(ana.getByTestId('team-project')).toHaveText(/main/);
  const rita = await signIn(browser, people.reviewer!, people['reviewer:password']!, { project: 'main' });

  // The reviewer assigns the second sample from the studio; the annotator's library shows it, and her queue holds it.
  const rowB = (page: Page) => page.getByTestId('library-row').filter({ hasText: PROBLEM_B });
  await expect(rowB(ana).getByTestId('row-assignment')).toHaveCount(0);
  await rowB(rita).click();
  await expect(rita.getByTestId('sample-assignment')).toContainText('✎ nobody');
  await rita.keyboard.press('Shift+W');
  await expect(rita.getByTestId('assign-dialog')).toBeVisible();
  await rita.getByTestId('assign-annotator').selectOption(people.annotator!);
  await expect(rita.getByTestId('team-notice')).toContainText(`✎ ${people.annotator}`);
  await rita.getByTestId('assign-reviewer').selectOption(people.reviewer!);
  await expect(rita.getByTestId('team-notice')).toContainText(`✓ ${people.reviewer}`);
  await screenshot(rita, 'team-assign-dialog');
  await rita.keyboard.press('Escape');
  await expect(rita.getByTestId('sample-assignment')).toContainText(`✎ ${people.annotator}`);
  await expect(rowB(ana).getByTestId('row-assignment')).toContainText(`✎ ${people.annotator}`, { timeout: 20_000 });
  await expect(rowB(ana).getByTestId('row-assignment')).toContainText(`✓ ${people.reviewer}`);
  // The row keeps one line and may cut a long name; its title gives it whole.
  await expect(rowB(ana).getByTestId('row-assignment').getByTitle(`Annotator: ${people.annotator}`)).toBeVisible();
  await ana.getByTestId('filter-assigned').selectOption('queue');
  await expect(rowB(ana)).toBeVisible();
  await screenshot(ana, 'team-my-queue');
  await ana.getByTestId('filter-assigned').selectOption('all');

  // A reviewer's edit of the text is not the server's to take: the studio keeps it to copy.
  await rita.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: TEAM_URL });
  await rita.keyboard.press('a');
  await rita.getByTestId('composer-text').fill(' A reviewer’s rewording.');
  await rita.keyboard.press('Control+Enter');
  const refused = rita.getByTestId('refused-edit');
  await expect(refused).toBeVisible();
  await expect(trace(rita)).not.toContainText('A reviewer’s rewording.');
  await refused.getByTestId('refused-show').click();
  await expect(rita.getByTestId('refused-text')).toHaveValue(/A reviewer’s rewording\.$/);
  await screenshot(rita, 'team-refused-edit');
  await rita.getByTestId('refused-dialog-copy').click();
  await expect(rita.getByTestId('refused-dialog').getByTestId('team-notice')).toHaveText('The refused text is on the clipboard.');
  expect(await rita.evaluate(() => navigator.clipboard.readText())).toMatch(/A reviewer’s rewording\.$/);
  await rita.getByTestId('refused-dialog-forget').click();
  await expect(refused).toHaveCount(0);

  // The annotator's edit cannot reach the server (its saves fail on the way); signing out warns and keeps it.
  // On the context: her tabs share the browser's copy and its outbox, and any of them may send it.
  await ana.context().route(/\/api\/projects\/\d+\/samples\/[^/]+$/, (route) => (route.request().method() === 'PUT' ? route.abort('failed') : route.fallback()));
  await rowB(ana).click();
  // The trace is read from the server when the sample opens: type once its view is there.
  await expect(ana.getByTestId('sample-view')).toBeVisible();
  await ana.keyboard.press('a');
  await ana.getByTestId('composer-text').fill(' Written before signing out.');
  await ana.keyboard.press('Control+Enter');
  await expect(connection(ana)).toHaveText(/1 edit/);
  // A second tab of hers, open on the library.
  const anaTab = await ana.context().newPage();
  await anaTab.goto(TEAM_URL);
  await expect(anaTab.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await ana.bringToFront();
  await ana.getByTestId('team-sign-out').click();
  await expect(ana.getByTestId('leave-dialog')).toBeVisible();
  await expect(ana.getByTestId('leave-waiting')).toHaveText('You have 1 edit not yet on the server in “main”.');
  await screenshot(ana, 'team-sign-out-waiting');
  await ana.getByTestId('leave-confirm').click();
  await expect(ana.getByTestId('login-form')).toBeVisible();
  // The cookie is gone: the server no longer knows this browser.
  expect((await ana.request.get(`${TEAM_URL}/api/session`)).status()).toBe(401);
  await expect(trace(rita)).not.toContainText('Written before signing out.');
  // Her other tab learns it from the server, and says so instead of "offline".
  await expect(anaTab.getByTestId('signed-out')).toBeVisible({ timeout: 20_000 });
  await expect(connection(anaTab)).toHaveText(/^signed out/);
  await expect(rowB(anaTab).getByTestId('row-assignment')).toContainText(`✎ ${people.annotator}`);
  await screenshot(anaTab, 'team-signed-out-other-tab');
  await anaTab.getByTestId('sign-in-again').click();
  await expect(anaTab.getByTestId('login-form')).toBeVisible();
  await anaTab.close();

  // The same user signs in again (her project remembered): the edit goes up and the reviewer sees it.
  await ana.context().unroute(/\/api\/projects\/\d+\/samples\/[^/]+$/);
  await submitSignIn(ana, people.annotator!, people['annotator:password']!);
  await expect(ana.getByTestId('team-project')).toHaveText(/main/);
  await expect(connection(ana)).toHaveText('all edits on the server', { timeout: 20_000 });
  await expect(trace(rita)).toContainText('Written before signing out.', { timeout: 30_000 });
});
