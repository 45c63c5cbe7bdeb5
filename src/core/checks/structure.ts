/**
 * Structure checks on a trace under its trace profile's rules: the answer boundary
 * (`</think>` exactly once for CoRT, `<answer>` for ReTool and rStar2, at most once where the
 * model never thinks in tags), closed code calls each followed by the interpreter's output, no
 * output the harness cannot have written, the call limit; plus the share of outputs that are
 * errors, and a reproduction run that re-executes the code and compares with the recorded
 * outputs. Calls are read as the profile's harness reads them (core/exec/semantics): CoRT's
 * rounds under cort, each turn's call under fresh.
 */
import type { Segment, Trace } from '../trace/types';
import { boundaryOf } from '../trace/syntax';
import { cortTraceView, DEFAULT_PROJECT_SEMANTICS, freshTraceView, verifyWith, type BlockStatus, type ExecutionSetup, type Executor } from '../exec';
import { DEFAULT_CELL_TIMEOUT_MS } from '../exec/types';
import { CORT_PROFILE } from '../profiles/builtin';
import { outputContent } from '../profiles/blocks';
import type { TraceProfile } from '../profiles/types';
import type { CheckResult } from './types';

/** CoRT's cap on code executions per trace (its evaluation's max_func_call). */
export const MAX_CODE_CALLS = 15;
/** Above this share of failing cells the trace teaches more debugging than reasoning. */
export const ERROR_RATE_WARNING = 0.5;

/** CoRT's semantics over a response with no prompt before it: the default where no setup is given. */
const CORT_SETUP: ExecutionSetup = { semantics: DEFAULT_PROJECT_SEMANTICS, traceProfile: CORT_PROFILE, context: '' };

const isBlank = (seg: Segment) => (seg.kind === 'prose' || seg.kind === 'answer') && !/\S/.test(seg.text);

/** The segment after index `i`, skipping whitespace-only gaps between blocks. */
function nextContent(segments: Segment[], i: number): Segment | undefined {
  for (let j = i + 1; j < segments.length; j++) if (!isBlank(segments[j])) return segments[j];
  return undefined;
}

function previousContent(segments: Segment[], i: number): Segment | undefined {
  for (let j = i - 1; j >= 0; j--) if (!isBlank(segments[j])) return segments[j];
  return undefined;
}

