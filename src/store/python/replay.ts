/**
 * Where CoRT's replay will bite (core/exec/semantics `replayMarkers`), per code cell of a
 * sample: a cell CoRT will not replay at later calls, or replays without some lines, with the
 * reason and the names later cells read that only this cell defines. Only when the sample's
 * code runs under CoRT's semantics; the derivation is core's, kept here per trace so the view
 * reads it without re-deriving it on every cursor move.
 */
import { replayMarkers, type ReplayMarker } from '../../core/exec';
import type { Sample } from '../../core/sample/types';
import type { Trace } from '../../core/trace/types';
import { sampleSetup } from '../settings/execution';
import type { StudioSettings } from '../settings/state';

export type { ReplayMarker } from '../../core/exec';

interface Derived {
  settings: StudioSettings;
  prompt: string;
  profile: Sample['profile'];
  /** null: the sample's code does not run under CoRT's semantics. */
  markers: Map<string, ReplayMarker> | null;
}

const derived = new WeakMap<Trace, Derived>();

/** The replay markers of a sample's code cells, by code segment id (null when CoRT's replay does not apply). */
export function replayMarkersOf(state: { settings: StudioSettings }, sample: Sample): Map<string, ReplayMarker> | null {
  const hit = derived.get(sample.trace);
  if (hit && hit.settings === state.settings && hit.prompt === sample.prompt && hit.profile === sample.profile) return hit.markers;
  const setup = sampleSetup(state.settings, sample);
  const markers = setup.semantics === 'cort' ? new Map(replayMarkers(setup.context, sample.trace).map((m) => [m.codeSegmentId, m])) : null;
  derived.set(sample.trace, { settings: state.settings, prompt: sample.prompt, profile: sample.profile, markers });
  return markers;
}

/** The marker of one code cell, if CoRT's replay will bite there. */
export function replayMarkerOf(state: { settings: StudioSettings }, sample: Sample, segmentId: string): ReplayMarker | undefined {
  return replayMarkersOf(state, sample)?.get(segmentId);
}
