/**
 * Re-parse a trace after its text was edited, keeping the identity (id, origin, hint type,
 * provenance) of every segment whose kind and text did not change. Selections, review
 * comments and hint markers keyed by segment id therefore survive edits elsewhere.
 */
import { diffArrays } from 'diff';
import type { Origin, Segment, Trace } from './types';
import { scanWithSyntax, withIdentity } from './parse';
import type { TraceSyntax } from './syntax';
import { segmentIdMinter } from './segment';

/** Kind and text together decide whether a segment is "unchanged". */
const segmentKey = (s: { kind: string; text: string }) => `${s.kind}\u0000${s.text}`;

/**
 * Parse `text` and match its segments against `previous` (longest common subsequence on
 * kind + text). Matched segments keep their identity; new ones get fresh `s<n>` ids and
 * `origin` (default 'annotator': the person edited the text). `syntax`: the sample's profile
 * syntax (CoRT's when absent).
 */
export function reparseTrace(previous: Trace, text: string, origin: Origin = 'annotator', syntax?: TraceSyntax): Trace {
  const raws = scanWithSyntax(text, syntax);
  const changes = diffArrays(previous.segments.map(segmentKey), raws.map(segmentKey));
  const mintId = segmentIdMinter(previous);
  const segments: Segment[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const change of changes) {
    if (change.removed) {
      oldAt += change.count;
      continue;
    }
    for (let i = 0; i < change.count; i++) {
      const raw = raws[newAt++];
      if (change.added) {
        segments.push(withIdentity(raw, mintId(), origin));
      } else {
        // Same kind and text, so lang/closed are the same too; keep everything the old one had.
        segments.push({ ...previous.segments[oldAt++] });
      }
    }
  }
  return { segments };
}
