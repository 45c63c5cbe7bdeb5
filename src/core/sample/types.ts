import type { Trace } from '../trace/types';
import type { TraceProfileId } from '../profiles/types';

/** Which input format a sample came from. */
export type SourceFormat = 'cort-problems' | 'cort-inference' | 'verl-parquet' | 'pasted' | 'project' | 'cort-export' | 'chat-messages';

/** Where a sample came from: enough to find the record again and to dedupe re-imports. */
export interface SampleOrigin {
  format: SourceFormat;
  /** File name as the user gave it (no directories from the browser). */
  file: string;
  /** 1-based line (JSONL) or 0-based row (parquet) of the record. */
  line?: number;
  /** For CoRT inference output: which entry of `gen` this sample is. */
  genIndex?: number;
}

export type ReviewStatus = 'draft' | 'ready' | 'approved' | 'changes-requested' | 'rejected';

/** A piece of the trace that was cut away (by a hint insertion) or an alternative continuation. */
export interface Branch {
  id: string;
  /** Character offset in the trace (at the time of the cut) where this branch attaches. */
  at: number;
  /** The segments that left the trace. */
  segments: Trace['segments'];
  reason: 'cut' | 'continuation' | 'edit';
  createdAt: string;
  label?: string;
}

/**
 * An annotator's judgement of one step, PRM800K-style: +1 good, 0 neutral, -1 bad. The first
 * step rated -1 (in trace order) is the first error; PRM800K stops labelling there.
 */
export type StepRating = 1 | 0 | -1;

export interface StepLabel {
  rating: StepRating;
  /** Who rated (reviewer name), when known. */
  by?: string;
  at: string;
}

export interface Sample {
  /** Deterministic id derived from the content key, so re-importing dedupes. */
  id: string;
  problem: string;
  gtAnswer?: string;
  /** Data source tag: aime24, aime25, amc23, math500, olympiad_bench, ... */
  source?: string;
  /** The user prompt (problem + CoRT's instruction) as given by the data. */
  prompt: string;
  /** Every field of the imported record except the generations, kept for export. */
  record: Record<string, unknown>;
  origin: SampleOrigin;
  /** The response as imported (empty for a problem-only record). */
  original: string;
  trace: Trace;
  branches: Branch[];
  status: ReviewStatus;
  createdAt: string;
  updatedAt: string;
  /**
   * The trace profile the trace follows (markers, execution, masks); absent means 'cort'.
   * Detected on import; optional so samples and project files written before it load unchanged.
   */
  profile?: TraceProfileId;
  /**
   * Step labels by step id (`<segmentId>#<n>`, see buildSteps): stable while the step's segment
   * is unchanged; a label whose step no longer exists is stale and ignored by exports.
   */
  stepLabels?: Record<string, StepLabel>;
}
