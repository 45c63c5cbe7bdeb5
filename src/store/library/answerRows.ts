/**
 * The library's rows on a team server: the server's answer (its membership and order) drawn
 * from the entries the studio holds, with the samples changed here placed by the local rule.
 */
import { filterByAssignment } from '../team/assignment';
import { projectProfiles } from '../settings/profiles';
import type { StudioState } from '../state';
import { libraryEntry } from './entries';
import { itemRow, rowFilter, rowOrder, sortRows, summaryOf, type CheckedVerdict, type LibraryRow, type RowChecksFailing, type RowTokens } from './rows';
import type { ServerAnswer } from './serverQuery';

/**
 * The rows of a server's answer, rendered from the entries the studio holds: the server's
 * membership and order, except for samples changed here since (an edit not yet sent, a status
 * just moved), which the local rule keeps or drops and puts in their place by the same order.
 */
export function answerRows(answer: ServerAnswer, s: StudioState, checked: CheckedVerdict, tokens: RowTokens, failing: RowChecksFailing): LibraryRow[] {
  const { filters, sort } = s;
  const rows: LibraryRow[] = [];
  for (const id of answer.ids) {
    if (answer.changedHere.has(id)) continue;
    const entry = libraryEntry(s, id);
    // An id the studio holds no entry for yet arrives with the change feed.
    if (entry) rows.push(itemRow({ entry, sample: s.samples[id] }, tokens));
  }
  const order = rowOrder(sort, checked, failing);
  const assignment = filters.assigned && filters.assigned !== 'all' ? s.sync.server : null;
  const matches = rowFilter(filters, checked);
  // Few changes are put in place one by one; many (a merge, a restore) are sorted in with the rest.
  const oneByOne = answer.changedHere.size <= 64;
  for (const id of answer.changedHere) {
    const entry = libraryEntry(s, id);
    if (!entry) continue;
    const sample = s.samples[id];
    const row = { ...itemRow({ entry, sample }, tokens), summary: sample ? summaryOf(sample, projectProfiles(s.settings)) : entry.summary };
    if (!matches(row) || !filterByAssignment([row], filters.assigned, assignment).length) continue;
    if (!oneByOne) {
      rows.push(row);
      continue;
    }
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(rows[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, row);
  }
  // The server's order is this order (core/library/query.ts), so sorting keeps its rows as they were.
  return oneByOne ? rows : sortRows(rows, sort, checked, failing);
}
