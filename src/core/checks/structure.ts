/**
 * Structure checks on a trace as CoRT's format requires it (DESIGN.md §2): one `</think>`,
 * closed code blocks each followed by the interpreter's output, no output the model wrote
 * itself, at most 15 code calls; plus the share of outputs that are errors, and a
 * reproduction run that re-executes the code and compares with the recorded outputs.
 * Under the cort profile they read the trace as CoRT's loop does (core/exec/semantics):
 * calls are counted by round, empty-program calls and blocks CoRT never runs are flagged.
 */
import { codeBody, countThinkEnds } from '../trace';
import type { Segment, Trace } from '../trace/types';
import { cortTraceView, DEFAULT_EXECUTION_PROFILE, TIMEOUT_OUTPUT, verifyWith, type BlockStatus, type Executor, type ProfileRun } from '../exec';
import type { CheckResult } from './types';

/** CoRT's cap on code executions per trace. */
export const MAX_CODE_CALLS = 15;
/** Above this share of failing cells the trace teaches more debugging than reasoning. */
export const ERROR_RATE_WARNING = 0.5;


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

/** A traceback or a time-out, as CoRT's executor records them. */
export function isErrorOutput(result: string): boolean {
  const text = result.trim();
  return text.startsWith('Traceback (most recent call last):') || /^\s*File "[^"]*", line \d+/.test(text) || text.startsWith(TIMEOUT_OUTPUT);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function checkThinkEnd(trace: Trace): CheckResult {
  const n = countThinkEnds(trace);
  const base = { id: 'think-end', label: '</think> exactly once' };
  if (n === 1) return { ...base, status: 'pass', detail: 'one </think>' };
  return { ...base, status: 'fail', detail: n === 0 ? 'no </think>: the thinking never ends' : `${n} </think> boundaries` };
}

export function checkCodeBlocksClosed(trace: Trace): CheckResult {
  const open = trace.segments.filter((s) => s.kind === 'code' && !s.closed);
  const base = { id: 'code-closed', label: 'Every code block closed' };
  if (!open.length) return { ...base, status: 'pass', detail: 'all code blocks closed' };
  return { ...base, status: 'fail', detail: `${plural(open.length, 'unclosed code block')}`, segmentIds: open.map((s) => s.id) };
}

export function checkCodeFollowedByOutput(trace: Trace): CheckResult {
  const { segments } = trace;
  const missing = segments.filter((s, i) => s.kind === 'code' && nextContent(segments, i)?.kind !== 'output');
  const base = { id: 'code-output', label: 'Every code block followed by its output' };
  if (!missing.length) return { ...base, status: 'pass', detail: 'every code block has an output block' };
  return { ...base, status: 'fail', detail: `${plural(missing.length, 'code block')} without an output block`, segmentIds: missing.map((s) => s.id) };
}

/**
 * An output block not preceded by a code block was written by the model, not the interpreter.
 * Under cort: one CoRT's executor cannot have written (no stop "`\n" and no code right before).
 */
export function checkNoHallucinatedOutput(trace: Trace, profile?: ProfileRun): CheckResult {
  const { segments } = trace;
  const stray = profile?.profile === 'cort' ? new Set(cortTraceView(profile.context, trace).strayOutputs) : undefined;
  const orphans = segments.filter((s, i) => s.kind === 'output' && (stray ? stray.has(s.id) : previousContent(segments, i)?.kind !== 'code'));
  const base = { id: 'hallucinated-output', label: 'No output without code' };
  if (!orphans.length) return { ...base, status: 'pass', detail: 'every output block follows a code block' };
  return { ...base, status: 'fail', detail: `${plural(orphans.length, 'output block')} with no code block before it`, segmentIds: orphans.map((s) => s.id) };
}

/** Under cort, calls are CoRT's rounds that ran code (empty-program ones included). */
export function checkCodeCalls(trace: Trace, profile?: ProfileRun, maxCalls = MAX_CODE_CALLS): CheckResult {
  const calls = profile?.profile === 'cort' ? cortTraceView(profile.context, trace).calls.length : trace.segments.filter((s) => s.kind === 'code').length;
  const base = { id: 'code-calls', label: `At most ${maxCalls} code calls` };
  if (calls <= maxCalls) return { ...base, status: 'pass', detail: plural(calls, 'code call') };
  return { ...base, status: 'fail', detail: `${calls} code calls, over CoRT's limit of ${maxCalls}` };
}

