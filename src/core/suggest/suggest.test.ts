import { describe, expect, it } from 'vitest';
import { parseTrace, renderTrace } from '../trace';
import { cutPoints } from '../trace/steps';
import { EXCERPTS } from './fixtures/excerpts';
import { describeScore, measureSuggestions } from './testing/measure';
import { suggestHints } from './suggest';

describe('hint suggestions on the labelled excerpts', () => {
  it('has enough labelled material, positives and negatives', () => {
    expect(EXCERPTS.length).toBeGreaterThanOrEqual(25);
    expect(EXCERPTS.filter((e) => e.expected.length === 0).length).toBeGreaterThanOrEqual(8);
    expect(EXCERPTS.some((e) => e.expected.some((l) => l.hintType === 'hint-1'))).toBe(true);
    expect(EXCERPTS.some((e) => e.expected.some((l) => l.hintType === 'hint-2'))).toBe(true);
  });

  it('reaches the precision and recall floors', () => {
    const r = measureSuggestions(EXCERPTS);
    console.log(describeScore('hint suggestions (tuning set)', r, EXCERPTS.length));
    expect(r.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.recall).toBeGreaterThanOrEqual(0.75);
  });
});

describe('suggestHints', () => {
  it('cuts at a sentence boundary or step start, quotes its evidence, and never edits', () => {
    let suggested = 0;
    for (const ex of EXCERPTS) {
      const trace = parseTrace(ex.text);
      const before = renderTrace(trace);
      const points = new Set(cutPoints(trace));
      const suggestions = suggestHints(trace);
      suggested += suggestions.length;
      for (const s of suggestions) {
        expect(points.has(s.offset), `${ex.name}: offset ${s.offset}`).toBe(true);
        expect(s.reason).toMatch(/"/);
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThanOrEqual(1);
      }
      expect(renderTrace(trace)).toBe(before);
    }
    // Otherwise the loop above would check nothing.
    expect(suggested).toBeGreaterThan(0);
  });

  it('puts the Hint-2 cut right before the re-check sentence', () => {
    const ex = EXCERPTS.find((e) => e.name === 'h2-double-check-sum')!;
    const trace = parseTrace(ex.text);
    const [s] = suggestHints(trace);
    expect(renderTrace(trace).slice(s.offset)).toMatch(/^But wait, let me double-check/);
  });

  it('does not suggest Hint-1 once code has been used', () => {
    const trace = parseTrace(
      '```python\nprint(1)\n```\n```output\n1\n```\nNow compute by hand: 12*13 = 156, 156*14 = 2184, 2184*15 = 32760, 32760*16 = 524160, 524160*17 = 8910720.\n',
    );
    expect(suggestHints(trace).filter((s) => s.hintType === 'hint-1')).toEqual([]);
  });
});
