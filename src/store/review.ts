/**
 * Review actions: status changes gated by the checks (core/review `transition`), comments
 * anchored to steps, the sample's history, and accepting or dismissing hint suggestions.
 * Every change goes through the base `updateSample` action, so it is saved (and undoable)
 * like any other edit of the sample.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { CheckResult } from '../core/checks';
import { BUILT_IN_HINTS, insertHint } from '../core/hints';
import {
  addComment,
  approvalState,
  historyEvent,
  isTransitionError,
  recordEvent,
  resolveComment,
  transition,
  type HistoryEventType,
  type ReviewedSample,
  type StepAnchor,
} from '../core/review';
import type { ReviewStatus, Sample } from '../core/sample/types';
import type { HintSuggestion } from '../core/suggest';
import { segmentOffsets } from '../core/trace';
import { defineAction } from './actions';
import { currentChecks, type ChecksActions } from './checks';
import { recordTraceChanges } from './reviewHistory';
import type { StudioState } from './state';
import { stepsOf } from './steps';
import type { StudioActions } from './studioActions';

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

/** The diff a reviewer wants first: what changed since approval, when the sample changed since. */
export function defaultDiffBase(sample: Sample | undefined): DiffBase {
  return sample && approvalState(sample).status === 'changed-since-approval' ? 'approved' : 'imported';
}

/** The reviewer's name: the settings' one when set, else the one the review UI asked for. */
export function reviewerName(state: StudioState): string {
  // `?.`: settings adopted from a backup are not validated, and may lack the name.
  return state.settings.reviewerName?.trim() || state.reviewPrefs.reviewer.trim();
}

/** A review dialog is open: the review keys must not fire behind it. */
export function reviewDialogOpen(state: StudioState): boolean {
  const r = state.review;
  return !!(r.override || r.commentDraft || r.askReviewer);
}

/** Identifies a suggestion across edits elsewhere in the trace (step ids are stable per segment). */
export function suggestionKey(s: Pick<HintSuggestion, 'hintType' | 'stepId'>): string {
  return `${s.hintType}@${s.stepId}`;
}

/** Where a step begins, as a comment anchor (segment id + offset inside the segment). */
export function anchorAtStep(sample: Sample, stepIndex: number): StepAnchor | undefined {
  const step = stepsOf(sample.trace)[stepIndex];
  if (!step) return undefined;
  const i = sample.trace.segments.findIndex((s) => s.id === step.segmentId);
  return { segmentId: step.segmentId, offset: step.start - segmentOffsets(sample.trace)[i] };
}

/** Index of the step an anchor points into; undefined once its segment left the trace. */
export function stepIndexOfAnchor(sample: Sample, anchor: StepAnchor): number | undefined {
  const i = sample.trace.segments.findIndex((s) => s.id === anchor.segmentId);
  if (i < 0) return undefined;
  const at = segmentOffsets(sample.trace)[i] + anchor.offset;
  const steps = stepsOf(sample.trace);
  const hit = steps.find((s) => s.segmentId === anchor.segmentId && s.start <= at && at < s.end);
  return (hit ?? steps.find((s) => s.segmentId === anchor.segmentId))?.index;
}

interface ReviewContext {
  store: StoreApi<StudioState>;
  actions: Pick<StudioActions, 'updateSample' | 'setCursor'> &
    Pick<ChecksActions, 'checkSamples' | 'checksSettled'> & {
      /** The settings' writer, when the settings feature is present: the name is kept there. */
      updateSettings?: { perform(patch: { reviewerName: string }): unknown };
    };
}

const now = () => new Date().toISOString();

