/**
 * Review actions: status changes gated by the checks (core/review `transition`), comments
 * anchored to steps, the sample's history, and accepting or dismissing hint suggestions.
 * Every change goes through the base `updateSample` action, so it is saved (and undoable)
 * like any other edit of the sample.
 */
import { projectProfiles } from '../settings/profiles';
import { failing, type CheckResult } from '../../core/checks';
import { BUILT_IN_HINTS, insertHint } from '../../core/hints';
import {
  addComment,
  approvalState,
  historyEvent,
  isTransitionError,
  recordEvent,
  resolveComment,
  transition,
  type HistoryEventType,
  type StepAnchor,
} from '../../core/review';
import type { ReviewStatus, Sample } from '../../core/sample/types';
import type { HintSuggestion } from '../../core/suggest';
import { segmentOffsets } from '../../core/trace';
import { currentChecks, type ChecksService } from '../checks/checks';
import { defineCommand, type Call } from '../commands/types';
import type { StudioContext } from '../context';
import { sampleInView } from '../sample/selectors';
import { stepsOf } from '../sample/steps';
import type { StudioState } from '../state';
import { authorName, reviewerName, type CuratedSample, type DiffBase, type ReviewUi } from './state';

export { defaultReviewPrefs, initialReviewUi, reviewerName, type CuratedSample, type DiffBase, type ReviewPrefs, type ReviewUi } from './state';

/** The diff a reviewer wants first: what changed since approval, when the sample changed since. */
export function defaultDiffBase(sample: Sample | undefined): DiffBase {
  return sample && approvalState(sample).status === 'changed-since-approval' ? 'approved' : 'imported';
}

