import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Sample } from '../sample/types';
import { sampleOf as sampleFromResponse } from '../sample/testing/sampleOf';
import { cutPoints, parseTrace, renderTrace } from '../trace';
import {
  BUILT_IN_HINTS,
  CutError,
  EditError,
  HINT_1_DELAYED_CODE,
  HINT_2_RESULT_DISTRUST,
  PROMPT_HINT,
  appendCode,
  appendProse,
  customHint,
  editProse,
  insertHint,
  restoreBranch,
  validateHint,
} from './index';

const NOW = '2026-01-01T00:00:00.000Z';
const LATER = '2026-01-02T00:00:00.000Z';

const sampleOf = (response: string) => sampleFromResponse(response, { id: 'sample-1', createdAt: NOW, updatedAt: NOW });

const allIds = (s: Sample) => [...s.trace.segments, ...s.branches.flatMap((b) => b.segments)].map((x) => x.id);

const RESPONSE =
  'We need the sum of the squares. Let me compute each term by hand: 1 + 4 + 9.\n\n' +
  '```python\nprint(sum(i*i for i in range(1, 4)))\n```\n' +
  '```output\n14\n```\n' +
  'Let me double check 1 + 4 + 9 = 14 manually.\n</think>\n\nThe answer is \\boxed{14}.';

describe('hint library', () => {
  it('holds the paper texts exactly', () => {
    expect(PROMPT_HINT.text).toBe("Okay, let's try to solve this problem step by step using multiple python code calls.");
    expect(HINT_1_DELAYED_CODE.text).toBe('It looks tedious, and we can use python code to simplify the reasoning.');
    expect(HINT_2_RESULT_DISTRUST.text).toBe("We don't need to doubt the accuracy of python calculations.");
    expect(BUILT_IN_HINTS.map((h) => [h.key, h.type, h.opensCodeBlock])).toEqual([
      ['1', 'prompt-hint', false],
      ['2', 'hint-1', true],
      ['3', 'hint-2', false],
    ]);
  });

  it('validates user-defined hints', () => {
    expect(validateHint(customHint({ id: 'check-logic', name: 'Check logic', text: 'Let me check the logic of the code.', key: '4' }))).toEqual([]);
    const bad = validateHint(customHint({ id: 'hint-1', name: ' ', text: ' ```python', key: '2' }));
    expect(bad).toHaveLength(5); // id clash, no name, padded text, fence, key clash
  });
});

describe('insertHint', () => {
  it('puts Hint-1 at a sentence boundary inside prose and opens a python block', () => {
    const sample = sampleOf(RESPONSE);
    const offset = RESPONSE.indexOf('Let me compute');
    const out = insertHint(sample, offset, HINT_1_DELAYED_CODE, LATER);
    expect(renderTrace(out.trace)).toBe(
      'We need the sum of the squares. It looks tedious, and we can use python code to simplify the reasoning.\n```python\n',
    );
    const [first, hint, opened] = out.trace.segments;
    expect(first.id).toBe(sample.trace.segments[0].id); // the part before keeps its id
    expect(hint).toMatchObject({ origin: 'hint', hintType: 'hint-1', kind: 'prose' });
    expect(opened).toMatchObject({ kind: 'code', closed: false, lang: 'python', origin: 'hint' });
    expect(out.branches).toHaveLength(1);
    expect(out.branches[0]).toMatchObject({ at: offset, reason: 'cut', createdAt: LATER });
    expect(renderTrace({ segments: out.branches[0].segments })).toBe(RESPONSE.slice(offset));
  });

  it('joins with a space when the cut has none, and adds nothing after a line break', () => {
    const sample = sampleOf(RESPONSE);
    const afterOutput = RESPONSE.indexOf('Let me double');
    const h2 = insertHint(sample, afterOutput, HINT_2_RESULT_DISTRUST, LATER);
    expect(renderTrace(h2.trace).endsWith("```output\n14\n```\nWe don't need to doubt the accuracy of python calculations.")).toBe(true);
    const noSpace = insertHint(sample, RESPONSE.indexOf(' Let me compute'), HINT_2_RESULT_DISTRUST, LATER);
    expect(renderTrace(noSpace.trace)).toBe("We need the sum of the squares. We don't need to doubt the accuracy of python calculations.");
    const atStart = insertHint(sampleOf('So 2+3 = 5.'), 0, PROMPT_HINT, LATER);
    expect(renderTrace(atStart.trace)).toBe(PROMPT_HINT.text);
  });

  it('refuses to cut inside a code block or </think>', () => {
    const sample = sampleOf(RESPONSE);
    expect(() => insertHint(sample, RESPONSE.indexOf('print('), HINT_2_RESULT_DISTRUST, LATER)).toThrow(CutError);
    expect(() => insertHint(sample, RESPONSE.indexOf('</think>') + 2, HINT_2_RESULT_DISTRUST, LATER)).toThrow(CutError);
    expect(() => insertHint(sample, RESPONSE.length + 1, HINT_2_RESULT_DISTRUST, LATER)).toThrow(CutError);
  });
});

