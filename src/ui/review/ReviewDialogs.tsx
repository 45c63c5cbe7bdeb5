import { useState, type ReactNode } from 'react';
import type { Sample } from '../../core/sample/types';
import { stepsOf } from '../../store';
import { stepIndexOfAnchor } from '../../store/review/review';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';

interface ReviewDialogProps {
  title: string;
  testId: string;
  onCancel: () => void;
  onSubmit: () => void;
  canSubmit: boolean;
  submitLabel: string;
  children: ReactNode;
}

/** A review question: Escape cancels, Ctrl+Enter submits (plain Enter too when there is no textarea). */
function ReviewDialog({ title, testId, onCancel, onSubmit, canSubmit, submitLabel, children }: ReviewDialogProps) {
  return (
    <Dialog
      title={title}
      testId={testId}
      onClose={onCancel}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || e.currentTarget.querySelector('textarea') === null) && canSubmit) {
          e.preventDefault();
          onSubmit();
        }
      }}
      actions={
        <>
          <button className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button className="btn btn--primary" disabled={!canSubmit} onClick={onSubmit} data-testid={`${testId}-submit`}>
            {submitLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

/** Approval over failing checks: names them and will not approve without a written reason. */
function OverrideDialog({ sampleId, failing }: { sampleId: string; failing: { id: string; label: string; detail: string }[] }) {
  const actions = useActions();
  const [reason, setReason] = useState('');
  return (
    <ReviewDialog
      title="Approve despite failing checks?"
      testId="override-dialog"
      onCancel={() => actions.cancelOverride.run('button')}
      onSubmit={() => void actions.approveWithOverride.run('button', sampleId, reason)}
      canSubmit={!!reason.trim()}
      submitLabel="Approve with override"
    >
      <p className="modal__hint">These checks fail. The override and your reason are recorded with the approval.</p>
      <ul className="override-failing" data-testid="override-failing">
        {failing.map((c) => (
          <li key={c.id}>
            <strong>{c.label}</strong> — {c.detail}
          </li>
        ))}
      </ul>
      <label className="field">
        <span>Reason for approving anyway (required)</span>
        <textarea autoFocus className="input field__textarea field__textarea--short" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="override-reason" />
      </label>
    </ReviewDialog>
  );
}

function CommentDialog({ sample, anchor }: { sample: Sample; anchor: { segmentId: string; offset: number } }) {
  const actions = useActions();
  const [text, setText] = useState('');
  const index = stepIndexOfAnchor(sample, anchor);
  const step = index === undefined ? undefined : stepsOf(sample.trace)[index];
  const excerpt = step ? step.text.trim().slice(0, 140) : '';
  return (
    <ReviewDialog
      title={`Comment on step ${index === undefined ? '' : index + 1}`}
      testId="comment-dialog"
      onCancel={() => actions.cancelComment.run('button')}
      onSubmit={() => actions.addComment.run('button', sample.id, anchor, text)}
      canSubmit={!!text.trim()}
      submitLabel="Add comment"
    >
      {excerpt && <blockquote className="comment-excerpt">{excerpt}{step && step.text.trim().length > 140 ? '…' : ''}</blockquote>}
      <label className="field">
        <span>Comment (Ctrl+Enter to add)</span>
        <textarea autoFocus className="input field__textarea field__textarea--short" value={text} onChange={(e) => setText(e.target.value)} data-testid="comment-input" />
      </label>
    </ReviewDialog>
  );
}

function ReviewerNameDialog() {
  const actions = useActions();
  const [name, setName] = useState('');
  return (
    <ReviewDialog
      title="Who is reviewing?"
      testId="reviewer-dialog"
      onCancel={() => actions.cancelReviewerPrompt.run('button')}
      onSubmit={() => void actions.setReviewerName.run('button', name)}
      canSubmit={!!name.trim()}
      submitLabel="Save name"
    >
      <p className="modal__hint">Status changes and comments are signed with this name. It is saved in the settings.</p>
      <label className="field">
        <span>Reviewer name</span>
        <input autoFocus className="input" value={name} onChange={(e) => setName(e.target.value)} data-testid="reviewer-name" />
      </label>
    </ReviewDialog>
  );
}

/** Whichever review dialog is open for this sample. */
export function ReviewDialogs({ sample }: { sample: Sample }) {
  const review = useStudioState((s) => s.review);
  if (review.askReviewer) return <ReviewerNameDialog />;
  if (review.override?.sampleId === sample.id) return <OverrideDialog key={sample.id} sampleId={sample.id} failing={review.override.failing} />;
  if (review.commentDraft?.sampleId === sample.id) return <CommentDialog key={sample.id} sample={sample} anchor={review.commentDraft.anchor} />;
  return null;
}
