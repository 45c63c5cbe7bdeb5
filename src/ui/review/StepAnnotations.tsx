import { BUILT_IN_HINTS } from '../../core/hints';
import type { Sample } from '../../core/sample/types';
import type { Step } from '../../core/trace';
import { useActions } from '../app/StudioContext';
import { commentsByStep, openSuggestions } from '../../store/review/annotations';
import './review.css';

const hintName = (type: string) => BUILT_IN_HINTS.find((h) => h.type === type)?.name ?? type;

/** Where the suggested cut falls, quoted, so the annotator sees the exact spot before accepting. */
function cutExcerpt(step: Step, offset: number): string {
  const after = step.text.slice(offset - step.start).trimStart();
  return after.length > 70 ? `${after.slice(0, 67)}…` : after;
}

/** Below a step: hint suggestions (accept or dismiss, never automatic) and the comments anchored here. */
export function StepAnnotations({ sample, step }: { sample: Sample; step: Step }) {
  const actions = useActions();
  const suggestions = openSuggestions(sample).filter((s) => s.stepId === step.id);
  const comments = commentsByStep(sample).get(step.index) ?? [];
  if (!suggestions.length && !comments.length) return null;
  return (
    <div className="step-notes">
      {suggestions.map((s) => (
        <div key={`${s.hintType}${s.offset}`} className="suggestion" data-testid="suggestion" data-hint-type={s.hintType}>
          <div className="suggestion__head">
            <span className="suggestion__tag">Suggestion · {hintName(s.hintType)}</span>
            <span className="faint">score {s.score.toFixed(2)}</span>
          </div>
          <p className="suggestion__why" data-testid="suggestion-reason">
            {s.reason}
          </p>
          <p className="suggestion__at">
            cut before: <q>{cutExcerpt(step, s.offset)}</q>
          </p>
          <div className="suggestion__actions">
            <button className="btn btn--primary btn--small" data-testid="suggestion-accept" onClick={() => actions.acceptSuggestion.run('button', sample.id, s)}>
              Insert hint here
            </button>
            <button className="btn btn--ghost btn--small" data-testid="suggestion-dismiss" onClick={() => actions.dismissSuggestion.run('button', sample.id, s)}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
      {comments.map((c) => (
        <div key={c.id} className={`step-comment${c.resolved ? ' step-comment--resolved' : ''}`} data-testid="step-comment" data-resolved={c.resolved}>
          <span className="step-comment__by">{c.by}</span>
          <span className="step-comment__text">{c.text}</span>
          {c.resolved ? (
            <span className="faint">resolved by {c.resolvedBy?.by}</span>
          ) : (
            <button className="btn btn--ghost btn--small" onClick={() => actions.resolveComment.run('button', sample.id, c.id)}>
              Resolve
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
