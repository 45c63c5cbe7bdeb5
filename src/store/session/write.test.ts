import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../core/trace/types';
import type { NamedFile } from '../project/state';
import type { CuratedSample } from '../review/state';
import { createStudio } from '../studio';
import { memoryPersistence } from './persistence';


const demo: NamedFile = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };
const appendProse = (text: string) => (trace: Trace): Trace => ({ segments: [...trace.segments, { id: 'test-extra', kind: 'answer', text, origin: 'annotator' }] });

describe('the sample writer', () => {
  it("names a change's author as review events and comments do: the settings' name, else the review name, else 'annotator'", async () => {
    const studio = createStudio({ persistence: memoryPersistence(), loadDemo: async () => [demo], saveDebounceMs: 5 });
    await studio.init();
    const id = Object.keys(studio.store.getState().samples)[0];
    const lastAuthor = (text: string) => {
      studio.services.writeSample(id, (s) => ({ ...s, trace: appendProse(text)(s.trace) }), { undo: 'Add note', event: 'edit' });
      return ((studio.store.getState().samples[id] as CuratedSample).history ?? []).at(-1);
    };
    expect(lastAuthor('\nA note.')).toMatchObject({ type: 'edit', by: 'annotator' });
    const state = studio.store.getState();
    studio.store.setState({ reviewPrefs: { ...state.reviewPrefs, reviewer: 'Ada Reviewer' } });
    expect(lastAuthor('\nA second note.')).toMatchObject({ type: 'edit', by: 'Ada Reviewer' });
    studio.store.setState({ settings: { ...studio.store.getState().settings, reviewerName: '  Grace  ' } });
    expect(lastAuthor('\nA third note.')).toMatchObject({ type: 'edit', by: 'Grace' });
  });
});
