/**
 * Hints follow the sample's trace profile: a Hint-1 opens the profile's own code block, a
 * Hint-2 goes right after the profile's output block, and the trace they leave is the one the
 * profile's parser reads from the text (so it renders, re-imports and masks the same way).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../sample/types';
import { sampleOf as sampleFromResponse } from '../sample/testing/sampleOf';
import { renderTrace } from '../trace';
import { codeContent, codeOpener, getProfile, parseWithProfile, renderCode, type TraceProfileId } from '../profiles';
import { HINT_1_DELAYED_CODE, HINT_2_RESULT_DISTRUST, appendCode, appendProse, insertHint } from './index';

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../profiles/fixtures/execution.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
const NOW = '2026-01-01T00:00:00.000Z';

function sampleOf(id: TraceProfileId): Sample {
  const text = reference[id]!.pieces.map(([, t]) => t).join('');
  return sampleFromResponse(text, { id: `s-${id}`, origin: { format: 'pasted', file: 'x.txt' }, createdAt: NOW, updatedAt: NOW, ...(id === 'cort' ? {} : { profile: id }) });
}

/**
 * kind, lang and closed of every segment: the structure the parser must find in the text too.
 * A hint's sentence is a segment of its own where the parser sees one run of prose.
 */
const shape = (s: Sample) =>
  s.trace.segments
    .map((seg) => [seg.kind, seg.lang ?? null, seg.closed ?? null])
    .filter((row, i, rows) => !(i > 0 && (row[0] === 'prose' || row[0] === 'answer') && rows[i - 1]![0] === row[0]));

describe.each(['cort', 'torl', 'simpletir', 'retool', 'rstar2'] as TraceProfileId[])('hints in a %s trace', (id) => {
  const profile = getProfile(id);

  it("Hint-1 opens the profile's code block, as the parser reads it", () => {
    const sample = sampleOf(id);
    const firstOutputEnd = (() => {
      let at = 0;
      for (const seg of sample.trace.segments) {
        at += seg.text.length;
        if (seg.kind === 'output') return at;
      }
      throw new Error('no output');
    })();
    const hinted = insertHint(sample, firstOutputEnd, HINT_1_DELAYED_CODE, NOW);
    const text = renderTrace(hinted.trace);
    const joint = id === 'simpletir' ? '' : '\n';
    expect(text.endsWith(HINT_1_DELAYED_CODE.text + joint + codeOpener(profile))).toBe(true);
    expect(hinted.trace.segments.at(-1)).toMatchObject({ kind: 'code', closed: false, origin: 'hint', hintType: 'hint-1' });
    expect(shape(hinted)).toEqual(shape({ ...hinted, trace: parseWithProfile(text, profile) }));
  });

  it("Hint-2 goes right after the profile's output block, glue included, with nothing added", () => {
    const sample = sampleOf(id);
    const outputIndex = sample.trace.segments.findIndex((s) => s.kind === 'output');
    const at = sample.trace.segments.slice(0, outputIndex + 1).reduce((n, s) => n + s.text.length, 0);
    const hinted = insertHint(sample, at, HINT_2_RESULT_DISTRUST, NOW);
    const text = renderTrace(hinted.trace);
    expect(text).toBe(renderTrace({ segments: sample.trace.segments.slice(0, outputIndex + 1) }) + HINT_2_RESULT_DISTRUST.text);
    expect(hinted.trace.segments[outputIndex]).toEqual(sample.trace.segments[outputIndex]);
    expect(shape(hinted)).toEqual(shape({ ...hinted, trace: parseWithProfile(text, profile) }));
  });

  it("the annotator's code fills a Hint-1's block and closes it in the profile's form", () => {
    const sample = sampleOf(id);
    const end = renderTrace(sample.trace).length;
    const hinted = insertHint(sample, end, HINT_1_DELAYED_CODE, NOW);
    const filled = appendCode(hinted, 'print(6 * 7)\n', NOW);
    const text = renderTrace(filled.trace);
    expect(text.endsWith(renderCode('print(6 * 7)', profile))).toBe(true);
    const block = filled.trace.segments.at(-1)!;
    expect(block).toMatchObject({ kind: 'code', closed: true });
    expect(codeContent(block, profile)).toMatchObject({ code: 'print(6 * 7)', canonical: true });
    expect(shape(filled)).toEqual(shape({ ...filled, trace: parseWithProfile(text, profile) }));
  });

  it('a new code block and prose after it keep the structure the parser finds', () => {
    const sample = appendProse(appendCode(sampleOf(id), 'x = 1', NOW), 'Then more.', NOW);
    const text = renderTrace(sample.trace);
    expect(shape(sample)).toEqual(shape({ ...sample, trace: parseWithProfile(text, profile) }));
  });
});
