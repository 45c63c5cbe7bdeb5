/** Looking profiles up by id, and the profile a sample follows (CoRT unless it says otherwise). */
import type { Sample } from '../sample/types';
import type { TraceProfileId, TraceProfile } from './types';
import { BUILTIN_PROFILES, CORT_PROFILE } from './builtin';

export function isTraceProfileId(value: unknown): value is TraceProfileId {
  return typeof value === 'string' && BUILTIN_PROFILES.some((p) => p.id === value);
}

export function getProfile(id: TraceProfileId): TraceProfile {
  const profile = BUILTIN_PROFILES.find((p) => p.id === id);
  if (!profile) throw new Error(`Unknown trace profile "${id}" (known: ${BUILTIN_PROFILES.map((p) => p.id).join(', ')}).`);
  return profile;
}

/** The profile a sample follows: its `profile` field, CoRT when absent. */
export function profileOfSample(sample: Pick<Sample, 'profile'>): TraceProfile {
  return sample.profile === undefined ? CORT_PROFILE : getProfile(sample.profile);
}
