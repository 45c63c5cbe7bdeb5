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
  // A sample whose checks never ran for its content (here or when kept): not known to fail.
  return rows.filter((row) => !!rowChecksFailing(row, checks, kept));
}

/**
 * How many of a row's checks fail: those this page ran for the sample's content, else those
 * kept with its entry (`kept`); undefined when neither is current. The filter and the sort by
 * checks (rows.ts) read it alike.
 */
export function rowChecksFailing<R extends { sample: Sample | undefined }>(row: R, checks: ChecksCache, kept: (row: R) => readonly string[] | undefined): number | undefined {
  const entry = row.sample && currentChecks({ checks }, row.sample);
  return entry ? failing(entry.result).length : kept(row)?.length;
}
