/**
 * Running a sample's code under an execution profile through any Executor: the one path the
 * CLI, the checks and the studio share, so they agree byte for byte.
 */
import { codeBody } from '../trace';
import type { Trace } from '../trace/types';
import { withCodeBody } from '../trace/cellText';
import { cortCellProgram } from './semantics/calls';
import { execModeOf, type ProfileRun } from './semantics/profile';
import type { Executor, RunResult } from './types';
import { verifyTrace, type TraceCheck } from './verify';

/** `code` → result, in the profile's interpreter mode and the namespace given. */
export function profileRunner(executor: Pick<Executor, 'run'>, namespace: string, profile: ProfileRun, timeoutMs?: number): (code: string) => Promise<RunResult> {
  const mode = execModeOf(profile.profile);
  return (code) => executor.run(namespace, code, timeoutMs === undefined ? { mode } : { mode, timeoutMs });
}

/**
 * Verify a trace under a profile. The notebook profile needs a namespace that starts empty
 * (and is cleared afterwards); the cort profile keeps none.
 */
export async function verifyWith(executor: Executor, namespace: string, trace: Trace, profile: ProfileRun, timeoutMs?: number): Promise<TraceCheck> {
  const notebook = profile.profile === 'notebook';
  if (notebook) await executor.restart(namespace);
  try {
    return await verifyTrace(trace, profileRunner(executor, namespace, profile, timeoutMs), profile);
  } finally {
    if (notebook) await executor.restart(namespace);
  }
}

/** What a cell run executes: the cell as written (notebook) or CoRT's program of a call right after it (cort). */
export function cellRunCode(trace: Trace, segmentId: string, body: string, profile: ProfileRun): { code: string } | { notRun: string } {
  if (profile.profile === 'notebook') return { code: body };
  // The program is built from the text with the cell as it will run (possibly unsaved edits).
  const edited: Trace = { segments: trace.segments.map((s) => (s.id === segmentId && s.kind === 'code' && codeBody(s) !== body ? withCodeBody(s, body) : s)) };
  const result = cortCellProgram(profile.context, edited, segmentId);
  return 'notRun' in result ? result : { code: result.program };
}
