/**
 * A backup restored, and a trace pasted, into a team server's project (issue 11): the restore
 * goes to the server's streaming import — no trace read into the page, nothing through the
 * outbox — and reports per sample exactly what a restore here reports for the same samples;
 * a paste finds its twin without reading every trace. Against a real server (PGlite and
 * PostgreSQL).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentKey, importFile, importPastedTrace } from '../../core/import';
import { serializeProject } from '../../core/project';
import type { Sample } from '../../core/sample/types';
import { backends, type Client, startTestServer, stopPostgres, type TestServer } from '../../server/testing/harness';
import { cortLine } from '../../../e2e/helpers';
import { restoreFromBackup } from '../project/backup';
import { serverPage } from './testing/page';

afterAll(stopPostgres);

const trace = (i: number, g = 0) => `We compute ${i} squared (try ${g}).\n\n\`\`\`python\nprint(${i} ** 2)\n\`\`\`\n\`\`\`output\n${i * i}\n\`\`\`\nSo the answer is \\boxed{${i * i}}.`;
const problem = (i: number) => `Restore ${i}: what is ${i} squared?`;

/** Requests that read traces, or write a sample on its own (the outbox). */
const traceReads = (seen: string[]) => seen.filter((r) => r.startsWith('READ ') || /^GET .*\/samples\/[^/]+$/.test(r));
const oneByOne = (seen: string[]) => seen.filter((r) => /^(PUT|POST) .*\/samples(\/[^/]+)?$/.test(r) && !r.endsWith('/samples/read'));

