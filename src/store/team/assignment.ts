/**
 * Who works on what, as the library filters it: samples given to me, and my queue — what
 * waits for me now. The queues are the server's (GET …/queue): an annotator's is the samples
 * given to them still in draft or sent back; a reviewer's is the ready samples given to them
 * or to nobody (and, as in the studio's review queue, approved ones changed since approval).
 */
import { approvalState } from '../../core/review';
import { can } from '../../core/sync';
import type { Sample } from '../../core/sample/types';
import type { ServerStatus } from '../sync/state';

/** The library's assignment filter: everything, samples given to me (either way), my queue. */
export type AssignedFilter = 'all' | 'mine' | 'queue';

type Who = Pick<ServerStatus, 'user' | 'role' | 'assignment'>;

export function assignedToMe(server: Who, sample: Sample): boolean {
  const a = server.assignment[sample.id];
  return !!a && (a.annotator === server.user || a.reviewer === server.user);
}

export function inMyQueue(server: Who, sample: Sample): boolean {
  const a = server.assignment[sample.id];
  const annotate = can(server.role, 'edit') && a?.annotator === server.user && (sample.status === 'draft' || sample.status === 'changes-requested');
  const waitsForReview = sample.status === 'ready' || (sample.status === 'approved' && approvalState(sample).status !== 'approved');
  const review = can(server.role, 'review') && (!a?.reviewer || a.reviewer === server.user) && waitsForReview;
  return annotate || review;
}

/** The rows the assignment filter lets through; without a team server it lets everything through. */
export function filterByAssignment<R extends { sample: Sample }>(rows: R[], filter: AssignedFilter | undefined, server: Who | null): R[] {
  if (!filter || filter === 'all' || !server) return rows;
  const keep = filter === 'mine' ? assignedToMe : inMyQueue;
  return rows.filter((row) => keep(server, row.sample));
}
