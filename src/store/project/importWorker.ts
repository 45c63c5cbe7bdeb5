/**
 * Runs core's importFile off the main thread (see importing.ts) and sends the samples back in
 * chunks: each chunk is copied into the page in a task of its own, so even reading the
 * samples back never holds the page for long.
 */
import { contentKey, importFile, type ImportNote, type ImportReject } from '../../core/import';
import type { TraceProfile } from '../../core/profiles/types';
import type { Sample } from '../../core/sample/types';
import { projectProfiles } from '../settings/profiles';

export interface ImportRequest {
  name: string;
  bytes: Uint8Array;
  /** The project's own profiles, which records' trace_profile may name. */
  profiles?: TraceProfile[];
}

export type ImportWorkerMessage =
  /** `keys`: each sample's content key (contentKey), computed here while importing; the page adopts them. */
  | { kind: 'samples'; samples: Sample[]; keys: string[] }
  | { kind: 'done'; rejects: ImportReject[]; notes: ImportNote[] }
  | { kind: 'error'; message: string };

/**
 * Samples per message: each is copied into the page in a task of its own. 50 (~1 MB) made
 * tasks of 170–500 ms on a loaded machine, most of it garbage collection while the copies
 * piled up (bench/profile-import.ts); 10 keep each copy a few hundred kB.
 */
const CHUNK = 10;

/** The worker's global scope, as much of it as this file uses (the DOM lib has no worker types). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportWorkerMessage): void;
};

scope.onmessage = async ({ data }) => {
  try {
    const result = await importFile(data.name, data.bytes, { profiles: projectProfiles({ customProfiles: data.profiles }) });
    for (let i = 0; i < result.samples.length; i += CHUNK) {
      const samples = result.samples.slice(i, i + CHUNK);
      scope.postMessage({ kind: 'samples', samples, keys: samples.map(contentKey) });
    }
    scope.postMessage({ kind: 'done', rejects: result.rejects, notes: result.notes });
  } catch (err) {
    scope.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
