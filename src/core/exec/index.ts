/** The interpreter contract and the pure pieces around it (formatting, trace update, comparison). */
export * from './types';
export { formatOutcome, fullOutput, truncateCortOutput, executionRunOf, pythonStrip, TIMEOUT_OUTPUT, CORT_MAX_OUTPUT, CORT_KEEP, type CellOutcome } from './format';
export { recordCellRun, staleOutputIds } from './cellRuns';
export { applyRunResult, profileOutputSegment, compareOutputs, finalExceptionLine, type OutputComparison } from './apply';
export { verifyTrace, executableCodeSegments, recordedOutputFor, type BlockCheck, type BlockStatus, type TraceCheck, type ProgramRunner } from './verify';
export * from './semantics';
export { profileRunner, verifyWith, cellRunCode, runCellWith, type CellRunPlan } from './profileRun';
export { profileResult } from './profileResult';
