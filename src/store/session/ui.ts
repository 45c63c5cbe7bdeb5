/** The part of the UI state saved with the samples, so a reload returns the user to where they were. */
import type { LibraryFilters, LibrarySort } from '../library/state';
import type { ReviewPrefs } from '../review/state';

/** Which top-level screen is showing. */
export type StudioView = 'library' | 'sample' | 'dashboard';

export interface UiSnapshot {
  view: StudioView;
  openSampleId: string | null;
  /** Index of the step under the cursor in the open sample. */
  cursorStep: number;
  filters: LibraryFilters;
  sort: LibrarySort;
  /** Curation target, review queue statuses, fallback reviewer name. */
  reviewPrefs: ReviewPrefs;
}

export function uiSnapshot(s: UiSnapshot): UiSnapshot {
  return { view: s.view, openSampleId: s.openSampleId, cursorStep: s.cursorStep, filters: s.filters, sort: s.sort, reviewPrefs: s.reviewPrefs };
}
