/**
 * The studio on a real team server (PGlite and PostgreSQL): two people's saves of one sample
 * meet as a conflict with nothing lost, and an edit made while the server cannot be reached
 * waits in the browser's copy — across a reload — and arrives when the server is back.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import type { Sample } from '../../core/sample/types';
import { renderTrace } from '../../core/trace';
import { backends, type Client, startTestServer, stopPostgres } from '../../server/testing/harness';
import { createStudio, type Studio } from '../studio';
import type { SessionInfo } from '../../core/sync';
import { createServerApi } from './api';
import { serverPersistence } from './serverSync';
import { serverCopy, type ServerCopy } from './serverStore';
import { note, until } from './testing/edits';

afterAll(stopPostgres);

let dbs = 0;

/** A browser for `client`'s session: its cookie and the same-origin header on every request; `online.value` false cuts the line. */
function browserFetch(client: Client, online = { value: true }): typeof fetch {
  return (input, init = {}) => {
    if (!online.value) return Promise.reject(new TypeError('fetch failed'));
    const headers = new Headers(init.headers);
    headers.set('cookie', client.cookie!);
    headers.set('origin', client.url);
    return fetch(input, { ...init, headers });
  };
}

async function studioFor(
  client: Client,
  projectId: number,
  options: { copy?: string; pollMs?: number; online?: { value: boolean }; session?: SessionInfo; exclusive?: <T>(work: () => Promise<T>) => Promise<T>; wrapCopy?: (copy: ServerCopy) => ServerCopy } = {},
) {
  const api = createServerApi(client.url, browserFetch(client, options.online), options.session);
  // The session as the page had it (a page is only served while the server is up).
  const session = options.session ?? (await api.session())!;
  const persistence = serverPersistence({ api, session, project: { id: projectId, name: 'main' }, copy: (options.wrapCopy ?? ((c) => c))(serverCopy(options.copy ?? `server-copy-${++dbs}`)), pollMs: options.pollMs ?? 50, retryMs: 50, exclusive: options.exclusive });
  const studio = createStudio({ persistence, saveDebounceMs: 5 });
  await studio.init();
  // The user opens every sample (a reload holds entries; a trace is read when its sample is opened).
  await studio.services.loader.ensure(Object.keys(studio.store.getState().entries));
  return { studio, persistence };
}


const text = (studio: Studio, id: string) => renderTrace(studio.store.getState().samples[id]!.trace);

