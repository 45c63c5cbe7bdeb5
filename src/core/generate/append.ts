/**
 * Append newly written text (a model's continuation, an annotator's typing) to the end of a
 * trace, keeping the trace's segment structure and every existing segment's identity.
 *
 * Only the last segment can change: a new text may close its open code block, continue its
 * prose, or turn a trailing partial fence into a block. So the last segment and the new text
 * are scanned together, and the result is split at the old end:
 * - pieces inside the old text keep the last segment's identity (the first) or its origin;
 * - a prose/answer piece crossing the old end is split there, unless the same author simply
 *   continues its own prose, which stays one segment;
 * - a code/output block crossing the old end stays one segment (a block cannot be split): it
 *   keeps the old id and, when another author fills it (the model completing the block a
 *   Hint-1 opened), takes that author as origin and records `meta.openedBy`;
 * - everything after the old end is the new author's.
 * `meta.incomplete` (a cancelled generation) is cleared once a segment is continued.
 */
import type { Origin, RawSegment, Segment, SegmentKind, Trace } from '../trace/types';
import { scanSegments, scanWithSyntax, withIdentity } from '../trace/parse';
import type { TraceSyntax } from '../trace/syntax';

export interface Author {
  origin: Origin;
  meta?: Record<string, unknown>;
}

/** Raw segments of `text` scanned as if it followed a think boundary: no second think-end. */
function asAnswerRegion(raws: RawSegment[]): RawSegment[] {
  const out: RawSegment[] = [];
  for (const raw of raws) {
    const kind: SegmentKind = raw.kind === 'code' || raw.kind === 'output' ? raw.kind : 'answer';
    const prev = out.at(-1);
    if (kind === 'answer' && prev?.kind === 'answer') prev.text += raw.text;
    else out.push({ ...raw, kind });
  }
  return out;
}

/**
 * Scan `text` in its position in the trace: `lineStart` says whether it begins a line (a fence
 * is only a fence at the start of a line), `afterThink` whether the think boundary lies before
 * it. `syntax`: the trace profile's (CoRT's fences when absent); tags are tags anywhere.
 */
export function scanInContext(text: string, lineStart: boolean, afterThink: boolean, syntax?: TraceSyntax): RawSegment[] {
  // A non-blank placeholder stands in for the rest of the line so a fence-looking start is prose.
  const prefix = lineStart || (syntax && syntax.kind !== 'fenced') ? '' : 'x';
  let raws = syntax && syntax.kind !== 'fenced' ? scanWithSyntax(text, syntax) : scanSegments(prefix + text);
  if (raws.length === 0) return raws;
  if (afterThink) raws = asAnswerRegion(raws);
  if (prefix) {
    const first = { ...raws[0], text: raws[0].text.slice(prefix.length) };
    raws = first.text ? [first, ...raws.slice(1)] : raws.slice(1);
  }
  return raws;
}

function withFields(base: Segment, raw: RawSegment): Segment {
  const seg: Segment = { ...base, kind: raw.kind, text: raw.text };
  delete seg.lang;
  delete seg.closed;
  if (raw.lang !== undefined) seg.lang = raw.lang;
  if (raw.closed !== undefined) seg.closed = raw.closed;
  return seg;
}

function authored(raw: RawSegment, id: string, author: Author): Segment {
  const seg = withIdentity(raw, id, author.origin);
  if (author.meta) seg.meta = { ...author.meta };
  return seg;
}

function continued(last: Segment, raw: RawSegment, author: Author): Segment {
  const seg = withFields(last, raw);
  const meta: Record<string, unknown> = { ...last.meta, ...author.meta };
  delete meta.incomplete;
  if (last.origin !== author.origin || last.hintType) {
    seg.origin = author.origin;
    delete seg.hintType;
    meta.openedBy = last.hintType ? { origin: last.origin, hintType: last.hintType } : { origin: last.origin };
  }
  if (Object.keys(meta).length > 0) seg.meta = meta;
  else delete seg.meta;
  return seg;
}

const isProseLike = (kind: SegmentKind) => kind === 'prose' || kind === 'answer';

/** `trace` with `text` appended by `author`; new segments get ids from `mintId`. `syntax`: the trace profile's. */
export function appendText(trace: Trace, text: string, author: Author, mintId: () => string, syntax?: TraceSyntax): Trace {
  if (text === '') return trace;
  const segments = trace.segments;
  const last = segments.at(-1);
  if (!last) return { segments: scanWithSyntax(text, syntax).map((raw) => authored(raw, mintId(), author)) };

  // SimpleTIR's output is only an output right after its code block: a closed block is final,
  // and the new text is scanned on its own.
  if (syntax?.kind === 'inline-fence' && (last.kind === 'code' || last.kind === 'output') && last.closed !== false) {
    const afterThink = segments.some((s) => s.kind === 'think-end');
    return { segments: [...segments, ...scanInContext(text, true, afterThink, syntax).map((raw) => authored(raw, mintId(), author))] };
  }
  const head = segments.slice(0, -1);
  const lineStart = head.length === 0 || head[head.length - 1].text.endsWith('\n');
  const afterThink = head.some((s) => s.kind === 'think-end');
  const raws = scanInContext(last.text + text, lineStart, afterThink, syntax);

  const boundary = last.text.length;
  // Same author continuing its own unmarked prose: keep one segment.
  const sameProseAuthor = last.origin === author.origin && !last.hintType;
  const out: Segment[] = [];
  let firstOldPiece = true;
  const oldPiece = (raw: RawSegment) => {
    out.push(firstOldPiece ? withFields(last, raw) : withFields({ ...last, id: mintId() }, raw));
    firstOldPiece = false;
  };

  let pos = 0;
  for (const raw of raws) {
    const start = pos;
    const end = (pos += raw.text.length);
    if (end <= boundary) {
      oldPiece(raw);
    } else if (start >= boundary) {
      out.push(authored(raw, mintId(), author));
    } else if (!isProseLike(raw.kind)) {
      // A block straddling the old end: one segment, continued from the old one if it began there.
      out.push(start === 0 ? continued(last, raw, author) : authored(raw, mintId(), author));
      firstOldPiece = false;
    } else if (sameProseAuthor) {
      out.push(continued(firstOldPiece ? last : { ...last, id: mintId() }, raw, author));
      firstOldPiece = false;
    } else {
      oldPiece({ ...raw, text: raw.text.slice(0, boundary - start) });
      out.push(authored({ ...raw, text: raw.text.slice(boundary - start) }, mintId(), author));
    }
  }
  return { segments: [...head, ...out] };
}