describe.each(backends())('restore and paste into a team server project (%s)', (backend) => {
  let t: TestServer;
  let ana: Client;
  let copies = 0;
  beforeAll(async () => {
    t = await startTestServer(backend);
    ana = await t.user('annotator');
  }, 240_000);
  afterAll(() => t?.close());

  const page = () => serverPage(t, ana, `restore-copy-${backend}-${++copies}`);

  /** Every sample the server holds now, as the server stores it. */
  async function onServer(p: Awaited<ReturnType<typeof page>>): Promise<Record<string, Sample>> {
    const ids = Object.keys(p.studio.store.getState().entries);
    return Object.fromEntries((await p.api.readSamples(t.projectId, ids)).map((s) => [s.sample.id, s.sample]));
  }

  it('a restore goes to the server in one upload, reads no trace, and reports per sample what a restore here reports', async () => {
    const lines = Array.from({ length: 6 }, (_, i) => cortLine(problem(i), String(i * i), [trace(i)], 'restore'));
    const p = await page();
    expect(await p.studio.actions.importFiles.run('palette', [new File([lines.join('\n')], 'restore.jsonl')])).toMatchObject({ imported: 6 });
    const before = await onServer(p);
    const held = Object.values(before);

    // The backup: every sample as the server has it, one edited later elsewhere, two new ones.
    const edited: Sample = { ...held[2]!, trace: { segments: [...held[2]!.trace.segments, { id: 'elsewhere', kind: 'prose', text: 'Edited elsewhere.', origin: 'annotator' }] }, updatedAt: '2031-01-01T00:00:00.000Z' };
    const fresh = (await importFile('more.jsonl', new TextEncoder().encode([6, 7].map((i) => cortLine(problem(i), String(i * i), [trace(i)], 'restore')).join('\n')))).samples;
    const backup = serializeProject([...held.map((s) => (s.id === edited.id ? edited : s)), ...fresh], {}, '2031-01-02T00:00:00.000Z');

    p.seen.length = 0;
    const report = await p.studio.actions.restoreBackup.run('palette', backup, 'team-backup.json');

    // The report a restore here gives for the same samples, row by row.
    const here = restoreFromBackup(backup, 'team-backup.json', before);
    expect(report!.error).toBeUndefined();
    expect(report!.rows).toEqual(here.report.rows);
    expect(report!.rows.filter((r) => r.outcome === 'added').map((r) => r.sampleId).sort()).toEqual(fresh.map((s) => s.id).sort());
    expect(report!.rows.filter((r) => r.outcome === 'updated')).toEqual([
      { sampleId: edited.id, problem: edited.problem, outcome: 'updated', detail: `took the backup's newer edit (backup 2031-01-01T00:00:00.000Z, here ${held[2]!.updatedAt})` },
    ]);
    expect(report!.rows.filter((r) => r.outcome === 'kept')).toHaveLength(5);
    expect(p.studio.store.getState().restoreReport).toEqual(report);

    // One upload; no trace read into the page, no sample sent on its own, nothing waiting.
    expect(p.seen.filter((r) => r.endsWith('/import'))).toHaveLength(1);
    expect(traceReads(p.seen)).toEqual([]);
    expect(oneByOne(p.seen)).toEqual([]);
    expect(await p.persistence.pending()).toEqual({ waiting: 0, conflicts: 0 });
    expect(Object.keys(p.studio.store.getState().samples)).toEqual([]);
    // The server took the newer edit as a new version; the library has the rows at once.
    const after = await p.api.sample(t.projectId, edited.id);
    expect([after.version, after.sample.trace.segments.at(-1)]).toEqual([2, edited.trace.segments.at(-1)]);
    expect(p.studio.store.getState().entries[edited.id]!.updatedAt).toBe('2031-01-01T00:00:00.000Z');
    for (const s of fresh) expect(p.studio.store.getState().entries[s.id]).toBeDefined();

    // Imported as a file, the same kind of backup says which samples the server updated — not "already present".
    const edited2: Sample = { ...edited, updatedAt: '2032-01-01T00:00:00.000Z', trace: { segments: [...edited.trace.segments, { id: 'again', kind: 'prose', text: 'Again.', origin: 'annotator' }] } };
    const backup2 = serializeProject([...held.map((s) => (s.id === edited.id ? edited2 : s)), ...fresh], {}, '2032-01-02T00:00:00.000Z');
    expect(await p.studio.actions.importFiles.run('palette', [new File([backup2], 'backup2.json')])).toMatchObject({ imported: 0, alreadyPresent: 7, updated: 1 });

    // Not a backup: said in words, and nothing goes to the server.
    p.seen.length = 0;
    const wrong = await p.studio.actions.restoreBackup.run('palette', lines.join('\n'), 'data.jsonl');
    expect(wrong!.error).toMatch(/not a Hint Studio backup/);
    expect(p.seen.filter((r) => r.endsWith('/import'))).toEqual([]);
    p.close();
  }, 120_000);

  it('a restore the server refuses (a reviewer) says so and changes nothing', async () => {
    const rev = await t.user('reviewer');
    const { studio, close } = await serverPage(t, rev, `restore-rev-${backend}`);
    const count = Object.keys(studio.store.getState().entries).length;
    const sample = (await importFile('x.jsonl', new TextEncoder().encode(cortLine('Refused restore?', '1', [trace(1)], 'x')))).samples[0]!;
    const report = await studio.actions.restoreBackup.run('palette', serializeProject([sample], {}, '2031-01-01T00:00:00.000Z'), 'theirs.json');
    expect(report!.error).toMatch(/^The server did not restore theirs\.json: .+\. Nothing was changed\.$/);
    expect(report!.rows).toEqual([]);
    expect((await rev.get(`/api/projects/${t.projectId}/samples?limit=1`)).body.total).toBe(count);
    close();
  }, 60_000);

  it('a pasted trace finds its twin without reading every trace; a new one goes up as one sample', async () => {
    const p = await page();
    // Four generations of one problem: the third is the twin of the trace pasted below.
    const gens = [0, 1, 2, 3].map((g) => trace(40, g));
    await p.studio.actions.importFiles.run('palette', [new File([cortLine(problem(40), '1600', gens, 'paste')], 'paste.jsonl')]);
    const twin = Object.values(p.studio.store.getState().entries).find((e) => e.problem === problem(40) && e.origin.genIndex === 2)!;
    const pasted = importPastedTrace(gens[2]!, { problem: problem(40), name: 'pasted' });
    // The premise: same prompt and response, another id (a paste has no generation index).
    expect(pasted.id).not.toBe(twin.id);
    expect(contentKey(pasted)).toBe(contentKey((await p.api.sample(t.projectId, twin.id)).sample));

    p.seen.length = 0;
    const entries = Object.keys(p.studio.store.getState().entries).length;
    expect(await p.studio.actions.importPastedTrace.run('button', gens[2]!, { problem: problem(40) })).toBe(twin.id);
    let state = p.studio.store.getState();
    expect(state.importReport).toMatchObject({ imported: 0, merged: 1 });
    expect(state.view).toBe('library');
    expect(state.libraryCursor).toBe(twin.id);
    // Only the twin's trace was read (once), nothing was written.
    expect(traceReads(p.seen)).toEqual([`READ ${twin.id}`]);
    expect(oneByOne(p.seen)).toEqual([]);
    expect(Object.keys(state.entries)).toHaveLength(entries);

    // A trace the project lacks: a new sample, opened, sent as one sample; no trace read.
    p.seen.length = 0;
    const id = await p.studio.actions.importPastedTrace.run('button', trace(41), { problem: problem(41) });
    state = p.studio.store.getState();
    expect(state.importReport).toMatchObject({ imported: 1, merged: 0 });
    expect([state.view, state.openSampleId]).toEqual(['sample', id]);
    await p.studio.flush();
    await p.persistence.sendNow();
    expect(traceReads(p.seen)).toEqual([]);
    expect(oneByOne(p.seen)).toHaveLength(1);
    expect((await p.api.sample(t.projectId, id!)).sample.problem).toBe(problem(41));
    p.close();
  }, 120_000);
});