describe.each(backends())('the studio on a team server (%s)', (backend) => {
  it('two people save one sample: the second gets a conflict with both versions, and keeping both loses nothing', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const bo = await t.user('annotator');
      const id = `${hintedSample.id}-conflict`;
      expect((await ana.post(`/api/projects/${t.projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
      const a = await studioFor(ana, t.projectId);
      // Bo does not look at the change feed: his edit starts from version 1 whatever Ana does.
      const b = await studioFor(bo, t.projectId, { pollMs: 3_600_000 });

      a.studio.services.writeSample(id, note('\nAna was here.'));
      await a.studio.flush();
      await until(() => a.studio.store.getState().sync.server?.waiting === 0 && !!a.studio.store.getState().sync.server?.online, "Ana's edit on the server");
      b.studio.services.writeSample(id, note('\nBo was here.'));
      await b.studio.flush();
      await until(() => !!b.studio.store.getState().sync.conflicts[id], 'the conflict at Bo');

      const conflict = b.studio.store.getState().sync.conflicts[id]!;
      expect(renderTrace(conflict.theirs.trace)).toMatch(/Ana was here\.$/);
      expect(conflict.theirAuthor).toBe((await ana.get('/api/session')).body.user.username);
      expect(text(b.studio, id)).toMatch(/Bo was here\.$/);
      expect((await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.trace.segments.at(-1).text).toBe('\nAna was here.');

      b.studio.actions.showConflict.perform(id);
      b.studio.actions.keepBothVersions.perform();
      await b.studio.flush();
      await until(async () => (await bo.get(`/api/projects/${t.projectId}/samples/${id}`)).body.version === 3, "Bo's resolution on the server");
      const stored = (await bo.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample as Sample;
      expect(renderTrace(stored.trace)).toMatch(/Bo was here\.$/);
      expect(stored.branches.some((br) => renderTrace({ segments: br.segments }).includes('Ana was here.'))).toBe(true);
      // Ana, untouched since, takes it in place.
      await until(() => text(a.studio, id).endsWith('Bo was here.'), 'Ana to see the resolution');
      a.persistence.stop();
      b.persistence.stop();
    } finally {
      await t.close();
    }
  }, 180_000); // the first test of a file starts the PostgreSQL cluster

  it('an edit made while the server cannot be reached waits in the browser, survives a reload, and arrives', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const id = `${hintedSample.id}-offline`;
      expect((await ana.post(`/api/projects/${t.projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
      const online = { value: true };
      const copy = `server-copy-${++dbs}`;
      const session = (await ana.get('/api/session')).body as SessionInfo;
      const first = await studioFor(ana, t.projectId, { copy, online, session });
      online.value = false;
      first.studio.services.writeSample(id, note('\nWritten offline.'));
      await first.studio.flush();
      await until(() => first.studio.store.getState().sync.server?.online === false && first.studio.store.getState().sync.server?.waiting === 1, 'offline, 1 edit waiting');
      first.persistence.stop();
      first.studio.dispose();

      // A reload while still offline: the edit is the working copy, still waiting.
      const second = await studioFor(ana, t.projectId, { copy, online, session });
      expect(text(second.studio, id)).toMatch(/Written offline\.$/);
      expect(second.studio.store.getState().sync.server).toMatchObject({ online: false, waiting: 1 });
      online.value = true;
      await until(() => second.studio.store.getState().sync.server?.online === true && second.studio.store.getState().sync.server?.waiting === 0, 'the edit sent');
      const stored = (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
      expect(second.studio.store.getState().sync.server?.refusal ?? null).toBeNull();
      expect(Object.keys(second.studio.store.getState().sync.conflicts)).toEqual([]);
      expect(stored.version).toBe(2);
      expect(stored.sample.trace.segments.at(-1).text).toBe('\nWritten offline.');
      second.persistence.stop();
    } finally {
      await t.close();
    }
  }, 180_000); // the first test of a file starts the PostgreSQL cluster

  it('an edit queued just as a send finds the outbox empty is still sent (no later save or reconnection needed)', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const id = `${hintedSample.id}-late`;
      expect((await ana.post(`/api/projects/${t.projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
      // The window: the sender has read an empty outbox and not yet finished when the next edit is queued.
      let inWindow: (() => Promise<void>) | null = null;
      const exclusive = async <T,>(work: () => Promise<T>): Promise<T> => {
        const result = await work();
        const edit = inWindow;
        inWindow = null;
        await edit?.();
        return result;
      };
      const a = await studioFor(ana, t.projectId, { exclusive, pollMs: 3_600_000 });
      a.studio.services.writeSample(id, note('\nFirst.'));
      inWindow = async () => {
        a.studio.services.writeSample(id, note('\nQueued in the window.'));
        await a.studio.flush();
      };
      await a.studio.flush();
      await until(async () => (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.trace.segments.at(-1).text === '\nQueued in the window.', 'the edit queued in the window on the server');
      await until(() => a.studio.store.getState().sync.server?.waiting === 0, 'nothing waiting');
      a.persistence.stop();
    } finally {
      await t.close();
    }
  }, 120_000);

  it('an edit saved while the server\'s answer to the one before is being settled builds on that answer (no conflict with oneself)', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const id = `${hintedSample.id}-settling`;
      expect((await ana.post(`/api/projects/${t.projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
      // The window: the server took the first edit, the browser's copy is taking its version, and
      // the page does not know that version yet (a hint inserted, then "ready" pressed at once).
      let inWindow: (() => Promise<void>) | null = null;
      const wrapCopy = (copy: ServerCopy): ServerCopy => ({
        ...copy,
        async accept(sample, version, options) {
          const edit = inWindow;
          inWindow = null;
          await edit?.();
          return copy.accept(sample, version, options);
        },
      });
      const a = await studioFor(ana, t.projectId, { wrapCopy, pollMs: 3_600_000 });
      inWindow = async () => {
        a.studio.services.writeSample(id, note('\nSaved while the first settles.'));
        await a.studio.flush();
      };
      a.studio.services.writeSample(id, note('\nFirst.'));
      await a.studio.flush();
      await until(async () => (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.trace.segments.at(-1).text === '\nSaved while the first settles.' || !!a.studio.store.getState().sync.conflicts[id], 'the second edit on the server, or a conflict');
      expect(a.studio.store.getState().sync.conflicts[id]).toBeUndefined();
      expect((await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.trace.segments.at(-1).text).toBe('\nSaved while the first settles.');
      await until(() => a.studio.store.getState().sync.server?.waiting === 0, 'nothing waiting');
      a.persistence.stop();
    } finally {
      await t.close();
    }
  }, 120_000);

  it("a reviewer's pasted trace is refused in words and kept aside — not taken for an unreachable server and sent for ever", async () => {
    const t = await startTestServer(backend);
    try {
      const rita = await t.user('reviewer');
      const { studio, persistence } = await studioFor(rita, t.projectId, { pollMs: 3_600_000 });
      const text = 'Let me add 2 and 3 by hand: 2 + 3 = 5.\n</think>\n\nThe answer is \\boxed{5}.';
      const id = await studio.actions.importPastedTrace.perform(text, { problem: 'What is 2 + 3?' });
      const server = () => studio.store.getState().sync.server!;
      await until(() => server().refusal !== null, 'the refusal said');
      expect(server().refusal).toMatch(/reviewer cannot add samples/);
      await until(() => server().waiting === 0, 'nothing left waiting');
      expect(server().online).toBe(true);
      expect(server().refused[id]?.mine.problem).toBe('What is 2 + 3?');
      expect((await rita.get(`/api/projects/${t.projectId}/samples/${id}`)).status).toBe(404);
      persistence.stop();
    } finally {
      await t.close();
    }
  }, 120_000);
});
