import { describe, expect, it } from 'vitest';
import type { Sample } from '../../core/sample/types';
import { decideSave, sameSample } from './versions';

const sample = (text: string): Sample =>
  ({ id: 'x', problem: 'p', prompt: 'p', record: {}, origin: { format: 'pasted', file: 'f' }, original: '', trace: { segments: [{ id: 's0', kind: 'prose', text, origin: 'imported' }] }, branches: [], status: 'draft', createdAt: 't', updatedAt: 't' }) as Sample;

describe('decideSave', () => {
  it('writes a new sample at version 1 and an edit of the stored version at the next', () => {
    expect(decideSave(undefined, sample('a'), 0, 'me')).toEqual({ kind: 'write', version: 1 });
    expect(decideSave({ sample: sample('a'), version: 3, writer: 'other' }, sample('b'), 3, 'me')).toEqual({ kind: 'write', version: 4 });
  });

  it('refuses an edit of an older version someone else stored over, keeping both copies', () => {
    const d = decideSave({ sample: sample('theirs'), version: 4, writer: 'other' }, sample('mine'), 3, 'me');
    expect(d.kind).toBe('conflict');
    if (d.kind !== 'conflict') return;
    expect(d.conflict).toMatchObject({ id: 'x', baseVersion: 3, theirVersion: 4 });
    expect(d.conflict.mine.trace.segments[0].text).toBe('mine');
    expect(d.conflict.theirs.trace.segments[0].text).toBe('theirs');
  });

  it("lets a writer's own save in flight be followed by its next one from the same base", () => {
    expect(decideSave({ sample: sample('first'), version: 4, writer: 'me' }, sample('second'), 3, 'me')).toEqual({ kind: 'write', version: 5 });
  });

  it('accepts a re-sent save equal to the stored copy without a new version', () => {
    expect(decideSave({ sample: sample('same'), version: 4, writer: 'other' }, sample('same'), 3, 'me')).toEqual({ kind: 'unchanged', version: 4 });
  });

  it('compares samples whatever the key order', () => {
    const a = sample('t');
    const b = Object.fromEntries(Object.entries(a).reverse()) as unknown as Sample;
    expect(sameSample(a, b)).toBe(true);
    expect(sameSample(a, sample('u'))).toBe(false);
  });
});
