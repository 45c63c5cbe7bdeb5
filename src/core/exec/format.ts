/**
 * From what the interpreter produced to the output text: every runtime reports a CellOutcome,
 * and the text is the trace profile's (profiles/result.ts `formatResult`). Executors format
 * with CoRT's rule — stdout stripped; the traceback (stripped) when the cell raised; `Timeout
 * Error` on time-out; beyond 800 characters the first 400 + `...` + the last 400 — and
 * `profileRunner` re-formats by the sample's profile, from the same outcome.
 */
import { CORT_PROFILE } from '../profiles/builtin';
import { formatResult, truncateResult, untruncatedResult, type ExecutionRun } from '../profiles/result';
import type { TraceProfile } from '../profiles/types';
import { pythonStrip } from '../util/pythonText';

export { pythonStrip };

export const TIMEOUT_OUTPUT = 'Timeout Error';
export const CORT_MAX_OUTPUT = 800;
export const CORT_KEEP = 400;

/** What the interpreter produced, before formatting. */
export interface CellOutcome {
  /** unavailable: a package the code imports cannot be loaded here; `traceback` says which. */
  kind: 'ok' | 'error' | 'timeout' | 'interrupted' | 'unavailable';
  stdout: string;
  /** Python's formatted traceback when the cell raised — for a 'cort' time-out, the
   *  TimeoutError traceback CoRT records; without one a time-out is `Timeout Error`. */
  traceback?: string;
  /** 'script' runs: everything written to stderr (warnings, the traceback as Python prints it). */
  stderr?: string;
}

/**
 * The outcome as a harness sees a run. A time-out whose exception the code raised (CoRT's and
 * ReTool's timeout_decorator inside the program) is an error with its traceback; only code
 * the harness had to stop from outside has `timedOut`.
 */
export function executionRunOf(outcome: CellOutcome, seconds?: number): ExecutionRun {
  const stderr = outcome.stderr ?? outcome.traceback ?? '';
  const timedOut = outcome.kind === 'timeout' && !outcome.traceback;
  const run: ExecutionRun = { stdout: outcome.stdout, stderr, failed: outcome.kind !== 'ok', timedOut };
  if (seconds !== undefined) run.seconds = seconds;
  return run;
}

/** CoRT's truncation, in code points as Python's `len` counts them. */
export function truncateCortOutput(text: string): string {
  return truncateResult(text, CORT_PROFILE.result.truncation);
}

/** The untruncated CoRT result text for an outcome. */
export function fullOutput(outcome: CellOutcome): string {
  return untruncatedResult(executionRunOf(outcome), CORT_PROFILE) ?? '';
}

/** `{ output, full }` of an outcome under a trace profile (CoRT's by default); `omitted` when the profile appends nothing. */
export function formatOutcome(outcome: CellOutcome, profile: TraceProfile = CORT_PROFILE, seconds?: number): { output: string; full: string; omitted?: true } {
  const run = executionRunOf(outcome, seconds);
  const output = formatResult(run, profile);
  if (output === null) return { output: '', full: '', omitted: true };
  return { output, full: untruncatedResult(run, profile) ?? '' };
}
