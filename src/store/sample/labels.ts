/**
 * Step labels from the keyboard (PRM800K's ratings: +1 good, 0 neutral, −1 bad): the step under
 * the cursor is rated, cleared, or its rating moved on; each rating is one undo step and is saved
 * with the sample (Sample.stepLabels, core/sample/stepLabels.ts). The first step rated bad is the
 * first error: where a `prm` record ends.
 */
import { firstErrorStep, setStepLabel } from '../../core/sample/stepLabels';
import type { Sample, StepRating } from '../../core/sample/types';
import { defineCommand, type Call } from '../commands/types';
import type { StudioContext } from '../context';
import { reviewerName } from '../review/state';
import type { StudioState } from '../state';
import { sampleInView } from './selectors';
import { stepsOf } from './steps';

export const RATING_NAME: Record<StepRating, 'good' | 'neutral' | 'bad'> = { 1: 'good', 0: 'neutral', [-1]: 'bad' };

// Every step row asks whether it is the first error: one pass per sample object, not one per row.
const firstErrorBySample = new WeakMap<Sample, string | null>();

/** Id of the sample's first step rated bad (the first error), or null; labels of steps gone are ignored. */
export function firstErrorStepId(sample: Sample): string | null {
  if (!sample.stepLabels) return null;
  let id = firstErrorBySample.get(sample);
  if (id === undefined) {
    id = stepsOf(sample.trace).find((step) => sample.stepLabels![step.id]?.rating === -1)?.id ?? null;
    firstErrorBySample.set(sample, id);
  }
  return id;
}

/** Labels change only while nothing else writes the sample (a continuation streaming in, an editor open). */
const labelling = (s: StudioState) => !!sampleInView(s) && s.generation === null && s.editingStepId === null && s.composer === null;

export function stepLabelCommands(ctx: StudioContext) {
  const { get, set } = ctx;

  /** Rates (or, with null, unrates) the cursor step of the sample in view. */
  function rateCursorStep(call: Call, rating: StepRating | null): boolean {
    const state = get();
    const sample = sampleInView(state);
    const step = sample && stepsOf(sample.trace)[state.cursorStep];
    if (!sample || !step) return false;
    const label = rating === null ? `Clear label of step ${step.index + 1}` : `Label step ${step.index + 1} ${RATING_NAME[rating]}`;
    const by = reviewerName(state) || undefined;
    return call.write(sample.id, (s) => setStepLabel(s, step.id, rating, ctx.clock.now(), by), { label });
  }

  const rate = (id: string, label: string, keys: string[], rating: StepRating | null) =>
    defineCommand({
      id,
      label,
      group: 'Review',
      scope: 'sample',
      keys,
      when: labelling,
      capture: { undo: label },
      perform: (call) => rateCursorStep(call, rating),
    });

  return {
    labelStepGood: rate('labelStepGood', 'Label step good (+1)', ['+', '='], 1),
    labelStepNeutral: rate('labelStepNeutral', 'Label step neutral (0)', ['0'], 0),
    labelStepBad: rate('labelStepBad', 'Label step bad (−1)', ['-'], -1),
    clearStepLabel: rate('clearStepLabel', 'Clear step label', ['Backspace'], null),
    /** Moves the cursor to the first step rated bad. */
    goToFirstError: defineCommand({
      id: 'goToFirstError',
      label: 'Go to the first error (first step labelled bad)',
      group: 'Review',
      scope: 'sample',
      keys: ['f'],
      when: (s) => {
        const sample = sampleInView(s);
        return !!sample && !!sample.stepLabels && firstErrorStep(sample) !== null;
      },
      capture: 'none',
      perform: () => {
        const sample = sampleInView(get());
        const step = sample && firstErrorStep(sample);
        if (!step) return false;
        set({ cursorStep: step.index, caretOffset: null });
        return true;
      },
    }),
  };
}
