/**
 * The studio's whole state, composed from each feature's slice. Slice files declare their
 * own shapes and import nothing from the store but other slice shapes, so no feature's
 * types reach another's through this file and back (no import cycles).
 */
import type { Sample } from '../core/sample/types';
import { initialPythonSlice, type PythonSlice } from './python/state';
import { initialGenerationSlice, type GenerationSlice } from './generate/state';
import { initialHintsSlice, type HintsSlice } from './hints/state';
import { defaultFilters, defaultSort, initialLibrarySlice, type LibraryEntry, type LibrarySlice } from './library/state';
import { initialProjectSlice, type ProjectSlice } from './project/state';
import { defaultReviewPrefs, initialReviewUi, type ReviewUi } from './review/state';
import { initialSettingsSlice, type SettingsSlice } from './settings/state';
import type { ChecksCache } from './checks/state';
import { initialSyncSlice, type SyncSlice } from './sync/state';
import type { UiSnapshot } from './session/ui';

export type { UiSnapshot, StudioView } from './session/ui';
export { uiSnapshot } from './session/ui';
export type { AnswerFilter, LibraryFilters, LibrarySort, LibrarySortColumn } from './library/state';
export { defaultFilters, defaultSort } from './library/state';
export type { ImportNoteRow, ImportRejectRow, ImportReport } from './project/state';

/** The command palette or the keyboard help, over everything else. */
export type Overlay = 'palette' | 'help';

export interface SessionSlice {
  /** False until the database has been read (and the demo seeded on first start). */
  ready: boolean;
  /** Set when opening the database failed; the studio then works in memory only. */
  loadError: string | null;
  /**
   * The samples in memory: every sample with a persistence that loads whole (memory, team
   * server); with one that stores library entries (IndexedDB), those opened, edited or asked
   * for by whole-project work — the rest are in `entries` (library/entries.ts).
   */
  samples: Record<string, Sample>;
  /** Stored library entries of samples whose trace may not be in memory (library/entries.ts). */
  entries: Record<string, LibraryEntry>;
  /** Message of the last failed save; the edits stay in memory and are retried. */
  saveError: string | null;
  /** Whether the browser granted persistent storage (evicted last, if ever); null until asked or where it does not apply. */
  storagePersisted: boolean | null;
  /** The last named edit of a sample (shown in the status line). */
  lastEdit: { sampleId: string; label: string; at: string } | null;
  /** Bumped whenever undo stacks change, so views re-read the undo status. */
  historyVersion: number;
  /** Automatic checks per sample, for the current content only (checks/checks.ts). */
  checks: ChecksCache;
  /** Review dialogs and notices (review/review.ts). */
  review: ReviewUi;
  overlay: Overlay | null;
  /** Versions that met: conflicts to resolve, and the team server's connection (sync/). */
  sync: SyncSlice;
}

export interface StudioState
  extends UiSnapshot,
    SessionSlice,
    LibrarySlice,
    ProjectSlice,
    HintsSlice,
    GenerationSlice,
    SettingsSlice,
    PythonSlice {}

export function initialState(): StudioState {
  return {
    ready: false,
    loadError: null,
    samples: {},
    entries: {},
    view: 'library',
    openSampleId: null,
    cursorStep: 0,
    filters: { ...defaultFilters },
    sort: { ...defaultSort },
    reviewPrefs: { ...defaultReviewPrefs },
    saveError: null,
    storagePersisted: null,
    lastEdit: null,
    historyVersion: 0,
    checks: {},
    review: initialReviewUi(),
    overlay: null,
    ...initialLibrarySlice(),
    ...initialProjectSlice(),
    ...initialHintsSlice(),
    ...initialGenerationSlice(),
    ...initialSettingsSlice(),
    ...initialPythonSlice(),
    ...initialSyncSlice(),
  };
}
