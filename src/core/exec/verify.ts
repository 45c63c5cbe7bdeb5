/**
 * Re-executing a trace's code and checking each recorded output against what the interpreter
 * reproduces — the "keep only verified results" step of Hint-Engineering — under an execution
 * profile. Nothing is skipped silently: a block CoRT never runs and an output its executor
 * cannot have written are reported as such.
 */
import { codeBody } from '../trace';
import type { Segment, Trace } from '../trace/types';
import { segmentOffsets } from '../trace/render';
import { compareOutputs } from './apply';
import { cortTraceView, type CallKind } from './semantics/calls';
import { withoutSystemNotice } from './semantics/notice';
import type { ProfileRun } from './semantics/profile';
import type { RunResult, RunStatus } from './types';

export type BlockStatus =
  | RunStatus
  /** A closed code block CoRT never runs (```py, ```python3, four backticks…): not run. */
  | 'not-run'
  /** An output block CoRT's executor cannot have written (no stop, no code before it). */
  | 'not-cort';

export interface BlockCheck {
  /** 0-based position among the checks. */
  block: number;
  /** The code segment of the call (cort: the call's own block, when it is a studio code block). */
  codeSegmentId?: string;
  outputSegmentId?: string;
  status: BlockStatus;
  /** The output block recorded in the trace (without CoRT's [SYSTEM] notice), if any. */
  recorded?: string;
  reproduced: string;
  /** true/false when there is a recorded output to compare; null when there is none (or it cannot be reproduced here). */
  matches: boolean | null;
  message?: string;
  /** What ran: the cell as written (notebook), CoRT's program of the call (cort). */
  code?: string;
  /** cort: whether the call ran the rebuilt program or CoRT's empty program. */
  call?: CallKind;
  /** Why the block is reported without a comparison. */
  note?: string;
}

export interface TraceCheck {
  profile: ProfileRun['profile'];
  blocks: BlockCheck[];
  /** No mismatch, nothing unreproducible, no foreign output, and every unanswered call ran clean. */
  ok: boolean;
}

const PYTHON_LANGS = new Set(['python', 'py', 'python3', 'ipython', '']);

/** Code blocks the notebook profile runs: closed, Python. Unclosed ones were never run. */
export function executableCodeSegments(trace: Trace): Segment[] {
  return trace.segments.filter((s) => s.kind === 'code' && s.closed !== false && PYTHON_LANGS.has((s.lang ?? '').toLowerCase()));
}

/** The output block answering a code segment: the next segment, past blank prose only. */
export function recordedOutputFor(trace: Trace, codeSegmentId: string): Segment | undefined {
  const index = trace.segments.findIndex((s) => s.id === codeSegmentId);
  for (let i = index + 1; i > 0 && i < trace.segments.length; i++) {
    const seg = trace.segments[i]!;
    if (seg.kind === 'output') return seg;
    if (seg.kind !== 'prose' || seg.text.trim() !== '') return undefined;
  }
  return undefined;
}

/** The comparison of one run with the recorded output (the [SYSTEM] notice is CoRT's loop's, not the code's). */
function judged(result: RunResult, recorded: string | undefined): Pick<BlockCheck, 'status' | 'reproduced' | 'matches' | 'message'> {
  const base: Pick<BlockCheck, 'status' | 'reproduced' | 'matches' | 'message'> = { status: result.status, reproduced: result.output, matches: null };
  if (result.message) base.message = result.message;
  if (result.status === 'unavailable') return { ...base, message: `not reproducible here: ${result.output}` };
  if (recorded !== undefined) base.matches = compareOutputs(withoutSystemNotice(recorded), result.output).equal;
  return base;
}

function passes(b: BlockCheck): boolean {
  if (b.status === 'not-run') return true;
  if (b.status === 'not-cort' || b.status === 'unavailable') return false;
  return b.matches === null ? b.status === 'ok' : b.matches;
}

/**
 * Runs the trace's code through `run` (which must run in the profile's mode: a fresh
 * namespace for notebook, 'cort' runs for cort) and compares with the recorded outputs.
 */
export async function verifyTrace(trace: Trace, run: (code: string) => Promise<RunResult>, profile: ProfileRun): Promise<TraceCheck> {
  const blocks = profile.profile === 'cort' ? await verifyCort(trace, run, profile.context) : await verifyNotebook(trace, run);
  blocks.forEach((b, i) => (b.block = i));
  return { profile: profile.profile, blocks, ok: blocks.every(passes) };
}

async function verifyNotebook(trace: Trace, run: (code: string) => Promise<RunResult>): Promise<BlockCheck[]> {
  const blocks: BlockCheck[] = [];
  for (const code of executableCodeSegments(trace)) {
    const body = codeBody(code);
    const result = await run(body);
    const output = recordedOutputFor(trace, code.id);
    const recorded = output ? withoutSystemNotice(codeBody(output)) : undefined;
    const check: BlockCheck = { block: 0, codeSegmentId: code.id, ...judged(result, recorded), code: body };
    if (output) check.outputSegmentId = output.id;
    if (recorded !== undefined) check.recorded = recorded;
    blocks.push(check);
  }
  return blocks;
}

async function verifyCort(trace: Trace, run: (code: string) => Promise<RunResult>, context: string): Promise<BlockCheck[]> {
  const view = cortTraceView(context, trace);
  const offsets = segmentOffsets(trace);
  const offsetOf = (id: string) => offsets[trace.segments.findIndex((s) => s.id === id)]!;
  const entries: { at: number; check: BlockCheck }[] = [];
  for (const call of view.calls) {
    const result = await run(call.program);
    const recorded = call.recorded === undefined ? undefined : withoutSystemNotice(call.recorded);
    const check: BlockCheck = { block: 0, ...judged(result, recorded), code: call.program, call: call.kind };
    if (call.codeSegmentId) check.codeSegmentId = call.codeSegmentId;
    if (call.outputSegmentId) check.outputSegmentId = call.outputSegmentId;
    if (recorded !== undefined) check.recorded = recorded;
    if (call.kind === 'empty') check.note = 'the round stopped at "`\\n" without a ```python block: CoRT ran the empty program';
    entries.push({ at: call.at, check });
  }
  for (const block of view.notRun) {
    entries.push({ at: offsetOf(block.codeSegmentId), check: { block: 0, codeSegmentId: block.codeSegmentId, status: 'not-run', reproduced: '', matches: null, note: block.reason } });
  }
  for (const id of view.strayOutputs) {
    const seg = trace.segments.find((s) => s.id === id)!;
    entries.push({
      at: offsetOf(id),
      check: { block: 0, outputSegmentId: id, status: 'not-cort', recorded: codeBody(seg), reproduced: '', matches: false, note: 'CoRT\'s executor did not write this output: no stop ("`\\n") and no code block right before it' },
    });
  }
  return entries.sort((a, b) => a.at - b.at).map((e) => e.check);
}
