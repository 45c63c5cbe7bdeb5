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
import { importIntoStudio, workerImport, type NamedFile } from './importing';
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

    // What the worker does (importWorker.ts), its messages cloned as postMessage clones them.
    let sent = 0;
    const offThread = async (f: NamedFile) => {
      sent++;
      const result = await importFile(f.name, f.bytes);
      const collect = workerImport();
      for (let i = 0; i < result.samples.length; i += 2) {
        const samples = result.samples.slice(i, i + 2);
        expect(collect(structuredClone({ kind: 'samples', samples, keys: samples.map(contentKey) }))).toBeNull();
      }
      return collect(structuredClone({ kind: 'done', rejects: result.rejects, notes: result.notes }))!;
    };
    const inWorker = await importIntoStudio([file], existing, offThread);
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

  it('throws the error the worker sent', () => {
    expect(() => workerImport()({ kind: 'error', message: 'gens.jsonl: not a format the studio reads' })).toThrow('not a format the studio reads');
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
