import { failing } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import { currentChecks, type ChecksCache } from '../checks/checks';
import type { LibraryFilters } from './state';

/**
 * The library's "checks failing" filter, applied after the other filters (it needs the checks
 * cache): the checks this page ran for the sample's content, else those kept with its entry
 * (`kept`: the failing ids, or undefined when none are current).
 */
export function filterByChecks<R extends { sample: Sample | undefined }>(
  rows: R[],
  filters: LibraryFilters,
  checks: ChecksCache,
  kept: (row: R) => readonly string[] | undefined = () => undefined,
): R[] {
  if (filters.checks !== 'failing') return rows;
  return rows.filter((row) => {
    const entry = row.sample && currentChecks({ checks }, row.sample);
    // A sample whose checks never ran for its content (here or when kept): not known to fail.
    const failures = entry ? failing(entry.result).length : kept(row)?.length;
    return !!failures;
  });
}
