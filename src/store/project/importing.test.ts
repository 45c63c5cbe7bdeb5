/**
 * Hostile data cannot stop the studio saving (issue 13, item 6): a record nested 10⁵ deep is
 * imported with that field dropped and noted, and every sample still reaches IndexedDB.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexedDbPersistence } from '../session/persistence';
import { createStudio } from '../studio';

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
