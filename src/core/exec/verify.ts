/**
 * Re-executing a trace's code and checking each recorded output against what the interpreter
 * reproduces — the "keep only verified results" step of Hint-Engineering — under an execution
 * setup. Nothing is skipped silently: a block CoRT never runs and an output its executor
 * cannot have written are reported as such.
 */
import { codeBody } from '../trace';
import type { Segment, Trace } from '../trace/types';
import { segmentOffsets } from '../trace/render';
import { compareOutputs } from './apply';
import { cortTraceView, type CallKind } from './semantics/calls';
import { freshTraceView } from './semantics/fresh';
import { withoutSystemNotice } from './semantics/notice';
import type { ExecutionSemantics, ExecutionSetup } from './semantics/profile';
import { profileResult } from './profileResult';
import type { TraceProfile } from '../profiles/types';
import type { RunOptions, RunResult, RunStatus } from './types';

/** Runs one program; `options.stdin` for 'script' runs (rStar2). */
export type ProgramRunner = (code: string, options?: Pick<RunOptions, 'stdin'>) => Promise<RunResult>;

export type BlockStatus =
  | RunStatus
  /** A closed code block the harness never runs (CoRT: ```py, ```python3, four backticks…; ToRL: not the last of its turn…): not run. */
  | 'not-run'
  /**
   * An output block the profile's harness cannot have written (CoRT: no stop, no code before
   * it; fresh: no code in its turn). The name is CoRT's, from before other profiles ran.
   */
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
  /** The trace shows this call appended no output (SimpleTIR: nothing printed). */
  recordedNothing?: true;
  reproduced: string;
  /** true/false when there is a recorded output to compare; null when there is none (or it cannot be reproduced here). */
  matches: boolean | null;
  message?: string;
  /** What ran: the cell as written (notebook), CoRT's program of the call (cort), the harness's program (fresh). */
  code?: string;
  /** cort: whether the call ran the rebuilt program or CoRT's empty program. */
  call?: CallKind;
  /** Why the block is reported without a comparison. */
  note?: string;
}

