import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTrace } from './parse';
import { buildSteps, cutPoints, stepAt } from './steps';
import { anyResponse } from './testing/arbitrary';

describe('buildSteps properties', () => {
  it('tiles the rendered text with no gaps or overlaps', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const trace = parseTrace(s);
        const steps = buildSteps(trace);
        if (s === '') {
          expect(steps).toEqual([]);
          return;
        }
        expect(steps[0].start).toBe(0);
        expect(steps.at(-1)!.end).toBe(s.length);
        steps.forEach((step, i) => {
          expect(step.index).toBe(i);
          expect(step.end).toBeGreaterThan(step.start);
          expect(step.text).toBe(s.slice(step.start, step.end));
          if (i > 0) expect(step.start).toBe(steps[i - 1].end);
          for (const b of step.sentenceBoundaries) {
            expect(b).toBeGreaterThan(step.start);
            expect(b).toBeLessThan(step.end);
          }
        });
        expect(new Set(steps.map((st) => st.id)).size).toBe(steps.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives every code, output and think-end segment exactly one step starting with it', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const trace = parseTrace(s);
        const steps = buildSteps(trace);
        for (const seg of trace.segments) {
          if (seg.kind === 'prose' || seg.kind === 'answer') continue;
          const own = steps.filter((st) => st.segmentId === seg.id);
          expect(own).toHaveLength(1);
          expect(own[0].kind).toBe(seg.kind);
          expect(own[0].text.trimStart().startsWith(seg.text.trimStart())).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('has sorted unique cut points from 0 to the end, including every step start', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const trace = parseTrace(s);
        const points = cutPoints(trace);
        expect(points[0]).toBe(0);
        expect(points.at(-1)).toBe(s.length);
        for (let i = 1; i < points.length; i++) expect(points[i]).toBeGreaterThan(points[i - 1]);
        for (const step of buildSteps(trace)) expect(points).toContain(step.start);
      }),
      { numRuns: 500 },
    );
  });
});

describe('buildSteps on a CoRT trace', () => {
  const text = [
    "Okay, let's try to solve this problem step by step. First, the sum.",
    '',
    'We need 1+2+...+100. It looks tedious.',
    '```python',
    'print(sum(range(101)))',
    '```',
    '```output',
    '5050',
    '```',
    '',
    'So the sum is 5050.',
    '</think>',
    '',
    'The answer is \\boxed{5050}.',
  ].join('\n');
  const steps = buildSteps(parseTrace(text));

  it('splits prose into paragraphs and keeps blocks whole', () => {
    expect(steps.map((s) => s.kind)).toEqual(['paragraph', 'paragraph', 'code', 'output', 'paragraph', 'think-end', 'answer']);
    expect(steps[0].text).toBe("Okay, let's try to solve this problem step by step. First, the sum.\n\n");
    expect(steps[3].text).toBe('```output\n5050\n```\n\n');
    expect(steps[5].text).toBe('</think>\n\n');
  });

  it('marks sentence starts inside a paragraph', () => {
    const at = steps[1].sentenceBoundaries.map((b) => text.slice(b, b + 10));
    expect(at).toEqual(['It looks t']);
    expect(steps[0].sentenceBoundaries.map((b) => text.slice(b, b + 6))).toEqual(['First,']);
  });

  it('ids are stable per segment and paragraph', () => {
    expect(steps.map((s) => s.id)).toEqual(['s0#0', 's0#1', 's1#0', 's2#0', 's3#0', 's4#0', 's5#0']);
  });

  it('finds the step under an offset', () => {
    const codeAt = text.indexOf('print(');
    expect(stepAt(steps, codeAt)?.kind).toBe('code');
    expect(stepAt(steps, 0)?.index).toBe(0);
    expect(stepAt(steps, text.length)?.kind).toBe('answer');
    expect(stepAt(steps, text.length + 1)).toBeUndefined();
  });
});

describe('buildSteps edge cases', () => {
  it('gives leading whitespace to the first step and whitespace between blocks to the previous one', () => {
    const text = '\n\n```python\n1\n```\n\n\n```output\n1\n```\n';
    const steps = buildSteps(parseTrace(text));
    expect(steps.map((s) => [s.kind, s.text])).toEqual([
      ['code', '\n\n```python\n1\n```\n\n\n'],
      ['output', '```output\n1\n```\n'],
    ]);
  });

  it('makes a whitespace-only trace one step', () => {
    expect(buildSteps(parseTrace(' \n\n'))).toMatchObject([{ kind: 'paragraph', start: 0, end: 3 }]);
  });

  it('splits the answer at the think boundary even mid-line', () => {
    const steps = buildSteps(parseTrace('so 5.</think>Answer: 5'));
    expect(steps.map((s) => [s.kind, s.text])).toEqual([
      ['paragraph', 'so 5.'],
      ['think-end', '</think>'],
      ['answer', 'Answer: 5'],
    ]);
  });

  it('treats CRLF blank lines as paragraph breaks', () => {
    const steps = buildSteps(parseTrace('One.\r\n\r\nTwo.\r\n'));
    expect(steps.map((s) => s.text)).toEqual(['One.\r\n\r\n', 'Two.\r\n']);
  });
});
