import type { Sample } from '../core/sample/types';
import type { ChecksCache } from './checks';
import { defaultReviewPrefs, initialReviewUi, type ReviewPrefs, type ReviewUi } from './review';
import type { RestoreReport } from './backup';
import { initialHintEngineeringSlice, type HintEngineeringSlice } from './hintEngineering';

/** Which top-level screen is showing. */
export type StudioView = 'library' | 'sample' | 'dashboard';

/** Answer state as the library filter sees it: boxed answer matches gt, differs, is not decided (yet), or is missing. */
export type AnswerFilter = 'all' | 'match' | 'mismatch' | 'undecided' | 'none';

export interface LibraryFilters {
  query: string;
  /** Data source tag (aime24, amc23, ...) or 'all'. */
  source: string;
  /** Review status or 'all'. */
  status: string;
  answer: AnswerFilter;
  /** 'failing': only samples with a failing check (src/ui/checks). Optional: older snapshots lack it. */
  checks?: 'all' | 'failing';
}

export type LibrarySortColumn = 'problem' | 'source' | 'status' | 'tokens' | 'codeBlocks' | 'answer';

export interface LibrarySort {
  column: LibrarySortColumn;
  direction: 'asc' | 'desc';
}

/** The part of the UI state that is persisted so a reload returns the user to where they were. */
export interface UiSnapshot {
  view: StudioView;
  openSampleId: string | null;
  /** Index of the step under the cursor in the open sample. */
  cursorStep: number;
  filters: LibraryFilters;
  sort: LibrarySort;
  /** Curation target, review queue statuses, fallback reviewer name (src/store/review.ts). */
  reviewPrefs: ReviewPrefs;
}

/** One record an importer refused, shown to the user verbatim. */
export interface ImportRejectRow {
  file: string;
  line?: number;
  /** How `line` counts: JSONL line (1-based), parquet row (0-based) or project sample. */
  unit?: 'line' | 'row' | 'sample';
  field?: string;
  reason: string;
}

/** A record imported with a remark: a merged duplicate, a dropped oversized field (src/store/importing.ts). */
export interface ImportNoteRow {
  file: string;
  line?: number;
  unit?: 'line' | 'row' | 'sample';
  field?: string;
  kind: 'duplicate' | 'field-dropped' | 'number-as-text';
  message: string;
}

/** What the last import did, for the import report panel. */
export interface ImportReport {
  files: string[];
  /** Samples new to the studio. */
  imported: number;
  /** Samples that were already present (not duplicated). */
  alreadyPresent: number;
  rejects: ImportRejectRow[];
  /** Identical (prompt, response) pairs merged into a sample already imported; each is also a note. */
  merged?: number;
  notes?: ImportNoteRow[];
}

/** Hint-Engineering fields (caret, hint palette, edits, generation, settings) come from src/store/hintEngineering.ts. */
export interface StudioState extends UiSnapshot, HintEngineeringSlice {
  /** False until the database has been read (and the demo seeded on first start). */
  ready: boolean;
  /** Set when opening the database failed; the studio then works in memory only. */
  loadError: string | null;
  samples: Record<string, Sample>;
  importReport: ImportReport | null;
  importing: boolean;
  /** Message of the last failed save; the edits stay in memory and are retried. */
  saveError: string | null;
  pasteDialogOpen: boolean;
  /** The last named edit of a sample (shown in the status line; the hook for undo later). */
  lastEdit: { sampleId: string; label: string; at: string } | null;
  /** Automatic checks per sample, for the current content only (src/store/checks.ts). */
  checks: ChecksCache;
  /** Review dialogs and notices (src/store/review.ts). */
  review: ReviewUi;
  /** The export dialog (src/ui/export) is showing. */
  exportDialogOpen: boolean;
  /** What the last backup restore did, per sample (src/ui/backup). */
  restoreReport: RestoreReport | null;
}

export const defaultFilters: LibraryFilters = { query: '', source: 'all', status: 'all', answer: 'all' };

export const defaultSort: LibrarySort = { column: 'problem', direction: 'asc' };

export function initialState(): StudioState {
  return {
    ready: false,
    loadError: null,
    samples: {},
    view: 'library',
    openSampleId: null,
    cursorStep: 0,
    filters: { ...defaultFilters },
    sort: { ...defaultSort },
    importReport: null,
    importing: false,
    saveError: null,
    pasteDialogOpen: false,
    lastEdit: null,
    reviewPrefs: { ...defaultReviewPrefs },
    checks: {},
    review: initialReviewUi(),
    exportDialogOpen: false,
    restoreReport: null,
    ...initialHintEngineeringSlice(),
  };
}

export function uiSnapshot(s: UiSnapshot): UiSnapshot {
  return { view: s.view, openSampleId: s.openSampleId, cursorStep: s.cursorStep, filters: s.filters, sort: s.sort, reviewPrefs: s.reviewPrefs };
}
