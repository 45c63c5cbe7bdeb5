/**
 * CoRT's executor result formatting, shared by every runtime: stdout stripped; the traceback
 * (stripped) when the cell raised; `Timeout Error` on time-out; anything longer than 800
 * characters becomes its first 400 + `...` + its last 400.
 */

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
}

/** Python's `str.isspace()` set (JS `\s` differs: it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Python's `str.strip()`, which CoRT's executor applies to every result. A scan, not a
 *  `\s+$` regex, which backtracks quadratically over long inner runs of blanks. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_WHITESPACE.test(text[start]!)) start++;
  while (end > start && PY_WHITESPACE.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/**
 * CoRT's truncation. Lengths are counted in code points, as Python's `len` does, so an
 * emoji near the cut is neither split nor miscounted.
 */
export function truncateCortOutput(text: string): string {
  if (text.length <= CORT_MAX_OUTPUT) return text; // UTF-16 length ≥ code points
  const points = Array.from(text);
  if (points.length <= CORT_MAX_OUTPUT) return text;
  return points.slice(0, CORT_KEEP).join('') + '...' + points.slice(-CORT_KEEP).join('');
}

/** The untruncated result text for an outcome. */
export function fullOutput(outcome: CellOutcome): string {
  if (outcome.kind === 'timeout') return outcome.traceback ? pythonStrip(outcome.traceback) : TIMEOUT_OUTPUT;
  if (outcome.kind === 'ok') return pythonStrip(outcome.stdout);
  return pythonStrip(outcome.traceback ?? '');
}

/** `{ output, full }` as stored in a RunResult. */
export function formatOutcome(outcome: CellOutcome): { output: string; full: string } {
  const full = fullOutput(outcome);
  return { output: truncateCortOutput(full), full };
}
