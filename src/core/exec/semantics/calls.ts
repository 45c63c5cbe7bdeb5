/**
 * A trace as CoRT's loop saw it: the code calls it made, the program each ran, the blocks it
 * never runs, and the outputs its executor cannot have written.
 *
 * A call is an output block written after a stop: CoRT's loop stops at "`\n", runs a program
 * and appends "```output\n…\n```\n" right there. An output block after text ending in "`\n"
 * (or right after a closed code block the studio ran) is a call; its round is the text since
 * the previous call's output. A round without ```` ```python ```` runs the empty program
 * (an inline `code` at a line end stops the model too). Any other output block was written by
 * the model, not by CoRT's executor.
 */
import { codeBody, renderTrace, segmentOffsets } from '../../trace';
import type { Segment, Trace } from '../../trace/types';
import { closeCodeBlock } from '../../trace/cellText';
import { CORT_CLOSE, CORT_OPEN, cortBlocks } from './blocks';
import { cortProgram, type CortProgram } from './program';
import { isPythonSpace, pythonStrip } from './python-text';

/** CoRT's stop string. */
export const CORT_STOP = '`\n';

export type CallKind =
  /** The round wrote ```python: the program rebuilt from the text runs. */
  | 'program'
  /** The round stopped at "`\n" without ```python: CoRT runs the empty program. */
  | 'empty';

export interface CortCall {
  /** Offset in the response where the call's text ends (its output block starts there). */
  at: number;
  kind: CallKind;
  /** Exactly what CoRT's executor runs ('' for an empty call). */
  program: string;
  /** The text's blocks and replay decisions (for a 'program' call). */
  analysis?: CortProgram;
  /** The studio code segment holding the call's own (last) block, if it is one. */
  codeSegmentId?: string;
  outputSegmentId?: string;
  /** The recorded output (between the fences), if the call has one. */
  recorded?: string;
}

export interface NotRunBlock {
  codeSegmentId: string;
  /** Why CoRT does not run it, in one line. */
  reason: string;
}

export interface CortTraceView {
  calls: CortCall[];
  /** Closed code blocks (as the studio reads the trace) that CoRT never runs. */
  notRun: NotRunBlock[];
  /** Output blocks CoRT's executor did not write (no stop and no code block before them). */
  strayOutputs: string[];
}

const isBlank = (s: Segment) => (s.kind === 'prose' || s.kind === 'answer') && !/\S/.test(s.text);

function previousContent(segments: Segment[], i: number): Segment | undefined {
  for (let j = i - 1; j >= 0; j--) if (!isBlank(segments[j]!)) return segments[j];
  return undefined;
}

function nextContent(segments: Segment[], i: number): Segment | undefined {
  for (let j = i + 1; j < segments.length; j++) if (!isBlank(segments[j]!)) return segments[j];
  return undefined;
}

/** The studio code segment starting at response offset `at`, if any. */
function codeSegmentAt(trace: Trace, offsets: number[], at: number): Segment | undefined {
  const i = offsets.indexOf(at);
  const seg = i >= 0 ? trace.segments[i] : undefined;
  return seg?.kind === 'code' ? seg : undefined;
}

/**
 * CoRT's view of `trace`, whose response follows `context` (the chat-templated prompt).
 * Calls are listed in order: recorded ones, and a closed code block with no output after it
 * as a call still to make (no `recorded`).
 */
