/**
 * Runs core's importFile off the main thread (see importing.ts) and sends the samples back in
 * chunks: each chunk is copied into the page in a task of its own, so even reading the
 * samples back never holds the page for long.
 */
import { contentKey, importFile, type ImportNote, type ImportReject } from '../../core/import';
import type { TraceProfile } from '../../core/profiles/types';
import type { Sample } from '../../core/sample/types';
import { projectProfiles } from '../settings/profiles';
import { reporter, serve, type PageCallback } from '../workers/serve';

/**
 * Samples per message: each is copied into the page in a task of its own. 50 (~1 MB) made
 * tasks of 170–500 ms on a loaded machine, most of it garbage collection while the copies
 * piled up (bench/profile-import.ts); 10 keep each copy a few hundred kB.
 */
const CHUNK = 10;

export const importWorkerApi = {
  /**
   * Reads one file; its samples go to `onSamples` a chunk a message, each with its content key
   * (contentKey, computed here while importing; the page adopts them), before the result.
   * `profiles`: the project's own profiles, which records' trace_profile may name.
   */
  async importFile(name: string, bytes: Uint8Array, profiles: TraceProfile[] | undefined, onSamples: PageCallback<[Sample[], string[]]>): Promise<{ rejects: ImportReject[]; notes: ImportNote[] }> {
    const result = await importFile(name, bytes, { profiles: projectProfiles({ customProfiles: profiles }) });
    const chunks = reporter(onSamples);
    for (let i = 0; i < result.samples.length; i += CHUNK) {
      const samples = result.samples.slice(i, i + CHUNK);
      chunks.report(samples, samples.map(contentKey));
    }
    await chunks.done();
    return { rejects: result.rejects, notes: result.notes };
  },
};

export type ImportWorkerApi = typeof importWorkerApi;

serve(importWorkerApi);
