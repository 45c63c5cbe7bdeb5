/**
 * Which semantics runs a sample's code, and what running it needs.
 *
 * A sample follows a *trace profile* (src/core/profiles: cort, torl, simpletir, retool, rstar2,
 * chat), and the trace profile names its *execution semantics* (`execution.semantics`):
 * - cort: exactly CoRT's pipeline (DESIGN.md §2a): at each call, the program rebuilt from the
 *   whole text so far (chat-templated prompt included) by CoRT's replay rule, run in fresh
 *   globals (ExecMode 'cort');
 * - notebook: one live namespace per sample, each cell run as written (ExecMode 'namespace');
 * - fresh: each call alone in a fresh interpreter (exec/semantics/fresh.ts);
 * - none: nothing runs (chat traces).
 * For the trace profiles whose semantics is cort, the project setting `semantics`
 * (ProjectSemantics: cort | notebook) may choose the notebook instead; every other trace
 * profile runs under its own semantics whatever the setting.
 *
 * Everything that runs code — a cell run, Run all, the continuation loop, verify, stats, the
 * checks and the export gate — takes an ExecutionSetup, and every output the studio writes
 * records its semantics (segment meta `profile`).
 */
import type { ExecMode } from '../types';
import type { ExecutionSemantics, TraceProfile } from '../../profiles/types';
import { CORT_PROFILE } from '../../profiles/builtin';

export type { ExecutionSemantics } from '../../profiles/types';
export { EXECUTION_SEMANTICS } from '../../profiles/types';

/** What a project chooses (Settings → Execution, `--semantics`) for the trace profiles whose semantics is cort. */
export type ProjectSemantics = Extract<ExecutionSemantics, 'cort' | 'notebook'>;

export const PROJECT_SEMANTICS: readonly ProjectSemantics[] = ['cort', 'notebook'];

export const DEFAULT_PROJECT_SEMANTICS: ProjectSemantics = 'cort';

export const PROJECT_SEMANTICS_LABEL: Record<ProjectSemantics, string> = {
  cort: 'CoRT (program rebuilt and replayed at every call, fresh globals)',
  notebook: 'Notebook (one live namespace per sample)',
};

export function isProjectSemantics(value: unknown): value is ProjectSemantics {
  return value === 'cort' || value === 'notebook';
}

/** The semantics a sample's code runs under: its trace profile's, where the project may pick notebook over cort. */
export function semanticsFor(traceProfile: TraceProfile, project: ProjectSemantics = DEFAULT_PROJECT_SEMANTICS): ExecutionSemantics {
  return traceProfile.execution.semantics === 'cort' ? project : traceProfile.execution.semantics;
}

/**
 * The interpreter mode of a call: a notebook cell runs in its namespace; CoRT's program, and
 * any 'exec' harness (ReTool's executor is the same ToRA code), in fresh `{}` globals; a
 * 'script' harness as a fresh `__main__` with stdout and stderr apart.
 */
export function execModeOf(semantics: ExecutionSemantics, traceProfile: TraceProfile = CORT_PROFILE): ExecMode {
  if (semantics === 'notebook') return 'namespace';
  if (semantics === 'cort') return 'cort';
  return traceProfile.execution.runner === 'exec' ? 'cort' : 'script';
}

/**
 * What running a sample's code needs besides the trace: the semantics, the sample's trace
 * profile (its program rule, its result formatting), and — for cort — the text CoRT's loop
 * scans before the response: the chat-templated generation prompt (a fence in the problem
 * statement is a block too).
 */
export interface ExecutionSetup {
  semantics: ExecutionSemantics;
  traceProfile: TraceProfile;
  context: string;
}
