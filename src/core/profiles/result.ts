/**
 * The text of an output block from one execution, by the profile's result rule: which stream
 * counts, what an error shows, stripping, truncation, the time-out text. Pure, so the
 * executors of phase 2 (and `verify`) apply each project's rule the same way everywhere.
 * Checked against scripts/reference/profile_results.py (each project's formatting, run on CPython).
 */
import type { ResultRule, TraceProfile, TruncationRule } from './types';

export interface ExecutionRun {
  stdout: string;
  /** stderr as the process wrote it (a traceback when the code raised). */
  stderr: string;
  failed: boolean;
  timedOut: boolean;
}

export function truncateResult(text: string, rule: TruncationRule | null): string {
  if (!rule) return text;
  const over = text.length > rule.limit || (rule.inclusive && text.length === rule.limit);
  return over ? text.slice(0, rule.head) + rule.marker + text.slice(text.length - rule.tail) : text;
}

const lastLine = (text: string) => text.split('\n').at(-1)!;

/** Python's str.splitlines(): every line boundary Python knows, no empty line after a final break. */
function splitlines(text: string): string[] {
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

function picked(run: ExecutionRun, rule: ResultRule): string | null {
  const error = rule.error === 'last-line' ? lastLine(run.stderr.trim()) : run.stderr.trim();
  switch (rule.pick) {
    case 'stdout-else-error':
      return run.failed ? error : run.stdout;
    case 'stdout-if-any-else-error':
      return !run.failed || run.stdout.length > 0 ? run.stdout : error;
    case 'error-over-stdout': {
      // SimpleTIR: any stderr (a warning too) replaces stdout; its last line only.
      if (run.stderr.length > 0) return splitlines(run.stderr).at(-1)!;
      return run.stdout.length > 0 ? run.stdout : null;
    }
    case 'as-given':
      return run.stdout;
  }
}

/** The result text, or null when the profile appends no output block at all (SimpleTIR, nothing printed). */
export function formatResult(run: ExecutionRun, profile: TraceProfile): string | null {
  const rule = profile.result;
  if (run.timedOut && rule.timeout !== null) return rule.timeout;
  let text = picked(run, rule);
  if (text === null) return rule.omitEmpty ? null : '';
  if (rule.lastLineIfContains !== null && text.includes(rule.lastLineIfContains)) text = lastLine(text.trim());
  if (rule.emptyResult !== null && text.trim() === '') text = rule.emptyResult;
  if (rule.strip) text = text.trim();
  return truncateResult(text, rule.truncation);
}
