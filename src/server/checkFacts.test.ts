/**
 * Check results sent by browsers, on PGlite and PostgreSQL: a result for the row's current
 * content is kept in its entry and filterable in SQL ("checks failing", under the asking
 * browser's definitions); a result for content edited since is dropped; a status move keeps
 * it, an edit drops it; anonymous callers and unsigned writes are refused, bad bodies named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentRevision } from '../core/sample/revision';
import type { SampleEntry } from '../core/sample/entry';
import type { Sample } from '../core/sample/types';
import { draftFixture } from './testing/fixtures';
import { backends, Client, startTestServer, stopPostgres, type TestServer } from './testing/harness';

afterAll(stopPostgres);

const fixture = (n: number): Sample =>
  draftFixture({
    id: `chk-${n}`,
    problem: `Problem ${n}`,
    gtAnswer: String(n),
    origin: { format: 'cort-inference', file: 'run.jsonl', line: n, genIndex: 0 },
    trace: { segments: [{ id: 'p0', kind: 'prose', text: `We think about ${n}. The answer is \\boxed{${n}}.`, origin: 'model' }] },
  });

const DEF = 'def-a';
const OTHER = 'def-b';

describe.each(backends())('check results kept by the server (%s)', (backend) => {
  let t: TestServer;
  let ana: Client;
  let rita: Client;
  const base = () => `/api/projects/${t.projectId}`;
  const failingIds = async (who: Client, definitions: string) =>
    ((await who.get(`${base()}/sample-ids?checks=failing&checksDefinition=${encodeURIComponent(definitions)}&sort=problem`)).body as { ids: string[] }).ids;
  const row = async (id: string) => {
    const page = (await ana.get(`${base()}/samples?limit=500&sort=id`)).body as { rows: { id: string; entry: SampleEntry; version: number; seq: number }[] };
    return page.rows.find((r) => r.id === id)!;
  };
  const send = (who: Client, checks: unknown[]) => who.post(`${base()}/checks`, { checks });

  beforeAll(async () => {
    t = await startTestServer(backend);
    ana = await t.user('annotator', 'ana');
    rita = await t.user('reviewer', 'rita');
    for (const n of [1, 2, 3, 4]) expect((await ana.post(`${base()}/samples`, { sample: fixture(n) })).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  it('keeps a result for the current content, drops a stale one, and filters on it in SQL', async () => {
    const before = await row('chk-1');
    const reply = await send(ana, [
      { id: 'chk-1', revision: contentRevision(fixture(1)), definition: DEF, failing: ['answer'] },
      // Checked before an edit someone else made: the server's content is another.
      { id: 'chk-2', revision: contentRevision({ ...fixture(2), gtAnswer: '99' }), definition: DEF, failing: ['answer'] },
      { id: 'chk-3', revision: contentRevision(fixture(3)), definition: DEF, failing: [] },
      { id: 'no-such-sample', revision: 'x', definition: DEF, failing: ['answer'] },
    ]);
    expect(reply.status).toBe(200);
    expect([...reply.body.kept].sort()).toEqual(['chk-1', 'chk-3']);

    const after = await row('chk-1');
    expect(after.entry.checks).toEqual({ revision: contentRevision(fixture(1)), definition: DEF, failing: ['answer'] });
    // A fact about the content, not a new version; every browser hears of it through the change feed.
    expect(after.version).toBe(before.version);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect((await row('chk-2')).entry.checks).toBeUndefined();

    // A reviewer who never ran Pyodide finds what the annotator's browser found.
    expect(await failingIds(rita, DEF)).toEqual(['chk-1']);
    expect(await failingIds(rita, `${OTHER},${DEF}`)).toEqual(['chk-1']);
    // Another definition (other settings, another tokenizer): the result says nothing.
    expect(await failingIds(rita, OTHER)).toEqual([]);
    expect(await failingIds(rita, '')).toEqual([]);
  });

  it('a reviewer may send results; a status move keeps them, an edit drops them', async () => {
    const s4 = fixture(4);
    expect((await send(rita, [{ id: 'chk-4', revision: contentRevision(s4), definition: DEF, failing: ['structure'] }])).body.kept).toEqual(['chk-4']);
    expect(await failingIds(ana, DEF)).toEqual(['chk-1', 'chk-4']);

    const current = await row('chk-4');
    expect((await ana.post(`${base()}/samples/chk-4/status`, { to: 'ready', version: current.version })).status).toBe(200);
    expect(await failingIds(ana, DEF)).toEqual(['chk-1', 'chk-4']);

    const moved = await row('chk-4');
    const edited = { ...s4, status: 'ready' as const, trace: { segments: [{ id: 'p0', kind: 'prose' as const, text: 'Fixed. \\boxed{4}', origin: 'annotator' as const }] } };
    const put = await ana.put(`${base()}/samples/chk-4`, { baseVersion: moved.version, sample: edited });
    expect(put.status).toBe(200);
    expect(await failingIds(ana, DEF)).toEqual(['chk-1']);
    expect((await row('chk-4')).entry.checks).toBeUndefined();
    // The old result arriving late (a slow browser) is stale now.
    expect((await send(rita, [{ id: 'chk-4', revision: contentRevision(s4), definition: DEF, failing: ['structure'] }])).body.kept).toEqual([]);
    expect(await failingIds(ana, DEF)).toEqual(['chk-1']);
  });

  it('refuses anonymous callers and writes without the session token, and names a bad body', async () => {
    const fact = { id: 'chk-3', revision: contentRevision(fixture(3)), definition: DEF, failing: ['answer'] };
    expect((await send(new Client(t.url), [fact])).status).toBe(401);
    const noCsrf = Object.assign(new Client(t.url), { cookie: rita.cookie });
    expect((await send(noCsrf, [fact])).status).toBe(403);
    const bad = await send(ana, [{ ...fact, failing: [{ id: 'answer' }] }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/failing/);
    expect((await ana.post(`${base()}/checks`, { facts: [fact] })).status).toBe(400);
    // None of the refused calls kept anything.
    expect(await failingIds(ana, DEF)).toEqual(['chk-1']);
  });

  it("keeps what an interpreter found over another browser's quick look at the same content", async () => {
    const revision = contentRevision(fixture(3));
    expect((await send(ana, [{ id: 'chk-3', revision, definition: DEF, failing: ['reproduction'], level: 'full' }])).body.kept).toEqual(['chk-3']);
    const before = await row('chk-3');
    // The reviewer's library checks the row without an interpreter: nothing fails there.
    expect((await send(rita, [{ id: 'chk-3', revision, definition: DEF, failing: [] }])).body.kept).toEqual(['chk-3']);
    const after = await row('chk-3');
    expect(after.entry.checks).toEqual({ revision, definition: DEF, failing: ['reproduction'], level: 'full' });
    expect(after.seq).toBe(before.seq);
    expect(await failingIds(rita, DEF)).toEqual(['chk-1', 'chk-3']);
    // Under another definition (other settings) the quick result is the only one: it is kept.
    expect((await send(rita, [{ id: 'chk-3', revision, definition: OTHER, failing: [] }])).body.kept).toEqual(['chk-3']);
    expect((await row('chk-3')).entry.checks).toEqual({ revision, definition: OTHER, failing: [] });
    expect(await failingIds(rita, DEF)).toEqual(['chk-1']);
  });
});
