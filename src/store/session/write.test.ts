import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Trace } from '../../core/trace/types';
import type { NamedFile } from '../project/state';
import type { CuratedSample } from '../review/state';
import { createStudio } from '../studio';
import { memoryPersistence } from './persistence';

// The one rule that names the author: whatever it says, the sample writer's history events say.
vi.mock('../review/state', async (original) => ({ ...(await original<typeof import('../review/state')>()), authorName: () => 'named by authorName' }));

const demo: NamedFile = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };
const appendProse = (text: string) => (trace: Trace): Trace => ({ segments: [...trace.segments, { id: 'test-extra', kind: 'answer', text, origin: 'annotator' }] });

describe('the sample writer', () => {
  it("names a change's author by the one rule (authorName), as review events and comments do", async () => {
    const studio = createStudio({ persistence: memoryPersistence(), loadDemo: async () => [demo], saveDebounceMs: 5 });
    await studio.init();
    const id = Object.keys(studio.store.getState().samples)[0];
    studio.services.writeSample(id, (s) => ({ ...s, trace: appendProse('\nA note.')(s.trace) }), { undo: 'Add note', event: 'edit' });
    const history = (studio.store.getState().samples[id] as CuratedSample).history ?? [];
    expect(history.at(-1)).toMatchObject({ type: 'edit', by: 'named by authorName' });
  });
});
