/**
 * Messages between the studio page and the sandbox frame (sandbox.html) beyond the
 * interpreter protocol: booting the worker and fetching files from the Pyodide folder.
 * The frame has an opaque origin, so every file it needs from the studio comes through here.
 */

/** Sent once by the studio after the frame said `sandbox-loaded`. */
export interface SandboxBoot {
  type: 'sandbox-boot';
  /** Scripts the frame concatenates into the worker: Pyodide's loader, its asm.js, our worker. */
  scripts: Blob[];
  boot: WorkerBoot;
}

/** What the worker gets first (the frame adds the interrupt buffer it created, and the channel). */
export interface WorkerBoot {
  type: 'boot';
  /** The studio's Pyodide folder; the worker answers Pyodide's requests for it from `files`. */
  indexURL: string;
  /**
   * Core files sent up front (wasm, stdlib, lock file). Blobs: handing one to another frame
   * copies no bytes on the studio's thread, so booting a sandbox never holds the page.
   */
  files: Record<string, Blob>;
  /** Official package index for non-local packages. */
  packageIndexUrl?: string;
  interruptBuffer?: SharedArrayBuffer;
  /** A memory snapshot of an interpreter with the local packages imported (see python/snapshot). */
  snapshot?: SnapshotBoot;
}

/** What a worker needs to start from the build-time snapshot instead of booting cold. */
export interface SnapshotBoot {
  bytes: Blob;
  /** Zips that were on sys.path when the snapshot was made: written back to the same paths. */
  zips: { path: string; file: string }[];
  /** Local packages already imported in the snapshot (their files come back with the zips). */
  packages: string[];
  /** The zips themselves, fetched with the snapshot (by file name). */
  files?: Record<string, Blob>;
}

/** The worker asks the studio for a file of the Pyodide folder (a package zip). */
export interface AssetRequest {
  type: 'asset-request';
  id: number;
  file: string;
}

export interface AssetReply {
  type: 'asset';
  id: number;
  bytes?: Blob;
  error?: string;
}

/** A file name the studio serves to the sandbox: one name in the Pyodide folder, no path. */
export const ASSET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/**
 * Bounds on what crosses the sandbox boundary. The worker keeps every message within them
 * before posting (a print loop or a huge exception must not make a message the studio cannot
 * hold); the frame and the studio drop anything larger, with a notice.
 */
export const MESSAGE_LIMITS = {
  /** Characters kept at each end of stdout and of a traceback (as the runner keeps stdout). */
  keepEnds: 1_000_000,
  /** Longest text field accepted: both ends plus the gap line. */
  text: 2_001_000,
  /** Short fields: details, names, versions, file names. */
  short: 2_000,
  /** Entries of a list field (package names). */
  list: 100,
} as const;

/** `text` with at most `keep` characters at each end and a line saying how many were left out. */
export function keepEnds(text: string, keep: number = MESSAGE_LIMITS.keepEnds): string {
  if (text.length <= 2 * keep) return text;
  const dropped = text.length - 2 * keep;
  return `${text.slice(0, keep)}\n... [${dropped} characters not kept] ...\n${text.slice(-keep)}`;
}
