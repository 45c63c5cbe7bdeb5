/**
 * Which profile a trace follows, from the markers in its text (and a few record fields that
 * name it). CoRT and ToRL write the same fences; without a record saying otherwise a fenced
 * trace is CoRT's, the studio's default.
 */
import type { TraceProfileId } from './types';
import { isTraceProfileId } from './registry';

/** rStar2's own marks: its tool name, its tool turn in the chat template, its reasoning tag. */
const RSTAR2_MARKS = ['"python_code_with_standard_io"', '<|im_start|>user\n<tool_response>', '<|im_start|>assistant\n<reason>'];

/**
 * Each pattern is a block as the project writes it (a tag followed by its content), not a
 * mere mention: a CoRT trace that talks about "<code>" in prose stays CoRT.
 */
const TOOL_CALL = /<tool_call>\s*\{/;
const RETOOL = /<code>\s*```python|<interpreter>\r?\n/;
const SIMPLETIR = /```\nCode execution result: /;

export function detectProfileOfText(text: string): TraceProfileId {
  if (TOOL_CALL.test(text) || text.includes('<tool_response>\n')) {
    return RSTAR2_MARKS.some((mark) => text.includes(mark)) ? 'rstar2' : 'chat';
  }
  if (RETOOL.test(text)) return 'retool';
  if (SIMPLETIR.test(text)) return 'simpletir';
  return 'cort';
}

/**
 * The profile of an imported record: a `profile` field naming a known profile (the studio's
 * own exports), rStar2's `agent_name`, else the markers in the response text.
 */
export function detectProfile(response: string, record: Record<string, unknown> = {}): TraceProfileId {
  if (isTraceProfileId(record.profile)) return record.profile;
  if (record.agent_name === 'rstar2_agent') return 'rstar2';
  return detectProfileOfText(response);
}
