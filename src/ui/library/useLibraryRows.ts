import { useSyncExternalStore } from 'react';
import type { LibraryRow } from '../../store/library/rows';
import type { LibraryQueryStatus } from '../../store/library/serverQuery';
import { useStudio, useStudioState } from '../app/StudioContext';

/**
 * The rows the library shows: the studio's library service filters and sorts them (the same
 * list j/k move through) over facts its index fills in idle time; this re-renders when the
 * filters, the sort, the samples or the facts change.
 */
export function useLibraryRows(): LibraryRow[] {
  const studio = useStudio();
  const { library } = studio.services;
  // Everything rows() reads, so a change of any re-renders the view. The answer filter and
  // sort read the checks' verdict (decided by SymPy in the background), as the column does.
  useStudioState((s) => s.samples);
  useStudioState((s) => s.entries);
  useStudioState((s) => s.filters);
  useStudioState((s) => s.sort);
  useStudioState((s) => (s.filters.checks === 'failing' || s.filters.answer !== 'all' || s.sort.column === 'answer' ? s.checks : null));
  useStudioState((s) => s.tokenCounting.counts);
  // The assignment filter reads who works on what, which the team server's feed updates.
  useStudioState((s) => (s.filters.assigned && s.filters.assigned !== 'all' ? s.sync.server : null));
  useSyncExternalStore(library.subscribe, library.progress);
  return library.rows();
}

/** Where the rows' membership and order come from: this page, or the team server (and why not, when it cannot). */
export function useLibraryQueryStatus(): LibraryQueryStatus {
  const { library } = useStudio().services;
  return useSyncExternalStore(library.subscribe, library.queryStatus);
}
