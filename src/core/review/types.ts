/**
 * Review data kept on a sample. All optional additions to the shared Sample contract, so
 * samples stored before review existed stay valid.
 */
import type { ReviewStatus, Sample } from '../sample/types';

/** Who changed what, when (ISO 8601). */
export interface Stamp {
  by: string;
  at: string;
}

/** The last status change, with the reason when approval overrode failing checks. */
export interface ReviewRecord extends Stamp {
  status: ReviewStatus;
  overrideReason?: string;
  /** Ids of the checks that failed when the approval was overridden. */
  overriddenChecks?: string[];
}

/** Where a comment points: a character offset inside a segment, stable while the segment is. */
export interface StepAnchor {
  segmentId: string;
  offset: number;
}

export interface ReviewComment extends Stamp {
  id: string;
  stepAnchor: StepAnchor;
  text: string;
  resolved: boolean;
  resolvedBy?: Stamp;
}

export type HistoryEventType = 'import' | 'hint' | 'cut' | 'continuation' | 'edit' | 'run' | 'status';

export interface HistoryEvent extends Stamp {
  type: HistoryEventType;
  /** One human-readable line, e.g. "hint-1 at offset 1203" or "draft → ready". */
  detail: string;
  segmentIds?: string[];
}

export interface ReviewedSample extends Sample {
  review?: ReviewRecord;
  comments?: ReviewComment[];
  /** Append-only, oldest first. */
  history?: HistoryEvent[];
  /**
   * The last approval: who, when, and the content approved (see approval.ts). Kept when the
   * status moves on, so a re-review can diff against it; only counts while status is approved.
   */
  approval?: Approval;
}

/** What an approval covers: the exported text, field for field. */
export interface ApprovedContent {
  problem: string;
  prompt: string;
  /** `renderTrace(sample.trace)`: what CoRT stores in `gen`. */
  response: string;
  /** The ground-truth answer as exported, or null when the sample has none. */
  gtAnswer: string | null;
}

export type ContentField = keyof ApprovedContent;

/** The last approval of a sample: who, when, and the content they saw. */
export interface Approval extends Stamp {
  /** `contentFingerprint(content)`. */
  fingerprint: string;
  content: ApprovedContent;
}
