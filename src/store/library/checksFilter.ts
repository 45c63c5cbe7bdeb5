import { failing } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import { currentChecks, type ChecksCache } from '../checks/checks';
import type { LibraryFilters } from './state';

/** The library's "checks failing" filter, applied after the other filters (it needs the checks cache). */
export function filterByChecks<R extends { sample: Sample | undefined }>(rows: R[], filters: LibraryFilters, checks: ChecksCache): R[] {
  if (filters.checks !== 'failing') return rows;
  return rows.filter((row) => {
    // A sample whose trace was never read has no checks yet: not known to fail.
    const entry = row.sample && currentChecks({ checks }, row.sample);
    return !!entry && failing(entry.result).length > 0;
  });
}
