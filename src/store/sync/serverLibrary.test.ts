/**
 * A big project on a real team server (PGlite and PostgreSQL) as the page reads it: a reload
 * reads the rows a page at a time and no trace; opening a sample reads it once (and never
 * again while the browser's copy is current); another user's change to a sample nobody here
 * opened updates its row without reading the trace, while an opened one is read again; a
 * reload while the server cannot be reached shows the copy's entries and samples, and a
 * sample the copy lacks says it is not available offline.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../core/sync';
import { renderTrace } from '../../core/trace';
import { backends, type Client, startTestServer, stopPostgres, type TestServer } from '../../server/testing/harness';
import { cortLine } from '../../../e2e/helpers';
import { createStudio } from '../studio';
import { createServerApi } from './api';
import { serverPersistence } from './serverSync';
import { serverCopy } from './serverStore';
import { note, until } from './testing/edits';

afterAll(stopPostgres);

const N = 1_100;

/** Requests by what they ask: pages of rows, one sample, several samples, the change feed. */
interface Requests {
  rows: number;
  one: number;
  read: number;
  changes: number;
  readIds: string[];
}
const counted = (): Requests => ({ rows: 0, one: 0, read: 0, changes: 0, readIds: [] });

/** A browser for `client`'s session that counts its requests; `online.value` false cuts the line. */
function browserFetch(client: Client, requests: Requests, online: { value: boolean }): typeof fetch {
  return async (input, init = {}) => {
    if (!online.value) throw new TypeError('fetch failed');
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    if (method === 'GET' && /\/samples$/.test(url.pathname)) requests.rows++;
    else if (method === 'GET' && /\/samples\/[^/]+$/.test(url.pathname)) requests.one++;
    else if (method === 'POST' && url.pathname.endsWith('/samples/read')) {
      requests.read++;
      requests.readIds.push(...(JSON.parse(String(init.body)) as { ids: string[] }).ids);
    } else if (url.pathname.endsWith('/changes')) requests.changes++;
    const headers = new Headers(init.headers);
    headers.set('cookie', client.cookie!);
    headers.set('origin', client.url);
    return fetch(input, { ...init, headers });
  };
}

async function importLines(client: Client, projectId: number, lines: string[]): Promise<void> {
  const response = await fetch(`${client.url}/api/projects/${projectId}/import?file=big.jsonl`, {
    method: 'POST',
    headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken!, origin: client.url, 'content-type': 'application/x-ndjson' },
    body: lines.join('\n'),
  });
  expect(response.status).toBe(200);
}

const trace = (i: number) => `We compute ${i} squared.\n\n\`\`\`python\nprint(${i} ** 2)\n\`\`\`\n\`\`\`output\n${i * i}\n\`\`\`\nSo the answer is \\boxed{${i * i}}.`;

