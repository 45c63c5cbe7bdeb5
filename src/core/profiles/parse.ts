/** Parsing and masking under a profile: the trace core with the profile's syntax. */
import type { Origin, Trace } from '../trace/types';
import { parseTrace, reparseTrace, segmentOffsets } from '../trace';
import type { TraceProfile } from './types';

/** `renderTrace(parseWithProfile(s, p)) === s` for every string and profile. */
export function parseWithProfile(text: string, profile: TraceProfile, origin: Origin = 'imported'): Trace {
  return parseTrace(text, origin, profile.syntax);
}

export function reparseWithProfile(previous: Trace, text: string, profile: TraceProfile, origin: Origin = 'annotator'): Trace {
  return reparseTrace(previous, text, origin, profile.syntax);
}

/**
 * [start, end) UTF-16 ranges of `renderTrace(trace)` the interpreter wrote: every output
 * segment, less the prefix the model itself generated (ToRL's "```output" stop string).
 * Training never computes a loss on these.
 */
export function interpreterRanges(trace: Trace, profile: TraceProfile): Array<[number, number]> {
  const offsets = segmentOffsets(trace);
  const ranges: Array<[number, number]> = [];
  const prefix = profile.mask.trainedPrefix;
  trace.segments.forEach((seg, i) => {
    if (seg.kind !== 'output') return;
    const skip = prefix && seg.text.startsWith(prefix) ? prefix.length : 0;
    if (seg.text.length > skip) ranges.push([offsets[i] + skip, offsets[i + 1]]);
  });
  return ranges;
}

/** The text cut into pieces the model wrote (trained) and pieces the interpreter wrote (masked), in order. */
export function trainingSpans(text: string, ranges: ReadonlyArray<[number, number]>): { text: string; train: boolean }[] {
  const pieces: { text: string; train: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) pieces.push({ text: text.slice(at, start), train: true });
    if (end > start) pieces.push({ text: text.slice(start, end), train: false });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), train: true });
  return pieces;
}
