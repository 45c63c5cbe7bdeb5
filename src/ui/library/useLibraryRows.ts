import { useDeferredValue, useMemo, useSyncExternalStore } from 'react';
import type { LibraryRow } from '../../store/library/rows';
import type { LibraryQueryStatus } from '../../store/library/serverQuery';
import { useStudio, useStudioState } from '../app/StudioContext';

/**
 * The rows the library shows: the studio's library service filters and sorts them (the same
 * list j/k move through) over facts its index fills in idle time; this re-renders when the
 * filters, the sort, the samples or the facts change. The rows are computed and drawn in a
 * deferred render (useDeferredValue): a store update renders synchronously, and merging a
 * reload's page of a big library into the rows, then drawing them, held the page over 100 ms
 * in one task; deferred, React draws in slices it can yield between.
 */
export function useLibraryRows(): LibraryRow[] {
  const studio = useStudio();
  const { library } = studio.services;
  // Everything rows() reads, so a change of any re-renders the view. The answer filter and
  // sort read the checks' verdict (decided by SymPy in the background), as the column does.
  const samples = useStudioState((s) => s.samples);
  const entries = useStudioState((s) => s.entries);
  const filters = useStudioState((s) => s.filters);
  const sort = useStudioState((s) => s.sort);
  const checks = useStudioState((s) => (s.filters.checks === 'failing' || s.filters.answer !== 'all' || s.sort.column === 'answer' ? s.checks : null));
  const counts = useStudioState((s) => s.tokenCounting.counts);
  // The assignment filter reads who works on what, which the team server's feed updates.
  const server = useStudioState((s) => (s.filters.assigned && s.filters.assigned !== 'all' ? s.sync.server : null));
  // And what it reads besides the state: the index's facts, traces read for the rows on screen, the server's answer.
  const revision = useSyncExternalStore(library.subscribe, library.revision);
  const changed = useMemo(() => ({}), [samples, entries, filters, sort, checks, counts, server, revision]);
  const shown = useDeferredValue(changed);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rows() reads the store; `shown` says when to read it again
  return useMemo(() => library.rows(), [library, shown]);
}

/** Where the rows' membership and order come from: this page, or the team server (and why not, when it cannot). */
export function useLibraryQueryStatus(): LibraryQueryStatus {
  const { library } = useStudio().services;
  return useSyncExternalStore(library.subscribe, library.queryStatus);
}
