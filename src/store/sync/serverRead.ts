/**
 * A team-server project's traces on demand: the browser holds every sample's library entry
 * (serverSync.ts reads the rows), and a trace is read when the studio asks — from the browser's
 * copy when it holds the sample at the version its entry names (or with an edit waiting), else
 * from the server, several samples per request. While the server cannot be reached, a copy read
 * at an older version is shown rather than nothing; a sample the copy lacks is "not available
 * offline", said in words (SamplesUnavailable).
 */
import type { ServerSample } from '../../core/sync';
import type { Sample } from '../../core/sample/types';
import { SamplesUnavailable } from '../session/persistence';
import { ServerError, type ServerApi } from './api';
import type { ServerCopy } from './serverStore';

/** Samples per request (the server's limit). */
export const READ_BATCH = 500;

export interface SampleReaderOptions {
  api: ServerApi;
  project: number;
  copy: ServerCopy;
  /** The server version of every sample the studio knows of (rows, change feed, saves); updated by reads. */
  known: Map<string, number>;
  /** A sample read from the server (who works on it comes with it). */
  noted(s: ServerSample): void;
}

export interface SampleReader {
  /** The samples of these ids, in that order (ids neither held nor on the server left out); `keep`: stored in the copy. */
  read(ids: readonly string[], keep: boolean): Promise<Sample[]>;
  /** Every sample the server has, `size` at a time (not kept in the copy: whole-project work is read once). */
  readAll(size: number, visit: (chunk: Sample[]) => void | Promise<void>): Promise<void>;
}

export function sampleReader({ api, project, copy, known, noted }: SampleReaderOptions): SampleReader {
  async function fromServer(ids: string[]): Promise<{ read: ServerSample[]; unreachable: boolean }> {
    const read: ServerSample[] = [];
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      try {
        read.push(...(await api.readSamples(project, ids.slice(i, i + READ_BATCH))));
      } catch (err) {
        if (err instanceof ServerError && err.unreachable) return { read, unreachable: true };
        throw err;
      }
    }
    return { read, unreachable: false };
  }

  async function read(ids: readonly string[], keep: boolean): Promise<Sample[]> {
    const unique = [...new Set(ids)];
    const [held, waiting] = await Promise.all([copy.samples(unique), copy.waitingIds()]);
    const found = new Map<string, Sample>();
    const wanted: string[] = [];
    for (const id of unique) {
      const copied = held.get(id);
      // With an edit waiting, the copy is the working copy; else it must be the version the entry names.
      if (copied && (waiting.has(id) || copied.version >= (known.get(id) ?? 0))) found.set(id, copied.sample);
      else if (known.has(id)) wanted.push(id);
    }
    const { read: fetched, unreachable } = await fromServer(wanted);
    for (const s of fetched) {
      noted(s);
      known.set(s.sample.id, Math.max(known.get(s.sample.id) ?? 0, s.version));
      found.set(s.sample.id, s.sample);
    }
    if (keep) await copy.keep(fetched.map((s) => ({ sample: s.sample, version: s.version })));
    const missing: string[] = [];
    if (unreachable) {
      for (const id of wanted) {
        const copied = held.get(id);
        if (found.has(id)) continue;
        // Offline: the copy read at an older version is better than nothing.
        if (copied) found.set(id, copied.sample);
        else missing.push(id);
      }
    }
    const result = unique.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    if (missing.length) throw new SamplesUnavailable(notOffline(missing), missing, result);
    return result;
  }

  return {
    read,
    async readAll(size, visit) {
      const ids = [...known.keys()].sort();
      const chunk = Math.max(1, Math.min(size, READ_BATCH));
      // Every chunk is read before saying what is missing: the message names all of it, not one chunk's.
      const missing: string[] = [];
      for (let i = 0; i < ids.length; i += chunk) {
        let samples: Sample[];
        try {
          samples = await read(ids.slice(i, i + chunk), false);
        } catch (err) {
          if (!(err instanceof SamplesUnavailable)) throw err;
          missing.push(...err.ids);
          samples = err.available;
        }
        if (samples.length) await visit(samples);
      }
      if (missing.length) throw new SamplesUnavailable(notOffline(missing), missing, []);
    },
  };
}

/** Ids named in a message before "and N more". */
export const NAMED_MISSING = 5;

/** Which samples cannot be read offline, by id (the first few, then how many more), so they can be opened once online. */
export function notOffline(missing: readonly string[]): string {
  const why = 'this browser holds no copy of the trace, and the server cannot be reached';
  if (missing.length === 1) return `sample ${missing[0]} is not available offline: ${why}`;
  const named = missing.slice(0, NAMED_MISSING).join(', ');
  const more = missing.length > NAMED_MISSING ? ` and ${missing.length - NAMED_MISSING} more` : '';
  return `${missing.length} samples are not available offline (${named}${more}): ${why}`;
}