describe('restoreBranch', () => {
  it('brings the cut text back and keeps the hint and its continuation as a branch', () => {
    const sample = sampleOf(RESPONSE);
    const offset = RESPONSE.indexOf('Let me compute');
    let s = insertHint(sample, offset, HINT_1_DELAYED_CODE, LATER);
    s = appendCode(s, 'print(1 + 4 + 9)', LATER);
    const cutBranch = s.branches[0].id;
    const restored = restoreBranch(s, cutBranch, LATER);
    expect(restored.trace).toEqual(sample.trace);
    expect(restored.branches).toHaveLength(1);
    expect(renderTrace({ segments: restored.branches[0].segments })).toBe(
      'It looks tedious, and we can use python code to simplify the reasoning.\n```python\nprint(1 + 4 + 9)\n```\n',
    );
    // And back again: the hinted version returns, nothing lost either way.
    const again = restoreBranch(restored, restored.branches[0].id, LATER);
    expect(renderTrace(again.trace)).toBe(renderTrace(s.trace));
  });
});

/** Responses built from realistic pieces: prose with sentences, code, outputs, a think boundary. */
const responseArb = fc
  .array(
    fc.oneof(
      fc.constantFrom('Let me think. ', 'So x = 3.\n', 'Wait, check again! Maybe not.\n\n', 'Hmm', 'é 𝑥 ✓. Next.\n'),
      fc.constantFrom('```python\nx = 2\nprint(x)\n```\n', '```py\nprint(1)\n```\n', '```output\n2\n```\n', '```python\nunclosed('),
      fc.constant('</think>'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('properties', () => {
  it('insert keeps every character (trace head + cut branch = original) and restore gives back the original', () => {
    fc.assert(
      fc.property(responseArb, fc.nat(), fc.constantFrom(...BUILT_IN_HINTS), (response, pick, hint) => {
        const sample = sampleOf(response);
        const points = cutPoints(sample.trace);
        const offset = points[pick % points.length] ?? 0;
        let inserted: Sample;
        try {
          inserted = insertHint(sample, offset, hint, LATER);
        } catch (e) {
          if (e instanceof CutError) return; // a cut point at the end of an unclosed block
          throw e;
        }
        const hinted = renderTrace(inserted.trace);
        expect(hinted.startsWith(response.slice(0, offset))).toBe(true);
        expect(hinted.slice(offset).trimStart().startsWith(hint.text)).toBe(true);
        const cut = inserted.branches.map((b) => renderTrace({ segments: b.segments })).join('');
        expect(response.slice(0, offset) + cut).toBe(response);
        expect(new Set(allIds(inserted)).size).toBe(allIds(inserted).length);

        if (inserted.branches.length === 0) return;
        const restored = restoreBranch(inserted, inserted.branches[0].id, LATER);
        expect(renderTrace(restored.trace)).toBe(response);
        expect(restored.trace).toEqual(sample.trace);
        const parked = restored.branches.map((b) => renderTrace({ segments: b.segments })).join('');
        expect(response.slice(0, offset) + parked).toBe(hinted);
      }),
      { numRuns: 300 },
    );
  });

  it('any prose offset can be cut, not only suggested points', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '.', '\n', '\r', 'é', '😀'), minLength: 1, maxLength: 40 }), fc.nat(), (text, pick) => {
        const sample = sampleOf(text);
        const offset = pick % text.length; // not the end: a cut there leaves no branch
        const out = insertHint(sample, offset, HINT_2_RESULT_DISTRUST, LATER);
        expect(renderTrace(restoreBranch(out, out.branches[0].id, LATER).trace)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('manual continuation and edits', () => {
  it('fills the block Hint-1 opened, then continues in prose', () => {
    let s = insertHint(sampleOf('Compute 13*17 by hand: 13*17 = '), 22, HINT_1_DELAYED_CODE, LATER);
    s = appendCode(s, 'print(13*17)\n', LATER);
    s = appendProse(s, 'So the product is 221.', LATER);
    expect(renderTrace(s.trace)).toBe(
      'Compute 13*17 by hand: It looks tedious, and we can use python code to simplify the reasoning.\n```python\nprint(13*17)\n```\nSo the product is 221.',
    );
    const code = s.trace.segments.find((x) => x.kind === 'code')!;
    expect(code).toMatchObject({ closed: true, origin: 'annotator', meta: { openedBy: { origin: 'hint', hintType: 'hint-1' } } });
    expect(renderTrace(parseTrace(renderTrace(s.trace)))).toBe(renderTrace(s.trace));
    expect(parseTrace(renderTrace(s.trace)).segments.map((x) => x.kind)).toEqual(['prose', 'code', 'prose']);
  });

  it('edits prose in place and refuses edits that would change the structure', () => {
    const s = sampleOf(RESPONSE);
    const first = s.trace.segments[0];
    const edited = editProse(s, first.id, 'We need the sum of squares.\n\n', LATER);
    expect(edited.trace.segments[0]).toMatchObject({ id: first.id, origin: 'annotator', meta: { edited: { from: 'imported' } } });
    expect(renderTrace(edited.trace).startsWith('We need the sum of squares.\n\n```python')).toBe(true);
    expect(() => editProse(s, first.id, 'x\n```python\nprint(1)\n', LATER)).toThrow(EditError);
    expect(() => editProse(s, first.id, 'no line break', LATER)).toThrow(EditError);
    expect(() => editProse(s, s.trace.segments[1].id, 'x', LATER)).toThrow(EditError);
  });
});
