/**
 * The review workflow: draft → ready → approved / changes-requested / rejected, comments
 * anchored to steps, and an append-only history. Pure functions returning new samples.
 */
import { failing, type CheckResult, type SampleChecks } from '../checks/types';
import type { ReviewStatus } from '../sample/types';
import type { HistoryEvent, HistoryEventType, ReviewComment, ReviewedSample, StepAnchor } from './types';
import { approvalOf, approvalState } from './approval';

/** Which status may follow which. Approval and rejection are reversible by reopening. */
export const TRANSITIONS: Record<ReviewStatus, ReviewStatus[]> = {
  draft: ['ready'],
  ready: ['approved', 'changes-requested', 'rejected', 'draft'],
  'changes-requested': ['ready', 'draft'],
  approved: ['changes-requested', 'draft'],
  rejected: ['draft'],
};

export interface TransitionOptions {
  reviewer: string;
  /** ISO 8601 time of the change. */
  now: string;
  /** The sample's current checks; required to approve. */
  checks?: CheckResult[] | SampleChecks;
  /** Recorded when approving despite failing checks. */
  overrideReason?: string;
}

/**
 * The statuses a sample may move to now: the table, plus approving again an approved sample
 * whose content changed since (or whose approval recorded no content).
 */
export function allowedTransitions(sample: ReviewedSample): ReviewStatus[] {
  const base = TRANSITIONS[sample.status];
  const stale = sample.status === 'approved' && approvalState(sample).status !== 'approved';
  return stale ? ['approved', ...base] : base;
}

export type TransitionResult = ReviewedSample | { error: string };

export function isTransitionError(r: TransitionResult): r is { error: string } {
  return 'error' in r && typeof (r as { error: unknown }).error === 'string';
}

export function transition<S extends ReviewedSample>(sample: S, to: ReviewStatus, opts: TransitionOptions): S | { error: string } {
  const from = sample.status;
  if (!allowedTransitions(sample).includes(to)) {
    return { error: from === to ? `already ${to}, and its content is unchanged` : `cannot go from ${from} to ${to}` };
  }
  if (!opts.reviewer.trim()) return { error: 'a reviewer name is required' };
  const reason = opts.overrideReason?.trim();
  let overridden: string[] | undefined;
  if (to === 'approved') {
    if (!opts.checks) return { error: 'run the checks before approving' };
    const blocking = failing(opts.checks);
    if (blocking.length && !reason) {
      return { error: `approval blocked by failing checks: ${blocking.map((c) => c.label).join('; ')} (record an override reason to approve anyway)` };
    }
    if (blocking.length) overridden = blocking.map((c) => c.id);
  }
  const review: ReviewedSample['review'] = { status: to, by: opts.reviewer, at: opts.now };
  if (overridden) Object.assign(review, { overrideReason: reason, overriddenChecks: overridden });
  const again = from === to ? ' (changes approved)' : '';
  const detail = `${from} → ${to}${again}` + (overridden ? ` (override: ${reason}; failing: ${overridden.join(', ')})` : '');
  const next = { ...sample, status: to, review, updatedAt: opts.now };
  // What was approved is the content as it is now; the fingerprint lets any later edit show.
  if (to === 'approved') next.approval = approvalOf(sample, { by: opts.reviewer, at: opts.now });
  return recordEvent(next, { type: 'status', by: opts.reviewer, at: opts.now, detail });
}

/** Append an event to the history (import, hint, cut, continuation, edit, run, status). */
export function recordEvent<S extends ReviewedSample>(sample: S, event: HistoryEvent): S {
  return { ...sample, history: [...(sample.history ?? []), event] };
}

/** Shorthand for the store's actions: `recordEvent` with the stamp spelled out. */
export function historyEvent(type: HistoryEventType, by: string, at: string, detail: string, segmentIds?: string[]): HistoryEvent {
  return segmentIds?.length ? { type, by, at, detail, segmentIds } : { type, by, at, detail };
}

export function addComment<S extends ReviewedSample>(sample: S, c: { stepAnchor: StepAnchor; text: string; by: string; now: string }): S {
  const comments = sample.comments ?? [];
  const id = `c${comments.reduce((n, x) => Math.max(n, Number(/^c(\d+)$/.exec(x.id)?.[1] ?? -1) + 1), 0)}`;
  const comment: ReviewComment = { id, stepAnchor: c.stepAnchor, text: c.text, by: c.by, at: c.now, resolved: false };
  return { ...sample, comments: [...comments, comment] };
}

export function resolveComment<S extends ReviewedSample>(sample: S, id: string, by: { by: string; now: string }): S {
  return {
    ...sample,
    comments: (sample.comments ?? []).map((c) => (c.id === id ? { ...c, resolved: true, resolvedBy: { by: by.by, at: by.now } } : c)),
  };
}

/** Comments still open, for the "changes requested" list. */
export function openComments(sample: ReviewedSample): ReviewComment[] {
  return (sample.comments ?? []).filter((c) => !c.resolved);
}
