/** Public API of trace profiles: the shipped profiles, lookup, detection, blocks, masks, conversion. */
export type * from './types';
export { TRACE_PROFILE_IDS, EXECUTION_SEMANTICS } from './types';
export { BUILTIN_PROFILES, CORT_SYSTEM_NOTICE, CORT_PROFILE, RETOOL_PROFILE, RSTAR2_PROFILE, TORL_PROFILE, SIMPLETIR_PROFILE, CHAT_PROFILE } from './builtin';
export {
  BUILTIN_REGISTRY,
  copyProfile,
  customProfilesOf,
  customProfilesProblems,
  getProfile,
  isBuiltinProfileId,
  isTraceProfileId,
  profileOfSample,
  profileRegistry,
  unknownProfileMessage,
} from './registry';
export { detectProfile, detectProfileOfText, hasMarkersOf, projectProfileOfText, sameMarkers } from './detect';
export { codeContent, outputContent, renderCode, renderOutput, codeOpener, type CodeContent, type OutputContent } from './blocks';
export { parseWithProfile, reparseWithProfile, interpreterRanges, trainingSpans } from './parse';
export { pyJsonDumps } from './pyjson';
export { formatResult, untruncatedResult, truncateResult, type ExecutionRun } from './result';
export { convertTrace, convertWithRoundTrip, convertSample, type Conversion, type RoundTrip } from './convert';
export { traceToTurns, callArguments, toolSchema, toolsOfTurns, type ChatTurn, type ToolCallTurn, type TurnsResult } from './turns';
export { traceProfileProblems } from './validate';
export { adoptCustomProfiles, adoptionNotes, sameProfile, type ProfilesAdoption } from './adopt';
export { addProfileCopy, replaceProfile, type ProfilesEdit } from './edit';