/** A review dialog is open: the review keys must not fire behind it. */
export function reviewDialogOpen(state: Pick<StudioState, 'review'>): boolean {
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

export interface ReviewService {
  /** For other features: log an import, hint, cut, continuation, edit or run in the sample's history. */
  recordSampleEvent(sampleId: string, type: HistoryEventType, detail: string, segmentIds?: string[]): boolean;
}

interface ReviewDeps {
  checks: ChecksService;
  /** Keeps the reviewer's name in the settings. */
  saveReviewerName: (name: string) => Promise<unknown>;
}

export function createReview(ctx: StudioContext, { checks, saveReviewerName }: ReviewDeps) {
  const { store, get } = ctx;
  const now = () => ctx.clock.now();
  const setReview = (patch: Partial<ReviewUi>) => store.setState({ review: { ...get().review, ...patch } });
  const sampleOf = (id: string) => get().samples[id] as CuratedSample | undefined;
  const openId = () => (get().view === 'sample' ? get().openSampleId : null);
  const write = (call: Call, next: CuratedSample, label?: string) => call.write(next.id, () => next, label ? { label } : undefined);
  const setCursor = (index: number) => store.setState({ cursorStep: index });

  /** Appends a history event, stamped with the reviewer (or "annotator" before one is named). */
  function recordSampleEvent(sampleId: string, type: HistoryEventType, detail: string, segmentIds?: string[]): boolean {
    const sample = sampleOf(sampleId);
    if (!sample) return false;
    return write(ctx.call({ undo: `Record ${type}` }), recordEvent(sample, historyEvent(type, authorName(get()), now(), detail, segmentIds)));
  }

  async function setStatus(call: Call, sampleId: string, to: ReviewStatus, overrideReason?: string): Promise<{ ok: true } | { error: string }> {
    let sample = sampleOf(sampleId);
    if (!sample) return { error: 'no such sample' };
    const reviewer = reviewerName(get());
    if (!reviewer) {
      setReview({ askReviewer: { pendingStatus: { sampleId, to } } });
      return { error: 'who is reviewing? enter a reviewer name first' };
    }
    let results: CheckResult[] | undefined;
    if (to === 'approved') {
      // A reproduction run under way may still find a failure: approve on its result, not before.
      if (currentChecks(get(), sample)?.checking) setReview({ notice: { sampleId, text: 'Waiting for the Python checks before approving…' } });
      await checks.checksSettled(sampleId);
      if (!currentChecks(get(), sample)) await checks.checkSamples([sample]);
      sample = sampleOf(sampleId)!;
      results = currentChecks(get(), sample)?.result.checks;
      const blocking = results ? failing(results) : [];
      // From ready, or approving the changes of an approved sample: the dialog asks for the reason.
      if (blocking.length && !overrideReason?.trim() && (sample.status === 'ready' || sample.status === 'approved')) {
        setReview({ override: { sampleId, failing: blocking }, notice: { sampleId, text: 'Approval blocked by failing checks.' } });
        return { error: 'approval blocked by failing checks' };
      }
    }
    const result = transition(sample, to, { reviewer, now: now(), checks: results, overrideReason });
    if (isTransitionError(result)) {
      setReview({ notice: { sampleId, text: result.error } });
      return { error: result.error };
    }
    write(call, result, `Status: ${to}`);
    setReview({ override: null, notice: null });
    return { ok: true };
  }

  const reviewing = (s: StudioState) => !!sampleInView(s) && !reviewDialogOpen(s);

  /** Argument-free status change of the open sample, for keys and buttons. */
  const statusCommand = (id: string, label: string, key: string, to: ReviewStatus) =>
    defineCommand({
      id,
      label,
      group: 'Review',
      scope: 'sample',
      keys: [key],
      when: reviewing,
      // The transition records its own 'status' event in the sample's history.
      capture: { undo: `Status: ${to}` },
      perform: (call, sampleId?: string) => {
        const target = sampleId ?? openId();
        return target ? setStatus(call, target, to) : Promise.resolve({ error: 'no sample open' } as const);
      },
    });

  const service: ReviewService = { recordSampleEvent };

  const commands = {
    submitForReview: statusCommand('submitForReview', 'Ready for review', 's', 'ready'),
    approveSample: statusCommand('approveSample', 'Approve', 'y', 'approved'),
    requestChanges: statusCommand('requestChanges', 'Request changes', 'r', 'changes-requested'),
    rejectSample: statusCommand('rejectSample', 'Reject', 'x', 'rejected'),
    reopenSample: defineCommand({
      id: 'reopenSample',
      label: 'Back to draft',
      group: 'Review',
      scope: 'sample',
      takesArgs: true,
      capture: { undo: 'Status: draft' },
      perform: (call, sampleId: string) => setStatus(call, sampleId, 'draft'),
    }),
    /** From the override dialog: approve despite the failing checks it named, with the reason recorded. */
    approveWithOverride: defineCommand({
      id: 'approveWithOverride',
      label: 'Approve with override',
      group: 'Review',
      scope: 'dialog:override',
      takesArgs: true,
      capture: { undo: 'Status: approved' },
      perform: (call, sampleId: string, reason: string) => setStatus(call, sampleId, 'approved', reason),
    }),
    cancelOverride: defineCommand({ id: 'cancelOverride', label: 'Cancel', group: 'Review', scope: 'dialog:override', palette: false, capture: 'none', perform: () => setReview({ override: null }) }),
    setReviewerName: defineCommand({
      id: 'setReviewerName',
      label: 'Set reviewer name',
      group: 'Review',
      scope: 'dialog:reviewer',
      takesArgs: true,
      capture: { undo: 'Status change' },
      perform: async (call, name: string) => {
        const { pendingStatus, pendingComment } = get().review.askReviewer ?? {};
        store.setState({ reviewPrefs: { ...get().reviewPrefs, reviewer: name.trim() } });
        await saveReviewerName(name.trim());
        setReview({ askReviewer: null, commentDraft: pendingComment && name.trim() ? pendingComment : null });
        return pendingStatus && name.trim() ? setStatus(call, pendingStatus.sampleId, pendingStatus.to) : undefined;
      },
    }),
    cancelReviewerPrompt: defineCommand({ id: 'cancelReviewerPrompt', label: 'Cancel', group: 'Review', scope: 'dialog:reviewer', palette: false, capture: 'none', perform: () => setReview({ askReviewer: null }) }),
    startComment: defineCommand({
      id: 'startComment',
      label: 'Comment on step',
      group: 'Review',
      scope: 'sample',
      keys: ['m'],
      when: reviewing,
      capture: 'none',
      perform: (_call, stepIndex?: number) => {
        const sample = sampleOf(openId() ?? '');
        const anchor = sample && anchorAtStep(sample, stepIndex ?? get().cursorStep);
        if (!sample || !anchor) return;
        // Comments are signed: ask for the name first, then open the comment.
        if (reviewerName(get())) setReview({ commentDraft: { sampleId: sample.id, anchor } });
        else setReview({ askReviewer: { pendingComment: { sampleId: sample.id, anchor } } });
      },
    }),
    cancelComment: defineCommand({ id: 'cancelComment', label: 'Cancel', group: 'Review', scope: 'dialog:comment', palette: false, capture: 'none', perform: () => setReview({ commentDraft: null }) }),
    addComment: defineCommand({
      id: 'addComment',
      label: 'Add comment',
      group: 'Review',
      scope: 'dialog:comment',
      takesArgs: true,
      capture: { undo: 'Comment' },
      perform: (call, sampleId: string, anchor: StepAnchor, text: string) => {
        const sample = sampleOf(sampleId);
        if (!sample || !text.trim()) return false;
        const by = authorName(get());
        setReview({ commentDraft: null });
        return write(call, addComment(sample, { stepAnchor: anchor, text: text.trim(), by, now: now() }));
      },
    }),
    resolveComment: defineCommand({
      id: 'resolveComment',
      label: 'Resolve',
      group: 'Review',
      scope: 'sample',
      takesArgs: true,
      capture: { undo: 'Resolve comment' },
      perform: (call, sampleId: string, commentId: string) => {
        const sample = sampleOf(sampleId);
        return !!sample && write(call, resolveComment(sample, commentId, { by: authorName(get()), now: now() }));
      },
    }),
    /** Insert the suggested built-in hint at the suggested offset (the rest of the trace becomes a cut branch). */
    acceptSuggestion: defineCommand({
      id: 'acceptSuggestion',
      label: 'Insert suggested hint',
      group: 'Review',
      scope: 'sample',
      takesArgs: true,
      // The accepted suggestion records its own 'hint' event (saying it was a suggestion).
      capture: { undo: 'Insert suggested hint' },
      perform: (call, sampleId: string, suggestion: HintSuggestion) => {
        const sample = sampleOf(sampleId);
        const hint = BUILT_IN_HINTS.find((h) => h.type === suggestion.hintType);
        if (!sample || !hint) return false;
        const at = now();
        const inserted = insertHint(sample, suggestion.offset, hint, at, projectProfiles(get().settings)) as CuratedSample;
        const added = inserted.trace.segments.filter((s) => s.origin === 'hint' && s.meta?.at === at).map((s) => s.id);
        const event = historyEvent('hint', authorName(get()), at, `${hint.name} at offset ${suggestion.offset} (accepted suggestion)`, added);
        const ok = write(call, recordEvent(inserted, event), `Insert ${hint.name}`);
        const step = stepsOf(get().samples[sampleId].trace).find((s) => added.includes(s.segmentId));
        if (ok && step && get().openSampleId === sampleId) setCursor(step.index);
        return ok;
      },
    }),
    dismissSuggestion: defineCommand({
      id: 'dismissSuggestion',
      label: 'Dismiss suggestion',
      group: 'Review',
      scope: 'sample',
      takesArgs: true,
      capture: { undo: 'Dismiss suggestion' },
      perform: (call, sampleId: string, suggestion: HintSuggestion) => {
        const sample = sampleOf(sampleId);
        if (!sample) return false;
        const dismissed = new Set(sample.dismissedSuggestions ?? []).add(suggestionKey(suggestion));
        return write(call, { ...sample, dismissedSuggestions: [...dismissed] });
      },
    }),
    toggleDiff: defineCommand({
      id: 'toggleDiff',
      label: 'Diff (since import, or since approval)',
      group: 'Review',
      scope: 'sample',
      keys: ['d'],
      when: reviewing,
      capture: 'none',
      perform: () => {
        const open = !get().review.diffOpen;
        setReview({ diffOpen: open, ...(open ? { diffBase: defaultDiffBase(sampleOf(openId() ?? '')) } : {}) });
      },
    }),
    /** The diff against a chosen base: the imported trace, or the content last approved. */
    showDiff: defineCommand({
      id: 'showDiff',
      label: 'Show changes',
      group: 'Review',
      scope: 'sample',
      takesArgs: true,
      palette: (s) => {
        const sample = sampleInView(s);
        if (!sample || reviewDialogOpen(s)) return [];
        const entries = [{ key: 'showDiff:imported', label: 'Show changes since import', args: ['imported'] as [DiffBase] }];
        if ((sample as CuratedSample).approval) entries.push({ key: 'showDiff:approved', label: 'Show changes since approval', args: ['approved'] });
        return entries;
      },
      capture: 'none',
      perform: (_call, base: DiffBase) => setReview({ diffOpen: true, diffBase: base }),
    }),
    closeDiff: defineCommand({
      id: 'closeDiff',
      label: 'Close the diff',
      group: 'Review',
      scope: 'dialog:diff',
      // The key that opened the diff closes it again.
      keys: ['d'],
      palette: false,
      capture: 'none',
      perform: () => setReview({ diffOpen: false }),
    }),
    openDashboard: defineCommand({
      id: 'openDashboard',
      label: 'Curation dashboard',
      group: 'Review',
      scope: 'global',
      when: (s) => s.view !== 'dashboard',
      capture: 'none',
      // Its figures are over every sample: traces still on disk are read first.
      perform: () => ctx.loader.withAll(() => store.setState({ view: 'dashboard' })),
    }),
    setCurationTarget: defineCommand({
      id: 'setCurationTarget',
      label: 'Set target',
      group: 'Review',
      scope: 'dashboard',
      takesArgs: true,
      capture: 'none',
      perform: (_call, target: number) => {
        if (Number.isInteger(target) && target > 0) store.setState({ reviewPrefs: { ...get().reviewPrefs, target } });
      },
    }),
    /** Jump the cursor to the first step of a segment (from a check or a comment). */
    revealSegment: defineCommand({
      id: 'revealSegment',
      label: 'Show in trace',
      group: 'Review',
      scope: 'sample',
      takesArgs: true,
      capture: 'none',
      perform: (_call, segmentId: string) => {
        const sample = sampleOf(openId() ?? '');
        const step = sample && stepsOf(sample.trace).find((s) => s.segmentId === segmentId);
        if (step) setCursor(step.index);
        return !!step;
      },
    }),
  };
  return { service, commands };
}
