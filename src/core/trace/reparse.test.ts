import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTrace } from './parse';
import { renderTrace } from './render';
import { reparseTrace } from './reparse';
import { anyResponse } from './testing/arbitrary';

describe('reparseTrace', () => {
  it('keeps every segment (ids, origins) when the text is unchanged', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const trace = parseTrace(s, 'model');
        expect(reparseTrace(trace, s)).toEqual(trace);
      }),
      { numRuns: 500 },
    );
  });

  it('renders the new text exactly and never duplicates ids', () => {
    fc.assert(
      fc.property(anyResponse, anyResponse, (before, after) => {
        const next = reparseTrace(parseTrace(before), after);
        expect(renderTrace(next)).toBe(after);
        const ids = next.segments.map((seg) => seg.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps ids, origins and hint marks of untouched segments around an edit', () => {
    const trace = parseTrace('Intro.\n```python\nprint(1)\n```\n```output\n1\n```\nSo 1.\n');
    trace.segments[3] = { ...trace.segments[3], origin: 'hint', hintType: 'hint-2' };
    const edited = renderTrace(trace).replace('print(1)', 'print(2)');
    const next = reparseTrace(trace, edited);
    expect(next.segments.map((s) => [s.id, s.origin])).toEqual([
      ['s0', 'imported'],
      ['s4', 'annotator'],
      ['s2', 'imported'],
      ['s3', 'hint'],
    ]);
    expect(next.segments[3].hintType).toBe('hint-2');
  });
});
