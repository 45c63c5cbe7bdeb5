import { useMemo } from 'react';
import { SampleAssignmentLine } from '../team/SampleAssignmentLine';
import { allowedTransitions, approvalState, CONTENT_FIELD_WORDS, type ReviewedSample } from '../../core/review';
import type { ReviewStatus } from '../../core/sample/types';
import { queuePosition } from '../../store/review/queue';
import { useActions, useStudioState } from '../app/StudioContext';
import { KeyHint } from '../palette/KeyCaps';
import { formatWhen } from './formatWhen';

type StatusActionName = 'submitForReview' | 'approveSample' | 'requestChanges' | 'rejectSample';

const STATUS_BUTTONS: { to: ReviewStatus; action: StatusActionName; primary?: boolean }[] = [
  { to: 'ready', action: 'submitForReview', primary: true },
  { to: 'approved', action: 'approveSample', primary: true },
  { to: 'changes-requested', action: 'requestChanges' },
  { to: 'rejected', action: 'rejectSample' },
];

export { KeyHint };

/**
 * Where the sample stands against its approval: nothing to say while the approved content is
 * untouched; otherwise what changed since, and the way to the diff.
 */
function ApprovalNotice({ sample }: { sample: ReviewedSample }) {
  const actions = useActions();
  const state = approvalState(sample);
  if (state.status === 'changed-since-approval') {
    const { by, at } = state.approval!;
    return (
      <div className="review-approval" role="status" data-testid="approval-changed">
        <span>
          <strong>Changed since approval</strong> by {by} ({formatWhen(at)}): {state.changed.map((f) => CONTENT_FIELD_WORDS[f]).join(', ')} edited. An “approved
          only” export holds it back until the changes are approved.
        </span>
        <button className="btn btn--small" onClick={() => actions.showDiff.run('button', 'approved')} data-testid="review-show-approval-diff">
          Show changes since approval
        </button>
      </div>
    );
  }
  if (state.status === 'unverifiable') {
    return (
      <p className="review-approval" role="status" data-testid="approval-unverifiable">
        Marked approved, but no approval of its content is recorded: approve it again to export it.
      </p>
    );
  }
  return null;
}

/** Status, who set it and when, the transitions allowed from here, and the queue position. */
export function ReviewStatusBar({ sample }: { sample: ReviewedSample }) {
  const actions = useActions();
  const notice = useStudioState((s) => (s.review.notice?.sampleId === sample.id ? s.review.notice.text : null));
  const samples = useStudioState((s) => s.samples);
  const entries = useStudioState((s) => s.entries);
  const reviewPrefs = useStudioState((s) => s.reviewPrefs);
  const assigned = useStudioState((s) => s.filters.assigned);
  const server = useStudioState((s) => s.sync.server);
  const queue = useMemo(() => queuePosition({ samples, entries, reviewPrefs, filters: { assigned }, sync: { server } }, sample.id), [samples, entries, reviewPrefs, assigned, server, sample.id]);
  const allowed = allowedTransitions(sample);
  const review = sample.review;
  const approval = approvalState(sample).status;
  const stale = approval === 'changed-since-approval' || approval === 'unverifiable';

  return (
    <div className="review-status" data-testid="review-status">
      <div className="review-status__line">
        <span className={`status status--${sample.status}`} data-testid="review-status-value">
          {sample.status}
        </span>
        {stale && (
          <span className={`status status--${approval}`} data-testid="approval-state">
            {approval === 'changed-since-approval' ? 'changed since approval' : 'approval unverifiable'}
          </span>
        )}
        {review && (
          <span className="faint" data-testid="review-stamp">
            by {review.by} · {formatWhen(review.at)}
          </span>
        )}
      </div>
      <SampleAssignmentLine sampleId={sample.id} />
      <ApprovalNotice sample={sample} />
      {review?.overrideReason && (
        <p className="review-override" data-testid="review-override">
          Approved over failing checks ({review.overriddenChecks?.join(', ')}): “{review.overrideReason}”
        </p>
      )}
      <div className="review-buttons">
        {STATUS_BUTTONS.map(({ to, action, primary }) => (
          <button
            key={to}
            className={`btn btn--small${primary ? ' btn--primary' : ''}`}
            disabled={!allowed.includes(to)}
            data-testid={`review-${to}`}
            onClick={() => void actions[action].run('button', sample.id)}
          >
            {to === 'approved' && stale ? 'Approve changes' : actions[action].label} <KeyHint action={actions[action]} />
          </button>
        ))}
        {allowed.includes('draft') && (
          <button className="btn btn--ghost btn--small" data-testid="review-draft" onClick={() => void actions.reopenSample.run('button', sample.id)}>
            {actions.reopenSample.label}
          </button>
        )}
      </div>
      {notice && (
        <p className="review-notice" role="alert" data-testid="review-notice">
          {notice}
        </p>
      )}
      <p className="review-queue" data-testid="review-queue">
        Review queue {queue.index ? `${queue.index} / ${queue.total}` : `(${queue.total} waiting)`} · <KeyHint action={actions.queuePrev} /> previous{' '}
        <KeyHint action={actions.queueNext} /> next · <KeyHint action={actions.startComment} /> comment · <KeyHint action={actions.toggleDiff} /> diff
      </p>
    </div>
  );
}
