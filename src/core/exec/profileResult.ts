/**
 * A run's result in the sample's trace profile's format. Executors return CoRT's formatting
 * plus the raw `outcome`; this re-formats from the outcome (profiles/result.ts), so every
 * consumer — a cell run, Run all, the loop, verify, the checks — writes and compares the text
 * the profile's own harness would have written. For CoRT it gives the executor's text again.
 */
import type { TraceProfile } from '../profiles/types';
import { formatOutcome } from './format';
import type { RunResult } from './types';

export function profileResult(result: RunResult, profile: TraceProfile): RunResult {
  // A package missing here gives a message, not a result; a dead interpreter has no outcome.
  if (!result.outcome || result.status === 'unavailable') return result;
  const formatted = formatOutcome(result.outcome, profile, result.durationMs / 1000);
  const next: RunResult = { ...result, output: formatted.output, full: formatted.full };
  if (formatted.omitted) next.omitted = true;
  else delete next.omitted;
  return next;
}