/**
 * CoRT-only: calls that ran the empty program (the round stopped at "`\n" — an inline `code`
 * at a line end, a ```py block — without ```python) and blocks CoRT never runs. Both leave
 * an empty output or none where the trace suggests code ran.
 */
export function checkCortCalls(trace: Trace, profile: ProfileRun): CheckResult {
  const view = cortTraceView(profile.context, trace);
  const empty = view.calls.filter((c) => c.kind === 'empty');
  const base = { id: 'cort-calls', label: 'Every call runs a ```python block' };
  const problems: string[] = [];
  if (empty.length) problems.push(`${plural(empty.length, 'call')} ran CoRT's empty program (a line ending in a backtick stopped the model without a \`\`\`python block)`);
  if (view.notRun.length) problems.push(`${plural(view.notRun.length, 'code block')} CoRT never runs (${view.notRun[0]!.reason})`);
  if (!problems.length) return { ...base, status: 'pass', detail: `${plural(view.calls.length, 'call')}, each running a \`\`\`python block` };
  const ids = [...empty.flatMap((c) => (c.outputSegmentId ? [c.outputSegmentId] : [])), ...view.notRun.map((b) => b.codeSegmentId)];
  return { ...base, status: 'fail', detail: problems.join('; '), segmentIds: ids };
}

export function checkCodeErrorRate(trace: Trace): CheckResult {
  const outputs = trace.segments.filter((s) => s.kind === 'output');
  const errors = outputs.filter((s) => isErrorOutput(codeBody(s)));
  const base = { id: 'code-errors', label: 'Code error rate' };
  if (!outputs.length) return { ...base, status: 'skipped', detail: 'no output blocks' };
  const rate = errors.length / outputs.length;
  const detail = `${errors.length} of ${plural(outputs.length, 'output')} are errors (${Math.round(rate * 100)}%)`;
  return { ...base, status: rate > ERROR_RATE_WARNING ? 'warn' : 'pass', detail, segmentIds: errors.map((s) => s.id) };
}

/** All structure checks that need no interpreter, in checklist order (cort adds `cort-calls`). */
export function structureChecks(trace: Trace, profile?: ProfileRun): CheckResult[] {
  const checks = [checkThinkEnd(trace), checkCodeBlocksClosed(trace), checkCodeFollowedByOutput(trace), checkNoHallucinatedOutput(trace, profile), checkCodeCalls(trace, profile)];
  if (profile?.profile === 'cort') checks.push(checkCortCalls(trace, profile));
  return [...checks, checkCodeErrorRate(trace)];
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
  profile?: ProfileRun;
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
  const profile = options.profile ?? { profile: DEFAULT_EXECUTION_PROFILE, context: '' };
  // Without a limit of its own the executor's applies (the CLI's --timeout).
  const check = await verifyWith(executor, options.namespace ?? REPRODUCTION_NAMESPACE, trace, profile, options.timeoutMs);
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
  const base = { id: 'reproduction', label: 'Outputs reproduce', cells };
  const unavailable = cells.filter((c) => c.status === 'unavailable' && c.recorded !== undefined);
  const compared = cells.filter((c) => c.equal !== undefined);
  const differing = compared.filter((c) => !c.equal);
  if (!compared.length && !unavailable.length) return { ...base, status: 'skipped', detail: 'no recorded outputs to compare' };
  const problems: string[] = [];
  if (differing.length) problems.push(`${differing.length} of ${plural(compared.length, 'recorded output')} differ from what the code prints now`);
  if (unavailable.length) problems.push(`${plural(unavailable.length, 'output')} cannot be reproduced here (${firstLine(check.blocks.find((b) => b.status === 'unavailable')!.reproduced)})`);
  if (!problems.length) return { ...base, status: 'pass', detail: `${plural(compared.length, 'output')} reproduced exactly (${profile.profile})` };
  return { ...base, status: 'fail', detail: problems.join('; '), segmentIds: [...differing, ...unavailable].flatMap((c) => (c.outputSegmentId ? [c.outputSegmentId] : [])) };
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 120);
