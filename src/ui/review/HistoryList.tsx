import type { ReviewedSample } from '../../core/review';
import { useActions } from '../app/StudioContext';
import { formatWhen } from './formatWhen';

interface TimelineEntry {
  type: string;
  detail: string;
  by: string;
  at: string;
  segmentIds?: string[];
}

/**
 * The sample's history in time order: the recorded events (hints, cuts, continuations, edits,
 * runs, status changes) merged with the comments as they were written and resolved.
 */
export function timeline(sample: ReviewedSample): TimelineEntry[] {
  const entries: TimelineEntry[] = [...(sample.history ?? [])];
  for (const c of sample.comments ?? []) {
    entries.push({ type: 'comment', detail: `“${c.text}”`, by: c.by, at: c.at, segmentIds: [c.stepAnchor.segmentId] });
    if (c.resolvedBy) entries.push({ type: 'resolved', detail: `“${c.text}”`, by: c.resolvedBy.by, at: c.resolvedBy.at, segmentIds: [c.stepAnchor.segmentId] });
  }
  // A stable sort keeps same-instant entries in the order they were recorded.
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function HistoryList({ sample }: { sample: ReviewedSample }) {
  const actions = useActions();
  return (
    <ol className="stack-list history-list" data-testid="history-list">
      <li className="history-event">
        <span className="history-event__type">import</span>
        <span className="history-event__detail">
          {sample.origin.file}
          {sample.origin.line !== undefined && `:${sample.origin.line}`} ({sample.origin.format})
        </span>
        <span className="faint">{formatWhen(sample.createdAt)}</span>
      </li>
      {timeline(sample).map((e, i) => (
        <li key={i} className="history-event" data-testid="history-event" data-type={e.type}>
          <span className="history-event__type">{e.type}</span>
          <span className="history-event__detail">
            {e.segmentIds?.length ? (
              <button className="linkish" onClick={() => actions.revealSegment.run('button', e.segmentIds![0])} title="Show in the trace">
                {e.detail}
              </button>
            ) : (
              e.detail
            )}
          </span>
          <span className="faint">
            {e.by} · {formatWhen(e.at)}
          </span>
        </li>
      ))}
    </ol>
  );
}
