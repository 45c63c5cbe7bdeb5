/**
 * The `fresh` semantics: each call runs alone in a fresh interpreter, nothing carried over
 * (ToRL, SimpleTIR, ReTool, rStar2). What a call runs is read from its *turn* — the text since
 * the previous output — by the trace profile's `execution.program` rule:
 * - own-block (rStar2): the call's own code block; `input` is its stdin;
 * - own-block-stripped (SimpleTIR): the same, stripped, after the profile's prelude;
 * - last-block (ToRL): the turn's last ```python block, found as extract_program finds it;
 * - after-last-fence (ReTool): the turn's text after its last "```python", fences removed.
 * A call is an output block after a code block; an output with no code in its turn was not
 * written by the harness; a closed code block with no output after it never ran.
 */
import { renderTrace, segmentOffsets } from '../../trace';
import type { Segment, Trace } from '../../trace/types';
import { codeContent, outputContent, renderCode } from '../../profiles/blocks';
import type { TraceProfile } from '../../profiles/types';
import { pythonStrip } from './python-text';
import { withCodeBody } from '../../trace/cellText';
import { rstar2Program } from './rstar2';

export interface FreshCall {
  /** Offset in the response where the call's text ends (its output block starts there). */
  at: number;
  /** The program the harness runs. */
  program: string;
  /** Standard input of the run (rStar2's `input` argument). */
  stdin?: string;
  /** What the harness appends without running anything (ReTool's "None" for an empty program). */
  fixedResult?: string;
  codeSegmentId?: string;
  outputSegmentId?: string;
  /**
   * The recorded result (between the profile's output markers); null when the trace shows the
   * call appended nothing (SimpleTIR, nothing printed); absent for a call still to make.
   */
  recorded?: string | null;
}

export interface FreshNotRun {
  codeSegmentId: string;
  /** unanswered: no output follows it; skipped: the harness runs another block of its turn; unreadable: the harness cannot read its code. */
  kind: 'unanswered' | 'skipped' | 'unreadable';
  reason: string;
}

export interface FreshTraceView {
  calls: FreshCall[];
  /** Closed code blocks the harness never ran. */
  notRun: FreshNotRun[];
  /** Output blocks the harness did not write (no code before them in their turn). */
  strayOutputs: string[];
}

/** ToRL's extract_program(turn, last_only=True): the last ```python block, each line with its "\n"; '' when the last one is unclosed. */
export function torlProgram(turn: string): string {
  let program = '';
  let open = false;
  for (const line of turn.split('\n')) {
    if (line.startsWith('```python') || line.endsWith('```python')) {
      program = '';
      open = true;
    } else if (line.startsWith('```')) open = false;
    else if (open) program += line + '\n';
  }
  return open ? '' : program;
}

/** ReTool's eval: `pred.split("```python")[-1].replace("```", "").strip()`, pred being the turn before its "</code>" stop. */
export function retoolProgram(turn: string, stop = '</code>'): string {
  const pred = turn.endsWith(stop) ? turn.slice(0, -stop.length) : turn;
  return pythonStrip(pred.split('```python').at(-1)!.replaceAll('```', ''));
}

const NEVER_RAN = 'no output follows it: it never ran';

const isBlank = (s: Segment) => (s.kind === 'prose' || s.kind === 'answer') && !/\S/.test(s.text);

/** The code and stdin of a block as the profile's harness reads them; null when it cannot (a malformed tool call). */
function ownCode(segment: Segment, profile: TraceProfile): { code: string; stdin?: string } | null {
  const content = codeContent(segment, profile);
  if (!content) return null;
  const code = profile.execution.program === 'own-block-stripped' ? pythonStrip(content.code) : content.code;
  return content.input === null ? { code } : { code, stdin: content.input };
}

/** The program a harness builds around the call's code: its prelude, rStar2's last-expression printing. */
function harnessProgram(code: string, profile: TraceProfile): string {
  const withPrelude = (profile.execution.prelude ?? '') + code;
  return profile.execution.lastExpression === 'printed-repr' ? rstar2Program(withPrelude) : withPrelude;
}

/** The call a turn makes, its code block being `segment` (the turn's text is `turn`). */
function callOf(turn: string, segment: Segment, profile: TraceProfile): Omit<FreshCall, 'at'> | { notRun: string } {
  const rule = profile.execution;
  let program: string;
  let stdin: string | undefined;
  if (rule.program === 'last-block') {
    program = torlProgram(turn);
    if (program === '') return { notRun: 'ToRL runs the last ```python block of a turn, and this turn has no complete one' };
  } else if (rule.program === 'after-last-fence') {
    program = retoolProgram(turn, profile.continuation.stop[0]);
  } else {
    const own = ownCode(segment, profile);
    if (!own) return { notRun: 'the tool call is not valid JSON with a "code" argument: the harness answers with its decode error, it runs nothing' };
    program = own.code;
    stdin = own.stdin;
  }
  const call: Omit<FreshCall, 'at'> = { program: program === '' && rule.emptyProgram !== null ? '' : harnessProgram(program, profile), codeSegmentId: segment.id };
  if (program === '' && rule.emptyProgram !== null) call.fixedResult = rule.emptyProgram;
  if (stdin !== undefined) call.stdin = stdin;
  return call;
}

