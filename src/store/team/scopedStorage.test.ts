/** Undo stacks of one tab kept apart per project and user, and forgotten at sign-out. */
import { describe, expect, it } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import { createSampleHistory } from '../session/undo';
import { scopedStorage } from './scopedStorage';

function tabStorage() {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
}

describe('scoped undo storage', () => {
  it('an undo in one project (or for one user) never brings back a sample of another; sign-out forgets only its own', () => {
    const tab = tabStorage();
    const mainAna = scopedStorage(tab, 'hint-studio-server:1:ana');
    const secondAna = scopedStorage(tab, 'hint-studio-server:2:ana');
    const edited = { ...hintedSample, problem: 'Edited in project 1' };
    createSampleHistory({ storage: mainAna }).record(hintedSample, { label: 'Edit' });

    // The same sample id in the other project (ids come from the content): nothing to undo there.
    const other = createSampleHistory({ storage: secondAna });
    expect(other.status(hintedSample.id).undo).toBeUndefined();
    expect(other.undo(edited)).toBeUndefined();
    // A reload of the tab in project 1 still undoes.
    expect(createSampleHistory({ storage: mainAna }).undo(edited)?.problem).toBe(hintedSample.problem);

    createSampleHistory({ storage: secondAna }).record(hintedSample, { label: 'Edit' });
    tab.setItem('unrelated', 'kept');
    mainAna.clear();
    expect([...tab.items.keys()].some((k) => k.startsWith('hint-studio-server:1:ana|'))).toBe(false);
    expect([...tab.items.keys()].some((k) => k.startsWith('hint-studio-server:2:ana|'))).toBe(true);
    expect(tab.getItem('unrelated')).toBe('kept');
  });
});
