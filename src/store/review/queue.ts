/**
 * The review queue: samples in the queued statuses (default: ready for review), walked from
 * the keyboard. The queue is derived, not stored: approving a sample takes it out, and the
 * next key goes on from where it stood in the order. An approved sample whose content changed
 * since approval waits for review as a ready one does.
 *
 * On a team server the library's assignment filter says whose work it is, and the queue
 * follows it: "My queue" walks exactly my queue (team/assignment.ts: a reviewer's ready
 * samples given to them or to nobody, an annotator's drafts and sent-back samples), "Assigned
 * to me" the queued samples given to me. The library's other filters (search, source, status,
 * answer, checks) do not narrow it: they are for finding samples, and a search left in the box
 * must not hide waiting work from the queue; the status filter would contradict the queue's
 * own statuses.
 */
import type { ReviewStatus } from '../../core/sample/types';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import { libraryItems, type LibraryEntry } from '../library/entries';
import type { StudioState } from '../state';
import { assignedToMe, inMyQueue } from '../team/assignment';

/** What the queue reads; without `filters` and `sync` (the dashboard's count), the whole project's queue. */
export type QueueState = Pick<StudioState, 'samples' | 'entries' | 'reviewPrefs'> & { filters?: Pick<StudioState['filters'], 'assigned'>; sync?: Pick<StudioState['sync'], 'server'> };

/** A stable order (problem, generation, id), the library's default sort. */
export function reviewOrder<S extends Pick<LibraryEntry, 'id' | 'problem' | 'origin'>>(samples: Iterable<S>): S[] {
  return [...samples].sort(
    (a, b) =>
      a.problem.localeCompare(b.problem) ||
      (a.origin.genIndex ?? 0) - (b.origin.genIndex ?? 0) ||
      a.id.localeCompare(b.id),
  );
}

/** Whether a sample is in the queue for these statuses. */
function queuedFor(statuses: ReadonlySet<ReviewStatus>) {
  return (s: LibraryEntry) => statuses.has(s.status) || (statuses.has('ready') && s.status === 'approved' && !!s.approvalChanged);
}

/** Whether a sample is in the queue as this state walks it: the queued statuses, or the library's assignment filter. */
function queued(state: QueueState): (s: LibraryEntry) => boolean {
  const statuses = queuedFor(new Set(state.reviewPrefs.queueStatuses));
  const server = state.sync?.server;
  const assigned = state.filters?.assigned;
  if (!server || !assigned || assigned === 'all') return statuses;
  if (assigned === 'queue') return (s) => inMyQueue(server, s);
  return (s) => statuses(s) && assignedToMe(server, s);
}

/** Every sample's entry (traces in memory or not). */
const entriesOf = (state: QueueState) => libraryItems(state).map((item) => item.entry);

export function queuedSamples(state: QueueState): LibraryEntry[] {
  // Filtered before sorted: the order is total, so the queue is the same, and a big library
  // (the header counts the queue on every change of the entries) sorts only what waits.
  return reviewOrder(entriesOf(state).filter(queued(state)));
}

/**
 * The queued sample after (`step` 1) or before (−1) `currentId`, counting from the current
 * sample's place in the order even when it has just left the queue.
 */
export function queueNeighbour(state: QueueState, currentId: string | null, step: 1 | -1): LibraryEntry | undefined {
  const inQueue = queued(state);
  const order = reviewOrder(entriesOf(state));
  const at = currentId ? order.findIndex((s) => s.id === currentId) : -1;
  if (at < 0) return (step === 1 ? order : [...order].reverse()).find(inQueue);
  for (let i = at + step; i >= 0 && i < order.length; i += step) if (inQueue(order[i])) return order[i];
  return undefined;
}

/** Position of the current sample in the queue (1-based) and the queue's length, for the header. */
export function queuePosition(state: QueueState, currentId: string | null): { index?: number; total: number } {
  const queue = queuedSamples(state);
  const i = queue.findIndex((s) => s.id === currentId);
  return { index: i >= 0 ? i + 1 : undefined, total: queue.length };
}

export function queueCommands(ctx: StudioContext) {
  const { store, get } = ctx;

  function go(step: 1 | -1): boolean | Promise<boolean> {
    const s = get();
    const current = s.view === 'sample' ? s.openSampleId : null;
    const target = queueNeighbour(s, current, step);
    if (!target) {
      store.setState({ review: { ...s.review, notice: { sampleId: current ?? '', text: step === 1 ? 'End of the review queue.' : 'Start of the review queue.' } } });
      return false;
    }
    const open = () => {
      const now = get();
      if (!now.samples[target.id]) return false;
      store.setState({
        review: { ...now.review, notice: null, diffOpen: false },
        view: 'sample',
        openSampleId: target.id,
        cursorStep: now.openSampleId === target.id ? now.cursorStep : 0,
        libraryCursor: target.id,
      });
      return true;
    };
    // The next sample's trace may still be on disk: read it, then show it.
    return s.samples[target.id] ? open() : ctx.loader.ensure([target.id]).then(open);
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
