/**
 * The review queue keys (`]`, `[`) on a real `hint-studio serve` (PGlite and PostgreSQL) follow
 * the library's assignment filter: with "My queue" on they walk my queue, with "Assigned to me"
 * the queued samples given to me; with "All", every sample waiting for review.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, startTestServer, stopPostgres } from '../../server/testing/harness';
import type { Studio } from '../studio';
import { until } from '../sync/testing/edits';
import { addSample, nameOf, open } from './testing';

afterAll(stopPostgres);

/** Every sample `]` opens from the library until the end of the queue, then every one `[` opens back. */
async function walk(studio: Studio, assigned: 'all' | 'mine' | 'queue'): Promise<{ forward: string[]; back: string[] }> {
  studio.store.setState({ view: 'library', openSampleId: null, filters: { ...studio.store.getState().filters, assigned } });
  const forward: string[] = [];
  while (await studio.actions.queueNext.perform()) forward.push(studio.store.getState().openSampleId!);
  const back: string[] = [];
  while (await studio.actions.queuePrev.perform()) back.push(studio.store.getState().openSampleId!);
  return { forward, back };
}

describe.each(backends())('the review queue on a team server (%s)', (backend) => {
  it('with "My queue" or "Assigned to me" on, ] and [ move within it', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const rita = await t.user('reviewer');
      const bob = await t.user('reviewer');
      const [ritaName, bobName] = [await nameOf(rita), await nameOf(bob)];
      const ids = { rita: 'q-a-rita', bob: 'q-b-bob', nobody: 'q-c-nobody', draft: 'q-d-draft' };
      for (const id of Object.values(ids)) await addSample(t, ana, id);
      for (const id of [ids.rita, ids.bob, ids.nobody]) expect((await ana.post(`/api/projects/${t.projectId}/samples/${id}/status`, { to: 'ready', version: 1 })).status).toBe(200);
      expect((await t.admin.put(`/api/projects/${t.projectId}/samples/${ids.rita}/assignment`, { reviewer: ritaName })).status).toBe(200);
      expect((await t.admin.put(`/api/projects/${t.projectId}/samples/${ids.bob}/assignment`, { reviewer: bobName })).status).toBe(200);
      expect((await t.admin.put(`/api/projects/${t.projectId}/samples/${ids.draft}/assignment`, { reviewer: ritaName })).status).toBe(200);

      const r = await open(t, rita);
      await until(() => r.studio.store.getState().sync.server?.assignment[ids.bob]?.reviewer === bobName, 'the assignment at Rita');
      r.studio.store.setState({ settings: { ...r.studio.store.getState().settings, reviewerName: ritaName } });

      expect(await walk(r.studio, 'all')).toEqual({ forward: [ids.rita, ids.bob, ids.nobody], back: [ids.bob, ids.rita] });
      // My queue: the ready samples given to me or to nobody, not Bob's.
      expect(await walk(r.studio, 'queue')).toEqual({ forward: [ids.rita, ids.nobody], back: [ids.rita] });
      // Assigned to me: the queued samples given to me (the draft given to me is not waiting for review).
      expect(await walk(r.studio, 'mine')).toEqual({ forward: [ids.rita], back: [] });
      expect(r.studio.store.getState().review.notice?.text).toBe('Start of the review queue.');
      r.sync.stop();
    } finally {
      await t.close();
    }
  }, 180_000); // the first test of a file starts the PostgreSQL cluster
});
