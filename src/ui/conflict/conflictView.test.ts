import { describe, expect, it } from 'vitest';
import type { Sample } from '../../core/sample/types';
import { compareVersions } from './conflictView';

const sample = (text: string, extra: Partial<Sample> = {}): Sample =>
  ({ id: 'x', problem: 'p', prompt: 'p', record: {}, origin: { format: 'pasted', file: 'f' }, original: '', trace: { segments: [{ id: 's0', kind: 'prose', text, origin: 'imported' }] }, branches: [], status: 'draft', createdAt: 't', updatedAt: 't', ...extra }) as Sample;
const join = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');

describe('compareVersions', () => {
  it('gives back each side exactly, marking what only it has', () => {
    const theirs = sample('Tab A rewrote this opening paragraph.Each of the factors');
    const mine = sample('Tab B rewrote the same paragraph differently.Each of the factors');
    const cmp = compareVersions(mine, theirs);
    expect(join(cmp.theirs)).toBe('Tab A rewrote this opening paragraph.Each of the factors');
    expect(join(cmp.mine)).toBe('Tab B rewrote the same paragraph differently.Each of the factors');
    expect(cmp.theirs.filter((p) => p.kind === 'only').map((p) => p.text).join('|')).toContain('A');
    expect(cmp.mine.filter((p) => p.kind === 'only').map((p) => p.text).join('|')).toContain('differently');
    expect(cmp.otherFields).toEqual([]);
  });

  it('names the fields besides the trace that differ', () => {
    const cmp = compareVersions(sample('same', { status: 'ready', updatedAt: 'u1' }), sample('same', { updatedAt: 'u2' }));
    expect(cmp.onlyMineChars + cmp.onlyTheirsChars).toBe(0);
    expect(cmp.otherFields).toEqual(['review status']);
  });
});
