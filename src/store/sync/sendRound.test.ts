/**
 * A big outbox goes up without reading it whole before every send (that was quadratic: a
 * 13k-sample import pushed through the outbox never reached the server): its keys are read
 * once per round and each entry once. Against a real server (PGlite and PostgreSQL).
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import type { ReviewedSample } from '../../core/review/types';
import { backends, startTestServer, stopPostgres } from '../../server/testing/harness';
import { createServerApi } from './api';
import { serverPersistence } from './serverSync';
import { serverCopy, type ServerCopy } from './serverStore';
import { until } from './testing/edits';

afterAll(stopPostgres);

/** The copy, counting whole-outbox reads and single-entry reads. */
function counting(copy: ServerCopy, counts: { whole: number; one: number }): ServerCopy {
  return {
    ...copy,
    outbox: () => (counts.whole++, copy.outbox()),
    outboxEntry: (key) => (counts.one++, copy.outboxEntry(key)),
  };
}

describe.each(backends())('sending a big outbox (%s)', (backend) => {
  it('sends every new sample with each entry read about once and the outbox never read whole', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const fetchAs: typeof fetch = (input, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('cookie', ana.cookie!);
        headers.set('origin', ana.url);
        return fetch(input, { ...init, headers });
      };
      const api = createServerApi(ana.url, fetchAs);
      const session = (await api.session())!;
      const counts = { whole: 0, one: 0 };
      const sync = serverPersistence({ api, session, project: { id: t.projectId, name: 'main' }, copy: counting(serverCopy(`send-round-${backend}`), counts), pollMs: 3_600_000, retryMs: 50 });
      await sync.loadLibrary!();
      const N = 120;
      const samples = Array.from({ length: N }, (_, i) => ({ ...hintedSample, id: `${hintedSample.id}-round-${i}`, problem: `Round ${i}` }) as ReviewedSample);
      await sync.save({ samples });
      await until(async () => (await sync.pending()).waiting === 0, 'every entry sent', 60_000);
      expect((await ana.get(`/api/projects/${t.projectId}/samples?limit=1`)).body.total).toBe(N);
      expect(counts.whole).toBe(0);
      // Each entry once when sent, plus the entry it follows (none here): linear, not N².
      expect(counts.one).toBeLessThanOrEqual(N + 5);
      sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);
});
