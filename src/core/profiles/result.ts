/**
 * The text of an output block from one execution, by the profile's result rule: which stream
 * counts, what an error shows, stripping, truncation, the time-out text. Pure, so every path
 * that runs code (cell runs, Run all, the loop, verify, the checks) applies each project's
 * rule the same way. Checked against scripts/reference/profile_results.py (each project's
 * formatting, run on CPython). Lengths are Python's: code points, not UTF-16 units.
 */
import type { ResultRule, TraceProfile, TruncationRule } from './types';
import { pythonSplitlines, pythonStrip as pyStrip } from '../util/pythonText';

export interface ExecutionRun {
  stdout: string;
  /** stderr as the process wrote it (a traceback when the code raised). */
  stderr: string;
  failed: boolean;
  /** The harness had to stop the code from outside (it did not end by itself in time). */
  timedOut: boolean;
  /** Seconds the run took (rStar2's report shows them). */
  seconds?: number;
}

/** `s[:head] + marker + s[-tail:]` when `len(s)` is over (or at, `inclusive`) `limit`, in code points as Python counts. */
export function truncateResult(text: string, rule: TruncationRule | null): string {
  if (!rule || text.length < rule.limit) return text; // UTF-16 length ≥ code points
  const points = Array.from(text);
  const over = points.length > rule.limit || (rule.inclusive && points.length === rule.limit);
  return over ? points.slice(0, rule.head).join('') + rule.marker + (rule.tail > 0 ? points.slice(-rule.tail).join('') : '') : text;
}

/** Python's `s.strip().split("\n")[-1]`. */
const lastLine = (text: string) => pyStrip(text).split('\n').at(-1)!;

/**
 * rStar2's tool response as its code_judge_utils lays it out. The sandbox's own fields cannot
 * be reproduced here: a failure's `reason` is a stand-in and the time is this run's.
 */
function toolReport(run: ExecutionRun): string {
  const success = !run.failed && !run.timedOut;
  const parts = [success ? 'Tool call success' : 'Tool call failure'];
  if (!success) parts.push(`reason: ${run.timedOut ? 'timeout' : 'runtime_error'}`);
  if (run.stdout) parts.push(`stdout: ${run.stdout}`);
  if (run.stderr) parts.push(`stderr: ${run.stderr}`);
  parts.push(`execution time: ${(run.seconds ?? 0).toFixed(2)}s`);
  return parts.join('\n');
}

function picked(run: ExecutionRun, rule: ResultRule): string | null {
  const error = rule.error === 'last-line' ? lastLine(run.stderr) : pyStrip(run.stderr);
  switch (rule.pick) {
    case 'stdout-else-error':
      return run.failed ? error : run.stdout;
    case 'stdout-if-any-else-error':
      return !run.failed || run.stdout.length > 0 ? run.stdout : error;
    case 'error-over-stdout': {
      // SimpleTIR: any stderr (a warning too) replaces stdout; its last line only.
      if (run.stderr.length > 0) return pythonSplitlines(run.stderr).at(-1) ?? '';
      return run.stdout.length > 0 ? run.stdout : null;
    }
    case 'tool-report':
      return toolReport(run);
    case 'as-given':
      return run.stdout;
  }
}

/** The result text, or null when the profile appends no output block at all (SimpleTIR, nothing printed). */
export function formatResult(run: ExecutionRun, profile: TraceProfile): string | null {
  const text = untruncatedResult(run, profile);
  return text === null ? null : truncateResult(text, profile.result.truncation);
}

/** The result text before the profile's truncation (what `RunResult.full` keeps). */
export function untruncatedResult(run: ExecutionRun, profile: TraceProfile): string | null {
  const rule = profile.result;
  if (run.timedOut && rule.timeout !== null) return rule.timeout;
  if (!run.failed && !run.timedOut && run.stdout === '' && rule.nothingPrinted !== null) return rule.nothingPrinted;
  let text = picked(run, rule);
  if (text === null) return rule.omitEmpty ? null : '';
  if (rule.lastLineIfContains !== null && text.includes(rule.lastLineIfContains)) text = lastLine(text);
  if (rule.emptyResult !== null && pyStrip(text) === '') text = rule.emptyResult;
  return rule.strip ? pyStrip(text) : text;
}
