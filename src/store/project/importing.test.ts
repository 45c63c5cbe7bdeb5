/**
 * Hostile data cannot stop the studio saving (issue 13, item 6): a record nested 10⁵ deep is
 * imported with that field dropped and noted, and every sample still reaches IndexedDB.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexedDbPersistence, memoryPersistence } from '../session/persistence';
import { serializeProject } from '../../core/project';
import { createStudio } from '../studio';
import { contentKey, importFile } from '../../core/import';
import { importIntoStudio, importWithWorker } from './importing';
import type { OffThreadImport } from '../deps';
import { nodeWorker } from '../workers/testing/nodeWorker';
import type { Sample } from '../../core/sample/types';

const bytes = (text: string) => new TextEncoder().encode(text);
const GEN = 'We add.\n</think>\\boxed{2}';

describe('importing hostile data into the studio', () => {
  it('a record nested 10^5 deep neither stops saving nor loses the other samples', async () => {
    const name = 'hint-studio-hostile-import';
    const studio = createStudio({ persistence: indexedDbPersistence(name), saveDebounceMs: 5 });
    await studio.init();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = [
      `{"problem": "deep", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}], "record": ${deep}}`,
      `{"problem": "plain", "gt_answer": "2", "gen": [${JSON.stringify(GEN.replace('add', 'sum'))}, ${JSON.stringify(GEN.replace('add', 'sum'))}]}`,
    ].join('\n');
    const report = await studio.actions.importFiles.perform([{ name: 'hostile.jsonl', bytes: bytes(text) }]);
    expect(report).toMatchObject({ imported: 2, merged: 1, rejects: [] });
    expect(report?.notes?.map((n) => [n.file, n.line, n.field, n.kind])).toEqual([
      ['hostile.jsonl', 1, 'record', 'field-dropped'],
      ['hostile.jsonl', 2, 'gen[1]', 'duplicate'],
    ]);
    expect(await studio.flush()).toBe(true);
    expect(studio.store.getState().saveError).toBeNull();

    // Later edits still save, and everything is there after a reload.
    const id = Object.values(studio.store.getState().samples).find((s) => s.problem === 'plain')!.id;
    studio.services.writeSample(id, (sample) => ({ ...sample, status: 'ready' }));
    expect(await studio.flush()).toBe(true);
    const reloaded = createStudio({ persistence: indexedDbPersistence(name) });
    await reloaded.init();
    await reloaded.services.loader.ensureAll();
    expect(Object.values(reloaded.store.getState().samples).map((s) => [s.problem, s.status]).sort()).toEqual([
      ['deep', 'draft'],
      ['plain', 'ready'],
    ]);
  });
});

describe('an import read in the worker', () => {
  it('merges the samples it sends, with the content keys it computed, exactly as samples read on the page', async () => {
    const dup = GEN.replace('add', 'double');
    const file = {
      name: 'gens.jsonl',
      bytes: bytes(
        [
          `{"problem": "one", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}, ${JSON.stringify(dup)}, ${JSON.stringify(dup)}]}`,
          `{"problem": "two", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}]}`,
          // Big enough to go to the worker (importing.ts WORKER_MIN_BYTES).
          `{"problem": "three", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}], "notes": "${'x'.repeat(4 * 2 ** 20)}"}`,
        ].join('\n'),
      ),
    };
    // Already in the studio: the same prompt and response as line 2's generation, under another id.
    const here = (await importFile('here.jsonl', bytes(`{"problem": "two", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}]}`))).samples[0]!;
    const existing = { [`${here.id}-copy`]: { ...here, id: `${here.id}-copy` } };

    // The worker module itself (importWorker.ts), in a worker thread of its own.
    let sent = 0;
    const inThread = importWithWorker(() => nodeWorker(new URL('./importWorker.ts', import.meta.url)));
    const handed: Uint8Array[] = [];
    const offThread: OffThreadImport = (f, profiles) => {
      sent++;
      // A copy of the file's bytes goes (and is handed over): the page's import below reads the original.
      const copy = { ...f, bytes: f.bytes.slice() };
      handed.push(copy.bytes);
      return inThread(copy, profiles);
    };
    const inWorker = await importIntoStudio([file], existing, offThread);
    // Handed over, not copied: the buffer the worker got is empty here.
    expect(handed.map((b) => b.byteLength)).toEqual([0]);
    const onPage = await importIntoStudio([file], existing);
    expect(sent).toBe(1);
    expect(inWorker.report).toEqual(onPage.report);
    expect(inWorker.report).toMatchObject({ imported: 3, merged: 2 });
    expect(inWorker.changedIds).toEqual(onPage.changedIds);
    // The same samples, but for the time each import ran (createdAt, updatedAt).
    const untimed = (samples: Record<string, Sample>) => Object.values(samples).map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
    expect(untimed(inWorker.samples)).toEqual(untimed(onPage.samples));
    // The keys a copy took are the ones hashing it gives.
    for (const s of Object.values(inWorker.samples)) expect(contentKey(s)).toBe(contentKey(structuredClone(s)));
  });

  it('reports the error the worker threw as the file\'s reject, as the page does', async () => {
    const file = { name: 'gens.parquet', bytes: new Uint8Array(4 * 2 ** 20 + 1).fill(7) };
    const offThread = importWithWorker(() => nodeWorker(new URL('./importWorker.ts', import.meta.url)));
    const inWorker = await importIntoStudio([{ ...file, bytes: file.bytes.slice() }], {}, offThread);
    const onPage = await importIntoStudio([file], {});
    expect(inWorker.report.rejects).toEqual(onPage.report.rejects);
    expect(inWorker.report.rejects).toEqual([{ file: 'gens.parquet', reason: expect.stringMatching(/parquet/i) }]);
  });

  it('is read on the page when the worker does not start', async () => {
    const file = { name: 'gens.jsonl', bytes: bytes(`{"problem": "one", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}], "notes": "${'x'.repeat(4 * 2 ** 20)}"}`) };
    const broken = importWithWorker(() => nodeWorker(new URL('../workers/testing/brokenWorker.ts', import.meta.url)));
    const report = (await importIntoStudio([file], {}, broken)).report;
    expect(report).toMatchObject({ imported: 1, rejects: [] });
    expect(report).toEqual((await importIntoStudio([file], {})).report);
  });
});

describe('an import worker that dies holding the file', () => {
  // 30 records (three chunks of the worker's), one of them big enough to send the file to the worker.
  const text = [
    ...Array.from({ length: 30 }, (_, i) => `{"problem": "p${i}", "gt_answer": "2", "gen": [${JSON.stringify(GEN.replace('add', `add ${i}`))}]}`),
    `{"problem": "big", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}], "notes": "${'x'.repeat(4 * 2 ** 20)}"}`,
  ].join('\n');
  const crashing = () => importWithWorker(() => nodeWorker(new URL('./testing/crashingImportWorker.ts', import.meta.url)));
  /** The file as chosen: its bytes, and the File they were read from, counting its reads. */
  const chosen = (name: string) => {
    const source = new Blob([text]);
    const reads = { count: 0 };
    const read = source.arrayBuffer.bind(source);
    source.arrayBuffer = () => (reads.count++, read());
    return { file: { name, bytes: own(text), source }, reads };
  };
  const untimed = (samples: Record<string, Sample>) => Object.values(samples).map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
  /** Bytes of a buffer of their own, which the worker is handed (TextEncoder's may share a bigger one, which is copied). */
  const own = (t: string) => bytes(t).slice();

  it('is read again from its source and imported on the page, as without a worker', async () => {
    const { file, reads } = chosen('gens.jsonl');
    const handed = file.bytes;
    const result = await importIntoStudio([file], {}, crashing());
    // The bytes were handed over (moved, not copied), and the file read again once, after the crash.
    expect(handed.byteLength).toBe(0);
    expect(reads.count).toBe(1);
    const onPage = await importIntoStudio([{ name: 'gens.jsonl', bytes: bytes(text) }], {});
    expect(result.report).toEqual(onPage.report);
    expect(result.report).toMatchObject({ imported: 31, rejects: [] });
    // Nothing twice: the chunk the worker sent before it died is not among the samples.
    expect(untimed(result.samples)).toEqual(untimed(onPage.samples));
  });

  it('is not read again when the worker lives: the page holds one copy of the file at most', async () => {
    const { file, reads } = chosen('gens.jsonl');
    const result = await importIntoStudio([file], {}, importWithWorker(() => nodeWorker(new URL('./importWorker.ts', import.meta.url))));
    expect(file.bytes.byteLength).toBe(0);
    expect(reads.count).toBe(0);
    expect(result.report).toMatchObject({ imported: 31, rejects: [] });
  });

  it('fails that file alone, saying what happened, when there is nothing to read again', async () => {
    const other = { name: 'small.jsonl', bytes: bytes(`{"problem": "small", "gt_answer": "2", "gen": [${JSON.stringify(GEN)}]}`) };
    const { report } = await importIntoStudio([{ name: 'gens.jsonl', bytes: own(text) }, other], {}, crashing());
    expect(report).toMatchObject({ imported: 1, alreadyPresent: 0, merged: 0 });
    expect(report.rejects).toEqual([{ file: 'gens.jsonl', reason: 'The import worker stopped while reading gens.jsonl; nothing from it was imported. Import it again.' }]);
  });
});

