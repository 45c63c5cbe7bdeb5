/**
 * What a studio reads of a project without its traces: every row carries the sample's library
 * entry (also a row stored before the entry column), the change feed carries each changed
 * sample's row, and several samples come with their versions in one request — to a signed-in
 * caller, from the project asked only.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../core/export/testing/samples';
import { storedSampleEntry } from '../core/sample/entry';
import { Client, backends, startTestServer, stopPostgres, type TestServer } from './testing/harness';
import { samples } from './db/schema';

afterAll(stopPostgres);

describe.each(backends())('reading samples without and with their traces (%s)', (backend) => {
  let t: TestServer;
  let other: number;
  const ids = ['read-a', 'read-b', 'read-c'];

  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const id of ids) expect((await t.admin.post(`/api/projects/${t.projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
    other = (await t.admin.post('/api/projects', { name: 'other' })).body.id;
    expect((await t.admin.post(`/api/projects/${other}/samples`, { sample: { ...hintedSample, id: 'elsewhere' } })).status).toBe(201);
  }, 180_000);
  afterAll(() => t?.close());

  it('every row carries the library entry the studio would store beside the sample, also a row stored before the entry column', async () => {
    await t.server.database.db.update(samples).set({ entry: null }).where(eq(samples.id, 'read-b'));
    const page = await t.admin.get(`/api/projects/${t.projectId}/samples?sort=id`);
    expect(page.status).toBe(200);
    for (const row of page.body.rows) {
      const stored = (await t.admin.get(`/api/projects/${t.projectId}/samples/${row.id}`)).body.sample;
      expect(row.entry).toEqual(storedSampleEntry(stored));
    }
    const [filled] = await t.server.database.db.select({ entry: samples.entry }).from(samples).where(eq(samples.id, 'read-b'));
    expect(filled!.entry).not.toBeNull();
  });

  it('the change feed names each changed sample with its row (entry and assignment)', async () => {
    const before = (await t.admin.get(`/api/projects/${t.projectId}/changes?since=0`)).body.seq as number;
    const status = await t.admin.post(`/api/projects/${t.projectId}/samples/read-c/status`, { to: 'ready', version: 1 });
    expect(status.status).toBe(200);
    const feed = await t.admin.get(`/api/projects/${t.projectId}/changes?since=${before}`);
    expect(feed.body.changes).toHaveLength(1);
    expect(feed.body.changes[0]).toMatchObject({ id: 'read-c', version: 2, row: { id: 'read-c', version: 2, status: 'ready', entry: { id: 'read-c', status: 'ready' } } });
  });

  it('several samples with their versions in one request, in the order asked; ids of another project are left out', async () => {
    const reply = await t.admin.post(`/api/projects/${t.projectId}/samples/read`, { ids: ['read-c', 'elsewhere', 'read-a', 'nope', 'read-a'] });
    expect(reply.status).toBe(200);
    expect(reply.body.samples.map((s: { sample: { id: string }; version: number }) => [s.sample.id, s.version])).toEqual([
      ['read-c', 2],
      ['read-a', 1],
    ]);
    const one = (await t.admin.get(`/api/projects/${t.projectId}/samples/read-c`)).body;
    expect(reply.body.samples[0]).toEqual(one);
  });

  it('refuses anonymous callers, an unknown project, and more ids than a page', async () => {
    const anonymous = new Client(t.url);
    const refused = await anonymous.post(`/api/projects/${t.projectId}/samples/read`, { ids: ['read-a'] });
    expect([refused.status, refused.body.error]).toEqual([401, 'unauthenticated']);
    const annotator = await t.user('annotator');
    expect((await annotator.post(`/api/projects/${t.projectId}/samples/read`, { ids: ['read-a'] })).body.samples).toHaveLength(1);
    // Another project's address gives that project's samples only, and an unknown project none.
    expect((await annotator.post(`/api/projects/${other}/samples/read`, { ids: ['read-a', 'elsewhere'] })).body.samples.map((s: { sample: { id: string } }) => s.sample.id)).toEqual(['elsewhere']);
    expect((await annotator.post('/api/projects/999999/samples/read', { ids: ['read-a'] })).status).toBe(404);
    expect((await annotator.post(`/api/projects/${t.projectId}/samples/read`, { ids: Array.from({ length: 501 }, (_, i) => `x${i}`) })).status).toBe(400);
  });
});
