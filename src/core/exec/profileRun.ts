/**
 * Running a sample's code under its execution setup through any Executor: the one path the
 * CLI, the checks, the loop and the studio share, so they agree byte for byte.
 */
import { codeBody } from '../trace';
import type { Trace } from '../trace/types';
import { withCodeBody } from '../trace/cellText';
import { cortCellProgram } from './semantics/calls';
import { freshCellProgram } from './semantics/fresh';
import { execModeOf, type ExecutionSetup } from './semantics/profile';
import { profileResult } from './profileResult';
import type { ExecMode, Executor, RunResult } from './types';
import { verifyTrace, type ProgramRunner, type TraceCheck } from './verify';

/** `code` → result, in the setup's interpreter mode and namespace, formatted by the sample's trace profile. */
export function profileRunner(executor: Pick<Executor, 'run'>, namespace: string, setup: ExecutionSetup, timeoutMs?: number): ProgramRunner {
  const mode = execModeOf(setup.semantics, setup.traceProfile);
  return async (code, options) => {
    const run = { mode, ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(options?.stdin === undefined ? {} : { stdin: options.stdin }) };
    return profileResult(await executor.run(namespace, code, run), setup.traceProfile);
  };
}

/**
 * Verify a trace under a setup. The notebook semantics needs a namespace that starts empty
 * (and is cleared afterwards); the others keep none.
 */
export async function verifyWith(executor: Executor, namespace: string, trace: Trace, setup: ExecutionSetup, timeoutMs?: number): Promise<TraceCheck> {
  const notebook = setup.semantics === 'notebook';
  if (notebook) await executor.restart(namespace);
  try {
    return await verifyTrace(trace, profileRunner(executor, namespace, setup, timeoutMs), setup);
  } finally {
    if (notebook) await executor.restart(namespace);
  }
}

/** What a cell run executes, and how. `fixedResult`: the harness appends it without running (ReTool's "None"). */
export type CellRunPlan = { code: string; mode: ExecMode; stdin?: string; fixedResult?: string } | { notRun: string };

/**
 * What a cell run executes: the cell as written (notebook), CoRT's program of a call right
 * after it (cort), or the harness's program for a call right after it (fresh). `body` is the
 * cell's code as it will run (possibly unsaved edits).
 */
export function cellRunCode(trace: Trace, segmentId: string, body: string, setup: ExecutionSetup): CellRunPlan {
  const mode = execModeOf(setup.semantics, setup.traceProfile);
  switch (setup.semantics) {
    case 'notebook':
      return { code: body, mode };
    case 'none':
      return { notRun: `${setup.traceProfile.name} traces hold another tool's results: the studio runs no code for them` };
    case 'fresh': {
      const planned = freshCellProgram(trace, segmentId, body, setup.traceProfile);
      return 'notRun' in planned ? planned : { ...planned, mode };
    }
    case 'cort': {
      // The program is built from the text with the cell as it will run.
      const edited: Trace = { segments: trace.segments.map((s) => (s.id === segmentId && s.kind === 'code' && codeBody(s) !== body ? withCodeBody(s, body) : s)) };
      const result = cortCellProgram(setup.context, edited, segmentId);
      return 'notRun' in result ? result : { code: result.program, mode };
    }
  }
}

/**
 * A cell run from start to result: the plan, the run, the result in the profile's format.
 * The trace is then updated with `recordCellRun(trace, segmentId, body, result, setup)`.
 */
export async function runCellWith(executor: Pick<Executor, 'run'>, namespace: string, trace: Trace, segmentId: string, body: string, setup: ExecutionSetup, timeoutMs?: number): Promise<RunResult | { notRun: string }> {
  const plan = cellRunCode(trace, segmentId, body, setup);
  if ('notRun' in plan) return plan;
  if (plan.fixedResult !== undefined) return { status: 'ok', output: plan.fixedResult, full: plan.fixedResult, durationMs: 0 };
  return profileRunner(executor, namespace, setup, timeoutMs)(plan.code, plan.stdin === undefined ? undefined : { stdin: plan.stdin });
}
