/**
 * Converting a trace between profiles: prose, hints and the answer stay byte for byte; each
 * code call and each output is re-written in the target's markers with the same code and
 * result. The conversion is accepted only when it survives a round trip: the target text,
 * parsed as the target profile, converts back to exactly the original bytes.
 *
 * Where information does not allow it the round trip fails and says why: a block not written
 * the way its profile writes it (```py, CRLF fences, an unclosed block) is re-written in the
 * canonical form; SimpleTIR's text cannot say where an output ends that is followed by more
 * text without a blank line; a tool call whose JSON cannot be read has no code to carry.
 * Outputs keep their text: they are what the source profile's interpreter printed, not what
 * the target's would (its truncation, its semantics) — re-run them under the target for that.
 */
import type { Segment, Trace } from '../trace/types';
import type { Branch, Sample } from '../sample/types';
import { boundaryOf, renderTrace, segmentIdMinter, segmentOffsets } from '../trace';
import { sampleSegmentIdMinter } from '../hints/cut';
import type { TraceProfile } from './types';
import { codeContent, outputContent, renderCode, renderOutput } from './blocks';
import { parseWithProfile } from './parse';

export interface Conversion {
  trace: Trace;
  /** Why re-writing may change bytes, per block (empty when every block was canonical). */
  losses: string[];
}

function convertSegment(seg: Segment, at: number, from: TraceProfile, to: TraceProfile, losses: string[]): Segment {
  if (seg.kind !== 'code' && seg.kind !== 'output') return seg;
  const out: Segment = { ...seg, closed: true };
  delete out.lang;
  if (seg.closed === false) losses.push(`the ${seg.kind} block at offset ${at} is not closed`);
  if (seg.kind === 'code') {
    const call = codeContent(seg, from);
    if (!call) {
      losses.push(`the code call at offset ${at} cannot be read`);
      return seg;
    }
    if (!call.canonical && seg.closed !== false) losses.push(`the code block at offset ${at} is not written as ${from.name} writes it`);
    out.text = renderCode(call.code, to, call.input, to.code.kind === 'tool-call' && from.code.kind === 'tool-call' ? call.tool : null);
    if (to.code.kind === 'template' && to.syntax.kind !== 'tagged') out.lang = 'python';
    return out;
  }
  const result = outputContent(seg, from);
  if (!result.canonical && seg.closed !== false) losses.push(`the output block at offset ${at} is not written as ${from.name} writes it`);
  out.text = renderOutput(result.result, to);
  if (to.syntax.kind === 'fenced') out.lang = 'output';
  return out;
}

/**
 * Prose, boundary and answer as the target reads them: text before the target's boundary token
 * is prose, the token itself the think-end, text after it answer (a source boundary the target
 * does not have becomes plain text). A segment holding the token is split there.
 */
function relabelRegions(segments: Segment[], boundary: string | null, mintId: () => string): Segment[] {
  const out: Segment[] = [];
  let after = false;
  for (const seg of segments) {
    if (seg.kind === 'code' || seg.kind === 'output') {
      out.push(seg);
      continue;
    }
    const at = !after && boundary ? seg.text.indexOf(boundary) : -1;
    if (at < 0) {
      out.push({ ...seg, kind: after ? 'answer' : 'prose' });
      continue;
    }
    const pieces: Segment[] = [
      { ...seg, kind: 'prose' as const, text: seg.text.slice(0, at) },
      { ...seg, kind: 'think-end' as const, text: boundary! },
      { ...seg, kind: 'answer' as const, text: seg.text.slice(at + boundary!.length) },
    ].filter((piece) => piece.text !== '');
    pieces.forEach((piece, i) => out.push(i === 0 ? piece : { ...piece, id: mintId(), meta: { ...seg.meta, splitFrom: seg.id } }));
    after = true;
  }
  return out;
}

export function convertTrace(trace: Trace, from: TraceProfile, to: TraceProfile, mintId: () => string = segmentIdMinter(trace)): Conversion {
  const losses: string[] = [];
  const offsets = segmentOffsets(trace);
  const segments = trace.segments.map((seg, i) => convertSegment(seg, offsets[i], from, to, losses));
  return { trace: { segments: relabelRegions(segments, boundaryOf(to.syntax), mintId) }, losses };
}

export type RoundTrip = { ok: true; trace: Trace } | { ok: false; reason: string };

/** Kinds and texts with adjacent prose (or answer) pieces joined, as a parse would see them. */
function kindsAndTexts(t: Trace): string {
  const merged: { kind: string; text: string }[] = [];
  for (const s of t.segments) {
    const last = merged.at(-1);
    if (last && last.kind === s.kind && (s.kind === 'prose' || s.kind === 'answer')) last.text += s.text;
    else merged.push({ kind: s.kind, text: s.text });
  }
  return merged.map((s) => `${s.kind}\u0000${s.text}`).join('\u0001');
}

/** `trace` (in `from`) converted to `to`, if A→B→A gives the original bytes and B parses back to the same blocks. */
export function convertWithRoundTrip(trace: Trace, from: TraceProfile, to: TraceProfile, mintId?: () => string): RoundTrip {
  if (from.id === to.id) return { ok: true, trace };
  const forward = convertTrace(trace, from, to, mintId);
  const target = renderTrace(forward.trace);
  const reparsed = parseWithProfile(target, to);
  const original = renderTrace(trace);
  const back = renderTrace(convertTrace(reparsed, to, from).trace);
  if (back === original && kindsAndTexts(reparsed) === kindsAndTexts(forward.trace)) return { ok: true, trace: forward.trace };
  let at = 0;
  while (at < back.length && back[at] === original[at]) at++;
  const why = forward.losses.length
    ? forward.losses.join('; ')
    : kindsAndTexts(reparsed) !== kindsAndTexts(forward.trace)
      ? `the ${to.name} text does not parse back into the same blocks`
      : 'the blocks do not convert back to the same bytes';
  return { ok: false, reason: `converting ${from.name} → ${to.name} → ${from.name} changes the trace at offset ${at}: ${why}` };
}

/**
 * A sample converted to `to` (trace and branches); a branch keeps its attach point when the
 * point is a segment boundary of the trace, moved to the same boundary of the converted trace.
 */
export function convertSample(sample: Sample, from: TraceProfile, to: TraceProfile): { ok: true; sample: Sample } | { ok: false; reason: string } {
  const converted = convertWithRoundTrip(sample.trace, from, to, sampleSegmentIdMinter(sample));
  if (!converted.ok) return converted;
  const before = segmentOffsets(sample.trace);
  const after = segmentOffsets(converted.trace);
  const branches = sample.branches.map((b): Branch => {
    const i = before.indexOf(b.at);
    return { ...b, at: i >= 0 ? after[i] : b.at, segments: convertTrace({ segments: b.segments }, from, to).trace.segments };
  });
  return { ok: true, sample: { ...sample, trace: converted.trace, branches, profile: to.id } };
}
