/** Execution semantics (cort, notebook, fresh) and CoRT's replay (DESIGN.md §2a), pure. */
export * from './profile';
export { CORT_SYSTEM_NOTICE, withoutSystemNotice, hasSystemNotice } from './notice';
export { cortBlocks, cortDedent, CORT_OPEN, type CortBlock } from './blocks';
export { cortProgram, replayDecision, type CortProgram, type DropReason, type ReplayDecision } from './program';
export { cortTraceView, cortCellProgram, notRunReason, CORT_STOP, type CallKind, type CortCall, type CellProgram, type CortTraceView, type NotRunBlock } from './calls';
export { replayMarkers, replayReport, type ReplayMarker, type ReplayEntry } from './markers';
export { blockNames, type BlockNames } from './names';
export { cortContext, executionSetup } from './context';
export { freshTraceView, freshCellProgram, torlProgram, retoolProgram, type FreshCall, type FreshNotRun, type FreshTraceView } from './fresh';
export { rstar2Program } from './rstar2';
