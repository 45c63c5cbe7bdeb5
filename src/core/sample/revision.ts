/**
 * What a sample's derived facts (token count, quick checks) depend on, as one hash: the trace
 * (its text and its code cells' roles), the imported trace, the ground truth and the trace profile. Keyed on
 * content rather than `updatedAt`, because a status change or a comment also bumps
 * `updatedAt` and changes none of these facts.
 */
import { renderTrace } from '../trace';
import { hashHex } from '../util';
import type { Sample } from './types';

const revisions = new WeakMap<Sample, string>();

/** The content revision of a sample (cached per sample object: one is replaced on every edit). */
export function contentRevision(sample: Sample): string {
  let revision = revisions.get(sample);
  if (revision === undefined) {
    const roles = sample.trace.segments.map((s) => (s.kind === 'code' ? String(s.meta?.codeRole ?? '') : '')).join(',');
    revision = hashHex([sample.gtAnswer ?? '', sample.original, renderTrace(sample.trace), roles, sample.profile ?? ''].join('\u0000'));
    revisions.set(sample, revision);
  }
  return revision;
}
