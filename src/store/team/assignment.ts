/**
 * Who works on what, as the library filters it: samples given to me, and my queue — what
 * waits for me now. The queues are the server's (GET …/queue): an annotator's is the samples
 * given to them still in draft or sent back; a reviewer's is the ready samples given to them
 * or to nobody (and, as in the studio's review queue, approved ones changed since approval).
 */
import { can } from '../../core/sync';
import type { LibraryEntry } from '../library/state';
import type { ServerStatus } from '../sync/state';

/** The library's assignment filter: everything, samples given to me (either way), my queue. */
export type AssignedFilter = 'all' | 'mine' | 'queue';

type Who = Pick<ServerStatus, 'user' | 'role' | 'assignment'>;
/** What the filter reads of a sample: its library entry (no trace needed). */
type Entry = Pick<LibraryEntry, 'id' | 'status' | 'approvalChanged'>;

export function assignedToMe(server: Who, entry: Entry): boolean {
  const a = server.assignment[entry.id];
  return !!a && (a.annotator === server.user || a.reviewer === server.user);
}

export function inMyQueue(server: Who, entry: Entry): boolean {
  const a = server.assignment[entry.id];
  const annotate = can(server.role, 'edit') && a?.annotator === server.user && (entry.status === 'draft' || entry.status === 'changes-requested');
  const waitsForReview = entry.status === 'ready' || (entry.status === 'approved' && !!entry.approvalChanged);
  const review = can(server.role, 'review') && (!a?.reviewer || a.reviewer === server.user) && waitsForReview;
  return annotate || review;
}

/** The rows the assignment filter lets through; without a team server it lets everything through. */
export function filterByAssignment<R extends { entry: Entry }>(rows: R[], filter: AssignedFilter | undefined, server: Who | null): R[] {
  if (!filter || filter === 'all' || !server) return rows;
  const keep = filter === 'mine' ? assignedToMe : inMyQueue;
  return rows.filter((row) => keep(server, row.entry));
}