/** An error result as the profile's harness writes it: a traceback, an exception's last line, a time-out, rStar2's failure report. */
export function isErrorOutput(result: string, profile: TraceProfile = CORT_PROFILE): boolean {
  const text = result.trim();
  if (text.startsWith('Traceback (most recent call last):') || /^\s*File "[^"]*", line \d+/.test(text)) return true;
  if (profile.result.timeout !== null && text === profile.result.timeout) return true;
  if (text.startsWith('Timeout Error') || text.startsWith('Tool call failure')) return true;
  // ToRL, ReTool and SimpleTIR keep an error's last line only: "ZeroDivisionError: division by zero".
  return profile.result.error === 'last-line' || profile.result.lastLineIfContains !== null
    ? /^(?:[A-Za-z_][\w.]*\.)?[A-Za-z_]\w*(?:Error|Exception|Interrupt|Exit)(?::|$)/.test(text) && !text.includes('\n')
    : false;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How many times the model wrote `token` outside code and output blocks. */
function countBoundaries(trace: Trace, token: string): number {
  let n = 0;
  for (const seg of trace.segments) {
    if (seg.kind === 'think-end') n += 1;
    else if (seg.kind === 'answer' || seg.kind === 'prose') n += seg.text.split(token).length - 1;
  }
  return n;
}

/** The answer boundary: exactly once where the profile requires it (`</think>` for CoRT), at most once elsewhere. */
export function checkThinkEnd(trace: Trace, profile: TraceProfile = CORT_PROFILE): CheckResult {
  const token = boundaryOf(profile.syntax) ?? profile.answer.boundary;
  const required = profile.answer.boundaryRequired;
  const base = { id: 'think-end', label: token ? `${token} ${required ? 'exactly once' : 'at most once'}` : 'Answer boundary' };
  if (!token) return { ...base, status: 'skipped', detail: `${profile.name} traces have no answer boundary` };
  const n = countBoundaries(trace, token);
  if (n === 1 || (n === 0 && !required)) return { ...base, status: 'pass', detail: n === 1 ? `one ${token}` : `no ${token} (${profile.name} does not need one)` };
  if (n === 0) return { ...base, status: 'fail', detail: token === '</think>' ? 'no </think>: the thinking never ends' : `no ${token}: the answer is never given` };
  return { ...base, status: 'fail', detail: `${n} ${token} boundaries` };
}

export function checkCodeBlocksClosed(trace: Trace): CheckResult {
  const open = trace.segments.filter((s) => s.kind === 'code' && !s.closed);
  const base = { id: 'code-closed', label: 'Every code block closed' };
  if (!open.length) return { ...base, status: 'pass', detail: 'all code blocks closed' };
  return { ...base, status: 'fail', detail: `${plural(open.length, 'unclosed code block')}`, segmentIds: open.map((s) => s.id) };
}

/**
 * Every code call answered by its output. Under fresh the harness's own view decides: a block
 * ToRL does not run (not the last of its turn) needs no output, a SimpleTIR block that printed
 * nothing has none.
 */
export function checkCodeFollowedByOutput(trace: Trace, setup: ExecutionSetup = CORT_SETUP): CheckResult {
  const { segments } = trace;
  let missing: string[];
  if (setup.semantics === 'fresh') {
    const view = freshTraceView(trace, setup.traceProfile);
    missing = [
      ...view.notRun.filter((b) => b.kind === 'unanswered').map((b) => b.codeSegmentId),
      ...view.calls.filter((c) => c.recorded === undefined && c.codeSegmentId).map((c) => c.codeSegmentId!),
    ];
  } else {
    missing = segments.filter((s, i) => s.kind === 'code' && nextContent(segments, i)?.kind !== 'output').map((s) => s.id);
  }
  const base = { id: 'code-output', label: 'Every code block followed by its output' };
  if (!missing.length) return { ...base, status: 'pass', detail: 'every code call has its output block' };
  const order = new Map(segments.map((s, i) => [s.id, i]));
  missing.sort((a, b) => order.get(a)! - order.get(b)!);
  return { ...base, status: 'fail', detail: `${plural(missing.length, 'code block')} without an output block`, segmentIds: missing };
}

/**
 * An output block the harness cannot have written was written by the model. Under cort: no
 * stop "`\n" and no code right before it; under fresh: no code call in its turn.
 */
export function checkNoHallucinatedOutput(trace: Trace, setup: ExecutionSetup = CORT_SETUP): CheckResult {
  const { segments } = trace;
  const stray =
    setup.semantics === 'cort'
      ? new Set(cortTraceView(setup.context, trace).strayOutputs)
      : setup.semantics === 'fresh'
        ? new Set(freshTraceView(trace, setup.traceProfile).strayOutputs)
        : undefined;
  const orphans = segments.filter((s, i) => s.kind === 'output' && (stray ? stray.has(s.id) : previousContent(segments, i)?.kind !== 'code'));
  const base = { id: 'hallucinated-output', label: 'No output without code' };
  if (!orphans.length) return { ...base, status: 'pass', detail: 'every output block follows a code call' };
  return { ...base, status: 'fail', detail: `${plural(orphans.length, 'output block')} with no code call before it`, segmentIds: orphans.map((s) => s.id) };
}

/** The most calls a trace of this profile can hold: its rounds less the last (which makes none), CoRT's 15, or none. */
export function maxCodeCalls(profile: TraceProfile): number | null {
  const rounds = profile.continuation.maxRounds;
  if (rounds !== null) return rounds - 1;
  return profile.id === 'cort' ? MAX_CODE_CALLS : null;
}

/** Calls as the harness counts them (CoRT's rounds under cort, empty-program ones included). */
export function checkCodeCalls(trace: Trace, setup: ExecutionSetup = CORT_SETUP, maxCalls = maxCodeCalls(setup.traceProfile)): CheckResult {
  const calls =
    setup.semantics === 'cort'
      ? cortTraceView(setup.context, trace).calls.length
      : setup.semantics === 'fresh'
        ? freshTraceView(trace, setup.traceProfile).calls.length
        : trace.segments.filter((s) => s.kind === 'code').length;
  const base = { id: 'code-calls', label: maxCalls === null ? 'Code calls' : `At most ${maxCalls} code calls` };
  if (maxCalls === null) return { ...base, status: 'pass', detail: `${plural(calls, 'code call')} (${setup.traceProfile.name} sets no limit)` };
  if (calls <= maxCalls) return { ...base, status: 'pass', detail: plural(calls, 'code call') };
  return { ...base, status: 'fail', detail: `${calls} code calls, over ${setup.traceProfile.name}'s limit of ${maxCalls}` };
}

/**
 * CoRT-only: calls that ran the empty program (the round stopped at "`\n" — an inline `code`
 * at a line end, a ```py block — without ```python) and blocks CoRT never runs. Both leave
 * an empty output or none where the trace suggests code ran.
 */
export function checkCortCalls(trace: Trace, setup: ExecutionSetup): CheckResult {
  const view = cortTraceView(setup.context, trace);
  const empty = view.calls.filter((c) => c.kind === 'empty');
  const base = { id: 'cort-calls', label: 'Every call runs a ```python block' };
  const problems: string[] = [];
  if (empty.length) problems.push(`${plural(empty.length, 'call')} ran CoRT's empty program (a line ending in a backtick stopped the model without a \`\`\`python block)`);
  if (view.notRun.length) problems.push(`${plural(view.notRun.length, 'code block')} CoRT never runs (${view.notRun[0]!.reason})`);
  if (!problems.length) return { ...base, status: 'pass', detail: `${plural(view.calls.length, 'call')}, each running a \`\`\`python block` };
  const ids = [...empty.flatMap((c) => (c.outputSegmentId ? [c.outputSegmentId] : [])), ...view.notRun.map((b) => b.codeSegmentId)];
  return { ...base, status: 'fail', detail: problems.join('; '), segmentIds: ids };
}

/** Fresh-only: calls the harness cannot read (a tool call that is not JSON; a ToRL turn with no complete ```python block). */
export function checkFreshCalls(trace: Trace, setup: ExecutionSetup): CheckResult {
  const unreadable = freshTraceView(trace, setup.traceProfile).notRun.filter((b) => b.kind === 'unreadable');
  const base = { id: 'fresh-calls', label: `Every call is one ${setup.traceProfile.name}'s harness can run` };
  if (!unreadable.length) return { ...base, status: 'pass', detail: 'every code call can be read and run' };
  return { ...base, status: 'fail', detail: `${plural(unreadable.length, 'code call')} the harness cannot run (${unreadable[0]!.reason})`, segmentIds: unreadable.map((b) => b.codeSegmentId) };
}

export function checkCodeErrorRate(trace: Trace, profile: TraceProfile = CORT_PROFILE): CheckResult {
  const outputs = trace.segments.filter((s) => s.kind === 'output');
  const errors = outputs.filter((s) => isErrorOutput(outputContent(s, profile).result, profile));
  const base = { id: 'code-errors', label: 'Code error rate' };
  if (!outputs.length) return { ...base, status: 'skipped', detail: 'no output blocks' };
  const rate = errors.length / outputs.length;
  const detail = `${errors.length} of ${plural(outputs.length, 'output')} are errors (${Math.round(rate * 100)}%)`;
  return { ...base, status: rate > ERROR_RATE_WARNING ? 'warn' : 'pass', detail, segmentIds: errors.map((s) => s.id) };
}

/** All structure checks that need no interpreter, in checklist order (cort adds `cort-calls`, fresh `fresh-calls`). */
export function structureChecks(trace: Trace, setup: ExecutionSetup = CORT_SETUP): CheckResult[] {
  const profile = setup.traceProfile;
  const checks = [checkThinkEnd(trace, profile), checkCodeBlocksClosed(trace), checkCodeFollowedByOutput(trace, setup), checkNoHallucinatedOutput(trace, setup), checkCodeCalls(trace, setup)];
  if (setup.semantics === 'cort') checks.push(checkCortCalls(trace, setup));
  if (setup.semantics === 'fresh') checks.push(checkFreshCalls(trace, setup));
  return [...checks, checkCodeErrorRate(trace, profile)];
}

export interface ReproducedCell {
  codeSegmentId?: string;
  outputSegmentId?: string;
  recorded?: string;
  reproduced: string;
  /** Undefined when there was no recorded output to compare with (or it cannot be reproduced here). */
  equal?: boolean;
  status: BlockStatus;
}

export interface ReproductionOptions {
  /** Namespace for a notebook re-run; it is restarted first so nothing leaks in from earlier runs. */
  namespace?: string;
  /** Per code block; default: the executor's own limit (CoRT's 30 s unless configured). */
  timeoutMs?: number;
  /** How the code runs (default: CoRT's semantics, with no prompt before the response). */
  profile?: ExecutionSetup;
}

export const REPRODUCTION_NAMESPACE = 'hint-studio:reproduction';

/**
 * Re-run the trace's code as its profile runs it (core/exec `verifyWith`, the same path as
 * `hint-studio verify`) and compare each recorded output with the reproduced one. A mismatch
 * means the output was hallucinated or edited; an output that cannot be reproduced here (a
 * package missing offline) or that CoRT's executor cannot have written counts as not
 * reproduced.
 */
export async function checkReproduction(
  trace: Trace,
  executor: Executor,
  options: ReproductionOptions = {},
): Promise<CheckResult & { cells: ReproducedCell[] }> {
  const setup = options.profile ?? CORT_SETUP;
  const base = { id: 'reproduction', label: 'Outputs reproduce' };
  if (setup.semantics === 'none') return { ...base, status: 'skipped', detail: `${setup.traceProfile.name} traces hold another tool's results: nothing to re-run`, cells: [] };
  const timeoutMs = options.timeoutMs ?? (setup.traceProfile.execution.timeoutSeconds ?? DEFAULT_CELL_TIMEOUT_MS / 1000) * 1000;
  const check = await verifyWith(executor, options.namespace ?? REPRODUCTION_NAMESPACE, trace, setup, timeoutMs);
  const cells: ReproducedCell[] = check.blocks
    .filter((b) => b.status !== 'not-run')
    .map((b) => {
      const cell: ReproducedCell = { reproduced: b.reproduced, status: b.status };
      if (b.codeSegmentId) cell.codeSegmentId = b.codeSegmentId;
      if (b.outputSegmentId) cell.outputSegmentId = b.outputSegmentId;
      if (b.recorded !== undefined) cell.recorded = b.recorded;
      if (b.matches !== null) cell.equal = b.matches;
      return cell;
    });
  const withCells = { ...base, cells };
  const unavailable = cells.filter((c) => c.status === 'unavailable' && c.recorded !== undefined);
  const compared = cells.filter((c) => c.equal !== undefined);
  const differing = compared.filter((c) => !c.equal);
  if (!compared.length && !unavailable.length) return { ...withCells, status: 'skipped', detail: 'no recorded outputs to compare' };
  const problems: string[] = [];
  if (differing.length) problems.push(`${differing.length} of ${plural(compared.length, 'recorded output')} differ from what the code prints now`);
  if (unavailable.length) problems.push(`${plural(unavailable.length, 'output')} cannot be reproduced here (${firstLine(check.blocks.find((b) => b.status === 'unavailable')!.reproduced)})`);
  if (!problems.length) return { ...withCells, status: 'pass', detail: `${plural(compared.length, 'output')} reproduced exactly (${setup.semantics})` };
  return { ...withCells, status: 'fail', detail: problems.join('; '), segmentIds: [...differing, ...unavailable].flatMap((c) => (c.outputSegmentId ? [c.outputSegmentId] : [])) };
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 120);
