/**
 * The admin page's store against a real `hint-studio serve` (embedded PGlite), over HTTP the way
 * the studio calls it: session cookie, CSRF header on writes. What an admin does on the page —
 * list, add with a generated password shown once, change a role, reset a password — and what a
 * refusal looks like (a reviewer's session, a duplicate name).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../../server/testing/harness';
import { createAdmin } from './admin';
import { httpAdminApi } from './api';

/** The browser's part in Node: the session cookie and the page's Origin go with every request. */
function apiFor(client: Client) {
  return httpAdminApi({
    baseUrl: client.url,
    csrfToken: () => client.csrfToken,
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: client.cookie ?? '', origin: client.url } }),
  });
}

describe('admin page store on a real server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('pglite');
  }, 120_000);
  afterAll(() => t?.close());

  it('lists users, adds one with a password shown once that signs in, changes the role, resets the password', async () => {
    const admin = createAdmin(apiFor(t.admin));
    await admin.open();
    const first = admin.store.getState();
    expect(first.error).toBeNull();
    expect(first.users.map((u) => u.role)).toContain('admin');

    expect(await admin.add('  grace ', 'annotator')).toBe(true);
    const revealed = admin.store.getState().revealed!;
    expect(revealed).toMatchObject({ username: 'grace', reason: 'added' });
    expect(admin.store.getState().users.find((u) => u.username === 'grace')?.role).toBe('annotator');
    const grace = new Client(t.url);
    expect((await grace.login('grace', revealed.password)).status).toBe(200);
    admin.dismissPassword();
    expect(admin.store.getState().revealed).toBeNull();

    expect(await admin.setRole('grace', 'reviewer')).toBe(true);
    expect(admin.store.getState().users.find((u) => u.username === 'grace')?.role).toBe('reviewer');
    expect((await grace.get('/api/session')).body.user.role).toBe('reviewer');

    expect(await admin.resetPassword('grace')).toBe(true);
    const reset = admin.store.getState().revealed!;
    expect(reset.reason).toBe('reset');
    expect(reset.password).not.toBe(revealed.password);
    expect((await grace.get('/api/session')).status).toBe(401); // her old session ended
    expect((await new Client(t.url).login('grace', revealed.password)).status).toBe(401);
    expect((await new Client(t.url).login('grace', reset.password)).status).toBe(200);

    // A fresh page lists what the server holds.
    const again = createAdmin(apiFor(t.admin));
    await again.open();
    expect(again.store.getState().users.find((u) => u.username === 'grace')?.role).toBe('reviewer');
    again.close();
    expect(again.store.getState().revealed).toBeNull();
  });

  it('shows the server’s refusal in words: a duplicate name, a reviewer acting as admin', async () => {
    const admin = createAdmin(apiFor(t.admin));
    await admin.open();
    await admin.add('ada', 'reviewer');
    expect(await admin.add('ada', 'annotator')).toBe(false);
    expect(admin.store.getState().error).toBe('Could not add “ada”: user "ada" already exists');
    expect(admin.store.getState().revealed?.username).toBe('ada'); // the first password still shown

    const reviewer = createAdmin(apiFor(await t.user('reviewer')));
    await reviewer.open(); // reading the team is open to everyone signed in
    expect(reviewer.store.getState().users.length).toBeGreaterThan(1);
    expect(await reviewer.setRole('ada', 'admin')).toBe(false);
    expect(reviewer.store.getState().error).toMatch(/^Could not make ada admin: /);
    expect(await reviewer.add('mallory', 'admin')).toBe(false);
    await admin.refresh();
    expect(admin.store.getState().users.map((u) => u.username)).not.toContain('mallory');
    expect(admin.store.getState().users.find((u) => u.username === 'ada')?.role).toBe('reviewer');
  });
});