describe("a backup's newer edits imported into the studio", () => {
  it('are counted as updated, not as already present — as the team server counts them', async () => {
    const studio = createStudio({ persistence: memoryPersistence(), saveDebounceMs: 5 });
    await studio.init();
    const lines = ['one', 'two', 'three'].map((p) => `{"problem": "${p}", "gt_answer": "2", "gen": [${JSON.stringify(GEN.replace('add', p))}]}`);
    expect(await studio.actions.importFiles.perform([{ name: 'gens.jsonl', bytes: bytes(lines.join('\n')) }])).toMatchObject({ imported: 3, alreadyPresent: 0, updated: 0 });
    const held = Object.values(studio.store.getState().samples);
    const edited: Sample = { ...held[0]!, updatedAt: '2031-01-01T00:00:00.000Z', trace: { segments: [...held[0]!.trace.segments, { id: 'later', kind: 'prose', text: 'A later edit.', origin: 'annotator' }] } };
    const backup = serializeProject(held.map((s) => (s.id === edited.id ? edited : s)), {}, '2031-01-02T00:00:00.000Z');
    const report = await studio.actions.importFiles.perform([{ name: 'backup.json', bytes: bytes(backup) }]);
    expect(report).toMatchObject({ imported: 0, alreadyPresent: 2, updated: 1 });
    expect(studio.store.getState().samples[edited.id]!.trace.segments.at(-1)).toMatchObject({ id: 'later', text: 'A later edit.' });
    // The same backup again: nothing newer in it any more.
    expect(await studio.actions.importFiles.perform([{ name: 'backup.json', bytes: bytes(backup) }])).toMatchObject({ imported: 0, alreadyPresent: 3, updated: 0 });
  });
});
