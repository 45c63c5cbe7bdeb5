/** `--timeout <seconds>`: the per-code-block limit of every command that runs Python (CoRT: 30 s). */
import { CliError } from './io';

export const TIMEOUT_FLAGS = '--timeout <seconds>';
export const TIMEOUT_HELP = 'time limit per code block';
export const DEFAULT_TIMEOUT_SECONDS = '30';

/** The option's value in milliseconds; a clear error for anything but a positive number. */
export function cellTimeoutMs(value: string | undefined): number {
  const seconds = Number(value ?? DEFAULT_TIMEOUT_SECONDS);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--timeout must be a positive number of seconds, not ${value}`);
  return seconds * 1000;
}
