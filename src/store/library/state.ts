/** The library's filters and sort (persisted with the UI snapshot), and its entries (entries.ts). */
/** What the library knows of a sample without its trace (entries.ts; core/sample/entry.ts). */
export type { SampleEntry as LibraryEntry } from '../../core/sample/entry';

/** Answer state as the library filter sees it: boxed answer matches gt, differs, is not decided (yet), or is missing. */
export type AnswerFilter = 'all' | 'match' | 'mismatch' | 'undecided' | 'none';

export interface LibraryFilters {
  query: string;
  /** Data source tag (aime24, amc23, ...) or 'all'. */
  source: string;
  /** Review status or 'all'. */
  status: string;
  answer: AnswerFilter;
  /** 'failing': only samples with a failing check. Optional: older snapshots lack it. */
  checks?: 'all' | 'failing';
  /** On a team server: samples given to me, or my queue (team/assignment.ts). Optional: older snapshots lack it. */
  assigned?: 'all' | 'mine' | 'queue';
}

/** 'checks': failing first, then not known, then passing (core/library/query.ts CHECKS_ORDER). */
export type LibrarySortColumn = 'problem' | 'source' | 'status' | 'tokens' | 'codeBlocks' | 'answer' | 'checks';

export interface LibrarySort {
  column: LibrarySortColumn;
  direction: 'asc' | 'desc';
}

export const defaultFilters: LibraryFilters = { query: '', source: 'all', status: 'all', answer: 'all' };

export const defaultSort: LibrarySort = { column: 'problem', direction: 'asc' };

/** Keyboard state of the library (not persisted). */
export interface LibrarySlice {
  /** The row j/k move and Enter opens; null: the first row. */
  libraryCursor: string | null;
  /** Bumped to ask the view to put the focus in the search field (`/`). */
  searchFocus: number;
}

export function initialLibrarySlice(): LibrarySlice {
  return { libraryCursor: null, searchFocus: 0 };
}
