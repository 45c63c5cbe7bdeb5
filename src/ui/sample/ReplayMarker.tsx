/**
 * Where CoRT's replay will bite: a note under a code cell that CoRT will not replay at later
 * calls, or replays without some lines, with the reason and the names later cells read that
 * only this cell defines. The store derives the markers (store/python/replay.ts); this renders one.
 */
import type { Sample } from '../../core/sample/types';
import { replayMarkerOf, type ReplayMarker } from '../../store/python/replay';
import { useStudioState } from '../app/StudioContext';

export function useReplayMarker(sample: Sample, segmentId: string): ReplayMarker | undefined {
  return useStudioState((s) => replayMarkerOf(s, sample, segmentId));
}

export function ReplayMarkerNote({ marker }: { marker: ReplayMarker }) {
  const names = marker.missing;
  return (
    <p className="replay-marker" role="note" data-testid="replay-marker" data-reason={marker.reason}>
      <span className="chip chip--warn">{marker.reason === 'lost-lines' ? 'partly replayed' : 'not replayed'}</span>
      <span className="replay-marker__detail">{marker.detail}.</span>
      {names.length > 0 && (
        <span className="replay-marker__names" data-testid="replay-marker-names">
          Later cells will miss {names.length === 1 ? 'the name' : 'the names'}{' '}
          {names.map((n, i) => (
            <span key={n}>
              {i > 0 && ', '}
              <code>{n}</code>
            </span>
          ))}
          .
        </span>
      )}
    </p>
  );
}
