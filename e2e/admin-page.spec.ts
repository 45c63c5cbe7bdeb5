/**
 * The admin page of issue 11 over a real `hint-studio serve` (embedded PGlite, on TEAM_PORT): the
 * first admin signs in, opens the page with its command, adds a user (the generated password is
 * shown once, and it signs in), changes her role, resets her password (the old one stops
 * working), and sees the server's refusal of a duplicate name in words.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { screenshot } from './helpers';
import { pgliteStorage, TEAM_URL as URL_, TeamServer, type Credentials } from './teamServer';

const server = new TeamServer();
let firstAdmin: Credentials;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  firstAdmin = await server.startFresh(pgliteStorage('admin'));
});

test.afterAll(() => server.kill());

async function signIn(request: APIRequestContext, username: string, password: string): Promise<number> {
  const reply = await request.post(`${URL_}/api/session`, { data: { username, password }, headers: { origin: URL_ } });
  return reply.status();
}

test('an admin lists, adds (password shown once), changes a role and resets a password', async ({ page, playwright }) => {
  expect(await signIn(page.request, firstAdmin.username, firstAdmin.password)).toBe(200);
  await page.goto(`${URL_}/src/ui/admin/harness/admin.html`);
  await page.getByTestId('open-admin').click();
  const admin = page.getByTestId('admin-page');
  await expect(admin.locator(`[data-testid="admin-user"][data-username="${firstAdmin.username}"]`)).toHaveAttribute('data-role', 'admin');

  await admin.getByTestId('admin-add-name').fill('grace');
  await admin.getByTestId('admin-add-role').selectOption('annotator');
  await admin.getByTestId('admin-add').click();
  const shown = admin.getByTestId('admin-password');
  await expect(shown).toContainText('New user grace');
  const password = await admin.getByTestId('admin-password-value').innerText();
  expect(password.length).toBeGreaterThanOrEqual(12);
  const grace = admin.locator('[data-testid="admin-user"][data-username="grace"]');
  await expect(grace).toHaveAttribute('data-role', 'annotator');
  await screenshot(page, 'admin-added');
  const other = await playwright.request.newContext();
  expect(await signIn(other, 'grace', password)).toBe(200);
  await admin.getByTestId('admin-password-done').click();
  await expect(shown).toBeHidden();

  await grace.getByTestId('admin-user-role').selectOption('reviewer');
  await expect(grace).toHaveAttribute('data-role', 'reviewer');
  expect((await (await other.get(`${URL_}/api/session`)).json()).user.role).toBe('reviewer');

  await grace.getByTestId('admin-user-reset').click();
  await expect(shown).toContainText('New password for grace');
  const reset = await admin.getByTestId('admin-password-value').innerText();
  expect(reset).not.toBe(password);
  expect((await other.get(`${URL_}/api/session`)).status()).toBe(401); // her session ended
  expect(await signIn(await playwright.request.newContext(), 'grace', password)).toBe(401);
  expect(await signIn(await playwright.request.newContext(), 'grace', reset)).toBe(200);
  await screenshot(page, 'admin-reset');

  // A refusal, in the server's words.
  await admin.getByTestId('admin-add-name').fill('grace');
  await admin.getByTestId('admin-add').click();
  await expect(admin.getByTestId('admin-error')).toHaveText('Could not add “grace”: user "grace" already exists');
  await screenshot(page, 'admin-refused');

  // After a reload the page lists what the server holds; the password is not shown again.
  await page.reload();
  await page.getByTestId('open-admin').click();
  await expect(page.locator('[data-testid="admin-user"][data-username="grace"]')).toHaveAttribute('data-role', 'reviewer');
  await expect(page.getByTestId('admin-password')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('admin-page')).toHaveCount(0);
});
