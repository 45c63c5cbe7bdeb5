/**
 * Execution profiles: which program a code call runs, and how. Everything that runs code —
 * a cell run, Run all, the continuation loop, verify, stats, the checks and the export gate —
 * takes one, and every output the studio writes records it (segment meta `profile`).
 *
 * - cort: exactly CoRT's pipeline (DESIGN.md §2a): at each call, the program rebuilt from the
 *   whole text so far (chat-templated prompt included) by CoRT's replay rule, run in fresh
 *   globals (ExecMode 'cort'). The default for CoRT data.
 * - notebook: one live namespace per sample, each cell run as written (ExecMode 'namespace'),
 *   for pipelines that keep an interpreter alive.
 */
import type { ExecMode } from '../types';

export type ExecutionProfile = 'cort' | 'notebook';

export const EXECUTION_PROFILES: readonly ExecutionProfile[] = ['cort', 'notebook'];

export const DEFAULT_EXECUTION_PROFILE: ExecutionProfile = 'cort';

export const PROFILE_LABEL: Record<ExecutionProfile, string> = {
  cort: "CoRT (program rebuilt and replayed at every call, fresh globals)",
  notebook: 'Notebook (one live namespace per sample)',
};

export function isExecutionProfile(value: unknown): value is ExecutionProfile {
  return value === 'cort' || value === 'notebook';
}

/** The interpreter mode a profile runs its code in. */
export function execModeOf(profile: ExecutionProfile): ExecMode {
  return profile === 'cort' ? 'cort' : 'namespace';
}

/**
 * What running code under a profile needs besides the trace. `context` is the text CoRT's
 * loop scans before the response: the chat-templated generation prompt (a fence in the
 * problem statement is a block too). Unused by the notebook profile.
 */
export interface ProfileRun {
  profile: ExecutionProfile;
  context: string;
}
