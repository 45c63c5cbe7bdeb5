/** CoRT's [SYSTEM] notice, appended to the output of round max−2 by its loop, not by the code. */
export const CORT_SYSTEM_NOTICE =
  '\n\n[SYSTEM]\nYou have exceeded the allowed number of code executions. You can no longer write or run code. Please continue solving the problem using your reasoning and analytical skills.';

/**
 * A recorded output without the [SYSTEM] notice CoRT's loop appended to it, so it can be
 * compared with what the code prints. The one function verify and the reproduction check share.
 */
export function withoutSystemNotice(recorded: string): string {
  const normalized = recorded.replace(/\r\n/g, '\n');
  return normalized.endsWith(CORT_SYSTEM_NOTICE) ? normalized.slice(0, -CORT_SYSTEM_NOTICE.length) : recorded;
}

export function hasSystemNotice(recorded: string): boolean {
  return recorded.replace(/\r\n/g, '\n').endsWith(CORT_SYSTEM_NOTICE);
}
