/**
 * What the studio is built from. The composition root (src/main.tsx in the browser, or a
 * Node program) makes each part and hands them to `createStudio`; nothing in the store
 * constructs a dependency of its own, so each can be swapped: IndexedDB for memory or a
 * team server, sandboxed Pyodide for Node interpreters, a real model server for a scripted one.
 */
import type { TokenCounts, TokenizerSource } from '../core/tokens';
import type { PythonRuntimes } from '../core/exec/runtime';
import type { ModelClient } from '../core/generate';
import type { Sample } from '../core/sample/types';
import type { TraceProfile } from '../core/profiles/types';
import type { HistoryStorage } from './session/undo';
import type { QuickChecksOffThread } from './checks/quickCheckRequest';
import type { StudioPersistence } from './session/persistence';
import type { LocalSettingsPersistence } from './settings/localSettings';
import type { ModelEndpoint } from './settings/state';
import type { NamedFile } from './project/state';
import type { ImportNote, ImportReject } from '../core/import';
import type { AdminService } from './admin';
import type { TeamConnection } from './team/connection';
import type { LibraryQuerySource } from './library/query';
import type { ExportSessionFactory } from './project/exportOffThread';
import type { TokenizerFileText } from './settings/tokenizerFiles';
import type { LoadedModelFiles } from './settings/tokenWorker';
import type { RemoteImporter } from './sync/serverImport';

/** Makes the model client for an endpoint of the settings. */
export type ModelClientFactory = (endpoint: ModelEndpoint) => ModelClient;

/** Time, injectable so tests and the server can control it. */
export interface Clock {
  /** ISO 8601, for timestamps written into samples. */
  now(): string;
  /** Milliseconds for durations. */
  ms(): number;
  /** Runs `work` when the page is idle (requestIdleCallback in the browser). */
  idle(work: () => void): void;
}

/** Where the studio is in the address bar (`#/sample/<id>`), so back/forward and links work. */
export interface StudioLocation {
  read(): string;
  /** A new history entry (open a sample), or the current one replaced (start, restore). */
  write(path: string, mode: 'push' | 'replace'): void;
  /** Back/forward changed the address. */
  subscribe(listener: (path: string) => void): () => void;
}

/** Files in and out: the browser's file picker and downloads; a folder in Node. */
export interface StudioFiles {
  /** Asks the user for files (resolves with none when cancelled). */
  pick(options: { accept: string; multiple: boolean }): Promise<File[]>;
  download(name: string, content: string | Uint8Array, type?: string): void;
}

/** Reads big import files off the main thread (a worker in the browser). */
/** `profiles`: the project's own trace profiles, which the records may name. */
export type OffThreadImport = (file: NamedFile, profiles?: TraceProfile[]) => Promise<{ samples: Sample[]; rejects: ImportReject[]; notes: ImportNote[] }>;

export interface StudioDeps {
  /** Samples and the UI snapshot: IndexedDB, memory, or (later) a team server with sync. */
  persistence: StudioPersistence;
  /** Settings and the hint library, apart from the samples (API keys never travel). */
  localSettings?: LocalSettingsPersistence;
  /** The Python runtimes; without them nothing runs (the checks stay quick). */
  python?: PythonRuntimes;
  /** Model clients for Continue; without it Continue says no endpoint can be used. */
  modelClient?: ModelClientFactory;
  clock?: Clock;
  /** The demo project's files, imported on the very first start (empty database). */
  loadDemo?: () => Promise<NamedFile[]>;
  location?: StudioLocation;
  files?: StudioFiles;
  importOffThread?: OffThreadImport;
  /**
   * The library's token counts off the page's thread (a worker in the browser that builds the
   * tokenizer and counts); without it the library counts on this thread.
   */
  tokenCountsOffThread?: (source: TokenizerSource) => Promise<TokenCounts & { dispose?(): void }>;
  /**
   * A model tokenizer the user chose in Settings, checked, described and built off the page's
   * thread (the token worker); with it the page never builds a tokenizer. Rejects with a sentence
   * naming the file.
   */
  tokenizerFilesOffThread?: (files: TokenizerFileText[]) => Promise<TokenCounts & { dispose?(): void } & LoadedModelFiles>;
  /**
   * The export dialog's exports: a worker in the browser builds the user's tokenizer and
   * encodes every sample there (project/exportOffThread.ts); without it they run on this thread.
   */
  exportOffThread?: ExportSessionFactory;
  /** The quick checks off the page's thread (a worker in the browser); without it they run on this thread. */
  quickChecksOffThread?: QuickChecksOffThread;
  /** Boot the next sample's interpreter once the studio is up (default true; a Node program may not want one). */
  warmUpPython?: boolean;
  /** Where undo stacks survive a reload of the tab (sessionStorage in the browser). */
  historyStorage?: HistoryStorage | null;
  saveDebounceMs?: number;
  /** User management on a team server: composed only when an admin is signed in. */
  admin?: AdminService;
  /** The team server's projects, sign-out and assignment: composed only when the studio works with a server. */
  team?: TeamConnection;
  /** Where the library's filters, search and sort run besides this page (a team server's SQL); absent: here, over the entries. */
  libraryQuery?: LibraryQuerySource;
  /** Where imported files go besides this page (a team server's streaming import); absent: into this page's copy. */
  remoteImport?: RemoteImporter;
}

/** The system clock, with idle work on a timer (Node, tests). */
export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  ms: () => performance.now(),
  idle: (work) => void setTimeout(work, 0),
};
