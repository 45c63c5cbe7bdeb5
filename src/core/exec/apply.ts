/**
 * Putting an interpreter result into a trace, and comparing a recorded output with a
 * reproduced one.
 */
import type { Segment, Trace } from '../trace/types';
import { codeBody, nextSegmentId, type SegmentInit } from '../trace';
import type { RunResult } from './types';
import { CORT_KEEP } from './format';
import { CORT_PROFILE } from '../profiles/builtin';
import { renderOutput } from '../profiles/blocks';
import type { TraceProfile } from '../profiles/types';

/** An output segment holding `result` exactly as the profile's harness appends it (CoRT: "```output\n" + result + "\n```\n"). */
export function profileOutputSegment(result: string, profile: TraceProfile, init: SegmentInit & { id: string }): Segment {
  const seg: Segment = { id: init.id, kind: 'output', text: renderOutput(result, profile), origin: init.origin ?? 'interpreter', closed: true };
  if (profile.syntax.kind === 'fenced') seg.lang = 'output';
  if (init.meta) seg.meta = init.meta;
  return seg;
}

/**
 * The trace with `result` as the output block right after the code segment
 * `codeSegmentId`: an existing output block there is replaced (keeping its id, so
 * references to it survive a re-run), otherwise a new one is inserted. The block text is
 * exactly the profile's (CoRT's "```output\n" + output + "\n```\n" by default); origin is
 * 'interpreter'. A result the profile appends nothing for (SimpleTIR, nothing printed) removes
 * the output block. Returns the same trace when the id is not a code segment.
 */
export function applyRunResult(trace: Trace, codeSegmentId: string, result: RunResult, profile: TraceProfile = CORT_PROFILE): Trace {
  const index = trace.segments.findIndex((s) => s.id === codeSegmentId);
  if (index === -1 || trace.segments[index]!.kind !== 'code') return trace;
  const existing = trace.segments[index + 1];
  const replaces = existing?.kind === 'output';
  const segments = trace.segments.slice();
  if (result.omitted) {
    if (replaces) segments.splice(index + 1, 1);
    return { ...trace, segments };
  }
  // `ranCode` lets the UI mark the output stale once the code above it is edited.
  const meta: Record<string, unknown> = { status: result.status, durationMs: Math.round(result.durationMs), ranCode: codeBody(trace.segments[index]!) };
  if (result.message) meta.message = result.message;
  const output = profileOutputSegment(result.output, profile, { id: replaces ? existing.id : nextSegmentId(trace), origin: 'interpreter', meta });
  segments.splice(index + 1, replaces ? 1 : 0, output);
  return { ...trace, segments };
}

/** How a recorded output relates to the one the interpreter reproduces now. */
export type OutputComparison =
  | { equal: true; how: 'exact' | 'final-exception-line' }
  | { equal: false };

/**
 * Equal when the texts match exactly (ignoring surrounding blank space and CRLF), or — for
 * tracebacks, whose frames name files and lines of the machine that recorded them — when the
 * reproduced output is a traceback and the recorded one is a traceback or a single line, and
 * both end in the same final exception line (`ZeroDivisionError: division by zero`).
 */
export function compareOutputs(recorded: string, reproduced: string): OutputComparison {
  const a = normalize(recorded);
  const b = normalize(reproduced);
  if (a === b) return { equal: true, how: 'exact' };
  const recordedIsError = isTraceback(a) || !a.includes('\n');
  if (recordedIsError && isTraceback(b) && sameEnding(a, b)) return { equal: true, how: 'final-exception-line' };
  return { equal: false };
}

/** The last 400 characters of a result CoRT truncated (400 + "..." + 400), else undefined. */
function truncatedTail(text: string): string | undefined {
  const points = Array.from(text);
  if (points.length !== 2 * CORT_KEEP + 3 || points.slice(CORT_KEEP, CORT_KEEP + 3).join('') !== '...') return undefined;
  return points.slice(-CORT_KEEP).join('');
}

/**
 * Whether two tracebacks end alike. Their frames differ (CoRT's name its executor's files),
 * so a truncated one keeps a different cut of the same ending: compare what both still show
 * — the last 400 characters against the other's ending, aligned at a line start.
 */
function sameEnding(a: string, b: string): boolean {
  const lastA = withoutSuggestion(finalExceptionLine(a));
  const lastB = withoutSuggestion(finalExceptionLine(b));
  if (lastA === lastB) return true;
  const tailA = truncatedTail(a);
  const tailB = truncatedTail(b);
  if (tailA !== undefined && tailB !== undefined) return tailA === tailB;
  const [tail, other] = tailA !== undefined ? [tailA, b] : tailB !== undefined ? [tailB, a] : [undefined, ''];
  if (tail === undefined) return false;
  const otherPoints = Array.from(other);
  return otherPoints.slice(-CORT_KEEP).join('') === tail || tail.endsWith('\n' + withoutSuggestion(finalExceptionLine(other)));
}

function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n').trim();
}

/** Python tracebacks start with this line; a truncated one (400 + ... + 400) still does. */
function isTraceback(text: string): boolean {
  return text.startsWith('Traceback (most recent call last):') || /^\s*File "[^"]*", line \d+/.test(text);
}

/**
 * The last line as CPython ≤ 3.11's traceback module prints it: 3.12+ appends
 * ". Did you mean: 'x'?" or ". Did you forget to import 'x'?" to NameError, AttributeError and
 * ImportError, so traces recorded under either version compare equal.
 */
function withoutSuggestion(line: string): string {
  return line.replace(/\. (?:Did you mean: '[^']*'|Did you forget to import '[^']*')\?$/, '');
}

/** The last non-blank line of a traceback: the exception type and message. */
export function finalExceptionLine(text: string): string {
  const lines = normalize(text).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line) return line;
  }
  return '';
}
