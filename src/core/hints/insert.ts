/**
 * Hint insertion, the core act of Hint-Engineering (DESIGN.md §3): cut the trace where the
 * model starts doing something inefficient, put the hint there, park the rest as a branch.
 *
 * Whitespace, as a careful annotator would join it:
 * - the hint continues the text it follows: nothing is added after a line break, a space or
 *   at the very start (the prompt-hint goes right after `<think>\n`); after any other
 *   character (a cut at a sentence end with no space yet) a single space separates them;
 * - a hint ends with its own sentence and no trailing whitespace, so the continuation (model
 *   or person) chooses how to go on, as the model would after its own sentence;
 * - Hint-1 (`opensCodeBlock`) ends its sentence with `\n` and opens an unclosed code block
 *   in the trace profile's form (`codeOpener`: CoRT's "```python\n", ReTool's
 *   "<code>\n```python\n", rStar2's tool call up to its code string) that the continuation
 *   fills; the model then writes the code and the block's end, where generation stops. SimpleTIR
 *   joins the text before a block without a line break (its harness strips it), so there the
 *   opener follows the sentence directly;
 * - after a code or output block (Hint-2 goes right after the profile's output block, its glue
 *   included) nothing is added: the hint starts where the model would have gone on.
 * Line breaks follow the trace's convention (CRLF in a CRLF trace; see lineEndings.ts).
 */
import type { Segment } from '../trace/types';
import type { Sample } from '../sample/types';
import { scanWithSyntax } from '../trace/parse';
import { CORT_PROFILE } from '../profiles/builtin';
import { codeOpener } from '../profiles/blocks';
import { profileOfSample } from '../profiles/registry';
import type { ProfileRegistry } from '../profiles/types';
import type { TraceProfile } from '../profiles/types';
import type { Hint } from './library';
import { cutTrace, CutError, nextBranchId, sampleSegmentIdMinter } from './cut';
import { lineEndingOf, withLineEnding, type LineEnding } from './lineEndings';

/** The segments a hint writes after `head`, with the joining whitespace described above, in the profile's markers. */
export function hintSegments(head: readonly Segment[], hint: Hint, mintId: () => string, now: string, eol: LineEnding = '\n', profile: TraceProfile = CORT_PROFILE): Segment[] {
  const previous = head.at(-1);
  const afterBlock = previous?.kind === 'code' || previous?.kind === 'output';
  const separator = previous && !afterBlock && !/\s$/.test(previous.text) ? ' ' : '';
  const afterThink = head.some((s) => s.kind === 'think-end');
  const meta = { hintId: hint.id, at: now };
  const beforeBlock = hint.opensCodeBlock && profile.syntax.kind !== 'inline-fence' ? '\n' : '';
  const sentence: Segment = {
    id: mintId(),
    kind: afterThink ? 'answer' : 'prose',
    text: withLineEnding(separator + hint.text + beforeBlock, eol),
    origin: 'hint',
    hintType: hint.type,
    meta,
  };
  if (!hint.opensCodeBlock) return [sentence];
  const text = withLineEnding(codeOpener(profile), eol);
  // kind, lang and closed exactly as the parser reads the opener.
  const raw = scanWithSyntax(text, profile.syntax).find((r) => r.kind === 'code');
  const opened: Segment = { id: mintId(), kind: 'code', text, origin: 'hint', closed: false, hintType: hint.type, meta: { ...meta } };
  if (raw?.lang !== undefined) opened.lang = raw.lang;
  return [sentence, opened];
}

/**
 * Insert `hint` at character `offset` of the sample's trace. Everything after the offset
 * moves into a new branch (reason 'cut') attached at `offset`, so nothing is lost and
 * `restoreBranch` can put it back.
 */
export function insertHint(sample: Sample, offset: number, hint: Hint, now: string, profiles?: ProfileRegistry): Sample {
  const mintId = sampleSegmentIdMinter(sample);
  const { head, tail } = cutTrace(sample.trace, offset, mintId);
  const previous = head.at(-1);
  if (previous && (previous.kind === 'code' || previous.kind === 'output') && !previous.closed) {
    throw new CutError('The trace ends inside an unclosed block; a hint here would become part of it.');
  }
  const segments = [...head, ...hintSegments(head, hint, mintId, now, lineEndingOf(sample.trace), profileOfSample(sample, profiles))];
  const branches = tail.length
    ? [
        ...sample.branches,
        { id: nextBranchId(sample.branches), at: offset, segments: tail, reason: 'cut' as const, createdAt: now, label: `Cut for ${hint.name}` },
      ]
    : sample.branches;
  return { ...sample, trace: { segments }, branches, updatedAt: now };
}
