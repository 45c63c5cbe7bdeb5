/**
 * A step's label (PRM800K's +1 good / 0 neutral / −1 bad) where the annotator reads the step:
 * a chip in the gutter, "first error" on the first bad step, and on the cursor step the three
 * ratings as buttons that run the same commands as their keys.
 */
import type { Sample, StepRating } from '../../core/sample/types';
import type { Step } from '../../core/trace';
import { firstErrorStepId, RATING_NAME } from '../../store/sample/labels';
import { stepsOf } from '../../store/sample/steps';
import { useActions } from '../app/StudioContext';
import { KeyHint } from '../palette/KeyCaps';

export const RATING_TEXT: Record<StepRating, string> = { 1: '+1', 0: '0', [-1]: '−1' };
const RATING_CHIP: Record<StepRating, string> = { 1: 'chip--ok', 0: '', [-1]: 'chip--bad' };

/** The gutter's mark: the rating, and whether this step is the first error. */
export function StepLabelMark({ sample, step }: { sample: Sample; step: Step }) {
  const label = sample.stepLabels?.[step.id];
  if (!label) return null;
  const firstError = firstErrorStepId(sample) === step.id;
  return (
    <>
      <span
        className={`chip step-label step-label--${RATING_NAME[label.rating]} ${RATING_CHIP[label.rating]}`}
        data-testid="step-label"
        data-rating={label.rating}
        title={`Labelled ${RATING_NAME[label.rating]}${label.by ? ` by ${label.by}` : ''} (${label.at.slice(0, 16).replace('T', ' ')})`}
      >
        {RATING_TEXT[label.rating]}
      </span>
      {firstError && (
        <span className="chip chip--bad step-label__first-error" data-testid="step-first-error" title="The first step labelled bad: a step-label (prm) record ends here">
          first error
        </span>
      )}
    </>
  );
}

/** On the cursor step: rate it with a click (the same commands as + 0 − and Backspace). */
export function StepLabelBar({ sample, step }: { sample: Sample; step: Step }) {
  const actions = useActions();
  const current = sample.stepLabels?.[step.id]?.rating;
  const button = (rating: StepRating, action: typeof actions.labelStepGood) => (
    <button
      key={rating}
      className={`btn btn--small step-label-bar__rate${current === rating ? ` step-label-bar__rate--on step-label--${RATING_NAME[rating]}` : ''}`}
      aria-pressed={current === rating}
      onMouseDown={(e) => e.stopPropagation()}
      onClick={() => action.run('button')}
      data-testid={`step-label-${RATING_NAME[rating]}`}
    >
      {RATING_TEXT[rating]} {RATING_NAME[rating]} <KeyHint action={action} />
    </button>
  );
  return (
    <div className="step-label-bar" data-testid="step-label-bar" role="group" aria-label="Label this step">
      <span className="step-label-bar__title">Step label</span>
      {button(1, actions.labelStepGood)}
      {button(0, actions.labelStepNeutral)}
      {button(-1, actions.labelStepBad)}
      {(step.kind === 'output' || step.kind === 'think-end') && (
        <span className="step-label-bar__note" data-testid="step-label-note">
          a step-label export judges this together with the step before it; rate that one
        </span>
      )}
      {current !== undefined && (
        <button className="btn btn--small btn--ghost" onMouseDown={(e) => e.stopPropagation()} onClick={() => actions.clearStepLabel.run('button')} data-testid="step-label-clear">
          clear <KeyHint action={actions.clearStepLabel} />
        </button>
      )}
    </div>
  );
}

const excerpt = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
};

/** The labelled steps of the current trace, in order (the diff view shows them above the text). */
export function StepLabelList({ sample }: { sample: Sample }) {
  if (!sample.stepLabels) return null;
  const errorId = firstErrorStepId(sample);
  const labelled = stepsOf(sample.trace).filter((s) => sample.stepLabels![s.id]);
  if (!labelled.length) return null;
  return (
    <ol className="step-label-list" data-testid="step-label-list" aria-label="Step labels">
      {labelled.map((s) => {
        const rating = sample.stepLabels![s.id].rating;
        return (
          <li key={s.id} data-testid="step-label-list-item" data-rating={rating}>
            <span className={`chip step-label ${RATING_CHIP[rating]}`}>{RATING_TEXT[rating]}</span>
            <span className="step-label-list__step">step {s.index + 1}</span>
            {s.id === errorId && <span className="chip chip--bad">first error</span>}
            <span className="step-label-list__text">{excerpt(s.text)}</span>
          </li>
        );
      })}
    </ol>
  );
}
