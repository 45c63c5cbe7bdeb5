/**
 * What an approval is of. `contentHash` covers the text a training export ships (problem,
 * prompt, ground truth, every segment's text and role); an edit that changes it takes the
 * sample out of the approved state. `editHash` covers everything a save may change (all but
 * the server-owned review fields and the append-only history) and decides whether a save made
 * from an older version would overwrite someone's edit.
 * `contentHash` is core's content fingerprint (core/review/approval), so the studio, the CLI
 * and the server bind an approval to the same bytes.
 */
import { createHash } from 'node:crypto';
import { approvedContentOf, contentFingerprint } from '../../core/review/approval';
import type { ReviewedSample } from '../../core/review/types';
import type { Sample } from '../../core/sample/types';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function contentHash(sample: Sample): string {
  return contentFingerprint(approvedContentOf(sample));
}

/**
 * Everything but SERVER_OWNED_FIELDS (status, review, comments, approval), the history, and
 * updatedAt (which a status change moves too, and which says when, not what).
 */
export function editHash(sample: ReviewedSample): string {
  const { status: _s, review: _r, comments: _c, approval: _a, history: _h, updatedAt: _u, ...edits } = sample;
  return sha256(JSON.stringify(edits));
}
