/**
 * Import in server mode: the file goes to the server's streaming import, not sample by sample
 * through the outbox; the studio shows the server's per-line report as its own import report
 * and the rows come in through the change feed at once. Against a real server (PGlite and
 * PostgreSQL).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../core/import';
import type { ServerImportReport } from '../../core/sync';
import { backends, type Client, startTestServer, stopPostgres, type TestServer } from '../../server/testing/harness';
import { cortLine } from '../../../e2e/helpers';
import { studioImportReport } from './serverImport';
import { serverPage } from './testing/page';

afterAll(stopPostgres);

describe('studioImportReport', () => {
  const report: ServerImportReport = {
    file: 'a.jsonl',
    format: 'cort-inference',
    added: 3,
    kept: 2,
    updated: 1,
    rejects: [{ file: 'a.jsonl', line: 4, unit: 'line', field: 'gen[0]', reason: 'not a string' }],
    notes: ['Settings taken from the backup (the project had none).'],
    lineNotes: [{ file: 'a.jsonl', line: 5, unit: 'line', field: 'gen[1]', kind: 'duplicate', message: 'identical to gen[0]; merged' }],
  };

  it('sums the files, keeps every rejected line with file, line and field, and counts the merged duplicates', () => {
    const other: ServerImportReport = { ...report, file: 'b.jsonl', added: 1, kept: 0, updated: 0, rejects: [], notes: [], lineNotes: [] };
    expect(studioImportReport(['a.jsonl', 'b.jsonl', 'c.txt'], [report, other], [{ file: 'c.txt', reason: 'a reviewer may not import' }])).toEqual({
      files: ['a.jsonl', 'b.jsonl', 'c.txt'],
      imported: 4,
      // The server kept two and took the file's newer edit of one: that one is updated, not "already present".
      alreadyPresent: 2,
      updated: 1,
      rejects: [
        { file: 'a.jsonl', line: 4, unit: 'line', field: 'gen[0]', reason: 'not a string' },
        { file: 'c.txt', reason: 'a reviewer may not import' },
      ],
      merged: 1,
      notes: [
        { file: 'a.jsonl', line: 5, unit: 'line', field: 'gen[1]', kind: 'duplicate', message: 'identical to gen[0]; merged' },
        { file: 'a.jsonl', kind: 'server', message: 'Settings taken from the backup (the project had none).' },
      ],
    });
  });
});

const trace = (i: number) => `We compute ${i} squared.\n\n\`\`\`python\nprint(${i} ** 2)\n\`\`\`\n\`\`\`output\n${i * i}\n\`\`\`\nSo the answer is \\boxed{${i * i}}.`;

describe.each(backends())('importing through the studio into a team server (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  }, 240_000);
  afterAll(() => t?.close());

  const page = (client: Client, copy: string) => serverPage(t, client, copy);

  it('stores the good samples on the server, reports the bad line with file, line and field, and sends no sample one by one', async () => {
    const ana = await t.user('annotator');
    const p = await page(ana, `import-copy-${backend}`);
    const good = Array.from({ length: 5 }, (_, i) => cortLine(`Problem ${i}: what is ${i} squared?`, String(i * i), [trace(i)], 'upload'));
    const bad = JSON.stringify({ problem: 'Broken record', gt_answer: '1', gen: [42] });
    const text = [...good.slice(0, 2), bad, ...good.slice(2)].join('\n') + '\n';
    const local = await importFile('mixed.jsonl', new TextEncoder().encode(text));
    expect(local.rejects).toHaveLength(1);

    p.seen.length = 0;
    const report = await p.studio.actions.importFiles.run('palette', [new File([text], 'mixed.jsonl')]);

    // The studio's report is the server's, line by line: the local importer's rejects exactly.
    expect(report).toMatchObject({ files: ['mixed.jsonl'], imported: local.samples.length, alreadyPresent: 0 });
    expect(report!.rejects).toEqual(local.rejects.map((r) => ({ file: r.file, line: r.line, unit: r.unit, field: r.field, reason: r.reason })));
    expect(report!.rejects[0]).toMatchObject({ file: 'mixed.jsonl', line: 3, unit: 'line' });
    expect(report!.rejects[0]!.field).toBeTruthy();
    expect(p.studio.store.getState().importReport).toEqual(report);
    expect(p.studio.store.getState().importing).toBe(false);

    // On the server: every good sample, with the ids a local import gives.
    const rows = (await ana.get(`/api/projects/${t.projectId}/samples?sort=id&limit=500`)).body as { total: number; rows: { id: string }[] };
    expect(rows.total).toBe(local.samples.length);
    expect(rows.rows.map((r) => r.id).sort()).toEqual(local.samples.map((s) => s.id).sort());
    // In the library at once (the import read the change feed), and nothing waits in the outbox.
    expect(Object.keys(p.studio.store.getState().entries).sort()).toEqual(local.samples.map((s) => s.id).sort());
    expect(await p.persistence.pending()).toEqual({ waiting: 0, conflicts: 0 });

    // One upload; no sample was PUT or POSTed on its own.
    await new Promise((r) => setTimeout(r, 100));
    expect(p.seen.filter((r) => r.startsWith('POST') && r.endsWith('/import'))).toHaveLength(1);
    expect(p.seen.filter((r) => /^(PUT|POST) .*\/samples(\/[^/]+)?$/.test(r) && !r.endsWith('/samples/read'))).toEqual([]);

    // Again: every sample already present, none twice.
    const again = await p.studio.actions.importFiles.run('palette', [new File([text], 'mixed.jsonl')]);
    expect(again).toMatchObject({ imported: 0, alreadyPresent: local.samples.length });
    expect((await ana.get(`/api/projects/${t.projectId}/samples?limit=1`)).body.total).toBe(local.samples.length);
    p.persistence.stop();
    p.studio.dispose();
  }, 120_000);

  it("a role that may not edit gets the server's refusal in words, naming the file", async () => {
    const rev = await t.user('reviewer');
    const p = await page(rev, `import-copy-rev-${backend}`);
    const before = (await rev.get(`/api/projects/${t.projectId}/samples?limit=1`)).body.total as number;
    const report = await p.studio.actions.importFiles.run('palette', [new File([cortLine('Q?', '1', [trace(1)], 'x')], 'theirs.jsonl')]);
    expect(report).toMatchObject({ files: ['theirs.jsonl'], imported: 0 });
    expect(report!.rejects).toHaveLength(1);
    expect(report!.rejects[0]!.file).toBe('theirs.jsonl');
    expect(report!.rejects[0]!.reason).toMatch(/reviewer|not allowed|may not|permission/i);
    expect((await rev.get(`/api/projects/${t.projectId}/samples?limit=1`)).body.total).toBe(before);
    p.persistence.stop();
    p.studio.dispose();
  }, 60_000);
});
