/**
 * Files in and out of a server project, on PGlite and PostgreSQL: a CoRT JSONL streams in
 * with the local import's per-line report (samples land while the upload is still going),
 * parquet and backups are read whole, a backup restores into a server project, and the
 * server's backup is byte for byte the studio's backup of the same samples.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TEST_SAMPLES, hintedSample } from '../core/export/testing/samples';
import { importFile } from '../core/import';
import { verlParquetBytes } from '../core/import/fixtures/verlParquet';
import { serializeProject } from '../core/project';
import type { Sample } from '../core/sample/types';
import { samplesInExportOrder } from '../store/project/export';
import { backends, type Client, startTestServer, stopPostgres, type TestServer } from './testing/harness';

afterAll(stopPostgres);

const inference = new Uint8Array(readFileSync(new URL('../core/import/fixtures/cort-inference.jsonl', import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);

/** A streamed upload: the body arrives in pieces, as a big file does. */
async function upload(client: Client, projectId: number, file: string, pieces: AsyncIterable<Uint8Array> | Uint8Array) {
  const body =
    pieces instanceof Uint8Array
      ? pieces
      : new ReadableStream<Uint8Array>({
          async start(controller) {
            for await (const piece of pieces) controller.enqueue(piece);
            controller.close();
          },
        });
  const response = await fetch(`${client.url}/api/projects/${projectId}/import?file=${encodeURIComponent(file)}`, {
    method: 'POST',
    headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken!, origin: client.url, 'content-type': 'application/x-ndjson' },
    body: body as BodyInit,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: await response.json() };
}

