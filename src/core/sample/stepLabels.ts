/**
 * Step labels (PRM800K-style: +1 good, 0 neutral, -1 bad) on a sample. Labels are keyed by
 * step id (`<segmentId>#<n>`), which stays while the step's segment is unchanged; a label whose
 * step is gone (the segment was edited) is stale: kept, but never shown or exported as current.
 */
import type { Sample, StepLabel, StepRating } from './types';
import { buildSteps, type Step } from '../trace';

/** The sample with `stepId` rated (or, with rating null, unrated). */
export function setStepLabel(sample: Sample, stepId: string, rating: StepRating | null, now: string, by?: string): Sample {
  const labels = { ...(sample.stepLabels ?? {}) };
  if (rating === null) delete labels[stepId];
  else labels[stepId] = by === undefined ? { rating, at: now } : { rating, by, at: now };
  const next: Sample = { ...sample, stepLabels: labels, updatedAt: now };
  if (Object.keys(labels).length === 0) delete next.stepLabels;
  return next;
}

export interface LabelledStep {
  step: Step;
  label: StepLabel;
}

/** Labels whose step still exists, in trace order. */
export function currentStepLabels(sample: Sample): LabelledStep[] {
  const labels = sample.stepLabels ?? {};
  return buildSteps(sample.trace).flatMap((step) => (labels[step.id] ? [{ step, label: labels[step.id] }] : []));
}

/** Ids of labels whose step no longer exists. */
export function staleStepLabels(sample: Sample): string[] {
  const live = new Set(buildSteps(sample.trace).map((s) => s.id));
  return Object.keys(sample.stepLabels ?? {}).filter((id) => !live.has(id));
}

/** The first error: the first step (in trace order) rated -1, or null. */
export function firstErrorStep(sample: Sample): Step | null {
  return currentStepLabels(sample).find((l) => l.label.rating === -1)?.step ?? null;
}
