/** Public API of Hint-Engineering on samples: the hint library, insertion, branches, manual edits. */
export {
  BUILT_IN_HINTS,
  HINT_1_DELAYED_CODE,
  HINT_2_RESULT_DISTRUST,
  PROMPT_HINT,
  customHint,
  validateHint,
  type Hint,
} from './library';
export { CutError, cutTrace, joinCut, nextBranchId, sampleSegmentIdMinter, type TraceCut } from './cut';
export { hintSegments, insertHint } from './insert';
export { addContinuationBranches, restoreBranch } from './branches';
export { EditError, appendCode, appendProse, editProse } from './edit';
export { lineEndingOf, withLineEnding, conformToTrace, type LineEnding } from './lineEndings';