describe.each(backends())('a big project on a team server (%s)', (backend) => {
  let t: TestServer;
  let ana: Client;
  let session: SessionInfo;
  let ids: string[];
  let copies = 0;

  beforeAll(async () => {
    t = await startTestServer(backend);
    ana = await t.user('annotator');
    session = (await ana.get('/api/session')).body as SessionInfo;
    await importLines(ana, t.projectId, Array.from({ length: N }, (_, i) => cortLine(`Problem ${i}: what is ${i} squared?`, String(i * i), [trace(i)], 'big')));
    ids = [];
    for (let offset = 0; offset < N; offset += 500) ids.push(...(await ana.get(`/api/projects/${t.projectId}/samples?sort=id&limit=500&offset=${offset}`)).body.rows.map((r: { id: string }) => r.id));
    expect(ids).toHaveLength(N);
  }, 240_000);
  afterAll(() => t?.close());

  async function page(copy: string, options: { online?: { value: boolean }; pollMs?: number } = {}) {
    const requests = counted();
    const online = options.online ?? { value: true };
    const api = createServerApi(t.url, browserFetch(ana, requests, online), session);
    const persistence = serverPersistence({ api, session, project: { id: t.projectId, name: 'main' }, copy: serverCopy(copy), pollMs: options.pollMs ?? 3_600_000, retryMs: 50 });
    const studio = createStudio({ persistence, saveDebounceMs: 5 });
    await studio.init();
    return { studio, persistence, requests, online };
  }

  it('a reload reads the rows a page at a time and no trace; a sample opened is read once; a second reload reads only the change feed', async () => {
    const copy = `big-copy-${backend}-${++copies}`;
    const first = await page(copy);
    const state = first.studio.store.getState();
    expect(Object.keys(state.entries)).toHaveLength(N);
    expect(Object.keys(state.samples)).toHaveLength(0);
    expect(first.requests).toMatchObject({ rows: Math.ceil(N / 500), one: 0, read: 0 });
    const entry = state.entries[ids[7]!]!;
    expect(entry.problem).toMatch(/^Problem \d+: what is \d+ squared\?$/);
    expect(entry.summary).toMatchObject({ codeBlocks: 1, outputBlocks: 1, answerMatches: true });

    // Opening a sample reads it, once; opening it again reads nothing.
    expect(await first.studio.actions.openSample.run('palette', ids[7]!)).toBe(true);
    expect(first.studio.store.getState().openSampleId).toBe(ids[7]);
    expect(renderTrace(first.studio.store.getState().samples[ids[7]!]!.trace)).toContain('squared');
    expect([first.requests.read, first.requests.readIds]).toEqual([1, [ids[7]]]);
    await first.studio.actions.backToLibrary.run('key');
    await first.studio.actions.openSample.run('palette', ids[7]!);
    expect(first.requests).toMatchObject({ read: 1, one: 0 });
    first.persistence.stop();
    first.studio.dispose();

    // The reload: the feed since the last look, the copy's entries; the sample opened before comes from the copy.
    const second = await page(copy);
    expect(Object.keys(second.studio.store.getState().entries)).toHaveLength(N);
    expect(second.requests).toMatchObject({ rows: 0, one: 0, read: 0, changes: 1 });
    await second.studio.actions.openSample.run('palette', ids[7]!);
    expect(second.studio.store.getState().samples[ids[7]!]).toBeDefined();
    expect(second.requests.read).toBe(0);

    // Whole-project work reads every trace, in chunks, with no per-sample request.
    await second.studio.services.loader.ensureAll();
    expect(Object.keys(second.studio.store.getState().samples)).toHaveLength(N);
    expect(second.requests.one).toBe(0);
    expect(second.requests.read).toBe(Math.ceil(N / 200));
    expect(new Set(second.requests.readIds).size).toBe(N - 1); // the one in the copy is not asked again
    second.persistence.stop();
    second.studio.dispose();
  }, 120_000);

  it('another user changes a sample nobody here opened: its row changes and no trace is read; an opened one is read again', async () => {
    const copy = `big-copy-${backend}-${++copies}`;
    const p = await page(copy, { pollMs: 50 });
    const [unopened, opened] = [ids[20]!, ids[21]!];
    await p.studio.actions.openSample.run('palette', opened);
    expect(p.requests.readIds).toEqual([opened]);

    const bo = await t.user('annotator');
    for (const id of [unopened, opened]) {
      const current = (await bo.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
      expect((await bo.post(`/api/projects/${t.projectId}/samples/${id}/status`, { to: 'ready', version: current.version })).status).toBe(200);
    }
    await until(() => p.studio.store.getState().entries[unopened]?.status === 'ready', 'the new status in the unopened row');
    await until(() => p.studio.store.getState().samples[opened]?.status === 'ready', 'the opened sample read again');
    expect(p.studio.store.getState().samples[unopened]).toBeUndefined();
    expect(p.requests.readIds).toEqual([opened, opened]);
    expect(p.requests.one).toBe(0);

    // The copy of the unopened one is stale: opening it reads the server's version.
    await p.studio.actions.openSample.run('palette', unopened);
    expect(p.studio.store.getState().samples[unopened]!.status).toBe('ready');
    p.persistence.stop();
    p.studio.dispose();
  }, 120_000);

  it('a reload while the server cannot be reached: entries and opened samples from the copy, edits kept; a sample never opened is not available offline, in words', async () => {
    const copy = `big-copy-${backend}-${++copies}`;
    const online = { value: true };
    const first = await page(copy, { online });
    const [seen, edited, never] = [ids[30]!, ids[31]!, ids[32]!];
    await first.studio.services.loader.ensure([seen, edited]);
    online.value = false;
    first.studio.services.writeSample(edited, note('\nWritten offline.'));
    await first.studio.flush();
    await until(() => first.studio.store.getState().sync.server?.waiting === 1, 'the edit waiting');
    first.persistence.stop();
    first.studio.dispose();

    const second = await page(copy, { online });
    const state = second.studio.store.getState();
    expect(state.sync.server).toMatchObject({ online: false, waiting: 1 });
    expect(Object.keys(state.entries)).toHaveLength(N);
    expect(renderTrace(state.samples[edited]!.trace)).toMatch(/Written offline\.$/);
    expect(await second.studio.actions.openSample.run('palette', seen)).toBe(true);
    expect(second.studio.store.getState().sync.unavailable).toBeNull();

    expect(await second.studio.actions.openSample.run('palette', never)).toBe(false);
    const after = second.studio.store.getState();
    expect(after.openSampleId).toBe(seen);
    expect(after.samples[never]).toBeUndefined();
    expect(after.sync.unavailable).toBe(`sample ${never} is not available offline: this browser holds no copy of the trace, and the server cannot be reached`);
    await second.studio.actions.dismissUnavailable.run('button');
    expect(second.studio.store.getState().sync.unavailable).toBeNull();

    // Whole-project work (an export) offline stops, naming which samples are missing — the
    // first few ids and how many more — across every chunk read, not one chunk's count.
    await expect(second.studio.services.loader.ensureAll()).rejects.toThrow('not available offline');
    const missing = ids.filter((id) => id !== seen && id !== edited).sort();
    expect(second.studio.store.getState().sync.unavailable).toBe(
      `${missing.length} samples are not available offline (${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more): this browser holds no copy of the trace, and the server cannot be reached`,
    );
    await second.studio.actions.dismissUnavailable.run('button');

    // Back online: the edit goes up, and the sample opens.
    online.value = true;
    await second.persistence.sendNow();
    await until(() => second.studio.store.getState().sync.server?.waiting === 0, 'the edit sent');
    expect(await second.studio.actions.openSample.run('palette', never)).toBe(true);
    second.persistence.stop();
    second.studio.dispose();
  }, 120_000);
});
