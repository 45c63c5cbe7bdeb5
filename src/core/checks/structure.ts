/**
 * Structure checks on a trace as CoRT's format requires it (DESIGN.md §2): one `</think>`,
 * closed code blocks each followed by the interpreter's output, no output the model wrote
 * itself, at most 15 code calls; plus the share of outputs that are errors, and a
 * reproduction run that re-executes the code and compares with the recorded outputs.
 */
import { codeBody, countThinkEnds } from '../trace';
import type { Segment, Trace } from '../trace/types';
import { compareOutputs, TIMEOUT_OUTPUT, type Executor } from '../exec';
import type { CheckResult } from './types';

/** CoRT's cap on code executions per trace. */
export const MAX_CODE_CALLS = 15;
/** Above this share of failing cells the trace teaches more debugging than reasoning. */
export const ERROR_RATE_WARNING = 0.5;

/** The note CoRT appends to the output of the second-to-last allowed call; not produced by the code. */
const SYSTEM_LIMIT_NOTE = '\n\n[SYSTEM]\nYou have exceeded the allowed number of code executions.';

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

/** An output block not preceded by a code block was written by the model, not the interpreter. */
export function checkNoHallucinatedOutput(trace: Trace): CheckResult {
  const { segments } = trace;
  const orphans = segments.filter((s, i) => s.kind === 'output' && previousContent(segments, i)?.kind !== 'code');
  const base = { id: 'hallucinated-output', label: 'No output without code' };
  if (!orphans.length) return { ...base, status: 'pass', detail: 'every output block follows a code block' };
  return { ...base, status: 'fail', detail: `${plural(orphans.length, 'output block')} with no code block before it`, segmentIds: orphans.map((s) => s.id) };
}

export function checkCodeCalls(trace: Trace): CheckResult {
  const calls = trace.segments.filter((s) => s.kind === 'code').length;
  const base = { id: 'code-calls', label: `At most ${MAX_CODE_CALLS} code calls` };
  if (calls <= MAX_CODE_CALLS) return { ...base, status: 'pass', detail: plural(calls, 'code call') };
  return { ...base, status: 'fail', detail: `${calls} code calls, over CoRT's limit of ${MAX_CODE_CALLS}` };
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

/** All structure checks that need no interpreter, in checklist order. */
export function structureChecks(trace: Trace): CheckResult[] {
  return [checkThinkEnd(trace), checkCodeBlocksClosed(trace), checkCodeFollowedByOutput(trace), checkNoHallucinatedOutput(trace), checkCodeCalls(trace), checkCodeErrorRate(trace)];
}

export interface ReproducedCell {
  codeSegmentId: string;
  outputSegmentId?: string;
  recorded?: string;
  reproduced: string;
  /** Undefined when there was no recorded output to compare with. */
  equal?: boolean;
}

export interface ReproductionOptions {
  /** Namespace for the re-run; it is restarted first so nothing leaks in from earlier runs. */
  namespace?: string;
  /** Per code block; default: the executor's own limit (CoRT's 30 s unless configured). */
  timeoutMs?: number;
}

export const REPRODUCTION_NAMESPACE = 'hint-studio:reproduction';

/**
 * Re-run the closed code blocks in order in a fresh namespace (the interpreter is
 * Jupyter-like, so later cells see earlier variables) and compare each recorded output
 * with the reproduced one. A mismatch means the output was hallucinated or edited.
 */
export async function checkReproduction(
  trace: Trace,
  executor: Executor,
  options: ReproductionOptions = {},
): Promise<CheckResult & { cells: ReproducedCell[] }> {
  const namespace = options.namespace ?? REPRODUCTION_NAMESPACE;
  const { segments } = trace;
  const cells: ReproducedCell[] = [];
  await executor.restart(namespace);
  try {
    for (let i = 0; i < segments.length; i++) {
      const code = segments[i];
      // An unclosed block was never executed by CoRT either.
      if (code.kind !== 'code' || !code.closed) continue;
      const result = await executor.run(namespace, codeBody(code), { timeoutMs: options.timeoutMs });
      const next = nextContent(segments, i);
      const cell: ReproducedCell = { codeSegmentId: code.id, reproduced: result.output };
      if (next?.kind === 'output') {
        const recorded = codeBody(next);
        const noteAt = recorded.indexOf(SYSTEM_LIMIT_NOTE);
        cell.outputSegmentId = next.id;
        cell.recorded = recorded;
        cell.equal = compareOutputs(noteAt >= 0 ? recorded.slice(0, noteAt) : recorded, result.output).equal;
      }
      cells.push(cell);
    }
  } finally {
    await executor.restart(namespace);
  }
  const base = { id: 'reproduction', label: 'Outputs reproduce', cells };
  const compared = cells.filter((c) => c.equal !== undefined);
  const differing = compared.filter((c) => !c.equal);
  if (!compared.length) return { ...base, status: 'skipped', detail: 'no recorded outputs to compare' };
  if (!differing.length) return { ...base, status: 'pass', detail: `${plural(compared.length, 'output')} reproduced exactly` };
  return {
    ...base,
    status: 'fail',
    detail: `${differing.length} of ${plural(compared.length, 'recorded output')} differ from what the code prints now`,
    segmentIds: differing.map((c) => c.outputSegmentId!),
  };
}
