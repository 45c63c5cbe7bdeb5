import { describe, expect, it } from 'vitest';
import { boundedMemo } from './boundedMemo';

describe('boundedMemo', () => {
  it('computes each key once while it is remembered', () => {
    const calls: string[] = [];
    const upper = boundedMemo((s: string) => (calls.push(s), s.toUpperCase()), 10);
    expect(upper('a')).toBe('A');
    expect(upper('a')).toBe('A');
    expect(calls).toEqual(['a']);
  });

  it('drops the oldest entry once the limit is reached', () => {
    const calls: string[] = [];
    const len = boundedMemo((s: string) => (calls.push(s), s.length), 2);
    len('a');
    len('bb');
    len('ccc'); // evicts 'a'
    len('bb');
    len('a');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
