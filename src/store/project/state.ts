/** Import, backup and export: files in, reports out, and the dialogs (importing.ts, backup.ts, export.ts). */
import type { TraceProfile } from '../../core/profiles/types';
import type { Hint } from '../../core/hints';

/** A file as the browser hands it over: name without directories, raw bytes. */
export interface NamedFile {
  name: string;
  bytes: Uint8Array;
  /**
   * Where the bytes were read from (the chosen or dropped File), to read them again: the
   * import worker is handed `bytes` (moved, not copied), and a worker that dies then leaves
   * the page nothing to import on its own. Absent for bytes given as they are (a paste, a test).
   */
  source?: Blob;
}

/** What the paste dialog collects besides the trace text. */
export interface PastedTraceInput {
  problem?: string;
  gtAnswer?: string;
  source?: string;
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

/** A record imported with a remark: a merged duplicate, a dropped oversized field (importing.ts). */
export interface ImportNoteRow {
  file: string;
  line?: number;
  unit?: 'line' | 'row' | 'sample';
  field?: string;
  /** profile-added / profile-refused: a file's own trace profiles (an export's manifest, a backup's settings) adopted or not. */
  /** server: a team server's remark on the file as a whole (settings taken, approvals made there). */
  kind: 'duplicate' | 'field-dropped' | 'number-as-text' | 'profile-added' | 'profile-refused' | 'server';
  message: string;
}

/** What the last import did, for the import report panel. */
export interface ImportReport {
  files: string[];
  /** Samples new to the studio. */
  imported: number;
  /** Samples that were already present (not duplicated), kept as they were. */
  alreadyPresent: number;
  /** Samples already present whose newer edit in the file was taken (core/project mergeSamples; locally and on a team server). */
  updated?: number;
  rejects: ImportRejectRow[];
  /** Identical (prompt, response) pairs merged into a sample already imported; each is also a note. */
  merged?: number;
  notes?: ImportNoteRow[];
  /** The cause when writing the imported samples to the database failed (they stay in memory, retried). */
  notSaved?: string;
}

export type RestoreOutcome = 'added' | 'updated' | 'kept';

export interface RestoreRow {
  sampleId: string;
  problem: string;
  outcome: RestoreOutcome;
  /** Why, in words: which copy was newer. */
  detail: string;
}

/** The backup's studio-wide parts as they apply here, with a sentence per decision. */
export interface ExtrasPlan {
  /** Settings to adopt; absent when this studio keeps its own. */
  settings?: Record<string, unknown>;
  /** Custom hints of the backup that this studio does not have (by id). */
  hints: Hint[];
  /** The project's own trace profiles with the backup's adopted; absent when none was added. */
  profiles?: TraceProfile[];
  notes: string[];
}

/** What a restore did, for the report panel. */
export interface RestoreReport {
  file: string;
  /** When the backup was written (from its header). */
  backupTakenAt: string;
  rows: RestoreRow[];
  rejects: ImportRejectRow[];
  /** Set when the file could not be read as a backup at all (nothing was changed). */
  error?: string;
  /** What to do with the backup's settings and hints (applied with their commands). */
  extras: ExtrasPlan;
  /** The cause when writing the restored samples failed (they stay in memory, retried). */
  notSaved?: string;
}

/** An import's progress: a few words for the import button, and the whole of it for its tooltip. */
export interface ImportStatus {
  label: string;
  detail: string;
}

export interface ProjectSlice {
  importReport: ImportReport | null;
  importing: boolean;
  /** What an import under way is doing (on a team server: the upload). */
  importStatus: ImportStatus | null;
  pasteDialogOpen: boolean;
  /** The export dialog is showing. */
  exportDialogOpen: boolean;
  /** What the last backup restore did, per sample. */
  restoreReport: RestoreReport | null;
}

export function initialProjectSlice(): ProjectSlice {
  return { importReport: null, importing: false, importStatus: null, pasteDialogOpen: false, exportDialogOpen: false, restoreReport: null };
}
