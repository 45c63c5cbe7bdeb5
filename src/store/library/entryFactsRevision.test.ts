/**
 * A row's kept facts are compared with the sample's content revision only when a fact could
 * match: hashing a sample's revision reads its whole trace, and a fresh import of 8,000 samples
 * (no facts kept for any) hashed every one in one task of ~2 s (bench/profile-import.ts).
 */
import { describe, expect, it } from 'vitest';
import { contentRevision } from '../../core/sample/revision';
import { storedSampleEntry } from '../../core/sample/entry';
import type { Sample } from '../../core/sample/types';
import { sampleOf } from '../../core/sample/testing/sampleOf';
import type { StudioState } from '../state';
import { createEntryFacts } from './entryFacts';
import { defaultSettings } from '../settings/state';

/** A sample read from disk again (its revision not cached), that notes whether its texts were read (hashed). */
function reread(sample: Sample): { sample: Sample; hashed: () => boolean } {
  let read = false;
  const copy = new Proxy(structuredClone(sample), {
    get(target, key, receiver) {
      if (key === 'original') read = true;
      return Reflect.get(target, key, receiver);
    },
  });
  return { sample: copy, hashed: () => read };
}

const text = (i: number) => `Step ${i}.\n</think>\n\n$\\boxed{${i}}$`;

function facts() {
  const fresh = sampleOf(text(1), { id: 'fresh' });
  const counted = sampleOf(text(2), { id: 'counted' });
  const entry = storedSampleEntry(counted, undefined, {
    tokens: { revision: contentRevision(counted), tokenizer: 'qwen3', count: 42 },
    checks: { revision: contentRevision(counted), definition: 'x', failing: ['think-end'] },
  });
  const state = { entries: { counted: entry }, samples: {}, settings: defaultSettings() } as unknown as StudioState;
  const service = createEntryFacts({ get: () => state, set: () => undefined, subscribe: () => () => undefined, persistence: {} });
  return { service, entry, fresh: reread(fresh), counted: reread(counted), freshEntry: storedSampleEntry(fresh) };
}

describe('kept facts of a row', () => {
  it('are not looked for by the revision of a sample that keeps none, or none by this tokenizer', () => {
    const { service, fresh, freshEntry, entry, counted } = facts();
    expect(service.tokens(freshEntry, fresh.sample, 'qwen3')).toBeUndefined();
    expect(service.failing(freshEntry, fresh.sample, 'qwen3')).toBeUndefined();
    expect(service.tokens(entry, counted.sample, 'another-tokenizer')).toBeUndefined();
    expect(fresh.hashed()).toBe(false);
    expect(counted.hashed()).toBe(false);
  });

  it('are compared with the sample\'s revision when one could match, and found', () => {
    const { service, entry, counted } = facts();
    expect(service.tokens(entry, counted.sample, 'qwen3')).toBe(42);
    expect(counted.hashed()).toBe(true);
    // Edited content: another revision, the kept count no longer holds.
    const edited = sampleOf(`${text(2)} more`, { id: 'counted' });
    expect(service.tokens(entry, edited, 'qwen3')).toBeUndefined();
  });
});
