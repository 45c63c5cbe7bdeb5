/**
 * A sample's library entry: what a row, a filter, a sort, the search and the review queue need
 * of a sample without its trace. The studio stores one beside every sample (IndexedDB) and the
 * team server one in every sample's row, so a reload of either reads entries, not traces.
 */
import type { ProfileRegistry } from '../profiles/types';
import { approvalState } from '../review';
import { summarizeSample, type SampleSummary } from './summary';
import type { ReviewStatus, Sample, SampleOrigin } from './types';

export interface SampleEntry {
  id: string;
  problem: string;
  gtAnswer?: string;
  source?: string;
  status: ReviewStatus;
  origin: SampleOrigin;
  createdAt: string;
  updatedAt: string;
  /** The trace profile (absent: 'cort'). */
  profile?: string;
  /** An approved sample whose content changed since its approval (it waits in the review queue). */
  approvalChanged?: boolean;
  /**
   * The trace's facts (code blocks, answer, verdict without an interpreter), computed when the
   * entry was stored. Absent on an entry derived from a sample in memory: the library then
   * summarizes the sample itself, as it always did.
   */
  summary?: SampleSummary;
}

/** The entry without the trace's facts (cheap: no trace work). */
export function sampleEntry(sample: Sample): SampleEntry {
  const entry: SampleEntry = {
    id: sample.id,
    problem: sample.problem,
    status: sample.status,
    origin: sample.origin,
    createdAt: sample.createdAt,
    updatedAt: sample.updatedAt,
  };
  if (sample.gtAnswer !== undefined) entry.gtAnswer = sample.gtAnswer;
  if (sample.source !== undefined) entry.source = sample.source;
  if (sample.profile !== undefined) entry.profile = sample.profile;
  if (sample.status === 'approved' && approvalState(sample).status !== 'approved') entry.approvalChanged = true;
  return entry;
}

/** The entry as stored beside the sample: with the trace's facts, so a reload needs no trace. */
export function storedSampleEntry(sample: Sample, profiles?: ProfileRegistry): SampleEntry {
  return { ...sampleEntry(sample), summary: summarizeSample(sample, undefined, profiles) };
}
