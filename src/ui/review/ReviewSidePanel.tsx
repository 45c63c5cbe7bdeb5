import type { ReviewedSample } from '../../core/review';
import type { Sample } from '../../core/sample/types';
import { useStudioState } from '../app/StudioContext';
import { ChecksPanel } from '../checks/ChecksPanel';
import { CommentList } from './CommentList';
import { DiffView } from './DiffView';
import { HistoryList } from './HistoryList';
import { ReviewDialogs } from './ReviewDialogs';
import { ReviewStatusBar } from './ReviewStatusBar';
import { openSuggestions } from '../../store/review/annotations';
import './review.css';

/** The sample view's review column: status and decisions, checks, comments, history. */
export function ReviewSidePanel({ sample }: { sample: Sample }) {
  const reviewed = sample as ReviewedSample;
  const diffOpen = useStudioState((s) => s.review.diffOpen);
  const suggestions = openSuggestions(sample).length;
  const open = (reviewed.comments ?? []).filter((c) => !c.resolved).length;
  return (
    <aside className="review-side" aria-label="Review" data-testid="review-side">
      <section className="review-section">
        <h2 className="pane-title">Review</h2>
        <ReviewStatusBar sample={reviewed} />
      </section>
      <section className="review-section">
        <h2 className="pane-title">Checks</h2>
        <ChecksPanel sample={sample} />
        {suggestions > 0 && (
          <p className="review-hint-count" data-testid="suggestion-count">
            {suggestions} hint suggestion{suggestions === 1 ? '' : 's'} marked in the trace
          </p>
        )}
      </section>
      <section className="review-section">
        <h2 className="pane-title">Comments{open ? ` · ${open} open` : ''}</h2>
        <CommentList sample={reviewed} />
      </section>
      <section className="review-section">
        <h2 className="pane-title">History</h2>
        <HistoryList sample={reviewed} />
      </section>
      <ReviewDialogs sample={sample} />
      {diffOpen && <DiffView sample={sample} />}
    </aside>
  );
}
