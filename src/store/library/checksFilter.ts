import { failing } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import { currentChecks, type ChecksCache } from '../checks/checks';
import type { LibraryFilters } from './state';

/** The library's "checks failing" filter, applied after the other filters (it needs the checks cache). */
export function filterByChecks<R extends { sample: Sample }>(rows: R[], filters: LibraryFilters, checks: ChecksCache): R[] {
  if (filters.checks !== 'failing') return rows;
  return rows.filter((row) => {
    const entry = currentChecks({ checks }, row.sample);
    return !!entry && failing(entry.result).length > 0;
  });
}
