/**
 * `--timeout <seconds>`: the per-code-block limit of every command that runs Python. Without
 * it each sample's trace profile brings its own harness's limit (CoRT 30 s, ToRL 10, ReTool 5,
 * SimpleTIR 3).
 */
import type { TraceProfile } from '../core/profiles/types';
import { CliError } from './io';

export const TIMEOUT_FLAGS = '--timeout <seconds>';
export const TIMEOUT_HELP = "time limit per code block (default: the trace profile's own: CoRT 30, ToRL 10, ReTool 5, SimpleTIR 3)";
/** The executor's own limit when neither the user nor a profile names one (CoRT's). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The option's value in milliseconds, undefined when not given; a clear error for anything but a positive number. */
export function givenTimeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--timeout must be a positive number of seconds, not ${value}`);
  return seconds * 1000;
}

/** The limit for one sample: the user's, else its trace profile's, else CoRT's. */
export function sampleTimeoutMs(given: number | undefined, profile: TraceProfile): number {
  if (given !== undefined) return given;
  const seconds = profile.execution.timeoutSeconds;
  return seconds ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}
