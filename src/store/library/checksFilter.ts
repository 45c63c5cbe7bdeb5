import { knownFailing } from '../../core/library/query';
import type { Sample } from '../../core/sample/types';
import { currentChecks, type CheckEntry, type ChecksCache } from '../checks/checks';
import type { LibraryEntry, LibraryFilters } from './state';

/** What a row's checks are read from: its entry, and its sample when the trace is in memory or was read for the screen. */
export interface ChecksRow {
  entry: Pick<LibraryEntry, 'id' | 'revision'>;
  sample: Sample | undefined;
}

/**
 * The library's "checks failing" filter, applied after the other filters (it needs the checks
 * cache): the checks this page ran for the sample's content, else those kept with its entry
 * (`kept`: the failing ids, or undefined when none are current).
 */
export function filterByChecks<R extends ChecksRow>(rows: R[], filters: LibraryFilters, checks: ChecksCache, kept: (row: R) => readonly string[] | undefined = () => undefined): R[] {
  if (filters.checks !== 'failing') return rows;
  // A sample whose checks never ran for its content (here or when kept), or whose answer is still pending: not known to fail.
  return rows.filter((row) => !!rowChecksFailing(row, checks, kept));
}

/**
 * The checks this page ran for a row's content: its sample's, or — a row whose trace is on disk
 * or only read for the screen — those of the revision its entry names (no trace hashed: the
 * entry carries its revision). The same result whether or not the trace was read, so a peek
 * moves no row in the sort by checks.
 */
export function rowChecksRun(row: ChecksRow, checks: ChecksCache): CheckEntry | undefined {
  if (row.sample) return currentChecks({ checks }, row.sample);
  const run = checks[row.entry.id];
  return run && row.entry.revision !== undefined && run.revision === row.entry.revision ? run : undefined;
}

/**
 * How many of a row's checks fail (core/library/query.ts `knownFailing`): the freshest result
 * this page knows — run here for its content, else kept with its entry (`kept`); undefined when
 * none is current, or the one run here waits for its answer verdict with nothing failing. The
 * filter, the sort by checks (rows.ts) and the column read it alike.
 */
export function rowChecksFailing<R extends ChecksRow>(row: R, checks: ChecksCache, kept: (row: R) => readonly string[] | undefined): number | undefined {
  const run = rowChecksRun(row, checks);
  return run ? knownFailing(run.result)?.length : kept(row)?.length;
}