describe.each(backends())('import and backup on %s', (backend) => {
  let t: TestServer;
  let annotator: Client;
  let project: number;
  let n = 0;
  beforeAll(async () => {
    t = await startTestServer(backend);
    annotator = await t.user('annotator');
  });
  afterAll(() => t?.close());

  async function newProject(settings: Record<string, unknown> = {}): Promise<number> {
    const created = await t.admin.post('/api/projects', { name: `p${++n}`, settings });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  it('streams a CoRT inference file in, with the same samples and per-line report as a local import', async () => {
    project = await newProject();
    async function* inPieces() {
      for (let i = 0; i < inference.length; i += 97) yield inference.subarray(i, i + 97);
    }
    const reply = await upload(annotator, project, 'inference.jsonl', inPieces());
    const local = await importFile('inference.jsonl', inference);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ file: 'inference.jsonl', format: 'cort-inference', added: local.samples.length, kept: 0, updated: 0, rejects: local.rejects, notes: [], lineNotes: local.notes });
    const page = await annotator.get(`/api/projects/${project}/samples?sort=origin`);
    expect(page.body.total).toBe(local.samples.length);
    expect(page.body.rows.map((r: { id: string }) => r.id)).toEqual(local.samples.map((s) => s.id));
    for (const sample of local.samples) {
      const stored = await annotator.get(`/api/projects/${project}/samples/${sample.id}`);
      expect({ ...stored.body.sample, createdAt: 0, updatedAt: 0 }).toEqual({ ...sample, createdAt: 0, updatedAt: 0 });
    }
    const again = await upload(annotator, project, 'inference.jsonl', inference);
    expect(again.body).toMatchObject({ added: 0, kept: local.samples.length });
  });

  it('writes samples while the upload is still arriving', async () => {
    const target = await newProject();
    const line = (i: number) => `${JSON.stringify({ problem: `Problem ${i}: find x.`, gt_answer: String(i), gen: [`x = ${i}. \\boxed{${i}}`] })}\n`;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    async function* slowly() {
      yield bytes(Array.from({ length: 600 }, (_, i) => line(i)).join(''));
      await held; // the rest of the file waits until samples are on the server
      yield bytes(Array.from({ length: 10 }, (_, i) => line(600 + i)).join(''));
    }
    const sent = upload(annotator, target, 'slow.jsonl', slowly());
    let seen = 0;
    for (let i = 0; i < 200 && seen === 0; i++) {
      seen = (await annotator.get(`/api/projects/${target}/samples?limit=1`)).body.total;
      if (seen === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBeGreaterThan(0);
    release();
    expect((await sent).body).toMatchObject({ added: 610, rejects: [] });
  });

  it('keeps text that PostgreSQL text columns cannot hold (U+0000) exactly in the sample', async () => {
    const target = await newProject();
    const record = { problem: 'nul\u0000inside', gt_answer: '1', gen: ['a\u0000b \\boxed{1}'] };
    const reply = await upload(annotator, target, 'nul.jsonl', bytes(`${JSON.stringify(record)}\n`));
    expect(reply.body).toMatchObject({ added: 1, rejects: [] });
    const row = (await annotator.get(`/api/projects/${target}/samples`)).body.rows[0];
    expect(row.problemExcerpt).toBe('nul\uFFFDinside');
    const stored = await annotator.get(`/api/projects/${target}/samples/${row.id}`);
    expect([stored.body.sample.problem, stored.body.sample.original]).toEqual(['nul\u0000inside', 'a\u0000b \\boxed{1}']);
  });

  it('reads verl parquet and pasted traces whole, and refuses a file that is no format at all', async () => {
    const target = await newProject();
    const parquet = await upload(annotator, target, 'rl.parquet', verlParquetBytes());
    const local = await importFile('rl.parquet', verlParquetBytes());
    expect(parquet.body).toMatchObject({ format: 'verl-parquet', added: local.samples.length, rejects: local.rejects });
    expect(local.rejects).toHaveLength(1);
    const pasted = await upload(annotator, target, 'trace.txt', bytes('Okay.\n```python\nprint(1)\n```\n```output\n1\n```\n</think>\n\\boxed{1}'));
    expect(pasted.body).toMatchObject({ format: 'pasted', added: 1 });
    const junk = await upload(annotator, target, 'junk.jsonl', bytes('{"a": 1}\n'));
    expect([junk.status, junk.body.message]).toEqual([400, 'junk.jsonl: not a CoRT file: line 1 has neither "problem" nor "gen" (keys: a)']);
  });

  it("gives a backup byte for byte the studio's backup of the same samples", async () => {
    const settings = { temperature: 0.6, maxCodeCalls: 15 };
    const target = await newProject(settings);
    for (const sample of ALL_TEST_SAMPLES) expect((await annotator.post(`/api/projects/${target}/samples`, { sample })).status).toBe(201);
    const held: Record<string, Sample> = {};
    for (const sample of ALL_TEST_SAMPLES) held[sample.id] = (await annotator.get(`/api/projects/${target}/samples/${sample.id}`)).body.sample;
    const exportedAt = '2026-01-02T03:04:05.000Z';
    const backup = await annotator.get(`/api/projects/${target}/backup?exportedAt=${exportedAt}`);
    expect(backup.headers.get('content-disposition')).toMatch(/attachment; filename="p\d+-backup.json"/);
    expect(JSON.stringify(backup.body, null, 2) + '\n').toBe(serializeProject(samplesInExportOrder(held), { settings }, exportedAt));
    const raw = await fetch(`${t.url}/api/projects/${target}/backup?exportedAt=${exportedAt}`, { headers: { cookie: annotator.cookie! } });
    expect(await raw.text()).toBe(serializeProject(samplesInExportOrder(held), { settings }, exportedAt));
    const empty = await fetch(`${t.url}/api/projects/${await newProject()}/backup?exportedAt=${exportedAt}`, { headers: { cookie: annotator.cookie! } });
    expect(await empty.text()).toBe(serializeProject([], { settings: {} }, exportedAt));
  });

  it('restores a backup into a server project: approvals wait for a reviewer here, newer edits become new versions', async () => {
    const target = await newProject();
    const draft = ALL_TEST_SAMPLES.find((s) => s.status === 'draft')!;
    expect((await annotator.post(`/api/projects/${target}/samples`, { sample: draft })).status).toBe(201);
    const newerDraft: Sample = { ...draft, trace: { segments: [{ id: 'p0', kind: 'prose', text: 'Edited elsewhere.\n', origin: 'annotator' }] }, updatedAt: '2030-01-01T00:00:00.000Z' };
    const backup = serializeProject([hintedSample, newerDraft], { settings: { temperature: 0.7 } }, '2030-01-02T00:00:00.000Z');
    const reply = await upload(annotator, target, 'studio-backup.json', bytes(backup));
    expect(reply.body).toMatchObject({ format: 'project', added: 1, updated: 1, kept: 0, rejects: [], restored: { added: [hintedSample.id], updated: [draft.id] } });
    expect(reply.body.notes).toEqual([
      '1 sample(s) were approved in the file; approvals are made on this server, so they wait in the review queue as ready',
      'Settings taken from the backup (the project had none).',
    ]);
    const restored = await annotator.get(`/api/projects/${target}/samples/${hintedSample.id}`);
    expect([restored.body.sample.status, restored.body.approval]).toEqual(['ready', null]);
    const updated = await annotator.get(`/api/projects/${target}/samples/${draft.id}`);
    expect([updated.body.version, updated.body.sample.trace.segments[0].text]).toEqual([2, 'Edited elsewhere.\n']);
    expect((await annotator.get(`/api/projects/${target}/samples/${draft.id}/revisions/1`)).body.sample.trace.segments[0].text).toBe('It is 9.\n');
    expect((await annotator.get(`/api/projects/${target}`)).body.settings).toEqual({ temperature: 0.7 });
    const again = await upload(annotator, target, 'studio-backup.json', bytes(backup));
    expect(again.body).toMatchObject({ added: 0, updated: 0, kept: 2, restored: { added: [], updated: [] } });
  });

  it('filters, searches, sorts and pages the library in the database', async () => {
    const url = (q: string) => `/api/projects/${project}/samples?${q}`;
    const all = (await annotator.get(url('limit=500'))).body;
    expect(all.total).toBe(4);
    const search = (await annotator.get(url('q=bmod'))).body;
    expect(search.rows.map((r: { problemExcerpt: string }) => r.problemExcerpt)).toEqual(['What is $2^{10} \\bmod 7$?', 'What is $2^{10} \\bmod 7$?']);
    expect((await annotator.get(url('q=50%25'))).body.total).toBe(0);
    const page = (await annotator.get(url('sort=origin&order=desc&limit=1&offset=1'))).body;
    expect([page.total, page.rows.length, page.rows[0].origin]).toEqual([4, 1, { format: 'cort-inference', file: 'inference.jsonl', line: 4, genIndex: 0 }]);
    const matches = (await annotator.get(url('verdict=match'))).body.rows;
    expect(matches.every((r: { answerMatches: boolean }) => r.answerMatches === true)).toBe(true);
    expect((await annotator.get(url('status=draft,ready'))).body.total).toBe(4);
    expect((await annotator.get(url('status=approved'))).body.total).toBe(0);
    expect((await annotator.get(url('status=nope'))).status).toBe(400);
    expect((await annotator.get(url('source=math500'))).body.total).toBe(2);
  });
});
