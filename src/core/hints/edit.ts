/**
 * Manual continuation and prose edits: the annotator writing the trace by hand after a hint
 * (or instead of the model). Structure stays what the parser would find in the text, so
 * render → parse keeps giving the same segments. What the annotator writes takes the trace's
 * line-ending convention (a CRLF trace gets CRLF text; see lineEndings.ts).
 */
import type { Segment } from '../trace/types';
import type { Sample } from '../sample/types';
import { codeBlockText } from '../trace';
import { appendText, scanInContext } from '../generate/append';
import { sampleSegmentIdMinter } from './cut';
import { conformToTrace, lineEndingOf, withLineEnding } from './lineEndings';

/** An edit that would break the trace's structure; `message` says what to do instead. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

/** Append prose the annotator typed at the end of the trace (it may also close an open block). */
export function appendProse(sample: Sample, text: string, now: string): Sample {
  const trace = appendText(sample.trace, conformToTrace(sample.trace, text), { origin: 'annotator', meta: { at: now } }, sampleSegmentIdMinter(sample));
  return { ...sample, trace, updatedAt: now };
}

/**
 * Append a code cell the annotator wrote. When the trace ends in an open code block (the one
 * Hint-1 opens) the code fills that block and closes it; otherwise a new ```python block is
 * started on a new line.
 */
export function appendCode(sample: Sample, code: string, now: string): Sample {
  const body = code.replace(/(\r?\n)+$/, '');
  const last = sample.trace.segments.at(-1);
  let text: string;
  if (last?.kind === 'code' && !last.closed) {
    text = (last.text.endsWith('\n') ? '' : '\n') + body + '\n```\n';
  } else {
    text = (last && !last.text.endsWith('\n') ? '\n' : '') + codeBlockText(body);
  }
  const trace = appendText(sample.trace, conformToTrace(sample.trace, text), { origin: 'annotator', meta: { at: now } }, sampleSegmentIdMinter(sample));
  return { ...sample, trace, updatedAt: now };
}

/**
 * Replace the text of a prose or answer segment. The new text must still be plain text in
 * its place (no fence line, no `</think>` before the think boundary) and, before a block,
 * end with a line break; an empty text removes the segment. The segment keeps its id; it
 * becomes the annotator's (hints stay hints) and records where it came from in `meta.edited`.
 */
export function editProse(sample: Sample, segmentId: string, typed: string, now: string): Sample {
  const segments = sample.trace.segments;
  const newText = withLineEnding(typed, lineEndingOf(sample.trace));
  const index = segments.findIndex((s) => s.id === segmentId);
  if (index < 0) throw new EditError(`No segment ${segmentId} in the trace.`);
  const seg = segments[index];
  if (seg.kind !== 'prose' && seg.kind !== 'answer') throw new EditError(`Segment ${segmentId} is ${seg.kind}, not prose.`);
  if (newText === seg.text) return sample;

  const next = segments[index + 1];
  const previous = segments[index - 1];
  const blockNext = next !== undefined && (next.kind === 'code' || next.kind === 'output');
  if (newText === '') {
    if (blockNext && previous && !previous.text.endsWith('\n')) {
      throw new EditError('Removing this text would leave the block after it mid-line.');
    }
    return { ...sample, trace: { segments: segments.filter((s) => s !== seg) }, updatedAt: now };
  }
  const lineStart = !previous || previous.text.endsWith('\n');
  const afterThink = seg.kind === 'answer';
  const scanned = scanInContext(newText, lineStart, afterThink);
  if (scanned.length !== 1 || scanned[0].kind !== seg.kind) {
    throw new EditError('The new text contains a code fence or </think>; edit those as blocks instead.');
  }
  if (blockNext && !newText.endsWith('\n')) {
    throw new EditError('Text before a code or output block must end with a line break.');
  }
  const edited: Segment = {
    ...seg,
    text: newText,
    origin: seg.origin === 'hint' ? 'hint' : 'annotator',
    meta: { ...seg.meta, edited: { at: now, from: seg.origin } },
  };
  return { ...sample, trace: { segments: segments.map((s) => (s === seg ? edited : s)) }, updatedAt: now };
}
