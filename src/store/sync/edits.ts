/**
 * Whether two copies of a sample differ in what a save may change: everything but the
 * server-owned review fields, the append-only history and `updatedAt` (which a status change
 * moves too). The server's `editHash` (server/review/fingerprint.ts) draws the same line; key
 * order does not count, so a copy the server wrote back compares equal to ours.
 */
import { canonicalJson } from '../../core/export/canonical-json';
import type { Sample } from '../../core/sample/types';

function editsOf(sample: Sample): string {
  const { status: _s, updatedAt: _u, ...rest } = sample as Sample & Record<string, unknown>;
  const { review: _r, comments: _c, approval: _a, history: _h, ...edits } = rest;
  return canonicalJson(edits);
}

export function sameEdits(a: Sample, b: Sample): boolean {
  return editsOf(a) === editsOf(b);
}
