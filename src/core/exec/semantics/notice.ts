/**
 * The notice a profile's loop appends to the output of round max−2 (CoRT's [SYSTEM] notice),
 * written by the loop, not by the code.
 */
import { CORT_SYSTEM_NOTICE } from '../../profiles/builtin';

export { CORT_SYSTEM_NOTICE };

/**
 * A recorded output without the notice the loop appended to it (CoRT's unless the profile has
 * another), so it can be compared with what the code prints. The one function verify and the
 * reproduction check share.
 */
export function withoutSystemNotice(recorded: string, notice: string | null = CORT_SYSTEM_NOTICE): string {
  if (!notice) return recorded;
  const normalized = recorded.replace(/\r\n/g, '\n');
  return normalized.endsWith(notice) ? normalized.slice(0, -notice.length) : recorded;
}

export function hasSystemNotice(recorded: string, notice: string | null = CORT_SYSTEM_NOTICE): boolean {
  return notice !== null && recorded.replace(/\r\n/g, '\n').endsWith(notice);
}
