/**
 * Where CoRT's replay will bite (core/exec/semantics `replayMarkers`): a note under a code
 * cell that CoRT will not replay at later calls, or replays without some lines, with the
 * reason and the names later cells read that only this cell defines. Shown under the cort
 * profile only; the derivation is in core, this only renders it.
 */
import { useMemo } from 'react';
import { replayMarkers, type ReplayMarker } from '../../core/exec';
import type { Sample } from '../../core/sample/types';
import type { Trace } from '../../core/trace/types';
import { sampleSetup } from '../../store/settings/execution';
import { useStudioState } from '../app/StudioContext';

/** One derivation per trace and prompt context, shared by every cell of the sample. */
const cache = new WeakMap<Trace, { context: string; markers: Map<string, ReplayMarker> }>();

function markersOf(trace: Trace, context: string): Map<string, ReplayMarker> {
  const hit = cache.get(trace);
  if (hit && hit.context === context) return hit.markers;
  const markers = new Map(replayMarkers(context, trace).map((m) => [m.codeSegmentId, m]));
  cache.set(trace, { context, markers });
  return markers;
}

export function useReplayMarker(sample: Sample, segmentId: string): ReplayMarker | undefined {
  const settings = useStudioState((s) => s.settings);
  // Rendering the chat template once per prompt and settings, not on every cursor move.
  const setup = useMemo(() => sampleSetup(settings, sample), [settings, sample.prompt, sample.profile]); // eslint-disable-line react-hooks/exhaustive-deps
  if (setup.semantics !== 'cort') return undefined;
  return markersOf(sample.trace, setup.context).get(segmentId);
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