export function cortTraceView(context: string, trace: Trace): CortTraceView {
  const text = renderTrace(trace);
  const offsets = segmentOffsets(trace);
  const { segments } = trace;
  const calls: CortCall[] = [];
  const strayOutputs: string[] = [];
  let roundStart = 0;

  const callAt = (at: number): Omit<CortCall, 'at'> => {
    if (!text.slice(roundStart, at).includes(CORT_OPEN)) return { kind: 'empty', program: '' };
    const analysis = cortProgram(context + text.slice(0, at));
    const last = analysis.blocks.at(-1);
    const own = last && codeSegmentAt(trace, offsets, last.start - context.length);
    return { kind: 'program', program: analysis.program, analysis, ...(own ? { codeSegmentId: own.id } : {}) };
  };

  segments.forEach((seg, i) => {
    if (seg.kind === 'output') {
      const at = offsets[i]!;
      const before = previousContent(segments, i);
      const afterStop = (context + text.slice(0, at)).endsWith(CORT_STOP);
      if (!afterStop && !(before?.kind === 'code' && before.closed)) {
        strayOutputs.push(seg.id);
        return;
      }
      calls.push({ at, ...callAt(at), outputSegmentId: seg.id, recorded: codeBody(seg) });
      roundStart = offsets[i + 1]!;
    } else if (seg.kind === 'code' && seg.closed && !nextContent(segments, i)) {
      // The trace ends with a closed block: the call still to make.
      const at = offsets[i + 1]!;
      calls.push({ at, ...callAt(at) });
      roundStart = at;
    }
  });

  const seen = new Set(cortBlocks(context + text).map((b) => b.start - context.length));
  const notRun: NotRunBlock[] = [];
  segments.forEach((seg, i) => {
    if (seg.kind !== 'code' || !seg.closed) return;
    if (!seen.has(offsets[i]!)) notRun.push({ codeSegmentId: seg.id, reason: notRunReason(seg) });
    else if (nextContent(segments, i) && nextContent(segments, i)!.kind !== 'output') {
      // Text follows without an output: CoRT did not stop here; the block only runs replayed.
      const why = seg.text.endsWith(CORT_STOP)
        ? 'no output follows it: the trace was not made by CoRT\'s loop here'
        : 'no output follows it: its closing line does not end in "`\\n", so CoRT\'s loop did not stop at it';
      notRun.push({ codeSegmentId: seg.id, reason: `${why}; it runs only as replayed in later calls` });
    }
  });
  return { calls, notRun, strayOutputs };
}

/** Why CoRT does not see a closed code block the studio reads as one. */
export function notRunReason(seg: Segment): string {
  const lines = seg.text.split('\n');
  const opening = lines[0]!;
  if (pythonStrip(opening) !== CORT_OPEN) {
    return `CoRT runs only blocks opened by a line that is exactly \`\`\`python (spaces around allowed); this one opens with ${JSON.stringify(opening.replace(/\r$/, ''))}`;
  }
  const closing = lines.filter((l) => l !== '').at(-1) ?? '';
  if (pythonStrip(closing) !== CORT_CLOSE) {
    return `CoRT closes a block only at a line that is exactly \`\`\` (spaces around allowed); this one closes with ${JSON.stringify(closing.replace(/\r$/, ''))}`;
  }
  if (![...codeBody(seg)].some((ch) => !isPythonSpace(ch))) return 'the block is empty: CoRT skips blocks with only whitespace';
  return 'CoRT reads this block differently (an earlier unclosed block or output swallows its fence)';
}

/** What a cell run executes under CoRT: the program of a call made right after this block. */
export type CellProgram = { program: string; analysis: CortProgram } | { notRun: string };

/**
 * The program CoRT would run if the model had just closed code segment `segmentId` (an
 * unclosed one is taken as closed, since running it closes it): the text up to the block,
 * prompt included, with CoRT's replay of every earlier block.
 */
export function cortCellProgram(context: string, trace: Trace, segmentId: string): CellProgram {
  const index = trace.segments.findIndex((s) => s.id === segmentId);
  const cell = trace.segments[index];
  if (!cell || cell.kind !== 'code') return { notRun: 'not a code block' };
  const closed = cell.closed === false ? closeCodeBlock(cell) : cell;
  const head = renderTrace({ segments: trace.segments.slice(0, index) });
  const analysis = cortProgram(context + head + closed.text);
  const last = analysis.blocks.at(-1);
  if (!last || last.start !== context.length + head.length) return { notRun: notRunReason(closed) };
  return { program: analysis.program, analysis };
}
