import type { ReviewedSample } from '../../core/review';
import { stepIndexOfAnchor } from '../../store/review/review';
import { useActions } from '../app/StudioContext';
import { KeyHint } from './ReviewStatusBar';
import { formatWhen } from './formatWhen';

/** Every comment of the sample, open ones first; clicking one moves the cursor to its step. */
export function CommentList({ sample }: { sample: ReviewedSample }) {
  const actions = useActions();
  const comments = [...(sample.comments ?? [])].sort((a, b) => Number(a.resolved) - Number(b.resolved));
  if (!comments.length) {
    return (
      <p className="faint review-empty">
        No comments. Put the cursor on a step and press <KeyHint action={actions.startComment} />.
      </p>
    );
  }
  return (
    <ul className="stack-list comment-list" data-testid="comment-list">
      {comments.map((c) => {
        const step = stepIndexOfAnchor(sample, c.stepAnchor);
        return (
          <li key={c.id} className={`comment${c.resolved ? ' comment--resolved' : ''}`} data-testid="comment" data-resolved={c.resolved}>
            <button
              className="comment__step"
              disabled={step === undefined}
              onClick={() => step !== undefined && actions.setCursor.run('button', step)}
              title={step === undefined ? 'The commented text is no longer in the trace' : 'Show the step'}
            >
              {step === undefined ? 'gone' : `step ${step + 1}`}
            </button>
            <div className="comment__body">
              <span className="comment__text" data-testid="comment-text">
                {c.text}
              </span>
              <span className="faint">
                {c.by} · {formatWhen(c.at)}
                {c.resolvedBy && ` · resolved by ${c.resolvedBy.by}`}
              </span>
            </div>
            {!c.resolved && (
              <button className="btn btn--ghost btn--small" data-testid="comment-resolve" onClick={() => actions.resolveComment.run('button', sample.id, c.id)}>
                Resolve
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
