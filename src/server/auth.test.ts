/** Signing in, sessions, throttling, CSRF and API tokens, on PGlite and PostgreSQL. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_FAILURES, lockSeconds, MAX_LOCK_SECONDS } from './auth/throttle';
import { backends, Client, PASSWORD, startTestServer, stopPostgres, type TestServer } from './testing/harness';

afterAll(stopPostgres);

describe('the back-off', () => {
  it('lets a few typos pass, then doubles the wait after each failure, up to a cap', () => {
    const waits = Array.from({ length: 16 }, (_, i) => lockSeconds(i + 1));
    expect(waits.slice(0, FREE_FAILURES)).toEqual([0, 0, 0]);
    expect(waits.slice(FREE_FAILURES, FREE_FAILURES + 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(Math.max(...waits)).toBe(MAX_LOCK_SECONDS);
  });
});

describe.each(backends())('signing in on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t?.close());

  const rows = async (query: ReturnType<typeof sql>) => ((await t.server.database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

  it('gives an HTTP-only, SameSite=Strict session cookie and keeps only hashes of secrets', async () => {
    await t.user('annotator', 'carla');
    const client = new Client(t.url);
    const reply = await client.login('carla', PASSWORD);
    expect(reply.status).toBe(200);
    const cookie = reply.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hs_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http on this machine; https gets Secure
    const value = client.cookie!.split('=')[1];
    const token = (await client.post('/api/me/tokens', { name: 'laptop' })).body.token as string;
    expect(token).toMatch(/^hst_/);

    const [user] = await rows(sql`select password_hash from users where username = 'carla'`);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const everything = JSON.stringify([...(await rows(sql`select * from sessions`)), ...(await rows(sql`select * from api_tokens`))]);
    expect(everything).not.toContain(value);
    expect(everything).not.toContain(token);
  });

  it('throttles failed sign-ins per user and address with a doubling wait, and parallel guesses meet it too', async () => {
    await t.user('annotator', 'dora');
    const guess = (password: string) => new Client(t.url).login('dora', password);
    const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => guess(`wrong-${i}`)));
    const statuses = tries.map((r) => r.status).sort();
    // Three free failures, the fourth sets a 1 s wait; every guess after it is refused unread.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429, 429, 429]);
    const refused = tries.find((r) => r.status === 429)!;
    expect(refused.body.error).toBe('throttled');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Even the right password waits.
    expect((await guess(PASSWORD)).status).toBe(429);
    // Another user from the same address is not affected.
    await t.user('annotator', 'emil');
    expect((await new Client(t.url).login('emil', PASSWORD)).status).toBe(200);

    await new Promise((r) => setTimeout(r, 1100));
    const fifth = await guess('wrong-again');
    expect([fifth.status, fifth.headers.get('retry-after')]).toEqual([401, '2']);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await guess(PASSWORD)).status).toBe(200);
    // Success clears the count: the next typo is free again.
    expect((await guess('typo')).headers.get('retry-after')).toBeNull();
  });

  it('refuses a sign-in from another origin, and writes whose Origin is foreign even with the right token', async () => {
    await t.user('annotator', 'finn');
    const foreign = await new Client(t.url).request('POST', '/api/session', { username: 'finn', password: PASSWORD }, { origin: 'http://evil.example' });
    expect([foreign.status, foreign.body.error]).toEqual([403, 'csrf']);
    const client = new Client(t.url);
    await client.login('finn', PASSWORD);
    const write = await client.request('POST', '/api/me/tokens', { name: 'x' }, { origin: 'http://127.0.0.1:1' });
    expect([write.status, write.body.error]).toEqual([403, 'csrf']);
    const wrongToken = await client.request('POST', '/api/me/tokens', { name: 'x' }, { 'x-csrf-token': 'guessed' });
    expect([wrongToken.status, wrongToken.body.error]).toEqual([403, 'csrf']);
    expect((await client.post('/api/me/tokens', { name: 'x' })).status).toBe(201);
  });

  it('signing out, a new password and disabling a user end what they held', async () => {
    await t.user('annotator', 'gus');
    const first = new Client(t.url);
    await first.login('gus', PASSWORD);
    const tokenClient = new Client(t.url);
    tokenClient.token = (await first.post('/api/me/tokens', { name: 'cli' })).body.token;
    const second = new Client(t.url);
    await second.login('gus', PASSWORD);

    expect((await second.delete('/api/session')).status).toBe(200);
    expect((await second.get('/api/session')).status).toBe(401);
    expect((await first.get('/api/session')).status).toBe(200);

    const changed = await first.post('/api/me/password', { current: PASSWORD, password: 'a brand new password' });
    expect(changed.status).toBe(200);
    expect((await first.get('/api/session')).status).toBe(401);
    expect((await tokenClient.get('/api/projects')).status).toBe(401);
    expect((await new Client(t.url).login('gus', PASSWORD)).status).toBe(401);

    const again = new Client(t.url);
    expect((await again.login('gus', 'a brand new password')).status).toBe(200);
    expect((await t.admin.patch('/api/users/gus', { disabled: true })).body.disabled).toBe(true);
    expect((await again.get('/api/session')).status).toBe(401);
    expect((await new Client(t.url).login('gus', 'a brand new password')).status).toBe(401);
  });

  it('an admin adds users with a generated password shown once; short passwords are refused', async () => {
    const added = await t.admin.post('/api/users', { username: 'hana', role: 'reviewer' });
    expect(added.status).toBe(201);
    expect(added.body.user).toMatchObject({ username: 'hana', role: 'reviewer', disabled: false });
    expect((await new Client(t.url).login('hana', added.body.password)).status).toBe(200);
    const short = await t.admin.post('/api/users', { username: 'ivan', role: 'annotator', password: 'short' });
    expect([short.status, short.body.message]).toEqual([400, 'a password needs at least 10 characters']);
    const twice = await t.admin.post('/api/users', { username: 'hana', role: 'annotator' });
    expect(twice.status).toBe(409);
    const list = await t.admin.get('/api/users');
    expect(list.body.map((u: { username: string }) => u.username)).toContain('hana');
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/);
  });
});
