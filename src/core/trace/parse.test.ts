import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTrace, THINK_END } from './parse';
import { renderTrace, segmentOffsets } from './render';
import { parseOpeningFence } from './fence';
import { anyResponse } from './testing/arbitrary';
import { codeBlockText, outputBlockText } from './segment';

const kinds = (text: string) => parseTrace(text).segments.map((s) => s.kind);

describe('parseTrace / renderTrace properties', () => {
  it('gives back the same bytes for every string', () => {
    fc.assert(fc.property(anyResponse, (s) => renderTrace(parseTrace(s)) === s), { numRuns: 3000 });
  });

  it('never produces empty segments, and ids are s0, s1, ...', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const segs = parseTrace(s).segments;
        expect(segs.every((seg) => seg.text.length > 0)).toBe(true);
        expect(segs.map((seg) => seg.id)).toEqual(segs.map((_, i) => `s${i}`));
      }),
      { numRuns: 1000 },
    );
  });

  it('puts prose before and answer after the single think-end', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const segs = parseTrace(s).segments;
        const think = segs.findIndex((seg) => seg.kind === 'think-end');
        expect(segs.filter((seg) => seg.kind === 'think-end').length).toBeLessThanOrEqual(1);
        segs.forEach((seg, i) => {
          if (think === -1 || i < think) expect(seg.kind).not.toBe('answer');
          if (think !== -1 && i > think) expect(seg.kind).not.toBe('prose');
          // Before the boundary (or with none), no </think> is left in prose.
          if (seg.kind === 'prose') expect(seg.text).not.toContain(THINK_END);
        });
        if (think !== -1) expect(segs[think].text).toBe(THINK_END);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no code/output opening fence at a line start inside prose or answer', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const trace = parseTrace(s);
        const offsets = segmentOffsets(trace);
        trace.segments.forEach((seg, i) => {
          if (seg.kind !== 'prose' && seg.kind !== 'answer') return;
          const lines = seg.text.split('\n');
          lines.forEach((line, k) => {
            const atLineStart = k > 0 || offsets[i] === 0 || s[offsets[i] - 1] === '\n';
            const fence = parseOpeningFence(line);
            if (atLineStart && fence) expect(fence.role).toBe('other');
          });
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('closes blocks only at a closing fence line, and only the last block may be unclosed', () => {
    fc.assert(
      fc.property(anyResponse, (s) => {
        const segs = parseTrace(s).segments;
        segs.forEach((seg, i) => {
          if (seg.kind !== 'code' && seg.kind !== 'output') return;
          if (seg.closed) expect(seg.text).toMatch(/\n {0,3}`{3,}[ \t\r]*\n?$/);
          else expect(i).toBe(segs.length - 1);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseTrace recovers the structure a trace was built from', () => {
  // Prose lines that can neither open a fence nor hold a think boundary.
  const proseLine = fc
    .string({ maxLength: 30 })
    .filter((l) => !l.includes('\n') && !l.includes('</think>') && !/^ {0,3}```/.test(l))
    .map((l) => l + '\n');
  const codeLine = fc.string({ maxLength: 20 }).filter((l) => !l.includes('\n') && !l.includes('`'));
  const block = fc.oneof(
    fc.array(proseLine, { minLength: 1, maxLength: 3 }).map((ls) => ({ kind: 'prose', text: ls.join('') })),
    fc.array(codeLine, { maxLength: 3 }).map((ls) => ({ kind: 'code', text: codeBlockText(ls.join('\n')) })),
    fc.array(codeLine, { maxLength: 3 }).map((ls) => ({ kind: 'output', text: outputBlockText(ls.join('\n')) })),
  );

  it('finds exactly the generated prose, code and output blocks', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), (blocks) => {
        // Adjacent prose pieces form one gap, hence one segment.
        const expected: { kind: string; text: string }[] = [];
        for (const b of blocks) {
          const last = expected.at(-1);
          if (b.kind === 'prose' && last?.kind === 'prose') last.text += b.text;
          else expected.push({ ...b });
        }
        const text = blocks.map((b) => b.text).join('');
        expect(parseTrace(text).segments.map(({ kind, text }) => ({ kind, text }))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseTrace on hand-picked messy traces', () => {
  it('parses a CoRT-style trace into prose, code, output, think-end and answer', () => {
    const text =
      "Okay, let's try.\n```python\nprint(2+3)\n```\n```output\n5\n```\nSo it is 5.\n</think>\nThe answer is \\boxed{5}.";
    const segs = parseTrace(text).segments;
    expect(segs.map((s) => [s.kind, s.text])).toEqual([
      ['prose', "Okay, let's try.\n"],
      ['code', '```python\nprint(2+3)\n```\n'],
      ['output', '```output\n5\n```\n'],
      ['prose', 'So it is 5.\n'],
      ['think-end', '</think>'],
      ['answer', '\nThe answer is \\boxed{5}.'],
    ]);
    expect(segs[1]).toMatchObject({ lang: 'python', closed: true, origin: 'imported' });
  });

  it('runs an unclosed code block to the end of the text', () => {
    const segs = parseTrace('Let me compute.\n```python\nx = 1\nprint(x)\n').segments;
    expect(segs.map((s) => s.kind)).toEqual(['prose', 'code']);
    expect(segs[1]).toMatchObject({ closed: false, text: '```python\nx = 1\nprint(x)\n' });
  });

  it('accepts ```py and ```python3, and keeps the info string as lang', () => {
    expect(parseTrace('```py\n1\n```\n').segments[0]).toMatchObject({ kind: 'code', lang: 'py' });
    expect(parseTrace('```python3\n1\n```').segments[0]).toMatchObject({ kind: 'code', lang: 'python3', closed: true });
  });

  it('keeps fences in the middle of a prose line, indented 4 spaces, or with other info strings as prose', () => {
    expect(kinds('We write ```python\nx\n```\n')).toEqual(['prose']);
    expect(kinds('    ```python\nx\n```\n')).toEqual(['prose']);
    expect(kinds('```text\nsome text\n```\n')).toEqual(['prose']);
    expect(kinds('```\nbare\n```\n')).toEqual(['prose']);
  });

  it('handles CRLF: fences recognised, bytes preserved', () => {
    const text = 'Hi\r\n```python\r\nprint(1)\r\n```\r\n```output\r\n1\r\n```\r\nDone\r\n';
    const segs = parseTrace(text).segments;
    expect(segs.map((s) => s.kind)).toEqual(['prose', 'code', 'output', 'prose']);
    expect(segs[1]).toMatchObject({ text: '```python\r\nprint(1)\r\n```\r\n', closed: true, lang: 'python' });
    expect(segs[3].text).toBe('Done\r\n');
  });

  it('treats a missing </think> as all prose, and a doubled one as answer text', () => {
    expect(kinds('no boundary\n```python\n1\n```\n')).toEqual(['prose', 'code']);
    const segs = parseTrace('a</think>b</think>c').segments;
    expect(segs.map((s) => [s.kind, s.text])).toEqual([
      ['prose', 'a'],
      ['think-end', '</think>'],
      ['answer', 'b</think>c'],
    ]);
  });

  it('ignores </think> inside code and output blocks', () => {
    const segs = parseTrace('```python\nprint("</think>")\n```\nmore</think>end').segments;
    expect(segs.map((s) => s.kind)).toEqual(['code', 'prose', 'think-end', 'answer']);
  });

  it('parses code blocks after the think boundary as code', () => {
    expect(kinds('</think>\nCheck:\n```python\n1\n```\nDone')).toEqual(['think-end', 'answer', 'code', 'answer']);
  });

  it('parses a hallucinated output block with no code before it as output', () => {
    expect(kinds('So:\n```output\n42\n```\nThus 42.')).toEqual(['prose', 'output', 'prose']);
  });

  it('requires the closing fence to be at least as long as the opening one', () => {
    const segs = parseTrace('````python\nprint("```")\n```\n````\nafter').segments;
    expect(segs.map((s) => s.kind)).toEqual(['code', 'prose']);
    expect(segs[0].text).toBe('````python\nprint("```")\n```\n````\n');
  });

  it('keeps a ```output line inside an unclosed code block as code', () => {
    expect(kinds('```python\nx\n```output\n5\n')).toEqual(['code']);
  });

  it('parses the empty string to no segments', () => {
    expect(parseTrace('').segments).toEqual([]);
  });

  it('uses the given origin', () => {
    expect(parseTrace('x', 'model').segments[0].origin).toBe('model');
  });
});
