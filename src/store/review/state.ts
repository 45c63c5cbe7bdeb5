/** The review feature's state: preferences saved with the UI snapshot, and its dialogs. */
import type { CheckResult } from '../../core/checks';
import type { ReviewedSample, StepAnchor } from '../../core/review';
import type { ReviewStatus } from '../../core/sample/types';

/** A sample with the review fields, plus the suggestions a person dismissed (optional, kept with the sample). */
export interface CuratedSample extends ReviewedSample {
  /** `suggestionKey`s of dismissed hint suggestions, so they stay dismissed. */
  dismissedSuggestions?: string[];
}

/** Review preferences, persisted with the UI snapshot. */
export interface ReviewPrefs {
  /** Approved samples wanted (CoRT's seed set has 30). */
  target: number;
  /** Statuses the review queue walks through. */
  queueStatuses: ReviewStatus[];
  /** Used when the settings have no reviewer name. */
  reviewer: string;
}

export const defaultReviewPrefs: ReviewPrefs = { target: 30, queueStatuses: ['ready'], reviewer: '' };

/** Transient review UI: the dialogs and the last refused status change. */
export interface ReviewUi {
  /** Approval was blocked by these failing checks; the dialog asks for an override reason. */
  override: { sampleId: string; failing: CheckResult[] } | null;
  /** A comment being written at a step. */
  commentDraft: { sampleId: string; anchor: StepAnchor } | null;
  /** The reviewer's name is needed before `pendingStatus` can be applied. */
  askReviewer: { pendingStatus?: { sampleId: string; to: ReviewStatus }; pendingComment?: { sampleId: string; anchor: StepAnchor } } | null;
  diffOpen: boolean;
  /** What the diff compares the current trace with: the imported trace, or the last approved content. */
  diffBase: DiffBase;
  notice: { sampleId: string; text: string } | null;
}

export type DiffBase = 'imported' | 'approved';

export const initialReviewUi = (): ReviewUi => ({ override: null, commentDraft: null, askReviewer: null, diffOpen: false, diffBase: 'imported', notice: null });

/** The reviewer's name: the settings' one when set, else the one the review UI asked for. */
export function reviewerName(state: { settings: { reviewerName?: string }; reviewPrefs: ReviewPrefs }): string {
  // `?.`: settings adopted from a backup are not validated, and may lack the name.
  return state.settings.reviewerName?.trim() || state.reviewPrefs.reviewer.trim();
}

/** Who a history event or a comment names: the reviewer, or "annotator" before one is named. */
export function authorName(state: { settings: { reviewerName?: string }; reviewPrefs: ReviewPrefs }): string {
  return reviewerName(state) || 'annotator';
}
