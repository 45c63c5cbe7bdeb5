/** Review workflow: statuses with approval gated by checks, step-anchored comments, history. */
export { transition, allowedTransitions, isTransitionError, recordEvent, historyEvent, addComment, resolveComment, openComments, TRANSITIONS, type TransitionOptions, type TransitionResult } from './review';
export type { ReviewedSample, ReviewRecord, ReviewComment, StepAnchor, HistoryEvent, HistoryEventType, Stamp } from './types';
export {
  approvalState,
  CONTENT_FIELD_WORDS,
  approvalGateReason,
  approvalOf,
  approvedContentOf,
  contentFingerprint,
  type Approval,
  type ApprovalState,
  type ApprovalStatus,
  type ApprovedContent,
  type ContentField,
} from './approval';
