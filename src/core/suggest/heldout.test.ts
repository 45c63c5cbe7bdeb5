/**
 * Held-out measurement of hint suggestions: the excerpts in fixtures/heldout.ts were written
 * and labelled without seeing the detector, so these figures estimate how it does on traces it
 * was not tuned on. Matching follows suggest.test.ts: a suggestion counts when a label of the
 * same hint type names a phrase in the suggestion's step. Only a low precision floor is
 * asserted, so the test catches a broken detector without encoding tuning.
 */
import { describe, expect, it } from 'vitest';
import { buildSteps, parseTrace, type Step } from '../trace';
import { HELD_OUT_EXCERPTS } from './fixtures/heldout';
import { describeScore, measureSuggestions } from './testing/measure';

function stepsOf(text: string): Step[] {
  return buildSteps(parseTrace(text));
}

describe('held-out hint excerpts', () => {
  it('has 30-40 excerpts with both hint types and hard negatives', () => {
    const labels = HELD_OUT_EXCERPTS.flatMap((e) => e.expected);
    expect(HELD_OUT_EXCERPTS.length).toBeGreaterThanOrEqual(30);
    expect(HELD_OUT_EXCERPTS.length).toBeLessThanOrEqual(40);
    expect(labels.filter((l) => l.hintType === 'hint-1').length).toBeGreaterThanOrEqual(10);
    expect(labels.filter((l) => l.hintType === 'hint-2').length).toBeGreaterThanOrEqual(8);
    expect(HELD_OUT_EXCERPTS.filter((e) => e.expected.length === 0).length).toBeGreaterThanOrEqual(10);
    expect(new Set(HELD_OUT_EXCERPTS.map((e) => e.name)).size).toBe(HELD_OUT_EXCERPTS.length);
  });

  it('names each labelled paragraph unambiguously, in the thinking, where its hint type can go', () => {
    for (const ex of HELD_OUT_EXCERPTS) {
      const steps = stepsOf(ex.text);
      for (const label of ex.expected) {
        const where = `${ex.name}: "${label.paragraphContains}"`;
        const holding = steps.filter((s) => s.text.includes(label.paragraphContains));
        expect(holding.length, where).toBe(1);
        const [step] = holding;
        // Hints are cut into the thinking, never into code, output or the final answer.
        expect(step.kind, where).toBe('paragraph');
        // Hint-2 answers a printed result, so an output block must come before its paragraph.
        if (label.hintType === 'hint-2') expect(steps.slice(0, step.index).some((s) => s.kind === 'output'), where).toBe(true);
      }
    }
  });

  it('measures precision and recall of suggestHints on unseen excerpts', () => {
    const r = measureSuggestions(HELD_OUT_EXCERPTS);
    console.log(describeScore('held-out hint suggestions', r, HELD_OUT_EXCERPTS.length));
    // A sanity floor, not a tuning target: below it the detector is more often wrong than right.
    expect(r.predicted).toBeGreaterThan(0);
    expect(r.precision).toBeGreaterThanOrEqual(0.5);
  });
});
