/**
 * Which profile a trace follows, from the markers in its text (and a few record fields that
 * name it). CoRT and ToRL write the same fences; without a record saying otherwise a fenced
 * trace is CoRT's, the studio's default.
 */
import type { TraceProfile, TraceProfileId } from './types';
import { isTraceProfileId } from './registry';
import { BUILTIN_PROFILES } from './builtin';

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

/** Whether two profiles write the same markers (a project's copy of a built-in with other rules: CoRT with a 512-char cap). */
export function sameMarkers(a: TraceProfile, b: TraceProfile): boolean {
  return JSON.stringify([a.syntax, a.code, a.output]) === JSON.stringify([b.syntax, b.code, b.output]);
}

/** Whether a text holds a code call and an output written with `profile`'s openers (whitespace around them aside). */
export function hasMarkersOf(text: string, profile: TraceProfile): boolean {
  return text.includes(profile.code.before.trim()) && text.includes(profile.output.before.trim());
}

/**
 * The profile an imported trace is read with in a project whose own profile is `project`:
 * `project` when the trace was detected as a profile with the same markers (a CoRT trace in a
 * project of "CoRT with a 512-char cap"), or when `project`'s markers are no built-in's and the
 * trace carries them (a ReTool variant with other tags); otherwise the one detected.
 */
export function projectProfileOfText(text: string, detected: TraceProfile, project: TraceProfile): TraceProfile {
  if (detected.id === project.id || sameMarkers(detected, project)) return project;
  const ownMarkers = !BUILTIN_PROFILES.some((b) => sameMarkers(b, project));
  return ownMarkers && hasMarkersOf(text, project) ? project : detected;
}