export interface TraceCheck {
  /** The semantics the code ran under. */
  profile: ExecutionSemantics;
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

/**
 * rStar2's report carries fields the sandbox decides (a failure's reason, the time taken):
 * they are compared as present, not by value.
 */
function comparable(text: string, profile: TraceProfile): string {
  if (profile.result.pick !== 'tool-report') return text;
  return text.replace(/^reason: .*$/m, 'reason: …').replace(/execution time: \d+\.\d\ds$/, 'execution time: …s');
}

/** The comparison of one run with the recorded output (`recorded` null: the trace shows no output; the notice is the loop's, not the code's). */
function judged(result: RunResult, recorded: string | null | undefined, profile: TraceProfile): Pick<BlockCheck, 'status' | 'reproduced' | 'matches' | 'message'> {
  const base: Pick<BlockCheck, 'status' | 'reproduced' | 'matches' | 'message'> = { status: result.status, reproduced: result.output, matches: null };
  if (result.message) base.message = result.message;
  if (result.status === 'unavailable') return { ...base, message: `not reproducible here: ${result.output}` };
  if (recorded === null) base.matches = result.omitted === true;
  else if (result.omitted && recorded !== undefined) base.matches = false;
  else if (recorded !== undefined) {
    const notice = profile.continuation.finalNotice;
    base.matches = compareOutputs(comparable(withoutSystemNotice(recorded, notice), profile), comparable(result.output, profile)).equal;
  }
  return base;
}

function passes(b: BlockCheck): boolean {
  if (b.status === 'not-run') return true;
  if (b.status === 'not-cort' || b.status === 'unavailable') return false;
  return b.matches === null ? b.status === 'ok' : b.matches;
}

/**
 * Runs the trace's code through `run` (which must run in the setup's mode: a fresh namespace
 * for notebook, 'cort' runs for cort, the profile's runner for fresh) and compares with the
 * recorded outputs. Results are read in the trace profile's format (`profileResult`).
 */
export async function verifyTrace(trace: Trace, run: ProgramRunner, setup: ExecutionSetup): Promise<TraceCheck> {
  const profile = setup.traceProfile;
  const formatted: ProgramRunner = async (code, options) => profileResult(await run(code, options), profile);
  const blocks =
    setup.semantics === 'cort'
      ? await verifyCort(trace, formatted, setup.context, profile)
      : setup.semantics === 'fresh'
        ? await verifyFresh(trace, formatted, profile)
        : setup.semantics === 'notebook'
          ? await verifyNotebook(trace, formatted, profile)
          : [];
  blocks.forEach((b, i) => (b.block = i));
  return { profile: setup.semantics, blocks, ok: blocks.every(passes) };
}

async function verifyNotebook(trace: Trace, run: ProgramRunner, profile: TraceProfile): Promise<BlockCheck[]> {
  const blocks: BlockCheck[] = [];
  for (const code of executableCodeSegments(trace)) {
    const body = codeBody(code);
    const result = await run(body);
    const output = recordedOutputFor(trace, code.id);
    const recorded = output ? withoutSystemNotice(codeBody(output)) : undefined;
    const check: BlockCheck = { block: 0, codeSegmentId: code.id, ...judged(result, recorded, profile), code: body };
    if (output) check.outputSegmentId = output.id;
    if (recorded !== undefined) check.recorded = recorded;
    blocks.push(check);
  }
  return blocks;
}

async function verifyCort(trace: Trace, run: ProgramRunner, context: string, profile: TraceProfile): Promise<BlockCheck[]> {
  const view = cortTraceView(context, trace);
  const calls: PlacedCheck[] = [];
  for (const call of view.calls) {
    const result = await run(call.program);
    const recorded = call.recorded === undefined ? undefined : withoutSystemNotice(call.recorded);
    const check = withSegments({ block: 0, ...judged(result, recorded, profile), code: call.program, call: call.kind }, call);
    if (recorded !== undefined) check.recorded = recorded;
    if (call.kind === 'empty') check.note = 'the round stopped at "`\\n" without a ```python block: CoRT ran the empty program';
    calls.push({ at: call.at, check });
  }
  return inTraceOrder(trace, calls, view.notRun, view.strayOutputs, (seg) => ({
    recorded: codeBody(seg),
    note: 'CoRT\'s executor did not write this output: no stop ("`\\n") and no code block right before it',
  }));
}

async function verifyFresh(trace: Trace, run: ProgramRunner, profile: TraceProfile): Promise<BlockCheck[]> {
  const view = freshTraceView(trace, profile);
  const calls: PlacedCheck[] = [];
  for (const call of view.calls) {
    const result: RunResult =
      call.fixedResult !== undefined
        ? { status: 'ok', output: call.fixedResult, full: call.fixedResult, durationMs: 0 }
        : await run(call.program, call.stdin === undefined ? undefined : { stdin: call.stdin });
    const recorded = call.recorded;
    const check = withSegments({ block: 0, ...judged(result, recorded, profile), code: call.program }, call);
    if (typeof recorded === 'string') check.recorded = withoutSystemNotice(recorded, profile.continuation.finalNotice);
    if (recorded === null) check.recordedNothing = true;
    if (call.fixedResult !== undefined) check.note = `the call has no code: ${profile.name}'s harness appends "${call.fixedResult}" without running anything`;
    calls.push({ at: call.at, check });
  }
  return inTraceOrder(trace, calls, view.notRun, view.strayOutputs, (seg) => ({
    recorded: seg.text,
    note: `${profile.name}'s harness did not write this output: no code call runs before it in its turn`,
  }));
}

/** A check at its place in the rendered trace (a call's offset). */
interface PlacedCheck {
  at: number;
  check: BlockCheck;
}

function withSegments(check: BlockCheck, call: { codeSegmentId?: string; outputSegmentId?: string }): BlockCheck {
  if (call.codeSegmentId) check.codeSegmentId = call.codeSegmentId;
  if (call.outputSegmentId) check.outputSegmentId = call.outputSegmentId;
  return check;
}

/**
 * The harness's calls, the code blocks it never runs and the outputs it cannot have written,
 * in trace order — the same for every semantics that reads calls from the text (cort, fresh).
 */
function inTraceOrder(
  trace: Trace,
  calls: PlacedCheck[],
  notRun: readonly { codeSegmentId: string; reason: string }[],
  strayOutputs: readonly string[],
  stray: (seg: Segment) => { recorded: string; note: string },
): BlockCheck[] {
  const offsets = segmentOffsets(trace);
  const offsetOf = (id: string) => offsets[trace.segments.findIndex((s) => s.id === id)]!;
  const entries = [...calls];
  for (const block of notRun) {
    entries.push({ at: offsetOf(block.codeSegmentId), check: { block: 0, codeSegmentId: block.codeSegmentId, status: 'not-run', reproduced: '', matches: null, note: block.reason } });
  }
  for (const id of strayOutputs) {
    const { recorded, note } = stray(trace.segments.find((s) => s.id === id)!);
    entries.push({ at: offsetOf(id), check: { block: 0, outputSegmentId: id, status: 'not-cort', recorded, reproduced: '', matches: false, note } });
  }
  return entries.sort((a, b) => a.at - b.at).map((e) => e.check);
}
