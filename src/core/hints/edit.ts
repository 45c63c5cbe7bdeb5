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
import { codeOpener, renderCode } from '../profiles/blocks';
import { profileOfSample } from '../profiles/registry';
import type { ProfileRegistry } from '../profiles/types';
import { sampleSegmentIdMinter } from './cut';
import { conformToTrace, lineEndingOf, withLineEnding } from './lineEndings';

/** An edit that would break the trace's structure; `message` says what to do instead. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

/** Append prose the annotator typed at the end of the trace (it may also close an open block), read with the sample's profile. */
export function appendProse(sample: Sample, text: string, now: string, profiles?: ProfileRegistry): Sample {
  const syntax = profileOfSample(sample, profiles).syntax;
  const trace = appendText(sample.trace, conformToTrace(sample.trace, text), { origin: 'annotator', meta: { at: now } }, sampleSegmentIdMinter(sample), syntax);
  return { ...sample, trace, updatedAt: now };
}

/**
 * Append a code cell the annotator wrote, in the sample's profile's form. When the trace ends
 * in an open code block (the one Hint-1 opens) the code fills that block and closes it;
 * otherwise a new block is started on a new line (SimpleTIR: right after the text, as its
 * harness joins them).
 */
export function appendCode(sample: Sample, code: string, now: string, profiles?: ProfileRegistry): Sample {
  const profile = profileOfSample(sample, profiles);
  const body = code.replace(/(\r?\n)+$/, '');
  const last = sample.trace.segments.at(-1);
  let text: string;
  if (last?.kind === 'code' && !last.closed) {
    if (profile.syntax.kind === 'fenced') text = (last.text.endsWith('\n') ? '' : '\n') + body + '\n```\n';
    else {
      // The open block is the profile's opener (a Hint-1's): the rest of the profile's block follows.
      const opener = conformToTrace(sample.trace, codeOpener(profile));
      if (last.text !== opener) throw new EditError('The trace ends inside a code block already begun; finish it as text, or cut before it.');
      text = renderCode(body, profile).slice(codeOpener(profile).length);
    }
  } else if (profile.syntax.kind === 'fenced') {
    text = (last && !last.text.endsWith('\n') ? '\n' : '') + codeBlockText(body);
  } else {
    text = (last && !last.text.endsWith('\n') && profile.syntax.kind !== 'inline-fence' ? '\n' : '') + renderCode(body, profile);
  }
  const trace = appendText(sample.trace, conformToTrace(sample.trace, text), { origin: 'annotator', meta: { at: now } }, sampleSegmentIdMinter(sample), profile.syntax);
  return { ...sample, trace, updatedAt: now };
}

/**
 * Replace the text of a prose or answer segment. The new text must still be plain text in
 * its place (no fence line, no `</think>` before the think boundary) and, before a block,
 * end with a line break; an empty text removes the segment. The segment keeps its id; it
 * becomes the annotator's (hints stay hints) and records where it came from in `meta.edited`.
 */
export function editProse(sample: Sample, segmentId: string, typed: string, now: string, profiles?: ProfileRegistry): Sample {
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
  const syntax = profileOfSample(sample, profiles).syntax;
  const scanned = scanInContext(newText, lineStart, afterThink, syntax);
  if (scanned.length !== 1 || scanned[0].kind !== seg.kind) {
    throw new EditError(
      syntax.kind === 'fenced'
        ? 'The new text contains a code fence or </think>; edit those as blocks instead.'
        : 'The new text contains a code or output marker or the answer boundary; edit those as blocks instead.',
    );
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
