import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findClose, scanClose } from './mathPlugin';

const OPENERS: [string, string][] = [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$', '$']];

/** The search as it was before remembering: from `from` up to `max`. */
function naiveClose(src: string, close: string, from: number, max: number): number {
  const found = scanClose(src.slice(0, max), close, from);
  return found;
}

describe('findClose', () => {
  it('answers every search the inline parser makes exactly as a fresh scan would', () => {
    const text = fc.string({ unit: fc.constantFrom('$', '\\', '(', ')', '[', ']', 'a', ' ', '\n'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (src, shuffles) => {
        // Searches start right after an opening delimiter, mostly left to right, sometimes back (link labels).
        const starts: [number, string][] = [];
        for (let i = 0; i < src.length; i++) for (const [open, close] of OPENERS) if (src.startsWith(open, i)) starts.push([i + open.length, close]);
        for (const n of shuffles) if (starts.length) starts.splice(n % starts.length, 0, starts[(n * 7) % starts.length]);
        const owner = {};
        for (const [from, close] of starts) {
          for (const max of [src.length, Math.max(from, src.length - 3)]) {
            expect(findClose(owner, src, close, from, max)).toBe(naiveClose(src, close, from, max));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
