/**
 * The review queue: samples in the queued statuses (default: ready for review), walked from
 * the keyboard. The queue is derived, not stored: approving a sample takes it out, and the
 * next key goes on from where it stood in the order. An approved sample whose content changed
 * since approval waits for review as a ready one does.
 */
import type { ReviewStatus, Sample } from '../../core/sample/types';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import { approvalState } from '../../core/review';
import type { StudioState } from '../state';

/** A stable order (problem, generation, id), the library's default sort. */
export function reviewOrder(samples: Iterable<Sample>): Sample[] {
  return [...samples].sort(
    (a, b) =>
      a.problem.localeCompare(b.problem) ||
      (a.origin.genIndex ?? 0) - (b.origin.genIndex ?? 0) ||
      a.id.localeCompare(b.id),
  );
}

/** Whether a sample is in the queue for these statuses. */
function queued(statuses: ReadonlySet<ReviewStatus>) {
  return (s: Sample) => statuses.has(s.status) || (statuses.has('ready') && s.status === 'approved' && approvalState(s).status !== 'approved');
}

export function queuedSamples(state: Pick<StudioState, 'samples' | 'reviewPrefs'>): Sample[] {
  return reviewOrder(Object.values(state.samples)).filter(queued(new Set(state.reviewPrefs.queueStatuses)));
}

/**
 * The queued sample after (`step` 1) or before (−1) `currentId`, counting from the current
 * sample's place in the order even when it has just left the queue.
 */
export function queueNeighbour(state: Pick<StudioState, 'samples' | 'reviewPrefs'>, currentId: string | null, step: 1 | -1): Sample | undefined {
  const inQueue = queued(new Set(state.reviewPrefs.queueStatuses));
  const order = reviewOrder(Object.values(state.samples));
  const at = currentId ? order.findIndex((s) => s.id === currentId) : -1;
  if (at < 0) return (step === 1 ? order : [...order].reverse()).find(inQueue);
  for (let i = at + step; i >= 0 && i < order.length; i += step) if (inQueue(order[i])) return order[i];
  return undefined;
}

/** Position of the current sample in the queue (1-based) and the queue's length, for the header. */
export function queuePosition(state: Pick<StudioState, 'samples' | 'reviewPrefs'>, currentId: string | null): { index?: number; total: number } {
  const queue = queuedSamples(state);
  const i = queue.findIndex((s) => s.id === currentId);
  return { index: i >= 0 ? i + 1 : undefined, total: queue.length };
}

export function queueCommands(ctx: StudioContext) {
  const { store, get } = ctx;

  function go(step: 1 | -1): boolean {
    const s = get();
    const current = s.view === 'sample' ? s.openSampleId : null;
    const target = queueNeighbour(s, current, step);
    if (!target) {
      store.setState({ review: { ...s.review, notice: { sampleId: current ?? '', text: step === 1 ? 'End of the review queue.' : 'Start of the review queue.' } } });
      return false;
    }
    store.setState({
      review: { ...s.review, notice: null, diffOpen: false },
      view: 'sample',
      openSampleId: target.id,
      cursorStep: s.openSampleId === target.id ? s.cursorStep : 0,
      libraryCursor: target.id,
    });
    return true;
  }

  return {
    queueNext: defineCommand({
      id: 'queueNext',
      label: 'Next in review queue',
      group: 'Review',
      scope: 'global',
      keys: [']'],
      when: (s) => s.view === 'sample' || s.view === 'library',
      capture: 'none',
      perform: () => go(1),
    }),
    queuePrev: defineCommand({
      id: 'queuePrev',
      label: 'Previous in review queue',
      group: 'Review',
      scope: 'sample',
      keys: ['['],
      capture: 'none',
      perform: () => go(-1),
    }),
    setQueueStatuses: defineCommand({
      id: 'setQueueStatuses',
      label: 'Queue statuses',
      group: 'Review',
      scope: 'dashboard',
      takesArgs: true,
      capture: 'none',
      perform: (_call, statuses: ReviewStatus[]) => {
        if (statuses.length) store.setState({ reviewPrefs: { ...get().reviewPrefs, queueStatuses: statuses } });
      },
    }),
  };
}
