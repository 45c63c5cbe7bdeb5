import { useDeferredValue, useMemo } from 'react';
import { queuedSamples } from '../../store/review/queue';
import { useActions, useStudioState } from '../app/StudioContext';
import { KeyHint } from './ReviewStatusBar';

/** Header buttons into the review queue and the curation dashboard. */
export function CurationNav() {
  const actions = useActions();
  // Deferred (an interruptible render): counting the queue goes over every entry, and a big
  // library's reload merges pages of them.
  const samples = useDeferredValue(useStudioState((s) => s.samples));
  const entries = useDeferredValue(useStudioState((s) => s.entries));
  const reviewPrefs = useStudioState((s) => s.reviewPrefs);
  const assigned = useStudioState((s) => s.filters.assigned);
  const server = useStudioState((s) => s.sync.server);
  const waiting = useMemo(() => queuedSamples({ samples, entries, reviewPrefs, filters: { assigned }, sync: { server } }).length, [samples, entries, reviewPrefs, assigned, server]);
  return (
    <>
      <button className="btn" data-testid="open-dashboard" onClick={() => actions.openDashboard.run('button')}>
        Dashboard
      </button>
      <button className="btn" data-testid="start-queue" disabled={!waiting} onClick={() => actions.queueNext.run('button')} title="Open the first sample waiting for review">
        Review queue ({waiting}) <KeyHint action={actions.queueNext} />
      </button>
    </>
  );
}