export function createReviewActions({ store, actions }: ReviewContext) {
  const get = store.getState;
  const setReview = (patch: Partial<ReviewUi>) => store.setState({ review: { ...get().review, ...patch } });
  const sampleOf = (id: string) => get().samples[id] as CuratedSample | undefined;
  const openId = () => (get().view === 'sample' ? get().openSampleId : null);
  const write = (next: CuratedSample, label: string) => actions.updateSample.perform(next.id, next, label);
  // Hints, cuts, continuations, runs and edits from any feature land in the history by themselves.
  recordTraceChanges(store, () => reviewerName(get()) || 'annotator');

  /** Appends a history event, stamped with the reviewer (or "annotator" before one is named). */
  function recordSampleEvent(sampleId: string, type: HistoryEventType, detail: string, segmentIds?: string[]): boolean {
    const sample = sampleOf(sampleId);
    if (!sample) return false;
    return write(recordEvent(sample, historyEvent(type, reviewerName(get()) || 'annotator', now(), detail, segmentIds)), `Record ${type}`);
  }

  async function setStatus(sampleId: string, to: ReviewStatus, overrideReason?: string): Promise<{ ok: true } | { error: string }> {
    let sample = sampleOf(sampleId);
    if (!sample) return { error: 'no such sample' };
    const reviewer = reviewerName(get());
    if (!reviewer) {
      setReview({ askReviewer: { pendingStatus: { sampleId, to } } });
      return { error: 'who is reviewing? enter a reviewer name first' };
    }
    let checks: CheckResult[] | undefined;
    if (to === 'approved') {
      // A reproduction run under way may still find a failure: approve on its result, not before.
      if (currentChecks(get(), sample)?.checking) setReview({ notice: { sampleId, text: 'Waiting for the Python checks before approving…' } });
      await actions.checksSettled.perform(sampleId);
      if (!currentChecks(get(), sample)) await actions.checkSamples.perform([sample]);
      sample = sampleOf(sampleId)!;
      checks = currentChecks(get(), sample)?.result.checks;
      const blocking = checks?.filter((c) => c.status === 'fail') ?? [];
      // From ready, or approving the changes of an approved sample: the dialog asks for the reason.
      if (blocking.length && !overrideReason?.trim() && (sample.status === 'ready' || sample.status === 'approved')) {
        setReview({ override: { sampleId, failing: blocking }, notice: { sampleId, text: 'Approval blocked by failing checks.' } });
        return { error: 'approval blocked by failing checks' };
      }
    }
    const result = transition(sample, to, { reviewer, now: now(), checks, overrideReason });
    if (isTransitionError(result)) {
      setReview({ notice: { sampleId, text: result.error } });
      return { error: result.error };
    }
    write(result, `Status: ${to}`);
    setReview({ override: null, notice: null });
    return { ok: true };
  }

  /** Argument-free status change of the open sample, for keys and buttons. */
  const statusAction = (name: string, label: string, key: string, to: ReviewStatus) =>
    defineAction({
      name,
      label,
      keys: [key],
      when: (s: StudioState) => s.view === 'sample' && !!s.openSampleId && !s.pasteDialogOpen && !reviewDialogOpen(s),
      perform: (sampleId?: string) => {
        const id = sampleId ?? openId();
        return id ? setStatus(id, to) : Promise.resolve({ error: 'no sample open' } as const);
      },
    });

  return {
    submitForReview: statusAction('submitForReview', 'Ready for review', 's', 'ready'),
    approveSample: statusAction('approveSample', 'Approve', 'y', 'approved'),
    requestChanges: statusAction('requestChanges', 'Request changes', 'r', 'changes-requested'),
    rejectSample: statusAction('rejectSample', 'Reject', 'x', 'rejected'),
    reopenSample: defineAction({
      name: 'reopenSample',
      label: 'Back to draft',
      perform: (sampleId: string) => setStatus(sampleId, 'draft'),
    }),
    /** From the override dialog: approve despite the failing checks it named, with the reason recorded. */
    approveWithOverride: defineAction({
      name: 'approveWithOverride',
      label: 'Approve with override',
      perform: (sampleId: string, reason: string) => setStatus(sampleId, 'approved', reason),
    }),
    cancelOverride: defineAction({ name: 'cancelOverride', label: 'Cancel', perform: () => setReview({ override: null }) }),
    setReviewerName: defineAction({
      name: 'setReviewerName',
      label: 'Set reviewer name',
      perform: async (name: string) => {
        const { pendingStatus, pendingComment } = get().review.askReviewer ?? {};
        store.setState({ reviewPrefs: { ...get().reviewPrefs, reviewer: name.trim() } });
        await actions.updateSettings?.perform({ reviewerName: name.trim() });
        setReview({ askReviewer: null, commentDraft: pendingComment && name.trim() ? pendingComment : null });
        return pendingStatus && name.trim() ? setStatus(pendingStatus.sampleId, pendingStatus.to) : undefined;
      },
    }),
    cancelReviewerPrompt: defineAction({ name: 'cancelReviewerPrompt', label: 'Cancel', perform: () => setReview({ askReviewer: null }) }),
    startComment: defineAction({
      name: 'startComment',
      label: 'Comment on step',
      keys: ['m'],
      when: (s: StudioState) => s.view === 'sample' && !!s.openSampleId && !s.pasteDialogOpen && !reviewDialogOpen(s),
      perform: (stepIndex?: number) => {
        const sample = sampleOf(openId() ?? '');
        const anchor = sample && anchorAtStep(sample, stepIndex ?? get().cursorStep);
        if (!sample || !anchor) return;
        // Comments are signed: ask for the name first, then open the comment.
        if (reviewerName(get())) setReview({ commentDraft: { sampleId: sample.id, anchor } });
        else setReview({ askReviewer: { pendingComment: { sampleId: sample.id, anchor } } });
      },
    }),
    cancelComment: defineAction({ name: 'cancelComment', label: 'Cancel', perform: () => setReview({ commentDraft: null }) }),
    addComment: defineAction({
      name: 'addComment',
      label: 'Add comment',
      perform: (sampleId: string, anchor: StepAnchor, text: string) => {
        const sample = sampleOf(sampleId);
        if (!sample || !text.trim()) return false;
        const by = reviewerName(get()) || 'annotator';
        setReview({ commentDraft: null });
        return write(addComment(sample, { stepAnchor: anchor, text: text.trim(), by, now: now() }), 'Comment');
      },
    }),
    resolveComment: defineAction({
      name: 'resolveComment',
      label: 'Resolve',
      perform: (sampleId: string, commentId: string) => {
        const sample = sampleOf(sampleId);
        return !!sample && write(resolveComment(sample, commentId, { by: reviewerName(get()) || 'annotator', now: now() }), 'Resolve comment');
      },
    }),
    /** For other features: log an import, hint, cut, continuation, edit or run in the sample's history. */
    recordSampleEvent: defineAction({ name: 'recordSampleEvent', label: 'Record in history', perform: recordSampleEvent }),
    /** Insert the suggested built-in hint at the suggested offset (the rest of the trace becomes a cut branch). */
    acceptSuggestion: defineAction({
      name: 'acceptSuggestion',
      label: 'Insert suggested hint',
      perform: (sampleId: string, suggestion: HintSuggestion) => {
        const sample = sampleOf(sampleId);
        const hint = BUILT_IN_HINTS.find((h) => h.type === suggestion.hintType);
        if (!sample || !hint) return false;
        const at = now();
        const inserted = insertHint(sample, suggestion.offset, hint, at) as CuratedSample;
        const added = inserted.trace.segments.filter((s) => s.origin === 'hint' && s.meta?.at === at).map((s) => s.id);
        const event = historyEvent('hint', reviewerName(get()) || 'annotator', at, `${hint.name} at offset ${suggestion.offset} (accepted suggestion)`, added);
        const ok = write(recordEvent(inserted, event), `Insert ${hint.name}`);
        const step = stepsOf(get().samples[sampleId].trace).find((s) => added.includes(s.segmentId));
        if (ok && step && get().openSampleId === sampleId) actions.setCursor.perform(step.index);
        return ok;
      },
    }),
    dismissSuggestion: defineAction({
      name: 'dismissSuggestion',
      label: 'Dismiss suggestion',
      perform: (sampleId: string, suggestion: HintSuggestion) => {
        const sample = sampleOf(sampleId);
        if (!sample) return false;
        const dismissed = new Set(sample.dismissedSuggestions ?? []).add(suggestionKey(suggestion));
        return write({ ...sample, dismissedSuggestions: [...dismissed] }, 'Dismiss suggestion');
      },
    }),
    toggleDiff: defineAction({
      name: 'toggleDiff',
      label: 'Diff (since import, or since approval)',
      keys: ['d'],
      when: (s: StudioState) => s.view === 'sample' && !!s.openSampleId && !s.pasteDialogOpen && !reviewDialogOpen(s),
      perform: () => {
        const open = !get().review.diffOpen;
        setReview({ diffOpen: open, ...(open ? { diffBase: defaultDiffBase(sampleOf(openId() ?? '')) } : {}) });
      },
    }),
    /** Open the diff against a chosen base (the imported trace, or the content last approved). */
    showDiff: defineAction({
      name: 'showDiff',
      label: 'Show changes',
      perform: (base: DiffBase) => setReview({ diffOpen: true, diffBase: base }),
    }),
    openDashboard: defineAction({
      name: 'openDashboard',
      label: 'Curation dashboard',
      perform: () => store.setState({ view: 'dashboard' }),
    }),
    setCurationTarget: defineAction({
      name: 'setCurationTarget',
      label: 'Set target',
      perform: (target: number) => {
        if (Number.isInteger(target) && target > 0) store.setState({ reviewPrefs: { ...get().reviewPrefs, target } });
      },
    }),
    /** Jump the cursor to the first step of a segment (from a check or a comment). */
    revealSegment: defineAction({
      name: 'revealSegment',
      label: 'Show in trace',
      perform: (segmentId: string) => {
        const sample = sampleOf(openId() ?? '');
        const step = sample && stepsOf(sample.trace).find((s) => s.segmentId === segmentId);
        if (step) actions.setCursor.perform(step.index);
        return !!step;
      },
    }),
  };
}

export type ReviewActions = ReturnType<typeof createReviewActions>;
