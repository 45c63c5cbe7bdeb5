/**
 * A paste finds its twin by content, not only by id: a sample stored under an id of an older
 * scheme (not made from its content) is recognised as the same sample from the entries — after
 * a reload, with no trace read — and the paste merges into it rather than adding a copy. An
 * entry stored before entries kept the content key is found too, reading only the traces of
 * entries of the same problem.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { importPastedTrace } from '../../core/import';
import type { Sample } from '../../core/sample/types';
import { indexedDbPersistence } from '../session/persistence';
import { createStudio } from '../studio';
import { pastedTwin } from './paste';

const TRACE = 'We add the two numbers.\n```python\nprint(2 + 3)\n```\n```output\n5\n```\nSo the sum is 5.\n</think>\n\nThe answer is $\\boxed{5}$.';
const INPUT = { problem: 'What is 2 + 3?' };

/** The pasted content as stored by an older studio: the same prompt and response under an id not made from them. */
const legacy = (id: string): Sample => ({ ...importPastedTrace(TRACE, { ...INPUT, name: 'pasted' }), id });

describe('a pasted trace', () => {
  it('merges into the sample holding its content under an old id, found from the entries after a reload', async () => {
    const name = `paste-twin-${Math.random()}`;
    const first = indexedDbPersistence(name);
    await first.load();
    await first.save({ samples: [legacy('sample-0007'), { ...legacy('sample-0008'), problem: 'Another problem', prompt: 'Another prompt' }] });

    const persistence = indexedDbPersistence(name);
    const read: string[] = [];
    const loadSamples = persistence.loadSamples!.bind(persistence);
    persistence.loadSamples = (ids, options) => {
      read.push(...ids);
      return loadSamples(ids, options);
    };
    const studio = createStudio({ persistence, saveDebounceMs: 5 });
    await studio.init();
    // A reload holds entries, not traces.
    expect(Object.keys(studio.store.getState().samples)).toEqual([]);
    expect(studio.store.getState().entries['sample-0007']?.contentKey).toBeDefined();

    const opened = await studio.actions.importPastedTrace.perform(TRACE, INPUT);
    expect(opened).toBe('sample-0007');
    expect(studio.store.getState().importReport).toMatchObject({ imported: 0, notes: [{ kind: 'duplicate' }] });
    // Only the twin's trace was read (to merge into it), none to find it.
    expect(read).toEqual(['sample-0007']);
    await studio.flush();
    expect(Object.keys(studio.store.getState().entries).sort()).toEqual(['sample-0007', 'sample-0008']);
  });

  it('finds a twin whose entry predates the content key by reading only the entries of the same problem', async () => {
    const pasted = importPastedTrace(TRACE, { ...INPUT, name: 'pasted' });
    const twin = legacy('old-42');
    const other = { ...legacy('old-43'), original: 'Another response.' };
    const entries = {
      'old-41': { problem: 'Something else', origin: twin.origin },
      'old-42': { problem: twin.problem, origin: twin.origin },
      'old-43': { problem: other.problem, origin: other.origin },
    };
    const read: string[][] = [];
    const found = await pastedTwin(pasted, { entries, samples: {} }, async (ids) => {
      read.push(ids);
      return [twin, other].filter((s) => ids.includes(s.id));
    });
    expect(found?.id).toBe('old-42');
    expect(read).toEqual([['old-42', 'old-43']]);
    // Nothing of the same content: nothing found, and nothing else read.
    read.length = 0;
    expect(await pastedTwin({ ...pasted, original: 'Something new.', id: 'new' }, { entries, samples: {} }, async (ids) => (read.push(ids), [twin, other].filter((s) => ids.includes(s.id))))).toBeUndefined();
    expect(read).toEqual([['old-42', 'old-43']]);
  });
});