/** The fresh view of a trace: its calls in order, the blocks that never ran, the outputs the harness did not write. */
export function freshTraceView(trace: Trace, profile: TraceProfile): FreshTraceView {
  const text = renderTrace(trace);
  const offsets = segmentOffsets(trace);
  const view: FreshTraceView = { calls: [], notRun: [], strayOutputs: [] };
  let turnStart = 0;
  /** Closed code blocks of the current turn not answered yet, in order. */
  let pending: Segment[] = [];
  const lastBlockOnly = profile.execution.program === 'last-block' || profile.execution.program === 'after-last-fence';

  /** A block with no output under a profile that appends nothing for silent code (SimpleTIR): a call that printed nothing. */
  const silentCall = (code: Segment) => {
    const i = trace.segments.indexOf(code);
    const call = callOf(text.slice(turnStart, offsets[i + 1]), code, profile);
    if ('notRun' in call) view.notRun.push({ codeSegmentId: code.id, kind: 'unreadable', reason: call.notRun });
    else view.calls.push({ at: offsets[i + 1]!, ...call, recorded: null });
  };

  trace.segments.forEach((seg, i) => {
    if (seg.kind === 'code' && seg.closed !== false) pending.push(seg);
    if (seg.kind !== 'output') return;
    const previous = trace.segments.slice(0, i).findLast((s) => !isBlank(s));
    // Own-block profiles answer each call of a turn in order (rStar2's parallel calls); the
    // block right before an output is its call.
    // ToRL's output answers the turn's last block even with prose between them.
    let code: Segment | undefined;
    if (profile.execution.program === 'last-block') code = pending.at(-1);
    else if (previous?.kind === 'code' && pending.includes(previous)) code = previous;
    else if (!lastBlockOnly && previous?.kind === 'output') code = pending[0];
    if (!code) {
      view.strayOutputs.push(seg.id);
      return;
    }
    const skipped = lastBlockOnly ? pending.filter((p) => p !== code) : pending.slice(0, pending.indexOf(code));
    for (const p of skipped) {
      if (lastBlockOnly) view.notRun.push({ codeSegmentId: p.id, kind: 'skipped', reason: 'only the last code block of a turn runs' });
      else if (profile.result.omitEmpty) silentCall(p);
      else view.notRun.push({ codeSegmentId: p.id, kind: 'unanswered', reason: NEVER_RAN });
    }
    pending = lastBlockOnly ? [] : pending.slice(pending.indexOf(code) + 1);
    const call = callOf(text.slice(turnStart, offsets[i]), code, profile);
    if ('notRun' in call) {
      view.notRun.push({ codeSegmentId: code.id, kind: 'unreadable', reason: call.notRun });
      view.strayOutputs.push(seg.id);
    } else {
      view.calls.push({ at: offsets[i]!, ...call, outputSegmentId: seg.id, recorded: outputContent(seg, profile).result });
    }
    if (pending.length === 0) turnStart = offsets[i + 1]!;
  });

  // A trace ending with a closed block: the call still to make. Other unanswered blocks never ran.
  const lastContent = trace.segments.findLast((s) => !isBlank(s));
  for (const code of pending) {
    if (code !== lastContent) {
      if (profile.result.omitEmpty) silentCall(code);
      else view.notRun.push({ codeSegmentId: code.id, kind: 'unanswered', reason: NEVER_RAN });
      continue;
    }
    const i = trace.segments.indexOf(code);
    const call = callOf(text.slice(turnStart, offsets[i + 1]), code, profile);
    if ('notRun' in call) view.notRun.push({ codeSegmentId: code.id, kind: 'unreadable', reason: call.notRun });
    else view.calls.push({ at: offsets[i + 1]!, ...call });
  }
  view.calls.sort((a, b) => a.at - b.at);
  return view;
}

/**
 * What a cell run executes under fresh semantics: the program of a call made right after code
 * segment `segmentId`, with `body` as its code (possibly unsaved edits).
 */
export function freshCellProgram(trace: Trace, segmentId: string, body: string, profile: TraceProfile): { code: string; stdin?: string; fixedResult?: string } | { notRun: string } {
  const index = trace.segments.findIndex((s) => s.id === segmentId);
  const cell = trace.segments[index];
  if (!cell || cell.kind !== 'code') return { notRun: 'not a code block' };
  const edited = withCode(cell, body, profile);
  const lastOutput = trace.segments.slice(0, index).findLastIndex((s) => s.kind === 'output');
  const turn = renderTrace({ segments: [...trace.segments.slice(lastOutput + 1, index), edited] });
  const call = callOf(turn, edited, profile);
  if ('notRun' in call) return call;
  const planned: { code: string; stdin?: string; fixedResult?: string } = { code: call.program };
  if (call.stdin !== undefined) planned.stdin = call.stdin;
  if (call.fixedResult !== undefined) planned.fixedResult = call.fixedResult;
  return planned;
}

/** The code segment with `body` as its code, its markers kept. */
function withCode(segment: Segment, body: string, profile: TraceProfile): Segment {
  if (profile.syntax.kind === 'fenced') return withCodeBody(segment, body);
  const content = codeContent(segment, profile);
  if (!content || content.code === body) return segment;
  // A JSON tool call escapes its code: the edited call is written anew, in the profile's form.
  if (profile.code.kind === 'tool-call') return { ...segment, text: renderCode(body, profile, content.input, content.tool) };
  const at = content.code === '' ? -1 : segment.text.indexOf(content.code);
  if (at < 0) return segment;
  return { ...segment, text: segment.text.slice(0, at) + body + segment.text.slice(at + content.code.length) };
}
