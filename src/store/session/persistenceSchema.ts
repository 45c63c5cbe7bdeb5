/** The studio's IndexedDB database: its stores and what they hold (database version 3). */
import type { DBSchema } from 'idb';
import type { Sample } from '../../core/sample/types';
import type { LibraryEntry } from '../library/entries';
import type { UiSnapshot } from './ui';
import type { StoredVersion } from './versions';

export interface StudioDB extends DBSchema {
  samples: { key: string; value: Sample };
  meta: { key: string; value: UiSnapshot };
  /** The version each sample is stored at and who wrote it (since database version 2). */
  versions: { key: string; value: StoredVersion };
  /**
   * The journal: every save's edits, committed before the versioned write, and kept while that
   * write refuses them (a conflict). An entry left by a page closed mid-save is settled at load.
   */
  pending: { key: string; value: PendingEdit };
  /**
   * Each sample's library entry with the version it was stored at (since database version 3): a
   * reload reads these, not the traces, nor the versions store.
   */
  library: { key: string; value: LibraryEntry & { version?: number } };
}

export interface PendingEdit {
  mine: Sample;
  baseVersion: number;
  writer: string;
}

export const DATABASE_NAME = 'hint-studio';
export const UI_KEY = 'ui';
export const STORES = ['samples', 'meta', 'versions', 'pending', 'library'] as const;
