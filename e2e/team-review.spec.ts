/**
 * Two people on one team server (issue 11): an annotator and a reviewer in two browser
 * contexts on one `hint-studio serve`, once on PGlite (a temporary data folder) and once on
 * PostgreSQL (a private cluster from Debian's binaries, as the server tests start it; required in CI). The hint → ready → approve → edit loop, with the sample
 * leaving the approved state for both; then the server killed mid-edit and restarted, and the
 * edit queued in the browser arrives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request, test, type Browser, type Page } from '@playwright/test';
import { postgresOrSkipNotice, startPostgres, type PostgresCluster } from '../src/server/testing/postgres';
import { cortLine, screenshot, shortTrace } from './helpers';

const PORT = Number(process.env.TEAM_PORT ?? 4402);
const URL_ = `http://127.0.0.1:${PORT}`;
const BIN = join(import.meta.dirname, '..', 'bin', 'hint-studio.mjs');
const RUN = Date.now().toString(36);
const PROBLEM = `Team e2e ${RUN}: what is 6 times 7?`;

let server: ChildProcess | null = null;
let cluster: PostgresCluster | undefined;

/** Where the server keeps its data: a PGlite folder, or a fresh database on the PostgreSQL cluster. */
type Storage = { data: string } | { databaseUrl: string };

async function storageFor(backend: 'pglite' | 'postgres'): Promise<Storage> {
  if (backend === 'pglite') return { data: mkdtempSync(join(tmpdir(), 'hs-team-e2e-')) };
  cluster ??= startPostgres();
  return { databaseUrl: await cluster.createDatabase() };
}

/** Starts the real command on the test's port and waits for its start message; the first start prints the admin. */
function serve(storage: Storage): Promise<{ admin?: { username: string; password: string } }> {
  const args = [BIN, 'serve', '--port', String(PORT), '--host', '127.0.0.1', ...('data' in storage ? ['--data', storage.data] : [])];
  const env = 'databaseUrl' in storage ? { ...process.env, DATABASE_URL: storage.databaseUrl } : { ...process.env, DATABASE_URL: '' };
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (/server at http/.test(out) && /Only this machine|--host/.test(out)) {
        const username = /user:\s+(\S+)/.exec(out)?.[1];
        const password = /password:\s+(\S+)/.exec(out)?.[1];
        resolve({ admin: username && password ? { username, password } : undefined });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
  });
}

function kill(): Promise<void> {
  const child = server!;
  server = null;
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Users and one sample, through the API as the admin. */
async function seed(admin: { username: string; password: string }) {
  const api = await request.newContext({ baseURL: URL_, extraHTTPHeaders: { Origin: URL_ } });
  const session = await (await api.post('/api/session', { data: admin })).json();
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const people: Record<string, string> = {};
  for (const [name, role] of [[`ana${RUN}`, 'annotator'], [`rita${RUN}`, 'reviewer']]) {
    const made = await api.post('/api/users', { data: { username: name, role }, headers });
    expect(made.status()).toBe(201);
    people[role] = name;
    people[`${role}:password`] = (await made.json()).password;
  }
  const project = (await (await api.get('/api/projects')).json())[0];
  const line = cortLine(PROBLEM, '42', [shortTrace('42')]);
  const imported = await api.post(`/api/projects/${project.id}/import?file=team.jsonl`, { data: `${line}\n`, headers: { ...headers, 'Content-Type': 'application/octet-stream' } });
  expect((await imported.json()).added).toBe(1);
  // Who works on it: the reviewer's queue and the annotator's, as the library shows them.
  const row = (await (await api.get(`/api/projects/${project.id}/samples?q=${encodeURIComponent(`${RUN}:`)}`)).json()).rows[0];
  const assigned = await api.put(`/api/projects/${project.id}/samples/${encodeURIComponent(row.id)}/assignment`, { data: { annotator: people.annotator, reviewer: people.reviewer }, headers });
  expect(assigned.status()).toBe(200);
  await api.dispose();
  return people;
}

async function signIn(browser: Browser, username: string, password: string, options: { wrongFirst?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(URL_);
  if (options.wrongFirst) {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await screenshot(page, 'team-login-refused');
  }
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('sync-user')).toContainText(username);
  return page;
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

test.afterEach(async () => {
  if (server) await kill();
});
test.afterAll(async () => {
  await cluster?.stop();
});

// PostgreSQL is skipped (loudly) only where it is not installed, never in CI.
const BACKENDS = postgresOrSkipNotice() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

for (const backend of BACKENDS) test(`annotator and reviewer on one server (${backend}): hint, ready, approve, edit — the sample leaves the approved state for both; a queued edit survives the server dying`, async ({ browser }) => {
  test.setTimeout(300_000);
  const storage = await storageFor(backend);
  const started = await serve(storage);
  const people = await seed(started.admin!);
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
  await kill();
  await ana.keyboard.press('a');
  await ana.getByTestId('composer-text').fill(' Written while the server was down.');
  await ana.keyboard.press('Control+Enter');
  await expect(connection(ana)).toHaveText('offline — 1 edit waiting', { timeout: 20_000 });
  await screenshot(ana, 'team-offline');
  const anaContext = ana.context();
  await ana.close();

  await serve(storage);
  const again = await anaContext.newPage();
  await again.goto(URL_);
  await expect(again.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await expect(connection(again)).toHaveText('all edits on the server', { timeout: 20_000 });
  await expect(trace(rita)).toContainText('Written while the server was down.', { timeout: 30_000 });
});
